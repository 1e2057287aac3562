"""The document header: issuer, number/symbol, place and date, type and trích yếu.

The header is a two-column table on paper; every rendering breaks it differently (web copies
put cells between `|` lines, pdftotext prints one column after the other or both on one line
split by wide gaps). So the header is read as a sequence of *cells* (a line, or a piece of a
line between `|` or 2+ spaces), each classified by what it says, never by where it sits.
Only the first HEADER_LINES lines are read.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import regex
from pydantic import BaseModel, Field

from .. import patterns
from ..doctypes import by_code, by_word
from ..evaluate import folded, symbol_key

HEADER_LINES = 80
TITLE_MAX_LINES = 8
TITLE_LINE_MAX_CHARS = 200


# ------------------------------------------------------------------ pattern data
class Authority(BaseModel):
    value: str
    written: list[str]


class HeaderWords(BaseModel):
    national: list[str]
    gazette: list[str]
    authority: list[Authority]
    positions: list[str]
    ranks: list[str]
    body_starts: list[str]
    levels: list[str]
    casing: list[str]
    body_openers: list[str]
    signed_marks: list[str]
    abbreviations: dict[str, str] = Field(default_factory=dict)


@cache
def words() -> HeaderWords:
    return patterns.load("header", HeaderWords)


_NOT_ALNUM = regex.compile(r"[^a-z0-9]")
_SPACES = regex.compile(r"\s+")


def _letters(s: str) -> str:
    return _NOT_ALNUM.sub("", folded(s))


@cache
def _national_letters() -> tuple[str, ...]:
    return tuple(_letters(n) for n in words().national)


def _phrase_re(phrases, *, tail: str = r"(?![\p{L}\p{N}])") -> regex.Pattern:
    """Folded phrases as one alternation, longest first, matched on whole words."""
    alts = sorted({regex.escape(folded(p)) for p in phrases if folded(p)}, key=len, reverse=True)
    return regex.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(alts) + ")" + tail)


@cache
def _body_start_re() -> regex.Pattern:
    return _phrase_re(words().body_starts)


@cache
def _position_re() -> regex.Pattern:
    return _phrase_re(words().positions)


@cache
def _level_re() -> regex.Pattern:
    return _phrase_re(words().levels)


@cache
def _opener_re() -> regex.Pattern:
    """Openings of the body, matched on the text itself: `I.` must not fold into `i`."""
    alts = sorted((regex.escape(p) for p in words().body_openers), key=len, reverse=True)
    return regex.compile(r"^(?:" + "|".join(alts) + r")(?![\p{L}\p{N}])", regex.IGNORECASE)


# ------------------------------------------------------------------- cells
_MARKUP = regex.compile(r"\*+|(?<!\w)_+|_+(?!\w)|^#+\s*|^>\s*|\\(?=[\[\]().*_-])")
_RULE = regex.compile(r"^\s*[-_=*~.\s]{3,}\s*$")
_HAS_WORD = regex.compile(r"[\p{L}\p{N}]")
_CELL_SPLIT = regex.compile(r"\s*\|\s*|\s{3,}")


@dataclass(frozen=True)
class Cell:
    text: str     # markup removed, whitespace collapsed
    start: int    # offset of the line in the normalised text
    line: int
    bold: bool
    rule: bool = False

    @property
    def upper(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return bool(letters) and all(not c.islower() for c in letters)


def clean(s: str) -> str:
    return _SPACES.sub(" ", _MARKUP.sub("", s)).strip()


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
        if (_RULE.match(raw) and set(raw.strip()) - {"*", " ", "."}) or raw.strip() == "|":
            # a rule or a bare `|` (a web copy's cell border) separates header parts
            out.append(Cell("", pos, n, False, rule=True))
        else:
            for piece in _CELL_SPLIT.split(raw):
                t = clean(piece)
                if t and _HAS_WORD.search(t):
                    out.append(Cell(t, pos, n, starts_bold or "**" in piece))
        n += 1
        if nl < 0:
            break
        pos = nl + 1
    return out


# ------------------------------------------------------------------ recognisers
def is_national(cell: Cell) -> bool:
    return _national_text(cell.text)


@lru_cache(maxsize=4096)
def _national_text(text: str) -> bool:
    if len(text) > 60:
        return False
    letters = _letters(text)
    # 4 letters: a web copy may wrap the Quốc hiệu after "CỘNG"
    return len(letters) >= 4 and any(letters in n for n in _national_letters())


@cache
def _gazette_re() -> regex.Pattern:
    alts = "|".join(regex.escape(g) for g in words().gazette)
    return regex.compile(r"^(?:" + alts + r")", regex.IGNORECASE)


def is_gazette(cell: Cell) -> bool:
    return bool(_gazette_re().match(cell.text))


_NUMBER_LINE = regex.compile(
    r"^(?:(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết|Lệnh)\s+)?(?i:số)\s*(?::|\.|(?=\s*[\p{N}/]))\s*(?P<rest>.*)$")
_SYMBOL = regex.compile(r"^(?P<sym>[\p{L}\p{N}.]*(?:[/\-][\p{L}\p{N}.&]*)*[/\-][\p{L}\p{N}.&]*\p{L}[\p{L}\p{N}.&]*)")
_SPACED_JOINER = regex.compile(r"\s*([/\-\u2010-\u2015\u2212])\s*")


def parse_symbol(rest: str) -> str | None:
    """The number/symbol at the start of `rest`, in the gold's stored form."""
    rest = _SPACED_JOINER.sub(r"\1", rest.strip())
    rest = regex.sub(r"[\u2010-\u2015\u2212]", "-", rest)
    m = _SYMBOL.match(rest)
    if not m:
        return None
    return symbol_key(m.group("sym").rstrip(".,;:"))


_DATE = regex.compile(
    r"(?:(?P<place>[\p{L}][\p{L}\p{M} .'’\-]{0,40}?)\s*,\s*)?"
    r"ngày\s*(?:(?P<d>\d{1,2})\s*(?:tháng|[/.\-])|tháng)\s*(?P<m>\d{1,2})?\s*(?:năm|[/.\-])\s*(?P<y>\d{4})",
    regex.IGNORECASE)


def parse_date(m: regex.Match) -> str:
    y, mo, d = m.group("y"), m.group("m"), m.group("d")
    if not mo:
        return y
    if not d:
        return f"{y}-{int(mo):02d}"
    return f"{y}-{int(mo):02d}-{int(d):02d}"


_DATEISH = regex.compile(r"(?i)\bngày\b|\btháng\b|\bnăm\s+\d{4}")
_ABOUT = regex.compile(r"^Về\s+\p{Ll}")
_VV = regex.compile(r"^(?:V/v|V/V|v/v)\.?\s*:?\s*", regex.IGNORECASE)


def type_word(cell: Cell) -> tuple[str, str] | None:
    """(code, rest of line) when the cell is a type line such as `QUYẾT ĐỊNH`."""
    if not cell.upper:
        return None
    text = cell.text.rstrip(" :.")
    f = folded(text)
    table = by_word()
    if f in table:
        return table[f].code, ""
    # a type word with its subject on the same line ("QUYẾT ĐỊNH VỀ VIỆC …")
    for word in sorted(table, key=len, reverse=True):
        if f.startswith(word + " ") and regex.match(r"(?:ve|v/v)\b", f[len(word) + 1:]):
            n = len(word.split())
            return table[word].code, " ".join(text.split()[n:])
    return None


# ------------------------------------------------------------------ casing
_ACRONYM = regex.compile(r"^[\p{Lu}\p{N}&./\-]+$")


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


@cache
def _casing_table() -> dict[str, str]:
    w = words()
    return {folded(c): c for c in (*w.positions, *w.casing)}


def recase_name(name: str) -> str:
    """An upper-case body name in the usual mixed case: `UBND TỈNH LẠNG SƠN` -> `UBND tỉnh Lạng Sơn`."""
    w = words()
    for long, short in w.abbreviations.items():
        name = regex.sub(r"(?i)(?<!\p{L})" + regex.escape(long) + r"(?!\p{L})", short, name)
    letters = [c for c in name if c.isalpha()]
    if not letters or any(c.islower() for c in letters if c not in "đ"):
        return name
    shorts = set(w.abbreviations.values())
    tokens = name.split()
    out: list[str] = []
    place = False
    casing = _casing_table()
    i = 0
    while i < len(tokens):
        # longest known term starting here keeps its own casing
        hit = None
        for n in (4, 3, 2, 1):
            key = folded(" ".join(tokens[i:i + n]))
            if i + n <= len(tokens) and key in casing:
                hit = (n, casing[key])
                break
        if tokens[i] in shorts:
            out.append(tokens[i])
            place = False
            i += 1
            continue
        lvl = _level_re().fullmatch(folded(" ".join(tokens[i:i + 2]))) and 2 or (
            _level_re().fullmatch(folded(tokens[i])) and 1)
        if lvl and not place and not (hit and hit[0] >= lvl):
            out.extend(t.lower() for t in tokens[i:i + lvl])
            place = True
            i += lvl
            continue
        if place:
            out.append(_cap(tokens[i].lower()))
            i += 1
            continue
        if hit:
            out.extend(hit[1].split())
            i += hit[0]
            continue
        word = tokens[i].lower()
        if regex.search(r"\p{N}", word):
            word = tokens[i]
        # the first word of a name after a body word (Bộ Tài chính, Sở Nội vụ) is capitalised
        prev = folded(out[-1]) if out else ""
        out.append(_cap(word) if not out or prev in {"bo", "so", "cuc", "vu", "ban", "tong cuc", "chi cuc", "phong", "vien", "trung tam", "hoi"} else word)
        i += 1
    if out:
        out[0] = _cap(out[0])
    return " ".join(out)


def sentence_case(text: str) -> str:
    """An all-caps title in sentence case; tokens with digits (symbols) keep their case."""
    letters = [c for c in text if c.isalpha()]
    if not letters or any(c.islower() for c in letters):
        return text
    toks = [t if regex.search(r"\p{N}", t) else t.lower() for t in text.split(" ")]
    out = " ".join(toks)
    return _cap(out)


# ------------------------------------------------------------------ the header
@dataclass(frozen=True)
class HeaderParts:
    kind: str | None = None
    number_symbol: str | None = None
    issued_date: str | None = None
    issued_place: str | None = None
    issuer: str | None = None
    parent_body: str | None = None
    title: str | None = None
    end: int = 0           # offset where the body begins (after the trích yếu)
    is_letter: bool = False


def _units(org: list[Cell]) -> list[str]:
    """Group the left-column lines into body names: a line that starts with a body word
    starts a new name, a level line (`TỈNH LẠNG SƠN`) or a wrapped piece continues one, and
    in web copies the bold issuer starts one after a plain parent line."""
    units: list[list[str]] = []
    prev_bold = None
    for c in org:
        f = folded(c.text)
        body, level = _body_start_re().match(f), _level_re().match(f)
        # `TỈNH ỦY` is a body, `TỈNH LẠNG SƠN` a level line continuing one
        starts_body = bool(body) and (not level or body.end() > level.end())
        new = not units or (starts_body and not _continues(units[-1][-1])) or (
            prev_bold is False and c.bold)
        if new:
            units.append([c.text])
        else:
            units[-1].append(c.text)
        prev_bold = c.bold
    return [" ".join(u) for u in units]


def _continues(line: str) -> bool:
    """A line that cannot end a body name (a wrap mid-name)."""
    return bool(regex.search(r"(?:\b(?:VÀ|CỦA|-|&|,)|[-&,])\s*$", line))


def parse_header(text: str) -> HeaderParts | None:
    cells = cells_of(text)
    if not cells:
        return None
    number_idx = national_idx = None
    number = None
    number_cells: set[int] = set()
    for i, c in enumerate(cells[:40]):
        if c.rule or is_gazette(c):
            continue
        if national_idx is None and is_national(c):
            national_idx = i
        if number_idx is None:
            m = _NUMBER_LINE.match(c.text)
            if m and (m.group("rest") or (i + 1 < len(cells))):
                rest = m.group("rest")
                taken = 0
                # the number on the next line (`Số:⏎44/2025/QĐ-CTUBND`), or the symbol
                # wrapped after a joiner (`3783/QĐ-⏎UBND`)
                while i + taken + 1 < len(cells) and taken < 2 and (
                        not rest or regex.search(r"[/\-]$", rest)) and not cells[i + taken + 1].rule:
                    taken += 1
                    rest += cells[i + taken].text
                sym = parse_symbol(rest)
                if sym:
                    number_idx, number, number_cells = i, sym, set(range(i, i + taken + 1))
    # the body: the first cell that opens it, after the header anchors
    anchor = min(x for x in (number_idx, national_idx, 10**6) if x is not None)
    if anchor == 10**6:
        return None
    type_idx = None
    kind = None
    title_on_line = ""
    body_idx = len(cells)
    for i in range(anchor, len(cells)):
        c = cells[i]
        if c.rule:
            continue
        if type_idx is None and (t := type_word(c)):
            type_idx, (kind, title_on_line) = i, t
            continue
        if _opener_re().match(c.text) and i > (number_idx or anchor) and (
                type_idx is not None or not regex.match(r"^(?:I|1)\.", c.text)):
            body_idx = i
            break
    # the subject line of a công văn, under the number
    vv_cells: set[int] = set()
    letter_title = None
    start_vv = next((i for i in range(anchor, type_idx if type_idx is not None else body_idx)
                     if not cells[i].rule and (_VV.match(cells[i].text) or (
                         number_cells and i == max(number_cells) + 1 and _ABOUT.match(cells[i].text)))), None)
    if start_vv is not None:
        parts = [_VV.sub("", cells[start_vv].text)]
        vv_cells.add(start_vv)
        for j in range(start_vv + 1, min(start_vv + 5, len(cells))):
            c = cells[j]
            if c.rule or c.line != cells[j - 1].line + 1 or _DATEISH.search(c.text) or is_national(c) \
                    or _NUMBER_LINE.match(c.text) or _opener_re().match(c.text) or c.bold != cells[start_vv].bold:
                break
            parts.append(c.text)
            vv_cells.add(j)
        letter_title = " ".join(parts)
    if type_idx is None:
        # a letter has no type line: its header ends at the first cell that is none of the
        # header's parts (the body may open without any of the usual words)
        for i in range(anchor, body_idx):
            c = cells[i]
            if c.rule or i in vv_cells or i in number_cells or c.upper or is_national(c) or is_gazette(c) \
                    or _DATEISH.search(c.text):
                continue
            body_idx = i
            break
    head_end = type_idx if type_idx is not None else body_idx
    zone = [c for c in cells[:head_end] if not c.rule and not is_gazette(c)]
    joined = "\n".join(c.text for c in zone)
    date_m = _DATE.search(joined)
    if number is None and not (national_idx is not None and date_m):
        return None
    # issuer lines: upper-case cells of the header that are none of the other parts
    org: list[Cell] = []
    for i, c in enumerate(cells[:head_end]):
        if c.rule or is_gazette(c) or is_national(c) or i in vv_cells or _DATEISH.search(c.text):
            continue
        if i in number_cells:
            continue
        if _NUMBER_LINE.match(c.text) or not c.upper or len(c.text) < 2:
            continue
        if regex.fullmatch(r"[\p{N}\W]+", c.text):
            continue
        org.append(c)
    units = _units(org)
    issuer = recase_name(units[-1]) if units else None
    parent = recase_name(units[-2]) if len(units) > 1 else None
    # the trích yếu: the lines under the type line
    title = None
    end_offset = cells[head_end].start if head_end < len(cells) else len(text)
    if type_idx is not None:
        lines: list[str] = [title_on_line] if title_on_line else []
        first_bold = None
        last = type_idx
        for j in range(type_idx + 1, min(type_idx + 1 + TITLE_MAX_LINES * 2, len(cells))):
            c = cells[j]
            if c.rule:
                if lines:
                    break
                continue
            if _title_stops(c, lines, first_bold):
                break
            if first_bold is None:
                first_bold = c.bold
            lines.append(c.text)
            last = j
            if len(lines) >= TITLE_MAX_LINES:
                break
        if lines:
            title = sentence_case(_VV.sub("", " ".join(lines)).strip(" .;:"))
        end_offset = cells[last + 1].start if last + 1 < len(cells) else len(text)
    is_letter = type_idx is None
    if is_letter and letter_title:
        title = letter_title.strip(" .;:*")
    place = date = None
    if date_m:
        date = parse_date(date_m)
        if date_m.group("place"):
            place = regex.sub(r"^(?:TP\.?|Tp\.?)\s*", "", date_m.group("place").strip(" -*"))
    return HeaderParts(
        kind=_kind(kind, number, is_letter),
        number_symbol=number, issued_date=date, issued_place=place or None,
        issuer=issuer, parent_body=parent, title=title or None, end=end_offset,
        is_letter=is_letter)


_CONNECTORS = regex.compile(r"(?i)(?:\b(?:của|và|về|tại|cho|với|đối với|thuộc|trên|trong|theo|các)|[,\-–])\s*$")
_BODY_LINE = regex.compile(r"^\s*[-+•]\s|[.;:]\s+\p{Lu}\p{Ll}|:\s*$")
_LABEL = regex.compile(r"^(?:Chương|Điều|Phần|Mục)\s+[\p{N}IVXLC]+|^[IVXLC]+\.\s|^\d{1,2}\.\s")


def _title_stops(c: Cell, lines: list[str], first_bold: bool | None) -> bool:
    # an upper-case trích yếu may itself begin "THỰC HIỆN …": openers are mixed-case lines
    if (_opener_re().match(c.text) and not c.upper) or _LABEL.match(c.text) or folded(c.text).startswith("kinh gui"):
        return True
    if not lines:
        return False
    if first_bold is False and c.bold:
        return True
    # A trích yếu is a phrase, not prose: once it has begun, a line that is a list item,
    # holds a sentence end, or runs long is the body (DOCX and PDF give no rule line
    # between the two, and a DOCX paragraph is one long line).
    if _BODY_LINE.search(c.text) or len(c.text) > TITLE_LINE_MAX_CHARS:
        return True
    all_upper = all(not ch.islower() for line in lines for ch in line)
    if all_upper and not c.upper:
        return True
    f = folded(c.text)
    if c.upper and (_position_re().match(f) or _body_start_re().match(f)) and not _CONNECTORS.search(lines[-1]):
        return True
    return False


def _kind(word_code: str | None, number: str | None, is_letter: bool) -> str | None:
    sym_code = _symbol_type(number)
    if sym_code == "VBHN":
        return "VBHN"
    if word_code:
        return word_code
    if is_letter and number is not None:
        return "CV"
    return sym_code


def _symbol_type(number: str | None) -> str | None:
    """The type code in a symbol: first token after `/` (after the year for QPPL), or the
    token after the hyphen in a Party number (58-NQ/TU)."""
    if not number:
        return None
    m = regex.match(r"^[\p{N}.]*-(\p{L}+)/", number)
    if m:
        token = m.group(1)
    else:
        parts = number.split("/")
        rest = [p for p in parts[1:] if not regex.fullmatch(r"\d{4}", p)]
        if not rest:
            return None
        token = rest[0].split("-")[0]
    t = by_code().get(unicodedata.normalize("NFC", token).upper())
    return t.code if t else None


_BODY_IN_TEXT = regex.compile(
    r"(?P<body>UBND|Ủy ban nhân dân|Uỷ ban nhân dân|HĐND|Hội đồng nhân dân)\s+"
    r"(?P<level>tỉnh|huyện|xã|thành phố|thị xã|quận|phường|thị trấn)"
    r"(?P<name>(?:\s+\p{Lu}\p{Ll}*){0,3})")


def issuer_from_closing(tail: str, place: str | None) -> str | None:
    """A draft without issuer lines names itself in its closing sentence ("UBND huyện
    thông báo …"); the place of the date line completes a bare level."""
    hits = list(_BODY_IN_TEXT.finditer(tail))
    if not hits:
        return None
    m = hits[-1]
    body = "UBND" if folded(m.group("body")).startswith(("ubnd", "uy ban")) else "HĐND"
    name = m.group("name").strip() or (place or "")
    return " ".join(x for x in (body, m.group("level"), name) if x)
