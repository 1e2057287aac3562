"""PDF files with a text layer: one block per page.

pypdfium2 reads text an order of magnitude faster than pdfplumber, so it goes first;
pdfplumber (pdfminer) only gets a file that PDFium cannot open. Scanned pages have no
text layer and vanban has no OCR: they are reported in LoadedDocument.warnings instead of
failing the whole file.

PDFium marks a hyphen it takes for a soft hyphen at a line end with U+FFFE (U+0002 in some
versions) and joins the two lines. In these documents that hyphen is almost always part
of a symbol (`37/TTr-⏎SKHĐT`, `LĐ-⏎TB&XH`), so it is put back as "-".
"""
from __future__ import annotations

import io
from pathlib import Path

import regex

from ..models import Block, LoadedDocument
from . import LoadError, make_source

_SOFT_HYPHEN = regex.compile(r"[\ufffe\x02]")
_NEWLINES = regex.compile(r"\r\n?")
# Fewer letters than this on a page covered by an image: a scan with a printed running head.
SCANNED_MAX_LETTERS = 200


def _clean_page(text: str) -> str:
    text = _NEWLINES.sub("\n", text)
    text = _SOFT_HYPHEN.sub("-", text)
    # A hyphen kept before a line break stays with the word before it: `TTr-⏎SKHĐT`
    # would otherwise gain a space when lines are joined downstream, so join it here.
    text = regex.sub(r"(?<=\p{L})-\n(?=\p{Lu})", "-", text)
    return text.strip("\n")


def _is_password_error(message: str) -> bool:
    return "password" in message.lower() or "encrypt" in message.lower()


def _pages_pdfium(path: Path, data: bytes) -> list[tuple[str, bool]]:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if _is_password_error(str(e)):
            raise LoadError(path, "encrypted PDF: it needs a password to open") from e
        raise
    pages: list[tuple[str, bool]] = []
    try:
        for i in range(len(document)):
            page = document.get_page(i)
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range()
                finally:
                    textpage.close()
                pages.append((text, _looks_scanned(page, text)))
            finally:
                page.close()
    finally:
        document.close()
    return pages


def _looks_scanned(page, text: str) -> bool:
    """A page image with at most a line or two of real text (a gazette running head)."""
    import pypdfium2.raw as pdfium_c

    if len(regex.findall(r"\p{L}", text)) >= SCANNED_MAX_LETTERS:
        return False
    width, height = page.get_size()
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) >= 0.5 * width * height:
            return True
    return False


def _pages_pdfplumber(path: Path, data: bytes) -> list[tuple[str, bool]]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as document:
            pages = []
            for page in document.pages:
                text = page.extract_text() or ""
                scanned = bool(page.images) and len(regex.findall(r"\p{L}", text)) < SCANNED_MAX_LETTERS
                pages.append((text, scanned))
                page.close()  # frees the page's cached layout objects
            return pages
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise LoadError(path, "encrypted PDF: it needs a password to open") from e


def load_pdf(path: Path, data: bytes) -> LoadedDocument:
    import pypdfium2 as pdfium

    warnings: list[str] = []
    try:
        raw_pages = _pages_pdfium(path, data)
    except pdfium.PdfiumError as first:  # PDFium gave up: a second parser sometimes copes
        try:
            raw_pages = _pages_pdfplumber(path, data)
        except LoadError:
            raise
        except Exception as second:
            raise LoadError(path, f"broken PDF: PDFium: {str(first).rstrip('.')}; pdfminer: "
                                  f"{type(second).__name__}: {second or 'cannot parse'}") from second
        warnings.append(f"PDFium could not read the file ({first}); text from pdfminer instead")
    if not raw_pages:
        raise LoadError(path, "broken PDF: it has no pages")

    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for number, (raw, scanned) in enumerate(raw_pages, start=1):
        text = _clean_page(raw)
        if scanned or not text.strip():
            warnings.append(f"page {number} has no text layer (scanned; OCR not available)")
        if not text.strip():
            continue
        if parts:
            parts.append("\n")
            pos += 1
        blocks.append(Block(text=text, start=pos, end=pos + len(text), page=number, index=number - 1))
        parts.append(text)
        pos += len(text)
    return LoadedDocument(source=make_source(path, data, "pdf", pages=len(raw_pages)), text="".join(parts),
                          blocks=tuple(blocks), warnings=tuple(warnings))
