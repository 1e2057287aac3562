"""Money: every amount with its exact VND value, and what the sentence says about it.

One regex scan finds amounts written with a unit (`2.041 triệu đồng`, `31 tỷ 875 triệu
đồng`, `2,5 - 5,5 tỷ đồng`, `1.446.000 đồng/ha/năm`, `2,6 tỷ USD`); a second pass, only
when the text has a table unit line or a unit column header, reads bare numbers in table
cells. The number convention (dot- or comma-thousands) is decided once per document from
the numbers whose shape proves it. Context (role, funding source, project, period, place)
comes from cue words in patterns/money.toml, read from the amount's clause, list and
sections (money_context).

This module runs the scan and makes the Amounts; the grammar, the table cells, amounts in
words, the context and the consistency flags are in money_grammar, money_tables,
money_words, money_context (with money_cues, money_scopes and money_totals) and
money_consistency.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from decimal import Decimal

import regex

from ..models import Amount, DocumentStructure
from ..text.sentences import SentenceIndex
from .numbers import (
    Convention, decide_convention, format_number, number_start, parse_number, tokens_after_numbers,
    with_spaced_groups,
)
from .money_grammar import SLASH, Grammar, Raw, alternation, code_shaped, fold_word, grammar
from .money_tables import table_amounts
from .money_consistency import consistency_flags
from .money_context import add_context
from .function_words import words as function_words
from .section_words import words as section_words
from .money_words import MoneyWordsPatterns, find_word_amounts
from ..patterns import load


# ------------------------------------------------------------- the amount scan
_SPACES = regex.compile(r"\s+")


def _amount_matches(text: str, g: Grammar) -> Iterable[regex.Match]:
    """The matches of g.amount.finditer(text), found faster: the full pattern is tried only
    at the start of a number followed by one of g.amount_tokens, as every amount's first
    number is. Inside an amount, every digit follows a digit, "." or ",", which an
    amount's lookbehind refuses: the start of a number's run is the only one to try."""
    last_end = 0
    match = g.amount.match
    for after in tokens_after_numbers(text):
        token = after.group(1)
        if token not in g.amount_tokens and not token.startswith(g.glued_tokens):
            continue
        at = number_start(text, after.start() + 1)
        if at < last_end:
            continue
        m = match(text, at)
        if m is not None:
            last_end = m.end()
            yield m


def _raw_amounts(text: str, g: Grammar) -> Iterable[Raw]:
    for m in _amount_matches(text, g):
        written = with_spaced_groups(text, m.start("num"), m.group("num"))  # "3.000 000 đồng"
        if written is None:
            continue
        start, number = written.start, written.number
        low = m.group("low") if start == m.start("num") else None
        if _code(text, m.start("low") if low else start, low or number, g):
            continue
        currency_word = m.group("currency")
        fused = m.group("fused")
        scale_word = m.group("scale")
        if fused:
            f = g.fused_of[fold_word(fused)]
            power, currency, unit = f.power, f.currency, fused
        elif currency_word:
            currency = g.currency_of[fold_word(currency_word)]
            power = g.scale_of[fold_word(scale_word)] if scale_word else 0
            unit = f"{fold_word(scale_word)} {currency_word}" if scale_word else currency_word
            if currency_word == "đ" and _form_number(text, m.start("num")):
                continue
            if _unit_declaration(text, m.start("num"), m.end("currency")):
                continue
        else:
            bare = fold_word(m.group("bare"))
            currency, power, unit = "VND", g.scale_of[bare], bare
        extra = tuple(zip(m.captures("more_num"), (g.scale_of[fold_word(s)] for s in m.captures("more_scale"))))
        # The mention ends at the currency: the per-unit is a field, as the gold writes it.
        end = m.end("per") - len(m.group("per")) if m.group("per") else m.end(0)
        per = _per(m.group("per")) if m.group("per") else None
        if m.group("low") and not _label_before(text, m.start("low"), g):
            low_power = g.scale_of[fold_word(m.group("low_scale"))] if m.group("low_scale") else power
            yield Raw(m.start("low"), m.end("low_scale") if m.group("low_scale") else m.end("low"),
                      m.group("low"), unit, low_power, currency, per)
            yield Raw(start, end, number, unit, power, currency, per, extra)
        else:
            yield Raw(start, end, number, unit, power, currency, per, extra)


def _per(written: str) -> str | None:
    """A per-unit as stored: `/ người / tháng` -> `người/tháng`."""
    return SLASH.sub("/", _SPACES.sub(" ", written).strip().lstrip("/").strip()) or None


def _code(text: str, start: int, first: str, g: Grammar) -> bool:
    """`Mã số thuế: 0315459414`, `Điện thoại: 0912…`: a code, an account or a phone number
    is no amount, whatever unit word happens to follow it. `first` is the amount's first
    number (a range's low end) and `start` where the amount begins."""
    return code_shaped(first) or bool(g.code_before.search(text, max(0, start - 40), start))


def _label_before(text: str, start: int, g: Grammar) -> bool:
    """`Dự án 1 - 500 triệu đồng`: a number after a label word is no range's low end."""
    return bool(g.label_before.search(text, max(0, start - 30), start))


def _unit_declaration(text: str, start: int, end: int) -> bool:
    """`Tiền công (1.000đ)` says the column is in thousands of đồng: it is no amount."""
    return (text[start:start + 5] in ("1.000", "1000 ", "1000đ")
            and text[max(0, start - 2):start].strip().endswith("(")
            and text[end:end + 2].strip().startswith(")"))


_LABELS = section_words()
_FORM_WORDS = [function_words().number, *grammar().patterns.form_words,
               *_LABELS.article, *_LABELS.chapter, *_LABELS.section, *_LABELS.appendix]
_FORM_WORD = regex.compile(rf"(?i)(?:{alternation(_FORM_WORDS)})\s*$")


def _form_number(text: str, start: int) -> bool:
    """`Mẫu số 14đ` is a form name and `Điều 58đ` an article inserted after Điều 58 (the
    labels of patterns/sections.toml), not fourteen or fifty-eight đồng."""
    return bool(_FORM_WORD.search(text[max(0, start - 8):start]))


_DIGIT = regex.compile(r"\d")


@dataclass(frozen=True)
class MoneyReading:
    """The amounts of a text with their context, and the consistency flags they raise."""

    amounts: tuple[Amount, ...] = ()
    flags: tuple[str, ...] = ()


def read_money(text: str, sentences: SentenceIndex, structure: DocumentStructure,
               g: Grammar | None = None) -> MoneyReading:
    """Every amount of `text`, what it means (role, programme, year, …: money_context) and
    the flags of sums that do not add up."""
    if not _DIGIT.search(text):
        return MoneyReading()
    g = g or grammar()
    raws = _all_raws(text, g)
    if not raws:
        # No amount: the convention, whose English-page test scans the whole text, is
        # not needed.
        return MoneyReading()
    amounts = _amounts(text, raws, _convention(text, raws, g))
    if not amounts:
        return MoneyReading()
    amounts = add_context(text, amounts, sentences, structure)
    return MoneyReading(tuple(amounts), tuple(consistency_flags(text, amounts)))


def find_amounts(text: str) -> tuple[list[Amount], Convention]:
    """Amounts in `text` (no context) and the number convention used to read them."""
    g = grammar()
    raws = _all_raws(text, g)
    convention = _convention(text, raws, g)
    return _amounts(text, raws, convention), convention


def _all_raws(text: str, g: Grammar) -> list[Raw]:
    """The amounts of the running text and of the table cells, in order of start."""
    raws = list(_raw_amounts(text, g))
    if "|" in text:
        taken = {r.start for r in raws}
        raws += [r for r in table_amounts(text, g) if r.start not in taken]
        raws.sort(key=lambda r: r.start)
    return raws


def _convention(text: str, raws: list[Raw], g: Grammar) -> Convention:
    numbers = [r.number for r in raws]
    vote = decide_convention(numbers)
    if vote.en == vote.vi and g.english.search(text):
        # An English page adds one vote for "en", which only ever breaks a tie: the text
        # is searched for English words only then.
        vote = decide_convention(numbers, english_text=True)
    return vote.convention


@cache
def _label_ends() -> tuple[str, ...]:
    """The last word of each label of an amount in words (Bằng chữ), in lower case and in
    capitals: a text with none of them has no label."""
    labels = load("money_words", MoneyWordsPatterns).labels
    return tuple(dict.fromkeys(f(label.split()[-1]) for label in labels for f in (str.lower, str.upper)))


@cache
def _word_currency() -> str:
    """The unit of an amount in words: the currency word that ends it (đồng)."""
    return load("money_words", MoneyWordsPatterns).currencies[0]


def _amounts(text: str, raws: list[Raw], convention: Convention) -> list[Amount]:
    amounts = [a for a in (_amount(text, r, convention) for r in raws) if a is not None]
    # Words stand in a bracket right after a figure, or after "Bằng chữ": most texts have
    # neither, and are not searched.
    spelled = any(w in text for w in _label_ends()) or any("(" in text[a.end:a.end + 4] for a in amounts)
    words = find_word_amounts(text) if spelled else []
    if words:
        # "(Bằng chữ: Bảy mươi bảy tỷ … đồng)": the sum said again in words, an amount of
        # its own that money_context marks as restating the figure before it.
        taken = [(a.start, a.end) for a in amounts]
        amounts += [Amount(text=w.text, start=w.start, end=w.end, vnd=w.vnd, value=str(w.vnd), unit=_word_currency(),
                           separator=convention)
                    for w in words if not any(s < w.end and w.start < e for s, e in taken)]
        amounts.sort(key=lambda a: a.start)
    return _bracket_pers(text, amounts, grammar())


def _bracket_pers(text: str, amounts: list[Amount], g: Grammar) -> list[Amount]:
    """`160.000 đồng (một trăm sáu mươi ngàn đồng)/trẻ/tháng`: the per-unit after a bracket
    is the one of the amount in it and of the amount the bracket opens after."""
    out = list(amounts)
    for i, a in enumerate(out):
        m = g.bracket_per.match(text, a.end) if a.per is None else None
        if m is None:
            continue
        per = _per(m.group("per"))
        out[i] = a.model_copy(update={"per": per})
        before = out[i - 1] if i else None
        if before is not None and before.per is None and _opens_bracket(text[before.end:a.start]):
            out[i - 1] = before.model_copy(update={"per": per})
    return out


_OPENED = regex.compile(r"[^()]{0,30}\([^()]{0,30}")


def _opens_bracket(gap: str) -> bool:
    """The gap between an amount and the one said again in its bracket: `(`, `(Bằng chữ: `."""
    return _OPENED.fullmatch(gap) is not None


# The largest `vnd`: SQLite's INTEGER, 2⁶³ - 1 (about 9.2 × 10¹⁸ đồng, hundreds of times
# the state budget).
_MOST_VND = Decimal(2 ** 63 - 1)


def _amount(text: str, r: Raw, convention: Convention) -> Amount | None:
    try:
        value = parse_number(r.number, convention)
        total = value * (Decimal(10) ** r.power)
        for n, p in r.extra:
            total += parse_number(n, convention) * (Decimal(10) ** p)
    except ValueError:
        return None
    if r.currency == "VND" and abs(total) > _MOST_VND:
        # no sum of money, and past what the store's INTEGER column (and JSON's int
        # reading) takes; turning its digits into an int costs their count squared
        return None
    written = total / (Decimal(10) ** r.power)
    return Amount(
        text=text[r.start:r.end], start=r.start, end=r.end,
        vnd=int(total.to_integral_value()) if r.currency == "VND" else None,
        value=format_number(written.normalize() if written == written.to_integral_value() else written,
                            "en", group=False),
        unit=r.unit, currency=r.currency, per=r.per, separator=convention,
    )

