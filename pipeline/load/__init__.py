"""Load stage: a file on disk -> LoadedDocument (text plus blocks with provenance).

One module per format; `load` picks one by the file's content first (a PDF named .txt
is still a PDF), then by its extension.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..models import LoadedDocument, Source

SUPPORTED = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf",
             ".doc": "doc"}
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_PAGES = 2000
# Seconds per file; checked between pages, so one page (or one OCR run) may overshoot it.
DEFAULT_TIMEOUT = 300.0
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class LoadLimits:
    """What the user allows one file: its size, a PDF's pages, and whether to OCR scans."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_pages: int = DEFAULT_MAX_PAGES
    ocr: bool = True


class LoadError(Exception):
    """A file that cannot be read; the message names the file and the reason."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


# What a file's first bytes say it is, for a file whose content is not its extension's
# format ("looks like plain text, not a PDF"); plain text and binary are told apart below.
SIGNATURES = (
    (b"%PDF", "a PDF"), (b"PK\x03\x04", "a ZIP archive"), (_OLE, "an old Office file (DOC, XLS)"),
    (b"{\\rtf", "an RTF document"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"), (b"\x1f\x8b", "a gzip archive"), (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)
MARKUP = ((b"<!doctype html", "HTML"), (b"<html", "HTML"), (b"<?xml", "XML"))


def looks_like(data: bytes) -> str:
    """What `data` is, as a person would name it: 'a Word document (DOCX)', 'HTML', 'plain
    text', 'binary data' …"""
    for signature, name in SIGNATURES:
        if data.startswith(signature):
            if signature.startswith(b"PK") and b"word/" in data:
                return "a Word document (DOCX)"
            return name
    head = data[:4096]
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    for signature, name in MARKUP:
        if start.startswith(signature):
            return name
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
            return "plain text"
        except UnicodeDecodeError as e:
            # A character cut by the 4 KiB window is still text.
            if e.start >= len(head) - 3 and e.reason == "unexpected end of data":
                return "plain text"
        # A legacy 8-bit encoding (Windows-1258, TCVN3) has no control characters either.
        if not any(b < 0x20 and b not in b"\t\r\n\f" for b in head):
            return "text in an 8-bit encoding"
    return "binary data of no format vanban knows"


def sniff_format(path: Path, data: bytes) -> str:
    head = data[:8]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") and path.suffix.lower() == ".docx":
        return "docx"
    if head.startswith(_OLE) and path.suffix.lower() in (".doc", ".docx"):
        return "doc"
    fmt = SUPPORTED.get(path.suffix.lower())
    if fmt is None:
        raise LoadError(path, f"unsupported file type {path.suffix or '(no extension)'!r}; "
                              f"vanban reads {', '.join(sorted(SUPPORTED))}")
    if fmt in ("pdf", "docx", "doc"):
        raise LoadError(path, f"looks like {looks_like(data)}, not a {fmt.upper()}")
    return fmt


def make_source(path: Path, data: bytes, fmt: str, pages: int | None = None) -> Source:
    return Source(path=str(path), format=fmt, sha256=hashlib.sha256(data).hexdigest(),
                  size=len(data), pages=pages)


def load(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, *, max_pages: int = DEFAULT_MAX_PAGES,
         timeout: float | None = DEFAULT_TIMEOUT, ocr: bool = True) -> LoadedDocument:
    """Read one file. Over `max_bytes` it is refused; a PDF is read up to `max_pages` pages
    and for about `timeout` seconds, and the result says what was left out (warnings)."""
    import time

    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise LoadError(path, e.strerror or str(e)) from e
    if not path.is_file():
        raise LoadError(path, "not a regular file")
    if size == 0:
        raise LoadError(path, "empty file")
    if size > max_bytes:
        raise LoadError(path, f"{size:,} bytes is over the {max_bytes:,}-byte limit (--max-bytes)")
    data = path.read_bytes()
    fmt = sniff_format(path, data)
    if fmt in ("txt", "md"):
        from .text import load_text as loader
    elif fmt == "html":
        from .html import load_html as loader
    elif fmt == "docx":
        from .docx import load_docx as loader
    elif fmt == "doc":
        from .docx import load_doc as loader
    else:
        from functools import partial

        from .pdf import Limits, load_pdf

        deadline = time.monotonic() + timeout if timeout else None
        loader = partial(load_pdf, limits=Limits(max_pages=max_pages, deadline=deadline, ocr=ocr))
    try:
        doc = loader(path, data)
        from .legacy import convert_document

        return convert_document(doc)
    except LoadError:
        raise
    except Exception as e:  # a broken file must name itself, whatever the library raised
        raise LoadError(path, f"cannot read {fmt.upper()}: {type(e).__name__}: {e}") from e


__all__ = ["LoadError", "LoadLimits", "load", "SUPPORTED", "make_source", "DEFAULT_MAX_PAGES", "DEFAULT_TIMEOUT"]
