"""Money in tables, on excerpts of meta-dev documents as they are written: one cell per
line, merged cells leaving rows short, column-number rows, ratio columns, and a unit line
whose scope is one table (test_money_tables.py has the layouts and the rules)."""
import pytest

from test_money_tables import amounts

VINH_LONG = """*(Ban hành kèm theo Nghị quyết số
22/2025/NQ-HĐND ngày 18 tháng 11 năm 2025 của Hội đồng nhân dân tỉnh Vĩnh Long)*
|
**Số TT**
|
**Tên kỳ thi**
|
**Nội dung chi**
|
**Mức chi/ Tiền công (1.000đ)**
|
**Đơn vị tính**
|
**Ghi chú**
|
|
**I**
|
**Tốt nghiệp trung học
phổ thông**
|
**1. Ban Chỉ đạo thi **
|
|
|
- Trưởng ban
|
692
|
người/ngày
|
|
|
- Phó Trưởng ban
|
623
|
người/ngày
|
|
|
**4.2**
|
+ Giải ba (đồng)
|
260
|
Giải
|
"""

CA_MAU = """*Đơn
vị: Triệu đồng.*
|
**STT**
|
**Nội dung**
|
**Năm 2025**
|
**Dự toán** **2026**
|
**DT 2026** **với UTH** **2025 (%)**
|
|
**Dự toán**
|
**Ước thực hiện**
|
|
*A*
|
*B*
|
*1*
|
*2*
|
*3*
|
*4=3/2*
|
|
**I**
|
**Tổng dư nợ đầu năm**
|
**311.113**
|
**311.113**
|
**292.434**
|
**94,00**
|
|
|
*Tỷ lệ mức dư nợ đầu kỳ so
với mức dư nợ vay tối đa của ngân sách địa phương (%)*
|
*16,52*
|
*14,62*
|
|
|
2
|
Vay lại từ nguồn Chính phủ
vay ngoài nước
|
299.431
|
299.431
|
284.537
|
95,03
|
"""

HA_NOI = """Đơn vị tính: Triệu đồng
|
**STT**
|
**Loại văn bản**
|
**Tổng mức chi**
|
**Nhiệm vụ soạn thảo**
|
|
1
|
Nghị quyết của Hội đồng
nhân dân Thành phố
|
250
|
140
|
|
2
|
Quyết định của Ủy ban
nhân dân Thành phố
|
100
|
80
|
**PHỤ LỤC II**
DANH MỤC CÁC XÃ THỰC HIỆN
|
**STT**
|
**Tên xã**
|
**Số thôn**
|
**Số hộ**
|
|
1
|
Xã Sóc Sơn
|
12
|
640
|
"""


@pytest.mark.parametrize("text, expected", [
    # tnt:d5f01e57: the (1.000đ) column under merged cells; `Giải ba (đồng)` is bronze.
    (VINH_LONG, [("692", 692_000), ("623", 623_000), ("260", 260_000)]),
    # real_001: A | B | 1 … 4=3/2 numbers the columns, the ratio column and the (%) row
    # hold percentages.
    (CA_MAU, [("311.113", 311_113_000_000), ("311.113", 311_113_000_000), ("292.434", 292_434_000_000),
              ("299.431", 299_431_000_000), ("299.431", 299_431_000_000), ("284.537", 284_537_000_000)]),
    # tnt:d2ab0055: the unit line governs its table, not the next one in the same block.
    (HA_NOI, [("250", 250_000_000), ("140", 140_000_000), ("100", 100_000_000), ("80", 80_000_000)]),
], ids=["merged cells, header unit", "column numbers and ratio column", "unit line scope"])
def test_real_table_excerpts(text, expected):
    assert amounts(text) == expected
