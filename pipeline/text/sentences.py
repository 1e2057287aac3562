"""Sentences of a text: where each one starts, and the sentence around an offset."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

import regex


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
    """One index per text, shared: the grammars and the resolve stage all need it."""
    return SentenceIndex(text)
