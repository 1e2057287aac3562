"""The words of effects (patterns/effects.toml) and the patterns built from them: act
verbs, modality, self-reference, scope, in-force and term phrases, with the
prefilters of the ones read over a whole text. effects.py reads with
them."""
from __future__ import annotations

from dataclasses import dataclass

import regex
from pydantic import BaseModel

from .. import patterns
from .doctypes import doc_types
from ..models import EffectAction
from ..text.prefilter import Prefiltered, register


class ActionWords(BaseModel):
    name: EffectAction
    verbs: list[str]
    relation: str = ""
    target_first: bool = False
    listed: bool = False


class EffectWords(BaseModel):
    action: list[ActionWords]
    modality: list[str]
    draft_marks: list[str]
    proposing_kinds: list[str]
    self_words: list[str]
    passive_before: list[str]
    passive_by: list[str]
    openers: list[str]
    whole: list[str]
    part: list[str]
    attached: list[str]
    from_words: list[str]
    in_force: list[str]
    from_signing: list[str]
    term_words: list[str]
    joiners: list[str]
    ranks: list[str]
    scope_trail: list[str]
    article_words: list[str]
    status: dict[str, str]


@patterns.per_file("effects")
def words(name: str) -> EffectWords:
    return patterns.load(name, EffectWords)


def phrases(items) -> str:
    """Phrases as one alternation, longest first, their words split by any white space."""
    return "|".join(r"\s+".join(regex.escape(w) for w in p.split())
                    for p in sorted(set(items), key=lambda p: (-len(p), p)))


def any_of(items) -> str:
    return rf"(?<![\p{{L}}\d])(?:{phrases(items)})(?![\p{{L}}\d])"


def key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


@dataclass(frozen=True)
class Patterns:
    verb: regex.Pattern
    action_of: dict[str, ActionWords]
    modality: regex.Pattern
    draft: regex.Pattern
    self_ref: regex.Pattern
    type_word: regex.Pattern
    passive_end: regex.Pattern
    passive_by: regex.Pattern
    opening: regex.Pattern
    whole: regex.Pattern
    part: regex.Pattern
    attached: regex.Pattern
    from_date: regex.Pattern
    in_force: regex.Pattern
    from_signing: regex.Pattern
    term: regex.Pattern
    joined: regex.Pattern
    verb_list: regex.Pattern
    trail: regex.Pattern
    # The patterns read over a whole text, tried only where their phrases are (prefilter).
    verb_gate: Prefiltered
    in_force_gate: Prefiltered
    term_gate: Prefiltered
    ended: regex.Pattern        # the verbs of het_hieu_luc ("hết hiệu lực")
    ended_gate: Prefiltered
    self_ref_end: regex.Pattern  # self_ref ending the text searched ("Thông tư này ")
    list_end: regex.Pattern      # a clause ending in a colon: a list follows
    type_end: regex.Pattern      # a type word ending the text searched ("… và Luật ")
    list_item: regex.Pattern     # the marker opening a list item: "a)", "1.", "-"
    in_force_end: regex.Pattern  # in_force ending the text searched ("… có hiệu lực ")
    passive: regex.Pattern       # the words of passive_before anywhere ("được", "bị")
    and_end: regex.Pattern       # a joining word ending the text searched ("… và ")
    pinpoint_only: regex.Pattern  # part words and their numbers only: "Điều 1, Điều 2"


@patterns.per_file("effects")
def grammar(name: str) -> Patterns:
    w = words(name)
    action_of = {key(v): a for a in w.action for v in a.verbs}
    types = [t for d in doc_types() for t in (d.name, *d.words)]
    ended_verbs = [v for a in w.action if a.name == "het_hieu_luc" for v in a.verbs]
    markers = (rf"(?:(?:{phrases(w.article_words)})\s+\d+[a-z]?\s*[.:]|[\dIVX]+(?:\.\d+)*[.)]"
               r"|[a-zđ]\)|[-+•–])")
    verb = regex.compile(any_of(action_of), regex.I)
    in_force = regex.compile(any_of(w.in_force), regex.I)
    term = regex.compile(any_of(w.term_words), regex.I)
    ended = regex.compile(any_of(ended_verbs), regex.I)
    return Patterns(
        verb=verb,
        action_of=action_of,
        modality=regex.compile(any_of(w.modality), regex.I),
        draft=regex.compile(any_of(w.draft_marks), regex.I),
        self_ref=regex.compile(rf"{any_of(types)}\s+{any_of(w.self_words)}", regex.I),
        type_word=regex.compile(any_of(types), regex.I),
        passive_end=regex.compile(rf"{any_of(w.passive_before)}[\s*_]*$", regex.I),
        passive_by=regex.compile(any_of(w.passive_by), regex.I),
        opening=regex.compile(rf"[\s*_#>|]*(?:{markers}[\s*_]*)*(?:{any_of(w.openers)}[\s*_:]*)?$", regex.I),
        whole=regex.compile(any_of(w.whole), regex.I),
        part=regex.compile(any_of(w.part), regex.I),
        attached=regex.compile(any_of(w.attached), regex.I),
        from_date=regex.compile(any_of(w.from_words), regex.I),
        in_force=in_force,
        from_signing=regex.compile(any_of(w.from_signing), regex.I),
        term=term,
        joined=regex.compile(rf"(?:{any_of(j for j in w.joiners if j[0].isalpha())}"
                             rf"|[{regex.escape(''.join(j for j in w.joiners if not j[0].isalpha()))}])"
                             r"[\s*_]*(?:\p{L}+[\s*_]+){0,3}$", regex.I),
        verb_list=regex.compile(rf"(?:[\s,*_]|{any_of(j for j in w.joiners if j[0].isalpha())})*", regex.I),
        trail=regex.compile(rf"(?:[\s,;:*_]|{any_of(w.scope_trail)})+$", regex.I),
        verb_gate=Prefiltered(verb, starts=tuple(action_of)),
        in_force_gate=Prefiltered(in_force, starts=tuple(w.in_force)),
        term_gate=Prefiltered(term, starts=tuple(w.term_words)),
        ended=ended,
        ended_gate=Prefiltered(ended, starts=tuple(ended_verbs)),
        self_ref_end=regex.compile(rf"{any_of(types)}\s+{any_of(w.self_words)}[\s*_]*$", regex.I),
        list_end=regex.compile(r":[\s*_]*$"),
        type_end=regex.compile(rf"{any_of(types)}[\s*_]*$", regex.I),
        passive=regex.compile(any_of(w.passive_before), regex.I),
        pinpoint_only=regex.compile(rf"(?:{any_of(w.part)}|{any_of(j for j in w.joiners if j[0].isalpha())}"
                                    r"|[\dIVXLC]+[a-zđ]?|[\s,.*_])*", regex.I),
        and_end=regex.compile(rf"{any_of(j for j in w.joiners if j[0].isalpha())}[\s*_]*$", regex.I),
        in_force_end=regex.compile(rf"{any_of(w.in_force)}[\s*_]*$", regex.I),
        list_item=regex.compile(r"[\s*_>|]*(?:(?P<letter>[a-zđ])\)|(?P<number>\d+)[.)]|(?P<dash>[-+•–]))[\s*_]*"),
    )


register("effects.verb", lambda: grammar().verb_gate)
register("effects.in_force", lambda: grammar().in_force_gate)
register("effects.term", lambda: grammar().term_gate)
register("effects.ended", lambda: grammar().ended_gate)
