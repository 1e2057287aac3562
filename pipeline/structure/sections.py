"""The section tree: numbered headings of plans and reports, and the Phần / Chương / Mục /
Điều / khoản / điểm of legal texts, with labelled blocks (Dự án 1., Nội dung số 02:).

Plans nest their markers in any order (`I.` → `1.` → `a)` in one, `1.` → `* Dự án 1.` →
`- Nội dung số 02:` in seed 003), so nesting is learnt as the text goes: a marker kind
already open closes everything under it, a new kind opens one level deeper. Legal units
have a fixed rank and close every lower unit. Plain bullets (`-`, `+`, `*`) are list items,
not sections, unless they carry a label.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import regex
from pydantic import TypeAdapter

from ..models import Section
from ..wrap import continues
from .cells import single_spaced

TITLE_MAX = 160
# the most lines a heading's words are read over where its phrase wraps
TITLE_LINES = 3
CLIP_CHARS = 2 * TITLE_MAX

_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
_BULLET = r"(?P<bullet>[-+*•–]\s*)?"
# Possessive: no marker starts with a markup character (a bullet `*` is optional and its
# label starts after it), so giving markup back to the markers never finds one.
_MARKUP = r"[\s*_#|>]*+"

# Each marker kind: name, rank (legal units only) and its pattern at the start of a line.
KINDS: list[tuple[str, int | None, str]] = [
    ("phu_luc", 0, r"(?P<label>(?i:PHỤ\s+LỤC|Phụ\s+lục)(?:\s+(?:số\s+)?[\p{N}IVXLC]+[a-z]?)?)(?P<sep>\s*[.:\-–]|\s*$)"),
    ("phan", 1, r"(?P<label>(?:Phần|PHẦN)\s+(?:thứ\s+\p{L}+|THỨ\s+\p{L}+|" + _ROMAN + r"|\d+))(?P<sep>\s*[.:\-–]|[ \t*_]*$|\s+(?=\p{Lu}))"),
    ("chuong", 2, r"(?P<label>(?:Chương|CHƯƠNG)\s+(?:" + _ROMAN + r"|\d+)[a-z]?)(?P<sep>\s*[.:\-–]|[ \t*_]*$|\s+(?=\p{Lu}))"),
    ("muc", 3, r"(?P<label>(?:Mục|MỤC)\s+\d+)(?P<sep>\s*[.:\-–]|[ \t*_]*$|\s+(?=\p{Lu}))"),
    ("dieu", 4, r"(?P<label>(?:Điều|ĐIỀU)\s+\d+[a-z]?)(?P<sep>\s*[.:\-–]|[ \t*_]*$|\s+(?=\p{Lu}))"),
    ("tieu_du_an", None, _BULLET + r"(?P<label>(?i:Tiểu\s+dự\s+án)\s+\d+(?:\.\d+)?)(?P<sep>\s*[.:\-–])"),
    ("du_an", None, _BULLET + r"(?P<label>(?i:Dự\s+án)\s+\d+(?:\.\d+)?)(?P<sep>\s*[.:\-–])"),
    ("noi_dung", None, _BULLET + r"(?P<label>(?i:Nội\s+dung)(?:\s+(?:số|thành\s+phần))?\s+\d+)(?P<sep>\s*[.:\-–])"),
    ("hop_phan", None, _BULLET + r"(?P<label>(?i:Hợp\s+phần|Tiểu\s+hợp\s+phần)\s+\d+)(?P<sep>\s*[.:\-–])"),
    ("roman", None, r"(?P<label>(?=[IVXL])" + _ROMAN + r")(?P<sep>\.|\s*[:\-–](?=\s))(?=\s*\S)"),
    ("upper_alpha", None, r"(?P<label>[A-Đ])(?P<sep>\.)(?=\s+\p{Lu})"),
    ("num3", None, r"(?P<label>\d{1,2}\.\d{1,2}\.\d{1,2})(?P<sep>\.?)(?=\s)"),
    ("num2", None, r"(?P<label>\d{1,2}\.\d{1,2})(?P<sep>\.?)(?=\s)"),
    ("num", None, r"(?P<label>\d{1,2})(?P<sep>\.|\))(?=\s)"),
    ("alpha", None, r"(?P<label>[a-zđ])(?P<sep>\))(?=\s)"),
    ("paren", None, r"\((?P<label>" + r"(?:i{1,3}|iv|vi{0,3}|ix|x)" + r")(?P<sep>\))(?=\s)"),
]


# The first character each kind's pattern can start with (after the markup): a line start
# is tried only for the kinds its first character can open.
OPENS: dict[str, str] = {
    "phu_luc": r"(?i:p)", "phan": r"P", "chuong": r"C", "muc": r"M", "dieu": r"Đ",
    "tieu_du_an": r"[-+*•–]|(?i:t)", "du_an": r"[-+*•–]|(?i:d)", "noi_dung": r"[-+*•–]|(?i:n)",
    "hop_phan": r"[-+*•–]|(?i:h|t)", "roman": r"[IVXL]", "upper_alpha": r"[A-Đ]",
    "num3": r"\d", "num2": r"\d", "num": r"\d", "alpha": r"[a-zđ]", "paren": r"\(",
}
# Trying every kind at every line start was most of the scan's cost, and the regex module
# pays much more than stdlib `re` per position and per call. This stdlib gate finds the
# line starts whose first characters after the markup may open some kind: the first
# letters of each word kind (as its case folding allows), a letter's separator ([A-Đ]
# spans the lower case and more), a digit's next characters; any non-ASCII character may
# be a digit, as stdlib knows fewer Unicode digits. Its markup run ends where _MARKUP's
# does: stdlib \s is the regex module's plus \x1c-\x1f, so the regex module's is spelt
# out. One class keeps the run a one-character loop; an alternation made the scan a fifth
# slower.
_WORD_KINDS = r"[tT][iIİ][ểỂ]|[dD][ựỰ]|[nN][ộỘ]|[hH][ợỢ]"
_WHITE_SPACE = r"\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# The commonest markers (`a)`, `1.`, `Điều 5.`: most of a text's), each in a group holding
# its label and sep groups, are read by the gate itself and not tried again. Their ASCII
# digits end where the regex module's \d would end them: a non-ASCII character that may
# be a digit fails them, and the line is tried as any other.
_COMMON: list[tuple[str, str]] = [
    ("num", r"([0-9]{1,2})([.)])(?=[" + _WHITE_SPACE + r"])"),
    ("alpha", r"([a-z])(\))(?=[" + _WHITE_SPACE + r"])"),
    ("dieu", r"((?:Điều|ĐIỀU) [0-9]+)(\.)"),
]
# A roman label is a run of I, V and X (the L its lookahead allows is no numeral) before
# its sep; numbered kinds take one or two digits before theirs.
_CANDIDATE = re.compile(
    r"\n[" + _WHITE_SPACE + r"*_#|>]*+(?="
    + "".join(f"({pattern})|" for _, pattern in _COMMON)
    + r"[IVX]+[.:\-–" + _WHITE_SPACE + r"]|\([ivx]|[^\x00-\x7f]|[0-9](?:[0-9]?[.)]|[^\x00-\x7f])"
    r"|[pP][hH][ụỤ]|Phầ|PHẦ|Chư|CHƯ|Mụ|MỤ|[A-\x7f]\.|[a-z]\)|" + _WORD_KINDS
    + r"|[-+]\s*(?:" + _WORD_KINDS + r"))"
    # A run of markup lines that opens nothing is taken whole by this second branch, its
    # group _SKIP marking it: else the scan would fail at its first newline, and again at
    # each newline inside it, re-reading the rest of the run each time (`|\n` × n).
    + r"|\n[" + _WHITE_SPACE.replace(r"\n", "") + r"*_#|>]*+\n[" + _WHITE_SPACE + r"*_#|>]*+()")
_SKIP = _CANDIDATE.groups
# the gate's group of each common kind, the label's group being the next one
_COMMON_GROUP = {3 * i + 1: kind for i, (kind, _) in enumerate(_COMMON)}
_RUN = regex.compile(_MARKUP)


def _renamed(pattern: str, kind: str) -> str:
    """`pattern` with its named groups (label, sep, bullet) suffixed with the kind, so that
    several kinds can share one pattern."""
    return regex.sub(r"\(\?P<(\w+)>", rf"(?P<\1_{kind}>", pattern)


@cache
def _scanner(first: str) -> tuple[regex.Pattern, dict[str, tuple[int, int]]] | None:
    """The kinds a marker starting with `first` can be, in KINDS order (the first that
    matches wins), as one pattern with each kind in a group of its name; and the numbers
    of each kind's label and sep groups (looking a group up by name is several times
    slower)."""
    kinds = [(name, pat) for name, _, pat in KINDS if regex.match(OPENS[name], first)]
    if not kinds:
        return None
    compiled = regex.compile(
        "(?m)" + "|".join(f"(?P<{name}>{_renamed(pat, name)})" for name, pat in kinds))
    groups = {name: (compiled.groupindex[f"label_{name}"], compiled.groupindex[f"sep_{name}"])
              for name, _ in kinds}
    return compiled, groups


_RANK = {name: rank for name, rank, _ in KINDS}
# units whose title may sit alone on the next line (`Chương I` ⏎ `QUY ĐỊNH CHUNG`)
_LABEL_ONLY = frozenset({"phan", "chuong", "muc", "phu_luc"})
_LEGAL = regex.compile(r"(?m)^[\s*_#|>]*(?:Điều|ĐIỀU)\s+\d+[a-z]?\s*[.:]")
# the result, validated in one call into pydantic-core
_SECTION_TREE = TypeAdapter(tuple[Section, ...])


_SPACES = regex.compile(r"\s+")
_NEXT_LINE = regex.compile(r"\n*([^\n]*)")


def _clean(s: str) -> str:
    # str methods are several times faster than a regex substitution on long lines
    unmarked = s.replace("*", " ").replace("_", " ").replace("#", " ").replace("|", " ")
    return single_spaced(unmarked).strip(" :.-–")


def _title(text: str, pos: int, line_start: int, label_only: bool) -> str:
    """The heading's words: the rest of its line, or the next line for a bare `Chương I`;
    a web copy's bold heading wrapped over lines runs to its closing `**`, and a line that
    wraps in the middle of a phrase (`… sản xuất, kinh⏎doanh …`) goes on over the break."""
    nl = text.find("\n", pos)
    if text.count("**", line_start, nl if nl >= 0 else len(text)) % 2:
        close = text.find("**", nl, nl + 300) if nl >= 0 else -1
        if close > 0:
            nl = close
    else:
        start = line_start
        for _ in range(TITLE_LINES - 1):
            if nl < 0 or nl - pos > TITLE_MAX:
                break
            after = text.find("\n", nl + 1)
            after = after if after >= 0 else len(text)
            if not continues(text[start:nl], text[nl + 1:after]):
                break
            start, nl = nl + 1, after if after < len(text) else -1
    stop = nl if nl >= 0 else len(text)
    # A DOCX paragraph or a table row is one long line, and only TITLE_MAX characters of
    # it are kept: cleaning a prefix yields a prefix of the cleaned line, so when that is
    # already too long it gives the same cut.
    clip = CLIP_CHARS
    while True:
        title = _clean(text[pos:min(pos + clip, stop)])
        if pos + clip >= stop or len(title) > TITLE_MAX:
            break
        clip *= 4
    if not title and label_only and nl >= 0:
        m = _NEXT_LINE.match(text, nl + 1)
        title = _clean(m.group(1)) if m else ""
    if len(title) > TITLE_MAX:
        cut = title.rfind(" ", 0, TITLE_MAX)
        title = title[: cut if cut > 0 else TITLE_MAX] + "…"
    return title


# a marker: (kind, line start, first character, end, label, sep)
Marker = tuple[str, int, int, int, str, str | None]


def _line_starts(text: str, start: int, end: int) -> list[tuple[int, int, re.Match | None]]:
    """(line start, offset of its first character after the markup, the gate's match or
    None) of the `start` line if it is a line start, then of every candidate line after
    it."""
    at_line_start = start == 0 or text[start - 1] == "\n"
    first = [(start, _RUN.match(text, start, end).end(), None)] if at_line_start else []
    return first + [(line.start() + 1, line.end(), line)
                    for line in _CANDIDATE.finditer(text, start, end) if line.lastindex != _SKIP]


def _marker_at(text: str, at: int, first: int, end: int, gate: re.Match | None
               ) -> Marker | None:
    """The marker whose first character is at `first`, of the line starting at `at`."""
    kind = _COMMON_GROUP.get(gate.lastindex) if gate is not None else None
    if kind is not None:
        label = gate.lastindex + 1
        return kind, at, first, gate.end(label + 1), gate[label], gate[label + 1]
    scanner = _scanner(text[first]) if first < end else None
    if scanner is None:
        return None
    pattern, groups = scanner
    m = pattern.match(text, first, end)
    if m is None:
        return None
    kind = m.lastgroup
    label, sep = m.group(*groups[kind])
    return kind, at, first, m.end(), label, sep


def _markers(text: str, start: int, end: int) -> Iterator[Marker]:
    """Each marker line: what a scan of all kinds at every line start (a `(?m)^` pattern's
    finditer) would find.

    Every line start of a run of markup-only lines reaches the same first character, so
    trying the first of them that such a scan would try stands for the whole run."""
    done = start
    for at, first, gate in _line_starts(text, start, end):
        if at < done:
            # inside the last marker: the scan resumes at its end, or the next line start
            at = done if text[done - 1] == "\n" else text.find("\n", done, first) + 1
            if not at or at > first:
                continue
        marker = _marker_at(text, at, first, end, gate)
        if marker is not None:
            yield marker
            done = marker[3]


def parse_sections(text: str, start: int = 0, end: int | None = None) -> tuple[Section, ...]:
    end = len(text) if end is None else end
    legal = None    # whether the text has Điều units: read at the first `1)` marker
    # Sections open in the order of their starts, which is the order of the result: each
    # is the dict pydantic-core validates, its end filled in when it closes.
    opened: list[dict] = []
    stack: list[dict] = []
    open_kinds: list[str] = []    # the kind of each open section, for `in` and ranks
    for kind, at, first, stop, label, sep in _markers(text, start, end):
        sep = sep or ""
        if kind == "num" and sep == ")":
            if legal is None:
                legal = bool(_LEGAL.search(text, start, end))
            if legal:
                continue
        if kind == "roman" and not label:
            continue
        rank = _RANK[kind]
        # a ranked unit closes every unranked item and every unit of its rank or lower
        if kind in open_kinds:
            while open_kinds:
                stack.pop()["end"] = at
                if open_kinds.pop() == kind:
                    break
        elif rank is not None:
            while open_kinds and (_RANK[open_kinds[-1]] is None or _RANK[open_kinds[-1]] >= rank):
                open_kinds.pop()
                stack.pop()["end"] = at
        # most labels are one word (`1`, `a`, `IV`) with no spaces to collapse
        short = label if label.isalnum() else _SPACES.sub(" ", label).strip()
        section = {"label": short + sep.strip(" \t*_"),
                   "title": _title(text, stop, at, kind in _LABEL_ONLY),
                   "level": len(stack) + 1,
                   "start": first - len(text[at:first].lstrip(" \t*_#|>\n")),
                   "path": stack[-1]["path"] + " > " + short if stack else short}
        opened.append(section)
        stack.append(section)
        open_kinds.append(kind)
    for section in stack:
        section["end"] = end
    for section in opened:
        if section["end"] < section["start"]:
            section["end"] = section["start"]
    # one call validates the whole tree: pydantic-core does that in a fraction of the time
    # the pure-Python model_construct takes to skip validating each section
    return _SECTION_TREE.validate_python(opened)
