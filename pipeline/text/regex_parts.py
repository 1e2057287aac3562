"""Regex building blocks the grammars share."""
from __future__ import annotations

import re
from collections.abc import Iterable

# Words of a name may be split by a line break: headers and web copies wrap lines.
SPACE = r"(?:[ \t]*\n[ \t]*|[ \t]+)"
WORD_START = r"(?<![\p{L}\p{M}\d])"
WORD_END = r"(?![\p{L}\p{M}\d])"


def ranges_class(code_points: Iterable[int], also: str = "") -> str:
    """A stdlib character class of `code_points` (ascending) written as ranges, after the
    class items `also`: a class listing each character is searched many times slower."""
    ranges: list[list[int]] = []
    for c in code_points:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    return "[" + also + "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in ranges) + "]"
