"""PDF files: running text from PDFium, geometry only where the layout carries meaning.

Speed decides the split. PDFium returns a page's text in a few milliseconds; pdfplumber
(pdfminer) takes ~0.2 s per page, which alone would put the loader below a third of
`pdftotext -layout`. So every page is read as text by pypdfium2, and only the pages
whose layout matters are rebuilt from PDFium's character boxes (also a few
milliseconds):

- page 1, whose NĐ 30 header is a two-column table: read as text, the columns run together
  (`Số: 1767/TB-BDT Lạng Sơn, ngày …` on one line);
- the page holding `Nơi nhận`, whose signature table has the same two columns;
- pages with ruled tables (many thin path objects), up to MAX_TABLE_PAGES per file: each
  cell becomes a block, in the web-copy shape the HTML and DOCX loaders write.

The two-column zones are written as the web copies and the DOCX loader write them (a `|`
line, the left cell's lines, `|`, the right cell's lines, `|`), so the header parser sees
one layout whatever the format. pdfplumber is kept for files PDFium cannot open.

PDFium marks a hyphen it takes for a soft hyphen at a line end with U+FFFE (U+0002 in some
versions). In these documents that hyphen is almost always part of a symbol
(`37/TTr-⏎SKHĐT`, `LĐ-⏎TB&XH`) or a range (`2021-⏎2025`), so it is put back as "-" and
the two lines are joined there.

Gazette running heads (`CÔNG BÁO/Số 271/Ngày 12-05-2026 84`) and bare page numbers are
furniture blocks outside the text, so the gazette's issue number is never read as the
document's. Scanned pages are OCRed when Tesseract is installed (see ocr.py).
"""
from __future__ import annotations

import io
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from ..models import Block, BlockKind, LoadedDocument
from ..page_words import gazette_name, recipients_heading, words
from . import LoadError, make_source
from .pdf_lines import Out
from .pdf_page import TABLE_MIN_RULES, Carry, emit_columns, geometry_page, plain_page

# Fewer letters than this on a page covered by an image: a scan with a printed running head.
SCANNED_MAX_LETTERS = 200
DEFAULT_MAX_PAGES = 2000
# Ruled tables are rebuilt cell by cell on at most this many pages per file; later ones
# keep PDFium's text, whose order is already cell by cell (keeps big form books fast).
MAX_TABLE_PAGES = 12


@cache
def _gazette_head() -> regex.Pattern:
    """The running head itself, wherever PDFium put it (on a landscape page it can open a
    line of table text)."""
    g = words().gazette
    name = gazette_name(r"[ \t]*")
    return regex.compile(rf"(?:(?<!\S)\d{{1,4}}[ \t]+)?{name}[ \t]*/[ \t]*{regex.escape(g.issue)}"
                         rf"[ \t]*[\d \t+]+/[ \t]*{regex.escape(g.date)}[ \t]*\d{{1,2}}-\d{{1,2}}-\d{{4}}"
                         r"(?:[ \t]+\d{1,4}(?!\S))?[ \t]*", regex.IGNORECASE)


@cache
def _recipients_line() -> regex.Pattern:
    return regex.compile(r"(?m)^\W*" + recipients_heading(), regex.IGNORECASE)


@dataclass
class PageResult:
    pieces: list[tuple[str, BlockKind | None, tuple | None, bool, int | None]]
    scanned: bool
    ocr: bool = False
    confidence: float | None = None


def _is_password_error(message: str) -> bool:
    return "password" in message.lower() or "encrypt" in message.lower()


def _looks_scanned(page, text: str) -> bool:
    """A page image with at most a line or two of real text (a gazette running head)."""
    import pypdfium2.raw as pdfium_c

    if len(regex.findall(r"\p{L}", text)) >= SCANNED_MAX_LETTERS:
        return False
    width, height = page.get_size()
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) >= 0.3 * width * height:  # a scan inside margins: ~0.43
            return True
    return False


def _path_count(page) -> int:
    import pypdfium2.raw as pdfium_c

    raw = page.raw
    n = pdfium_c.FPDFPage_CountObjects(raw)
    return sum(1 for k in range(n)
               if pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(raw, k)) == pdfium_c.FPDF_PAGEOBJ_PATH)


@dataclass
class Limits:
    max_pages: int = DEFAULT_MAX_PAGES
    deadline: float | None = None      # time.monotonic() value
    ocr: bool = True


def _pages_pdfium(path: Path, data: bytes, limits: Limits, warnings: list[str]) -> tuple[list[PageResult], int]:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if _is_password_error(str(e)):
            raise LoadError(path, "encrypted PDF: it needs a password to open") from e
        raise
    pages: list[PageResult] = []
    try:
        total = len(document)
        if total > limits.max_pages:
            warnings.append(f"only the first {limits.max_pages:,} of {total:,} pages read (--max-pages)")
        count = min(total, limits.max_pages)
        table_pages = 0
        carry: Carry | None = None
        for i in range(count):
            if limits.deadline is not None and time.monotonic() > limits.deadline:
                warnings.append(f"stopped after {i} of {total} pages: over the time limit (--timeout)")
                break
            page = document.get_page(i)
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range()
                    scanned = _looks_scanned(page, text)
                    out = Out()
                    done: bool | Carry = False
                    if not scanned and text.strip():
                        tables = table_pages < MAX_TABLE_PAGES and _path_count(page) >= TABLE_MIN_RULES
                        if i == 0 or tables or carry or _recipients_line().search(text):
                            done = geometry_page(out, page, textpage, text, i + 1, tables, carry)
                            table_pages += tables
                    if carry is not None and not done:
                        _flush_carry(pages[-1], carry)
                    carry = done if isinstance(done, Carry) else None
                    if not done:
                        out = Out()
                        plain_page(out, text)
                finally:
                    textpage.close()
                pages.append(PageResult(out.pieces, scanned))
            finally:
                page.close()
    finally:
        document.close()
    if carry is not None and pages:
        _flush_carry(pages[-1], carry)
    return pages, total


def _without_running_heads(pieces: list) -> list:
    out = []
    head_re = _gazette_head()
    for piece in pieces:
        text, kind, bbox, furniture, page = piece
        if furniture or kind is None or not head_re.search(text):
            out.append(piece)
            continue
        for head in head_re.finditer(text):
            out.append((head.group().strip(), "page_header", None, True, page))
        rest = head_re.sub("", text).strip()
        if rest:
            out.append((rest, kind, bbox, False, page))
    return out


def _flush_carry(page: PageResult, carry: Carry) -> None:
    out = Out()
    emit_columns(out, carry.left, carry.right, "recipients", "signature")
    page.pieces.extend(out.pieces)


def _pages_pdfplumber(path: Path, data: bytes, limits: Limits, warnings: list[str]) -> tuple[list[PageResult], int]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as document:
            pages: list[PageResult] = []
            total = len(document.pages)
            for number, page in enumerate(document.pages[:limits.max_pages]):
                if limits.deadline is not None and time.monotonic() > limits.deadline:
                    warnings.append(f"stopped after {number} of {total} pages: over the time limit (--timeout)")
                    break
                text = page.extract_text() or ""
                scanned = bool(page.images) and len(regex.findall(r"\p{L}", text)) < SCANNED_MAX_LETTERS
                out = Out()
                plain_page(out, text)
                pages.append(PageResult(out.pieces, scanned))
                page.close()  # frees the page's cached layout objects
            return pages, total
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise LoadError(path, "encrypted PDF: it needs a password to open") from e


def load_pdf(path: Path, data: bytes, limits: Limits | None = None) -> LoadedDocument:
    import pypdfium2 as pdfium

    limits = limits or Limits()
    warnings: list[str] = []
    try:
        raw_pages, total = _pages_pdfium(path, data, limits, warnings)
    except pdfium.PdfiumError as first:  # PDFium gave up: a second parser sometimes copes
        try:
            raw_pages, total = _pages_pdfplumber(path, data, limits, warnings)
        except LoadError:
            raise
        except Exception as second:
            raise LoadError(path, f"broken PDF: PDFium: {str(first).rstrip('.')}; pdfminer: "
                                  f"{type(second).__name__}: {second or 'cannot parse'}") from second
        warnings.append(f"PDFium could not read the file ({first}); text from pdfminer instead")
    if not raw_pages:
        if any(w.endswith("(--timeout)") for w in warnings):
            raise LoadError(path, "over the time limit before the first page was read (--timeout)")
        raise LoadError(path, "broken PDF: it has no pages")
    for page in raw_pages:
        page.pieces = _without_running_heads(page.pieces)

    scanned = [n for n, p in enumerate(raw_pages, start=1)
               if p.scanned or not any(not piece[3] for piece in p.pieces)]
    if scanned:
        from .ocr import ocr_pages

        ocr_pages(path, data, raw_pages, scanned, limits, warnings)

    parts: list[str] = []
    blocks: list[Block] = []
    furniture: list[Block] = []
    pos = 0
    for number, page in enumerate(raw_pages, start=1):
        for index, (text, kind, bbox, is_furniture, own_page) in enumerate(page.pieces):
            if is_furniture:
                furniture.append(Block(text=text, kind=kind, start=pos, end=pos, page=number, bbox=bbox,
                                       index=index, furniture=True))
                continue
            if not text:
                continue
            if parts:
                parts.append("\n")
                pos += 1
            if kind is not None:
                blocks.append(Block(text=text, kind=kind, start=pos, end=pos + len(text), page=own_page or number,
                                    bbox=bbox, index=index, ocr=page.ocr,
                                    confidence=page.confidence if page.ocr else None))
            parts.append(text)
            pos += len(text)
    text = "".join(parts)
    if not text.strip() and not scanned:
        raise LoadError(path, "no text in the PDF")
    return LoadedDocument(source=make_source(path, data, "pdf", pages=total), text=text,
                          blocks=tuple(blocks) + tuple(furniture), warnings=tuple(warnings))
