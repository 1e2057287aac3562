"""Publish stage: serve a vanban database with Datasette, its metadata and the vanban plugin.

    ds = datasette_for("output/vanban.db")      # a configured datasette.app.Datasette
    serve("output/vanban.db", port=8001)
"""
from __future__ import annotations

import os

from .metadata import QUERIES, TITLE, build_metadata, build_settings


def register_plugin() -> None:
    """Make sure the plugin is loaded even where its entry point is not (a source checkout,
    or Datasette's test mode, which skips entry points)."""
    from datasette.plugins import pm

    from . import plugin

    if not pm.is_registered(plugin) and pm.get_plugin("vanban") is None:
        pm.register(plugin, name="vanban")


def datasette_for(db_path: str | os.PathLike, **kwargs):
    """A Datasette instance serving `db_path` with vanban's metadata and settings."""
    import sqlite_utils
    from datasette.app import Datasette

    register_plugin()
    db = sqlite_utils.Database(db_path)
    try:
        metadata = build_metadata(db)
    finally:
        db.close()
    settings = {**build_settings(), **kwargs.pop("settings", {})}
    return Datasette([str(db_path)], metadata=metadata, settings=settings, **kwargs)


def serve(db_path: str | os.PathLike, host: str = "127.0.0.1", port: int = 8001) -> None:
    import uvicorn

    ds = datasette_for(db_path)
    print(f"vanban: http://{host}:{port}/")
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")


__all__ = ["build_metadata", "build_settings", "datasette_for", "serve", "register_plugin",
           "QUERIES", "TITLE"]
