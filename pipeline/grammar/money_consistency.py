"""Consistency flags for amounts: a total followed by its listed parts ("… 6,792 tỷ đồng,
gồm: …", "(ngân sách trung ương: …; ngân sách địa phương: …)") whose sum does not match.
Numbers are reported, never changed."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from decimal import Decimal

import regex

from ..models import Amount
from .function_words import words as function_words
from .money_grammar import alternation, fold_word, grammar
from .numbers import format_number


# What may follow a total to introduce its parts: a parenthesis, "gồm" / "bao gồm" (the
# parts make the whole), or "trong đó" (the parts are some of it). A full stop may stand
# between ("… 6,792 tỷ đồng. Trong đó: …").
_CONTEXT = grammar().patterns.context
_PARTS_MARKER = regex.compile(
    rf"[\s*_]*(?:(?P<paren>\()|[.,;:]?[\s*_]*"
    rf"(?P<word>{alternation([*_CONTEXT.parts_all, *_CONTEXT.parts_some])})(?![\p{{L}}\p{{M}}])[\s*_]*:?)",
    regex.IGNORECASE)
_SOME_OF = regex.compile(rf"[\s*_]*{alternation(_CONTEXT.parts_some)}(?![\p{{L}}\p{{M}}])", regex.IGNORECASE)
_SOME_OF_WORDS = frozenset(fold_word(w) for w in _CONTEXT.parts_some)


@dataclass(frozen=True)
class Parts:
    """The amounts listed after a total, and whether they make all of it (parentheses,
    "gồm") or only some ("trong đó")."""

    amounts: list[Amount]
    exact: bool


def listed_parts(text: str, vnd: list[Amount], i: int) -> Parts | None:
    """The parts listed right after vnd[i] (amounts with a VND value, in order), or None
    when no parenthesis, "gồm" or "trong đó" follows it."""
    total = vnd[i]
    at, first = total.end, i + 1
    while (marker := _PARTS_MARKER.match(text, at, min(len(text), at + 40))) is not None:
        if not marker.group("paren"):
            some = fold_word(marker.group("word")) in _SOME_OF_WORDS
            return Parts(_listed_parts(text, marker.end(), vnd, first), not some)
        close = _closing(text, marker.start("paren"))
        if close is None:
            return None
        inside = vnd[first:bisect.bisect_left(vnd, close, key=lambda a: a.start)]
        if inside and all(a.vnd == total.vnd for a in inside) or not inside and not _SOME_OF.match(text, marker.end()):
            # "(Bằng chữ: …)" says the total again, "(Chi tiết tại Phụ lục)" names no part:
            # its parts may follow the bracket ("…), trong đó: …").
            at, first = close + 1, first + len(inside)
            continue
        # "(trong đó: …)" names some of the parts, not all of them.
        return Parts(inside, not _SOME_OF.match(text, marker.end()))
    return None


def consistency_flags(text: str, amounts: list[Amount]) -> list[str]:
    """Totals whose listed parts do not add up. Numbers are reported, never changed.

    Parts in parentheses or after "gồm" must add up to the total (within the rounding of
    the written digits); parts after "trong đó" may be fewer than the whole, so only a
    sum above the total is flagged."""
    flags = []
    vnd = [a for a in amounts if a.vnd is not None]
    for i, total in enumerate(vnd):
        listed = listed_parts(text, vnd, i)
        if listed is None:
            continue
        parts = [p for p in listed.amounts if p.restates is None]
        if len(parts) < 2 or any(p.unit != total.unit and p.per for p in parts) or total.per:
            continue
        got = sum(p.vnd for p in parts)
        slack = sum(rounding(a) for a in (total, *parts))
        if (listed.exact and abs(got - total.vnd) > slack) or (not listed.exact and got - total.vnd > slack):
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


# A list set out on lines: the rest of this line and the items under it, bullets or items
# of one numbering ("a) … b) …", "1. … 2. …"): "trong đó: a) …; b) …" ends before "2.".
_ITEM = regex.compile(r"\n[ \t]*\n?[ \t]*(?:(?P<bullet>[-+•*])|(?P<letter>[a-zđ]\))|(?P<digit>\d{1,2}[.)]))[^\n]*")
# A list run into the sentence ends with the sentence.
_INLINE_END = regex.compile(r"\.[*_]*\s+(?=[*_]*[\p{Lu}\d])|\n")
# One part per clause: clauses are split by ; , (before a word) "và" and line breaks.
_PART_BREAK = regex.compile(
    rf"[;\n]|,\s(?=\D)|\s{alternation([function_words().and_, function_words().along])}\s")


def _list_end(text: str, pos: int, limit: int) -> int:
    end = text.find("\n", pos, limit)
    end, numbering = (limit if end < 0 else end), None
    while (m := _ITEM.match(text, end, limit)) is not None:
        kind = m.lastgroup
        if kind != "bullet":
            if numbering not in (None, kind):
                break
            numbering = kind
        end = m.end()
    return end


def _listed_parts(text: str, pos: int, vnd: list[Amount], first: int) -> list[Amount]:
    """The first amount of each clause or list item after the marker, up to the list's end."""
    rest = text[pos:pos + 1500]
    if rest.lstrip(" \t*_").startswith("\n"):
        end = _list_end(text, pos, pos + len(rest))
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


def rounding(a: Amount) -> int:
    """Half a unit of the last written digit: how far rounding can move a written value."""
    digits = a.value.split(".")[1] if "." in a.value else ""
    scale = a.vnd / Decimal(a.value) if Decimal(a.value) else Decimal(1)
    return int(scale * Decimal(5) / (Decimal(10) ** (len(digits) + 1)))


def _vnd(n: int) -> str:
    return format_number(Decimal(n), "vi")
