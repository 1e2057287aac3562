"""Render the binary sample documents (DOCX, PDF) from their text sources in corpus/src/.

    python corpus/render.py          # or: make corpus

Each `src/<name>.source` becomes `corpus/<name>.docx` or `corpus/<name>.pdf`, as its
`@format` section says. Sources use the `.source` extension because vanban does not read
it, so `vanban ingest corpus` sees every document once.

Source syntax: sections start with a line `@format`, `@left`, `@right`, `@number`,
`@date`, `@body`, `@recipients` or `@signature`. In `@body`:
  `= TEXT`   a centred bold line (type name, "QUYẾT ĐỊNH:")
  `~ TEXT`   the trích yếu: centred bold
  `# TEXT`   a bold heading (I., II.)
  `| a | b |` a table row; the first row is the table's head
  other lines form paragraphs, which blank lines separate; a line ending in `\\`
  forces a line break in the PDF at that point (to reproduce a symbol split after its
  hyphen, `37/TTr-⏎SKHĐT`) and is joined without a space in the DOCX.
The PDFs are byte-identical from run to run; the DOCX files differ only in their zip timestamps.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
# A fixed date keeps the PDFs byte-stable between runs.
FIXED_DATE = datetime(2024, 9, 30, tzinfo=timezone.utc)


@dataclass
class Para:
    kind: str  # "center", "subject", "heading", "text", "table"
    lines: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Source:
    name: str
    fmt: str
    left: list[str]
    right: list[str]
    number: list[str]
    date: list[str]
    body: list[Para]
    recipients: list[str]
    signature: list[str]


def parse(path: Path) -> Source:
    sections: dict[str, list[str]] = {}
    current = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("@"):
            current = raw[1:].strip()
            sections[current] = []
        elif current is None:
            if raw.strip():
                raise ValueError(f"{path}: text before the first @section: {raw!r}")
        else:
            sections[current].append(raw.rstrip())
    missing = {"format", "left", "right", "number", "date", "body", "signature"} - sections.keys()
    if missing:
        raise ValueError(f"{path}: missing sections {sorted(missing)}")

    def lines(name: str) -> list[str]:
        return [line for line in sections.get(name, []) if line.strip()]

    fmt = lines("format")[0].strip()
    if fmt not in ("docx", "pdf"):
        raise ValueError(f"{path}: @format must be docx or pdf, not {fmt!r}")
    return Source(path.stem, fmt, lines("left"), lines("right"), lines("number"), lines("date"),
                  parse_body(sections["body"]), lines("recipients"), sections["signature"])


def parse_body(lines: list[str]) -> list[Para]:
    paras: list[Para] = []
    open_para: Para | None = None
    for line in lines:
        if not line.strip():
            open_para = None
            continue
        marker = line[:2]
        if marker in ("= ", "~ ", "# "):
            kind = {"= ": "center", "~ ": "subject", "# ": "heading"}[marker]
            paras.append(Para(kind, [line[2:].strip()]))
            open_para = None
        elif line.startswith("|"):
            if open_para is None or open_para.kind != "table":
                open_para = Para("table")
                paras.append(open_para)
            open_para.rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif open_para is not None and open_para.kind == "text":
            open_para.lines.append(line.strip())
        else:
            open_para = Para("text", [line.strip()])
            paras.append(open_para)
    return paras


def join_lines(lines: list[str], hard_break: str) -> str:
    """Paragraph text; `hard_break` is what a trailing backslash becomes."""
    out = ""
    for i, line in enumerate(lines):
        if line.endswith("\\"):
            out += line[:-1] + hard_break
        else:
            out += line + (" " if i < len(lines) - 1 else "")
    return out


# ---------------------------------------------------------------------- DOCX
def render_docx(src: Source, out: Path) -> None:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    doc.core_properties.created = FIXED_DATE.replace(tzinfo=None)
    doc.core_properties.modified = FIXED_DATE.replace(tzinfo=None)
    doc.core_properties.author = "vanban sample corpus"
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.top_margin, sec.bottom_margin = Cm(2), Cm(2)
    sec.left_margin, sec.right_margin = Cm(3), Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    # The footer is page furniture; the loader must keep it out of the document text.
    sec.footer.paragraphs[0].text = "Bản điện tử của văn bản - không có giá trị thay bản gốc"

    def cell_lines(cell, lines, bold_from=0, italic=False, size=None, align=WD_ALIGN_PARAGRAPH.CENTER):
        cell.paragraphs[0].text = ""
        for i, text in enumerate(lines):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            p.alignment = align
            p.paragraph_format.space_after = Pt(0)
            run = p.add_run(text)
            run.bold = i >= bold_from
            run.italic = italic
            if size:
                run.font.size = Pt(size)

    header = doc.add_table(rows=2, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    # A UBND writes its name in bold over two lines; a Sở under a parent body has the
    # parent in regular type on the first line.
    parent_lines = 1 if src.left[0].startswith("UBND ") else 0
    cell_lines(header.cell(0, 0), src.left, bold_from=parent_lines, size=13)
    cell_lines(header.cell(0, 1), src.right, size=13)
    cell_lines(header.cell(1, 0), src.number, bold_from=99, size=13)
    cell_lines(header.cell(1, 1), src.date, bold_from=99, italic=True, size=14)
    for row in header.rows:
        row.cells[0].width, row.cells[1].width = Cm(6), Cm(10)

    for para in src.body:
        if para.kind == "table":
            table = doc.add_table(rows=len(para.rows), cols=len(para.rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(para.rows):
                for c, text in enumerate(row):
                    cell_lines(table.cell(r, c), [text], bold_from=0 if r == 0 else 99, size=12,
                               align=WD_ALIGN_PARAGRAPH.LEFT if c and r else WD_ALIGN_PARAGRAPH.CENTER)
            continue
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(6)
        text = join_lines(para.lines, "")
        run = p.add_run(text)
        if para.kind in ("center", "subject"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold = True
        elif para.kind == "heading":
            run.bold = True
        else:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            p.paragraph_format.first_line_indent = Cm(1)

    sign = doc.add_table(rows=1, cols=2)
    left, right = sign.cell(0, 0), sign.cell(0, 1)
    left.paragraphs[0].text = ""
    for i, text in enumerate(src.recipients):
        p = left.paragraphs[0] if i == 0 else left.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        run = p.add_run(text)
        run.font.size = Pt(11 if i else 12)
        run.bold = run.italic = i == 0
    cell_lines(right, src.signature, size=14)
    doc.save(out)


# ----------------------------------------------------------------------- PDF
def render_pdf(src: Source, out: Path) -> None:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_author("vanban sample corpus")
    pdf.set_margins(25, 18, 15)
    pdf.set_auto_page_break(True, margin=18)
    for style, suffix in (("", ""), ("B", "-Bold"), ("I", "-Italic"), ("BI", "-BoldItalic")):
        pdf.add_font("serif", style, str(FONT_DIR / f"DejaVuSerif{suffix}.ttf"))
    pdf.add_page()
    left_x, left_w = 15, 72
    right_x, right_w = 88, 110
    line_h = 5.6

    def column(x, w, lines, y, style="B", size=11.5, bold_from=0):
        pdf.set_xy(x, y)
        for i, text in enumerate(lines):
            pdf.set_font("serif", style if i >= bold_from else "", size)
            pdf.set_x(x)
            pdf.multi_cell(w, line_h, text, align="C", new_x="LEFT", new_y="NEXT")
        return pdf.get_y()

    top = pdf.get_y()
    parent_lines = 1 if src.left[0].startswith("UBND ") else 0
    y_left = column(left_x, left_w, src.left, top, bold_from=parent_lines)
    y_right = column(right_x, right_w, src.right, top)
    # The short rules under the issuer and the motto, as on paper.
    pdf.line(left_x + left_w / 2 - 12, y_left + 0.8, left_x + left_w / 2 + 12, y_left + 0.8)
    pdf.line(right_x + right_w / 2 - 30, y_right + 0.8, right_x + right_w / 2 + 30, y_right + 0.8)
    row2 = max(y_left, y_right) + 4
    y_left = column(left_x, left_w, src.number, row2, style="", size=11.5)
    y_right = column(right_x, right_w, src.date, row2, style="I", size=12)
    pdf.set_xy(pdf.l_margin, max(y_left, y_right) + 6)

    width = pdf.w - pdf.l_margin - pdf.r_margin
    for para in src.body:
        if para.kind == "table":
            pdf.set_font("serif", "", 10.5)
            ncols = len(para.rows[0])
            widths = [12] + [(width - 12) * (0.6 if c == 1 else 0.4 / max(ncols - 2, 1))
                             for c in range(1, ncols)] if para.rows[0][0] == "STT" else None
            with pdf.table(col_widths=widths, line_height=line_h, text_align="LEFT",
                           headings_style=FontFace(emphasis="BOLD")) as table:
                for row in para.rows:
                    cells = table.row()
                    for text in row:
                        cells.cell(text)
            pdf.ln(3)
            continue
        text = join_lines(para.lines, "\n")
        if para.kind in ("center", "subject"):
            pdf.set_font("serif", "B", 12.5 if para.kind == "center" else 12)
            pdf.multi_cell(width, line_h + 0.4, text, align="C", new_x="LMARGIN", new_y="NEXT")
        elif para.kind == "heading":
            pdf.set_font("serif", "B", 12)
            pdf.multi_cell(width, line_h + 0.4, text, align="L", new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("serif", "", 12)
            pdf.set_x(pdf.l_margin)
            pdf.multi_cell(width, line_h + 0.4, "      " + text, align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.8)

    # Nơi nhận on the left, the signer on the right, starting at the same height.
    pdf.ln(3)
    if pdf.get_y() > pdf.h - 70:
        pdf.add_page()
    top = pdf.get_y()
    pdf.set_xy(pdf.l_margin, top)
    for i, text in enumerate(src.recipients):
        pdf.set_font("serif", "BI" if i == 0 else "", 10.5 if i == 0 else 9.5)
        pdf.set_x(pdf.l_margin)
        pdf.multi_cell(80, 4.8, text, align="L", new_x="LEFT", new_y="NEXT")
    pdf.set_xy(110, top)
    for text in src.signature:
        pdf.set_font("serif", "" if text.startswith("(") else "B", 11.5)
        pdf.set_x(110)
        pdf.multi_cell(85, line_h, text or " ", align="C", new_x="LEFT", new_y="NEXT")
    pdf.output(str(out))


def main(argv: list[str]) -> int:
    sources = sorted((HERE / "src").glob("*.source"))
    if not sources:
        print(f"no sources in {HERE / 'src'}", file=sys.stderr)
        return 1
    for path in sources:
        src = parse(path)
        out = HERE / f"{src.name}.{src.fmt}"
        (render_docx if src.fmt == "docx" else render_pdf)(src, out)
        print(f"{path.relative_to(HERE)} -> {out.relative_to(HERE)} ({out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
