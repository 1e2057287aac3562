"""The words that mark the parts of a page (patterns/page.toml) and the phrase patterns
built from them, shared by the loaders (load/) and the signature reader (structure/)."""
from __future__ import annotations

import unicodedata
from functools import cache

import regex
from pydantic import BaseModel, ConfigDict

from . import patterns


class WebFurniture(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    lines: list[str]
    counters: list[str]
    views: list[str]


class Gazette(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    issue: str
    date: str


class PageWords(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    recipients: str
    archive: str
    page: str
    motto: list[str]
    web: WebFurniture
    gazette: Gazette


@cache
def words() -> PageWords:
    return patterns.load("page", PageWords)


def phrase(text: str) -> str:
    """A pattern for `text`, its words parted by any run of spaces (a line break too)."""
    return r"\s+".join(regex.escape(word) for word in text.split())


@cache
def recipients_heading() -> str:
    """The pattern of the recipients heading (Nơi nhận), without anchors or colon."""
    return phrase(words().recipients)


def motto(leading: int | None = None) -> str:
    """A pattern for the motto's phrases (any of them, anywhere), of only their first
    `leading` words where given; a lone "-" may follow the word before it unspaced."""
    alts = []
    for text in words().motto:
        tokens = text.split()[:leading]
        pattern = regex.escape(tokens[0])
        for token in tokens[1:]:
            pattern += (r"\s*" if token == "-" else r"\s+") + regex.escape(token)
        alts.append(pattern)
    return "|".join(alts)


@cache
def web_furniture_re() -> regex.Pattern:
    """A line that is all web page furniture: a label, a counter and its count, or the
    views counter with or without its count."""
    web = words().web
    alts = [*map(regex.escape, web.lines),
            *(regex.escape(v) + r":?\s*[\d.,]*" for v in web.views),
            "(?:" + "|".join(map(regex.escape, web.counters)) + r")\s*:?\s*[\d.,]+"]
    return regex.compile("^(?:" + "|".join(alts) + ")$", regex.IGNORECASE)


def gazette_name(space: str) -> str:
    """A pattern for the gazette's name, each marked letter matched with or without its
    mark, its words parted by `space` (a pattern)."""
    def unmarked_too(word: str) -> str:
        return "".join(f"[{ch}{base}]" if (base := unicodedata.normalize("NFD", ch)[0]) != ch
                       else regex.escape(ch) for ch in word)
    return space.join(unmarked_too(w) for w in words().gazette.name.split())
