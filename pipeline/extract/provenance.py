"""Last component: gives every mention its sentence, section path and page."""
from __future__ import annotations

import bisect

from spacy.language import Language
from spacy.tokens import Doc

from ..text.sentences import MAX_SENTENCE
from . import base


# Rewrites every kind of mention (its sentence, section and page filled in) and adds the
# warning for mentions whose sentence was cut.
@Language.factory("vanban_provenance",
                  assigns=[f"doc._.{kind}" for kind in base.KINDS] + ["doc._.context"])
def make_provenance(nlp: Language, name: str):
    return add_provenance


def add_provenance(doc: Doc) -> Doc:
    ctx = base.context(doc)
    index = base.sentences(doc)
    sections = sorted(ctx.structure.sections, key=lambda s: s.start)
    section_starts = [s.start for s in sections]
    page_starts = [start for start, _ in ctx.pages]

    def section_at(offset: int) -> str | None:
        # The innermost section that contains the offset: the last one starting before it
        # whose end is after it.
        i = bisect.bisect_right(section_starts, offset) - 1
        while i >= 0:
            if sections[i].end > offset:
                return sections[i].path
            i -= 1
        return None

    def page_at(offset: int) -> int | None:
        i = bisect.bisect_right(page_starts, offset) - 1
        return ctx.pages[i][1] if i >= 0 else None

    cut_before = index.cut
    for kind, items in base.mentions(doc).items():
        doc._.set(kind, [
            m.replaced(
                sentence=m.sentence or index.sentence(m.start, m.end),
                section=m.section or section_at(m.start),
                page=m.page or page_at(m.start),
            )
            for m in items
        ])
    if cut := index.cut - cut_before:
        ctx.warnings.append(f"{cut:,} facts are in sentences over {MAX_SENTENCE} characters: "
                            f"each carries only the {MAX_SENTENCE} characters around it")
    return doc
