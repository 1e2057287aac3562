"""Normalise stage: one canonical spelling of the text, with a map back to the original.

Order matters: look-alikes first (so NFC composes the right letters), then NFC, then one
tone-mark placement, then whitespace, then a space put back between words glued together. Every step records where each output character came
from, so a mention's offsets in the normalised text map back to the loaded text.
"""
from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence

import regex

from .models import NormalizedText
from .text.fold import LOOKALIKES
from .wrap import glue_points

# Cyrillic look-alikes are only repaired inside a run of capitals and symbols (a document
# symbol); elsewhere they may be real Cyrillic text.
_CYRILLIC_CHARS = "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425"
_CYRILLIC_IN_SYMBOL = regex.compile(r"(?<=[\p{Lu}/\-])[" + _CYRILLIC_CHARS + "]|[" + _CYRILLIC_CHARS
                                    + r"](?=[\p{Lu}/\-])")
_ETH_CHARS = "\u00d0\u00f0"
_ETH = regex.compile("[" + _ETH_CHARS + "]")

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
# Where _OPEN_CLUSTER can match: the stdlib engine finds the pair several times faster, and
# an ASCII letter after it (most "oá", "uý" close with one: "toán") is a letter for both.
_OPEN_CLUSTER_GATE = re.compile("[oOuU][" + _TONED_SECOND + "](?![a-zA-Z])")
# A base letter followed by combining marks: the only places NFC can change.
_DECOMPOSED = regex.compile(r"\P{M}?\p{M}+")
_SPACE_CHARS = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\f\v"
_SPACES = regex.compile("[" + _SPACE_CHARS + "]")
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\ufffe"
_INVISIBLE = regex.compile("[" + _INVISIBLE_CHARS + "]")
_CRLF = regex.compile(r"\r\n?")
# The blocks every decimal digit but 0-9 lies in (tests/test_normalize.py checks Python's
# tables); none holds a letter or a punctuation mark of Vietnamese text.
_FOREIGN_DIGIT_BLOCKS = "\u0660-\u1dff\u2c00-\U0010ffff"
# Every character the look-alike, space and invisible-character steps can change, and
# every character that may be a digit other than 0-9: what a text holds of them is read
# in one scan, most texts holding none.
_UNCOMMON = re.compile("[" + _ETH_CHARS + _CYRILLIC_CHARS + _SPACE_CHARS + _INVISIBLE_CHARS
                       + _FOREIGN_DIGIT_BLOCKS + "]")


class OffsetMap(Sequence[int]):
    """An offset map held as runs: from output offset starts[k] up to the next run's start,
    the map counts up from origins[k] (steps[k] == 1) or stays at it (steps[k] == 0). A
    substitution adds a run or two, where a list of 40,000 ints was rebuilt per step."""

    __slots__ = ("starts", "origins", "steps", "length")

    def __init__(self, length: int) -> None:
        """The map of a text of `length` - 1 characters to itself."""
        self.starts: list[int] = []
        self.origins: list[int] = []
        self.steps: list[int] = []
        self.length = 0
        self.append(length, 0, 1)

    def append(self, length: int, origin: int, step: int) -> None:
        """Add `length` offsets from `origin` after the last one."""
        if length <= 0:
            return
        if length == 1:
            step = 1  # one offset counts up as well as it stays: it can extend a run
        if (self.steps and self.steps[-1] == step == 1
                and self.origins[-1] + self.length - self.starts[-1] == origin):
            self.length += length
            return
        self.starts.append(self.length)
        self.origins.append(origin)
        self.steps.append(step)
        self.length += length

    def append_slice(self, other: OffsetMap, start: int, end: int) -> None:
        """Add other[start:end] after the last offset."""
        k = bisect.bisect_right(other.starts, start) - 1
        while start < end:
            run_end = other.starts[k + 1] if k + 1 < len(other.starts) else other.length
            piece_end = min(run_end, end)
            step = other.steps[k]
            self.append(piece_end - start, other.origins[k] + step * (start - other.starts[k]), step)
            start = piece_end
            k += 1

    def is_identity(self) -> bool:
        return self.starts == [0] and self.origins == [0] and self.steps == [1]

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self.length))]
        if i < 0:
            i += self.length
        if not 0 <= i < self.length:
            raise IndexError("offset map index out of range")
        k = bisect.bisect_right(self.starts, i) - 1
        return self.origins[k] + self.steps[k] * (i - self.starts[k])

    def __iter__(self) -> Iterator[int]:
        for k, (start, origin, step) in enumerate(zip(self.starts, self.origins, self.steps)):
            run_length = (self.starts[k + 1] if k + 1 < len(self.starts) else self.length) - start
            yield from range(origin, origin + run_length) if step else itertools.repeat(origin, run_length)


class _Builder:
    """Applies substitutions while keeping the offset map in step with the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.to_original = OffsetMap(len(text) + 1)

    def sub(self, matches: Iterable[regex.Match | re.Match], repl: Callable[[regex.Match], str]) -> None:
        """Replace `matches`, found in the current text in order, by what `repl` returns."""
        self._splice((m.start(), m.end(), repl(m)) for m in matches)

    def insert(self, points: Iterable[int], s: str) -> None:
        """Insert `s` at each of `points` (offsets in the current text, in order); what is
        inserted maps to the original offset of the character it stands before."""
        self._splice((at, at, s) for at in points)

    def _splice(self, edits: Iterable[tuple[int, int, str]]) -> None:
        """Put each `new` in place of text[start:end] (edits in order, not overlapping);
        the new characters map to the original offset of the first one they replace."""
        pieces: list[str] = []
        offsets = OffsetMap(0)
        pos = 0
        for start, end, new in edits:
            pieces.append(self.text[pos:start])
            offsets.append_slice(self.to_original, pos, start)
            pieces.append(new)
            offsets.append(len(new), self.to_original[start], 0)
            pos = end
        if not pieces:
            return
        pieces.append(self.text[pos:])
        offsets.append_slice(self.to_original, pos, len(self.to_original))
        self.text = "".join(pieces)
        self.to_original = offsets


def _open_clusters(text: str) -> Iterator[regex.Match]:
    for gate in _OPEN_CLUSTER_GATE.finditer(text):
        m = _OPEN_CLUSTER.match(text, gate.start())
        if m is not None:
            yield m


def _reorder_tone(m: regex.Match) -> str:
    first, second = m.group(1), unicodedata.normalize("NFD", m.group(2))
    return unicodedata.normalize("NFC", first + second[1:]) + second[0]


def normalize(text: str) -> NormalizedText:
    """Return the canonical form of `text` with a map from its offsets to `text`'s."""
    b = _Builder(text)
    b.sub(_CRLF.finditer(b.text), lambda m: "\n")
    # The stdlib engine reads at a glance which uncommon characters a text holds: each
    # scan by the slower regex engine below runs only where its characters are. No step
    # makes one of them (NFC composes no space, mark or digit).
    uncommon = set(_UNCOMMON.findall(b.text))
    if not uncommon.isdisjoint(_ETH_CHARS):
        b.sub(_ETH.finditer(b.text), lambda m: m.group().translate(LOOKALIKES))
    if not uncommon.isdisjoint(_CYRILLIC_CHARS):
        b.sub(_CYRILLIC_IN_SYMBOL.finditer(b.text), lambda m: m.group().translate(LOOKALIKES))
    if not unicodedata.is_normalized("NFC", b.text):
        b.sub(_DECOMPOSED.finditer(b.text), lambda m: unicodedata.normalize("NFC", m.group()))
    b.sub(_open_clusters(b.text), _reorder_tone)
    if not uncommon.isdisjoint(_SPACE_CHARS):
        b.sub(_SPACES.finditer(b.text), lambda m: " ")
    if not uncommon.isdisjoint(_INVISIBLE_CHARS):
        b.sub(_INVISIBLE.finditer(b.text), lambda m: "")
    # words glued where a space or a line break was lost ("tháng11", "đồngđối") are parted
    foreign_digits = any(c.isdecimal() for c in uncommon)
    b.insert(glue_points(b.text, foreign_digits), " ")
    # Most texts need no substitution: their map is a range, read in C by bisect and
    # indexing. Built from plain str and ints: validating a million-entry map again took as
    # long as all the substitutions.
    to_original = range(len(text) + 1) if b.to_original.is_identity() else b.to_original
    return NormalizedText.model_construct(text=b.text, original=text, to_original=to_original)


def normalize_text(text: str) -> str:
    """The normalised string alone, for keys and queries."""
    return normalize(text).text
