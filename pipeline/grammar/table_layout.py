"""How web copies render tables, read back into rows of cells: runs of paragraphs with `|`
between cells, a whole row on a line (`a | b | c |`) or one cell per line (a `|` line
between two cells, two between rows). What the cells mean is money_tables' business."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import regex


@dataclass(frozen=True)
class Cell:
    start: int  # where the cell's text starts in the document
    text: str


@dataclass(frozen=True)
class Row:
    start: int
    cells: tuple[Cell, ...]
    one_line: bool = False  # a whole row on one line, whose empty last cells may be left out


_PARAGRAPH = regex.compile(r"[^\n]+(?:\n[^\n]+)*")


def table_blocks(text: str) -> list[tuple[int, int]]:
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


def _split_cells(line_start: int, body: str) -> tuple[Cell, ...]:
    """Each `|`-separated cell of a row on one line, empty ones kept so columns line up;
    the outer `|`s of `| a | b |` and `a | b |` close cells, they open no empty one."""
    cells, pos = [], line_start
    for piece in body.split("|"):
        cells.append(Cell(pos, piece))
        pos += len(piece) + 1
    stripped = body.strip()
    if stripped.startswith("|") and not cells[0].text.strip():
        cells.pop(0)
    if stripped.endswith("|") and cells and not cells[-1].text.strip():
        cells.pop()
    return tuple(cells)


def rows(text: str, bs: int, be: int, width: Callable[[], int | None],
         opens_row: Callable[[str], bool]) -> Iterator[Row]:
    """The rows of a block in order. A row on one line is split at its `|`s; one cell per
    line is read as a stream of cells that _stream_rows cuts into rows, with the table's
    width once known (`width`) and the cells that always open a row (`opens_row`)."""
    stream: list[Cell] | None = None  # cells since the first `|` line of a run
    first, last = -1, -1  # the open cell's text, between `|` lines
    pos = bs
    # str.split walks the lines far faster than a regex.
    for body in text[bs:be].split("\n"):
        line_start, pos = pos, pos + len(body) + 1
        stripped = body.strip()
        pipes = body.count("|")
        if pipes >= 2 or (pipes == 1 and not stripped.endswith("|")):
            # A whole row on one line: `Năm 2026 | 3.682,35 | 2.920,17 | 762,17 |`.
            if stream:
                yield from _stream_rows(stream, width, opens_row)
            stream, first = None, -1
            yield Row(line_start, _split_cells(line_start, body), one_line=True)
        elif pipes == 1:
            if stripped != "|":  # `text |`: the cell's last line
                first = line_start if first < 0 else first
                last = line_start + len(body.rstrip().rstrip("|").rstrip())
            if stream is None:
                stream = []  # what came before the first `|` is no cell (a title, a unit line)
            elif first < 0:
                stream.append(Cell(line_start, ""))
            else:
                stream.append(Cell(first, text[first:last]))
            first = -1
        elif stripped and stream is not None:
            first = line_start if first < 0 else first
            last = line_start + len(body.rstrip())
    # What follows the last `|` line is the text after the table.
    if stream:
        yield from _stream_rows(stream, width, opens_row)


def _stream_rows(cells: list[Cell], width: Callable[[], int | None],
                 opens_row: Callable[[str], bool]) -> Iterator[Row]:
    """Rows of a one-cell-per-line run. An empty cell ends a row; once a column-number row
    has given the table's width, a row is that many cells followed by an empty one, which
    keeps a row's own empty cells in it. A cell naming the STT column always opens a new
    row (a new table)."""
    opens = [opens_row(c.text) for c in cells]
    i = 0
    while i < len(cells):
        n = width()
        if (n and not opens[i] and i + n <= len(cells) and not any(opens[i + 1:i + n])
                and (i + n == len(cells) or not cells[i + n].text.strip() or opens[i + n])):
            j = i + n
        else:
            j = i
            while j < len(cells) and cells[j].text.strip() and not (j > i and opens[j]):
                j += 1
        if j > i:
            yield Row(cells[i].start, tuple(cells[i:j]))
        i = j + 1 if j < len(cells) and not cells[j].text.strip() else max(j, i + 1)
