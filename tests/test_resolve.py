"""Short forms resolved inside one document: what repeats a full citation takes its key;
what could repeat several is flagged and left alone, never guessed."""
import pytest

from pipeline.extract import extract_mentions
from pipeline.models import DocumentStructure, ExtractionResult, Header, Source
from pipeline.normalize import normalize
from pipeline.resolve import resolve

SOURCE = Source(path="x.txt", format="txt", sha256="0" * 64, size=0)


def run(text: str, kind: str | None = None) -> ExtractionResult:
    norm = normalize(text)
    header = Header(kind=kind) if kind else None
    found = extract_mentions(norm, DocumentStructure(header=header))
    result = ExtractionResult(source=SOURCE, header=header, text=norm.text,
                              citations=found.citations, flags=found.flags)
    return resolve(result)


def short_forms(result: ExtractionResult) -> list[tuple[str, str]]:
    return [(c.text, c.resolved_from) for c in result.citations if c.resolved_from]


# (text, kind of the document, [(short form as written, key it resolves to)], flagged?)
CASES = [
    pytest.param(
        "Thực hiện Quyết định số 499/QĐ-UBND ngày 23/3/2022 của UBND tỉnh về phân bổ vốn. "
        "Các xã triển khai Quyết định nêu trên đúng tiến độ.",
        "KH", [("Quyết định nêu trên", "499/QĐ-UBND")], False, id="earlier-reference"),
    pytest.param(
        "Tỉnh ủy đã ban hành Nghị quyết số 58-NQ/TU ngày 29/11/2021 về công tác dân tộc. "
        "Qua 02 năm thực hiện Nghị quyết 58, đời sống đồng bào được nâng lên.",
        "BC", [("Nghị quyết 58", "58-NQ/TU")], False, id="number-only"),
    pytest.param(
        "Căn cứ Kế hoạch số 64/KH-UBND ngày 28/3/2022 của UBND tỉnh. "
        "Kế hoạch này được triển khai đến các xã.",
        "KH", [], False, id="self-reference-in-a-plan"),
    pytest.param(
        "Căn cứ Kế hoạch số 64/KH-UBND ngày 28/3/2022 của UBND tỉnh. "
        "Các đơn vị thực hiện Kế hoạch này.",
        "QĐ", [("Kế hoạch này", "64/KH-UBND")], False, id="this-plan-in-a-decision"),
    pytest.param(
        "Căn cứ Quyết định số 652/QĐ-TTg ngày 28/5/2022 của Thủ tướng Chính phủ;\n\n"
        "Căn cứ Quyết định số 653/QĐ-TTg ngày 28/5/2022 của Thủ tướng Chính phủ;\n\n"
        "Quyết định số 90/QĐ-TTg ngày 18/01/2022 được thực hiện.\n\n"
        "UBND tỉnh đề nghị các sở thực hiện Quyết định trên",
        "KH", [("Quyết định trên", "90/QĐ-TTg".upper())], False, id="the-one-just-before"),
    pytest.param(
        "Căn cứ Quyết định số 652/QĐ-TTg ngày 28/5/2022 và Kế hoạch số 12/KH-UBND, "
        "Quyết định số 653/QĐ-TTg ngày 28/5/2022 của Thủ tướng Chính phủ; Kế hoạch số 13/KH-UBND.\n\n"
        "Các sở triển khai Quyết định nêu trên.",
        "TB", [], True, id="ambiguous-is-flagged"),
    pytest.param(
        "Các huyện thực hiện Quyết định nêu trên.", "KH", [], False, id="nothing-to-point-at"),
]


@pytest.mark.parametrize("text, kind, expected, flagged", CASES)
def test_short_forms(text, kind, expected, flagged):
    result = run(text, kind)
    assert short_forms(result) == expected
    assert any("ambiguous short form" in f for f in result.flags) == flagged


def test_resolved_short_form_keeps_its_own_place_and_relation():
    text = ("Thực hiện Quyết định số 499/QĐ-UBND ngày 23/3/2022 của UBND tỉnh. "
            "Ủy ban nhân dân tỉnh bãi bỏ Quyết định nêu trên.")
    result = run(text, "QĐ")
    (short,) = [c for c in result.citations if c.resolved_from]
    assert text[short.start:short.end] == "Quyết định nêu trên"
    assert (short.date, short.relation) == ("2022-03-23", "bai_bo")


def test_a_number_that_is_not_the_cited_one_stays_unresolved():
    result = run("Tỉnh ủy ban hành Nghị quyết số 58-NQ/TU ngày 29/11/2021. Nghị quyết 59 chưa ban hành.", "BC")
    assert short_forms(result) == []
