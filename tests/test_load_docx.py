"""DOCX: automatic list numbers, text boxes, furniture; built here with python-docx."""
from __future__ import annotations

import copy

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from pipeline.load import load
from pipeline.load.docx import format_number

NUMBERING = (
    f'<w:numbering {nsdecls("w")}>'
    '<w:abstractNum w:abstractNumId="7">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>'
    '<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%4."/></w:lvl>'
    '</w:abstractNum>'
    '<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="7"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    '</w:numbering>')


def _numbered(paragraph, num_id: int, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def test_auto_numbers_rendered(tmp_path):
    document = docx.Document()
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(NUMBERING):
        numbering.append(copy.deepcopy(child))
    items = [(3, 0, "Mục tiêu"), (3, 1, "Nhiệm vụ chung"), (3, 2, "điểm một"), (3, 2, "điểm hai"),
             (3, 3, "chi tiết"), (3, 1, "Nhiệm vụ cụ thể"), (3, 2, "điểm mới"), (3, 0, "Giải pháp"),
             (3, 1, "Tổ chức"), (4, 0, "Danh sách khác")]
    for num_id, level, text in items:
        _numbered(document.add_paragraph(text), num_id, level)
    document.add_paragraph("Không đánh số.")
    path = tmp_path / "lists.docx"
    document.save(path)
    doc = load(path)
    assert doc.text.split("\n") == [
        "I. Mục tiêu", "1. Nhiệm vụ chung", "a) điểm một", "b) điểm hai", "1.1. chi tiết",
        "2. Nhiệm vụ cụ thể", "a) điểm mới", "II. Giải pháp", "1. Tổ chức", "I. Danh sách khác",
        "Không đánh số."]
    assert [b.kind for b in doc.blocks][:2] == ["list_item", "list_item"]
    assert doc.blocks[-1].kind == "paragraph"


def test_number_formats():
    assert [format_number(n, "upperRoman") for n in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]
    assert [format_number(n, "lowerLetter") for n in (1, 26, 27)] == ["a", "z", "aa"]
    assert format_number(3, "decimalZero") == "03" and format_number(3, "bullet") == ""


def test_text_box_and_footer(tmp_path):
    document = docx.Document()
    anchor = document.add_paragraph("Đoạn có hộp chữ.")
    box = parse_xml(
        f'<w:r {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps">'
        '<w:drawing><w:txbxContent><w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p></w:txbxContent></w:drawing>'
        '</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>DỰ THẢO</w:t>'
        '</w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    anchor._p.append(box)
    document.sections[0].header.paragraphs[0].text = "CÔNG BÁO/Số 12/Ngày 01-02-2024"
    document.sections[0].footer.paragraphs[0].text = "Trang 1"
    path = tmp_path / "box.docx"
    document.save(path)
    doc = load(path)
    assert doc.text == "Đoạn có hộp chữ.\nDỰ THẢO"
    furniture = [(b.kind, b.text) for b in doc.blocks if b.furniture]
    assert furniture == [("page_header", "CÔNG BÁO/Số 12/Ngày 01-02-2024"), ("page_footer", "Trang 1")]
    assert qn("w:txbxContent")


def test_bold_runs_marked_at_the_top(tmp_path, monkeypatch):
    # bold parts the trích yếu from the first body paragraph, as on a PDF's page 1
    document = docx.Document()
    document.add_paragraph().add_run("KẾ HOẠCH").bold = True
    title = document.add_paragraph()
    title.add_run("Thực hiện Chương trình ").bold = True
    title.add_run("MTQG").bold = True
    title.add_run("\nnăm 2024").bold = True
    mixed = document.add_paragraph("Căn cứ ")
    mixed.add_run("Quyết định số 90/QĐ-TTg").bold = True
    mixed.add_run(" ngày 18/01/2022;")
    heading = document.add_paragraph("Điều 1.", style="Heading 1")   # bold by its style
    path = tmp_path / "bold.docx"
    document.save(path)
    assert load(path).text == ("**KẾ HOẠCH**\n**Thực hiện Chương trình MTQG**\n**năm 2024**\n"
                               "Căn cứ **Quyết định số 90/QĐ-TTg** ngày 18/01/2022;\n**Điều 1.**")
    # further down, the body is left as written
    monkeypatch.setattr("pipeline.load.docx.BOLD_MARKED_LINES", 2)
    assert load(path).text.endswith("**năm 2024**\nCăn cứ Quyết định số 90/QĐ-TTg ngày 18/01/2022;\nĐiều 1.")
    assert heading.style.font.bold is True
