"""What an amount means (role, total, programme, component, year, restatement), one failure
class per table row, both ways, on text as real reports write it."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import extract_file

HEADER = """ỦY BAN NHÂN DÂN
TỈNH LẠNG SƠN
Số: 312/BC-UBND
Lạng Sơn, ngày 05 tháng 12 năm 2023

BÁO CÁO
Kết quả thực hiện các Chương trình mục tiêu quốc gia năm 2023

"""


def amounts(tmp_path, body: str, header: str = HEADER):
    path = tmp_path / "doc.txt"
    path.write_text(header + body, encoding="utf-8")
    return extract_file(path).amounts


def fields(tmp_path, body: str, names: tuple[str, ...], header: str = HEADER):
    return [(a.text, *(getattr(a, n) for n in names)) for a in amounts(tmp_path, body, header)]


# ------------------------------------------------------------------ components
SCOPE = """II. KẾT QUẢ THỰC HIỆN

1. Chương trình MTQG phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi

- Dự án 8: giải ngân 806,5 triệu đồng/1.066,4 triệu đồng, đạt 75,63%.

2. Chương trình MTQG giảm nghèo bền vững

Tổng kế hoạch vốn năm 2023 của Chương trình là 61,488 tỷ đồng, gồm: vốn đầu tư phát triển 42,126 tỷ đồng và vốn sự nghiệp 21,362 tỷ đồng. Đến hết tháng 11/2023 đã giải ngân 45,190 tỷ đồng.

III. KINH PHÍ THỰC HIỆN

Tổng kinh phí thực hiện Kế hoạch này là 77.223 triệu đồng.
"""


def test_a_component_and_a_programme_stop_at_the_end_of_their_section(tmp_path):
    assert fields(tmp_path, SCOPE, ("programme", "project", "role", "total")) == [
        ("806,5 triệu đồng", "dtts", "Dự án 8", "disbursed", False),
        # the base of a disbursement rate is the allocation
        ("1.066,4 triệu đồng", "dtts", "Dự án 8", "allocated", False),
        ("61,488 tỷ đồng", "giam_ngheo", None, "allocated", True),
        ("42,126 tỷ đồng", "giam_ngheo", None, "allocated", False),
        ("21,362 tỷ đồng", "giam_ngheo", None, "allocated", False),
        ("45,190 tỷ đồng", "giam_ngheo", None, "disbursed", False),
        # "III." closes II: neither Dự án 8 nor the poverty programme reaches it
        ("77.223 triệu đồng", None, None, "allocated", False),
    ]


@pytest.mark.parametrize("sentence, project", [
    ("Dự án 7, trong đó Tiểu dự án 1: được phân bổ 4,329 tỷ đồng.", "Dự án 7 > Tiểu dự án 1"),
    # the parent the text states wins over the one before it
    ("Dự án 4 đã xong. Tiểu dự án 1 thuộc Dự án 7 được phân bổ 2,296 tỷ đồng.", "Dự án 7 > Tiểu dự án 1"),
    ("Tiểu dự án 2 thuộc Dự án 10 được giao 850 triệu đồng.", "Dự án 10 > Tiểu dự án 2"),
    # money for two sub-projects belongs to their parent only
    ("g) Dự án 10 - Tiểu dự án 1 và Tiểu dự án 2 (truyền thông): 3.483,6 triệu đồng.", "Dự án 10"),
    ("Vốn đầu tư 58.410 triệu đồng để thực hiện Dự án 1, Dự án 2 và Dự án 4.", None),
    ("- Dự án 1: Nội dung số 02 giải ngân 2.041 triệu đồng; Nội dung số 04 giải ngân 223 triệu đồng.",
     "Dự án 1 > Nội dung số 02"),
])
def test_component_path(tmp_path, sentence, project):
    assert amounts(tmp_path, sentence)[0].project == project


def test_a_later_sibling_keeps_its_parent(tmp_path):
    text = "- Dự án 1: Nội dung số 02 giải ngân 2.041 triệu đồng; Nội dung số 04 giải ngân 223 triệu đồng."
    assert [a.project for a in amounts(tmp_path, text)] == ["Dự án 1 > Nội dung số 02", "Dự án 1 > Nội dung số 04"]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=10), min_size=2, max_size=5, unique=True),
       st.integers(min_value=1, max_value=999))
def test_every_section_keeps_its_own_component(tmp_path_factory, projects, millions):
    """However many numbered sections, an amount takes the component of its own section,
    and a section without one takes none from the section before."""
    body = "".join(f"{i + 1}. Dự án {p}\n\nĐã giải ngân {millions} triệu đồng.\n\n" for i, p in enumerate(projects))
    body += f"{len(projects) + 1}. Đánh giá chung\n\nĐã giải ngân {millions} triệu đồng.\n"
    got = [a.project for a in amounts(tmp_path_factory.mktemp("doc"), body)]
    assert got == [f"Dự án {p}" for p in projects] + [None]


# ------------------------------------------------------------------ roles
@pytest.mark.parametrize("sentence, role", [
    ("Năm 2023, kinh phí được phân bổ là 6,792 tỷ đồng.", "allocated"),
    ("Kết quả giải ngân nguồn vốn đến hết tháng 9/2023 là 2,202 tỷ đồng.", "disbursed"),
    ("Giá trị ước thực hiện cả năm đạt 3.100 triệu đồng.", "estimate"),
    # a request's estimate is what it asks for
    ("Sở kiến nghị UBND tỉnh bổ sung nội dung vào kế hoạch năm 2024, với kinh phí dự kiến khoảng 850 triệu đồng.",
     "requested"),
    ("Về kiến nghị tăng mức hỗ trợ của ngân sách trung ương khoảng 143.000 tỷ đồng.", "requested"),
    # a norm per beneficiary is a rate, not an allocation
    ("Nội dung số 02: hỗ trợ 46 nhà, kinh phí 2.041 triệu đồng (mức hỗ trợ 40 triệu đồng/hộ).", "rate"),
    ("Nội dung số 02: hỗ trợ 46 nhà, kinh phí 2.041 triệu đồng.", "allocated"),
    ("Mức cho vay tối đa đối với người lao động là 300 triệu đồng.", "rate"),
    ("Mức cho vay tối đa là 30 triệu đồng/công trình nước sạch.", "rate"),
    # a threshold per asset, a fee per page, a fine, revenue: other
    ("Điều chuyển tài sản công có nguyên giá dưới 01 tỷ đồng/01 đơn vị tài sản.", "other"),
    ("Từ trang thứ 3 trở lên thu 1.000 đồng/trang, tối đa thu không quá 200.000 đồng/bản.", "other"),
    ("Phạt tiền từ 3.000.000 đồng đến 5.000.000 đồng đối với hành vi sau đây:", "other"),
    ("Tổng thu ngân sách nhà nước 10 tháng năm 2025 thực hiện 13.966 tỷ đồng.", "other"),
    ("Tiền công viết tài liệu: 70.000 đồng/trang chuẩn.", "other"),
    ("Tổng thiệt hại ước trên 4.500 tỷ đồng.", "other"),
    # last year's figure, the base of a comparison
    ("Ước thực hiện cả năm là 11.580 tỷ đồng, vượt 11,69% so dự toán, tăng 10,48% so cùng kỳ (10.482 tỷ đồng).",
     "other"),
    ("GRDP bình quân đầu người ước đạt 80 triệu đồng/người/năm.", "other"),
    # a norm, whatever the rest of the clause says
    ("Định mức phân bổ dự toán chi sử dụng phương tiện là 140.000.000 đồng/năm/xe ô tô.", "rate"),
    # the plan the Prime Minister gave, under a heading about disbursement
    ("1. Tình hình giải ngân\n\nTổng kế hoạch đầu tư công năm 2025 đã được Thủ tướng giao là 913.216,2 tỷ đồng.",
     "allocated"),
    ("Vốn điều lệ tối thiểu của Quỹ là 30.000.000.000 đồng.", "other"),
    ("Mức chi phí phải nộp của nhà đầu tư có kiến nghị tối thiểu là 20.000.000 đồng.", "other"),
])
def test_role_of_the_last_amount(tmp_path, sentence, role):
    assert amounts(tmp_path, sentence)[-1].role == role


def test_a_list_takes_the_role_of_its_lead(tmp_path):
    body = """Điều 1. Giao chi tiết kế hoạch vốn ngân sách trung ương năm 2023, tổng số 77.223 triệu đồng, trong đó:

1. Vốn đầu tư phát triển: 58.410 triệu đồng.

2. Vốn sự nghiệp: 18.813 triệu đồng, gồm:

a) Dự án 1 - Nội dung số 02 (hỗ trợ nhà ở): 2.041 triệu đồng;

b) Dự án 8 (bình đẳng giới): 1.066,4 triệu đồng.

Điều 2. Các chủ đầu tư tổ chức thực hiện theo quy định.
"""
    assert fields(tmp_path, body, ("role", "total", "year", "part_of")) == [
        ("77.223 triệu đồng", "allocated", True, 2023, None),
        ("58.410 triệu đồng", "allocated", False, 2023, 0),
        # a total of its own parts and one of the parts of the total above it
        ("18.813 triệu đồng", "allocated", True, 2023, 0),
        ("2.041 triệu đồng", "allocated", False, 2023, 2),
        ("1.066,4 triệu đồng", "allocated", False, 2023, 2),
    ]


def test_the_sum_in_words_restates_it_and_the_parts_follow_the_bracket(tmp_path):
    body = ("Điều 1. Giao kế hoạch vốn năm 2023, tổng số 77.223.000.000 đồng (Bằng chữ: Bảy mươi bảy tỷ, "
            "hai trăm hai mươi ba triệu đồng), trong đó:\n\n1. Vốn đầu tư phát triển: 58.410.000.000 đồng.\n\n"
            "2. Vốn sự nghiệp: 18.813.000.000 đồng.\n")
    assert fields(tmp_path, body, ("vnd", "total", "restates", "part_of")) == [
        ("77.223.000.000 đồng", 77_223_000_000, True, None, None),
        ("Bảy mươi bảy tỷ, hai trăm hai mươi ba triệu đồng", 77_223_000_000, True, 0, None),
        ("58.410.000.000 đồng", 58_410_000_000, False, None, 0),
        ("18.813.000.000 đồng", 18_813_000_000, False, None, 0),
    ]


# ------------------------------------------------------------------ totals
@pytest.mark.parametrize("body, totals", [
    # parts listed as a), b) after "trong đó:", and the next numbered item is not one
    ("1. Tổng vốn năm 2023: 77.223 triệu đồng, trong đó:\n\na) Vốn đầu tư phát triển: 58.410 triệu đồng;\n\n"
     "b) Vốn sự nghiệp: 18.813 triệu đồng.\n\n2. Vốn đối ứng: bố trí tối thiểu 10% tổng vốn, tương đương 7.722,3 triệu đồng.",
     [True, False, False, False]),
    ("Năm 2023, kinh phí được phân bổ là 6,792 tỷ đồng (ngân sách trung ương: 6,594 tỷ đồng; ngân sách địa phương: 1,987 tỷ đồng).",
     [True, False, False]),
    # "tổng" of one component's works sums nothing else in the text
    ("c) Dự án 4: thực hiện 36 công trình với tổng vốn 58.410 triệu đồng; duy tu 16 công trình/4.329 triệu đồng.",
     [False, False]),
    # a rate in brackets is no part of the allocation
    ("Nội dung số 02: hỗ trợ 46 nhà, kinh phí 2.041 triệu đồng (mức hỗ trợ 40 triệu đồng/hộ).", [False, False]),
    # a table row whose other cells add up to its first
    ("Đơn vị tính: Triệu đồng\n\n|\n|\nNăm 2026 | 3.682,35 | 2.920,17 | 762,17 |\n", [True, False, False]),
    ("Đơn vị tính: Triệu đồng\n\n|\n|\nNăm 2026 | 3.682,35 | 2.920,17 | 700,00 |\n", [False, False, False]),
])
def test_total(tmp_path, body, totals):
    assert [a.total for a in amounts(tmp_path, body)] == totals


def test_parts_listed_a_b_do_not_take_the_next_numbered_item(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text(HEADER + "1. Tổng vốn năm 2023: 77.223 triệu đồng, trong đó:\n\na) Vốn đầu tư: 58.410 triệu đồng;\n\n"
                    "b) Vốn sự nghiệp: 18.813 triệu đồng.\n\n2. Vốn đối ứng: 7.722,3 triệu đồng.\n", encoding="utf-8")
    assert extract_file(path).flags == ()


# ------------------------------------------------------------------ restatements
@pytest.mark.parametrize("body, restates", [
    ("Tổng vốn giao 61.240 triệu đồng (61 tỷ 240 triệu đồng) cho các huyện.", [None, 0]),
    ("Vốn điều lệ tối thiểu của Quỹ là 30.000.000.000 đồng (30 tỷ đồng).", [None, 0]),
    # the same fine in two articles is two fines
    ("1. Phạt tiền đến 50 triệu đồng.\n\n2. Phạt tiền đến 50 triệu đồng.", [None, None]),
    # the same value for two components is two allocations
    ("- Dự án 1: được giao 500 triệu đồng.\n\n- Dự án 2: được giao 500 triệu đồng.", [None, None]),
    # a summary that repeats an allocation with the same meaning
    ("- Dự án 1: được giao 500 triệu đồng.\n\nNhư vậy, Dự án 1 được giao 500 triệu đồng.", [None, 0]),
    # the base of a rate repeats the allocation stated before it
    ("Dự án 8 được giao 1.066,4 triệu đồng. Dự án 8 đã giải ngân 806,5 triệu đồng/1.066,4 triệu đồng.", [None, None, 0]),
])
def test_restatement(tmp_path, body, restates):
    assert [a.restates for a in amounts(tmp_path, body)] == restates


# ------------------------------------------------------------------ years and programmes
@pytest.mark.parametrize("body, year", [
    ("Kết quả giải ngân đến hết tháng 12/2022 là 979 triệu đồng.", 2022),
    ("Giai đoạn 2021-2025, tổng vốn được giao 900 tỷ đồng.", None),
    # the report's own year, for money given or spent
    ("Đến cuối tháng 8, dự án mới giải ngân khoảng 1,2 tỷ đồng.", 2023),
    # a day is no period: "năm 1975" inside it is not the money's year
    ("Quân nhân nhập ngũ từ ngày 30 tháng 4 năm 1975 được hưởng mức trợ cấp 600.000 đồng.", 2023),
    ("Phạt tiền đến 30.000.000 đồng.", None),
])
def test_year(tmp_path, body, year):
    assert amounts(tmp_path, body)[-1].year == year


def test_a_programme_named_in_passing_is_not_the_documents(tmp_path):
    body = ("1. Kinh tế\n\nTổng giá trị sản phẩm ước đạt 172.033 tỷ đồng.\n\n"
            "2. Nông nghiệp\n\nChương trình mỗi xã một sản phẩm được đẩy mạnh, có 120 sản phẩm.\n")
    assert [a.programme for a in amounts(tmp_path, body)] == [None]


def test_programme_from_the_title_when_the_text_names_no_other(tmp_path):
    header = HEADER.replace("các Chương trình mục tiêu quốc gia năm 2023",
                            "Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2023")
    got = amounts(tmp_path, "Năm 2023, tỉnh được phân bổ kinh phí là 4,329 tỷ đồng.", header)
    assert [(a.programme, a.place) for a in got] == [("giam_ngheo", "tỉnh Lạng Sơn")]
