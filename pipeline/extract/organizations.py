"""The organizations component: reads a Doc with grammar/organizations.py."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from . import base
from ..grammar.body_grammar import grammar
from ..grammar.organizations import organizations
from ..patterns import only_default


@Language.factory("vanban_organizations", default_config={"patterns": "bodies"},
                  assigns=["doc._.organizations"])
def make_component(nlp: Language, name: str, patterns: str):
    only_default("vanban_organizations", "bodies", patterns)
    grammar(patterns)  # compile once, when the pipeline is built
    return extract


def extract(doc: Doc) -> Doc:
    header = base.context(doc).structure.header
    base.add(doc, "organizations", organizations(base.text(doc), header))
    return doc
