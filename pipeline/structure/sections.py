"""The section tree: numbered headings of plans and reports, and the Phần / Chương / Mục /
Điều / khoản / điểm of legal texts, with labelled blocks (Dự án 1., Nội dung số 02:).

Plans nest their markers in any order (`I.` → `1.` → `a)` in one, `1.` → `* Dự án 1.` →
`- Nội dung số 02:` in seed 003), so nesting is learnt as the text goes: a marker kind
already open closes everything under it, a new kind opens one level deeper. Legal units
have a fixed rank and close every lower unit. Plain bullets (`-`, `+`, `*`) are list items,
not sections, unless they carry a label.
"""
from __future__ import annotations

from itertools import groupby

import regex
from pydantic import TypeAdapter

from ..models import Section
from .cells import single_spaced

TITLE_MAX = 160
CLIP_CHARS = 4 * TITLE_MAX

_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
_BULLET = r"(?P<bullet>[-+*•–]\s*)?"
# Possessive: no marker starts with a markup character (a bullet `*` is optional and its
# label starts after it), so giving markup back to the markers never finds one.
_MARKUP = r"[\s*_#|>]*+"

# Each marker kind: name, rank (legal units only) and its pattern at the start of a line.
_KINDS: list[tuple[str, int | None, str]] = [
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


def _uncaptured(pattern: str) -> str:
    """`pattern` with its named groups (label, sep, bullet) made non-capturing."""
    return regex.sub(r"\(\?P<\w+>", "(?:", pattern)


def _marker(pattern: str) -> tuple[regex.Pattern, int, int]:
    """A kind's own pattern, with the numbers of its label and sep groups: the regex module
    looks a group up by name several times slower than by number."""
    compiled = regex.compile(r"(?m)" + _MARKUP + r"(?:" + pattern + r")")
    return compiled, compiled.groupindex["label"], compiled.groupindex["sep"]


def _alternatives() -> str:
    """The kinds as one alternation, each in a group named after it. Consecutive labelled
    blocks share their optional bullet, so that a `- ` line tries it once rather than once
    per kind (a label starts with neither a bullet nor a space, so the same kind wins)."""
    parts = []
    for bulleted, kinds in groupby(_KINDS, key=lambda kind: kind[2].startswith(_BULLET)):
        named = "|".join(f"(?P<{name}>{_uncaptured(pat.removeprefix(_BULLET))})"
                         for name, _, pat in kinds)
        parts.append(_uncaptured(_BULLET) + "(?:" + named + ")" if bulleted else named)
    return "|".join(parts)


# One scan finds every marker line and names its kind. Captures make the scan much slower,
# so it captures only the kind; that kind's own pattern then reads label and separator at
# the line start, along the same path the scan took.
_LINE = regex.compile(r"(?m)^" + _MARKUP + r"(?:" + _alternatives() + r")")
_MARKER = {name: _marker(pat) for name, _, pat in _KINDS}
_RANK = {name: rank for name, rank, _ in _KINDS}
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
    a web copy's bold heading wrapped over lines runs to its closing `**`."""
    nl = text.find("\n", pos)
    if text.count("**", line_start, nl if nl >= 0 else len(text)) % 2:
        close = text.find("**", nl, nl + 300) if nl >= 0 else -1
        if close > 0:
            nl = close
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


def parse_sections(text: str, start: int = 0, end: int | None = None) -> tuple[Section, ...]:
    end = len(text) if end is None else end
    legal = bool(_LEGAL.search(text, start, end))
    # Sections open in the order of their starts, which is the order of the result: each
    # is the dict pydantic-core validates, its end filled in when it closes.
    opened: list[dict] = []
    stack: list[dict] = []
    open_kinds: list[str] = []    # the kind of each open section, for `in` and ranks
    for m in _LINE.finditer(text, start, end):
        kind = m.lastgroup
        at = m.start()
        marker, label_group, sep_group = _MARKER[kind]
        label, sep = marker.match(text, at, end).group(label_group, sep_group)
        sep = sep or ""
        if kind == "num" and sep == ")" and legal:
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
        matched = m.group()
        section = {"label": short + sep.strip(" \t*_"),
                   "title": _title(text, m.end(), at, kind in _LABEL_ONLY),
                   "level": len(stack) + 1,
                   "start": at + len(matched) - len(matched.lstrip(" \t*_#|>\n")),
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
