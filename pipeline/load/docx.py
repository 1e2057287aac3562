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
DOC_TIMEOUT = 120
# Bold marks only the first lines, as a PDF's page 1: the weight parts the trích yếu from
# the body's first paragraph, and the rest of the text stays as written.
BOLD_MARKED_LINES = 60

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
        # Word never writes a DTD; one in a part can only declare entities (billion laughs,
        # external files), so the file is refused before lxml sees it. The whole part is
        # read, not its head: comments or whitespace can push a DTD far into the file.
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                with archive.open(info) as part:
                    found = declares_entities(part)
                if found:
                    raise LoadError(path, f"refusing to parse {info.filename}: it declares a DTD "
                                          f"or entities (XML entity bomb?)")


# The markers of a DTD in every encoding an XML parser accepts without being told.
_DTD_MARKERS = tuple(word.encode(codec) for word in ("<!DOCTYPE", "<!ENTITY")
                     for codec in ("ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))
_OVERLAP = max(len(m) for m in _DTD_MARKERS) - 1


def declares_entities(part: io.RawIOBase, chunk: int = 1 << 20) -> bool:
    """Whether an XML stream contains a DOCTYPE or ENTITY declaration anywhere, read in
    chunks so that a large part costs no more memory than one chunk."""
    tail = b""
    while piece := part.read(chunk):
        window = tail + piece
        if any(marker in window for marker in _DTD_MARKERS):
            return True
        tail = window[-_OVERLAP:]
    return False


def _style_bold(style) -> bool | None:
    while style is not None:
        if style.font.bold is not None:
            return style.font.bold
        style = style.base_style
    return None


def _run_bold(run, paragraph_bold: bool | None) -> bool:
    if run.bold is not None:
        return run.bold
    own = _style_bold(run.style) if run._r.rPr is not None and run._r.rPr.rStyle is not None else None
    return bool(own if own is not None else paragraph_bold)


def _marked_text(paragraph) -> str:
    """The paragraph's text with its bold runs in `**`, as web copies and PDF page 1 write
    them, a bold stretch broken at a line break closed and reopened on each line."""
    from docx.text.hyperlink import Hyperlink

    paragraph_bold = _style_bold(paragraph.style)
    pieces: list[list] = []      # [text, bold], neighbours of one weight merged
    for item in paragraph.iter_inner_content():
        for run in (item.runs if isinstance(item, Hyperlink) else [item]):
            text = run.text
            bold = _run_bold(run, paragraph_bold) if text.strip() else (pieces[-1][1] if pieces else False)
            if pieces and pieces[-1][1] == bold:
                pieces[-1][0] += text
            else:
                pieces.append([text, bold])
    out = []
    for text, bold in pieces:
        if not bold:
            out.append(text)
            continue
        lines = []
        for line in text.split("\n"):
            core = line.strip()
            lines.append(line.replace(core, f"**{core}**", 1) if core else line)
        out.append("\n".join(lines))
    return "".join(out)


def _paragraph_lines(paragraph, numbering: "Numbering | None" = None, bold: bool = False) -> list[str]:
    # A manual line break (<w:br/>) is a line of its own in the printed document.
    text = _marked_text(paragraph) if bold else paragraph.text
    lines = [c for c in (clean(line) for line in text.split("\n")) if c]
    label = numbering.label(paragraph) if numbering is not None else None
    if label and lines:
        lines[0] = f"{label} {lines[0]}"
    return lines


def _text_boxes(paragraph) -> list[str]:
    """Lines of the text boxes anchored in a paragraph. Word writes each box twice (the
    DrawingML choice and a VML fallback): the fallback is skipped."""
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for box in paragraph._p.iter(f"{_W}txbxContent"):
        if any(a.tag.endswith("}Fallback") for a in box.iterancestors()):
            continue
        for p in box.iter(f"{_W}p"):
            lines.extend(_paragraph_lines(Paragraph(p, paragraph._parent)))
    return lines


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    # Word's lowerLetter goes a … z, aa … zz, aaa …
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class Numbering:
    """Word's automatic list numbers (numbering.xml), counted in body order as Word does:
    each abstract list keeps one counter per level, a level restarts when a higher one
    moves on, and a w:num with a startOverride restarts the list."""

    def __init__(self, document) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}   # (abstract, ilvl) -> fmt, text, start
        self.abstract_of: dict[str, str] = {}
        self.overrides: dict[tuple[str, int], int] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in root.iter(f"{_W}abstractNum"):
            aid = abstract.get(f"{_W}abstractNumId")
            for lvl in abstract.iter(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl", "0"))
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                self.levels[(aid, ilvl)] = (
                    fmt.get(f"{_W}val") if fmt is not None else "decimal",
                    text.get(f"{_W}val") if text is not None else "",
                    int(start.get(f"{_W}val")) if start is not None else 1)
        for num in root.iter(f"{_W}num"):
            nid = num.get(f"{_W}numId")
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                self.abstract_of[nid] = ref.get(f"{_W}val")
            for override in num.iter(f"{_W}lvlOverride"):
                start = override.find(f"{_W}startOverride")
                if start is not None:
                    self.overrides[(nid, int(override.get(f"{_W}ilvl", "0")))] = int(start.get(f"{_W}val"))

    @staticmethod
    def _num_pr(paragraph):
        ppr = paragraph._p.pPr
        if ppr is not None and ppr.numPr is not None:
            return ppr.numPr
        style = paragraph.style
        while style is not None:
            spr = style.element.pPr
            if spr is not None and spr.numPr is not None:
                return spr.numPr
            style = style.base_style
        return None

    def label(self, paragraph) -> str | None:
        if not self.levels:
            return None
        num_pr = self._num_pr(paragraph)
        if num_pr is None or num_pr.numId is None:
            return None
        nid = str(num_pr.numId.val)
        ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        aid = self.abstract_of.get(nid)
        if aid is None or nid == "0" or (aid, ilvl) not in self.levels:
            return None
        counters = self.counters.setdefault(aid, {})
        if nid not in self.started:
            self.started.add(nid)
            # a new w:num on a used list with an override starts it afresh
            if any(k[0] == nid for k in self.overrides):
                counters.clear()
        fmt, text, start = self.levels[(aid, ilvl)]
        start = self.overrides.get((nid, ilvl), start)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt == "bullet":
            return None  # the bullet glyph is a Symbol-font character, not text
        label = text
        for level in range(ilvl + 1):
            lfmt, _, lstart = self.levels.get((aid, level), ("decimal", "", 1))
            value = counters.get(level, self.overrides.get((nid, level), lstart))
            label = label.replace(f"%{level + 1}", format_number(value, lfmt))
        return label.strip() or None


def _cell_lines(cell, bold: bool = False) -> list[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for child in cell._tc.iterchildren():
        if child.tag == f"{_W}p":
            lines.extend(_paragraph_lines(Paragraph(child, cell), bold=bold))
        elif child.tag == f"{_W}tbl":
            for row in Table(child, cell).rows:
                for inner in _unique_cells(row):
                    lines.extend(_cell_lines(inner, bold))
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


def load_doc(path: Path, data: bytes) -> LoadedDocument:
    """Old binary Word (.doc): converted to DOCX by LibreOffice when it is installed."""
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise LoadError(path, "old Word .doc file: converting it needs LibreOffice (soffice), which "
                              "is not installed; install it or save the file as .docx")
    with tempfile.TemporaryDirectory(prefix="vanban-doc-") as tmp:
        source = Path(tmp) / "in.doc"
        source.write_bytes(data)
        try:
            # a private profile: a running LibreOffice would otherwise take the job and hang
            subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                            "--convert-to", "docx", "--outdir", tmp, str(source)],
                           capture_output=True, timeout=DOC_TIMEOUT, check=False)
        except subprocess.TimeoutExpired as e:
            raise LoadError(path, f"LibreOffice took over {DOC_TIMEOUT} s to convert the .doc file") from e
        converted = Path(tmp) / "in.docx"
        if not converted.exists():
            raise LoadError(path, "LibreOffice could not convert the .doc file")
        doc = load_docx(path, converted.read_bytes())
    return doc.model_copy(update={"source": make_source(path, data, "doc"),
                                  "warnings": doc.warnings + ("converted from .doc by LibreOffice",)})


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
    numbering = Numbering(document)
    for kind, item in _body_items(document):
        bold = len(builder.blocks) < BOLD_MARKED_LINES
        if kind == "p":
            style = (item.style.name or "") if item.style is not None else ""
            block_kind = "heading" if style.startswith(("Heading", "Title")) else "paragraph"
            if numbering.levels and block_kind == "paragraph" and Numbering._num_pr(item) is not None:
                block_kind = "list_item"
            for line in _paragraph_lines(item, numbering, bold) + _text_boxes(item):
                builder.add(line, block_kind, index=paragraphs)
            paragraphs += 1
        else:
            rows = [[_cell_lines(cell, bold) for cell in _unique_cells(row)] for row in item.rows]
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
