"""File names made safe to store and to print.

A name is whatever bytes the filesystem holds. Python hands a name that is not valid UTF-8
over with its bad bytes as lone surrogates (surrogateescape), which SQLite, JSON and a
UTF-8 terminal all refuse, so one such file used to abort a whole batch. And a name may
hold control characters (an escape sequence that recolours or clears the terminal, a
carriage return that hides the line before it), which must not reach the terminal raw.
"""
from __future__ import annotations

import os
import unicodedata


def storable(path: str | os.PathLike) -> str:
    """The path as the database keeps it: valid UTF-8, with each byte of the name that is not
    UTF-8 written as `\\xNN` (b"bad\\xff.txt" is stored as "bad\\\\xff.txt"). The same name
    always gives the same form, so an unchanged file is still skipped on the next run."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def printable(text: str | os.PathLike) -> str:
    """`text` safe to print on one line: a non-UTF-8 name as in `storable`, and control and
    format characters (escape, carriage return, newline, bidi overrides) as `\\xNN` or
    `\\uNNNN`, so that a file name can neither drive the terminal nor fake another line."""
    text = storable(text)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else _escape(c) for c in text)


def _escape(c: str) -> str:
    code = ord(c)
    if code < 0x100:
        return f"\\x{code:02x}"
    if unicodedata.category(c) in ("Zs",):
        return c
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
