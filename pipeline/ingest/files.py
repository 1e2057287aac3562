"""Finding the files to ingest, and hashing them."""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..load import SUPPORTED


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
