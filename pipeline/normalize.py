"""Normalise stage: one canonical spelling of the text, with a map back to the original.

Order matters: look-alikes first (so NFC composes the right letters), then NFC, then one
tone-mark placement, then whitespace. Every step records where each output character came
from, so a mention's offsets in the normalised text map back to the loaded text.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import regex

from .models import NormalizedText

# Latin Eth and Cyrillic capitals that look like the Vietnamese letters they stand for.
LOOKALIKES = str.maketrans({
    "\u00d0": "Đ", "\u00f0": "đ", "\u0110": "Đ",
    "\u0421": "C", "\u0422": "T", "\u041d": "H", "\u0410": "A", "\u0412": "B", "\u0415": "E",
    "\u041a": "K", "\u041c": "M", "\u041e": "O", "\u0420": "P", "\u0425": "X",
})
# Cyrillic look-alikes are only repaired inside a run of capitals and symbols (a document
# symbol); elsewhere they may be real Cyrillic text.
_CYRILLIC_IN_SYMBOL = regex.compile(r"(?<=[\p{Lu}/\-])[\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425]|[\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425](?=[\p{Lu}/\-])")
_ETH = regex.compile(r"[\u00d0\u00f0]")

# Old-style tone placement on the open clusters oa, oe, uy: the tone moves to the first
# vowel ("hoà" -> "hòa", "Uỷ" -> "Ủy"). Not after q ("quý" is right), not when a consonant
# or another vowel closes the cluster ("hoàn", "thuyết", "khuya"). Works on composed
# text: the second vowel is one precomposed letter carrying the tone.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_TONED_SECOND = "".join(
    unicodedata.normalize("NFC", v + t) for v in "aeyAEY" for t in _TONES
)
_OPEN_CLUSTER = regex.compile(
    r"(?<![qQ])([oOuU])([" + _TONED_SECOND + r"])(?![\p{L}\p{M}])"
)
# A base letter followed by combining marks: the only places NFC can change.
_DECOMPOSED = regex.compile(r"\P{M}?\p{M}+")
_SPACES = regex.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_INVISIBLE = regex.compile(r"[\u200b\u200c\u200d\u2060\ufeff\ufffe]")
_CRLF = regex.compile(r"\r\n?")
# Every character the look-alike, space and invisible-character steps can change.
_RARE = re.compile("[\u00d0\u00f0\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425"
                   "\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v"
                   "\u200b\u200c\u200d\u2060\ufeff\ufffe]")


class _Builder:
    """Applies substitutions while keeping the offset map in step with the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Most texts need no substitution: their map stays a range, which holds no int per
        # character (building and copying 40,000 of them was a third of normalize's time).
        self.to_original: range | list[int] = range(len(text) + 1)

    def sub(self, pattern: regex.Pattern, repl: Callable[[regex.Match], str]) -> None:
        pieces: list[str] = []
        offsets: list[int] = []
        pos = 0
        for m in pattern.finditer(self.text):
            pieces.append(self.text[pos:m.start()])
            offsets.extend(self.to_original[pos:m.start()])
            new = repl(m)
            pieces.append(new)
            offsets.extend([self.to_original[m.start()]] * len(new))
            pos = m.end()
        if not pieces:
            return
        pieces.append(self.text[pos:])
        offsets.extend(self.to_original[pos:])
        self.text = "".join(pieces)
        self.to_original = offsets


def _reorder_tone(m: regex.Match) -> str:
    first, second = m.group(1), unicodedata.normalize("NFD", m.group(2))
    return unicodedata.normalize("NFC", first + second[1:]) + second[0]


def normalize(text: str) -> NormalizedText:
    """Return the canonical form of `text` with a map from its offsets to `text`'s."""
    b = _Builder(text)
    b.sub(_CRLF, lambda m: "\n")
    # The stdlib engine tells at a glance whether a text has any rare character at all;
    # most have none, and then four scans by the slower regex engine are skipped.
    rare = _RARE.search(b.text) is not None
    if rare:
        b.sub(_ETH, lambda m: m.group().translate(LOOKALIKES))
        b.sub(_CYRILLIC_IN_SYMBOL, lambda m: m.group().translate(LOOKALIKES))
    if not unicodedata.is_normalized("NFC", b.text):
        b.sub(_DECOMPOSED, lambda m: unicodedata.normalize("NFC", m.group()))
    b.sub(_OPEN_CLUSTER, _reorder_tone)
    if rare:
        b.sub(_SPACES, lambda m: " ")
        b.sub(_INVISIBLE, lambda m: "")
    # Built from plain str and ints: validating a million-entry map again took as long as
    # all the substitutions.
    to_original = b.to_original if isinstance(b.to_original, range) else tuple(b.to_original)
    return NormalizedText.model_construct(text=b.text, original=text, to_original=to_original)


def normalize_text(text: str) -> str:
    """The normalised string alone, for keys and queries."""
    return normalize(text).text


class _DropCombining(dict):
    """Translation table deleting combining characters, filled as characters are met:
    str.translate then strips marks in C instead of a Python loop per character."""

    def __missing__(self, char: int) -> int | None:
        self[char] = None if unicodedata.combining(chr(char)) else char
        return self[char]


_DROP_COMBINING = _DropCombining()


def fold(text: str) -> str:
    """Search key: lower case, no tone or vowel marks, đ -> d (NFD never splits đ)."""
    if text.isascii():
        # No look-alike, mark or đ to remove: only the case changes.
        return text.lower()
    text = unicodedata.normalize("NFD", text.translate(LOOKALIKES).lower())
    return text.translate(_DROP_COMBINING).replace("đ", "d")
