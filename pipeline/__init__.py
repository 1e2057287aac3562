"""vanban: Vietnamese official texts in, structured facts out.

    from pipeline import extract_file
    result = extract_file("corpus/kh-86-ubnd-2023.txt")
    result.citations[0].number_symbol   # "1719/QĐ-TTG"

Stages, each a pure function from one typed value to the next:
load -> normalize -> structure -> extract -> resolve.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .models import ExtractionResult, LoadedDocument

__version__ = "0.1.0"
# Bumped whenever extraction output changes, so ingest re-extracts stale documents.
EXTRACTOR_VERSION = "0.5.0"


def extract_loaded(loaded: LoadedDocument) -> ExtractionResult:
    from .extract import extract_mentions
    from .normalize import normalize
    from .resolve import resolve
    from .structure import structure

    norm = normalize(loaded.text)
    doc_structure = structure(norm)
    pages = page_starts(norm.to_original, loaded)
    found = extract_mentions(norm, doc_structure, pages)
    result = ExtractionResult(
        source=loaded.source,
        kind=doc_structure.kind,
        header=doc_structure.header,
        news=doc_structure.news,
        sections=doc_structure.sections,
        extractor_version=EXTRACTOR_VERSION,
        warnings=(*loaded.warnings, *found.warnings),
        text=norm.text,
        **{name: getattr(found, name) for name in type(found).model_fields if name != "warnings"},
    )
    return cap_mentions(resolve(result))


# The most mentions of one kind a document keeps. Facts cost rows, and some texts are
# little else: 40 KB of "1,5%, " is 6,666 percentages. The longest real documents hold a
# few hundred of a kind (a budget book's amounts); past the cap the rest are dropped and a
# warning on the document says how many.
MAX_MENTIONS_PER_KIND = 5000
_KINDS = ("citations", "effects", "dates", "amounts", "percentages", "figures", "periods", "organizations",
          "projects", "places")


def cap_mentions(result: ExtractionResult, cap: int = MAX_MENTIONS_PER_KIND) -> ExtractionResult:
    """The result with at most `cap` mentions of each kind, the first listed (they are in
    text order), and a warning for each kind cut."""
    update: dict = {}
    warnings = list(result.warnings)
    for kind in _KINDS:
        items = getattr(result, kind)
        if len(items) <= cap:
            continue
        kept = items[:cap]
        if kind == "amounts":  # an index into the amounts must not point past the kept ones
            kept = tuple(_unlinked(a, cap) for a in kept)
        update[kind] = kept
        warnings.append(f"only the first {cap:,} of {len(items):,} {kind} kept "
                        f"({len(items) - cap:,} dropped: over the per-document cap)")
    if not update:
        return result
    return result.model_copy(update={**update, "warnings": tuple(warnings)})


def _unlinked(amount, cap: int):
    links = {name: None for name in ("part_of", "restates")
             if getattr(amount, name) is not None and getattr(amount, name) >= cap}
    return amount.model_copy(update=links) if links else amount


def page_starts(to_original: Sequence[int], loaded: LoadedDocument) -> list[tuple[int, int]]:
    """(offset in the normalised text, page) for the first text block of each page; page
    headers and footers are kept out of the text, so they mark no page start."""
    import bisect

    starts: list[tuple[int, int]] = []
    for block in loaded.blocks:
        if block.furniture or block.page is None or (starts and starts[-1][1] == block.page):
            continue
        starts.append((bisect.bisect_left(to_original, block.start), block.page))
    return starts


def extract_file(path: str | Path) -> ExtractionResult:
    """Load, normalise, structure, extract and resolve one file."""
    from .load import load

    return extract_loaded(load(path))


__all__ = ["extract_file", "extract_loaded", "ExtractionResult", "EXTRACTOR_VERSION", "MAX_MENTIONS_PER_KIND"]
