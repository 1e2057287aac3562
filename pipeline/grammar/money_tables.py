"""Bare numbers in table cells that are amounts because the table says so: a unit line
above the table ("Đơn vị tính: triệu đồng") or a unit in a column header ("Mức thu phí
(đồng)", "Kinh phí (triệu đồng)"). Tables come as web copies render them, with `|` between
cells: a whole row on a line, or one cell per line (a `|` line between two cells, two
between rows).

A unit governs the money columns of its table and nothing else. Never money: the row
number (STT), the column-number row under the header (`1 | 2 | 3`, `A | B | 1 | 4=3/2`),
years (a year column, a header row of years, a year as a row's label), codes (leading
zero, a `Mã số thuế` column or row), counts (`Số lượng`, `Số hộ`, `(người)`) and
percentages (`Tỷ lệ (%)`, `%`, a `4=3/2` ratio column, a `Tỷ lệ …` row).

Columns are known by position when a row has as many cells as the table's header (or its
column-number row). When they cannot be lined up (merged cells, one cell per line), a cell
takes the table's unit only if no column the header names is other than money.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

import regex

from .function_words import words as function_words
from .numbers import NUMBER
from .table_layout import Cell, Row, rows, table_blocks
from .money_grammar import SLASH, Grammar, Raw, fold_word, alternation, code_shaped, grammar


@dataclass(frozen=True)
class TableUnit:
    unit: str
    power: int
    currency: str
    per: str | None


@dataclass(frozen=True)
class UnitLine:
    end: int
    unit: TableUnit


Kind = Literal["money", "stt", "code", "percent", "year", "count", "per"]
# Kinds of column whose numbers are not amounts (STT is told by position instead).
_NOT_MONEY: frozenset[Kind] = frozenset({"code", "percent", "year", "count"})


@dataclass(frozen=True)
class Column:
    """What a header cell says its column holds."""

    kind: Kind
    unit: TableUnit | None = None


# ------------------------------------------------------------------ vocabulary
@dataclass(frozen=True)
class HeaderWords:
    """patterns/money.toml's header words and units.toml's nouns, compiled once."""

    stt: frozenset[str]
    year: frozenset[str]
    per: frozenset[str]
    code: regex.Pattern  # a label that opens the cell
    percent: regex.Pattern  # `Tỷ lệ …`, `%` opening the cell
    count: regex.Pattern  # `Số lượng …`, `Số hộ …` opening the cell
    unit_paren: regex.Pattern  # a count or measure unit closing the cell: `(người)`, `(ha)`


_EDGE = r"(?![\p{L}\p{M}])"


@cache
def _words() -> HeaderWords:
    p, u = grammar().patterns, grammar().units
    nouns = alternation([*u.counted, *u.measured, *u.per_only])
    counts = alternation([*p.count_headers, *(f"{function_words().number} {w}" for w in u.counted)])
    return HeaderWords(
        stt=frozenset(fold_word(w) for w in p.stt_headers),
        year=frozenset(fold_word(w) for w in p.year_headers),
        per=frozenset(fold_word(w) for w in p.per_headers),
        code=regex.compile(rf"{alternation(p.code_labels)}{_EDGE}", regex.IGNORECASE),
        percent=regex.compile(rf"{alternation(p.percent_headers)}(?![\p{{L}}\p{{M}}\d])", regex.IGNORECASE),
        count=regex.compile(rf"{counts}{_EDGE}", regex.IGNORECASE),
        unit_paren=regex.compile(rf"\(\s*{nouns}(?:\s*/[^()]*)?\s*\)$", regex.IGNORECASE),
    )


_PERCENT_UNIT = regex.compile(r"\(\s*%\s*\)")  # `Tỷ lệ giải ngân (%)`, `DT 2026 với UTH 2025 (%)`
_MARKUP = regex.compile(r"[*_]+")
_DIGIT = regex.compile(r"\d")
_PER_WORDS = 4  # "Đề theo phân môn"
_TRAILING_PAREN = regex.compile(r"\s*\([^()]*\)$")


def _clean(text: str) -> str:
    """A cell's words, without the markdown emphasis web copies wrap them in."""
    return " ".join(_MARKUP.sub(" ", text).split())


def _column_of(text: str, g: Grammar, w: HeaderWords) -> Column | None:
    """What a header cell says about its column; None for a plain name (`Nội dung`)."""
    t = _clean(text)
    if not t:
        return None
    low = t.lower()
    if low in w.stt:
        return Column("stt")
    if low in w.per:
        return Column("per")
    if w.code.match(t):
        return Column("code")
    if w.percent.match(t) or _PERCENT_UNIT.search(t):
        return Column("percent")
    h = g.header_unit.search(t) if "(" in t else None
    if h:
        return Column("money", _unit_of(h, g))
    if _TRAILING_PAREN.sub("", low) in w.year:
        return Column("year")
    if w.count.match(t) or w.unit_paren.search(t):
        return Column("count")
    return None


def _label_kind(text: str, w: HeaderWords) -> Kind | None:
    """What a row's label (`Tỷ lệ giải ngân (%)`, `Số hộ`, `Mã số thuế`) says its numbers
    are; a money unit in a label (`Giải ba (đồng)`: bronze) says nothing."""
    t = _clean(text)
    if w.code.match(t):
        return "code"
    if w.percent.match(t) or _PERCENT_UNIT.search(t):
        return "percent"
    if _TRAILING_PAREN.sub("", t.lower()) in w.year:
        return "year"
    if w.count.match(t) or w.unit_paren.search(t):
        return "count"
    return None


def _unit_of(m: regex.Match, g: Grammar) -> TableUnit:
    mult = m.group("mult")
    cur = m.group("cur")
    power = 3 if mult and mult[0].isdigit() else (g.scale_of[fold_word(mult)] if mult else 0)
    unit = f"{fold_word(mult)} {cur.lower()}" if mult else cur.lower()
    per = m.group("per")
    per = SLASH.sub("/", " ".join(per.split())).strip("/ ") if per else None
    return TableUnit(unit, power, g.currency_of[fold_word(cur)], per)


# ------------------------------------------------------------------ cell shapes
_CELL_NUMBER = regex.compile(rf"[*_\s]*(?P<n>{NUMBER})[*_\s]*")
# A row number: `3`, `12`, `1.2`, `2.3.1` (a thousands group has three digits, so
# `10.367.700` is no row number).
_STT = regex.compile(r"\d{1,3}|\d{1,2}(?:\.\d{1,2})+")
_STT_LABEL = regex.compile(r"(?:[IVXLCDM]+|[A-Za-z]|\d{1,3}|\d{1,2}(?:\.\d{1,2})+)\.?")  # also `II`, `a.`
_YEAR = regex.compile(r"(?:19|20)\d\d")
# The column-number row: `A | B | 1 | 2 | 3 | 4=3/2`, `(1) | (2) | (3)`.
_COLUMN_LETTER = regex.compile(r"\(?(?P<l>[A-Z])\)?")
_COLUMN_NUMBER = regex.compile(r"\(?(?P<n>\d{1,2})\)?(?:\s*=\s*(?P<formula>[\d()\s+\-x×*/:.,]+))?")


def _number(cell: Cell) -> regex.Match | None:
    return _CELL_NUMBER.fullmatch(cell.text) if cell.text else None


def _column_numbers(row: Row, in_header: bool) -> dict[int, str] | None:
    """The formula of each column (`4=3/2` → {5: "3/2"}) when the row only numbers the
    columns, else None. Under the header any run of two counts; further down, where a
    data row `1 | 2` could hold amounts, it takes three, from A or from 1."""
    letters, numbers, formulas = 0, 0, {}
    last = 0
    for i, cell in enumerate(row.cells):
        t = _clean(cell.text)
        if not t:
            continue
        m = _COLUMN_LETTER.fullmatch(t)
        if m and not numbers and m.group("l") == chr(ord("A") + letters):
            letters += 1
            continue
        m = _COLUMN_NUMBER.fullmatch(t)
        if m is None:
            return None
        n = int(m.group("n"))
        if (numbers and n != last + 1) or (not numbers and not letters and n != 1):
            return None
        last, numbers = n, numbers + 1
        if m.group("formula"):
            formulas[i] = m.group("formula")
    if not numbers or letters + numbers < (2 if in_header else 3):
        return None
    return formulas


_BLANK_LINE = regex.compile(r"\n\s*\n")


def _opens_row(cell: str) -> bool:
    """A cell naming the STT column opens a new row (a new table)."""
    return len(cell) < 24 and _clean(cell).lower() in _words().stt


# ------------------------------------------------------------------ reading a table
class _Table:
    """What the rows read so far say about the table they belong to: its unit, its width
    and what each column holds. Scratch state of one block's walk."""

    def __init__(self, unit: TableUnit | None) -> None:
        self.reset(unit)

    def reset(self, unit: TableUnit | None, fresh: bool = True) -> None:
        self.unit = unit
        self.fresh = fresh  # a unit line came since the table started
        self.width: int | None = None
        self.numbered = False  # the width comes from a column-number row
        self.columns: dict[int, Column] = {}
        self.unplaced: list[Column] = []  # named by a header row that does not line up
        self.in_header = True
        self.started = False
        self.header: tuple[str, ...] = ()

    def row_width(self) -> int | None:
        """The width to cut one-cell-per-line rows at: only a column-number row's. A header
        row's width says little about the rows under it, whose merged cells (a group name
        spanning rows) leave them shorter."""
        return self.width if self.numbered else None

    def number_columns(self, width: int) -> None:
        """A column-number row gives the true width. Header cells placed by a header row of
        another width (merged cells) were placed wrongly, past the first column."""
        if width != self.width:
            self.unplaced += [c for i, c in self.columns.items() if i]
            self.columns = {i: c for i, c in self.columns.items() if not i}
        self.width, self.numbered = width, True

    def aligned(self, row: Row) -> bool:
        """Whether a row's cells stand in the columns of their index."""
        if self.width is None:
            return False
        return len(row.cells) == self.width or (row.one_line and len(row.cells) < self.width)

    def read_header(self, row: Row, g: Grammar, w: HeaderWords) -> None:
        if self.width is None and sum(1 for c in row.cells if c.text.strip()) >= 2:
            self.width = len(row.cells)
        aligned = self.aligned(row)
        for i, cell in enumerate(row.cells):
            col = _column_of(cell.text, g, w)
            if col is None:
                continue
            if aligned:
                self.columns[i] = col
            else:
                self.unplaced.append(col)

    def unit_at(self, i: int, row: Row) -> TableUnit | None:
        """The unit of the cell in column i of a data row, None when it holds no money."""
        aligned = self.aligned(row)
        if aligned and i in self.columns:
            col = self.columns[i]
            return col.unit if col.kind == "money" else None
        placed = {c.kind for c in self.columns.values()}
        if any(c.kind in _NOT_MONEY and c.kind not in placed for c in self.unplaced):
            return None  # the header names a column that is not money, and we cannot place it
        other = bool(placed & _NOT_MONEY)
        if self.unit is not None:
            return None if other and not aligned else self.unit
        if aligned:
            return None  # the header gives units to some columns, not to this one
        units = {c.unit for c in (*self.columns.values(), *self.unplaced) if c.kind == "money"}
        return units.pop() if len(units) == 1 and not other else None


    def per_at(self, i: int, row: Row) -> str | None:
        """The unit the amount in column i is for, from the table's "Đơn vị tính" column:
        the row's cell in it, or, where the row's merged cells keep it from lining up, the
        first cell after the amount that holds no number ("353 | 285 | người/ngày"). A unit
        is a few words without digits."""
        at = next((j for j, c in self.columns.items() if c.kind == "per"), None)
        if at is None and not any(c.kind == "per" for c in self.unplaced):
            return None
        if at is None or not self.aligned(row):
            at = next((j for j in range(i + 1, len(row.cells))
                       if row.cells[j].text.strip() and not _number(row.cells[j])), None)
        if at is None or at >= len(row.cells):
            return None
        cell = _clean(row.cells[at].text)
        return cell if cell and len(cell.split()) <= _PER_WORDS and not _DIGIT.search(cell) else None


def table_amounts(text: str, g: Grammar) -> Iterable[Raw]:
    blocks = table_blocks(text)
    if not blocks:
        return
    unit_lines = [UnitLine(m.end(), _unit_of(m, g))
                  for m in g.unit_line.finditer(text)]
    previous_end = 0
    for bs, be in blocks:
        # A unit line just above the block (no other table or prose between) governs its
        # first table; one inside the block governs the tables after it.
        above = [u for u in unit_lines
                 if previous_end <= u.end <= bs and not _prose_between(text, u.end, bs)]
        inside = [u for u in unit_lines if bs < u.end <= be]
        previous_end = be
        if not above and not inside and not g.header_unit.search(text, bs, be):
            # Most tables have no unit at all; reading their cells would only find that.
            continue
        yield from _block_amounts(text, bs, be, above[-1].unit if above else None, inside, g)


def _prose_between(text: str, a: int, b: int) -> bool:
    """True when a paragraph of running text separates a unit line from a table."""
    if a >= b:
        return False
    between = text[a:b]
    return any(len(p.strip()) > 60 and "|" not in p for p in _BLANK_LINE.split(between))


def _block_amounts(text: str, bs: int, be: int, unit: TableUnit | None,
                   unit_lines: list[UnitLine], g: Grammar) -> Iterable[Raw]:
    w = _words()
    table = _Table(unit)
    pending = list(unit_lines)
    for row in rows(text, bs, be, table.row_width, _opens_row):
        while pending and pending[0].end <= row.start:
            line = pending.pop(0)
            if table.started and not table.in_header:
                table.reset(line.unit)  # the unit line of the next table
            else:
                table.unit, table.fresh = line.unit, True
        yield from _row_amounts(row, table, g, w)


def _row_amounts(row: Row, table: _Table, g: Grammar, w: HeaderWords) -> Iterable[Raw]:
    first = next((i for i, c in enumerate(row.cells) if c.text.strip()), None)
    if first is None:
        return
    if _clean(row.cells[first].text).lower() in w.stt:
        # A header row opening a table; the same header again (a page break) goes on.
        header = tuple(_clean(c.text) for c in row.cells)
        if table.started and header != table.header:
            table.reset(table.unit if table.fresh else None, fresh=False)
        table.started, table.fresh, table.header = True, False, header
        table.read_header(row, g, w)
        return
    formulas = _column_numbers(row, table.in_header)
    table.started = True
    if formulas is not None:
        table.number_columns(len(row.cells))
        for i, formula in formulas.items():
            if "/" in formula or ":" in formula:
                table.columns[i] = Column("percent")  # `4=3/2`: a ratio of two columns
        return
    numbered = _STT_LABEL.fullmatch(_clean(row.cells[first].text)) is not None
    numbers = [(i, n) for i, c in enumerate(row.cells) if (n := _number(c))]
    label = next((c.text for i, c in enumerate(row.cells)
                  if c.text.strip() and not _number(c) and not (i == first and numbered)), None)
    data = [(i, n) for i, n in numbers if not _label_number(i, first, n.group("n"))]
    years = all(_YEAR.fullmatch(n.group("n")) for _, n in data)
    if table.in_header and years and not numbered:
        table.read_header(row, g, w)  # names, units, or years heading the columns
        return
    table.in_header = table.fresh = False
    if label is not None and _label_kind(label, w) in _NOT_MONEY:
        return
    for i, n in data:
        unit = table.unit_at(i, row)
        if unit is not None and not code_shaped(n.group("n")):
            start = row.cells[i].start + n.start("n")
            yield Raw(start, start + len(n.group("n")), n.group("n"), unit.unit, unit.power,
                      unit.currency, unit.per or table.per_at(i, row))


def _label_number(i: int, first: int, number: str) -> bool:
    """A row's first cell is its label: a row number, or a year (`2026 | 3.682,35`)."""
    return i == first and (_STT.fullmatch(number) is not None or _YEAR.fullmatch(number) is not None)
