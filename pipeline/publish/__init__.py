"""Publish stage: serve a vanban database with Datasette, its metadata and the vanban plugin.

    ds = datasette_for("output/vanban.db")      # a configured datasette.app.Datasette
    serve("output/vanban.db", port=8001)        # read-only, on 127.0.0.1
    publish("output/vanban.db", "output/site")  # metadata.json + the datasette commands
"""
from __future__ import annotations

import json
import os
import shlex
import sys
from pathlib import Path

from .metadata import TITLE, build_metadata, build_settings
from .queries import QUERIES


def register_plugin() -> None:
    """Make sure the plugins are loaded even where their entry points are not (a source
    checkout, or Datasette's test mode, which skips entry points)."""
    from datasette.plugins import pm

    from . import plugin

    if not pm.is_registered(plugin) and pm.get_plugin("vanban") is None:
        pm.register(plugin, name="vanban")
    try:
        import datasette_render_markdown
    except ImportError:
        pass
    else:
        # Installed with datasette-dashboards, it looks up its configuration for every cell
        # of every table page: a third of a page's time. vanban has no markdown columns and
        # no markdown charts, so vanban's own instances go without it.
        if pm.is_registered(datasette_render_markdown):
            pm.unregister(datasette_render_markdown)
    try:
        import datasette_dashboards
    except ImportError:  # the charts page is then missing; everything else works
        return
    if not pm.is_registered(datasette_dashboards):
        pm.register(datasette_dashboards, name="datasette_dashboards")


def metadata_for(db_path: str | os.PathLike, immutable: bool = False) -> dict:
    """The Datasette metadata of `db_path`; `immutable` reads the file without writing
    anything beside it (no -shm or -wal file), which works on a full disk too."""
    import sqlite3

    import sqlite_utils

    if immutable:
        uri = Path(db_path).resolve().as_uri() + "?immutable=1"
        db = sqlite_utils.Database(sqlite3.connect(uri, uri=True))
    else:
        db = sqlite_utils.Database(db_path)
    try:
        return build_metadata(db)
    finally:
        db.close()


def checkpoint(db_path: str | os.PathLike) -> None:
    """Move everything in the write-ahead log into the database file. Ingest writes in WAL
    mode, and an immutable open reads the main file alone: without this, rows still in the
    log (an ingest whose connection is open, or that was killed) would be missing."""
    import sqlite3

    conn = sqlite3.connect(db_path)
    try:
        conn.execute("pragma wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def upgrade(db_path: str | os.PathLike) -> None:
    """Bring a database written by an earlier version up to this schema (new columns,
    indexes, the money views) before serving it, so that the canned queries find what they
    read; a file we may not write is served as it is."""
    import sqlite_utils

    from ..store import ensure_schema

    if not os.path.exists(db_path) or not os.access(db_path, os.W_OK):
        return
    db = sqlite_utils.Database(db_path)
    try:
        ensure_schema(db)
    finally:
        db.close()


def prepare_read_only(db_path: str | os.PathLike) -> list[str]:
    """Upgrade the schema and fold the write-ahead log into the file before a read-only
    open. Both write; where the disk is full or the file cannot be written, the database
    is served as it is and the returned warnings say so, and what that leaves out."""
    import sqlite3

    try:
        upgrade(db_path)
        checkpoint(db_path)
    except (sqlite3.OperationalError, OSError) as e:
        warnings = [f"{db_path}: cannot write ({e}); serving it read-only as it is"]
        wal = Path(f"{db_path}-wal")
        if wal.exists() and wal.stat().st_size:
            warnings.append(f"{db_path}: the last {wal.stat().st_size:,} bytes written (in "
                            f"{wal.name}) are not shown until the disk has room")
        return warnings
    return []


def datasette_for(db_path: str | os.PathLike, immutable: bool = False, files: str | os.PathLike | None = None,
                  **kwargs):
    """A Datasette instance serving `db_path` with vanban's metadata and settings;
    `immutable` opens the file read-only and lets Datasette cache its row counts; `files`,
    a folder, lets document pages offer their original file when it lies inside it."""
    from datasette.app import Datasette

    register_plugin()
    if immutable:
        for warning in prepare_read_only(db_path):
            print(f"warning: {warning}", file=sys.stderr, flush=True)
    else:
        upgrade(db_path)
    metadata = metadata_for(db_path, immutable=immutable)
    settings = {**build_settings(), **kwargs.pop("settings", {})}
    sources = {"immutables": [str(db_path)]} if immutable else {"files": [str(db_path)]}
    ds = Datasette(**sources, metadata=metadata, settings=settings, **kwargs)
    # Kept off the metadata, which /-/metadata.json would publish.
    ds.vanban_files = Path(files).resolve() if files is not None else None
    return ds


# Seconds SIGTERM waits for open requests before closing them: every plugin query stops at
# its time limit (limits.py), so this only cuts off slow clients and keep-alive connections.
SHUTDOWN_GRACE_S = 5


class PortBusy(Exception):
    """The address `serve` was asked to listen on is taken (or not this machine's)."""


def _listening_socket(host: str, port: int):
    """A socket bound to (host, port), before anything is printed or loaded: a busy port is
    told at once, and nothing else can take the port between the check and the serving."""
    import socket

    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        sock = socket.socket(family, socket.SOCK_STREAM)
    except OSError as e:
        raise PortBusy(f"{host}:{port}: {e.strerror or e}") from None
    # As uvicorn does: a port left in TIME_WAIT by the last run can be reused at once, while
    # a port another program listens on still cannot.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        raise PortBusy(f"{host}:{port}: {e.strerror or e}") from None
    return sock


def serve(db_path: str | os.PathLike, host: str = "127.0.0.1", port: int = 8001,
          files: str | os.PathLike | None = None) -> None:
    """Serve read-only: an immutable database cannot be written through Datasette, and
    its counts are computed once. `files`: the folder whose original files document pages
    may offer (none without it). SIGTERM stops it within SHUTDOWN_GRACE_S. Raises PortBusy
    before printing anything when the port is taken."""
    import uvicorn

    sock = _listening_socket(host, port)
    ds = datasette_for(db_path, immutable=True, files=files)
    print(f"vanban: http://{host}:{port}/", flush=True)
    config = uvicorn.Config(ds.app(), host=host, port=port, log_level="warning",
                            timeout_graceful_shutdown=SHUTDOWN_GRACE_S)
    uvicorn.Server(config).run(sockets=[sock])


def publish(db_path: str | os.PathLike, out_dir: str | os.PathLike) -> dict[str, str]:
    """Write `out_dir`/metadata.json and return the `datasette` commands that serve or
    package the database with it (the vanban package must be installed beside Datasette:
    its plugin provides the SQL functions, document pages and search)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    metadata_path = out / "metadata.json"
    metadata_path.write_text(json.dumps(metadata_for(db_path), ensure_ascii=False, indent=2),
                             encoding="utf-8")
    settings = []
    for name, value in build_settings().items():
        value = "off" if value is False else "on" if value is True else str(value)
        settings += ["--setting", name, value]
    db, meta = str(db_path), str(metadata_path)
    serve_cmd = ["datasette", "serve", "-i", db, "-m", meta, "-h", "127.0.0.1", "-p", "8001", *settings]
    package_cmd = ["datasette", "package", db, "-m", meta, "-t", "vanban",
                   "--install", "vanban", "--install", "datasette-dashboards", *settings]
    commands = {"serve": shlex.join(serve_cmd), "package": shlex.join(package_cmd)}
    (out / "commands.sh").write_text(
        "#!/bin/sh\n# Serve read-only on this machine:\n" + commands["serve"] + "\n"
        "# Or build a Docker image with the data baked in (needs Docker):\n# " + commands["package"] + "\n",
        encoding="utf-8")
    return commands


__all__ = ["build_metadata", "build_settings", "datasette_for", "serve", "PortBusy", "publish", "upgrade",
           "register_plugin", "QUERIES", "TITLE"]
