"""The citations component: snippets of real documents, and the gold when it is here."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.text.fold import symbol_key
from pipeline.extract import extract_mentions
from pipeline.models import DocumentStructure, Header
from pipeline.normalize import normalize

SHARED = Path(__file__).resolve().parents[2] / "shared"


def cite(text: str, header: str | None = None):
    structure = DocumentStructure(header=Header(number_symbol=header)) if header else None
    return extract_mentions(normalize(text), structure).citations


# (snippet copied from ../shared/corpus, expected number_symbol, kind, date)
SNIPPETS = [
    ("Tỉnh ủy Lạng Sơn đã ban hành Nghị quyết số 58-NQ/TU ngày 29/11/2021 về công tác dân tộc",
     "58-NQ/TU", "NQ", "2021-11-29"),
    ("UBND tỉnh ban hành Kế hoạch số 64/KH-UBND ngày 28/3/2022 về triển khai thực hiện",
     "64/KH-UBND", "KH", "2022-03-28"),
    ("Quyết định số 38/QĐ-BCĐ ngày 21/6/2022 thành lập tổ công tác, Thông báo số 35/BCĐ-TCT "
     "ngày 27/10/2022", "35/BCĐ-TCT", "TB", "2022-10-27"),
    ("Kế hoạch số 59/KHUBND ngày 08/3/2023 của UBND tỉnh thực hiện", "59/KHUBND", "KH", "2023-03-08"),
    ("quy định tại điều 6, Điều 7 Nghị định số 27/2022/NĐ-CP của Chính phủ.",
     "27/2022/NĐ-CP", "NĐ", None),
    ("Năm 2023, tỉnh đã ban hành Chương trình số 12/CTr-UBND ngày 13/3/2023 về kiểm tra",
     "12/CTR-UBND", "CTr", "2023-03-13"),
    ("triển khai thực hiện Kế hoạch số 203/KH-MTTQ-BTT ngày 18/10/2022 giám sát",
     "203/KH-MTTQ-BTT", "KH", "2022-10-18"),
    ("Các ngành, đoàn thể được phân công nhiệm vụ tại Quyết định 534/QĐ-UBND, ngày 09/8/2022 của "
     "UBND huyện", "534/QĐ-UBND", "QĐ", "2022-08-09"),
    ("Ngày 31/8/2023, Uỷ ban nhân dân tỉnh đã ban hành Công văn số 4393/UBND-NLN về việc tăng "
     "cường", "4393/UBND-NLN", "CV", "2023-08-31"),
    ("Thực hiện Nghị quyết số\n214/NQ-CP ngày 23/7/2025 của Chính phủ ban hành Kế hoạch",
     "214/NQ-CP", "NQ", "2025-07-23"),
    ("*Căn cứ Luật Tổ chức chính quyền địa phương số\n72/2025/QH15;*", "72/2025/QH15", "L", None),
    ("*Căn cứ Kết luận số 100-KL/ĐU ngày 17/11/2025 của", "100-KL/ĐU", "KL", "2025-11-17"),
    ("Báo cáo thẩm tra số\n164/BC- BKTNS của Ban Kinh tế - Ngân sách", "164/BC-BKTNS", "BC", None),
    ("*Xét Tờ trình số 413/TTr-UBND ngày 20 tháng 11\nnăm 2025 của Ủy ban nhân dân thành phố",
     "413/TTR-UBND", "TTr", "2025-11-20"),
    ("Long có nhận được Công văn số 144/2025/CV-BSGBTr ngày 17/11/2025 của CÔNG TY",
     "144/2025/CV-BSGBTR", "CV", "2025-11-17"),
    ("Luật Quản lý thuế số 38/2019/QH14 ngày 13/6/2019 của Quốc hội, quy định:",
     "38/2019/QH14", "L", "2019-06-13"),
    ("Thông tư số 111/2013/TT-BTC ngày15/8/2013 của Bộ Tài chính", "111/2013/TT-BTC", "TT",
     "2013-08-15"),
    ("ban hành kèm theo Quyết định 2367/QD-UBND năm 2025 tỉnh Lạng sơn", "2367/QD-UBND", "QĐ", None),
    ("Cục Thuế nhận được công văn số 4814/CCTKV.05-TTKT3 ngày 30/06/2025 của",
     "4814/CCTKV.05-TTKT3", "CV", "2025-06-30"),
    ("*Căn cứ Nghị định số 74/CP\nngày 25/10/1993 của Chính phủ", "74/CP", "NĐ", "1993-10-25"),
    ("Kết luận số 77-KL/TW và Nghị quyết", "77-KL/TW", "KL", None),
    ("Ban Tổ chức\nTrung ương tại Văn bản số 9151- CV/BTCTW ngày 29/7/2025 về", "9151-CV/BTCTW",
     "CV", "2025-07-29"),
    ("- Thông tư số 21/2025/TTBYT ngày 27/6/2025 của Bộ trưởng", "21/2025/TTBYT", "TT", "2025-06-27"),
    ("*Căn cứ Nghị quyết số 66.7/2025/NQ-CP ngày 15 tháng 11", "66.7/2025/NQ-CP", "NQ", None),
    ("*Nghị định số* *280/2025/NĐ-CP ngày* *27/10/2025", "280/2025/NĐ-CP", "NĐ", None),
    ("Chính phủ, Văn bản số 702/UBQPANĐN15 ngày 01/8/2025", "702/UBQPANĐN15", "CV", "2025-08-01"),
]


@pytest.mark.parametrize("text,number_symbol,kind,date", SNIPPETS)
def test_snippet(text, number_symbol, kind, date):
    found = [c for c in cite(text) if c.number_symbol == number_symbol]
    assert found, [c.number_symbol for c in cite(text)]
    c = found[0]
    assert (c.kind, c.date) == (kind, date)
    assert text[c.start:c.end] == c.text


@pytest.mark.parametrize("text", [
    "đạt 11/11 huyện, thành phố; 05/11 huyện đạt chuẩn",
    "Thứ bảy, 04/11/2023 22:05",
    "hỗ trợ 1-2 xã/phường/thị trấn",
    "Chương trình MTQG 1719 và Nghị quyết của HĐND tỉnh",
    "CÔNG BÁO/Số 807 + 808/Ngày 24-6-2025",
    "ĐT: 0205.3812.345 - Fax: 0205/3812 346",
    "(Mẫu số 07/TT) gửi cơ quan thanh toán",
    "kê khai thuế TNDN theo mẫu số 03/TNDN ban hành kèm",
    "QCVN 28:2026/BCT",
    "bảng phân bổ chi phí quản lý dự án (Mẫu số 09/QLDA)",
    "Đơn đề nghị xác định mã số số\n02-1025/NMT ngày 10/10/2025",
])
def test_not_citations(text):
    assert cite(text) == ()


def test_own_number_is_not_a_citation():
    text = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\n|\nSố: 308/KH-UBND\n|\n*Hà Nội, ngày 1 tháng 12*\n"
            "**KẾ HOẠCH**\nThực hiện Nghị quyết số 214/NQ-CP ngày 23/7/2025 của Chính phủ; "
            "Kế hoạch 308/KH-UBND được gửi các sở.")
    assert [c.number_symbol for c in cite(text, header="308/KH-UBND")] == ["214/NQ-CP"]
    # Without a header from the structure stage, the "Số:" line is still skipped.
    assert [c.number_symbol for c in cite(text)] == ["214/NQ-CP", "308/KH-UBND"]


def test_party_and_blank_headers_are_skipped():
    assert cite("TỈNH ỦY LẠNG SƠN\nSố 58-NQ/TU\nNGHỊ QUYẾT\nnội dung") == ()
    assert cite("UBND HUYỆN\nSố: /TB-UBND\nTHÔNG BÁO\nThực hiện Kế hoạch số 206/KH-UBND")[0] \
        .number_symbol == "206/KH-UBND"


def test_a_wrapped_body_line_is_not_the_header():
    found = cite("*Căn cứ điểm h khoản 1 Điều 19 Nghị định\nsố 46/2014/NĐ-CP ngày 15/5/2014;*")
    assert [(c.number_symbol, c.kind, c.pinpoint) for c in found] == \
        [("46/2014/NĐ-CP", "NĐ", "điểm h khoản 1 Điều 19")]


@pytest.mark.parametrize("text,relation", [
    ("*Căn cứ Nghị định số 186/2025/NĐ-CP của Chính phủ", "can_cu"),
    ("Thực hiện Kế hoạch số 206/KH-UBND ngày 04/7/2024 của UBND huyện", "thuc_hien"),
    ("Quyết định này thay thế Quyết định số 12/QĐ-UBND ngày 01/02/2020", "thay_the"),
    ("Bãi bỏ Quyết định số 29/2015/QĐ-UBND ngày 18/8/2015", "bai_bo"),
    ("Thông tư sửa đổi, bổ sung Thông tư số 44/2022/TT-BTC ngày 21/7/2022", "sua_doi"),
    ("Theo hướng dẫn tại Thông tư số 111/2013/TT-BTC", "huong_dan"),
    ("UBND tỉnh đã ban hành Quyết định số 499/QĐ-UBND ngày 23/3/2022", "dan_chieu"),
    ("*Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 được sửa đổi, bổ sung "
     "bởi Luật số 87/2025/QH15;*", "can_cu"),
    # a bold trích yếu that opens with "Thực hiện" is a heading, not the clause's cue
    ("**KẾ HOẠCH**\n**Thực hiện Chương trình MTQG giảm nghèo bền vững năm 2024**\n"
     "Căn cứ Quyết định số 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng Chính phủ;", "can_cu"),
])
def test_relation(text, relation):
    assert cite(text)[-1].relation == relation


def test_details():
    c = cite("theo quy định tại khoản 2 Điều 49 Luật Quản lý thuế số 38/2019/QH14 ngày "
             "13/6/2019 của Quốc hội, quy định:")[0]
    assert (c.pinpoint, c.issuer_name, c.year, c.type_from_text, c.type_from_symbol) == \
        ("khoản 2 Điều 49", "Quốc hội", 2019, "L", None)
    c = cite("Kế hoạch số 59/KHUBND ngày 08/3/2023 của UBND tỉnh thực hiện")[0]
    assert (c.number_symbol, c.key, c.symbol, c.issuer_code, c.number) == \
        ("59/KHUBND", "59/KH-UBND", "KHUBND", "UBND", "59")
    c = cite("Quyết định số 1216/QĐ-UBND ngày 21/7/2022 của UBND tỉnh về việc phân công")[0]
    assert c.issuer_name == "UBND tỉnh"


def test_every_occurrence_is_a_mention_and_details_are_shared():
    found = cite("Quyết định số 142/QĐ-TTg của Thủ tướng; triển khai Quyết định số\n142/QĐ-TTg "
                 "ngày 02/02/2024 của Thủ tướng Chính phủ")
    assert [(c.number_symbol, c.date) for c in found] == [("142/QĐ-TTG", "2024-02-02")] * 2


# ------------------------------------------------------------------- gold
def _run(path: Path):
    from pipeline import extract_file

    return extract_file(path)


def _predict(path: Path) -> dict:
    return _run(path).model_dump(mode="json")


@pytest.mark.skipif(not SHARED.exists(), reason="../shared (gold and corpus) is not on this machine")
def test_gold_citations():
    from pipeline.quality.evaluate import evaluate

    tally = evaluate(SHARED / "gold", predict=_predict).fields["citations"]
    assert tally.f1 >= 0.97, (tally.tp, tally.fp, tally.fn)


@pytest.mark.skipif(not SHARED.exists(), reason="../shared (gold and corpus) is not on this machine")
@pytest.mark.parametrize("gold_path", sorted((SHARED / "gold").rglob("*.gold.json"))
                         if SHARED.exists() else [])
def test_gold_kinds_and_dates(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    result = _run(SHARED / gold["source"])
    pred = {}
    for c in result.citations:
        pred.setdefault(symbol_key(c.number_symbol), c)
    for g in gold["citations"]:
        c = pred[symbol_key(g["number_symbol"])]
        assert c.kind == g["kind"], g
        assert c.date == g.get("date"), g


def test_numbers_listed_before_one_symbol_are_each_a_citation():
    found = cite("Thực hiện Quyết định số 652 và 653/QĐ-TTg ngày 28/5/2022 của Thủ tướng Chính phủ")
    assert [(c.text, c.number_symbol, c.kind, c.date, c.relation) for c in found] == [
        ("652", "652/QĐ-TTG", "QĐ", "2022-05-28", "thuc_hien"),
        ("653/QĐ-TTg", "653/QĐ-TTG", "QĐ", "2022-05-28", "thuc_hien"),
    ]
    assert [c.number_symbol for c in cite("Quyết định số 12, 13 và 14/QĐ-UBND của UBND tỉnh")] == \
        ["12/QĐ-UBND", "13/QĐ-UBND", "14/QĐ-UBND"]
    # without a type word a list of numbers is not a list of documents
    assert [c.number_symbol for c in cite("trong giai đoạn 2021 và 2022/QĐ-UBND")] == ["2022/QĐ-UBND"]


def test_a_token_broken_at_a_line_end_is_joined_only_into_a_known_code():
    (c,) = cite("Căn cứ Quyết định số 499/QĐ-UB\nND ngày 23/3/2022 của UBND tỉnh")
    assert (c.number_symbol, c.date, c.text) == ("499/QĐ-UBND", "2022-03-23", "499/QĐ-UB\nND")
    (c,) = cite("theo Kế hoạch số 64/KH-UBND\nUBND huyện đã triển khai")
    assert c.number_symbol == "64/KH-UBND"


@pytest.mark.parametrize("text, issuer", [
    ("Quyết định số 12/QĐ-LĐTBXH ngày 2/1/2023 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội về việc",
     "Bộ trưởng Bộ Lao động - Thương binh và Xã hội"),
    ("Thông tư số 31/2015/TT-BYT của Bộ Y tế hết hiệu lực toàn bộ", "Bộ Y tế"),
    ("Nghị quyết số 15/2023/NQ-HĐND của Hội đồng nhân dân tỉnh Vĩnh Long quyết định việc áp dụng",
     "Hội đồng nhân dân tỉnh Vĩnh Long"),
    ("Nghị định số 126/2020/NĐ-CP của Chính phủ và Nghị định số 91/2022/NĐ-CP", "Chính phủ"),
    ("Thông tư liên tịch số 01/2021/TTLT-BTC-BYT của Bộ Tài chính và Bộ Y tế v/v hướng dẫn",
     "Bộ Tài chính"),
    ("Kế hoạch số 59/KH-UBND ngày 08/3/2023 của UBND tỉnh, các sở", "UBND tỉnh"),
])
def test_issuer_name_ends_where_the_name_does(text, issuer):
    assert cite(text)[0].issuer_name == issuer


@pytest.mark.parametrize("text", [
    # a basis that amends another: both are bases of this document
    "*Căn cứ Nghị định số 120/2016/NĐ-CP ngày 23/8/2016 của Chính phủ; Nghị định số 82/2023/NĐ-CP "
    "ngày 28/11/2023 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 120/2016/NĐ-CP;*",
    "*Căn cứ Luật Sở hữu trí tuệ số 50/2005/QH11 đã được sửa đổi, bổ sung theo Luật số 36/2009/QH12; "
    "Luật số 42/2019/QH14 và Luật số 07/2022/QH15;*",
])
def test_every_citation_on_a_can_cu_line_is_a_basis(text):
    assert {c.relation for c in cite(text)} == {"can_cu"}


def test_a_clause_after_thuc_hien_keeps_its_own_relation():
    found = cite("Thực hiện Kế hoạch số 206/KH-UBND ngày 04/7/2024; Quyết định này thay thế Quyết định "
                 "số 12/QĐ-UBND ngày 01/02/2020")
    assert [c.relation for c in found] == ["thuc_hien", "thay_the"]
    found = cite("*Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;*\n"
                 "*Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 784/TTr-SNV ngày 19/11/2025.*")
    assert [c.relation for c in found] == ["can_cu", "dan_chieu"]


def test_relation_benchmark_rule(tmp_path):
    import json as _json

    from pipeline.quality.citation_bench import opens_with_can_cu, relation_benchmark

    text = ("*Căn cứ Nghị định số 63/2010/NĐ-CP của Chính phủ; Nghị định số 92/2017/NĐ-CP của "
            "Chính phủ sửa đổi Nghị định số 63/2010/NĐ-CP;*\n*Theo đề nghị tại Tờ trình số 5/TTr-SNV.*")
    assert opens_with_can_cu(text, text.index("92/2017"))
    assert not opens_with_can_cu(text, text.index("5/TTr"))
    path = tmp_path / "meta.jsonl"
    path.write_text(_json.dumps({"id": "x", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = relation_benchmark(path)
    assert (out["right"], out["n"]) == (3, 3)


@pytest.mark.skipif(not SHARED.exists(), reason="../shared (gold and corpus) is not on this machine")
def test_relation_bar_on_meta_dev():
    from pipeline.quality.citation_bench import relation_benchmark

    out = relation_benchmark(SHARED / "corpus/meta-dev.jsonl")
    assert out["n"] >= 1000 and out["accuracy"] >= 0.90, out["wrong_relations"]
