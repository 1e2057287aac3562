"""Datasette metadata and settings for a vanban database: Vietnamese labels with English
beside them, a description of every table and column, facets, sort orders, canned queries."""
from __future__ import annotations

import re
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
    "places": both("Địa danh hành chính", "Places: provinces, districts, communes and villages "
                   "named in the text, matched to the gazetteer when possible"),
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
    "warnings": both("Lưu ý khi đọc tệp", "what loading left out or guessed: pages past the "
                     "limit, scanned pages not read, a legacy font encoding (JSON)"),
    "published": both("Ngày đăng", "publication date of a news item (ISO)"),
    "site": both("Trang nguồn", "the site that published a news item"),
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
    "level": "Cấp", "label": "Nhãn", "unit_type": "Loại đơn vị hành chính", "code": "Mã",
    "province": "Tỉnh", "district": "Huyện", "successor": "Đơn vị sau sắp xếp 2025", "parent": "Thuộc", "denominator": "Mẫu số",
}

FACETS = {
    "documents": ["kind", "issuer", "year"],
    "amounts": ["role", "project", "funding_source", "period"],
    "citations": ["kind", "relation"],
    "organizations": ["level", "canonical"],
    "projects": ["programme", "label"],
    "places": ["unit_type", "province"],
    "figures": ["unit"],
}
SORT_DESC = {"documents": "issued_date", "amounts": "vnd", "cited_keys": "citing_documents",
             "percentages": "value"}
SORT = {"sections": "path", "dates": "value"}
LABEL_COLUMNS = {"documents": "title", "sections": "title", "organizations": "name", "projects": "label"}
HIDDEN = {"sources", "documents_fts", "documents_folded_fts"}
# Rows per page where rows carry a whole sentence: rendering the cells, not SQLite, is what
# a table page spends its time on (100 rows of amounts take ~150 ms to render).
PAGE_SIZE = {"amounts": 30, "citations": 30, "percentages": 30, "figures": 30, "dates": 50,
             "periods": 50, "organizations": 50, "projects": 50, "places": 50, "documents": 50}

# Every column a facet or a sort runs on. pipeline/store/schema.py's INDEXES creates them;
# tests/test_publish.py checks that it still covers this list.
INDEXED = sorted({(t, c) for t, cols in FACETS.items() for c in cols}
                 | {(t, c) for t, c in (*SORT_DESC.items(), *SORT.items()) if t != "cited_keys"})

# Defaults a canned query uses when its box is left empty; each is a row of the demo corpus,
# so that opening a query without typing anything shows what it does.
DEFAULTS = {
    "key": "499/QĐ-UBND",
    "document": "86/KH-UBND",
    "date_from": "2023-01-01",
    "date_to": "2024-12-31",
    "place": "Lộc Bình",
    "component": "Dự án 1",
}


def with_defaults(sql: str, names: list[str]) -> str:
    """`sql` with each `:name` among `names` read as its DEFAULTS value when left empty
    (Datasette sends an empty string for a parameter the form leaves blank)."""
    for name in names:
        default = DEFAULTS[name].replace("'", "''")
        sql = re.sub(rf":{name}\b", f"coalesce(nullif(:{name}, ''), '{default}')", sql)
    return sql


def _document_is(column: str, param: str) -> str:
    # A document named by its id or by its number in any spelling; the number range lets
    # the number_key index narrow the rows before the Python matcher runs.
    return f"""({column}.id = :{param}
      or (vanban_key_number(:{param}) != ''
          and {column}.number_key >= vanban_key_number(:{param})
          and {column}.number_key < vanban_key_number(:{param}) || char(1114111)
          and vanban_key_match({column}.number_symbol, :{param})))"""


_CITATIONS_OF = """select
  d.number_symbol as document, c.seq, c.text, c.number_symbol, c.kind, c.date, c.issuer_name,
  {relation}c.pinpoint, c.sentence, c.cited_document_id, cited.title as cited_title
from documents d
join citations c on c.document_id = d.id
left join documents cited on cited.id = c.cited_document_id
where {document}{extra}
order by d.id, c.seq"""

_FOLDED_LIKE = "vanban_fold({column}) like '%' || vanban_fold(:{param}) || '%'"

QUERIES = {
    "who_cites": {
        "title": both("Văn bản nào dẫn chiếu số này?", "Who cites this number?"),
        "description": both(
            "Các văn bản dẫn chiếu một số ký hiệu, viết kiểu nào cũng được: '499/QĐ-UBND', "
            "'499/qđ-ubnd', 'qd 499', 'Quyết định 499'. Để trống: 499/QĐ-UBND",
            "documents citing a number/symbol in any spelling, also for documents not in "
            "the database; blank means 499/QĐ-UBND"),
        "sql": with_defaults(WHO_CITES_SQL, ["key"]),
        "params": ["key"],
    },
    "rests_on": {
        "title": both("Văn bản này căn cứ vào đâu?", "What does this document rest on?"),
        "description": both(
            "Các căn cứ pháp lý (dòng 'Căn cứ …') của một văn bản, theo số ký hiệu viết kiểu "
            "nào cũng được hoặc theo mã văn bản. Để trống: 86/KH-UBND",
            "the legal bases ('Căn cứ …' citations) of a document given by its number in any "
            "spelling or its id; blank means 86/KH-UBND"),
        "sql": with_defaults(_CITATIONS_OF.format(
            relation="", document=_document_is("d", "document"), extra="\n  and c.relation = 'can_cu'"),
            ["document"]),
        "params": ["document"],
    },
    "refs": {
        "title": both("Văn bản này dẫn chiếu những gì?", "What does this document cite?"),
        "description": both(
            "Mọi dẫn chiếu của một văn bản và quan hệ của nó (căn cứ, thực hiện, sửa đổi …), "
            "có liên kết khi văn bản được dẫn có trong cơ sở dữ liệu. Để trống: 86/KH-UBND",
            "every citation a document makes, with its relation, linked when held; blank "
            "means 86/KH-UBND"),
        "sql": with_defaults(_CITATIONS_OF.format(
            relation="c.relation, ", document=_document_is("d", "document"), extra=""), ["document"]),
        "params": ["document"],
    },
    "documents_by_issuer_period": {
        "title": both("Văn bản theo cơ quan và thời gian", "Documents by issuer and period"),
        "description": both(
            "Văn bản của một cơ quan (gõ một phần tên, có dấu hay không: 'loc binh') ban hành "
            "trong khoảng ngày (YYYY-MM-DD). Để trống: mọi cơ quan, 2023-01-01 đến 2024-12-31",
            "documents of an issuer (part of its name, marks optional) issued between two "
            "dates; blank means every issuer, 2023-01-01 to 2024-12-31"),
        "sql": with_defaults(f"""select id, kind, number_symbol, issued_date, issuer, title, signer
from documents
where (nullif(:issuer, '') is null or {_FOLDED_LIKE.format(column='issuer', param='issuer')})
  and issued_date >= :date_from and issued_date <= :date_to
order by issued_date, number_symbol""", ["date_from", "date_to"]),
        "params": ["issuer", "date_from", "date_to"],
    },
    "allocated_vs_disbursed": {
        "title": both("Giao vốn và giải ngân theo dự án, năm", "Allocated vs disbursed by component and year"),
        "description": both(
            "Tổng vốn được giao / phân bổ và đã giải ngân (VND) theo dự án, tiểu dự án, nội dung "
            "và năm (năm ghi trong câu, nếu không thì năm của văn bản). Lọc theo dự án "
            "('Dự án 1' gồm cả các tiểu dự án) và năm; để trống: tất cả. Một khoản có thể được "
            "nhắc trong nhiều văn bản",
            "allocated and disbursed VND per programme component and year (the year the "
            "sentence gives, else the document's); filter by component (its sub-projects "
            "included) and year, blank for all; one sum may be repeated across documents"),
        "sql": f"""with a as (
  select coalesce(a.project, '(không rõ / unknown)') as project,
         coalesce(vanban_year(a.period), d.year) as year, a.role, a.vnd, a.document_id
  from amounts a join documents d on d.id = a.document_id
  where a.role in ('allocated', 'disbursed') and a.vnd is not null
)
select project, year,
  sum(case when role = 'allocated' then vnd end) as allocated_vnd,
  sum(case when role = 'disbursed' then vnd end) as disbursed_vnd,
  round(100.0 * sum(case when role = 'disbursed' then vnd end)
        / sum(case when role = 'allocated' then vnd end), 2) as disbursed_pct_of_allocated,
  count(*) as mentions, count(distinct document_id) as documents
from a
where (nullif(:project, '') is null or vanban_fold(project) = vanban_fold(:project)
       or vanban_fold(project) like vanban_fold(:project) || ' >%')
  and (nullif(:year, '') is null or year = cast(:year as integer))
group by project, year
order by project, year""",
        "params": ["project", "year"],
    },
    "amounts_in_place": {
        "title": both("Số tiền theo địa bàn", "Amounts in a place"),
        "description": both(
            "Số tiền gắn với một địa bàn (tỉnh, huyện, xã; có dấu hay không): theo địa bàn ghi "
            "trong câu, trong câu chứa số tiền, hoặc cơ quan ban hành văn bản. Để trống: Lộc Bình",
            "amounts tied to a place (province, district, commune; marks optional): by the "
            "place the sentence names, the sentence itself, or the issuing body; blank means "
            "Lộc Bình"),
        "sql": with_defaults(f"""select * from (
  select a.document_id, d.number_symbol, a.text, a.vnd, a.role, a.project, a.period, a.place,
    case when {_FOLDED_LIKE.format(column="a.place", param="place")} then 'địa bàn / place'
         when {_FOLDED_LIKE.format(column="a.sentence", param="place")} then 'câu / sentence'
         when {_FOLDED_LIKE.format(column="d.issuer", param="place")} then 'cơ quan / issuer'
    end as matched_on,
    a.sentence
  from amounts a join documents d on d.id = a.document_id
)
where matched_on is not null
order by matched_on, vnd desc""", ["place"]),
        "params": ["place"],
    },
    "component_figures": {
        "title": both("Số liệu của một dự án, tiểu dự án, nội dung", "All figures for one programme component"),
        "description": both(
            "Mọi số tiền, tỷ lệ và số đếm nằm dưới một thành phần chương trình ('Dự án 1', "
            "'Tiểu dự án 2', 'Nội dung số 02'), theo dự án của số tiền hoặc mục chứa nó; lọc "
            "theo chương trình (dtts = 1719, gnbv = giảm nghèo, ntm = nông thôn mới) khi văn bản "
            "cho biết. Để trống: Dự án 1, mọi chương trình",
            "every amount, percentage and count under one programme component, by the "
            "amount's project or the section it sits in; filter by programme (dtts = 1719, "
            "gnbv = poverty reduction, ntm = new rural) where the document makes it known; "
            "blank means Dự án 1 in any programme"),
        "sql": with_defaults("""with facts as (
  select 'amount' as fact, document_id, text, vnd as value, 'VND' as unit, role as what,
         coalesce(project, section) as component, period, sentence from amounts
  union all
  select 'percentage', document_id, text, value, '%', measure, section, null, sentence
  from percentages
  union all
  select 'figure', document_id, text, value, unit, null, section, null, sentence from figures
)
select f.fact, d.number_symbol, d.issued_date, f.text, f.value, f.unit, f.what, f.component,
  f.period, (select group_concat(distinct p.programme) from projects p
             where p.document_id = f.document_id
               and vanban_fold(p.label) = vanban_fold(:component)) as programme,
  f.sentence, f.document_id
from facts f join documents d on d.id = f.document_id
where instr(' > ' || vanban_fold(f.component) || ' >', ' > ' || vanban_fold(:component) || ' >') > 0
  and (nullif(:programme, '') is null or exists (
        select 1 from projects p where p.document_id = f.document_id
          and p.programme = :programme and vanban_fold(p.label) = vanban_fold(:component)))
order by d.issued_date, f.document_id, f.fact""", ["component"]),
        "params": ["component", "programme"],
    },
    "inconsistent_totals": {
        "title": both("Văn bản có tổng không khớp", "Documents with inconsistent totals"),
        "description": both(
            "Văn bản nêu một tổng số tiền và các phần của nó nhưng các phần cộng lại không "
            "bằng tổng; số liệu được giữ nguyên như văn bản ghi",
            "documents giving a total and its parts where the parts do not add up; the "
            "numbers are kept as written"),
        "sql": """select d.id, d.kind, d.number_symbol, d.issued_date, d.issuer, d.title, f.value as flag
from documents d, json_each(d.flags) f
where d.flags is not null and d.flags not in ('', '[]') and json_valid(d.flags)
  and f.value like 'amounts:%'
order by d.issued_date, d.id""",
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
        "params": ["q"],
    },
    "search_exact": {
        "title": both("Tìm kiếm đúng dấu", "Exact search (marks matter)"),
        "description": both("Chỉ tìm đúng chữ có dấu: 'đầu tư' không khớp 'dau tu'",
                            "matches the words exactly as written, tone marks included"),
        "sql": f"""select d.id, d.number_symbol, d.kind, d.issued_date, d.issuer, d.title, d.path,
  snippet({FTS_EXACT}, 1, '[', ']', ' … ', 16) as snippet
from {FTS_EXACT} f join documents d on d.rowid = f.rowid
where {FTS_EXACT} match vanban_fts_exact(:q)
order by rank
limit 200""",
        "params": ["q"],
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
    "documents_per_month": {
        "title": both("Số văn bản theo tháng", "Documents per month"),
        "description": both("Số văn bản ban hành mỗi tháng, theo loại",
                            "documents issued per month, by type"),
        "sql": """select substr(issued_date, 1, 7) as month, coalesce(kind, '?') as kind, count(*) as documents
from documents
where issued_date is not null
group by month, kind
order by month, kind""",
    },
}

# Charts for datasette-dashboards: Vega-Lite specs over the canned queries' SQL, drawn in the
# browser by the Vega copy the plugin ships (nothing is fetched from a CDN).
DASHBOARD = "vanban"


def dashboards(database: str) -> dict:
    def chart(title: str, sql: str, display: dict) -> dict:
        return {"title": title, "db": database, "query": sql, "library": "vega-lite",
                "display": display}

    # Vietnamese reports count money in tỷ đồng (10^9 VND); SI prefixes (G, T) would mislead.
    vnd_axis = {"field": "ty_dong", "type": "quantitative", "title": "tỷ đồng / billion VND"}
    return {
        DASHBOARD: {
            "title": both("Biểu đồ", "Charts"),
            "description": both("Số tiền theo dự án, giao vốn và giải ngân, văn bản theo tháng",
                                "amounts by project, allocated vs disbursed, documents per month"),
            "layout": [["amounts-by-project", "amounts-by-project"],
                       ["allocated-disbursed", "documents-per-month"]],
            "filters": {},
            "charts": {
                "amounts-by-project": chart(
                    both("Số tiền theo dự án và vai trò", "Amounts by project and role"),
                    """select project, coalesce(role, '(không rõ)') as role, sum(vnd) / 1e9 as ty_dong
from amounts where vnd is not null and project is not null group by 1, 2""",
                    {"mark": {"type": "bar", "tooltip": True},
                     "encoding": {"y": {"field": "project", "type": "nominal", "sort": "-x",
                                        "title": "Dự án / project"},
                                  "x": {**vnd_axis, "aggregate": "sum"},
                                  "color": {"field": "role", "type": "nominal",
                                            "title": "Vai trò / role"}}}),
                "allocated-disbursed": chart(
                    both("Giao vốn và giải ngân theo năm", "Allocated vs disbursed by year"),
                    """select coalesce(vanban_year(a.period), d.year) as year, a.role, sum(a.vnd) / 1e9 as ty_dong
from amounts a join documents d on d.id = a.document_id
where a.role in ('allocated', 'disbursed') and a.vnd is not null group by 1, 2""",
                    {"mark": {"type": "bar", "tooltip": True},
                     "encoding": {"x": {"field": "year", "type": "ordinal", "title": "Năm / year"},
                                  "xOffset": {"field": "role"},
                                  "y": vnd_axis,
                                  "color": {"field": "role", "type": "nominal",
                                            "title": "Vai trò / role"}}}),
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
                "queries": {q: dict(v) for q, v in QUERIES.items()},
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


__all__ = ["build_metadata", "build_settings", "dashboards", "QUERIES", "TITLE", "INDEXED"]
