"""PDF files: running text from PDFium, geometry only where the layout carries meaning.

Speed decides the split. PDFium returns a page's text in a few milliseconds; pdfplumber
(pdfminer) takes ~0.2 s per page, which alone would put the loader below a third of
`pdftotext -layout`. So every page is read as text by pypdfium2, and only the pages
whose layout matters are rebuilt from PDFium's character boxes (also a few
milliseconds):

- page 1, whose NĐ 30 header is a two-column table: read as text, the columns run together
  (`Số: 1767/TB-BDT Lạng Sơn, ngày …` on one line);
- the page holding `Nơi nhận`, whose signature table has the same two columns;
- pages with ruled tables (many thin path objects), up to MAX_TABLE_PAGES per file: each
  cell becomes a block, in the web-copy shape the HTML and DOCX loaders write.

The two-column zones are written as the web copies and the DOCX loader write them (a `|`
line, the left cell's lines, `|`, the right cell's lines, `|`), so the header parser sees
one layout whatever the format. pdfplumber is kept for files PDFium cannot open.

PDFium marks a hyphen it takes for a soft hyphen at a line end with U+FFFE (U+0002 in some
versions). In these documents that hyphen is almost always part of a symbol
(`37/TTr-⏎SKHĐT`, `LĐ-⏎TB&XH`) or a range (`2021-⏎2025`), so it is put back as "-" and
the two lines are joined there.

Gazette running heads (`CÔNG BÁO/Số 271/Ngày 12-05-2026 84`) and bare page numbers are
furniture blocks outside the text, so the gazette's issue number is never read as the
document's. Scanned pages are OCRed when Tesseract is installed (see ocr.py).
"""
from __future__ import annotations

import ctypes
import io
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import regex

from ..models import Block, BlockKind, LoadedDocument
from . import LoadError, make_source

_SOFT_HYPHEN = regex.compile(r"[\ufffe\x02]")
_NEWLINES = regex.compile(r"\r\n?")
_BROKEN_SYMBOL = regex.compile(r"(?<=[\p{L}\p{N}])-[ \t]*\n[ \t]*(?=[\p{Lu}\p{N}])")
# Fewer letters than this on a page covered by an image: a scan with a printed running head.
SCANNED_MAX_LETTERS = 200
DEFAULT_MAX_PAGES = 2000
# Ruled tables are rebuilt cell by cell on at most this many pages per file; later ones
# keep PDFium's text, whose order is already cell by cell (keeps big form books fast).
MAX_TABLE_PAGES = 12
TABLE_MIN_RULES = 8
BOLD_WEIGHT = 600
FONT_NAME_BYTES = 256

_GAZETTE = regex.compile(r"^\s*(?:\d{1,4}\s+)?C[ÔO]NG\s*B[ÁA]O\b.{0,80}$", regex.IGNORECASE)
# The running head itself, wherever PDFium put it (on a landscape page it can open a line
# of table text).
_GAZETTE_HEAD = regex.compile(r"(?:(?<!\S)\d{1,4}[ \t]+)?C[ÔO]NG[ \t]*B[ÁA]O[ \t]*/[ \t]*Số[ \t]*[\d \t+]+/[ \t]*"
                              r"Ngày[ \t]*\d{1,2}-\d{1,2}-\d{4}(?:[ \t]+\d{1,4}(?!\S))?[ \t]*", regex.IGNORECASE)
_PAGE_NUMBER = regex.compile(r"^\s*(?:-\s*)?(?:Trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*-)?\s*$", regex.IGNORECASE)
_RECIPIENTS = regex.compile(r"^\W*Nơi\s+nhận", regex.IGNORECASE)
_RECIPIENTS_LINE = regex.compile(r"(?m)^\W*Nơi\s+nhận", regex.IGNORECASE)
_MOTTO = regex.compile(r"CỘNG\s+H[ÒÕO]A\s+XÃ|ĐẢNG\s+CỘNG\s+SẢN|Độc\s+lập\s*-", regex.IGNORECASE)
_AUTHORITY = regex.compile(r"^(?:TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\.?\s+\p{Lu}")


@dataclass
class _Seg:
    x0: float
    x1: float
    bottom: float
    top: float
    text: str
    marked: str = ""   # the text with bold runs in `**`, as web copies write them


@dataclass
class _Line:
    segs: list[_Seg]
    bottom: float
    top: float
    page: int | None = None

    @property
    def x0(self) -> float:
        return self.segs[0].x0

    @property
    def x1(self) -> float:
        return self.segs[-1].x1

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segs)

    @property
    def marked(self) -> str:
        """The text as written out: layout decisions read `text`, so that a bold running
        head or `TM.` line is recognised the same whether or not its weight was read."""
        return " ".join(s.marked or s.text for s in self.segs)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (round(self.x0, 1), round(self.bottom, 1), round(self.x1, 1), round(self.top, 1))


@dataclass
class _Out:
    """One page's pieces in reading order: (text, kind, bbox, furniture, page). The page
    is set only for lines carried over from the page before (a signature table cut by a
    page break)."""

    pieces: list[tuple[str, BlockKind | None, tuple | None, bool, int | None]] = field(default_factory=list)

    def add(self, text: str, kind: BlockKind | None = "paragraph", bbox=None, furniture: bool = False,
            page: int | None = None) -> None:
        """kind None: a `|` cell border, in the text but no block of its own."""
        self.pieces.append((text, kind, bbox, furniture, page))


@dataclass
class PageResult:
    pieces: list[tuple[str, BlockKind | None, tuple | None, bool, int | None]]
    scanned: bool
    ocr: bool = False
    confidence: float | None = None


_TRAILING_SPACE = regex.compile(r"[ \t]+(?=\n|$)")


def clean_text(text: str) -> str:
    text = _TRAILING_SPACE.sub("", _NEWLINES.sub("\n", text))
    text = _SOFT_HYPHEN.sub("-", text)
    # A hyphen kept before a line break stays with the word before it: `TTr-⏎SKHĐT`
    # would otherwise gain a space when lines are joined downstream.
    return _BROKEN_SYMBOL.sub("-", text)


def _is_password_error(message: str) -> bool:
    return "password" in message.lower() or "encrypt" in message.lower()


# ------------------------------------------------------------------ geometry
def _is_bold(textpage, index: int, name: ctypes.Array) -> bool:
    """A glyph set in a bold face: by its weight, or by the font's name, since many
    generators embed `…-Bold` fonts that declare weight 400."""
    import pypdfium2.raw as pdfium_c

    if pdfium_c.FPDFText_GetFontWeight(textpage.raw, index) >= BOLD_WEIGHT:
        return True
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, name, len(name), ctypes.byref(flags))
    return b"bold" in name.value.lower()


def _chars(textpage, text: str, weights: bool = False) -> list[list[tuple]]:
    """PDFium's lines (it parts them with generated CR LF), each a list of glyphs with boxes;
    with `weights`, a glyph also tells whether it is bold."""
    n = textpage.count_chars()
    if n != len(text):  # characters outside the BMP shift the indices: no geometry then
        return []
    name = ctypes.create_string_buffer(FONT_NAME_BYTES) if weights else None
    lines: list[list] = [[]]
    for i, ch in enumerate(text):
        if ch in "\r\n":
            if lines[-1]:
                lines.append([])
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        if ch.isspace() or (right - left) <= 0 or (top - bottom) <= 0:
            lines[-1].append((" ", left, bottom, right, top))
        elif name is not None:
            lines[-1].append((ch, left, bottom, right, top, _is_bold(textpage, i, name)))
        else:
            lines[-1].append((ch, left, bottom, right, top))
    return [line for line in lines if any(c[0] != " " for c in line)]


def _close_bold(marks: list[str]) -> None:
    """End a bold run before the spaces that follow it, as `**bold** plain` is written."""
    spaces = 0
    while marks and marks[-1] == " ":
        marks.pop()
        spaces += 1
    marks.append("**")
    marks.extend(" " * spaces)


def _lines(char_lines) -> list[_Line]:
    """Lines top to bottom, each cut into segments where a gap wider than 1.5 line heights
    parts two columns (a space between words is a third of that)."""
    glyphs = [c for line in char_lines for c in line if c[0] != " "]
    if not glyphs:
        return []
    gap = 1.5 * (statistics.median(c[4] - c[2] for c in glyphs) or 10.0)
    lines = []
    for chars in char_lines:
        segs: list[_Seg] = []
        parts: list[str] = []
        marks: list[str] = []   # parts with `**` around bold runs
        in_bold = False

        def end_seg() -> None:
            if in_bold:
                _close_bold(marks)
            segs[-1].text = "".join(parts).strip()
            segs[-1].marked = "".join(marks).strip()

        last_right = None
        for glyph in chars:
            ch, left, bottom, right, top = glyph[:5]
            if ch == " ":
                parts.append(" ")
                marks.append(" ")
                continue
            if segs and last_right is not None and left - last_right > gap:
                end_seg()
                parts, marks, in_bold = [], [], False
                segs.append(_Seg(left, right, bottom, top, ""))
            elif not segs:
                segs.append(_Seg(left, right, bottom, top, ""))
            bold = len(glyph) > 5 and glyph[5]
            if bold and not in_bold:
                marks.append("**")
            elif in_bold and not bold:
                _close_bold(marks)
            in_bold = bold
            parts.append(ch)
            marks.append(ch)
            last_right = right
            seg = segs[-1]
            seg.x0, seg.x1 = min(seg.x0, left), max(seg.x1, right)
            seg.bottom, seg.top = min(seg.bottom, bottom), max(seg.top, top)
        if segs:
            end_seg()
        segs = [s for s in segs if s.text]
        if segs:
            lines.append(_Line(segs, min(s.bottom for s in segs), max(s.top for s in segs)))
    # Reading order is top to bottom; PDFium keeps content-stream order, which puts a
    # header's right column after its whole left column. Lines side by side (the two
    # cells of a table row) become one line of two segments.
    height = gap / 1.5
    lines.sort(key=lambda ln: -(ln.bottom + ln.top) / 2)
    rows: list[_Line] = []
    for line in lines:
        mid = (line.bottom + line.top) / 2
        if rows:
            row = rows[-1]
            if abs((row.bottom + row.top) / 2 - mid) < 0.4 * height and all(
                    s.x1 <= t.x0 or t.x1 <= s.x0 for s in row.segs for t in line.segs):
                row.segs = sorted(row.segs + line.segs, key=lambda s: s.x0)
                row.bottom, row.top = min(row.bottom, line.bottom), max(row.top, line.top)
                continue
        rows.append(line)
    return rows


def _split_x(lines: list[_Line], page_width: float) -> float | None:
    """Where the two columns of a header or signature table part: the middle of the gap
    between a line's left and right segments, over the lines that have both."""
    gaps = []
    for line in lines:
        for a, b in zip(line.segs, line.segs[1:]):
            if a.x1 < page_width * 0.62 and b.x0 > page_width * 0.3:
                gaps.append((a.x1 + b.x0) / 2)
                break
    return statistics.median(gaps) if gaps else None


def _column_zone(lines: list[_Line], start: int, split: float, page_mid: float, limit: int,
                 stop_centered: bool) -> tuple[list[_Line], list[_Line], int]:
    """Left and right column lines from `start` until a line crosses the split (body text)
    or, for a header, a lone line centred on the page (the type name)."""
    left: list[_Line] = []
    right: list[_Line] = []
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
            left.append(_Line(ls, line.bottom, line.top, line.page))
        if rs:
            right.append(_Line(rs, line.bottom, line.top, line.page))
        i += 1
    return left, right, i


def _emit_columns(out: _Out, left: list[_Line], right: list[_Line], left_kind: BlockKind,
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


def _furniture_lines(lines: list[_Line]) -> set[int]:
    found = set()
    for i in list(range(min(2, len(lines)))) + list(range(max(0, len(lines) - 2), len(lines))):
        text = lines[i].text
        if _GAZETTE.match(text) or _PAGE_NUMBER.match(text):
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


def _tables(rules, lines: list[_Line]) -> list[_Table]:
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
            cells.append([line.text for line in _lines(_cell_lines(cell))] if cell else [])
        if any(cells):
            rows.append(cells)
    return rows


# ------------------------------------------------------------------ pages
def _plain_page(out: _Out, text: str) -> None:
    lines = text.split("\n")
    head, tail = [], []
    while lines and (not lines[0].strip() or ((_GAZETTE.match(lines[0]) or _PAGE_NUMBER.match(lines[0]))
                                              and len(head) < 2)):
        line = lines.pop(0)
        if line.strip():
            head.append(line.strip())
    while lines and (not lines[-1].strip() or (_PAGE_NUMBER.match(lines[-1]) and len(tail) < 1)):
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
class _Carry:
    """A signature table that reached the foot of its page: it goes on at the next top."""

    left: list[_Line]
    right: list[_Line]
    split: float


def _geometry_page(out: _Out, page, textpage, text: str, number: int, want_tables: bool,
                   carry: _Carry | None = None) -> bool | _Carry:
    """Rebuild a page from character boxes. False when PDFium gives no usable geometry;
    a _Carry when the signature table runs on to the next page."""
    # weights on page 1 only: the header's bold trích yếu is what parts it from the body
    chars = _chars(textpage, _SOFT_HYPHEN.sub("-", text), weights=number == 1)
    lines = _lines(chars)
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
    result: bool | _Carry = True
    if number == 1 and content:
        start = content[0]
        split = _split_x(lines[start:start + 12], width)
        # a line across both columns above the header (a stamp, a running head) stays text
        while split is not None and start < content[0] + 6 and any(
                s.x0 < split - 2 and s.x1 > split + 2 for s in lines[start].segs):
            start += 1
        if split is not None and any(_MOTTO.search(ln.text) for ln in lines[start:start + 12]):
            left, right, end = _column_zone(lines, start, split, page_mid, 25, stop_centered=True)
            if left and right:
                consumed[start] = [("columns", left, right, "header_cell", "header_cell")]
                skip.update(range(start, end))
    for i in content:
        if i in skip or not _RECIPIENTS.match(lines[i].text):
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
                result = _Carry(left, right, split)
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
    paragraph: list[_Line] = []

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
                _emit_columns(out, zone[1], zone[2], zone[3], zone[4])
            else:
                _emit_table(out, zone[1])
        if i in skip:
            continue
        paragraph.append(line)
    flush()
    return result


def _emit_table(out: _Out, rows: list[list[list[str]]]) -> None:
    for row in rows:
        out.add("|", None)
        for cell in row:
            for line in cell:
                out.add(clean_text(line), "table_cell")
            out.add("|", None)


def _looks_scanned(page, text: str) -> bool:
    """A page image with at most a line or two of real text (a gazette running head)."""
    import pypdfium2.raw as pdfium_c

    if len(regex.findall(r"\p{L}", text)) >= SCANNED_MAX_LETTERS:
        return False
    width, height = page.get_size()
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) >= 0.3 * width * height:  # a scan inside margins: ~0.43
            return True
    return False


def _path_count(page) -> int:
    import pypdfium2.raw as pdfium_c

    raw = page.raw
    n = pdfium_c.FPDFPage_CountObjects(raw)
    return sum(1 for k in range(n)
               if pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(raw, k)) == pdfium_c.FPDF_PAGEOBJ_PATH)


@dataclass
class Limits:
    max_pages: int = DEFAULT_MAX_PAGES
    deadline: float | None = None      # time.monotonic() value
    ocr: bool = True


def _pages_pdfium(path: Path, data: bytes, limits: Limits, warnings: list[str]) -> tuple[list[PageResult], int]:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if _is_password_error(str(e)):
            raise LoadError(path, "encrypted PDF: it needs a password to open") from e
        raise
    pages: list[PageResult] = []
    try:
        total = len(document)
        if total > limits.max_pages:
            warnings.append(f"only the first {limits.max_pages:,} of {total:,} pages read (--max-pages)")
        count = min(total, limits.max_pages)
        table_pages = 0
        carry: _Carry | None = None
        for i in range(count):
            if limits.deadline is not None and time.monotonic() > limits.deadline:
                warnings.append(f"stopped after {i} of {total} pages: over the time limit (--timeout)")
                break
            page = document.get_page(i)
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range()
                    scanned = _looks_scanned(page, text)
                    out = _Out()
                    done: bool | _Carry = False
                    if not scanned and text.strip():
                        tables = table_pages < MAX_TABLE_PAGES and _path_count(page) >= TABLE_MIN_RULES
                        if i == 0 or tables or carry or _RECIPIENTS_LINE.search(text):
                            done = _geometry_page(out, page, textpage, text, i + 1, tables, carry)
                            table_pages += tables
                    if carry is not None and not done:
                        _flush_carry(pages[-1], carry)
                    carry = done if isinstance(done, _Carry) else None
                    if not done:
                        out = _Out()
                        _plain_page(out, text)
                finally:
                    textpage.close()
                pages.append(PageResult(out.pieces, scanned))
            finally:
                page.close()
    finally:
        document.close()
    if carry is not None and pages:
        _flush_carry(pages[-1], carry)
    return pages, total


def _without_running_heads(pieces: list) -> list:
    out = []
    for piece in pieces:
        text, kind, bbox, furniture, page = piece
        if furniture or kind is None or not _GAZETTE_HEAD.search(text):
            out.append(piece)
            continue
        for head in _GAZETTE_HEAD.finditer(text):
            out.append((head.group().strip(), "page_header", None, True, page))
        rest = _GAZETTE_HEAD.sub("", text).strip()
        if rest:
            out.append((rest, kind, bbox, False, page))
    return out


def _flush_carry(page: PageResult, carry: _Carry) -> None:
    out = _Out()
    _emit_columns(out, carry.left, carry.right, "recipients", "signature")
    page.pieces.extend(out.pieces)


def _pages_pdfplumber(path: Path, data: bytes, limits: Limits, warnings: list[str]) -> tuple[list[PageResult], int]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as document:
            pages: list[PageResult] = []
            total = len(document.pages)
            for number, page in enumerate(document.pages[:limits.max_pages]):
                if limits.deadline is not None and time.monotonic() > limits.deadline:
                    warnings.append(f"stopped after {number} of {total} pages: over the time limit (--timeout)")
                    break
                text = page.extract_text() or ""
                scanned = bool(page.images) and len(regex.findall(r"\p{L}", text)) < SCANNED_MAX_LETTERS
                out = _Out()
                _plain_page(out, text)
                pages.append(PageResult(out.pieces, scanned))
                page.close()  # frees the page's cached layout objects
            return pages, total
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise LoadError(path, "encrypted PDF: it needs a password to open") from e


def load_pdf(path: Path, data: bytes, limits: Limits | None = None) -> LoadedDocument:
    import pypdfium2 as pdfium

    limits = limits or Limits()
    warnings: list[str] = []
    try:
        raw_pages, total = _pages_pdfium(path, data, limits, warnings)
    except pdfium.PdfiumError as first:  # PDFium gave up: a second parser sometimes copes
        try:
            raw_pages, total = _pages_pdfplumber(path, data, limits, warnings)
        except LoadError:
            raise
        except Exception as second:
            raise LoadError(path, f"broken PDF: PDFium: {str(first).rstrip('.')}; pdfminer: "
                                  f"{type(second).__name__}: {second or 'cannot parse'}") from second
        warnings.append(f"PDFium could not read the file ({first}); text from pdfminer instead")
    if not raw_pages:
        if any(w.endswith("(--timeout)") for w in warnings):
            raise LoadError(path, "over the time limit before the first page was read (--timeout)")
        raise LoadError(path, "broken PDF: it has no pages")
    for page in raw_pages:
        page.pieces = _without_running_heads(page.pieces)

    scanned = [n for n, p in enumerate(raw_pages, start=1)
               if p.scanned or not any(not piece[3] for piece in p.pieces)]
    if scanned:
        from .ocr import ocr_pages

        ocr_pages(path, data, raw_pages, scanned, limits, warnings)

    parts: list[str] = []
    blocks: list[Block] = []
    furniture: list[Block] = []
    pos = 0
    for number, page in enumerate(raw_pages, start=1):
        for index, (text, kind, bbox, is_furniture, own_page) in enumerate(page.pieces):
            if is_furniture:
                furniture.append(Block(text=text, kind=kind, start=pos, end=pos, page=number, bbox=bbox,
                                       index=index, furniture=True))
                continue
            if not text:
                continue
            if parts:
                parts.append("\n")
                pos += 1
            if kind is not None:
                blocks.append(Block(text=text, kind=kind, start=pos, end=pos + len(text), page=own_page or number,
                                    bbox=bbox, index=index, ocr=page.ocr,
                                    confidence=page.confidence if page.ocr else None))
            parts.append(text)
            pos += len(text)
    text = "".join(parts)
    if not text.strip() and not scanned:
        raise LoadError(path, "no text in the PDF")
    return LoadedDocument(source=make_source(path, data, "pdf", pages=total), text=text,
                          blocks=tuple(blocks) + tuple(furniture), warnings=tuple(warnings))
