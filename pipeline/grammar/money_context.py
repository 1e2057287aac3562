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

from dataclasses import dataclass

import regex

from .date_grammar import date_words
from .date_parser import find_dates
from ..models import Amount, DocumentStructure
from ..place_words import unit_words
from ..text.prefilter import DIGIT, Prefiltered, register
from ..text.sentences import SentenceIndex
from . import projects
from .own_units import document_units
from .money_cues import SUMMED_ROLES, Cues, context_cues, last_cue, unbracketed
from .money_grammar import Grammar, alternation, cue_label, grammar
from .money_scopes import Lines, Scopes, component_markers, component_path, lead_spans
from .money_totals import mark_restatements, mark_totals
from .function_words import words as function_words


_YEAR = r"(?:19|20)\d{2}"


def _period() -> Prefiltered:
    """A period as written, for the phrases the date grammar does not read: its words are
    the date grammar's (patterns/dates.toml), with the leads of money.toml's [context]."""
    d, c = date_words().words, grammar().patterns.context
    month, year = alternation(d.month), alternation(d.year)
    to, end_of = alternation(d.range_to), alternation(d.end_of)
    lead = rf"(?:(?:{alternation(c.period_cumulative)}\s+)?(?:{to}\s+{end_of}|{to}|{end_of}|{alternation(c.period_within)})\s+)?"
    pattern = regex.compile(
        rf"(?<![\p{{L}}\p{{M}}]){lead}(?:"
        rf"\d{{1,2}}\s+{month}\s+(?:{alternation([*d.first, *d.last])}\s+)?{year}\s+{_YEAR}"
        rf"|{alternation(d.quarter)}\s+[IV]{{1,3}}(?:/|\s+{year}\s+){_YEAR}"
        rf"|{month}\s+\d{{1,2}}(?:/|\s+{year}\s+){_YEAR}"
        rf"|{alternation(d.period)}\s+{_YEAR}\s*[-–]\s*{_YEAR}"
        rf"|{year}\s+{_YEAR}(?:\s*[-–]\s*{_YEAR})?)(?!\d)",
        regex.IGNORECASE)
    # Its first words; a count of months opens with digits.
    firsts = {w.split()[0] for w in (*c.period_cumulative, *d.range_to, *d.end_of, *c.period_within,
                                     *d.quarter, *d.month, *d.period, *d.year)}
    counts = {f"{DIGIT} {w.split()[0]}" for w in d.month}
    return Prefiltered(pattern, starts=tuple(sorted(firsts | counts)))


_PERIOD = _period()
_ONE_YEAR = regex.compile(rf"(?:\.\./)?({_YEAR})(?:-[\dQH]+)*(?:-\d\d)?|({_YEAR})-\d\d-\d\d/({_YEAR})-\d\d-\d\d")
_ANY_YEAR = regex.compile(rf"(?<!\d)({_YEAR})(?!\d)")
_NAME = r"\p{Lu}[\p{Ll}\p{M}]*(?:[ ]\p{Lu}[\p{Ll}\p{M}]*){0,3}"
# "các xã Tân Tú, Lục Bình" lists several places: none of them is the amount's place.
# A unit word (patterns/places.toml) opens in either case: "Tỉnh", "tỉnh".
_UNIT_WORD = "|".join(f"[{w[0].upper()}{w[0]}]" + r"\s+".join(regex.escape(x) for x in w[1:].split(" "))
                      for w in unit_words())
_PLACE = Prefiltered(regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?<!(?i:{alternation(function_words().plural)})\s)(?:{_UNIT_WORD})\s+(?P<name>{_NAME})"
), starts=tuple(unit_words()))
register("money.period", lambda: _PERIOD)
register("money.place", lambda: _PLACE)


# ------------------------------------------------------------------ periods
class _Periods:
    """The periods a range of the text names, normalised by pipeline.grammar.date_parser (`năm 2023`
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


class _LeadRoles:
    """The roles each lead line or heading names, read once: the amounts of a list or a
    table share their leads, and each amount reads them nearest first."""

    def __init__(self, text: str, cues: Cues, role_of: dict[str, str]) -> None:
        self.text, self.cues, self.role_of = text, cues, role_of
        self.cache: dict[tuple[int, int], list[str]] = {}

    def roles(self, s: int, e: int) -> list[str]:
        if (s, e) not in self.cache:
            self.cache[(s, e)] = [cue_label(m, self.role_of) for m in self.cues.roles.finditer(self.text, s, e)]
        return self.cache[(s, e)]


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
    the province the text is about (own_units.document_units)."""
    units = document_units(text, structure.header)
    return units.get("commune") or units.get("district") or units.get("province")


# ------------------------------------------------------------------ the amount
def add_context(text: str, amounts: list[Amount], index: SentenceIndex,
                structure: DocumentStructure | None = None) -> list[Amount]:
    """Every amount with its context; amounts in order of start."""
    structure = structure or DocumentStructure()
    cues = context_cues()
    g = grammar()
    scopes = Scopes(structure.sections)
    markers = component_markers(text, scopes)
    programmes = projects.programme_mentions(text)
    programme_scopes = [scopes.innermost(p.start) for p in programmes]
    periods = _Periods(text)
    doc = _document(text, structure, programmes, periods)
    lines = Lines(text)
    lead_roles = _LeadRoles(text, cues, g.roles[1])
    out: list[Amount] = []
    for i, a in enumerate(amounts):
        s, e = index.bounds(a.start)
        c = _clause_start(text, s, a.start)
        leads = lead_spans(text, a.start, scopes, lines)
        denominator = i > 0 and _denominator(text, amounts[i - 1], a)
        role = _role(text, a, c, leads, lead_roles, cues, g, denominator)
        period = periods.near(s, e, a.start)
        programme = next((p.programme for p, inner in zip(reversed(programmes), reversed(programme_scopes))
                          if p.start < a.start and scopes.reaches(p.start, a.start, inner)), None)
        if programme is None:  # named later in its sentence, else the title's
            programme = next((p.programme for p in programmes if a.start < p.start < e), doc.programme)
        place = _nearest(_PLACE, text, c, a.start, e)
        source = last_cue(cues.sources, text, c, a.start)
        out.append(a.model_copy(update={
            "role": role,
            "funding_source": cue_label(source, g.sources[1]) if source else None,
            "programme": programme,
            "project": component_path(markers, scopes, a.start),
            "period": period,
            "year": _budget_year(period, leads, periods, role, doc),
            "place": " ".join(place.group().split()) if place else doc.place,
        }))
    return mark_restatements(text, mark_totals(text, out, cues), cues)


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
        return doc.title_year or (doc.issued_year if role in SUMMED_ROLES else None)
    return year


def _role(text: str, a: Amount, c: int, leads: list[tuple[int, int]], lead_roles: _LeadRoles, cues: Cues,
          g: Grammar, denominator: bool) -> str:
    """The clause's own cue (a fee, fine or price first), then a bound of a rule (a
    threshold is `other`, even in a clause about a norm), then a request, a per-beneficiary
    unit, the list's lead lines and headings and the clause's weaker cues; `other` when
    nothing says. An amount per unit is a norm whatever says it: never money given, spent
    or asked for as a sum (FIGURES.md: rate)."""
    if denominator:
        return "allocated"  # "giải ngân 806,5/1.066,4 triệu đồng": the base is the allocation
    role_of = g.roles[1]
    found = [cue_label(m, role_of) for m in unbracketed(cues.roles, text, c, a.start)]
    if "other" in found:
        return "other"  # a fee, fine, price or revenue, whatever else the clause says
    if cues.limits.around(text, c, a.start, a.end):
        return "other"  # "dịch vụ có giá trị dưới 45 tỷ đồng": a threshold of a rule
    role = _cued_role(text, a, c, leads, lead_roles, cues, g, found)
    return "rate" if a.per and role in SUMMED_ROLES else role


def _cued_role(text: str, a: Amount, c: int, leads: list[tuple[int, int]], lead_roles: _LeadRoles, cues: Cues,
               g: Grammar, found: list[str]) -> str:
    if "requested" in found:
        return "requested"
    if a.per and ("rate" in found or cues.rate_per.fullmatch(a.per)):
        return "rate"  # "định mức phân bổ … 140.000.000 đồng/năm/xe", "40 triệu đồng/hộ"
    if found:
        return found[-1]
    for ls, le in leads:
        lead = lead_roles.roles(ls, le)
        if lead:
            return "requested" if "requested" in lead else lead[-1]
    if cues.fallback is not None and (weak := last_cue(cues.fallback, text, c, a.start)) is not None:
        return cue_label(weak, g.fallback_roles[1])
    return "other"


def _denominator(text: str, before: Amount, a: Amount) -> bool:
    """`806,5 triệu đồng/1.066,4 triệu đồng`: the second is the base of the first."""
    gap = text[before.end:a.start]
    return gap.strip() == "/" and before.vnd is not None


def _nearest(pattern: Prefiltered, text: str, start: int, cut: int, end: int) -> regex.Match | None:
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


