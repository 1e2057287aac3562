"""The effects component: what the document does to others (grammar/effects.py). It runs
after citations and dates, reads their mentions, and hands on the citations with the
effect each one carries, and the document's own force in its context."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..grammar.effect_grammar import grammar
from ..grammar.effects import read_effects
from ..patterns import only_default
from . import base


@Language.factory("vanban_effects", default_config={"patterns": "effects"},
                  assigns=["doc._.effects", "doc._.citations", "doc._.context"],
                  requires=["doc._.citations", "doc._.dates", "doc._.periods"])
def make_component(nlp: Language, name: str, patterns: str):
    only_default("vanban_effects", "effects", patterns)
    grammar(patterns)  # compile at pipeline build, not inside the first document's extraction

    def component(doc: Doc) -> Doc:
        found = base.mentions(doc)
        structure = base.context(doc).structure
        reading = read_effects(base.text(doc), found.get("citations", []), structure.header, structure.kind,
                               [*found.get("dates", []), *found.get("periods", [])], base.sentences(doc))
        doc._.citations = reading.citations
        base.add(doc, "effects", reading.effects)
        base.context(doc).validity = reading.validity
        return doc
    return component
