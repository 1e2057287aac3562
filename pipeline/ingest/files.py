"""Finding the files to ingest, and hashing them."""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..load import SUPPORTED


def discover(paths: Iterable[str | Path], all_files: bool = False,
             on_error: Callable[[OSError], None] | None = None) -> Iterator[Path]:
    """Files named on the command line, and files under named folders (recursively, in a
    stable order). Inside folders only supported extensions are taken, and README files
    (a folder's own description) are left out, unless `all_files`; a file named explicitly
    is always tried, so an unsupported one is reported. A folder that cannot be listed is
    passed to `on_error` (its OSError names it): os.walk would skip it silently, and the
    files in it would be missing from the database with nothing said."""
    for p in map(Path, paths):
        if p.is_dir():
            for root, dirs, files in os.walk(p, onerror=on_error):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    f = Path(root) / name
                    if all_files or (f.suffix.lower() in SUPPORTED
                                     and not name.upper().startswith("README")):
                        yield f
        else:
            yield p


def file_digest(path: Path) -> str:
    """The sha256 of a file's bytes; only call it on a regular file (a FIFO would block)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
