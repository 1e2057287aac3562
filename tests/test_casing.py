"""Re-casing all-caps header lines (pipeline/structure/casing.py, patterns/casing.toml):
issuer lines, signature positions and trích yếu shaped like those of real documents, each
checked character for character; and the property that re-casing only ever changes case.
"""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalize import normalize
from pipeline.structure import structure
from pipeline.structure.casing import recase
from pipeline.structure.naming import recase_name

# issuer, parent body and signature lines: recase_name (spelled-out UBND/HĐND shortened)
NAMES = [
    ("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "Bộ Nông nghiệp và Môi trường"),
    ("BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "Bộ Tài nguyên và Môi trường"),
    ("TRƯỜNG ĐẠI HỌC NÔNG LÂM", "Trường Đại học Nông Lâm"),
    ("TRƯỜNG ĐẠI HỌC SƯ PHẠM HÀ NỘI", "Trường Đại học Sư phạm Hà Nội"),
    ("BỘ NỘI VỤ", "Bộ Nội vụ"),
    ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"),
    ("ỦY BAN NHÂN DÂN TỈNH TÂY NINH", "UBND tỉnh Tây Ninh"),
    ("HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI", "HĐND thành phố Hà Nội"),
    ("UBND XÃ ĐẮK MIL", "UBND xã Đắk Mil"),
    ("UBND HUYỆN KRÔNG PẮC", "UBND huyện Krông Pắc"),
    ("CỤC VIỄN THÁM QUỐC GIA", "Cục Viễn thám quốc gia"),
    ("BỘ CÔNG THƯƠNG", "Bộ Công Thương"),
    ("BỘ KHOA HỌC VÀ CÔNG NGHỆ", "Bộ Khoa học và Công nghệ"),
    ("BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo"),
    ("SỞ Y TẾ", "Sở Y tế"),
    ("SỞ GD&ĐT", "Sở GD&ĐT"),
    ("BAN DÂN TỘC VÀ TÔN GIÁO", "Ban Dân tộc và Tôn giáo"),
    ("NGÂN HÀNG NHÀ NƯỚC VIỆT NAM", "Ngân hàng Nhà nước Việt Nam"),
    ("KHO BẠC NHÀ NƯỚC", "Kho bạc Nhà nước"),
    ("ỦY BAN THƯỜNG VỤ QUỐC HỘI", "Ủy ban Thường vụ Quốc hội"),
    ("VĂN PHÒNG CHÍNH PHỦ", "Văn phòng Chính phủ"),
    ("THANH TRA CHÍNH PHỦ", "Thanh tra Chính phủ"),
    ("TÒA ÁN NHÂN DÂN TỐI CAO", "Tòa án nhân dân tối cao"),
    ("BỘ CHỈ HUY QUÂN SỰ TỈNH LẠNG SƠN", "Bộ Chỉ huy quân sự tỉnh Lạng Sơn"),
    ("TRUNG TÂM XÚC TIẾN ĐẦU TƯ, THƯƠNG MẠI VÀ DU LỊCH", "Trung tâm Xúc tiến đầu tư, thương mại và du lịch"),
    ("CHI CỤC THỦY LỢI", "Chi cục Thủy lợi"),
    ("TỈNH ỦY LẠNG SƠN", "Tỉnh ủy Lạng Sơn"),
    ("BỆNH VIỆN ĐA KHOA TỈNH CAO BẰNG", "Bệnh viện Đa khoa tỉnh Cao Bằng"),
    ("CÔNG AN TỈNH QUẢNG NINH", "Công an tỉnh Quảng Ninh"),
    ("PHÓ CHỦ TỊCH", "Phó Chủ tịch"),
    ("THỨ TRƯỞNG", "Thứ trưởng"),
    ("PHÓ TRƯỞNG THUẾ TỈNH", "Phó Trưởng Thuế tỉnh"),
    ("GIÁM ĐỐC SỞ TÀI CHÍNH", "Giám đốc Sở Tài chính"),
    ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "Chủ tịch UBND tỉnh"),
    ("Bộ Công An", "Bộ Công An"),  # written in mixed case: kept
]

TITLES = [
    # a name holding a province's name (Bình Dương) is still one name; a country's
    # transliterated name keeps its capital
    ("QUY ĐỊNH VỀ XUẤT KHẨU HÀNG DỆT MAY SANG MÊ-HI-CÔ THEO HIỆP ĐỊNH ĐỐI TÁC TOÀN DIỆN VÀ TIẾN BỘ "
     "XUYÊN THÁI BÌNH DƯƠNG",
     "Quy định về xuất khẩu hàng dệt may sang Mê-hi-cô theo Hiệp định Đối tác Toàn diện và Tiến bộ "
     "xuyên Thái Bình Dương"),
    ("VỀ PHÁT TRIỂN KINH TẾ BIỂN VÙNG BIỂN ĐÔNG", "Về phát triển kinh tế biển vùng Biển Đông"),
    ("PHÊ DUYỆT ĐỀ ÁN GIAI ĐOẠN I THỰC HIỆN QUYẾT ĐỊNH SỐ 1719/QĐ-TTG TẠI THÀNH PHỐ HÀ NỘI",
     "Phê duyệt đề án giai đoạn I thực hiện Quyết định số 1719/QĐ-TTg tại thành phố Hà Nội"),
    ("BAN HÀNH QUY CHẾ LÀM VIỆC MẪU CỦA ỦY BAN NHÂN DÂN XÃ, PHƯỜNG, ĐẶC KHU",
     "Ban hành quy chế làm việc mẫu của Ủy ban nhân dân xã, phường, đặc khu"),
    ("SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA NGHỊ ĐỊNH SỐ 150/2025/NĐ-CP NGÀY 12 THÁNG 6 NĂM 2025 CỦA CHÍNH PHỦ",
     "Sửa đổi, bổ sung một số điều của Nghị định số 150/2025/NĐ-CP ngày 12 tháng 6 năm 2025 của Chính phủ"),
    ("BÃI BỎ THÔNG TƯ SỐ 19/2003/TT-BTC NGÀY 20 THÁNG 3 NĂM 2003 CỦA BỘ TÀI CHÍNH",
     "Bãi bỏ Thông tư số 19/2003/TT-BTC ngày 20 tháng 3 năm 2003 của Bộ Tài chính"),
    ("HƯỚNG DẪN ĐIỀU 23 CỦA NGHỊ ĐỊNH SỐ 105/2025/NĐ-CP",
     "Hướng dẫn Điều 23 của Nghị định số 105/2025/NĐ-CP"),
    ("QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU CỦA LUẬT ĐA DẠNG SINH HỌC",
     "Quy định chi tiết một số điều của Luật Đa dạng sinh học"),
    ("QUY ĐỊNH CHI TIẾT THI HÀNH MỘT SỐ ĐIỀU CỦA LUẬT THI ĐUA, KHEN THƯỞNG VÀ NGHỊ ĐỊNH "
     "152/2025/NĐ-CP CỦA CHÍNH PHỦ",
     "Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng và Nghị định "
     "152/2025/NĐ-CP của Chính phủ"),
    ("QUY ĐỊNH XỬ PHẠT VI PHẠM HÀNH CHÍNH VỀ BẢO VỆ MÔI TRƯỜNG",
     "Quy định xử phạt vi phạm hành chính về bảo vệ môi trường"),
    ("QUY ĐỊNH VỀ TĂNG TRƯỞNG XANH VÀ PHÁT TRIỂN BỀN VỮNG",
     "Quy định về tăng trưởng xanh và phát triển bền vững"),
    ("KẾ HOẠCH THỰC HIỆN CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA XÂY DỰNG NÔNG THÔN MỚI GIAI ĐOẠN "
     "2021 - 2025 TRÊN ĐỊA BÀN TỈNH LẠNG SƠN",
     "Kế hoạch thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn "
     "2021 - 2025 trên địa bàn tỉnh Lạng Sơn"),
    ("PHÂN BỔ VỐN SỰ NGHIỆP THỰC HIỆN CHƯƠNG TRÌNH MTQG PHÁT TRIỂN KT-XH VÙNG ĐỒNG BÀO "
     "DTTS&MN GIAI ĐOẠN I: TỪ NĂM 2021 ĐẾN NĂM 2025",
     "Phân bổ vốn sự nghiệp thực hiện Chương trình MTQG phát triển KT-XH vùng đồng bào "
     "DTTS&MN giai đoạn I: từ năm 2021 đến năm 2025"),
    ("ĐIỀU CHỈNH KẾ HOẠCH VỐN NGÂN SÁCH NHÀ NƯỚC NĂM 2025 CỦA BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
     "Điều chỉnh kế hoạch vốn ngân sách nhà nước năm 2025 của Bộ Nông nghiệp và Môi trường"),
    ("BAN HÀNH QUY CHUẨN KỸ THUẬT QUỐC GIA VỀ CÔNG TRÌNH THỦY ĐIỆN",
     "Ban hành Quy chuẩn kỹ thuật quốc gia về Công trình thủy điện"),
    ("TỔ CHỨC THI TUYỂN CHỨC DANH PHÓ GIÁM ĐỐC SỞ NỘI VỤ",
     "Tổ chức thi tuyển chức danh Phó Giám đốc Sở Nội vụ"),
    ("GIAO CHỈ TIÊU KẾ HOẠCH NĂM 2026 CHO SỞ KẾ HOẠCH VÀ ĐẦU TƯ VÀ SỞ TÀI CHÍNH",
     "Giao chỉ tiêu kế hoạch năm 2026 cho Sở Kế hoạch và Đầu tư và Sở Tài chính"),
    ("BÁO CÁO KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT SỐ 25/NQ-HĐND CỦA HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NAM",
     "Báo cáo kết quả thực hiện Nghị quyết số 25/NQ-HĐND của Hội đồng nhân dân tỉnh Quảng Nam"),
    ("QUY ĐỊNH MỨC HỖ TRỢ XI MĂNG ĐỂ XÂY DỰNG ĐƯỜNG GIAO THÔNG NÔNG THÔN",
     "Quy định mức hỗ trợ xi măng để xây dựng đường giao thông nông thôn"),
    ("SỬA ĐỔI LUẬT SỐ 15/2025/QH15 VÀ BỘ LUẬT LAO ĐỘNG",
     "Sửa đổi Luật số 15/2025/QH15 và Bộ luật Lao động"),
    ("QUY ĐỊNH VỀ QUẢN LÝ, SỬ DỤNG NGUỒN VỐN ODA VÀ VỐN VAY ƯU ĐÃI",
     "Quy định về quản lý, sử dụng nguồn vốn ODA và vốn vay ưu đãi"),
    ("CÔNG BỐ THỦ TỤC HÀNH CHÍNH THUỘC THẨM QUYỀN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP",
     "Công bố thủ tục hành chính thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân tỉnh Đồng Tháp"),
    ("TĂNG CƯỜNG PHÒNG, CHỐNG DỊCH BỆNH TẠI TỈNH BÀ RỊA - VŨNG TÀU",
     "Tăng cường phòng, chống dịch bệnh tại tỉnh Bà Rịa - Vũng Tàu"),
    ("TẬP TRUNG ỨNG PHÓ LŨ ĐẶC BIỆT LỚN TẠI KHÁNH HÒA, ĐẮK LẮK VÀ GIA LAI",
     "Tập trung ứng phó lũ đặc biệt lớn tại Khánh Hòa, Đắk Lắk và Gia Lai"),
    ("KẾT LUẬN CỦA PHÓ THỦ TƯỚNG THƯỜNG TRỰC CHÍNH PHỦ NGUYỄN HÒA BÌNH TẠI CUỘC HỌP VỀ BÁO CÁO",
     "Kết luận của Phó Thủ tướng Thường trực Chính phủ Nguyễn Hòa Bình tại cuộc họp về báo cáo"),
    ("CÔNG BỐ DANH MỤC 12 THỦ TỤC HÀNH CHÍNH THUỘC PHẠM VI QUẢN LÝ CỦA SỞ TƯ PHÁP TỈNH VĨNH LONG",
     "Công bố danh mục 12 thủ tục hành chính thuộc phạm vi quản lý của Sở Tư pháp tỉnh Vĩnh Long"),
    ("VỀ THỰC HIỆN CHẾ ĐỘ ĐỐI VỚI QUÂN NHÂN THAM GIA KHÁNG CHIẾN CHỐNG MỸ CỨU NƯỚC",
     "Về thực hiện chế độ đối với quân nhân tham gia kháng chiến chống Mỹ cứu nước"),
    ("BẢO ĐẢM HÒA BÌNH VÀ ỔN ĐỊNH TẠI TỈNH HÒA BÌNH",
     "Bảo đảm hòa bình và ổn định tại tỉnh Hòa Bình"),
    ("KHEN THƯỞNG ÔNG NGUYỄN VĂN AN VÀ BÀ TRẦN THỊ BÌNH",
     "Khen thưởng ông Nguyễn Văn An và bà Trần Thị Bình"),
    ("HỖ TRỢ PHÒNG, CHỐNG HIV/AIDS CHO CÁC XÃ THUỘC CHƯƠNG TRÌNH 135 GIAI ĐOẠN II",
     "Hỗ trợ phòng, chống HIV/AIDS cho các xã thuộc Chương trình 135 giai đoạn II"),
    ("TỔ CHỨC VÀ HOẠT ĐỘNG CỦA BAN CHỈ HUY QUÂN SỰ XÃ, PHƯỜNG, ĐẶC KHU TRỰC THUỘC BỘ CHỈ HUY "
     "QUÂN SỰ TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG, BỘ TƯ LỆNH THỦ ĐÔ HÀ NỘI",
     "Tổ chức và hoạt động của Ban Chỉ huy quân sự xã, phường, đặc khu trực thuộc Bộ Chỉ huy "
     "quân sự tỉnh, thành phố trực thuộc trung ương, Bộ Tư lệnh Thủ đô Hà Nội"),
    ("CÔNG BỐ VÙNG NƯỚC CẢNG BIỂN THUỘC ĐỊA PHẬN TỈNH QUẢNG NINH VÀ KHU VỰC QUẢN LÝ CỦA CẢNG VỤ "
     "HÀNG HẢI QUẢNG NINH",
     "Công bố vùng nước cảng biển thuộc địa phận tỉnh Quảng Ninh và khu vực quản lý của Cảng vụ "
     "Hàng hải Quảng Ninh"),
    ("QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ CỦA VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI TỈNH",
     "Quy định chức năng, nhiệm vụ của Văn phòng Điều phối nông thôn mới tỉnh"),
    ("BẦU BỔ SUNG ỦY VIÊN ỦY BAN NHÂN DÂN TỈNH KHÓA XV NHIỆM KỲ 2021 - 2026",
     "Bầu bổ sung Ủy viên Ủy ban nhân dân tỉnh khóa XV nhiệm kỳ 2021 - 2026"),
    ("HỖ TRỢ NGƯỜI DÂN BỊ ẢNH HƯỞNG BỞI MƯA LŨ TẠI KHU VỰC TRUNG BỘ VÀ TÂY NGUYÊN",
     "Hỗ trợ người dân bị ảnh hưởng bởi mưa lũ tại khu vực Trung Bộ và Tây Nguyên"),
    ("Quy định về hạn ngạch thuế quan năm 2026", "Quy định về hạn ngạch thuế quan năm 2026"),
    # a national information system is named as one body is
    ("HƯỚNG DẪN TỔ CHỨC VẬN HÀNH, KHAI THÁC HỆ THỐNG THÔNG TIN QUẢN LÝ NGÂN SÁCH VÀ KHO BẠC (TABMIS)",
     "Hướng dẫn tổ chức vận hành, khai thác Hệ thống thông tin quản lý Ngân sách và Kho bạc (TABMIS)"),
    ("KẾT NỐI CƠ SỞ DỮ LIỆU QUỐC GIA VỀ DÂN CƯ VỚI CỔNG DỊCH VỤ CÔNG QUỐC GIA",
     "Kết nối Cơ sở dữ liệu quốc gia về dân cư với Cổng Dịch vụ công quốc gia"),
]

# trích yếu written in mixed case: as written, but for a place or the name of one body that
# the document writes in lower case; no letter is lowered
MIXED_TITLES = [
    ("Công bố vùng nước cảng biển thuộc địa phận\nthành phố huế và khu vực quản lý của Cảng vụ Hàng hải",
     "Công bố vùng nước cảng biển thuộc địa phận thành phố Huế và khu vực quản lý của Cảng vụ Hàng hải"),
    ("Quy định chính sách thu hút, trọng dụng nhân tài\nđối với quân đội nhân dân Việt Nam",
     "Quy định chính sách thu hút, trọng dụng nhân tài đối với Quân đội nhân dân Việt Nam"),
    ("Hỗ trợ người dân tại tỉnh quảng ngãi và thái bình",
     "Hỗ trợ người dân tại tỉnh Quảng Ngãi và thái bình"),
    ("Ban hành Quy chuẩn kỹ thuật Quốc gia đối với các sản phẩm sữa dạng lỏng",
     "Ban hành Quy chuẩn kỹ thuật Quốc gia đối với các sản phẩm sữa dạng lỏng"),
    ("Quy định về ban chỉ đạo và trung tâm y tế xã", "Quy định về ban chỉ đạo và trung tâm y tế xã"),
]


@pytest.mark.parametrize(("written", "expected"), NAMES)
def test_names(written, expected):
    assert recase_name(written) == expected


@pytest.mark.parametrize(("written", "expected"), TITLES)
def test_titles(written, expected):
    assert recase(written) == expected


@pytest.mark.parametrize(("written", "expected"), MIXED_TITLES)
def test_mixed_case_titles(written, expected):
    text = ("BỘ XÂY DỰNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 45/2025/TT-BXD\nHà Nội, ngày 22 tháng 12 năm 2025\nTHÔNG TƯ\n"
            + written + "\nCăn cứ Bộ luật Hàng hải Việt Nam;\n")
    assert structure(normalize(text)).header.title == expected


def test_header_of_an_all_caps_document():
    text = ("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nSố: 12/2025/TT-BNNMT\nHà Nội, ngày 3 tháng 7 năm 2025\n"
            "THÔNG TƯ\nHƯỚNG DẪN THỰC HIỆN QUYẾT ĐỊNH SỐ 1719/QĐ-TTG CỦA THỦ TƯỚNG CHÍNH PHỦ\n"
            "TẠI TỈNH TÂY NINH\nCăn cứ Luật Tổ chức Chính phủ;\n")
    header = structure(normalize(text)).header
    assert (header.issuer, header.title) == (
        "Bộ Nông nghiệp và Môi trường",
        "Hướng dẫn thực hiện Quyết định số 1719/QĐ-TTg của Thủ tướng Chính phủ tại tỉnh Tây Ninh")


def test_all_caps_subject_of_a_letter():
    text = ("UBND TỈNH LẠNG SƠN\nSỞ TÀI CHÍNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nSố: 215/STC-QLNS\nV/V PHÂN BỔ KINH PHÍ THỰC HIỆN NGHỊ QUYẾT "
            "SỐ 12/2025/NQ-HĐND\nLạng Sơn, ngày 3 tháng 7 năm 2025\nKính gửi: Ủy ban nhân dân các xã\n")
    header = structure(normalize(text)).header
    assert (header.issuer, header.parent_body, header.title) == (
        "Sở Tài chính", "UBND tỉnh Lạng Sơn",
        "Phân bổ kinh phí thực hiện Nghị quyết số 12/2025/NQ-HĐND")


# Upper-case letters (Vietnamese ones among them), digits, spaces and the punctuation of
# titles, plus lower-case letters now and then (a mixed line is returned as written).
_LETTERS = "ABCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
_LINE = st.text(alphabet=_LETTERS + _LETTERS.lower()[:8] + "0123456789 ,-/&.:;()", max_size=120)


@given(_LINE, st.booleans())
def test_recasing_only_changes_case(line, name):
    out = recase(line, name=name)
    assert len(out) == len(line)
    assert all(a == b or a.lower() == b.lower() for a, b in zip(out, line))


@given(st.lists(st.sampled_from([w for w, _ in NAMES[:20]] + [t for t, _ in TITLES[:20]]), min_size=1, max_size=4))
def test_recasing_known_words_only_changes_case(parts):
    line = " ".join(parts)
    out = recase(line)
    assert out.lower() == line.lower() and len(out) == len(line)
