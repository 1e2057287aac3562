"""Datasette metadata and settings for a vanban database: Vietnamese labels with English
beside them, a description of every table and column, facets, sort orders, canned queries."""
from __future__ import annotations

from pathlib import Path

import sqlite_utils

from ..models import Amount, Header
from ..store import FTS_EXACT, FTS_FOLDED, mention_tables, stored_table, table_columns, views
from .labels import both
from .queries import QUERIES

TITLE = "vanban — Văn bản hành chính / Vietnamese official documents"
LICENSE = ("Văn bản hành chính không thuộc đối tượng bảo hộ quyền tác giả (Luật SHTT, Điều 15) / "
           "official documents are not subject to copyright; vanban code: Apache-2.0")


TABLES = {
    "documents": both("Văn bản", "Documents: one row per distinct file content, with its header "
                      "(số ký hiệu, ngày ban hành, cơ quan ban hành, trích yếu, người ký) and full text"),
    "citations": both("Văn bản được dẫn chiếu", "Citations: every reference to another document "
                      "by its number/symbol, with the relation (căn cứ, thực hiện, sửa đổi …)"),
    "amounts": both("Số tiền", "Amounts of money, with the exact value in VND and the project, "
                    "funding source, period and role the sentence gives"),
    "percentages": both("Tỷ lệ phần trăm", "Percentages and what they measure"),
    "dates": both("Ngày tháng", "Dates mentioned in the text, as ISO dates"),
    "periods": both("Thời kỳ", "Months, quarters, halves, years, periods (giai đoạn 2021-2025) "
                    "and 'as of' limits (đến hết tháng 9/2023), with the days they cover"),
    "figures": both("Số liệu", "Counts with their unit (46 nhà) and coverage fractions (11/11 huyện)"),
    "organizations": both("Cơ quan, tổ chức", "Organisations named in the text"),
    "projects": both("Dự án, chương trình", "Projects, sub-projects and programme contents"),
    "places": both("Địa danh hành chính", "Places: provinces, districts, communes and villages "
                   "named in the text, matched to the gazetteer when possible"),
    "sections": both("Mục, điều", "The section tree of each document (I., 1., a), Điều 3.)"),
    "sources": both("Tệp nguồn", "Source files: each path and the document its bytes hold"),
    "ingest_errors": both("Lỗi nạp", "Files that failed to load or extract, and why"),
    "conflicts": both("Xung đột nội dung", "Documents with the same number, issuer and date whose "
                      "texts disagree: kept apart, one row each way, with their text similarity"),
    "cited_keys": both("Số ký hiệu được dẫn chiếu", "Every cited number, held or not, with how "
                       "many documents cite it"),
    "new_money": both("Tiền mới", "New money: the amounts an analyst sums, i.e. every amount but "
                      "those that say an earlier one again (restates) and per-unit rates; the year "
                      "filled from the period when the sentence gives none"),
    "money_cells": both("Số tiền theo văn bản và ô", "One row per document and cell (programme, "
                        "component, role, year, place): new money summed, and where the cell "
                        "holds totals, its totals alone (their parts would count the money twice)"),
    "latest_money": both("Số liệu mới nhất", "For each cell (programme, component, role, year, "
                         "place), the figure of the most recent document stating it"),
}

# Columns not described by a model field (or described better here).
COLUMNS = {
    "id": both("Mã văn bản", "document id: first 16 hex digits of the SHA-256 of the file"),
    "document_id": both("Mã văn bản", "the document this row comes from"),
    "seq": both("Thứ tự", "order of this item in its document"),
    "path": both("Đường dẫn tệp", "file path when ingested"),
    "format": both("Định dạng", "file format: txt, md, html, docx, pdf"),
    "sha256": both("Mã băm SHA-256", "SHA-256 of the file's bytes"),
    "size": both("Kích thước (byte)", "file size in bytes"),
    "pages": both("Số trang", "page count (PDF, DOCX)"),
    "mtime": both("Thời điểm sửa tệp", "file modification time (Unix seconds)"),
    "extractor_version": both("Phiên bản trích xuất", "vanban extractor version that wrote the row"),
    "ingested_at": both("Thời điểm nạp", "when the row was written (UTC)"),
    "kind": both("Loại văn bản", "document type code: QĐ, KH, TB, CV, BC, NQ …"),
    "number_symbol": both("Số ký hiệu", "number/symbol, e.g. 499/QĐ-UBND"),
    "issued_date": both("Ngày ban hành", "issue date (ISO)"),
    "issued_place": both("Địa danh", "place of issue"),
    "issuer": both("Cơ quan ban hành", "issuing body"),
    "title": both("Trích yếu", "subject line"),
    "signer": both("Người ký", "signatory"),
    "signer_position": both("Chức vụ người ký", "signatory's position"),
    "authority": both("Thẩm quyền ký", "signing authority: TM., KT., TL., Q. …"),
    "parent_body": both("Cơ quan chủ quản", "parent body above the issuer"),
    "recipients": both("Nơi nhận", "recipients (JSON list)"),
    "year": both("Năm", "year of issue"),
    "number_key": both("Khóa số ký hiệu", "folded number/symbol: lower case, no marks, đ→d; "
                       "what citations match on"),
    "text": both("Đoạn văn", "the span as written in the document's text"),
    "flags": both("Cảnh báo", "consistency warnings, e.g. a total its parts contradict (JSON)"),
    "warnings": both("Lưu ý khi đọc tệp", "what loading left out or guessed: pages past the "
                     "limit, scanned pages not read, a legacy font encoding (JSON)"),
    "published": both("Ngày đăng", "publication date of a news item (ISO)"),
    "site": both("Trang nguồn", "the site that published a news item"),
    "subject_kind": both("Loại văn bản được đưa tin", "kind of the document a news item reports on"),
    "subject_number": both("Văn bản được đưa tin", "number/symbol of the document a news item reports on"),
    "subject_key": both("Khóa văn bản được đưa tin", "its folded number/symbol, as lookup_key"),
    "subject_date": both("Ngày văn bản được đưa tin", "its issue date as the news item gives it (ISO)"),
    "subject_issuer": both("Cơ quan ban hành (được đưa tin)", "its issuer as the news item names it"),
    "start": both("Vị trí đầu", "start offset in documents.text"),
    "end": both("Vị trí cuối", "end offset in documents.text"),
    "sentence": both("Câu", "the sentence it occurs in"),
    "page": both("Trang", "page number"),
    "section": both("Mục", "section path, e.g. 'II > 1 > Dự án 1'"),
    "lookup_key": both("Khóa tra cứu", "folded number/symbol of the cited document, any spelling"),
    "cited_document_id": both("Văn bản được dẫn", "the cited document when the database holds "
                              "exactly one that fits the number, issuer and date cited"),
    "link_status": both("Trạng thái liên kết", "linked; ambiguous (several held documents fit, "
                        "none linked); mismatch (held only with another issuer or date); empty: not held"),
    "link_candidates": both("Số văn bản phù hợp", "how many held documents fit the citation"),
    "other_id": both("Văn bản xung đột", "the other document claiming the same identity"),
    "similarity": both("Độ tương đồng", "weighted Jaccard similarity of the two texts' word 3-grams, "
                       "counted as often as they occur and weighed by their letters (0-1)"),
    "identity_key": both("Khóa định danh", "folded number, issue date and issuer"),
    "document": both("Văn bản", "the document's number, or its title"),
    "rests_on": both("Căn cứ vào", "the number of the text it rests on"),
    "ended_by": both("Văn bản làm hết hiệu lực", "the act that repealed or replaced it"),
    "acting_document": both("Văn bản tác động", "the document that amends, replaces or repeals"),
    "acting_date": both("Ngày văn bản tác động", "the acting document's issue date (ISO)"),
    "effective_from": both("Hiệu lực từ", "the day the document takes effect, as it states (ISO)"),
    "effective_until": both("Hiệu lực đến", "the day its own text says it ends (ISO)"),
    "status": both("Tình trạng hiệu lực", "in force, amended, ended in part or whole, replaced …"),
    "status_label": both("Tình trạng hiệu lực", "the status as the portals write it"),
    "action": both("Tác động", "what the acting document does: sửa đổi, thay thế, bãi bỏ …"),
    "scope": both("Phạm vi", "the articles or clauses acted on; empty: the whole document"),
    "effective_date": both("Ngày có hiệu lực", "the day the act takes effect (ISO)"),
    "ended": both("Ngày hết hiệu lực", "the day the cited text stopped being in force (ISO)"),
    "last_act_date": both("Ngày tác động gần nhất", "the latest act's effective date (ISO)"),
    "vnd": both("Số tiền (VND)", "exact value in VND (đồng); empty for a foreign currency"),
    "value": both("Giá trị", "normalised value"),
    "error": both("Lỗi", "why the file failed"),
    "at": both("Thời điểm", "when it failed (UTC)"),
    "citations": both("Số lần dẫn", "number of citations"),
    "citing_documents": both("Số văn bản dẫn", "number of documents citing it"),
    "document_date": both("Ngày văn bản", "the document's issue date, or a news item's "
                          "publication date: what 'latest' goes by"),
    "amounts": both("Số khoản", "how many amounts the cell sums over"),
    "documents": both("Số văn bản", "how many documents state this cell"),
}
BY_TABLE = {
    ("documents", "text"): both("Nội dung", "the full text, normalised (NFC, one tone placement)"),
    ("amounts", "value"): both("Giá trị ghi", "the number as written, in the written unit (decimal string)"),
    ("amounts", "unit"): both("Đơn vị", "written unit: đồng, triệu đồng, tỷ đồng, USD …"),
    ("percentages", "value"): both("Giá trị (%)", "the percentage"),
    ("dates", "value"): both("Ngày", "ISO date (YYYY-MM-DD), or YYYY-MM / YYYY when partial"),
    ("citations", "kind"): both("Loại văn bản được dẫn", "type code of the cited document"),
    ("citations", "date"): both("Ngày văn bản được dẫn", "issue date of the cited document when given"),
    ("citations", "number_symbol"): both("Số ký hiệu được dẫn", "cited number/symbol as written (gold form)"),
    ("citations", "key"): both("Khóa khớp", "match key: the number/symbol with known repairs applied"),
    ("citations", "year"): both("Năm", "year of the cited document"),
    ("figures", "value"): both("Giá trị", "the count"),
    ("sections", "title"): both("Tiêu đề", "section heading"),
    ("sections", "path"): both("Đường dẫn mục", "section path"),
    ("projects", "number"): both("Số", "project number"),
    ("cited_keys", "key"): both("Số ký hiệu", "one spelling of the cited number"),
    ("cited_keys", "kind"): both("Loại", "type code of the cited document"),
    ("money_cells", "total"): both("Chỉ lấy tổng", "1 when the cell holds totals and is their sum alone"),
    ("latest_money", "total"): both("Chỉ lấy tổng", "1 when the cell holds totals and is their sum alone"),
    ("money_cells", "vnd"): both("Số tiền (VND)", "the cell's money, by the totals rule"),
    ("latest_money", "vnd"): both("Số tiền (VND)", "the cell's money in the latest document stating it"),
    ("latest_money", "document_id"): both("Văn bản nguồn", "the most recent document stating the cell"),
}
# The amounts' year, in the table and the views over it, is the budget year, not an issue year.
for _table in ("amounts", "new_money", "money_cells", "latest_money"):
    BY_TABLE[(_table, "year")] = both("Năm ngân sách", "the budget year the money is for "
                                      "(in the views: else the one year its period covers)")
    BY_TABLE[(_table, "programme")] = both("Chương trình", "dtts (MTQG 1719), giam_ngheo "
                                           "(giảm nghèo bền vững), ntm (nông thôn mới), or another "
                                           "programme's name as written")

VI_FIELDS = {
    "relation": "Quan hệ", "pinpoint": "Điều, khoản, điểm", "issuer_name": "Cơ quan ban hành (được dẫn)",
    "issuer_code": "Mã cơ quan", "symbol": "Ký hiệu", "number": "Số", "type_from_text": "Loại (theo chữ)",
    "type_from_symbol": "Loại (theo ký hiệu)", "resolved_from": "Dẫn chiếu rút gọn của",
    "currency": "Tiền tệ", "per": "Đơn vị tính", "separator": "Dấu phân cách", "role": "Vai trò",
    "funding_source": "Nguồn vốn", "project": "Dự án", "period": "Giai đoạn", "place": "Địa bàn",
    "measure": "Chỉ tiêu", "precision": "Độ chính xác", "name": "Tên", "abbreviation": "Viết tắt",
    "level": "Cấp", "label": "Nhãn", "unit_type": "Loại đơn vị hành chính", "code": "Mã",
    "province": "Tỉnh", "district": "Huyện", "successor": "Đơn vị sau sắp xếp 2025", "parent": "Thuộc", "denominator": "Mẫu số",
    "total": "Là dòng tổng", "restates": "Nhắc lại khoản số", "programme": "Chương trình",
    "granularity": "Độ chi tiết", "start_date": "Ngày đầu", "end_date": "Ngày cuối",
}

FACETS = {
    "documents": ["kind", "issuer", "year"],
    "amounts": ["role", "programme", "project", "year", "total", "funding_source", "period"],
    "new_money": ["role", "programme", "year"],
    "money_cells": ["role", "programme", "year"],
    "latest_money": ["role", "programme", "year"],
    "citations": ["kind", "relation"],
    "organizations": ["level", "canonical"],
    "projects": ["programme", "label"],
    "places": ["unit_type", "province"],
    "figures": ["unit"],
}
SORT_DESC = {"documents": "issued_date", "amounts": "vnd", "cited_keys": "citing_documents",
             "percentages": "value", "new_money": "vnd", "money_cells": "vnd", "latest_money": "vnd"}
SORT = {"sections": "path", "dates": "value"}
LABEL_COLUMNS = {"documents": "number_symbol", "sections": "title", "organizations": "name", "projects": "label"}
# A fact table is browsed as its view (citations), which gives back the texts its stored
# table (stored_citations) keeps as offsets.
HIDDEN = {"sources", "documents_fts", "documents_folded_fts", *map(stored_table, mention_tables())}
# Rows per page where rows carry a whole sentence: rendering the cells, not SQLite, is what
# a table page spends its time on (100 rows of amounts take ~150 ms to render).
PAGE_SIZE = {"amounts": 30, "new_money": 30, "citations": 30, "percentages": 30, "figures": 30,
             "dates": 50, "periods": 50, "organizations": 50, "projects": 50, "places": 50, "documents": 50}

# Every column a facet or a sort runs on. pipeline/store/schema.py's INDEXES creates them;
# tests/test_publish.py checks that it still covers this list. A view's columns are indexed
# on the table it reads (the money views read amounts); cited_keys is an aggregate.
VIEW_TABLES = {"new_money": "amounts", "money_cells": "amounts", "latest_money": "amounts"}
INDEXED = sorted({(VIEW_TABLES.get(t, t), c) for t, cols in FACETS.items() for c in cols}
                 | {(VIEW_TABLES.get(t, t), c) for t, c in (*SORT_DESC.items(), *SORT.items())
                    if t != "cited_keys"})


# Charts for datasette-dashboards: Vega-Lite specs over the canned queries' SQL, drawn in the
# browser by the Vega copy the plugin ships (nothing is fetched from a CDN).
DASHBOARD = "vanban"

# The money charts read latest_money: new money, the totals rule within a document, and one
# document's figure per cell, so that no sum is counted twice across documents. A bar adds
# cells of one level only: the components' own figures (a sub-project is its own bar), or
# the whole programmes' (project empty), never a whole with its parts. Codes are shown by
# their labels (vanban_label, from labels.py).
CHART_BY_COMPONENT_SQL = """select project, vanban_label('role', role) as role, sum(vnd) / 1e9 as ty_dong
from latest_money
where role in ('allocated', 'disbursed') and project is not null
group by project, role"""
CHART_BY_YEAR_SQL = """select year, vanban_label('programme', coalesce(programme, '(không rõ)')) as programme,
  vanban_label('role', role) as role, sum(vnd) / 1e9 as ty_dong
from latest_money
where role in ('allocated', 'disbursed') and project is null and year is not null
group by year, programme, role"""


def dashboards(database: str) -> dict:
    def chart(title: str, sql: str, display: dict) -> dict:
        return {"title": title, "db": database, "query": sql, "library": "vega-lite",
                "display": display}

    # Vietnamese reports count money in tỷ đồng (10^9 VND); SI prefixes (G, T) would mislead.
    vnd_axis = {"field": "ty_dong", "type": "quantitative", "title": "tỷ đồng / billion VND"}
    return {
        DASHBOARD: {
            "title": both("Biểu đồ", "Charts"),
            "description": both("Giao vốn và giải ngân theo dự án và theo năm (số liệu mới nhất), "
                                "văn bản theo tháng",
                                "allocated vs disbursed by component and by year (latest "
                                "figures), documents per month"),
            "layout": [["amounts-by-project", "amounts-by-project"],
                       ["allocated-disbursed", "documents-per-month"]],
            "filters": {},
            "charts": {
                "amounts-by-project": chart(
                    both("Giao vốn và giải ngân theo dự án (số liệu mới nhất)",
                         "Allocated vs disbursed by component (latest figures)"),
                    CHART_BY_COMPONENT_SQL,
                    {"mark": {"type": "bar", "tooltip": True},
                     "encoding": {"y": {"field": "project", "type": "nominal", "sort": "-x",
                                        "title": "Dự án / component"},
                                  "yOffset": {"field": "role"},
                                  "x": {**vnd_axis, "aggregate": "sum"},
                                  "color": {"field": "role", "type": "nominal",
                                            "title": "Vai trò / role"}}}),
                "allocated-disbursed": chart(
                    both("Giao vốn và giải ngân theo năm, toàn chương trình",
                         "Allocated vs disbursed by year, whole programmes"),
                    CHART_BY_YEAR_SQL,
                    {"mark": {"type": "bar", "tooltip": True},
                     "encoding": {"x": {"field": "year", "type": "ordinal", "title": "Năm / year"},
                                  "xOffset": {"field": "role"},
                                  "y": {**vnd_axis, "aggregate": "sum"},
                                  "color": {"field": "role", "type": "nominal",
                                            "title": "Vai trò / role"},
                                  "tooltip": [{"field": "programme", "title": "Chương trình / programme"},
                                              {"field": "role", "title": "Vai trò / role"},
                                              {**vnd_axis, "aggregate": "sum"}]}}),
                "documents-per-month": chart(
                    both("Văn bản theo tháng", "Documents per month"),
                    QUERIES["documents_per_month"]["sql"],
                    {"mark": {"type": "bar", "tooltip": True},
                     "encoding": {"x": {"field": "month", "type": "ordinal", "title": "Tháng / month"},
                                  "y": {"field": "documents", "type": "quantitative",
                                        "aggregate": "sum", "title": "Văn bản / documents"},
                                  "color": {"field": "kind", "type": "nominal",
                                            "title": "Loại / type"}}}),
            },
        }
    }


def database_name(db: sqlite_utils.Database) -> str:
    """The name Datasette gives the database: its file name without the extension."""
    for _, name, file in db.execute("pragma database_list").fetchall():
        if name == "main" and file:
            return Path(file).stem
    return "vanban"


def column_descriptions(table: str, columns: list[str]) -> dict[str, str]:
    models = {**mention_tables(), "documents": Header, "new_money": Amount}
    fields = models[table].model_fields if table in models else {}
    described = {}
    for column in columns:
        text = BY_TABLE.get((table, column)) or COLUMNS.get(column)
        if text is None:
            field = fields.get(column)
            en = (field.description if field and field.description else column.replace("_", " "))
            text = both(VI_FIELDS.get(column, column), en)
        described[column] = text
    return described


def column_label(column: str) -> str:
    """A column's short Vietnamese heading: 'number_symbol' -> 'Số ký hiệu'; a column no
    list describes keeps its name."""
    described = COLUMNS.get(column)
    return described.split(" / ")[0] if described else VI_FIELDS.get(column, column)


def build_metadata(db: sqlite_utils.Database, database: str | None = None,
                   source: str | None = None, source_url: str | None = None) -> dict:
    """Datasette metadata for a vanban database (`database` defaults to the file's stem)."""
    name = database or database_name(db)
    tables: dict[str, dict] = {}
    all_columns = {**table_columns(), **{view: {c: str for c in db[view].columns_dict} for view in views()}}
    for table, columns in all_columns.items():
        meta: dict = {
            # A table added to the models before it is described here still gets a page.
            "title": TABLES.get(table, table).split(" / ")[0] + f" ({table})",
            "description": TABLES.get(table, both(table, table.replace("_", " "))),
            "columns": column_descriptions(table, list(columns)),
        }
        if table in FACETS:
            meta["facets"] = FACETS[table]
        if table in SORT_DESC:
            meta["sort_desc"] = SORT_DESC[table]
        elif table in SORT:
            meta["sort"] = SORT[table]
        if table in PAGE_SIZE:
            meta["size"] = PAGE_SIZE[table]
        if table in LABEL_COLUMNS:
            meta["label_column"] = LABEL_COLUMNS[table]
        if table in HIDDEN:
            meta["hidden"] = True
        tables[table] = meta
    # The table's search box searches the folded index; the plugin's escape_fts folds what is
    # typed the same way, so "giai ngan" and "giải ngân" find the same rows.
    tables["documents"]["fts_table"] = FTS_FOLDED
    # Datasette hides FTS shadow tables itself; the folded index's are listed to be sure.
    for suffix in ("data", "idx", "docsize", "config"):
        for fts in (FTS_EXACT, FTS_FOLDED):
            tables[f"{fts}_{suffix}"] = {"hidden": True}
    return {
        "title": TITLE,
        "description": ("Văn bản hành chính được trích xuất thành dữ liệu: số ký hiệu, dẫn chiếu, "
                        "số tiền, ngày tháng, cơ quan, dự án / Vietnamese official documents "
                        "turned into data: numbers, citations, amounts, dates, bodies, projects. "
                        "Tìm kiếm / search: /-/vanban/search · "
                        "biểu đồ / charts: /-/dashboards/vanban · "
                        "trang văn bản / document pages: /-/vanban/document/{id}"),
        "license": LICENSE,
        "source": source or "vanban pipeline",
        **({"source_url": source_url} if source_url else {}),
        "databases": {
            name: {
                "title": TITLE,
                "description": both("Văn bản, dẫn chiếu và số liệu trích xuất",
                                    "documents, citations and extracted facts"),
                "tables": tables,
                # A canned query opens on its title, its boxes and its rows; its SQL is one
                # click away ("xem SQL").
                "queries": {q: {**v, "hide_sql": True} for q, v in QUERIES.items()},
            }
        },
        "plugins": {"datasette-dashboards": dashboards(name)},
    }


def build_settings() -> dict:
    """Datasette settings: no facet suggestions (slow and noisy on long texts), short cells."""
    return {
        "suggest_facets": False,
        "truncate_cells_html": 300,
        "default_facet_size": 20,
        "sql_time_limit_ms": 3000,
        "facet_time_limit_ms": 500,
    }


__all__ = ["build_metadata", "column_label", "build_settings", "dashboards", "QUERIES", "TITLE", "INDEXED"]
