"""The publish stage: metadata, the plugin's SQL functions, document pages and canned
queries, through Datasette's own test client."""
from __future__ import annotations

import asyncio
import html
import json
import re

import pytest

from pipeline.publish import build_metadata, build_settings, datasette_for
from pipeline.publish.metadata import QUERIES
from pipeline.publish.plugin import highlight
from pipeline.store import open_db, write_result
from test_store import kh_result, qd_result


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
        return await datasette_for(site["path"]).client.get(url)
    return asyncio.run(fetch())


def get_json(site, url: str):
    response = get(site, url)
    assert response.status_code == 200, (url, response.text[:500])
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
    assert tables["amounts"]["facets"] == ["role", "project"]
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
    assert re.search(r'<mark class="amount" title="2\.041\.000\.000 đồng[^"]*">2\.041 triệu đồng</mark>', page)
    assert '<mark class="percentage"' in page and '<mark class="date"' in page
    assert '<mark class="organization"' in page and '<mark class="project"' in page
    assert "2.041.000.000 đồng" in page  # the amounts table
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


def test_unknown_document_is_404(site):
    assert get(site, "/-/vanban/document/0000000000000000").status_code == 404


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


def test_every_canned_query_returns_rows(site):
    params = {"who_cites": "key=qd+499", "refs": f"document_id={site['kh']}",
              "search_folded": "q=ke+hoach", "amounts_by_project": "", "documents_by_issuer": ""}
    assert set(params) == set(QUERIES)
    for name, query in params.items():
        rows = get_json(site, f"/vanban/{name}.json?_shape=array&{query}")
        assert rows, name
    project = get_json(site, "/vanban/amounts_by_project.json?_shape=array")[0]
    assert project["project"] == "Dự án 1" and project["total_vnd"] == 2_041_000_000


def test_cells_link_to_document_pages(site):
    page = get(site, "/vanban/documents").text
    assert f'href="/-/vanban/document/{site["qd"]}"' in page
    page = get(site, f"/vanban/refs?document_id={site['kh']}").text
    assert f'href="/-/vanban/document/{site["qd"]}"' in page


def test_table_pages_render(site):
    for url in ("/", "/vanban", "/vanban/documents?_search=Lạng", "/vanban/amounts", "/vanban/citations",
                "/vanban/cited_keys", f"/vanban/documents/{site['qd']}"):
        response = get(site, url)
        assert response.status_code == 200, url
