"""How the site shows values to people, in one place: labels are Vietnamese first with the
English beside them; stored codes (role, relation, granularity, programme …) get a
Vietnamese label for display only, so that facets, filters and JSON keep the codes; money is
written the Vietnamese way.

    both("Văn bản", "Documents")          -> "Văn bản / Documents"
    code_label("role", "disbursed")       -> "Giải ngân"
    vnd_text(1066400000)                  -> "1.066.400.000 đ"
    vnd_scale(1066400000)                 -> "1,07 tỷ đồng"
    is_money_column("allocated_vnd")      -> True
    percent_text(39.04)                   -> "39,0 %"   (a column ending in _pct)
"""
from __future__ import annotations

import re
from urllib.parse import quote
from decimal import ROUND_HALF_UP, Decimal

from pydantic import BaseModel

from .. import patterns


def both(vi: str, en: str) -> str:
    return f"{vi} / {en}"


# ------------------------------------------------------------------ codes
ROLE = {
    "allocated": "Giao / phân bổ", "disbursed": "Giải ngân", "estimate": "Ước / dự kiến",
    "requested": "Đề nghị", "rate": "Định mức", "other": "Khác",
}
# An organisation's part in the document (the organizations table's role) and its level.
ORGANIZATION_ROLE = {"issuer": "Cơ quan ban hành", "recipient": "Nơi nhận"}
LEVEL = {"central": "Trung ương", "province": "Cấp tỉnh", "district": "Cấp huyện", "commune": "Cấp xã"}
# In the order a document page lists them.
RELATION = {
    "can_cu": "Căn cứ", "thuc_hien": "Thực hiện", "huong_dan": "Hướng dẫn", "sua_doi": "Sửa đổi, bổ sung",
    "thay_the": "Thay thế", "bai_bo": "Bãi bỏ", "dan_chieu": "Dẫn chiếu",
}
GRANULARITY = {
    "day": "Ngày", "month": "Tháng", "quarter": "Quý", "half": "Sáu tháng", "year": "Năm",
    "period": "Giai đoạn", "as_of": "Tính đến",
}
# What one document does to another (the effects table's action).
ACTION = {
    "sua_doi": "Sửa đổi, bổ sung", "thay_the": "Thay thế", "bai_bo": "Bãi bỏ",
    "het_hieu_luc": "Tuyên bố hết hiệu lực", "dinh_chi": "Đình chỉ, tạm ngưng", "dinh_chinh": "Đính chính",
}


class StatusVocabulary(BaseModel):
    status: dict[str, str]


# A document's status (the store's document_status view), as the portals write it, from
# the same list the view reads (patterns/effects.toml), strongest last.
STATUS = patterns.load("effects", StatusVocabulary).status
# Another programme is stored by its name as written, and shown as it is.
PROGRAMME = {
    "dtts": "MTQG 1719 (DTTS&MN)", "giam_ngheo": "MTQG Giảm nghèo bền vững", "ntm": "MTQG Nông thôn mới",
}
# Which vocabulary a column's codes come from, by column name: the same in a table, a view
# or a canned query's result (dates.precision shares the granularity words).
CODE_COLUMNS = {"role": {**ROLE, **ORGANIZATION_ROLE}, "level": LEVEL, "relation": RELATION, "action": ACTION, "granularity": GRANULARITY, "precision": GRANULARITY,
                "programme": PROGRAMME}


def code_label(column: str, value) -> str | None:
    """The Vietnamese label of a stored code, or None when the column has no vocabulary or
    the value is not one of its codes."""
    labels = CODE_COLUMNS.get(column)
    return labels.get(value) if labels and isinstance(value, str) else None


# ------------------------------------------------------------------ money
def is_money_column(column: str | None) -> bool:
    """The naming rule for VND columns in tables, views and canned queries: `vnd`, or a
    name ending in `_vnd` (allocated_vnd, disbursed_vnd, total_vnd). The site formats those
    and nothing else, so a count or a year is never shown as money."""
    return bool(column) and (column == "vnd" or column.endswith("_vnd"))


def _whole(vnd) -> int | None:
    if isinstance(vnd, bool) or not isinstance(vnd, (int, float)):
        return None
    if isinstance(vnd, float):
        if vnd != vnd or vnd in (float("inf"), float("-inf")):
            return None
        return int(Decimal(vnd).quantize(Decimal(1), ROUND_HALF_UP))
    return vnd


def _grouped(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def vnd_text(vnd) -> str:
    """Exact VND with dot thousands and the đ sign: 1066400000 -> '1.066.400.000 đ';
    '' for None or a value that is not a number."""
    n = _whole(vnd)
    if n is None:
        return ""
    return ("-" if n < 0 else "") + _grouped(abs(n)) + " đ"


# Vietnamese reports count money in tỷ (10^9), triệu (10^6) and nghìn (10^3) đồng.
SCALES = ((10 ** 9, "tỷ đồng"), (10 ** 6, "triệu đồng"), (10 ** 3, "nghìn đồng"))


def vnd_scale(vnd) -> str:
    """The same amount as a person would say it, to two decimals with a decimal comma:
    1066400000 -> '1,07 tỷ đồng', 806500000 -> '806,5 triệu đồng', 0 -> '0 đồng'."""
    n = _whole(vnd)
    if n is None:
        return ""
    sign, n = ("-" if n < 0 else ""), abs(n)
    for i, (size, unit) in enumerate(SCALES):
        if n < size:
            continue
        scaled = (Decimal(n) / size).quantize(Decimal("0.01"), ROUND_HALF_UP)
        if scaled >= 1000 and i > 0:
            # 999.999.999 reads "1 tỷ", not "1.000 triệu".
            size, unit = SCALES[i - 1]
            scaled = (Decimal(n) / size).quantize(Decimal("0.01"), ROUND_HALF_UP)
        whole, _, cents = f"{scaled:f}".partition(".")
        cents = cents.rstrip("0")
        return f"{sign}{_grouped(int(whole))}{',' + cents if cents else ''} {unit}"
    return f"{sign}{n} đồng"


def is_percent_column(column: str | None) -> bool:
    """A canned query's percentage (disbursed_pct): a name ending in `_pct`."""
    return bool(column) and column.endswith("_pct")


def percent_text(value) -> str:
    """A percentage to one decimal with a decimal comma: 39.04 -> '39,0 %'; '' for None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        return ""
    return f"{value:.1f}".replace(".", ",") + " %"


# ------------------------------------------------------------------ national documents
# A cited document we do not hold, issued by a national body (its symbol ends in one of these
# issuer codes: Quốc hội, Chính phủ, Thủ tướng, a ministry B…, the State President, the
# Supreme Court …), is looked for on the national database of legal documents.
NATIONAL_ISSUER = re.compile(r"[-/](?:QH\d*|UBTVQH\d*|CP|TTg|CTN|VPCP|TANDTC|VKSNDTC|KTNN|NHNN|B[A-ZĐ]{1,8})$")
NATIONAL_SEARCH = "https://vbpl.vn/pages/vbpq-timkiem.aspx?type=0&s=1&Keyword={keyword}&SearchIn=Title1,Title"


def national_search_url(number_symbol: str | None) -> str | None:
    """The national database's search for a nationally issued number ('27/2022/NĐ-CP'), or
    None for a local one ('499/QĐ-UBND')."""
    if not number_symbol or not NATIONAL_ISSUER.search(number_symbol.strip()):
        return None
    return NATIONAL_SEARCH.format(keyword=quote(number_symbol.strip()))


# ------------------------------------------------------------------ dates
# Columns holding ISO dates, shown dd/mm/yyyy: `date`, names ending in `_date`, and these.
DATE_COLUMNS = frozenset({"published", "effective_from", "effective_until", "ended", "start_date", "end_date"})
ISO_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


def is_date_column(column: str | None) -> bool:
    return bool(column) and (column == "date" or column.endswith("_date") or column in DATE_COLUMNS)


def vn_date(value) -> str:
    """An ISO date the Vietnamese way: '2023-03-23' -> '23/03/2023', '2023-03' -> '03/2023';
    '' for anything else."""
    match = ISO_DATE.fullmatch(value) if isinstance(value, str) else None
    if not match:
        return ""
    year, month, day = match.groups()
    return f"{day}/{month}/{year}" if day else f"{month}/{year}"


# ------------------------------------------------------------------ search limits
# What the search and document pages say when a query is refused or runs out of time (the
# numbers come from limits.py, so the page always states the limit it enforces).
QUERY_TOO_LONG = both("Câu tìm kiếm dài quá {limit} ký tự ({length} ký tự); hãy rút gọn",
                      "the query is longer than {limit} characters ({length}); please shorten it")
QUERY_TOO_MANY_WORDS = both("Câu tìm kiếm có quá {limit} từ khác nhau ({count} từ); hãy bớt từ",
                            "the query has more than {limit} different words ({count}); please use fewer")
QUERY_TIMED_OUT = both("Tìm kiếm quá {seconds} giây nên đã dừng; hãy thu hẹp câu tìm kiếm hoặc thử lại sau",
                       "the search took longer than {seconds} s and was stopped; narrow it or try again later")
QUERY_FAILED = both("Không chạy được câu tìm kiếm này", "this query could not be run")
PAGE_TIMED_OUT = both("Trang này cần quá {seconds} giây nên đã dừng; hãy thử lại sau",
                      "this page took longer than {seconds} s and was stopped; try again later")
BAD_DATE = both("Ngày «{text}» không đúng dạng ngày/tháng/năm (vd. 05/9/2024)",
                "«{text}» is not a date written dd/mm/yyyy")
QUERY_LIMITS = both("Tối đa {chars} ký tự và {words} từ", "at most {chars} characters and {words} words")


# ------------------------------------------------------------------ error pages
# A client's error (an address that names nothing, a table it may not see, a bad parameter),
# titled by its status; Datasette's own message, in English, follows the Vietnamese.
ERROR_TITLES = {
    400: both("Yêu cầu không hợp lệ", "Bad request"),
    403: both("Không có quyền xem", "Forbidden"),
    404: both("Không tìm thấy", "Not found"),
    405: both("Không hỗ trợ thao tác này", "Method not allowed"),
}
ERROR_TITLE = both("Lỗi {status}", "Error {status}")
ERROR_HELP = {
    404: "Địa chỉ này không dẫn tới trang nào: có thể đường dẫn bị gõ sai hoặc bị cắt. "
         "Hãy tìm văn bản theo số hiệu hoặc từ khóa.",
    403: "Trang này không được công khai.",
}
NO_SUCH_DOCUMENT = both("Không có văn bản mã «{id}»: mã văn bản là 16 ký tự 0-9 a-f, như trong các "
                        "đường dẫn của bảng văn bản và trang tìm kiếm", "no document {id}")
HOME = both("Trang chủ", "Home")
SEARCH = both("Tìm kiếm", "Search")
