"""Batch ingestion: discover files, skip the unchanged, extract the rest, write each in
its own transaction, and record every failure without stopping the batch."""
from __future__ import annotations

import hashlib
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .load import DEFAULT_MAX_BYTES, SUPPORTED


@dataclass
class IngestSummary:
    ingested: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def table(self) -> str:
        return (f"ingested {self.ingested}, skipped {self.skipped} (unchanged), "
                f"failed {self.failed}, in {self.seconds:.1f} s")


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


class Progress:
    """One updating line on a terminal; a plain line per file otherwise."""

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.start = time.monotonic()
        self.done = 0
        self.bytes = 0

    def step(self, path: Path, size: int, status: str) -> None:
        self.done += 1
        self.bytes += size
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = f"{self.done / elapsed:.1f} files/s, {self.bytes / elapsed / 1e6:.2f} MB/s"
        if self.tty:
            self.stream.write(f"\r\033[K[{self.done}] {rate}  {status:<9} {path.name[:60]}")
        elif status != "skipped":
            self.stream.write(f"[{self.done}] {status} {path}\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")


def ingest(paths: Iterable[str | Path], db_path: str | Path, force: bool = False,
           max_bytes: int = DEFAULT_MAX_BYTES, progress: bool = True) -> IngestSummary:
    from . import EXTRACTOR_VERSION, extract_loaded
    from .load import LoadError, load
    from .store import link_citations, open_db, record_error, write_result, clear_error, is_unchanged

    Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    db = open_db(db_path)
    summary = IngestSummary()
    bar = Progress() if progress else None
    started = time.monotonic()
    for path in discover(paths):
        key = str(path)
        try:
            size, digest = path.stat().st_size, file_digest(path)
        except OSError:
            size, digest = 0, None  # load() below names the reason
        if digest and not force and is_unchanged(db, key, digest, EXTRACTOR_VERSION):
            summary.skipped += 1
            if bar:
                bar.step(path, size, "skipped")
            continue
        try:
            result = extract_loaded(load(path, max_bytes=max_bytes))
        except LoadError as e:
            reason = e.reason
        except Exception as e:  # one bad file never stops the batch
            reason = f"extraction failed: {type(e).__name__}: {e}"
        else:
            write_result(db, result, key)
            clear_error(db, key)
            summary.ingested += 1
            if bar:
                bar.step(path, size, "ingested")
            continue
        record_error(db, key, reason, digest)
        summary.failed += 1
        summary.failures.append((key, reason))
        if bar:
            bar.step(path, size, "failed")
        # Failures are reported even when progress is silenced.
        sys.stderr.write(("\n" if bar and bar.tty else "") + f"error: {key}: {reason}\n")
    if bar:
        bar.close()
    link_citations(db)
    summary.seconds = time.monotonic() - started
    return summary
