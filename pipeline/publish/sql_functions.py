"""The SQL functions the plugin adds to every connection (plugin.prepare_connection), for
the canned queries, the charts and the table search boxes."""
from __future__ import annotations

import re

from datasette.utils import escape_fts

from ..text.fold import fold
from .labels import code_label

YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def last_year(text: str | None) -> int | None:
    """The last four-digit year a period names ('6 tháng đầu năm 2024' -> 2024)."""
    years = YEAR.findall(text or "")
    return int(years[-1]) if years else None


def folded_escape_fts(query: str | None) -> str:
    """Datasette's quoting of each typed word, on the folded words: 'giải ngân' ->
    '"giai" "ngan"'."""
    return escape_fts(fold(query or ""))


def display_label(column: str, value):
    """What a chart or a query shows for a code: its Vietnamese label, else the value as
    stored (another programme's name as written)."""
    return code_label(column, value) or value


__all__ = ["last_year", "folded_escape_fts", "display_label"]
