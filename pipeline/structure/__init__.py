"""PLACEHOLDER: structure stage (header, sections, signature, recipients)."""
from ..models import Block, DocumentStructure, NormalizedText


def structure(norm: NormalizedText, blocks: tuple[Block, ...] = ()) -> DocumentStructure:
    return DocumentStructure()
