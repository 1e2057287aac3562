"""The prefilter: a grammar's pattern tried only where the literal words it opens with are.

A grammar declares the literals every match of its pattern opens with (`starts`: words or
phrases, in any case, their words parted by any white space; DIGIT stands for a run of
digits) and, when that is sharper, the literals one of which follows them after optional
white space (`then`).
The mechanism scans the case-folded text for them with the stdlib engine, one pattern per
first character (an alternation of words with different first characters makes the stdlib
engine try every character; words sharing their first one are searched for it, several
times faster even run once per character), and tries the pattern only at each hit: the
regex engine, trying a pattern that opens with a lookaround and a word in any case at
every character, is many times slower.

Every prefiltered pattern is registered by name (`register`), so that one test checks
each against its full pattern on real and generated texts (tests/test_prefilter.py).
"""
from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

import regex

from .regex_parts import ranges_class


@cache
def _digits() -> str:
    """A stdlib class of every character the regex engine reads as a digit (\\d): the
    stdlib's own, and those of the regex engine's tables that are newer."""
    every = array("I", range(0x110000)).tobytes().decode("utf-32-le", "surrogatepass")
    newer = sorted(ord(c) for c in regex.findall(r"\d", every) if not c.isdecimal())
    return ranges_class(newer, also=r"\d")


# A word of a literal phrase that stands for a run of digits.
DIGIT = r"\d"


def _phrase(words: str) -> str:
    return r"\s+".join(_digits() + "+" if w == DIGIT else re.escape(w) for w in words.split())


def _alternation(phrases: Iterable[str]) -> str:
    folded = {" ".join(p.casefold().split()) for p in phrases}
    return "|".join(_phrase(p) for p in sorted(folded, key=lambda p: (-len(p), p)))


@dataclass(frozen=True)
class Prefiltered:
    """`pattern`, searched only where the case-folded text holds one of `starts` (and,
    when given, one of `then` after it and optional white space). Every match of the
    pattern must open with one of `starts`, as the shared test checks."""

    pattern: regex.Pattern
    starts: tuple[str, ...]
    then: tuple[str, ...] = ()
    scan: tuple[re.Pattern, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        follow = rf"\s*(?:{_alternation(self.then)})" if self.then else ""
        by_first: dict[str, list[str]] = {}
        for p in self.starts:
            folded = " ".join(p.casefold().split())
            by_first.setdefault(DIGIT if folded.split()[0] == DIGIT else folded[0], []).append(folded)
        scan = tuple(re.compile(f"(?:{_alternation(phrases)}){follow}")
                     for _, phrases in sorted(by_first.items()))
        object.__setattr__(self, "scan", scan)

    def hits(self, folded: str) -> list[int]:
        """Every offset where a scan pattern matches the case-folded text, in order. Each
        is searched again from the next character, not from its match's end: a start
        inside another match counts."""
        starts: list[int] = []
        for part in self.scan:
            pos = 0
            while (found := part.search(folded, pos)) is not None:
                pos = found.start() + 1
                starts.append(pos - 1)
        return sorted(set(starts)) if len(self.scan) > 1 else starts

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match]:
        """The matches of `pattern.finditer(text, pos, endpos)`."""
        endpos = len(text) if endpos is None else endpos
        # The whole text's case folding is shared by the grammars; a range's is its own.
        folded = _folded(text) if pos == 0 and endpos == len(text) else text[pos:endpos].casefold()
        if len(folded) != endpos - pos:
            # A letter that folds to several ("ß", "İ") shifts every offset after it.
            yield from self.pattern.finditer(text, pos, endpos)
            return
        last_end = pos
        for at in (_whole_text_hits(self, folded) if pos == 0 and endpos == len(text) else self.hits(folded)):
            at += pos
            if at < last_end:
                continue
            m = self.pattern.match(text, at, endpos)
            if m is not None:
                last_end = m.end()
                yield m


@lru_cache(maxsize=64)
def _whole_text_hits(prefiltered: Prefiltered, folded: str) -> list[int]:
    # A grammar may read a whole text twice (the effects verbs: once to find a clause,
    # once to read it): its scan runs once. Room for a document's patterns.
    return prefiltered.hits(folded)


@lru_cache(maxsize=4)
def _folded(text: str) -> str:
    # Room for the document's text and the short texts some grammars read in between.
    return text.casefold()


_REGISTRY: dict[str, Callable[[], Prefiltered | None]] = {}


def register(name: str, build: Callable[[], Prefiltered | None]) -> None:
    """Name a prefiltered pattern for the shared test: `build` returns it, or None where the
    grammar's words have none (grammars build theirs lazily, from patterns/)."""
    _REGISTRY[name] = build


def registered() -> dict[str, Callable[[], Prefiltered | None]]:
    """Every prefiltered pattern of the modules imported so far, by name."""
    return dict(_REGISTRY)
