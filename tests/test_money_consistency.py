"""Amounts that must add up (grammar/money_consistency.py): a total and the parts listed
after it ("trong đó", "gồm", "bao gồm") are compared, and a list that does not make its whole
is flagged on the document, never corrected: a wrong number is shown as written."""
import pytest

from pipeline.grammar.money_consistency import consistency_flags
from pipeline.normalize import normalize
from test_money import REAL_026_TABLE, run_money

SEED_001_TOTAL = ("Năm 2023, kinh phí được phân bổ là 6,792 tỷ đồng (ngân sách trung ương: 6,594 tỷ đồng; "
                  "ngân sách địa phương: 1,987 tỷ đồng).")


def test_parts_that_do_not_add_up_are_flagged_not_fixed():
    found = run_money(SEED_001_TOTAL)
    assert [a.vnd for a in found.amounts] == [6_792_000_000, 6_594_000_000, 1_987_000_000]
    (flag,) = found.flags
    assert "6,792 tỷ đồng" in flag and "8.581.000.000" in flag
    assert [a.funding_source for a in found.amounts[1:]] == ["ngân sách trung ương", "ngân sách địa phương"]


@pytest.mark.parametrize("text", [
    "kinh phí 6,792 tỷ đồng (ngân sách trung ương: 4,805 tỷ đồng; ngân sách địa phương: 1,987 tỷ đồng).",
    REAL_026_TABLE,
    "Tổng kinh phí 10 tỷ đồng, trong đó vốn ngân sách trung ương 6 tỷ đồng, đã giải ngân 7 tỷ đồng.",
])
def test_parts_that_add_up_are_not_flagged(text):
    text = normalize(text).text
    assert consistency_flags(text, run_money(text).amounts or []) == []


def test_listed_parts_larger_than_the_total_are_flagged():
    text = "Tổng kinh phí 10 tỷ đồng, trong đó:\n- Ngân sách trung ương: 8 tỷ đồng;\n- Ngân sách địa phương: 4 tỷ đồng."
    assert len(run_money(text).flags) == 1


# bc-312 in corpus/: the parts after "gồm" add up to 63,488, not the 61,488 written.
BC_312 = ("tổng kế hoạch vốn năm 2023 của Chương trình là 61,488 tỷ đồng, gồm: vốn đầu tư phát "
          "triển 42,126 tỷ đồng và vốn sự nghiệp 21,362 tỷ đồng. Đến hết tháng 11/2023 đã giải "
          "ngân 45,190 tỷ đồng, đạt 73,5%.")


def test_parts_after_gom_must_make_the_whole():
    (flag,) = run_money(BC_312).flags
    assert "61,488 tỷ đồng" in flag and "63.488.000.000" in flag


@pytest.mark.parametrize("text", [
    # the same list when it adds up
    BC_312.replace("61,488", "63,488"),
    # "(trong đó: …)" names some parts only (real_001)
    "chi cân đối ngân sách 21.049,188 tỷ đồng *(trong đó: Chi đầu tư phát triển\n5.937,440 tỷ "
    "đồng, chi thường xuyên 14.635,050 tỷ đồng, chi trả lãi 11,4 tỷ đồng); chi các chương trình "
    "5.761,908 tỷ đồng.",
    # "bao gồm" with rounding in the last written digit
    "Tổng vốn 10,01 tỷ đồng, bao gồm: ngân sách trung ương 6,005 tỷ đồng, ngân sách địa phương 4,005 tỷ đồng.",
    # a list that ends with its sentence: the next sentence's amount is not a part
    "Kinh phí 5 tỷ đồng, gồm vốn đầu tư 3 tỷ đồng và vốn sự nghiệp 2 tỷ đồng. Năm 2024 giao thêm 7 tỷ đồng.",
])
def test_consistent_lists_are_not_flagged(text):
    assert run_money(text).flags is None
