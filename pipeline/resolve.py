"""PLACEHOLDER: resolve stage."""
from .models import ExtractionResult


def resolve(result: ExtractionResult) -> ExtractionResult:
    return result
