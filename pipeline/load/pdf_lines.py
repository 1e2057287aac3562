"""PDF glyphs into lines: PDFium's character boxes grouped into lines and segments, with
the weight of the glyphs read on page 1 (bold runs written `**…**`); the line, segment and
page-output types the page reader works with; and the cleaning every PDF text gets."""
from __future__ import annotations

import ctypes
import statistics
from dataclasses import dataclass, field

import regex

from ..models import BlockKind

SOFT_HYPHEN = regex.compile(r"[\ufffe\x02]")
_NEWLINES = regex.compile(r"\r\n?")
_BROKEN_SYMBOL = regex.compile(r"(?<=[\p{L}\p{N}])-[ \t]*\n[ \t]*(?=[\p{Lu}\p{N}])")
BOLD_WEIGHT = 600
FONT_NAME_BYTES = 256


@dataclass
class _Seg:
    x0: float
    x1: float
    bottom: float
    top: float
    text: str
    marked: str = ""   # the text with bold runs in `**`, as web copies write them


@dataclass
class Line:
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
class Out:
    """One page's pieces in reading order: (text, kind, bbox, furniture, page). The page
    is set only for lines carried over from the page before (a signature table cut by a
    page break)."""

    pieces: list[tuple[str, BlockKind | None, tuple | None, bool, int | None]] = field(default_factory=list)

    def add(self, text: str, kind: BlockKind | None = "paragraph", bbox=None, furniture: bool = False,
            page: int | None = None) -> None:
        """kind None: a `|` cell border, in the text but no block of its own."""
        self.pieces.append((text, kind, bbox, furniture, page))

_TRAILING_SPACE = regex.compile(r"[ \t]+(?=\n|$)")


def clean_text(text: str) -> str:
    text = _TRAILING_SPACE.sub("", _NEWLINES.sub("\n", text))
    text = SOFT_HYPHEN.sub("-", text)
    # A hyphen kept before a line break stays with the word before it: `TTr-⏎SKHĐT`
    # would otherwise gain a space when lines are joined downstream.
    return _BROKEN_SYMBOL.sub("-", text)


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


def chars_of(textpage, text: str, weights: bool = False) -> list[list[tuple]]:
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


def lines_of(char_lines) -> list[Line]:
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
            lines.append(Line(segs, min(s.bottom for s in segs), max(s.top for s in segs)))
    # Reading order is top to bottom; PDFium keeps content-stream order, which puts a
    # header's right column after its whole left column. Lines side by side (the two
    # cells of a table row) become one line of two segments.
    height = gap / 1.5
    lines.sort(key=lambda ln: -(ln.bottom + ln.top) / 2)
    rows: list[Line] = []
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
