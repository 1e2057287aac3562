"""Resolve stage: short forms inside a document linked to the full citation they repeat.

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
import re
from functools import cache

import regex
from pydantic import BaseModel

from . import patterns
from .doctypes import code_of_word
from .extractors.base import SentenceIndex, lowered_finditer, phrase_gate, sentence_index
from .extractors.citation_context import relation_of
from .models import Citation, ExtractionResult


class ShortFormWords(BaseModel):
    types: list[str]
    earlier: list[str]
    this: list[str]


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


# After the type word and its spacing, the gate lets through the lower-cased words that can
# follow it, "số" and a digit. The pattern's IGNORECASE also reads a long s (ſ) as the s of
# "số", and its \d knows digits of scripts newer than the re module's tables (all outside
# the Basic Multilingual Plane): the gate lets those through too, so it misses no start.
_NUMBER_GATE = r"[sſ]ố|\d|[\U00010000-\U0010FFFF]"


def _lower_alternation(words: list[str]) -> str:
    return "|".join(re.escape(w.lower()) for w in sorted(set(words), key=len, reverse=True))


@cache
def short_form_gate() -> tuple[re.Pattern, ...]:
    """Where a short form can start, in the lower-cased text (see base.lowered_finditer):
    its type word, spacing, and a word that can follow. Most type words open a full
    citation or plain prose ("quyết định phê duyệt"): gated on the type word alone, the
    whole pattern was tried at each of them."""
    words = patterns.load("short_forms", ShortFormWords)
    return phrase_gate(words.types,
                       rf"\s+(?:{_lower_alternation([*words.earlier, *words.this])}|{_NUMBER_GATE})")


@cache
def short_form_pattern() -> regex.Pattern:
    words = patterns.load("short_forms", ShortFormWords)
    return regex.compile(
        rf"(?<!\p{{L}})(?P<type>{_alternation(words.types)})\s+"
        rf"(?:(?P<earlier>{_alternation(words.earlier)})|(?P<this>{_alternation(words.this)})"
        # a bare number: not followed by a symbol, a date part or another digit
        rf"|(?:số\s+)?(?P<number>\d{{1,5}})(?![\d/.,]\d|[\d/\-\p{{L}}]))(?!\p{{L}})",
        regex.IGNORECASE,
    )


def resolve(result: ExtractionResult) -> ExtractionResult:
    text = result.text
    full = sorted(result.citations, key=lambda c: c.start)
    if not text or not full:
        return result
    starts = [c.start for c in full]
    own_kind = result.header.kind if result.header else None
    sentences: SentenceIndex | None = None  # built only when a short form resolves
    resolved: list[Citation] = []
    flags: list[str] = []
    for m in lowered_finditer(short_form_gate(), short_form_pattern(), text):
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
