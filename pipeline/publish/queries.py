"""Canned queries: what legal staff and analysts ask most, with parameters that accept
any spelling and defaults that show rows on the demo corpus."""
from __future__ import annotations

import re

from ..store import FTS_EXACT, FTS_FOLDED, WHO_CITES_SQL
from .labels import both

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


def _search_sql(fts: str, query_function: str) -> str:
    """Documents whose text matches :q in one of the two full-text indexes, best first."""
    return f"""select d.id, d.number_symbol, d.kind, d.issued_date, d.issuer, d.title, d.path,
  snippet({fts}, 1, '[', ']', ' … ', 16) as snippet
from {fts} f join documents d on d.rowid = f.rowid
where {fts} match {query_function}(:q)
order by rank
limit 200"""

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
        "sql": """with a as (
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
            "theo chương trình (dtts = 1719, giam_ngheo = giảm nghèo, ntm = nông thôn mới) khi văn bản "
            "cho biết. Để trống: Dự án 1, mọi chương trình",
            "every amount, percentage and count under one programme component, by the "
            "amount's project or the section it sits in; filter by programme (dtts = 1719, "
            "giam_ngheo = poverty reduction, ntm = new rural) where the document makes it known; "
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
        "sql": _search_sql(FTS_FOLDED, "vanban_fts_query"),
        "params": ["q"],
    },
    "search_exact": {
        "title": both("Tìm kiếm đúng dấu", "Exact search (marks matter)"),
        "description": both("Chỉ tìm đúng chữ có dấu: 'đầu tư' không khớp 'dau tu'",
                            "matches the words exactly as written, tone marks included"),
        "sql": _search_sql(FTS_EXACT, "vanban_fts_exact"),
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
