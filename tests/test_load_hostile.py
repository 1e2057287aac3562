"""Hostile and broken files: each one a clear LoadError or a bounded result, never a crash
or a hang. Every fixture is made here."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

import hostile_corpus
from pipeline.load import LoadError, load

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
DOCX = hostile_corpus.DOCX


def reason(path: Path, **kw) -> str:
    with pytest.raises(LoadError) as info:
        load(path, **kw)
    assert str(info.value).startswith(f"{path}: ")
    return info.value.reason


def docx_with(tmp_path: Path, name: str, document_xml: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(hostile_corpus.docx_with(document_xml))
    return path


# The billion laughs, an external entity, a zip bomb, empty and truncated files are rows of
# the hostile corpus (hostile_corpus.py); these are the forms it does not list.
_BODY = hostile_corpus.W_BODY.format("&x;")
_DTD = '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize("document_xml", [
    # a DTD behind 10 KB of comment, beyond any fixed-size head
    ('<?xml version="1.0"?><!--' + " " * 10_000 + "-->" + _DTD + _BODY).encode(),
    # behind 2 MB of whitespace: the declaration straddles no chunk, but is far in
    ('<?xml version="1.0"?>' + "\n" * 2_000_000 + _DTD + _BODY).encode(),
    # the same part in UTF-16 with a BOM, which lxml reads without being told
    ('<?xml version="1.0" encoding="UTF-16"?>' + _DTD + _BODY).encode("utf-16"),
    ('<?xml version="1.0" encoding="UTF-16"?>' + _DTD + _BODY).encode("utf-16-be"),
], ids=["after-comment", "after-2mb", "utf-16", "utf-16-be"])
def test_a_dtd_anywhere_in_a_part_is_refused(tmp_path, document_xml):
    assert reason(docx_with(tmp_path, "dtd.docx", document_xml)) == (
        "refusing to parse word/document.xml: it declares a DTD or entities (XML entity bomb?)")


@pytest.mark.parametrize("cut", range(1, 36))
def test_a_declaration_split_across_two_reads_is_found(cut):
    from pipeline.load.docx import declares_entities

    head = b" " * (64 - cut)  # reads of 64 bytes: the marker starts `cut` bytes before a seam
    assert declares_entities(io.BytesIO(head + b"<!ENTITY x 'y'>"), chunk=64) is True
    declared = (head + b"<!DOCTYPE d>").decode().encode("utf-32-le")
    assert declares_entities(io.BytesIO(declared), chunk=64) is True
    assert declares_entities(io.BytesIO(head + b"<!-- an ENTITY, not declared -->"), chunk=64) is False


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
