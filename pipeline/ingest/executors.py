"""Where files are extracted: in this process, in worker processes with per-file deadlines,
or on a Dask cluster. Each runs the same per-file function and returns plain outcomes."""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import wait as wait_connections

from ..load import LoadLimits
from .work import Failed, Outcome, Task, extract_file, timed_out, to_shard, warm_up

DEFAULT_TIMEOUT = 60.0
# A worker is replaced after this many files, so that whatever a long run leaves behind in
# it cannot add up over a million. Measured on the bench corpus, a worker's memory levels off
# at ~170 MB after 1,000 files (spaCy's string store is renewed with the pipeline, see
# extract.nlp); forked from the fork server (preload.py), a new one starts with the
# pipeline built.
RECYCLE_AFTER = 10_000


# ----------------------------------------------------------------- executors
class InProcess:
    """-j 1: extraction in this process. The time limit is a SIGALRM, which interrupts
    Python code but not a long call inside a C extension."""

    capacity = 1

    def __init__(self, work: Callable, timeout: float, limits: LoadLimits, shards: str | None = None) -> None:
        self.work, self.timeout, self.limits, self.shards = work, timeout, limits, shards
        self.done: list[tuple[Task, Outcome]] = []
        self.alarm = (hasattr(signal, "setitimer")
                      and threading.current_thread() is threading.main_thread())

    @property
    def pending(self) -> int:
        return len(self.done)

    def submit(self, task: Task) -> None:
        outcome = self._run(task)
        self.done.append((task, to_shard(outcome, self.shards) if self.shards else outcome))

    def _run(self, task: Task) -> Outcome:
        if not self.alarm or not self.timeout:
            return self.work(task, self.limits)

        def expire(signum, frame):
            raise _Expired

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, self.timeout)
        try:
            return self.work(task, self.limits)
        except _Expired:
            return timed_out(self.timeout)
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


def _worker_main(conn, work: Callable, limits: LoadLimits, shards: str | None) -> None:
    # Ctrl-C is the parent's to handle; a worker just stops when its pipe closes.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()
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
            outcome = work(task, limits)
        except BaseException as e:
            outcome = Failed(f"extraction failed: {type(e).__name__}: {e}")
        if shards:
            if os.getppid() != parent:
                # The ingest was killed: a re-run may be merging this shard already, and
                # will extract the file again.
                return
            outcome = to_shard(outcome, shards)
        try:
            conn.send(outcome)
        except (BrokenPipeError, OSError):
            return


class _Worker:
    def __init__(self, ctx, work: Callable, limits: LoadLimits, shards: str | None) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, work, limits, shards), daemon=True)
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

    def __init__(self, jobs: int, work: Callable, timeout: float, limits: LoadLimits,
                 shards: str | None = None) -> None:
        # A worker must not inherit this process's SQLite connection or threads: workers
        # are forked from a fork server, a fresh process that has built the NLP pipeline
        # once (preload.py) and holds nothing else; where there is none, they are spawned.
        if work is extract_file and "forkserver" in multiprocessing.get_all_start_methods():
            self.ctx = multiprocessing.get_context("forkserver")
            self.ctx.set_forkserver_preload([f"{__package__}.preload"])
        else:
            self.ctx = multiprocessing.get_context("spawn")
        self.jobs, self.work, self.timeout, self.limits = jobs, work, timeout, limits
        self.shards = shards
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
            self.workers.append(_Worker(self.ctx, self.work, self.limits, self.shards))
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
            done.append((w.task, Failed(reason) if reason else timed_out(self.timeout)))
        self.workers[self.workers.index(w)] = _Worker(self.ctx, self.work, self.limits, self.shards)

    def _retire(self, w: _Worker) -> None:
        w.conn.send(None)
        # is_alive() reaps a process that has exited, so this list stays short.
        self.retired = [r for r in self.retired if r.process.is_alive()] + [w]
        self.workers[self.workers.index(w)] = _Worker(self.ctx, self.work, self.limits, self.shards)

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
                 limits: LoadLimits, processes: bool = True) -> None:
        from distributed import Client, LocalCluster

        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=processes,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        self.work, self.timeout, self.limits = work, timeout, limits
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
        future = self.client.submit(self.work, task, self.limits, pure=False)
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
                    done.append((task, Failed(f"dask task failed: {type(e).__name__}: {e}")))
            elif time.monotonic() > deadline:
                del self.running[future]
                future.cancel()
                done.append((task, timed_out(self.timeout)))
        return done

    def close(self) -> None:
        for future in self.running:
            future.cancel()
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_executor(executor: str, jobs: int, work: Callable, timeout: float, limits: LoadLimits,
                  scheduler: str | None = None, shards: str | None = None):
    """`shards`: on the bulk path, the folder local workers append their files' rows to
    (to_shard). A Dask cluster's workers send their rows back as ever: a shard on a shared
    filesystem is a SQLite file on NFS, whose locks cannot be trusted."""
    if executor == "dask":
        return DaskExecutor(scheduler, jobs, work, timeout, limits)
    if executor != "local":
        raise ValueError(f"unknown executor {executor!r}; use 'local' or 'dask'")
    if jobs <= 1:
        return InProcess(work, timeout, limits, shards)
    return ProcessPool(jobs, work, timeout, limits, shards)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
