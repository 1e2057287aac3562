"""The header's word lists (patterns/header) and the phrase patterns built from them.

Every header and signature reader folds the same short lines again and again (a cell is
tested as a body name, a level, a position...), so folding goes through one cache here.
"""
from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

import regex
from pydantic import BaseModel, Field

from .. import patterns
from ..place_words import place_words
from ..text.fold import folded


class Authority(BaseModel):
    value: str
    written: list[str]


class NamedObject(BaseModel):
    title: str
    label: str
    joiner: str


class HeaderWords(BaseModel):
    national: list[str]
    gazette: list[str]
    consolidated: list[str]
    consolidated_marks: list[str]
    authority: list[Authority]
    positions: list[str]
    ranks: list[str]
    body_starts: list[str]
    other_levels: list[str]
    body_openers: list[str]
    number_kinds: list[str]
    title_joiners: list[str]
    signed: str
    signed_marks: list[str]
    named_object: list[NamedObject] = Field(default_factory=list)
    abbreviations: dict[str, str] = Field(default_factory=dict)


@cache
def words() -> HeaderWords:
    return patterns.load("header", HeaderWords)


# Header cells repeat across a document's readers, and short names across documents.
fold_cached = lru_cache(maxsize=16384)(folded)

_NOT_ALNUM = regex.compile(r"[^a-z0-9]")


def letters_of(s: str) -> str:
    return _NOT_ALNUM.sub("", fold_cached(s))


def _phrase_re(phrases, *, tail: str = r"(?![\p{L}\p{N}])") -> regex.Pattern:
    """Folded phrases as one alternation, longest first, matched on whole words."""
    alts = sorted({regex.escape(folded(p)) for p in phrases if folded(p)}, key=len, reverse=True)
    return regex.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(alts) + ")" + tail)


@cache
def body_start_re() -> regex.Pattern:
    return _phrase_re(words().body_starts)


@cache
def position_re() -> regex.Pattern:
    return _phrase_re(words().positions)


@cache
def _marked_names_re() -> regex.Pattern:
    """A body's name or a position at the start of a line, matched on the letters as
    written, marks and all, in any case."""
    alts = sorted({regex.escape(unicodedata.normalize("NFC", p))
                   for p in (*words().body_starts, *words().positions)}, key=len, reverse=True)
    return regex.compile(r"^(?:" + "|".join(alts) + r")(?![\p{L}\p{N}])", regex.IGNORECASE)


def names_body_or_position(text: str) -> bool:
    """Whether a line starts with a body's name or a position ("CHỦ TỊCH ỦY BAN NHÂN DÂN
    TỈNH", "BỘ TÀI CHÍNH"). The marks must agree where the line has any: a wrapped phrase's
    next line "BỐ DANH MỤC", "BỎ CÁC QUYẾT ĐỊNH", "BẢO CHO VIỆC" folds to a body's first
    word (bộ, báo) but names none; a line written without marks is read by its letters."""
    f = fold_cached(text)
    if not (position_re().match(f) or body_start_re().match(f)):
        return False
    return text.isascii() or _marked_names_re().match(text) is not None


@cache
def levels() -> tuple[str, ...]:
    """The administrative level words of a header (TỈNH LẠNG SƠN, TP. HÀ NỘI): the place
    words read after a body's head, and the header's other levels."""
    return (*(w.word for w in place_words().unit_word if w.after_body), *words().other_levels)


@cache
def level_re() -> regex.Pattern:
    return _phrase_re(levels())


@cache
def opener_re() -> regex.Pattern:
    """Openings of the body, matched on the text itself: `I.` must not fold into `i`."""
    alts = sorted((regex.escape(p) for p in words().body_openers), key=len, reverse=True)
    return regex.compile(r"^(?:" + "|".join(alts) + r")(?![\p{L}\p{N}])", regex.IGNORECASE)
