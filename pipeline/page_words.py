"""The words that mark the parts of a page (patterns/page.toml) and the phrase patterns
built from them, shared by the loaders (load/) and the signature reader (structure/)."""
from __future__ import annotations

from functools import cache

import regex
from pydantic import BaseModel, ConfigDict

from . import patterns


class PageWords(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    recipients: str
    archive: str
    page: str


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
