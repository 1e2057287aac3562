"""Programme and project mentions on sentences from ../shared/corpus, and the gold measure."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.grammar import projects as prj
from pipeline.normalize import normalize

SHARED = Path(__file__).resolve().parents[2] / "shared"


def found(text: str) -> list[tuple]:
    return [(p.label, p.name, p.number, p.parent) for p in prj.projects(normalize(text).text)]


@pytest.mark.parametrize("sentence, expected", [
    # seed 001: name up to ", trong đó"; a Tiểu dự án's parent is the Dự án before it
    ("Thực hiện Dự án 7: Nâng cao năng lực và giám sát, đánh giá Chương trình MTQG giảm nghèo, trong đó "
     "đối với Tiểu dự án 1: Nâng cao năng lực thực hiện Chương trình: Năm 2022, tỉnh Lạng Sơn",
     [("Dự án 7", "Nâng cao năng lực và giám sát, đánh giá Chương trình MTQG giảm nghèo", "7", None),
      ("Chương trình MTQG", "giảm nghèo bền vững", None, None),
      ("Tiểu dự án 1", "Nâng cao năng lực thực hiện Chương trình", "1", "Dự án 7")]),
    # seed 003: headings, a name to the end of the line or the sentence
    ("* Dự án 1. Giải quyết tình trạng thiếu đất ở, nhà ở, đất sản xuất, nước sinh hoạt\n\n"
     "- Nội dung số 02: Hỗ trợ nhà ở. Vốn giao: 2.041 triệu đồng, thực hiện xây mới 46 nhà ở.",
     [("Dự án 1", "Giải quyết tình trạng thiếu đất ở, nhà ở, đất sản xuất, nước sinh hoạt", "1", None),
      ("Nội dung số 02", "Hỗ trợ nhà ở", "02", "Dự án 1")]),
    ("+ *Dự án hỗ trợ phát triển sản xuất cộng đồng*: Thực hiện 19 dự án hỗ trợ phát triển sản xuất",
     [("Dự án", "hỗ trợ phát triển sản xuất cộng đồng", None, None)]),
    # seed 003: the programme named with abbreviations gets its canonical name
    ("Kết quả kiểm tra tình hình thực hiện Chương trình MTQG phát triển KT-XH vùng đồng bào DTTS&MN 6 tháng",
     [("Chương trình MTQG", "phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi", None, None)]),
    # a heading or trích yếu in capitals names the programme too, wrapped or not
    ("KẾ HOẠCH THỰC HIỆN CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA XÂY DỰNG NÔNG THÔN MỚI NĂM 2025",
     [("Chương trình MTQG", "xây dựng nông thôn mới", None, None)]),
    ("TRUYỀN THÔNG VỀ GIẢM NGHÈO ĐA CHIỀU THUỘC CHƯƠNG TRÌNH\nMỤC TIÊU QUỐC GIA GIẢM NGHÈO BỀN VỮNG",
     [("Chương trình MTQG", "giảm nghèo bền vững", None, None)]),
    ("PHÂN BỔ VỐN THỰC HIỆN CHƯƠNG TRÌNH MTQG PHÁT TRIỂN KT-XH VÙNG ĐỒNG BÀO DTTS&MN",
     [("Chương trình MTQG", "phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi", None, None)]),
    # … but not the chapter word of a heading
    ("CHƯƠNG I\nQUY ĐỊNH CHUNG", []),
    # a label without a name takes the programme's name for it from patterns/programmes.toml
    ("Chương trình MTQG giảm nghèo bền vững: kết quả Dự án 7 năm 2023.",
     [("Chương trình MTQG", "giảm nghèo bền vững", None, None),
      ("Dự án 7", "Nâng cao năng lực và giám sát, đánh giá Chương trình", "7", None)]),
    # real 023: a list of programmes after one programme word
    ("Chương trình mục\ntiêu quốc gia khi hợp nhất 3 chương trình về xây dựng nông thôn mới, giảm nghèo\n"
     "bền vững, phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền\nnúi, để kịp báo cáo",
     [("Chương trình MTQG", "xây dựng nông thôn mới", None, None),
      ("Chương trình MTQG", "giảm nghèo bền vững", None, None),
      ("Chương trình MTQG", "phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi", None, None)]),
    # real 019: a labelled kind of programme
    ("- Đối với chương trình tín dụng nước sạch và vệ\nsinh môi trường: Mức",
     [("Chương trình tín dụng", "nước sạch và vệ sinh môi trường", None, None)]),
    # seed 000 and 002: generic uses are not projects
    ("chỉ đạo các sở, ban, ngành được giao chủ trì dự án, tiểu dự án ban hành các văn bản", []),
    ("Hoàn thiện bộ máy quản lý điều hành, tổ chức thực hiện Chương trình từ cấp tỉnh đến huyện", []),
    ("các Dự án, tiểu dự án thuộc Chương trình mục tiêu Quốc gia giảm nghèo bền vững.",
     [("Chương trình MTQG", "giảm nghèo bền vững", None, None)]),
    # real 004: a numbered đề án without a name
    ("gắn với triển khai Đề án 06 theo quy định.", [("Đề án 06", None, "06", None)]),
    # laws (meta-dev): a Dự án / Đề án with no number and no proper word is a kind of
    # project, whatever follows it
    ("2. Các loại bất động sản, dự án bất động sản bao gồm:\n\na) Dự án đầu tư xây dựng nhà ở;\n\n"
     "b) Dự án đầu tư xây dựng khu đô thị;", []),
    ("2. Dự án thực hiện tại địa bàn có điều kiện kinh tế - xã hội khó khăn", []),
    ("3. Dự án đường bộ thuộc trường hợp quy định tại khoản 2 Điều này được áp dụng tỷ lệ", []),
    ("b) Dự án nhóm A, dự án nhóm B, dự án nhóm C theo các tiêu chí", []),
    ("b) Dự án áp dụng loại hợp đồng O&M;", []),
    ("1. Dự án PPP thuộc trường hợp áp dụng hình thức chỉ định nhà đầu tư theo quy định", []),
    ("a) Dự án sản xuất sản phẩm thuộc Danh mục sản phẩm công nghiệp hỗ trợ ưu tiên phát triển và "
     "Thông tư số 19/2021/TT-BCT ngày 23 tháng 11 năm 2021", []),
    ("Chủ Dự án ký tên và đóng dấu", []),
    ("i) Phê duyệt Đề án sử dụng tài sản công của đơn vị sự nghiệp công lập", []),
    # … but a proper word makes it a name (real 001, 002)
    ("triển khai trên địa bàn tỉnh Cà Mau như: Dự án cao tốc Cần Thơ - Cà Mau.",
     [("Dự án", "cao tốc Cần Thơ - Cà Mau", None, None)]),
    ("phê duyệt Đề án Nghiên cứu, xây dựng mô hình tổ chức bộ máy",
     [("Đề án", "Nghiên cứu", None, None)]),
    # … or its name, read on, ends at a period or an owner of its own (real 002, 012) …
    ("520/QĐ-TTg ngày 01/4/2021 của Thủ tướng Chính phủ về việc phê duyệt Đề án đào tạo,\n"
     "bồi dưỡng, nâng cao năng lực đội ngũ cán bộ làm công tác dân số các cấp giai đoạn\n2021 - 2030;",
     [("Đề án", "đào tạo", None, None)]),
    ('vào Đề án cải cách\nthủ tục hành chính theo cơ chế "một cửa" của Sở Y tế.',
     [("Đề án", 'cải cách thủ tục hành chính theo cơ chế "một cửa"', None, None)]),
    # … but not an owner of a kind (meta-dev) nor a date
    ("thi công Đề án thăm dò khoáng sản thuộc thẩm quyền cấp phép của Bộ Nông nghiệp và Môi trường", []),
    ("2\n\nĐề án tổng kết các Nghị quyết của Bộ Chính trị liên quan đến đối ngoại", []),
    ("i) Phê duyệt Đề án sử dụng tài sản công của đơn vị sự nghiệp công lập năm 2025", []),
    # a form (meta-dev): a footnote mark glued to "dự án", a blank for the name
    ("2. Mã ngành dự án1: ……………………. Mã số dự án2: …………………….", []),
    ("a) Nội dung 1: ...\n\nThời gian thực hiện:....", []),
    ("Thành tiền\n\n1\n\nNội dung 1:\n\n...\n\n2\n\nNội dung 2:\n\n...\n\nTổng", []),
    ("Mã số Dự án 2: …………………….", []),
    # a law (meta-dev): a number that counts what follows
    ("2. Đơn vị chuẩn bị dự án PPP gửi đơn vị thẩm định dự án 01 bộ hồ sơ theo quy định", []),
    # a set phrase holding a word that ends names elsewhere (meta-dev)
    ("chương trình chính sách hỗ trợ về nhà ở (Chương trình hỗ trợ nhà ở cho người có công; nhà ở cho hộ nghèo)",
     [("Chương trình", "hỗ trợ nhà ở cho người có công", None, None)]),
    ("Điều 9. Chương trình xúc tiến thương mại quốc gia và Hệ sinh thái tận dụng các Hiệp định thương mại tự do (FTA)",
     [("Chương trình", "xúc tiến thương mại quốc gia và Hệ sinh thái tận dụng các Hiệp định thương mại tự do",
       None, None)]),
    # real 023: one label over a list of names, a capitalised phase after a dash in a name
    ("đẩy nhanh tiến độ như: Dự án Đầu tư xây dựng\nBến cảng Bãi Gốc, Khu công nghiệp Hòa Tâm - Giai đoạn 1, "
     "Khu công nghiệp công\nnghệ cao Phú Yên, Khu công nghiệp Phú Xuân; Nhà máy cà phê Trung Nguyên Legend.",
     [("Dự án", "Đầu tư xây dựng Bến cảng Bãi Gốc", None, None),
      ("Dự án", "Khu công nghiệp Hòa Tâm - Giai đoạn 1", None, None),
      ("Dự án", "Khu công nghiệp công nghệ cao Phú Yên", None, None),
      ("Dự án", "Khu công nghiệp Phú Xuân", None, None),
      ("Dự án", "Nhà máy cà phê Trung Nguyên Legend", None, None)]),
    # real 006: a quoted name is read whole, whatever words it holds
    ("- Dự án 1: *“Phòng ngừa,\nđấu tranh tội phạm về ma túy có tổ chức, xuyên quốc gia”.*",
     [("Dự án 1", "Phòng ngừa, đấu tranh tội phạm về ma túy có tổ chức, xuyên quốc gia", "1", None)]),
    ("(thuộc Dự án 7: “*Truyền\nthông, giáo dục về phòng, chống ma túy”*) trên địa bàn tỉnh.",
     [("Dự án 7", "Truyền thông, giáo dục về phòng, chống ma túy", "7", None)]),
    # real 001: a list whose item repeats the label is read item by item, once each
    ("trên địa bàn tỉnh Cà Mau như: Dự án cao tốc Cần Thơ - Cà Mau, Dự án đường ven biển đoạn\n"
     "đi qua tỉnh Cà Mau,... là nhân tố quan trọng",
     [("Dự án", "cao tốc Cần Thơ - Cà Mau", None, None),
      ("Dự án", "đường ven biển đoạn đi qua tỉnh Cà Mau", None, None)]),
])
def test_sentences(sentence, expected):
    assert found(sentence) == expected


def test_one_project_per_label_and_programme():
    text = "Dự án 8: Thực hiện bình đẳng giới. Kết quả Dự án 8 tốt; Dự án 8 tiếp tục."
    assert found(text) == [("Dự án 8", "Thực hiện bình đẳng giới", "8", None)]


@pytest.mark.skipif(not SHARED.exists(), reason="../shared (gold and corpus) is not on this machine")
def test_gold_projects():
    from pipeline.quality.evaluate import Tally, project_text

    tally = Tally()
    for gold_path in sorted((SHARED / "gold").rglob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = normalize((SHARED / gold["source"]).read_text(encoding="utf-8")).text
        pred = [project_text(p.model_dump()) for p in prj.projects(text)]
        tally.add_loose([project_text(x) for x in gold.get("projects") or []], pred)
    # Measured 0.92 when written; a drop below this is a regression.
    assert tally.f1 >= 0.88, (tally.precision, tally.recall)


def programmes_of(text: str) -> list[tuple]:
    return [(p.label, p.programme, p.canonical) for p in prj.projects(normalize(text).text)]


def test_numbered_project_resolved_by_lead_agency():
    # Dự án 4 is vocational training in GNBV and infrastructure in 1719 (DOMAIN §5): with
    # both programmes named, the agency in the sentence decides.
    text = ("Thực hiện Chương trình MTQG giảm nghèo bền vững và Chương trình MTQG phát triển "
            "KT-XH vùng đồng bào DTTS&MN.\n\nBan Dân tộc tỉnh chủ trì thực hiện Dự án 4 và Tiểu dự án 2.")
    assert programmes_of(text)[2:] == [("Dự án 4", "dtts", "dtts/Dự án 4"),
                                       ("Tiểu dự án 2", "dtts", "dtts/Dự án 4/Tiểu dự án 2")]


def test_numbered_project_resolved_by_its_title():
    text = ("Chương trình MTQG phát triển KT-XH vùng đồng bào DTTS&MN.\n\n"
            "Dự án 4: Phát triển giáo dục nghề nghiệp, việc làm bền vững")
    assert programmes_of(text)[1] == ("Dự án 4", "giam_ngheo", "giam_ngheo/Dự án 4")


def test_programme_component_of_a_content():
    text = "Chương trình MTQG 1719: Dự án 1, Nội dung số 02: Hỗ trợ nhà ở."
    assert programmes_of(text) == [("Chương trình MTQG", "dtts", "dtts"),
                                   ("Dự án 1", "dtts", "dtts/Dự án 1"),
                                   ("Nội dung số 02", "dtts", "dtts/Dự án 1/Nội dung số 02")]


# Programmes beyond the three national target programmes (issue #16, item 3): a programme
# is (label, name, programme), programme the key of a national one, else its name as written.

def programmes_found(text: str) -> list[tuple]:
    return [(p.label, p.name, p.programme) for p in prj.projects(normalize(text).text)
            if p.label.startswith("Chương trình")]


def mentions(text: str) -> list[tuple]:
    text = normalize(text).text
    return [(m.programme, text[m.start:m.end]) for m in prj.programme_mentions(text)]


DTTS = "phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi"


class TestProgrammesFound:
    @pytest.mark.parametrize("sentence, expected", [
        # the head of the three, then a name none of them has: a programme of its own
        ("Chương trình mục tiêu quốc gia phòng, chống ma túy đến năm 2030 được triển khai.",
         [("Chương trình MTQG", "phòng, chống ma túy", "Chương trình mục tiêu quốc gia phòng, chống ma túy")]),
        # a name that only begins with an alias of the three (patterns: other_programmes)
        ("tổ chức thực hiện Chương trình mục tiêu quốc gia giảm nghèo và an sinh xã hội bền vững, "
         "các chương trình, đề án trợ giúp xã hội",
         [("Chương trình MTQG", "giảm nghèo và an sinh xã hội bền vững",
           "Chương trình mục tiêu quốc gia giảm nghèo và an sinh xã hội bền vững")]),
        # real 026: a provincial programme, its period left out of the name
        ("# Chương trình Khuyến nông tỉnh Lạng Sơn giai đoạn 2026-2030 thực hiện với những mục tiêu nào?",
         [("Chương trình", "Khuyến nông tỉnh Lạng Sơn", "Chương trình Khuyến nông tỉnh Lạng Sơn")]),
        # …named twice, once in lower case: one programme
        ("Dự kiến kinh phí Chương trình Khuyến nông tỉnh Lạng Sơn. Kinh phí thực hiện Chương trình "
         "khuyến nông tỉnh Lạng Sơn là 22 tỷ.",
         [("Chương trình", "Khuyến nông tỉnh Lạng Sơn", "Chương trình Khuyến nông tỉnh Lạng Sơn")]),
        # real 026: an opener of patterns/programmes.toml after a lower-case "chương trình"
        ("thực hiện có hiệu quả chương trình tái cơ cấu ngành nông nghiệp theo hướng nâng cao giá trị "
         "gia tăng và phát triển bền vững.",
         [("Chương trình", "tái cơ cấu ngành nông nghiệp theo hướng nâng cao giá trị gia tăng và phát "
           "triển bền vững", "chương trình tái cơ cấu ngành nông nghiệp theo hướng nâng cao giá trị gia "
           "tăng và phát triển bền vững")]),
        # real 019: a credit programme's name holds commas
        ("- Đối với chương trình tín dụng hỗ trợ tạo việc\nlàm, duy trì và mở rộng việc làm: Mức cho vay",
         [("Chương trình tín dụng", "hỗ trợ tạo việc làm, duy trì và mở rộng việc làm",
           "chương trình tín dụng hỗ trợ tạo việc làm, duy trì và mở rộng việc làm")]),
        ("Chương trình tín dụng nước sạch và vệ sinh môi trường nông thôn đã giải ngân 5 tỷ đồng.",
         [("Chương trình tín dụng", "nước sạch và vệ sinh môi trường nông thôn",
           "Chương trình tín dụng nước sạch và vệ sinh môi trường nông thôn")]),
        # real 019: a list of credit programmes, each name up to the next; "để" left out
        ("vay vốn chương trình tín dụng để mua, thuê mua nhà ở xã hội, sửa chữa nhà ở,\nchương trình "
         "tín dụng học sinh sinh viên, chương trình tín dụng đối với người chấp hành xong án phạt tù theo quy định",
         [("Chương trình tín dụng", "mua, thuê mua nhà ở xã hội, sửa chữa nhà ở",
           "chương trình tín dụng để mua, thuê mua nhà ở xã hội, sửa chữa nhà ở"),
          ("Chương trình tín dụng", "học sinh sinh viên", "chương trình tín dụng học sinh sinh viên"),
          ("Chương trình tín dụng", "đối với người chấp hành xong án phạt tù",
           "chương trình tín dụng đối với người chấp hành xong án phạt tù")]),
        # a law names it ten times and once runs on into the clause after it
        ("Điều 18. Chương trình quốc gia về sử dụng năng lượng tiết kiệm và hiệu quả\n\n1. Chương trình "
         "quốc gia về sử dụng năng lượng tiết kiệm và hiệu quả gồm các nội dung.\n\nc) Căn cứ vào "
         "Chương trình quốc gia về sử dụng năng lượng tiết kiệm và hiệu quả, Bộ trưởng, Thủ trưởng "
         "cơ quan ngang bộ triển khai.",
         [("Chương trình", "quốc gia về sử dụng năng lượng tiết kiệm và hiệu quả",
           "Chương trình quốc gia về sử dụng năng lượng tiết kiệm và hiệu quả")]),
        # real 002: a programme's target year is not its name
        ("phê duyệt Chương trình Truyền thông Dân số đến năm 2030; Quyết định số 588/QĐ-TTg",
         [("Chương trình", "Truyền thông Dân số", "Chương trình Truyền thông Dân số")]),
        # an event's programme in a news text is a named programme too
        ("- Tham gia Chương trình khai mạc Tuần đại đoàn kết các dân tộc - Di sản văn hóa Việt Nam\n",
         [("Chương trình", "khai mạc Tuần đại đoàn kết các dân tộc - Di sản văn hóa Việt Nam",
           "Chương trình khai mạc Tuần đại đoàn kết các dân tộc - Di sản văn hóa Việt Nam")]),
        # another programme and a national one in one sentence
        ("Chương trình mục tiêu quốc gia phòng, chống ma túy và Chương trình MTQG giảm nghèo bền vững "
         "được bố trí 20 tỷ đồng.",
         [("Chương trình MTQG", "phòng, chống ma túy", "Chương trình mục tiêu quốc gia phòng, chống ma túy"),
          ("Chương trình MTQG", "giảm nghèo bền vững", "giam_ngheo")]),
        # the three national ones keep their key, by short references too
        ("Kết quả Chương trình 1719 và Chương trình xây dựng nông thôn mới năm 2024.",
         [("Chương trình MTQG", DTTS, "dtts"), ("Chương trình MTQG", "xây dựng nông thôn mới", "ntm")]),
        # seed-like: the list after a colon
        ("Các Chương trình mục tiêu quốc gia: Xây dựng nông\nthôn mới, Giảm nghèo bền vững, Phát triển "
         "kinh tế xã hội vùng đồng bào dân tộc\nthiểu số và miền núi giai đoạn 2021-2025",
         [("Chương trình MTQG", "xây dựng nông thôn mới", "ntm"),
          ("Chương trình MTQG", "giảm nghèo bền vững", "giam_ngheo"),
          ("Chương trình MTQG", DTTS, "dtts")]),
    ])
    def test_programme(self, sentence, expected):
        assert programmes_found(sentence) == expected


# Generic uses of "chương trình": no programme, no mention.
GENERIC = [
    "Ban hành chương trình công tác năm 2024 của UBND tỉnh.",
    "Chương trình công tác năm 2024",
    "Xây dựng Chương trình hành động thực hiện Nghị quyết số 12-NQ/TU.",
    "Thông báo chương trình làm việc của Đoàn công tác.",
    "Các sở xây dựng chương trình, kế hoạch thực hiện.",
    "Nguồn vốn thực hiện Chương trình này được bố trí từ ngân sách.",
    # "Chương trình" for the programme named before, then a verb or an adverb (meta-dev)
    "bảo đảm Chương trình sớm phát huy hiệu quả để người dân được thụ hưởng.",
    "tuyên truyền về Chương trình bằng nhiều hình thức, nội dung phong phú.",
    "thống nhất tích hợp 03 Chương trình thành một Chương trình. Thực hiện nhiệm vụ",
    "Chương trình kịp thời, hiệu quả. Bên cạnh đó",
    "cơ quan chủ quản Chương trình MTQG tổ chức triển\nkhai thực hiện các dự án, tiểu dự án.",
    "Chương trình mục\ntiêu quốc gia khi hợp nhất các chương trình",
    "Chương trình MTQG năm 2024 đạt kết quả tốt",
    "Thành viên Ban Chỉ đạo các Chương trình mục tiêu quốc gia giai đoạn 2021-2025;",
    # common nouns and plurals (meta-dev)
    "Chương trình máy tính là tập hợp các chỉ dẫn",
    "2. Căn cứ Chương trình đào tạo quy định tại Điều 40 Thông tư này",
    "thực hiện chương trình đào tạo nghề cho lao động nông thôn",
    "chương trình phát sóng trên truyền hình",
    "giảm lãi suất cho vay một số chương trình tín dụng chính sách tại Ngân hàng Chính sách xã hội",
    "- Các chương trình tín dụng chính sách khác: Mức cho vay",
]


class TestNotAProgramme:
    @pytest.mark.parametrize("sentence", GENERIC)
    def test_no_programme(self, sentence):
        assert programmes_found(sentence) == []

    @pytest.mark.parametrize("sentence", GENERIC)
    def test_no_mention(self, sentence):
        assert mentions(sentence) == []


class TestProgrammeMentions:
    @pytest.mark.parametrize("sentence, expected", [
        # short references name the national programme: its key
        ("Vốn Chương trình MTQG 1719 là 10 tỷ đồng; vốn Chương trình giảm nghèo là 5 tỷ đồng; "
         "Chương trình nông thôn mới 3 tỷ đồng.",
         [("dtts", "Chương trình MTQG 1719"), ("giam_ngheo", "Chương trình giảm nghèo"),
          ("ntm", "Chương trình nông thôn mới")]),
        ("Kết quả Chương trình 1719 và Chương trình xây dựng nông thôn mới năm 2024.",
         [("dtts", "Chương trình 1719"), ("ntm", "Chương trình xây dựng nông thôn mới")]),
        ("Chương trình MTQG DTTS&MN và CTMTQG giảm nghèo",
         [("dtts", "Chương trình MTQG DTTS&MN"), ("giam_ngheo", "CTMTQG giảm nghèo")]),
        # a list: one mention per programme, the first with the programme word
        ("3 chương trình MTQG xây dựng nông thôn mới, giảm nghèo bền vững và phát triển KT-XH vùng "
         "đồng bào DTTS&MN",
         [("ntm", "chương trình MTQG xây dựng nông thôn mới"), ("giam_ngheo", "giảm nghèo bền vững"),
          ("dtts", "phát triển KT-XH vùng đồng bào DTTS&MN")]),
        # every mention of another programme, each with the name its project has
        ("Dự kiến kinh phí Chương trình Khuyến nông tỉnh Lạng Sơn. Kinh phí thực hiện Chương trình "
         "khuyến nông tỉnh Lạng Sơn là 22 tỷ.",
         [("Chương trình Khuyến nông tỉnh Lạng Sơn", "Chương trình Khuyến nông tỉnh Lạng Sơn"),
          ("Chương trình Khuyến nông tỉnh Lạng Sơn", "Chương trình khuyến nông tỉnh Lạng Sơn")]),
        ("Chương trình mục tiêu quốc gia phòng, chống ma túy và Chương trình MTQG giảm nghèo bền vững "
         "được bố trí 20 tỷ đồng.",
         [("Chương trình mục tiêu quốc gia phòng, chống ma túy", "Chương trình mục tiêu quốc gia phòng, chống ma túy"),
          ("giam_ngheo", "Chương trình MTQG giảm nghèo bền vững")]),
        ("- Đối với chương trình tín dụng nước sạch và vệ\nsinh môi trường: Mức cho vay tối đa là 30 triệu đồng",
         [("chương trình tín dụng nước sạch và vệ sinh môi trường",
           "chương trình tín dụng nước sạch và vệ\nsinh môi trường")]),
        # a numbered component is no programme mention; the programme in its name is
        ("Dự án 7: Nâng cao năng lực và giám sát, đánh giá Chương trình MTQG giảm nghèo, trong đó",
         [("giam_ngheo", "Chương trình MTQG giảm nghèo")]),
    ])
    def test_mentions(self, sentence, expected):
        assert mentions(sentence) == expected

    def test_record_is_frozen_and_in_order(self):
        text = normalize("Chương trình nông thôn mới; Chương trình Khuyến nông tỉnh Lạng Sơn.").text
        found = prj.programme_mentions(text)
        assert [m.start for m in found] == sorted(m.start for m in found)
        assert found[0] == prj.ProgrammeMention(0, len("Chương trình nông thôn mới"), "ntm")
        with pytest.raises(AttributeError):
            found[0].programme = "dtts"

    def test_one_scan_per_text(self):
        # projects and programme_mentions read the same cached scan of a document
        text = normalize("Chương trình MTQG giảm nghèo bền vững: Dự án 7 năm 2023.").text
        prj.find.cache_clear()
        prj.projects(text)
        prj.programme_mentions(text)
        assert prj.find.cache_info().misses == 1


@pytest.mark.skipif(not SHARED.exists(), reason="../shared (gold and corpus) is not on this machine")
@pytest.mark.parametrize("source, programme", [
    ("real/real_019_5daf5bf63dc3baac.txt", "chương trình tín dụng hỗ trợ tạo việc làm, duy trì và mở rộng việc làm"),
    ("real/real_019_5daf5bf63dc3baac.txt", "chương trình tín dụng nước sạch và vệ sinh môi trường"),
    ("real/real_026_2f80b79a12131c07.txt", "Chương trình Khuyến nông tỉnh Lạng Sơn"),
])
def test_real_programmes(source, programme):
    text = normalize((SHARED / "corpus" / source).read_text(encoding="utf-8")).text
    assert programme in {p.programme for p in prj.projects(text)}
    assert programme in {m.programme for m in prj.programme_mentions(text)}
