"""The figures component: reads a Doc with grammar/figures.py."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from . import base
from ..grammar.figures import Grammar, find_figures, grammar


@Language.factory("vanban_figures", default_config={"patterns": "units"},
                  assigns=["doc._.figures"])
def make_figures(nlp: Language, name: str, patterns: str):
    g = grammar(patterns)

    def component(doc: Doc) -> Doc:
        return extract_figures(doc, g)
    return component


def extract_figures(doc: Doc, g: Grammar) -> Doc:
    found = find_figures(base.text(doc), g)
    if found:
        base.add(doc, "figures", found)
    return doc
