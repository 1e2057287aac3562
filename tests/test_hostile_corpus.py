"""The hostile-input corpus (tests/hostile_corpus.py) ingested in one batch, as a user's
folder would be: no crash, no hang, every file's outcome as its row of the table says, and
the database small. Bombs, malformed files, encodings, names and slow shapes side by side
also check that one file's trouble never reaches its neighbours."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from conftest import ROOT
from hostile_corpus import CASES, Case, write
from pipeline.printable import storable

# Far above the few seconds the batch takes; reaching it is a hang, not slowness.
HANG_S = 600


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    paths = write(folder)
    db = folder.parent / "hostile.db"
    run = subprocess.run([sys.executable, "-m", "pipeline.cli", "ingest", str(folder), "--db", str(db)],
                         capture_output=True, text=True, errors="replace", timeout=HANG_S, cwd=ROOT)
    con = sqlite3.connect(db)
    con.execute("pragma wal_checkpoint(truncate)")
    yield {"run": run, "con": con, "db": db,
           "stored": {case: storable(os.fsdecode(path)) for case, path in paths.items()}}
    con.close()


def matches(detail: str, actual: str) -> bool:
    return actual.startswith(detail[:-1]) if detail.endswith("…") else actual == detail


def test_the_batch_ends_with_a_true_summary_and_no_traceback(batch):
    run = batch["run"]
    assert "Traceback" not in run.stderr
    stored = sum(c.outcome == "stored" for c in CASES)
    failed = len(CASES) - stored
    assert run.returncode == 1  # some files failed
    assert run.stdout.splitlines()[-1].startswith(
        f"ingested {stored}, skipped 0 (unchanged), failed {failed}, in ")


@pytest.mark.parametrize("case", CASES, ids=[os.fsdecode(c.name) for c in CASES])
def test_each_file_has_its_outcome(batch, case: Case):
    con, path = batch["con"], batch["stored"][case]
    errors = con.execute("select error from ingest_errors where path = ?", [path]).fetchall()
    documents = con.execute("select d.id, d.warnings from sources s join documents d "
                            "on d.id = s.document_id where s.path = ?", [path]).fetchall()
    if case.outcome == "failed":
        assert documents == []
        assert len(errors) == 1 and matches(case.detail, errors[0][0]), errors
        # named in what the user sees, by its printable name
        assert f"error: {path}: " in batch["run"].stderr
    else:
        assert errors == []
        [(document_id, warnings)] = documents
        if case.detail:
            assert case.detail in json.loads(warnings)
        # a document of its own: no other file of the batch was merged into it
        assert con.execute("select count(*) from sources where document_id = ?",
                           [document_id]).fetchone()[0] == 1


def test_the_database_stays_small(batch):
    # Before the caps the page-tree PDF and the percent list alone made 540 MB.
    assert batch["db"].stat().st_size < 20_000_000
    assert batch["con"].execute("pragma integrity_check").fetchone() == ("ok",)
