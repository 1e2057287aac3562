"""Hostile and broken files: each one a clear LoadError or a bounded result, never a crash
or a hang. Every fixture is made here."""
from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from pipeline.load import LoadError, load

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
DOCX = CORPUS / "cv-418-sldtbxh-2024.docx"


def reason(path: Path, **kw) -> str:
    with pytest.raises(LoadError) as info:
        load(path, **kw)
    assert str(info.value).startswith(f"{path}: ")
    return info.value.reason


def docx_with(tmp_path: Path, name: str, document_xml: bytes) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(DOCX) as original, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            data = original.read(info)
            copy.writestr(info, document_xml if info.filename == "word/document.xml" else data)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue())
    return path


def test_billion_laughs_in_document_xml(tmp_path):
    entities = "".join(f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    bomb = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol0 "lol">{entities}]>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>').encode()
    path = docx_with(tmp_path, "laughs.docx", bomb)
    start = time.monotonic()
    assert reason(path) == ("refusing to parse word/document.xml: it declares a DTD or entities "
                            "(XML entity bomb?)")
    assert time.monotonic() - start < 5


def test_external_entity_in_docx(tmp_path):
    xxe = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           b'<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
    assert "XML entity bomb?" in reason(docx_with(tmp_path, "xxe.docx", xxe))


def test_zip_bomb_by_ratio(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<a/>")
        for i in range(8):
            archive.writestr(f"word/media/pad{i}.bin", b"\0" * (30 * 1024 * 1024))
    path = tmp_path / "ratio.docx"
    path.write_bytes(buffer.getvalue())
    assert reason(path).endswith("(zip bomb?)")


def test_zero_byte_docx_and_pdf(tmp_path):
    for name in ("empty.docx", "empty.pdf"):
        path = tmp_path / name
        path.write_bytes(b"")
        assert reason(path) == "empty file"


def test_truncated_docx(tmp_path):
    path = tmp_path / "cut.docx"
    path.write_bytes(DOCX.read_bytes()[:3000])
    assert reason(path).startswith("not a valid DOCX file (broken zip")


def test_binary_junk_with_each_extension(tmp_path):
    junk = bytes((i * 7919) % 251 for i in range(20000))
    for suffix in (".pdf", ".docx", ".html", ".txt", ".md", ".doc"):
        path = tmp_path / f"junk{suffix}"
        path.write_bytes(junk)
        with pytest.raises(LoadError):
            load(path)


def test_pdf_named_txt_is_read_as_pdf(tmp_path):
    path = tmp_path / "really-a-pdf.txt"
    path.write_bytes((CORPUS / "qd-1052-ubnd-2024.pdf").read_bytes())
    doc = load(path)
    assert doc.source.format == "pdf" and "Số: 1052/QĐ-UBND" in doc.text


def test_docx_named_pdf(tmp_path):
    path = tmp_path / "word.pdf"
    path.write_bytes(DOCX.read_bytes())
    assert reason(path) == "looks like a Word document (DOCX), not a PDF"


def test_50_mb_text_file_over_the_limit(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024 + 1)  # sparse: costs no disk
    assert reason(path) == "52,428,801 bytes is over the 52,428,800-byte limit (--max-bytes)"
    assert reason(path, max_bytes=1000).startswith("52,428,801 bytes is over the 1,000-byte limit")


def test_old_word_doc_needs_libreoffice(tmp_path, monkeypatch):
    import shutil

    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000)
    if shutil.which("soffice") or shutil.which("libreoffice"):
        monkeypatch.setattr(shutil, "which", lambda name: None)
    assert reason(path) == ("old Word .doc file: converting it needs LibreOffice (soffice), which is not "
                            "installed; install it or save the file as .docx")


def test_doc_that_is_not_ole(tmp_path):
    path = tmp_path / "fake.doc"
    path.write_bytes(b"hello, not a word file")
    assert reason(path) == "looks like plain text, not a DOC"


def test_encrypted_pdf_with_owner_password_only(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner")  # opens without a password: readable
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 5, text="Readable text in a PDF locked against editing only. " * 10)
    path = tmp_path / "owner-only.pdf"
    pdf.output(str(path))
    assert "locked against editing" in load(path).text
