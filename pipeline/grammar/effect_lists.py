"""The documents an act names in a list rather than in its own clause: the items after a
colon ("Bãi bỏ các văn bản sau đây:" ⏎ "a) Nghị định số …"), and the documents joined by
";" before an end ("Nghị định số …; Nghị định số … hết hiệu lực"). effects.py reads the
act; these say which citations it reaches."""
from __future__ import annotations

from ..text.sentences import SentenceIndex
from .effect_grammar import grammar
from .function_words import words as function_words
from .validity import Document

# How far back a quotation opened before a list may stand ("Điều 4 … quy định như sau:
# “Điều 4. … 2. Thay thế … sau đây:"): a quoted provision is another document's act.
_QUOTE_REACH = 3000
_OPEN_QUOTE, _CLOSE_QUOTE = "\u201c", "\u201d"


def listed_before(doc: Document, clause_start: int, clause_end: int, sentences: SentenceIndex) -> list[int]:
    """The documents listed before a clause that opens with one and is cut from them at
    ";" ("Nghị định số 08/2016/NĐ-CP …, Nghị định số 69/2020/NĐ-CP …; Nghị định số
    115/2021/NĐ-CP … hết hiệu lực"), a line wrapped or not: of each piece before it, the
    citations before its own verb (the rest stand in their titles). Every piece back to
    the run's start must open with a citation: "Các thủ tục hành chính đã công bố tại các
    Quyết định số …; Quyết định số … hết hiệu lực" ends no document listed."""
    p = grammar()
    text = doc.text
    found: list[int] = []
    start = clause_start
    if not _opens_with_cite(doc, start, clause_end):
        return found
    while True:
        gap = start
        while gap and text[gap - 1] in " \t\n":
            gap -= 1
        if gap == 0 or text[gap - 1] != ";" or text.count("\n", gap, start) > 1:
            return found
        end = gap - 1
        start = max(sentences.bounds(end)[0], text.rfind(";", 0, end) + 1)
        # a piece saying something of its own ("… được thực hiện đến hết năm 2025;",
        # "… có hiệu lực từ …;") is no item of a list
        if not _opens_with_cite(doc, start, end) or p.passive.search(text, start, end) \
                or p.in_force.search(text, start, end):
            return []
        verb = p.verb.search(text, start, end)
        found = doc.cites_in(start, verb.start() if verb else end) + found


def first_cite_lead(doc: Document, start: int, end: int) -> tuple[int, str] | None:
    """The first citation in text[start:end] and the words before it, without its type word
    and "số" ("2. Nghị định số …" -> "2."); None when none is cited there."""
    inside = doc.cites_in(start, end)
    if not inside:
        return None
    lead = doc.text[start:doc.cites[inside[0]].start].rstrip().removesuffix(function_words().number)
    typed = grammar().type_end.search(lead)
    return inside[0], lead[:typed.start()] if typed else lead


def _opens_with_cite(doc: Document, start: int, end: int) -> bool:
    """Whether text[start:end] opens with a citation, after a list marker and its type
    word at most ("2. Nghị định số …")."""
    found = first_cite_lead(doc, start, end)
    return found is not None and grammar().opening.match(found[1]) is not None


def listed_targets(doc: Document, verb_end: int, clause_start: int, clause_end: int,
                   sentences: SentenceIndex) -> dict[int, int]:
    """The targets listed after a clause ending in a colon ("Bãi bỏ các văn bản sau đây:"):
    of each item ("a) Nghị định số …", "2. Thông tư số …"), the first citation, with where
    its scope starts (after the marker). The items are the sentences after the clause that
    open with markers of one kind; an item that opens with its own verb ("1. Bãi bỏ khoản 1
    Điều 12 Nghị định số …") acts itself and is not listed."""
    p = grammar()
    text = doc.text
    if not p.list_end.search(text, verb_end, clause_end) or _quoted(text, clause_start):
        return {}
    items: dict[int, int] = {}
    kind, pos = None, clause_end
    while pos < len(text):
        s, e = sentences.bounds(pos)
        marker = p.list_item.match(text, s, e)
        if marker is None or kind not in (None, marker.lastgroup):
            break
        kind, pos = marker.lastgroup, e
        inside = doc.cites_in(marker.end(), e)
        if inside and p.verb.search(text, marker.end(), doc.cites[inside[0]].start) is None:
            items[inside[0]] = marker.end()
    return items


def _quoted(text: str, at: int) -> bool:
    """Whether `at` stands inside a quotation opened not far before it."""
    lo = max(0, at - _QUOTE_REACH)
    return text.rfind(_OPEN_QUOTE, lo, at) > text.rfind(_CLOSE_QUOTE, lo, at)
