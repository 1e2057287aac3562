"""Every failure is per file, named and true (issue #17): hostile names, non-files, unreadable
folders, values SQLite cannot hold, odd text encodings and a full disk. Each fixture is made
here, in tmp_path; each case is checked both ways where it makes sense (the hostile file
fails or is repaired, the ordinary one beside it goes through untouched)."""
from __future__ import annotations

import errno
import io
import os
import re
import sqlite3
import time

import pytest

import pipeline.ingest
import pipeline.ingest.writer
import pipeline.store
from pipeline import cli
from pipeline.ingest.progress import Progress
from pipeline.load import LoadError, load
from pipeline.printable import printable, storable
from test_ingest import fake_work, query

OK_TEXT = "Số: {n}/KH-UBND\nKế hoạch số {n}.\n"


def run(paths, db, **kwargs):
    return pipeline.ingest.ingest([str(p) for p in paths], db, progress=kwargs.pop("progress", False),
                                  jobs=1, work=fake_work, **kwargs)


def errors(db) -> dict[str, str]:
    return dict(query(db, "select path, error from ingest_errors"))


# ------------------------------------------------------------ printing and storing
@pytest.mark.parametrize("raw, shown", [
    ("plain/Kế hoạch 2024.txt", "plain/Kế hoạch 2024.txt"),           # untouched
    (os.fsdecode(b"bad\xff.txt"), "bad\\xff.txt"),                      # not UTF-8
    ("esc\x1b[31mred.txt", "esc\\x1b[31mred.txt"),                      # terminal escape
    ("cr\rfake line\n.txt", "cr\\x0dfake line\\x0a.txt"),                # line forgery
    ("bidi\u202etxt.exe", "bidi\\u202etxt.exe"),                        # right-to-left override
])
def test_printable_names(raw, shown):
    assert printable(raw) == shown
    assert printable(raw).isprintable()
    storable(raw).encode("utf-8")  # never raises


def test_a_file_name_that_is_not_utf8_is_ingested_under_an_escaped_name(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    fd = os.open(os.fsencode(folder) + b"/bad\xff.txt", os.O_CREAT | os.O_WRONLY)
    os.write(fd, OK_TEXT.format(n=1).encode())
    os.close(fd)
    (folder / "good.txt").write_text(OK_TEXT.format(n=2))
    db = tmp_path / "v.db"
    summary = run([folder], db, progress=True)
    assert (summary.ingested, summary.failed) == (2, 0)
    assert sorted(query(db, "select path from sources")) == [(f"{folder}/bad\\xff.txt",),
                                                             (f"{folder}/good.txt",)]
    assert "bad\\xff.txt" in capsys.readouterr().err
    assert run([folder], db).skipped == 2  # the escaped name finds its row again


def test_control_characters_in_names_are_escaped_in_everything_printed(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok\x1b[2J.txt").write_text(OK_TEXT.format(n=1))
    (folder / "broken\x1b]0;owned\x07.txt").write_text("x")
    db = tmp_path / "v.db"
    summary = run([folder], db, progress=True)
    assert (summary.ingested, summary.failed) == (1, 1)
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "ingested " + str(folder / "ok\\x1b[2J.txt") in err
    assert f"error: {folder}/broken\\x1b]0;owned\\x07.txt: broken on purpose" in err
    # The database keeps the real name (it is valid UTF-8).
    assert (str(folder / "ok\x1b[2J.txt"),) in query(db, "select path from sources")


# ------------------------------------------------------------------- not files
def test_fifo_and_device_are_refused_at_once(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "good.txt").write_text(OK_TEXT.format(n=1))
    db = tmp_path / "v.db"
    start = time.monotonic()
    summary = run([folder], db, timeout=30)
    assert time.monotonic() - start < 10  # not the 30 s time limit
    assert (summary.ingested, summary.failed) == (1, 2)
    assert errors(db) == {str(folder / "pipe.txt"): "not a regular file (a FIFO)",
                          str(folder / "zero.txt"): "not a regular file (a character device)"}


def test_a_named_fifo_fails_in_the_real_extractor_without_hashing_it(tmp_path):
    from pipeline.ingest.work import Failed, Task, extract_file

    os.mkfifo(tmp_path / "pipe.txt")
    outcome = extract_file(Task(str(tmp_path / "pipe.txt"), 0, None))
    assert outcome == Failed("not a regular file", None)


# ------------------------------------------------------------ unreadable folders
def _unreadable(monkeypatch, blocked):
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path) == os.fspath(blocked):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_an_unreadable_sub_folder_is_reported_recorded_and_fails_the_run(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "inside.txt").write_text(OK_TEXT.format(n=9))
    (folder / "good.txt").write_text(OK_TEXT.format(n=1))
    _unreadable(monkeypatch, folder / "locked")
    db = tmp_path / "v.db"
    monkeypatch.setattr(pipeline.ingest, "ingest", _fake_ingest(pipeline.ingest.ingest))
    assert cli.main(["ingest", str(folder), "--db", str(db), "-q"]) == 1
    err = capsys.readouterr().err
    assert f"error: {folder / 'locked'}: cannot read folder: Permission denied" in err
    assert errors(db) == {str(folder / "locked"): "cannot read folder: Permission denied"}
    assert query(db, "select count(*) from documents") == [(1,)]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 folder anyway")
def test_a_chmod_000_sub_folder_is_reported(tmp_path):
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "good.txt").write_text(OK_TEXT.format(n=1))
    (folder / "locked").chmod(0)
    try:
        summary = run([folder], tmp_path / "v.db")
    finally:
        (folder / "locked").chmod(0o755)
    assert summary.failures == [(str(folder / "locked"), "cannot read folder: Permission denied")]


def _fake_ingest(real):
    """The CLI's ingest, in this process with the instant stand-in extractor."""
    def ingest(paths, db, **kwargs):
        kwargs.update(jobs=1, work=fake_work)
        return real(paths, db, **kwargs)
    return ingest


# ---------------------------------------------------------- values SQLite cannot hold
def test_an_amount_beyond_64_bits_is_stored_without_its_value(tmp_path):
    from pipeline.load import make_source
    from pipeline.models import Amount, ExtractionResult
    from pipeline.store import open_db, prepare, write_rows

    def amount(text, vnd):
        return Amount(text=text, start=0, end=len(text), sentence=text, vnd=vnd,
                      value=text.split()[0], unit="tỷ đồng")

    text = "999999999999999999999 tỷ đồng và 5 tỷ đồng"
    result = ExtractionResult(source=make_source(tmp_path / "a.txt", text.encode(), "txt"), text=text,
                              amounts=(amount("999999999999999999999 tỷ đồng", 10**30),
                                       amount("5 tỷ đồng", 5 * 10**9)))
    db = open_db(tmp_path / "v.db")
    write_rows(db, prepare(result, str(tmp_path / "a.txt"), 1, 1))
    assert db.execute("select text, vnd, value from amounts order by seq").fetchall() == [
        ("999999999999999999999 tỷ đồng", None, "999999999999999999999"), ("5 tỷ đồng", 5_000_000_000, "5")]
    [(warnings,)] = db.execute("select warnings from documents").fetchall()
    assert "vnd 1e+30 is beyond SQLite's 64-bit integers, stored as NULL" in warnings


# ------------------------------------------------------------------ text encodings
SAMPLE = "Số: 4/QĐ-UBND\nKế hoạch phát triển tỉnh Lạng Sơn năm 2024.\n" * 4


@pytest.mark.parametrize("name, data, warning", [
    ("utf8.txt", SAMPLE.encode(), None),
    ("nul.txt", SAMPLE.replace("phát", "ph\x00át", 1).encode(), "1 NUL byte removed from the text"),
    ("le.txt", SAMPLE.encode("utf-16-le"), None),
    ("be.txt", SAMPLE.encode("utf-16-be"), None),
    ("bom.txt", SAMPLE.encode("utf-16"), None),
])
def test_text_with_nul_bytes_or_utf16_without_bom_is_read(tmp_path, name, data, warning):
    path = tmp_path / name
    path.write_bytes(data)
    doc = load(path)
    assert doc.text == SAMPLE
    assert doc.warnings == ((warning,) if warning else ())


def test_binary_with_nul_bytes_is_still_refused(tmp_path):
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(LoadError):
        load(path)


# ------------------------------------------------------------------- progress
def test_the_progress_counter_never_passes_the_total():
    out = io.StringIO()
    bar = Progress(out, total=lambda: 2)
    for name in ("a", "b", "a"):
        bar.step(name, 1, "ingested")
    assert [line.split()[0] for line in out.getvalue().splitlines()] == ["[1/2]", "[2/2]", "[2/2]"]


def test_an_unstorable_document_is_stepped_once(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"doc-{i}.txt").write_text(OK_TEXT.format(n=i))
    (folder / "doc-9-unstorable.txt").write_text(OK_TEXT.format(n=9))
    summary = run([folder], tmp_path / "v.db", progress=True)
    assert (summary.ingested, summary.failed) == (3, 1)
    counters = re.findall(r"^\[(\d+)(?:/(\d+))?\]", capsys.readouterr().err, re.M)
    assert int(counters[-1][0]) == 4 and all(not t or int(d) <= int(t) for d, t in counters)


# ------------------------------------------------------------------- disk full
@pytest.mark.parametrize("error", [sqlite3.OperationalError("database or disk is full"),
                                   OSError(errno.ENOSPC, "No space left on device")])
def test_a_full_disk_stops_the_batch_with_one_line_and_a_true_summary(tmp_path, monkeypatch, capsys, error):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(7):
        (folder / f"doc-{i}.txt").write_text(OK_TEXT.format(n=i))
    real, calls = pipeline.store.write_rows, []

    def write_rows(db, rows, atomic=True):
        calls.append(rows["source"]["path"])
        if len(calls) > 4:  # two batches of two are committed, then the disk fills
            raise error
        return real(db, rows, atomic)

    monkeypatch.setattr(pipeline.store, "write_rows", write_rows)
    monkeypatch.setattr(pipeline.ingest.writer, "BATCH_DOCUMENTS", 2)
    monkeypatch.setattr(pipeline.ingest, "ingest", _fake_ingest(pipeline.ingest.ingest))
    db = tmp_path / "v.db"
    assert cli.main(["ingest", str(folder), "--db", str(db), "-q"]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"error: disk full: {db}: {error}; the batch stopped, what was stored before stays"]
    assert query(db, "select count(*) from documents") == [(4,)]
    ingested, failed = map(int, re.match(r"ingested (\d+), skipped 0 \(unchanged\), failed (\d+)",
                                         captured.out).groups())
    assert ingested == 4 and failed >= 1
    # Once there is room, the same command does the rest.
    monkeypatch.setattr(pipeline.store, "write_rows", real)
    assert cli.main(["ingest", str(folder), "--db", str(db), "-q"]) == 0
    assert query(db, "select count(*) from documents") == [(7,)]
