"""What every extractor component shares: where mentions go, and the sentence index."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex
from spacy.tokens import Doc

from ..models import DocumentStructure, Mention

if not Doc.has_extension("mentions"):
    # doc._.mentions["amounts"] is the list of Amount mentions found so far, etc.
    Doc.set_extension("mentions", default=None)


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


def context(doc: Doc) -> Context:
    return doc.user_data.setdefault("vanban_context", Context())


def mentions(doc: Doc) -> dict[str, list]:
    if doc._.mentions is None:
        doc._.mentions = {}
    return doc._.mentions


def add(doc: Doc, field_name: str, found: list[Mention]) -> None:
    mentions(doc).setdefault(field_name, []).extend(found)


# A sentence ends at a blank line; at a line break after . ! ? ; : ; before a list marker
# or a numbered heading on a new line; or at . ! ? ; followed by a space and a capital,
# digit or marker. Other single line breaks do not end one: web copies wrap lines
# mid-sentence. Dots inside numbers (2.041) are not followed by a space.
_MARKER = r"(?:[-+*•|]|(?:[IVXL]+|\d+(?:\.\d+)*|[a-zđ])[.)][ \t])"
_SENTENCE_END = regex.compile(
    r"\n[ \t]*\n\s*"
    r"|(?<=[.!?;:])[ \t]*\n\s*"
    rf"|\n(?=[ \t]*{_MARKER})"
    # …but not the dot of a heading number at a line start ("I. MỤC TIÊU", "1.2. Nội dung")
    r"|(?<!(?:^|\n)[ \t]*(?:[IVXL]+|\d+(?:\.\d+)*|[a-zđ])\.)"
    r"(?<=[.!?;])[ \t]+(?=[\p{Lu}\d\"“(*+•-])"
)


class SentenceIndex:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]

    def bounds(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[i]
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return start, end

    def sentence(self, start: int) -> str:
        s, e = self.bounds(start)
        return self.text[s:e].strip()


def text(doc: Doc) -> str:
    """The document's text, built once: Doc.text joins the tokens anew at every call."""
    cached = doc.user_data.get("vanban_text")
    if cached is None:
        cached = doc.user_data["vanban_text"] = doc.text
    return cached


def sentences(doc: Doc) -> SentenceIndex:
    index = doc.user_data.get("vanban_sentences")
    if index is None:
        index = doc.user_data["vanban_sentences"] = SentenceIndex(text(doc))
    return index
