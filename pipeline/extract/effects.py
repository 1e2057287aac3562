"""The effects component: reads a Doc with grammar/effects.py."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from . import base
from ..grammar.effect_grammar import grammar
from ..grammar.effects import Reading, read_effects
from ..patterns import only_default


def find_effects(doc: Doc) -> Reading:
    found = base.mentions(doc)
    structure = base.context(doc).structure
    return read_effects(base.text(doc), found.get("citations", []), structure.header, structure.kind,
                        [*found.get("dates", []), *found.get("periods", [])], base.sentences(doc))


@Language.factory("vanban_effects", default_config={"patterns": "effects"},
                  assigns=["doc._.effects", "doc._.citations", "doc._.context"],
                  requires=["doc._.citations", "doc._.dates", "doc._.periods"])
def make_component(nlp: Language, name: str, patterns: str):
    only_default("vanban_effects", "effects", patterns)
    grammar(patterns)  # compile at pipeline build, not inside the first document's extraction

    def component(doc: Doc) -> Doc:
        reading = find_effects(doc)
        doc._.citations = reading.citations
        base.add(doc, "effects", reading.effects)
        base.context(doc).validity = reading.validity
        return doc
    return component
