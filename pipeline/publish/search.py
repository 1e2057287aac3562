"""The one search box: a number lookup when the query names a document number, else a
full-text search of the folded text (or the exact text) with the citations and figures
whose sentences match.

    run_search(conn, "qd 499")          -> mode "number": documents with that number and
                                           the citations of it
    run_search(conn, "quyet dinh")      -> mode "text": documents ranked by FTS, snippets,
                                           matching citation sentences, amounts and figures
"""
from __future__ import annotations

import re
import sqlite3

from ..store import FTS_EXACT, FTS_FOLDED, FTS_MAX_WORDS, fts_words
from .. import symbol_lookup as symbols
from ..text.fold import fold
from .labels import QUERY_TOO_LONG, QUERY_TOO_MANY_WORDS
from .limits import QueryRejected

# FTS snippets come back with these around each hit; they cannot occur in a document's
# text, so the page can escape the snippet first and only then turn them into <mark>.
HIT_OPEN, HIT_CLOSE = "\x02", "\x03"
LIMIT = 50
# Bounds on what a person types. A document number or a subject line fits in 200 characters
# and 24 different words; a 4,000-character query made an FTS expression that ran for
# seconds and a LIKE chain SQLite refused ("Expression tree is too large").
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = FTS_MAX_WORDS
# Rows a number lookup reads before key_matches filters them in Python, and rows it shows;
# a short number ('1') prefixes many keys.
NUMBER_CANDIDATES = 2000
NUMBER_SHOWN = 200
DOCUMENTS_SHOWN = 200
# Control characters (NUL included) are never part of a query; they become spaces.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_query(text: str | None) -> str:
    """The query as typed, without control characters or surrounding space."""
    return CONTROL.sub(" ", text or "").strip()


def query_words(query: str, exact: bool = False) -> list[str]:
    """The distinct words to search for, in order (folded unless `exact`): repeating a word
    changes nothing in an AND search, so it does not count against the word limit."""
    return list(dict.fromkeys(re.findall(r"\w+", query if exact else fold(query))))


def check_query(query: str, exact: bool = False) -> None:
    """Raise QueryRejected, with the message the page shows, for a query out of bounds."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryRejected(QUERY_TOO_LONG.format(limit=MAX_QUERY_CHARS, length=len(query)))
    count = len(query_words(query, exact))
    if count > MAX_QUERY_WORDS:
        raise QueryRejected(QUERY_TOO_MANY_WORDS.format(limit=MAX_QUERY_WORDS, count=count))


def phrase_query(words: list[str]) -> str:
    """Each word quoted and required: FTS5 syntax in the input (NEAR, OR, -, ^, *, quotes)
    is never parsed as syntax; no word is the empty phrase, which matches nothing."""
    return " ".join(f'"{w}"' for w in words) or '""'


def exact_fts_query(text: str | None) -> str:
    """Each word quoted and required, marks kept (the exact index keeps them), at most
    FTS_MAX_WORDS distinct words: the canned exact search uses it as an SQL function."""
    return phrase_query(fts_words(text))


def looks_like_number(query: str) -> bool:
    # A register number plus at most a type word, a symbol or "số": 'qd 499', '499/QĐ-UBND',
    # 'quyết định số 499'. A query with a number among ordinary words ('năm 2023 giải ngân')
    # still tries the lookup and falls back to full text when nothing carries that number.
    return bool(re.search(r"\d", query)) and bool(symbols.lookup_parts(query).number)


def _rows(conn: sqlite3.Connection, sql: str, params) -> list[dict]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


def number_lookup(conn: sqlite3.Connection, query: str) -> dict:
    """Documents whose number is `query` in any spelling, and every citation of it."""
    number = symbols.lookup_parts(query).number
    params = {"q": query, "lo": number, "hi": number + "\U0010ffff", "candidates": NUMBER_CANDIDATES}
    documents = [r for r in _rows(conn, """
        select id, kind, number_symbol, issued_date, issuer, title
        from documents where number_key >= :lo and number_key < :hi
        order by issued_date desc limit :candidates""", params)
        if symbols.key_matches(r["number_symbol"], query)][:NUMBER_SHOWN]
    citations = [r for r in _rows(conn, """
        select c.document_id, c.seq, c.key, c.number_symbol as cited, c.relation, c.sentence,
               c.cited_document_id, d.kind, d.number_symbol, d.issued_date, d.title
        from citations c join documents d on d.id = c.document_id
        where c.lookup_key >= :lo and c.lookup_key < :hi
        order by d.issued_date desc, c.document_id, c.seq limit :candidates""", params)
        if symbols.key_matches(r["key"] or r["cited"], query)][:NUMBER_SHOWN]
    return {"documents": documents, "citations": citations}


def text_search(conn: sqlite3.Connection, query: str, exact: bool = False) -> dict:
    """Documents by FTS rank with a snippet, then citations, amounts and figures whose
    sentence holds every word (folded unless `exact`)."""
    fts = FTS_EXACT if exact else FTS_FOLDED
    words = query_words(query, exact)
    match = phrase_query(words)
    documents = _rows(conn, f"""
        select d.id, d.kind, d.number_symbol, d.issued_date, d.issuer, d.title, d.path,
               snippet({fts}, 1, '{HIT_OPEN}', '{HIT_CLOSE}', ' … ', 24) as snippet
        from {fts} f join documents d on d.rowid = f.rowid
        where {fts} match :match order by rank limit {DOCUMENTS_SHOWN}""", {"match": match})
    if not words:
        return {"documents": documents, "citations": [], "amounts": [], "figures": []}
    column = "x.sentence" if exact else "vanban_fold(x.sentence)"
    where = " and ".join(f"{column} like :w{i}" for i in range(len(words)))
    params = {f"w{i}": f"%{w}%" for i, w in enumerate(words)}
    found = {}
    for table, columns in (("citations", "x.number_symbol as value, x.relation as detail, x.cited_document_id"),
                           ("amounts", "x.text as value, x.vnd, x.role as detail, x.project"),
                           ("figures", "x.text as value, x.unit as detail")):
        found[table] = _rows(conn, f"""
            select x.document_id, x.sentence, {columns}, d.number_symbol, d.kind, d.title
            from {table} x join documents d on d.id = x.document_id
            where {where}
            order by d.issued_date desc, x.document_id, x.seq limit {LIMIT}""", params)
    return {"documents": documents, **found}


def run_search(conn: sqlite3.Connection, query: str, exact: bool = False) -> dict:
    """What the search page shows for `query`: its mode and the rows of each kind. Raises
    QueryRejected for a query out of bounds, before any SQL runs."""
    query = clean_query(query)
    check_query(query, exact)
    if not query:
        return {"mode": "empty", "query": query}
    if not exact and looks_like_number(query):
        found = number_lookup(conn, query)
        if found["documents"] or found["citations"]:
            return {"mode": "number", "query": query, **found}
    return {"mode": "exact" if exact else "text", "query": query, **text_search(conn, query, exact)}


__all__ = ["run_search", "clean_query", "check_query", "query_words", "phrase_query", "number_lookup",
           "text_search", "looks_like_number", "exact_fts_query", "MAX_QUERY_CHARS", "MAX_QUERY_WORDS",
           "HIT_OPEN", "HIT_CLOSE"]
