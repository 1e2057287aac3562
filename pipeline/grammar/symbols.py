"""The number/symbol grammar of Vietnamese official documents (DOMAIN.md §2).

A document number is a register number, a separator and a symbol. The forms:

    admin       N/TYPE-ISSUER(-UNIT)*       499/QĐ-UBND, 203/KH-MTTQ-BTT
    công văn    N/ISSUER(-UNIT)*            4393/UBND-NLN (first token is not a type)
    QPPL        N/YYYY/TYPE-ISSUER(-ISS)*   27/2022/NĐ-CP, 01/2021/TTLT-BTC-BLĐTBXH
    legislature N/YYYY/QH<term>             24/2021/QH15, 76/2025/UBTVQH15
    Party       N-TYPE/ISSUER               58-NQ/TU, 9151- CV/BTCTW

The pattern is assembled from named pieces (number, year, token, separators) so each can be
read and changed alone. Type codes come from patterns/doc_types.toml and issuer tokens from
patterns/issuer_codes.toml. Odd spellings are kept as written in `number_symbol` (the gold's
stored form); `key` is the same number with known repairs applied (a dropped hyphen put
back, Đ written as D restored), so two spellings of one document meet. Lookup keys for
queries are in pipeline.grammar.symbol_lookup.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

import regex
from pydantic import BaseModel

from .. import patterns
from .doctypes import by_code, doc_types
from .function_words import cased, words as function_words
from ..text.fold import DASHES, LOOKALIKES, fold, symbol_key

Form = Literal["admin", "cong_van", "qppl", "legislature", "party"]


class IssuerCodes(BaseModel):
    joint_types: list[str]
    legislature: list[str]
    unit_compounds: list[str]
    standalone: list[str]
    tokens: dict[str, list[str]]


@cache
def issuer_codes() -> IssuerCodes:
    return patterns.load("issuer_codes", IssuerCodes)


# ------------------------------------------------------------------ pieces
# For use inside a character class, where a bare '-' would make a range.
DASH_CLASS = "\\" + DASHES
DASH = f"[{DASH_CLASS}]"
_H = r"[ \t]"
# Web copies and PDF text wrap lines right after a separator, never inside a token.
_WRAP = rf"{_H}*(?:\n{_H}*)?"
SLASH = rf"{_H}*/{_WRAP}"
# A hyphen may carry a stray space on one side (QĐ- UBND, QĐ -UBND) or end a line.
JOIN = rf"(?:{DASH}{_WRAP}|{_H}+{DASH}(?![ \t\n]))"
# Symbol letters are unaccented capitals and Đ (§ is Đ in TCVN3 text that was not decoded).
_UP = "A-ZĐ§"
# A lower-case letter only inside a mixed-case code (TTg, CTr, QyĐ, BSGBTr), never two in a
# row: that is a word. A dot only between code characters (CCTKV.05-TTKT3).
_TOKEN_BODY = rf"[{_UP}](?:[{_UP}\d&]|\.(?=[{_UP}\d])|[a-zđ](?!\p{{Ll}}))*"
# A token ends at a non-letter, or where a lower-case word is glued on (TT-BYTngày).
_TOKEN_END = rf"(?:(?![\p{{L}}\d])|(?<=[{_UP}\d]{{2}})(?=\p{{Ll}}{{2}}))"
TOKEN = _TOKEN_BODY + _TOKEN_END
# Spaces on both sides of a dash usually separate phrases; they join tokens only when the
# next token is a code followed by ordinary text (127/TTr - HĐQT ngày …), not by another
# capitalised word (… - BAN HÀNH).
SPACED_JOIN = rf"{_H}+{DASH}{_H}+(?={TOKEN}(?!{_H}+\p{{Lu}}))"
# 66.7/2025/NQ-CP has a dotted number; some bodies prefix the year (2025-005/SAV-CHQ).
NUMBER = r"\d{1,6}(?:\.\d{1,3}|-\d{1,4})?"
YEAR = r"(?:19|20)\d{2}"
# Not inside a longer number, a date, a ratio or a standard (QCVN 01:2021/BYT); a number
# glued to "số" still counts.
_NUMBER_WORD = cased(function_words().number)
_NUMBER_START = rf"(?=\d)(?:(?<={_NUMBER_WORD})|(?<![\p{{L}}\d/.,]|\d:))"


def _codes_alternation(lower: bool = False) -> str:
    codes = {t.code for t in doc_types()} | {t.code.upper() for t in doc_types()}
    if lower:
        codes = {c.lower() for c in codes}
    return "|".join(regex.escape(c) for c in sorted(codes, key=len, reverse=True))


def _forms(number_required: bool) -> str:
    opt = "" if number_required else "?"
    tokens = rf"{TOKEN}(?:(?:{JOIN}|{SPACED_JOIN}){TOKEN})*"
    party = (rf"(?P<number>{NUMBER}){JOIN}(?P<ptype>{_codes_alternation()})(?![\p{{L}}\d]){SLASH}"
             rf"(?P<rest>{tokens})")
    slash = rf"(?P<number>{NUMBER}){opt}{SLASH}(?:(?P<year>{YEAR}){SLASH})?(?P<rest>{tokens})"
    # Lower case in running text only in the tight form and led by a type code, so that
    # "2 lần/tháng" or "xã/phường" never qualify.
    lower = (rf"(?P<number>{NUMBER})/(?:(?P<year>{YEAR})/)?"
             rf"(?P<rest>(?:{_codes_alternation(lower=True)})(?:-[a-zđ][a-zđ\d&]*)+)(?![\p{{L}}\d])")
    return rf"(?:{party}|{slash}|{lower})"


@cache
def symbol_re() -> regex.Pattern:
    return regex.compile(_NUMBER_START + _forms(number_required=True))


@cache
def _parse_re() -> regex.Pattern:
    return regex.compile(rf"(?:(?:{_NUMBER_WORD})\s*:?\s*)?{_forms(number_required=False)}")


SYMBOL_RE = symbol_re()

# Every form has a '/' at most this far after its start (Party: "9151 - CV/") and ends
# well within this far after it; the scan only looks around slashes.
_BEFORE_SLASH = 24
_AFTER_SLASH = 160


def find_symbols(text: str):
    """SYMBOL_RE matches in `text`, in order. The same matches as SYMBOL_RE.finditer, but
    the pattern only runs near a '/', found by str.find (most text has none)."""
    find, n = text.find, len(text)
    last_end = 0
    slash = find("/")
    while slash >= 0:
        m = _symbol_starting_before(text, max(last_end, slash - _BEFORE_SLASH), slash,
                                    min(n, slash + _AFTER_SLASH)) \
            if _SYMBOL_GOES_ON.match(text, slash + 1) else None
        if m is not None:
            yield m
            last_end = m.end()
            slash = find("/", last_end)
        else:
            slash = find("/", slash + 1)


# What every form has right after a slash, loosely: a token's letter, or a year and the
# next slash. The slashes of a date ("23/3/2022") have neither: no number before such a
# slash can start a match there, and one before an earlier slash failed there already
# (a longer window would reach further only past a year's slash).
_SYMBOL_GOES_ON = re.compile(r"[ \t]*(?:\n[ \t]*)?(?:[^\W\d_]|§|(?:19|20)..[ \t]*/)")

# Where a number may start, tested alone: SYMBOL_RE opens with the same test.
_NUMBER_START_RE = regex.compile(_NUMBER_START)


def _symbol_starting_before(text: str, lo: int, slash: int, hi: int) -> regex.Match | None:
    """The match SYMBOL_RE.search(text, lo, hi) finds when it starts by `slash`, else None.
    The pattern is tried only where a number can start: a search would also try every
    position past the slash, to the end of the window, before giving up (dates, ratios)."""
    for number in _NUMBER_START_RE.finditer(text, lo, slash):
        if (m := SYMBOL_RE.match(text, number.start(), hi)) is not None:
            return m
    return None


# ------------------------------------------------------------- result type
@dataclass(frozen=True)
class ParsedSymbol:
    number: str | None            # as written, zero padding kept; None in a blank draft
    year: int | None              # from the /YYYY/ segment (QPPL) only
    symbol: str                   # after the number (and year): 'QĐ-UBND', 'NQ/TU'
    type_code: str | None         # doc_types code as listed ('CTr', 'QĐ'); None for công văn
    issuer_code: str | None       # first token after the type ('UBND'); joint: all of them
    number_symbol: str            # gold stored form: NFC, upper, no spaces, '-' dashes
    key: str                      # number_symbol with known repairs applied
    kind: str | None              # type code, 'CV' for a công văn, None for QH<term>
    form: Form
    tokens: tuple[str, ...]       # symbol tokens as written (Party: without the type)


# ------------------------------------------------------------- type lookup
def _fold_upper(s: str) -> str:
    return fold(s.replace("§", "Đ")).upper()


@cache
def _types_by_fold() -> dict[str, tuple[str, ...]]:
    table: dict[str, set[str]] = {}
    for t in doc_types():
        table.setdefault(_fold_upper(t.code), set()).add(t.code)
    return {k: tuple(sorted(v)) for k, v in table.items()}


@cache
def canonical_type(token: str) -> str | None:
    """The doc_types code a symbol token stands for: exact (any case), else by folding
    when that is unambiguous (QD -> QĐ; HD stays Hướng dẫn, not Hợp đồng)."""
    t = by_code().get(token.replace("§", "Đ").upper())
    if t:
        return t.code
    folded = _types_by_fold().get(_fold_upper(token), ())
    return folded[0] if len(folded) == 1 else None


@cache
def _known_tokens() -> dict[str, str]:
    """Upper-cased known issuer/unit token -> its spelling."""
    return {tok.upper(): tok for group in issuer_codes().tokens.values() for tok in group}


def is_known_token(token: str) -> bool:
    """Whether a symbol token is a listed issuer or unit code (any case, Đ or D)."""
    return token.replace("§", "Đ").upper() in _known_tokens() \
        or len(_known_by_fold().get(_fold_upper(token), ())) == 1


@cache
def _known_by_fold() -> dict[str, tuple[str, ...]]:
    table: dict[str, set[str]] = {}
    for tok in _known_tokens().values():
        table.setdefault(_fold_upper(tok), set()).add(tok)
    return {k: tuple(sorted(v)) for k, v in table.items()}


@cache
def _repair_token(token: str) -> str:
    """A known issuer token for one written with D for Đ or § for Đ; else as written."""
    up = token.replace("§", "Đ").upper()
    if up in _known_tokens():
        return up
    candidates = _known_by_fold().get(_fold_upper(token), ())
    return candidates[0].upper() if len(candidates) == 1 else up


@cache
def _split_glued(token: str) -> tuple[str, str] | None:
    """A type code and a known issuer run together (KHUBND -> KH, UBND)."""
    up = token.replace("§", "Đ").upper()
    for code in sorted({t.code for t in doc_types()}, key=len, reverse=True):
        head = code.upper()
        if len(up) > len(head) and up.startswith(head):
            rest = up[len(head):]
            if rest in _known_tokens() or len(_known_by_fold().get(_fold_upper(rest), ())) == 1:
                return code, rest
    return None


@cache
def _legislature_re() -> regex.Pattern:
    names = "|".join(regex.escape(n) for n in sorted(issuer_codes().legislature, key=len, reverse=True))
    return regex.compile(rf"(?:{names})\d*", regex.IGNORECASE)


@cache
def _compounds() -> frozenset[str]:
    return frozenset(c.upper() for c in issuer_codes().unit_compounds)


@cache
def _joint_types() -> frozenset[str]:
    return frozenset(j.upper() for j in issuer_codes().joint_types)


_TOKEN_SPLIT = regex.compile(rf"[\s{DASH_CLASS}]+")
_SO_PREFIX = regex.compile(rf"^(?:{_NUMBER_WORD})\s*:?\s*")


def _tokens(rest: str) -> tuple[str, ...]:
    return tuple(t for t in _TOKEN_SPLIT.split(rest) if t)


@cache
def _clean_token(token: str) -> str:
    return unicodedata.normalize("NFC", token).translate(LOOKALIKES)


# A text cites the same few documents again and again; the result is frozen, so reuse it.
@lru_cache(maxsize=8192)
def _build(number: str | None, year: str | None, ptype: str | None, rest: str,
           raw: str) -> ParsedSymbol | None:
    written = tuple(_clean_token(t) for t in _tokens(rest))
    if not written:
        return None
    number_symbol = symbol_key(raw)
    if ptype is not None:
        type_code = canonical_type(ptype)
        if type_code is None:
            return None
        symbol = f"{ptype}/{'-'.join(written)}"
        key_symbol = f"{type_code.upper()}/{'-'.join(map(_repair_token, written))}"
        return ParsedSymbol(
            number=number, year=None, symbol=symbol, type_code=type_code,
            issuer_code=written[0], number_symbol=number_symbol,
            key=f"{number or ''}-{key_symbol}", kind=type_code, form="party", tokens=written)

    head = "-".join(written[:2]).upper()
    compounds = _compounds()
    type_code = None if head in compounds else canonical_type(written[0])
    key_tokens = list(written)
    form: Form
    if type_code is not None:
        key_tokens[0] = type_code
        form = "qppl" if year else "admin"
    elif _legislature_re().fullmatch(written[0]):
        form = "legislature"
    elif head not in compounds and (glued := _split_glued(written[0])):
        type_code = glued[0]
        key_tokens[0:1] = list(glued)
        form = "qppl" if year else "admin"
    else:
        form = "cong_van"
    key_tokens = [key_tokens[0].upper() if type_code else _repair_token(key_tokens[0]),
                  *map(_repair_token, key_tokens[1:])]

    if type_code is None:
        issuer = written[0]
        kind = None if form == "legislature" else "CV"
    else:
        # After a glued type (KHUBND) the issuer is the repaired split, else as written.
        issuer_tokens = key_tokens[1:] if len(key_tokens) != len(written) else list(written[1:])
        joint = type_code.upper() in _joint_types()
        issuer = ("-".join(issuer_tokens) if joint else issuer_tokens[0]) if issuer_tokens else None
        kind = type_code
    prefix = f"{number or ''}/" + (f"{year}/" if year else "")
    return ParsedSymbol(
        number=number, year=int(year) if year else None, symbol="-".join(written),
        type_code=type_code, issuer_code=issuer, number_symbol=number_symbol,
        key=prefix + "-".join(key_tokens), kind=kind, form=form, tokens=written)


@lru_cache(maxsize=4)
def _group_numbers(pattern: regex.Pattern) -> tuple[int, int, int, int]:
    """The numbers of the groups number, year, ptype and rest in SYMBOL_RE or the parse
    pattern. regex's Match.group(name) first tries the name as a number and builds the
    error that fails with, which costs more than the parse: from_match reads by number."""
    return tuple(pattern.groupindex[name] for name in ("number", "year", "ptype", "rest"))


def from_match(m: regex.Match) -> ParsedSymbol | None:
    """The parse of a SYMBOL_RE (or parse) match."""
    groups = _group_numbers(m.re)
    number, year, ptype, rest = m.group(*groups)
    if number is None:
        raw = _SO_PREFIX.sub("", m.group())  # a blank draft's "Số: /TB-UBND"
    else:
        raw = m.string[m.start(groups[0]):m.end()]
    return _build(number, year, ptype, rest, raw)


_TRIM = " \t\n.,;:()[]*|\"'“”"


def parse_symbol(text: str) -> ParsedSymbol | None:
    """Parse one number/symbol ('499/QĐ-UBND', 'Số: /TB-UBND', '58-NQ/TU', 'qđ 499' is not
    one: see lookup_key). Returns None when the text is not a whole number/symbol."""
    s = unicodedata.normalize("NFC", text).translate(LOOKALIKES).strip(_TRIM)
    for candidate in (s, s.upper()):
        m = _parse_re().fullmatch(candidate)
        if m:
            parsed = from_match(m)
            if parsed:
                return parsed
    return None

