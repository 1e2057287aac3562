"""Consolidated texts (văn bản hợp nhất, VBHN): the national gazette publishes many, and
their header is not where an ordinary document's is. A VBHN opens with the base document's
header (its body, the Quốc hiệu, its kind and title) and no number or date; its own number,
date and signer stand at its end, under the authenticating line ("XÁC THỰC VĂN BẢN HỢP
NHẤT"), beside or above the signature:

    BỘ LAO ĐỘNG - THƯƠNG BINH        XÁC THỰC VĂN BẢN HỢP NHẤT
    VÀ XÃ HỘI
    Số: 466/VBHN-BLĐTBXH             Hà Nội, ngày 10 tháng 02 năm 2025
                                     KT. BỘ TRƯỞNG …

The words are patterns/header.toml's `consolidated` and `consolidated_marks`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from .cells import Cell, cells_of
from .numberline import find_anchors, find_date
from .vocab import words

# The seal's number, date and signature stand within a few lines of the authenticating line.
SEAL_LINES = 8


@dataclass(frozen=True)
class Seal:
    """The authentication block of a consolidated text."""
    number: str
    date: regex.Match | None   # a numberline.DATE match in the block's text
    start: int                 # offset of the authenticating line
    end: int                   # end of its last line: the signature is between the two


@cache
def _seal_re() -> regex.Pattern:
    alts = "|".join(r"\s+".join(map(regex.escape, p.split())) for p in words().consolidated)
    return regex.compile(r"(?:" + alts + r")", regex.IGNORECASE)


def consolidation_seal(text: str) -> Seal | None:
    """The number and date under the last authenticating line of `text`, if it has one
    that gives a number."""
    last = None
    for last in _seal_re().finditer(text):
        pass
    if last is None:
        return None
    cells = cells_of(text, last.end(), SEAL_LINES)
    number = find_anchors(cells)[2]
    if not number:
        return None
    end = text.find("\n", cells[-1].start)
    return Seal(number, find_date(cells), last.start(), len(text) if end < 0 else end)


@cache
def _mark_re() -> regex.Pattern:
    alts = "|".join(r"\s+".join(map(regex.escape, m.split())) for m in words().consolidated_marks)
    return regex.compile(r"^(?:(?:" + alts + r")\s*[-–:]?\s*)+", regex.IGNORECASE)


def without_marks(cell: Cell) -> Cell:
    """The header cell without the words naming the text as a consolidation (or its
    gazette section), which may share a line with the body ("VĂN BẢN HỢP NHẤT - BỘ LAO
    ĐỘNG …"); a cell of marks alone becomes a rule, which no reader takes as a name."""
    m = _mark_re().match(cell.text)
    if not m:
        return cell
    rest = cell.text[m.end():]
    return cell._replace(text=rest, rule=not rest)
