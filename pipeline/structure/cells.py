"""Reading lines as header *cells*.

The header is a two-column table on paper; every rendering breaks it differently (web copies
put cells between `|` lines, pdftotext prints one column after the other or both on one line
split by wide gaps). So the header is read as a sequence of cells (a line, or a piece of a
line between `|` or 3+ spaces), each classified by what it says, never by where it sits.
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import regex

from ..wrap import continues, is_upper

HEADER_LINES = 80

_MARKUP = regex.compile(r"\*+|(?<!\w)_+|_+(?!\w)|^#+\s*|^>\s*|\\(?=[\[\]().*_-])")
_SPACES = regex.compile(r"\s+")
_RULE = regex.compile(r"^\s*[-_=*~.\s]{3,}\s*$")
_RULE_CHARS = frozenset("-_=*~.")
_HAS_WORD = regex.compile(r"[\p{L}\p{N}]")
_WIDE_GAP = r"\s{3,}"
_CELL_SPLIT = regex.compile(r"\s*\|\s*|" + _WIDE_GAP)
# a line without `|` splits only at wide gaps, and this pattern alone scans a long line
# (a DOCX paragraph) several times faster than the alternation
_GAP_SPLIT = regex.compile(_WIDE_GAP)
_NOT_REGEX_SPACE = regex.compile(r"[\x1c-\x1f]")


# A tuple rather than a frozen dataclass: a header reads a hundred cells, and a frozen
# dataclass takes several times longer to build.
class Cell(NamedTuple):
    text: str     # markup removed, whitespace collapsed
    start: int    # offset of the line in the normalised text
    line: int
    bold: bool
    rule: bool = False
    lines: int = 1   # the lines read into the cell: more than one where a phrase wraps

    @property
    def upper(self) -> bool:
        return _is_upper(self.text)


# asked many times of the same cell by the header and signature readers
_is_upper = lru_cache(maxsize=4096)(is_upper)


def single_spaced(s: str) -> str:
    """`s` with each run of whitespace made one space; the caller strips the ends.
    str.split() also splits at the separators \\x1c-\\x1f, which \\s does not match: a
    text holding one is collapsed by \\s alone."""
    if s.isprintable():
        # a printable text's only whitespace is the space, and most lines are single-spaced
        return s if "  " not in s else " ".join(s.split())
    if _NOT_REGEX_SPACE.search(s):
        return _SPACES.sub(" ", s)
    return " ".join(s.split())


def clean(s: str) -> str:
    # most lines carry no markup at all: skip the substitution's scan of them
    if "*" in s or "_" in s or "#" in s or ">" in s or "\\" in s:
        s = _MARKUP.sub("", s)
    return single_spaced(s).strip()


# characters a window line rarely exceeds: a slice of this many per line holds most windows
_LINE_CHARS = 256


def _window(text: str, start: int, max_lines: int) -> list[str]:
    """The first `max_lines` lines from `start`. A split of the whole tail copies it
    (twice from a signature's start), so a slice that holds the window is split first."""
    piece = text[start:start + max_lines * _LINE_CHARS]
    lines = piece.split("\n", max_lines)
    if len(lines) <= max_lines and start + len(piece) < len(text):
        lines = text[start:].split("\n", max_lines)
    return lines[:max_lines]


def _is_rule(raw: str, stripped: str) -> bool:
    # a rule starts with one of its characters: most lines are tested by that alone
    return stripped[0] in _RULE_CHARS and bool(_RULE.match(raw)) and bool(set(stripped) - {"*", " ", "."})


def _pieces(raw: str) -> list[str]:
    if "|" in raw:
        return _CELL_SPLIT.split(raw)
    # Every whitespace character but the space is unprintable: a printable line without
    # three spaces in a row has no wide gap, and the split's scan of it is skipped.
    if raw.isprintable() and "   " not in raw:
        return [raw]
    return _GAP_SPLIT.split(raw)


def cells_of(text: str, start: int = 0, max_lines: int = HEADER_LINES) -> list[Cell]:
    """The cells of `max_lines` lines of `text` from `start`; rules kept as markers. A line
    that is one cell and continues the phrase of the one-cell line before it (a web copy's
    or a PDF's wrap: `*Tây⏎Ninh, ngày …*`, `**QUYẾT⏎ĐỊNH**`) is read into that cell, which
    keeps the offset of its first line and takes the number of its last."""
    out: list[Cell] = []
    bold = False
    pos = start
    # the previous line, when it was read as one cell (the last of `out`)
    joinable: str | None = None
    for n, raw in enumerate(_window(text, start, max_lines)):
        starts_bold = bold
        if raw.count("**") % 2:
            bold = not bold
        stripped = raw.strip()
        after = None
        if not stripped:
            pass    # a blank line holds no cell (a fifth of the lines read)
        elif stripped == "|" or _is_rule(raw, stripped):
            # a rule or a bare `|` (a web copy's cell border) separates header parts
            out.append(Cell("", pos, n, False, rule=True))
        else:
            pieces = [(t, p) for p in _pieces(raw)
                      if (t := clean(p)) and (t[0].isalnum() or _HAS_WORD.search(t))]
            if len(pieces) == 1 and joinable is not None and continues(joinable, raw):
                prev = out[-1]
                out[-1] = Cell(prev.text + " " + pieces[0][0], prev.start, n, prev.bold,
                               lines=prev.lines + 1)
                # the cell's lines so far: a bold span may open on its first and close on its last
                after = joinable + "\n" + raw
            else:
                for t, piece in pieces:
                    out.append(Cell(t, pos, n, starts_bold or "**" in piece))
                if len(pieces) == 1:
                    after = raw
        joinable = after
        pos += len(raw) + 1
    return out
