"""Reading the store: the folded lookup keys every spelling of a number shares, the SQL
functions the canned queries use (registered on any sqlite3 connection), and the two
questions legal staff ask first: who cites this, and what does this cite."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import sqlite_utils

from ..grammar import symbol_lookup
from ..text.fold import fold

# ------------------------------------------------------------------ lookup keys
# Cached: the same few hundred numbers (1719/QĐ-TTg, the programme's decisions) are cited
# over and over, and parsing one takes some 40 us.
@lru_cache(maxsize=8192)
def number_lookup_key(text: str | None) -> str:
    """The folded key any spelling of a number shares ('499/QĐ-UBND', '499/qđ-ubnd' ->
    '499qdubnd'); pipeline.grammar.symbol_lookup makes them."""
    return symbol_lookup.lookup_key(text) if text else ""


def key_number(query: str | None) -> str:
    """The register number a query names: every lookup key starts with it, which lets SQL
    narrow by an index range before the slower key_matches."""
    return symbol_lookup.lookup_parts(query).number if query else ""


def key_matches(stored: str | None, query: str | None) -> bool:
    """Whether a stored number/symbol is what `query` names ('qd 499' names 499/QĐ-UBND)."""
    return bool(stored and query) and symbol_lookup.key_matches(stored, query)


# Words an FTS query keeps: a search needs a few, and an expression of 2,000 phrases (a
# 4,000-character query) ran for 12 s on the demo database.
FTS_MAX_WORDS = 24


def fts_words(text: str | None) -> list[str]:
    """The distinct words of `text` in order, the first FTS_MAX_WORDS of them (a repeated
    word changes nothing in an AND query)."""
    return list(dict.fromkeys(re.findall(r"\w+", text or "")))[:FTS_MAX_WORDS]


def fts_query(text: str | None) -> str:
    """A folded FTS5 query that cannot be a syntax error: each word quoted, all required
    (nothing to search for is the empty phrase, which matches nothing); bounded by
    FTS_MAX_WORDS, so a canned search stays quick whatever is typed."""
    words = fts_words(fold(text or ""))
    return " ".join(f'"{w}"' for w in words) or '""'


# ------------------------------------------------------------------------ reads
def citing_documents(db: sqlite_utils.Database, key: str) -> Iterator[dict]:
    """Citations of `key` (any spelling) with the citing document's number, date and path."""
    _register_functions(db)
    yield from db.query(WHO_CITES_SQL, {"key": key})


def document_references(db: sqlite_utils.Database, document: str) -> Iterator[dict]:
    """What a document cites; `document` is its id, a path of it, or its number in any
    spelling that names one document only (see documents_named)."""
    doc = resolve_document(db, document)
    if doc:
        yield from db.query(REFS_SQL, {"document_id": doc})


def resolve_document(db: sqlite_utils.Database, document: str) -> str | None:
    """The id of the one document `document` names, or None if it names none or several."""
    named = documents_named(db, document)
    return named[0] if len(named) == 1 else None


def documents_named(db: sqlite_utils.Database, document: str) -> list[str]:
    """The ids of the documents `document` names: its id, a path of it, its number as stored
    ('86/KH-UBND', '86/kh-ubnd'), else every document whose number the spelling fits the way
    `cites` reads a key ('kh 86', 'qd 499'), which may be several."""
    for sql, arg in (("select id from documents where id = ?", document),
                     ("select document_id from sources where path = ?", str(document)),
                     ("select min(id) from documents where number_key = ?", number_lookup_key(document))):
        row = db.execute(sql, [arg]).fetchone()
        if row and row[0]:
            return [row[0]]
    number = key_number(document)
    if not number:
        return []
    rows = db.execute("select id, number_symbol from documents where number_key >= ? and number_key < ? "
                      "|| char(1114111) order by id", [number, number]).fetchall()
    return [doc for doc, stored in rows if key_matches(stored, document)]


def _register_functions(db: sqlite_utils.Database) -> None:
    register_functions(db.conn)


def register_functions(conn) -> None:
    """The SQL functions the canned queries use, on a sqlite3 connection."""
    for name, (arity, fn) in SQL_FUNCTIONS.items():
        conn.create_function(name, arity, fn, deterministic=True)


def _fold_cell(text: str | None) -> str | None:
    """vanban_fold: `fold` of a cell. A sentence is folded once for each of its facts (a
    table row of three amounts of one sentence folds it three times), so short cells are
    remembered; a whole text is not."""
    if text is None:
        return None
    return _fold_short(text) if len(text) <= _REMEMBERED_CHARS else fold(text)


_REMEMBERED_CHARS = 2000
_fold_short = lru_cache(maxsize=4096)(fold)


SQL_FUNCTIONS = {
    "vanban_fold": (1, _fold_cell),
    "vanban_key": (1, lambda text: number_lookup_key(text) if text is not None else None),
    "vanban_key_number": (1, key_number),
    "vanban_key_match": (2, lambda stored, query: int(key_matches(stored, query))),
    "vanban_fts_query": (1, fts_query),
}

# Shared by the CLI and the Datasette canned queries (which see the same SQL functions).
WHO_CITES_SQL = """select
  c.document_id, d.number_symbol, d.kind, d.issued_date, d.issuer, d.title, d.path,
  c.number_symbol as cited, c.relation, c.pinpoint, c.sentence, c.cited_document_id
from citations c join documents d on d.id = c.document_id
where c.lookup_key = vanban_key(:key)
   or (vanban_key_number(:key) != ''
       and c.lookup_key >= vanban_key_number(:key) and c.lookup_key < vanban_key_number(:key) || char(1114111)
       and vanban_key_match(c.key, :key))
order by d.issued_date desc, c.document_id, c.seq"""

REFS_SQL = """select
  c.seq, c.text, c.number_symbol, c.kind, c.date, c.issuer_name, c.relation, c.pinpoint,
  c.sentence, c.cited_document_id, cited.title as cited_title
from citations c left join documents cited on cited.id = c.cited_document_id
where c.document_id = :document_id
order by c.seq"""
