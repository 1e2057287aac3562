"""The single writer's CPU per document as the database grows (vanban bench --writer-growth)."""
from __future__ import annotations

import hashlib
import sqlite3
import time
from pathlib import Path


def measure_writer_growth(source: Path, target: Path, documents: int, first_point: int = 1000) -> dict:
    """CPU per document of both write paths as the database grows: the rows `source` holds,
    written again under new ids up to `documents`, by the live writer (write_rows, in
    batches as ingest writes them) into one fresh database and by the bulk path (appended
    to a shard, then merged) into another. Reported per doubling (the documents up to
    1,000, from 1,000 to 2,000, …), each chunk merged as one shard into the grown database,
    so that a cost that grows with the database shows, which a projection from a
    5,000-document run would miss. Copies carry no number or identity key, so re-linking
    citations costs them less than it would real documents."""
    from ..ingest.writer import BATCH_DOCUMENTS, open_for_writing
    from ..store import write_rows
    from ..store.shards import ShardWriter, merge_shards, remove_shard

    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    ids = [row[0] for row in src.execute("select id from documents order by rowid")]
    stored = _StoredRows(src)

    def replayed(copy: int) -> dict:
        original = ids[copy % len(ids)]
        new = hashlib.sha256(f"{original}/{copy}".encode()).hexdigest()[:16]
        rows = stored.rows(original, new)
        rows["document"].update(sha256=new, path=f"replay/{copy:09d}", number_key=None, identity_key=None)
        rows["source"].update(path=f"replay/{copy:09d}", sha256=new, mtime=None, mtime_ns=None)
        return rows

    bulk_target = target.with_name(target.stem + "-bulk.db")
    shard_path = target.with_name(target.stem + "-shard.db")
    for stale in (*target.parent.glob(target.name + "*"), *target.parent.glob(bulk_target.name + "*")):
        stale.unlink()
    live, bulk = open_for_writing(target), open_for_writing(bulk_target)
    points, since, mark = [], 0, first_point
    try:
        while since < documents:
            upto = min(mark, documents)
            spent = {"writer": 0.0, "shard": 0.0, "merge": 0.0}
            shard = ShardWriter(shard_path)
            for start in range(since, upto, BATCH_DOCUMENTS):
                batch = [replayed(n) for n in range(start, min(start + BATCH_DOCUMENTS, upto))]
                began = time.process_time()
                with live.conn:
                    for rows in batch:
                        write_rows(live, rows, atomic=False)
                spent["writer"] += time.process_time() - began
                began = time.process_time()
                shard.add(batch)
                spent["shard"] += time.process_time() - began
            shard.close()
            began = time.process_time()
            merge_shards(bulk, [shard_path])
            spent["merge"] += time.process_time() - began
            remove_shard(shard_path)
            points.append({"documents": upto, **{f"{k}_cpu_ms_per_doc": 1000 * v / (upto - since)
                                                 for k, v in spent.items()},
                           "db_mb": target.stat().st_size / 1e6, "bulk_db_mb": bulk_target.stat().st_size / 1e6})
            since, mark = upto, 2 * mark
    finally:
        live.close()
        bulk.close()
        src.close()
        # The copies were written to be timed; several GB are no use afterwards.
        for written in (*target.parent.glob(target.name + "*"), *target.parent.glob(bulk_target.name + "*"),
                        *target.parent.glob(shard_path.name + "*")):
            written.unlink()
    return {"documents": documents, "source_documents": len(ids), "points": points}


class _StoredRows:
    """A stored document's rows as rows.prepare made them, read back from a database."""

    def __init__(self, src: sqlite3.Connection) -> None:
        from ..store.schema import mention_tables, stored_table, table_columns

        self.src, self.columns = src, table_columns()
        self.queries = {t: f"select {', '.join(f'[{c}]' for c in self.columns[t])} from [{t}] "
                           "where document_id = ? order by seq" for t in map(stored_table, mention_tables())}

    def rows(self, original: str, new: str | None = None) -> dict:
        """The rows of document `original`, under the id `new` if given."""
        from ..store.rows import TableRows

        new = new or original
        names = self.columns["documents"]
        doc = dict(zip(names, self.src.execute(
            f"select {', '.join(f'[{c}]' for c in names)} from documents where id = ?", [original]).fetchone()))
        doc["id"] = new
        mentions = {}
        for table, sql in self.queries.items():
            columns = tuple(self.columns[table])
            at = columns.index("document_id")
            mentions[table] = TableRows(columns, [(*r[:at], new, *r[at + 1:])
                                                  for r in self.src.execute(sql, [original])])
        mtime_ns = self.src.execute("select mtime_ns from sources where path = ?", [doc["path"]]).fetchone()
        source_row = {"path": doc["path"], "document_id": new, "sha256": doc["sha256"], "size": doc["size"],
                      "mtime": None, "mtime_ns": mtime_ns[0] if mtime_ns else None,
                      "extractor_version": doc["extractor_version"], "format": doc["format"],
                      "ingested_at": doc["ingested_at"]}
        return {"document": doc, "mentions": mentions, "source": source_row}


def measure_write_paths(source: Path, folder: Path) -> dict:
    """CPU per document of the two write paths over the documents `source` holds, written
    again as they are (ids, number and identity keys kept, so citations link as they did)
    in path order into fresh databases under `folder`: the live one (write_rows, batches as
    ingest writes them), and the bulk one, its shard appends and its merge counted apart
    (the appends are what a worker would do)."""
    from ..ingest.writer import BATCH_DOCUMENTS, open_for_writing
    from ..store import write_rows
    from ..store.shards import ShardWriter, merge_shards

    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    stored = _StoredRows(src)
    ids = [row[0] for row in src.execute("select id from documents order by path")]
    batches = [[stored.rows(i) for i in ids[start:start + BATCH_DOCUMENTS]]
               for start in range(0, len(ids), BATCH_DOCUMENTS)]
    src.close()
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.db*"):
        stale.unlink()
    spent = {}
    db = open_for_writing(folder / "live.db")
    began = time.process_time()
    for batch in batches:
        with db.conn:
            for rows in batch:
                write_rows(db, rows, atomic=False)
    spent["live"] = time.process_time() - began
    db.close()
    shard = ShardWriter(folder / "shard.db")
    began = time.process_time()
    for batch in batches:
        shard.add(batch)
    spent["shard"] = time.process_time() - began
    shard.close()
    db = open_for_writing(folder / "bulk.db")
    began = time.process_time()
    merge_shards(db, [folder / "shard.db"])
    spent["merge"] = time.process_time() - began
    db.close()
    for written in folder.glob("*.db*"):
        written.unlink()
    return {"documents": len(ids), **{f"{k}_cpu_ms_per_doc": 1000 * v / len(ids) for k, v in spent.items()}}
