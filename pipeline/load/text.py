"""Plain text and Markdown, including web copies whose table cells are separated by `|`."""
from __future__ import annotations

import re
from pathlib import Path

from pydantic import TypeAdapter

from ..models import Block, LoadedDocument
from . import LoadError, make_source

_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n")


def decode(path: Path, data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    # An 8-bit file typed in a TCVN3 or VNI font is Latin-1 bytes as far as Python knows;
    # the legacy tables (legacy.py) then map its letters to Unicode.
    from .legacy import detect

    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if detect(text):
            return text
    # Windows-1258 is the other encoding Vietnamese text files come in.
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError as e:
        raise LoadError(path, "not text: neither UTF-8 nor Windows-1258") from e
    if sum(c < " " and c not in "\n\r\t" for c in text[:4096]) > 8:
        raise LoadError(path, "binary data, not text")
    return text


# validated in one call: a document has a few hundred paragraphs
_BLOCKS = TypeAdapter(tuple[Block, ...])


def blocks_of(text: str) -> tuple[Block, ...]:
    """Paragraphs separated by blank lines."""
    blocks, pos = [], 0
    gaps = [m.span() for m in _BLANK_LINES.finditer(text)]
    gaps.append((len(text), len(text)))    # the last paragraph runs to the end
    for end, after in gaps:
        paragraph = text[pos:end]
        # str.isspace is str.strip's notion of whitespace, without the copy
        if paragraph and not paragraph.isspace():
            blocks.append({"text": paragraph, "start": pos, "end": end, "index": len(blocks)})
        pos = after
    return _BLOCKS.validate_python(blocks)


def load_text(path: Path, data: bytes) -> LoadedDocument:
    text = decode(path, data)
    fmt = "md" if path.suffix.lower() == ".md" else "txt"
    return LoadedDocument(source=make_source(path, data, fmt), text=text, blocks=blocks_of(text))
