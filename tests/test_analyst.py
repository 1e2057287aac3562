"""The analyst's figures (issue #16): money shown the Vietnamese way, codes by their labels,
the new-money views and their totals rule, the allocated-vs-disbursed and latest-figure
queries, and the demo corpus's analyst page against the figures gold."""
from __future__ import annotations

import hashlib
import importlib.util
import json
import typing
import urllib.parse
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from markupsafe import Markup

from conftest import ROOT, SHARED
from pipeline.models import (
    Amount, AmountRole, EffectAction, ExtractionResult, Header, NewsInfo, Relation, Source,
)
from pipeline.publish.labels import (
    ACTION, CODE_COLUMNS, GRANULARITY, LEVEL, ORGANIZATION_ROLE, RELATION, ROLE, code_label, is_money_column, percent_text,
    vnd_scale, vnd_text,
)
from pipeline.publish.plugin import render_cell
from pipeline.store import open_db, write_result
from test_publish import demo_db, get, get_json


# ------------------------------------------------------------------ display
@pytest.mark.parametrize("vnd, text, scale", [
    (1_066_400_000, "1.066.400.000 đ", "1,07 tỷ đồng"),
    (806_500_000, "806.500.000 đ", "806,5 triệu đồng"),
    (77_223_000_000, "77.223.000.000 đ", "77,22 tỷ đồng"),
    (1_234_567_000_000, "1.234.567.000.000 đ", "1.234,57 tỷ đồng"),
    (2_000_000_000, "2.000.000.000 đ", "2 tỷ đồng"),
    (999_999_999, "999.999.999 đ", "1 tỷ đồng"),
    (1_000_000, "1.000.000 đ", "1 triệu đồng"),
    (40_000, "40.000 đ", "40 nghìn đồng"),
    (999_000, "999.000 đ", "999 nghìn đồng"),
    (1_500, "1.500 đ", "1,5 nghìn đồng"),
    (850, "850 đ", "850 đồng"),
    (0, "0 đ", "0 đồng"),
    (-1_066_400_000, "-1.066.400.000 đ", "-1,07 tỷ đồng"),
    (-500, "-500 đ", "-500 đồng"),
    (2_041_000_000.0, "2.041.000.000 đ", "2,04 tỷ đồng"),
    (None, "", ""),
    ("77223000000", "", ""),
    (True, "", ""),
])
def test_money_the_vietnamese_way(vnd, text, scale):
    assert vnd_text(vnd) == text
    assert vnd_scale(vnd) == scale


def test_money_columns_by_name():
    for column in ("vnd", "allocated_vnd", "disbursed_vnd", "total_vnd", "largest_vnd"):
        assert is_money_column(column), column
    for column in ("value", "year", "vnd_count", "disbursed_pct", "documents", "", None):
        assert not is_money_column(column), column
    assert percent_text(39.04) == "39,0 %" and percent_text(None) == ""


def test_every_code_has_a_label():
    assert set(ROLE) == set(typing.get_args(AmountRole))
    from pipeline.models import Organization
    organization_roles = typing.get_args(typing.get_args(Organization.model_fields["role"].annotation)[0])
    assert set(ORGANIZATION_ROLE) == set(organization_roles)
    levels = typing.get_args(typing.get_args(Organization.model_fields["level"].annotation)[0])
    assert set(LEVEL) == set(levels) and code_label("level", 2) is None  # a section's level
    assert code_label("role", "issuer") == "Cơ quan ban hành" and code_label("role", "rate") == "Định mức"
    assert set(RELATION) == set(typing.get_args(Relation))
    from pipeline.grammar.date_parser import Granularity
    assert set(GRANULARITY) == set(typing.get_args(Granularity))
    assert code_label("programme", "dtts") == "MTQG 1719 (DTTS&MN)"
    assert code_label("programme", "Chương trình 135") is None  # another programme: as written
    assert code_label("relation", "sua_doi") == "Sửa đổi, bổ sung"
    assert code_label("sentence", "allocated") is None
    assert set(ACTION) == set(typing.get_args(EffectAction))
    assert code_label("action", "bai_bo") == "Bãi bỏ"
    assert set(CODE_COLUMNS) == {"role", "level", "relation", "action", "granularity", "precision", "programme"}


def test_render_cell_money_and_labels():
    def cell(value, column, table="amounts"):
        return render_cell(row={}, value=value, column=column, table=table, datasette=None)

    assert cell(1_066_400_000, "vnd") == Markup(
        '<span class="vanban-vnd" title="1,07 tỷ đồng">1.066.400.000 đ</span>')
    assert cell(806_500_000, "disbursed_vnd", None) == Markup(
        '<span class="vanban-vnd" title="806,5 triệu đồng">806.500.000 đ</span>')
    assert cell(-2_000, "vnd") == Markup('<span class="vanban-vnd" title="-2 nghìn đồng">-2.000 đ</span>')
    assert cell(None, "vnd") is None and cell("", "allocated_vnd", None) is None
    assert cell(2023, "year") is None and cell(77_223_000_000, "value") is None
    assert cell("disbursed", "role") == Markup('<span class="vanban-code" title="disbursed">Giải ngân</span>')
    assert cell("can_cu", "relation", "citations") == Markup(
        '<span class="vanban-code" title="can_cu">Căn cứ</span>')
    assert cell("as_of", "granularity", "periods") == Markup(
        '<span class="vanban-code" title="as_of">Tính đến</span>')
    assert cell("giam_ngheo", "programme", None) == Markup(
        '<span class="vanban-code" title="giam_ngheo">MTQG Giảm nghèo bền vững</span>')
    assert cell("<b>x</b>", "role") is None
    assert cell(39.04, "disbursed_pct", None) == Markup('<span class="vanban-num">39,0 %</span>')


# ------------------------------------------------------------ views, queries
TEXT = "Văn bản thử các số tiền."


def result(name: str, amounts: list[dict], issued: str | None = None, published: str | None = None,
           number: str | None = None) -> ExtractionResult:
    data = (name + TEXT).encode()
    header = (Header(kind="BC", number_symbol=number, issued_date=issued, issuer="UBND tỉnh Lạng Sơn")
              if issued else None)
    return ExtractionResult(
        source=Source(path=name, format="txt", sha256=hashlib.sha256(data).hexdigest(), size=len(data)),
        header=header, news=NewsInfo(published=published) if published else None,
        amounts=tuple(Amount(text="x", start=0, end=1, value="1", unit="đồng", **a) for a in amounts),
        text=name + TEXT, extractor_version="test")


CELL = {"programme": "dtts", "year": 2023, "place": "tỉnh Lạng Sơn"}


@pytest.fixture(scope="module")
def money(tmp_path_factory):
    path = tmp_path_factory.mktemp("money") / "v.db"
    db = open_db(path)
    plan = result("plan", [
        {"vnd": 100, "role": "allocated", "total": True, **CELL},
        {"vnd": 60, "role": "allocated", "part_of": 0, **CELL},         # parts of the total
        {"vnd": 40, "role": "allocated", "total": True, "part_of": 0, **CELL},  # a total of its own
        {"vnd": 100, "role": "allocated", "total": True, "restates": 0, **CELL},  # said again
        {"vnd": 30, "role": "disbursed", **CELL},
        {"vnd": 12, "role": "disbursed", **CELL},
        {"vnd": 5, "role": "rate", **CELL},
        {"vnd": 10, "role": "allocated", "programme": "dtts", "project": "Dự án 1", "period": "2023",
         "year": 2023, "place": "tỉnh Lạng Sơn"},
        {"vnd": 7, "role": "allocated", "programme": "ntm", "period": "2021-01-01/2025-12-31"},
        {"vnd": None, "currency": "USD", "role": "allocated", **CELL},
    ], issued="2023-03-01", number="1/KH-UBND")
    report = result("report", [{"vnd": 120, "role": "allocated", **CELL}], issued="2023-11-30",
                    number="2/BC-UBND")
    news = result("news", [{"vnd": 80, "role": "disbursed", **CELL}], published="2023-12-20")
    ids = {}
    for r in (plan, report, news):
        ids[r.source.path] = write_result(db, r, r.source.path)
    db.close()
    return {"path": path, **ids}


def test_new_money_leaves_out_restatements_and_rates(money):
    db = open_db(money["path"])
    rows = list(db.query("select seq, outer_total, document_date from new_money where document_id = ? order by seq",
                         [money["plan"]]))
    assert [r["seq"] for r in rows] == [0, 1, 2, 4, 5, 7, 8, 9]
    # the outer total, not the total listed under it
    assert [r["seq"] for r in rows if r["outer_total"]] == [0]
    assert rows[0]["document_date"] == "2023-03-01"
    news = db.execute("select document_date from new_money where document_id = ?", [money["news"]]).fetchone()
    assert news == ("2023-12-20",)  # no header: the publication date
    # restates = 0 (the first amount) is stored as 0, not lost as "no restatement".
    assert db.execute("select restates, total from amounts where document_id = ? and seq = 3",
                      [money["plan"]]).fetchone() == (0, 1)


def test_allocated_vs_disbursed_sums_totals_alone(money):
    rows = get_json(money, "/v/allocated_vs_disbursed.json?_shape=array&document=" + money["plan"])
    by_cell = {(r["programme"], r["project"], r["year"]): r for r in rows}
    whole = by_cell[("dtts", None, 2023)]
    assert (whole["allocated_vnd"], whole["disbursed_vnd"], whole["disbursed_pct"]) == (100, 42, 42.0)
    assert whole["place"] == "tỉnh Lạng Sơn" and whole["document"] == "1/KH-UBND"
    assert by_cell[("dtts", "Dự án 1", 2023)]["allocated_vnd"] == 10
    assert by_cell[("ntm", None, None)]["allocated_vnd"] == 7
    everything = get_json(money, "/v/allocated_vs_disbursed.json?_shape=array")
    assert {r["document_id"] for r in everything} == {money["plan"], money["report"], money["news"]}
    for box, value, expected in (("programme", "1719", 4), ("programme", "nong thon moi", 1),
                                 ("project", "du an 1", 1), ("year", "2023", 4), ("place", "lang son", 4)):
        rows = get_json(money, f"/v/allocated_vs_disbursed.json?_shape=array&{box}={value}")
        assert len(rows) == expected, (box, value, rows)


def test_latest_figure_comes_from_the_most_recent_document(money):
    rows = get_json(money, "/v/latest_figures.json?_shape=array&programme=dtts&project=")
    by_role = {(r["role"], r["project"]): r for r in rows}
    allocated = by_role[("allocated", None)]
    assert (allocated["vnd"], allocated["document_id"], allocated["documents"]) == (120, money["report"], 2)
    assert allocated["document"] == "2/BC-UBND" and allocated["document_date"] == "2023-11-30"
    disbursed = by_role[("disbursed", None)]
    assert (disbursed["vnd"], disbursed["document_id"], disbursed["document_date"]) == (80, money["news"], "2023-12-20")
    assert [r["role"] for r in get_json(money, "/v/latest_figures.json?_shape=array&role=disbursed")] == ["disbursed"]


def test_analyst_query_page_shows_money_and_links(money):
    page = get(money, "/v/allocated_vs_disbursed?document=" + money["plan"]).text
    assert '<span class="vanban-vnd" title="100 đồng">100 đ</span>' in page
    assert '<span class="vanban-num">42,0 %</span>' in page
    assert f'<a href="/-/vanban/document/{money["plan"]}">1/KH-UBND</a>' in page
    assert '<span class="vanban-code" title="dtts">MTQG 1719 (DTTS&amp;MN)</span>' in page
    page = get(money, "/v/latest_money").text
    assert f'<a href="/-/vanban/document/{money["report"]}">{money["report"]}</a>' in page


def followed(site, url: str):
    """The page at `url`; a fact's row address leads to the table page of that one row (the
    fact tables are views, which Datasette gives no row page)."""
    response = get(site, url)
    if response.status_code == 302:
        assert "?document_id=" in response.headers["location"] and "&seq=0" in response.headers["location"]
        response = get(site, response.headers["location"])
    assert response.status_code == 200, url
    return response


@pytest.mark.parametrize("path", ["amounts", "amounts/{plan},0", "new_money", "money_cells"])
def test_table_and_row_pages_show_money_and_labels(money, path):
    url = "/v/" + path.format(plan=money["plan"])
    page = followed(money, url).text
    assert '<span class="vanban-vnd" title="100 đồng">100 đ</span>' in page, url
    assert '<span class="vanban-code" title="allocated">Giao / phân bổ</span>' in page, url
    # JSON (and so facets and filters) keeps the stored codes and numbers.
    rows = followed(money, url + ".json?_shape=array").json()
    assert {r["role"] for r in rows} <= set(ROLE) and {type(r["vnd"]) for r in rows} <= {int, type(None)}


def test_charts_read_latest_figures(money):
    from pipeline.publish.metadata import CHART_BY_YEAR_SQL

    rows = get_json(money, "/v.json?_shape=array&sql=" + urllib.parse.quote(CHART_BY_YEAR_SQL))
    assert {(r["role"], round(r["ty_dong"] * 1e9)) for r in rows if r["programme"] == "MTQG 1719 (DTTS&MN)"} == {
        ("Giao / phân bổ", 120), ("Giải ngân", 80)}


# ------------------------------------------------------- the demo and the gold
def load_score_figures():
    path = ROOT.parent / "shared" / "gold" / "score_figures.py"
    if not path.exists():
        pytest.skip(f"{SHARED} (the figures gold, ../shared/gold) is not on this machine")
    spec = importlib.util.spec_from_file_location("score_figures", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def demo_gold() -> dict[str, list[dict]]:
    """Gold amounts (VND only, as score_figures reads them) of the demo corpus's documents."""
    gold = {}
    for f in sorted((SHARED / "gold" / "figures").glob("*.figures.json")):
        data = json.loads(f.read_text(encoding="utf-8"))
        source = data["source"]
        if source.startswith("corpus/") and not source.startswith(("corpus/seeds", "corpus/real")):
            gold[Path(source).name] = [a for a in data["amounts"] if a.get("vnd") is not None]
    return gold


def outer_cells(sf, context: list[dict]) -> Counter:
    """score_figures.cells, except that a total listed under a larger total of the same cell
    is not added to it. The gold marks both "tổng số 77.223 triệu đồng, trong đó: …" and
    "Vốn sự nghiệp: 18.813 triệu đồng, gồm: …" (one of its parts) as totals, and
    score_figures.cells adds them, 96.036 tỷ for QĐ 499, which no reader of the decision
    would give. The gold has no link from a part to its total: a total that follows a larger
    one of its cell is taken to be one of its parts."""
    cells = sf.cells(context)
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for a in context:
        if not a["restates"] and a["role"] in sf.SUMMED_ROLES and a["vnd"] is not None:
            groups[(a["programme"], a["project"], a["role"], a["year"])].append(a)
    for cell, group in groups.items():
        totals = [a["vnd"] for a in group if a["total"]]
        outer = [v for k, v in enumerate(totals) if not any(u > v for u in totals[:k])]
        if totals:
            cells[cell] = sum(outer)
    return cells


def test_demo_analyst_page_equals_the_figures_gold(tmp_path_factory):
    """The allocated-vs-disbursed query over the ingested demo corpus gives, document by
    document, the cells score_figures.cells computes from the gold (with nested totals
    counted once, see outer_cells). The query has a row per
    place; the gold's cells have none, so a document's rows are added over places (the check
    below makes sure the gold never holds a total and its parts in different places, where
    that would differ)."""
    sf = load_score_figures()
    gold = demo_gold()
    assert gold, "no figures gold for corpus/"
    demo = {"path": demo_db(tmp_path_factory)}
    rows = get_json(demo, "/vanban/allocated_vs_disbursed.json?_shape=array&_size=max")
    sources = get_json(demo, "/vanban.json?_shape=array&sql=select+path,+document_id+from+sources")
    doc_of = {Path(r["path"]).name: r["document_id"] for r in sources}

    found: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        for role in sf.SUMMED_ROLES:
            if r[f"{role}_vnd"] is not None:
                cell = (sf.key("programme", r["programme"]), sf.key("project", r["project"]), role,
                        sf.key("year", r["year"]))
                found[r["document_id"]][cell] += r[f"{role}_vnd"]

    right = total = 0
    wrong = []
    for name, amounts in gold.items():
        context = [dict(sf.context(a, False), vnd=a["vnd"]) for a in amounts]
        expected = outer_cells(sf, context)
        by_place = outer_cells(sf, [dict(a, project=(a["project"], a["place"])) for a in context])
        summed = Counter()
        for (programme, (project, _), role, year), vnd in by_place.items():
            summed[(programme, project, role, year)] += vnd
        assert summed == expected, f"{name}: a total and its parts in different places"
        got = found.get(doc_of.get(name), Counter())
        total += len(expected)
        for cell, vnd in expected.items():
            if got.get(cell) == vnd:
                right += 1
            else:
                wrong.append(f"{name} {cell}: gold {vnd}, page {got.get(cell)}")
        wrong += [f"{name} {cell}: not in the gold, page {vnd}" for cell, vnd in got.items() if cell not in expected]
    print(f"analyst cells: {right} of {total} gold cells right")
    assert not wrong, f"{right} of {total} gold cells right;\n" + "\n".join(wrong)
