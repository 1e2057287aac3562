"""A consolidated text (văn bản hợp nhất): its opening names the base document and the acts
that amended it. effects.py records those acts and reads the rest of the text as the base
document's."""
from __future__ import annotations

from dataclasses import dataclass

from ..models import Citation
from ..text.sentences import SentenceIndex
from .effect_grammar import grammar, key
from .function_words import words as function_words
from .validity import Document, date_from, skip_space

# The kind code of a consolidated text (văn bản hợp nhất), and how far into it the opening
# that lists the base document and its amending acts may run.
CONSOLIDATED = "VBHN"
_OPENING_CHARS = 4000
_BASE_WITHIN = 5  # citations: the title's, then the base


@dataclass(frozen=True)
class Consolidation:
    """What a consolidated text's opening says: the base document, each amending act's
    effect on it, and the citations of those acts (reported: they keep no act relation)."""

    base: Citation
    acts: list[dict]
    amending: list[int]


def consolidation(doc: Document, sentences: SentenceIndex) -> Consolidation | None:
    """A consolidated text opens with its base document, "được sửa đổi, bổ sung bởi:" and
    the acts that amended it, one a paragraph, each "có hiệu lực từ ngày …": each is that
    act's effect on the base, with this text as evidence. The rest of the text is the base
    document's (as amended): an act it makes ("Thông tư này bãi bỏ …") is the base's."""
    p = grammar()
    text, cites = doc.text, doc.cites
    # the base opens the first paragraph after the header (whose title may cite others)
    base_doc = next((c for c in cites[:_BASE_WITHIN] if _opens_paragraph(doc, c)), None)
    if base_doc is None:
        return None
    stop = next((c.start for c in cites if c.start > base_doc.end and c.relation == "can_cu"),
                min(len(text), base_doc.end + _OPENING_CHARS))
    v = p.verb.search(text, base_doc.end, stop)
    if v is None or not p.passive_end.search(text, base_doc.end, v.start()) \
            or not p.passive_by.match(text, skip_space(text, v.end())):
        return None
    action = p.action_of[key(v.group())]
    heads = [i for i in doc.cites_in(v.end(), stop) if _opens_paragraph(doc, cites[i])]
    acts = []
    for n, i in enumerate(heads):
        c = cites[i]
        # the act's paragraph: to the next act, and within its sentence
        until = min(cites[heads[n + 1]].start if n + 1 < len(heads) else stop, sentences.bounds(c.start)[1])
        in_force = p.in_force.search(text, c.end, until)
        acts.append(dict(
            text=base_doc.text, start=base_doc.start, end=base_doc.end, action=action.name,
            target=base_doc.number_symbol, target_key=base_doc.key, target_kind=base_doc.kind,
            target_date=base_doc.date, target_issuer=base_doc.issuer_name, actor=c.number_symbol,
            verb=" ".join(v.group().split()), scope=None, attached=False, whole=False,
            effective_date=date_from(doc, in_force.end(), until) if in_force else None))
    return Consolidation(base=base_doc, acts=acts, amending=heads)


def _opens_paragraph(doc: Document, c: Citation) -> bool:
    """Whether a citation starts its line, after its type word at most ("Thông tư số …")."""
    line = doc.text.rfind("\n", 0, c.start) + 1
    lead = doc.text[line:c.start].strip(" \t*_-+•")
    return not lead or grammar().type_word.fullmatch(lead.removesuffix(function_words().number).strip()) is not None
