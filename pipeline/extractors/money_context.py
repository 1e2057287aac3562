"""What an amount means (../shared/gold/FIGURES.md): its role, whether it is a total, the
programme and component path it belongs to, the budget year, the place, its funding
source, and whether it restates an earlier amount.

Context is read nearest first: the amount's clause, its table row, the lead lines that
introduce the list it stands in ("… như sau:", "trong đó:"), the headings of the sections
around it, and last the document itself (the programme its title names, its year, the
place of its issuer). What a heading or a running text says stops at the end of its
section: a component named in one section never reaches the next one.

Cue words are in patterns/money.toml ([roles], [fallback_roles], [funding_sources],
[context]).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from ..dates import find_dates
from ..models import Amount, DocumentStructure, Section
from . import base, organizations, projects
from .money_consistency import listed_parts, rounding
from .money_grammar import Grammar, alternation, cue_label, cue_regex, grammar


@dataclass(frozen=True)
class _Gated:
    """A pattern that opens with a lookbehind and a word in any case, with the stdlib gate
    of its first words (see base.lowered_finditer), searched in the short ranges an
    amount's context is read from."""

    pattern: regex.Pattern
    gate: re.Pattern

    def finditer(self, text: str, start: int, end: int) -> Iterator[regex.Match]:
        """The matches of pattern.finditer(text, start, end)."""
        return base.lowered_finditer(self.gate, self.pattern, text, start, end)


def _gated_cue(cue: tuple[regex.Pattern, dict[str, str]]) -> _Gated:
    """A cue table's pattern (see money_grammar.cue_regex), gated by its cues' first words
    (the keys of its label map are lower case)."""
    pattern, label_of = cue
    firsts = {c.split()[0] for c in label_of}
    return _Gated(pattern, re.compile("|".join(re.escape(w) for w in sorted(firsts))))


# ------------------------------------------------------------------ vocabulary
# The component levels, outermost first.
_LEVEL = {"Dự án": 0, "Tiểu dự án": 1, "Nội dung số": 2}
# "Tiểu dự án 1 và Tiểu dự án 2", "Dự án 1, Dự án 2": the money is for the list, not one.
_LISTED = regex.compile(r"[\s,;&*_-]*(?:(?:và|hoặc)[\s*_]*)?", regex.IGNORECASE)
# "Tiểu dự án 2 thuộc Dự án 10": the Dự án is the parent the text states.
_PARENT = regex.compile(r"[\s,*_-]*(?:thuộc|của)\s+$", regex.IGNORECASE)
_YEAR = r"(?:19|20)\d{2}"
_PERIOD = _Gated(regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?:(?:lũy\s+kế\s+)?(?:đến\s+hết|đến|hết|trong)\s+)?(?:"
    rf"\d{{1,2}}\s+tháng\s+(?:đầu\s+|cuối\s+)?năm\s+{_YEAR}"
    rf"|quý\s+[IV]{{1,3}}(?:/|\s+năm\s+){_YEAR}"
    rf"|tháng\s+\d{{1,2}}(?:/|\s+năm\s+){_YEAR}"
    rf"|giai\s+đoạn\s+{_YEAR}\s*[-–]\s*{_YEAR}"
    rf"|năm\s+{_YEAR}(?:\s*[-–]\s*{_YEAR})?)(?!\d)",
    regex.IGNORECASE,
), re.compile(r"lũy|đến|hết|trong|\d{1,2}\s+tháng|quý|tháng|giai|năm"))  # its first words
_ONE_YEAR = regex.compile(rf"(?:\.\./)?({_YEAR})(?:-[\dQH]+)*(?:-\d\d)?|({_YEAR})-\d\d-\d\d/({_YEAR})-\d\d-\d\d")
_ANY_YEAR = regex.compile(rf"(?<!\d)({_YEAR})(?!\d)")
_NAME = r"\p{Lu}[\p{Ll}\p{M}]*(?:[ ]\p{Lu}[\p{Ll}\p{M}]*){0,3}"
# "các xã Tân Tú, Lục Bình" lists several places: none of them is the amount's place.
_PLACE = _Gated(regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?<!(?i:các|những)\s)(?:[Tt]ỉnh|[Hh]uyện|[Xx]ã|[Tt]hành\s+phố|[Tt]hị\s+xã|[Tt]hị\s+trấn)\s+(?P<name>{_NAME})"
), re.compile(r"tỉnh|huyện|xã|thành|thị"))  # its first words
# A line that introduces what follows: it ends with ":" (bold or not), or is set in bold
# alone (words, not a table's bold number), or is a markdown heading.
_COLON_END = re.compile(r":[*_# \t]*$", re.M)
_HEADING_LINE = re.compile(r"^[ \t]*(?:#|\*\*(?=[^\n]*[^\W\d_])[^\n]*\*\*[ \t]*$)", re.M)
# A paragraph of running text: a long line that is no list item, heading number or table.
_PROSE_LINE = re.compile(r"^[ \t]*(?![-+*•|]|(?:[IVXL]+|\d+(?:\.\d+)*|[a-zđ])[.)])[^\n|]{161,}$", re.M)
# The row's first cell, where a total row says so.
_FIRST_CELL = regex.compile(r"[\s|*_]*([^|\n]*)")
_SUMMED_ROLES = ("allocated", "disbursed", "estimate", "requested")
# How far back a list's lead line is looked for.
_LEAD_REACH = 3000
# A first line longer than this is a paragraph, not a heading, unless its label is an
# article's or a roman numeral.
_HEADING_LENGTH = 160
_HEADING_LABEL = regex.compile(r"(?:Điều|Chương|Mục|Phần)\s|[IVXL]+\.", regex.IGNORECASE)


@dataclass(frozen=True)
class _Cues:
    roles: _Gated
    fallback: _Gated | None
    sources: _Gated
    totals: _Gated
    total_row: regex.Pattern
    rate_per: regex.Pattern
    restated: regex.Pattern


@cache
def _cues() -> _Cues:
    g = grammar()
    c = g.patterns.context
    return _Cues(
        roles=_gated_cue(g.roles),
        fallback=_gated_cue(g.fallback_roles) if g.fallback_roles else None,
        sources=_gated_cue(g.sources),
        totals=_gated_cue(cue_regex({"total": c.totals})),
        total_row=regex.compile(rf"{alternation(c.total_rows)}(?![\p{{L}}\p{{M}}])", regex.IGNORECASE),
        rate_per=regex.compile(rf"(?:\d+\s*)?{alternation(c.rate_per)}(?:/.*)?", regex.IGNORECASE),
        restated=regex.compile(rf"[\s*_]*[(\[][\s*_]*(?:{alternation(c.restated_by)}[\s*_]*:?[\s*_]*)?",
                               regex.IGNORECASE),
    )


# ------------------------------------------------------------------ scopes
class _Scopes:
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
class _Marker:
    """A component label in the text: `Dự án 4`, `Tiểu dự án 1`, `Nội dung số 02`."""

    start: int
    level: int  # 0 Dự án, 1 Tiểu dự án, 2 Nội dung
    label: str
    listed: bool  # one of a list ("Tiểu dự án 1 và Tiểu dự án 2")
    parent: bool  # the parent of the label before it ("… thuộc Dự án 10")
    section: Section | None


def _markers(text: str, scopes: _Scopes) -> list[_Marker]:
    """The numbered components projects.find reads (Dự án, Tiểu dự án, Nội dung số), each
    with what the words around it say: one of a list, or the parent of the one before."""
    found = []
    for f in projects.find(text):
        level = _LEVEL.get(f.label.rsplit(" ", 1)[0]) if f.kind == "numbered" else None
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
        out.append(_Marker(start, level, label, bool(listed), parent, scopes.innermost(start)))
    return out


def _path(markers: list[_Marker], scopes: _Scopes, x: int) -> str | None:
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


# ------------------------------------------------------------------ periods
class _Periods:
    """The periods a range of the text names, normalised by pipeline.dates (`năm 2023`
    -> 2023, `đến hết tháng 9/2023` -> ../2023-09-30, `giai đoạn 2021-2025` ->
    2021-01-01/2025-12-31); a bare calendar day is a document's date, not a period. When
    the date grammar reads nothing, the phrase is kept as written."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cache: dict[tuple[int, int], list[tuple[int, int, str]]] = {}

    def spans(self, s: int, e: int) -> list[tuple[int, int, str]]:
        if (s, e) not in self.cache:
            found = find_dates(self.text[s:e])
            days = [(s + d.start, s + d.end) for d in found if d.value.granularity == "day"]
            spans = [(s + d.start, s + d.end, d.value.iso) for d in found if d.value.granularity != "day"]
            # Outermost first: "đến hết tháng 9/2023" over the "tháng 9/2023" inside it.
            spans.sort(key=lambda x: (x[0], -x[1]))
            kept: list[tuple[int, int, str]] = []
            for span in spans:
                if not kept or span[0] >= kept[-1][1]:
                    kept.append(span)
            for m in _PERIOD.finditer(self.text, s, e):
                if not any(k[0] <= m.start() < k[1] for k in (*kept, *days)):
                    kept.append((m.start(), m.end(), " ".join(m.group().split())))
            self.cache[(s, e)] = sorted(kept)
        return self.cache[(s, e)]

    def near(self, s: int, e: int, offset: int) -> str | None:
        """The nearest period before offset in [s, e), else the first after it."""
        spans = self.spans(s, e)
        before = [x for x in spans if x[1] <= offset]
        if before:
            return before[-1][2]
        after = [x for x in spans if x[0] >= offset]
        return after[0][2] if after else None


_MULTI_YEAR = object()


def _year(period: str | None):
    """The one year a period covers; _MULTI_YEAR for a span of years; None when unknown."""
    if not period:
        return None
    m = _ONE_YEAR.fullmatch(period)
    if m:
        if m.group(1):
            return int(m.group(1))
        return int(m.group(2)) if m.group(2) == m.group(3) else _MULTI_YEAR
    years = set(_ANY_YEAR.findall(period))
    if len(years) == 1:
        return int(years.pop())
    return _MULTI_YEAR if years else None


# ------------------------------------------------------------------ the document
@dataclass(frozen=True)
class _Document:
    """What the document as a whole says: the fallback of every amount."""

    programme: str | None
    title_year: int | None  # the one year its title names: every amount's, unless it says
    issued_year: int | None  # the year it was issued or published: for money given or spent
    place: str | None


def _document(text: str, structure: DocumentStructure, programmes: list, periods: _Periods) -> _Document:
    header, news = structure.header, structure.news
    title = (header.title if header else None) or (news.headline if news else None) or ""
    start = text.find(title[:40]) if title else -1
    # Only the title speaks for the whole document: a programme named in passing somewhere
    # ("… như Chương trình mỗi xã một sản phẩm") is not what every amount is for.
    in_title = {p.programme for p in programmes if start >= 0 and start <= p.start < start + len(title)}
    programme = next(iter(in_title)) if len(in_title) == 1 else None
    title_year = _year(periods.near(start, start + len(title), start)) if start >= 0 else None
    dated = (header.issued_date if header else None) or (news.published if news else None)
    issued_year = int(dated[:4]) if dated and dated[:4].isdigit() else None
    return _Document(programme, title_year if isinstance(title_year, int) else None,
                     issued_year, _document_place(text, structure))


def _document_place(text: str, structure: DocumentStructure) -> str | None:
    """The issuer's own most local unit ("UBND huyện Bạch Thông" -> huyện Bạch Thông), else
    the province the text is about (organizations.document_units)."""
    units = organizations.document_units(text, structure.header)
    return units.get("commune") or units.get("district") or units.get("province")


# ------------------------------------------------------------------ the amount
def add_context(text: str, amounts: list[Amount], index: base.SentenceIndex,
                structure: DocumentStructure | None = None) -> list[Amount]:
    """Every amount with its context; amounts in order of start."""
    structure = structure or DocumentStructure()
    cues = _cues()
    g = grammar()
    scopes = _Scopes(structure.sections)
    markers = _markers(text, scopes)
    programmes = projects.programme_mentions(text)
    programme_scopes = [scopes.innermost(p.start) for p in programmes]
    periods = _Periods(text)
    doc = _document(text, structure, programmes, periods)
    lines = _Lines(text)
    out: list[Amount] = []
    for i, a in enumerate(amounts):
        s, e = index.bounds(a.start)
        c = _clause_start(text, s, a.start)
        leads = _leads(text, a.start, scopes, lines)
        denominator = i > 0 and _denominator(text, amounts[i - 1], a)
        role = _role(text, a, c, leads, cues, g, denominator)
        period = periods.near(s, e, a.start)
        programme = next((p.programme for p, inner in zip(reversed(programmes), reversed(programme_scopes))
                          if p.start < a.start and scopes.reaches(p.start, a.start, inner)), None)
        if programme is None:  # named later in its sentence, else the title's
            programme = next((p.programme for p in programmes if a.start < p.start < e), doc.programme)
        place = _nearest(_PLACE, text, c, a.start, e)
        source = _last(cues.sources, text, c, a.start)
        out.append(a.model_copy(update={
            "role": role,
            "funding_source": cue_label(source, g.sources[1]) if source else None,
            "programme": programme,
            "project": _path(markers, scopes, a.start),
            "period": period,
            "year": _budget_year(period, leads, periods, role, doc),
            "place": " ".join(place.group().split()) if place else doc.place,
        }))
    return _restatements(text, _totals(text, out, cues))


def _budget_year(period: str | None, leads: list[tuple[int, int]], periods: _Periods, role: str,
                 doc: _Document) -> int | None:
    """The year the clause names, else the nearest lead line or heading naming one, else
    the title's (money of any kind but `other`) or the year the document was issued (money
    given, spent, estimated or asked for); none for a span of years."""
    year = _year(period)
    for ls, le in leads if year is None else ():
        year = _year(periods.near(ls, le, le))
        if year is not None:
            break
    if year is _MULTI_YEAR:
        return None
    if year is None and role != "other":
        return doc.title_year or (doc.issued_year if role in _SUMMED_ROLES else None)
    return year


def _role(text: str, a: Amount, c: int, leads: list[tuple[int, int]], cues: _Cues, g: Grammar,
          denominator: bool) -> str:
    """The clause's own cue (a fee, fine or price first, then a request), a per-beneficiary
    unit, then the list's lead lines and headings, then the clause's weaker cues; `other`
    when nothing says."""
    if denominator:
        return "allocated"  # "giải ngân 806,5/1.066,4 triệu đồng": the base is the allocation
    role_of = g.roles[1]
    found = [cue_label(m, role_of) for m in _unbracketed(cues.roles, text, c, a.start)]
    if "other" in found:
        return "other"  # a fee, fine, price or revenue, whatever else the clause says
    if "requested" in found:
        return "requested"
    if a.per and ("rate" in found or cues.rate_per.fullmatch(a.per)):
        return "rate"  # "định mức phân bổ … 140.000.000 đồng/năm/xe", "40 triệu đồng/hộ"
    if found:
        return found[-1]
    for ls, le in leads:
        lead = [cue_label(m, role_of) for m in cues.roles.finditer(text, ls, le)]
        if lead:
            return "requested" if "requested" in lead else lead[-1]
    if cues.fallback is not None and (weak := _last(cues.fallback, text, c, a.start)) is not None:
        return cue_label(weak, g.fallback_roles[1])
    return "other"


def _denominator(text: str, before: Amount, a: Amount) -> bool:
    """`806,5 triệu đồng/1.066,4 triệu đồng`: the second is the base of the first."""
    gap = text[before.end:a.start]
    return gap.strip() == "/" and before.vnd is not None


class _Lines:
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


def _leads(text: str, x: int, scopes: _Scopes, lines: _Lines) -> list[tuple[int, int]]:
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


def _unbracketed(pattern: _Gated, text: str, start: int, end: int) -> list[regex.Match]:
    """The cues in text[start:end], skipping asides in parentheses that close before
    `end`: `(các xã … công trình được giao); vốn đầu tư: 14.302` is not allocated."""
    found = []
    for m in pattern.finditer(text, start, end):
        tail = text[m.end():end]
        if tail.count(")") > tail.count("(") and text.rfind("(", start, m.start()) > text.rfind(")", start, m.start()):
            continue
        found.append(m)
    return found


def _last(pattern: _Gated, text: str, start: int, end: int) -> regex.Match | None:
    found = _unbracketed(pattern, text, start, end)
    return found[-1] if found else None


def _nearest(pattern: _Gated, text: str, start: int, cut: int, end: int) -> regex.Match | None:
    """The last match in text[start:cut], else the first in text[cut:end]."""
    last = None
    for m in pattern.finditer(text, start, cut):
        last = m
    if last is not None:
        return last
    return next(pattern.finditer(text, cut, end), None)


_CLAUSE_MARKS = regex.compile(r"[;()]")


def _clause_start(text: str, start: int, end: int) -> int:
    """After the last `;` outside parentheses: a semicolon starts a new clause with its
    own subject (`…giải ngân 807,463 triệu đồng; vốn đầu tư: … 14.302 triệu đồng`), but
    the parts listed inside `(ngân sách trung ương: …; ngân sách địa phương: …)` still
    belong to the clause that opened the parenthesis."""
    depth, cut = 0, start
    for m in _CLAUSE_MARKS.finditer(text, start, end):
        ch, i = m.group(), m.start()
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == ";" and depth == 0:
            cut = i + 1
    return cut


# A total's cue must sit in the amount's own phrase: "bố trí tối thiểu 10% tổng vốn …,
# tương đương 7.722,3 triệu đồng" is no total.
_PHRASE_BREAK = regex.compile(r"[;(]|,(?!\d)")


# ------------------------------------------------------------------ totals
def _totals(text: str, amounts: list[Amount], cues: _Cues) -> list[Amount]:
    """An amount is a total when parts follow it ("…, gồm:", "(ngân sách trung ương: …)"),
    when it opens a table row that its other cells add up to or a total row, or when a
    total cue ("tổng", "toàn tỉnh") says it of a programme-wide figure while the document
    also gives the programme's components. Listed parts point to their total (`part_of`),
    so that a total listed under a larger one is not added to it."""
    vnd = [a for a in amounts if a.vnd is not None]
    index = {id(a): i for i, a in enumerate(amounts)}
    with_components = {a.programme for a in amounts if a.project}
    update: dict[int, dict] = {}
    for k, a in enumerate(vnd):
        i = index[id(a)]
        listed = listed_parts(text, vnd, k)
        # Rates and the amount said again in words are no parts of it.
        parts = [p for p in listed.amounts if p.vnd < a.vnd and not p.per and p.role != "rate"] if listed else []
        total = bool(parts)
        for p in parts:
            update.setdefault(index[id(p)], {}).setdefault("part_of", i)
        if not total and "|" in text[max(0, a.start - 200):a.start]:
            total = _row_total(text, a, vnd, cues)
        if not total and a.project is None and a.programme in with_components:
            line_start = text.rfind("\n", 0, a.start) + 1
            phrase = max([line_start, *(m.end() for m in _PHRASE_BREAK.finditer(text, line_start, a.start))])
            total = _last(cues.totals, text, phrase, a.start) is not None
        if total:
            update.setdefault(i, {})["total"] = True
    return [a.model_copy(update=update[i]) if i in update else a for i, a in enumerate(amounts)]


def _row_total(text: str, a: Amount, vnd: list[Amount], cues: _Cues) -> bool:
    """A table row (`Năm 2026 | 3.682,35 | 2.920,17 | 762,17 |`) that opens with a total
    word, or whose other cells add up to its first."""
    s, e = text.rfind("\n", 0, a.start) + 1, text.find("\n", a.start)
    e = len(text) if e < 0 else e
    if text.count("|", s, e) < 2:
        return False
    first = _FIRST_CELL.match(text, s, e)
    if first and cues.total_row.match(first.group(1).strip()):
        return True
    row = [b for b in vnd if s <= b.start < e]
    if len(row) < 3 or row[0] is not a:
        return False
    rest = sum(b.vnd for b in row[1:])
    return abs(rest - a.vnd) <= sum(rounding(b) for b in row)


# ------------------------------------------------------------------ restatements
def _restatements(text: str, amounts: list[Amount]) -> list[Amount]:
    """The same money said again: in brackets right after it ("61.240 triệu đồng (61 tỷ
    240 triệu đồng)", "(Bằng chữ: …)"), or the same value with the same meaning (role,
    programme, component, year, place) in a summary or a total row further on. A
    restatement takes the meaning of the amount it repeats."""
    cues = _cues()
    seen: dict[tuple, int] = {}
    out = list(amounts)
    for i, a in enumerate(amounts):
        if a.vnd is None:
            continue
        original = None
        if i and out[i - 1].vnd == a.vnd and cues.restated.fullmatch(text, out[i - 1].end, a.start):
            original = i - 1
        key = (a.vnd, a.role, a.programme, a.project, a.year, a.place)
        if original is None and a.role in _SUMMED_ROLES and key in seen:
            original = seen[key]
        if original is not None:
            first = out[original]
            root = first.restates if first.restates is not None else original
            out[i] = a.model_copy(update={
                "restates": root, "role": first.role, "total": first.total, "programme": first.programme,
                "project": first.project, "year": first.year, "place": first.place})
        else:
            seen.setdefault(key, i)
    return out
