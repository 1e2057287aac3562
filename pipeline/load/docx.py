"""Word documents (.docx): paragraphs and tables in the order they stand in the body.

python-docx lists paragraphs and tables separately, which would move the NĐ 30 header
table and the signature table away from the text around them, so the body's XML children
are walked in order. Tables are written in the web-copy shape (see html.py) and their
cells are marked header_cell / signature / recipients where they hold the Quốc hiệu or
Nơi nhận. Page headers and footers are blocks with furniture=True, outside the text.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..models import Block, LoadedDocument
from . import LoadError, make_source
from .html import TextBuilder, clean, emit_table

# A real .docx inflates to a few megabytes; far more, or an absurd ratio, is a zip bomb.
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check_zip(path: Path, data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as e:
        raise LoadError(path, f"not a valid DOCX file (broken zip: {e})") from e
    with archive:
        infos = archive.infolist()
        total = sum(info.file_size for info in infos)
        packed = sum(info.compress_size for info in infos)
        if total > MAX_UNCOMPRESSED or (total > 10 * 1024 * 1024 and total > MAX_RATIO * max(packed, 1)):
            raise LoadError(path, f"refusing to unpack: {total:,} bytes uncompressed from "
                                  f"{len(data):,} bytes (zip bomb?)")
        if "word/document.xml" not in archive.namelist():
            raise LoadError(path, "not a valid DOCX file (no word/document.xml in the zip)")


def _paragraph_lines(paragraph) -> list[str]:
    # A manual line break (<w:br/>) is a line of its own in the printed document.
    return [c for c in (clean(line) for line in paragraph.text.split("\n")) if c]


def _cell_lines(cell) -> list[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for child in cell._tc.iterchildren():
        if child.tag == f"{_W}p":
            lines.extend(_paragraph_lines(Paragraph(child, cell)))
        elif child.tag == f"{_W}tbl":
            for row in Table(child, cell).rows:
                for inner in _unique_cells(row):
                    lines.extend(_cell_lines(inner))
    return lines


def _unique_cells(row) -> list:
    """A row's cells, once each: python-docx repeats a merged cell for every grid column."""
    seen, cells = set(), []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def _body_items(document):
    """(kind, object) for the body's paragraphs and tables in order, inside content controls too."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    def walk(parent_el):
        for child in parent_el.iterchildren():
            if child.tag == f"{_W}p":
                yield "p", Paragraph(child, document)
            elif child.tag == f"{_W}tbl":
                yield "tbl", Table(child, document)
            elif child.tag == f"{_W}sdt":
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    yield from walk(content)

    yield from walk(document.element.body)


def load_docx(path: Path, data: bytes) -> LoadedDocument:
    check_zip(path, data)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as e:
        raise LoadError(path, f"not a valid DOCX file ({type(e).__name__}: {e})") from e
    except Exception as e:  # lxml and python-docx raise many kinds on a damaged part
        raise LoadError(path, f"cannot read DOCX: {type(e).__name__}: {e}") from e

    builder, counter, tables = TextBuilder(), [0], 0
    paragraphs = 0
    for kind, item in _body_items(document):
        if kind == "p":
            style = (item.style.name or "") if item.style is not None else ""
            block_kind = "heading" if style.startswith(("Heading", "Title")) else "paragraph"
            for line in _paragraph_lines(item):
                builder.add(line, block_kind, index=paragraphs)
            paragraphs += 1
        else:
            rows = [[_cell_lines(cell) for cell in _unique_cells(row)] for row in item.rows]
            emit_table(builder, rows, counter, first=tables == 0 and not builder.blocks)
            tables += 1

    text = builder.text
    furniture: list[Block] = []
    seen: set[str] = set()
    for section in document.sections:
        for part, kind in ((section.header, "page_header"), (section.footer, "page_footer")):
            if part.is_linked_to_previous and furniture:
                continue
            for paragraph in part.paragraphs:
                line = clean(paragraph.text)
                # Repeated across sections; one block per distinct line is enough.
                if line and (kind, line) not in seen:
                    seen.add((kind, line))
                    furniture.append(Block(text=line, kind=kind, start=len(text), end=len(text),
                                           furniture=True))
    if not builder.blocks:
        raise LoadError(path, "no text in the DOCX document")
    return LoadedDocument(source=make_source(path, data, "docx"), text=text,
                          blocks=tuple(builder.blocks) + tuple(furniture))
