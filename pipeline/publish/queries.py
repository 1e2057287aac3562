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
    "changed": "1052/QĐ-UBND",
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

# The boxes the money queries share, over a money_cells row `c`; each left empty means all.
# A programme is found by its key or its label ('1719', 'giam ngheo', 'nông thôn mới');
# a component by its path, its sub-projects included; a place by part of its name.
_MONEY_FILTERS = """(nullif(:programme, '') is null
       or vanban_fold(c.programme || ' ' || vanban_label('programme', c.programme))
          like '%' || vanban_fold(:programme) || '%')
  and (nullif(:project, '') is null or vanban_fold(c.project) = vanban_fold(:project)
       or vanban_fold(c.project) like vanban_fold(:project) || ' >%')
  and (nullif(:year, '') is null or c.year = cast(:year as integer))
  and (nullif(:place, '') is null or vanban_fold(c.place) like '%' || vanban_fold(:place) || '%')"""

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
    "what_changed": {
        "title": both("Văn bản này đã bị sửa đổi, thay thế, bãi bỏ chưa?", "What changed this document?"),
        "description": both(
            "Tình trạng hiệu lực của một văn bản (số ký hiệu viết kiểu nào cũng được) và các văn "
            "bản đã sửa đổi, thay thế, bãi bỏ, đình chỉ nó, với ngày có hiệu lực. Để trống: 1052/QĐ-UBND",
            "a document's status and the acts that amended, replaced, repealed or suspended it, "
            "with their dates; blank means 1052/QĐ-UBND"),
        "sql": with_defaults(f"""select d.number_symbol as document, s.status_label as status,
  vanban_label('action', e.action) as action, e.scope, max(e.effective_date) as effective_date,
  coalesce(a.kind || ' ' || a.number_symbol, e.actor) as acting_document, a.issued_date as acting_date,
  min(e.sentence) as sentence, d.id as document_id
from documents d
join document_status s on s.number_key = d.number_key
join effects e on e.target_lookup_key = d.number_key or e.target_document_id = d.id
left join documents a on a.number_key = e.actor_key
where {_document_is("d", "changed")}
group by d.id, e.action, e.actor_key, e.scope
order by d.id, coalesce(max(e.effective_date), a.issued_date)""", ["changed"]),
        "params": ["changed"],
    },
    "rests_on_ended": {
        "title": both("Văn bản căn cứ vào văn bản đã hết hiệu lực",
                      "Documents that rest on a text no longer in force"),
        "description": both(
            "Văn bản có dòng 'Căn cứ …' dẫn tới một văn bản đã hết hiệu lực toàn bộ hoặc bị thay "
            "thế, với ngày văn bản đó hết hiệu lực và văn bản làm nó hết hiệu lực",
            "documents whose legal basis ('Căn cứ …') has been repealed, replaced or has ended, "
            "with the date it ended and the act that ended it"),
        "sql": """select d.number_symbol as document, d.issued_date, c.number_symbol as rests_on,
  s.status_label as status, coalesce(s.last_act_date, s.effective_until) as ended,
  (select group_concat(distinct coalesce(a.kind || ' ' || a.number_symbol, e.actor))
     from effects e left join documents a on a.number_key = e.actor_key
     where e.target_lookup_key = s.number_key and e.action in ('thay_the', 'bai_bo', 'het_hieu_luc')) as ended_by,
  c.sentence, d.id as document_id
from citations c
join documents d on d.id = c.document_id
join document_status s on s.number_key = c.lookup_key
where c.relation = 'can_cu' and s.status in ('het_hieu_luc_toan_bo', 'bi_thay_the')
group by d.id, c.lookup_key
order by ended desc, d.issued_date""",
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
        "title": both("Giao vốn và giải ngân theo chương trình, dự án, năm, địa bàn",
                      "Allocated vs disbursed by programme, component, year and place"),
        "description": both(
            "Mỗi dòng là số liệu một văn bản nêu cho một chương trình, dự án (tiểu dự án, nội "
            "dung), năm và địa bàn: vốn giao / phân bổ, vốn giải ngân và tỷ lệ giải ngân (%). "
            "Chỉ tính tiền mới: bỏ số nhắc lại và định mức; nhóm nào có dòng tổng thì chỉ lấy "
            "tổng. Không cộng giữa các văn bản vì văn bản sau thường nhắc lại văn bản trước: "
            "xem 'Số liệu mới nhất'. Lọc theo chương trình (dtts, giam_ngheo, ntm, 1719, nông "
            "thôn mới …), dự án ('Dự án 1' gồm cả tiểu dự án), năm, địa bàn, văn bản; để trống: tất cả",
            "one row per document and cell (programme, component, year, place): allocated and "
            "disbursed VND as the document states them, and the disbursement rate; new money "
            "only (restatements and per-unit rates left out), and where a cell holds a total, "
            "its totals alone. Documents are not added up, since later ones repeat earlier "
            "ones: see 'latest figure'. Filter by programme, component (its sub-projects "
            "included), year, place or document; blank for all"),
        "sql": f"""select c.programme, c.project, c.year, c.place,
  sum(case when c.role = 'allocated' then c.vnd end) as allocated_vnd,
  sum(case when c.role = 'disbursed' then c.vnd end) as disbursed_vnd,
  round(100.0 * sum(case when c.role = 'disbursed' then c.vnd end)
        / nullif(sum(case when c.role = 'allocated' then c.vnd end), 0), 1) as disbursed_pct,
  coalesce(d.number_symbol, d.title) as document, c.document_date, c.document_id
from money_cells c join documents d on d.id = c.document_id
where c.role in ('allocated', 'disbursed')
  and {_MONEY_FILTERS}
  and (nullif(:document, '') is null or {_document_is("d", "document")})
group by c.document_id, c.programme, c.project, c.year, c.place
order by c.programme, c.project, c.year, c.place, c.document_date, c.document_id""",
        "params": ["programme", "project", "year", "place", "document"],
    },
    "latest_figures": {
        "title": both("Số liệu mới nhất", "Latest figure per programme, component, role, year and place"),
        "description": both(
            "Với mỗi chương trình, dự án, vai trò (giao, giải ngân, ước, đề nghị …), năm và địa "
            "bàn: số tiền theo văn bản mới nhất nêu nó (ngày ban hành, hoặc ngày đăng của tin "
            "bài), có liên kết tới văn bản đó và số văn bản cùng nêu. Chỉ tính tiền mới, nhóm có "
            "dòng tổng thì chỉ lấy tổng. Lọc như trên và theo vai trò; để trống: tất cả",
            "for each programme, component, role, year and place, the figure of the most recent "
            "document stating it (issue date, or a news item's publication date), linked to "
            "it, with how many documents state the cell; new money only, totals alone where a "
            "cell has them. Same filters as above, plus role; blank for all"),
        "sql": f"""select c.programme, c.project, c.role, c.year, c.place, c.vnd,
  coalesce(d.number_symbol, d.title) as document, c.document_date, c.documents, c.document_id
from latest_money c join documents d on d.id = c.document_id
where {_MONEY_FILTERS}
  and (nullif(:role, '') is null or c.role = :role)
order by c.programme, c.project, c.year, c.place, c.role""",
        "params": ["programme", "project", "role", "year", "place"],
    },
    "amounts_in_place": {
        "title": both("Số tiền theo địa bàn", "Amounts in a place"),
        "description": both(
            "Số tiền gắn với một địa bàn (tỉnh, huyện, xã; có dấu hay không): theo địa bàn ghi "
            "trong câu, trong câu chứa số tiền, hoặc cơ quan ban hành văn bản; chỉ tiền mới "
            "(không tính số nhắc lại, định mức). Để trống: Lộc Bình",
            "amounts tied to a place (province, district, commune; marks optional): by the "
            "place the sentence names, the sentence itself, or the issuing body; new money "
            "only (no restatements, no per-unit rates); blank means Lộc Bình"),
        "sql": with_defaults(f"""select * from (
  select a.document_id, d.number_symbol, a.text, a.vnd, a.role, a.project, a.period, a.place,
    case when {_FOLDED_LIKE.format(column="a.place", param="place")} then 'địa bàn / place'
         when {_FOLDED_LIKE.format(column="a.sentence", param="place")} then 'câu / sentence'
         when {_FOLDED_LIKE.format(column="d.issuer", param="place")} then 'cơ quan / issuer'
    end as matched_on,
    a.sentence
  from new_money a join documents d on d.id = a.document_id
)
where matched_on is not null
order by matched_on, vnd desc""", ["place"]),
        "params": ["place"],
    },
    "component_figures": {
        "title": both("Số liệu của một dự án, tiểu dự án, nội dung", "All figures for one programme component"),
        "description": both(
            "Mọi số tiền (tiền mới), tỷ lệ và số đếm nằm dưới một thành phần chương trình ('Dự án 1', "
            "'Tiểu dự án 2', 'Nội dung số 02'), theo dự án của số tiền hoặc mục chứa nó; lọc "
            "theo chương trình (dtts = 1719, giam_ngheo = giảm nghèo, ntm = nông thôn mới) khi văn bản "
            "cho biết. Để trống: Dự án 1, mọi chương trình",
            "every amount (new money), percentage and count under one programme component, by the "
            "amount's project or the section it sits in; filter by programme (dtts = 1719, "
            "giam_ngheo = poverty reduction, ntm = new rural) where the document makes it known; "
            "blank means Dự án 1 in any programme"),
        "sql": with_defaults("""with facts as (
  select 'amount' as fact, document_id, text, vnd as value, 'VND' as unit, role as what,
         coalesce(project, section) as component, period, sentence from new_money
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
            "Số lần nhắc và tổng số tiền mới (VND) theo dự án và vai trò; cùng một khoản có thể "
            "được nhắc trong nhiều văn bản, và tổng cộng cả dòng tổng lẫn các phần, nên tổng "
            "không phải là dự toán: xem 'Giao vốn và giải ngân' và 'Số liệu mới nhất'",
            "mentions and summed VND (new money) by project and role; one sum may be repeated "
            "across documents, and totals and their parts are both added, so these are not a "
            "budget: see 'allocated vs disbursed' and 'latest figure'"),
        "sql": """select
  coalesce(project, '(không rõ / unknown)') as project, role,
  count(*) as mentions, count(distinct document_id) as documents,
  sum(vnd) as total_vnd, max(vnd) as largest_vnd
from new_money
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
