"""Programme and project mentions: Chương trình MTQG, Dự án, Tiểu dự án, Nội dung, Đề án.

Three shapes, one regex each, built from patterns/programmes.toml:

  programme   "Chương trình MTQG giảm nghèo bền vững", "3 chương trình về xây dựng nông
              thôn mới, giảm nghèo bền vững, …" (every programme of a list)
  numbered    "Dự án 1: <name>", "Tiểu dự án 2 - <name>", "Nội dung số 02: <name>",
              "TDA2", "Đề án 06"; a missing name is the programme's own (from the nearest
              programme mention), the parent the Dự án before it
  named       "Dự án <name>", "Đề án <name>", "Chương trình <name>",
              "chương trình tín dụng <name>"

Generic uses ("các dự án", "dự án, tiểu dự án", "Chương trình luôn được …") have no number
and no name and are dropped. Each project is kept once per document, at its first
mention, with the fullest name any of its mentions gives.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import regex
from pydantic import BaseModel, ConfigDict, Field
from spacy.language import Language
from spacy.tokens import Doc

from .. import patterns
from ..models import Project
from ..evaluate import expanded, token_f1
from ..normalize import fold
from . import base


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Part(_Strict):
    kind: str
    number: str
    name: str
    verified: bool = False


class ProjectEntry(_Strict):
    number: str
    name: str
    verified: bool = False
    parts: list[Part] = Field(default_factory=list)


class Programme(_Strict):
    key: str
    name: str
    aliases: list[str]
    decision: str | None = None
    lead_agencies: list[str] = Field(default_factory=list)
    project: list[ProjectEntry] = Field(default_factory=list)


class Programmes(_Strict):
    heads: list[str]
    labelled_kinds: list[str]
    not_a_name: list[str]
    name_ends: list[str]
    programme: list[Programme]


@cache
def programmes() -> Programmes:
    return patterns.load("programmes", Programmes)


_SP = base.SPACE
_END = base.WORD_END
_START = base.WORD_START
# Where a name stops whatever its words: a blank line, a list item on the next line, a
# colon, semicolon, bracket, sentence end, or the emphasis marks around a heading.
_STOP = r"(?:\n[ \t]*\n|\n(?=[ \t]*[-+*•|])|[:;()*\[\]]|\.(?!\d)|$)"


def _loose(text: str) -> str:
    """A phrase whose words may be spaced, wrapped or dashed differently ("kinh tế - xã
    hội" = "kinh tế xã hội"), matched in any case."""
    words = [regex.escape(w) for w in text.split() if w not in ("-", "–")]
    return "(?i:" + r"(?:[ \t]*[-–][ \t]*|[ \t]*\n[ \t]*|[ \t]+)".join(words) + ")"


def _alt(items: list[str], build=_loose) -> str:
    return "(?:" + "|".join(build(i) for i in sorted(set(items), key=len, reverse=True)) + ")" + _END


_WORD = regex.compile(r"\w+")


def _key(text: str) -> str:
    return " ".join(_WORD.findall(fold(text)))


@dataclass(frozen=True)
class Grammar:
    programme: regex.Pattern
    alias: regex.Pattern
    numbered: regex.Pattern
    named: regex.Pattern
    name_end: regex.Pattern
    # Every character a name end can open with (see _name_end).
    name_end_gate: re.Pattern
    not_a_name: regex.Pattern
    programme_by_alias: dict[str, Programme]
    agency: regex.Pattern
    programme_by_agency: dict[str, str]
    # Where each of the three scans can start, in lower case (see base.lowered_finditer).
    programme_gate: base.Gate
    numbered_gate: base.Gate
    named_gate: base.Gate


@cache
def grammar() -> Grammar:
    data = programmes()
    aliases = [a for p in data.programme for a in (p.name, *p.aliases)]
    alias = _alt(aliases)
    heads = _alt(data.heads)
    # A programme named by its standing and an alias, or a plural programme word followed
    # by a list of aliases ("3 chương trình về A, B, C").
    list_sep = r"(?:[ \t]*,[ \t]*(?:\n[ \t]*)?(?:(?i:và)[ \t]+)?|" + _SP + r"(?i:và)" + _SP + ")"
    programme = regex.compile(
        rf"(?=[cC](?:hương|T)){_START}(?:{heads}|(?i:chương{_SP}trình))"
        rf"(?:{_SP}(?i:về))?{_SP}(?P<aliases>{alias}(?:{list_sep}{alias})*)"
    )
    # First-letter gates keep the scans fast: most positions fail on one character.
    numbered = regex.compile(
        rf"(?=(?i:tiểu|dự|đề)|TDA|DA|Nội){_START}(?P<label>(?i:tiểu{_SP}dự{_SP}án)|TDA|(?i:dự{_SP}án)|DA|Nội{_SP}dung(?:{_SP}số)?|(?i:đề{_SP}án))"
        r"[ \t]*(?P<number>\d{1,2}(?:\.\d{1,2})?)(?![\d/,.]\d)" + _END
        + r"(?P<sep>[ \t]*[:.\-–][ \t]*|[ \t]+)?"
    )
    kinds = _alt(data.labelled_kinds)
    named = regex.compile(
        rf"(?=Dự|Đề|[Cc]hương){_START}(?<!(?i:các|những|mọi|từng|\d+){_SP})"
        rf"(?P<label>Dự{_SP}án|Đề{_SP}án|Chương{_SP}trình|(?i:chương{_SP}trình)(?={_SP}(?:{kinds}|\p{{Lu}})))"
        rf"(?:{_SP}(?P<kind>{kinds}))?{_SP}(?P<rest>\S)"
    )
    name_end = regex.compile(
        _STOP + "|" + "|".join(rf"{_SP}{_loose(e.strip())}" + (_END if not e.endswith(" ") else "")
                               for e in data.name_ends)
        + r"|,[ \t]+(?i:trong[ \t]+đó|với|gồm)" + _END
    )
    not_a_name = regex.compile("(?:" + _alt(data.not_a_name) + ")")
    agencies = [a for p in data.programme for a in p.lead_agencies]
    # Abbreviations of agencies are matched as written; names in any case.
    agency = regex.compile(_START + "(?:" + "|".join(
        regex.escape(a) if a.isupper() or "&" in a else _loose(a)
        for a in sorted(set(agencies), key=len, reverse=True)) + ")" + r"(?![\p{L}\p{M}\d&])"
    ) if agencies else regex.compile(r"(?!)")
    return Grammar(
        # The words their pattern's lookahead opens with.
        programme_gate=base.word_gate(["chương", "ct"]),
        # The whole label: "dự" and "đề" alone are everywhere (dự kiến, vấn đề).
        named_gate=base.phrase_gate(["dự án", "đề án", "chương trình"], _SP),
        # The label and the number after it: "da" alone is everywhere (dân), a label with
        # a number is rare.
        numbered_gate=base.phrase_gate(["tiểu dự án", "tda", "dự án", "da", "nội dung số", "nội dung", "đề án"],
                                  r"[ \t]*\d"),
        agency=agency,
        programme_by_agency={_key(a): p.key for p in data.programme for a in p.lead_agencies},
        programme=programme,
        alias=regex.compile(alias),
        numbered=numbered,
        named=named,
        name_end=name_end,
        # A stop mark, spacing before an ending phrase, or the comma before "trong đó".
        name_end_gate=re.compile(r"[\n:;()*\[\]. \t,]"),
        not_a_name=not_a_name,
        programme_by_alias={_key(a): p for p in data.programme for a in (p.name, *p.aliases)},
    )


def _name_end(text: str, start: int) -> int:
    """Where the name from `start` ends: `name_end.search` tried only where the gate finds
    a character a name end can open with (the regex engine tried every ending phrase at
    every character of the name), else at the end of the text ($)."""
    g = grammar()
    for at in g.name_end_gate.finditer(text, start):
        if g.name_end.match(text, at.start()) is not None:
            return at.start()
    return len(text)


def _name_after(text: str, start: int, *, stop_at_comma: bool, labels: regex.Pattern | None = None) -> tuple[str, int]:
    end = _name_end(text, start)
    if stop_at_comma:
        comma = text.find(",", start, end)
        end = comma if comma >= 0 else end
    if labels is not None:
        nxt = labels.search(text, start, end)
        if nxt and nxt.start() > start:
            end = nxt.start()
    name = " ".join(text[start:end].split()).strip(" -–*_,")
    return name, start + len(text[start:end].rstrip())


def _canonical(label: str) -> str:
    label = " ".join(label.split())
    k = fold(label).lower()
    if k.startswith("tieu du an") or k.startswith("tda"):
        return "Tiểu dự án"
    if k.startswith("du an") or k == "da":
        return "Dự án"
    if k.startswith("noi dung"):
        return "Nội dung số"
    if k.startswith("de an"):
        return "Đề án"
    return label


@dataclass
class _Found:
    start: int
    end: int
    text: str
    label: str
    name: str | None
    number: str | None = None
    programme: str | None = None
    parent: str | None = None
    kind: str = ""  # "programme", "numbered", "named"
    canonical: str | None = None


def find(text: str) -> list[_Found]:
    g = grammar()
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []
    for m in base.lowered_finditer(g.programme_gate, g.programme, text):
        for a in g.alias.finditer(text, m.start("aliases"), m.end("aliases")):
            p = g.programme_by_alias.get(_key(a.group()))
            if p is None:
                continue
            found.append(_Found(a.start(), a.end(), " ".join(m.group().split()), "Chương trình MTQG",
                                p.name, programme=p.key, kind="programme", canonical=p.key))
        taken.append((m.start(), m.end()))
    for m in base.lowered_finditer(g.numbered_gate, g.numbered, text):
        label = _canonical(m.group("label"))
        number = m.group("number")
        name = None
        end = m.end()
        if m.group("sep") is not None and (m.group("sep").strip() or text[m.end():m.end() + 1].isupper()):
            if not g.not_a_name.match(text, m.end()) and not g.numbered.match(text, m.end()):
                name, end = _name_after(text, m.end(), stop_at_comma=False, labels=g.numbered)
        found.append(_Found(m.start(), end, " ".join(text[m.start():end].split()),
                            f"{label} {number}", name or None, number=number, kind="numbered"))
        taken.append((m.start(), end))
    for m in base.lowered_finditer(g.named_gate, g.named, text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        start = m.start("rest")
        if g.not_a_name.match(text, start) or g.programme.match(text, m.start()):
            continue
        if not (text[start].isalpha() or text[start] == "*"):
            continue
        label = _canonical(" ".join(m.group("label").split()))
        if label.lower() == "chương trình":
            label = "Chương trình"
        if m.group("kind"):
            label = f"{label} {' '.join(m.group('kind').split())}"
        name, end = _name_after(text, start, stop_at_comma=label != "Chương trình" or bool(m.group("kind")))
        if len(name.split()) < 2 and not m.group("kind"):
            continue
        found.append(_Found(m.start(), end, " ".join(text[m.start():end].split()), label, name, kind="named"))
        if label == "Dự án":
            found += _list_items(text, end, label)
    found.sort(key=lambda f: f.start)
    _resolve(found, text)
    return found


_ITEM = regex.compile(r"[ \t]*[,;][ \t]*(?:\n[ \t]*)?(?=\p{Lu})")


def _list_items(text: str, end: int, label: str) -> list[_Found]:
    """"Dự án A, B, C; D": the capitalised items after a named Dự án are projects too."""
    items = []
    while (m := _ITEM.match(text, end)) is not None:
        name, end = _name_after(text, m.end(), stop_at_comma=True)
        comma = text.find(";", m.end(), end)
        if comma >= 0:
            name, end = " ".join(text[m.end():comma].split()), comma
        if len(name.split()) < 2:
            break
        items.append(_Found(m.end(), end, " ".join(text[m.end():end].split()), label, name, kind="named"))
    return items


def _programme_of(f: _Found, text: str, marks: list[tuple[int, str]], sentences: base.SentenceIndex) -> str | None:
    """Which programme a "Dự án N" belongs to: numbers repeat across programmes (Dự án 4
    is vocational training in GNBV, infrastructure in 1719). In order: the title the text
    gives, a programme named in the same sentence, the lead agency named there
    (LĐ-TB&XH → GNBV, Ban Dân tộc → 1719, VPĐP / NN&PTNT → NTM), the nearest programme
    mention before, else after."""
    g = grammar()
    data = programmes().programme
    if f.name and f.number:
        scored = [(token_f1(e.name, f.name), p.key) for p in data for e in p.project if e.number == f.number]
        best = max(scored, default=(0.0, None))
        if best[0] >= 0.5 and sum(1 for sc, _ in scored if sc == best[0]) == 1:
            return best[1]
    s_start, s_end = sentences.bounds(f.start)
    in_sentence = {p for st, p in marks if s_start <= st < s_end}
    if len(in_sentence) == 1:
        return next(iter(in_sentence))
    cues = {g.programme_by_agency.get(_key(m.group())) for m in g.agency.finditer(text, s_start, s_end)}
    cues.discard(None)
    if len(cues) == 1:
        return next(iter(cues))
    before = [p for st, p in marks if st < f.start]
    after = [p for st, p in marks if st >= f.start]
    return before[-1] if before else (after[0] if after else None)


def _resolve(found: list[_Found], text: str) -> None:
    """Programme of each numbered label, parent of each Tiểu dự án / Nội dung (the Dự
    án before it, whose programme it shares), and the canonical name when the text gives
    none."""
    data = {p.key: p for p in programmes().programme}
    marks = [(f.start, f.programme) for f in found if f.kind == "programme"]
    sentences = base.sentence_index(text) if any(f.kind == "numbered" for f in found) else None
    parent: _Found | None = None
    for f in found:
        if f.kind != "numbered":
            continue
        label = f.label.rsplit(" ", 1)[0]
        if label == "Dự án":
            parent = f
        elif label in ("Tiểu dự án", "Nội dung số") and parent is not None:
            f.parent = parent.label
        if label == "Đề án":
            continue
        f.programme = (parent.programme if f.parent and parent is not None and parent.programme
                       else _programme_of(f, text, marks, sentences))
        if f.programme is None:
            continue
        programme = data[f.programme]
        project_number = f.number if label == "Dự án" else (f.parent.split()[-1] if f.parent else None)
        entry = next((e for e in programme.project if e.number == project_number), None)
        if entry is None:
            continue
        part = None
        if label != "Dự án":
            part = next((p for p in entry.parts if p.kind.startswith(label.split()[0])
                         and p.number.lstrip("0") == (f.number or "").lstrip("0")), None)
            if part is None:
                continue
        f.canonical = "/".join(x for x in (f.programme, f.parent, f.label) if x)
        if not f.name:
            f.name = part.name if part else entry.name


def projects(text: str) -> list[Project]:
    found = find(text)
    kept: dict[tuple, _Found] = {}
    for f in found:
        if f.kind == "numbered":
            k = (f.label, f.programme, f.parent if not f.label.startswith("Dự án") else None)
        elif f.kind == "programme":
            k = (f.label, f.programme)
        else:
            # Named projects are one when one name begins the other ("Chương trình
            # khuyến nông" and "Chương trình Khuyến nông tỉnh Lạng Sơn"), abbreviations
            # spelled out.
            name_key = expanded(f.name or "")
            k = next((k for k in kept if k[0] == f.label and k[1] is not None and isinstance(k[1], str)
                      and (k[1].startswith(name_key) or name_key.startswith(k[1]))),
                     (f.label, name_key))
        first = kept.setdefault(k, f)
        if first is not f and f.name and len(f.name) > len(first.name or ""):
            first.name = f.name if f.kind != "programme" else first.name
    return [Project(text=f.text, start=f.start, end=f.end, label=f.label, name=f.name,
                    number=f.number, parent=f.parent, programme=f.programme, canonical=f.canonical)
            for f in kept.values()]


@Language.factory("vanban_projects")
def make_component(nlp: Language, name: str):
    grammar()  # compile once, when the pipeline is built
    return extract


def extract(doc: Doc) -> Doc:
    base.add(doc, "projects", projects(base.text(doc)))
    return doc
