"""Effects: what a document itself does to other documents, and when it is in force.

A citation's relation is read from the words next to each mention; an effect is read from
the clause that acts. In each clause (a sentence cut at ";", or the document's title) every
act verb of patterns/effects.toml ("bãi bỏ", "sửa đổi, bổ sung", "thay thế", "hết hiệu
lực" …) is read with who acts and on what:

- the document itself, when the clause opens with the verb ("Điều 2. Bãi bỏ Quyết định
  số …", a title "Về việc bãi bỏ …"), names the document as subject ("Quyết định này có
  hiệu lực … và thay thế Quyết định số …") or is its enacting line ("… ban hành Thông tư
  sửa đổi …"); its targets are the citations after the verb (or, for "hết hiệu lực", the
  ones before it);
- another document, when a citation is the subject ("Nghị định số 10/2024/NĐ-CP sửa đổi
  Nghị định số 30/2020/NĐ-CP") or the verb is passive ("… được sửa đổi, bổ sung bởi Luật
  số …"): the act is recorded between those two, with this text as its evidence.

A modal word before the verb (a proposal, a draft, a future or negated act: "sẽ thay
thế", "đề nghị sửa đổi") makes it no act at all. When the document itself acts, the
target citation's relation becomes the act's; a target under a modal word, or of an act
only reported, keeps no act relation (dan_chieu).

The document's own force (its in-force clause and its end) is read by
pipeline.grammar.validity, on the same `Document`; an own act takes effect on its date.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import regex
from pydantic import TypeAdapter

from .doctypes import by_code
from ..models import Citation, DateMention, Effect, Header, Period, Validity
from ..text.sentences import ELLIPSIS, SentenceIndex
from .citation_context import relation_of
from .effect_grammar import ActionWords, any_of, grammar, key, words
from .effect_consolidated import CONSOLIDATED, consolidation
from .effect_lists import first_cite_lead, listed_before, listed_targets
from .validity import Document, date_from, day_from, validity


# How far a verb's first target may stand from it, and its subject from it.
_TARGET_REACH = 300
_SUBJECT_REACH = 250
# The longest scope kept as written; a longer one is cut with "…".
_SCOPE_CHARS = 200


@dataclass(frozen=True)
class Reading:
    """What `read_effects` finds in one text: the effects, the citations with their
    relations settled by them, and the document's own force."""

    effects: list[Effect]
    citations: list[Citation]
    validity: Validity


@dataclass(frozen=True)
class _Clause:
    start: int
    end: int
    basis: bool  # a "Căn cứ" line: it names acts between other documents only
    title: bool = False


def read_effects(text: str, citations: list[Citation], header: Header | None, kind: str,
                 dates: list[DateMention | Period], sentences: SentenceIndex) -> Reading:
    """The effects of one normalised text whose citations and dates are found."""
    p = grammar()
    cites = sorted(citations, key=lambda c: c.start)
    dates = sorted(dates, key=lambda d: d.start)
    draft = p.draft.search(text, 0, min(len(text), 1500)) is not None \
        or bool(header and header.title and p.draft.search(header.title))
    doc = Document(text=text, header=header, kind=kind,
                    may_act=not draft and kind not in words().proposing_kinds, draft=draft,
                    cites=cites, starts=[c.start for c in cites], dates=dates,
                    date_starts=[d.start for d in dates])
    force = validity(doc, sentences)
    relations: dict[int, str] = {}
    found: list[dict] = []
    if cites and next(p.verb_gate.finditer(text), None):
        for clause in _clauses(doc, sentences):
            _read_clause(doc, clause, force, found, relations, sentences)
        if kind == CONSOLIDATED and (opening := consolidation(doc, sentences)) is not None:
            # the amending acts are reported, the rest of the text is the base's (as amended)
            _demote(doc, relations, opening.amending)
            found = opening.acts + [{**e, "actor": e["actor"] or opening.base.number_symbol} for e in found]
    updated = [c.model_copy(update={"relation": relations[i]}) if i in relations else c
               for i, c in enumerate(cites)]
    # no document acts on itself: a quoted provision can name its target as its subject
    found = [e for e in found if e["actor"] != e["target"]]
    return Reading(effects=_EFFECTS.validate_python(found), citations=updated, validity=force)


_EFFECTS = TypeAdapter(list[Effect])


def _clauses(doc: Document, sentences: SentenceIndex):
    """The title, then every sentence holding a verb and a citation, or ending in a colon
    (its citations are in the list after it), cut at ";"."""
    p = grammar()
    title = _title_span(doc)
    if title:
        yield _Clause(*title, basis=False, title=True)
    seen: set[int] = set()
    for m in p.verb_gate.finditer(doc.text):
        s, e = sentences.bounds(m.start())
        if s in seen or (title and title[0] <= m.start() < title[1]):
            continue
        seen.add(s)
        lo, hi = bisect.bisect_left(doc.starts, s), bisect.bisect_left(doc.starts, e)
        if lo == hi and (hi == len(doc.starts) or not p.list_end.search(doc.text, s, e)):
            continue
        basis = relation_of(doc.text, s, s, sentences) == "can_cu"
        start = s
        for piece in regex.finditer(r";", doc.text[s:e]):
            yield _Clause(start, s + piece.start(), basis)
            start = s + piece.end()
        yield _Clause(start, e, basis)


def _title_span(doc: Document) -> tuple[int, int] | None:
    """Where the header's title (trích yếu) stands in the text: it may wrap over lines
    and blank lines, which end sentences."""
    title = doc.header.title if doc.header else None
    if not title or not grammar().verb.search(title):
        return None
    parts = regex.findall(r"[\p{L}\p{N}/.\-]+", title)
    if not parts:
        return None
    # one pattern per document: the stdlib compiles it several times faster than regex
    found = re.search(r"[\W_]+".join(re.escape(w) for w in parts), doc.text[:6000], re.I)
    return found.span() if found else None


def _read_clause(doc: Document, clause: _Clause, force: Validity, found: list[dict],
                 relations: dict[int, str], sentences: SentenceIndex) -> None:
    p = grammar()
    text = doc.text
    verbs = list(p.verb.finditer(text, clause.start, clause.end))
    reported_actors: set[int] = set()
    inside = doc.cites_in(clause.start, clause.end)
    # "Sửa đổi, bổ sung, bãi bỏ một số điều của …": listed verbs share their subject and
    # their targets; run[n] is the first verb of verb n's list.
    run = list(range(len(verbs)))
    for n in range(1, len(verbs)):
        if p.verb_list.fullmatch(text, verbs[n - 1].end(), verbs[n].start()):
            run[n] = run[n - 1]
    for n, v in enumerate(verbs):
        action = p.action_of[key(v.group())]
        last = n
        while last + 1 < len(verbs) and run[last + 1] == run[n]:
            last += 1
        head = verbs[run[n]]
        upto = verbs[last + 1].start() if last + 1 < len(verbs) else clause.end
        before = [i for i in inside if doc.cites[i].end <= head.start()]
        after = [i for i in inside if verbs[last].end() <= doc.cites[i].start < upto]
        subject_at = doc.cites[before[-1]].end if before else clause.start
        lead = text[subject_at:head.start()]
        modal = p.modality.search(lead) is not None
        # passive: "A (đã) được sửa đổi, bổ sung bởi B" – B acts on A. What a passive verb
        # acts on stands before it: with no citation there ("06 thủ tục hành chính bị bãi
        # bỏ …", "Cụm từ … được thay thế … theo Quyết định số …") it acts on no document,
        # and a citation after it is its actor or a mere reference, never its target.
        if p.passive_end.search(lead):
            actor = next((i for i in after if p.passive_by.search(text, v.end(), doc.cites[i].start)), None)
            if before and actor is not None and not modal:
                reported_actors.add(actor)
                _add(doc, found, relations, action, _amended(doc, before, actor), v, clause, force, actor=actor)
            elif not before:
                _demote(doc, relations, _targets(doc, verbs[last].end(), after))
            continue
        # "Bãi bỏ các văn bản sau đây:" – the clause's last verb acts on the list after it
        items = listed_targets(doc, verbs[last].end(), clause.start, clause.end, sentences) \
            if action.listed and last + 1 == len(verbs) and not after \
            and clause.end - verbs[last].end() <= _TARGET_REACH else {}
        if action.target_first:
            targets = listed_before(doc, clause.start, clause.end, sentences) \
                + [i for i in before if i not in reported_actors]
            # a list ends documents only with the day it does so: "Các thông tư sau đây hết
            # hiệu lực kể từ ngày …:", not a published list of ended ones
            if not targets and items and p.from_date.search(text, clause.start, clause.end):
                targets = list(items)
            if not targets:
                continue
            own = doc.may_act and not clause.basis
            if modal:
                _demote(doc, relations, targets)
                continue
            seen: set[str] = set()
            for i in targets:
                if doc.cites[i].key not in seen:
                    seen.add(doc.cites[i].key)
                    _add(doc, found, relations, action, i, v, clause, force, actor=None, own=own,
                         scope_from=items.get(i))
            continue
        targets = _targets(doc, verbs[last].end(), after) or list(items)
        if not targets:
            continue
        self_ref = p.self_ref.search(lead) is not None
        subject = before[-1] if before and not self_ref \
            and head.start() - doc.cites[before[-1]].end <= _SUBJECT_REACH else None
        if subject is not None and p.and_end.search(lead):
            # "Thông tư số 25/2018/TT-BTC … hướng dẫn Nghị định số 146/2017/NĐ-CP … và sửa
            # đổi, bổ sung …", "Thông tư này thay thế Thông tư số … và bãi bỏ …": a second
            # predicate; the citation before is the first one's object, its subject what
            # opens the clause
            opener = _opener(doc, clause, verbs[0].start())
            self_ref = self_ref or opener == _SELF
            subject = opener if isinstance(opener, int) and opener != subject else None
        if subject is not None and p.type_end.search(lead):
            # "… số 64/2025/QH15 và Luật sửa đổi, bổ sung … số 87/2025/QH15": the verb names
            # another document, not cited before it; the citation before is no actor
            continue
        if modal:
            _demote(doc, relations, targets)
            continue
        if subject is not None and doc.cites[subject].kind in words().proposing_kinds:
            _demote(doc, relations, targets)  # "Tờ trình số … về việc bãi bỏ …" proposes
            continue
        if subject is not None:
            for i in targets:
                _add(doc, found, relations, action, i, verbs[last], clause, force, actor=subject,
                     first=i == targets[0], written=v.group())
            continue
        if clause.basis:
            continue
        opens = p.opening.match(text, _past_day(doc, clause.start, head.start()), head.start()) is not None
        imperative = opens or clause.title or _enacting(doc, lead)
        if imperative and not self_ref and not doc.may_act:
            if doc.draft:
                _demote(doc, relations, targets)  # a draft acts on nothing
            continue
        if self_ref or imperative:
            for i in targets:
                _add(doc, found, relations, action, i, verbs[last], clause, force, actor=None, own=True,
                     first=i == targets[0], written=v.group(), scope_from=items.get(i))


_SELF = "self"


def _opener(doc: Document, clause: _Clause, verb_start: int) -> int | str | None:
    """The subject opening a clause before its first verb: the document itself
    ("Thông tư này …", _SELF), or the citation it opens with after a marker and a pinpoint
    at most ("i) Điều 1, Điều 2 Thông tư số 25/2018/TT-BTC …")."""
    p = grammar()
    found = first_cite_lead(doc, clause.start, verb_start)
    if found is None:
        return _SELF if p.self_ref.search(doc.text, clause.start, verb_start) else None
    first, lead = found
    marker = p.list_item.match(lead)
    return first if p.pinpoint_only.fullmatch(lead, marker.end() if marker else 0) else None


def _amended(doc: Document, before: list[int], actor: int) -> int:
    """What a reported act by `actor` acts on: the last citation before its verb, past the
    ones of a higher rank than the actor ("Thông tư số … hướng dẫn Nghị định số …, được sửa
    đổi, bổ sung bởi Thông tư số …": the circular)."""
    rank = _rank(doc.cites[actor])
    for i in reversed(before):
        if rank is None or (r := _rank(doc.cites[i])) is None or r >= rank:
            return i
    return before[-1]


def _rank(c: Citation) -> int | None:
    ranks = words().ranks
    return ranks.index(c.kind) if c.kind in ranks else None


def _past_day(doc: Document, start: int, end: int) -> int:
    """Where a clause's text goes on after the day opening it ("6. Kể từ ngày 01/7/2026,
    bãi bỏ …"), or `start` when no day opens it."""
    p = grammar()
    m = p.from_date.search(doc.text, start, end)
    day = day_from(doc, m.start(), m.end()) if m and p.opening.match(doc.text, start, m.start()) else None
    if day is None:
        return start
    pos = day[0].end
    while pos < end and doc.text[pos] in " ,\t\n*_":
        pos += 1
    return pos


def _enacting(doc: Document, lead: str) -> bool:
    """Whether `lead` (the clause before the verb) ends in the document's own type word:
    "… ban hành Thông tư sửa đổi …"."""
    t = by_code().get((doc.kind or "").upper())
    if t is None:
        return False
    tail = regex.search(rf"{any_of((t.name, *t.words))}[\s*_]*$", lead, regex.I)
    return tail is not None


def _targets(doc: Document, verb_end: int, after: list[int]) -> list[int]:
    """The citations a verb acts on: the first after it, and those listed with it."""
    p = grammar()
    if not after or doc.cites[after[0]].start - verb_end > _TARGET_REACH:
        return []
    first = doc.cites[after[0]]
    targets = [after[0]]
    for i in after[1:]:
        c, prev = doc.cites[i], doc.cites[targets[-1]]
        if c.kind != first.kind or not p.joined.search(doc.text, max(prev.end, c.start - 40), c.start):
            break
        targets.append(i)
    return targets


def _demote(doc: Document, relations: dict[int, str], targets: list[int]) -> None:
    """A target of no act of this document keeps no act relation (an own act elsewhere in
    the clause wins: it is set after, or kept)."""
    acts = {a.relation for a in words().action if a.relation}
    for i in targets:
        if doc.cites[i].relation in acts and relations.get(i, "dan_chieu") == "dan_chieu":
            relations[i] = "dan_chieu"


def _add(doc: Document, found: list[dict], relations: dict[int, str], action: ActionWords, i: int,
         v: regex.Match, clause: _Clause, force: Validity, *, actor: int | None, own: bool = False,
         first: bool = True, written: str | None = None, scope_from: int | None = None) -> None:
    """Record the act of verb `v` (the last of a listed run, `written` the run's own verb)
    on citation `i`; the scope is written after the verb, or from `scope_from` on for an
    item of a list after it."""
    p = grammar()
    c = doc.cites[i]
    if scope_from is not None:
        scope, attached = _scope(doc, scope_from, c)
    elif action.target_first or not first:
        scope, attached = c.pinpoint, False
    else:
        scope, attached = _scope(doc, v.end(), c)
    whole = scope is None or (attached and p.part.search(p.attached.split(scope)[0]) is None)
    stated = _act_day(doc, v.end(), clause.end, own)
    if stated is None and own:
        # "Kể từ ngày 01/7/2026, Thông tư này bãi bỏ …": the clause's day before its verb,
        # written before any citation (never a cited document's issue date or force)
        cited = doc.cites_in(clause.start, clause.end)
        stated = date_from(doc, clause.start, min([v.start()] + [doc.cites[j].start for j in cited[:1]]))
    if own:
        relations[i] = action.relation or c.relation
    else:
        _demote(doc, relations, [i])
    found.append(dict(
        text=c.text, start=c.start, end=c.end, action=action.name,
        target=c.number_symbol, target_key=c.key, target_kind=c.kind, target_date=c.date,
        target_issuer=c.issuer_name,
        actor=doc.cites[actor].number_symbol if actor is not None else None,
        verb=" ".join((written or v.group()).split()), scope=scope,
        attached=attached, whole=whole,
        effective_date=stated or (force.effective_from if own else None),
    ))


def _act_day(doc: Document, start: int, end: int, own: bool) -> str | None:
    """The day an act states after its verb ("… hết hiệu lực kể từ ngày 01/3/2027"). Of
    the document's own act, a day the clause gives as a force ("Bãi bỏ Quyết định số …
    có hiệu lực từ ngày 01/10/2015") is the target's, not the act's."""
    p = grammar()
    for m in p.from_date.finditer(doc.text, start, end):
        if own and p.in_force_end.search(doc.text, start, m.start()):
            continue
        if day := day_from(doc, m.start(), m.end()):
            return day[1]
    return None


def _scope(doc: Document, verb_end: int, c: Citation) -> tuple[str | None, bool]:
    """What of the target the verb reaches, as written between them: None for the whole."""
    p = grammar()
    gap = doc.text[verb_end:c.start]
    types = list(p.type_word.finditer(gap))
    if types:
        gap = gap[:types[-1].start()]
    gap = p.trail.sub("", gap).strip(" \t\n*_:,")
    attached = p.attached.search(gap) is not None
    if not gap or p.whole.match(gap):
        return None, False
    if not attached and p.part.search(gap) is None and c.pinpoint is None:
        return None, False
    scope = " ".join(gap.split())
    if len(scope) > _SCOPE_CHARS:
        scope = scope[:_SCOPE_CHARS].rsplit(" ", 1)[0] + ELLIPSIS
    return scope, attached
