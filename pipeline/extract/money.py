"""The money component: reads a Doc with grammar/money.py."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from . import base
from ..grammar.date_grammar import grammar as date_grammar
from ..grammar.money import read_money
from ..grammar.money_grammar import grammar
from ..patterns import only_default


@Language.factory("vanban_money", default_config={"patterns": "money"},
                  assigns=["doc._.amounts", "doc._.flags"])
def make_money(nlp: Language, name: str, patterns: str):
    only_default("vanban_money", "money", patterns)
    grammar(patterns)  # fail at pipeline build, not mid-document, when a pattern file is wrong
    date_grammar()  # the periods of amounts are read with it
    return extract_money


def extract_money(doc: Doc) -> Doc:
    reading = read_money(base.text(doc), base.sentences(doc), base.context(doc).structure)
    if reading.amounts:
        base.add(doc, "amounts", reading.amounts)
    if reading.flags:
        base.add(doc, "flags", reading.flags)
    return doc
