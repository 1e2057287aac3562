"""Money mentions: sentences copied from ../shared/corpus with their exact VND values."""
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
import spacy

from pipeline.extract import components
from pipeline.grammar.money import find_amounts
from pipeline.normalize import normalize

SHARED = Path(__file__).resolve().parents[2] / "shared"


def amounts(text):
    return find_amounts(normalize(text).text)[0]


def run_money(text):
    """The money component alone on a spaCy doc, as the pipeline runs it: what it wrote
    to the doc's extensions (.amounts, .flags)."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    assert "vanban_money" in {c.name for c in components.COMPONENTS}  # registered on import
    nlp.add_pipe("vanban_money")
    return nlp(normalize(text).text)._


# (sentence as in the corpus, [(mention text, vnd), ...])
MONEY = [
    # seed 001
    ("Năm 2022, tỉnh Lạng Sơn được phân bổ kinh phí là 4,329 tỷ đồng, đã phân bổ cho Sở LÐ-TB&XH",
     [("4,329 tỷ đồng", 4_329_000_000)]),
    ("Kết quả giải ngân nguồn vốn đến hết tháng 9/2023 là 2,202 tỷ đồng.", [("2,202 tỷ đồng", 2_202_000_000)]),
    ("Triển khai thực hiện Tiểu dự án 2: Giám sát, đánh giá Chương trình, năm 2022, kinh phí được phân bổ 2,296 tỷ đồng.",
     [("2,296 tỷ đồng", 2_296_000_000)]),
    ("dự kiến xây dựng phần mềm đề nghị chuyển sang thực hiện trong năm 2023 là 539 triệu đồng, kinh phí phân bổ",
     [("539 triệu đồng", 539_000_000)]),
    ("Kết quả giải ngân nguồn vốn đến hết tháng 12/2022 là 979 triệu đồng, đạt 42,6% kế hoạch vốn giao.",
     [("979 triệu đồng", 979_000_000)]),
    ("Năm 2023, kinh phí được phân bổ 3,632 tỷ đồng.", [("3,632 tỷ đồng", 3_632_000_000)]),
    # seed 003
    ("- Nội dung số 02: Hỗ trợ nhà ở. Vốn giao: 2.041 triệu đồng, thực hiện xây mới 46 nhà ở.",
     [("2.041 triệu đồng", 2_041_000_000)]),
    ("Trong 6 tháng đã thực hiện và giải ngân được 14 nhà = 616 triệu đồng, đạt 30,43%",
     [("616 triệu đồng", 616_000_000)]),
    ("Vốn giao 223 triệu đồng, hỗ trợ 74 téc nước.", [("223 triệu đồng", 223_000_000)]),
    ("Trong 6 tháng đã hỗ trợ và giải ngân được 44 téc nước = 132 triệu đồng, đạt 59,46%",
     [("132 triệu đồng", 132_000_000)]),
    ("Thực hiện 5 dự án hỗ trợ phát triển sản xuất theo chuỗi giá trị, tổng kinh phí là 4.550 triệu đồng.",
     [("4.550 triệu đồng", 4_550_000_000)]),
    ("01 dự án xã Đôn Phong đã giải ngân 919 triệu đồng", [("919 triệu đồng", 919_000_000)]),
    ("Thực hiện 19 dự án hỗ trợ phát triển sản xuất cộng đồng tại các xã, kinh phí 6.993 triệu đồng.",
     [("6.993 triệu đồng", 6_993_000_000)]),
    ("07 dự án đã giải ngân tại các xã: Cao Sơn, Vi Hương, Nguyên Phúc, Đôn Phong, Lục Bình, kinh phí 2.471 triệu đồng;",
     [("2.471 triệu đồng", 2_471_000_000)]),
    ("Vốn sự nghiệp: Duy tu, bảo dưỡng 16 công trình/2.629 triệu đồng, hiện đã thực hiện xong 7 công trình, "
     "giải ngân 807,463 triệu đồng", [("2.629 triệu đồng", 2_629_000_000), ("807,463 triệu đồng", 807_463_000)]),
    ("vốn đầu tư: Thực hiện 36 công trình/14.302 triệu đồng, hiện đã thực hiện xong 16 công trình, giải ngân 6.606 triệu đồng;",
     [("14.302 triệu đồng", 14_302_000_000), ("6.606 triệu đồng", 6_606_000_000)]),
    ("Tổng nguồn vốn là 1.066,4 triệu đồng, đã giải ngân 133,77 triệu đồng.",
     [("1.066,4 triệu đồng", 1_066_400_000), ("133,77 triệu đồng", 133_770_000)]),
    # real_010: line breaks inside the phrase, rates per asset
    ("điều chuyển tài sản công có nguyên giá theo sổ kế toán dưới 01 tỷ đồng/01\nđơn vị tài sản",
     [("01 tỷ đồng", 1_000_000_000)]),
    ("có giá trị đánh giá lại dưới 50 triệu đồng/01 đơn\nvị tài sản)", [("50 triệu đồng", 50_000_000)]),
    ("nguyên giá theo sổ kế toán từ 02 tỷ đồng trở lên/01 đơn vị tài sản", [("02 tỷ đồng", 2_000_000_000)]),
    # real_019
    ("300 triệu đồng, người vay vốn không cần phải có tài sản bảo đảm tiền vay", [("300 triệu đồng", 300_000_000)]),
    ("sinh môi trường: Mức cho vay tối đa là 30 triệu đồng/công trình nước sạch và 50\ntriệu đồng/công trình vệ sinh.",
     [("30 triệu đồng", 30_000_000), ("50\ntriệu đồng", 50_000_000)]),
    # real_023: large amounts and a foreign currency
    ("hiện 13.966 tỷ đồng, đạt 104,24% dự toán Trung ương giao", [("13.966 tỷ đồng", 13_966_000_000_000)]),
    ("Tổng kim ngạch xuất khẩu đạt 2,6 tỷ USD, đạt 116,8% kế hoạch", [("2,6 tỷ USD", None)]),
    ("ương khoảng 143.000 tỷ đồng trong Kế hoạch đầu tư công trung hạn 2026-2030:",
     [("143.000 tỷ đồng", 143_000_000_000_000)]),
    ("6. Về đề nghị hỗ trợ khoảng 200 tỷ đồng để kịp thời", [("200 tỷ đồng", 200_000_000_000)]),
    # real_026
    ("Tổng kinh phí Chương trình: ** 22.123,39 triệu đồng**, trong đó:", [("22.123,39 triệu đồng", 22_123_390_000)]),
    ("- Dân đối ứng: ** 4.825,63 triệu đồng**.", [("4.825,63 triệu đồng", 4_825_630_000)]),
    # real_017: a number and its unit on two lines
    ("- Dự kiến cả nước năm 2026: 2.000.000\ntỷ đồng", [("2.000.000\ntỷ đồng", 2_000_000_000_000_000)]),
    # meta-dev: fees and rates in đồng
    ("kinh doanh dịch vụ karaoke là 1.000.000 đồng/phòng, nhưng tổng mức thu không quá 6.000.000 đồng/Giấy phép/lần thẩm định",
     [("1.000.000 đồng", 1_000_000), ("6.000.000 đồng", 6_000_000)]),
    # the sum said again in words is a mention of its own (money_context marks it restated)
    ("được hưởng mức hỗ trợ 160.000 đồng (một trăm sáu mươi ngàn đồng)",
     [("160.000 đồng", 160_000), ("một trăm sáu mươi ngàn đồng", 160_000)]),
    ("- Đến 01 tỷ đồng: 10 triệu đồng. - Trên 01 đến 10 tỷ đồng: 10 triệu đồng + (0,5% x phần tổng chi phí trên 1 tỷ đồng).",
     [("01 tỷ đồng", 1_000_000_000), ("10 triệu đồng", 10_000_000), ("01", 1_000_000_000),
      ("10 tỷ đồng", 10_000_000_000), ("10 triệu đồng", 10_000_000), ("1 tỷ đồng", 1_000_000_000)]),
    ("có tổng dự toán kinh phí thực hiện dưới 20 tỷ đồng/nhiệm vụ sử dụng vốn chi thường xuyên",
     [("20 tỷ đồng", 20_000_000_000)]),
    ("viện trợ từ 500.000 đô la Mỹ trở lên", [("500.000 đô la Mỹ", None)]),
    ("Kim ngạch xuất khẩu ước cả năm đạt 2.600 triệu USD, đạt 100% kế hoạch", [("2.600 triệu USD", None)]),
    ("provision of karaoke service is 1.000.000 VND/room but total fee", [("1.000.000 VND", 1_000_000)]),
    # the forms DOMAIN.md §4 lists
    ("Tổng mức đầu tư 31 tỷ 875 triệu đồng.", [("31 tỷ 875 triệu đồng", 31_875_000_000)]),
    ("hỗ trợ 2.500.000,0 đồng/hộ", [("2.500.000,0 đồng", 2_500_000)]),
    ("Tổng vốn 75.000 tỷ đồng", [("75.000 tỷ đồng", 75_000_000_000_000)]),
    ("tổng cộng 77.223.000.000 đồng", [("77.223.000.000 đồng", 77_223_000_000)]),
    ("quy mô 2 nghìn tỷ đồng, 3 ngàn tỉ đồng", [("2 nghìn tỷ đồng", 2 * 10**12), ("3 ngàn tỉ đồng", 3 * 10**12)]),
    ("mức 5 trđ, 120.000 VNĐ, 45.000đ, 30.000 ₫", [("5 trđ", 5_000_000), ("120.000 VNĐ", 120_000),
                                                   ("45.000đ", 45_000), ("30.000 ₫", 30_000)]),
    ("mức hỗ trợ từ 2,5 - 5,5 tỷ đồng/dự án", [("2,5", 2_500_000_000), ("5,5 tỷ đồng", 5_500_000_000)]),
    # meta-dev tnt:8180ae11: a typed space for the last group's dot; groups spaced throughout
    ("hưởng chế độ trợ cấp một lần bằng 3.000 000 đồng.", [("3.000 000 đồng", 3_000_000)]),
    ("mức hỗ trợ 12 000 000 đồng/hộ", [("12 000 000 đồng", 12_000_000)]),
    ("mức hỗ trợ 1 500 000 đồng", [("1 500 000 đồng", 1_500_000)]),
    # an article inserted after Điều 58 is numbered 58a … 58đ: never 58 đồng
    ("điểm a khoản 1 Điều 58đ Nghị định này; mức thu 500.000đ/hồ sơ", [("500.000đ", 500_000)]),
]


@pytest.mark.parametrize("sentence, expected", MONEY, ids=[e[0][0] for _, e in MONEY])
def test_money(sentence, expected):
    got = [(a.text, a.vnd) for a in amounts(sentence)]
    assert got == expected


@pytest.mark.parametrize("sentence", [
    "Tất cả: 463,210",                      # seed 004's site counter
    "Trong tuần: 7,064",
    "quy mô dân số trên 3,3 triệu người",   # real_023: people, not money
    "Mẫu số 14đ; t) Đơn đăng ký đất",       # a form name
    "khoản 2 Điều 58đ; Chương 3đ; Mục 2đ",   # provisions inserted after 58, 3, 2
    "năm 2024 000 đồng",                     # a zero group no thousands group goes on
    "Hội đồng nhân dân; 3 triệu đồng bào dân tộc thiểu số",
    "Mức chi/ Tiền công (1.000đ)",           # a column's unit, not an amount
    "Dài hạn\n\n300\n\nJPY",                 # a table of codes, one per paragraph
    "đồng thời, 02 tỉnh, thành phố",
    "Một bộ máy hoàn chỉnh gồm 01 đồng hồ thông minh và 01 đế sạc",  # a watch
])
def test_not_money(sentence):
    assert amounts(sentence) == []


def test_rate_keeps_its_per_unit():
    (a,) = amounts("mức hỗ trợ 1.446.000 đồng/ha/năm")
    assert (a.vnd, a.per, a.unit) == (1_446_000, "ha/năm", "đồng")
    (b,) = amounts("1.500.000 đồng/người/tháng")
    assert b.per == "người/tháng"


@pytest.mark.parametrize("sentence, per", [
    # meta-dev tnt:741f (fees of a notary) and vbpl:doc_000462: a unit of two words is whole
    ("Phí chứng thực chữ ký: 10.000 đồng/trường hợp", "trường hợp"),
    ("Phí công chứng hợp đồng: 50.000 đồng/giao dịch", "giao dịch"),
    ("Phí công chứng di chúc: 50.000 đồng/di chúc", "di chúc"),
    ("Mức chi biên dịch: 150.000 đồng/trang chuẩn", "trang chuẩn"),
    ("Phí sao y: 2.000 đồng/trang; từ trang thứ 3", "trang"),
    ("hỗ trợ 40 triệu đồng/hộ nghèo", "hộ nghèo"),
    ("hỗ trợ 40 triệu đồng/hộ để xây nhà", "hộ"),
])
def test_per_unit_read_whole(sentence, per):
    (a,) = amounts(sentence)
    assert a.per == per


def test_foreign_currency_has_no_vnd():
    (a,) = amounts("xuất khẩu đạt 2,6 tỷ USD")
    assert (a.vnd, a.currency, a.value, a.unit) == (None, "USD", "2.6", "tỷ USD")


def test_english_page_reads_dots_as_decimals():
    found, convention = find_amounts("The province spent 670.644 billion VND, and 1.5 billion VND more.")
    assert convention == "en"
    assert [a.vnd for a in found] == [670_644_000_000, 1_500_000_000]
    assert all(a.separator == "en" for a in found)


def test_one_dot_decimal_switches_the_document():
    found, convention = find_amounts("giá 1.5 tỷ đồng và 2,041 tỷ đồng")
    assert convention == "en"
    assert [a.vnd for a in found] == [1_500_000_000, 2_041_000_000_000]


REAL_026_TABLE = """Tổng kinh phí Chương trình: ** 22.123,39 triệu đồng**, trong đó:

- Ngân sách nhà nước hỗ trợ: ** 17.297,76 triệu đồng**.

- Dân đối ứng: ** 4.825,63 triệu đồng**.

**Đơn vị tính: Triệu đồng*

|
|
|
|
Năm 2026 | 3.682,35 | 2.920,17 | 762,17 |
Năm 2027 | 4.460,17 | 3.488,96 | 971,21 |
Tổng giai đoạn 2026-2030 | 22.123,39 | 17.297,76 | 4.825,63 |

Nguồn Kinh phí thực hiện Chương trình: Ngân sách địa phương hàng năm
"""


def test_table_cells_take_the_unit_line():
    got = [(a.text, a.vnd) for a in amounts(REAL_026_TABLE)]
    assert got == [
        ("22.123,39 triệu đồng", 22_123_390_000), ("17.297,76 triệu đồng", 17_297_760_000),
        ("4.825,63 triệu đồng", 4_825_630_000),
        ("3.682,35", 3_682_350_000), ("2.920,17", 2_920_170_000), ("762,17", 762_170_000),
        ("4.460,17", 4_460_170_000), ("3.488,96", 3_488_960_000), ("971,21", 971_210_000),
        ("22.123,39", 22_123_390_000), ("17.297,76", 17_297_760_000), ("4.825,63", 4_825_630_000),
    ]


def test_table_cells_take_a_column_header_unit():
    text = "STT | Nội dung | Mức chi (triệu đồng) | Số lượng\n1 | Hội nghị | 250 | 3\n2 | Tập huấn | 1.049,6 | 12\n"
    assert [(a.text, a.vnd) for a in amounts(text)] == [("250", 250_000_000), ("1.049,6", 1_049_600_000)]


def test_bare_numbers_without_a_unit_are_not_money():
    assert amounts("Năm 2026 | 3.682,35 | 2.920,17 | 762,17 |\n") == []


SEED_003 = """* Dự án 1. Giải quyết tình trạng thiếu đất ở, nhà ở, đất sản xuất, nước sinh hoạt

- Nội dung số 02: Hỗ trợ nhà ở. Vốn giao: 2.041 triệu đồng, thực hiện xây mới 46 nhà ở. Trong 6 tháng đã thực hiện và giải ngân được 14 nhà = 616 triệu đồng, đạt 30,43% (các xã Tân Tú, Lục Bình đã giải ngân).

*** Dự án 4: Đầu tư cơ sở hạ tầng thiết yếu**

Vốn sự nghiệp: Duy tu, bảo dưỡng 16 công trình/2.629 triệu đồng, hiện đã thực hiện xong 7 công trình, giải ngân 807,463 triệu đồng; vốn đầu tư: Thực hiện 36 công trình/14.302 triệu đồng, hiện đã thực hiện xong 16 công trình, giải ngân 6.606 triệu đồng.
"""


def test_context_from_sentence_and_section():
    found = {a.text: a for a in run_money(SEED_003).amounts}
    a = found["2.041 triệu đồng"]
    assert (a.role, a.project) == ("allocated", "Dự án 1 > Nội dung số 02")
    assert found["616 triệu đồng"].role == "disbursed"
    assert found["2.629 triệu đồng"].funding_source == "vốn sự nghiệp"
    assert found["807,463 triệu đồng"].funding_source == "vốn sự nghiệp"
    assert found["14.302 triệu đồng"].funding_source == "vốn đầu tư"
    # the "giải ngân" before the semicolon belongs to the previous clause's amount; this
    # clause's own "vốn đầu tư: Thực hiện 36 công trình/…" is the capital it is given
    assert found["14.302 triệu đồng"].role == "allocated"
    assert found["6.606 triệu đồng"].project == "Dự án 4"


def test_context_period_and_place():
    found = run_money("Năm 2022, tỉnh Lạng Sơn được phân bổ kinh phí là 4,329 tỷ đồng. "
                      "Kết quả giải ngân nguồn vốn đến hết tháng 9/2023 là 2,202 tỷ đồng.").amounts
    assert (found[0].period, found[0].place, found[0].role) == ("2022", "tỉnh Lạng Sơn", "allocated")
    assert (found[1].period, found[1].role) == ("../2023-09-30", "disbursed")


def _gold(kind):
    for path in sorted((SHARED / "gold").rglob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        yield path, gold, SHARED / gold["source"]


@pytest.mark.skipif(not SHARED.exists(), reason="../shared (gold and corpus) is not on this machine")
def test_gold_amounts():
    from collections import Counter
    tp = fp = fn = 0
    for _, gold, source in _gold("amounts"):
        want = Counter(a["vnd"] for a in gold.get("amounts") or [] if a.get("vnd") is not None)
        got = Counter(a.vnd for a in amounts(source.read_text(encoding="utf-8")) if a.vnd is not None)
        tp += sum((want & got).values())
        fn += sum((want - got).values())
        fp += sum((got - want).values())
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    assert f1 >= 0.97, (tp, fp, fn)


# Seed 003 (../shared/corpus/seeds/003_ce45d566880d4dd4.txt), its programme sections as
# written: every amount with its project path and role, checked by hand.
SEED_003_FULL = """2. Kết quả thực hiện chương trình 6 tháng đầu năm

* Dự án 1. Giải quyết tình trạng thiếu đất ở, nhà ở, đất sản xuất, nước sinh hoạt

- Nội dung số 02: Hỗ trợ nhà ở. Vốn giao: 2.041 triệu đồng, thực hiện xây mới 46 nhà ở. Trong 6 tháng đã thực hiện và giải ngân được 14 nhà = 616 triệu đồng, đạt 30,43% (các xã Tân Tú, Lục Bình, Nguyên Phúc, Mỹ Thanh, Dương Phong, Vi Hương đã giải ngân, các xã còn lại đang triển khai thực hiện).

- Nội dung số 04: Hỗ trợ nước sinh hoạt. Vốn giao 223 triệu đồng, hỗ trợ 74 téc nước. Trong 6 tháng đã hỗ trợ và giải ngân được 44 téc nước = 132 triệu đồng, đạt 59,46% (các xã giải ngân 100%: Tân Tú, Lục Bình, Nguyên Phúc, Sỹ Bình, Cao Sơn, Dương Phong, Quang Thuận, TT Phú Thông; các xã chưa giải ngân: Mỹ Thanh, Vũ Muộn).

* Dự án 3. Phát triển sản xuất nông, lâm nghiệp bền vững, phát huy tiềm năng, thế mạnh của các vùng miền để sản xuất hàng hóa theo chuỗi giá trị

- Tiểu dự án 1 - Phát triển kinh tế nông, lâm nghiệp bền vững gắn với bảo vệ rừng và nâng cao thu nhập cho người dân: Thực hiện các nội dung khoản bảo vệ rừng, hỗ trợ bảo vệ rừng, trồng rừng phòng hộ, trợ cấp gạo bảo vệ và phát triển rừng. Hiện nay, các xã đã ký hợp đồng với hộ dân, cộng đồng thôn, dự kiến nghiệm thu và giải ngân vào quý IV/2024

- *Tiểu dự án 2 - Hỗ trợ phát triển sản xuất theo chuỗi giá trị, vùng trồng được liệu quý, thúc đẩy khởi sự kinh doanh, khởi nghiệp và thu hút đầu tư vùng đồng bào dân tộc thiểu số và miền núi*

+ *Dự án phát triển sản xuất theo chuỗi giá trị*: Thực hiện 5 dự án hỗ trợ phát triển sản xuất theo chuỗi giá trị, tổng kinh phí là 4.550 triệu đồng. Đến thời điểm hiện tại, 01 dự án xã Đôn Phong đã giải ngân 919 triệu đồng, các dự án còn lại tiếp tục thực hiện theo kế hoạch.

+ *Dự án hỗ trợ phát triển sản xuất cộng đồng*: Thực hiện 19 dự án hỗ trợ phát triển sản xuất cộng đồng tại các xã, kinh phí 6.993 triệu đồng. Đến thời điểm hiện tại, 07 dự án đã giải ngân tại các xã: Cao Sơn, Vi Hương, Nguyên Phúc, Đôn Phong, Lục Bình, kinh phí 2.471 triệu đồng; các dự án còn lại tiếp tục thực hiện theo kế hoạch.

*** Dự án 4: Đầu tư cơ sở hạ tầng thiết yếu, phục vụ sản xuất, đời sống trong vùng đồng bào dân tộc thiểu số và miền núi**

Vốn sự nghiệp: Duy tu, bảo dưỡng 16 công trình/2.629 triệu đồng, hiện đã thực hiện xong 7 công trình, giải ngân 807,463 triệu đồng (*các xã: Vi Hương, Mỹ Thanh đã thực hiện xong các công trình được giao*); vốn đầu tư: Thực hiện 36 công trình/14.302 triệu đồng, hiện đã thực hiện xong 16 công trình, giải ngân 6.606 triệu đồng; các công trình còn lại đang thi công theo kế hoạch.

*** Dự án 8: Thực hiện bình đẳng giới và giải quyết những vấn đề cấp thiết đối với phụ nữ và trẻ em:**

Tổng nguồn vốn là 1.066,4 triệu đồng, đã giải ngân 133,77 triệu đồng.
"""

# (mention, vnd, project, role, funding source, place)
SEED_003_AMOUNTS = [
    ("2.041 triệu đồng", 2_041_000_000, "Dự án 1 > Nội dung số 02", "allocated", None, None),
    ("616 triệu đồng", 616_000_000, "Dự án 1 > Nội dung số 02", "disbursed", None, None),
    ("223 triệu đồng", 223_000_000, "Dự án 1 > Nội dung số 04", "allocated", None, None),
    ("132 triệu đồng", 132_000_000, "Dự án 1 > Nội dung số 04", "disbursed", None, None),
    ("4.550 triệu đồng", 4_550_000_000, "Dự án 3 > Tiểu dự án 2", "allocated", None, None),
    ("919 triệu đồng", 919_000_000, "Dự án 3 > Tiểu dự án 2", "disbursed", None, "xã Đôn Phong"),
    ("6.993 triệu đồng", 6_993_000_000, "Dự án 3 > Tiểu dự án 2", "allocated", None, None),
    ("2.471 triệu đồng", 2_471_000_000, "Dự án 3 > Tiểu dự án 2", "disbursed", None, None),
    ("2.629 triệu đồng", 2_629_000_000, "Dự án 4", "allocated", "vốn sự nghiệp", None),
    ("807,463 triệu đồng", 807_463_000, "Dự án 4", "disbursed", "vốn sự nghiệp", None),
    ("14.302 triệu đồng", 14_302_000_000, "Dự án 4", "allocated", "vốn đầu tư", None),
    ("6.606 triệu đồng", 6_606_000_000, "Dự án 4", "disbursed", "vốn đầu tư", None),
    ("1.066,4 triệu đồng", 1_066_400_000, "Dự án 8", "allocated", None, None),
    ("133,77 triệu đồng", 133_770_000, "Dự án 8", "disbursed", None, None),
]


def test_seed_003_every_amount_has_its_project_and_role():
    got = [(a.text, a.vnd, a.project, a.role, a.funding_source, a.place)
           for a in run_money(SEED_003_FULL).amounts]
    assert got == SEED_003_AMOUNTS


@pytest.mark.skipif(not SHARED.exists(), reason="../shared (gold and corpus) is not on this machine")
def test_seed_003_whole_document():
    from pipeline import extract_file

    result = extract_file(SHARED / "corpus/seeds/003_ce45d566880d4dd4.txt")
    # In the whole document, an amount no clause ties to a place is the issuer's district's.
    assert [(a.text, a.vnd, a.project, a.role, a.funding_source, a.place)
            for a in result.amounts] == [(*row[:5], row[5] or "huyện Bạch Thông") for row in SEED_003_AMOUNTS]


@pytest.mark.parametrize("sentence, period", [
    ("Năm 2023, kinh phí được phân bổ 3,632 tỷ đồng.", "2023"),
    ("Trong 6 tháng đầu năm 2024 đã giải ngân 616 triệu đồng.", "2024-H1"),
    ("Kết quả giải ngân nguồn vốn đến hết tháng 12/2022 là 979 triệu đồng.", "../2022-12-31"),
    ("Tổng kinh phí giai đoạn 2021-2025 là 22.123,39 triệu đồng.", "2021-01-01/2025-12-31"),
    ("Lũy kế giải ngân quý III/2023 đạt 2,202 tỷ đồng.", "2023-Q3"),
    # a document's date is not the period an amount covers
    ("Theo Quyết định số 499/QĐ-UBND ngày 23/3/2022, vốn giao 2.041 triệu đồng.", None),
])
def test_period_is_normalised(sentence, period):
    (a,) = run_money(sentence).amounts
    assert a.period == period


@given(st.integers(1_000, 10**12), st.lists(st.sampled_from([" ", "."]), min_size=4, max_size=4))
def test_thousands_groups_spaced_or_dotted(value, separators):
    """A number whose thousands groups are parted by spaces, dots or both reads whole."""
    groups = f"{value:,}".split(",")
    written = groups[0] + "".join(sep + g for sep, g in zip(separators, groups[1:]))
    got = [(a.text, a.vnd) for a in amounts(f"mức hỗ trợ {written} đồng/hộ")]
    assert got == [(f"{written} đồng", value)]
