"""Percentages: sentences copied from ../shared/corpus with their values and measures."""
import json
from collections import Counter
from pathlib import Path

import pytest

from pipeline.grammar.percentages import find_percentages
from pipeline.normalize import normalize

SHARED = Path(__file__).resolve().parents[2] / "shared"


def percentages(text):
    return find_percentages(normalize(text).text)


PERCENT = [
    ("Kết quả giải ngân nguồn vốn đến hết tháng 12/2022 là 979 triệu đồng, đạt 42,6% kế hoạch vốn giao.",
     [("42,6%", 42.6)]),
    ("100% các chính sách giảm nghèo đều đến tay đối tượng và phát huy hiệu quả", [("100%", 100.0)]),
    ("giải ngân được 14 nhà = 616 triệu đồng, đạt 30,43% (các xã Tân Tú, Lục Bình", [("30,43%", 30.43)]),
    ("44 téc nước = 132 triệu đồng, đạt 59,46% (các xã giải ngân 100%: Tân Tú, Lục Bình",
     [("59,46%", 59.46), ("100%", 100.0)]),
    ("nội (GRDP) trên địa bàn tỉnh Quý III đạt 6,26%, 9 tháng năm 2025 tăng 6,9%.",
     [("6,26%", 6.26), ("6,9%", 6.9)]),
    ("Trong đó: khu vực nông, lâm nghiệp và thủy sản ước đạt 5,39%; khu vực công nghiệp\nvà xây dựng ước đạt 9,34%; "
     "khu vực dịch vụ ước đạt 7,22%.", [("5,39%", 5.39), ("9,34%", 9.34), ("7,22%", 7.22)]),
    ("hiện 13.966 tỷ đồng, đạt 104,24% dự toán Trung ương giao và 85,63% dự toán tỉnh\ngiao.",
     [("104,24%", 104.24), ("85,63%", 85.63)]),
    ("Tổng kim ngạch xuất khẩu đạt 2,6 tỷ USD, đạt 116,8% kế hoạch, tăng 42% so",
     [("116,8%", 116.8), ("42%", 42.0)]),
    ("địa phương 02 cấp, đạt được mục tiêu tăng trưởng kinh tế 8% trong năm 2025", [("8%", 8.0)]),
    ("góp phần đạt mục tiêu tăng trưởng kinh tế từ 8,3 - 8,5% của cả nước", [("8,3", 8.3), ("8,5%", 8.5)]),
    ("ngân 100% kế hoạch vốn năm 2025 đã được Thủ tướng Chính phủ giao.", [("100%", 100.0)]),
    ("kỳ: Áp dụng lãi suất cho vay là 4,8%/năm.", [("4,8%", 4.8)]),
    ("lãi suất cho vay là 6,6%/năm; riêng đối với cơ sở sản xuất kinh doanh vay vốn", [("6,6%", 6.6)]),
    ("sinh các giao dịch nhượng, nhận chuyển nhượng vốn góp ít nhất 25% vốn góp của", [("25%", 25.0)]),
    ("trừ khi xác định thu nhập chịu thuế thu nhập doanh nghiệp không vượt quá 30% của", [("30%", 30.0)]),
    ("từ đầu tư vốn áp dụng theo Biểu thuế toàn phần với thuế suất là 5%.", [("5%", 5.0)]),
    ("mức lãi suất 0% để thực hiện giải chấp tài sản tại ngân hàng.", [("0%", 0.0)]),
    ("Trên 01 đến 10 tỷ đồng: 10 triệu đồng + (0,5% x phần tổng chi phí trên 1 tỷ đồng)", [("0,5%", 0.5)]),
    ("tỷ lệ đạt 0,5 % tổng số hộ", [("0,5 %", 0.5)]),
    ("giảm 3 phần trăm so với cùng kỳ", [("3 phần trăm", 3.0)]),
]


@pytest.mark.parametrize("sentence, expected", PERCENT, ids=[e[0][0] for _, e in PERCENT])
def test_percentages(sentence, expected):
    assert [(p.text, p.value) for p in percentages(sentence)] == expected


@pytest.mark.parametrize("sentence, measure", [
    ("Kết quả giải ngân đến hết tháng 12/2022 là 979 triệu đồng, đạt 42,6% kế hoạch vốn giao.", "kế hoạch vốn giao"),
    ("Áp dụng lãi suất cho vay là 4,8%/năm.", "lãi suất"),
    ("hiện 13.966 tỷ đồng, đạt 104,24% dự toán Trung ương giao", "dự toán Trung ương giao"),
    ("Tỷ lệ giải ngân đạt 59,46%.", "tỷ lệ giải ngân"),
    ("tăng 42% so với cùng kỳ", "so với cùng kỳ"),
    ("với thuế suất là 5%.", "thuế suất"),
])
def test_measure(sentence, measure):
    (p,) = percentages(sentence)
    assert p.measure == measure


@pytest.mark.parametrize("sentence", [
    "Tất cả: 463,210", "giai đoạn 2021-2025", "Điều 5 - 10 ngày",
])
def test_not_percentages(sentence):
    assert percentages(sentence) == []


@pytest.mark.skipif(not SHARED.exists(), reason="../shared (gold and corpus) is not on this machine")
def test_gold_percentages():
    tp = fp = fn = 0
    for path in sorted((SHARED / "gold").rglob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (SHARED / gold["source"]).read_text(encoding="utf-8")
        want = Counter(f"{float(p['value']):.4f}" for p in gold.get("percentages") or [])
        got = Counter(f"{p.value:.4f}" for p in percentages(text))
        tp += sum((want & got).values())
        fn += sum((want - got).values())
        fp += sum((got - want).values())
    assert 2 * tp / (2 * tp + fp + fn) >= 0.97, (tp, fp, fn)
