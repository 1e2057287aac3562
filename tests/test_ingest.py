"""Batch ingestion: skipping without reading, replacing, retrying failures, time limits, one
document from two renderings, a Dask cluster, kill -9 at several moments, and Ctrl-C."""
from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import pipeline
from conftest import ROOT, table_columns
from pipeline.ingest import ingest
from pipeline.ingest.work import Extracted, Failed
from pipeline.load import make_source
from pipeline.store.rows import TableRows
from pipeline.models import ExtractionResult, Header
from pipeline.store import open_db, prepare, remove_source, stored_table

CORPUS = ROOT / "corpus"
CALLS: list[str] = []


def fake_work(task, max_bytes):
    """A stand-in extractor, instant and predictable: the header is the first line's
    'Số: N/X' if any. Names choose misbehaviour: hang, crash, broken, unstorable."""
    name = Path(task.path).name
    if "hang" in name:
        time.sleep(600)
    if "crash" in name:
        os._exit(3)
    if "broken" in name:
        return Failed("broken on purpose")
    CALLS.append(name)
    data = Path(task.path).read_bytes()
    text = data.decode()
    number = re.match(r"Số: (\S+)", text)
    header = Header(number_symbol=number[1], issued_date="2024-01-02",
                    issuer="UBND tỉnh Lạng Sơn") if number else None
    result = ExtractionResult(source=make_source(Path(task.path), data, "txt"), header=header,
                              text=text, extractor_version=pipeline.EXTRACTOR_VERSION)
    rows = prepare(result, task.path, task.size, task.mtime_ns)
    if "unstorable" in name:
        rows["mentions"][stored_table("dates")] = TableRows(("document_id", "seq", "no_such_column"), [(rows["document"]["id"], 0, 1)])
    return Extracted(rows)


def dump(db_path) -> dict[str, list[tuple]]:
    """Every row of every table, timestamps left out, in a canonical order: two databases
    with equal dumps hold the same facts."""
    conn = sqlite3.connect(db_path)
    out = {}
    for table, columns in table_columns(conn).items():
        rows = conn.execute(f"select {columns} from [{table}]").fetchall()
        out[table] = sorted(rows, key=repr)
    # Read from the index itself (a count(*) would read the documents table it points to).
    fts = conn.execute("select count(*) from documents_folded_fts where documents_folded_fts match "
                       "'\"ke\" \"hoach\"'").fetchone()[0]
    out["documents_folded_fts 'ke hoach'"] = [(fts,)]
    conn.close()
    return out


def query(db_path, sql, *params):
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(4):
        (d / f"doc-{i}.txt").write_text(f"Số: {i}/KH-UBND\nKế hoạch số {i}.\n")
    return d


def run(folder, db, **kwargs):
    return ingest([folder], db, progress=False, jobs=kwargs.pop("jobs", 1), work=fake_work, **kwargs)


def test_unchanged_files_are_skipped_without_reading(folder, tmp_path):
    db = tmp_path / "v.db"
    assert run(folder, db).ingested == 4
    CALLS.clear()
    summary = run(folder, db)
    assert (summary.ingested, summary.skipped, CALLS) == (0, 4, [])
    # A touched file with the same bytes is hashed, not extracted, and its new mtime kept.
    os.utime(folder / "doc-1.txt", ns=(1, 10**18))
    assert run(folder, db).skipped == 4 and CALLS == []
    assert query(db, "select mtime_ns from sources where path like '%doc-1.txt'") == [(10**18,)]


def test_a_no_op_reingest_never_loads_the_nlp_stack(folder, tmp_path):
    db = tmp_path / "v.db"
    run(folder, db)
    code = ("import sys; from pipeline.ingest import ingest; "
            f"s = ingest([{str(folder)!r}], {str(db)!r}, progress=False); "
            "print(s.skipped, 'spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["4", "False"]


def test_changed_file_replaces_its_rows(folder, tmp_path):
    db = tmp_path / "v.db"
    run(folder, db)
    (folder / "doc-2.txt").write_text("Số: 22/KH-UBND\nĐã sửa.\n")
    CALLS.clear()
    assert run(folder, db).ingested == 1 and CALLS == ["doc-2.txt"]
    assert query(db, "select count(*) from documents") == [(4,)]
    assert query(db, "select number_symbol from documents where path like '%doc-2.txt'") == [("22/KH-UBND",)]


def test_an_extractor_upgrade_or_force_re_extracts(folder, tmp_path, monkeypatch):
    db = tmp_path / "v.db"
    run(folder, db)
    CALLS.clear()
    assert run(folder, db, force=True).ingested == 4
    monkeypatch.setattr(pipeline, "EXTRACTOR_VERSION", "9.9.9")
    assert run(folder, db).ingested == 4
    assert run(folder, db).skipped == 4
    assert query(db, "select distinct extractor_version from documents") == [("9.9.9",)]


def test_a_rendering_left_without_facts_is_re_extracted_in_the_same_run(folder, tmp_path):
    copy = folder / "doc-1-copy.txt"
    copy.write_text("Số: 1/KH-UBND\nKế hoạch số 1. Bản đăng lại.\n")
    db = tmp_path / "v.db"
    run(folder, db)
    assert query(db, "select count(*), count(distinct document_id) from sources") == [(5, 4)]
    # The rendering that holds the facts becomes another document; the other one, unchanged
    # on disk, has to be extracted again to get its facts back.
    [(kept,)] = query(db, "select path from documents where number_symbol = '1/KH-UBND'")
    Path(kept).write_text("Số: 11/KH-UBND\nKế hoạch số 11.\n")
    CALLS.clear()
    run(folder, db)
    assert sorted(CALLS) == sorted(p.name for p in (copy, folder / "doc-1.txt"))
    fresh = tmp_path / "fresh.db"
    run(folder, fresh)
    assert dump(db) == dump(fresh)
    assert query(db, "select count(*), count(distinct document_id) from sources") == [(5, 5)]


def test_failures_are_recorded_and_retried(folder, tmp_path):
    db = tmp_path / "v.db"
    (folder / "broken.txt").write_text("x")
    summary = run(folder, db)
    assert summary.failed == 1 and summary.failures[0][1] == "broken on purpose"
    assert query(db, "select error from ingest_errors") == [("broken on purpose",)]
    summary = run(folder, db)
    assert (summary.failed, summary.skipped) == (1, 4)  # tried again
    (folder / "broken.txt").rename(folder / "fixed.txt")
    assert run(folder, db).failed == 0


def test_a_document_that_cannot_be_stored_costs_only_itself(folder, tmp_path):
    db = tmp_path / "v.db"
    (folder / "doc-2-unstorable.txt").write_text("Số: 7/KH-UBND\nKế hoạch số 7.\n")
    summary = run(folder, db)
    assert (summary.ingested, summary.failed) == (4, 1)
    reason = "cannot store: OperationalError: table stored_dates has no column named no_such_column"
    assert query(db, "select path, error from ingest_errors") == [(str(folder / "doc-2-unstorable.txt"), reason)]
    # Its batch was rolled back and written again: the others are stored as if it never was.
    (folder / "doc-2-unstorable.txt").unlink()
    fresh = tmp_path / "fresh.db"
    run(folder, fresh)
    assert dump(db) | {"ingest_errors": []} == dump(fresh)


def test_a_hung_or_crashing_file_costs_only_itself(folder, tmp_path):
    (folder / "hang.txt").write_text("Số: 9/KH-UBND\n")
    (folder / "crash.txt").write_text("Số: 8/KH-UBND\n")
    db = tmp_path / "v.db"
    summary = run(folder, db, jobs=2, timeout=1.0)
    assert (summary.ingested, summary.failed) == (4, 2)
    errors = dict(query(db, "select path, error from ingest_errors"))
    assert errors[str(folder / "hang.txt")].startswith("timed out after 1 s")
    assert errors[str(folder / "crash.txt")].startswith("worker process died")
    assert query(db, "select count(*) from documents") == [(4,)]


def test_in_process_time_limit(folder, tmp_path):
    (folder / "hang.txt").write_text("Số: 9/KH-UBND\n")
    summary = run(folder, tmp_path / "v.db", timeout=0.5)
    assert summary.failed == 1 and "timed out" in summary.failures[0][1]


# ------------------------------------------------------- the real extractor
@pytest.fixture(scope="module")
def renderings(tmp_path_factory):
    """One decision in two renderings: the PDF, and its text as a portal would publish it."""
    from pipeline.load import load

    d = tmp_path_factory.mktemp("two")
    shutil.copy(CORPUS / "qd-1052-ubnd-2024.pdf", d / "qd-1052.pdf")
    (d / "qd-1052-web.txt").write_text(load(CORPUS / "qd-1052-ubnd-2024.pdf").text, encoding="utf-8")
    shutil.copy(CORPUS / "tb-98-bdt-2024.pdf", d)  # cites QĐ 1052
    return d


def test_two_renderings_are_one_document(renderings, tmp_path):
    pdf, txt = renderings / "qd-1052.pdf", renderings / "qd-1052-web.txt"
    other = renderings / "tb-98-bdt-2024.pdf"
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    ingest([pdf, other, txt], first, progress=False, jobs=1)
    ingest([txt, other, pdf], second, progress=False, jobs=1)
    assert dump(first) == dump(second)  # arrival order does not choose the facts
    docs = query(first, "select id, format from documents where number_symbol = '1052/QĐ-UBND'")
    assert len(docs) == 1 and docs[0][1] == "txt"
    doc = docs[0][0]
    assert set(query(first, "select path from sources where document_id = ?", doc)) == {(str(pdf),), (str(txt),)}
    alone = tmp_path / "alone.db"
    ingest([txt], alone, progress=False, jobs=1)
    for table in ("citations", "figures", "amounts"):
        assert (query(first, f"select count(*) from {table} where document_id = ?", doc)
                == query(alone, f"select count(*) from {table}")), table
    assert query(first, "select cited_document_id from citations where number_symbol = '1052/QĐ-UBND'") == [(doc,)]
    # Without the rendering its facts came from (a file deleted), it is rebuilt from the other.
    db = open_db(first)
    assert remove_source(db, str(txt)) == [str(pdf)]
    db.conn.close()
    assert ingest([pdf, other], first, progress=False, jobs=1).ingested == 1
    assert query(first, "select format, path from documents where number_symbol = '1052/QĐ-UBND'") == [("pdf", str(pdf))]


def test_dask_local_cluster_gives_the_same_rows(renderings, tmp_path):
    distributed = pytest.importorskip("distributed")
    local, dask = tmp_path / "local.db", tmp_path / "dask.db"
    ingest([renderings], local, progress=False, jobs=1)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        summary = ingest([renderings], dask, progress=False, executor="dask",
                         scheduler=cluster.scheduler_address)
    assert summary.ingested == 3 and summary.failed == 0
    assert dump(local) == dump(dask)


# -------------------------------------------------------------------- kill -9
def crash_corpus(folder: Path) -> None:
    for p in CORPUS.iterdir():
        if p.suffix in {".txt", ".html", ".docx", ".pdf"}:
            shutil.copy2(p, folder)
    texts = sorted(CORPUS.glob("*.txt"))
    # Enough copies that a Ctrl-C sent after the 5th result lands well before the last one,
    # even when the test process gets the CPU late.
    for i in range(200):
        text = texts[i % len(texts)].read_text(encoding="utf-8")
        # Every third copy keeps its number: a second rendering of a corpus document.
        if i % 3:
            text = re.sub(r"Số: \d+", f"Số: {9000 + i}", text, count=1)
        (folder / f"gen-{i:02d}.txt").write_text(text + f"\nBản sao số {i}.\n", encoding="utf-8")


def vanban(folder, db, *extra, env=None):
    cmd = [sys.executable, "-m", "pipeline.cli", "ingest", str(folder), "--db", str(db), "-q", *extra]
    return subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stored(db) -> int:
    try:
        return query(db, "select count(*) from sources")[0][0]
    except sqlite3.Error:
        return 0


@pytest.fixture
def uninterrupted(tmp_path):
    """A folder of corpus documents and copies, and the database one whole run makes of it."""
    folder = tmp_path / "in"
    folder.mkdir()
    crash_corpus(folder)
    reference = tmp_path / "reference.db"
    assert vanban(folder, reference, "-j", "1").wait() == 0
    return folder, reference


def test_kill_9_at_any_moment_then_rerun_gives_the_same_database(uninterrupted, tmp_path):
    (folder, reference), db = uninterrupted, tmp_path / "crashed.db"

    # Inside a transaction, after the 3rd and then the 25th document of a run is written.
    for n in (3, 25):
        assert vanban(folder, db, "-j", "1", env={"VANBAN_INGEST_KILL_AFTER": str(n)}).wait() == -signal.SIGKILL
    # From outside: while starting up, and just after a commit, with worker processes.
    for delay, jobs in ((1.0, "1"), (0.3, "2")):
        before = stored(db)
        p = vanban(folder, db, "-j", jobs)
        started = time.monotonic()
        while p.poll() is None and (time.monotonic() - started < delay if jobs == "1" else stored(db) == before):
            time.sleep(0.05)
        if jobs == "2":
            time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        p.wait()
    assert vanban(folder, db, "-j", "1").wait() == 0
    assert dump(db) == dump(reference)
    assert stored(db) == len(list(folder.iterdir()))


def test_kill_9_on_the_bulk_path_then_rerun_gives_the_same_database(uninterrupted, tmp_path):
    """The bulk path's own moments: while a shard is written (inside the shard's
    transaction; from outside, while two workers append to theirs), and in the merge once the rows are in (the full-text indexes filled by
    then), once relinked, and once committed with the shard not yet deleted; each re-run
    merges or redoes what was left, never twice, and ends at the live run's database."""
    (folder, reference), db = uninterrupted, tmp_path / "bulk.db"
    runs = [{"VANBAN_INGEST_KILL_AFTER": "3"}, {"VANBAN_INGEST_KILL_AFTER": "60"}]
    runs += [{"VANBAN_INGEST_KILL_IN_MERGE": point} for point in ("inserted", "linked", "committed")]
    for env in runs:
        shutil.rmtree(f"{db}.shards", ignore_errors=True)
        for stale in tmp_path.glob("bulk.db*"):
            stale.unlink()
        assert vanban(folder, db, "-j", "1", "--write", "bulk", env=env).wait() == -signal.SIGKILL
        assert Path(f"{db}.shards").is_dir()
        assert vanban(folder, db, "-j", "1", "--write", "bulk").wait() == 0
        assert not Path(f"{db}.shards").exists()
        assert dump(db) == dump(reference), env
        assert stored(db) == len(list(folder.iterdir()))
    # From outside, with worker processes appending to their shards.
    for stale in tmp_path.glob("bulk.db*"):
        shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    p = vanban(folder, db, "-j", "2", "--write", "bulk")
    while p.poll() is None and len(list(Path(f"{db}.shards").glob("w*.db"))) < 2:
        time.sleep(0.05)
    time.sleep(1.0)
    p.send_signal(signal.SIGKILL)
    p.wait()
    assert vanban(folder, db, "-j", "2", "--write", "bulk").wait() == 0
    assert dump(db) == dump(reference)


def test_ctrl_c_keeps_what_was_extracted_and_a_rerun_completes(uninterrupted, tmp_path):
    (folder, reference), db = uninterrupted, tmp_path / "interrupted.db"

    # Without a terminal, progress is a line per file as its result comes back.
    p = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "ingest", str(folder), "--db", str(db),
                          "-j", "2"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True)
    extracted = 0
    for line in p.stderr:
        extracted += " ingested " in line
        if extracted == 5:
            break
    p.send_signal(signal.SIGINT)
    _, err = p.communicate()
    assert p.returncode == 130, (extracted, stored(db), err[-3000:])
    assert f"interrupted: what was extracted is stored in {db}" in err
    assert extracted <= stored(db) < len(list(folder.iterdir()))
    assert vanban(folder, db, "-j", "1").wait() == 0
    assert dump(db) == dump(reference)
