"""Reading lines as header *cells*.

The header is a two-column table on paper; every rendering breaks it differently (web copies
put cells between `|` lines, pdftotext prints one column after the other or both on one line
split by wide gaps). So the header is read as a sequence of cells (a line, or a piece of a
line between `|` or 3+ spaces), each classified by what it says, never by where it sits.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import regex

HEADER_LINES = 80

_MARKUP = regex.compile(r"\*+|(?<!\w)_+|_+(?!\w)|^#+\s*|^>\s*|\\(?=[\[\]().*_-])")
_SPACES = regex.compile(r"\s+")
_RULE = regex.compile(r"^\s*[-_=*~.\s]{3,}\s*$")
_HAS_WORD = regex.compile(r"[\p{L}\p{N}]")
_WIDE_GAP = r"\s{3,}"
_CELL_SPLIT = regex.compile(r"\s*\|\s*|" + _WIDE_GAP)
# a line without `|` splits only at wide gaps, and this pattern alone scans a long line
# (a DOCX paragraph) several times faster than the alternation
_GAP_SPLIT = regex.compile(_WIDE_GAP)
# str.split() also splits at these separators, which \s does not match
_NOT_REGEX_SPACE = regex.compile(r"[\x1c-\x1f]")


@dataclass(frozen=True)
class Cell:
    text: str     # markup removed, whitespace collapsed
    start: int    # offset of the line in the normalised text
    line: int
    bold: bool
    rule: bool = False

    # asked many times of the same cell by the header and signature readers
    @cached_property
    def upper(self) -> bool:
        seen = False
        for c in self.text:
            if c.isalpha():
                if c.islower():
                    return False
                seen = True
        return seen


def clean(s: str) -> str:
    # most lines carry no markup at all: skip the substitution's scan of them
    if "*" in s or "_" in s or "#" in s or ">" in s or "\\" in s:
        s = _MARKUP.sub("", s)
    if _NOT_REGEX_SPACE.search(s):
        return _SPACES.sub(" ", s).strip()
    return " ".join(s.split())


def cells_of(text: str, start: int = 0, max_lines: int = HEADER_LINES) -> list[Cell]:
    """The cells of `max_lines` lines of `text` from `start`; rules kept as markers."""
    out: list[Cell] = []
    bold = False
    pos, n = start, 0
    while pos <= len(text) and n < max_lines:
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        raw = text[pos:end]
        starts_bold = bold
        if raw.count("**") % 2:
            bold = not bold
        stripped = raw.strip()
        if not stripped:
            pass    # a blank line holds no cell (a fifth of the lines read)
        elif (_RULE.match(raw) and set(stripped) - {"*", " ", "."}) or stripped == "|":
            # a rule or a bare `|` (a web copy's cell border) separates header parts
            out.append(Cell("", pos, n, False, rule=True))
        else:
            for piece in (_CELL_SPLIT if "|" in raw else _GAP_SPLIT).split(raw):
                t = clean(piece)
                if t and _HAS_WORD.search(t):
                    out.append(Cell(t, pos, n, starts_bold or "**" in piece))
        n += 1
        if nl < 0:
            break
        pos = nl + 1
    return out
