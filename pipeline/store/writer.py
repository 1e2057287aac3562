"""Write extraction results to SQLite, re-runnable, one savepoint per document.

A rendering's id is the first 16 hex digits of the sha256 of its bytes. `sources` maps each
path to the document it holds, with the size, mtime and extractor version it was last
ingested with, which is what lets a re-ingest skip an unchanged path with one primary-key
lookup and no read.

One document can reach us as several renderings (a PDF from one portal, a web copy from
another): same number/symbol, issuer and issue date, different bytes. Those share an
`identity_key`, are stored as one document with several sources, and keep the facts of one
rendering only, chosen by `preferred` (format, then bytes), never by arrival order, so that
any order of ingestion, or a run killed and resumed, gives the same rows. The identity is
only a claim: a rendering joins a document only when their texts agree
(identity.text_similarity >= identity.SAME_TEXT) and so do their amounts
(identity.figures_agree); otherwise both are kept, and the pair is
recorded in `conflicts` (one row each way, with the similarity) for the document pages.

The work is split so that the costly part can run anywhere: rows.prepare turns a result
into plain rows (in a worker process, or on a Dask worker), `write_rows` stores them (in
the one process that owns the database).
"""
from __future__ import annotations

import contextlib
import json
import os
from collections import Counter
from dataclasses import dataclass

import sqlite_utils

from ..models import ExtractionResult
from ..printable import storable
from .identity import SAME_TEXT, figures_agree, resolve, shingles, similarity, text_similarity
from .rows import TableRows, now, prepare
from .schema import ensure_schema, mention_tables, stored_table


def open_db(path: str | os.PathLike) -> sqlite_utils.Database:
    """Open (creating if needed) a vanban database, in WAL mode so Datasette can read while
    ingest writes."""
    db = sqlite_utils.Database(path)
    if str(path) != ":memory:":
        # Lets a bulk merge give back the pages the full-text indexes' merges freed
        # (store.shards). SQLite takes it only before the first table is created, so a
        # database created by an earlier version keeps its free pages for later writes.
        db.execute("pragma auto_vacuum = incremental")
        db.enable_wal()
        # In WAL mode this still survives a killed process (only a power cut can lose the
        # last commits), and saves an fsync per transaction.
        db.execute("pragma synchronous = normal")
    ensure_schema(db)
    return db



# Which rendering's facts a document keeps: born-digital text before a web page's, before
# a PDF's (whose text layer, or OCR, is the least faithful); then the smallest sha256, an
# arbitrary but order-free tie-break.
FORMAT_PREFERENCE = {"docx": 0, "txt": 1, "md": 1, "html": 2, "pdf": 3}


def preferred(a: dict, b: dict) -> bool:
    """Whether rendering `a` (a documents or sources row) is kept over `b`."""
    def rank(r: dict) -> tuple:
        return FORMAT_PREFERENCE.get(r["format"], 9), r["sha256"]
    return rank(a) < rank(b)


# ----------------------------------------------------------------------- writes
def is_unchanged(db: sqlite_utils.Database, path: str, sha256: str, extractor_version: str) -> bool:
    """True when `path` was last stored with these bytes by this extractor version."""
    row = db.execute(
        "select 1 from sources where path = ? and sha256 = ? and extractor_version = ?",
        [str(path), sha256, extractor_version],
    ).fetchone()
    return row is not None


def source_row(db: sqlite_utils.Database, path: str) -> dict | None:
    """The stored `sources` row of a path (sha256, size, mtime, document_id, …), if any."""
    # Plain SQL here and below: each db[table] of sqlite-utils first lists the schema's
    # views, and its delete_where checks the table exists, a third of the statements of
    # a document's write.
    cursor = db.execute("select * from sources where path = ?", [storable(path)])
    row = cursor.fetchone()
    return dict(zip((c[0] for c in cursor.description), row)) if row else None


@dataclass(frozen=True)
class StoredState:
    """What ingest needs to decide whether to read a path at all. `failed` is true when its
    last attempt is in ingest_errors, so a failure is retried even if an older good
    extraction of the same file is stored."""
    size: int
    mtime_ns: int | None
    sha256: str
    extractor_version: str
    failed: bool


def stored_state(db: sqlite_utils.Database, path: str) -> StoredState | None:
    """The stored state of a path, in one indexed lookup."""
    row = db.execute(
        """select s.size, s.mtime_ns, s.sha256, s.extractor_version,
                  exists(select 1 from ingest_errors e where e.path = s.path)
           from sources s where s.path = ?""", [storable(path)]).fetchone()
    return StoredState(*row[:4], failed=bool(row[4])) if row else None


def stored_paths(db: sqlite_utils.Database) -> list[str]:
    """Every path the database knows: stored, or failed on its last attempt."""
    return [r[0] for r in db.execute("select path from sources union select path from ingest_errors")]


def touch_source(db: sqlite_utils.Database, path: str, size: int, mtime_ns: int) -> None:
    """A file whose bytes are unchanged but whose mtime moved (copied, touched): remember the
    new stat so the next run skips it without hashing."""
    with db.atomic():
        db.execute("update sources set size = ?, mtime_ns = ?, mtime = ? where path = ?",
                   [size, mtime_ns, mtime_ns / 1e9, storable(path)])
        db["ingest_errors"].delete_where("path = ?", [storable(path)])


def write_result(db: sqlite_utils.Database, result: ExtractionResult, path: str,
                 mtime: float | None = None) -> str:
    """Store one result, replacing every earlier row of its document and of `path`, in one
    transaction; returns the id of the document `path` now holds."""
    rows = prepare(result, path)
    if mtime is not None:
        rows["source"]["mtime"] = mtime
    return write_rows(db, rows)[0]


def write_rows(db: sqlite_utils.Database, rows: dict, atomic: bool = True) -> tuple[str, list[str]]:
    """Store what `prepare` made, atomically (a savepoint when inside a transaction). With
    `atomic` false no savepoint is taken: the caller rolls back the whole transaction if this
    raises.

    Returns the id of the document the path now holds, and the paths whose rows had to be
    dropped because the rendering their document's facts came from is gone: re-extract those
    (until then they are absent, exactly as if never ingested, so a crash here is harmless)."""
    document, source = rows["document"], rows["source"]
    path = source["path"]
    with db.atomic() if atomic else contextlib.nullcontext():
        keys = {document["number_key"]} - {None}
        identities = {document["identity_key"]} - {None}
        before = source_row(db, path)
        orphans: list[str] = []
        if before:
            db.execute("delete from sources where path = ?", [path])
            keys |= _document_values(db, "number_key", [before["document_id"]])
            identities |= _document_values(db, "identity_key", [before["document_id"]])
            orphans = _release(db, before["document_id"])
        existing = _existing(db, document, _vnd_values(rows["mentions"]))
        if existing is None or existing["id"] == document["id"] or preferred(document, existing):
            doc = document["id"]
            if existing is not None:
                keys |= _document_values(db, "number_key", [existing["id"]])
                _delete_document(db, existing["id"])
            _insert(db, "documents", [document])
            for table, mention in rows["mentions"].items():
                _insert_values(db, table, mention)
            if existing is not None and existing["id"] != doc:
                db.execute("update sources set document_id = ? where document_id = ?", [doc, existing["id"]])
        else:
            doc = existing["id"]
        _insert(db, "sources", [{**source, "document_id": doc}])
        db.execute("delete from ingest_errors where path = ?", [path])
        _record_conflicts(db, identities)
        relink(db, [doc], keys)
    orphans = [p for p in orphans if p != path]
    return doc, orphans


def _insert(db: sqlite_utils.Database, table: str, rows: list[dict]) -> None:
    if rows:
        _insert_values(db, table, TableRows(tuple(rows[0]), [tuple(row.values()) for row in rows]))


def _insert_values(db: sqlite_utils.Database, table: str, rows: TableRows) -> None:
    # Plain executemany: prepare() already made every value a SQLite value, and
    # sqlite-utils' insert_all, which checks each one again, took half of a write.
    columns, values = rows.columns, rows.values
    if values:
        sql = (f"insert into [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
               f"values ({', '.join('?' for _ in columns)})")
        db.conn.executemany(sql, values)


def _existing(db: sqlite_utils.Database, document: dict, amounts: Counter) -> dict | None:
    """The stored document this rendering is: the same bytes, or the same identity, a text
    that agrees and amounts that agree (the most similar text if several do; then the
    smallest id). `amounts` are the rendering's VND values (`_vnd_values`)."""
    row = db.execute("select id, format, sha256 from documents where id = ?", [document["id"]]).fetchone()
    if row is None and document.get("identity_key"):
        candidates = db.execute("select id, format, sha256, text from documents where identity_key = ? "
                                "order by id", [document["identity_key"]]).fetchall()
        best, own = -1.0, shingles(document.get("text")) if candidates else None
        for candidate in candidates:
            agreement = similarity(own, shingles(candidate[3]))
            if agreement >= SAME_TEXT and agreement > best and figures_agree(amounts, _stored_vnd(db, candidate[0])):
                row, best = candidate[:3], agreement
    return dict(zip(("id", "format", "sha256"), row)) if row else None


def _vnd_values(mentions: dict) -> Counter:
    """The VND values among a rendering's prepared amounts rows."""
    amounts = mentions.get(stored_table("amounts"))
    if amounts is None or "vnd" not in amounts.columns:
        return Counter()
    i = amounts.columns.index("vnd")
    return Counter(row[i] for row in amounts.values if row[i] is not None)


def _stored_vnd(db: sqlite_utils.Database, doc: str) -> Counter:
    return Counter(vnd for (vnd,) in db.execute(
        f"select vnd from [{stored_table('amounts')}] where document_id = ? and vnd is not null", [doc]))


def _record_conflicts(db: sqlite_utils.Database, identities: set[str]) -> None:
    """Rewrite the `conflicts` rows of these identities: every pair of stored documents that
    share one (they were not merged, so their texts disagree), both ways."""
    for identity in sorted(identities):
        db.execute("delete from conflicts where identity_key = ?", [identity])
        docs = db.execute("select id, text from documents where identity_key = ? order by id",
                          [identity]).fetchall()
        rows = []
        for i, (a, text_a) in enumerate(docs):
            for b, text_b in docs[i + 1:]:
                similarity = text_similarity(text_a, text_b)
                rows += [(a, b, identity, similarity), (b, a, identity, similarity)]
        if rows:
            db.conn.executemany("insert into conflicts (document_id, other_id, identity_key, similarity) "
                                "values (?, ?, ?, ?)", rows)


def _release(db: sqlite_utils.Database, doc: str) -> list[str]:
    """After a path stopped holding `doc`: drop the document if nothing holds it, or if the
    rendering its facts came from is no longer among its sources (then the remaining paths
    are dropped too and returned, for re-extraction)."""
    sha = db.execute("select sha256 from documents where id = ?", [doc]).fetchone()
    holders = db.execute("select path, sha256 from sources where document_id = ?", [doc]).fetchall()
    if sha and any(h[1] == sha[0] for h in holders):
        return []
    _delete_document(db, doc)
    db.execute(f"update [{stored_table('citations')}] set cited_document_id = null where cited_document_id = ?", [doc])
    db.execute(f"update [{stored_table('effects')}] set target_document_id = null where target_document_id = ?",
               [doc])
    db.execute("delete from sources where document_id = ?", [doc])
    return [h[0] for h in holders]


def remove_source(db: sqlite_utils.Database, path: str) -> list[str]:
    """Forget a path (a file deleted from the corpus), and its document if no other path
    holds it; returns the paths to re-extract (see write_rows)."""
    with db.atomic():
        before = source_row(db, path)
        db["sources"].delete_where("path = ?", [storable(path)])
        db["ingest_errors"].delete_where("path = ?", [storable(path)])
        if not before:
            return []
        keys = _document_values(db, "number_key", [before["document_id"]])
        identities = _document_values(db, "identity_key", [before["document_id"]])
        orphans = _release(db, before["document_id"])
        _record_conflicts(db, identities)
        _relink(db, "lookup_key in (select value from json_each(?))", [json.dumps(sorted(keys))])
        _relink_effects(db, "target_lookup_key in (select value from json_each(?))", [json.dumps(sorted(keys))])
    return orphans


def record_error(db: sqlite_utils.Database, path: str, reason: str, sha256: str | None = None) -> None:
    """Note that `path` failed; the last good extraction of it, if any, stays."""
    with db.atomic():
        db["ingest_errors"].upsert({"path": storable(path), "error": reason, "sha256": sha256, "at": now()},
                                   pk="path")


def clear_error(db: sqlite_utils.Database, path: str) -> None:
    with db.atomic():
        db["ingest_errors"].delete_where("path = ?", [str(path)])


def link_citations(db: sqlite_utils.Database) -> int:
    """Point every citation at the document it cites when we hold exactly one that fits (the
    folded number key, then the issuer and date the citation gives; see _relink); returns how
    many are linked. The reverse, "cited by", is the same join."""
    with db.atomic():
        _relink(db)
        _relink_effects(db)
    return db.execute("select count(*) from citations where cited_document_id is not null").fetchone()[0]


def relink(db: sqlite_utils.Database, documents: list[str], keys: set[str]) -> None:
    """Relink the citations and effects of `documents`, and those that name one of the number
    `keys` (whose holders changed)."""
    params = [json.dumps(sorted(documents)), json.dumps(sorted(keys))]
    _relink(db, "document_id in (select value from json_each(?)) "
                "or lookup_key in (select value from json_each(?))", params)
    _relink_effects(db, "document_id in (select value from json_each(?)) "
                        "or target_lookup_key in (select value from json_each(?))", params)


def _document_values(db: sqlite_utils.Database, column: str, ids: list[str | None]) -> set[str]:
    """The values of `column` (number_key, identity_key) among the documents `ids`."""
    wanted = [i for i in ids if i]
    if not wanted:
        return set()
    marks = ", ".join("?" for _ in wanted)
    rows = db.execute(f"select {column} from documents where id in ({marks}) and {column} is not null",
                      wanted).fetchall()
    return {r[0] for r in rows}


def _delete_document(db: sqlite_utils.Database, doc: str) -> None:
    for table in mention_tables():
        db.execute(f"delete from [{stored_table(table)}] where document_id = ?", [doc])
    db.execute("delete from documents where id = ?", [doc])


def _relink_effects(db: sqlite_utils.Database, where: str = "1", params: list | None = None) -> None:
    """Link the targets of the effects selected by `where` as _relink links citations: the
    one held document of that number whose issuer and date agree with what the act says."""
    effects = db.execute(
        f"select rowid, document_id, target_lookup_key, target_issuer, target_date from [{stored_table('effects')}] "
        f"where target_lookup_key is not null and ({where})", params or []).fetchall()
    _link_rows(db, stored_table("effects"), "target_document_id", effects)


def _relink(db: sqlite_utils.Database, where: str = "1", params: list | None = None) -> None:
    """Resolve the citations selected by `where` (over citations' columns): among the
    documents holding the cited number, those whose issuer and date agree with what the
    citation says (identity.resolve); one is linked, several make the citation ambiguous and
    link none, so no choice depends on ids or ingest order. A document never cites itself."""
    citations = db.execute(
        f"select rowid, document_id, lookup_key, issuer_name, date from [{stored_table('citations')}] "
        f"where lookup_key is not null and ({where})", params or []).fetchall()
    _link_rows(db, stored_table("citations"), "cited_document_id", citations)


def _link_rows(db: sqlite_utils.Database, table: str, column: str, citations: list) -> None:
    """Set `column`, link_status and link_candidates of `table`'s rows, given as (rowid,
    citing document, number key, issuer, date)."""
    holders: dict[str, list[tuple]] = {}
    wanted = sorted({c[2] for c in citations})
    if wanted:
        for doc, key, issuer, issued in db.execute(
                "select id, number_key, issuer, issued_date from documents "
                "where number_key in (select value from json_each(?)) order by id", [json.dumps(wanted)]):
            holders.setdefault(key, []).append((doc, issuer, issued))
    updates = []
    for rowid, citing, key, issuer, date in citations:
        candidates = [h for h in holders.get(key, []) if h[0] != citing]
        updates.append((*resolve(issuer, date, candidates), rowid))
    db.conn.executemany(f"update [{table}] set [{column}] = ?, link_status = ?, link_candidates = ? "
                        "where rowid = ?", updates)
