"""Dates component: full calendar days as DateMention, everything coarser as periods.

The gold counts dates as a multiset of values (every mention of a day whose day, month and
year are known, the year possibly inherited inside a range), so a month or a quarter
emitted as a DateMention would only ever be a false positive. Months, quarters, halves,
years, multi-year periods, ranges and "as of" limits go to mentions(doc)["periods"] as
Period mentions instead.
"""
from __future__ import annotations

from pydantic import TypeAdapter
from spacy.language import Language
from spacy.tokens import Doc

from ..grammar.date_grammar import DateGrammar, grammar
from ..grammar.date_parser import DateSpan, find_dates
from ..models import DateMention, Period
from . import base


@Language.factory("vanban_dates", default_config={"patterns": "dates"},
                  assigns=["doc._.dates", "doc._.periods"])
def make_component(nlp: Language, name: str, patterns: str):
    g = grammar(patterns)

    def component(doc: Doc) -> Doc:
        return add_dates(doc, g)
    return component


# One validation of a list is cheaper than one per model when a document has many dates.
_MENTIONS = TypeAdapter(list[DateMention])
_PERIODS = TypeAdapter(list[Period])


def mention_fields(span: DateSpan) -> dict:
    return {"text": span.text, "start": span.start, "end": span.end,
            "value": span.value.iso, "precision": "day"}


def period_fields(span: DateSpan) -> dict:
    v = span.value
    return {"text": span.text, "start": span.start, "end": span.end, "value": v.iso,
            "granularity": v.granularity, "start_date": v.start.isoformat() if v.start else None,
            "end_date": v.end.isoformat()}


def add_dates(doc: Doc, g: DateGrammar) -> Doc:
    spans = find_dates(base.text(doc), g)
    days = [mention_fields(s) for s in spans if s.value.granularity == "day"]
    periods = [period_fields(s) for s in spans if s.value.granularity != "day"]
    base.add(doc, "dates", _MENTIONS.validate_python(days))
    base.add(doc, "periods", _PERIODS.validate_python(periods))
    return doc
