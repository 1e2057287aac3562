"""The projects component: reads a Doc with grammar/projects.py."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from . import base
from ..grammar.project_grammar import grammar
from ..grammar.projects import projects
from ..patterns import only_default


@Language.factory("vanban_projects", default_config={"patterns": "programmes"},
                  assigns=["doc._.projects"])
def make_component(nlp: Language, name: str, patterns: str):
    only_default("vanban_projects", "programmes", patterns)
    grammar(patterns)  # compile once, when the pipeline is built
    return extract


def extract(doc: Doc) -> Doc:
    base.add(doc, "projects", projects(base.text(doc)))
    return doc
