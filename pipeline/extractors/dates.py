"""Dates component: full calendar days as DateMention, everything coarser as periods.

The gold counts dates as a multiset of values (every mention of a day whose day, month and
year are known, the year possibly inherited inside a range), so a month or a quarter
emitted as a DateMention would only ever be a false positive. Months, quarters, halves,
years, multi-year periods, ranges and "as of" limits go to mentions(doc)["periods"] as
Period mentions instead.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..dates import DateSpan, find_dates
from ..models import DateMention, Period
from . import base


@Language.factory("vanban_dates")
def make_component(nlp: Language, name: str):
    return add_dates


def to_mention(span: DateSpan) -> DateMention:
    return DateMention(text=span.text, start=span.start, end=span.end,
                       value=span.value.iso, precision="day")


def to_period(span: DateSpan) -> Period:
    v = span.value
    return Period(text=span.text, start=span.start, end=span.end, value=v.iso,
                  granularity=v.granularity, start_date=v.start.isoformat() if v.start else None,
                  end_date=v.end.isoformat())


def add_dates(doc: Doc) -> Doc:
    spans = find_dates(base.text(doc))
    base.add(doc, "dates", [to_mention(s) for s in spans if s.value.granularity == "day"])
    base.add(doc, "periods", [to_period(s) for s in spans if s.value.granularity != "day"])
    return doc
