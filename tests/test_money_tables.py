"""Money in tables: a unit line ("ĐVT: triệu đồng") or a column header unit ("Mức thu phí
(đồng)") makes the bare numbers of the money columns amounts, and nothing else (GitHub-style
issue #16, item 2). Tables are written as web copies render them: a whole row on a line, or
one cell per line with a `|` line between cells and two between rows. Each case lists every
amount found, exactly, so a case says both what is money and what is not."""
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import extract_loaded
from pipeline.grammar.money import find_amounts
from pipeline.load.text import load_text
from pipeline.normalize import normalize


def amounts(text):
    return [(a.text, a.vnd) for a in find_amounts(normalize(text).text)[0]]


def rows(*table):
    """A whole row on a line: `STT | Nội dung | Mức thu phí (đồng)`."""
    return "".join(" | ".join(cells) + "\n" for cells in table)


def cells(*table):
    """One cell per line, as thuvienphapluat copies render tables."""
    lines = []
    for row in table:
        lines.append("|")
        for cell in row:
            if cell:
                lines.append(cell)
            lines.append("|")
    return "\n".join(lines) + "\n"


LAYOUTS = pytest.mark.parametrize("layout", [rows, cells], ids=["row-per-line", "cell-per-line"])

# ------------------------------------------------------------ tables, both layouts
# (case, text before the table, the table's rows, text after, amounts)
TABLES = [
    # 1. A header cell that ends in a parenthesised unit governs its column only.
    ("header unit (đồng), fee table", "",
     [["STT", "Nội dung", "Đơn vị tính", "Mức thu phí (đồng)"],
      ["1", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Giấy phép", "75.000"],
      ["2", "Cấp giấy phép xây dựng công trình khác", "Giấy phép", "150.000"]], "",
     [("75.000", 75_000), ("150.000", 150_000)]),
    ("header unit with a per-unit, count column beside it", "",
     [["STT", "Đối tượng", "Số hộ", "Mức hỗ trợ (triệu đồng/hộ)"],
      ["1", "Hộ nghèo", "46", "40"],
      ["2", "Hộ cận nghèo", "12", "20"]], "",
     [("40", 40_000_000), ("20", 20_000_000)]),
    ("header unit (1.000đ), bronze medal label is no unit", "",
     [["Số TT", "Nội dung chi", "Mức chi/ Tiền công (1.000đ)", "Đơn vị tính"],
      ["1", "+ Giải nhất (vàng)", "400", "Giải"],
      ["2", "+ Giải ba (đồng)", "200", "Giải"]], "",
     [("400", 400_000), ("200", 200_000)]),
    ("column unit beside a whole-table unit", "ĐVT: triệu đồng\n\n",
     [["STT", "Nội dung", "Số lượng", "Đơn giá (nghìn đồng)", "Thành tiền"],
      ["1", "Téc nước", "74", "3.000", "222"]], "",
     [("3.000", 3_000_000), ("222", 222_000_000)]),
    # 2. Unit line: every money column, and no column-number row, STT, count or percentage.
    ("unit line, column numbers, count and percentage columns", "ĐVT: triệu đồng\n\n",
     [["STT", "Nội dung", "Số công trình", "Kế hoạch vốn", "Giải ngân", "Tỷ lệ (%)"],
      ["1", "2", "3", "4", "5", "6"],
      ["1", "Duy tu, bảo dưỡng", "16", "2.629", "807,463", "30,7"],
      ["2", "Đầu tư xây dựng", "36", "14.302", "6.606", "46,2"]], "",
     [("2.629", 2_629_000_000), ("807,463", 807_463_000), ("14.302", 14_302_000_000),
      ("6.606", 6_606_000_000)]),
    ("column numbers in parentheses, a bare % column", "Đơn vị tính: triệu đồng\n\n",
     [["Nội dung", "Kế hoạch", "Giải ngân", "%"],
      ["(1)", "(2)", "(3)", "(4)"],
      ["Dự án 1", "2.041", "616", "30,18"]], "",
     [("2.041", 2_041_000_000), ("616", 616_000_000)]),
    ("lettered column numbers, a ratio column 4=3/2", "*Đơn vị: Triệu đồng.*\n",
     [["STT", "Nội dung", "Dự toán 2025", "Ước thực hiện 2025", "So sánh"],
      ["A", "B", "1", "2", "3=2/1"],
      ["I", "Thu nội địa", "10.052.700", "11.080.000", "110,2"],
      ["1", "Thuế tài nguyên", "150", "130", "86,7"]], "",
     [("10.052.700", 10_052_700_000_000), ("11.080.000", 11_080_000_000_000),
      ("150", 150_000_000), ("130", 130_000_000)]),
    ("a percentage row", "ĐVT: triệu đồng\n\n",
     [["Nội dung", "Năm 2024", "Năm 2025"],
      ["Giải ngân", "1.200", "1.500"],
      ["Tỷ lệ giải ngân so với kế hoạch (%)", "85,5", "90,2"]], "",
     [("1.200", 1_200_000_000), ("1.500", 1_500_000_000)]),
    ("a count row", "ĐVT: triệu đồng\n\n",
     [["Nội dung", "Năm 2024", "Năm 2025"],
      ["Số hộ được hỗ trợ", "46", "52"],
      ["Kinh phí hỗ trợ", "1.840", "2.080"]], "",
     [("1.840", 1_840_000_000), ("2.080", 2_080_000_000)]),
    ("a count column by its unit (người)", "ĐVT: triệu đồng\n\n",
     [["STT", "Nội dung", "Lao động (người)", "Kinh phí"],
      ["1", "Đào tạo nghề", "120", "360"]], "",
     [("360", 360_000_000)]),
    ("bold totals are amounts, multi-level STT is not", "Đơn vị tính: triệu đồng\n\n",
     [["STT", "Nội dung", "Kinh phí"],
      ["**I**", "**Tổng cộng**", "**1.000**"],
      ["1.1", "Tập huấn", "250"],
      ["1.2", "Hội nghị", "750"]], "",
     [("1.000", 1_000_000_000), ("250", 250_000_000), ("750", 750_000_000)]),
    # Years: a header row of years, a year column, a year as a row's label.
    ("a header row of years", "Đơn vị: triệu đồng\n\n",
     [["Nội dung", "2024", "2025", "2026"],
      ["Vốn đầu tư", "1.500", "2.000", "2.500"]], "",
     [("1.500", 1_500_000_000), ("2.000", 2_000_000_000), ("2.500", 2_500_000_000)]),
    ("a year column", "ĐVT: triệu đồng\n\n",
     [["STT", "Công trình", "Năm hoàn thành", "Kinh phí"],
      ["1", "Cầu Bản Chang", "2025", "1.250"],
      ["2", "Nhà văn hóa thôn Nà Pài", "2024", "850"]], "",
     [("1.250", 1_250_000_000), ("850", 850_000_000)]),
    ("years as row labels", "ĐVT: triệu đồng\n\n",
     [["Năm", "Tổng", "Ngân sách tỉnh"],
      ["2026", "3.682,35", "2.920,17"],
      ["2027", "4.460,17", "3.488,96"]], "",
     [("3.682,35", 3_682_350_000), ("2.920,17", 2_920_170_000),
      ("4.460,17", 4_460_170_000), ("3.488,96", 3_488_960_000)]),
    # Codes: a code column, a leading zero, a code row.
    ("a tax-code column", "ĐVT: triệu đồng\n\n",
     [["STT", "Doanh nghiệp", "Mã số thuế", "Số tiền nợ thuế"],
      ["1", "Công ty TNHH Minh Phát", "4600123456", "125"],
      ["2", "Công ty CP Xây dựng Đông Á", "0315459414", "80"]], "",
     [("125", 125_000_000), ("80", 80_000_000)]),
    ("a tax-code row", "Đơn vị tính: triệu đồng\n\n",
     [["Tên doanh nghiệp", "Công ty TNHH Minh Phát"],
      ["Mã số thuế:", "0315459414"],
      ["Số tài khoản", "3711.0.1006633"],
      ["Vốn điều lệ", "5.000"]], "",
     [("5.000", 5_000_000_000)]),
    # No unit anywhere: nothing in the table is money.
    ("no unit, no amount", "",
     [["STT", "Xã", "Số thôn", "Kinh phí"],
      ["1", "Cao Sơn", "12", "250"]], "", []),
    ("a unit in a row label is no header unit", "",
     [["STT", "Nội dung", "Mức thưởng"],
      ["1", "Giải ba (đồng)", "200"]], "", []),
]


@LAYOUTS
@pytest.mark.parametrize("case, before, table, after, expected", TABLES, ids=[t[0] for t in TABLES])
def test_table(layout, case, before, table, after, expected):
    assert amounts(before + layout(*table) + after) == expected


def test_header_unit_in_a_wrapped_header_cell():
    text = "|\nSTT\n|\nNội dung\n|\nKinh phí\n(triệu đồng)\n|\nSố lượng\n|\n|\n1\n|\nHội nghị\n|\n250\n|\n3\n|\n"
    assert amounts(text) == [("250", 250_000_000)]


def test_header_unit_keeps_its_per_unit():
    text = rows(["STT", "Loại phí", "Mức thu (nghìn đồng/hồ sơ)"], ["1", "Cấp mới", "500"])
    (a,) = find_amounts(normalize(text).text)[0]
    assert (a.text, a.vnd, a.unit, a.per) == ("500", 500_000, "nghìn đồng", "hồ sơ")


def extracted(text):
    """The whole extraction: an amount's role is read with its context."""
    return extract_loaded(load_text(Path("mức chi.txt"), text.encode()))


PER_COLUMN = [
    ("STT", "Nội dung chi", "Mức chi (1.000đ)", "Đơn vị tính", "Ghi chú"),
    ("1", "Trưởng ban", "692", "người/ngày", ""),
    ("2", "Ủy viên, thư ký", "353", "người/ngày", ""),
    ("3", "Tiền công soạn thảo câu hỏi", "14", "Câu", ""),
    ("4", "Giải nhất", "2.880", "Giải", ""),
    ("5", "Thuê hội trường", "1.500", "", ""),
]


@LAYOUTS
def test_a_unit_column_gives_each_amount_its_per_unit(layout):
    """An "Đơn vị tính" column says what each row's amount is for: a norm per person-day
    is a rate (never summed as money given), per question or per prize it keeps its
    clause's role; a row whose cell is empty has none."""
    got = [(a.text, a.vnd, a.per, a.role) for a in extracted(layout(*PER_COLUMN)).amounts]
    assert got == [("692", 692_000, "người/ngày", "rate"), ("353", 353_000, "người/ngày", "rate"),
                   ("14", 14_000, "Câu", "other"), ("2.880", 2_880_000, "Giải", "other"),
                   ("1.500", 1_500_000, None, "other")]


def test_a_unit_column_under_merged_cells():
    """Rows short of the header (a group's name spans them) still give the unit: the first
    cell after the amounts that holds no number (meta-dev tnt:d5f01e57)."""
    text = ("|\n**Số TT**\n|\n**Tên kỳ thi**\n|\n**Nội dung chi**\n|\n**Mức chi/ Tiền công (1.000đ)**\n|\n"
            "**Đơn vị tính**\n|\n**Ghi chú**\n|\n|\n- Ủy viên, thư ký\n|\n353\n|\n285\n|\nngười/ngày\n|\n|\n|\n"
            "|\n- Chủ tịch\n|\n692\n|\nngười/ngày\n|\n|\n")
    got = [(a.text, a.per, a.role) for a in extracted(text).amounts]
    assert got == [("353", "người/ngày", "rate"), ("285", "người/ngày", "rate"), ("692", "người/ngày", "rate")]


def test_markdown_table():
    text = "| STT | Loại phí | Mức thu (đồng) |\n|---|---|---|\n| 1 | Cấp mới | 500.000 |\n| 2 | Cấp lại | 200.000 |\n"
    assert amounts(text) == [("500.000", 500_000), ("200.000", 200_000)]


# ------------------------------------------------------------ running text
@pytest.mark.parametrize("sentence, expected", [
    # Words run together in web copies.
    ("mức phạt tiền từ10.000.000 đồng đến 20.000.000 đồngđối với cá nhân",
     [("10.000.000 đồng", 10_000_000), ("20.000.000 đồng", 20_000_000)]),
    ("từ10.000.000 đồng đến 20.000.000 đồngđối tượng", [("10.000.000 đồng", 10_000_000), ("20.000.000 đồng", 20_000_000)]),
    ("Mức hỗ trợ là5 triệu đồng/hộ", [("5 triệu đồng", 5_000_000)]),
    ("Tổng kinh phí khoảng1.200 triệu đồngcho cả giai đoạn", [("1.200 triệu đồng", 1_200_000_000)]),
    ("Từ01 tỷ đồng trở lên", [("01 tỷ đồng", 1_000_000_000)]),
    # Not money: glued words that make another word, letter-glued codes, codes.
    ("hỗ trợ 3 triệu đồngbào dân tộc thiểu số", []),
    ("gửi 2 đồngchí lãnh đạo", []),
    ("văn bản KH-UBND500 triệu đồng", []),
    ("Công ty TNHH Minh Phát, Mã số thuế: 0315459414 đồng thời là chủ đầu tư", []),
    ("Mã số thuế: 4600123456 đ", []),
    ("liên hệ số điện thoại 0912.345.678 đ/c Thiền", []),
    ("Số tài khoản: 3711.0.1006633 đồng", []),
])
def test_running_text(sentence, expected):
    assert amounts(sentence) == expected


# ------------------------------------------------------------ properties
HEADERS = ["STT", "Nội dung", "Kế hoạch vốn", "Giải ngân", "Ước thực hiện", "Dự toán", "Ghi chú"]


@settings(max_examples=60, deadline=None)
@given(width=st.integers(1, 12), style=st.sampled_from(["plain", "paren", "italic", "lettered"]),
       layout=st.sampled_from([rows, cells]))
def test_a_column_number_row_is_never_money(width, style, layout):
    if style == "lettered":
        numbers = ["A", "B"][:width] + [str(i) for i in range(1, width - 1)]
    else:
        form = {"plain": "{}", "paren": "({})", "italic": "*{}*"}[style]
        numbers = [form.format(i) for i in range(1, width + 1)]
    header = (HEADERS * 2)[:width]
    text = "ĐVT: triệu đồng\n\n" + layout(header, numbers)
    assert amounts(text) == []


@settings(max_examples=60, deadline=None)
@given(digits=st.text("0123456789", min_size=9, max_size=12),
       label=st.sampled_from(["Mã số thuế:", "MST:", "Số tài khoản:", "Điện thoại:", "Mã số doanh nghiệp"]),
       unit=st.sampled_from(["đồng", "triệu đồng", "đ"]))
def test_a_code_with_a_leading_zero_is_never_money(digits, label, unit):
    code = "0" + digits
    assert amounts(f"{label} {code} {unit}") == []
    assert amounts(f"Trụ sở tại Lạng Sơn, {code} {unit}") == []
    table = "ĐVT: triệu đồng\n\n" + rows(["Nội dung", "Giá trị"], [label.rstrip(":"), code], ["Vốn điều lệ", "5.000"])
    assert amounts(table) == [("5.000", 5_000_000_000)]
