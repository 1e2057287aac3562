"""The programmes-and-projects grammar: patterns/programmes.toml checked by its models, the
regexes built from it once, and how a name after a label is read and where it ends.
Used by projects.py, which finds and resolves the mentions."""
from __future__ import annotations

import re
from dataclasses import dataclass

import regex
from pydantic import BaseModel, ConfigDict, Field

from .. import patterns
from ..text.fold import fold
from .function_words import words as function_words
from ..text.prefilter import DIGIT, Prefiltered, register
from ..text.regex_parts import SPACE, WORD_END, WORD_START


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


class Label(_Strict):
    name: str
    written: list[str]
    level: int | None = None
    named: bool = False


class Programme(_Strict):
    key: str
    name: str
    aliases: list[str]
    decision: str | None = None
    lead_agencies: list[str] = Field(default_factory=list)
    project: list[ProjectEntry] = Field(default_factory=list)


class Programmes(_Strict):
    heads: list[str]
    word: str
    national: list[str]
    national_label: str
    label: list[Label]
    labelled_kinds: list[str]
    kind_leads: list[str] = Field(default_factory=list)
    name_openers: list[str] = Field(default_factory=list)
    not_after: list[str] = Field(default_factory=list)
    other_programmes: list[str] = Field(default_factory=list)
    not_a_name: list[str]
    not_a_programme_name: list[str] = Field(default_factory=list)
    not_a_whole_name: list[str] = Field(default_factory=list)
    not_proper: list[str] = Field(default_factory=list)
    periods: list[str] = Field(default_factory=list)
    owners: list[str] = Field(default_factory=list)
    kind_words: list[str] = Field(default_factory=list)
    comma_ends: list[str] = Field(default_factory=list)
    programme_ends: list[str] = Field(default_factory=list)
    name_ends: list[str]
    name_goes_on: list[str] = Field(default_factory=list)
    programme: list[Programme]


@patterns.per_file("programmes")
def programmes(name: str) -> Programmes:
    return patterns.load(name, Programmes)


_SP = SPACE
_END = WORD_END
_START = WORD_START
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


def _ending(phrase: str) -> str:
    """One of patterns/programmes.toml's name_ends: a phrase ending in a space must be
    followed by white space ("do " is not the start of "doanh"), one ending in a digit
    opens a number ("năm 20" of "năm 2025"), any other is a whole word."""
    if phrase.endswith(" "):
        return rf"{_SP}{_loose(phrase)}(?=\s)"
    if phrase[-1].isdigit():
        return rf"{_SP}{_loose(phrase)}"
    return rf"{_SP}{_loose(phrase)}{_END}"


_WORD = regex.compile(r"\w+")


def _written(spelling: str) -> str:
    """A label's spelling (see label in patterns/programmes.toml): in any case when written in
    lower case, else as written; its words apart by any spacing."""
    words = _SP.join(regex.escape(w) for w in spelling.split())
    return f"(?i:{words})" if spelling.islower() else words


def _first_word(spelling: str) -> str:
    first = regex.escape(spelling.split()[0])
    return f"(?i:{first})" if spelling.islower() else first


def alias_key(text: str) -> str:
    return " ".join(_WORD.findall(fold(text)))


@dataclass(frozen=True)
class Grammar:
    programme: Prefiltered
    alias: regex.Pattern
    # An alias that only begins another programme's name (patterns: other_programmes).
    other: regex.Pattern
    numbered: Prefiltered
    named: Prefiltered
    kind_lead: regex.Pattern
    name_end: regex.Pattern
    # A programme's name ends where any name does, and also where the next programme of
    # a list begins, or a new clause after a comma ("…, Bộ trưởng …").
    programme_name_end: regex.Pattern
    # What follows a name that makes it one project's (patterns: periods, owners), read
    # where the name ends: "… giai đoạn 2021 - 2030", "… của Sở Y tế".
    period_after: regex.Pattern
    owner_after: regex.Pattern
    kind_word: regex.Pattern
    # The set phrases of patterns: name_goes_on, and how far one reaches (characters).
    goes_on: regex.Pattern
    goes_on_reach: int
    # Every character a name end can open with (see _name_end).
    name_end_gate: re.Pattern
    not_a_name: regex.Pattern
    not_a_programme_name: regex.Pattern
    # A capitalised word of a name that names someone or something in particular (see
    # projects._particular): not one of patterns: not_proper, not a single letter (nhóm
    # A), not a part of a symbol (the BCT of "19/2021/TT-BCT").
    proper_word: regex.Pattern
    # Folded keys (see _key) of the names in patterns: not_a_whole_name.
    not_a_whole_name: frozenset[str]
    programme_by_alias: dict[str, Programme]
    agency: regex.Pattern
    programme_by_agency: dict[str, str]
    # The programme word capitalised, as a named programme's label opens ("Chương trình"),
    # and the label of a national programme's mention.
    programme_label: str
    national_label: str
    # The numbered labels' level in a component path (None: outside a programme's tree),
    # and the outermost label (Dự án), whose parts follow it.
    label_level: dict[str, int | None]
    project_label: str


@patterns.per_file("programmes")
def grammar(name: str) -> Grammar:
    data = programmes(name)
    aliases = [a for p in data.programme for a in (p.name, *p.aliases)]
    alias = _alt(aliases)
    heads = _alt(data.heads)
    # A programme named by its standing and an alias, or a plural programme word followed
    # by a list of aliases ("3 chương trình về A, B, C").
    fw = function_words()
    and_, and_or = regex.escape(fw.and_), "|".join(map(regex.escape, (fw.and_, fw.or_)))
    list_sep = rf"(?:[ \t]*,[ \t]*(?:\n[ \t]*)?(?:(?i:{and_})[ \t]+)?|{_SP}(?i:{and_}){_SP})"
    word = _written(data.word)
    capitalised = _SP.join(regex.escape(w) for w in data.word.capitalize().split())
    first, rest = data.word[0], data.word.split()[0][1:]
    # "Các Chương trình mục tiêu quốc gia: Xây dựng nông thôn mới, Giảm nghèo bền vững, …":
    # a colon may stand between the programme word and its list.
    programme = regex.compile(
        # in any case ("chương", "Chương", a heading's "CHƯƠNG"), or an abbreviated head
        # (CTMTQG, CT MTQG)
        rf"(?=[{first}{first.upper()}](?:{rest}|{rest.upper()}|T)){_START}(?:{heads}|{word})"
        rf"(?:(?:{_SP}(?i:{regex.escape(fw.about)}))?{_SP}|[ \t]*:{_SP})(?P<aliases>{alias}(?:{list_sep}{alias})*)"
    )
    # First-letter gates keep the scans fast: most positions fail on one character.
    spellings = [w for label in data.label for w in label.written]
    numbered = regex.compile(
        rf"(?={'|'.join(dict.fromkeys(_first_word(w) for w in spellings))}){_START}"
        rf"(?P<label>{'|'.join(_written(w) for w in spellings)})"
        r"[ \t]*(?P<number>\d{1,2}(?:\.\d{1,2})?)(?![\d/,.]\d)" + _END
        + r"(?P<sep>[ \t]*[:.\-–][ \t]*|[ \t]+)?"
    )
    kinds = _alt(data.labelled_kinds)
    openers = _alt(data.name_openers) if data.name_openers else "(?!)"
    not_after = _alt(data.not_after) if data.not_after else "(?!)"
    # A programme's standing followed by a name ("Chương trình mục tiêu quốc gia phòng,
    # chống ma túy") is a programme too when the name is none of the three's aliases (the
    # programme pattern, tried first, takes those). A lower-case "chương trình" is a name
    # only before a labelled kind, an opener of patterns/programmes.toml or a capital.
    named_labels = [label.name for label in data.label if label.named]
    named = regex.compile(
        rf"(?={'|'.join(regex.escape(n.split()[0]) for n in named_labels)}|[{first.upper()}{first}]{rest}|C[Tt])"
        rf"{_START}(?<!(?:{not_after}|\d+){_SP})"
        rf"(?P<label>(?P<head>{heads})|{'|'.join(_SP.join(map(regex.escape, n.split())) for n in named_labels)}"
        rf"|{capitalised}|{word}(?={_SP}(?:{kinds}|{openers}|\p{{Lu}})))"
        rf"(?:{_SP}(?P<kind>{kinds}))?{_SP}(?P<rest>\S)"
    )
    name_end = regex.compile(
        _STOP + "|" + "|".join(_ending(e) for e in data.name_ends)
        + (r"|,[ \t]+" + _alt(data.comma_ends) if data.comma_ends else "")
    )
    programme_ends = "|".join(("[ \t]*" if e.startswith(",") else _SP) + _loose(e) + _END
                              for e in data.programme_ends)
    # Every branch opens with a character of name_end_gate (white space or a comma).
    next_programme = (
        rf"(?:[ \t]*[,;]|{_SP}(?i:{and_or}))?{_SP}"
        rf"(?={capitalised}|{word}{_SP}(?:{kinds}|{openers}|\p{{Lu}}))"
        rf"|[ \t]*,{_SP}(?=\p{{Lu}}\p{{Ll}})" + (f"|{programme_ends}" if programme_ends else "")
    )
    not_a_name = regex.compile("(?:" + _alt(data.not_a_name) + ")")
    proper = ((rf"(?!{_alt(data.not_proper, _written)})" if data.not_proper else "")
              + r"(?<![\p{L}\p{M}\d/-])\p{Lu}[\p{L}\p{M}&]")
    agencies = [a for p in data.programme for a in p.lead_agencies]
    # Abbreviations of agencies are matched as written; names in any case.
    agency = regex.compile(_START + "(?:" + "|".join(
        regex.escape(a) if a.isupper() or "&" in a else _loose(a)
        for a in sorted(set(agencies), key=len, reverse=True)) + ")" + r"(?![\p{L}\p{M}\d&])"
    ) if agencies else regex.compile(r"(?!)")
    return Grammar(
        programme_label=data.word.capitalize(),
        national_label=data.national_label,
        label_level={label.name: label.level for label in data.label},
        project_label=next(label.name for label in data.label if label.level == 0),
        agency=agency,
        programme_by_agency={alias_key(a): p.key for p in data.programme for a in p.lead_agencies},
        # The programme word's first word, or an abbreviated head (CTMTQG, CT MTQG).
        programme=Prefiltered(programme, starts=(data.word.split()[0], "ct")),
        alias=regex.compile(alias),
        other=regex.compile(_alt(data.other_programmes) if data.other_programmes else "(?!)"),
        # The label and the number after it: "da" alone is everywhere (dân), a label with
        # a number is rare.
        numbered=Prefiltered(numbered, starts=tuple(spellings), then=(DIGIT,)),
        # The whole label: "dự" and "đề" alone are everywhere (dự kiến, vấn đề).
        # A programme's standing opens with the programme word ("chương trình", the typo
        # "chương tình") or an abbreviation ("CTMTQG", "CT MTQG"): its opening is enough,
        # and cheaper to look for than every head in full.
        named=Prefiltered(named, starts=(*named_labels, data.word, *{
            " ".join(w[:2]) if w[0] == data.word.split()[0] else w[0] for w in (h.lower().split() for h in data.heads)})),
        kind_lead=regex.compile((_alt(data.kind_leads) if data.kind_leads else "(?!)") + _SP),
        name_end=name_end,
        programme_name_end=regex.compile(f"{name_end.pattern}|{next_programme}"),
        goes_on=regex.compile(_START + _alt(data.name_goes_on) if data.name_goes_on else "(?!)"),
        goes_on_reach=max((len(p) + 8 for p in data.name_goes_on), default=0),
        # A stop mark, spacing before an ending phrase, or the comma before "trong đó".
        name_end_gate=re.compile(r"[\n:;()*\[\]. \t,]"),
        not_a_name=not_a_name,
        not_a_whole_name=frozenset(alias_key(n) for n in data.not_a_whole_name),
        period_after=regex.compile(rf"{_SP}{_alt(data.periods)}{_SP}\d" if data.periods else "(?!)"),
        owner_after=regex.compile(rf"{_SP}{_alt(data.owners)}{_SP}{proper}" if data.owners else "(?!)"),
        proper_word=regex.compile(proper),
        kind_word=regex.compile(_START + _alt(data.kind_words) if data.kind_words else "(?!)"),
        not_a_programme_name=regex.compile(
            _alt(data.not_a_programme_name) if data.not_a_programme_name else "(?!)"),
        programme_by_alias={alias_key(a): p for p in data.programme for a in (p.name, *p.aliases)},
    )


register("projects.programme", lambda: grammar().programme)
register("projects.numbered", lambda: grammar().numbered)
register("projects.named", lambda: grammar().named)


def _name_end(text: str, start: int, ends: regex.Pattern) -> int:
    """Where the name from `start` ends: `ends` (name_end or programme_name_end) tried
    only where the gate finds a character a name end can open with (the regex engine
    tried every ending phrase at every character of the name), else at the end of the
    text ($)."""
    g = grammar()
    for at in g.name_end_gate.finditer(text, start):
        if ends.match(text, at.start()) is not None and not _goes_on(text, at.start(), g) \
                and not _title_part(text, at.start()):
            return at.start()
    return len(text)


def _title_part(text: str, at: int) -> bool:
    """Whether the ending phrase after `at` is capitalised after a dash, a part of the
    name's title: "Khu công nghiệp Hòa Tâm - Giai đoạn 1"."""
    return at > 0 and text[at - 1] in "-–" and text[at:at + 2].strip()[:1].isupper()


def _goes_on(text: str, at: int, g: Grammar) -> bool:
    """Whether the ending phrase after `at` is a word of a set phrase the name goes on
    through (patterns/programmes.toml: name_goes_on): "cho người có công", "Hiệp định
    thương mại tự do"."""
    word = at + len(text[at:at + 8]) - len(text[at:at + 8].lstrip())
    return any(m.start() <= word < m.end()
               for m in g.goes_on.finditer(text, max(0, at - g.goes_on_reach), word + g.goes_on_reach))


# A quoted name: emphasis marks, an opening quote, the name over no blank line, the
# closing quote.
_QUOTED = regex.compile(r'[*_]*[“"](?P<name>[^”"\n]+(?:\n(?![ \t]*\n)[^”"\n]*)*)[”"]')


def name_after(text: str, start: int, *, stop_at_comma: bool, labels: regex.Pattern | None = None,
                programme: bool = False) -> tuple[str, int]:
    """The name from `start` and where it ends. A name in quotes, in emphasis or not, is
    read whole to its closing quote: 'Dự án 1: *“Phòng ngừa, đấu tranh tội phạm về ma
    túy có tổ chức, xuyên quốc gia”.*' (real 006), whatever words it holds."""
    if (quoted := _QUOTED.match(text, start)) is not None:
        return " ".join(quoted.group("name").split()).strip(" *_"), quoted.end()
    g = grammar()
    end = _name_end(text, start, g.programme_name_end if programme else g.name_end)
    if stop_at_comma:
        comma = text.find(",", start, end)
        end = comma if comma >= 0 else end
    if labels is not None:
        nxt = labels.search(text, start, end)
        if nxt and nxt.start() > start:
            end = nxt.start()
    name = " ".join(text[start:end].split()).strip(" -–*_,")
    return name, start + len(text[start:end].rstrip())


def canonical_label(label: str) -> str:
    """The name of the label a spelling opens with (patterns/programmes.toml), else the
    label as written, spacing collapsed."""
    label = " ".join(label.split())
    k = fold(label).lower()
    return next((entry.name for entry in programmes().label
                 if any(k.startswith(fold(w).lower()) for w in entry.written)), label)
