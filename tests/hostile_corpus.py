"""The hostile-input corpus (issue #17): small files made at test time, and what vanban
must do with each one. test_hostile_corpus.py ingests the whole folder in one batch and
checks every row of CASES; to look at the files yourself:

    python tests/hostile_corpus.py /tmp/hostile      # writes them and prints the table
    vanban ingest /tmp/hostile --db /tmp/hostile.db

An outcome is one of:
    stored   the file becomes a document of its own; `detail`, if given, is one of its
             warnings
    failed   the file is reported by name and recorded in ingest_errors with `detail`
`detail` is exact, or a prefix where it ends with "…".
A file's name is bytes: some names are not UTF-8 or hold control characters, and the
stored path is their printable form (pipeline.printable).
"""
from __future__ import annotations

import io
import os
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DOCX = CORPUS / "cv-418-sldtbxh-2024.docx"
PDF = CORPUS / "qd-1052-ubnd-2024.pdf"

HEADER = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
          "Độc lập - Tự do - Hạnh phúc\n---------------\nSố: 12/QĐ-UBND\n"
          "Hà Nam, ngày 5 tháng 3 năm 2023\nQUYẾT ĐỊNH\nVề việc phê duyệt kế hoạch\n"
          "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nĐiều 1. Phê duyệt kế hoạch năm 2023.\n")
SIGNATURE = "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n"
PLAIN = "Số: 4/KH-UBND\nKế hoạch phát triển tỉnh Lạng Sơn năm 2024.\n" * 4


def _times(unit: str, n: int) -> str:
    return unit * max(1, n // len(unit))


# Inputs that once made extraction slower than linear, as a function of their size in
# characters (test_linear_time.py times each at n and 4n).
SLOW_SHAPES: dict[str, Callable[[int], str]] = {
    # a signature line `A A … a`: a merged cell's pattern re-read the line from every space
    "sig": lambda n: HEADER + SIGNATURE + _times("A ", n) + "a\n",
    # `Dự án 1: Tiểu dự án 1: ` × n: every label rescanned all programme mentions
    "du_an": lambda n: HEADER + _times("Dự án 1: Tiểu dự án 1: ", n) + "\n",
    # `1,5%, ` × n: every percentage rescanned its sentence for a measure cue
    "percent": lambda n: HEADER + _times("1,5%, ", n) + "\n",
    # `|⏎` × n: the section gate re-read a run of markup lines from each newline
    "pipes": lambda n: HEADER + _times("|\n", n),
    # `Số: 1/1-1/1-…`: the symbol pattern backtracked over every part
    "symbol": lambda n: HEADER.replace("Số: 12/QĐ-UBND", "Số: " + _times("1/1-", n) + "1"),
    # a run of n digits before `đồng`: converting it to an int is quadratic
    "digits": lambda n: HEADER + "Tổng kinh phí " + "1" * n + " đồng.\n",
}


def page_tree_pdf(fanout: int = 10, levels: int = 6) -> bytes:
    """A PDF of ~1.4 KB whose page tree claims fanout**levels pages: every node lists the
    same child `fanout` times, down to one page holding a citation and no sentence end."""
    text = b"Can cu Quyet dinh so 12/QD-UBND cua UBND tinh ve ke hoach nam 2024 va "
    content = b"BT /F1 10 Tf 20 700 Td (" + text + b") Tj ET"
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        4: b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        5: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R "
           b"/Resources << /Font << /F1 3 0 R >> >> >>",
    }
    child, count, free = 5, 1, 6
    for level in range(levels):
        node = 2 if level == levels - 1 else free
        free += node != 2
        count *= fanout
        kids = b" ".join(b"%d 0 R" % child for _ in range(fanout))
        objs[node] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count
        child = node
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for n in sorted(objs):
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + objs[n] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (max(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, max(objs) + 1))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (max(objs) + 1, xref)
    return bytes(out)


# A page 200 inches square and nothing on it: 197 bytes.
HUGE_BLANK_PAGE = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                   b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                   b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 14400 14400]>>endobj\n"
                   b"trailer<</Root 1 0 R>>\n%%EOF\n")

W_BODY = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:body></w:document>')


def docx_with(document_xml: bytes) -> bytes:
    """The corpus DOCX with its word/document.xml replaced."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(DOCX) as original, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            copy.writestr(info, document_xml if info.filename == "word/document.xml" else original.read(info))
    return buffer.getvalue()


def billion_laughs() -> bytes:
    entities = "".join(f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    return docx_with((f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol0 "lol">{entities}]>'
                      + W_BODY.format("&lol9;")).encode())


def external_entity_behind_a_comment() -> bytes:
    return docx_with(('<?xml version="1.0"?><!--' + " " * 10_000 + '--><!DOCTYPE d '
                      '[<!ENTITY x SYSTEM "file:///etc/passwd">]>' + W_BODY.format("&x;")).encode())


def zip_ratio_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<a/>")
        for i in range(8):
            archive.writestr(f"word/media/pad{i}.bin", b"\0" * (30 * 1024 * 1024))
    return buffer.getvalue()


def text(s: str, codec: str = "utf-8") -> Callable[[], bytes]:
    return lambda: s.encode(codec)


@dataclass(frozen=True)
class Case:
    name: bytes
    make: Callable[[], bytes] | None   # None: not a regular file (see special)
    outcome: Literal["stored", "failed"]
    detail: str = ""
    special: Literal["", "fifo", "dev-zero"] = ""


DTD_REFUSED = "refusing to parse word/document.xml: it declares a DTD or entities (XML entity bomb?)"

CASES: tuple[Case, ...] = (
    # ---- bombs: refused or bounded before they cost memory or time
    Case(b"bomb-laughs.docx", billion_laughs, "failed", DTD_REFUSED),
    Case(b"bomb-xxe-after-comment.docx", external_entity_behind_a_comment, "failed", DTD_REFUSED),
    Case(b"bomb-zip-ratio.docx", zip_ratio_bomb, "failed",  # the packed size varies with zlib
         "refusing to unpack: 251,658,244 bytes uncompressed from …"),
    Case(b"bomb-page-tree.pdf", page_tree_pdf, "stored",
         "only the first 2,000 of 1,000,000 pages read (--max-pages)"),
    Case(b"bomb-huge-blank-page.pdf", lambda: HUGE_BLANK_PAGE, "stored",
         "page 1 has no text layer (scanned; too large to read by OCR: 200 × 200 inches)"),
    Case(b"bomb-percent-list.txt", text("1,5%, " * 6_666), "stored",
         "only the first 5,000 of 6,666 percentages kept (1,666 dropped: over the per-document cap)"),
    # ---- malformed
    Case(b"bad-empty.pdf", lambda: b"", "failed", "empty file"),
    Case(b"bad-empty.docx", lambda: b"", "failed", "empty file"),
    Case(b"bad-truncated.docx", lambda: DOCX.read_bytes()[:3000], "failed",
         "not a valid DOCX file (broken zip: File is not a zip file)"),
    Case(b"bad-junk.pdf", lambda: bytes((i * 7919) % 251 for i in range(20_000)), "failed",
         "looks like binary data of no format vanban knows, not a PDF"),
    Case(b"bad-text-named.pdf", text(PLAIN), "failed", "looks like plain text, not a PDF"),
    Case(b"bad-docx-named.pdf", lambda: DOCX.read_bytes(), "failed",
         "looks like a Word document (DOCX), not a PDF"),
    Case(b"bad-not-ole.doc", lambda: b"hello, not a word file", "failed", "looks like plain text, not a DOC"),
    Case(b"ok-pdf-named.txt", lambda: PDF.read_bytes(), "stored"),
    # ---- encodings
    Case(b"enc-nul-bytes.txt", text(PLAIN.replace("phát", "ph\x00át", 1)), "stored",
         "1 NUL byte removed from the text"),
    Case(b"enc-utf16-le.txt", text(PLAIN, "utf-16-le"), "stored"),
    Case(b"enc-utf16-be.txt", text(PLAIN, "utf-16-be"), "stored"),
    Case(b"enc-binary.txt", lambda: bytes(range(256)) * 40, "failed",
         "not text: neither UTF-8 nor Windows-1258"),
    Case(b"enc-lying-charset.html", lambda: (b'<meta charset="ascii"><p>' + PLAIN.encode() + b"</p>"),
         "stored"),
    # ---- names
    Case(b"name-not-utf8-\xff.txt", text(PLAIN.replace("4/KH", "5/KH")), "stored"),
    Case(b"name-escape-\x1b[31m.txt", text(PLAIN.replace("4/KH", "6/KH")), "stored"),
    Case(b"name-newline-\nfake.txt", text(PLAIN.replace("4/KH", "7/KH")), "stored"),
    Case(b"name-bidi-\xe2\x80\xaetxt.exe.txt", text(PLAIN.replace("4/KH", "8/KH")), "stored"),
    # ---- not regular files: refused at once, not after the time limit
    Case(b"special-fifo.txt", None, "failed", "not a regular file (a FIFO)", special="fifo"),
    Case(b"special-dev-zero.txt", None, "failed", "not a regular file (a character device)",
         special="dev-zero"),
    # ---- slow shapes, 40,000 characters each: linear now, stored in seconds
    *(Case(f"slow-{shape}.txt".encode(), text(make(40_000)), "stored") for shape, make in SLOW_SHAPES.items()),
)


def write(folder: Path) -> dict[Case, bytes]:
    """Writes every case into `folder` (which must exist); returns each case's path as bytes."""
    paths = {}
    for case in CASES:
        path = os.fsencode(folder) + b"/" + case.name
        if case.special == "fifo":
            os.mkfifo(path)
        elif case.special == "dev-zero":
            os.symlink(b"/dev/zero", path)
        else:
            with open(path, "wb") as f:
                f.write(case.make())
        paths[case] = path
    return paths


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for case, path in write(out).items():
        print(f"{case.outcome:7} {os.fsdecode(path)!r}  {case.detail}")
