"""The single writer's CPU per document as the database grows (vanban bench --writer-growth)."""
from __future__ import annotations

import hashlib
import sqlite3
import time
from pathlib import Path


def measure_writer_growth(source: Path, target: Path, documents: int, first_point: int = 1000) -> dict:
    """The single writer's CPU per document as the database grows: the rows `source` holds,
    written again under new ids into a fresh database at `target`, in batches as ingest
    writes them, up to `documents`. Reported per doubling (the documents up to 1,000, from
    1,000 to 2,000, …), so that a cost that grows with the database shows, which a
    projection from a 5,000-document run would miss. Copies carry no number or identity
    key, so re-linking citations costs them less than it would real documents."""
    from ..ingest import BATCH_DOCUMENTS, open_for_writing
    from ..store import write_rows
    from ..store.rows import TableRows
    from ..store.schema import mention_tables, table_columns

    columns = table_columns()
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    ids = [row[0] for row in src.execute("select id from documents order by rowid")]
    doc_columns = ", ".join(f"[{c}]" for c in columns["documents"])
    queries = {t: f"select {', '.join(f'[{c}]' for c in columns[t])} from [{t}] where document_id = ? order by seq"
               for t in mention_tables()}

    def replayed(copy: int) -> dict:
        original = ids[copy % len(ids)]
        new = hashlib.sha256(f"{original}/{copy}".encode()).hexdigest()[:16]
        doc = dict(zip(columns["documents"], src.execute(
            f"select {doc_columns} from documents where id = ?", [original]).fetchone()))
        doc.update(id=new, sha256=new, path=f"replay/{copy}", number_key=None, identity_key=None)
        mentions = {}
        for table, sql in queries.items():
            names = tuple(columns[table])
            at = names.index("document_id")
            mentions[table] = TableRows(names, [(*r[:at], new, *r[at + 1:]) for r in src.execute(sql, [original])])
        source_row = {"path": doc["path"], "document_id": new, "sha256": new, "size": doc["size"],
                      "mtime": None, "mtime_ns": None, "extractor_version": doc["extractor_version"],
                      "format": doc["format"], "ingested_at": doc["ingested_at"]}
        return {"document": doc, "mentions": mentions, "source": source_row}

    for stale in target.parent.glob(target.name + "*"):
        stale.unlink()
    db = open_for_writing(target)
    points, spent, since, mark = [], 0.0, 0, first_point
    try:
        for start in range(0, documents, BATCH_DOCUMENTS):
            batch = [replayed(n) for n in range(start, min(start + BATCH_DOCUMENTS, documents))]
            began = time.process_time()
            with db.conn:
                for rows in batch:
                    write_rows(db, rows, atomic=False)
            spent += time.process_time() - began
            done = start + len(batch)
            if done >= mark or done == documents:
                points.append({"documents": done, "writer_cpu_ms_per_doc": 1000 * spent / (done - since),
                               "db_mb": target.stat().st_size / 1e6})
                spent, since, mark = 0.0, done, 2 * mark
    finally:
        db.close()
        src.close()
        # The copies were written to be timed; several GB are no use afterwards.
        for written in target.parent.glob(target.name + "*"):
            written.unlink()
    return {"documents": documents, "source_documents": len(ids), "points": points}
