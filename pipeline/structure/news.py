"""News articles and portal pages: no official header, but a headline, often a
publication date near the top, and sometimes the site that published it."""
from __future__ import annotations

from functools import cache

import regex
from pydantic import BaseModel, ConfigDict

from .. import patterns
from ..grammar.date_parser import find_dates
from ..models import NewsInfo

LEAD_LINES = 15


class NewsWords(BaseModel):
    """patterns/news.toml: the words of a news article's lead and of the site it names."""
    model_config = ConfigDict(frozen=True, extra="forbid")

    issuing: list[str]
    before: list[str]
    source: list[str]
    back: list[str]


@cache
def news_words() -> NewsWords:
    return patterns.load("news", NewsWords)


def _alt(words: list[str]) -> str:
    return "|".join(map(regex.escape, words))


@cache
def _site() -> regex.Pattern:
    """The site a lead names: "(Mic.gov.vn) - …", "Nguồn: baolangson.vn", "Quay lại Dân trí"."""
    w = news_words()
    return regex.compile(
        r"(?:^|\n)\s*\((?P<paren>[\w.-]+\.(?:vn|com|net|org|gov))\)"
        rf"|(?:^|\n)\s*(?:{_alt(w.source)})\s*:?\s*(?P<source>[\w.-]+\.(?:vn|com|net|org)|[\p{{Lu}}][\w ]{{2,40}}?)\s*(?:\n|$)"
        rf"|(?:^|\n)\s*(?:{_alt(w.back)})\s+(?P<back>[\p{{Lu}}][\w ]{{1,30}}?)\s*(?:\n|$)",
        regex.IGNORECASE,
    )
_MARKUP = regex.compile(r"^[#*\s>|]+|[*\s|]+$")


def read_news(text: str) -> NewsInfo:
    lines = [ln for ln in text.split("\n", LEAD_LINES + 1)[:LEAD_LINES]]
    # The headline is the first line long enough to be one: portal menus ("Thông tin mới
    # nhất") and back links ("Quay lại Dân trí") are shorter.
    headline = next((h for h in (_MARKUP.sub("", ln) for ln in lines) if len(h.split()) >= 6), None)
    lead = "\n".join(lines)
    published = next((d.value.iso for d in find_dates(lead) if d.value.granularity == "day"), None)
    site = None
    for m in _site().finditer(lead):
        site = m.group("paren") or m.group("source") or m.group("back")
        break
    return NewsInfo(headline=headline, published=published, site=site)
