"""Document types from patterns/doc_types.toml: code <-> type word lookups."""
from __future__ import annotations

from functools import cache

from pydantic import BaseModel, Field

from .. import patterns
from ..text.fold import folded


class DocType(BaseModel):
    code: str
    name: str
    english: str
    words: list[str] = Field(default_factory=list)
    normative: bool = False


class DocTypes(BaseModel):
    type: list[DocType]


@cache
def doc_types() -> tuple[DocType, ...]:
    return tuple(patterns.load("doc_types", DocTypes).type)


@cache
def by_code() -> dict[str, DocType]:
    """Upper-cased code -> type ('CTR' and 'CTr' are the same code)."""
    table: dict[str, DocType] = {}
    for t in doc_types():
        table.setdefault(t.code.upper(), t)
    return table


@cache
def by_word() -> dict[str, DocType]:
    """Folded type word ('quyet dinh') -> type."""
    table: dict[str, DocType] = {}
    for t in doc_types():
        for word in (t.name, *t.words):
            table.setdefault(folded(word), t)
    return table


def code_of_word(word: str) -> str | None:
    t = by_word().get(folded(word))
    return t.code if t else None

