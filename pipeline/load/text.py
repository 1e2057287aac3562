"""Plain text and Markdown, including web copies whose table cells are separated by `|`."""
from __future__ import annotations

import re
from pathlib import Path

from pydantic import TypeAdapter

from ..models import Block, LoadedDocument
from . import LoadError, make_source

_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n")


def decode(path: Path, data: bytes) -> str:
    return decode_with_warnings(path, data)[0]


def decode_with_warnings(path: Path, data: bytes) -> tuple[str, tuple[str, ...]]:
    """The text of `data`, and what decoding had to change. NUL bytes are either UTF-16
    (every other byte of a mostly-ASCII text, with or without a byte order mark) or stray
    bytes in a UTF-8 file, removed with a warning; neither is a legacy 8-bit font, which
    is what they were taken for when any NUL sent the file down that road."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ()
        except UnicodeDecodeError:
            pass
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16, ()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        nuls = text.count("\x00")
        if not nuls:
            return text, ()
        if nuls <= len(text) // 20:
            return text.replace("\x00", ""), (f"{nuls} NUL byte{'s' * (nuls > 1)} removed from the text",)
    # An 8-bit file typed in a TCVN3 or VNI font is Latin-1 bytes as far as Python knows;
    # the legacy tables (legacy.py) then map its letters to Unicode.
    from .legacy import detect

    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and detect(text):
            return text, ()
    # Windows-1258 is the other encoding Vietnamese text files come in.
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError as e:
        raise LoadError(path, "not text: neither UTF-8 nor Windows-1258") from e
    if sum(c < " " and c not in "\n\r\t" for c in text[:4096]) > 8:
        raise LoadError(path, "binary data, not text")
    return text, ()


def _utf16_without_bom(data: bytes) -> str | None:
    """`data` decoded as UTF-16 when its NULs say so: in a Vietnamese (or any mostly-Latin)
    text each ASCII letter is a zero byte and a letter, so most bytes on one side of the
    pairs are zero and almost none on the other. Which side gives the byte order."""
    sample = data[:8192]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    sample = sample[:len(sample) // 2 * 2]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    pairs = len(sample) // 2
    for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros >= 0.3 * pairs and other <= 0.02 * pairs:
            try:
                text = data[:len(data) // 2 * 2].decode(encoding)
            except UnicodeDecodeError:
                return None
            return text.lstrip("\ufeff") if "\x00" not in text else None
    return None


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
    text, warnings = decode_with_warnings(path, data)
    fmt = "md" if path.suffix.lower() == ".md" else "txt"
    return LoadedDocument(source=make_source(path, data, fmt), text=text, blocks=blocks_of(text),
                          warnings=warnings)
