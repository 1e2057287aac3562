"""The documents' two full-text indexes (store/fulltext.py): the exact one keeps the marks,
the folded one finds a text typed without them; both follow replaced documents, a database of
an earlier version gets this version's indexes and merge settings."""
from __future__ import annotations

import pytest

from pipeline.store import FTS_EXACT, FTS_FOLDED, open_db, write_result
from test_store import db, kh_result, qd_result  # noqa: F401  (db is a fixture)


def fts_hits(db, table: str, match: str) -> list[str]:
    return [r[0] for r in db.execute(
        f"select snippet({table}, -1, '[', ']', '…', 4) from {table} where {table} match ?", [match])]


@pytest.mark.parametrize("table, match, snippet", [
    ("documents_fts", '"Quyết" "định"', "…2022\n[QUYẾT] [ĐỊNH]\nPhê…"),
    ("documents_fts", '"quyet"', None),
    ("documents_folded_fts", '"quyet" "dinh" "lang" "son"', "…TỈNH [LẠNG] [SƠN]\nSố…"),
    ("documents_folded_fts", '"dat" "o"', "…[đất] [ở], nhà [ở]…"),
    ("documents_folded_fts", '"kinh" "phi" "thuc" "hien"', "…[kinh] [phí] [thực] [hiện]…"),
    ("documents_folded_fts", '"qd" "ubnd"', "…499/[QĐ]-[UBND]\nLạng…"),
    ("documents_folded_fts", '"dau" "tu"', None),
])
def test_fts_exact_and_folded(db, table, match, snippet):
    write_result(db, qd_result(), "corpus/qd-499.txt")
    assert fts_hits(db, table, match) == ([snippet] if snippet else [])


def test_folded_index_follows_replacements(db):
    write_result(db, qd_result(), "corpus/qd-499.txt")
    write_result(db, kh_result(path="corpus/qd-499.txt"), "corpus/qd-499.txt")
    assert fts_hits(db, FTS_FOLDED, '"dat" "o"') == []
    assert len(fts_hits(db, FTS_FOLDED, '"nghi" "quyet" "hdnd"')) == 1


def test_legacy_folded_columns_are_dropped_and_reindexed(tmp_path):
    path = tmp_path / "old.db"
    db = open_db(path)
    write_result(db, qd_result(), "corpus/qd-499.txt")
    # A database of an earlier version kept a folded copy of the text, indexed by its own triggers.
    db.executescript("""
        DROP TABLE documents_folded_fts;
        DROP TRIGGER documents_folded_ai; DROP TRIGGER documents_folded_ad; DROP TRIGGER documents_folded_au;
        ALTER TABLE documents ADD COLUMN title_folded TEXT;
        ALTER TABLE documents ADD COLUMN text_folded TEXT;
        CREATE VIRTUAL TABLE documents_folded_fts USING FTS5 (title_folded, text_folded, content=documents);
    """)
    db = open_db(path)
    assert not {"title_folded", "text_folded"} & set(db["documents"].columns_dict)
    assert fts_hits(db, FTS_FOLDED, '"ho" "tro" "dat"') == ["…[hỗ] [trợ] [đất] ở…"]


def test_full_text_indexes_merge_segments_sixty_four_at_a_time(tmp_path):
    path = tmp_path / "v.db"
    db = open_db(path)
    settings = "select k, v from [{}_config] where k in ('automerge', 'crisismerge') order by k"
    expected = [("automerge", 64), ("crisismerge", 64)]
    assert [db.execute(settings.format(t)).fetchall() for t in (FTS_EXACT, FTS_FOLDED)] == [expected, expected]
    # A database of an earlier version has FTS5's defaults or its own setting of 16, and
    # gets these when opened.
    db.execute(f"delete from [{FTS_EXACT}_config] where k = 'crisismerge'")
    db.execute(f"update [{FTS_FOLDED}_config] set v = 16 where k = 'automerge'")
    db.conn.commit()
    db = open_db(path)
    assert [db.execute(settings.format(t)).fetchall() for t in (FTS_EXACT, FTS_FOLDED)] == [expected, expected]
    assert not db.conn.in_transaction
