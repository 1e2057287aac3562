import pytest

from pipeline.normalize import normalize
from pipeline.structure import structure
from pipeline.structure.news import read_news

NEWS = [
    # mic.gov.vn (seed 000): weekday, date and time under the headline, site in brackets
    ("Công tác quản lý, chỉ đạo, điều hành Chương trình MTQG 1719 tại Lạng Sơn\n\n"
     "Thứ bảy, 04/11/2023 22:05\n\n"
     "(Mic.gov.vn) - Theo báo cáo đánh giá giữa kỳ thực hiện Chương trình mục tiêu quốc gia",
     ("Công tác quản lý, chỉ đạo, điều hành Chương trình MTQG 1719 tại Lạng Sơn",
      "2023-11-04", "Mic.gov.vn")),
    # Dân trí (seed 001): a back link names the site, no date in the lead
    ("Quay lại Dân trí\nDân Sinh\n\nLạng Sơn: Nâng cao năng lực, kiểm tra, giám sát Chương trình "
     "mục tiêu quốc gia giảm nghèo bền vững\n\nBên cạnh việc tập trung thực hiện",
     ("Lạng Sơn: Nâng cao năng lực, kiểm tra, giám sát Chương trình mục tiêu quốc gia giảm nghèo "
      "bền vững", None, "Dân trí")),
    # provincial portal (seed 004): the menu line is too short to be a headline
    ("Thông tin mới nhất\nThống kê truy cập\n  • Hôm nay: 304\nĐăng nhập\n"
     "Tăng cường các hoạt động phối hợp giúp đỡ xã triển khai các Chương trình mục tiêu Quốc gia\n"
     "Lượt xem: 93\n\nNgày 31/8/2023, Uỷ ban nhân dân tỉnh đã ban hành Công văn số 4393/UBND-NLN",
     ("Tăng cường các hoạt động phối hợp giúp đỡ xã triển khai các Chương trình mục tiêu Quốc gia",
      "2023-08-31", None)),
    # a web copy of a Q&A page with markdown headings
    ("# Nguyên tắc quản lý, thanh toán vốn đầu tư công theo Nghị định 254/2025/NĐ-CP như thế nào?\n\n"
     "**Nguyên tắc quản lý**",
     ("Nguyên tắc quản lý, thanh toán vốn đầu tư công theo Nghị định 254/2025/NĐ-CP như thế nào?",
      None, None)),
]


@pytest.mark.parametrize("text, expected", NEWS)
def test_read_news(text, expected):
    news = read_news(normalize(text).text)
    assert (news.headline, news.published, news.site) == expected


def test_a_text_without_header_is_news_and_one_with_a_header_has_its_kind():
    assert structure(normalize(NEWS[0][0])).kind == "news"
    letter = ("UBND TỈNH LẠNG SƠN\nSỞ TÀI CHÍNH\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              "Độc lập - Tự do - Hạnh phúc\n|\nSố: 1534/STC-QLNS\nV/v báo cáo tiến độ giải ngân\n|\n"
              "Lạng Sơn, ngày 07 tháng 9 năm 2023\n|\nKính gửi: Các sở, ban, ngành tỉnh.\n")
    found = structure(normalize(letter))
    assert (found.kind, found.news) == ("CV", None)
