"""Totals and restatements among a document's amounts: an amount that sums others (parts
listed after it, a table row its cells add up to, a programme-wide figure), the parts that
point to their total (`part_of`), and the same money said again (`restates`)."""
from __future__ import annotations

import regex

from ..models import Amount
from .money_consistency import listed_parts, rounding
from .money_cues import SUMMED_ROLES, Cues, last_cue

# The row's first cell, where a total row says so.
_FIRST_CELL = regex.compile(r"[\s|*_]*([^|\n]*)")
# A total's cue must sit in the amount's own phrase: "bố trí tối thiểu 10% tổng vốn …,
# tương đương 7.722,3 triệu đồng" is no total.
_PHRASE_BREAK = regex.compile(r"[;(]|,(?!\d)")


def mark_totals(text: str, amounts: list[Amount], cues: Cues) -> list[Amount]:
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
            total = last_cue(cues.totals, text, phrase, a.start) is not None
        if total:
            update.setdefault(i, {})["total"] = True
    return [a.model_copy(update=update[i]) if i in update else a for i, a in enumerate(amounts)]


def _row_total(text: str, a: Amount, vnd: list[Amount], cues: Cues) -> bool:
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


def mark_restatements(text: str, amounts: list[Amount], cues: Cues) -> list[Amount]:
    """The same money said again: in brackets right after it ("61.240 triệu đồng (61 tỷ
    240 triệu đồng)", "(Bằng chữ: …)"), or the same value with the same meaning (role,
    programme, component, year, place) in a summary or a total row further on. A
    restatement takes the meaning of the amount it repeats."""
    seen: dict[tuple, int] = {}
    out = list(amounts)
    for i, a in enumerate(amounts):
        if a.vnd is None:
            continue
        original = None
        if i and out[i - 1].vnd == a.vnd and cues.restated.fullmatch(text, out[i - 1].end, a.start):
            original = i - 1
        key = (a.vnd, a.role, a.programme, a.project, a.year, a.place)
        if original is None and a.role in SUMMED_ROLES and key in seen:
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
