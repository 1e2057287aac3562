"""The document's own force: when it comes into force and until when.

It comes from the document's in-force clause ("Quyết định này có hiệu lực kể từ ngày …",
"kể từ ngày ký" = the issue date) and its end from an "as of" limit there or in its term
("thời hạn … đến hết năm 2025"), or "Thông tư này hết hiệu lực kể từ ngày …"; the dates
are the date grammar's (pipeline.dates), found by the dates component.

`Document` is the text as the effects reader (pipeline.grammar.effects) and this one read
it: its citations and dates sorted, with their offsets ready for bisecting.
"""
from __future__ import annotations

import bisect
import datetime
from dataclasses import dataclass
from functools import cache

import regex

from .doctypes import by_code
from ..models import Citation, DateMention, Header, Period, Validity
from ..text.sentences import SentenceIndex
from .effect_grammar import any_of, grammar


# How far before "hết hiệu lực" the document may name itself ("Quyết định này").
_SELF_REACH = 60
# How many characters after "kể từ ngày" its date must start.
_DATE_GAP = 3


@dataclass(frozen=True)
class Document:
    """One normalised text with what was found in it, as its effects and force are read:
    its header, its kind code, whether it may act (its imperative lines act: it is not a
    draft nor a proposal) and whether it is a draft; its citations and its dates sorted by
    offset, with those offsets (`starts`, `date_starts`) to bisect."""

    text: str
    header: Header | None
    kind: str
    may_act: bool
    draft: bool
    cites: list[Citation]
    starts: list[int]
    dates: list[DateMention | Period]
    date_starts: list[int]

    def cites_in(self, start: int, end: int) -> list[int]:
        """The indexes of the citations that start in text[start:end]."""
        return list(range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)))


def _dates_in(doc: Document, start: int, end: int):
    i = bisect.bisect_left(doc.date_starts, start)
    while i < len(doc.dates) and doc.dates[i].start < end:
        yield doc.dates[i]
        i += 1


def date_from(doc: Document, start: int, end: int) -> str | None:
    """The day after "kể từ ngày" in text[start:end], if it is written as a date (or opens
    a range: "từ ngày 01/01/2025 đến hết ngày 31/12/2025")."""
    found = day_from(doc, start, end)
    return found[1] if found else None


def day_from(doc: Document, start: int, end: int) -> tuple[DateMention | Period, str] | None:
    """The first date mention after "kể từ ngày" in text[start:end] written as a day (or
    opening a range), with that day."""
    for m in grammar().from_date.finditer(doc.text, start, end):
        for d in _dates_in(doc, m.start(), m.end() + _DATE_GAP):
            if isinstance(d, DateMention) and d.precision == "day":
                return d, d.value
            if isinstance(d, Period) and d.granularity == "period" and d.start_date:
                return d, d.start_date
    return None


def validity(doc: Document, sentences: SentenceIndex) -> Validity:
    """The document's own effective date and end."""
    p = grammar()
    text = doc.text
    subject = _own_type(doc.kind or "") or p.self_ref
    start = until = None
    for m in p.in_force_gate.finditer(text):
        s, e = sentences.bounds(m.start())
        lead = text[max(s, m.start() - 300):m.start()]
        if not (p.self_ref.search(lead) or subject.search(lead)):
            continue
        if start is None:
            if p.from_signing.match(text, skip_space(text, m.end())) and doc.header:
                start = doc.header.issued_date
            else:
                start = date_from(doc, m.end(), min(e, m.end() + 60))
        until = until or _as_of(doc, m.end(), e)
        if start:
            break
    # A term ("thời hạn …") ends the document's force only with a limit after it in its
    # sentence: without any limit in the text, its phrases are not looked for, and the
    # sentence is searched for the document naming itself only after a limit is found.
    for m in p.term_gate.finditer(text) if until is None and _has_limits(doc) else ():
        s, e = sentences.bounds(m.start())
        limit = _as_of(doc, m.end(), e)
        if limit and (p.self_ref.search(text, s, e) or subject.search(text, s, m.start())):
            until = limit
            break
    if until is None:
        # "Thông tư này hết hiệu lực kể từ ngày …": found from the verb, which is rare,
        # with the document naming itself just before it
        for v in p.ended_gate.finditer(text):
            if p.self_ref_end.search(text, max(0, v.start() - _SELF_REACH), v.start()) \
                    and (day := date_from(doc, v.end(), min(len(text), v.end() + 40))):
                until = (datetime.date.fromisoformat(day) - datetime.timedelta(days=1)).isoformat()
                break
    return Validity(effective_from=start, effective_until=until)


@cache
def _own_type(kind: str) -> regex.Pattern | None:
    """The words a document of type `kind` names itself by, any case; compiled once per
    type, not once per document."""
    t = by_code().get(kind.upper())
    return regex.compile(any_of((t.name, *t.words)), regex.I) if t else None


def skip_space(text: str, pos: int) -> int:
    """The first position from `pos` on that is not a blank nor an emphasis mark."""
    while pos < len(text) and text[pos] in " \t\n*_":
        pos += 1
    return pos


def _is_limit(d: DateMention | Period) -> bool:
    """An "as of" limit or a range: what can end the document's force."""
    return isinstance(d, Period) and d.granularity in ("as_of", "period")


def _has_limits(doc: Document) -> bool:
    return any(_is_limit(d) for d in doc.dates)


def _as_of(doc: Document, start: int, end: int) -> str | None:
    """The last day of an "as of" limit or of a range in text[start:end]."""
    for d in _dates_in(doc, start, end):
        if _is_limit(d):
            return d.end_date
    return None


