"""Counts and coverage fractions: phrases copied from ../shared/corpus."""
import pytest

from pipeline.grammar.figures import find_figures
from pipeline.normalize import normalize


def figures(text):
    return [(f.value, f.unit, f.denominator) for f in find_figures(normalize(text).text)]


FIGURES = [
    ("Vốn giao: 2.041 triệu đồng, thực hiện xây mới 46 nhà ở.", [(46, "nhà ở", None)]),
    ("giải ngân được 14 nhà = 616 triệu đồng", [(14, "nhà", None)]),
    ("Vốn giao 223 triệu đồng, hỗ trợ 74 téc nước.", [(74, "téc nước", None)]),
    ("dự kiến tổ chức 15 lớp tập huấn nâng cao năng lực giảm nghèo cho trên 3.300 cán bộ và cộng tác viên",
     [(15, "lớp tập huấn", None), (3300, "cán bộ", None)]),
    ("Tỉnh đã thành lập 03 Đoàn kiểm tra", [(3, "Đoàn kiểm tra", None)]),
    ("11/11 huyện, thành phố đã ban hành quyết định thành lập Ban Chỉ đạo cấp huyện; đồng thời hướng dẫn "
     "181/181 xã thành lập", [(11, "huyện", 11), (181, "xã", 181)]),
    ("sẽ thực hiện giám sát định kỳ trực tiếp 05/11 huyện, thành phố.", [(5, "huyện", 11)]),
    ("đầu tư và duy trì khá tốt 11/19 tiêu chí NTM", [(11, "tiêu chí", 19)]),
    ("Duy tu, bảo dưỡng 16 công trình/2.629 triệu đồng, hiện đã thực hiện xong 7 công trình",
     [(16, "công trình", None), (7, "công trình", None)]),
    ("Tỉnh đã phân bổ cho 19 cơ quan, đơn vị và 11 huyện, thành phố", [(19, "cơ quan", None), (11, "huyện", None)]),
    ("rà soát hộ nghèo, hộ cận nghèo ở các cấp được 32 cuộc.", [(32, "cuộc", None)]),
    # thousands groups parted by spaces
    ("hỗ trợ 1 500 hộ nghèo và 12 345 người", [(1500, "hộ nghèo", None), (12345, "người", None)]),
    ("kiểm tra tình hình thực hiện chương trình tại 08 xã (06 xã, thị trấn kiểm tra gián tiếp",
     [(8, "xã", None), (6, "xã", None)]),
    ("Xây dựng 09 mô hình chăn nuôi cho các đối tượng là vật nuôi chủ lực", [(9, "mô hình", None)]),
    ("Tổ chức 30 lớp (6 lớp/năm) tập huấn", [(30, "lớp", None), (6, "lớp", None)]),
    ("thu hút khoảng 1.600 doanh nghiệp, 50 hợp tác xã", [(1600, "doanh nghiệp", None), (50, "hợp tác xã", None)]),
    ("có 629/731 trường đạt chuẩn", [(629, "trường", 731)]),
    ("trồng mới 63.000 ha rừng", [(63000, "ha", None)]),
]


@pytest.mark.parametrize("sentence, expected", FIGURES, ids=[s[:40] for s, _ in FIGURES])
def test_figures(sentence, expected):
    assert figures(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Mỗi đơn vị, Đoàn kiểm tra, giám sát từ 1-2 xã/phường/thị trấn.",   # the slash means "or"
    "NGÂN SÁCH NHÀ NƯỚC 03 NĂM 2026 - 2028 TỈNH CÀ MAU",               # a year range
    "trong năm 2023 xã đã hoàn thành",                                  # a year
    "Kết quả giải ngân đến hết tháng 12/2022 xã đạt",                   # a month, not a fraction
    "Phấn đấu tổng tỷ suất sinh đạt 2,1 con/phụ nữ",                    # a ratio, not a count
    "theo Điều 3 khoản 2, Dự án 1 xã",                                  # labels
    "Tất cả: 463,210",
])
def test_not_figures(sentence):
    assert figures(sentence) == []
