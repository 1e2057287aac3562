"""Names compared loosely, as the gold scorer compares them: abbreviations spelled out
("UBND tỉnh" meets "Ủy ban nhân dân tỉnh"), then the overlap of their words."""
from __future__ import annotations

from collections import Counter

import regex

from .text.fold import folded

_WORD = regex.compile(r"\w+")

# Abbreviations spelled out before relaxed comparison. The list is the gold scorer's.
EXPANSIONS = {
    "ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan", "mtqg": "muc tieu quoc gia",
    "ctmtqg": "chuong trinh muc tieu quoc gia", "mttq": "mat tran to quoc", "bcd": "ban chi dao",
    "kt-xh": "kinh te - xa hoi", "dtts&mn": "dan toc thieu so va mien nui", "dtts": "dan toc thieu so",
    "ntm": "nong thon moi", "tt": "thuong truc", "ld-tb&xh": "lao dong - thuong binh va xa hoi",
    "nn&ptnt": "nong nghiep va phat trien nong thon",
}
_EXPANSION_RE = regex.compile(
    r"(?<![\w&-])(" + "|".join(map(regex.escape, sorted(EXPANSIONS, key=len, reverse=True))) + r")(?![\w&-])"
)


def expanded(s: str) -> str:
    """`s` folded, with its abbreviations spelled out."""
    return _EXPANSION_RE.sub(lambda m: EXPANSIONS[m.group(1)], folded(s))


def token_f1(a: str, b: str) -> float:
    """F1 of the words of `b` against those of `a`, both expanded."""
    ta, tb = Counter(_WORD.findall(expanded(a))), Counter(_WORD.findall(expanded(b)))
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    precision, recall = common / sum(tb.values()), common / sum(ta.values())
    return 2 * precision * recall / (precision + recall)
