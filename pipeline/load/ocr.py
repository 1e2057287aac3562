"""OCR of scanned PDF pages with Tesseract (Vietnamese data) through pytesseract.

Pages are rendered by PDFium at OCR_DPI (less for a page too large, see MAX_OCR_PIXELS). The gazette scans in ../shared are stored at 96
dpi; rendered at 200 dpi Tesseract read them with a higher confidence (0.87 against 0.82)
and faster (11 s against 14 s a page) than at 300 dpi. Words come from
`image_to_data`, so each block carries Tesseract's mean word confidence. Without Tesseract
or its `vie` data, the pages stay empty and a warning says the file needs OCR.
"""
from __future__ import annotations

import shutil
import time
from functools import cache
from pathlib import Path

OCR_DPI = 200
# A page is rendered with at most this many pixels: an A4 page at 200 dpi has 3.9 million,
# an A2 plan 15.6 million. A page's size is whatever its MediaBox claims: a 339-byte PDF
# with one blank 200-inch page, rendered at 200 dpi, took 1.67 GB. A larger page is
# rendered at the resolution that fits, and below MIN_OCR_DPI, where Tesseract reads
# nothing of ordinary print, not at all.
MAX_OCR_PIXELS = 25_000_000
MIN_OCR_DPI = 100
OCR_LANG = "vie"
NEEDS_OCR = "needs OCR"


@cache
def tesseract_problem() -> str | None:
    """Why OCR cannot run here, or None when it can."""
    try:
        import pytesseract
    except ImportError:
        return "the pytesseract package is not installed"
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        return "Tesseract is not installed (Debian: apt install tesseract-ocr tesseract-ocr-vie)"
    try:
        langs = pytesseract.get_languages(config="")
    except Exception as e:  # a broken install reports itself in many ways
        return f"Tesseract does not run: {e}"
    if OCR_LANG not in langs:
        return "Tesseract has no Vietnamese data (Debian: apt install tesseract-ocr-vie)"
    return None


def ocr_image(image) -> tuple[str, float | None]:
    """The text of a page image, lines kept, and the mean word confidence (0-1)."""
    import pytesseract

    data = pytesseract.image_to_data(image, lang=OCR_LANG, config="--psm 3",
                                     output_type=pytesseract.Output.DICT)
    lines: dict[tuple[int, int, int], list[str]] = {}
    confidences = []
    for i, word in enumerate(data["text"]):
        word = word.strip()
        conf = float(data["conf"][i])
        if not word or conf < 0:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        lines.setdefault(key, []).append(word)
        confidences.append(conf)
    paragraphs: list[str] = []
    last_par = None
    for key, words in lines.items():
        par = key[:2]
        line = " ".join(words)
        if par == last_par:
            paragraphs[-1] += "\n" + line
        else:
            paragraphs.append(line)
        last_par = par
    confidence = round(sum(confidences) / len(confidences) / 100, 3) if confidences else None
    return "\n".join(paragraphs), confidence


def ocr_dpi(width: float, height: float) -> float:
    """The resolution a page of `width` × `height` points is rendered at for OCR: OCR_DPI,
    or less where that would take over MAX_OCR_PIXELS."""
    area = max(width, 1.0) * max(height, 1.0) / 72 / 72  # square inches
    return min(OCR_DPI, (MAX_OCR_PIXELS / area) ** 0.5)


def ocr_pages(path: Path, data: bytes, pages: list, numbers: list[int], limits, warnings: list[str]) -> None:
    """Fill the scanned pages (1-based `numbers`) of `pages` with OCR text, in place."""
    from .pdf_lines import Out
    from .pdf_page import plain_page

    problem = tesseract_problem() if limits.ocr else "OCR is turned off"
    if problem:
        for n in numbers:
            warnings.append(f"page {n} has no text layer (scanned; {NEEDS_OCR}: {problem})")
        return
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        for n in numbers:
            if limits.deadline is not None and time.monotonic() > limits.deadline:
                warnings.append(f"page {n} has no text layer (scanned; {NEEDS_OCR}: "
                                f"over the time limit, --timeout)")
                continue
            page = document.get_page(n - 1)
            try:
                width, height = page.get_size()  # in points, 1/72 inch
                dpi = ocr_dpi(width, height)
                if dpi < MIN_OCR_DPI:
                    warnings.append(f"page {n} has no text layer (scanned; too large to read by OCR: "
                                    f"{width / 72:,.0f} × {height / 72:,.0f} inches)")
                    continue
                bitmap = page.render(scale=dpi / 72, grayscale=True)
                image = bitmap.to_pil()
                bitmap.close()
            finally:
                page.close()
            text, confidence = ocr_image(image)
            out = Out()
            plain_page(out, text)
            result = pages[n - 1]
            result.pieces, result.ocr, result.confidence = out.pieces, True, confidence
            at = f" at {dpi:.0f} dpi, the page being large" if dpi < OCR_DPI else ""
            warnings.append(f"page {n} has no text layer: read by OCR{at} (confidence {confidence or 0:.2f})")
    finally:
        document.close()
