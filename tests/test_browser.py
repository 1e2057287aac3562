"""The site as a person uses it: `vanban serve` in a subprocess, headless Chromium driven by
Playwright, a search typed without diacritics, a result opened, a citation followed.
Screenshots land in output/browser-*.png."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, serving
from test_publish import demo_db

CHROMIUM = Path("/usr/bin/chromium")
# Debian's Chromium, never a downloaded build; no network beyond the loopback server.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "output"

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (Debian package `chromium`; "
                                                    ".ci/run installs it)"),
]
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed (the test extra)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with serving(demo_db(tmp_path_factory), tmp_path_factory.mktemp("serve") / "serve.log",
                 files=ROOT / "corpus") as (url, _):
        yield url


@pytest.fixture(scope="module")
def page(server):
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN",
                                          accept_downloads=True)
            page = context.new_page()
            page.set_default_timeout(20_000)
            # A document's <script> must never run: any dialog fails the test.
            dialogs = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.dialogs = dialogs
            yield page
        finally:
            browser.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"browser-{name}.png"), full_page=False)


def test_search_without_marks_open_a_result_follow_a_citation(server, page):
    page.goto(server + "/")
    assert "vanban" in page.title()
    page.fill("#vanban-q", "quyet dinh")
    page.press("#vanban-q", "Enter")
    page.wait_for_url("**/-/vanban/search?q=quyet+dinh*")
    results = page.locator("ol.vanban-results > li > a")
    assert results.count() >= 5
    # A search typed without marks shows its hits as the document writes them, marked.
    assert page.locator(".vanban-snippet mark").first.inner_text().lower() in ("quyết", "định")
    shot(page, "search")

    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    for href in hrefs:
        page.goto(server + href)
        held = page.locator('.vanban-text mark.citation a[href^="/-/vanban/document/"]')
        if held.count():
            break
    else:
        pytest.fail("no search result cites a document the database holds")
    assert page.locator("svg.vanban-graph").count() == 1
    shot(page, "document")
    source = page.url
    cited = held.first.inner_text()
    held.first.click()
    page.wait_for_url("**/-/vanban/document/*")
    assert page.url != source
    heading = page.locator("h1").inner_text()
    number = cited.split()[-1]
    assert number.split("/")[0] in heading, (cited, heading)
    # The citing document is listed under "cited by" on the cited one.
    assert page.locator(f'a[href="{source.removeprefix(server)}"]').count() >= 1
    shot(page, "cited")
    assert page.dialogs == []


def test_number_lookup_and_inert_script(server, page):
    page.goto(server + "/vanban")
    page.fill("header .vanban-searchbar input[name=q]", "qd 499")
    page.press("header .vanban-searchbar input[name=q]", "Enter")
    page.wait_for_url("**/-/vanban/search?q=qd+499*")
    assert "number lookup" in page.locator(".vanban-mode").inner_text()
    assert page.locator("text=QĐ 499/QĐ-UBND").count() >= 1
    shot(page, "number")

    page.goto(server + "/-/vanban/search?q=alert")
    page.locator("ol.vanban-results > li > a").first.click()
    page.wait_for_url("**/-/vanban/document/*")
    assert "<script>alert(1)</script>" in page.locator(".vanban-text").inner_text()
    assert page.dialogs == []


def test_charts_draw_offline(server, page):
    page.goto(server + "/-/dashboards/vanban")
    # Vega draws into <canvas> or <svg> once it has fetched the SQL results from the server.
    page.wait_for_selector(".vega-embed canvas, .vega-embed svg")
    shot(page, "charts")


def test_analyst_page_shows_money_the_vietnamese_way(server, page):
    page.goto(server + "/vanban/allocated_vs_disbursed")
    # The programme's total in the demo plans: 77.223 triệu đồng, exact, its scale on hover.
    figure = page.locator("td.col-allocated_vnd span.vanban-vnd", has_text="77.223.000.000 đ").first
    assert figure.inner_text() == "77.223.000.000 đ"
    assert figure.get_attribute("title") == "77,22 tỷ đồng"
    assert figure.evaluate("e => getComputedStyle(e).textAlign") == "right"
    # Codes read as labels, the code kept as the tooltip; the document is a link.
    programme = page.locator("td.col-programme span.vanban-code", has_text="MTQG 1719 (DTTS&MN)").first
    assert programme.get_attribute("title") == "dtts"
    assert page.locator('td.col-document a[href^="/-/vanban/document/"]').count() >= 1
    figure.hover()
    shot(page, "analyst")
    assert page.dialogs == []


def table_search(page, server: str, words: str) -> list[str]:
    """The numbers the documents table lists after `words` is typed into its search box."""
    page.goto(server + "/vanban/documents")
    page.fill("input#_search", words)
    page.press("input#_search", "Enter")
    page.wait_for_url("**/vanban/documents?*_search=*")
    return page.locator("td.col-number_symbol").all_inner_texts()


def test_table_search_box_ignores_marks(server, page):
    folded = table_search(page, server, "giai ngan")
    shot(page, "documents-table")
    marked = table_search(page, server, "giải ngân")
    assert len(folded) >= 5 and folded == marked
    # The table opens on number, kind, date, issuer, title, in Vietnamese, dates dd/mm/yyyy.
    headings = page.locator("table.rows-and-columns th").all_inner_texts()
    assert [h.replace("\xa0", " ").strip(" ▼▲") for h in headings] == [
        "Mã văn bản", "Số ký hiệu", "Loại văn bản", "Ngày ban hành", "Cơ quan ban hành", "Trích yếu"]
    assert page.locator("td.col-issued_date time").first.inner_text().count("/") == 2
    assert page.locator('input[type=submit][value="Áp dụng"]').count() == 1


def test_advanced_search_by_issuer_and_dates(server, page):
    page.goto(server + "/-/vanban/search")
    page.click("details.vanban-advanced summary")
    page.fill("input[name=issuer]", "ubnd tinh lang son")
    page.fill("input[name=date_from]", "01/01/2024")
    page.fill("input[name=date_to]", "31/12/2024")
    page.click("details.vanban-advanced button[type=submit]")
    page.wait_for_url("**/-/vanban/search?*issuer=*")
    found = page.locator("ol.vanban-results > li > a").all_inner_texts()
    # The province's 2024 documents of the demo corpus, latest first.
    assert found == ["QĐ 1634/QĐ-UBND", "QĐ 1052/QĐ-UBND", "KH 58/KH-UBND"]
    shot(page, "advanced-search")


def test_document_source_file_status_banner_and_404(server, page):
    page.goto(server + "/-/vanban/search?q=qd+1052")
    page.locator("ul.vanban-results > li > a", has_text="1052/QĐ-UBND").first.click()
    page.wait_for_url("**/-/vanban/document/*")
    banner = page.locator(".vanban-status")
    assert "Hết hiệu lực toàn bộ" in banner.inner_text()
    assert "Bãi bỏ bởi QĐ 1634/QĐ-UBND, từ ngày 20/09/2024" in " ".join(banner.inner_text().split())
    assert page.locator("h3.vanban-relation").first.inner_text().startswith("Căn cứ")
    shot(page, "document")
    with page.expect_download() as download:
        page.click("a.vanban-file-download")
    saved = download.value
    assert saved.suggested_filename == "qd-1052-ubnd-2024.pdf"
    assert Path(saved.path()).read_bytes() == (ROOT / "corpus" / "qd-1052-ubnd-2024.pdf").read_bytes()

    page.goto(server + "/-/vanban/document/0123456789abcdef")
    assert page.locator("h1").inner_text() == "Không tìm thấy / Not found"
    assert "Không có văn bản mã" in page.locator("body").inner_text()


def test_home_and_a_canned_query_in_vietnamese(server, page):
    page.goto(server + "/")
    assert page.locator(".vanban-home-tables a").first.inner_text() == "Văn bản / Documents"
    assert page.locator("p.crumbs").count() == 0 or "home" not in page.locator("p.crumbs").inner_text()
    shot(page, "home")
    page.goto(server + "/vanban/rests_on_ended")
    assert page.title().startswith("Văn bản căn cứ vào văn bản đã hết hiệu lực")
    assert page.locator("td.col-document a", has_text="1187/QĐ-UBND").count() == 1
    assert page.locator("td.col-ended").first.inner_text() == "20/09/2024"
    shot(page, "canned-query")
