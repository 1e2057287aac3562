"""Batch ingestion: discover files lazily, skip the unchanged without reading them, extract
the rest in worker processes (or on a Dask cluster), and write the results from this one
process in batched transactions. Every failure is recorded and the batch goes on.

Crash safety comes from the store: a document is written whole inside a transaction or not
at all, and a path counts as done only once its `sources` row is committed, so a run killed
at any moment resumes where the last commit left it. On the bulk path (store.shards) the
rows wait in shard files until merged; a run merges what a killed one left before anything
else, and a path whose rows a shard lost is not in `sources`, so it is extracted again.
"""
from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from ..load import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES, LoadLimits
from ..printable import printable, storable
from .executors import DEFAULT_TIMEOUT, default_jobs, make_executor
from .work import Outcome, Task, extract_file, warm_up
from .files import discover, file_digest, input_problem
from .progress import Progress, FileCounter
from .writer import BATCH_SECONDS, BatchWriter, DiskFull, IngestSummary, RemoveSource, TouchSource

# A run with at least this many files to extract takes the bulk path (store.shards): rows
# are appended to a shard file and merged at the end, relinked once per merge transaction.
# Below it, every document is written live, which costs a small run into a large database
# nothing more than its own documents.
BULK_FILES = 1000

# --------------------------------------------------------------------- ingest
def ingest(paths: Iterable[str | Path], db_path: str | Path, force: bool = False,
           max_bytes: int = DEFAULT_MAX_BYTES, progress: bool = True, jobs: int | None = None,
           executor: str = "local", scheduler: str | None = None,
           timeout: float = DEFAULT_TIMEOUT, work: Callable[[Task, LoadLimits], Outcome] = extract_file,
           max_pages: int = DEFAULT_MAX_PAGES, ocr: bool = True, prune: bool = False,
           write: str = "auto") -> IngestSummary:
    """Ingest files and folders into the database at `db_path`. `jobs` worker processes
    (default: one per core; 1 runs in this process) extract, or a Dask cluster does when
    `executor` is "dask". `work` is what runs per file (a module-level function, since it
    is sent to other processes). Stored files that are gone from the folders given are
    listed in the summary, and with `prune` their documents are removed. `write` is "live"
    (each document written as it comes), "bulk" (into a shard, merged at the end) or "auto":
    bulk when at least BULK_FILES files need extracting."""
    from ..store import open_db, stored_paths

    paths = list(paths)
    limits = LoadLimits(max_bytes, max_pages, ocr)
    Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    db = open_db(db_path)
    jobs = jobs or default_jobs()
    summary = IngestSummary()
    counter = None
    if progress:
        counter = FileCounter(paths)
        counter.start()
    bar = Progress(total=lambda: counter.total) if progress else None
    if write not in WRITE_PATHS:
        raise ValueError(f"unknown write path {write!r}; use one of {', '.join(WRITE_PATHS)}")
    bulk = write == "bulk" or (write == "auto" and _to_extract(db, paths, force, BULK_FILES) >= BULK_FILES)
    writer = BatchWriter(db_path, summary, bar, bulk)
    pool = None
    started = time.monotonic()
    seen: set[str] = set()

    def submit(task: Task) -> None:
        nonlocal pool
        # Started on the first file that needs extracting, so that a run where nothing
        # changed never loads the NLP stack.
        if pool is None:
            pool = make_executor(executor, jobs, work, timeout, limits, scheduler,
                                 str(writer.shards) if writer.shards and executor == "local" else None)
        while pool.pending >= pool.capacity:
            collect()
        pool.submit(task)
        collect(0.0)

    def collect(wait: float | None = None) -> None:
        for task, outcome in pool.results(writer.wait_time() if wait is None else wait):
            writer.outcome(task, outcome)
        if writer.ops and time.monotonic() - writer.started >= BATCH_SECONDS:
            writer.flush()

    def task_of(path: Path) -> tuple[Task, os.stat_result | None]:
        try:
            st = path.stat()
        except OSError:
            return Task(str(path), 0, None), None  # load() will name the reason
        return Task(str(path), st.st_size, st.st_mtime_ns), st

    def unreadable_folder(e: OSError) -> None:
        folder = e.filename if e.filename is not None else "?"
        writer.refuse(Task(os.fsdecode(folder), 0, None), f"cannot read folder: {e.strerror or e}")

    def resubmit_orphans() -> None:
        while writer.orphans:
            submit(task_of(Path(writer.orphans.pop()))[0])

    try:
        writer.merge()  # what a killed bulk run left
        resubmit_orphans()
        for path in discover(paths, on_error=unreadable_folder):
            seen.add(storable(path))
            task, st = task_of(path)
            if st is not None and not stat.S_ISREG(st.st_mode):
                # Reading a FIFO blocks and /dev/zero never ends: refused without opening.
                writer.refuse(task, f"not a regular file ({_file_kind(st.st_mode)})")
                continue
            state = None if force or st is None else _current_state(db, task)
            if state:
                if state.mtime_ns == task.mtime_ns:
                    writer.skip(task)
                    continue
                if _same_digest(path, state.sha256):
                    writer.add(TouchSource(task))
                    writer.skip(task)
                    continue
            submit(task)
            resubmit_orphans()
        summary.gone = _gone(stored_paths(db), paths, seen)
        if prune:
            for gone in summary.gone:
                writer.add(RemoveSource(gone))
            summary.pruned = bool(summary.gone)
        while True:
            if pool is not None and pool.pending:
                collect()
                resubmit_orphans()
                continue
            # Written, and merged on the bulk path, before the end: orphans only show then.
            writer.drain()
            resubmit_orphans()
            # An orphan extracted in this process (-j 1) is in a shard already, with no
            # write left to do: its rows still wait for a merge.
            if (pool is None or not pool.pending) and not writer.ops and not writer.waiting:
                break
    except DiskFull as e:
        # What was committed is kept; the rest is done by a run once there is room.
        summary.stopped = f"disk full: {printable(str(db_path))}: {e}"
    except KeyboardInterrupt:
        # What was extracted is kept; the rest is done by the next run.
        try:
            writer.drain()
        except DiskFull as e:
            summary.stopped = f"disk full: {printable(str(db_path))}: {e}"
        raise
    finally:
        if pool is not None:
            pool.close()
        if bar:
            bar.close()
        writer.close()
        db.close()
    summary.seconds = time.monotonic() - started
    return summary


WRITE_PATHS = ("auto", "live", "bulk")


def _current_state(db, task: Task):
    """The stored state of a path stored whole by this extractor at this size (its mtime
    or digest then says whether it changed), or None: extract it."""
    from .. import EXTRACTOR_VERSION
    from ..store import stored_state

    state = stored_state(db, task.path)
    if (state and not state.failed and state.extractor_version == EXTRACTOR_VERSION
            and state.size == task.size):
        return state
    return None


def _to_extract(db, paths: list[str | Path], force: bool, enough: int) -> int:
    """How many files of `paths` need extracting, counted up to `enough`. A file whose
    mtime moved but not its size is not counted (only its digest would say)."""
    count = 0
    for path in discover(paths, on_error=lambda e: None):
        try:
            st = path.stat()
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode) and (force or _current_state(db, Task(str(path), st.st_size, st.st_mtime_ns)) is None):
            count += 1
            if count >= enough:
                break
    return count


def _gone(stored: Iterable[str], paths: list[str | Path], seen: set[str]) -> list[str]:
    """The stored paths under a folder of `paths` that this run did not find and that no
    longer exist. A path that cannot be looked at (its folder unreadable) is not gone."""
    folders = [Path(p) for p in paths if Path(p).is_dir()]
    gone = []
    for path in stored:
        # Found this run (a name that is not UTF-8 is stored escaped, and only `seen`,
        # in the stored form, finds it again).
        if path in seen:
            continue
        p = Path(path)
        if any(p.is_relative_to(f) and ".." not in p.relative_to(f).parts for f in folders) and _missing(p):
            gone.append(path)
    return sorted(gone)


def _missing(path: Path) -> bool:
    try:
        path.lstat()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return False


def _file_kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a file"


def _same_digest(path: Path, sha256: str | None) -> bool:
    try:
        return sha256 is not None and file_digest(path) == sha256
    except OSError:
        return False


__all__ = ["IngestSummary", "ingest", "discover", "input_problem", "file_digest", "extract_file", "warm_up",
           "default_jobs", "Task", "DEFAULT_TIMEOUT", "BULK_FILES", "WRITE_PATHS"]
