"""What a new user gets wrong at the command line, and what vanban answers: one row per trap,
the command, then the exact message and exit status. Nothing here may look like success,
and a refused command leaves no database behind."""
from __future__ import annotations

import re
import shutil
import socket
import sqlite3

import pytest

from conftest import ROOT
from pipeline.cli import describe, main
from pipeline.ingest import default_jobs
from pipeline.models import Amount
from pipeline.store import open_db, write_result
from test_store import QD_TEXT, kh_result, qd_result

TTG_TEXT = QD_TEXT.replace("UBND", "TTg")
READS = ".doc .docx .htm .html .md .pdf .txt"
CORES = default_jobs()
JOBS = (f"vanban ingest: error: argument -j/--jobs: give a whole number from 1 to {4 * CORES} "
        f"(4 per core, {CORES} core{'s' if CORES > 1 else ''} here), not {{!r}}")


@pytest.fixture
def place(tmp_path):
    """Paths the commands are given: a database of three documents (two numbered 499), an
    empty folder, a folder of files vanban does not read, a text file named .pdf, a SQLite
    file of another program, and paths that do not exist."""
    db = open_db(tmp_path / "vanban.db")
    write_result(db, qd_result(), "corpus/qd-499.txt")
    write_result(db, kh_result(), "corpus/kh-64.txt")
    ttg = qd_result(text=TTG_TEXT, path="corpus/qd-499-ttg.txt")
    write_result(db, ttg.model_copy(update={"header": ttg.header.model_copy(
        update={"number_symbol": "499/QĐ-TTg", "issuer": "Thủ tướng Chính phủ"})}), "corpus/qd-499-ttg.txt")
    db.close()
    (tmp_path / "empty").mkdir()
    other = tmp_path / "notes"
    (other / ".git").mkdir(parents=True)
    for name in ("README.md", "a.csv", "b.csv", "plan.rst", ".git/x.txt"):
        (other / name).write_text("x")
    (tmp_path / "scan.pdf").write_text("Quyết định số 499/QĐ-UBND", encoding="utf-8")
    sqlite3.connect(tmp_path / "other.sqlite").execute("create table t (x)").connection.close()
    return tmp_path


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    try:
        status = main(argv)
    except SystemExit as e:  # argparse
        status = e.code
    out, err = capsys.readouterr()
    return status, out, err


NO_DB = "error: {0}: no such database; run `vanban ingest PATH --db {0}` first\n"

TRAPS = [
    # An empty folder, or one with only files vanban does not read (hidden folders unlisted).
    (["ingest", "{t}/empty", "--db", "{t}/new.db"],
     f"error: no supported files found in {{t}}/empty (the folder is empty); vanban reads {READS}\n", 1),
    (["ingest", "{t}/notes", "--db", "{t}/new.db"],
     f"error: no supported files found in {{t}}/notes (4 files ignored: .csv, README, .rst); vanban reads {READS}\n", 1),
    (["extract", "{t}/notes"],
     f"error: no supported files found in {{t}}/notes (4 files ignored: .csv, README, .rst); vanban reads {READS}\n", 1),
    # A path that does not exist: refused before a database is made.
    (["ingest", "{t}/corpsu", "--db", "{t}/new.db"], "error: {t}/corpsu: no such file or folder\n", 1),
    (["ingest", "{t}/scan.pdf", "{t}/corpsu", "--db", "{t}/new.db"], "error: {t}/corpsu: no such file or folder\n", 1),
    # Read commands never create a database.
    (["cites", "qd 499", "--db", "{t}/vanbna.db"], NO_DB.format("{t}/vanbna.db"), 1),
    (["refs", "kh 64", "--db", "{t}/vanbna.db"], NO_DB.format("{t}/vanbna.db"), 1),
    (["serve", "--db", "{t}/vanbna.db"], NO_DB.format("{t}/vanbna.db"), 1),
    (["publish", "--db", "{t}/vanbna.db", "--out", "{t}/site"], NO_DB.format("{t}/vanbna.db"), 1),
    (["cites", "qd 499", "--db", "{t}/scan.pdf"], "error: {t}/scan.pdf: not a SQLite database (file is not a database)\n", 1),
    (["cites", "qd 499", "--db", "{t}/other.sqlite"], "error: {t}/other.sqlite: not a vanban database (it has no documents table)\n", 1),
    # -j out of bounds (argparse's own exit status, 2).
    (["ingest", "{t}/notes", "-j", "0"], JOBS.format("0"), 2),
    (["ingest", "{t}/notes", "-j", "-3"], JOBS.format("-3"), 2),
    (["ingest", "{t}/notes", "-j", "100000"], JOBS.format("100000"), 2),
    (["ingest", "{t}/notes", "-j", "two"], JOBS.format("two"), 2),
    # refs reads a number the way cites does; a loose spelling naming two documents is told.
    (["refs", "qd 499", "--db", "{t}/vanban.db"],
     "error: 'qd 499' names 2 documents in {t}/vanban.db: {ids}; give the number in full, or the id\n", 1),
    (["refs", "64/KH", "--db", "{t}/vanban.db"], "", 0),
    (["refs", "kh 64", "--db", "{t}/vanban.db"], "", 0),
    (["refs", "KH 65", "--db", "{t}/vanban.db"], "'KH 65': no such document in {t}/vanban.db, or it cites nothing\n", 1),
    # A file whose content is not its extension's format.
    (["extract", "{t}/scan.pdf"], "error: {t}/scan.pdf: looks like plain text, not a PDF\n", 1),
    # eval without its input says where gold files come from.
    (["eval"], "error: vanban eval needs GOLD_DIR, a folder of NAME.gold.json files: what a careful "
               "reader finds in each document (header, citations, amounts …), written by hand. They "
               "are not shipped with vanban: the reference material beside the repository holds them "
               "(`vanban eval ../shared/gold`, or `make eval`), and ../shared/gold/FORMAT.md describes "
               "the format; to annotate a document of your own, start from `vanban extract FILE --out "
               "DIR` and correct the JSON\n", 1),
    (["eval", "{t}/gold"], "error: {t}/gold: not a folder of *.gold.json files (see `vanban eval --help`)\n", 1),
]


@pytest.mark.parametrize("argv, message, status", TRAPS)
def test_trap(place, capsys, argv, message, status):
    ids = "499/QĐ-UBND ({}), 499/QĐ-TTg ({})".format(
        qd_result().source.sha256[:16],
        qd_result(text=TTG_TEXT).source.sha256[:16])
    ids = ", ".join(sorted(ids.split(", "), key=lambda s: s[-17:]))
    before = sorted(p.name for p in place.iterdir())
    got, out, err = run([a.format(t=place) for a in argv], capsys)
    expected = message.format(t=place, ids=ids)
    if status == 2:
        assert err.splitlines()[-1] == expected
    else:
        assert err == expected
    assert got == status
    if status:
        assert out == ""
        # Nothing written: no database, no site, no WAL of a database opened for writing.
        assert sorted(p.name for p in place.iterdir()) == before
    else:
        assert out.startswith("499/QĐ-UBND  [QĐ; can_cu] -> ")


def test_serve_on_a_busy_port_says_so_before_printing_its_address(place, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        status, out, err = run(["serve", "--db", str(place / "vanban.db"), "--port", str(port)], capsys)
    assert (status, out) == (1, "")
    assert err == (f"error: 127.0.0.1:{port}: Address already in use; another program (perhaps another "
                   "`vanban serve`) listens there: stop it, or choose another --port\n")


def test_summary_prints_amounts_as_the_document_wrote_them():
    result = qd_result().model_copy(update={"amounts": (
        Amount(text="1.066,4 triệu đồng", start=0, end=18, vnd=1_066_400_000, value="1066.4", unit="triệu đồng"),
        Amount(text="4,329 tỷ đồng", start=0, end=13, vnd=4_329_000_000, value="4.329", unit="tỷ đồng"),
        Amount(text="2.000 USD", start=0, end=9, vnd=None, value="2000", unit="USD", currency="USD"),
    )})
    lines = describe(result).splitlines()
    start = lines.index("  amounts (3):")
    assert lines[start + 1:start + 4] == ["    - 1.066,4 triệu đồng  = 1.066.400.000 đ",
                                          "    - 4,329 tỷ đồng  = 4.329.000.000 đ",
                                          "    - 2.000 USD  (USD)"]


def test_files_gone_from_the_folder_are_reported_then_pruned(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("qd-499-ubnd-2023.txt", "kh-86-ubnd-2023.txt"):
        shutil.copy(ROOT / "corpus" / name, folder / name)
    db = str(tmp_path / "vanban.db")
    assert run(["ingest", str(folder), "--db", db, "-q", "-j", "1"], capsys)[0] == 0
    (folder / "qd-499-ubnd-2023.txt").unlink()
    gone = str(folder / "qd-499-ubnd-2023.txt")

    def line(out: str) -> str:
        return re.sub(r"in \d+\.\d s", "in T s", out)
    status, out, err = run(["ingest", str(folder), "--db", db, "-q"], capsys)
    assert (status, line(out), err) == (0, "ingested 0, skipped 1 (unchanged), failed 0, gone 1 (still in "
                                           "the database; --prune removes them), in T s\n", f"gone: {gone}\n")
    status, out, err = run(["ingest", str(folder), "--db", db, "-q", "--prune"], capsys)
    assert (status, line(out), err) == (0, "ingested 0, skipped 1 (unchanged), failed 0, pruned 1 (gone "
                                           "from the folder), in T s\n", f"pruned: {gone}\n")
    with sqlite3.connect(db) as conn:
        assert conn.execute("select number_symbol from documents").fetchall() == [("86/KH-UBND",)]
        assert conn.execute("select count(*) from sources where path = ?", [gone]).fetchone() == (0,)
        # The plan's citation of the decision is no longer linked to it.
        assert conn.execute("select count(*) from citations where cited_document_id is not null").fetchone() == (0,)
    status, out, err = run(["ingest", str(folder), "--db", db, "-q"], capsys)
    assert (status, line(out), err) == (0, "ingested 0, skipped 1 (unchanged), failed 0, in T s\n", "")


@pytest.mark.parametrize("command, option", [("ingest", "--prune"), ("ingest", "--jobs"), ("eval", "GOLD_DIR")])
def test_new_options_are_in_help(capsys, command, option):
    assert option in run([command, "--help"], capsys)[1]
    assert option in (ROOT / "README.md").read_text(encoding="utf-8")
