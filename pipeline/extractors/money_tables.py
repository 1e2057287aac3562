"""Bare numbers in table cells that are amounts because the table says so: a unit line
above the table ("Đơn vị tính: triệu đồng") or a unit in a column header ("(tỷ đồng)").
Tables come as web copies render them, with `|` between cells, a whole row on a line or
one cell per line."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import regex

from ..numbers import NUMBER
from . import base
from .money_grammar import _SLASH, Grammar, Raw, _fold


_CELL_NUMBER = regex.compile(rf"[*_\s]*(?P<n>{NUMBER})[*_\s]*")
_STT = regex.compile(r"\d{1,3}|[IVXLC]+|\d+(?:\.\d+)+\.?")


_PARAGRAPH = regex.compile(r"[^\n]+(?:\n[^\n]+)*")
_BLANK_LINE = regex.compile(r"\n\s*\n")


def _table_blocks(text: str) -> list[tuple[int, int]]:
    """Runs of paragraphs with `|` cell separators (how web copies render tables)."""
    blocks: list[tuple[int, int]] = []
    for para in _PARAGRAPH.finditer(text):
        if "|" not in para.group():
            continue
        s, e = para.span()
        # A blank line between two table paragraphs does not end the table.
        if blocks and not text[blocks[-1][1]:s].strip():
            blocks[-1] = (blocks[-1][0], e)
        else:
            blocks.append((s, e))
    return blocks


@dataclass(frozen=True)
class TableUnit:
    unit: str
    power: int
    currency: str
    per: str | None


def _unit_of(m: regex.Match, g: Grammar) -> TableUnit:
    mult = m.group("mult")
    cur = m.group("cur")
    power = 3 if mult and mult[0].isdigit() else (g.scale_of[_fold(mult)] if mult else 0)
    unit = f"{_fold(mult)} {cur.lower()}" if mult else cur.lower()
    per = m.group("per")
    per = _SLASH.sub("/", " ".join(per.split())).strip("/ ") if per else None
    return TableUnit(unit, power, g.currency_of[_fold(cur)], per)


def _table_amounts(text: str, g: Grammar) -> Iterable[Raw]:
    blocks = _table_blocks(text)
    if not blocks:
        return
    unit_lines = [(m.end(), _unit_of(m, g))
                  for m in base.lowered_finditer(g.unit_line_gate, g.unit_line, text)]
    for bs, be in blocks:
        # The unit line sits just above the table or in its first paragraph.
        scoped = [u for end, u in unit_lines if end <= be and not _prose_between(text, end, bs)]
        whole_table = scoped[-1] if scoped else None
        if whole_table is None and not g.header_unit.search(text, bs, be):
            # Most tables have no unit at all; reading their cells would only find that.
            continue
        yield from _cells(text, bs, be, whole_table, g)


def _prose_between(text: str, a: int, b: int) -> bool:
    """True when a paragraph of running text separates a unit line from a table."""
    if a >= b:
        return False
    between = text[a:b]
    return any(len(p.strip()) > 60 and "|" not in p for p in _BLANK_LINE.split(between))


def _cells(text: str, bs: int, be: int, whole_table: TableUnit | None, g: Grammar) -> Iterable[Raw]:
    column_unit: dict[int, TableUnit] = {}
    previous_pipe_lines = 2
    # str.split walks the lines far faster than a regex; empty lines are skipped anyway.
    pos = bs
    for body in text[bs:be].split("\n"):
        line_start, pos = pos, pos + len(body) + 1
        stripped = body.strip()
        if not stripped:
            continue
        if stripped == "|":
            previous_pipe_lines += 1
            continue
        if body.count("|") >= 2 or (body.count("|") == 1 and not stripped.endswith("|")):
            # A whole row on one line: `Năm 2026 | 3.682,35 | 2.920,17 | 762,17 |`.
            cells = _split_cells(body)
            for i, (_, cell) in enumerate(cells):
                # A header unit is in parentheses; most cells have none to search.
                h = g.header_unit.search(cell) if "(" in cell else None
                if h:
                    column_unit[i] = _unit_of(h, g)
            if whole_table is None and not column_unit:
                continue  # no unit for any column yet: no cell is an amount
            first = next((i for i, (_, cell) in enumerate(cells) if cell.strip()), None)
            for i, (offset, cell) in enumerate(cells):
                unit = column_unit.get(i, whole_table)
                n = _CELL_NUMBER.fullmatch(cell)
                if unit is None or n is None or (i == first and _STT.fullmatch(n.group("n"))):
                    continue
                yield _cell_raw(line_start + offset + n.start("n"), n.group("n"), unit)
        else:
            # One cell per line between `|` lines; a number straight after an empty cell
            # (two `|` lines) starts a row, which is where the STT column is.
            row_start = previous_pipe_lines >= 2
            previous_pipe_lines = 1 if body.rstrip().endswith("|") else 0
            if whole_table is None:
                continue
            cell = body.rstrip("|").strip()
            n = _CELL_NUMBER.fullmatch(cell)
            if n is None:
                continue
            if (row_start or "**" in cell) and _STT.fullmatch(n.group("n")):
                continue
            yield _cell_raw(line_start + body.index(n.group("n")), n.group("n"), whole_table)


def _split_cells(body: str) -> list[tuple[int, str]]:
    """(offset, text) of each `|`-separated cell, empty ones kept so columns line up."""
    cells, pos = [], 0
    for piece in body.split("|"):
        cells.append((pos, piece))
        pos += len(piece) + 1
    return cells


def _cell_raw(start: int, number: str, unit: TableUnit) -> Raw:
    return Raw(start, start + len(number), number, unit.unit, unit.power, unit.currency, unit.per)
