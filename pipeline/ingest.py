"""Batch ingestion: discover files lazily, skip the unchanged without reading them, extract
the rest in worker processes (or on a Dask cluster), and write the results from this one
process in batched transactions. Every failure is recorded and the batch goes on.

Crash safety comes from the store: a document is written whole inside a transaction or not
at all, and a path counts as done only once its `sources` row is committed, so a run killed
at any moment resumes where the last commit left it.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import wait as wait_connections
from pathlib import Path
from typing import NamedTuple

from .load import DEFAULT_MAX_BYTES, SUPPORTED

DEFAULT_TIMEOUT = 60.0
# A worker is replaced after this many files: spaCy's string store only grows, and a fresh
# process every few thousand files keeps memory flat for a million (at ~1 % of the time).
RECYCLE_AFTER = 2000
BATCH_DOCUMENTS = 50
BATCH_SECONDS = 2.0
# Test hook: SIGKILL this process right after the Nth document of a run is written, inside
# its still-open transaction, the worst moment for a crash.
KILL_AFTER_ENV = "VANBAN_INGEST_KILL_AFTER"


@dataclass
class IngestSummary:
    ingested: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    bytes: dict[str, int] = field(default_factory=lambda: {"ingested": 0, "skipped": 0, "failed": 0})
    failures: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        return (f"ingested {self.ingested}, skipped {self.skipped} (unchanged), "
                f"failed {self.failed}, in {self.seconds:.1f} s")

    def table(self) -> str:
        rows = [(name, getattr(self, name), self.bytes[name]) for name in ("ingested", "skipped", "failed")]
        total = sum(r[1] for r in rows)
        lines = [f"{'':<10}{'files':>9}{'MB':>10}"]
        lines += [f"{name:<10}{n:>9}{b / 1e6:>10.1f}" for name, n, b in rows]
        rate = total / self.seconds if self.seconds else 0.0
        lines.append(f"{'time':<10}{self.seconds:>8.1f}s{rate:>10.1f} files/s")
        return "\n".join(lines)


def discover(paths: Iterable[str | Path], all_files: bool = False) -> Iterator[Path]:
    """Files named on the command line, and files under named folders (recursively, in a
    stable order). Inside folders only supported extensions are taken, and README files
    (a folder's own description) are left out, unless `all_files`; a file named explicitly
    is always tried, so an unsupported one is reported."""
    for p in map(Path, paths):
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    f = Path(root) / name
                    if all_files or (f.suffix.lower() in SUPPORTED
                                     and not name.upper().startswith("README")):
                        yield f
        else:
            yield p


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ------------------------------------------------------------------ the work
class Task(NamedTuple):
    path: str
    size: int
    mtime_ns: int | None


# An outcome is ("ok", rows) or ("error", reason, sha256 or None): plain data, so that it
# crosses a pipe or a Dask cluster unchanged.
Outcome = tuple


def extract_file(task: Task, max_bytes: int = DEFAULT_MAX_BYTES) -> Outcome:
    """Load, extract and turn into rows one file; never raises for a bad file."""
    from . import extract_loaded
    from .load import LoadError, load
    from .store import prepare

    try:
        result = extract_loaded(load(task.path, max_bytes=max_bytes))
        return ("ok", prepare(result, task.path, task.size, task.mtime_ns))
    except LoadError as e:
        reason = e.reason
    except Exception as e:  # one bad file never stops the batch
        reason = f"extraction failed: {type(e).__name__}: {e}"
    try:
        digest = file_digest(Path(task.path))
    except OSError:
        digest = None
    return ("error", reason, digest)


def warm_up() -> None:
    """Build the NLP pipeline before the first timed file, so that loading spaCy is not
    charged to it."""
    from . import extract_loaded
    from .load.text import load_text

    sample = ("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\nSố: 1/QĐ-UBND\nLạng Sơn, ngày 2 tháng 3 năm 2024\n"
              "QUYẾT ĐỊNH\nCăn cứ Quyết định số 2/QĐ-UBND; kinh phí 1.000 triệu đồng, đạt 10%.\n")
    extract_loaded(load_text(Path("warm-up.txt"), sample.encode()))


def _timed_out(timeout: float) -> Outcome:
    return ("error", f"timed out after {timeout:g} s (--timeout)", None)


# ----------------------------------------------------------------- executors
class InProcess:
    """-j 1: extraction in this process. The time limit is a SIGALRM, which interrupts
    Python code but not a long call inside a C extension."""

    capacity = 1

    def __init__(self, work: Callable, timeout: float, max_bytes: int) -> None:
        self.work, self.timeout, self.max_bytes = work, timeout, max_bytes
        self.done: list[tuple[Task, Outcome]] = []
        self.alarm = (hasattr(signal, "setitimer")
                      and threading.current_thread() is threading.main_thread())

    @property
    def pending(self) -> int:
        return len(self.done)

    def submit(self, task: Task) -> None:
        self.done.append((task, self._run(task)))

    def _run(self, task: Task) -> Outcome:
        if not self.alarm or not self.timeout:
            return self.work(task, self.max_bytes)

        def expire(signum, frame):
            raise _Expired

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, self.timeout)
        try:
            return self.work(task, self.max_bytes)
        except _Expired:
            return _timed_out(self.timeout)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    def results(self, wait: float) -> list[tuple[Task, Outcome]]:
        done, self.done = self.done, []
        return done

    def close(self) -> None:
        pass


class _Expired(BaseException):
    """Raised by the alarm; a BaseException so the extractor's own `except Exception`
    cannot swallow it."""


def _worker_main(conn, work: Callable, max_bytes: int) -> None:
    # Ctrl-C is the parent's to handle; a worker just stops when its pipe closes.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if work is extract_file:
        warm_up()
    conn.send("ready")
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            outcome = work(task, max_bytes)
        except BaseException as e:
            outcome = ("error", f"extraction failed: {type(e).__name__}: {e}", None)
        try:
            conn.send(outcome)
        except (BrokenPipeError, OSError):
            return


class _Worker:
    def __init__(self, ctx, work: Callable, max_bytes: int) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, work, max_bytes), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.task: Task | None = None
        self.deadline = 0.0
        self.done = 0

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


class ProcessPool:
    """-j N: N worker processes, started as work arrives, each fed one file at a time over
    its own pipe, so that a file over the time limit is dealt with by killing just its
    worker and starting another."""

    def __init__(self, jobs: int, work: Callable, timeout: float, max_bytes: int) -> None:
        # spawn: a worker must not inherit the parent's SQLite connection or threads.
        self.ctx = multiprocessing.get_context("spawn")
        self.jobs, self.work, self.timeout, self.max_bytes = jobs, work, timeout, max_bytes
        self.capacity = 2 * jobs  # one running and one waiting per worker
        self.workers: list[_Worker] = []
        self.retired: list[_Worker] = []
        self.queue: deque[Task] = deque()

    @property
    def pending(self) -> int:
        return len(self.queue) + sum(w.task is not None for w in self.workers)

    def submit(self, task: Task) -> None:
        self.queue.append(task)
        idle = sum(w.task is None for w in self.workers)
        if len(self.queue) > idle and len(self.workers) < self.jobs:
            self.workers.append(_Worker(self.ctx, self.work, self.max_bytes))
        self._dispatch()

    def _dispatch(self) -> None:
        for w in self.workers:
            if w.ready and w.task is None and self.queue:
                w.task = self.queue.popleft()
                w.deadline = time.monotonic() + self.timeout if self.timeout else float("inf")
                w.conn.send(w.task)

    def results(self, wait: float) -> list[tuple[Task, Outcome]]:
        done: list[tuple[Task, Outcome]] = []
        now = time.monotonic()
        deadlines = [w.deadline - now for w in self.workers if w.task is not None]
        ready = wait_connections([w.conn for w in self.workers], max(0.0, min([wait, *deadlines])))
        for w in list(self.workers):
            if w.conn in ready:
                try:
                    message = w.conn.recv()
                except (EOFError, OSError):
                    self._replace(w, done, f"worker process died (exit code {w.process.exitcode})")
                    continue
                if message == "ready":
                    w.ready = True
                else:
                    done.append((w.task, message))
                    w.task = None
                    w.done += 1
                    if w.done >= RECYCLE_AFTER:
                        self._retire(w)
            elif w.task is not None and time.monotonic() > w.deadline:
                self._replace(w, done, None)
        self._dispatch()
        return done

    def _replace(self, w: _Worker, done: list, reason: str | None) -> None:
        w.kill()
        if not w.ready:
            raise RuntimeError(f"an ingest worker could not start (exit code {w.process.exitcode})")
        if w.task is not None:
            done.append((w.task, ("error", reason, None) if reason else _timed_out(self.timeout)))
        self.workers[self.workers.index(w)] = _Worker(self.ctx, self.work, self.max_bytes)

    def _retire(self, w: _Worker) -> None:
        w.conn.send(None)
        # is_alive() reaps a process that has exited, so this list stays short.
        self.retired = [r for r in self.retired if r.process.is_alive()] + [w]
        self.workers[self.workers.index(w)] = _Worker(self.ctx, self.work, self.max_bytes)

    def close(self) -> None:
        for w in self.retired:
            w.process.join(timeout=2)
            if w.process.is_alive():
                w.kill()
        for w in self.workers:
            if w.task is None and w.process.is_alive():
                try:
                    w.conn.send(None)
                except OSError:
                    pass
        for w in self.workers:
            w.process.join(timeout=2)
            if w.process.is_alive():
                w.kill()
        self.workers.clear()


class DaskExecutor:
    """The extract stage on a Dask cluster: `scheduler` is its address (tcp://host:8786), or
    None for a LocalCluster of `jobs` single-threaded worker processes. Workers read the
    files by path, so they need the same paths (a shared filesystem) and vanban installed.
    A file over the time limit is recorded as failed and its task cancelled, but Dask cannot
    interrupt a running task: its worker thread stays busy until the file is done."""

    def __init__(self, scheduler: str | None, jobs: int, work: Callable, timeout: float,
                 max_bytes: int, processes: bool = True) -> None:
        from distributed import Client, LocalCluster

        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=processes,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        self.work, self.timeout, self.max_bytes = work, timeout, max_bytes
        threads = sum(self.client.nthreads().values()) or jobs
        # No queue beyond the cluster's threads, so a task starts when it is submitted and
        # its deadline can be counted from then.
        self.capacity = max(1, threads)
        self.running: dict = {}
        if work is extract_file:
            self.client.run(warm_up)

    @property
    def pending(self) -> int:
        return len(self.running)

    def submit(self, task: Task) -> None:
        future = self.client.submit(self.work, task, self.max_bytes, pure=False)
        deadline = time.monotonic() + self.timeout if self.timeout else float("inf")
        self.running[future] = (task, deadline)

    def results(self, wait: float) -> list[tuple[Task, Outcome]]:
        from distributed import wait as wait_futures

        if not self.running:
            time.sleep(min(wait, 0.05))
            return []
        now = time.monotonic()
        limit = max(0.01, min([wait, *(d - now for _, d in self.running.values())]))
        try:
            wait_futures(list(self.running), timeout=limit, return_when="FIRST_COMPLETED")
        except TimeoutError:
            pass
        done = []
        for future, (task, deadline) in list(self.running.items()):
            if future.done():
                del self.running[future]
                try:
                    done.append((task, future.result()))
                except Exception as e:  # a worker lost, or the task itself raised
                    done.append((task, ("error", f"dask task failed: {type(e).__name__}: {e}", None)))
            elif time.monotonic() > deadline:
                del self.running[future]
                future.cancel()
                done.append((task, _timed_out(self.timeout)))
        return done

    def close(self) -> None:
        for future in self.running:
            future.cancel()
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_executor(executor: str, jobs: int, work: Callable, timeout: float, max_bytes: int,
                  scheduler: str | None = None):
    if executor == "dask":
        return DaskExecutor(scheduler, jobs, work, timeout, max_bytes)
    if executor != "local":
        raise ValueError(f"unknown executor {executor!r}; use 'local' or 'dask'")
    if jobs <= 1:
        return InProcess(work, timeout, max_bytes)
    return ProcessPool(jobs, work, timeout, max_bytes)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


# ------------------------------------------------------------------- progress
class Progress:
    """One updating line on a terminal (files/s, MB/s, ETA once the total is counted);
    a plain line per file read otherwise."""

    def __init__(self, stream=None, total: Callable[[], int | None] = lambda: None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.total = total
        self.start = time.monotonic()
        self.done = 0
        self.bytes = 0
        self.shown = 0.0

    def step(self, path: str, size: int, status: str) -> None:
        self.done += 1
        self.bytes += size
        now = time.monotonic()
        if self.tty:
            # A terminal repaint per skipped file would cost more than the skip itself.
            if now - self.shown < 0.1:
                return
            self.shown = now
            self.stream.write(f"\r\033[K{self.status(now)}  {status:<8} {Path(path).name[:50]}")
        elif status != "skipped":
            self.stream.write(f"{self.counter()} {status} {path}\n")
        self.stream.flush()

    def counter(self) -> str:
        total = self.total()
        return f"[{self.done}/{total}]" if total else f"[{self.done}]"

    def status(self, now: float) -> str:
        elapsed = max(now - self.start, 1e-9)
        rate = self.done / elapsed
        text = f"{self.counter()} {rate:.1f} files/s {self.bytes / elapsed / 1e6:.2f} MB/s"
        total = self.total()
        if total and rate > 0:
            text += f" ETA {_duration(max(total - self.done, 0) / rate)}"
        return text

    def note(self, text: str) -> None:
        self.stream.write(("\r\033[K" if self.tty else "") + text + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write(f"\r\033[K{self.status(time.monotonic())}\n")
            self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


class _Counter(threading.Thread):
    """Counts the files to do alongside the ingest, so the progress bar gets an ETA
    without delaying the first file."""

    def __init__(self, paths: list) -> None:
        super().__init__(daemon=True)
        self.paths, self.total = paths, None

    def run(self) -> None:
        self.total = sum(1 for _ in discover(self.paths))


# --------------------------------------------------------------------- writer
class _BatchWriter:
    """Collects outcomes and writes them in one transaction per BATCH_DOCUMENTS documents or
    BATCH_SECONDS, whichever comes first: one commit per document would cost more than the
    writing."""

    def __init__(self, db, summary: IngestSummary, bar: Progress | None) -> None:
        self.db, self.summary, self.bar = db, summary, bar
        self.ops: list[tuple] = []
        self.documents = 0
        self.started = time.monotonic()
        self.orphans: list[str] = []
        self.written = 0
        kill = os.environ.get(KILL_AFTER_ENV)
        self.kill_after = int(kill) if kill else None

    def wait_time(self) -> float:
        return max(0.0, self.started + BATCH_SECONDS - time.monotonic()) if self.ops else BATCH_SECONDS

    def add(self, op: tuple) -> None:
        if not self.ops:
            self.started = time.monotonic()
        self.ops.append(op)
        self.documents += op[0] == "rows"
        if self.documents >= BATCH_DOCUMENTS or time.monotonic() - self.started >= BATCH_SECONDS:
            self.flush()

    def outcome(self, task: Task, outcome: Outcome) -> None:
        if outcome[0] == "ok":
            self.add(("rows", task, outcome[1]))
            self._count("ingested", task)
        else:
            self.add(("error", task, outcome[1], outcome[2]))
            self._fail(task, outcome[1])

    def skip(self, task: Task) -> None:
        self._count("skipped", task)

    def _count(self, status: str, task: Task) -> None:
        setattr(self.summary, status, getattr(self.summary, status) + 1)
        self.summary.bytes[status] += task.size
        if self.bar:
            self.bar.step(task.path, task.size, status)

    def _fail(self, task: Task, reason: str) -> None:
        self._count("failed", task)
        self.summary.failures.append((task.path, reason))
        # Failures are reported even when progress is silenced.
        line = f"error: {task.path}: {reason}"
        if self.bar:
            self.bar.note(line)
        else:
            sys.stderr.write(line + "\n")

    def flush(self) -> None:
        from .store import record_error, touch_source, write_rows

        if not self.ops:
            return
        with self.db.atomic():
            for op in self.ops:
                if op[0] == "rows":
                    task, rows = op[1], op[2]
                    try:
                        _, orphans = write_rows(self.db, rows)
                    except Exception as e:
                        reason = f"cannot store: {type(e).__name__}: {e}"
                        record_error(self.db, task.path, reason, rows["source"]["sha256"])
                        self.summary.ingested -= 1
                        self.summary.bytes["ingested"] -= task.size
                        self._fail(task, reason)
                        continue
                    self.orphans.extend(orphans)
                    self.written += 1
                    if self.kill_after is not None and self.written >= self.kill_after:
                        os.kill(os.getpid(), signal.SIGKILL)
                elif op[0] == "error":
                    record_error(self.db, op[1].path, op[2], op[3])
                else:
                    touch_source(self.db, op[1].path, op[1].size, op[1].mtime_ns)
        self.ops.clear()
        self.documents = 0


# --------------------------------------------------------------------- ingest
def ingest(paths: Iterable[str | Path], db_path: str | Path, force: bool = False,
           max_bytes: int = DEFAULT_MAX_BYTES, progress: bool = True, jobs: int | None = None,
           executor: str = "local", scheduler: str | None = None,
           timeout: float = DEFAULT_TIMEOUT, work: Callable[[Task, int], Outcome] = extract_file,
           ) -> IngestSummary:
    """Ingest files and folders into the database at `db_path`. `jobs` worker processes
    (default: one per core; 1 runs in this process) extract, or a Dask cluster does when
    `executor` is "dask". `work` is what runs per file (a module-level function, since it
    is sent to other processes)."""
    from . import EXTRACTOR_VERSION
    from .store import open_db, stored_state

    paths = list(paths)
    Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    db = open_db(db_path)
    jobs = jobs or default_jobs()
    summary = IngestSummary()
    counter = None
    if progress:
        counter = _Counter(paths)
        counter.start()
    bar = Progress(total=lambda: counter.total) if progress else None
    writer = _BatchWriter(db, summary, bar)
    pool = None
    started = time.monotonic()

    def submit(task: Task) -> None:
        nonlocal pool
        # Started on the first file that needs extracting, so that a run where nothing
        # changed never loads the NLP stack.
        if pool is None:
            pool = make_executor(executor, jobs, work, timeout, max_bytes, scheduler)
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

    def resubmit_orphans() -> None:
        while writer.orphans:
            submit(task_of(Path(writer.orphans.pop()))[0])

    try:
        for path in discover(paths):
            task, st = task_of(path)
            state = None if force or st is None else stored_state(db, task.path)
            if state and not state[4] and state[3] == EXTRACTOR_VERSION and state[0] == task.size:
                if state[1] == task.mtime_ns:
                    writer.skip(task)
                    continue
                if _same_digest(path, state[2]):
                    writer.add(("touch", task))
                    writer.skip(task)
                    continue
            submit(task)
            resubmit_orphans()
        while True:
            if pool is not None and pool.pending:
                collect()
            else:
                writer.flush()  # orphans only show once written
            resubmit_orphans()
            if (pool is None or not pool.pending) and not writer.ops:
                break
    except KeyboardInterrupt:
        # What was extracted is kept; the rest is done by the next run.
        writer.flush()
        raise
    finally:
        if pool is not None:
            pool.close()
        if bar:
            bar.close()
        db.close()
    summary.seconds = time.monotonic() - started
    return summary


def _same_digest(path: Path, sha256: str | None) -> bool:
    try:
        return sha256 is not None and file_digest(path) == sha256
    except OSError:
        return False
