import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
# Columns that say when a row was written: two runs that store the same facts differ there.
TIMESTAMPS = {"ingested_at", "at"}


def table_columns(conn) -> dict[str, str]:
    """Every stored table of a database (full-text ones left out) with its columns but the
    timestamps, as a select list: what two databases holding the same facts agree on."""
    tables = [r[0] for r in conn.execute(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite%' "
        "and name not like '%fts%' order by name")]
    return {table: ", ".join(f"[{r[1]}]" for r in conn.execute(f"pragma table_info([{table}])")
                             if r[1] not in TIMESTAMPS)
            for table in tables}
needs_shared = pytest.mark.skipif(
    not SHARED.exists(), reason="../shared (gold and corpus) is not on this machine"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db: Path, log: Path, files: Path | None = None):
    """`vanban serve` on `db` at a free port (serving the original files under `files`, if
    given), once its home page answers: yields (url, process), and stops the server
    afterwards unless the test already did."""
    port = free_port()
    extra = ["--files", str(files)] if files is not None else []
    with open(log, "wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "serve", "--db", str(db),
                                    "--port", str(port), *extra], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                   env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "/", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"vanban serve did not start:\n{log.read_text(errors='replace')}")
            time.sleep(0.3)
        yield url, process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
