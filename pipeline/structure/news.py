"""News articles and portal pages: no official header, but a headline, often a
publication date near the top, and sometimes the site that published it."""
from __future__ import annotations

import regex

from ..grammar.date_parser import find_dates
from ..models import NewsInfo

LEAD_LINES = 15
# "(Mic.gov.vn) - …", "Nguồn: baolangson.vn", "Quay lại Dân trí"
_SITE = regex.compile(
    r"(?:^|\n)\s*\((?P<paren>[\w.-]+\.(?:vn|com|net|org|gov))\)"
    r"|(?:^|\n)\s*(?:Nguồn|Theo)\s*:?\s*(?P<source>[\w.-]+\.(?:vn|com|net|org)|[\p{Lu}][\w ]{2,40}?)\s*(?:\n|$)"
    r"|(?:^|\n)\s*Quay lại\s+(?P<back>[\p{Lu}][\w ]{1,30}?)\s*(?:\n|$)",
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
    for m in _SITE.finditer(lead):
        site = m.group("paren") or m.group("source") or m.group("back")
        break
    return NewsInfo(headline=headline, published=published, site=site)
