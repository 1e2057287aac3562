"""The section tree on snippets of plans, reports and legal texts from ../shared/corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.normalize import normalize
from pipeline.structure import structure
from pipeline.structure.sections import parse_sections

SHARED = Path(__file__).resolve().parents[2] / "shared"

# corpus/seeds/003: `1.` → `* Dự án 1.` → `- Nội dung số 02:`; plain bullets are not sections
SEED_003 = """1. Công tác chỉ đạo, triển khai và tổ chức thực hiện tại các xã, thị trấn

Các xã, thị trấn đã quan tâm chỉ đạo.

2. Kết quả thực hiện chương trình 6 tháng đầu năm

* Dự án 1. Giải quyết tình trạng thiếu đất ở, nhà ở, đất sản xuất, nước sinh hoạt

- Nội dung số 02: Hỗ trợ nhà ở. Vốn giao: 2.041 triệu đồng.

- Nội dung số 04: Hỗ trợ nước sinh hoạt. Vốn giao 223 triệu đồng.

* Dự án 3. Phát triển sản xuất nông, lâm nghiệp bền vững

- Tiểu dự án 2 - Hỗ trợ phát triển sản xuất theo chuỗi giá trị

- Rà soát, hoàn thiện hệ thống văn bản.

3. Tồn tại, hạn chế

3.1. Về công tác chỉ đạo
"""

# corpus/real/real_004 (web copy: bold headings wrapped over lines)
WEB_PLAN = """**I. MỤC ĐÍCH,
YÊU CẦU**

**1. Mục đích**

Thành phố Hà Nội là đơn vị đi đầu.

**2. Yêu cầu**

a) Triển khai đảm bảo hoàn
thành đầy đủ các nhiệm vụ.

b) Gắn trách nhiệm người đứng đầu.

**II. NHIỆM VỤ, GIẢI PHÁP**

**1. Hoàn thiện thể chế**
"""

# corpus/real/real_010 (legal: Chương → Điều → khoản → điểm)
LEGAL = """**Chương I**

**QUY ĐỊNH CHUNG**

**Điều 1. Phạm vi điều chỉnh**

Quyết định này phân cấp thẩm quyền, gồm:

1. Giao tài sản bằng hiện vật.

a) Tài sản là nhà làm việc;

b) Tài sản khác.

2. Khai thác tài sản công.

**Điều 2. Đối tượng áp dụng**

Các cơ quan nhà nước.

**Chương II**

**QUY ĐỊNH CỤ THỂ**

**Điều 3. Thẩm quyền**
"""

CASES = [
    ("seed_003", SEED_003, [
        ("1.", 1, "1"), ("2.", 1, "2"), ("Dự án 1.", 2, "2 > Dự án 1"),
        ("Nội dung số 02:", 3, "2 > Dự án 1 > Nội dung số 02"),
        ("Nội dung số 04:", 3, "2 > Dự án 1 > Nội dung số 04"),
        ("Dự án 3.", 2, "2 > Dự án 3"), ("Tiểu dự án 2-", 3, "2 > Dự án 3 > Tiểu dự án 2"),
        ("3.", 1, "3"), ("3.1.", 2, "3 > 3.1"),
    ]),
    ("web_plan", WEB_PLAN, [
        ("I.", 1, "I"), ("1.", 2, "I > 1"), ("2.", 2, "I > 2"), ("a)", 3, "I > 2 > a"),
        ("b)", 3, "I > 2 > b"), ("II.", 1, "II"), ("1.", 2, "II > 1"),
    ]),
    ("legal", LEGAL, [
        ("Chương I", 1, "Chương I"), ("Điều 1.", 2, "Chương I > Điều 1"),
        ("1.", 3, "Chương I > Điều 1 > 1"), ("a)", 4, "Chương I > Điều 1 > 1 > a"),
        ("b)", 4, "Chương I > Điều 1 > 1 > b"), ("2.", 3, "Chương I > Điều 1 > 2"),
        ("Điều 2.", 2, "Chương I > Điều 2"), ("Chương II", 1, "Chương II"),
        ("Điều 3.", 2, "Chương II > Điều 3"),
    ]),
]


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_tree(name, text, expected):
    sections = parse_sections(normalize(text).text)
    assert [(s.label, s.level, s.path) for s in sections] == expected


@pytest.mark.parametrize("text,title", [
    (WEB_PLAN, "MỤC ĐÍCH, YÊU CẦU"),
    (LEGAL, "QUY ĐỊNH CHUNG"),
    (SEED_003, "Công tác chỉ đạo, triển khai và tổ chức thực hiện tại các xã, thị trấn"),
])
def test_first_title(text, title):
    assert parse_sections(normalize(text).text)[0].title == title


def test_offsets_nest_and_point_at_labels():
    text = normalize(LEGAL).text
    sections = parse_sections(text)
    for s in sections:
        assert text[s.start:].startswith(s.label.rstrip(".:)-"))
        parents = [p for p in sections if s.path.startswith(p.path + " > ")]
        assert all(p.start <= s.start and s.end <= p.end for p in parents)


def test_sections_start_after_the_header():
    text = "UBND TỈNH LẠNG SƠN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 1/KH-UBND\n" \
           "Lạng Sơn, ngày 1 tháng 2 năm 2024\nKẾ HOẠCH\nThực hiện năm 2024\n\nI. MỤC ĐÍCH\n"
    doc = structure(normalize(text))
    assert [s.path for s in doc.sections] == ["I"]


@pytest.mark.skipif(not SHARED.exists(), reason="../shared (gold and corpus) is not on this machine")
def test_seed_003_projects_in_tree():
    text = next((SHARED / "corpus" / "seeds").glob("003_*.txt")).read_text(encoding="utf-8")
    paths = [s.path for s in structure(normalize(text)).sections]
    assert "2 > Dự án 1 > Nội dung số 02" in paths


def test_every_section_kind_says_what_it_opens_with():
    # The line-start gate tries a kind only where its first character can open it: a kind
    # added without that is never found.
    from pipeline.structure.sections import kinds, opens

    assert set(opens()) == {name for name, _, _ in kinds()}
