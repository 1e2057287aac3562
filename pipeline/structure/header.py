"""The document header: issuer, number/symbol, place and date, type and trích yếu.

The header is read as a sequence of cells (cells.py), each classified by what it says:
the anchors (numberline.py), the type line (kind.py), the issuing bodies (naming.py) and
the trích yếu (title.py). Only the first HEADER_LINES lines are read.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ..models import Header
from .cells import HEADER_LINES, Cell, cells_of, clean
from .consolidated import consolidation_seal, without_marks
from .kind import doc_kind, type_word
from .naming import issuer_and_parent, issuer_from_closing, recase_name
from .numberline import (
    DATEISH, find_anchors, find_date, is_gazette, is_national, parse_date, parse_symbol,
    place_and_date,
)
from .title import (
    TITLE_LINE_MAX_CHARS, TITLE_MAX_LINES, read_subject, read_title, subject_start, with_named_object,
    cased_as_the_body_writes,
)
from .vocab import Authority, HeaderWords, opener_re, words

# Names other modules and older callers import from here.
__all__ = [
    "HEADER_LINES", "TITLE_MAX_LINES", "TITLE_LINE_MAX_CHARS", "Authority", "Cell", "HeaderParts",
    "HeaderWords", "cells_of", "clean", "is_gazette", "is_national", "issuer_from_closing",
    "parse_date", "parse_header", "parse_symbol", "recase_name", "type_word",
    "words",
]

_LIST_ONE = regex.compile(r"^(?:I|1)\.")


@dataclass(frozen=True)
class HeaderParts:
    header: Header  # what the first lines say; the signature's fields are filled in later
    end: int = 0           # offset where the body begins (after the trích yếu)
    signed_in: tuple[int, int] | None = None  # where a consolidated text's own signature stands


def _type_and_body(cells: list[Cell], anchor: int, number_idx: int | None) -> tuple[int | None, str | None, str, int]:
    """(index of the type line, its code, words after the type word, index of the cell
    that opens the body) from the header anchors on."""
    type_idx = kind = None
    on_line = ""
    for i in range(anchor, len(cells)):
        c = cells[i]
        if c.rule:
            continue
        if type_idx is None and (t := type_word(c)):
            type_idx, (kind, on_line) = i, t
            continue
        # `I.`/`1.` before any type line is a list inside the header, not the body
        if opener_re().match(c.text) and i > (number_idx or anchor) and (
                type_idx is not None or not _LIST_ONE.match(c.text)):
            return type_idx, kind, on_line, i
    return type_idx, kind, on_line, len(cells)


def _letter_body(cells: list[Cell], anchor: int, body_idx: int, skip: set[int]) -> int:
    """A letter has no type line: its header ends at the first cell that is none of the
    header's parts (the body may open without any of the usual words)."""
    for i in range(anchor, body_idx):
        c = cells[i]
        if c.rule or i in skip or c.upper or is_national(c) or is_gazette(c) or DATEISH.search(c.text):
            continue
        return i
    return body_idx


def parse_header(text: str) -> HeaderParts | None:
    cells = cells_of(text)
    if not cells:
        return None
    number_idx, national_idx, number, number_cells = find_anchors(cells)
    anchor = min(x for x in (number_idx, national_idx, 10**6) if x is not None)
    if anchor == 10**6:
        return None
    # a consolidated text's own number and date are at its end (consolidated.py)
    seal = consolidation_seal(text)
    if seal is not None and (number_idx is None or cells[number_idx].start >= seal.start):
        # (a short text's header window reaches the seal itself)
        number, number_cells = seal.number, set()
        cells = [without_marks(c) for c in cells]
    else:
        seal = None
    type_idx, kind, title_on_line, body_idx = _type_and_body(cells, anchor, number_idx)
    # the subject line of a công văn, under the number
    vv_cells: set[int] = set()
    letter_title = None
    start_vv = subject_start(cells, anchor, type_idx if type_idx is not None else body_idx, number_cells)
    if start_vv is not None:
        letter_title, vv_cells = read_subject(cells, start_vv)
    if type_idx is None:
        body_idx = _letter_body(cells, anchor, body_idx, vv_cells | number_cells)
    head_end = type_idx if type_idx is not None else body_idx
    zone = [c for c in cells[:head_end] if not c.rule and not is_gazette(c)]
    date_m = find_date(zone) or (seal.date if seal else None)
    if number is None and not (national_idx is not None and date_m):
        return None
    issuer, parent = issuer_and_parent(cells[:head_end], vv_cells | number_cells)
    title = None
    end_offset = cells[head_end].start if head_end < len(cells) else len(text)
    if type_idx is not None:
        title, last = read_title(cells, type_idx, title_on_line)
        end_offset = cells[last + 1].start if last + 1 < len(cells) else len(text)
        if title:
            title = with_named_object(cased_as_the_body_writes(title, text, end_offset), text, end_offset)
    is_letter = type_idx is None
    if is_letter and letter_title:
        title = letter_title.strip(" .;:*")
    place, date = place_and_date(date_m)
    return HeaderParts(
        header=Header(kind="VBHN" if seal else doc_kind(kind, number, is_letter),
                      number_symbol=number, issued_date=date, issued_place=place or None,
                      issuer=issuer, parent_body=parent, title=title or None),
        end=end_offset, signed_in=(seal.start, seal.end) if seal else None)
