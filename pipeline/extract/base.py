"""What every component shares: where mentions go, the document's context and its sentence index."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..models import DocumentStructure, Validity
from ..text.sentences import SentenceIndex, sentence_index

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


def sentences(doc: Doc) -> SentenceIndex:
    index = doc._.sentences
    if index is None:
        index = doc._.sentences = sentence_index(doc.text)
    return index


def text(doc: Doc) -> str:
    """The document's text, built once (the sentence index keeps it): Doc.text joins the
    tokens anew at every call."""
    return sentences(doc).text
