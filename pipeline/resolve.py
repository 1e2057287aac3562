"""Resolve stage: short forms inside a document linked to the full citation they repeat,
and the document a news article reports on.

"Quyết định nêu trên", "Kế hoạch này" and "Nghị quyết 58" name a document cited in full
earlier in the text. A short form takes the full citation it repeats when one is certain:
the citation just before it, when that is of the same type (as "id." names the citation
just before it); else the one citation of that type (and number, when it gives one) in
its paragraph; else the one in the whole text before it. When several fit, it is flagged
and left unresolved, never guessed. Links between documents of the corpus are made by the
store, which sees every document.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache

import regex
from pydantic import BaseModel

from . import patterns
from .grammar.doctypes import code_of_word
from .grammar.function_words import words as function_words
from .text.sentences import SentenceIndex, sentence_index
from .text.prefilter import DIGIT, Prefiltered, register
from .grammar.citation_context import relation_of
from .models import Citation, DateMention, ExtractionResult, Subject
from .structure.news import news_words


class ShortFormWords(BaseModel):
    types: list[str]
    earlier: list[str]
    this: list[str]


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def short_form() -> Prefiltered:
    """A short form: a type word, then "nêu trên" (earlier), "này" (this) or a bare number.
    Tried only at a type word followed by one of those words, "số" or a digit: most type
    words open a full citation or plain prose ("quyết định phê duyệt"), and the whole
    pattern was tried at each of them."""
    words = patterns.load("short_forms", ShortFormWords)
    pattern = regex.compile(
        rf"(?<!\p{{L}})(?P<type>{_alternation(words.types)})\s+"
        rf"(?:(?P<earlier>{_alternation(words.earlier)})|(?P<this>{_alternation(words.this)})"
        # a bare number: not followed by a symbol, a date part or another digit
        rf"|(?:{regex.escape(function_words().number)}\s+)?(?P<number>\d{{1,5}})(?![\d/.,]\d|[\d/\-\p{{L}}]))(?!\p{{L}})",
        regex.IGNORECASE,
    )
    return Prefiltered(pattern, starts=tuple(words.types),
                       then=(*words.earlier, *words.this, function_words().number, DIGIT))


register("resolve.short_form", short_form)


def resolve(result: ExtractionResult) -> ExtractionResult:
    return news_subject(short_forms(result))


def short_forms(result: ExtractionResult) -> ExtractionResult:
    """The result with each certain short form added as a citation of what it repeats."""
    text = result.text
    full = sorted(result.citations, key=lambda c: c.start)
    if not text or not full:
        return result
    starts = [c.start for c in full]
    own_kind = result.header.kind if result.header else None
    sentences: SentenceIndex | None = None  # built only when a short form resolves
    resolved: list[Citation] = []
    flags: list[str] = []
    for m in short_form().finditer(text):
        i = bisect.bisect_right(starts, m.end() - 1) - 1
        if i >= 0 and full[i].end > m.start():
            continue  # part of a full citation ("Quyết định số 499/QĐ-UBND")
        kind = code_of_word(m.group("type"))
        if m.group("this") and kind == own_kind:
            continue  # "Kế hoạch này" inside a kế hoạch is the document itself
        # A citation that ends before the short form also starts before it: only the
        # citations up to its start need a look.
        preceding = [c for c in full[:bisect.bisect_right(starts, m.start())] if c.end <= m.start()]
        before = [c for c in preceding if c.kind == kind]
        if m.group("number"):
            before = [c for c in before if (c.number or "").lstrip("0") == m.group("number").lstrip("0")]
        paragraph_start = text.rfind("\n\n", 0, m.start()) + 1
        nearby = {c.key: c for c in before if c.start >= paragraph_start}
        if before and preceding and before[-1] is preceding[-1]:
            candidates = {before[-1].key: before[-1]}
        elif len(nearby) == 1:
            candidates = nearby
        else:
            candidates = {c.key: c for c in before}
        if not candidates:
            continue
        if len(candidates) > 1:
            flags.append(f"ambiguous short form {m.group()!r} at {m.start()}: could be "
                         + ", ".join(sorted(candidates)))
            continue
        antecedent = next(iter(candidates.values()))
        sentences = sentences or sentence_index(text)
        sentence_start, _ = sentences.bounds(m.start())
        resolved.append(antecedent.model_copy(update={
            "text": m.group(), "start": m.start(), "end": m.end(),
            "sentence": sentences.sentence(m.start()), "section": None, "page": None,
            "pinpoint": None, "resolved_from": antecedent.key,
            "relation": relation_of(text, sentence_start, m.start(), sentences),
        }))
    if not resolved and not flags:
        return result
    return result.model_copy(update={
        "citations": tuple(sorted((*result.citations, *resolved), key=lambda c: c.start)),
        "flags": (*result.flags, *flags),
    })


@cache
def _issuing() -> tuple[regex.Pattern, regex.Pattern]:
    words = news_words()
    verb = regex.compile(rf"(?<!\p{{L}})(?:{_alternation(words.issuing)})(?!\p{{L}})", regex.IGNORECASE)
    before = regex.compile(rf"(?:\s+(?:{_alternation(words.before)}))+$", regex.IGNORECASE)
    return verb, before


# The issuer named before the verb: a few words that start with a capital.
_BODY_WORDS = 10
_CAPITAL = regex.compile(r"^\p{Lu}")


def news_subject(result: ExtractionResult) -> ExtractionResult:
    """A news article's subject: the document its headline cites, else the one its lead
    paragraph reports being issued ("Ngày 25/01/2024, Ủy ban nhân dân tỉnh Lạng Sơn ban
    hành Kế hoạch số 58/KH-UBND …"). An article that only mentions documents has none:
    a wrong subject would send readers of that document to an unrelated article."""
    news, text = result.news, result.text
    if result.kind != "news" or news is None or not text:
        return result
    full = [c for c in sorted(result.citations, key=lambda c: c.start) if c.resolved_from is None]
    if not full:
        return result
    lines = [(m.start(), m.end()) for m in regex.finditer(r"[^\n]*", text) if m.end() > m.start()]
    headline = next(((s, e) for s, e in lines if news.headline and news.headline in text[s:e]), None)
    lead = _lead(text, lines, headline[1] if headline else 0)
    in_lead = [c for c in full if lead and lead[0] <= c.start < lead[1]]
    issued = {c.key: span for c in in_lead if (span := _issued(text, lead, c, full))}
    in_headline = [c for c in full if headline and headline[0] <= c.start < headline[1]]
    chosen = in_headline[0] if in_headline else next((c for c in in_lead if c.key in issued), None)
    if chosen is None:
        return result
    issued_by = issued.get(chosen.key)
    subject = Subject(kind=chosen.kind, number_symbol=chosen.number_symbol, key=chosen.key,
                      date=chosen.date or _date_before(result, issued_by),
                      issuer=chosen.issuer_name or _issuer_before(text, issued_by))
    return result.model_copy(update={"news": news.model_copy(update={"subject": subject})})


# The lead is the first line of at least this many words after the headline (a date line,
# a site tag or a photo caption is shorter; a markdown heading is no lead), with the lines
# it wraps onto.
_LEAD_WORDS = 12


def _lead(text: str, lines: list[tuple[int, int]], after: int) -> tuple[int, int] | None:
    for n, (s, e) in enumerate(lines):
        if s >= after and len(text[s:e].split()) >= _LEAD_WORDS and not text.startswith("#", s):
            end = e
            for s2, e2 in lines[n + 1:]:
                if s2 != end + 1 or text[s:end].rstrip(" *_").endswith((".", "!", "?", ":", ";")):
                    break  # a blank line, or the paragraph's sentence is closed
                end = e2
            return s, end
    return None


@dataclass(frozen=True)
class _Issued:
    """Where the lead reports a document issued: its sentence, the verb, the citation."""
    start: int
    verb: int
    citation: int


def _issued(text: str, lead: tuple[int, int], c: Citation, full: list[Citation]) -> _Issued | None:
    """When the lead's sentence reports `c` being issued: an issuing verb before it, and
    no other citation between the verb and it."""
    start = max(lead[0], text.rfind(".", lead[0], c.start) + 1)
    found = list(_issuing()[0].finditer(text, start, c.start))
    if not found or any(found[-1].end() <= o.start < c.start for o in full):
        return None
    return _Issued(start, found[-1].start(), c.start)


def _date_before(result: ExtractionResult, issued: _Issued | None) -> str | None:
    """The first whole date of the sentence before the subject ("Ngày 25/01/2024, …")."""
    if issued is None:
        return None
    return next((d.value for d in result.dates if isinstance(d, DateMention) and d.precision == "day"
                 and issued.start <= d.start < issued.citation), None)


def _issuer_before(text: str, issued: _Issued | None) -> str | None:
    """The body the issuing verb follows: the words since the last comma, when they read
    as a name (a capital first, a few words)."""
    if issued is None:
        return None
    clause = text[max(issued.start, text.rfind(",", issued.start, issued.verb) + 1):issued.verb]
    name = _issuing()[1].sub("", " ".join(clause.split()))
    if not name or not _CAPITAL.match(name) or len(name.split()) > _BODY_WORDS:
        return None
    return name
