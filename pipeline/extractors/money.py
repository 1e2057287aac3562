"""Money: every amount with its exact VND value, and what the sentence says about it.

One regex scan finds amounts written with a unit (`2.041 triệu đồng`, `31 tỷ 875 triệu
đồng`, `2,5 - 5,5 tỷ đồng`, `1.446.000 đồng/ha/năm`, `2,6 tỷ USD`); a second pass, only
when the text has a table unit line or a unit column header, reads bare numbers in table
cells. The number convention (dot- or comma-thousands) is decided once per document from
the numbers whose shape proves it. Context (role, funding source, project, period, place)
comes from cue words in patterns/money.toml, looked for in the amount's sentence.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import regex
from pydantic import BaseModel, ConfigDict, Field
from spacy.language import Language
from spacy.tokens import Doc

from ..dates import find_dates
from ..models import Amount
from ..numbers import NUMBER, Convention, decide_convention, format_number, parse_number
from ..patterns import load
from . import base


class Fused(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    power: int
    currency: str


class MoneyPatterns(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    scales: dict[str, int]
    currencies: dict[str, str]
    fused: dict[str, Fused] = Field(default_factory=dict)
    not_after_currency: list[str] = Field(default_factory=list)
    bare_scales: list[str] = Field(default_factory=list)
    unit_line_labels: list[str]
    english_words: list[str] = Field(default_factory=list)
    roles: dict[str, list[str]]
    fallback_roles: dict[str, list[str]] = Field(default_factory=dict)
    funding_sources: dict[str, list[str]]


class UnitPatterns(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    counted: list[str]
    measured: list[str] = Field(default_factory=list)
    per_only: list[str] = Field(default_factory=list)
    not_after: list[str] = Field(default_factory=list)


def alternation(words: Iterable[str]) -> str:
    """Longest first, so `nghìn tỷ` is tried before `nghìn`; spaces match any white space."""
    escaped = (regex.escape(w).replace(r"\ ", " ").replace(" ", r"\s+")
               for w in sorted(set(words), key=len, reverse=True))
    return "(?:" + "|".join(escaped) + ")"


def cue_regex(cues: dict[str, list[str]]) -> tuple[regex.Pattern, dict[str, str]]:
    """One regex for a cue table, and the map from a cue's folded spelling to its label."""
    label_of = {" ".join(c.lower().split()): label for label, cs in cues.items() for c in cs}
    pattern = regex.compile(rf"(?<![\p{{L}}\p{{M}}]){alternation(label_of)}(?![\p{{L}}\p{{M}}])",
                            regex.IGNORECASE)
    return pattern, label_of


def cue_label(m: regex.Match, label_of: dict[str, str]) -> str:
    return label_of[" ".join(m.group().lower().split())]


@dataclass(frozen=True)
class Grammar:
    patterns: MoneyPatterns
    units: UnitPatterns
    amount: regex.Pattern
    unit_line: regex.Pattern
    header_unit: regex.Pattern
    roles: tuple[regex.Pattern, dict[str, str]]
    fallback_roles: tuple[regex.Pattern, dict[str, str]] | None
    sources: tuple[regex.Pattern, dict[str, str]]
    english: regex.Pattern
    label_before: regex.Pattern
    scale_of: dict[str, int]
    currency_of: dict[str, str]
    fused_of: dict[str, Fused]


_NOT_WORD = r"(?![\p{L}\p{M}\d])"
# Between a number and its unit: spaces and at most one line break (web copies wrap
# lines); a blank line means the next word belongs to something else.
_WS = r"[ \t]*(?:\n[ \t]*)?"


def _fold(word: str) -> str:
    return " ".join(word.split()).lower()


@cache
def grammar() -> Grammar:
    p = load("money", MoneyPatterns)
    u = load("units", UnitPatterns)
    scale = alternation(p.scales)
    currency = alternation(p.currencies) + rf"(?:(?<=₫)|{_NOT_WORD})"
    fused = alternation(p.fused) + _NOT_WORD
    not_after = alternation(p.not_after_currency)
    # The number must not continue a word, a code or another number; "/" is allowed before
    # it because `16 công trình/2.629 triệu đồng` pairs a count with an amount.
    number = rf"(?<![\p{{L}}\p{{M}}\d.,])(?:{NUMBER})"
    per_word = alternation([*u.counted, *u.per_only])
    per = rf"(?:[ ]?/[ ]?(?:\d{{1,3}}\s+)?(?:{per_word}{_NOT_WORD}|[\p{{L}}\p{{M}}]+))"
    pieces = {
        # `2,5 - 5,5 tỷ đồng`, `từ 01 đến 10 tỷ đồng`: the low end shares the unit.
        "low": rf"(?:(?P<low>{number})(?:{_WS}(?P<low_scale>{scale}))?{_WS}(?:[-–—]|\s(?:đến|tới)\s){_WS}(?=\d))?",
        "head": rf"(?P<num>{number})",
        # `31 tỷ 875 triệu đồng`: more number-scale pairs continue the first.
        # A unit is required: a fused token, an optional scale (with `875 triệu` pairs)
        # then a currency, or a bare `tỷ` closed by punctuation (`4,329 tỷ.`).
        "unit": (rf"(?:{_WS}(?P<fused>{fused})"
                 rf"|(?:{_WS}(?P<scale>{scale}){_NOT_WORD}(?:{_WS}(?P<more_num>{NUMBER}){_WS}(?P<more_scale>{scale}){_NOT_WORD})*)?"
                 rf"{_WS}(?P<currency>{currency})(?!\s+{not_after}{_NOT_WORD})"
                 rf"|{_WS}(?P<bare>{alternation(p.bare_scales)})(?={_WS}(?:[.,;:)]|$)))"),
        "per": rf"(?P<per>{per}+)?",
    }
    amount = regex.compile("{low}{head}{unit}{per}".format(**pieces))
    labels = alternation(p.unit_line_labels)
    unit_spec = (rf"(?P<mult>1\.000|1000|{scale})?\s*(?P<cur>{currency})"
                 rf"(?P<per>{per}+)?")
    unit_line = regex.compile(rf"(?<![\p{{L}}\p{{M}}]){labels}\s*[*_]*\s*:\s*[*_]*\s*{unit_spec}",
                              regex.IGNORECASE)
    header_unit = regex.compile(rf"\(\s*(?:{labels}\s*:\s*)?{unit_spec}\s*\)", regex.IGNORECASE)
    return Grammar(
        patterns=p, units=u, amount=amount, unit_line=unit_line, header_unit=header_unit,
        roles=cue_regex(p.roles),
        fallback_roles=cue_regex(p.fallback_roles) if p.fallback_roles else None,
        sources=cue_regex(p.funding_sources),
        label_before=regex.compile(rf"(?<![\p{{L}}\p{{M}}]){alternation(u.not_after)}\s*$", regex.IGNORECASE),
        english=regex.compile(rf"\d\s*{alternation(p.english_words)}{_NOT_WORD}", regex.IGNORECASE),
        scale_of={_fold(k): v for k, v in p.scales.items()},
        currency_of={_fold(k): v for k, v in p.currencies.items()},
        fused_of={_fold(k): v for k, v in p.fused.items()},
    )


# ------------------------------------------------------------------ context
_PROJECT = regex.compile(
    r"(?<![\p{L}\p{M}])(?:(?P<tda>Tiểu\s+dự\s+án|TDA)\s*(?P<tda_n>\d{1,2})"
    r"|(?P<da>Dự\s+án|DA)\s*(?P<da_n>\d{1,2}(?:\.\d)?)"
    r"|(?P<nd>Nội\s+dung(?:\s+số)?)\s*(?P<nd_n>\d{1,2}))(?![\d\p{L}])",
    regex.IGNORECASE,
)
_YEAR = r"(?:19|20)\d{2}"
_PERIOD = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?:(?:lũy\s+kế\s+)?(?:đến\s+hết|đến|hết|trong)\s+)?(?:"
    rf"\d{{1,2}}\s+tháng\s+(?:đầu\s+|cuối\s+)?năm\s+{_YEAR}"
    rf"|quý\s+[IV]{{1,3}}(?:/|\s+năm\s+){_YEAR}"
    rf"|tháng\s+\d{{1,2}}(?:/|\s+năm\s+){_YEAR}"
    rf"|giai\s+đoạn\s+{_YEAR}\s*[-–]\s*{_YEAR}"
    rf"|năm\s+{_YEAR}(?:\s*[-–]\s*{_YEAR})?)(?!\d)",
    regex.IGNORECASE,
)
_NAME = r"\p{Lu}[\p{Ll}\p{M}]*(?:[ ]\p{Lu}[\p{Ll}\p{M}]*){0,3}"
# "các xã Tân Tú, Lục Bình" lists several places: none of them is the amount's place.
_PLACE = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?<!(?i:các|những)\s)(?:[Tt]ỉnh|[Hh]uyện|[Xx]ã|[Tt]hành\s+phố|[Tt]hị\s+xã|[Tt]hị\s+trấn|TP\.?)\s+(?P<name>{_NAME})"
)


def _nearest(pattern: regex.Pattern, text: str, start: int, cut: int, end: int) -> regex.Match | None:
    """The last match in text[start:cut], else the first in text[cut:end]."""
    last = None
    for m in pattern.finditer(text, start, cut):
        last = m
    if last is not None:
        return last
    return pattern.search(text, cut, end)


class ProjectIndex:
    """Where each `Dự án N > Tiểu dự án M > Nội dung số K` path starts to apply."""

    def __init__(self, text: str) -> None:
        self.offsets: list[int] = []
        self.paths: list[str] = []
        da = tda = nd = None
        for m in _PROJECT.finditer(text):
            if m.group("da"):
                da, tda, nd = f"Dự án {m.group('da_n')}", None, None
            elif m.group("tda"):
                tda, nd = f"Tiểu dự án {m.group('tda_n')}", None
            else:
                nd = f"Nội dung số {m.group('nd_n')}"
            self.offsets.append(m.end())
            self.paths.append(" > ".join(x for x in (da, tda, nd) if x))

    def at(self, offset: int) -> str | None:
        i = bisect.bisect_right(self.offsets, offset) - 1
        return self.paths[i] if i >= 0 else None


class _SentencePeriods:
    """The period an amount's sentence names, normalised by pipeline.dates: `năm 2023` ->
    2023, `6 tháng đầu năm 2024` -> 2024-H1, `đến hết tháng 9/2023` -> ../2023-09-30,
    `giai đoạn 2021-2025` -> 2021-01-01/2025-12-31. The nearest before the amount wins,
    else the first after it. A bare calendar day is a document's date ("Quyết định … ngày
    23/3/2022"), not the period an amount covers, unless it is an "as of" limit. When the
    date grammar reads nothing, the phrase is kept as written."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cache: dict[int, list[tuple[int, int, str]]] = {}

    def _spans(self, s: int, e: int) -> list[tuple[int, int, str]]:
        if s not in self.cache:
            spans = []
            for d in find_dates(self.text[s:e]):
                if d.value.granularity == "day":
                    continue
                spans.append((s + d.start, s + d.end, d.value.iso))
            # Outermost first: "đến hết tháng 9/2023" over the "tháng 9/2023" inside it.
            spans.sort(key=lambda x: (x[0], -x[1]))
            kept: list[tuple[int, int, str]] = []
            for span in spans:
                if not kept or span[0] >= kept[-1][1]:
                    kept.append(span)
            for m in _PERIOD.finditer(self.text, s, e):
                if not any(k[0] <= m.start() < k[1] for k in kept):
                    kept.append((m.start(), m.end(), " ".join(m.group().split())))
            self.cache[s] = sorted(kept)
        return self.cache[s]

    def at(self, s: int, e: int, offset: int) -> str | None:
        spans = self._spans(s, e)
        before = [x for x in spans if x[1] <= offset]
        if before:
            return before[-1][2]
        after = [x for x in spans if x[0] >= offset]
        return after[0][2] if after else None


# ------------------------------------------------------------ the component
@dataclass(frozen=True)
class Raw:
    """An amount before context: where it is and what it is worth."""

    start: int
    end: int
    number: str
    unit: str
    power: int
    currency: str
    per: str | None
    extra: tuple[tuple[str, int], ...] = ()  # `875 triệu` after `31 tỷ`


def _raw_amounts(text: str, g: Grammar) -> Iterable[Raw]:
    for m in g.amount.finditer(text):
        currency_word = m.group("currency")
        fused = m.group("fused")
        scale_word = m.group("scale")
        if fused:
            f = g.fused_of[_fold(fused)]
            power, currency, unit = f.power, f.currency, fused
        elif currency_word:
            currency = g.currency_of[_fold(currency_word)]
            power = g.scale_of[_fold(scale_word)] if scale_word else 0
            unit = f"{_fold(scale_word)} {currency_word}" if scale_word else currency_word
            if currency_word == "đ" and _form_number(text, m.start("num")):
                continue
            if _unit_declaration(text, m.start("num"), m.end("currency")):
                continue
        else:
            bare = _fold(m.group("bare"))
            currency, power, unit = "VND", g.scale_of[bare], bare
        extra = tuple(zip(m.captures("more_num"), (g.scale_of[_fold(s)] for s in m.captures("more_scale"))))
        # The mention ends at the currency: the per-unit is a field, as the gold writes it.
        end = m.end("per") - len(m.group("per")) if m.group("per") else m.end(0)
        per = regex.sub(r"\s+", " ", m.group("per")).strip().lstrip("/").strip() if m.group("per") else None
        per = regex.sub(r"\s*/\s*", "/", per) if per else None
        if m.group("low") and not _label_before(text, m.start("low"), g):
            low_power = g.scale_of[_fold(m.group("low_scale"))] if m.group("low_scale") else power
            yield Raw(m.start("low"), m.end("low_scale") if m.group("low_scale") else m.end("low"),
                      m.group("low"), unit, low_power, currency, per)
            yield Raw(m.start("num"), end, m.group("num"), unit, power, currency, per, extra)
        else:
            yield Raw(m.start("num"), end, m.group("num"), unit, power, currency, per, extra)


def _label_before(text: str, start: int, g: Grammar) -> bool:
    """`Dự án 1 - 500 triệu đồng`: a number after a label word is no range's low end."""
    return bool(g.label_before.search(text, max(0, start - 30), start))


def _unit_declaration(text: str, start: int, end: int) -> bool:
    """`Tiền công (1.000đ)` says the column is in thousands of đồng: it is no amount."""
    return (text[start:start + 5] in ("1.000", "1000 ", "1000đ")
            and text[max(0, start - 2):start].strip().endswith("(")
            and text[end:end + 2].strip().startswith(")"))


def _form_number(text: str, start: int) -> bool:
    """`Mẫu số 14đ` is a form name, not fourteen đồng."""
    return bool(regex.search(r"(?i)(?:số|mẫu)\s*$", text[max(0, start - 8):start]))


# ------------------------------------------------------------------ tables
_CELL_NUMBER = regex.compile(rf"[*_\s]*(?P<n>{NUMBER})[*_\s]*")
_STT = regex.compile(r"\d{1,3}|[IVXLC]+|\d+(?:\.\d+)+\.?")


def _table_blocks(text: str) -> list[tuple[int, int]]:
    """Runs of paragraphs with `|` cell separators (how web copies render tables)."""
    blocks: list[tuple[int, int]] = []
    for para in regex.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        if "|" not in para.group():
            continue
        s, e = para.span()
        # A blank line between two table paragraphs does not end the table.
        if blocks and not text[blocks[-1][1]:s].strip():
            blocks[-1] = (blocks[-1][0], e)
        else:
            blocks.append((s, e))
    return blocks


@dataclass(frozen=True)
class TableUnit:
    unit: str
    power: int
    currency: str
    per: str | None


def _unit_of(m: regex.Match, g: Grammar) -> TableUnit:
    mult = m.group("mult")
    cur = m.group("cur")
    power = 3 if mult and mult[0].isdigit() else (g.scale_of[_fold(mult)] if mult else 0)
    unit = f"{_fold(mult)} {cur.lower()}" if mult else cur.lower()
    per = m.group("per")
    per = regex.sub(r"\s*/\s*", "/", " ".join(per.split())).strip("/ ") if per else None
    return TableUnit(unit, power, g.currency_of[_fold(cur)], per)


def _table_amounts(text: str, g: Grammar) -> Iterable[Raw]:
    blocks = _table_blocks(text)
    if not blocks:
        return
    unit_lines = [(m.end(), _unit_of(m, g)) for m in g.unit_line.finditer(text)]
    for bs, be in blocks:
        # The unit line sits just above the table or in its first paragraph.
        scoped = [u for end, u in unit_lines if end <= be and not _prose_between(text, end, bs)]
        whole_table = scoped[-1] if scoped else None
        yield from _cells(text, bs, be, whole_table, g)


def _prose_between(text: str, a: int, b: int) -> bool:
    """True when a paragraph of running text separates a unit line from a table."""
    if a >= b:
        return False
    between = text[a:b]
    return any(len(p.strip()) > 60 and "|" not in p for p in regex.split(r"\n\s*\n", between))


def _cells(text: str, bs: int, be: int, whole_table: TableUnit | None, g: Grammar) -> Iterable[Raw]:
    column_unit: dict[int, TableUnit] = {}
    previous_pipe_lines = 2
    for line in regex.finditer(r"[^\n]*", text, pos=bs, endpos=be):
        ls, le = line.span()
        body = line.group()
        if not body.strip():
            continue
        if body.strip() == "|":
            previous_pipe_lines += 1
            continue
        if body.count("|") >= 2 or (body.count("|") == 1 and not body.strip().endswith("|")):
            # A whole row on one line: `Năm 2026 | 3.682,35 | 2.920,17 | 762,17 |`.
            cells = _split_cells(body)
            for i, (_, cell) in enumerate(cells):
                h = g.header_unit.search(cell)
                if h:
                    column_unit[i] = _unit_of(h, g)
            first = next((i for i, (_, cell) in enumerate(cells) if cell.strip()), None)
            for i, (offset, cell) in enumerate(cells):
                unit = column_unit.get(i, whole_table)
                n = _CELL_NUMBER.fullmatch(cell)
                if unit is None or n is None or (i == first and _STT.fullmatch(n.group("n"))):
                    continue
                yield _cell_raw(ls + offset + n.start("n"), n.group("n"), unit)
        else:
            # One cell per line between `|` lines; a number straight after an empty cell
            # (two `|` lines) starts a row, which is where the STT column is.
            cell = body.rstrip("|").strip()
            n = _CELL_NUMBER.fullmatch(cell)
            row_start = previous_pipe_lines >= 2
            previous_pipe_lines = 1 if body.rstrip().endswith("|") else 0
            if whole_table is None or n is None:
                continue
            if (row_start or "**" in cell) and _STT.fullmatch(n.group("n")):
                continue
            yield _cell_raw(ls + body.index(n.group("n")), n.group("n"), whole_table)


def _split_cells(body: str) -> list[tuple[int, str]]:
    """(offset, text) of each `|`-separated cell, empty ones kept so columns line up."""
    cells, pos = [], 0
    for piece in body.split("|"):
        cells.append((pos, piece))
        pos += len(piece) + 1
    return cells


def _cell_raw(start: int, number: str, unit: TableUnit) -> Raw:
    return Raw(start, start + len(number), number, unit.unit, unit.power, unit.currency, unit.per)


# --------------------------------------------------------------- component
def find_amounts(text: str) -> tuple[list[Amount], Convention]:
    """Amounts in `text` (no context) and the number convention used to read them."""
    g = grammar()
    raws = list(_raw_amounts(text, g))
    if "|" in text:
        taken = {r.start for r in raws}
        raws += [r for r in _table_amounts(text, g) if r.start not in taken]
        raws.sort(key=lambda r: r.start)
    english = g.english.search(text) is not None
    convention = decide_convention((r.number for r in raws), english_text=english).convention
    amounts = []
    for r in raws:
        amounts.append(_amount(text, r, convention))
    return [a for a in amounts if a is not None], convention


def _amount(text: str, r: Raw, convention: Convention) -> Amount | None:
    try:
        value = parse_number(r.number, convention)
        total = value * (Decimal(10) ** r.power)
        for n, p in r.extra:
            total += parse_number(n, convention) * (Decimal(10) ** p)
    except ValueError:
        return None
    written = total / (Decimal(10) ** r.power)
    return Amount(
        text=text[r.start:r.end], start=r.start, end=r.end,
        vnd=int(total.to_integral_value()) if r.currency == "VND" else None,
        value=format_number(written.normalize() if written == written.to_integral_value() else written,
                            "en", group=False),
        unit=r.unit, currency=r.currency, per=r.per, separator=convention,
    )


def add_context(text: str, amounts: list[Amount], index: base.SentenceIndex) -> list[Amount]:
    g = grammar()
    projects = ProjectIndex(text) if amounts else None
    periods = _SentencePeriods(text)
    role_re, role_of = g.roles
    source_re, source_of = g.sources
    out = []
    for a in amounts:
        s, e = index.bounds(a.start)
        c = _clause_start(text, s, a.start)
        role = _last(role_re, text, c, a.start)
        role_label = cue_label(role, role_of) if role else None
        if role is None and g.fallback_roles and (weak := _last(g.fallback_roles[0], text, c, a.start)):
            role_label = cue_label(weak, g.fallback_roles[1])
        source = _last(source_re, text, c, a.start)
        period = periods.at(s, e, a.start)
        place = _nearest(_PLACE, text, s, a.start, e)
        out.append(a.model_copy(update={
            "role": role_label,
            "funding_source": cue_label(source, source_of) if source else None,
            "project": projects.at(a.start),
            "period": period,
            "place": " ".join(place.group().split()) if place else None,
        }))
    return out


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


def _last(pattern: regex.Pattern, text: str, start: int, end: int) -> regex.Match | None:
    """The last cue before the amount, skipping asides in parentheses that close before it:
    `(các xã … công trình được giao); vốn đầu tư: 14.302 triệu đồng` is not allocated."""
    last = None
    for m in pattern.finditer(text, start, end):
        tail = text[m.end():end]
        if tail.count(")") > tail.count("(") and text.rfind("(", start, m.start()) > text.rfind(")", start, m.start()):
            continue
        last = m
    return last


# -------------------------------------------------------------- consistency
# What may follow a total to introduce its parts: a parenthesis, "gồm" / "bao gồm" (the
# parts make the whole), or "trong đó" (the parts are some of it). A full stop may stand
# between ("… 6,792 tỷ đồng. Trong đó: …").
_PARTS_MARKER = regex.compile(
    r"[\s*_]*(?:(?P<paren>\()|[.,;:]?[\s*_]*(?P<word>bao\s+gồm|gồm|trong\s+đó)(?![\p{L}\p{M}])[\s*_]*:?)",
    regex.IGNORECASE)


_SOME_OF = regex.compile(r"[\s*_]*trong\s+đó(?![\p{L}\p{M}])", regex.IGNORECASE)


def consistency_flags(text: str, amounts: list[Amount]) -> list[str]:
    """Totals whose listed parts do not add up. Numbers are reported, never changed.

    Parts in parentheses or after "gồm" must add up to the total (within the rounding of
    the written digits); parts after "trong đó" may be fewer than the whole, so only a
    sum above the total is flagged."""
    flags = []
    vnd = [a for a in amounts if a.vnd is not None]
    starts = [a.start for a in vnd]
    for i, total in enumerate(vnd):
        marker = _PARTS_MARKER.match(text, total.end, min(len(text), total.end + 40))
        if marker is None:
            continue
        if marker.group("paren"):
            close = _closing(text, marker.start("paren"))
            if close is None:
                continue
            parts = vnd[i + 1:bisect.bisect_left(starts, close)]
            # "(trong đó: …)" names some of the parts, not all of them.
            exact = not _SOME_OF.match(text, marker.end())
        else:
            parts = _listed_parts(text, marker.end(), vnd, i + 1)
            exact = "đó" not in marker.group("word").lower()
        if len(parts) < 2 or any(p.unit != total.unit and p.per for p in parts) or total.per:
            continue
        got = sum(p.vnd for p in parts)
        slack = sum(_rounding(a) for a in (total, *parts))
        if (exact and abs(got - total.vnd) > slack) or (not exact and got - total.vnd > slack):
            flags.append(
                f"amounts: total {total.text} ({_vnd(total.vnd)} đồng) at offset {total.start} "
                f"but its parts {' + '.join(p.text for p in parts)} add up to {_vnd(got)} đồng"
            )
    return flags


def _closing(text: str, open_at: int) -> int | None:
    depth = 0
    for j in range(open_at, min(len(text), open_at + 400)):
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            depth -= 1
            if depth == 0:
                return j
    return None


# A list set out on lines: the rest of this line and the bullet lines under it.
_LIST_LINES = regex.compile(r"[^\n]*(?:\n[ \t]*\n?[ \t]*[-+•*][^\n]*)*")
# A list run into the sentence ends with the sentence.
_INLINE_END = regex.compile(r"\.[*_]*\s+(?=[*_]*[\p{Lu}\d])|\n")
# One part per clause: clauses are split by ; , (before a word) "và" and line breaks.
_PART_BREAK = regex.compile(r"[;\n]|,\s(?=\D)|\s(?:và|cùng)\s")


def _listed_parts(text: str, pos: int, vnd: list[Amount], first: int) -> list[Amount]:
    """The first amount of each clause or list item after the marker, up to the list's end."""
    rest = text[pos:pos + 1500]
    if rest.lstrip(" \t*_").startswith("\n"):
        m = _LIST_LINES.match(rest)
        end = pos + (m.end() if m else 0)
    else:
        m = _INLINE_END.search(rest)
        end = pos + (m.start() if m else len(rest))
    parts, seen_clause = [], set()
    for a in vnd[first:]:
        if a.start >= end:
            break
        clause = len(_PART_BREAK.findall(text, pos, a.start))
        if clause not in seen_clause and a.role != "disbursed":
            seen_clause.add(clause)
            parts.append(a)
    return parts


def _rounding(a: Amount) -> int:
    """Half a unit of the last written digit: how far rounding can move a written value."""
    digits = a.value.split(".")[1] if "." in a.value else ""
    scale = a.vnd / Decimal(a.value) if Decimal(a.value) else Decimal(1)
    return int(scale * Decimal(5) / (Decimal(10) ** (len(digits) + 1)))


def _vnd(n: int) -> str:
    return format_number(Decimal(n), "vi")


@Language.factory("vanban_money")
def make_money(nlp: Language, name: str):
    grammar()  # fail at pipeline build, not mid-document, when a pattern file is wrong
    return extract_money


def extract_money(doc: Doc) -> Doc:
    text = base.text(doc)
    if not regex.search(r"\d", text):
        return doc
    amounts, _ = find_amounts(text)
    if amounts:
        amounts = add_context(text, amounts, base.sentences(doc))
        base.add(doc, "amounts", amounts)
        flags = consistency_flags(text, amounts)
        if flags:
            base.mentions(doc).setdefault("flags", []).extend(flags)
    return doc
