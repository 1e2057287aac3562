"""A news article's subject (issue #19, item 4): the document its headline cites, or the one
its lead reports being issued; an article that only mentions documents has none."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import extract_loaded
from pipeline.load.text import load_text
from pipeline.store import open_db, write_result


def subject(text: str):
    result = extract_loaded(load_text(Path("tin.txt"), text.encode()))
    assert result.kind == "news"
    s = result.news.subject
    return s and (s.kind, s.number_symbol, s.date, s.issuer)


DATE_LINE = "Thứ tư, 03/12/2025 08:15\n\n"

CASES = [
    # the lead reports the act: kind, number, date and body from its sentence
    ("Chính phủ ban hành Nghị quyết về phát triển kinh tế tư nhân\n\n" + DATE_LINE +
     "Ngày 2/12/2025, Chính phủ ban hành Nghị quyết 389/NQ-CP về việc triển khai các nhiệm vụ, giải "
     "pháp phát triển kinh tế tư nhân trong giai đoạn mới.\n",
     ("NQ", "389/NQ-CP", "2025-12-02", "Chính phủ")),
    ("Triển khai Kế hoạch thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2024\n" +
     DATE_LINE + "Ngày 25/01/2024, Ủy ban nhân dân tỉnh Lạng Sơn ban hành Kế hoạch số 58/KH-UBND thực "
     "hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững trên địa bàn tỉnh năm 2024.\n",
     ("KH", "58/KH-UBND", "2024-01-25", "Ủy ban nhân dân tỉnh Lạng Sơn")),
    # "đã", "vừa" are not part of the body's name; a lead wrapped over lines is one lead
    ("Đồng Nai triển khai Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ I\n\n"
     "Ngày 26/11/2025, UBND tỉnh Đồng Nai đã ban hành Kế hoạch 188/KH-UBND về việc triển khai\n"
     "thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ I, nhiệm kỳ 2025-2030.\n",
     ("KH", "188/KH-UBND", "2025-11-26", "UBND tỉnh Đồng Nai")),
    ("Phê duyệt Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng dân tộc thiểu số\n\n"
     "Thủ tướng Chính phủ vừa ký Quyết định số 1719/QĐ-TTg ngày 14/10/2021 phê duyệt Chương trình "
     "mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi.\n",
     ("QĐ", "1719/QĐ-TTG", "2021-10-14", "Thủ tướng Chính phủ")),  # the stored (gold) form
    # the headline cites it: that is the subject, the lead completes date and body
    ("Toàn văn Công văn 18590/BTC-PTHT năm 2025 về tình hình phân bổ vốn đầu tư công\n\n"
     "Ngày 28/11/2025, Bộ Tài chính ban hành Công văn 18590/BTC-PTHT về tình hình phân bổ, giải "
     "ngân kế hoạch vốn đầu tư công năm 2025.\n",
     ("CV", "18590/BTC-PTHT", "2025-11-28", "Bộ Tài chính")),
    ("Nguyên tắc quản lý, thanh toán vốn đầu tư công theo Nghị định 254/2025/NĐ-CP như thế nào?\n\n"
     "Nguyên tắc quản lý, thanh toán vốn đầu tư công được quy định tại Điều 6 Nghị định "
     "254/2025/NĐ-CP, cụ thể như sau:\n",
     ("NĐ", "254/2025/NĐ-CP", None, None)),
    # the document issued is the one after the verb, not the one it implements
    ("Lạng Sơn triển khai Chương trình mục tiêu quốc gia vùng đồng bào dân tộc thiểu số\n\n"
     "Ngày 15/3/2023, UBND tỉnh ban hành Kế hoạch số 64/KH-UBND thực hiện Quyết định số "
     "1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ trên địa bàn tỉnh.\n",
     ("KH", "64/KH-UBND", "2023-03-15", "UBND tỉnh")),
    # only mentioned, as a basis or in passing: no subject
    ("Lạng Sơn: Ứng dụng công nghệ thông tin vùng đồng bào dân tộc thiểu số còn nhiều lỗ hổng\n\n"
     + DATE_LINE + "(Báo điện tử tỉnh) - Qua kiểm tra việc thực hiện Tiểu dự án 2 thuộc Dự án 10 của "
     "Chương trình MTQG 1719, Sở Thông tin và Truyền thông phát hiện nhiều trang thông tin chưa an toàn.\n\n"
     "Theo Quyết định số 499/QĐ-UBND ngày 23/3/2023 của UBND tỉnh Lạng Sơn, năm 2023 Dự án 10 được "
     "giao 3.483,6 triệu đồng vốn sự nghiệp.\n", None),
    ("Kiểm tra công tác chỉ đạo và kết quả thực hiện các Chương trình MTQG trên địa bàn xã\n\n"
     "Sáng ngày 14/9/2023, đoàn công tác của UBND huyện đã có buổi kiểm tra theo Quyết định số "
     "596/QĐ-UBND ngày 17/8/2023 của UBND huyện về việc thành lập Đoàn kiểm tra.\n", None),
    # the act is reported in a later paragraph, not the lead: no subject
    ("Công tác quản lý, chỉ đạo, điều hành Chương trình MTQG 1719 tại Lạng Sơn\n\n"
     "(Mic.gov.vn) - Theo báo cáo đánh giá giữa kỳ, công tác quản lý, chỉ đạo, điều hành Chương "
     "trình luôn được tỉnh quan tâm chú trọng trong những năm qua.\n\n"
     "Tỉnh ủy Lạng Sơn đã ban hành Nghị quyết số 58-NQ/TU ngày 29/11/2021 về công tác dân tộc.\n", None),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_subject(text, expected):
    assert subject(text) == expected


def test_an_official_document_has_no_subject(tmp_path):
    from test_store import qd_result

    assert qd_result().news is None


def test_the_subject_is_stored_with_a_lookup_key(tmp_path):
    result = extract_loaded(load_text(Path("tin-389.txt"), CASES[0][0].encode()))
    db = open_db(tmp_path / "v.db")
    write_result(db, result, "tin-389.txt")
    assert db.execute("select kind, subject_kind, subject_number, subject_key, subject_date, subject_issuer "
                      "from documents").fetchall() == [
        ("news", "NQ", "389/NQ-CP", "389nqcp", "2025-12-02", "Chính phủ")]
