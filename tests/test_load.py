"""Loaders: the sample corpus, broken files made on the spot, and the shared real PDFs."""
from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from pathlib import Path

import pytest

from pipeline.load import LoadError, load

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = Path(__file__).resolve().parents[2] / "shared"
needs_shared = pytest.mark.skipif(not SHARED.exists(),
                                  reason="../shared (gold and corpus) is not on this machine")

CORPUS_FILES = sorted(p for p in CORPUS.rglob("*")
                      if p.is_file() and p.suffix in (".txt", ".html", ".docx", ".pdf")
                      and "src" not in p.relative_to(CORPUS).parts)


def check_offsets(doc) -> None:
    for block in doc.blocks:
        if block.furniture:
            assert block.start == block.end  # outside the text, only placed in it
        else:
            assert doc.text[block.start:block.end] == block.text


def load_error(path: Path) -> LoadError:
    with pytest.raises(LoadError) as info:
        load(path)
    assert info.value.path == str(path)
    assert str(info.value).startswith(f"{path}: ")
    return info.value


# ------------------------------------------------------------------ corpus
def test_corpus_has_every_format():
    suffixes = [p.suffix for p in CORPUS_FILES]
    assert len(CORPUS_FILES) >= 12
    assert suffixes.count(".html") >= 2 and suffixes.count(".docx") >= 2 and suffixes.count(".pdf") >= 2


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_corpus_file_loads(path):
    doc = load(path)
    assert doc.source.format == path.suffix[1:]
    assert doc.source.size == path.stat().st_size
    assert len(doc.text) > 500
    assert doc.warnings == ()
    assert "\ufffe" not in doc.text and "\x02" not in doc.text
    check_offsets(doc)


def test_sources_are_not_loadable_twice():
    # vanban reads .txt; a rendered document's source must not be one.
    assert not list((CORPUS / "src").glob("*.txt"))
    for source in (CORPUS / "src").glob("*.source"):
        assert any(source.stem == p.stem for p in CORPUS_FILES if p.suffix in (".docx", ".pdf"))


def test_txt_keeps_script_text_verbatim():
    doc = load(CORPUS / "tin-cntt-vung-dtts-2023.txt")
    assert "<script>alert(1)</script>" in doc.text


def test_html_portal_drops_furniture():
    doc = load(CORPUS / "portal-kh-58-giam-ngheo-2024.html")
    assert doc.blocks[0].kind == "title"
    assert doc.blocks[0].text.startswith("Triển khai Kế hoạch thực hiện Chương trình")
    assert doc.blocks[1].text == "Thứ tư, 20/3/2024 08:15"
    assert "Kế hoạch số 58/KH-UBND" in doc.text
    for furniture in ("Lượt xem", "Tất cả", "463,210", "Tin khác", "Trang chủ", "Đăng nhập", "Tải về",
                      "Hướng dẫn rà soát hộ nghèo", "Cơ quan chủ quản", "dataLayer", "Thống kê truy cập"):
        assert furniture not in doc.text, furniture
    cells = [b.text for b in doc.blocks if b.kind == "table_cell"]
    assert cells[:4] == ["Dự án", "Vốn NSTW (triệu đồng)", "Dự án 1", "28.450"]
    assert any(b.kind == "heading" and b.text == "Phân công thực hiện" for b in doc.blocks)


def test_html_document_tables_in_web_copy_shape():
    doc = load(CORPUS / "qd-1187-ubnd-locbinh-2024.html")
    assert doc.text.startswith("|\nỦY BAN NHÂN DÂN\nHUYỆN LỘC BÌNH\n")
    assert "|\n|\nSố: 1187/QĐ-UBND\n|\nLộc Bình, ngày 02 tháng 4 năm 2024\n|\n" in doc.text
    kinds = {b.text: b.kind for b in doc.blocks}
    assert kinds["Số: 1187/QĐ-UBND"] == "header_cell"
    assert kinds["Nơi nhận:"] == "recipients" and kinds["- Lưu: VT, PDT."] == "recipients"
    assert kinds["KT. CHỦ TỊCH"] == "signature" and kinds["Lăng Thị Nga"] == "signature"
    assert kinds["Hữu Khánh"] == "table_cell"
    assert "Lượt truy cập" not in doc.text and "Hỏi đáp" not in doc.text


def test_html_declared_charset(tmp_path):
    def cp1258(text: str) -> bytes:
        # Windows-1258 has no precomposed toned vowels: the tone mark follows its letter.
        out = b""
        for ch in text:
            try:
                out += ch.encode("cp1258")
            except UnicodeEncodeError:
                nfd = unicodedata.normalize("NFD", ch)
                tones = "".join(c for c in nfd if c in "\u0300\u0301\u0303\u0309\u0323")
                base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in tones))
                out += (base + tones).encode("cp1258")
        return out

    body = ("<p>Ủy ban nhân dân tỉnh Lạng Sơn ban hành Quyết định số 499/QĐ-UBND về việc giao "
            "chi tiết kế hoạch vốn năm 2023 thực hiện Chương trình mục tiêu quốc gia.</p>") * 3
    page = tmp_path / "cp1258.html"
    page.write_bytes(b'<html><head><meta charset="windows-1258"><title>Tin</title></head><body><article>'
                     + cp1258(body) + b"</article></body></html>")
    doc = load(page)
    assert "Lạng Sơn" in unicodedata.normalize("NFC", doc.text)
    assert "499/QĐ-UBND" in unicodedata.normalize("NFC", doc.text)


def test_html_fallback_to_body(tmp_path):
    page = tmp_path / "bare.html"
    page.write_text("<html><body><nav>Trang chủ</nav><div>Số: 05/TB-UBND</div>"
                    "<script>var x = 1;</script></body></html>", encoding="utf-8")
    doc = load(page)
    assert "Số: 05/TB-UBND" in doc.text
    assert "var x" not in doc.text and "Trang chủ" not in doc.text
    check_offsets(doc)


def test_docx_body_order_and_cells():
    doc = load(CORPUS / "kh-58-ubnd-2024.docx")
    text = doc.text
    # bold lines marked as on a PDF's page 1 (the whole of this short plan)
    assert text.startswith("|\n**ỦY BAN NHÂN DÂN**\n**TỈNH LẠNG SƠN**\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n")
    # The data table stands between the paragraph that introduces it and the next heading.
    assert text.index("ĐVT: triệu đồng.") < text.index("Dự án 1 (hạ tầng huyện nghèo)") \
        < text.index("2. Nhiệm vụ cụ thể")
    assert text.index("Kế hoạch này./.") < text.index("Nơi nhận:") < text.index("Lương Văn Khánh")
    kinds = {b.text: b.kind for b in doc.blocks}
    assert kinds["Số: 58/KH-UBND"] == "header_cell"
    assert kinds["Lạng Sơn, ngày 25 tháng 01 năm 2024"] == "header_cell"
    assert kinds["- Lưu: VT, KGVX (LTH)."] == "recipients"
    assert kinds["**PHÓ CHỦ TỊCH**"] == "signature"
    assert kinds["28.450"] == "table_cell"
    footer = [b for b in doc.blocks if b.furniture]
    assert [b.kind for b in footer] == ["page_footer"]
    assert footer[0].text not in text


def test_docx_cong_van_keeps_vv_under_number():
    doc = load(CORPUS / "cv-418-sldtbxh-2024.docx")
    assert "Số: 418/LĐTBXH-BTXH\nV/v hướng dẫn thực hiện Dự án 5 hỗ trợ nhà ở năm 2024\n|" in doc.text
    assert "\nKính gửi:" in doc.text


def test_pdf_pages_and_hyphen():
    doc = load(CORPUS / "qd-1052-ubnd-2024.pdf")
    assert doc.source.pages == 2
    assert sorted({b.page for b in doc.blocks}) == [1, 2]
    assert "Tờ trình số 37/TTr-SKHĐT ngày 08/3/2024" in doc.text
    assert doc.text.index("Số: 1052/QĐ-UBND") < doc.text.index("QUYẾT ĐỊNH")
    assert any("Lương Văn Khánh" in b.text and b.page == 2 for b in doc.blocks)
    assert all(b.bbox is not None for b in doc.blocks if b.page == 1)


def test_pdf_scanned_page_warns(tmp_path):
    from fpdf import FPDF
    from PIL import Image

    image = tmp_path / "scan.png"
    Image.new("RGB", (200, 280), "white").save(image)
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Page one has a text layer with enough words to count as text. " * 5)
    pdf.add_page()
    pdf.image(str(image), x=0, y=0, w=pdf.w, h=pdf.h)
    path = tmp_path / "half-scanned.pdf"
    pdf.output(str(path))
    doc = load(path, ocr=False)
    assert doc.source.pages == 2
    assert doc.warnings == ("page 2 has no text layer (scanned; needs OCR: OCR is turned off)",)
    assert {b.page for b in doc.blocks} == {1}


# ------------------------------------------------------------ broken files
def test_zero_byte_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert load_error(path).reason == "empty file"


def test_binary_junk_named_txt(tmp_path):
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 8)
    assert load_error(path).reason == "not text: neither UTF-8 nor Windows-1258"


def test_pdf_that_is_not_a_pdf(tmp_path):
    path = tmp_path / "fake.pdf"
    path.write_bytes(b"<html>not a pdf</html>")
    assert load_error(path).reason == "looks like HTML, not a PDF"


def test_truncated_pdf(tmp_path):
    data = (CORPUS / "qd-1052-ubnd-2024.pdf").read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    reason = load_error(path).reason
    assert reason.startswith("broken PDF: PDFium: Failed to load document")
    assert "pdfminer:" in reason


def test_encrypted_pdf(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="user")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Mat")
    path = tmp_path / "locked.pdf"
    pdf.output(str(path))
    assert load_error(path).reason == "encrypted PDF: it needs a password to open"


def test_zip_bomb_docx(tmp_path):
    path = tmp_path / "bomb.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (30 * 1024 * 1024))
    path.write_bytes(buffer.getvalue())
    reason = load_error(path).reason
    assert reason.startswith("refusing to unpack: 31,457,2") and reason.endswith("(zip bomb?)")


def test_docx_that_is_a_plain_zip(tmp_path):
    path = tmp_path / "notword.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    path.write_bytes(buffer.getvalue())
    assert load_error(path).reason == "not a valid DOCX file (no word/document.xml in the zip)"


def test_docx_with_broken_xml(tmp_path):
    source = (CORPUS / "cv-418-sldtbxh-2024.docx").read_bytes()
    path = tmp_path / "broken.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as original, zipfile.ZipFile(buffer, "w") as copy:
        for info in original.infolist():
            data = original.read(info)
            copy.writestr(info, data[:200] if info.filename == "word/document.xml" else data)
    path.write_bytes(buffer.getvalue())
    reason = load_error(path).reason
    assert reason.startswith("cannot read DOCX: XMLSyntaxError")


def test_unsupported_extension(tmp_path):
    path = tmp_path / "bang-tinh.xlsx"
    path.write_bytes(b"PK\x03\x04rest")
    assert load_error(path).reason.startswith("unsupported file type '.xlsx'; vanban reads ")


# ------------------------------------------------------------- real PDFs
def shared_pdfs() -> list[tuple[str, str, int]]:
    manifest = SHARED / "corpus" / "pdf" / "manifest.tsv"
    if not manifest.exists():
        return []
    with manifest.open(encoding="utf-8") as f:
        return [(row["file"], row["pdf_kind"], int(row["pages"])) for row in csv.DictReader(f, delimiter="\t")]


@needs_shared
@pytest.mark.parametrize("name,kind,pages", shared_pdfs() or [("-", "-", 0)])
def test_shared_pdf(name, kind, pages):
    if name == "-":
        pytest.skip("no manifest")
    doc = load(SHARED / "corpus" / "pdf" / name, ocr=False)  # OCR: test_load_ocr.py
    assert doc.source.pages == pages
    check_offsets(doc)
    scanned = [w for w in doc.warnings if "has no text layer (scanned; needs OCR" in w]
    if kind == "scanned":
        assert len(scanned) >= pages * 3 // 4
    else:
        assert len(scanned) <= 1  # a blank last page
        assert len(doc.text) > 1000 * min(pages, 3)
        assert "\ufffe" not in doc.text
