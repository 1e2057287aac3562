"""The trích yếu: the lines under the type line, or a công văn's `V/v` subject under its
number, up to where the body begins."""
from __future__ import annotations

from functools import cache

import regex

from ..grammar.function_words import words as function_words
from ..grammar.section_words import words as section_words
from .casing import is_upper_line, proper_raised, recase
from .cells import Cell, clean
from .numberline import DATEISH, NUMBER_LINE, is_national
from .vocab import fold_cached, names_body_or_position, opener_re, words

TITLE_MAX_LINES = 8
TITLE_LINE_MAX_CHARS = 200
SUBJECT_MAX_LINES = 5
OBJECT_MAX_LINES = 4
# how far into the body a series' labelled object is looked for
OBJECT_WINDOW_CHARS = 6000

VV = regex.compile(r"^(?:V/v|V/V|v/v)\.?\s*:?\s*", regex.IGNORECASE)
_BODY_LINE = regex.compile(r"^\s*[-+•]\s|[.;:]\s+\p{Lu}\p{Ll}|:\s*$")
# a line that is a label of its own ("Tên gọi theo cấu tạo, công dụng: …") or holds no word
_OBJECT_STOP = regex.compile(r"^\s*\p{Lu}[\p{L}\s,]{0,60}:|^[\W_]*$")


@cache
def _about() -> regex.Pattern:
    """A công văn's subject line without its V/v: "Về việc …" under the number."""
    return regex.compile(r"^" + regex.escape(function_words().about.capitalize()) + r"\s+\p{Ll}")


@cache
def _joiner_end() -> regex.Pattern:
    """A title line ending in a word or mark that joins it to the next line."""
    joiners = "|".join(map(regex.escape, words().title_joiners))
    return regex.compile(r"(?i)(?:\b(?:" + joiners + r")|[,\-–])\s*$")


@cache
def _label() -> regex.Pattern:
    """A heading label of the body ("Chương II", "Điều 3", "II. ", "1. "). Only the label
    words' mixed-case spellings: in capitals, "ĐIỀU CHỈNH" and "MỤC LỤC" opening a line of
    an upper-case trích yếu would read as labels (C and L are Roman numerals)."""
    w = section_words()
    labels = "|".join(regex.escape(s) for s in (*w.chapter, *w.article, *w.part, *w.section)
                      if not s.isupper())
    return regex.compile(r"^(?:" + labels + r")\s+[\p{N}IVXLC]+|^[IVXLC]+\.\s|^\d{1,2}\.\s")


def subject_start(cells: list[Cell], first: int, stop: int, number_cells: set[int]) -> int | None:
    """The cell of a công văn's subject: a `V/v` line, or a `Về …` line right under the number."""
    return next((i for i in range(first, stop)
                 if not cells[i].rule and (VV.match(cells[i].text) or (
                     number_cells and i == max(number_cells) + 1 and _about().match(cells[i].text)))), None)


def read_subject(cells: list[Cell], start: int) -> tuple[str, set[int]]:
    """The subject from cell `start` on (re-cased when written in capitals), and the cells
    it was read from: it ends at a line break in the cells, a date, number or opener line,
    or a change of weight."""
    parts = [VV.sub("", cells[start].text)]
    taken = {start}
    for j in range(start + 1, min(start + SUBJECT_MAX_LINES, len(cells))):
        c = cells[j]
        if c.rule or c.line != cells[j - 1].line + 1 or DATEISH.search(c.text) or is_national(c) \
                or NUMBER_LINE.match(c.text) or opener_re().match(c.text) or c.bold != cells[start].bold:
            break
        parts.append(c.text)
        taken.add(j)
    return trich_yeu_cased(" ".join(parts)), taken


def read_title(cells: list[Cell], type_idx: int, on_type_line: str) -> tuple[str | None, int]:
    """The trích yếu under the type line at `type_idx` (starting with the words that follow
    the type word on its own line), and the index of its last cell."""
    lines: list[str] = [on_type_line] if on_type_line else []
    first_bold = None
    last = type_idx
    for j in range(type_idx + 1, min(type_idx + 1 + TITLE_MAX_LINES * 2, len(cells))):
        c = cells[j]
        if c.rule:
            if lines:
                break
            continue
        if title_stops(c, lines, first_bold):
            break
        if first_bold is None:
            first_bold = c.bold
        lines.append(c.text)
        last = j
        if len(lines) >= TITLE_MAX_LINES:
            break
    title = trich_yeu_cased(VV.sub("", " ".join(lines)).strip(" .;:")) if lines else None
    return title, last


@cache
def _label_re(label: str) -> regex.Pattern:
    """A body line opening with `label` and a colon, its words in any case and spacing."""
    words_ = (regex.escape(w) for w in label.split())
    return regex.compile(r"(?im)^[\W_]*" + r"\s+".join(words_) + r"[\W_]*:[*_\s]*")


def with_named_object(title: str, text: str, body_start: int) -> str:
    """A series title ("Về kết quả xác định trước mã số") with the object its document
    names on a labelled line of the body (patterns/header.toml `named_object`): "… đối với
    Magic The Gathering Welcome Deck". Wrapped lines of the object are joined; it ends at
    a line holding no word or at the next label."""
    key = fold_cached(title)
    about = fold_cached(function_words().about) + " "
    key = key[len(about):] if key.startswith(about) else key
    for series in words().named_object:
        if fold_cached(series.title) != key:
            continue
        found = _label_re(series.label).search(text, body_start, body_start + OBJECT_WINDOW_CHARS)
        if not found:
            continue
        lines = text[found.end():found.end() + OBJECT_MAX_LINES * TITLE_LINE_MAX_CHARS].split("\n")
        parts = [lines[0]]
        for line in lines[1:OBJECT_MAX_LINES]:
            if _OBJECT_STOP.match(line):
                break
            parts.append(line)
        name = clean(" ".join(parts)).strip(" .;:|")
        if name:
            return f"{title} {series.joiner} {name}"
    return title


_TITLE_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
# a trích yếu this short is too common a phrase to be its own repetition in the body
_REPEAT_MIN_WORDS = 4


def _repeat_at(text: str, at: int, words_: list[str]) -> tuple[int, int] | None:
    """Where `words_` stand in `text` from `at` on, word after word in any case, whatever
    lies between them that is not a letter or digit (spaces, line breaks, punctuation,
    markup)."""
    if at and _TITLE_WORD.match(text, at - 1):
        return None
    pos = at
    for i, word in enumerate(words_):
        m = _TITLE_WORD.match(text, pos) if i == 0 else _TITLE_WORD.search(text, pos)
        if m is None or m.group().lower() != word:
            return None
        pos = m.end()
    return at, pos


def _repeats(text: str, lowered: str, start: int, stop: int, words_: list[str]):
    """The places of `words_` (lower case) in text[start:stop], found from their first word
    by a plain find in `lowered`, the text in lower case."""
    at = lowered.find(words_[0], start, stop)
    while at >= 0:
        if (span := _repeat_at(text, at, words_)) and span[1] <= stop:
            yield span
        at = lowered.find(words_[0], at + 1, stop)


def cased_as_the_body_writes(title: str, text: str, body_start: int) -> str:
    """A trích yếu written in capitals, re-cased the way its own body writes the same words
    in mixed case: the promulgation line and Điều 1 repeat it ("… ban hành Thông tư ban
    hành Quy chuẩn kỹ thuật quốc gia về Công trình thủy điện"), and what the drafter
    capitalised there ("Đề án", "do Nhà nước", "các Thông tư") is what an editor keeps.
    A trích yếu written in mixed case is the drafter's own spelling and stays as it is.
    Words are matched in any case, across line breaks and punctuation; the title's first
    letter stays a capital. Without such a repetition the title is returned as it is."""
    words_ = [w.lower() for w in _TITLE_WORD.findall(title)]
    if len(words_) < _REPEAT_MIN_WORDS:
        return title
    # The header is lowered first: most titles have no copy in capitals there, and the
    # body, most of the text, is then never lowered.
    head = text[:body_start].lower()
    if len(head) != body_start:  # a letter whose lower case is longer: offsets would drift
        return title
    header_copy = next(_repeats(text, head, 0, body_start, words_), None)
    if header_copy is None or not is_upper_line(text[slice(*header_copy)]):
        return title
    lowered = text.lower()
    if len(lowered) != len(text):
        return title
    written = next((text[a:b] for a, b in _repeats(text, lowered, body_start, len(text), words_)
                    if not is_upper_line(text[a:b])), None)
    if written is None:
        return title
    theirs = iter(_TITLE_WORD.findall(written))
    out = _TITLE_WORD.sub(lambda m: next(theirs), title)
    return out[:1].upper() + out[1:]


def trich_yeu_cased(text: str) -> str:
    """A trích yếu in capitals re-cased; one in mixed case as written, but for the places and
    names of one body it writes in lower case."""
    return recase(text) if is_upper_line(text) else proper_raised(text)


def title_stops(c: Cell, lines: list[str], first_bold: bool | None) -> bool:
    # an upper-case trích yếu may itself begin "THỰC HIỆN …": openers are mixed-case lines
    if (opener_re().match(c.text) and not c.upper) or _label().match(c.text) \
            or fold_cached(c.text).startswith("kinh gui"):
        return True
    if not lines:
        return False
    # a change of weight parts the trích yếu from what follows: a bold line after a plain
    # one, or (PDF and web copies that mark weight) the plain body after a bold trích yếu
    if first_bold is not None and c.bold != first_bold:
        return True
    # A trích yếu is a phrase, not prose: once it has begun, a line that is a list item,
    # holds a sentence end, or runs long is the body (DOCX and PDF give no rule line
    # between the two, and a DOCX paragraph is one long line).
    if _BODY_LINE.search(c.text) or len(c.text) > TITLE_LINE_MAX_CHARS * c.lines:
        return True
    # a trích yếu in capitals ends at a line in lower case; a line without letters goes on
    # with it ("… NĂM HỌC⏎2025-2026")
    all_upper = all(not ch.islower() for line in lines for ch in line)
    if all_upper and any(ch.islower() for ch in c.text):
        return True
    # a one-word line is the end of a wrapped phrase ("… BÁO CHÍ, XUẤT⏎BẢN"), not a
    # position or a body name
    if c.upper and " " in c.text and names_body_or_position(c.text) \
            and not _joiner_end().search(lines[-1]):
        return True
    return False
