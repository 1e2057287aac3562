"""Where an amount's context reaches: the section tree (what is said in a section stops at
its end), the component path in force at an offset (Dự án > Tiểu dự án > Nội dung số, as
projects.find reads them), and the lead lines and headings that introduce a list."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import regex

from ..models import Section
from . import project_grammar, projects
from .function_words import words as function_words
from .money_grammar import alternation
from .section_words import words as section_words

_FW = function_words()

# "Tiểu dự án 1 và Tiểu dự án 2", "Dự án 1, Dự án 2": the money is for the list, not one.
_LISTED = regex.compile(rf"[\s,;&*_-]*(?:{alternation([_FW.and_, _FW.or_])}[\s*_]*)?", regex.IGNORECASE)
# "Tiểu dự án 2 thuộc Dự án 10": the Dự án is the parent the text states.
_PARENT = regex.compile(rf"[\s,*_-]*{alternation([_FW.under, _FW.of])}\s+$", regex.IGNORECASE)
# A line that introduces what follows: it ends with ":" (bold or not), or is set in bold
# alone (words, not a table's bold number), or is a markdown heading.
_COLON_END = re.compile(r":[*_# \t]*$", re.M)
_HEADING_LINE = re.compile(r"^[ \t]*(?:#|\*\*(?=[^\n]*[^\W\d_])[^\n]*\*\*[ \t]*$)", re.M)
# A paragraph of running text: a long line that is no list item, heading number or table.
_PROSE_LINE = re.compile(r"^[ \t]*(?![-+*•|]|(?:[IVXL]+|\d+(?:\.\d+)*|[a-zđ])[.)])[^\n|]{161,}$", re.M)
# How far back a list's lead line is looked for.
_LEAD_REACH = 3000
# A first line longer than this is a paragraph, not a heading, unless its label is an
# article's or a roman numeral.
_HEADING_LENGTH = 160
_HEADING_LABEL = regex.compile(
    rf"{alternation([*section_words().article, *section_words().chapter, *section_words().section, *section_words().part])}"
    r"\s|[IVXL]+\.", regex.IGNORECASE)


class Scopes:
    """The section tree, asked where a piece of context reaches: what is said at offset
    `at` applies at offset `x` when the innermost section around `at` also holds `x`."""

    def __init__(self, sections: tuple[Section, ...]) -> None:
        self.items = sorted(sections, key=lambda s: (s.start, -s.end))
        self.starts = [s.start for s in self.items]
        # Sections nest: each one's parent is the nearest open section before it.
        self.parent: list[int] = []
        open_: list[int] = []
        for i, s in enumerate(self.items):
            while open_ and self.items[open_[-1]].end <= s.start:
                open_.pop()
            self.parent.append(open_[-1] if open_ else -1)
            open_.append(i)

    def chain(self, offset: int) -> list[Section]:
        """The sections holding `offset`, outermost first."""
        i = bisect.bisect_right(self.starts, offset) - 1
        while i >= 0 and offset >= self.items[i].end:
            i = self.parent[i]
        chain = []
        while i >= 0:
            chain.append(self.items[i])
            i = self.parent[i]
        return chain[::-1]

    def innermost(self, offset: int) -> Section | None:
        chain = self.chain(offset)
        return chain[-1] if chain else None

    def reaches(self, at: int, x: int, inner: Section | None = None) -> bool:
        inner = inner if inner is not None else self.innermost(at)
        return inner is None or inner.start <= x < inner.end


@dataclass(frozen=True)
class Marker:
    """A component label in the text: `Dự án 4`, `Tiểu dự án 1`, `Nội dung số 02`."""

    start: int
    level: int  # 0 Dự án, 1 Tiểu dự án, 2 Nội dung
    label: str
    listed: bool  # one of a list ("Tiểu dự án 1 và Tiểu dự án 2")
    parent: bool  # the parent of the label before it ("… thuộc Dự án 10")
    section: Section | None


def component_markers(text: str, scopes: Scopes) -> list[Marker]:
    """The numbered components projects.find reads (Dự án, Tiểu dự án, Nội dung số), each
    with what the words around it say: one of a list, or the parent of the one before."""
    found = []
    levels = project_grammar.grammar().label_level
    for f in projects.find(text):
        # the component's level in a path, outermost 0 (patterns/programmes.toml)
        level = levels.get(f.label.rsplit(" ", 1)[0]) if f.kind == "numbered" else None
        if level is not None:
            # The label ends at its number; f.end takes in the name after it.
            end = text.find(f.number, f.start) + len(f.number)
            found.append((f.start, end, level, f.label))
    out = []
    for i, (start, end, level, label) in enumerate(found):
        before = found[i - 1] if i else None
        after = found[i + 1] if i + 1 < len(found) else None
        listed = ((after is not None and after[2] == level and _LISTED.fullmatch(text, end, after[0]))
                  or (before is not None and before[2] == level and _LISTED.fullmatch(text, before[1], start)))
        parent = before is not None and level < before[2] and _PARENT.match(text, before[1], start) is not None
        out.append(Marker(start, level, label, bool(listed), parent, scopes.innermost(start)))
    return out


def component_path(markers: list[Marker], scopes: Scopes, x: int) -> str | None:
    """The component path in force at x: the labels before it that reach it, each level
    reset by the one above it."""
    levels: list[str | None] = [None, None, None]
    for mk in markers:
        if mk.start >= x:
            break
        if not scopes.reaches(mk.start, x, mk.section):
            continue
        if mk.parent:
            levels[mk.level] = mk.label
            continue
        levels[mk.level] = None if mk.listed else mk.label
        for lower in range(mk.level + 1, 3):
            levels[lower] = None
    # A lower level with no upper one is still a path ("Nội dung số 02" alone).
    parts = [p for p in levels if p]
    return " > ".join(parts) if parts else None


class Lines:
    """Where the document's lead lines are (a line ending with ":" or set in bold alone
    introduces what follows) and where its paragraphs of running text end (one ends a
    list; list items, table lines and short lines do not), each found once."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts = {text.rfind("\n", 0, m.start()) + 1 for m in _COLON_END.finditer(text)}
        starts.update(m.start() for m in _HEADING_LINE.finditer(text))
        ends = (text.find("\n", start) for start in sorted(starts))
        self.leads = [(start, len(text) if end < 0 else end) for start, end in zip(sorted(starts), ends)]
        self.lead_starts = [start for start, _ in self.leads]
        self.lead_ends = [end for _, end in self.leads]
        self._prose_ends: list[int] | None = None

    @property
    def prose_ends(self) -> list[int]:
        """Where each paragraph of running text ends, found the first time it is asked."""
        if self._prose_ends is None:
            starts = set(self.lead_starts)
            self._prose_ends = [m.end() for m in _PROSE_LINE.finditer(self.text) if m.start() not in starts]
        return self._prose_ends

    def leads_above(self, x: int, floor: int) -> list[tuple[int, int]]:
        """The lead lines above x's line that end after `floor`, nearest first, up to the
        nearest paragraph of running text."""
        line_start = self.text.rfind("\n", 0, x) + 1
        first = bisect.bisect_right(self.lead_ends, floor)
        last = bisect.bisect_left(self.lead_starts, line_start)
        if first >= last:
            return []
        k = bisect.bisect_left(self.prose_ends, line_start) - 1
        if k >= 0:
            first = max(first, bisect.bisect_left(self.lead_starts, self.prose_ends[k]))
        return self.leads[first:last][::-1]


def lead_spans(text: str, x: int, scopes: Scopes, lines: Lines) -> list[tuple[int, int]]:
    """The lines that introduce the list x stands in, nearest first: lines ending with ":"
    or set in bold above it, with only list items, table lines and short lines between,
    then the heading lines of the sections around x (innermost first). A paragraph of
    running text ends the list."""
    chain = scopes.chain(x)
    leads = lines.leads_above(x, max(chain[-1].start if chain else 0, x - _LEAD_REACH))
    for s in reversed(chain):
        end = text.find("\n", s.start)
        end = s.end if end < 0 or end > s.end else end
        # The amount's own line is its clause, read first; a long first line is a
        # paragraph about itself, not a heading over what follows.
        if not (s.start <= x < end) and (end - s.start <= _HEADING_LENGTH or _is_lead(text[s.start:end])
                                         or _HEADING_LABEL.match(s.label)):
            leads.append((s.start, end))
    return leads


def _is_lead(line: str) -> bool:
    """A line that introduces what follows (see _COLON_END and _HEADING_LINE)."""
    return bool(_COLON_END.search(line) or _HEADING_LINE.match(line.strip()))
