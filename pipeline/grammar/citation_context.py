"""What surrounds a citation's number/symbol and says what it is: the type word before it
("Quyết định số", "Luật Quản lý thuế số"), the date and issuer after it ("ngày 23/3/2022
của UBND tỉnh"), and the cue that says how the text uses it ("Căn cứ", "Thực hiện"). The
cue words come from patterns/citation_cues.toml; the patterns that read backwards from the
number run with regex.REVERSE."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex
from pydantic import BaseModel

from .. import patterns
from .date_grammar import date_words
from .date_parser import DateSpan, day_at, find_dates
from .doctypes import by_word, doc_types
from .function_words import cased, words as function_words
from ..models import Relation
from ..text.fold import folded
from ..text.sentences import SentenceIndex


class RelationCue(BaseModel):
    name: Relation
    phrases: list[str]
    sentence_initial: bool = False


class CitationCues(BaseModel):
    passive_markers: list[str]
    not_before: list[str]
    issuer_stops: list[str]
    name_heads: list[str]
    pinpoint_words: list[str]
    list_words: list[str]
    document_words: list[str]
    issued: list[str]
    issued_passive: list[str]
    header_over: list[str]
    relation: list[RelationCue]


@patterns.per_file("citation_cues")
def cues(name: str) -> CitationCues:
    return patterns.load(name, CitationCues)


def _alternation(words) -> str:
    # A phrase may wrap onto the next line ("Nghị⏎quyết số"), so any white space joins words.
    return "|".join(map(_phrase, sorted(set(words), key=len, reverse=True)))


def _phrase(words: str) -> str:
    return r"\s+".join(map(regex.escape, words.split()))


def _by_first_letter(words) -> str:
    """_alternation grouped under each first letter, for a case-insensitive pattern read
    forwards: regex then tests a position's letter once, not once for each phrase, which
    halves the time of a search. Phrases with different first letters never match at one
    position, and each group keeps the longest-first order."""
    groups: dict[str, list[str]] = {}
    for w in sorted(set(words), key=len, reverse=True):
        groups.setdefault(w[0].lower(), []).append(_phrase(w)[len(regex.escape(w[0])):])
    return "|".join(f"{regex.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())


# Patterns that read the text just before a number run with regex.REVERSE and are used
# with .match, which then anchors them at the number instead of trying every position.
# How far back a type word may stand from its number. A law's name sits in between
# ("Luật Tổ chức chính quyền địa phương số 72/2025/QH15"); other types write "số" at most
# after a word or two ("Báo cáo thẩm tra số").
_LOOKBACK = 160
_GAP_NAMED = 110
_GAP_OTHER = 45
HEADER_LINES = 40
# A cue in mid-sentence speaks for the citation right after it, not for one further on
# ("hướng dẫn của trung ương, Tỉnh ủy đã ban hành Nghị quyết số …" is not guidance).
_CUE_REACH = 40


@dataclass(frozen=True)
class ContextPatterns:
    type_word: regex.Pattern
    type_code_before: regex.Pattern
    gap_breaks: regex.Pattern
    ends_with_so: regex.Pattern
    not_before: regex.Pattern
    date_lead: regex.Pattern
    day_word: regex.Pattern
    day_word_before: regex.Pattern
    issued_after: regex.Pattern
    issued_end: regex.Pattern
    year_after: regex.Pattern
    of_issuer: regex.Pattern
    issuer_stop: regex.Pattern
    name_head: regex.Pattern
    pinpoint: regex.Pattern
    list_gap: regex.Pattern
    cue: regex.Pattern
    cue_relation: dict[str, str]
    initial_cue: regex.Pattern
    passive: regex.Pattern
    header_line: regex.Pattern
    header_over: regex.Pattern
    document_word: regex.Pattern
    title_words: frozenset[str]
    # The first words of the not_before and pinpoint phrases, as _case_folded gives them.
    not_before_words: tuple[str, ...]
    pinpoint_words: tuple[str, ...]
    # The last words of the type codes, which type_code_before reads before "số".
    code_ends: tuple[str, ...]
    # The number word (số) in lower case, which type_code_before strips with str methods;
    # the word before an issuer (của), which issuer_after looks for first, and "và".
    number: str
    of: str
    and_: str


@patterns.per_file("citation_cues")
def context_patterns(name: str) -> ContextPatterns:
    c = cues(name)
    words = [w for t in doc_types() for w in (t.name, *t.words)]
    codes = [t.code for t in doc_types()]
    phrases = {p.lower(): r.name for r in c.relation for p in r.phrases}
    initial = [p for r in c.relation if r.sentence_initial for p in r.phrases]
    number = regex.escape(function_words().number)
    dates = date_words().words
    day, year = _alternation(dates.day), _alternation(dates.year)
    issued = rf"(?:{_alternation(c.issued)})"
    return ContextPatterns(
        type_word=regex.compile(rf"(?<!\p{{L}})(?:{_alternation(words)})(?!\p{{L}})",
                                regex.I | regex.REVERSE),
        type_code_before=regex.compile(
            rf"(?<![\p{{L}}\d])(?:{_alternation(codes)})\s+(?:(?i:{number})\s*:?\s*)?$", regex.REVERSE),
        gap_breaks=regex.compile(r"[;|()\[\]]|\n\s*\n|\.\s"),
        ends_with_so=regex.compile(rf"(?i)(?<!\p{{L}}){number}[\s*_]*:?[\s*_]*$", regex.REVERSE),
        not_before=regex.compile(
            rf"(?i)(?<![\p{{L}}\d])(?:{_alternation(c.not_before)})\s*(?:{number})?\s*:?\s*$", regex.REVERSE),
        # What may stand between a number and its date: "…, ban hành ngày 23/3/2022".
        date_lead=regex.compile(
            rf"(?i)[ \t]*[,(]?\s*(?:(?:(?:{_alternation(c.issued_passive)})\s+)?{issued}\s+)?(?={day})"),
        day_word=regex.compile(rf"(?i){day}"),
        day_word_before=regex.compile(rf"(?i)(?<!\p{{L}})(?:{day})\s*$", regex.REVERSE),
        # "ngày 23/3/2022, UBND tỉnh ban hành Quyết định số …": the date before its type word.
        issued_after=regex.compile(rf"(?i)\s*,[^.;\n]{{0,100}}?{issued}\s*"),
        issued_end=regex.compile(rf"(?i),[^.;\n]{{0,100}}?{issued}\s*$", regex.REVERSE),
        year_after=regex.compile(rf"(?i)\s*(?:(?:{year})\s+)?(?P<y>(?:19|20)\d{{2}})(?![\d/\-.])"),
        of_issuer=regex.compile(rf"[ \t]*,?\s*{regex.escape(function_words().of)}\s+"),
        issuer_stop=regex.compile(rf"(?i)(?<!\p{{L}})(?:{_by_first_letter(c.issuer_stops)})(?!\p{{L}})"),
        # Case-sensitive: a capital is what makes "Bộ" a new body.
        name_head=regex.compile(rf"\s+(?:{_alternation([*c.name_heads, *words])})(?!\p{{L}})"),
        pinpoint=regex.compile(
            rf"(?i)(?<!\p{{L}})(?P<p>(?:(?:{_alternation(c.pinpoint_words)})\s+"
            # the label: 49, 2a, 1.2, II, or one letter (điểm đ)
            rf"(?:\d+[\w.]*|[IVXLC]+(?![\p{{L}}\d])|\p{{L}}(?![\p{{L}}\d]))"
            rf"(?:\s*,\s*|\s+{regex.escape(function_words().and_)}\s+|\s+))+)$", regex.REVERSE),
        list_gap=regex.compile(
            rf"(?i)(?:[\s,/.\-]|\d|(?<!\p{{L}})(?:{_alternation(c.list_words)})(?!\p{{L}}))*"),
        cue=regex.compile(rf"(?i)(?<!\p{{L}})(?:{_by_first_letter(phrases)})(?!\p{{L}})"),
        cue_relation=phrases,
        initial_cue=regex.compile(
            rf"(?i)[\s*_+•|#>\-]*(?:[\dIVX]+[.)]\s*|[a-zđ]\)\s*)?(?P<c>{_alternation(initial)})(?!\p{{L}})"),
        passive=regex.compile(rf"(?i)\s*(?:{_alternation(c.passive_markers)})(?!\p{{L}})"),
        # Capitalised: a wrapped body line may start with "số 46/2014/NĐ-CP".
        header_line=regex.compile(rf"[\s|*_#>]*(?:{cased(function_words().number, lower=False)})(?!\p{{L}})"),
        header_over=regex.compile(rf"[\s|*_#>]*(?:{_alternation(c.header_over)})", regex.I),
        document_word=regex.compile(
            rf"(?i)(?<!\p{{L}})(?:{_alternation(c.document_words)})[\s*_]+{number}[\s*_]*:?[\s*_]*$",
            regex.REVERSE),
        title_words=frozenset(folded(w) for w in words),
        not_before_words=_first_words(c.not_before),
        pinpoint_words=_first_words(c.pinpoint_words),
        code_ends=tuple(sorted({code.split()[-1] for code in codes})),
        number=_case_folded(function_words().number),
        of=function_words().of,
        and_=function_words().and_.lower(),
    )


def _case_folded(text: str) -> str:
    # Each letter that a case-insensitive pattern matches to a letter of a cue word folds
    # to that letter, but for İ, which folds to i and a dot above.
    return text.casefold().replace("i\u0307", "i")


def _first_words(phrases) -> tuple[str, ...]:
    return tuple(sorted({_case_folded(ph.split()[0]) for ph in phrases}))


def type_code_before(text: str, lo: int, hi: int) -> regex.Match | None:
    """The type code and "số" that end text[lo:hi] ("QĐ số"). Most texts before a number
    end in a type word instead ("Quyết định số"): a look at the last word, a few string
    methods, spares the pattern there."""
    p = context_patterns()
    rest = text[lo:hi].rstrip().rstrip(":").rstrip()
    if _case_folded(rest[-len(p.number):]) == p.number:
        rest = rest[:-len(p.number)].rstrip()
    return p.type_code_before.match(text, lo, hi) if rest.endswith(p.code_ends) else None


def may_name(text: str, lo: int, hi: int, words: tuple[str, ...]) -> bool:
    """Whether text[lo:hi] holds one of `words` in any case: a case-insensitive pattern
    over a phrase list is several times slower than this test, which most windows fail."""
    window = _case_folded(text[lo:hi])
    return any(w in window for w in words)


_CAPITAL_NEXT = regex.compile(r"\s+\p{Lu}")
_NAME_END = regex.compile(r"[,;:()\[\]|*\"“”]|\.(?:\s|$)|\n\s*\n")


def date_after(text: str, pos: int, endpos: int) -> DateSpan | None:
    """The day a citation's date gives right after its number ("ngày 23/3/2022", "ban
    hành ngày 23 tháng 3 năm 2022"), read by the date grammar."""
    lead = context_patterns().date_lead.match(text, pos, endpos)
    return day_at(text, lead.end(), endpos) if lead else None


def date_before(text: str, lo: int, hi: int) -> DateSpan | None:
    """The day that text[lo:hi] gives before a citation's type word in "ngày 23/3/2022,
    UBND tỉnh ban hành Quyết định số …": the nearest day after "ngày" that a clause ending
    in the issuing verb follows."""
    p = context_patterns()
    if p.issued_end.search(text, lo, hi) is None:
        return None
    for span in reversed(find_dates(text[lo:hi])):
        start, end = lo + span.start, lo + span.end
        if span.value.granularity != "day" or span.inherited:
            continue
        if (p.day_word_before.match(text, lo, start) or p.day_word.match(text, start)) \
                and p.issued_after.fullmatch(text, end, hi):
            return DateSpan(text=span.text, start=start, end=end, value=span.value)
    return None


def issuer_after(text: str, pos: int) -> str | None:
    p = context_patterns()
    # Most citations name no issuer: a look for the word spares the pattern there.
    m = p.of_issuer.match(text, pos, min(len(text), pos + 40)) if p.of in text[pos:pos + 40] else None
    if not m:
        return None
    tail = text[m.end():m.end() + 120]
    # The name ends at punctuation, a table cell or paragraph break, or a stop word.
    tail = _NAME_END.split(tail, maxsplit=1)[0]
    for stop in p.issuer_stop.finditer(tail):
        # "và" joins two parts of one name when a capital follows ("Bộ Lao động - Thương
        # binh và Xã hội", "Sở Giáo dục và Đào tạo"); before a lower-case word it ends it.
        if stop.group().lower() == p.and_ and _CAPITAL_NEXT.match(tail, stop.end()) \
                and not p.name_head.match(tail, stop.end()):
            continue
        tail = tail[:stop.start()]
        break
    words = tail.split()[:12]
    # A name set in capitals ends where ordinary text starts (CÔNG TY … BẾN TRE vướng mắc).
    # ("UBND tỉnh" is one abbreviation, not a name in capitals.)
    if len(words) > 2 and words[0].isupper() and words[1].isupper():
        for i, w in enumerate(words[1:], 1):
            if w.islower():
                words = words[:i]
                break
    return " ".join(words) or None


# A clause joined to the one before by "; " on the same line continues its list: in
# "Căn cứ Nghị định A; Nghị định B sửa đổi Nghị định A" both are bases of this document.
_JOINED_BY_SEMICOLON = regex.compile(r";[ \t*_]*\Z")
_CHAIN_HOPS = 12


def _opening(text: str, sent_start: int, sentences: SentenceIndex | None) -> regex.Match | None:
    """The initial cue of the sentence, or of the sentences it continues after "; "."""
    p = context_patterns()
    start = sent_start
    for hop in range(_CHAIN_HOPS):
        if m := p.initial_cue.match(text, start):
            # Only a list of bases runs on this way; after "Thực hiện A; " a new clause
            # has its own subject ("UBND huyện ban hành Quyết định B").
            chained_ok = hop == 0 or p.cue_relation[" ".join(m.group("c").lower().split())] == "can_cu"
            return m if chained_ok else None
        if sentences is None or start == 0 or not _JOINED_BY_SEMICOLON.search(text, max(0, start - 8), start):
            return None
        start, _ = sentences.bounds(start - 1)
    return None


def relation_of(text: str, sent_start: int, upto: int,
                sentences: SentenceIndex | None = None) -> Relation:
    p = context_patterns()
    window = text[sent_start:upto]
    if m := _opening(text, sent_start, sentences):
        return p.cue_relation[" ".join(m.group("c").lower().split())]  # type: ignore[return-value]
    found: Relation = "dan_chieu"
    for m in p.cue.finditer(window, max(0, len(window) - _CUE_REACH - 30)):
        if p.passive.match(window, m.end()) or len(window) - m.end() > _CUE_REACH:
            continue
        found = p.cue_relation[" ".join(m.group().lower().split())]  # type: ignore[assignment]
    return found


@dataclass
class Previous:
    end: int = -1
    type_from_text: str | None = None


def type_before(text: str, start: int, prev: Previous) -> tuple[str | None, int]:
    """The type code named before the number and where that name starts (or `start`)."""
    p = context_patterns()
    lo = max(0, start - _LOOKBACK, prev.end)
    window = text[lo:start]
    if m := type_code_before(window, 0, len(window)):
        return m.group().split()[0], lo + m.start()
    # The pattern runs backwards: hits come nearest first. A type word is capitalised
    # ("Quyết định số", "Luật Quản lý thuế số"), or in lower case right before "số"
    # ("công văn số"); a lower-case word further back is ordinary text ("pháp luật").
    for m in p.type_word.finditer(window):
        gap = window[m.end():]
        bare = gap.strip(" \t\n*_")
        if not m.group()[0].isupper():
            if p.ends_with_so.match(gap) and len(bare) <= 4:
                return _code_of_word(m.group()), lo + m.start()
            continue
        code = _code_of_word(m.group())
        limit = _GAP_NAMED if code == "L" else _GAP_OTHER
        if (len(gap) <= limit and not p.gap_breaks.search(gap)
                and (not bare or p.ends_with_so.match(gap))):
            return code, lo + m.start()
        break
    # A list under one type word: "Tờ trình số 421/TTr-STC ngày …, 501/TTr-STC".
    if prev.type_from_text and prev.end >= 0 and start - prev.end <= 40 \
            and p.list_gap.fullmatch(text, prev.end, start):
        return prev.type_from_text, start
    return None, start


@cache
def _code_of_word(word: str) -> str:
    return by_word()[folded(word)].code
