"""Assembles the spaCy pipeline from its configuration (CONFIG): the blank Vietnamese
language with a whole-text tokenizer, and the vanban components in order, each reading the
pattern file its factory's default_config names (a config may name another:
`[components.vanban_money] patterns = "…"`). Provenance (sentence, section, page) runs
last. The components hand their mentions on as Doc extensions (see base.py).

The components read the text with regexes assembled from patterns/ and keep exact
character offsets, so no component looks at tokens. Splitting into tokens would be pure
cost: spaCy's Vietnamese tokenizer, even without pyvi, made up 40 % of extraction time
(about 0.4 M chars/s here), and one token per line still ran at only 1.7 M chars/s
(every new token string becomes a lexeme). One token holding the whole text runs at
20 M chars/s, and the Doc's text is the document's text to the character. spaCy's
string store keeps every token text it has seen, so the pipeline is rebuilt every few
hundred documents to keep memory flat."""
from __future__ import annotations

from functools import cache

import spacy
from pydantic import BaseModel, ConfigDict
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Config

from ..models import (
    Amount, Citation, DateMention, DocumentStructure, Effect, Figure, NormalizedText, Organization,
    Percentage, Period, Place, Project,
)
from . import base
# Importing a component module registers its factory with spaCy.
from . import components, effects, provenance  # noqa: F401

COMPONENTS = (
    "vanban_citations",
    "vanban_dates",
    "vanban_effects",
    "vanban_money",
    "vanban_percentages",
    "vanban_figures",
    "vanban_organizations",
    "vanban_projects",
    "vanban_places",
    "vanban_provenance",
)


class Mentions(BaseModel):
    model_config = ConfigDict(frozen=True)

    citations: tuple[Citation, ...] = ()
    effects: tuple[Effect, ...] = ()
    dates: tuple[DateMention, ...] = ()
    amounts: tuple[Amount, ...] = ()
    percentages: tuple[Percentage, ...] = ()
    figures: tuple[Figure, ...] = ()
    periods: tuple[Period, ...] = ()
    organizations: tuple[Organization, ...] = ()
    projects: tuple[Project, ...] = ()
    places: tuple[Place, ...] = ()
    flags: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()  # what extraction left out, for the document's warnings
    effective_from: str | None = None
    effective_until: str | None = None


class WholeTextTokenizer:
    def __init__(self, nlp: Language) -> None:
        self.vocab = nlp.vocab

    def __call__(self, text: str) -> Doc:
        words = [text] if text else []
        return Doc(self.vocab, words=words, spaces=[False] * len(words))


@registry.tokenizers("vanban.whole_text_tokenizer")
def make_whole_text_tokenizer():
    return WholeTextTokenizer


CONFIG = Config({
    "nlp": {
        "lang": "vi",
        "pipeline": list(COMPONENTS),
        "tokenizer": {"@tokenizers": "vanban.whole_text_tokenizer"},
    },
    "components": {name: {"factory": name} for name in COMPONENTS},
})

REBUILD_EVERY = 500
_docs_since_build = 0


def nlp_from_config(config: Config) -> Language:
    """The pipeline `config` describes (CONFIG, or CONFIG merged with other settings)."""
    nlp = spacy.blank("vi", config=config)
    # A new token text gets its lexical attributes (shape, prefix, like_num, …) computed
    # over the whole string: 1.3 ms per document that no component reads.
    nlp.vocab.lex_attr_getters = {}
    return nlp


@cache
def build_nlp() -> Language:
    return nlp_from_config(CONFIG)


def extract_mentions(
    norm: NormalizedText,
    structure: DocumentStructure | None = None,
    pages: list[tuple[int, int]] | None = None,
) -> Mentions:
    """Run every component over the normalised text and collect what they found."""
    global _docs_since_build
    _docs_since_build += 1
    if _docs_since_build > REBUILD_EVERY:
        build_nlp.cache_clear()
        _docs_since_build = 1
    nlp = build_nlp()
    # The tokenizer itself, not nlp.make_doc: make_doc refuses texts over nlp.max_length
    # (1,000,000 characters, error E088), a guard for the memory of spaCy's parser and NER,
    # which this pipeline never runs; one whole-text token costs the same at any length.
    # spaCy's max_length stays as it is for every other user of spaCy in the process.
    # Called with a Doc, nlp runs its components over it and makes no Doc of its own.
    doc = nlp.tokenizer(norm.text)
    doc._.context = ctx = base.Context(structure=structure or DocumentStructure(), pages=pages or [])
    doc = nlp(doc)
    return Mentions(**{kind: tuple(found) for kind, found in base.mentions(doc).items()},
                    flags=tuple(doc._.flags or ()), warnings=tuple(ctx.warnings),
                    effective_from=ctx.validity.effective_from,
                    effective_until=ctx.validity.effective_until)
