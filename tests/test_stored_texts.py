"""Issue #22, item 3: each fact is stored once. A fact's sentence and its own text, and a
section's title, are kept as their place in documents.text wherever they are a slice of it
(a window of a long sentence with "…" where it was cut), and the views the tables are read
through give them back as written; a text that is not a slice is stored as it is."""
from __future__ import annotations

import sqlite3

import pytest

from pipeline.models import Citation, ExtractionResult, Organization, Section
from pipeline.store import mention_tables, open_db, stored_table, views, write_result
from pipeline.store.schema import derived_columns
from pipeline.store.spans import Places
from test_store import qd_result, source

TEXT = ("ỦY BAN NHÂN DÂN\n**TỈNH** LẠNG SƠN\n"
        "Điều 1. **Phê duyệt kế hoạch**\nvốn năm 2024 🙂 theo Quyết định số 499/QĐ-UBND ngày 23/3/2022.\n"
        "… theo Kế hoạch số 86/KH-UBND, giải ngân 100%.\n"
        "Căn cứ Nghị quyết số 12/NQ-HĐND\x00 của HĐND tỉnh.\n")


def at(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


QD = "Quyết định số 499/QĐ-UBND"
KH = "Kế hoạch số 86/KH-UBND"
NQ = "Nghị quyết số 12/NQ-HĐND"
# (the fact as written, its sentence as the extractor gave it, whether the store keeps the
# sentence as text): a slice of the text, with marks and a character outside the BMP before
# it; a window cut at both ends; a sentence that opens with "…" in the text itself; one read
# across a line break (not a slice); none; one after a NUL character.
SENTENCES = [
    (QD, "vốn năm 2024 🙂 theo Quyết định số 499/QĐ-UBND ngày 23/3/2022.", False),
    (QD, "…năm 2024 🙂 theo Quyết định số 499/QĐ-UBND ngày…", False),
    (KH, "… theo Kế hoạch số 86/KH-UBND, giải ngân 100%.", False),
    (QD, "kế hoạch vốn năm 2024 🙂 theo Quyết định số 499/QĐ-UBND ngày 23/3/2022.", True),
    (KH, None, False),
    (NQ, "của HĐND tỉnh.", False),
]
# (label, title as the structure stage gave it, where its section starts, whether kept as
# text): inside markup; cut at its end; joined across markup and a line wrap.
TITLES = [
    ("Điều 1.", "Phê duyệt", "Điều 1.", False),
    ("Điều 1.", "Phê duyệt kế…", "Điều 1.", False),
    ("Điều 1.", "Phê duyệt kế hoạch vốn năm 2024", "Điều 1.", True),
]
# (as written in the result, the span it points to, whether kept as text): a fact whose
# text is its span, and a name read across a line break and markup.
NAMES = [("ỦY BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN", False), ("TỈNH LẠNG SƠN", "**TỈNH** LẠNG SƠN", True)]


# A part holding "…" is looked for only where the text has one: (text, part, the fact's
# start and end, where the part is found): the occurrence holding the fact (at the text's
# start; the second of two), else the first after it, else the last before it, else none;
# a part without "…"; past Places.TRIED ellipses (dot leaders), a search.
DOTTED = "… một… hai… một… ba"
FOUND = [
    (DOTTED, "… một", 0, 1, 0),
    (DOTTED, "… một", 12, 14, 10),
    (DOTTED, "… một", 5, 6, 10),
    (DOTTED, "một…", 16, 16, 12),
    (DOTTED, "… ba", 0, 0, 15),
    (DOTTED, "hai…", 16, 17, 7),
    (DOTTED, "… bốn", 3, 4, None),
    (DOTTED, "một", 12, 12, 12),
    ("…" * 300 + "Mục lục…", "Mục lục…", 300, 301, 300),
]


@pytest.mark.parametrize("text, part, start, end, expected", FOUND)
def test_a_part_is_found_nearest_its_fact(text, part, start, end, expected):
    assert Places(text).find(part, start, end) == expected


def result() -> ExtractionResult:
    citations = tuple(Citation(text=fact, start=at(fact)[0], end=at(fact)[1], sentence=sentence,
                               number_symbol=fact.split()[-1], key=fact.split()[-1])
                      for fact, sentence, _ in SENTENCES)
    sections = tuple(Section(label=label, title=title, level=1, start=TEXT.index(start), end=len(TEXT), path="1")
                     for label, title, start, _ in TITLES)
    names = tuple(Organization(text=text, start=at(span)[0], end=at(span)[1], name=text) for text, span, _ in NAMES)
    return ExtractionResult(source=source("corpus/spans.txt", TEXT), citations=citations, sections=sections,
                            organizations=names, extractor_version="test-1", text=TEXT)


@pytest.fixture()
def db(tmp_path):
    db = open_db(tmp_path / "v.db")
    write_result(db, result(), "corpus/spans.txt")
    write_result(db, qd_result(), "corpus/qd-499.txt")
    return db


def column(db, table: str, name: str) -> list:
    return [r[0] for r in db.execute(f"select [{name}] from [{table}] where document_id = "
                                     "(select id from documents where path = 'corpus/spans.txt') order by seq")]


def test_texts_are_read_as_written(db):
    assert column(db, "citations", "sentence") == [s for _, s, _ in SENTENCES]
    assert column(db, "citations", "text") == [f for f, _, _ in SENTENCES]
    assert column(db, "sections", "title") == [t for _, t, _, _ in TITLES]
    assert column(db, "organizations", "text") == [t for t, _, _ in NAMES]


def test_only_texts_that_are_not_a_slice_are_stored(db):
    assert [s is not None for s in column(db, stored_table("citations"), "sentence")] == [k for *_, k in SENTENCES]
    assert [s is not None for s in column(db, stored_table("sections"), "title")] == [k for *_, k in TITLES]
    assert [s is not None for s in column(db, stored_table("organizations"), "text")] == [k for *_, k in NAMES]
    assert column(db, stored_table("citations"), "text") == [None] * len(SENTENCES)
    # the window's cut ends, the rest uncut
    assert column(db, stored_table("citations"), "sentence_cut") == [None, 3, None, None, None, None]
    assert column(db, stored_table("sections"), "title_cut") == [None, 2, None]


def served_and_sliced(conn: sqlite3.Connection):
    """Every derived text as served (the view) beside the slice of documents.text its place
    points to (with "…" where cut), for every row whose text is not stored as written."""
    for table in mention_tables():
        for name, how in derived_columns(table).items():
            at, size, *cut = how.offsets
            rows = conn.execute(f"""
                select v.[{name}], cast(d.text as blob), s.[{at}], s.[{size}], {f's.[{cut[0]}]' if cut else 'null'}
                from [{stored_table(table)}] s join [{table}] v on v.document_id = s.document_id and v.seq = s.seq
                join documents d on d.id = s.document_id where s.[{at}] is not null and s.[{name}] is null""")
            for served, text, start, length, cuts in rows:
                sliced = text[start:start + length].decode("utf-8")
                yield table, name, served, ("…" if (cuts or 0) & 1 else "") + sliced + ("…" if (cuts or 0) & 2 else "")


def test_every_text_served_is_the_slice_it_points_to(db):
    pairs = list(served_and_sliced(db.conn))
    # the spans document's: 4 sentences, 6 + 1 facts' texts, 2 titles; qd_result's: a
    # sentence, 5 facts' texts, a title
    assert len(pairs) == 13 + 7
    assert [(t, n) for t, n, served, sliced in pairs if served != sliced] == []


def test_every_fact_of_the_demo_corpus_is_served_as_the_slice_it_points_to(tmp_path_factory):
    from test_publish import demo_db

    conn = sqlite3.connect(demo_db(tmp_path_factory))
    pairs = list(served_and_sliced(conn))
    assert len(pairs) > 1000
    assert [(t, n, served) for t, n, served, sliced in pairs if served != sliced] == []
    # and a fact's own text, kept by its place, is its span in characters
    for table in mention_tables():
        if "text" in derived_columns(table):
            assert conn.execute(f"""select count(*) from [{table}] v join documents d on d.id = v.document_id
                where v.text != substr(d.text, v.start + 1, v.[end] - v.start)
                  and v.seq in (select seq from [{stored_table(table)}] s
                                where s.document_id = v.document_id and s.text is null)""").fetchone() == (0,)


def test_a_database_that_stored_the_texts_is_moved_on_open(db, tmp_path):
    """An earlier version's fact tables held every text: opening the database moves their
    rows to the stored tables, and every table reads as it did."""
    tables = list(mention_tables())
    before = {t: db.execute(f"select * from [{t}] order by document_id, seq").fetchall() for t in tables}
    stored = {t: db.execute(f"select * from [{stored_table(t)}] order by document_id, seq").fetchall()
              for t in tables}
    # back to the earlier layout: the table itself, with its texts (the views over it are
    # made again on open)
    for table in tables:
        db.execute(f"create table [{table}_old] as select * from [{table}]")
    for view in reversed(list(views())):
        db.execute(f"drop view [{view}]")
    for table in tables:
        db.execute(f"drop table [{stored_table(table)}]")
        db.execute(f"alter table [{table}_old] rename to [{table}]")
    db.conn.commit()
    db.close()
    moved = open_db(tmp_path / "v.db")
    assert set(tables) <= set(moved.view_names())
    assert {t: moved.execute(f"select * from [{t}] order by document_id, seq").fetchall() for t in tables} == before
    assert {t: moved.execute(f"select * from [{stored_table(t)}] order by document_id, seq").fetchall()
            for t in tables} == stored
