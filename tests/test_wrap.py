"""Reading across wrapped lines and parting glued words: wrapped and glued forms as each
loader gives them (a web copy's markdown, PDF text, a DOCX), read to exact values."""
from __future__ import annotations

import docx
import pytest

from pipeline.load import load
from pipeline.normalize import normalize
from pipeline.structure import structure
from pipeline.structure.sections import parse_sections
from pipeline.wrap import continues, syllable_split


@pytest.mark.parametrize("written, normalised", [
    ("Hà Tĩnh, ngày 01 tháng12 năm 2025", "Hà Tĩnh, ngày 01 tháng 12 năm 2025"),
    ("trước ngày15 tháng 01 hằng năm", "trước ngày 15 tháng 01 hằng năm"),
    ("ngày 24 tháng11 năm2025", "ngày 24 tháng 11 năm 2025"),
    ("Thông tư số 43/2025/TT-BYTngày 15", "Thông tư số 43/2025/TT-BYT ngày 15"),
    ("chức năng,nhiệm vụ, quyền hạn", "chức năng, nhiệm vụ, quyền hạn"),
    ("xã, phường, đặc khuthuộc tỉnh", "xã, phường, đặc khu thuộc tỉnh"),
    ("vốn đồngđối ứng", "vốn đồng đối ứng"),
    ("ứng phó sự cốbức xạ", "ứng phó sự cố bức xạ"),
    ("khả năng nềnHệ số", "khả năng nền Hệ số"),
    # left whole: symbols, foreign words, letters in a list, capitals after a comma
    ("Quyết định 2553/QĐ-TTg ngày 21", "Quyết định 2553/QĐ-TTg ngày 21"),
    ("Huawei Watch 5, Silicon 1PR x 1.5mm2", "Huawei Watch 5, Silicon 1PR x 1.5mm2"),
    ("Mẫu số 05.b,c,d,e/TT", "Mẫu số 05.b,c,d,e/TT"),
    ("Lưu: VT, GDNN,GDTXĐH", "Lưu: VT, GDNN,GDTXĐH"),
    ("Nghị quyết 98/2023/QH15 của Quốc hội", "Nghị quyết 98/2023/QH15 của Quốc hội"),
])
def test_glued_words_parted(written, normalised):
    assert normalize(written).text == normalised


def test_parted_words_keep_offsets():
    written = "ngày 24 tháng11 năm 2025"
    norm = normalize(written)
    at = norm.text.index("11")
    assert norm.text[at - 1] == " "
    # the inserted space and the number both point at the number in the original
    assert [norm.to_original[i] for i in (at - 1, at, at + 1)] == [13, 13, 14]
    assert written[13:15] == "11"


@pytest.mark.parametrize("token, cut", [
    ("đồngđối", 4), ("khuthuộc", 3), ("nềnHệ", 3), ("thuộc", None), ("nghiêng", None),
    ("Silicon", None), ("Gathering", None), ("axít", None),
])
def test_syllable_split(token, cut):
    assert syllable_split(token) == cut


@pytest.mark.parametrize("line, next_line, expected", [
    ("*Tây", "Ninh, ngày 01 tháng 12 năm 2025*", True),        # an italic span runs on
    ("**QUYẾT", "ĐỊNH**", True),                                 # a bold span runs on
    ("hoạt động sản xuất, kinh", "doanh của người nộp thuế", True),
    ("trong lĩnh vực báo chí, xuất", "bản", True),
    ("Thông tư số 38/2015/TT-BTC của", "Bộ trưởng Bộ Tài chính", True),
    ("NGHỊ QUYẾT", "về phát triển kinh tế - xã hội", False),     # type line over trích yếu
    ("Số: 5387/CT-CS", "*v/v trả lời phản ánh kiến nghị*", False),
    ("VỀ KẾT QUẢ XÁC ĐỊNH TRƯỚC MÃ SỐ", "**CỤC TRƯỞNG CỤC", False),
    ("ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN", False),
    ("Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;", "căn cứ …", False),
    ("1. Lãi suất cho vay hộ nghèo", "- Đối tượng", False),
    # a place cut before its ", ngày" in plain PDF text, with no span to run on
    ("Tây", "Ninh, ngày 19 tháng 11 năm 2025", True),
    ("Thành phố Hồ Chí", "Minh, ngày 28 tháng 11 năm 2025", True),
    ("Độc lập - Tự do - Hạnh phúc", "Hà Nội, ngày 01 tháng 12 năm 2025", False),
    ("TỈNH TÂY NINH", "Tây Ninh, ngày 19 tháng 11 năm 2025", False),
    ("Số: 3303/QĐ-STP", "Tây Ninh, ngày 19 tháng 11 năm 2025", False),
    ("Tây", "Ninh được giao nhiệm vụ", False),
    # a change of weight parts the phrases, though "CAO BẰNG" ends on the word "bằng"
    ("CAO BẰNG", "**CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH CAO BẰNG**", False),
    ("**VỀ VIỆC QUY ĐỊNH CHI TIẾT THI HÀNH**", "**LUẬT ĐẤT ĐAI**", False),
    ("**KẾ HOẠCH THỰC HIỆN CÁC NHIỆM VỤ CỦA**", "**ỦY BAN NHÂN DÂN TỈNH**", True),
    # spacing the regex engine reads as space (an em space, a no-break space) is markup
    ("Thông tư số 38/2015/TT-BTC của\u2003", "\u00a0Bộ trưởng Bộ Tài chính", True),
    ("các chính sách hỗ trợ đối với", "Hộ nghèo, hộ cận nghèo", True),   # the longest connector
    ("Kèm theo Quyết định số 12/QĐ-UBND;", "Hà Nội, ngày 5", False),
])
def test_continues(line, next_line, expected):
    assert continues(line, next_line) is expected


WEB_COPY = """BỘ TƯ PHÁP
--------
|
**CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: 3303/QĐ-BTP
|
*Tây
Ninh, ngày 19 tháng11 năm 2025*
|
**QUYẾT
ĐỊNH**
VỀ VIỆC CÔNG BỐ THỦ TỤC HÀNH CHÍNH TRONG LĨNH VỰC BÁO CHÍ, XUẤT
BẢN
**BỘ TRƯỞNG BỘ TƯ PHÁP**
Căn cứ Luật Ban hành văn bản quy phạm pháp luật;
"""

WEB_LETTER = """**SỞ GIÁO DỤC VÀ ĐÀO TẠO**
--------
|
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
|
Số: 5155/SGDĐT-GDTXNNĐH
*Về hướng dẫn đánh giá, xếp loại trung tâm
học tập cộng đồng từ năm 2025*
|
*Thành phố Hồ Chí Minh, ngày 28 tháng 11 năm 2025*
|
**Kính gửi: **Ủy ban nhân dân phường, xã và đặc khu
Căn cứ Luật Giáo dục ngày 14
tháng 6 năm 2019;
"""

PDF_TEXT = """BỘ Y TẾ                                   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                                          Độc lập - Tự do - Hạnh phúc

Số: 53/2025/TT-BYT                        Hà Nội, ngày 31 tháng12 năm 2025

THÔNG TƯ
Sửa đổi, bổ sung Thông tư số 43/2025/TT-BYTngày 15 tháng 11 năm 2025 hướng dẫn chức
năng,nhiệm vụ của Trạm Y tế xã, phường, đặc khuthuộc tỉnh

Căn cứ Luật Tổ chức Chính phủ;
"""


PLAIN_PDF = """ỦY BAN NHÂN DÂN TỈNH TÂY NINH
SỞ TƯ PHÁP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 3303/QĐ-STP
Tây
Ninh, ngày 19 tháng 11 năm 2025
QUYẾT ĐỊNH
VỀ VIỆC CÔNG BỐ THỦ TỤC HÀNH CHÍNH TRONG LĨNH VỰC CHỨNG THỰC
Căn cứ Luật Ban hành văn bản quy phạm pháp luật;
"""

PLAIN_PDF_CITY = PLAIN_PDF.replace("Tây\nNinh,", "Thành phố Hồ Chí\nMinh,")


@pytest.mark.parametrize("text, expected", [
    (PLAIN_PDF, dict(kind="QĐ", issued_date="2025-11-19", issued_place="Tây Ninh",
                     issuer="Sở Tư pháp",
                     title="Về việc công bố thủ tục hành chính trong lĩnh vực chứng thực")),
    (PLAIN_PDF_CITY, dict(issued_date="2025-11-19", issued_place="Thành phố Hồ Chí Minh")),
    (WEB_COPY, dict(kind="QĐ", issued_date="2025-11-19", issued_place="Tây Ninh",
                    issuer="Bộ Tư pháp",
                    title="Về việc công bố thủ tục hành chính trong lĩnh vực báo chí, xuất bản")),
    (WEB_LETTER, dict(kind="CV", issued_date="2025-11-28",
                      issued_place="Thành phố Hồ Chí Minh",
                      title="Về hướng dẫn đánh giá, xếp loại trung tâm học tập cộng đồng từ năm 2025")),
    (PDF_TEXT, dict(kind="TT", issued_date="2025-12-31", issued_place="Hà Nội",
                    title="Sửa đổi, bổ sung Thông tư số 43/2025/TT-BYT ngày 15 tháng 11 năm 2025 "
                          "hướng dẫn chức năng, nhiệm vụ của Trạm Y tế xã, phường, đặc khu thuộc tỉnh")),
])
def test_header_read_across_wraps(text, expected):
    header = structure(normalize(text)).header
    assert {field: getattr(header, field) for field in expected} == expected


def test_docx_soft_breaks(tmp_path):
    # a soft line break inside a bold run: each line comes out in its own bold span
    document = docx.Document()
    document.add_paragraph("BỘ TÀI CHÍNH")
    document.add_paragraph("Số: 12/2025/TT-BTC")
    document.add_paragraph("Hà Nội, ngày 05 tháng 3 năm2025")
    document.add_paragraph().add_run("THÔNG TƯ").bold = True
    title = document.add_paragraph()
    title.add_run("Quy định mức thu phí thẩm định cấp giấy phép kinh doanh karaoke, vũ").bold = True
    title.add_run("\ntrường và chế độ thu, nộp").bold = True
    document.add_paragraph("Căn cứ Luật Phí và lệ phí;")
    path = tmp_path / "wrapped.docx"
    document.save(path)
    header = structure(normalize(load(path).text)).header
    assert (header.kind, header.issued_date, header.title) == (
        "TT", "2025-03-05",
        "Quy định mức thu phí thẩm định cấp giấy phép kinh doanh karaoke, vũ trường và chế độ thu, nộp")


@pytest.mark.parametrize("text, titles", [
    # a web copy's numbered item wraps in the middle of a phrase
    ("Điều 1. Điều chỉnh giảm lãi\nsuất cho vay\n"
     "2. Lãi suất cho vay hộ gia đình sản xuất, kinh\ndoanh tại vùng khó khăn.\n"
     "3. Lãi suất cho vay nước sạch\n4. Hiệu lực",
     ["Điều chỉnh giảm lãi suất cho vay",
      "Lãi suất cho vay hộ gia đình sản xuất, kinh doanh tại vùng khó khăn",
      "Lãi suất cho vay nước sạch", "Hiệu lực"]),
])
def test_section_titles_read_across_wraps(text, titles):
    assert [s.title for s in parse_sections(text)] == titles
