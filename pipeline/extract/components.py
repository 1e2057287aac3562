"""The components that read one kind of fact each: a grammar of grammar/ run over the
Doc's text, its mentions handed on as the Doc extensions the component `assigns`.

Each row of COMPONENTS is registered with spaCy as a factory named `name`, whose
default_config names the patterns file it reads. `build` compiles the grammar from that
file when the pipeline is built (a wrong file fails there, not inside a document);
`read` returns the mentions of one Doc by kind. Components some of whose readers take
only their default file (`other_files=False`) refuse another one at build.

effects.py (which rewrites the citations it reads) and provenance.py (which runs last,
over every kind) are components of their own.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter
from spacy.language import Language
from spacy.tokens import Doc

from ..grammar import (
    body_grammar, citation_context, date_grammar, figures, gazetteer, money_grammar, percentages,
    places, project_grammar,
)
from ..grammar.citations import find_citations_in
from ..grammar.date_parser import DateSpan, find_dates
from ..grammar.money import read_money
from ..grammar.organizations import organizations
from ..grammar.projects import projects
from ..models import DateMention, Period
from ..patterns import only_default
from . import base


@dataclass(frozen=True)
class Component:
    name: str
    patterns: str                                          # default_config: its patterns file
    assigns: tuple[str, ...]                               # the kinds of mention it writes
    build: Callable[[str], Any]                            # patterns file -> its grammar
    read: Callable[[Doc, Any], dict[str, Sequence]]        # (Doc, grammar) -> mentions by kind
    other_files: bool = False                              # every reader takes another file

    def make(self, nlp: Language, name: str, patterns: str):
        if not self.other_files:
            only_default(self.name, self.patterns, patterns)
        g = self.build(patterns)

        def component(doc: Doc) -> Doc:
            for kind, found in self.read(doc, g).items():
                if found:
                    base.add(doc, kind, found)
            return doc
        return component

    def register(self) -> None:
        Language.factory(self.name, default_config={"patterns": self.patterns},
                         assigns=[f"doc._.{kind}" for kind in self.assigns], func=self.make)


# One validation of a list is cheaper than one per model when a document has many dates.
_DAYS = TypeAdapter(list[DateMention])
_PERIODS = TypeAdapter(list[Period])


def _dates(doc: Doc, g) -> dict[str, Sequence]:
    """Full calendar days as DateMention, everything coarser as periods. The gold counts
    dates as a multiset of days (day, month and year known, the year possibly inherited
    inside a range), so a month or a quarter emitted as a DateMention would only ever be a
    false positive; months, quarters, halves, years, multi-year periods, ranges and "as of"
    limits are Period mentions."""
    spans = find_dates(base.text(doc), g)
    return {"dates": _DAYS.validate_python([_day(s) for s in spans if s.value.granularity == "day"]),
            "periods": _PERIODS.validate_python([_period(s) for s in spans if s.value.granularity != "day"])}


def _day(span: DateSpan) -> dict:
    return {"text": span.text, "start": span.start, "end": span.end, "value": span.value.iso,
            "precision": "day"}


def _period(span: DateSpan) -> dict:
    v = span.value
    return {"text": span.text, "start": span.start, "end": span.end, "value": v.iso,
            "granularity": v.granularity, "start_date": v.start.isoformat() if v.start else None,
            "end_date": v.end.isoformat()}


def _money(doc: Doc, g) -> dict[str, Sequence]:
    reading = read_money(base.text(doc), base.sentences(doc), base.context(doc).structure)
    return {"amounts": reading.amounts, "flags": reading.flags}


def _money_grammars(patterns: str):
    date_grammar.grammar()  # the periods of amounts are read with it
    return money_grammar.grammar(patterns)


def _places_grammar(patterns: str):
    gazetteer.gazetteer()
    return places.grammar(patterns)


COMPONENTS = (
    Component("vanban_citations", "citation_cues", ("citations",), citation_context.context_patterns,
              lambda doc, g: {"citations": find_citations_in(base.text(doc), base.context(doc).structure,
                                                             base.sentences(doc))}),
    Component("vanban_dates", "dates", ("dates", "periods"), date_grammar.grammar, _dates, other_files=True),
    Component("vanban_money", "money", ("amounts", "flags"), _money_grammars, _money),
    Component("vanban_percentages", "percentages", ("percentages",), percentages.grammar,
              lambda doc, g: {"percentages": percentages.find_percentages(base.text(doc), base.sentences(doc), g)},
              other_files=True),
    Component("vanban_figures", "units", ("figures",), figures.grammar,
              lambda doc, g: {"figures": figures.find_figures(base.text(doc), g)}, other_files=True),
    Component("vanban_organizations", "bodies", ("organizations",), body_grammar.grammar,
              lambda doc, g: {"organizations": organizations(base.text(doc), base.context(doc).structure.header)}),
    Component("vanban_projects", "programmes", ("projects",), project_grammar.grammar,
              lambda doc, g: {"projects": projects(base.text(doc))}),
    Component("vanban_places", "places", ("places",), _places_grammar,
              lambda doc, g: {"places": places.places(base.text(doc), base.context(doc).structure.header)}),
)
for _component in COMPONENTS:
    _component.register()
