"""The whole path on our own corpus: files in, SQLite rows, a Datasette site out."""
import asyncio
import shutil
import sqlite3

import pytest

from conftest import ROOT
from pipeline.cli import main
from pipeline.publish import datasette_for

CORPUS = ROOT / "corpus"
CORPUS_FILES = sorted(p for p in CORPUS.iterdir() if p.suffix in {".txt", ".html", ".docx", ".pdf"})


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("e2e") / "vanban.db"
    assert main(["ingest", str(CORPUS), "--db", str(path), "-q"]) == 0
    return path


def query(db_path, sql, *params):
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, params).fetchall()


def get(db_path, url):
    async def fetch():
        return await datasette_for(db_path).client.get(url)
    return asyncio.run(fetch())


def test_every_corpus_file_is_one_document(db_path):
    paths = [p for (p,) in query(db_path, "select path from documents order by path")]
    assert paths == [str(p) for p in CORPUS_FILES]
    assert query(db_path, "select count(*) from ingest_errors") == [(0,)]


def test_headers_of_each_format(db_path):
    rows = dict(query(db_path, "select path, kind || ' ' || number_symbol || ' ' || issued_date from documents"))
    assert rows[str(CORPUS / "qd-499-ubnd-2023.txt")] == "QĐ 499/QĐ-UBND 2023-03-23"
    assert rows[str(CORPUS / "kh-58-ubnd-2024.docx")] == "KH 58/KH-UBND 2024-01-25"
    assert rows[str(CORPUS / "qd-1052-ubnd-2024.pdf")] == "QĐ 1052/QĐ-UBND 2024-03-15"
    assert rows[str(CORPUS / "qd-1187-ubnd-locbinh-2024.html")] == "QĐ 1187/QĐ-UBND 2024-04-02"
    assert rows[str(CORPUS / "tin-cntt-vung-dtts-2023.txt")] is None  # news: no header


def test_a_news_item_is_stored_with_its_kind_headline_and_date(db_path):
    rows = query(db_path, "select kind, title, published from documents where path = ?",
                 str(CORPUS / "tin-cntt-vung-dtts-2023.txt"))
    assert rows == [("news", "Lạng Sơn: Ứng dụng công nghệ thông tin vùng đồng bào dân tộc thiểu "
                             "số còn nhiều lỗ hổng an toàn", "2023-09-12")]


def test_a_known_citation_is_linked_to_the_document_it_cites(db_path):
    rows = query(db_path, """
        select c.relation, c.date, d.number_symbol from citations c
        join documents src on src.id = c.document_id
        join documents d on d.id = c.cited_document_id
        where src.number_symbol = '86/KH-UBND' and c.number_symbol = '499/QĐ-UBND'
        order by c.start limit 1""")
    assert rows == [("can_cu", "2023-03-23", "499/QĐ-UBND")]


def test_a_short_form_is_resolved(db_path):
    rows = query(db_path, """
        select c.text, c.number_symbol from citations c join documents d on d.id = c.document_id
        where d.number_symbol = '86/KH-UBND' and c.resolved_from is not null order by c.start""")
    assert ("Quyết định nêu trên", "499/QĐ-UBND") in rows


def test_a_known_amount_in_vnd(db_path):
    rows = query(db_path, """
        select a.vnd, a.unit from amounts a join documents d on d.id = a.document_id
        where d.number_symbol = '86/KH-UBND' and a.text = '77.223 triệu đồng'""")
    assert rows == [(77_223_000_000, "triệu đồng")]


def test_reingest_changes_nothing(db_path, capsys):
    before = query(db_path, "select id, ingested_at from documents order by id")
    assert main(["ingest", str(CORPUS), "--db", str(db_path), "-q"]) == 0
    assert f"skipped {len(CORPUS_FILES)} (unchanged)" in capsys.readouterr().out
    assert query(db_path, "select id, ingested_at from documents order by id") == before


def test_a_broken_file_is_reported_and_the_batch_goes_on(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / "qd-499-ubnd-2023.txt", folder)
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n%broken and truncated")
    db = tmp_path / "v.db"
    assert main(["ingest", str(folder), "--db", str(db)]) == 1
    assert f"error: {folder / 'scan.pdf'}:" in capsys.readouterr().err
    assert query(db, "select path from ingest_errors") == [(str(folder / "scan.pdf"),)]
    assert query(db, "select number_symbol from documents") == [("499/QĐ-UBND",)]


def test_document_page(db_path):
    (doc_id,) = query(db_path, "select id from documents where number_symbol = '499/QĐ-UBND'")[0]
    page = get(db_path, f"/-/vanban/document/{doc_id}")
    assert page.status_code == 200
    assert "giao chi tiết kế hoạch vốn" in page.text  # the title
    assert '<mark class="amount' in page.text
    assert "86/KH-UBND" in page.text  # cited by the plan


def test_search_without_diacritics_finds_what_the_exact_search_finds(db_path):
    folded = get(db_path, "/vanban/search_folded.json?q=quyet+dinh&_shape=array").json()
    exact = query(db_path, "select rowid from documents_fts where documents_fts match '\"Quyết định\"'")
    assert {r["id"] for r in folded} and len(folded) == len(exact)


def test_the_documents_table_lists_every_corpus_document(db_path):
    page = get(db_path, "/vanban/documents")
    assert page.status_code == 200
    for (title,) in query(db_path, "select title from documents where title is not null"):
        assert title[:40] in page.text.replace("&#39;", "'")


def test_a_script_in_a_document_renders_inert(db_path):
    (doc_id,) = query(db_path, "select id from documents where text like '%<script>%'")[0]
    page = get(db_path, f"/-/vanban/document/{doc_id}")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
