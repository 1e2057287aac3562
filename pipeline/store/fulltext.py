"""The documents' two full-text indexes (FTS5, external content `documents`): the exact one
keeps the marks, the folded one is fed the text with đ written d and strips every other
mark, so that a search typed without diacritics finds the text as written."""
from __future__ import annotations

import sqlite_utils

FTS_EXACT = "documents_fts"
FTS_FOLDED = "documents_folded_fts"
# How FTS5 merges its index segments. By default it merges them once 4 of a size exist
# (automerge), and all at once when 16 do (crisismerge). Each merge rewrites every term of
# the segments merged, so the fewer levels a growing index passes through, the fewer times a
# term is written: at 64 a write grows less with the database (`vanban bench
# --writer-growth`), while a search reads at most a few dozen segments more, each a lookup
# in an index of terms.
FTS_MERGE_SETTINGS = {"automerge": 64, "crisismerge": 64}


def ensure_fts(db: sqlite_utils.Database) -> None:
    """Both full-text indexes of the documents, with their triggers and merge settings; a
    folded index of an earlier version (with folded copies of the text) is replaced."""
    # Exact search keeps the marks; unicode61's default would already strip them (but not đ).
    if not db[FTS_EXACT].exists():
        db["documents"].enable_fts(["title", "text"], create_triggers=True,
                                   tokenize="unicode61 remove_diacritics 0")
    # The folded index reads title and text from `documents` (so its snippets show the text
    # as written) but is fed them with đ written d: remove_diacritics strips every other mark.
    if _folded_fts_is_legacy(db):
        _drop_folded_fts(db)
    if not db[FTS_FOLDED].exists():
        cols = ", ".join(FOLDED_COLUMNS)
        old, new = _folded_values("old"), _folded_values("new")
        db.executescript(f"""
            CREATE VIRTUAL TABLE {FTS_FOLDED} USING FTS5 (
                {cols}, tokenize='unicode61 remove_diacritics 2', content=documents
            );
            INSERT INTO {FTS_FOLDED} (rowid, {cols}) SELECT rowid, {_folded_values("documents")} FROM documents;
            CREATE TRIGGER documents_folded_ai AFTER INSERT ON documents BEGIN
              INSERT INTO {FTS_FOLDED} (rowid, {cols}) VALUES (new.rowid, {new});
            END;
            CREATE TRIGGER documents_folded_ad AFTER DELETE ON documents BEGIN
              INSERT INTO {FTS_FOLDED} ({FTS_FOLDED}, rowid, {cols}) VALUES ('delete', old.rowid, {old});
            END;
            CREATE TRIGGER documents_folded_au AFTER UPDATE ON documents BEGIN
              INSERT INTO {FTS_FOLDED} ({FTS_FOLDED}, rowid, {cols}) VALUES ('delete', old.rowid, {old});
              INSERT INTO {FTS_FOLDED} (rowid, {cols}) VALUES (new.rowid, {new});
            END;
        """)
    for table in (FTS_EXACT, FTS_FOLDED):
        _set_merge_settings(db, table)


def _set_merge_settings(db: sqlite_utils.Database, table: str) -> None:
    """FTS5 keeps its settings in the index (a database of an earlier version gets them once)."""
    for key, value in FTS_MERGE_SETTINGS.items():
        found = db.execute(f"select v from [{table}_config] where k = ?", [key]).fetchone()
        if found is None or found[0] != value:
            with db.conn:
                db.execute(f"insert into [{table}] ([{table}], rank) values (?, ?)", [key, value])


FOLDED_COLUMNS = ("title", "text")
# Columns of databases written by earlier versions, which stored a folded copy of the text.
LEGACY_FOLDED_COLUMNS = ("title_folded", "text_folded")


def _folded_values(row: str) -> str:
    """SQL for the folded index's values of `row`'s columns: đ as d (SQLite's replace() is
    done in C, where Python's fold of a 40 KB text took 7 ms)."""
    return ", ".join(f"replace(replace({row}.{c}, 'đ', 'd'), 'Đ', 'D')" for c in FOLDED_COLUMNS)


def _folded_fts_is_legacy(db: sqlite_utils.Database) -> bool:
    return any(c in db["documents"].columns_dict for c in LEGACY_FOLDED_COLUMNS)


def _drop_folded_fts(db: sqlite_utils.Database) -> None:
    """Replace a legacy folded index: its triggers and table go, then its columns."""
    for action in ("ai", "ad", "au"):
        db.execute(f"DROP TRIGGER IF EXISTS documents_folded_{action}")
    db.execute(f"DROP TABLE IF EXISTS {FTS_FOLDED}")
    for column in LEGACY_FOLDED_COLUMNS:
        if column in db["documents"].columns_dict:
            db.execute(f"ALTER TABLE documents DROP COLUMN [{column}]")
