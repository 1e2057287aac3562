"""Re-casing an all-caps line (issuer lines, a trích yếu, a signature's position) into the
form an editor writes, from the lexicon in patterns/casing.toml.

Each letter of the line is given a case by the first of these that reads it, and only its
case: the letters themselves are never replaced, so a tone or a vowel cannot change.

1. a symbol keeps its written case, or the case of its known codes (`1719/QĐ-TTg`);
2. a phrase of the lexicon takes the lexicon's casing: bodies, places and programmes
   (`Chính phủ`, `Ngân hàng Nhà nước`), a head and its sector (`Bộ Nông nghiệp và Môi
   trường`), positions (`Phó Chủ tịch`); a person's name after one of them or after an
   honorific (`Phó Thủ tướng Nguyễn Hòa Bình`, `ông Trần Văn A`);
3. a token that is no syllable is an abbreviation kept as written (`UBND`, `MTQG`); a Roman
   numeral stays upper-case (`giai đoạn II`) unless it is a syllable (`VI PHẠM`);
4. a document kind before `số` or a number (`Nghị định số …`), a numbered part (`Điều
   23`), a named kind and its name's first word (`Luật Thuế giá trị gia tăng`);
5. a province after a level word or a body, or anywhere when its name is no common word
   (`tỉnh Quảng Ninh`, `tại Khánh Hòa`); in a body's name, every word after a level word
   (`UBND xã Hòa Hiệp`) and the word after the name's head (`Cục Viễn thám quốc gia`);
6. the line's first letter is upper-case; every other letter is lower-case.

Phrases are matched on the line's lower-cased letters, never on folded ones: "TRƯỜNG"
is not "Trưởng".
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

from .casing_lexicon import Lexicon, code_case, lexicon, lower_letters, phrase_key

KEEP, UPPER = "k", "u"

_WORD = regex.compile(r"[\p{L}\p{M}]+")
_CHUNK = regex.compile(r"\S+")
_ROMAN = regex.compile(r"(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
# the shape of a syllable, Kinh or written in the Latin spellings of minority languages
# (Đắk Lắk, Krông Pắc, Đắk Mil); a word of another shape is an abbreviation (UBND, QCVN)
_SYLLABLE = regex.compile(r"[bcdghklmnpqrstvx]{0,3}[aeiouy]{1,3}(?:ng|nh|ch|[cmnptkl])?")
_NEXT_WORD = regex.compile(r"\s+([\p{L}\p{M}]+)")
_SYMBOL_CHUNK = regex.compile(r"[\p{N}/]")


def is_upper_line(text: str) -> bool:
    """Letters and none in lower case (a lone `đ` is a PDF font's artefact in caps): the
    first lower-case letter decides, most often one of a mixed-case line's first."""
    letter = False
    for c in text:
        if c.isalpha():
            if c.islower() and c != "đ":
                return False
            letter = True
    return letter


def _bare(word: str) -> str:
    """A lower-case word without its marks, đ as d: the shape of its syllable."""
    s = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(c for c in s if not unicodedata.combining(c))


class _Painter:
    """The case each letter of a line is given; a letter is given one only once."""

    def __init__(self, text: str):
        self.text = text
        self.low = lower_letters(text)
        self.case: list[str | None] = [None] * len(text)
        self.taken = [False] * len(text)

    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def paint(self, start: int, end: int, cased: str) -> None:
        """Give text[start:end] the case of the letters of `cased` (the same letters)."""
        mine = [i for i in range(start, end) if self.text[i].isalpha()]
        theirs = [c for c in cased if c.isalpha()]
        if len(mine) != len(theirs):
            return
        for i, c in zip(mine, theirs):
            self.case[i] = UPPER if c.isupper() else None
        for i in range(start, end):
            self.taken[i] = True

    def set(self, start: int, end: int, case: str | None) -> None:
        for i in range(start, end):
            self.case[i] = case
            self.taken[i] = True

    def capital(self, start: int) -> None:
        """Upper-case the first letter of the word at `start`, lower the rest of it."""
        m = _WORD.match(self.text, start)
        if m and self.free(m.start(), m.end()):
            self.set(m.start(), m.end(), None)
            self.case[m.start()] = UPPER

    def result(self) -> str:
        out = []
        for c, case in zip(self.text, self.case):
            if case == KEEP:
                out.append(c)
            elif case == UPPER:
                out.append(up if len(up := c.upper()) == 1 else c)
            else:
                out.append(lo if len(lo := c.lower()) == 1 else c)
        return "".join(out)


def _symbols(p: _Painter) -> None:
    for chunk in _CHUNK.finditer(p.text):
        if not _SYMBOL_CHUNK.search(chunk.group()):
            continue
        for w in _WORD.finditer(p.text, chunk.start(), chunk.end()):
            written = code_case().get(w.group().upper())
            if written:
                p.paint(w.start(), w.end(), written)
            else:
                p.set(w.start(), w.end(), KEEP)


def _tokens(p: _Painter, lex: Lexicon) -> None:
    """Abbreviations and Roman numerals, among the words no rule has read."""
    for w in _WORD.finditer(p.text):
        if not p.free(w.start(), w.end()):
            continue
        word = w.group()
        if _ROMAN.fullmatch(word.upper()):
            if word.lower() not in lex.roman_syllables or lex.roman_after.search(p.low, 0, w.start()):
                p.set(w.start(), w.end(), KEEP)
            continue
        if not _SYLLABLE.fullmatch(_bare(word)):
            p.set(w.start(), w.end(), KEEP)


def _place_after(p: _Painter, lex: Lexicon, pos: int) -> None:
    m = lex.place.match(p.low, pos)
    if m and p.free(m.start(), m.end()):
        p.paint(m.start(), m.end(), lex.places[phrase_key(m.group())])


def _phrases(p: _Painter, lex: Lexicon) -> list[int]:
    """Paint the lexicon's phrases; the offsets where they end."""
    ends = []
    for m in lex.phrase.finditer(p.low):
        if not p.free(m.start(), m.end()):
            continue
        key = phrase_key(m.group())
        p.paint(m.start(), m.end(), lex.cased[key])
        ends.append(m.end())
        if key in lex.name_after:
            nxt = _WORD.search(p.text, m.end())
            if nxt:
                p.capital(nxt.start())
        elif key in lex.bodies:
            _place_after(p, lex, m.end() + 1)
    return ends


def _kinds(p: _Painter, lex: Lexicon) -> None:
    for m in lex.kind.finditer(p.low):
        p.capital(m.start())
    for m in lex.named.finditer(p.low):
        if p.free(m.start(), m.end()) and not lex.number.match(p.low, m.end()):
            p.capital(m.start())
            p.capital(m.end())


def _levels(p: _Painter, lex: Lexicon) -> None:
    for m in lex.levels.finditer(p.low):
        if not p.free(m.start(), m.end()):
            continue
        p.set(m.start(), m.end(), None)
        _place_after(p, lex, m.end())
        if lex.name:
            # a body's name ends with its place: every word after the level word
            for w in _WORD.finditer(p.text, m.end()):
                if not p.free(w.start(), w.end()):
                    break
                p.capital(w.start())


def _places(p: _Painter, lex: Lexicon) -> None:
    for m in lex.place_anywhere.finditer(p.low):
        if p.free(m.start(), m.end()):
            p.paint(m.start(), m.end(), lex.places[phrase_key(m.group())])


def _people(p: _Painter, lex: Lexicon, after: list[int]) -> None:
    """A person's name right after a phrase of the lexicon or an honorific: a family name,
    then up to three given names, up to a stop word or a punctuation mark."""
    for end in sorted({*after, *(m.end() for m in lex.honorific.finditer(p.low))}):
        m = lex.family.match(p.low, end)
        if not m or not p.free(m.start(), m.end()):
            continue
        p.capital(_WORD.search(p.text, m.start()).start())
        pos = m.end()
        for _ in range(3):
            w = _NEXT_WORD.match(p.text, pos)
            if not w or lower_letters(w.group(1)) in lex.name_stops or not p.free(w.start(1), w.end(1)):
                break
            p.capital(w.start(1))
            pos = w.end()


def _name_heads(p: _Painter, lex: Lexicon) -> None:
    """The head of a body's name (at the line's start, after `và` or after a position:
    `Phó Trưởng Thuế tỉnh`) and the word after it; a head right after a head passes the
    capital on (`Trường Đại học Nông Lâm`)."""
    starts = [m.end() for m in lex.name_start.finditer(p.low)]
    for start in [0, *starts]:
        pos = start
        while (m := lex.head.match(p.low, pos)) and p.free(m.start(), m.end()):
            p.paint(m.start(), m.end(), lex.heads[phrase_key(m.group())])
            nxt = _WORD.search(p.text, m.end())
            if not nxt:
                break
            pos = nxt.start()
            if not (h := lex.head.match(p.low, pos)) or not p.free(h.start(), h.end()):
                p.capital(pos)
                break


def _raised(text: str, spans: list[tuple[int, int, str]]) -> str:
    """`text` with the letters of each span upper-cased where the cased form has a capital;
    no letter is lowered."""
    out = list(text)
    for start, end, cased in spans:
        mine = [i for i in range(start, end) if text[i].isalpha()]
        theirs = [c for c in cased if c.isalpha()]
        if len(mine) == len(theirs):
            for i, c in zip(mine, theirs):
                if c.isupper() and len(up := text[i].upper()) == 1:
                    out[i] = up
    return "".join(out)


def proper_raised(text: str) -> str:
    """A trích yếu written in mixed case with the lexicon's places (after a level word, or
    anywhere when no common word) and names of one body given their capitals where written
    in lower case ("thành phố huế" -> "thành phố Huế"); every other letter as written."""
    lex = lexicon(False)
    low = lower_letters(text)
    spans = [(m.start(), m.end(), lex.cased[phrase_key(m.group())]) for m in lex.one_body.finditer(low)]
    spans += [(m.start(), m.end(), lex.places[phrase_key(m.group())])
              for m in lex.place_anywhere.finditer(low)]
    for m in lex.levels.finditer(low):
        if (pm := lex.place.match(low, m.end())) is not None:
            spans.append((pm.start(), pm.end(), lex.places[phrase_key(pm.group())]))
    return _raised(text, spans)


@lru_cache(maxsize=4096)
def recase(text: str, *, name: bool = False) -> str:
    """An all-caps line as an editor writes it; a line with lower-case letters is returned
    as it is. `name`: the line is a body's name or a position (issuer and signature lines),
    not a trích yếu."""
    if not is_upper_line(text):
        return text
    lex = lexicon(name)
    p = _Painter(text)
    _symbols(p)
    ends = _phrases(p, lex)
    _people(p, lex, ends)
    _tokens(p, lex)
    _kinds(p, lex)
    _levels(p, lex)
    _places(p, lex)
    if name:
        _name_heads(p, lex)
    first = _WORD.search(text)
    if first and p.case[first.start()] is None:
        p.case[first.start()] = UPPER
    return p.result()
