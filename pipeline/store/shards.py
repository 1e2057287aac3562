"""The bulk write path: a large batch's rows go first into shard files, plain SQLite tables
without indexes or full-text triggers, cheap to append to; `merge_shards` then moves them
into the database in large transactions and relinks once per transaction instead of once
per document.

The result is the live path's (writer.write_rows), row for row: documents are merged in
path order, and a document the identity rules have a say on (its bytes or its identity
already stored or staged twice, its path stored before) goes through write_rows itself, in
its place in that order. The rest, nearly every document of a new folder, is copied with
INSERT ... SELECT; the full-text triggers fill both indexes as they do for a live write
(the folded one from its folded source, đ written d).

Crash safety: a shard holds only committed documents, and each merge transaction is whole
or absent; merging skips a path whose stored source is the very one the shard holds (the
same bytes, extractor and preparation time), so a shard merged in part, or merged and
killed before it was emptied, is merged again to the same result, never twice.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

import sqlite_utils

from .rows import TableRows
from .schema import mention_tables, stored_table, table_columns
from .writer import relink, write_rows

# Documents per merge transaction: large enough that relinking and committing are paid
# rarely, small enough that the WAL of one transaction stays a few hundred MB.
MERGE_DOCUMENTS = 5000
# The shard's mention rows also name the path whose extraction they come from: two paths
# with the same bytes are one document id, each with its own rows in the shard.
SHARD_PATH = "shard_path"


def _mention_tables() -> list[str]:
    """The stored mention tables: a shard holds each under the database's name for it."""
    return [stored_table(name) for name in mention_tables()]


def _tables() -> dict[str, tuple[str, ...]]:
    columns = table_columns()
    return {name: tuple(columns[name]) for name in ("documents", *_mention_tables(), "sources")}


class ShardWriter:
    """Appends prepared rows (rows.prepare) to one shard file, a transaction per call."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.conn = sqlite3.connect(self.path, isolation_level=None)
        # Worker processes may share a shard: each waits for the other's short transaction.
        self.conn.execute("pragma busy_timeout = 600000")
        self.conn.execute("pragma journal_mode = wal")
        # A kill -9 loses nothing the OS was handed; only a power cut could, and the paths
        # a shard loses are extracted again (they are not in `sources`).
        self.conn.execute("pragma synchronous = off")
        mentions = _mention_tables()
        for table, columns in _tables().items():
            extra = (SHARD_PATH,) if table in mentions else ()
            self.conn.execute(f"create table if not exists [{table}] "
                              f"({', '.join(f'[{c}]' for c in (*columns, *extra))})")

    def add(self, batch: Iterable[dict], each: Callable[[], None] = lambda: None) -> None:
        """Append the documents of `batch` in one transaction; `each` is called after each
        document's rows are in (the crash test's kill point)."""
        self.conn.execute("begin immediate")
        try:
            for rows in batch:
                path = rows["source"]["path"]
                self._insert("documents", [rows["document"]])
                for table, mention in rows["mentions"].items():
                    if mention.values:
                        self._insert_values(table, (*mention.columns, SHARD_PATH),
                                            [(*v, path) for v in mention.values])
                self._insert("sources", [rows["source"]])
                each()
            self.conn.execute("commit")
        except BaseException:
            self.conn.execute("rollback")
            raise

    def _insert(self, table: str, rows: list[dict]) -> None:
        self._insert_values(table, tuple(rows[0]), [tuple(r.values()) for r in rows])

    def _insert_values(self, table: str, columns: tuple[str, ...], values: list[tuple]) -> None:
        self.conn.executemany(f"insert into [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
                              f"values ({', '.join('?' for _ in columns)})", values)

    def close(self) -> None:
        self.conn.close()


def remove_shard(path: str | Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# The merging connection's page cache while it merges, at most MERGE_CACHE_KIB: an eighth
# of the database file, never less than the cache it had. A merge writes thousands of
# documents per transaction into the mention tables' indexes and the full-text indexes,
# which outgrow the writer's cache as the database grows (merging 2,000 documents into
# 16,000 cost 8 % less CPU with 256 MB than with 32 MB); a small database gains nothing
# from a large cache, and ingest keeps its memory bar. It is the writer's again once the
# merge is done.
MERGE_CACHE_KIB = 256 * 1024

# Shards merged together, one attached database each (SQLite attaches 10 at most, and the
# connection holds the main one).
MERGED_AT_ONCE = 8


def merge_shards(db: sqlite_utils.Database, shards: list[Path],
                 checkpoint: Callable[[str], None] = lambda point: None) -> list[str]:
    """Move the documents of `shards` into `db`, in path order across them, MERGE_DOCUMENTS
    per transaction; returns the paths to extract again (write_rows' orphans). More than
    MERGED_AT_ONCE shards are merged in groups, each in path order. `checkpoint` is called
    with "inserted" inside each transaction once its rows are in, "linked" once relinked,
    and "committed" after each commit (the crash test's kill points). A shard an earlier
    version wrote, whose tables are not this version's, is removed unmerged: its paths are
    not in `sources`, so the run extracts them again."""
    orphans: list[str] = []
    for stale in [shard for shard in shards if not _is_current(shard)]:
        remove_shard(stale)
    shards = [shard for shard in shards if shard.exists()]
    cache = db.conn.execute("pragma cache_size").fetchone()[0]
    db.conn.execute(f"pragma cache_size = -{_merge_cache_kib(db, cache)}")
    try:
        for first in range(0, len(shards), MERGED_AT_ONCE):
            orphans += _merge_group(db, shards[first:first + MERGED_AT_ONCE], checkpoint)
    finally:
        db.conn.execute(f"pragma cache_size = {cache}")
    if shards:
        _give_back_free_pages(db)
    return orphans


def _give_back_free_pages(db: sqlite_utils.Database) -> None:
    """Truncate the file by its free pages. The full-text indexes merge their segments as
    they grow, and the pages of the segments merged are free at the end (a tenth of the
    file, `make bench`'s database row shows), which only later writes would have used
    again; moving the last pages into the holes costs little. A database created without
    auto_vacuum (store.open_db) is left as it is: only VACUUM, which rewrites it all, could
    shrink it."""
    # The pragma steps once per page freed, each step a row without columns, which
    # Connection.execute stops at; executescript steps it to the end.
    db.conn.executescript("pragma incremental_vacuum")


def _merge_cache_kib(db: sqlite_utils.Database, cache: int) -> int:
    """The merge's page cache in KiB (see MERGE_CACHE_KIB); `cache` is the connection's
    cache_size (negative: KiB; positive: pages)."""
    page_size = db.conn.execute("pragma page_size").fetchone()[0]
    had = -cache if cache < 0 else cache * page_size // 1024
    file = db.conn.execute("pragma database_list").fetchone()[2]
    eighth = Path(file).stat().st_size // 8 // 1024 if file else 0
    return max(had, min(MERGE_CACHE_KIB, eighth))


def _merge_group(db: sqlite_utils.Database, group: list[Path], checkpoint: Callable[[str], None]) -> list[str]:
    """Merge the shards of `group`, attached together."""
    for k, shard in enumerate(group):
        db.conn.execute(f"attach database ? as shard{k}", [str(shard)])
    try:
        orphans = _merge(db, len(group), checkpoint)
        # Emptied, not deleted: the processes appending to them may go on (a run
        # deletes its shards once its workers are gone). Killed before this, the
        # shards are merged again to the same result.
        with db.atomic():
            for k in range(len(group)):
                for table in _tables():
                    db.conn.execute(f"delete from shard{k}.[{table}]")
    finally:
        for k in range(len(group)):
            db.conn.execute(f"detach database shard{k}")
    return orphans


def _is_current(shard: Path) -> bool:
    """Whether the shard's tables have this version's columns."""
    conn = sqlite3.connect(shard)
    try:
        mentions = _mention_tables()
        return all([r[1] for r in conn.execute(f"pragma table_info([{table}])")]
                   == [*columns, *((SHARD_PATH,) if table in mentions else ())]
                   for table, columns in _tables().items())
    finally:
        conn.close()


def _merge(db: sqlite_utils.Database, shards: int, checkpoint: Callable[[str], None]) -> list[str]:
    conn = db.conn
    tables = _tables()
    staged = []
    for k in range(shards):
        for table in _mention_tables():
            conn.execute(f"create index if not exists shard{k}.[{table}_by_path] on [{table}] ([{SHARD_PATH}])")
        conn.execute(f"create index if not exists shard{k}.documents_by_path on documents (path)")
        conn.execute(f"create index if not exists shard{k}.sources_by_path on sources (path)")
        staged += [(*row, k) for row in conn.execute(
            "select s.path, s.document_id, s.sha256, s.ingested_at, s.extractor_version, s.mtime_ns, "
            f"d.identity_key, d.number_key from shard{k}.sources s join shard{k}.documents d on d.path = s.path")]
    staged.sort()
    conn.execute("create temp table if not exists merge_run (ord integer primary key, path text, shard integer)")
    # Bytes and identities met earlier in this merge: a later document with either is the
    # identity rules' to place.
    seen_ids: set[str] = set()
    seen_identities: set[str] = set()
    orphans: list[str] = []
    for start in range(0, len(staged), MERGE_DOCUMENTS):
        with db.atomic():
            run: list[tuple] = []
            linked: list[str] = []
            keys: set[str] = set()
            for path, doc, sha256, ingested_at, version, mtime_ns, identity, number, shard in staged[
                    start:start + MERGE_DOCUMENTS]:
                stored = conn.execute(
                    "select sha256, ingested_at, extractor_version, mtime_ns "
                    "from main.sources where path = ?", [path]).fetchone()
                if stored == (sha256, ingested_at, version, mtime_ns):
                    continue  # merged before a crash
                simple = (stored is None and doc not in seen_ids and not _held(conn, "id", doc)
                          and (identity is None or (identity not in seen_identities
                                                    and not _held(conn, "identity_key", identity))))
                seen_ids.add(doc)
                seen_identities.add(identity)
                if simple:
                    run.append((path, shard))
                    linked.append(doc)
                    keys |= {number} - {None}
                    continue
                _copy(conn, tables, run)
                run = []
                orphans += write_rows(db, _staged_rows(conn, tables, path, shard), atomic=False)[1]
            _copy(conn, tables, run)
            checkpoint("inserted")
            relink(db, linked, keys)
            checkpoint("linked")
        checkpoint("committed")
    return orphans


def _held(conn: sqlite3.Connection, column: str, value: str) -> bool:
    return conn.execute(f"select 1 from main.documents where [{column}] = ? limit 1", [value]).fetchone() is not None


def _copy(conn: sqlite3.Connection, tables: dict[str, tuple[str, ...]], run: list[tuple]) -> None:
    """Insert the documents of `run` ((path, shard) in path order), which no stored row
    concerns, with one INSERT ... SELECT per table, in the order write_rows would insert
    them one by one (so the rowids are the live path's too)."""
    if not run:
        return
    conn.execute("delete from temp.merge_run")
    conn.executemany("insert into temp.merge_run (ord, path, shard) values (?, ?, ?)",
                     [(i, path, shard) for i, (path, shard) in enumerate(run)])
    shards = sorted({shard for _, shard in run})
    for table, columns in tables.items():
        names = ", ".join(f"[{c}]" for c in columns)
        picked = ", ".join(f"t.[{c}]" for c in columns)
        on, order = ("t.path = r.path", "ord") if table in ("documents", "sources") else \
            (f"t.[{SHARD_PATH}] = r.path", "ord, seq")
        parts = " union all ".join(
            f"select {picked}, r.ord as ord from shard{k}.[{table}] t "
            f"join temp.merge_run r on {on} and r.shard = {k}" for k in shards)
        conn.execute(f"insert into main.[{table}] ({names}) select {names} from ({parts}) order by {order}")
    conn.execute("delete from main.ingest_errors where path in (select path from temp.merge_run)")


def _staged_rows(conn: sqlite3.Connection, tables: dict[str, tuple[str, ...]], path: str, shard: int) -> dict:
    """A staged document's rows as rows.prepare made them, for write_rows."""
    def one(table: str) -> dict:
        columns = tables[table]
        row = conn.execute(f"select {', '.join(f'[{c}]' for c in columns)} from shard{shard}.[{table}] "
                           "where path = ?", [path]).fetchone()
        return dict(zip(columns, row))

    mentions = {}
    for table in _mention_tables():
        columns = tables[table]
        mentions[table] = TableRows(columns, conn.execute(
            f"select {', '.join(f'[{c}]' for c in columns)} from shard{shard}.[{table}] "
            f"where [{SHARD_PATH}] = ? order by seq", [path]).fetchall())
    return {"document": one("documents"), "mentions": mentions, "source": one("sources")}
