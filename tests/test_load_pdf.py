"""PDF layout: the synthetic set against its ground truth and its DOCX twin, the real
gazette PDFs, tables, furniture, page limits."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import extract_file, extract_loaded
from pipeline.text.fold import symbol_key
from pipeline.load import LoadError, load

SHARED = Path(__file__).resolve().parents[2] / "shared"
SYNTHETIC = SHARED / "corpus" / "synthetic"
REAL = SHARED / "corpus" / "pdf"
needs_shared = pytest.mark.skipif(not SYNTHETIC.exists(), reason="../shared/corpus is not on this machine")

SYNTHETIC_DOCS = sorted(p.stem for p in SYNTHETIC.glob("*.json")) if SYNTHETIC.exists() else ["-"]
SAME_FIELDS = ("kind", "number_symbol", "issued_date", "issued_place", "issuer", "parent_body",
               "signer", "signer_position", "authority", "recipients", "title")


def header_fields(result) -> dict:
    header = result.header.model_dump()
    return {f: header[f] for f in SAME_FIELDS}


def citations(result) -> list:
    return [(c.number_symbol, c.date, c.relation) for c in result.citations]


@needs_shared
@pytest.mark.parametrize("stem", SYNTHETIC_DOCS)
def test_synthetic_pdf_docx_txt_agree(stem, tmp_path):
    truth = json.loads((SYNTHETIC / f"{stem}.json").read_text(encoding="utf-8"))
    pdf = extract_file(SYNTHETIC / f"{stem}.pdf")
    docx = extract_file(SYNTHETIC / f"{stem}.docx")
    txt_path = tmp_path / f"{stem}.txt"
    txt_path.write_text(load(SYNTHETIC / f"{stem}.docx").text, encoding="utf-8")
    txt = extract_file(txt_path)
    assert pdf.header.number_symbol == symbol_key(truth["so_ky_hieu"])
    assert pdf.header.issued_date == truth["ngay_ban_hanh"]
    assert pdf.header.signer == truth["nguoi_ky"]
    assert pdf.header.issued_place == truth["dia_danh"]
    # a công văn's trích yếu is the text after `V/v` (gold GUIDELINES)
    assert pdf.header.title == truth["trich_yeu"].removeprefix("V/v ")
    assert header_fields(pdf) == header_fields(docx) == header_fields(txt)
    assert citations(pdf) == citations(docx) == citations(txt)


@needs_shared
def test_two_column_header_is_split_into_cells():
    doc = load(SYNTHETIC / "vb02_TB_BDT.pdf")
    # PDFium alone prints `Số: 1767/TB-BDT Lạng Sơn, ngày …` as one line
    # bold lines of page 1 are marked as web copies mark them
    assert doc.text.startswith("|\nUBND TỈNH LẠNG SƠN\n**BAN DÂN TỘC**\nSố: 1767/TB-BDT\n|\n"
                               "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n**Độc lập - Tự do - Hạnh phúc**\n"
                               "Lạng Sơn, ngày 20 tháng 01 năm 2023\n|\n**THÔNG BÁO**\n")
    cells = [b for b in doc.blocks if b.kind == "header_cell"]
    assert [b.text for b in cells][2] == "Số: 1767/TB-BDT"
    assert all(b.page == 1 and b.bbox is not None for b in cells)
    assert cells[0].bbox[0] < 300 < cells[-1].bbox[2]


@needs_shared
@pytest.mark.parametrize("stem", ["vb01_KH_SKHDT", "vb02_TB_BDT", "vb19_KH_SLDTBXH"])
def test_bold_trich_yeu_ends_before_the_body(stem):
    # the body's first paragraph wraps into short lines like the trích yếu's: only the
    # weight of the glyphs parts them
    truth = json.loads((SYNTHETIC / f"{stem}.json").read_text(encoding="utf-8"))
    assert extract_file(SYNTHETIC / f"{stem}.pdf").header.title == truth["trich_yeu"]


@needs_shared
def test_bold_runs_are_marked_on_the_line_they_sit_on():
    doc = load(SYNTHETIC / "vb01_KH_SKHDT.pdf")
    assert "\n**SỞ KẾ HOẠCH VÀ ĐẦU**\n**TƯ**\nSố: 1534/KH-SKHĐT\n" in doc.text
    assert "\n**năm 2022**\nTừ ngày 16/7" in doc.text


@needs_shared
def test_signature_table_cut_by_a_page_break():
    doc = load(SYNTHETIC / "vb01_KH_SKHDT.pdf")
    tail = doc.text[doc.text.index("Nơi nhận:") - 2:]
    assert tail.startswith("|\nNơi nhận:\n- Như trên;")
    assert tail.index("- Lưu: VT, KT.") < tail.index("|\nGIÁM ĐỐC\nLộc Văn Đức\n|")
    kinds = {b.text: (b.kind, b.page) for b in doc.blocks}
    assert kinds["- Lưu: VT, KT."] == ("recipients", doc.source.pages)
    assert kinds["GIÁM ĐỐC"][0] == "signature"


@needs_shared
def test_ruled_table_rows_and_cells():
    doc = load(SYNTHETIC / "vb00_QD_UBND.pdf")
    assert "|\n1\n|\nChợ nông thôn xã Nguyên Phúc\n|\nxã Đào Viên\n|\n14.419\n|\n14.419\n|" in doc.text
    assert "|\nTổng mức\nđầu tư (triệu\nđồng)\n|" in doc.text
    cells = [b for b in doc.blocks if b.kind == "table_cell"]
    assert {"Chợ nông thôn xã Nguyên Phúc", "14.419", "STT"} <= {b.text for b in cells}


@needs_shared
def test_symbol_broken_at_a_line_end_is_rejoined():
    doc = load(SYNTHETIC / "vb00_QD_UBND.pdf")
    assert "37/TTr-SKHĐT" in doc.text
    assert "\ufffe" not in doc.text and "TTrSKHĐT" not in doc.text


# ------------------------------------------------------------------ real PDFs
REAL_HEADERS = {
    "nghi-quyet-so-113-nq-cp-469448.pdf": ("113/NQ-CP", "2026-04-25", "Phạm Thị Thanh Trà"),
    "quyet-dinh-so-169-qd-bldtbxh-44203.pdf": ("169/QĐ-BLĐTBXH", "2025-01-24", "Đào Ngọc Dung"),
    "thong-tu-so-02-2025-tt-bldtbxh-43964.pdf": ("02/2025/TT-BLĐTBXH", "2025-01-10", "Nguyễn Bá Hoan"),
    "thong-tu-so-56-2026-tt-btc-469555.pdf": ("56/2026/TT-BTC", "2026-05-15", "Cao Anh Tuấn"),
}


@needs_shared
@pytest.mark.parametrize("name", sorted(REAL_HEADERS))
def test_real_pdf_header(name):
    number, date, signer = REAL_HEADERS[name]
    doc = load(REAL / name)
    header = extract_loaded(doc).header
    assert (header.number_symbol, header.issued_date) == (number, date)
    # the gazette running head is furniture: its issue number is not in the text
    heads = [b for b in doc.blocks if b.furniture and b.text.startswith("CÔNG BÁO")]
    assert heads and all(b.kind == "page_header" and b.page for b in heads)
    assert "CÔNG BÁO/Số" not in doc.text
    # QĐ 169 is signed `BỘ TRƯỞNG` / name, with no TM./KT. prefix and no Nơi nhận, and
    # appendix tables after it: the signature is read after the closing "./.".
    assert header.signer == signer


@needs_shared
def test_real_pdf_header_is_a_two_column_table():
    doc = load(REAL / "thong-tu-so-56-2026-tt-btc-469555.pdf")
    assert doc.text.startswith("|\n**BỘ TÀI CHÍNH**\nSố: 56/2026/TT-BTC\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n")


# ------------------------------------------------------------- limits
def _many_pages(path: Path, pages: int) -> None:
    """One page of running text made by fpdf2, repeated by PDFium (fpdf2 alone takes ~40 s
    to lay out 500 pages)."""
    import pypdfium2 as pdfium
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 5, text="Plain running text for a long report. " * 40)
    single = pdfium.PdfDocument(bytes(pdf.output()))
    many = pdfium.PdfDocument.new()
    many.import_pages(single, [0] * pages)
    many.save(str(path))


def test_500_page_pdf_is_bounded(tmp_path):
    import time

    path = tmp_path / "long.pdf"
    _many_pages(path, 500)
    start = time.monotonic()
    doc = load(path)
    assert time.monotonic() - start < 30
    assert doc.source.pages == 500 and doc.warnings == ()
    limited = load(path, max_pages=50)
    assert max(b.page for b in limited.blocks) == 50
    assert limited.warnings == ("only the first 50 of 500 pages read (--max-pages)",)
    assert len(limited.text) < len(doc.text) / 5


def test_pdf_time_limit(tmp_path):
    path = tmp_path / "slow.pdf"
    _many_pages(path, 20)
    with pytest.raises(LoadError) as info:
        load(path, timeout=1e-9)
    assert info.value.reason == "over the time limit before the first page was read (--timeout)"


def test_pdf_with_no_pages_or_text(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    path = tmp_path / "blank.pdf"
    pdf.output(str(path))
    doc = load(path, ocr=False)
    assert doc.text == "" and doc.warnings
    with pytest.raises(LoadError):
        load_bytes = tmp_path / "cut.pdf"
        load_bytes.write_bytes(b"%PDF-1.4\n%%EOF")
        load(load_bytes)
