"""Extract stage: spaCy components, one per fact type, each driven by data in patterns/."""
from .nlp import Mentions, build_nlp, extract_mentions

__all__ = ["Mentions", "build_nlp", "extract_mentions"]
