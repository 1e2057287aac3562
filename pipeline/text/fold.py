"""Folding and keys: the forms in which two spellings of one word, name or number compare.

- `fold`: lower case, no tone or vowel marks, đ -> d, look-alike letters repaired; the search
  key of the store and the basis of the others;
- `folded`: `fold` of a word or line, spaces collapsed and edge punctuation trimmed, for
  comparing header words and lines (the gold scorer's fold);
- `folded_key`: `fold` with spaces collapsed, the lookup key of a written name;
- `symbol_key`: a document number/symbol's stored form (NFC, look-alikes repaired, upper
  case, no spaces, every dash as '-').
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import regex

from .regex_parts import ranges_class

# Latin Eth and Cyrillic capitals that look like the Vietnamese letters they stand for.
LOOKALIKES = str.maketrans({
    "\u00d0": "Đ", "\u00f0": "đ", "\u0110": "Đ",
    "\u0421": "C", "\u0422": "T", "\u041d": "H", "\u0410": "A", "\u0412": "B", "\u0415": "E",
    "\u041a": "K", "\u041c": "M", "\u041e": "O", "\u0420": "P", "\u0425": "X",
})
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_DASH_TABLE = str.maketrans(dict.fromkeys(DASHES[1:], "-"))
# Compiled here: regex.sub with a pattern string looks it up in the module cache at every
# call, and folded() runs for every header line and cue word during extraction.
_SPACES = regex.compile(r"\s+")


class _DropCombining(dict):
    """Translation table deleting combining characters, filled as characters are met."""

    def __missing__(self, char: int) -> int | None:
        self[char] = None if unicodedata.combining(chr(char)) else char
        return self[char]


_DROP_COMBINING = _DropCombining()


# str.translate looks every character up in its table one by one, which made folding a
# sentence cost as much as reading it from the database. The look-alikes are searched for
# first (they are rare); the marks of the Combining Diacritical Marks block, which are all
# that NFD leaves in Vietnamese, go in one stdlib substitution; any other combining
# character (a rarer script's) is then removed through the table, on the runs of
# characters that are not ASCII only.
_LOOKALIKE = re.compile(ranges_class(sorted(LOOKALIKES)))
_DIACRITICAL_MARKS = re.compile(ranges_class(
    c for c in range(0x300, 0x370) if unicodedata.combining(chr(c))) + "+")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def fold(text: str) -> str:
    """Search key: lower case, no tone or vowel marks, đ -> d (NFD never splits đ)."""
    if text.isascii():
        # No look-alike, mark or đ to remove: only the case changes.
        return text.lower()
    if _LOOKALIKE.search(text):
        text = text.translate(LOOKALIKES)
    text = _DIACRITICAL_MARKS.sub("", unicodedata.normalize("NFD", text.lower())).replace("đ", "d")
    if text.isascii():
        return text
    return _NOT_ASCII.sub(lambda run: run.group().translate(_DROP_COMBINING), text)


def folded(s: str) -> str:
    """A word or line folded, spaces collapsed, trimmed of spaces and . , : ; - at its ends."""
    # The structure stage folds the same header words and lines over and over.
    return _folded_short(s) if len(s) <= 200 else _folded(s)


def _folded(s: str) -> str:
    return _SPACES.sub(" ", fold(unicodedata.normalize("NFC", s))).strip(" .,:;-")


_folded_short = lru_cache(maxsize=65536)(_folded)


@lru_cache(maxsize=4096)
def folded_key(text: str) -> str:
    """Lookup key of a written name: folded, spaced once."""
    return " ".join(fold(text).split())


def symbol_key(s: str | None) -> str:
    """A number/symbol's stored form: NFC, look-alikes repaired, upper case, no spaces,
    '-' dashes ('499/qđ – ubnd' -> '499/QĐ-UBND')."""
    if not s:
        return ""
    text = unicodedata.normalize("NFC", s).translate(LOOKALIKES).translate(_DASH_TABLE)
    return _SPACES.sub("", text).upper()
