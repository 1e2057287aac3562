"""Bounds on the plugin's own queries (search page, number lookup, document page).

Datasette's `execute_fn` runs a function on its read threads with no time limit, and those
threads are shared with every other page: three slow searches once held all three of them,
so the home page waited 30 s and the server would not stop on SIGTERM. Here every plugin
query gets

- a deadline, counted from the request's arrival and enforced by an SQLite progress
  handler, so a slow statement is interrupted and the page says so (QueryTimedOut);
- a gate: one plugin page is worked on at a time (plugin_slot), so Datasette's own pages
  always find a read thread free and the event loop mostly theirs; a request that cannot
  get through the gate before its deadline is answered as timed out instead of queueing;
- a plain answer for any other SQLite error (QueryFailed) instead of a 500 traceback.

    deadline = deadline_for(datasette)
    async with plugin_slot(datasette, deadline):
        found = await run_bounded(datasette, db, lambda conn: run_search(conn, q), deadline)
"""
from __future__ import annotations

import asyncio
import sqlite3
import sys
import threading
import time
from contextlib import asynccontextmanager
from typing import Callable, TypeVar

from .labels import PAGE_TIMED_OUT, QUERY_FAILED, QUERY_TIMED_OUT

T = TypeVar("T")

# A search answers a person waiting at a page: one second is plenty on the demo and the real
# corpus (a search there takes milliseconds), and short enough that a hostile query frees its
# thread quickly. Datasette's own sql_time_limit_ms caps it when set lower.
TIME_LIMIT_MS = 1000
# SQLite virtual-machine steps between two deadline checks (~0.1 ms; Datasette uses the same).
PROGRESS_STEPS = 1000
# One plugin page is worked on at a time, then the place rests REST_RATIO times as long as
# it was held (at most MAX_REST_S): its queries hold one of Datasette's read threads at
# most, and its rendering (30-60 ms of the event loop for a long result page) leaves the
# loop to the home page's 130 small queries in between. With two at once and no rest, three
# clients firing searches without pause kept the home page 1-2 s.
REST_RATIO = 1.0
MAX_REST_S = 0.25
# How often a request waiting at the gate looks again.
GATE_POLL_S = 0.01


class QueryRefused(Exception):
    """A query the plugin will not run or could not finish; `message` is for the page."""
    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class QueryRejected(QueryRefused):
    """The query text is out of bounds (too long, too many words): nothing was run."""


class QueryTimedOut(QueryRefused):
    """The query ran (or waited) past its deadline and was interrupted."""


class QueryFailed(QueryRefused):
    """SQLite refused the statement for another reason."""


def time_limit_ms(datasette) -> int:
    """The plugin's limit, never above Datasette's own sql_time_limit_ms."""
    try:
        theirs = int(datasette.setting("sql_time_limit_ms") or 0)
    except (TypeError, ValueError):
        theirs = 0
    return min(TIME_LIMIT_MS, theirs) if theirs > 0 else TIME_LIMIT_MS


def timed_out_message(ms: int, page: bool = False) -> str:
    seconds = f"{ms / 1000:g}".replace(".", ",")
    return (PAGE_TIMED_OUT if page else QUERY_TIMED_OUT).format(seconds=seconds)


class Gate:
    """The plugin's one place, and a rest after each use as long as the use: plugin pages get
    at most half of the time, so a client that fires searches without pause leaves the
    event loop free half the time for Datasette's pages. Thread-safe and tied to no event
    loop (the test client runs each request in a loop of its own)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._busy = False
        self._free_at = 0.0

    def try_enter(self) -> bool:
        with self._lock:
            if self._busy or time.monotonic() < self._free_at:
                return False
            self._busy = True
            return True

    def leave(self, held: float) -> None:
        with self._lock:
            self._busy = False
            self._free_at = time.monotonic() + min(held * REST_RATIO, MAX_REST_S)


def _gate(datasette) -> Gate:
    """One gate per Datasette instance."""
    gate = getattr(datasette, "_vanban_gate", None)
    if gate is None:
        gate = datasette._vanban_gate = Gate()
    return gate


def deadline_for(datasette, started: float | None = None) -> float:
    """The time.monotonic() at which a request that arrived at `started` (now) must stop."""
    return (time.monotonic() if started is None else started) + time_limit_ms(datasette) / 1000


@asynccontextmanager
async def plugin_slot(datasette, deadline: float, page: bool = False):
    """Hold the plugin's one place for the page's whole work (its queries and its rendering,
    which runs on the event loop every page shares), or raise QueryTimedOut if the place
    does not come free before `deadline`."""
    gate = _gate(datasette)
    while not gate.try_enter():
        if time.monotonic() >= deadline:
            raise QueryTimedOut(timed_out_message(time_limit_ms(datasette), page))
        await asyncio.sleep(GATE_POLL_S)
    entered = time.monotonic()
    try:
        yield
    finally:
        gate.leave(time.monotonic() - entered)


def with_deadline(conn: sqlite3.Connection, fn: Callable[[sqlite3.Connection], T], deadline: float) -> T:
    """Run fn(conn) with SQLite interrupting any statement still running at `deadline`
    (time.monotonic()); runs on the read thread."""
    if time.monotonic() >= deadline:
        raise QueryTimedOut("deadline passed before the query started")
    conn.set_progress_handler(lambda: 1 if time.monotonic() >= deadline else 0, PROGRESS_STEPS)
    try:
        return fn(conn)
    except sqlite3.OperationalError as error:
        if "interrupted" in str(error):
            raise QueryTimedOut(str(error)) from error
        sys.stderr.write(f"vanban: query failed: {error}\n")
        raise QueryFailed(QUERY_FAILED) from error
    finally:
        conn.set_progress_handler(None, PROGRESS_STEPS)


async def run_bounded(datasette, db, fn: Callable[[sqlite3.Connection], T], deadline: float | None = None,
                      page: bool = False) -> T:
    """fn(conn) on one of Datasette's read threads, stopped at `deadline` (the time limit
    from now by default). A time-out raises QueryTimedOut with the page's message (`page`
    for the document page, else the search's)."""
    deadline = deadline_for(datasette) if deadline is None else deadline
    try:
        return await db.execute_fn(lambda conn: with_deadline(conn, fn, deadline))
    except QueryTimedOut as error:
        raise QueryTimedOut(timed_out_message(time_limit_ms(datasette), page)) from error


__all__ = ["run_bounded", "plugin_slot", "deadline_for", "with_deadline", "time_limit_ms", "QueryRefused", "QueryRejected",
           "QueryTimedOut", "QueryFailed", "TIME_LIMIT_MS"]
