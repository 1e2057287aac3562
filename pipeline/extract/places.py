"""The places component: reads a Doc with grammar/places.py."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from . import base
from ..grammar.gazetteer import gazetteer
from ..grammar.places import grammar, places
from ..patterns import only_default


@Language.factory("vanban_places", default_config={"patterns": "places"},
                  assigns=["doc._.places"])
def make_component(nlp: Language, name: str, patterns: str):
    only_default("vanban_places", "places", patterns)
    grammar(patterns)  # compile once, when the pipeline is built
    gazetteer()
    return extract


def extract(doc: Doc) -> Doc:
    header = base.context(doc).structure.header
    base.add(doc, "places", places(base.text(doc), header))
    return doc
