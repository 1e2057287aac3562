"""Write extraction results to SQLite, one document per transaction, re-runnable.

A document's id is the first 16 hex digits of the sha256 of its bytes, so the same bytes at
two paths are one document; `sources` maps each path to the document it held when last
ingested, which is what lets a re-ingest skip an unchanged path with one primary-key lookup.
"""
from __future__ import annotations

import datetime
import json
import os
import re
from collections.abc import Iterator

import sqlite_utils
from pydantic import BaseModel

from .. import symbols
from ..models import ExtractionResult
from ..normalize import fold
from .schema import ensure_schema, mention_tables


def open_db(path: str | os.PathLike) -> sqlite_utils.Database:
    """Open (creating if needed) a vanban database, in WAL mode so Datasette can read while
    ingest writes."""
    db = sqlite_utils.Database(path)
    if str(path) != ":memory:":
        db.enable_wal()
    ensure_schema(db)
    return db


# ------------------------------------------------------------------ lookup keys
def number_lookup_key(text: str | None) -> str:
    """The folded key any spelling of a number shares ('499/QĐ-UBND', '499/qđ-ubnd' ->
    '499qdubnd'); pipeline.symbols owns the grammar."""
    return symbols.lookup_key(text) if text else ""


def key_number(query: str | None) -> str:
    """The register number a query names: every lookup key starts with it, which lets SQL
    narrow by an index range before the slower key_matches."""
    return symbols.lookup_parts(query).number if query else ""


def key_matches(stored: str | None, query: str | None) -> bool:
    """Whether a stored number/symbol is what `query` names ('qd 499' names 499/QĐ-UBND)."""
    return bool(stored and query) and symbols.key_matches(stored, query)


def fts_query(text: str | None) -> str:
    """A folded FTS5 query that cannot be a syntax error: each word quoted, all required
    (nothing to search for is the empty phrase, which matches nothing)."""
    words = re.findall(r"\w+", fold(text or ""))
    return " ".join(f'"{w}"' for w in words) or '""'


# ------------------------------------------------------------------------ rows
def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def _cell(value):
    if isinstance(value, (tuple, list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _row(model: BaseModel) -> dict:
    return {name: _cell(getattr(model, name)) for name in type(model).model_fields}


def document_id(result: ExtractionResult) -> str:
    return result.source.sha256[:16]


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def document_row(result: ExtractionResult, path: str) -> dict:
    header = result.header
    fields = _row(header) if header else {}
    source = result.source
    return {
        "id": document_id(result), "path": path, "format": source.format,
        "sha256": source.sha256, "size": source.size, "pages": source.pages,
        "extractor_version": result.extractor_version, "ingested_at": _now(),
        **fields,
        "year": _year(header.issued_date if header else None),
        "number_key": number_lookup_key(header.number_symbol if header else None) or None,
        "title_folded": fold(header.title) if header and header.title else None,
        "text": result.text, "text_folded": fold(result.text),
        "flags": _cell(result.flags),
    }


def mention_rows(result: ExtractionResult) -> Iterator[tuple[str, list[dict]]]:
    doc = document_id(result)
    for table in mention_tables():
        rows = []
        for seq, item in enumerate(getattr(result, table)):
            row = {"document_id": doc, "seq": seq, **_row(item)}
            if table == "citations":
                row["lookup_key"] = number_lookup_key(item.key or item.number_symbol) or None
                row["cited_document_id"] = None
            rows.append(row)
        yield table, rows


# ----------------------------------------------------------------------- writes
def is_unchanged(db: sqlite_utils.Database, path: str, sha256: str, extractor_version: str) -> bool:
    """True when `path` was last stored with these bytes by this extractor version."""
    row = db.execute(
        """select 1 from sources s join documents d on d.id = s.document_id
           where s.path = ? and s.sha256 = ? and d.extractor_version = ?""",
        [str(path), sha256, extractor_version],
    ).fetchone()
    return row is not None


def source_row(db: sqlite_utils.Database, path: str) -> dict | None:
    """The stored `sources` row of a path (sha256, size, mtime, document_id), if any."""
    rows = list(db["sources"].rows_where("path = ?", [str(path)]))
    return rows[0] if rows else None


def write_result(db: sqlite_utils.Database, result: ExtractionResult, path: str,
                 mtime: float | None = None) -> str:
    """Store one result, replacing every earlier row of its document and of `path`, in one
    transaction; returns the document id."""
    path = str(path)
    doc = document_id(result)
    if mtime is None:
        try:
            mtime = os.stat(path).st_mtime
        except OSError:
            mtime = None
    row = document_row(result, path)
    with db.atomic():
        before = source_row(db, path)
        old_keys = _number_keys(db, [doc, before["document_id"] if before else None])
        _delete_document(db, doc)
        db["documents"].insert(row)
        for table, rows in mention_rows(result):
            if rows:
                db[table].insert_all(rows)
        db["sources"].upsert({"path": path, "document_id": doc, "sha256": result.source.sha256,
                              "size": result.source.size, "mtime": mtime,
                              "ingested_at": row["ingested_at"]}, pk="path")
        db["ingest_errors"].delete_where("path = ?", [path])
        if before and before["document_id"] != doc:
            _drop_if_orphaned(db, before["document_id"])
        _relink(db, "document_id = ? or lookup_key in (select value from json_each(?))",
                [doc, json.dumps(sorted(old_keys | ({row["number_key"]} - {None})))])
    return doc


def remove_source(db: sqlite_utils.Database, path: str) -> None:
    """Forget a path (a file deleted from the corpus), and its document if no other path
    holds the same bytes."""
    with db.atomic():
        before = source_row(db, path)
        db["sources"].delete_where("path = ?", [str(path)])
        db["ingest_errors"].delete_where("path = ?", [str(path)])
        if before:
            keys = _number_keys(db, [before["document_id"]])
            _drop_if_orphaned(db, before["document_id"])
            _relink(db, "lookup_key in (select value from json_each(?))", [json.dumps(sorted(keys))])


def record_error(db: sqlite_utils.Database, path: str, reason: str, sha256: str | None = None) -> None:
    """Note that `path` failed; the last good extraction of it, if any, stays."""
    with db.atomic():
        db["ingest_errors"].upsert({"path": str(path), "error": reason, "sha256": sha256, "at": _now()},
                                   pk="path")


def clear_error(db: sqlite_utils.Database, path: str) -> None:
    with db.atomic():
        db["ingest_errors"].delete_where("path = ?", [str(path)])


def link_citations(db: sqlite_utils.Database) -> int:
    """Point every citation at the document it cites when we hold one (matching the folded
    number key); returns how many are linked. The reverse, "cited by", is the same join."""
    with db.atomic():
        _relink(db)
    return db.execute("select count(*) from citations where cited_document_id is not null").fetchone()[0]


def _number_keys(db: sqlite_utils.Database, ids: list[str | None]) -> set[str]:
    wanted = [i for i in ids if i]
    if not wanted:
        return set()
    marks = ", ".join("?" for _ in wanted)
    rows = db.execute(f"select number_key from documents where id in ({marks}) and number_key is not null",
                      wanted).fetchall()
    return {r[0] for r in rows}


def _delete_document(db: sqlite_utils.Database, doc: str) -> None:
    for table in mention_tables():
        db[table].delete_where("document_id = ?", [doc])
    db["documents"].delete_where("id = ?", [doc])


def _drop_if_orphaned(db: sqlite_utils.Database, doc: str) -> None:
    held = db.execute("select 1 from sources where document_id = ? limit 1", [doc]).fetchone()
    if not held:
        _delete_document(db, doc)
        db.execute("update citations set cited_document_id = null where cited_document_id = ?", [doc])


def _relink(db: sqlite_utils.Database, where: str = "1", params: list | None = None) -> None:
    # Two files of one document (its PDF and its DOCX) share a number: the smallest id wins,
    # so the choice does not depend on ingest order. A document never cites itself.
    db.execute(
        f"""update citations set cited_document_id = (
              select min(d.id) from documents d
              where d.number_key = citations.lookup_key and d.id != citations.document_id
            ) where {where}""",
        params or [],
    )


# ------------------------------------------------------------------------ reads
def citing_documents(db: sqlite_utils.Database, key: str) -> Iterator[dict]:
    """Citations of `key` (any spelling) with the citing document's number, date and path."""
    _register_functions(db)
    yield from db.query(WHO_CITES_SQL, {"key": key})


def document_references(db: sqlite_utils.Database, document: str) -> Iterator[dict]:
    """What a document cites; `document` is its id, a path of it, or its number."""
    doc = resolve_document(db, document)
    if doc:
        yield from db.query(REFS_SQL, {"document_id": doc})


def resolve_document(db: sqlite_utils.Database, document: str) -> str | None:
    for sql, arg in (("select id from documents where id = ?", document),
                     ("select document_id from sources where path = ?", str(document)),
                     ("select min(id) from documents where number_key = ?", number_lookup_key(document))):
        row = db.execute(sql, [arg]).fetchone()
        if row and row[0]:
            return row[0]
    return None


def _register_functions(db: sqlite_utils.Database) -> None:
    register_functions(db.conn)


def register_functions(conn) -> None:
    """The SQL functions the canned queries use, on a sqlite3 connection."""
    for name, (arity, fn) in SQL_FUNCTIONS.items():
        conn.create_function(name, arity, fn, deterministic=True)


SQL_FUNCTIONS = {
    "vanban_fold": (1, lambda text: fold(text) if text is not None else None),
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
