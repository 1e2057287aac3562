"""Finding the files to ingest, and hashing them."""
from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..load import SUPPORTED
from ..printable import printable

# How many kinds of ignored file an error lists before "…".
IGNORED_SHOWN = 5


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
                    if all_files or is_taken(f):
                        yield f
        else:
            yield p


def is_taken(path: Path) -> bool:
    """Whether a file found in a folder is read: a supported extension, and not a README."""
    return path.suffix.lower() in SUPPORTED and not path.name.upper().startswith("README")


def input_problem(paths: Iterable[str | Path]) -> str | None:
    """What makes the paths given unfit to start with, or None: a path that does not exist,
    or a folder holding no file vanban reads (then the files it ignores, by kind: "no
    supported files found in notes (3 files ignored: .csv, .rst)"). Said before anything is
    written, so a typo leaves no database behind; the walk stops at the first file read."""
    for p in map(Path, paths):
        if not p.exists():
            return f"{printable(p)}: no such file or folder"
        if not p.is_dir():
            continue
        ignored: Counter[str] = Counter()
        for f in discover([p], all_files=True):
            if is_taken(f):
                break
            ignored["README" if f.name.upper().startswith("README") else f.suffix.lower() or f.name] += 1
        else:
            reads = " ".join(sorted(SUPPORTED))
            if not ignored:
                return f"no supported files found in {printable(p)} (the folder is empty); vanban reads {reads}"
            kinds = [kind for kind, _ in ignored.most_common()]
            shown = ", ".join(kinds[:IGNORED_SHOWN]) + (" …" if len(kinds) > IGNORED_SHOWN else "")
            n = sum(ignored.values())
            return (f"no supported files found in {printable(p)} ({n} file{'s' if n > 1 else ''} ignored: "
                    f"{printable(shown)}); vanban reads {reads}")
    return None


def file_digest(path: Path) -> str:
    """The sha256 of a file's bytes; only call it on a regular file (a FIFO would block)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
