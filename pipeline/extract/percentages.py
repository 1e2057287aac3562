"""The percentages component: reads a Doc with grammar/percentages.py."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from . import base
from ..grammar.percentages import Grammar, find_percentages, grammar


@Language.factory("vanban_percentages", default_config={"patterns": "percentages"},
                  assigns=["doc._.percentages"])
def make_percentages(nlp: Language, name: str, patterns: str):
    g = grammar(patterns)

    def component(doc: Doc) -> Doc:
        return extract_percentages(doc, g)
    return component


def extract_percentages(doc: Doc, g: Grammar) -> Doc:
    found = find_percentages(base.text(doc), base.sentences(doc), g)
    if found:
        base.add(doc, "percentages", found)
    return doc
