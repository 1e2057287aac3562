"""The bulk write path (shards merged at the end) against the live one: the same folder gives
the same rows, in the same order, and the same search hits."""
from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from conftest import ROOT, table_columns
from pipeline.ingest import discover, ingest
from pipeline.ingest.writer import shard_folder
from pipeline.store import stored_table

CORPUS = ROOT / "corpus"
FILES = len(list(discover([CORPUS])))  # what an ingest of corpus/ reads

# Exact searches keep the marks; folded ones are matched against the folded index, where đ
# is d (a plain FTS5 'rebuild' of it would leave đ in place and miss these).
EXACT = ["quyết định", "đồng", "kế hoạch", "ủy ban", "Lạng Sơn", "giảm nghèo", "đầu tư", "ngân sách",
         "điều chỉnh", "hỗ trợ", "công nghệ thông tin", "\"Bản sao\""]
FOLDED = ["quyet dinh", "dong", "ke hoach", "uy ban", "lang son", "giam ngheo", "dau tu", "ngan sach",
          "dieu chinh", "ho tro", "dan toc", "đồng bào", "đề án", "Đảng"]


def copies(folder: Path, rounds: int) -> None:
    """corpus/ and copies of its texts as the bench makes them: another register number
    (another document), except every third copy (a second rendering of the same document)
    and every seventh (its header over another body: a conflict), and every fifth is the bytes of the one
    before under another name (one document, two sources)."""
    for p in sorted(CORPUS.iterdir()):
        if p.suffix in {".txt", ".html", ".docx", ".pdf"}:
            shutil.copy2(p, folder)
    texts = sorted(CORPUS.glob("*.txt"))
    previous = None
    for i in range(rounds):
        if i % 5 == 4 and previous is not None:
            (folder / f"gen-{i:03d}.txt").write_bytes(previous)
            continue
        text = texts[i % len(texts)].read_text(encoding="utf-8")
        if i % 7 == 6:
            # Its header over another body: same identity, texts that disagree.
            other = texts[(i + 1) % len(texts)].read_text(encoding="utf-8").splitlines()
            lines = text.splitlines()
            text = "\n".join(lines[:len(lines) // 3] + other[len(other) // 3:])
        elif i % 3:
            text = re.sub(r"Số: \d+", f"Số: {9000 + i}", text, count=1)
        previous = (text + f"\nBản sao số {i}.\n").encode("utf-8")
        (folder / f"gen-{i:03d}.txt").write_bytes(previous)


def dump(db_path: Path) -> dict[str, list[tuple]]:
    """Every row of every table in rowid order (so the order of the documents, which breaks
    ties between search hits, is compared too), timestamps left out."""
    conn = sqlite3.connect(db_path)
    out = {}
    for table, columns in table_columns(conn).items():
        out[table] = conn.execute(f"select rowid, {columns} from [{table}] "
                                  "order by rowid").fetchall()
    conn.close()
    return out


def hits(db_path: Path) -> dict[str, list]:
    conn = sqlite3.connect(db_path)
    out = {}
    for index, queries in (("documents_fts", EXACT), ("documents_folded_fts", FOLDED)):
        for q in queries:
            out[f"{index} {q}"] = conn.execute(
                f"select d.id, round(f.rank, 6) from {index} f join documents d on d.rowid = f.rowid "
                f"where {index} match ? order by f.rank, f.rowid", [q]).fetchall()
    conn.close()
    return out


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("shards") / "in"
    folder.mkdir()
    copies(folder, 60)
    return folder


@pytest.mark.parametrize("jobs", [1, 2], ids=["in-process", "workers-append-to-shards"])
def test_bulk_and_live_give_the_same_database_and_search_hits(folder, tmp_path, jobs):
    live, bulk = tmp_path / "live.db", tmp_path / "bulk.db"
    assert ingest([folder], live, progress=False, jobs=1, write="live").failed == 0
    assert ingest([folder], bulk, progress=False, jobs=jobs, write="bulk").failed == 0
    assert not shard_folder(bulk).exists()  # merged and removed
    expected = dump(live)
    assert len(expected["documents"]) > 40 and len(expected["sources"]) > len(
        expected["documents"])
    assert sum(1 for row in expected[stored_table("citations")] if "linked" in row) > 0
    assert dump(bulk) == expected
    found = hits(live)
    assert sum(map(bool, found.values())) >= 20
    assert hits(bulk) == found


def test_a_shard_an_earlier_version_left_is_dropped_and_its_paths_extracted(folder, tmp_path):
    """A shard killed before its merge by an earlier version, whose fact tables held their
    texts: its rows are not this version's, so it goes unmerged; its path is not in
    `sources`, so the run extracts it like the others."""
    live, bulk = tmp_path / "live.db", tmp_path / "bulk.db"
    ingest([folder], live, progress=False, jobs=1, write="live")
    path = str(sorted(folder.iterdir())[0])
    shard_folder(bulk).mkdir(parents=True)
    old = sqlite3.connect(shard_folder(bulk) / "1.db")
    old.execute("create table documents (id, path, text)")
    old.execute("create table citations (document_id, seq, text, sentence, shard_path)")
    old.execute("create table sources (path, document_id, sha256, ingested_at, extractor_version, mtime_ns)")
    old.execute("insert into documents values ('0123456789abcdef', ?, 'Căn cứ Luật số 1.')", [path])
    old.execute("insert into citations values ('0123456789abcdef', 0, 'Luật số 1', 'Căn cứ Luật số 1.', ?)", [path])
    old.execute("insert into sources values (?, '0123456789abcdef', 'ab', 'then', 'old', 1)", [path])
    old.commit()
    old.close()
    assert ingest([folder], bulk, progress=False, jobs=1, write="bulk").failed == 0
    assert not shard_folder(bulk).exists()
    assert dump(bulk) == dump(live)


def test_bulk_into_a_database_that_holds_part_of_the_folder(folder, tmp_path):
    """A second batch over stored documents: changed files replace theirs (and renderings
    their documents' facts), new ones join; the live path and the bulk one agree."""
    live, bulk = tmp_path / "live.db", tmp_path / "bulk.db"
    half = tmp_path / "half"
    half.mkdir()
    for p in sorted(folder.iterdir())[::2]:
        shutil.copy2(p, half / p.name)
    for db in (live, bulk):
        ingest([half], db, progress=False, jobs=1, write="live")
    moved = tmp_path / "moved"
    shutil.copytree(folder, moved)
    for p in sorted(moved.iterdir())[:8]:
        if p.suffix == ".txt":
            p.write_text(p.read_text(encoding="utf-8") + "\nSửa đổi.\n", encoding="utf-8")
    # The same paths as the first batch: the stored half is found again, not added twice.
    for p in sorted(half.iterdir()):
        shutil.copy2(moved / p.name, p)
    for p in sorted(moved.iterdir()):
        if not (half / p.name).exists():
            shutil.copy2(p, half / p.name)
    ingest([half], live, progress=False, jobs=1, write="live")
    ingest([half], bulk, progress=False, jobs=1, write="bulk")
    assert dump(bulk) == dump(live)
    assert hits(bulk) == hits(live)


def test_bulk_on_a_dask_cluster_appends_in_the_writer_and_gives_the_same_database(folder, tmp_path):
    """Dask workers send their rows back (a shard on a shared filesystem cannot be trusted
    with SQLite's locks); the writer appends them to its own shard."""
    distributed = pytest.importorskip("distributed")
    live, bulk = tmp_path / "live.db", tmp_path / "bulk.db"
    ingest([folder], live, progress=False, jobs=1, write="live")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        summary = ingest([folder], bulk, progress=False, executor="dask", write="bulk",
                         scheduler=cluster.scheduler_address)
    assert summary.failed == 0
    assert not shard_folder(bulk).exists()
    assert dump(bulk) == dump(live)
    assert hits(bulk) == hits(live)


@pytest.mark.parametrize("threshold, to_extract, bulk", [
    (FILES, FILES, True),        # as many files to extract as the threshold: bulk
    (FILES + 1, FILES, False),   # one short: live
    (FILES, 0, False),           # the same folder again, nothing changed: nothing to merge
])
def test_auto_takes_the_bulk_path_from_bulk_files_to_extract(tmp_path, monkeypatch, threshold, to_extract, bulk):
    import pipeline.ingest
    import pipeline.store.shards

    db = tmp_path / "v.db"
    if not to_extract:
        ingest([CORPUS], db, progress=False, jobs=1, write="live")
    merged = []
    merge = pipeline.store.shards.merge_shards

    def counting(db_, shards, checkpoint=lambda point: None):
        merged.extend(shards)
        return merge(db_, shards, checkpoint)

    monkeypatch.setattr(pipeline.store.shards, "merge_shards", counting)
    monkeypatch.setattr(pipeline.ingest, "BULK_FILES", threshold)
    summary = ingest([CORPUS], db, progress=False, jobs=1)
    assert (summary.ingested, summary.skipped) == (to_extract, FILES - to_extract)
    assert bool(merged) is bulk
    assert not shard_folder(db).exists()


def test_a_full_disk_during_the_merge_gives_a_true_summary_and_the_next_run_merges(tmp_path, monkeypatch):
    """The rows wait in the shards; a summary counting them as ingested would say the
    database holds documents it does not."""
    import sqlite3 as sql

    import pipeline.store.shards

    db = tmp_path / "v.db"
    real = pipeline.store.shards.merge_shards

    def full(db_, shards, checkpoint=lambda point: None):
        if any(sql.connect(s).execute("select count(*) from documents").fetchone()[0] for s in shards):
            raise sql.OperationalError("database or disk is full")
        return real(db_, shards, checkpoint)

    monkeypatch.setattr(pipeline.store.shards, "merge_shards", full)
    summary = ingest([CORPUS], db, progress=False, jobs=1, write="bulk")
    assert (summary.ingested, summary.failed) == (0, FILES)
    assert summary.stopped.startswith(f"disk full: {db}: database or disk is full")
    assert sql.connect(db).execute("select count(*) from sources").fetchone() == (0,)
    monkeypatch.setattr(pipeline.store.shards, "merge_shards", real)
    again = ingest([CORPUS], db, progress=False, jobs=1, write="bulk")
    assert again.failed == 0
    assert sql.connect(db).execute("select count(*) from sources").fetchone() == (FILES,)



@pytest.fixture(scope="module")
def reingested(folder, tmp_path_factory) -> tuple[Path, Path]:
    """The live and the bulk database of a folder ingested live, then again after every
    text changed (in this process, as -j 1 does): each changed path replaces its document,
    and those whose documents' facts came from another rendering are orphaned and
    extracted again."""
    base = tmp_path_factory.mktemp("reingested")
    changed = base / "in"
    shutil.copytree(folder, changed)
    live, bulk = base / "live.db", base / "bulk.db"
    for db in (live, bulk):
        ingest([changed], db, progress=False, jobs=1, write="live")
    for p in sorted(changed.glob("*.txt")):
        p.write_text(p.read_text(encoding="utf-8") + "\nSửa đổi.\n", encoding="utf-8")
    assert ingest([changed], live, progress=False, jobs=1, write="live").failed == 0
    assert ingest([changed], bulk, progress=False, jobs=1, write="bulk").failed == 0
    return live, bulk


def test_paths_orphaned_by_a_bulk_merge_are_merged_before_the_run_ends(folder, reingested):
    """The same rows as the live path's; not in the same order: the orphans are written
    where they come back from extraction again, which on the live path depends on when
    their batch was written."""
    live, bulk = reingested
    assert not shard_folder(bulk).exists()
    expected = {table: sorted(row[1:] for row in rows) for table, rows in dump(live).items()}
    assert len(expected["sources"]) == len(list(discover([folder])))
    assert {table: sorted(row[1:] for row in rows) for table, rows in dump(bulk).items()} == expected



@pytest.mark.parametrize("write, free", [("live", True), ("bulk", False)])
def test_a_bulk_merge_truncates_the_file_by_its_free_pages(reingested, tmp_path, write, free):
    """The documents removed left free pages; one more document written live keeps them
    for later writes, merged in bulk truncates the file by them."""
    from pipeline.store import open_db, remove_source, stored_paths

    db = tmp_path / "v.db"
    shutil.copy(reingested[0], db)
    store = open_db(db)
    for path in stored_paths(store)[::2]:
        remove_source(store, path)
    store.close()
    assert sqlite3.connect(db).execute("pragma freelist_count").fetchone()[0] > 50
    new = tmp_path / "new"
    new.mkdir()
    text = (CORPUS / "qd-499-ubnd-2023.txt").read_text(encoding="utf-8")
    (new / "qd-4990.txt").write_text(re.sub(r"Số: \d+", "Số: 4990", text, count=1), encoding="utf-8")
    assert ingest([new], db, progress=False, jobs=1, write=write).ingested == 1
    conn = sqlite3.connect(db)
    assert conn.execute("pragma auto_vacuum").fetchone() == (2,)  # incremental, as created
    assert bool(conn.execute("pragma freelist_count").fetchone()[0]) is free
