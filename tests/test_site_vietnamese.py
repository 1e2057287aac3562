"""The site in Vietnamese, on the demo corpus: Datasette's chrome translated, dates
dd/mm/yyyy, one folded search in every box, the advanced search and its JSON, status
banners, grouped citations, and the original file served only inside --files ROOT."""
from __future__ import annotations

import asyncio
import sqlite3

import pytest

from conftest import ROOT
from pipeline.publish import datasette_for
from pipeline.publish.chrome import describe_filters, missing_replacements
from pipeline.publish.labels import national_search_url, vn_date
from pipeline.publish.plugin import default_columns
from pipeline.publish.search import iso_day, plain
from pipeline.publish.limits import QueryRejected
from test_publish import demo_db


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = demo_db(tmp_path_factory)
    with sqlite3.connect(path) as conn:
        ids = dict(conn.execute("select number_symbol, id from documents where number_symbol is not null"))
    return {"path": path, "ids": ids}


def get(demo, url: str, files=None):
    async def fetch():
        return await datasette_for(demo["path"], immutable=True, files=files).client.get(url)
    return asyncio.run(fetch())


@pytest.mark.parametrize("value, shown", [
    ("2023-03-23", "23/03/2023"), ("2024-09", "09/2024"), ("2024", ""), ("23/03/2023", ""), (None, ""),
])
def test_dates_are_shown_day_month_year(value, shown):
    assert vn_date(value) == shown


@pytest.mark.parametrize("typed, iso", [
    ("05/9/2024", "2024-09-05"), ("5.9.2024", "2024-09-05"), ("2024-09-05", "2024-09-05"), ("", ""),
])
def test_advanced_search_reads_dates_as_written(typed, iso):
    assert iso_day(typed) == iso


@pytest.mark.parametrize("typed", ["32/01/2024", "9/2024", "hôm qua"])
def test_a_date_that_is_not_one_is_refused(typed):
    with pytest.raises(QueryRejected, match="ngày/tháng/năm"):
        iso_day(typed)


@pytest.mark.parametrize("snippet, shown", [
    ("**PHÓ CHỦ TỊCH** **(Đã ký)**", "PHÓ CHỦ TỊCH (Đã ký)"),
    ("## I. MỤC TIÊU", "I. MỤC TIÊU"),
    ("| Dự án 1 | 2.041 |", "Dự án 1 | 2.041"),
    ("giải ngân __đạt 38,6%__", "giải ngân đạt 38,6%"),
])
def test_snippets_are_plain_text(snippet, shown):
    assert plain(snippet) == shown


@pytest.mark.parametrize("number, url", [
    ("27/2022/NĐ-CP", "https://vbpl.vn/pages/vbpq-timkiem.aspx?type=0&s=1&Keyword=27/2022/N%C4%90-CP&SearchIn=Title1,Title"),
    ("120/2020/QH14", "https://vbpl.vn/pages/vbpq-timkiem.aspx?type=0&s=1&Keyword=120/2020/QH14&SearchIn=Title1,Title"),
    ("1719/QĐ-TTg", "https://vbpl.vn/pages/vbpq-timkiem.aspx?type=0&s=1&Keyword=1719/Q%C4%90-TTg&SearchIn=Title1,Title"),
    ("499/QĐ-UBND", None), ("12/NQ-HĐND", None), ("37/TTr-SKHĐT", None), (None, None),
])
def test_national_documents_link_to_the_national_database(number, url):
    assert national_search_url(number) == url


@pytest.mark.parametrize("query, rewritten", [
    (b"", b"_col=number_symbol&_col=kind&_col=issued_date&_col=issuer&_col=title"),
    (b"_search=giai", b"_search=giai&_col=number_symbol&_col=kind&_col=issued_date&_col=issuer&_col=title"),
    (b"_all=1", b"_all=1"),
    (b"_col=path", b"_col=path"),
    (b"_nocol=text", b"_nocol=text"),
])
def test_documents_table_opens_on_its_main_columns(query, rewritten):
    assert default_columns(query) == rewritten


def test_every_translation_still_finds_its_english(demo):
    env = datasette_for(demo["path"], immutable=True).jinja_env
    assert missing_replacements(env.loader.loaders[1], env) == []
    assert describe_filters('where search matches "giai ngan" sorted by issued_date descending') == \
        'tìm thấy "giai ngan" xếp theo issued_date giảm dần'


def test_table_search_box_folds_marks(demo):
    def numbers(words):
        return [r["number_symbol"] for r in get(demo, f"/vanban/documents.json?_shape=array&_search={words}").json()]
    folded = numbers("giai ngan")
    assert len(folded) >= 5
    assert numbers("giải ngân") == numbers("GIẢI NGÂN") == folded
    assert numbers("quyet dinh") == numbers("Quyết định")


def test_chrome_is_vietnamese(demo):
    table = get(demo, "/vanban/documents").text
    for words in ("Áp dụng", "Tải dữ liệu này", "Trang chủ", "Số ký hiệu", "Ngày ban hành"):
        assert words in table
    for english in (">Apply<", "This data as", ">home<", 'value="Apply"'):
        assert english not in table
    assert '<time datetime="2024-09-20">20/09/2024</time>' in table
    query = get(demo, "/vanban/rests_on_ended").text
    assert "<title>Văn bản căn cứ vào văn bản đã hết hiệu lực" in query
    assert "select" not in query.split("<title>")[1].split("</title>")[0]


def test_documents_table_filters_by_status(demo):
    rows = get(demo, "/vanban/documents.json?_shape=array&_status=het_hieu_luc_toan_bo").json()
    assert [r["number_symbol"] for r in rows] == ["1052/QĐ-UBND"]


def test_search_json_groups_citing_sentences_by_document(demo):
    found = get(demo, "/-/vanban/search.json?q=qd+499").json()
    assert found["mode"] == "number"
    counts = {g["number_symbol"]: g["count"] for g in found["citations"]}
    assert counts["86/KH-UBND"] == 3 and len(found["citations"]) == len(set(g["document_id"] for g in found["citations"]))


def test_search_json_with_advanced_filters(demo):
    found = get(demo, "/-/vanban/search.json?q=&issuer=ubnd+tinh+lang+son&date_from=01/01/2024&date_to=31/12/2024").json()
    assert [d["number_symbol"] for d in found["documents"]] == ["1634/QĐ-UBND", "1052/QĐ-UBND", "58/KH-UBND"]
    by_status = get(demo, "/-/vanban/search.json?q=giai+ngan&status=het_hieu_luc_toan_bo").json()
    assert [d["number_symbol"] for d in by_status["documents"]] == ["1052/QĐ-UBND"]
    assert "**" not in str(by_status) and "\x02" not in str(by_status)
    refused = get(demo, "/-/vanban/search.json?q=&date_from=31/02/2024x")
    assert refused.status_code == 400


def test_repealed_document_shows_its_status_and_the_act(demo):
    page = get(demo, f"/-/vanban/document/{demo['ids']['1052/QĐ-UBND']}").text
    assert "Tình trạng hiệu lực / Status: Hết hiệu lực toàn bộ" in page
    assert "QĐ 1634/QĐ-UBND</a>, từ ngày 20/09/2024" in page
    assert '<h3 class="vanban-relation">Căn cứ (3)</h3>' in page
    # Not served without --files: no link to the file, and the address is a 404.
    assert "vanban-file-download" not in page
    assert get(demo, f"/-/vanban/file/{demo['ids']['1052/QĐ-UBND']}").status_code == 404


def test_original_file_only_inside_the_served_root(demo):
    doc = demo["ids"]["499/QĐ-UBND"]
    served = get(demo, f"/-/vanban/file/{doc}", files=ROOT / "corpus")
    assert served.status_code == 200
    assert served.content == (ROOT / "corpus" / "qd-499-ubnd-2023.txt").read_bytes()
    assert served.headers["content-disposition"] == "attachment; filename*=UTF-8''qd-499-ubnd-2023.txt"
    pdf = get(demo, f"/-/vanban/file/{demo['ids']['1052/QĐ-UBND']}", files=ROOT / "corpus")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.headers["content-disposition"].startswith("inline")
    # A root that does not hold the file (a sibling folder, a sub-folder) serves nothing.
    assert get(demo, f"/-/vanban/file/{doc}", files=ROOT / "corpus" / "src").status_code == 404
    assert get(demo, f"/-/vanban/file/{doc}", files=ROOT / "tests").status_code == 404
    assert get(demo, "/-/vanban/file/..passwd", files=ROOT).status_code == 404


def test_news_page_shows_site_and_date(demo):
    with sqlite3.connect(demo["path"]) as conn:
        doc, published = conn.execute("select id, published from documents where published is not null "
                                      "order by published limit 1").fetchone()
    page = get(demo, f"/-/vanban/document/{doc}").text
    assert f"ngày <strong>{vn_date(published)}</strong>" in page


def test_canned_queries_on_document_status(demo):
    changed = get(demo, "/vanban/what_changed.json?_shape=array").json()
    assert [(r["document"], r["status"], r["action"], r["acting_document"], r["effective_date"]) for r in changed] == [
        ("1052/QĐ-UBND", "Hết hiệu lực toàn bộ", "Bãi bỏ", "QĐ 1634/QĐ-UBND", "2024-09-20")]
    resting = get(demo, "/vanban/rests_on_ended.json?_shape=array").json()
    assert [(r["document"], r["rests_on"], r["ended"], r["ended_by"]) for r in resting] == [
        ("1187/QĐ-UBND", "1052/QĐ-UBND", "2024-09-20", "QĐ 1634/QĐ-UBND")]


def test_serve_refuses_a_files_root_that_is_not_a_folder(demo, tmp_path, capsys):
    from pipeline.cli import main
    assert main(["serve", "--db", str(demo["path"]), "--files", str(tmp_path / "nowhere")]) == 1
    assert capsys.readouterr().err == (f"error: {tmp_path / 'nowhere'}: no such folder (--files names the "
                                       "folder the documents were ingested from)\n")
