"""The citations component: reads a Doc with grammar/citations.py."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from . import base
from ..grammar.citation_context import context_patterns
from ..grammar.citations import find_citations_in
from ..models import Citation
from ..patterns import only_default


def find_citations(doc: Doc) -> list[Citation]:
    return find_citations_in(base.text(doc), base.context(doc).structure, base.sentences(doc))


@Language.factory("vanban_citations", default_config={"patterns": "citation_cues"},
                  assigns=["doc._.citations"])
def make_component(nlp: Language, name: str, patterns: str):
    only_default("vanban_citations", "citation_cues", patterns)
    context_patterns(patterns)  # compile at pipeline build, not inside the first document's extraction

    def component(doc: Doc) -> Doc:
        base.add(doc, "citations", find_citations(doc))
        return doc
    return component
