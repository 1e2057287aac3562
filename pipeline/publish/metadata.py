"""Datasette metadata and settings for a vanban database: Vietnamese labels with English
beside them, a description of every table and column, facets, sort orders, canned queries."""
from __future__ import annotations

from pathlib import Path

import sqlite_utils

from ..models import Header
from ..store import FTS_EXACT, FTS_FOLDED, REFS_SQL, WHO_CITES_SQL, mention_tables, table_columns

TITLE = "vanban — Văn bản hành chính / Vietnamese official documents"
LICENSE = ("Văn bản hành chính không thuộc đối tượng bảo hộ quyền tác giả (Luật SHTT, Điều 15) / "
           "official documents are not subject to copyright; vanban code: Apache-2.0")


def both(vi: str, en: str) -> str:
    return f"{vi} / {en}"


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
    "sections": both("Mục, điều", "The section tree of each document (I., 1., a), Điều 3.)"),
    "sources": both("Tệp nguồn", "Source files: each path and the document its bytes hold"),
    "ingest_errors": both("Lỗi nạp", "Files that failed to load or extract, and why"),
    "cited_keys": both("Số ký hiệu được dẫn chiếu", "Every cited number, held or not, with how "
                       "many documents cite it"),
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
    "title_folded": both("Trích yếu không dấu", "subject line without diacritics, for search"),
    "text": both("Đoạn văn", "the span as written in the document's text"),
    "text_folded": both("Nội dung không dấu", "the text without diacritics, for search"),
    "flags": both("Cảnh báo", "consistency warnings, e.g. a total its parts contradict (JSON)"),
    "start": both("Vị trí đầu", "start offset in documents.text"),
    "end": both("Vị trí cuối", "end offset in documents.text"),
    "sentence": both("Câu", "the sentence it occurs in"),
    "page": both("Trang", "page number"),
    "section": both("Mục", "section path, e.g. 'II > 1 > Dự án 1'"),
    "lookup_key": both("Khóa tra cứu", "folded number/symbol of the cited document, any spelling"),
    "cited_document_id": both("Văn bản được dẫn", "the cited document when the database holds it"),
    "vnd": both("Số tiền (VND)", "exact value in VND (đồng); empty for a foreign currency"),
    "value": both("Giá trị", "normalised value"),
    "error": both("Lỗi", "why the file failed"),
    "at": both("Thời điểm", "when it failed (UTC)"),
    "citations": both("Số lần dẫn", "number of citations"),
    "citing_documents": both("Số văn bản dẫn", "number of documents citing it"),
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
}

VI_FIELDS = {
    "relation": "Quan hệ", "pinpoint": "Điều, khoản, điểm", "issuer_name": "Cơ quan ban hành (được dẫn)",
    "issuer_code": "Mã cơ quan", "symbol": "Ký hiệu", "number": "Số", "type_from_text": "Loại (theo chữ)",
    "type_from_symbol": "Loại (theo ký hiệu)", "resolved_from": "Dẫn chiếu rút gọn của",
    "currency": "Tiền tệ", "per": "Đơn vị tính", "separator": "Dấu phân cách", "role": "Vai trò",
    "funding_source": "Nguồn vốn", "project": "Dự án", "period": "Giai đoạn", "place": "Địa bàn",
    "measure": "Chỉ tiêu", "precision": "Độ chính xác", "name": "Tên", "abbreviation": "Viết tắt",
    "level": "Cấp", "label": "Nhãn", "parent": "Thuộc", "denominator": "Mẫu số",
}

FACETS = {
    "documents": ["kind", "issuer", "year"],
    "amounts": ["role", "project"],
    "citations": ["relation", "kind"],
    "organizations": ["level"],
    "projects": ["label"],
}
SORT_DESC = {"documents": "issued_date", "amounts": "vnd", "cited_keys": "citing_documents"}
LABEL_COLUMNS = {"documents": "title", "sections": "title", "organizations": "name", "projects": "label"}
HIDDEN = {"sources", "documents_fts", "documents_folded_fts"}

QUERIES = {
    "who_cites": {
        "title": both("Văn bản nào dẫn chiếu số này?", "Who cites this number?"),
        "description": both(
            "Các văn bản dẫn chiếu một số ký hiệu, viết kiểu nào cũng được: '499/QĐ-UBND', "
            "'499/qđ-ubnd', 'qd 499', 'Quyết định 499'",
            "documents citing a number/symbol in any spelling; works for documents not in "
            "the database"),
        "sql": WHO_CITES_SQL,
    },
    "refs": {
        "title": both("Văn bản này dẫn chiếu những gì?", "What does this document cite?"),
        "description": both("Các dẫn chiếu của một văn bản (theo mã văn bản)",
                            "the citations a document makes, by document id, linked when held"),
        "sql": REFS_SQL,
    },
    "search_folded": {
        "title": both("Tìm kiếm không dấu", "Search without diacritics"),
        "description": both("Gõ có dấu hay không dấu đều được: 'quyet dinh' tìm thấy 'Quyết định'",
                            "type with or without marks; 'quyet dinh' finds 'Quyết định', "
                            "'dau tu' finds 'đầu tư'"),
        "sql": f"""select d.id, d.number_symbol, d.kind, d.issued_date, d.issuer, d.title, d.path,
  snippet({FTS_FOLDED}, 1, '[', ']', ' … ', 16) as snippet
from {FTS_FOLDED} f join documents d on d.rowid = f.rowid
where {FTS_FOLDED} match vanban_fts_query(:q)
order by rank
limit 200""",
    },
    "amounts_by_project": {
        "title": both("Số tiền theo dự án", "Amounts by project"),
        "description": both(
            "Số lần nhắc và tổng số tiền (VND) theo dự án và vai trò; cùng một khoản có thể "
            "được nhắc trong nhiều văn bản nên tổng không phải là dự toán",
            "mentions and summed VND by project and role; one sum may be repeated across "
            "documents, so totals are not a budget"),
        "sql": """select
  coalesce(project, '(không rõ / unknown)') as project, role,
  count(*) as mentions, count(distinct document_id) as documents,
  sum(vnd) as total_vnd, max(vnd) as largest_vnd
from amounts
where vnd is not null
group by project, role
order by total_vnd desc""",
    },
    "documents_by_issuer": {
        "title": both("Văn bản theo cơ quan ban hành", "Documents by issuer"),
        "description": both("Số văn bản của mỗi cơ quan ban hành, ngày sớm nhất và muộn nhất",
                            "how many documents each body issued, first and last date"),
        "sql": """select
  coalesce(issuer, '(không rõ / unknown)') as issuer, count(*) as documents,
  min(issued_date) as first_issued, max(issued_date) as last_issued,
  group_concat(distinct kind) as kinds
from documents
group by issuer
order by documents desc""",
    },
}


def database_name(db: sqlite_utils.Database) -> str:
    """The name Datasette gives the database: its file name without the extension."""
    for _, name, file in db.execute("pragma database_list").fetchall():
        if name == "main" and file:
            return Path(file).stem
    return "vanban"


def column_descriptions(table: str, columns: list[str]) -> dict[str, str]:
    models = {**mention_tables(), "documents": Header}
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


def build_metadata(db: sqlite_utils.Database, database: str | None = None,
                   source: str | None = None, source_url: str | None = None) -> dict:
    """Datasette metadata for a vanban database (`database` defaults to the file's stem)."""
    name = database or database_name(db)
    tables: dict[str, dict] = {}
    all_columns = {**table_columns(),
                   "cited_keys": {c: str for c in db["cited_keys"].columns_dict}}
    for table, columns in all_columns.items():
        meta: dict = {
            "title": TABLES[table].split(" / ")[0] + f" ({table})",
            "description": TABLES[table],
            "columns": column_descriptions(table, list(columns)),
        }
        if table in FACETS:
            meta["facets"] = FACETS[table]
        if table in SORT_DESC:
            meta["sort_desc"] = SORT_DESC[table]
        if table in LABEL_COLUMNS:
            meta["label_column"] = LABEL_COLUMNS[table]
        if table in HIDDEN:
            meta["hidden"] = True
        tables[table] = meta
    tables["documents"]["fts_table"] = FTS_EXACT
    # Datasette hides FTS shadow tables itself; the folded index's are listed to be sure.
    for suffix in ("data", "idx", "docsize", "config"):
        for fts in (FTS_EXACT, FTS_FOLDED):
            tables[f"{fts}_{suffix}"] = {"hidden": True}
    return {
        "title": TITLE,
        "description": ("Văn bản hành chính được trích xuất thành dữ liệu: số ký hiệu, dẫn chiếu, "
                        "số tiền, ngày tháng, cơ quan, dự án / Vietnamese official documents "
                        "turned into data: numbers, citations, amounts, dates, bodies, projects. "
                        "Trang văn bản / document pages: /-/vanban/document/{id}"),
        "license": LICENSE,
        "source": source or "vanban pipeline",
        **({"source_url": source_url} if source_url else {}),
        "databases": {
            name: {
                "title": TITLE,
                "description": both("Văn bản, dẫn chiếu và số liệu trích xuất",
                                    "documents, citations and extracted facts"),
                "tables": tables,
                "queries": {q: dict(v) for q, v in QUERIES.items()},
            }
        },
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


__all__ = ["build_metadata", "build_settings", "QUERIES", "TITLE"]
