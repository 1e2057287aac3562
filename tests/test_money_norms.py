"""Norms and bounds are no money given (../shared/gold/FIGURES.md): an amount per unit is a
rate, a threshold of a rule is other, and neither takes the document's year; a per-unit
written after a bracket that says the amount again belongs to both amounts."""
from __future__ import annotations

import pytest

from pipeline import extract_file

# A guidance issued in 2025 whose title names no year: money given or spent takes the year
# of issue when the text names none, a norm or a threshold does not.
HEADER = """BỘ TÀI CHÍNH
Số: 12/2025/TT-BTC
Hà Nội, ngày 28 tháng 10 năm 2025

THÔNG TƯ
Hướng dẫn việc lập dự toán, quản lý, sử dụng và quyết toán kinh phí đào tạo, bồi dưỡng

"""


def last(tmp_path, body: str):
    path = tmp_path / "doc.txt"
    path.write_text(HEADER + body, encoding="utf-8")
    a = extract_file(path).amounts[-1]
    return a.text, a.role, a.per, a.year


# ------------------------------------------------------------------ per unit
@pytest.mark.parametrize("body, expected", [
    # meta-dev vbpl:doc_000462: "kinh phí" (a weak cue of allocation) before a norm
    ("Căn cứ khả năng nguồn kinh phí, cơ sở đào tạo được quyết định chi khen thưởng cho học viên "
     "đạt loại giỏi theo mức tối đa không quá 400.000 đồng/học viên;",
     ("400.000 đồng", "rate", "học viên", None)),
    # wrapped line, capitals
    ("Căn cứ khả năng nguồn KINH PHÍ, cơ sở đào tạo được chi khen thưởng theo mức\n"
     "tối đa 300.000 đồng/học viên.", ("300.000 đồng", "rate", "học viên", None)),
    # an allocation cue before a per-unit amount: still a norm
    ("Ủy ban nhân dân tỉnh bố trí 2 tỷ đồng/năm cho mỗi huyện.", ("2 tỷ đồng", "rate", "năm", None)),
    ("Đã giải ngân 5 triệu đồng/hộ cho các hộ nghèo.", ("5 triệu đồng", "rate", "hộ", None)),
    # a known unit in capitals is read whole; a line may break after the slash before one
    ("Mức chi tối đa 400.000 đồng/Học viên.", ("400.000 đồng", "rate", "Học viên", None)),
    ("Mức hỗ trợ 600.000 đồng/\nngười/tháng.", ("600.000 đồng", "rate", "người/tháng", None)),
    ("Mức hỗ trợ 600.000 đồng/ \nNgười.", ("600.000 đồng", "rate", "Người", None)),
    # but a word that is no unit does not follow the slash onto the next line
    ("Kinh phí được giao 600 triệu đồng/\nỦy ban nhân dân huyện bố trí thêm.",
     ("600 triệu đồng", "allocated", None, 2025)),
    # a request per unit asks for a norm
    ("Đề nghị hỗ trợ 40 triệu đồng/căn nhà.", ("40 triệu đồng", "rate", "căn nhà", None)),
    # without a per-unit the same clauses stay money given, of the year of issue
    ("Ủy ban nhân dân tỉnh bố trí 2 tỷ đồng cho mỗi huyện.", ("2 tỷ đồng", "allocated", None, 2025)),
    ("Đã giải ngân 5 triệu đồng cho các hộ nghèo.", ("5 triệu đồng", "disbursed", None, 2025)),
    # a fee per page stays other
    ("Thu phí 2.000 đồng/trang.", ("2.000 đồng", "other", "trang", None)),
])
def test_an_amount_per_unit_is_a_norm(tmp_path, body, expected):
    assert last(tmp_path, body) == expected


# ------------------------------------------------------------------ thresholds
@pytest.mark.parametrize("body, expected", [
    # meta-dev vbpl:doc_000058: "dự toán" before the bound, a threshold of who decides
    ("Quyết định phê duyệt nhiệm vụ và dự toán kinh phí thực hiện các nhiệm vụ chi từ nguồn thường "
     "xuyên (giao không tự chủ tài chính) để thực hiện các nhiệm vụ thuê hàng hóa, dịch vụ có giá trị "
     "dưới 45 tỷ đồng của Văn phòng Cục.", ("45 tỷ đồng", "other", None, None)),
    ("Quyết định phê duyệt nhiệm vụ và dự toán kinh phí thực hiện nhiệm vụ sửa chữa, cải tạo hạng mục "
     "công trình do Cục trực tiếp quản lý có tổng dự toán kinh phí thực hiện dưới 20 tỷ đồng/nhiệm vụ "
     "sử dụng vốn chi thường xuyên.", ("20 tỷ đồng", "other", "nhiệm vụ", None)),
    # wrapped line, capitals, "không quá"
    ("Phê duyệt dự toán các dự án CÓ TỔNG MỨC ĐẦU TƯ\nkhông quá 15 tỷ đồng.", ("15 tỷ đồng", "other", None, None)),
    ("Giao dự toán cho doanh nghiệp có tổng tài sản trên 100 tỷ đồng.", ("100 tỷ đồng", "other", None, None)),
    # a bound after the amount; real_025: a criterion of a project of national importance
    ("Dự án quan trọng quốc gia là dự án thuộc một trong các tiêu chí sau đây:\n\n"
     "(1) Sử dụng vốn đầu tư công từ 30.000 tỷ đồng trở lên;", ("30.000 tỷ đồng", "other", None, None)),
    ("Phân bổ kinh phí cho các gói thầu từ 500 triệu đồng trở lên.", ("500 triệu đồng", "other", None, None)),
    # a threshold in a clause that sets a norm is still no norm
    ("Mức hỗ trợ đối với công trình có giá trị dưới 500 triệu đồng là 50% chi phí.",
     ("500 triệu đồng", "other", None, None)),
    # a norm's ceiling, with no measure before it, stays a rate
    ("Mức hỗ trợ tối đa không quá 40 triệu đồng/hộ.", ("40 triệu đồng", "rate", "hộ", None)),
    # an allocation bounded by "không quá", with no measure: still allocated
    ("Giao Sở Tài chính bố trí kinh phí không quá 2 tỷ đồng để thực hiện.", ("2 tỷ đồng", "allocated", None, 2025)),
    # a measure in another phrase does not make the bound a threshold
    ("Dự án có giá trị lớn, đã giải ngân trên 30 tỷ đồng.", ("30 tỷ đồng", "disbursed", None, 2025)),
    # "trở lên" after a count, not after the amount
    ("Bố trí 500 triệu đồng hỗ trợ hộ có 3 người trở lên.", ("500 triệu đồng", "allocated", None, 2025)),
])
def test_a_bound_in_a_rule_is_a_threshold(tmp_path, body, expected):
    assert last(tmp_path, body) == expected


# ------------------------------------------------------------------ per after a bracket
@pytest.mark.parametrize("body, expected", [
    # meta-dev tnt:40de74e605854414
    ("Đối tượng trẻ em được hưởng mức hỗ trợ 160.000 đồng (một trăm sáu mươi ngàn đồng)/trẻ/tháng.",
     [("160.000 đồng", "rate", "trẻ/tháng"), ("một trăm sáu mươi ngàn đồng", "rate", "trẻ/tháng")]),
    ("Giáo viên được hưởng mức hỗ trợ 800.000 đồng (tám trăm\nngàn đồng)/người/tháng.",
     [("800.000 đồng", "rate", "người/tháng"), ("tám trăm\nngàn đồng", "rate", "người/tháng")]),
    # a label in the bracket, capitals, another unit
    ("Mức hỗ trợ 1,5 triệu đồng (Bằng chữ: Một triệu năm trăm nghìn đồng) / hộ.",
     [("1,5 triệu đồng", "rate", "hộ"), ("Một triệu năm trăm nghìn đồng", "rate", "hộ")]),
    # a bracket that closes with no per-unit after it gives none
    ("Kinh phí được giao 160.000 đồng (một trăm sáu mươi ngàn đồng).",
     [("160.000 đồng", "allocated", None), ("một trăm sáu mươi ngàn đồng", "allocated", None)]),
])
def test_a_per_unit_after_a_bracket_is_both_amounts(tmp_path, body, expected):
    path = tmp_path / "doc.txt"
    path.write_text(HEADER + body, encoding="utf-8")
    assert [(a.text, a.role, a.per) for a in extract_file(path).amounts] == expected
