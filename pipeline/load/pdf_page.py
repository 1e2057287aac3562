"""One PDF page rebuilt from its lines (see pdf_lines.py): the two-column header and
signature zones, ruled tables cell by cell, running heads and page numbers as furniture;
and the plain reading of a page whose layout carries no meaning. pdf.py decides which pages
need this and assembles the document."""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from functools import cache

import regex

from ..models import BlockKind
from ..page_words import gazette_name, motto, phrase, recipients_heading, words
from .pdf_lines import SOFT_HYPHEN, Line, Out, chars_of, clean_text, lines_of

# A page with this many thin path objects (cell borders) or more is read for its tables.
TABLE_MIN_RULES = 8

_AUTHORITY = regex.compile(r"^(?:TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\.?\s+\p{Lu}")


@cache
def _gazette() -> regex.Pattern:
    """A running head of a gazette page on a line of its own."""
    name = gazette_name(r"\s*")
    return regex.compile(rf"^\s*(?:\d{{1,4}}\s+)?{name}\b.{{0,80}}$", regex.IGNORECASE)


@cache
def _motto() -> regex.Pattern:
    """The motto's opening words: the header column may wrap after the third."""
    return regex.compile(motto(3), regex.IGNORECASE)


@cache
def _recipients() -> regex.Pattern:
    return regex.compile(r"^\W*" + recipients_heading(), regex.IGNORECASE)


@cache
def _page_number() -> regex.Pattern:
    """A line that is only a page number: 3, - 3 -, 3/12, Trang 3."""
    page = phrase(words().page)
    return regex.compile(rf"^\s*(?:-\s*)?(?:{page}\s+)?\d{{1,4}}(?:\s*/\s*\d{{1,4}})?(?:\s*-)?\s*$",
                         regex.IGNORECASE)


def _split_x(lines: list[Line], page_width: float) -> float | None:
    """Where the two columns of a header or signature table part: the middle of the gap
    between a line's left and right segments, over the lines that have both."""
    gaps = []
    for line in lines:
        for a, b in zip(line.segs, line.segs[1:]):
            if a.x1 < page_width * 0.62 and b.x0 > page_width * 0.3:
                gaps.append((a.x1 + b.x0) / 2)
                break
    return statistics.median(gaps) if gaps else None


def _column_zone(lines: list[Line], start: int, split: float, page_mid: float, limit: int,
                 stop_centered: bool) -> tuple[list[Line], list[Line], int]:
    """Left and right column lines from `start` until a line crosses the split (body text)
    or, for a header, a lone line centred on the page (the type name)."""
    left: list[Line] = []
    right: list[Line] = []
    i = start
    while i < len(lines) and i - start < limit:
        line = lines[i]
        if any(s.x0 < split - 2 and s.x1 > split + 2 for s in line.segs):
            break
        centre = (line.x0 + line.x1) / 2
        if stop_centered and left and right and len(line.segs) == 1 and abs(centre - page_mid) < 25:
            break
        ls = [s for s in line.segs if s.x1 <= split + 2]
        rs = [s for s in line.segs if s.x1 > split + 2]
        if ls:
            left.append(Line(ls, line.bottom, line.top, line.page))
        if rs:
            right.append(Line(rs, line.bottom, line.top, line.page))
        i += 1
    return left, right, i


def emit_columns(out: Out, left: list[Line], right: list[Line], left_kind: BlockKind,
                  right_kind: BlockKind) -> None:
    out.add("|", None)
    for line in left:
        out.add(line.marked, left_kind, line.bbox, page=line.page)
    out.add("|", None)
    for line in right:
        out.add(line.marked, right_kind, line.bbox, page=line.page)
    out.add("|", None)


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and not any(c.islower() for c in letters)


def _furniture_lines(lines: list[Line]) -> set[int]:
    found = set()
    for i in list(range(min(2, len(lines)))) + list(range(max(0, len(lines) - 2), len(lines))):
        text = lines[i].text
        if _gazette().match(text) or _page_number().match(text):
            found.add(i)
    return found


# ------------------------------------------------------------------ tables
def _rules(page) -> list[tuple[float, float, float, float]]:
    """Thin path objects (cell borders): (left, bottom, right, top)."""
    import pypdfium2.raw as pdfium_c

    out = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) < 2.5 or (top - bottom) < 2.5:
            out.append((left, bottom, right, top))
    return out


def _cluster(values: list[float], tol: float = 3.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


@dataclass
class _Table:
    bottom: float
    top: float
    xs: list[float]
    ys: list[float]   # top to bottom


def _tables(rules, lines: list[Line]) -> list[_Table]:
    verticals = [r for r in rules if (r[3] - r[1]) >= 2.5 and (r[2] - r[0]) < 2.5]
    horizontals = [r for r in rules if (r[2] - r[0]) >= 2.5 and (r[3] - r[1]) < 2.5]
    if len(verticals) < 2 or len(horizontals) < 2:
        return []
    # Tables stacked on a page are told apart by vertical gaps between their rules.
    spans = sorted(((r[1], r[3]) for r in verticals + horizontals), key=lambda s: -s[1])
    groups: list[list[float]] = []
    for bottom, top in spans:
        if groups and top >= groups[-1][0] - 3:
            groups[-1][0] = min(groups[-1][0], bottom)
        else:
            groups.append([bottom, top])
    tables = []
    for bottom, top in groups:
        vs = [r for r in verticals if r[1] >= bottom - 3 and r[3] <= top + 3]
        hs = [r for r in horizontals if r[1] >= bottom - 3 and r[3] <= top + 3]
        xs = _cluster([(r[0] + r[2]) / 2 for r in vs] + [h[0] for h in hs] + [h[2] for h in hs])
        ys = sorted(_cluster([(r[1] + r[3]) / 2 for r in hs]), reverse=True)
        if len(xs) >= 3 and len(ys) >= 2 and len(vs) + len(hs) >= TABLE_MIN_RULES // 2:
            tables.append(_Table(bottom, top, xs, ys))
    return tables


def _cell_lines(glyphs) -> list[list]:
    """A cell's glyphs regrouped into PDFium lines (they carry their line number)."""
    lines: dict[int, list] = {}
    for g in glyphs:
        lines.setdefault(g[5], []).append(g[:5])
    return [lines[k] for k in sorted(lines)]


def _table_rows(table: _Table, char_lines) -> list[list[list[str]]]:
    """Each cell's text lines, by assigning every glyph to the grid cell it sits in."""
    xs, ys = table.xs, table.ys
    ncol, nrow = len(xs) - 1, max(len(ys) - 1, 1)
    grid: list[list[list]] = [[[] for _ in range(ncol)] for _ in range(nrow)]
    import bisect

    chars = [(*c[:5], n) for n, line in enumerate(char_lines) for c in line]
    for c in chars:
        cx, cy = (c[1] + c[3]) / 2, (c[2] + c[4]) / 2
        if not (table.bottom - 1 <= cy <= table.top + 1 and xs[0] <= cx <= xs[-1]):
            continue
        col = min(max(bisect.bisect_right(xs, cx) - 1, 0), ncol - 1)
        row = 0
        while row < nrow - 1 and cy < ys[row + 1]:
            row += 1
        grid[row][col].append(c)
    rows = []
    for row in grid:
        cells = []
        for cell in row:
            cells.append([line.text for line in lines_of(_cell_lines(cell))] if cell else [])
        if any(cells):
            rows.append(cells)
    return rows


# ------------------------------------------------------------------ pages
def plain_page(out: Out, text: str) -> None:
    lines = text.split("\n")
    head, tail = [], []
    while lines and (not lines[0].strip() or ((_gazette().match(lines[0]) or _page_number().match(lines[0]))
                                              and len(head) < 2)):
        line = lines.pop(0)
        if line.strip():
            head.append(line.strip())
    while lines and (not lines[-1].strip() or (_page_number().match(lines[-1]) and len(tail) < 1)):
        line = lines.pop()
        if line.strip():
            tail.append(line.strip())
    for line in head:
        out.add(line, "page_header", furniture=True)
    body = clean_text("\n".join(lines)).strip("\n")
    if body.strip():
        out.add(body)
    for line in reversed(tail):
        out.add(line, "page_footer", furniture=True)


@dataclass
class Carry:
    """A signature table that reached the foot of its page: it goes on at the next top."""

    left: list[Line]
    right: list[Line]
    split: float


def geometry_page(out: Out, page, textpage, text: str, number: int, want_tables: bool,
                   carry: Carry | None = None) -> bool | Carry:
    """Rebuild a page from character boxes. False when PDFium gives no usable geometry;
    a Carry when the signature table runs on to the next page."""
    # weights on page 1 only: the header's bold trích yếu is what parts it from the body
    chars = chars_of(textpage, SOFT_HYPHEN.sub("-", text), weights=number == 1)
    lines = lines_of(chars)
    if not lines:
        return False
    width, _height = page.get_size()
    furniture = _furniture_lines(lines)
    body_lines = [ln for i, ln in enumerate(lines) if i not in furniture]
    if body_lines:
        page_mid = (min(ln.x0 for ln in body_lines) + max(ln.x1 for ln in body_lines)) / 2
    else:
        page_mid = width / 2
    tables = _tables(_rules(page), lines) if want_tables else []
    # zones: (start line, end line, emitter)
    consumed: dict[int, list] = {}
    skip: set[int] = set()
    content = [i for i in range(len(lines)) if i not in furniture]
    for line in lines:
        line.page = number
    if carry is not None and content:
        left, right, end = _column_zone(lines, content[0], carry.split, page_mid, 60, stop_centered=False)
        consumed[content[0]] = [("columns", carry.left + left, carry.right + right, "recipients", "signature")]
        skip.update(range(content[0], end))
    elif carry is not None:
        return False
    result: bool | Carry = True
    if number == 1 and content:
        start = content[0]
        split = _split_x(lines[start:start + 12], width)
        # a line across both columns above the header (a stamp, a running head) stays text
        while split is not None and start < content[0] + 6 and any(
                s.x0 < split - 2 and s.x1 > split + 2 for s in lines[start].segs):
            start += 1
        if split is not None and any(_motto().search(ln.text) for ln in lines[start:start + 12]):
            left, right, end = _column_zone(lines, start, split, page_mid, 25, stop_centered=True)
            if left and right:
                consumed[start] = [("columns", left, right, "header_cell", "header_cell")]
                skip.update(range(start, end))
    for i in content:
        if i in skip or not _recipients().match(lines[i].text):
            continue
        start = i
        # the signature's first lines (TM. …) may stand above Nơi nhận
        while start - 1 in content and start - 1 not in skip and i - start < 3 \
                and lines[start - 1].x0 > width * 0.4 and _upper(lines[start - 1].text):
            start -= 1
        split = _split_x(lines[start:], width) or width * 0.45
        left, right, end = _column_zone(lines, start, split, page_mid, 60, stop_centered=False)
        if left and right:
            skip.update(range(start, end))
            if all(j in skip or j in furniture for j in range(start, len(lines))):
                result = Carry(left, right, split)
            else:
                consumed[start] = [("columns", left, right, "recipients", "signature")]
            break
    for table in tables:
        rows = None
        members = [i for i in content if i not in skip
                   and table.bottom - 2 <= (lines[i].bottom + lines[i].top) / 2 <= table.top + 2]
        if not members:
            continue
        rows = _table_rows(table, chars)
        if rows:
            consumed[members[0]] = [("table", rows, table)]
            skip.update(members)
    paragraph: list[Line] = []

    def flush() -> None:
        if paragraph:
            text_ = clean_text("\n".join(ln.marked for ln in paragraph))
            x0 = min(ln.x0 for ln in paragraph)
            bbox = (round(x0, 1), round(paragraph[-1].bottom, 1), round(max(ln.x1 for ln in paragraph), 1),
                    round(paragraph[0].top, 1))
            out.add(text_, "paragraph", bbox)
            paragraph.clear()

    for i, line in enumerate(lines):
        if i in furniture:
            flush()
            kind: BlockKind = "page_header" if i < len(lines) / 2 else "page_footer"
            out.add(line.text, kind, line.bbox, furniture=True)
            continue
        for zone in consumed.get(i, []):
            flush()
            if zone[0] == "columns":
                emit_columns(out, zone[1], zone[2], zone[3], zone[4])
            else:
                _emit_table(out, zone[1])
        if i in skip:
            continue
        paragraph.append(line)
    flush()
    return result


def _emit_table(out: Out, rows: list[list[list[str]]]) -> None:
    for row in rows:
        out.add("|", None)
        for cell in row:
            for line in cell:
                out.add(clean_text(line), "table_cell")
            out.add("|", None)
