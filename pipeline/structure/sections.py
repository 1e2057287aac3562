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
from dataclasses import dataclass
from functools import cache

import regex

from ..grammar.section_words import words
from ..models import Section
from ..page_words import phrase
from ..wrap import continues
from .cells import single_spaced

TITLE_MAX = 160
# the most lines a heading's words are read over where its phrase wraps
TITLE_LINES = 3
CLIP_CHARS = 2 * TITLE_MAX

_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
_BULLET = r"(?P<bullet>[-+*•–]\s*)?"
_BULLETS = r"[-+*•–]"
# Possessive: no marker starts with a markup character (a bullet `*` is optional and its
# label starts after it), so giving markup back to the markers never finds one.
_MARKUP = r"[\s*_#|>]*+"
_SEP = r"(?P<sep>\s*[.:\-–]|[ \t*_]*$|\s+(?=\p{Lu}))"
_BLOCK_SEP = r"(?P<sep>\s*[.:\-–])"


def _either(spellings: tuple[str, ...], any_case: bool = False) -> str:
    """One group matching any of `spellings` (in any case if `any_case`)."""
    return ("(?i:" if any_case else "(?:") + "|".join(phrase(s) for s in spellings) + ")"


@cache
def kinds() -> list[tuple[str, int | None, str]]:
    """Each marker kind: name, rank (legal units only) and its pattern at the start of a
    line."""
    w = words()
    ordinal = "|".join(phrase(s) + r"\s+\p{L}+" for s in w.part_ordinal)
    return [
        ("phu_luc", 0, r"(?P<label>" + _either(w.appendix, any_case=True) + r"(?:\s+(?:"
         + phrase(w.appendix_number) + r"\s+)?[\p{N}IVXLC]+[a-z]?)?)(?P<sep>\s*[.:\-–]|\s*$)"),
        ("phan", 1, r"(?P<label>" + _either(w.part) + r"\s+(?:" + ordinal + "|" + _ROMAN
         + r"|\d+))" + _SEP),
        ("chuong", 2, r"(?P<label>" + _either(w.chapter) + r"\s+(?:" + _ROMAN + r"|\d+)[a-z]?)"
         + _SEP),
        ("muc", 3, r"(?P<label>" + _either(w.section) + r"\s+\d+)" + _SEP),
        ("dieu", 4, r"(?P<label>" + _either(w.article) + r"\s+\d+[a-z]?)" + _SEP),
        ("tieu_du_an", None, _BULLET + r"(?P<label>" + _either(w.subproject, any_case=True)
         + r"\s+\d+(?:\.\d+)?)" + _BLOCK_SEP),
        ("du_an", None, _BULLET + r"(?P<label>" + _either(w.project, any_case=True)
         + r"\s+\d+(?:\.\d+)?)" + _BLOCK_SEP),
        ("noi_dung", None, _BULLET + r"(?P<label>" + _either(w.content, any_case=True)
         + r"(?:\s+" + _either(w.content_qualifiers) + r")?\s+\d+)" + _BLOCK_SEP),
        ("hop_phan", None, _BULLET + r"(?P<label>" + _either(w.component, any_case=True)
         + r"\s+\d+)" + _BLOCK_SEP),
        ("roman", None, r"(?P<label>(?=[IVXL])" + _ROMAN + r")(?P<sep>\.|\s*[:\-–](?=\s))(?=\s*\S)"),
        ("upper_alpha", None, r"(?P<label>[A-Đ])(?P<sep>\.)(?=\s+\p{Lu})"),
        ("num3", None, r"(?P<label>\d{1,2}\.\d{1,2}\.\d{1,2})(?P<sep>\.?)(?=\s)"),
        ("num2", None, r"(?P<label>\d{1,2}\.\d{1,2})(?P<sep>\.?)(?=\s)"),
        ("num", None, r"(?P<label>\d{1,2})(?P<sep>\.|\))(?=\s)"),
        ("alpha", None, r"(?P<label>[a-zđ])(?P<sep>\))(?=\s)"),
        ("paren", None, r"\((?P<label>" + r"(?:i{1,3}|iv|vi{0,3}|ix|x)" + r")(?P<sep>\))(?=\s)"),
    ]


def _word_kinds() -> dict[str, tuple[tuple[str, ...], bool]]:
    """The spellings of each kind whose label is a word, and whether any case matches."""
    w = words()
    return {"phu_luc": (w.appendix, True), "phan": (w.part, False), "chuong": (w.chapter, False),
            "muc": (w.section, False), "dieu": (w.article, False),
            "tieu_du_an": (w.subproject, True), "du_an": (w.project, True),
            "noi_dung": (w.content, True), "hop_phan": (w.component, True)}


# the kinds whose label may follow a bullet
_BULLETED = ("tieu_du_an", "du_an", "noi_dung", "hop_phan")
# the letters of the Basic Multilingual Plane, where the case partners of a label's
# letters are looked up
_BMP = "".join(chr(i) for i in range(0x10000) if not 0xD800 <= i < 0xE000)


def _case_partners(letter: str) -> str:
    """A character class of the letters that the regex module's case-insensitive match
    takes for `letter` (i: I, i and İ), for the stdlib gate."""
    return "[" + "".join(sorted(set(regex.findall("(?i)" + regex.escape(letter), _BMP)))) + "]"


def _first_letters(spelling: str, any_case: bool, count: int) -> str:
    """A stdlib pattern for the first `count` letters of the spelling's first word."""
    head = spelling.split()[0][:count]
    return "".join(_case_partners(c) for c in head) if any_case else re.escape(head)


@cache
def opens() -> dict[str, str]:
    """The first character each kind's pattern can start with (after the markup): a line
    start is tried only for the kinds its first character can open."""
    found = {name: "|".join(dict.fromkeys(
                 ("(?i:" + regex.escape(s[0]) + ")") if any_case else regex.escape(s[0])
                 for s in spellings))
             for name, (spellings, any_case) in _word_kinds().items()}
    for name in _BULLETED:
        found[name] = _BULLETS + "|" + found[name]
    return found | {"roman": r"[IVXL]", "upper_alpha": r"[A-Đ]", "num3": r"\d", "num2": r"\d",
                    "num": r"\d", "alpha": r"[a-zđ]", "paren": r"\("}


# Trying every kind at every line start was most of the scan's cost, and the regex module
# pays much more than stdlib `re` per position and per call. This stdlib gate finds the
# line starts whose first characters after the markup may open some kind: the first three
# letters of each word kind (as its case folding allows), a letter's separator ([A-Đ]
# spans the lower case and more), a digit's next characters; any non-ASCII character may
# be a digit, as stdlib knows fewer Unicode digits. Its markup run ends where _MARKUP's
# does: stdlib \s is the regex module's plus \x1c-\x1f, so the regex module's is spelt
# out. One class keeps the run a one-character loop; an alternation made the scan a fifth
# slower.
_WHITE_SPACE = r"\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_PREFIX = 3


@dataclass(frozen=True)
class _Gate:
    candidate: re.Pattern
    # the gate's group marking a run of markup lines that opens nothing
    skip: int
    # the gate's group of each common kind, the label's group being the next one
    common_group: dict[int, str]


@cache
def _gate() -> _Gate:
    # The commonest markers (`a)`, `1.`, `Điều 5.`: most of a text's), each in a group
    # holding its label and sep groups, are read by the gate itself and not tried again.
    # Their ASCII digits end where the regex module's \d would end them: a non-ASCII
    # character that may be a digit fails them, and the line is tried as any other.
    article = "|".join(re.escape(s) for s in words().article)
    common = [
        ("num", r"([0-9]{1,2})([.)])(?=[" + _WHITE_SPACE + r"])"),
        ("alpha", r"([a-z])(\))(?=[" + _WHITE_SPACE + r"])"),
        ("dieu", r"((?:" + article + r") [0-9]+)(\.)"),
    ]
    heads = {name: [_first_letters(s, any_case, _PREFIX) for s in spellings]
             for name, (spellings, any_case) in _word_kinds().items()}
    labels = "|".join(dict.fromkeys(h for hs in heads.values() for h in hs))
    bulleted = "|".join(dict.fromkeys(h for name in _BULLETED for h in heads[name]))
    # A roman label is a run of I, V and X (the L its lookahead allows is no numeral)
    # before its sep; numbered kinds take one or two digits before theirs.
    candidate = re.compile(
        r"\n[" + _WHITE_SPACE + r"*_#|>]*+(?="
        + "".join(f"({pattern})|" for _, pattern in common)
        + r"[IVX]+[.:\-–" + _WHITE_SPACE + r"]|\([ivx]|[^\x00-\x7f]|[0-9](?:[0-9]?[.)]|[^\x00-\x7f])"
        r"|[A-\x7f]\.|[a-z]\)|" + labels
        + r"|[-+]\s*(?:" + bulleted + r"))"
        # A run of markup lines that opens nothing is taken whole by this second branch,
        # its last group marking it: else the scan would fail at its first newline, and
        # again at each newline inside it, re-reading the rest of the run each time.
        + r"|\n[" + _WHITE_SPACE.replace(r"\n", "") + r"*_#|>]*+\n[" + _WHITE_SPACE + r"*_#|>]*+()")
    return _Gate(candidate, candidate.groups,
                 {3 * i + 1: kind for i, (kind, _) in enumerate(common)})
_RUN = regex.compile(_MARKUP)


def _renamed(pattern: str, kind: str) -> str:
    """`pattern` with its named groups (label, sep, bullet) suffixed with the kind, so that
    several kinds can share one pattern."""
    return regex.sub(r"\(\?P<(\w+)>", rf"(?P<\1_{kind}>", pattern)


@cache
def _scanner(first: str) -> tuple[regex.Pattern, dict[str, tuple[int, int]]] | None:
    """The kinds a marker starting with `first` can be, in kinds() order (the first that
    matches wins), as one pattern with each kind in a group of its name; and the numbers
    of each kind's label and sep groups (looking a group up by name is several times
    slower)."""
    found = [(name, pat) for name, _, pat in kinds() if regex.match(opens()[name], first)]
    if not found:
        return None
    compiled = regex.compile(
        "(?m)" + "|".join(f"(?P<{name}>{_renamed(pat, name)})" for name, pat in found))
    groups = {name: (compiled.groupindex[f"label_{name}"], compiled.groupindex[f"sep_{name}"])
              for name, _ in found}
    return compiled, groups


@cache
def _rank() -> dict[str, int | None]:
    return {name: rank for name, rank, _ in kinds()}


# units whose title may sit alone on the next line (`Chương I` ⏎ `QUY ĐỊNH CHUNG`)
_LABEL_ONLY = frozenset({"phan", "chuong", "muc", "phu_luc"})


@cache
def _legal() -> regex.Pattern:
    """A line opening an article: the text is a legal one."""
    return regex.compile(r"(?m)^[\s*_#|>]*" + _either(words().article) + r"\s+\d+[a-z]?\s*[.:]")


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
            if after == nl + 1:
                break    # a blank line ends every phrase (most headings stop here)
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
    gate = _gate()
    first = [(start, _RUN.match(text, start, end).end(), None)] if at_line_start else []
    return first + [(line.start() + 1, line.end(), line)
                    for line in gate.candidate.finditer(text, start, end) if line.lastindex != gate.skip]


def _marker_at(text: str, at: int, first: int, end: int, gate: re.Match | None
               ) -> Marker | None:
    """The marker whose first character is at `first`, of the line starting at `at`."""
    kind = _gate().common_group.get(gate.lastindex) if gate is not None else None
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
    # is the dict of a Section's fields, its end the text's until it closes.
    opened: list[dict] = []
    stack: list[dict] = []
    open_kinds: list[str] = []    # the kind of each open section, for `in` and ranks
    rank_of = _rank()
    for kind, at, first, stop, label, sep in _markers(text, start, end):
        sep = sep or ""
        if kind == "num" and sep == ")":
            if legal is None:
                legal = bool(_legal().search(text, start, end))
            if legal:
                continue
        if kind == "roman" and not label:
            continue
        rank = rank_of[kind]
        # a ranked unit closes every unranked item and every unit of its rank or lower
        if kind in open_kinds:
            while open_kinds:
                stack.pop()["end"] = at
                if open_kinds.pop() == kind:
                    break
        elif rank is not None:
            while open_kinds and (rank_of[open_kinds[-1]] is None or rank_of[open_kinds[-1]] >= rank):
                open_kinds.pop()
                stack.pop()["end"] = at
        # most labels are one word (`1`, `a`, `IV`) with no spaces to collapse
        short = label if label.isalnum() else _SPACES.sub(" ", label).strip()
        section = {"label": short + sep.strip(" \t*_"),
                   "title": _title(text, stop, at, kind in _LABEL_ONLY),
                   "level": len(stack) + 1,
                   "start": first - len(text[at:first].lstrip(" \t*_#|>\n")),
                   "end": end,
                   "path": stack[-1]["path"] + " > " + short if stack else short}
        opened.append(section)
        stack.append(section)
        open_kinds.append(kind)
    for section in opened:
        if section["end"] < section["start"]:
            section["end"] = section["start"]
    # every value is a str or an int built above: nothing is left to validate
    return tuple(map(Section.from_checked, opened))
