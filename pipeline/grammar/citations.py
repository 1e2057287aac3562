"""Citations: every mention of another document by its number/symbol.

One scan of the text with the grammar's SYMBOL_RE finds the candidates; each is then read
in its surroundings: the type word before it ("Quyết định số", "Luật Quản lý thuế số"), a
pinpoint before that ("khoản 2 Điều 49"), the date and issuer after it ("ngày 23/3/2022
của UBND tỉnh"), and the cue that says how the text uses it ("Căn cứ", "Thực hiện").
Candidates that are not references are dropped: the document's own number on its "Số:"
line, form and standard numbers ("Mẫu số 07/TT"), and one-token symbols with nothing
around them to say they are document numbers.

The reading of the surroundings (type word, date, issuer, relation cue) is in
citation_context; this module finds the candidates and decides which are citations.
"""
from __future__ import annotations

from functools import cache

import regex
from pydantic import TypeAdapter

from ..models import Citation, DocumentStructure
from .symbols import (
    ParsedSymbol, find_symbols, from_match, is_known_token, issuer_codes, parse_symbol,
)
from ..text.fold import folded, symbol_key
from ..text.sentences import SentenceIndex
from .function_words import cased, words as function_words
from .citation_context import (
    HEADER_LINES, Previous, context_patterns, date_after, date_before, issuer_after, may_name,
    relation_of, type_before, type_code_before,
)


_BARE_SO = regex.compile(rf"(?:{cased(function_words().number)})\s*:?")


def _header_spans(text: str) -> list[tuple[int, int]]:
    """The "Số" lines of the header: the lines among the first ones, before the title,
    that start with "Số" (the next one too when "Số:" stands alone)."""
    p = context_patterns()
    spans: list[tuple[int, int]] = []
    pos = 0
    mark_next = False
    for _ in range(HEADER_LINES):
        if pos >= len(text):
            break
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        bare = line.strip(" \t|*_#>")
        if mark_next and bare:
            spans.append((pos, end))
            mark_next = False
        if p.header_line.match(line):
            spans.append((pos, end))
            mark_next = _BARE_SO.fullmatch(bare) is not None
        elif (bare and bare == bare.upper() and folded(bare) in p.title_words) \
                or p.header_over.match(line):
            break  # the type name above the title, or the body: the header is over
        pos = end + 1
    return spans


@cache
def _standalone_tokens() -> frozenset[str]:
    return frozenset(t.upper() for t in issuer_codes().standalone)


def _bare_one_token(parsed: ParsedSymbol) -> bool:
    """Whether the symbol is one token (74/CP) that does not issue documents alone: such a
    number is a document's only with a type word before it; otherwise it is a form, a
    ratio, a unit."""
    if len(parsed.tokens) > 1 or parsed.form == "party" or parsed.year is not None:
        return False
    if parsed.key.split("/")[-1] != parsed.tokens[0].upper():
        return False  # a glued type and issuer (59/KHUBND): two tokens in one
    return parsed.tokens[0].upper() not in _standalone_tokens()


def _type_code_or_word_before(text: str, start: int) -> bool:
    """A type code ("QĐ số") or a word for a document ("Văn bản số") right before `start`."""
    p = context_patterns()
    return type_code_before(text, max(0, start - 12), start) is not None \
        or p.document_word.match(text, max(0, start - 20), start) is not None


def find_citations_in(text: str, structure: DocumentStructure | None = None,
                      sentences: SentenceIndex | None = None) -> list[Citation]:
    """The citations of one normalised text; `structure` gives the document's own number."""
    if "/" not in text:
        return []
    p = context_patterns()
    header = structure.header if structure else None
    sentences = sentences or SentenceIndex(text)
    own = symbol_key(header.number_symbol) if header and header.number_symbol else None
    header_spans = _header_spans(text)
    # The spans come in order: past the last one, no candidate needs to test them.
    header_end = header_spans[-1][1] if header_spans else 0
    prev = Previous()
    found: list[dict] = []  # the citations' fields, validated in one call at the end
    for m in find_symbols(text):
        parsed = from_match(m)
        if parsed is None:
            continue
        start, end = m.start(), m.end()
        if (start < header_end and any(s <= start < e for s, e in header_spans)) \
                or parsed.number_symbol == own:
            continue
        nb_lo = max(0, start - 25)
        if may_name(text, nb_lo, start, p.not_before_words) and p.not_before.match(text, nb_lo, start):
            continue
        if (joined := _joined_across_line(text, parsed, start, end)) is not None:
            parsed, end = joined
        shared = _shared_symbol_list(text, start, prev)
        if shared is not None:
            type_from_text, type_start, numbers = shared
        else:
            type_from_text, type_start = type_before(text, start, prev)
            numbers = []
        # Only the few bare one-token symbols need a type before them: the patterns run last.
        typed = type_from_text is not None and type_start < start
        if _bare_one_token(parsed) and not typed and not _type_code_or_word_before(text, start):
            continue
        date = None
        after = end
        if day := date_after(text, end, min(len(text), end + 60)):
            date = day.value.start.isoformat()
            after = day.end
        sent_start, _ = sentences.bounds(start)
        if date is None:
            if day := date_before(text, max(sent_start, type_start - 200), type_start):
                date = day.value.start.isoformat()
        year = parsed.year
        if year is None and date:
            year = int(date[:4])
        if year is None and (ym := p.year_after.match(text, end, min(len(text), end + 12))):
            year = int(ym.group("y"))
            after = ym.end()
        pin_lo = max(sent_start, type_start - 120)
        pin = p.pinpoint.match(text, pin_lo, type_start) \
            if may_name(text, pin_lo, type_start, p.pinpoint_words) else None
        common = dict(
            kind=type_from_text or parsed.kind, year=year,
            type_from_text=type_from_text, type_from_symbol=parsed.kind, date=date,
            issuer_name=issuer_after(text, after),
            pinpoint=" ".join(pin.group("p").split()).rstrip(" ,") if pin else None,
            relation=relation_of(text, sent_start, type_start, sentences),
        )
        # "Quyết định số 652 và 653/QĐ-TTg": the earlier numbers share the symbol.
        for n in numbers:
            sibling = parse_symbol(n.group() + text[m.end("number"):end]) if m.group("number") else None
            if sibling is not None and sibling.number == n.group():
                found.append(dict(
                    text=n.group(), start=n.start(), end=n.end(),
                    number_symbol=sibling.number_symbol, number=sibling.number,
                    symbol=sibling.symbol, issuer_code=sibling.issuer_code, key=sibling.key,
                    **{**common, "year": sibling.year or year}))
        found.append(dict(
            text=text[start:end], start=start, end=end,
            number_symbol=parsed.number_symbol, number=parsed.number, symbol=parsed.symbol,
            issuer_code=parsed.issuer_code, key=parsed.key, **common,
        ))
        prev = Previous(end=end, type_from_text=type_from_text)
    return _share_details(found)


# Numbers listed before one symbol: "số 652 và 653/", "số 12, 13 và 14/".
_LIST_JOINERS = (function_words().and_, function_words().or_)
_NUMBER_LIST = regex.compile(
    rf"(?<![\p{{L}}\d/.,])(?P<nums>\d{{1,5}}(?:\s*,\s*\d{{1,5}})*)\s*"
    rf"(?:,|\s(?:{'|'.join(map(regex.escape, _LIST_JOINERS))}))\s*$", regex.REVERSE)
_LISTED_NUMBER = regex.compile(r"\d{1,5}")


def _shared_symbol_list(text: str, start: int, prev: Previous):
    """(type code, where the type word starts, the listed numbers' matches) when the
    number at `start` ends a list of numbers under one type word; else None. Only with a
    type word before the list: "giai đoạn 2021 và 2022/…" is no list of documents."""
    lo = max(0, start - 60)
    # The list's last connector, read with str methods first: most numbers have none.
    # (Every \s of the pattern is a white space to rstrip.)
    if not text[lo:start].rstrip().endswith((",", *_LIST_JOINERS)):
        return None
    lst = _NUMBER_LIST.match(text, lo, start)
    if lst is None:
        return None
    code, type_start = type_before(text, lst.start(), prev)
    if code is None or type_start >= lst.start():
        return None
    return code, type_start, list(_LISTED_NUMBER.finditer(text, lst.start(), lst.end("nums")))


_CONTINUED_TOKEN = regex.compile(r"\n[ \t]*(?P<c>[A-ZĐ]{1,4})(?![\p{L}\d])")


def _joined_across_line(text: str, parsed: ParsedSymbol, start: int, end: int):
    """A symbol broken inside its last token at a line end (`QĐ-UB⏎ND`): joined only when
    the two halves make a known issuer token and the first half alone is not one, so a
    symbol followed by a capitalised word on the next line stays as it is."""
    m = _CONTINUED_TOKEN.match(text, end) if text.startswith("\n", end) else None
    if m is None or not parsed.tokens or is_known_token(parsed.tokens[-1]):
        return None
    if not is_known_token(parsed.tokens[-1] + m.group("c")):
        return None
    joined = parse_symbol(text[start:end] + m.group("c"))
    return (joined, m.end()) if joined is not None else None


_CITATIONS = TypeAdapter(list[Citation])


def _share_details(found: list[dict]) -> list[Citation]:
    """One number in one text is one document: a date or issuer given at one mention
    holds for the others (a later "Quyết định số 142/QĐ-TTg" without its date). The
    fields are shared before the models are built, all in one validation."""
    first: dict[str, dict] = {}
    for c in found:
        seen = first.setdefault(c["key"], {})
        for name in ("date", "issuer_name"):
            if c[name] and name not in seen:
                seen[name] = c[name]
    for c in found:
        update = {k: v for k, v in first[c["key"]].items() if not c[k]}
        if "date" in update and c["year"] is None:
            update["year"] = int(update["date"][:4])
        c.update(update)
    return _CITATIONS.validate_python(found)
