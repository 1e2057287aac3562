"""What every extractor component shares: where mentions go, and the sentence index."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

import regex
from spacy.tokens import Doc

from ..models import DocumentStructure, Validity

# What the components hand on to each other and to extract_mentions, as Doc extensions
# (each factory names the ones it writes in `assigns`, the ones it reads in `requires`):
# doc._.amounts is the list of Amount mentions found so far, and so on for each kind in
# KINDS; doc._.flags the consistency flags; doc._.context what the structure stage told
# (Context); doc._.sentences the text's SentenceIndex, built at first use.
KINDS = ("citations", "effects", "dates", "periods", "amounts", "percentages", "figures",
         "organizations", "projects", "places")
for _name in (*KINDS, "flags", "context", "sentences"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


# Regex pieces the name extractors share. Words of a name may be split by a line break:
# headers and web copies wrap lines.
SPACE = r"(?:[ \t]*\n[ \t]*|[ \t]+)"
WORD_START = r"(?<![\p{L}\p{M}\d])"
WORD_END = r"(?![\p{L}\p{M}\d])"


@dataclass
class Context:
    """What the structure stage and earlier components tell later ones about the doc."""

    structure: DocumentStructure = field(default_factory=DocumentStructure)
    pages: list[tuple[int, int]] = field(default_factory=list)  # (start offset, page number)
    warnings: list[str] = field(default_factory=list)  # for the document's warnings
    validity: Validity = field(default_factory=Validity)  # the document's own force (effects)


def context(doc: Doc) -> Context:
    ctx = doc._.context
    if ctx is None:
        ctx = doc._.context = Context()
    return ctx


def mentions(doc: Doc) -> dict[str, list]:
    """The mentions found so far, by kind: only the kinds some component wrote."""
    return {kind: found for kind in KINDS if (found := doc._.get(kind)) is not None}


def add(doc: Doc, kind: str, found: list) -> None:
    """Appends to doc._.<kind>: the mentions of a kind in KINDS, or "flags"."""
    current = doc._.get(kind)
    if current is None:
        doc._.set(kind, list(found))
    else:
        current.extend(found)


# A sentence ends at a blank line; at a line break after . ! ? ; : or a bold run (a
# heading: the trích yếu, "**Điều 1. …**"); before a list marker
# or a numbered heading on a new line; or at . ! ? ; followed by a space and a capital,
# digit or marker. Other single line breaks do not end one: web copies wrap lines
# mid-sentence. Dots inside numbers (2.041) are not followed by a space.
_MARKER = r"(?:[-+*•|]|(?:[IVXL]+|\d+(?:\.\d+)*|[a-zđ])[.)][ \t])"
# The ends at line breaks and those inside a line never touch (these take only the spacing
# after a line break, those only the spacing after a stop), so each kind is found on its
# own, by patterns that open with one fixed character: the engine looks for one character
# several times faster than for any of a set. The stop before a line break is looked
# behind for, at line breaks only. The next sentence starts after the white space that
# follows the break, or right after the break before a list marker.
_LINE_END = regex.compile(
    r"\n(?:(?<=[.!?;:]\n)\s*|(?<=\*\*\n)\s*|(?<=[ \t]\n)(?<=(?:[.!?;:]|\*\*)[ \t]+\n)\s*"
    r"|[ \t]*\n\s*|(?=[ \t]*" + _MARKER + "))"
)
_GAPS = {stop: regex.compile(regex.escape(stop) + r"[ \t]+(?=[\p{Lu}\d\"“(*+•-])") for stop in ".!?;"}
# …but the dot of a heading number at a line start ("I. MỤC TIÊU", "1.2. Nội dung") ends
# no sentence. Tested apart on the few candidates: as a variable-length lookbehind it was
# tried at every full stop.
_HEADING_NUMBER = regex.compile(r"[ \t]*(?:[IVXL]+|\d+(?:\.\d+)*|[a-zđ])\.")


def _after_heading_number(text: str, dot: int) -> bool:
    """Whether the full stop at `dot` ends a heading number that opens its line."""
    return _HEADING_NUMBER.fullmatch(text, text.rfind("\n", 0, dot) + 1, dot + 1) is not None


def _sentence_starts(text: str) -> list[int]:
    ends = [m.end() for m in _LINE_END.finditer(text)]
    for stop, gap in _GAPS.items():
        ends += [m.end() for m in gap.finditer(text)
                 if stop != "." or not _after_heading_number(text, m.start())]
    ends.sort()
    return [0, *ends]


# The most of its sentence a fact carries. A text without sentence breaks (a table read as
# running text, a list run on with commas) is one sentence, and every fact in it would
# store all of it: 2,000 citations of one 130 KB sentence made a 260 MB database. A longer
# sentence is cut to a window of about this many characters around the fact, at word
# boundaries, with "…" where it was cut. Over the 79 files of ../shared/corpus and corpus/
# (7,932 facts) half the facts' sentences are under 151 characters and 96 % under 600;
# what is longer is a list run into one sentence, where the ~100 words around the fact
# are what a reader needs. (At 400, 12 % of the facts were cut; at 1,000, 1.2 %.)
MAX_SENTENCE = 600
ELLIPSIS = "…"


def window(text: str, start: int, end: int, fact_start: int, fact_end: int, size: int | None = None) -> str:
    """text[start:end] stripped, or when longer than `size` the about `size` characters
    around text[fact_start:fact_end], cut at white space, with "…" where it was cut."""
    size = size or MAX_SENTENCE
    if end - start <= size:
        return text[start:end].strip()
    fact_start, fact_end = max(start, fact_start), min(end, max(fact_end, fact_start))
    fact_end = min(fact_end, fact_start + size)
    room = size - (fact_end - fact_start)
    left = max(start, fact_start - room // 2)
    right = min(end, fact_end + room - (fact_start - left))
    left = max(start, right - size)  # the room the end of the sentence left unused
    # To a word boundary: the cut word is dropped, unless the fact itself is cut through.
    if left > start:
        space = _first_space(text, left, fact_start)
        if space is not None:
            left = space
    if right < end:
        space = max(text.rfind(" ", fact_end, right), text.rfind("\n", fact_end, right))
        if space > fact_end:
            right = space
    return ((ELLIPSIS if left > start else "") + text[left:right].strip()
            + (ELLIPSIS if right < end else ""))


_SPACE = re.compile(r"\s")


def _first_space(text: str, start: int, end: int) -> int | None:
    m = _SPACE.search(text, start, end)
    return m.start() if m else None


class SentenceIndex:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = _sentence_starts(text)
        # sentence number -> its stripped text: the mentions of a sentence share it
        self._sentences: dict[int, str] = {}
        # mentions whose sentence was cut to a window (over MAX_SENTENCE characters)
        self.cut = 0

    def _bounds(self, i: int) -> tuple[int, int]:
        start = self.starts[i]
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return start, end

    def bounds(self, offset: int) -> tuple[int, int]:
        return self._bounds(bisect.bisect_right(self.starts, offset) - 1)

    def sentence(self, start: int, end: int | None = None) -> str:
        """The sentence holding the fact at text[start:end]; a long one only its part
        around the fact (see MAX_SENTENCE)."""
        i = bisect.bisect_right(self.starts, start) - 1
        found = self._sentences.get(i)
        if found is None:
            s, e = self._bounds(i)
            if e - s > MAX_SENTENCE:
                self.cut += 1
                return window(self.text, s, e, start, start if end is None else end)
            found = self._sentences[i] = self.text[s:e].strip()
        return found


@lru_cache(maxsize=4)
def sentence_index(text: str) -> SentenceIndex:
    """One index per text, shared: extractors, projects and the resolve stage all need it."""
    return SentenceIndex(text)


def sentences(doc: Doc) -> SentenceIndex:
    index = doc._.sentences
    if index is None:
        index = doc._.sentences = sentence_index(doc.text)
    return index


def text(doc: Doc) -> str:
    """The document's text, built once (the sentence index keeps it): Doc.text joins the
    tokens anew at every call."""
    return sentences(doc).text


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


@lru_cache(maxsize=64)
def _text_gate_starts(gate: Gate, low: str) -> list[int]:
    # A whole text's starts, kept: several readers run the same gate over the document
    # (the effects' verbs are looked for once to know there are any, then read). A key
    # holds the text already lowered and kept by _lowered, whose hash is computed once.
    return gate_starts(gate, low)


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
    whole = pos == 0 and endpos == len(text)
    low = _lowered(text) if whole else text[pos:endpos].lower()
    if len(low) != endpos - pos:
        # A letter whose lower case is longer ("İ") shifts every offset after it.
        yield from pattern.finditer(text, pos, endpos)
        return
    last_end = pos
    for at in _text_gate_starts(gate, low) if whole else gate_starts(gate, low):
        at += pos
        if at < last_end:
            continue
        m = pattern.match(text, at, endpos)
        if m is not None:
            last_end = m.end()
            yield m
