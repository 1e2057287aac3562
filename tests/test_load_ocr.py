"""Scanned PDFs read by Tesseract: the two gazette scans in ../shared, first page only
(Tesseract takes ~10 s a page here), and the message when OCR cannot run."""
from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest

from pipeline.load import load
from pipeline.load.ocr import tesseract_problem

REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pdf"
needs_ocr = pytest.mark.skipif(tesseract_problem() is not None, reason=f"no OCR here: {tesseract_problem()}")
needs_shared = pytest.mark.skipif(not REAL.exists(), reason="../shared/corpus/pdf is not on this machine")

SCANS = {
    # file: (a piece of the document number, words with diacritics that must be read)
    "thong-bao-so-02-2023-tb-lpqt-39022.pdf": ("/2023/TB-LP", ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                               "Điều ước quốc tế", "Thực hiện quy định"]),
    "thong-tu-so-58-2021-tt-bqp-33814.pdf": ("/2021/TT-BQP", ["Độc lập - Tự do - Hạnh phúc", "THÔNG TƯ",
                                                              "Hướng dẫn thực hiện", "Đối tượng áp dụng"]),
}


@needs_shared
@needs_ocr
@pytest.mark.parametrize("name", sorted(SCANS))
def test_scan_is_readable(name):
    number, words = SCANS[name]
    doc = load(REAL / name, max_pages=1)
    text = unicodedata.normalize("NFC", doc.text)
    assert number in text
    for word in words:
        assert word in text, word
    body = [b for b in doc.blocks if not b.furniture]
    assert body and all(b.ocr and b.page == 1 and 0.5 < b.confidence <= 1 for b in body)
    assert doc.warnings[-1].startswith("page 1 has no text layer: read by OCR (confidence 0.")
    # the gazette running head is furniture here too
    assert any(b.furniture and "CÔNG BÁO/Số" in b.text for b in doc.blocks)
    assert "CÔNG BÁO/Số" not in text


@needs_shared
def test_scan_without_tesseract_says_it_needs_ocr(monkeypatch):
    from pipeline.load import ocr

    monkeypatch.setattr(ocr, "tesseract_problem", lambda: "Tesseract is not installed (Debian: apt install "
                                                          "tesseract-ocr tesseract-ocr-vie)")
    doc = load(REAL / "thong-bao-so-02-2023-tb-lpqt-39022.pdf", max_pages=2)
    assert "CỘNG HÒA" not in doc.text
    assert doc.warnings[-2:] == tuple(
        f"page {n} has no text layer (scanned; needs OCR: Tesseract is not installed (Debian: apt install "
        f"tesseract-ocr tesseract-ocr-vie))" for n in (1, 2))


def test_tesseract_check_names_what_is_missing(monkeypatch):
    import pytesseract

    from pipeline.load import ocr

    ocr.tesseract_problem.cache_clear()
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    try:
        assert ocr.tesseract_problem().startswith("Tesseract is not installed")
    finally:
        ocr.tesseract_problem.cache_clear()
    assert shutil.which("tesseract") is None or tesseract_problem() in (None, ocr.tesseract_problem())
