"""Assembles the spaCy pipeline: a blank Vietnamese tokenizer (whitespace split, no pyvi)
and the vanban components in order. Provenance (sentence, section, page) runs last."""
from __future__ import annotations

from functools import cache

import spacy
from pydantic import BaseModel, ConfigDict
from spacy.language import Language

from ..models import (
    Amount, Citation, DateMention, DocumentStructure, Figure, NormalizedText, Organization,
    Percentage, Period, Project,
)
from . import base
# Importing a component module registers its factory with spaCy.
from . import citations, dates, money, percentages, figures, organizations, projects, provenance  # noqa: F401

COMPONENTS = (
    "vanban_citations",
    "vanban_dates",
    "vanban_money",
    "vanban_percentages",
    "vanban_figures",
    "vanban_organizations",
    "vanban_projects",
    "vanban_provenance",
)


class Mentions(BaseModel):
    model_config = ConfigDict(frozen=True)

    citations: tuple[Citation, ...] = ()
    dates: tuple[DateMention, ...] = ()
    amounts: tuple[Amount, ...] = ()
    percentages: tuple[Percentage, ...] = ()
    figures: tuple[Figure, ...] = ()
    periods: tuple[Period, ...] = ()
    organizations: tuple[Organization, ...] = ()
    projects: tuple[Project, ...] = ()
    flags: tuple[str, ...] = ()


@cache
def build_nlp() -> Language:
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def extract_mentions(
    norm: NormalizedText,
    structure: DocumentStructure | None = None,
    pages: list[tuple[int, int]] | None = None,
) -> Mentions:
    """Run every component over the normalised text and collect what they found."""
    nlp = build_nlp()
    doc = nlp.make_doc(norm.text)
    doc.user_data["vanban_text"] = norm.text
    doc.user_data["vanban_context"] = base.Context(
        structure=structure or DocumentStructure(), pages=pages or []
    )
    for _, component in nlp.pipeline:
        doc = component(doc)
    found = base.mentions(doc)
    return Mentions(**{k: tuple(v) for k, v in found.items() if k in Mentions.model_fields})
