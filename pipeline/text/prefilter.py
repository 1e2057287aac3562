"""The prefilter: where a pattern can start, found in the lower-cased text by the
stdlib engine before the pattern itself is tried there."""
from __future__ import annotations

import re
from functools import lru_cache

import regex

from .regex_parts import SPACE


# Where a pattern can start in the lower-cased text: one stdlib pattern, or several that
# each open with one fixed character (see word_gate).
Gate = re.Pattern | tuple[re.Pattern, ...]


def word_gate(words) -> tuple[re.Pattern, ...]:
    """A gate for lowered_finditer: the first word of each phrase, in lower case, one
    pattern per first letter. An alternation of words with different first letters makes
    the stdlib engine try every character; a pattern whose words share their first letter
    is searched for that letter, several times faster even run once per letter."""
    by_letter: dict[str, set[str]] = {}
    for w in words:
        first = w.split()[0].lower()
        by_letter.setdefault(first[0], set()).add(first)
    return tuple(re.compile("|".join(re.escape(w) for w in sorted(firsts, key=lambda w: (-len(w), w))))
                 for _, firsts in sorted(by_letter.items()))


def phrase_gate(phrases, after: str, space: str = SPACE) -> tuple[re.Pattern, ...]:
    """A gate for lowered_finditer sharper than word_gate: whole phrases, in
    lower case, their words parted by `space`, each followed by `after`, one pattern per
    first letter (an alternation of words with different first letters makes the stdlib
    engine try every character)."""
    by_letter: dict[str, list[str]] = {}
    for phrase in sorted({p.lower() for p in phrases}, key=lambda p: (-len(p), p)):
        by_letter.setdefault(phrase[0], []).append(space.join(map(re.escape, phrase.split())))
    return tuple(re.compile(f"(?:{'|'.join(words)}){after}") for _, words in sorted(by_letter.items()))


def gate_starts(gate: Gate, low: str) -> list[int]:
    """Every offset where the gate matches `low`, in order. Each pattern is searched again
    from the next character, not from its match's end: a start inside another match counts."""
    parts = gate if isinstance(gate, tuple) else (gate,)
    starts: list[int] = []
    for part in parts:
        pos = 0
        while (found := part.search(low, pos)) is not None:
            pos = found.start() + 1
            starts.append(pos - 1)
    return sorted(set(starts)) if len(parts) > 1 else starts


@lru_cache(maxsize=4)
def _lowered(text: str) -> str:
    # Room for the document's text and the short texts some extractors pass in between.
    return text.lower()


def lowered_finditer(gate: Gate, pattern: regex.Pattern, text: str, pos: int = 0,
                     endpos: int | None = None):
    """The matches of `pattern.finditer(text, pos, endpos)` for a pattern that opens with a
    lookaround and then a word matched in any case, which the regex engine tries at every
    character (and searches slowly even without the lookaround). The stdlib engine finds
    the pattern's first words in the lower-cased text several times faster; the pattern is
    tried only there. `gate` (see word_gate) must match the lower-cased text at every
    position where the pattern can start, and never matches empty text."""
    endpos = len(text) if endpos is None else endpos
    # The whole text's lower case is shared by the extractors; a range's is its own.
    low = _lowered(text) if pos == 0 and endpos == len(text) else text[pos:endpos].lower()
    if len(low) != endpos - pos:
        # A letter whose lower case is longer ("İ") shifts every offset after it.
        yield from pattern.finditer(text, pos, endpos)
        return
    last_end = pos
    for at in gate_starts(gate, low):
        at += pos
        if at < last_end:
            continue
        m = pattern.match(text, at, endpos)
        if m is not None:
            last_end = m.end()
            yield m
