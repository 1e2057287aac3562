"""The one process that writes: batches of results stored in transactions (or, on the
bulk path, appended to shard files and merged at the end), the failures recorded, and the
summary of what the database now holds. See pipeline.ingest for how a run drives it."""
from __future__ import annotations

import errno
import os
import signal
import sqlite3
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..printable import printable, storable
from .work import KILL_AFTER_ENV, Extracted, Failed, Outcome, Sharded, Task
from .progress import Progress

BATCH_DOCUMENTS = 50
BATCH_SECONDS = 2.0

# Test hooks: SIGKILL this process right after the Nth document of a run is written (into
# the database, or into a shard on the bulk path), inside its still-open transaction, the
# worst moment for a crash; or at a point of the merge ("inserted", "linked", "committed":
# see store.shards.merge_shards).
KILL_IN_MERGE_ENV = "VANBAN_INGEST_KILL_IN_MERGE"

# The writing connection's page cache, in KiB. Rows land at random places in the mention
# tables' indexes (document ids are hashes): 32 MB rather than SQLite's 2 MB took ~8 % off
# a write's CPU over 2,000 bench documents (64 MB: ~10 %, for 30 MB more of the memory
# make bench holds under 500 MB).
WRITER_CACHE_KIB = 32 * 1024


def open_for_writing(db_path: str | Path):
    """The database opened as ingest's writer opens it (make bench times that writer)."""
    from ..store import open_db

    db = open_db(db_path)
    db.execute(f"pragma cache_size = -{WRITER_CACHE_KIB}")
    return db


class DiskFull(Exception):
    """The database cannot grow: no later file can be stored either, so the batch stops
    (instead of recording every remaining file as failed, which needs the disk too)."""


def _is_disk_full(e: BaseException) -> bool:
    if isinstance(e, sqlite3.OperationalError):
        return "disk is full" in str(e) or getattr(e, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
    return isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EDQUOT)


# What the batch writer does for one path, in arrival order.
@dataclass(frozen=True)
class WriteRows:
    """Store an extracted file's rows."""
    task: Task
    rows: dict


@dataclass(frozen=True)
class RecordError:
    """Record why a file failed."""
    task: Task
    reason: str
    sha256: str | None


@dataclass(frozen=True)
class TouchSource:
    """Remember the new stat of a file whose bytes are unchanged."""
    task: Task


@dataclass(frozen=True)
class RemoveSource:
    """Forget a path that is gone from the folder (--prune), and its document if no other
    path holds it."""
    path: str


WriteOp = WriteRows | RecordError | TouchSource | RemoveSource


class BatchWriter:
    """Collects outcomes and writes them in one transaction per BATCH_DOCUMENTS documents or
    BATCH_SECONDS, whichever comes first: one commit per document would cost more than the
    writing.

    A batch is written on a thread of its own, with its own connection, while the next one
    is collected: SQLite lets go of the GIL while it writes, so the workers are handed new
    files meanwhile instead of waiting for the write to end. One batch is written at a time,
    which keeps memory flat."""

    def __init__(self, db_path: str | Path, summary: IngestSummary, bar: Progress | None,
                 bulk: bool = False) -> None:
        self.summary, self.bar = summary, bar
        # On the bulk path, documents go to a shard in this folder, merged on drain().
        self.shards = shard_folder(db_path) if bulk else None
        if self.shards:
            self.shards.mkdir(parents=True, exist_ok=True)
        self.shard = None
        # Documents in a shard since the last merge: appended by workers (counted by this
        # thread), and by the writing thread.
        self.unmerged = self.staged = 0
        self.waiting: list[Task] = []  # counted as ingested, their rows waiting in a shard
        self.ops: list[WriteOp] = []
        self.documents = 0
        self.started = time.monotonic()
        self.orphans: list[str] = []
        self.written = 0
        kill = os.environ.get(KILL_AFTER_ENV)
        self.kill_after = int(kill) if kill else None
        self.db_path = db_path
        self.thread = ThreadPoolExecutor(1, thread_name_prefix="vanban-writer")
        # A connection belongs to the thread that opened it.
        self.db = self.thread.submit(open_for_writing, db_path).result()
        self.writing: Future | None = None

    def wait_time(self) -> float:
        return max(0.0, self.started + BATCH_SECONDS - time.monotonic()) if self.ops else BATCH_SECONDS

    def add(self, op: WriteOp) -> None:
        self._queue(op)
        self._flush_when_full()

    def _queue(self, op: WriteOp) -> None:
        if not self.ops:
            self.started = time.monotonic()
        self.ops.append(op)
        self.documents += isinstance(op, WriteRows)

    def _flush_when_full(self) -> None:
        if self.documents >= BATCH_DOCUMENTS or time.monotonic() - self.started >= BATCH_SECONDS:
            self.flush()

    def outcome(self, task: Task, outcome: Outcome) -> None:
        # In the batch before its line is printed, so that a Ctrl-C right after the line
        # still finds it there to store; counted before the batch may be written, since a
        # batch that cannot be written takes its documents back out of the count.
        if isinstance(outcome, Sharded):
            self._count("ingested", task)  # its rows wait in the shard for the merge
            self.unmerged += 1
            self.waiting.append(task)
        elif isinstance(outcome, Extracted):
            self._queue(WriteRows(task, outcome.rows))
            self._count("ingested", task)
        else:
            self._queue(RecordError(task, outcome.reason, outcome.sha256))
            self._fail(task, outcome.reason)
        self._flush_when_full()

    def skip(self, task: Task) -> None:
        self._count("skipped", task)

    def refuse(self, task: Task, reason: str) -> None:
        """A path failed before any extraction (not a regular file, a folder that cannot be
        read): recorded and reported like a file that failed to load."""
        self.outcome(task, Failed(reason))

    def _count(self, status: str, task: Task) -> None:
        setattr(self.summary, status, getattr(self.summary, status) + 1)
        self.summary.bytes[status] += task.size
        if self.bar:
            self.bar.step(task.path, task.size, status)

    def _fail(self, task: Task, reason: str, counted: bool = False) -> None:
        """Count (unless the file was `counted` already, as ingested) and report a failure,
        on one line whatever the path and reason hold."""
        if counted:
            self.summary.failed += 1
            self.summary.bytes["failed"] += task.size
        else:
            self._count("failed", task)
        self.summary.failures.append((storable(task.path), reason))
        # Failures are reported even when progress is silenced.
        line = printable(f"error: {task.path}: {reason}")
        if self.bar:
            self.bar.note(line)
        else:
            sys.stderr.write(line + "\n")

    def flush(self) -> None:
        """Hand the collected batch to the writing thread, once the previous one is written."""
        if not self.ops:
            return
        self.wait()
        ops, self.ops, self.documents = self.ops, [], 0
        self.writing = self.thread.submit(self._write_batch, ops)
        self.writing.ops = ops  # what it holds, should it fail

    def wait(self) -> None:
        """Let the batch being written finish, then report what it could not store and
        which paths it orphaned."""
        if self.writing is None:
            return
        writing, self.writing = self.writing, None
        try:
            orphans, unstored = writing.result()
        except DiskFull:
            # this batch and the next, and on the bulk path what waits in a shard unmerged
            self._unstore([op.task for op in writing.ops + self.ops if isinstance(op, WriteRows)]
                          + self.waiting)
            self.ops, self.documents, self.waiting = [], 0, []
            raise
        self.orphans.extend(orphans)
        for task, reason in unstored:
            self.summary.ingested -= 1
            self.summary.bytes["ingested"] -= task.size
            self._fail(task, reason, counted=True)

    def _unstore(self, tasks: list[Task]) -> None:
        """These documents were counted as ingested but are not stored (the batch stopped):
        count them as failed, so that the summary says what the database holds. They are
        not reported one by one: the one cause is reported once."""
        for task in {task.path: task for task in tasks}.values():  # a batch's may wait in a shard too
            self.summary.ingested -= 1
            self.summary.bytes["ingested"] -= task.size
            self.summary.failed += 1
            self.summary.bytes["failed"] += task.size

    def drain(self) -> None:
        self.flush()
        self.wait()
        self.merge()

    def merge(self) -> None:
        """Merge the shards left by a killed run, and this run's. When the disk fills
        during the merge, the documents still waiting in a shard are counted as failed, so
        that the summary says what the database holds (the next run merges them)."""
        try:
            self.orphans.extend(self.thread.submit(self._merge).result())
        except DiskFull:
            self._unstore(self.waiting)
            self.waiting = []
            raise
        self.waiting = []

    def close(self) -> None:
        try:
            self.wait()
        finally:
            self.thread.submit(self._close).result()
            self.thread.shutdown()

    # The methods below run on the writing thread.
    def _close(self) -> None:
        """Close; the shards go once all they held is merged (the workers are gone by now)."""
        from ..store.shards import remove_shard

        if self.shard is not None:
            self.shard.close()
        self.db.close()
        folder = shard_folder(self.db_path)
        if self.unmerged == self.staged == 0 and folder.is_dir():
            for shard in folder.glob("*.db"):
                remove_shard(shard)
            if not any(folder.iterdir()):
                folder.rmdir()

    def _merge(self) -> list[str]:
        from ..store.shards import merge_shards

        if self.shard is not None:
            self.shard.close()
            self.shard = None
        folder = shard_folder(self.db_path)
        try:
            orphans = merge_shards(self.db, sorted(folder.glob("*.db")), self._merge_checkpoint) \
                if folder.is_dir() else []
        except Exception as e:
            if _is_disk_full(e):
                raise DiskFull(str(e)) from None
            raise
        self.unmerged = self.staged = 0
        return orphans

    def _merge_checkpoint(self, point: str) -> None:
        if os.environ.get(KILL_IN_MERGE_ENV) == point:
            os.kill(os.getpid(), signal.SIGKILL)

    def _shard(self):
        from ..store.shards import ShardWriter

        if self.shard is None:
            taken = [int(p.stem) for p in self.shards.glob("*.db") if p.stem.isdigit()]
            self.shard = ShardWriter(self.shards / f"{max(taken, default=0) + 1}.db")
        return self.shard

    def _written(self) -> None:
        self.written += 1
        if self.kill_after is not None and self.written >= self.kill_after:
            os.kill(os.getpid(), signal.SIGKILL)

    def _write_batch(self, ops: list[WriteOp]) -> tuple[list[str], list[tuple[Task, str]]]:
        if self.shards is not None:
            # Checked for identity only when merged: nothing fails here but the disk.
            try:
                staged = [op.rows for op in ops if isinstance(op, WriteRows)]
                if staged:
                    self._shard().add(staged, self._written)
                    self.staged += len(staged)
                    self.waiting.extend(op.task for op in ops if isinstance(op, WriteRows))
            except Exception as e:
                if _is_disk_full(e):
                    raise DiskFull(str(e)) from None
                raise
            ops = [op for op in ops if not isinstance(op, WriteRows)]
        written = self.written
        try:
            return self._write(ops, each_atomic=False)
        except Exception as e:
            if _is_disk_full(e):
                raise DiskFull(str(e)) from None
            # Some document could not be stored, and the batch was rolled back: write it again
            # with a savepoint per document, so that only that document fails. (Without a
            # failure no savepoint is taken: releasing one makes FTS5 flush its pending terms,
            # which cost a quarter of each write.)
            self.written = written
        try:
            return self._write(ops, each_atomic=True)
        except Exception as e:
            if _is_disk_full(e):
                raise DiskFull(str(e)) from None
            raise

    def _write(self, ops: list[WriteOp], each_atomic: bool) -> tuple[list[str], list[tuple[Task, str]]]:
        from ..store import record_error, remove_source, touch_source, write_rows

        orphans: list[str] = []
        unstored: list[tuple[Task, str]] = []
        with self.db.atomic():
            for op in ops:
                if isinstance(op, WriteRows):
                    task, rows = op.task, op.rows
                    if not each_atomic:
                        orphans.extend(write_rows(self.db, rows, atomic=False)[1])
                    else:
                        try:
                            orphans.extend(write_rows(self.db, rows)[1])
                        except Exception as e:
                            if _is_disk_full(e):
                                raise
                            reason = f"cannot store: {type(e).__name__}: {e}"
                            record_error(self.db, task.path, reason, rows["source"]["sha256"])
                            unstored.append((task, reason))
                            continue
                    self._written()
                elif isinstance(op, RecordError):
                    record_error(self.db, op.task.path, op.reason, op.sha256)
                elif isinstance(op, RemoveSource):
                    orphans.extend(remove_source(self.db, op.path))
                else:
                    touch_source(self.db, op.task.path, op.task.size, op.task.mtime_ns)
        return orphans, unstored


def shard_folder(db_path: str | Path) -> Path:
    """Where the bulk path keeps the shards of a database until they are merged."""
    return Path(f"{db_path}.shards")


@dataclass
class IngestSummary:
    ingested: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    bytes: dict[str, int] = field(default_factory=lambda: {"ingested": 0, "skipped": 0, "failed": 0})
    failures: list[tuple[str, str]] = field(default_factory=list)
    # Why the batch stopped before its end (the disk is full), or None.
    stopped: str | None = None
    # Stored paths under a folder ingested that are no longer there, and whether their
    # documents were removed (--prune).
    gone: list[str] = field(default_factory=list)
    pruned: bool = False

    def line(self) -> str:
        gone = ""
        if self.gone:
            gone = (f", pruned {len(self.gone)} (gone from the folder)" if self.pruned else
                    f", gone {len(self.gone)} (still in the database; --prune removes them)")
        return (f"ingested {self.ingested}, skipped {self.skipped} (unchanged), "
                f"failed {self.failed}{gone}, in {self.seconds:.1f} s")

    def table(self) -> str:
        rows = [(name, getattr(self, name), self.bytes[name]) for name in ("ingested", "skipped", "failed")]
        total = sum(r[1] for r in rows)
        lines = [f"{'':<10}{'files':>9}{'MB':>10}"]
        lines += [f"{name:<10}{n:>9}{b / 1e6:>10.1f}" for name, n, b in rows]
        rate = total / self.seconds if self.seconds else 0.0
        lines.append(f"{'time':<10}{self.seconds:>8.1f}s{rate:>10.1f} files/s")
        return "\n".join(lines)
