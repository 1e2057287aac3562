"""The work done for one file, wherever it runs: load, extract and prepare its rows (on the
bulk path, append them to a shard too), and the plain records its outcome crosses a pipe or
a Dask cluster as."""
from __future__ import annotations

import gc
import os
import signal
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ..load import LoadLimits
from .files import file_digest


class Task(NamedTuple):
    path: str
    size: int
    mtime_ns: int | None


# What extracting one file gave: plain picklable records, so that an outcome crosses a
# pipe or a Dask cluster unchanged.
@dataclass(frozen=True)
class Extracted:
    """The file's rows, prepared for writing (store.prepare)."""
    rows: dict


@dataclass(frozen=True)
class Failed:
    """Why the file was not extracted, and its sha256 when it is a regular file."""
    reason: str
    sha256: str | None = None


@dataclass(frozen=True)
class Sharded:
    """The file's rows, appended to the shard `shard` (a file name in the run's shard folder)
    by the process that extracted it, for the bulk merge; nothing else crosses the pipe."""
    shard: str


Outcome = Extracted | Failed | Sharded

# Test hook: SIGKILL the process appending to a shard right after its Nth document is in,
# inside the shard's still-open transaction (ingest's writer honours it too).
KILL_AFTER_ENV = "VANBAN_INGEST_KILL_AFTER"

# Allocations between two collections of the youngest generation in a process that
# extracts (see warm_up); Python's default is 700.
GC_YOUNG = 10_000


def extract_file(task: Task, limits: LoadLimits = LoadLimits()) -> Outcome:
    """Load, extract and turn into rows one file; never raises for a bad file."""
    from .. import extract_loaded
    from ..load import LoadError, load
    from ..store import prepare

    try:
        result = extract_loaded(load(task.path, limits.max_bytes, max_pages=limits.max_pages,
                                         ocr=limits.ocr))
        return Extracted(prepare(result, task.path, task.size, task.mtime_ns))
    except LoadError as e:
        reason = e.reason
    except Exception as e:  # one bad file never stops the batch
        reason = f"extraction failed: {type(e).__name__}: {e}"
    return Failed(reason, _digest_of_regular(Path(task.path)))


def _digest_of_regular(path: Path) -> str | None:
    """The failed file's sha256, if it is a regular file: hashing a FIFO blocks and hashing
    /dev/zero never ends, which turned "not a regular file" into a time-out."""
    try:
        return file_digest(path) if stat.S_ISREG(os.stat(path).st_mode) else None
    except OSError:
        return None


# This process's shard writer, kept open between files; see to_shard.
_shard_writers: dict[Path, object] = {}
_appended = 0


def to_shard(outcome: Outcome, folder: str) -> Outcome:
    """On the bulk path, an extracted file's rows appended to a shard of `folder` here, in
    the process that extracted them, rather than sent back: the writer is spared their
    unpickling and the append. Worker processes share MERGED_AT_ONCE - 1 shard files by
    their pid (SQLite makes them take turns), so a merge takes them all in one path order."""
    from ..store.shards import MERGED_AT_ONCE, ShardWriter

    if not isinstance(outcome, Extracted):
        return outcome
    path = Path(folder) / f"w{os.getpid() % (MERGED_AT_ONCE - 1)}.db"
    writer = _shard_writers.get(path)
    if writer is None:
        writer = _shard_writers[path] = ShardWriter(path)
    kill = os.environ.get(KILL_AFTER_ENV)

    def appended() -> None:
        global _appended
        _appended += 1
        if kill and _appended >= int(kill):
            os.kill(os.getpid(), signal.SIGKILL)

    try:
        writer.add([outcome.rows], appended)
    except Exception as e:
        return Failed(f"cannot store: {type(e).__name__}: {e}", outcome.rows["source"]["sha256"])
    return Sharded(path.name)


def warm_up() -> None:
    """Build the NLP pipeline before the first timed file, so that loading spaCy is not
    charged to it."""
    from .. import extract_loaded
    from ..load.text import load_text

    sample = ("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\nSố: 1/QĐ-UBND\nLạng Sơn, ngày 2 tháng 3 năm 2024\n"
              "QUYẾT ĐỊNH\nCăn cứ Quyết định số 2/QĐ-UBND; kinh phí 1.000 triệu đồng, đạt 10%.\n")
    extract_loaded(load_text(Path("warm-up.txt"), sample.encode()))
    # The ~160,000 objects of the loaded stack (spaCy, patterns) live as long as the
    # process: kept out of the collector's view, a full collection costs 1 ms, not 90.
    gc.freeze()
    # A document allocates some hundred thousand objects, nearly all freed by reference
    # counting: the collector looks at the young ones every GC_YOUNG allocations rather
    # than every 700, which spares it two passes per document (and most passes over the
    # older generations) for the few cycles a document leaves.
    gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])


def timed_out(timeout: float) -> Outcome:
    """The outcome of a file that went past --timeout."""
    return Failed(f"timed out after {timeout:g} s (--timeout)")
