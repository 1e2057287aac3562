"""The publish stage: metadata, the plugin's SQL functions, document pages and canned
queries, through Datasette's own test client."""
from __future__ import annotations

import asyncio
import html
import json
import re
import sqlite3
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, serving
from pipeline.cli import main
from pipeline.publish import build_metadata, build_settings, datasette_for
from pipeline.publish.metadata import INDEXED
from pipeline.publish.queries import QUERIES
from pipeline.publish.document import citation_graph, highlight
from pipeline.publish.sql_functions import last_year
from pipeline.publish.search import looks_like_number
from pipeline.store import open_db, write_result
from pipeline.store.schema import INDEXES
from test_store import kh_result, qd_result


def demo_db(tmp_path_factory) -> Path:
    """The demo corpus ingested once per test session (test_browser.py shares it)."""
    path = tmp_path_factory.getbasetemp() / "demo-corpus" / "vanban.db"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        assert main(["ingest", str(ROOT / "corpus"), "--db", str(path), "-q"]) == 0
    return path


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return {"path": demo_db(tmp_path_factory)}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    path = tmp_path_factory.mktemp("site") / "vanban.db"
    db = open_db(path)
    qd, kh = qd_result(), kh_result()
    write_result(db, qd, "corpus/qd-499.txt")
    write_result(db, kh, "corpus/kh-64.txt")
    db.close()
    return {"path": path, "qd": qd.source.sha256[:16], "kh": kh.source.sha256[:16]}


def get(site, url: str):
    async def fetch():
        return await datasette_for(site["path"], immutable=True).client.get(url)
    return asyncio.run(fetch())


def get_json(site, url: str):
    response = get(site, url)
    assert response.status_code == 200, (url, response.json().get("error") if response.headers.get("content-type", "").startswith("application/json") else response.text[:300])
    return response.json()


def test_metadata_describes_every_column(site):
    db = open_db(site["path"])
    meta = build_metadata(db)
    assert meta["title"] == "vanban — Văn bản hành chính / Vietnamese official documents"
    tables = meta["databases"]["vanban"]["tables"]
    for table in ("documents", "citations", "amounts", "percentages", "dates", "organizations",
                  "projects", "figures", "sections", "ingest_errors", "cited_keys"):
        columns = tables[table]["columns"]
        assert set(db[table].columns_dict) <= set(columns), table
        assert all(" / " in text for text in columns.values()), table
    assert "VND" in tables["amounts"]["columns"]["vnd"]
    assert tables["documents"]["facets"] == ["kind", "issuer", "year"]
    assert tables["amounts"]["facets"] == ["role", "programme", "project", "year", "total",
                                           "funding_source", "period"]
    for view in ("new_money", "money_cells", "latest_money"):
        assert set(db[view].columns_dict) <= set(tables[view]["columns"]), view
        assert all(" / " in text for text in tables[view]["columns"].values()), view
    assert tables["citations"]["facets"] == ["kind", "relation"]
    assert tables["amounts"]["sort_desc"] == "vnd"
    assert meta["plugins"]["datasette-dashboards"]["vanban"]["charts"]
    assert tables["sources"]["hidden"] is True
    for query in meta["databases"]["vanban"]["queries"].values():
        assert query["title"] and query["description"]
    assert build_settings()["suggest_facets"] is False
    json.dumps(meta)  # `datasette -m metadata.json` takes the same dict


def test_document_page(site):
    response = get(site, f"/-/vanban/document/{site['qd']}")
    assert response.status_code == 200
    page = response.text
    for value in ("499/QĐ-UBND", "2022-03-23", "Ủy ban nhân dân tỉnh Lạng Sơn", "Nguyễn Văn A",
                  "Phê duyệt Dự án 1 hỗ trợ đất ở, nhà ở năm 2022", "Như Điều 3"):
        assert value in page, value
    assert re.search(r'<mark class="amount" title="2\.041\.000\.000 đ \(2,04 tỷ đồng\) · Giao / phân bổ · '
                     r'MTQG 1719 \(DTTS&amp;MN\) · Dự án 1 · 2022[^"]*">2\.041 triệu đồng</mark>', page)
    assert '<mark class="percentage"' in page and '<mark class="date"' in page
    assert '<mark class="organization"' in page and '<mark class="project"' in page
    # The amounts table: money and codes as the table pages show them.
    assert '<span class="vanban-vnd" title="2,04 tỷ đồng">2.041.000.000 đ</span>' in page
    assert "<td>Giao / phân bổ</td><td>MTQG 1719 (DTTS&amp;MN)</td>" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # Cited by the plan, which links here.
    assert f'href="/-/vanban/document/{site["kh"]}"' in page


def test_citation_links_to_cited_document(site):
    page = get(site, f"/-/vanban/document/{site['kh']}").text
    marked = re.search(r'<mark class="citation"[^>]*><a href="([^"]+)">Quyết định số 499/QĐ-UBND</a></mark>', page)
    assert marked and marked.group(1) == f"/-/vanban/document/{site['qd']}"
    # A citation of a document not held links to who cites it.
    assert "who_cites?key=12%2FNQ-H%C4%90ND" in html.unescape(page)


NOT_FOUND = "Không tìm thấy / Not found"
NO_DOCUMENT = ("Không có văn bản mã «{}»: mã văn bản là 16 ký tự 0-9 a-f, như trong các đường dẫn "
               "của bảng văn bản và trang tìm kiếm / no document {}")


@pytest.mark.parametrize("url, message", [
    ("/-/vanban/document/0000000000000000", NO_DOCUMENT.format("0000000000000000", "0000000000000000")),
    ("/-/vanban/document/zzz", NO_DOCUMENT.format("zzz", "zzz")),
    ("/-/vanban/document/qd-499", NO_DOCUMENT.format("qd-499", "qd-499")),
    ("/no-such-page", None),
    ("/vanban/no_such_table", "Table not found"),
    ("/vanban/documents/0000000000000000", "Record not found"),
])
def test_not_found_is_a_vietnamese_page(site, url, message):
    page = get(site, url)
    assert page.status_code == 404
    assert f"<h1>{NOT_FOUND}</h1>" in page.text
    if message:
        assert f"<p>{message}</p>" in page.text
    assert "Địa chỉ này không dẫn tới trang nào" in page.text and 'href="/-/vanban/search"' in page.text


def test_not_found_as_json_keeps_datasette_keys(site):
    response = get(site, "/vanban/documents/0000000000000000.json")
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error": "Record not found", "status": 404, "title": NOT_FOUND}


def test_served_404s_print_no_traceback(demo, tmp_path):
    log = tmp_path / "serve.log"
    with serving(demo["path"], log) as (url, _):
        for path in ("/-/vanban/document/zzz", "/-/vanban/document/0000000000000000", "/nope",
                     "/vanban/nope", "/vanban/documents/nope"):
            with pytest.raises(urllib.error.HTTPError) as answer:
                urllib.request.urlopen(url + path, timeout=30)
            assert answer.value.code == 404, path
    assert log.read_text().splitlines() == [url.replace("http", "vanban: http") + "/"]


def test_marks_do_not_overlap():
    text = "Quyết định số 499/QĐ-UBND ngày 23/3/2022"
    facts = {
        "citations": [{"start": 0, "end": 25}],
        "dates": [{"start": 26, "end": 40}, {"start": 14, "end": 17}],
    }
    chosen = highlight(text, facts)
    assert [(t, r["start"]) for t, r in chosen] == [("citations", 0), ("dates", 26)]
    assert highlight(text, {"amounts": [{"start": 30, "end": 99}, {"start": None, "end": 3}]}) == []


def test_search_without_diacritics(site):
    for q in ("quyet dinh lang son", "Quyết định Lạng Sơn", "DAT O NHA O"):
        rows = get_json(site, f"/vanban/search_folded.json?_shape=array&q={q}")
        assert site["qd"] in {r["id"] for r in rows}, q
    for q in ("", "%22%22", "%22unbalanced(", "NOT"):
        assert get_json(site, f"/vanban/search_folded.json?_shape=array&q={q}") == [], q


@pytest.mark.parametrize("key", ["qd 499", "499/qđ-ubnd", "499/QĐ-UBND", "Quyết định số 499"])
def test_who_cites_any_spelling(site, key):
    rows = get_json(site, f"/vanban/who_cites.json?_shape=array&key={key}")
    assert [r["document_id"] for r in rows] == [site["kh"]]
    assert rows[0]["cited_document_id"] == site["qd"]


def test_cells_link_to_document_pages(site):
    page = get(site, "/vanban/documents").text
    assert f'href="/-/vanban/document/{site["qd"]}"' in page
    page = get(site, f"/vanban/refs?document={site['kh']}").text
    assert f'href="/-/vanban/document/{site["qd"]}"' in page


def test_table_pages_render(site):
    for url in ("/", "/vanban", "/vanban/documents?_search=Lạng", "/vanban/amounts", "/vanban/citations",
                "/vanban/cited_keys", f"/vanban/documents/{site['qd']}"):
        response = get(site, url)
        assert response.status_code == 200, url


def test_facet_and_sort_columns_are_indexed():
    for table, column in INDEXED:
        assert column in INDEXES.get(table, []), (table, column)


def test_served_read_only(site):
    ds = datasette_for(site["path"], immutable=True)
    assert not ds.get_database("vanban").is_mutable


def test_every_page_has_the_search_box(site):
    for url in ("/", "/vanban", "/vanban/amounts", f"/-/vanban/document/{site['qd']}", "/-/vanban/search"):
        page = get(site, url).text
        assert 'action="/-/vanban/search"' in page, url
    home = get(site, "/").text
    for name in QUERIES:
        assert f'href="/vanban/{name}"' in home, name
    assert 'href="/-/dashboards/vanban"' in home


def test_charts_load_nothing_from_outside(site):
    page = get(site, "/-/dashboards/vanban")
    assert page.status_code == 200
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page.text)
    assert sources and not [s for s in sources if re.match(r"(https?:)?//", s)], sources
    assert get(site, "/-/vanban/static/vanban.css").status_code == 200


def test_number_queries_are_told_from_words():
    for q in ("qd 499", "499 qđ ubnd", "499/qd-ubnd", "Quyết định số 499", "quyet dinh 499"):
        assert looks_like_number(q), q
    for q in ("quyet dinh", "giải ngân", ""):
        assert not looks_like_number(q), q
    assert last_year("6 tháng đầu năm 2024") == 2024 and last_year("Đến hết tháng 11/2023") == 2023
    assert last_year(None) is None and last_year("quý IV") is None


def test_citation_graph_has_one_node_per_document():
    doc = {"kind": "KH", "number_symbol": "86/KH-UBND"}
    cites = [{"kind": "QĐ", "number_symbol": "499/QĐ-UBND", "key": "499/QĐ-UBND", "href": "/a",
              "cited_document_id": "a" * 16}] * 2
    cited_by = [{"document_id": "b" * 16, "kind": "CV", "number_symbol": "1534/UBND-KT", "href": "/b"}] * 3
    graph = citation_graph(doc, cites, cited_by)
    assert [n["label"] for n in graph["left"]] == ["CV 1534/UBND-KT"]
    assert [n["label"] for n in graph["right"]] == ["QĐ 499/QĐ-UBND"]
    assert graph["centre"]["label"] == "KH 86/KH-UBND"


def test_publish_writes_metadata_and_commands(site, tmp_path, capsys):
    assert main(["publish", "--db", str(site["path"]), "--out", str(tmp_path)]) == 0
    meta = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    assert set(meta["databases"]["vanban"]["queries"]) == set(QUERIES)
    out = capsys.readouterr().out
    assert "datasette serve -i" in out and "--setting suggest_facets off" in out
    assert "datasette package" in (tmp_path / "commands.sh").read_text(encoding="utf-8")


# ------------------------------------------------------------ the demo corpus
def test_every_canned_query_returns_rows_with_its_defaults(demo):
    flagged = sqlite3.connect(demo["path"]).execute(
        "select count(*) from documents, json_each(flags) f where f.value like 'amounts:%'").fetchone()[0]
    for name in QUERIES:
        if name.startswith("search_"):
            continue  # a search needs words; tested below
        if name == "inconsistent_totals" and not flagged:
            continue  # the extractor flags no total of the demo corpus yet: checked below
        rows = get_json(demo, f"/vanban/{name}.json?_shape=array")
        assert rows, name


def test_inconsistent_totals_lists_flagged_documents(tmp_path):
    path = tmp_path / "v.db"
    db = open_db(path)
    flagged = qd_result().model_copy(update={"flags": (
        "amounts: total 6,792 tỷ đồng (6.792.000.000 đồng) at offset 10 but its parts add up to 8.581.000.000 đồng",)})
    write_result(db, flagged, "corpus/qd-499.txt")
    write_result(db, kh_result(), "corpus/kh-64.txt")
    db.close()
    rows = get_json({"path": path}, "/v/inconsistent_totals.json?_shape=array")
    assert [r["number_symbol"] for r in rows] == ["499/QĐ-UBND"]
    assert "6,792 tỷ đồng" in rows[0]["flag"]


@pytest.mark.parametrize("key", ["qd 499", "499 qđ ubnd", "499/qd-ubnd", "Quyết định số 499/QĐ-UBND"])
def test_demo_number_lookup_any_spelling(demo, key):
    page = get(demo, "/-/vanban/search?q=" + key).text
    assert "number lookup" in page
    assert re.search(r'<a href="/-/vanban/document/[0-9a-f]{16}">QĐ 499/QĐ-UBND</a>', page)
    for citing in ("86/KH-UBND", "1534/UBND-KT", "312/BC-UBND"):
        assert citing in page, (key, citing)
    rows = get_json(demo, "/vanban/who_cites.json?_shape=array&key=" + key)
    assert {"86/KH-UBND", "1534/UBND-KT", "312/BC-UBND"} <= {r["number_symbol"] for r in rows}


@pytest.mark.parametrize("key", ["kh 58", "58/KH-UBND", "Kế hoạch số 58"])
def test_a_news_item_is_found_by_the_number_of_the_document_it_reports_on(demo, key):
    found = get_json(demo, "/-/vanban/search.json?q=" + key)["documents"]
    assert [(d["kind"], d["number_symbol"], d["subject_number"]) for d in found] == [
        ("KH", "58/KH-UBND", None), ("news", None, "58/KH-UBND")]
    page = html.unescape(get(demo, f"/-/vanban/document/{found[1]['id']}").text)
    assert ('Tin về văn bản / Reports on:\n  <a href="/-/vanban/search?q=58/KH-UBND">KH 58/KH-UBND</a> '
            'ngày 25/01/2024 của Ủy ban nhân dân tỉnh Lạng Sơn</p>') in page


def found_documents(demo, query: str, exact: bool = False) -> list[str]:
    page = get(demo, "/-/vanban/search?q=" + query + ("&exact=1" if exact else "")).text
    section = page.split("<h2>Văn bản / Documents", 1)[1].split("</ol>", 1)[0]
    return re.findall(r'<li><a href="/-/vanban/document/([0-9a-f]{16})">', section)


@pytest.mark.parametrize("plain, marked", [("quyet dinh", "quyết định"), ("giai ngan", "giải ngân"),
                                           ("dau tu", "đầu tư"), ("LOC BINH", "Lộc Bình")])
def test_demo_search_without_marks_finds_what_marks_find(demo, plain, marked):
    with_marks = found_documents(demo, marked)
    assert with_marks, marked
    assert found_documents(demo, plain) == with_marks
    # Marks kept: every document the exact index finds, the folded one finds too (the
    # folded one also matches other words that fold alike: 'đâu' for 'đầu').
    assert set(found_documents(demo, marked, exact=True)) <= set(with_marks)
    assert found_documents(demo, plain, exact=True) == []  # exact: the marks matter
    folded = get_json(demo, "/vanban/search_folded.json?_shape=array&q=" + plain)
    assert {r["id"] for r in folded} == set(with_marks)
    exact = get_json(demo, "/vanban/search_exact.json?_shape=array&q=" + marked)
    assert {r["id"] for r in exact} == set(found_documents(demo, marked, exact=True))


def test_demo_search_shows_sentences_and_escapes_them(demo):
    page = get(demo, "/-/vanban/search?q=giai+ngan").text
    assert "Số tiền / Amounts" in page and "<mark>" in page
    page = get(demo, "/-/vanban/search?q=alert").text
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_demo_document_page_has_graph_and_figures(demo):
    (doc_id,) = sqlite3.connect(demo["path"]).execute(
        "select id from documents where number_symbol = '86/KH-UBND'").fetchone()
    page = get(demo, f"/-/vanban/document/{doc_id}").text
    assert '<svg class="vanban-graph"' in page
    assert "Số liệu / Figures" in page
    assert re.search(r'<a href="/-/vanban/document/[0-9a-f]{16}">\s*<rect', page)


def test_table_page_speed_measure_runs(demo):
    from pipeline.publish.speed import table_page_ms

    result = table_page_ms(demo["path"], rows=500, repeat=1)
    assert result["rows"] == 500
    assert {"default", "facet", "sorted", "json"} <= set(result)


@pytest.mark.parametrize("error", [sqlite3.OperationalError("database or disk is full"),
                                   sqlite3.OperationalError("disk I/O error"),
                                   OSError(28, "No space left on device")])
def test_a_database_that_cannot_be_written_is_served_read_only_as_it_is(site, monkeypatch, capsys, error):
    """On a full disk neither the schema upgrade nor the checkpoint can write: the site
    still starts, from the file as it is, and says what that leaves out."""
    import pipeline.publish as publish

    def full(db_path):
        raise error

    monkeypatch.setattr(publish, "checkpoint", full)
    assert get(site, "/").status_code == 200
    assert get_json(site, "/vanban/documents.json?_shape=array&_col=id")  # rows are read
    # one line for each of the two sites get() started
    assert capsys.readouterr().err.splitlines() == [
        f"warning: {site['path']}: cannot write ({error}); serving it read-only as it is"] * 2
