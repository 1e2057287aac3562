"""Progress on a terminal (one updating line) or in a log (a line per file)."""
from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..printable import printable
from .files import discover


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
            self.stream.write(f"\r\033[K{self.status(now)}  {status:<8} {printable(Path(path).name)[:50]}")
        elif status != "skipped":
            self.stream.write(f"{self.counter()} {status} {printable(path)}\n")
        self.stream.flush()

    def counter(self) -> str:
        """[done/total]; done never shows past the total, although a file may be stepped
        twice (one re-extracted because the rendering holding its facts changed) and the
        folder may gain files after it was counted."""
        total = self.total()
        return f"[{min(self.done, total)}/{total}]" if total else f"[{self.done}]"

    def status(self, now: float) -> str:
        elapsed = max(now - self.start, 1e-9)
        rate = self.done / elapsed
        text = f"{self.counter()} {rate:.1f} files/s {self.bytes / elapsed / 1e6:.2f} MB/s"
        total = self.total()
        if total and rate > 0:
            text += f" ETA {_duration(max(total - self.done, 0) / rate)}"
        return text

    def note(self, text: str) -> None:
        self.stream.write(("\r\033[K" if self.tty else "") + printable(text) + "\n")
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


class FileCounter(threading.Thread):
    """Counts the files to do alongside the ingest, so the progress bar gets an ETA
    without delaying the first file."""

    def __init__(self, paths: list) -> None:
        super().__init__(daemon=True)
        self.paths, self.total = paths, None

    def run(self) -> None:
        self.total = sum(1 for _ in discover(self.paths))
