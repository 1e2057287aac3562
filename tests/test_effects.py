"""Effects: what a document does to others, read from its own clauses (patterns/effects.toml).

Each case is a sentence as real documents write it, the kind of the document holding it,
and the effects expected exactly: (action, target, actor, scope, attached). actor None is
the document itself; a modal, proposed or future act gives none."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.extract import extract_mentions
from pipeline.models import DocumentStructure, Header
from pipeline.normalize import normalize

SHARED = Path(__file__).resolve().parents[2] / "shared"


def read(text: str, kind: str = "QĐ", title: str | None = None, issued: str | None = None):
    structure = DocumentStructure(kind=kind, header=Header(kind=kind, title=title, issued_date=issued))
    return extract_mentions(normalize(text), structure)


def effects(text: str, kind: str = "QĐ", title: str | None = None):
    return [(e.action, e.target, e.actor, e.scope, e.attached) for e in read(text, kind, title).effects]


CASES = [
    # --- the document itself acts: operative articles
    ("Điều 2. Bãi bỏ Quyết định số 29/2015/QĐ-UBND ngày 18/8/2015 của UBND tỉnh.", "QĐ",
     [("bai_bo", "29/2015/QĐ-UBND", None, None, False)]),
    ("**Điều 1. **Bãi bỏ Quyết định số 636/QĐ-UBND ngày 17/3/2025 của UBND tỉnh", "QĐ",
     [("bai_bo", "636/QĐ-UBND", None, None, False)]),
    ("Bãi bỏ toàn bộ Thông tư số 31/2015/TT-BYT ngày 14 tháng 10 năm 2015 của Bộ trưởng Bộ Y tế.", "TT",
     [("bai_bo", "31/2015/TT-BYT", None, None, False)]),
    ("2. Thông tư này bãi bỏ Thông tư số 44/2011/TT-NHNN ngày 29 tháng 12 năm 2011 của Thống đốc.", "TT",
     [("bai_bo", "44/2011/TT-NHNN", None, None, False)]),
    ("1. Bãi bỏ khoản 1 Điều 12 Nghị định số 65/2017/NĐ-CP ngày 19 tháng 5 năm 2017 của Chính phủ.", "NĐ",
     [("bai_bo", "65/2017/NĐ-CP", None, "khoản 1 Điều 12", False)]),
    ("2. Bãi bỏ chương III Nghị định số 08/2018/NĐ-CP ngày 15 tháng 01 năm 2018 của Chính phủ.", "NĐ",
     [("bai_bo", "08/2018/NĐ-CP", None, "chương III", False)]),
    ("Hủy bỏ Quyết định số 1374/QĐ-UBND ngày 30 tháng 6 năm 2025 của Chủ tịch UBND tỉnh.", "QĐ",
     [("bai_bo", "1374/QĐ-UBND", None, None, False)]),
    ("Quyết định này có hiệu lực kể từ ngày 01/01/2025 và thay thế Quyết định số 12/QĐ-UBND "
     "ngày 01/02/2020 của UBND tỉnh.", "QĐ", [("thay_the", "12/QĐ-UBND", None, None, False)]),
    ("2. Nghị định này thay thế Nghị định số 21/2011/NĐ-CP ngày 29 tháng 3 năm 2011 của Chính phủ.", "NĐ",
     [("thay_the", "21/2011/NĐ-CP", None, None, False)]),
    ("1. Thay thế Phụ lục I ban hành kèm theo Thông tư số 62/2023/TT-BCA bằng Phụ lục I ban hành "
     "kèm theo Thông tư này.", "TT", [("thay_the", "62/2023/TT-BCA", None, "Phụ lục I ban hành kèm theo", True)]),
    ("2. Thông tư này sửa đổi, bổ sung Điều 3 Thông tư 16/2014/TT-NHNN ngày 01 tháng 8 năm 2014.", "TT",
     [("sua_doi", "16/2014/TT-NHNN", None, "Điều 3", False)]),
    ("Điều 1. Sửa đổi, bổ sung một số điều của Nghị quyết số 16/2023/NQ-HĐND ngày 12/7/2023 của HĐND tỉnh",
     "NQ", [("sua_doi", "16/2023/NQ-HĐND", None, "một số điều", False)]),
    ("Điều 1. Sửa đổi Điều 5, khoản 2 Điều 8 Quyết định số 40/2024/QĐ-UBND ngày 02/10/2024.", "QĐ",
     [("sua_doi", "40/2024/QĐ-UBND", None, "Điều 5, khoản 2 Điều 8", False)]),
    ("Sửa đổi, bổ sung, bãi bỏ một số điều của Nghị định số 06/2021/NĐ-CP ngày 26 tháng 01 năm 2021.", "NĐ",
     [("sua_doi", "06/2021/NĐ-CP", None, "một số điều", False),
      ("bai_bo", "06/2021/NĐ-CP", None, "một số điều", False)]),
    ("Điều 1. Đính chính Quyết định số 25/2024/QĐ-UBND ngày 10/5/2024 của UBND tỉnh như sau:", "QĐ",
     [("dinh_chinh", "25/2024/QĐ-UBND", None, None, False)]),
    ("Điều 1. Tạm ngưng hiệu lực Quyết định số 15/2024/QĐ-UBND ngày 03/4/2024 của UBND tỉnh.", "QĐ",
     [("dinh_chi", "15/2024/QĐ-UBND", None, None, False)]),
    ("Điều 1. Đình chỉ việc thi hành Nghị quyết số 05/2024/NQ-HĐND ngày 10/7/2024 của HĐND huyện.", "QĐ",
     [("dinh_chi", "05/2024/NQ-HĐND", None, None, False)]),
    ("3. Thông tư số 01/2024/TT-BNG ngày 15 tháng 7 năm 2024 của Bộ trưởng Bộ Ngoại giao hết hiệu lực "
     "kể từ ngày Thông tư này có hiệu lực thi hành.", "TT", [("het_hieu_luc", "01/2024/TT-BNG", None, None, False)]),
    ("Quyết định số 32/2023/QĐ-UBND ngày 20/9/2023 của UBND tỉnh hết hiệu lực thi hành kể từ ngày 01/7/2025.",
     "QĐ", [("het_hieu_luc", "32/2023/QĐ-UBND", None, None, False)]),
    # --- the targets listed after a colon, one an item; an item with its own verb acts itself
    ("2. Bãi bỏ các văn bản quy phạm pháp luật sau đây:\n\na) Nghị định số 99/2021/NĐ-CP ngày 11 tháng 11 "
     "năm 2021 của Chính phủ về quản lý;\n\nb) Thông tư số 12/2022/TT-BTC ngày 01 tháng 3 năm 2022 của Bộ "
     "trưởng Bộ Tài chính.\n\n3. Bộ trưởng chịu trách nhiệm thi hành theo Nghị định số 12/2024/NĐ-CP.", "NĐ",
     [("bai_bo", "99/2021/NĐ-CP", None, None, False), ("bai_bo", "12/2022/TT-BTC", None, None, False)]),
    ("3. BÃI BỎ QUY ĐỊNH TẠI:\na) Chương 2 Thông tư số 09/2011/TT-BTC ngày 21 tháng 01 năm 2011 của Bộ "
     "trưởng Bộ Tài chính.\nb) Điều 3 Thông tư số\n103/2014/TT-BTC ngày 06 tháng 8 năm 2014.", "TT",
     [("bai_bo", "09/2011/TT-BTC", None, "Chương 2", False), ("bai_bo", "103/2014/TT-BTC", None, "Điều 3", False)]),
    ("2. Thông tư này thay thế:\n\na) Thông tư số 219/2013/TT-BTC ngày 31 tháng 12 năm 2013 của Bộ trưởng "
     "Bộ Tài chính hướng dẫn thi hành Luật Thuế giá trị gia tăng và Nghị định số 209/2013/NĐ-CP.\n\n"
     "b) Thông tư số 193/2015/TT-BTC ngày 24 tháng 11 năm 2015 của Bộ trưởng Bộ Tài chính sửa đổi, bổ sung "
     "Thông tư số 219/2013/TT-BTC.", "TT",
     [("thay_the", "219/2013/TT-BTC", None, None, False), ("thay_the", "193/2015/TT-BTC", None, None, False),
      ("sua_doi", "219/2013/TT-BTC", "193/2015/TT-BTC", None, False)]),
    ("2. Các thông tư sau đây hết hiệu lực kể từ ngày Thông tư này có hiệu lực thi hành:\n\n- Thông tư số "
     "19/2012/TT-BKHCN ngày 08 tháng 11 năm 2012 của Bộ trưởng;\n\n- Thông tư số 13/2021/TT-BKHCN.", "TT",
     [("het_hieu_luc", "19/2012/TT-BKHCN", None, None, False),
      ("het_hieu_luc", "13/2021/TT-BKHCN", None, None, False)]),
    ("Bãi bỏ một phần các nghị định sau đây:\n\n1. Bãi bỏ khoản 1 Điều 12 Nghị định số 65/2017/NĐ-CP ngày "
     "19 tháng 5 năm 2017.\n\n2. Bãi bỏ chương III Nghị định số 08/2018/NĐ-CP.", "NĐ",
     [("bai_bo", "65/2017/NĐ-CP", None, "khoản 1 Điều 12", False),
      ("bai_bo", "08/2018/NĐ-CP", None, "chương III", False)]),
    # a published list of ended documents, a proposed repeal, an amendment's new text, a quoted
    # provision of another document: no list act
    ("[7] Điều 4 của Quyết định số 22/2025/QĐ-TTg có hiệu lực từ ngày 10 tháng 7 năm 2025, quy định như "
     "sau:\n*“Điều 4. Điều khoản thi hành*\n*2. Thay thế cụm từ “Lao động - Thương binh và Xã\nhội” bằng "
     "cụm từ “Nội vụ” tại các điều, khoản, điểm sau đây:*\n*- Tại Điều 5 Quyết định số 47/2002/QĐ-TTg ngày"
     "\n11 tháng 4 năm 2011 của Thủ tướng Chính phủ.*", "QĐ", []),
    ("Điều 1. Công bố Danh mục văn bản quy phạm pháp luật hết hiệu lực:\n1. Quyết định số 12/2019/QĐ-UBND "
     "ngày 01/3/2019 của UBND tỉnh.\n2. Quyết định số 13/2019/QĐ-UBND ngày 02/3/2019.", "QĐ", []),
    ("Đề nghị bãi bỏ các văn bản sau:\n- Quyết định số 12/2019/QĐ-UBND ngày 01/3/2019 của UBND tỉnh.", "CV", []),
    ("1. Sửa đổi, bổ sung khoản 2 Điều 5 như sau:\na) Hồ sơ theo Nghị định số 12/2024/NĐ-CP ngày 01/3/2024.",
     "QĐ", []),
    # --- the regulation attached to a decision
    ("Điều 1. Sửa đổi, bổ sung một số điều của Quy chế thi chọn học sinh giỏi cấp quốc gia ban hành kèm "
     "theo Thông tư số 17/2023/TT-BGDĐT ngày 10 tháng 10 năm 2023", "TT",
     [("sua_doi", "17/2023/TT-BGDĐT", None,
       "một số điều của Quy chế thi chọn học sinh giỏi cấp quốc gia ban hành kèm theo", True)]),
    ("Điều 1. Bãi bỏ Quy định về quản lý cụm công nghiệp ban hành kèm theo Quyết định số 32/2023/QĐ-UBND "
     "ngày 20/9/2023 của UBND tỉnh Lạng Sơn.", "QĐ",
     [("bai_bo", "32/2023/QĐ-UBND", None, "Quy định về quản lý cụm công nghiệp ban hành kèm theo", True)]),
    ("Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Thông tư sửa đổi, bổ sung một số điều của Quy chế thi "
     "ban hành kèm theo Thông tư số 17/2023/TT-BGDĐT.", "TT",
     [("sua_doi", "17/2023/TT-BGDĐT", None, "một số điều của Quy chế thi ban hành kèm theo", True)]),
    # --- acts between two other documents, this text their evidence
    ("Căn cứ Luật Giáo dục đại học số 08/2012/QH13 được sửa đổi, bổ sung bởi Luật Giáo dục đại học "
     "số 34/2018/QH14;", "TT", [("sua_doi", "08/2012/QH13", "34/2018/QH14", None, False)]),
    ("*Căn cứ Nghị định số 120/2016/NĐ-CP ngày 23/8/2016 của Chính phủ; Nghị định số 82/2023/NĐ-CP "
     "ngày 28/11/2023 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 120/2016/NĐ-CP;*", "QĐ",
     [("sua_doi", "120/2016/NĐ-CP", "82/2023/NĐ-CP", "một số điều", False)]),
    ("Căn cứ Luật Tổ chức chính quyền địa phương số 77/2015/QH13 đã được sửa đổi, bổ sung một số điều "
     "theo Luật số 47/2019/QH14;", "NQ", [("sua_doi", "77/2015/QH13", "47/2019/QH14", None, False)]),
    ("Nghị định 10/2024/NĐ-CP sửa đổi Nghị định 30/2020/NĐ-CP về công tác văn thư.", "news",
     [("sua_doi", "30/2020/NĐ-CP", "10/2024/NĐ-CP", None, False)]),
    ("Ngày 15/3/2025, Chính phủ ban hành Nghị định số 67/2025/NĐ-CP sửa đổi, bổ sung một số điều của "
     "Nghị định số 178/2024/NĐ-CP.", "CV",
     [("sua_doi", "178/2024/NĐ-CP", "67/2025/NĐ-CP", "một số điều", False)]),
    ("UBND tỉnh đã ban hành Quyết định số 12/2024/QĐ-UBND ngày 02/5/2024 bãi bỏ Quyết định số "
     "08/2019/QĐ-UBND.", "BC", [("bai_bo", "08/2019/QĐ-UBND", "12/2024/QĐ-UBND", None, False)]),
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 được sửa đổi, bổ sung bởi Luật "
     "số 87/2025/QH15;", "NQ", [("sua_doi", "64/2025/QH15", "87/2025/QH15", None, False)]),
    # the verb in the name of a document not cited before it: no act of the citation before
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 và Luật sửa đổi, bổ sung một số "
     "điều của Luật Ban hành văn bản quy phạm pháp luật số 87/2025/QH15;", "NĐ", []),
    ("*Căn cứ Nghị định số 15/2018/NĐ-CP ngày 02/02/2018 của Chính phủ và NGHỊ ĐỊNH sửa đổi, bổ sung\nmột "
     "số điều của Nghị định số 43/2017/NĐ-CP;*", "QĐ", []),
    # --- modality: a draft, a proposal, a request, a future act is no act
    ("Dự kiến Nghị định mới sẽ thay thế Nghị định số 30/2020/NĐ-CP.", "CV", []),
    ("Các văn bản này sẽ được thay thế bởi Nghị định số 30/2020/NĐ-CP trong thời gian tới.", "CV", []),
    ("Đề nghị sửa đổi, bổ sung Thông tư số 39/2015/TT-BTNMT cho phù hợp.", "CV", []),
    ("Sở Tư pháp kiến nghị bãi bỏ Quyết định số 20/2019/QĐ-UBND ngày 01/6/2019.", "CV", []),
    ("Xin ý kiến về dự thảo Nghị định sửa đổi Nghị định số 15/2018/NĐ-CP.", "CV", []),
    ("Bộ Tài chính đang nghiên cứu sửa đổi Thông tư số 58/2016/TT-BTC.", "CV", []),
    ("Theo đề nghị của Giám đốc Sở Tư pháp tại Tờ trình số 12/TTr-STP về việc bãi bỏ Quyết định số "
     "05/2018/QĐ-UBND.", "QĐ", []),
    ("1. Bãi bỏ Quyết định số 07/2016/QĐ-UBND ngày 01/3/2016 của UBND tỉnh.", "TTr", []),
    ("Điều 1. Bãi bỏ Quyết định số 07/2016/QĐ-UBND ngày 01/3/2016.", "QĐ", None),  # a draft: see below
    ("UBND tỉnh chưa bãi bỏ Quyết định số 11/2017/QĐ-UBND.", "BC", []),
    ("Thông tư số 39/2015/TT-BTNMT sẽ hết hiệu lực khi Thông tư mới được ban hành.", "CV", []),
    ("Bộ Y tế có thể thay thế Thông tư số 31/2015/TT-BYT bằng một thông tư mới.", "CV", []),
    # --- a passive verb with no cited subject acts on no document: the citation after it is
    # its actor or a reference, not its target
    ("**Điều 1. **Công bố kèm theo\nQuyết định này Danh mục 16 thủ tục hành chính mới ban hành và 06 thủ tục "
     "hành\nchính bị bãi bỏ trong lĩnh vực hoạt động khoa học và công nghệ *(Chi tiết tại Danh mục kèm\n"
     "theo).*\nNội dung cụ thể của từng thủ\ntục hành chính không được công bố tại Quyết định này, thực hiện "
     "theo Quyết định\nsố 3578/QĐ-BKHCN ngày 07/11/2025 của Bộ trưởng Bộ Khoa học và Công nghệ", "QĐ", []),
    ("Điều 1. Công bố kèm theo Quyết định này Danh mục 03 thủ tục hành chính BỊ BÃI BỎ trong lĩnh vực "
     "đấu thầu, thực hiện theo Quyết định số 1201/QĐ-UBND ngày 17/10/2025 của Chủ tịch UBND tỉnh.", "QĐ", []),
    ("*Điều 3:** Chủ tịch Ủy ban nhân dân\ntỉnh chịu trách nhiệm thi hành Quyết định\nnày./.”*\n[8] Cụm\ntừ "
     "“Lao động - Thương binh và Xã hội” được thay thế bằng cụm từ “Nội vụ” theo\nquy định tại khoản 2 Điều 4 "
     "của Quyết định số 22/2025/QĐ-TTg sửa đổi, bổ sung một\nsố điều của các Quyết định.", "QĐ", []),
    ("2. Trường hợp các văn bản viện dẫn tại Thông tư này được sửa đổi, bổ sung hoặc thay thế thì áp dụng "
     "theo văn bản mới, trừ Thông tư số 15/2020/TT-BTC.", "TT", []),
    # --- no act at all
    ("UBND tỉnh đã ban hành Quyết định số 499/QĐ-UBND ngày 23/3/2022 về phân công.", "BC", []),
    ("Thực hiện Kế hoạch số 206/KH-UBND ngày 04/7/2024 của UBND huyện.", "KH", []),
    ("Căn cứ Nghị định số 186/2025/NĐ-CP của Chính phủ;", "QĐ", []),
]


@pytest.mark.parametrize("text,kind,expected", [c for c in CASES if c[2] is not None])
def test_effects(text, kind, expected):
    assert effects(text, kind) == expected


def test_a_draft_acts_on_nothing():
    text = "DỰ THẢO\n\nQUYẾT ĐỊNH\n\nĐiều 1. Bãi bỏ Quyết định số 07/2016/QĐ-UBND ngày 01/3/2016."
    assert effects(text) == []
    assert [c.relation for c in read(text).citations] == ["dan_chieu"]


@pytest.mark.parametrize("text,kind,relations", [
    # the document's own act makes the target's relation the act's
    ("Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số 12/QĐ-UBND.", "QĐ", ["thay_the"]),
    ("3. Thông tư số 01/2024/TT-BNG của Bộ trưởng Bộ Ngoại giao hết hiệu lực kể từ ngày Thông tư này "
     "có hiệu lực thi hành.", "TT", ["bai_bo"]),
    # a cue under a modal word, or an act only reported, is a plain reference
    ("Dự kiến Nghị định mới sẽ thay thế Nghị định số 30/2020/NĐ-CP.", "CV", ["dan_chieu"]),
    ("Đề nghị sửa đổi, bổ sung Thông tư số 39/2015/TT-BTNMT cho phù hợp.", "CV", ["dan_chieu"]),
    ("Ngày 15/3/2025, Chính phủ ban hành Nghị định số 67/2025/NĐ-CP sửa đổi, bổ sung một số điều của "
     "Nghị định số 178/2024/NĐ-CP.", "CV", ["dan_chieu", "dan_chieu"]),
    # the citation after a passive verb with no cited subject is its actor, not amended by this text
    ("Dự án được triển khai theo quy định tại Luật PPP (được sửa đổi, bổ sung tại Luật số 57/2024/QH15, Luật "
     "số 90/2025/QH15) và Nghị định này.", "NĐ", ["dan_chieu", "dan_chieu"]),
    # the items of a list after a colon get the act's relation
    ("2. Bãi bỏ các Thông tư sau:\n\na) Thông tư số 27/2016/TT-BGTVT ngày 12 tháng 10 năm 2016;\n\nb) "
     "Thông tư số 54/2023/TT-BGTVT ngày 31 tháng 12 năm 2023.", "TT", ["bai_bo", "bai_bo"]),
    # a basis keeps its relation whatever it reports
    ("Căn cứ Luật số 08/2012/QH13 được sửa đổi, bổ sung bởi Luật số 34/2018/QH14;", "TT", ["can_cu", "can_cu"]),
])
def test_relations(text, kind, relations):
    assert [c.relation for c in read(text, kind).citations] == relations


def test_whole_or_part():
    found = read("Điều 1. Bãi bỏ Quy định về quản lý cụm công nghiệp ban hành kèm theo Quyết định số "
                 "32/2023/QĐ-UBND.\n\nĐiều 2. Bãi bỏ khoản 2 Điều 8 Quyết định số 40/2024/QĐ-UBND.")
    assert [(e.target, e.whole) for e in found.effects] == [("32/2023/QĐ-UBND", True), ("40/2024/QĐ-UBND", False)]


def test_the_title_acts():
    title = ("Sửa đổi, bổ sung một số điều của Quy chế thi chọn học sinh giỏi cấp quốc gia ban hành kèm "
             "theo Thông tư số 17/2023/TT-BGDĐT ngày 10 tháng 10 năm 2023")
    text = ("THÔNG TƯ\n\nSửa đổi, bổ sung một số điều của Quy chế thi chọn học sinh giỏi cấp quốc gia\n\n"
            "ban hành kèm theo Thông tư số 17/2023/TT-BGDĐT ngày 10 tháng 10 năm 2023\n\n"
            "Căn cứ Luật Giáo dục số 43/2019/QH14;")
    found = read(text, "TT", title)
    assert [(e.action, e.target, e.attached) for e in found.effects] == [("sua_doi", "17/2023/TT-BGDĐT", True)]
    assert [c.relation for c in found.citations] == ["sua_doi", "can_cu"]


@pytest.mark.parametrize("text,issued,expected", [
    ("Điều 3. Quyết định này có hiệu lực kể từ ngày ký.", "2025-03-04", ("2025-03-04", None)),
    ("Quyết định có hiệu lực thi hành\nkể từ ngày ký", "2025-11-16", ("2025-11-16", None)),
    ("1. Thông tư này có hiệu lực thi hành kể từ ngày 15 tháng 3 năm 2026.", None, ("2026-03-15", None)),
    ("Nghị quyết này được Hội đồng nhân dân tỉnh thông qua ngày 10/12/2024 và có hiệu lực từ ngày "
     "01/01/2025 đến hết ngày 31/12/2025.", None, ("2025-01-01", "2025-12-31")),
    ("Quyết định này có hiệu lực kể từ ngày 01/01/2024. Thời hạn áp dụng Quyết định này đến hết năm 2025.",
     None, ("2024-01-01", "2025-12-31")),
    ("2. Thông tư này hết hiệu lực kể từ ngày 01/3/2027.", None, (None, "2027-02-28")),
    # another document's force is not this one's
    ("Nghị định số 15/2020/NĐ-CP có hiệu lực từ ngày 01/4/2020.", None, (None, None)),
])
def test_own_force(text, issued, expected):
    kind = "TT" if "Thông tư" in text else "NQ" if "Nghị quyết" in text else "QĐ"
    found = read(text, kind, issued=issued)
    assert (found.effective_from, found.effective_until) == expected


def test_an_act_takes_effect_when_the_document_does():
    found = read("Điều 3. Quyết định này có hiệu lực kể từ ngày 10/4/2025.\n\n"
                 "Điều 4. Bãi bỏ Quyết định số 29/2015/QĐ-UBND.")
    assert [e.effective_date for e in found.effects] == ["2025-04-10"]
    found = read("Quyết định số 32/2023/QĐ-UBND hết hiệu lực kể từ ngày 01/7/2025.")
    assert [e.effective_date for e in found.effects] == ["2025-07-01"]


_IN_FORCE = "Điều 5. Quyết định này có hiệu lực kể từ ngày 10/4/2025.\n\n"


@pytest.mark.parametrize("text,kind,expected", [
    # the day the clause states for its act wins over the document's own, before its verb …
    ("Điều 74. Thông tư này có hiệu lực kể từ ngày 01/01/2026.\n\n6. Kể từ ngày 01 tháng 07 năm 2026, Thông "
     "tư này bãi bỏ các quy định sau đây:\n\na) Thông tư số 13/2018/TT-NHNN ngày 18 tháng 5 năm 2018;\n\nb) "
     "Điều 3 Thông tư số 09/2024/TT-NHNN ngày 28 tháng 6 năm 2024.", "TT",
     [("bai_bo", "13/2018/TT-NHNN", None, "2026-07-01"), ("bai_bo", "09/2024/TT-NHNN", None, "2026-07-01")]),
    (_IN_FORCE + "Điều 6. Kể từ ngày 01/7/2025, bãi bỏ Quyết định số 29/2015/QĐ-UBND ngày 18/8/2015.", "QĐ",
     [("bai_bo", "29/2015/QĐ-UBND", None, "2025-07-01")]),
    (_IN_FORCE + "Điều 6. KỂ TỪ NGÀY 01/7/2025, Quyết định này\nthay thế Quyết định số 29/2015/QĐ-UBND.", "QĐ",
     [("thay_the", "29/2015/QĐ-UBND", None, "2025-07-01")]),
    (_IN_FORCE + "Điều 6. Từ ngày 01/7/2025, Quyết định số 29/2015/QĐ-UBND ngày 18/8/2015 hết hiệu lực.", "QĐ",
     [("het_hieu_luc", "29/2015/QĐ-UBND", None, "2025-07-01")]),
    # … or after it
    (_IN_FORCE + "Điều 6. Bãi bỏ Quyết định số 29/2015/QĐ-UBND kể từ ngày 01/7/2025.", "QĐ",
     [("bai_bo", "29/2015/QĐ-UBND", None, "2025-07-01")]),
    # a day of something else in the clause is not the act's: the target's issue date or force
    (_IN_FORCE + "Điều 6. Bãi bỏ Quyết định số 29/2015/QĐ-UBND ngày 18/8/2015.", "QĐ",
     [("bai_bo", "29/2015/QĐ-UBND", None, "2025-04-10")]),
    (_IN_FORCE + "Điều 6. Bãi bỏ Quyết định số 29/2015/QĐ-UBND có hiệu lực từ ngày 01/10/2015.", "QĐ",
     [("bai_bo", "29/2015/QĐ-UBND", None, "2025-04-10")]),
    (_IN_FORCE + "Điều 6. Quyết định số 12/2020/QĐ-UBND có hiệu lực từ ngày 01/10/2020 hết hiệu lực.", "QĐ",
     [("het_hieu_luc", "12/2020/QĐ-UBND", None, "2025-04-10")]),
])
def test_the_day_of_an_act(text, kind, expected):
    assert [(e.action, e.target, e.actor, e.effective_date) for e in read(text, kind).effects] == expected


_END = "Điều 30. Nghị định này có hiệu lực từ ngày 17/11/2025.\n\n"


@pytest.mark.parametrize("text,expected", [
    # the documents listed before an end, joined by ";", all end; not the ones in their titles
    (_END + "2. Nghị định số 08/2016/NĐ-CP ngày 25 tháng 01 năm 2016 của Chính phủ quy định số lượng Phó Chủ "
     "tịch Ủy ban nhân dân, Nghị định số 69/2020/NĐ-CP ngày 24 tháng 6 năm 2020 của Chính phủ sửa đổi, bổ sung "
     "một số điều của Nghị định số 08/2016/NĐ-CP; Nghị định số 115/2021/NĐ-CP ngày 16 tháng 12 năm 2021 của "
     "Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 08/2016/NĐ-CP hết hiệu lực thi hành kể từ ngày "
     "Nghị định này có hiệu lực.",
     [("sua_doi", "08/2016/NĐ-CP", "69/2020/NĐ-CP", None), ("sua_doi", "08/2016/NĐ-CP", "115/2021/NĐ-CP", None),
      ("het_hieu_luc", "08/2016/NĐ-CP", None, "2025-11-17"), ("het_hieu_luc", "69/2020/NĐ-CP", None, "2025-11-17"),
      ("het_hieu_luc", "115/2021/NĐ-CP", None, "2025-11-17")]),
    # a wrapped line
    (_END + "2. Thông tư số 01/2020/TT-BTC ngày 02/01/2020; Thông\ntư số 02/2021/TT-BTC ngày 03/02/2021;\nThông tư "
     "số 03/2022/TT-BTC hết hiệu lực kể từ ngày 01/01/2026.",
     [("het_hieu_luc", "01/2020/TT-BTC", None, "2026-01-01"), ("het_hieu_luc", "02/2021/TT-BTC", None, "2026-01-01"),
      ("het_hieu_luc", "03/2022/TT-BTC", None, "2026-01-01")]),
    # a piece that says something of its own, a run that does not open with a document, or a
    # paragraph before is no item of the list
    (_END + "2. Nghị định số 01/2020/NĐ-CP được thực hiện đến hết năm 2025; Nghị định số 02/2021/NĐ-CP hết "
     "hiệu lực.", [("het_hieu_luc", "02/2021/NĐ-CP", None, "2025-11-17")]),
    (_END + "Các thủ tục hành chính đã công bố tại các Quyết định số 3684/QĐ-BVHTTDL ngày 27/12/2022;\n"
     "Quyết định số 775/QĐ-BVHTTDL ngày 28/3/2024; Quyết định số 4347/QĐ-BVHTTDL ngày 14/11/2025 hết\n"
     "hiệu lực kể từ ngày Quyết định này có hiệu lực thi hành.",
     [("het_hieu_luc", "4347/QĐ-BVHTTDL", None, "2025-11-17")]),
    (_END + "a) Nghị định số 01/2020/NĐ-CP;\n\nb) Nghị định số 02/2021/NĐ-CP hết hiệu lực.",
     [("het_hieu_luc", "02/2021/NĐ-CP", None, "2025-11-17")]),
])
def test_a_list_cut_at_semicolons_ends(text, expected):
    assert [(e.action, e.target, e.actor, e.effective_date) for e in read(text, "NĐ").effects] == expected


@pytest.mark.parametrize("text,kind,expected", [
    # a reported amendment acts on the last citation before it that its actor may amend: a
    # circular amends the circular, not the decree in its title
    ("Thực hiện theo Thông tư số 01/2010/TT-BTP quy định chi tiết một số điều của Nghị định số 77/2008/NĐ-CP "
     "về tư vấn pháp luật, được sửa đổi, bổ sung bởi Thông tư số 19/2011/TT-BTP.", "CV",
     [("sua_doi", "01/2010/TT-BTP", "19/2011/TT-BTP", None)]),
    ("đ) Thông tư số 43/2021/TT-BTC hướng dẫn thi hành Luật Thuế giá trị gia tăng và Nghị định số 209/2013/NĐ-CP "
     "ngày 18 tháng 12 năm 2013 của Chính phủ (đã được sửa đổi, bổ sung tại Thông tư số 26/2015/TT-BTC ngày 27 "
     "tháng 02 năm 2015).", "TT", [("sua_doi", "43/2021/TT-BTC", "26/2015/TT-BTC", None)]),
    # … a decree or a law may amend the last one
    ("Thực hiện theo Thông tư số 01/2010/TT-BTP hướng dẫn Nghị định số 77/2008/NĐ-CP, được sửa đổi, bổ sung "
     "bởi Nghị định số 05/2012/NĐ-CP.", "CV", [("sua_doi", "77/2008/NĐ-CP", "05/2012/NĐ-CP", None)]),
    ("Nghị định số 15/2020/NĐ-CP hướng dẫn Luật Đầu tư số 61/2020/QH14, được sửa đổi, bổ sung bởi Luật số "
     "03/2022/QH15.", "CV", [("sua_doi", "61/2020/QH14", "03/2022/QH15", None)]),
    # a second predicate after "và": its subject opens the clause, not the citation before it
    ("i) Điều 1, Điều 2 Thông tư số 25/2018/TT-BTC ngày 16 tháng 3 năm 2018 của Bộ trưởng Bộ Tài chính hướng "
     "dẫn Nghị định số 146/2017/NĐ-CP ngày 15 tháng 12 năm 2017 của Chính phủ và sửa đổi, bổ sung một số điều "
     "của Thông tư số 78/2014/TT-BTC ngày 18 tháng 6 năm 2014, Thông tư số 111/2013/TT-BTC ngày 15 tháng 8 năm "
     "2013.", "TT", [("sua_doi", "78/2014/TT-BTC", "25/2018/TT-BTC", None),
                     ("sua_doi", "111/2013/TT-BTC", "25/2018/TT-BTC", None)]),
    (_IN_FORCE.replace("Quyết định", "Thông tư") + "2. Thông tư này thay thế Thông tư số 24/2019/TT-BGTVT ngày 05 "
     "tháng 7 năm 2019 về việc ban hành Quy chuẩn kỹ thuật quốc gia - QCVN 104:2019/BGTVT và bãi bỏ Thông tư "
     "số 27/2022/TT-BGTVT ngày 28 tháng 11 năm 2022.", "TT",
     [("thay_the", "24/2019/TT-BGTVT", None, "2025-04-10"), ("bai_bo", "27/2022/TT-BGTVT", None, "2025-04-10")]),
    # … a clause opening with no document has none
    ("b) Thực hiện theo quy định tại Điều 7 Nghị định số 70/2019/NĐ-CP, được sửa đổi, bổ sung bởi khoản 2 "
     "Điều 11 Nghị định số 184/2025/NĐ-CP ngày 01 tháng 7 năm 2025 của Chính phủ quy định thẩm quyền và sửa "
     "đổi, bổ sung một số điều của các Nghị định của Chính phủ (sau đây gọi chung là Nghị định số "
     "184/2025/NĐ-CP);", "QĐ", [("sua_doi", "70/2019/NĐ-CP", "184/2025/NĐ-CP", None)]),
])
def test_who_acts_in_a_title(text, kind, expected):
    assert [(e.action, e.target, e.actor, e.effective_date) for e in read(text, kind).effects] == expected


@pytest.mark.skipif(not SHARED.exists(), reason="../shared (gold and corpus) is not on this machine")
def test_own_force_on_meta_dev(tmp_path):
    """The portal's effective date of the vbpl records of meta-dev.jsonl."""
    from pipeline import extract_loaded
    from pipeline.load import load

    right = n = 0
    with open(SHARED / "corpus/meta-dev.jsonl", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    for r in [r for r in rows if r.get("effective_date")][:40]:
        path = tmp_path / f"{r['id'].replace(':', '_')}.txt"
        path.write_text(r["text"], encoding="utf-8")
        n += 1
        right += extract_loaded(load(path)).effective_from == r["effective_date"]
    assert n == 40 and right / n >= 0.85, (right, n)
