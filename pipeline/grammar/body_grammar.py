"""The organisation grammar: the body words of patterns/bodies.toml (body_words.py)
assembled into the regexes body_mentions.py scans with (see its docstring for the shape
of a mention), with the lookup tables from a written head to its body."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
import re

import regex
from .. import patterns
from ..place_words import place_words
from ..text.fold import folded_key
from ..text.prefilter import Prefiltered, register
from ..text.regex_parts import SPACE, WORD_END, WORD_START, mention_start, names_alternation, spaced_phrase, trie
from .body_words import Body, Level, Sector, bodies
from .project_grammar import programmes

# ----------------------------------------------------------------- regex pieces
_SP = SPACE
# A header name set in bold is closed and reopened on each of its lines (`**ỦY BAN NHÂN
# DÂN**` ⏎ `**TỈNH LẠNG SƠN**`), or closed before a place line in plain type (`**ỦY BAN
# NHÂN DÂN**` ⏎ `THÀNH PHỐ HÀ NỘI`), or closed on a line of its own (`**ỦY BAN NHÂN DÂN` ⏎
# `**` ⏎ `TỈNH HÀ TĨNH`); the place line still belongs to the body above it.
_BOLD_BREAK = r"(?:[ \t]*\*\*[ \t]*\n[ \t]*(?:\*\*[ \t]*)?|[ \t]*\n[ \t]*\*\*[ \t]*\n[ \t]*)"
_END = WORD_END
_START = WORD_START
_CAP = r"\p{Lu}[\p{Ll}\p{M}]*"           # a capitalised word (Lạng)
_UPPER_WORD = r"\p{Lu}[\p{Lu}\p{M}]+"    # a word in capitals (header lines)
# A proper place name: up to four capitalised words (Lạng Sơn, Hồ Chí Minh); a wrapped
# line may split it ("Vĩnh\nLong").
_PLACE_NAME = rf"(?:{_CAP}|{_UPPER_WORD})(?:{_SP}(?:{_CAP}|{_UPPER_WORD})){{0,3}}{_END}"
# An abbreviation written as the name of a unit (Phòng NVDTPC, Cục KTVB&QLXLVPHC): capitals
# without tone or vowel marks, which a word in capitals (TRƯỞNG, THUẾ) has.
_ABBR_LETTER = r"[A-ZĐ]"
_ABBR = rf"{_ABBR_LETTER}[A-ZĐ\d&]*(?:-{_ABBR_LETTER}[A-ZĐ\d&]*)*{_ABBR_LETTER}(?![\p{{L}}\p{{M}}\d&])"
_LOWER = r"\p{Ll}[\p{Ll}\p{M}]*"


@dataclass(frozen=True)
class Grammar:
    # A mention (see body_mentions.py): a unit's name stops before a word that opens
    # another body's head (Cục Hàng không Việt Nam - | Bộ Xây dựng).
    pattern: regex.Pattern
    enumeration: regex.Pattern
    sector_item: regex.Pattern
    body_by_key: dict[str, Body]
    sector_by_key: dict[str, Sector]
    # A unit's name as listed (unit_names in bodies.toml), by its folded key with "&" for
    # a conjunction (see listed_name).
    unit_name_by_key: dict[str, str]
    # the conjunction "&" stands for in a listed name's key
    ampersand: str
    abbreviation_keys: frozenset[str]
    level_by_key: dict[str, Level]
    unit_type_by_key: dict[str, str]  # folded place word after a head -> its unit type
    central_city_keys: frozenset[str]
    group_names: tuple[str, ...]  # the pattern's groups in order: all are named
    # Each group's number: a match looks a group's name up anew on every call, several
    # times slower than reading it by number.
    group_number: dict[str, int]
    prefix_item: regex.Pattern
    # Where a mention can start (see mention_start): the pattern is tried only there.
    start: re.Pattern
    prefix_by_key: dict[str, str]
    # The prefix naming a body's office (office = true in bodies.toml), and the list of
    # the offices of several bodies it heads ("Các VP: Thành ủy; UBND TP").
    office: str
    office_list: regex.Pattern
    # The bodies named with the list heads of bodies.toml (Bộ, Sở, Phòng): an item of
    # their list ("Nội vụ" after "các Bộ:") is named with the body (Bộ Nội vụ).
    list_head_bodies: frozenset[str]
    # The bodies whose name says their level (Tỉnh ủy): their place is written without
    # its unit word.
    level_in_name: frozenset[str]
    # The words after which a body's head is an ordinary word (not_before in bodies.toml),
    # lower case, by the body's name.
    not_before: dict[str, frozenset[str]]
    # enumeration and office_list, tried only at the opener and a head (prefilter):
    # "các" is everywhere, "các" and the head word is rare.
    enumeration_gate: Prefiltered
    office_list_gate: Prefiltered
    # After a place word with no name: ", phường" in "UBND xã, phường" makes it a set of
    # levels, not one body; so does a level-wide word after a body ("UBND CẤP XÃ").
    level_list: regex.Pattern
    # Where a unit's name read up to a stop may end (name_endings in bodies.toml): at
    # the end of a capitalised word, an abbreviation or an ending word.
    name_ending: regex.Pattern
    # Where a name ending that says what a body does opens the sentence after a name
    # (predicate_endings in bodies.toml), or a conjunction before a lower-case word, and a
    # name's first word of two syllables.
    predicate: regex.Pattern
    lower_join: regex.Pattern
    first_word: regex.Pattern
    wide_after: regex.Pattern
    # After a sector's body or a place body without its place: a dash and a capitalised
    # name ending go on the name ("Ban Pháp chế - Đối ngoại", "Văn phòng Đảng ủy - Đoàn
    # thể"). Read apart from the pattern: after the few bodies it follows, not in every try.
    dash_tail: regex.Pattern
    # After a unit's name read up to a comma: lower-case words that open no other body and
    # no place, up to the next stop ("Trung tâm Tiếp nhận, xử lý thông tin nghiệp vụ", "Cục
    # Đào tạo, bồi dưỡng cán bộ"); body_mentions.py keeps them when they end in a name ending.
    comma_tail: regex.Pattern
    # A line opening a list of recipients ("Kính gửi:", "Nơi nhận:"), and a line that is
    # an item of such a list ("- Sở Tài chính;").
    recipient_cue: regex.Pattern
    list_item: regex.Pattern
    # A one-word head that is the last word of a longer head, matched where the word before
    # it makes the longer one: "PHÒNG" in "VĂN PHÒNG THI HÀNH ÁN", "Cục" in "Tổng cục", when
    # the longer head read no body there, is no head of its own; nor is one after a word
    # it makes an ordinary word with (not_after: "BỐ CỤC", "Cổng TT").
    inner_head: regex.Pattern
    # A capitalised head's name: a place word that opens one is that body's (Ban Tuyên giáo
    # và Dân vận | Tỉnh ủy), not the place of the body before it.
    head_name: regex.Pattern
    # A title the first prefix of a mention belongs to (not_after in bodies.toml), searched
    # up to the mention's start, by the prefix's name.
    title_before: dict[str, regex.Pattern]

    def listed_name(self, written: str) -> str:
        """The listed unit name a written one reads as."""
        return self.unit_name_by_key[_listed_key(written, self.ampersand)]


_AMPERSAND = regex.compile(r"[ \t\n]*&[ \t\n]*")


def _listed_key(name: str, conjunction: str) -> str:
    """The key of a listed unit's name, alike written with "&" or with its conjunction."""
    return folded_key(_AMPERSAND.sub(f" {conjunction} ", name))


@patterns.per_file("bodies")
def grammar(name: str) -> Grammar:
    data = bodies(name)
    body_by_key: dict[str, Body] = {}
    abbreviation_keys: set[str] = set()
    by_takes: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for b in data.body:
        names, abbrs = by_takes[b.takes + ("+" if b.generic_names else "")]
        any_case, as_written = b.heads()
        names += any_case
        abbrs += as_written
        for written in (b.name, *b.variants, *b.abbreviations):
            body_by_key.setdefault(folded_key(written), b)
        abbreviation_keys.update(folded_key(a) for a in b.abbreviations)
    sector_by_key: dict[str, Sector] = {}
    for s in data.sector:
        for written in (s.name, *s.variants, *s.abbreviations):
            sector_by_key.setdefault(folded_key(written), s)
        abbreviation_keys.update(folded_key(a) for a in s.abbreviations)

    sectors = names_alternation([n for s in data.sector for n in (s.name, *s.variants)],
                           [a for s in data.sector for a in s.abbreviations])
    prefix = names_alternation([p.name for p in data.prefix], [a for p in data.prefix for a in p.abbreviations])
    # The place words of patterns/places.toml read after a body's head (UBND tỉnh, UBND TP.).
    level_table = [w for w in place_words().unit_word if w.after_body]
    level_words = [w.word for w in level_table]
    # Place words are matched in any case ("TỈNH GIA LAI", "Thành phố") except the
    # abbreviation TP, which is only ever capitals.
    level_alt = "(?:" + "|".join(
        spaced_phrase(w, ignore_case=not w.isupper() and not w.rstrip(".").isupper())
        for w in sorted(level_words, key=len, reverse=True)
    ) + r")(?![\p{L}\p{M}\d])"
    # Another body's head ends a name, when capitalised; words that are a body only with a
    # place after them (Thuế, Công an) are words of a name as well (Cục Thuế).
    naming = [b for b in data.body if not (b.takes == "place" and b.needs_qualifier)]
    heads = "(?=\\p{Lu})" + names_alternation([n for b in naming for n in b.heads()[0]] + [p.name for p in data.prefix],
                                        [a for b in naming for a in b.heads()[1]])
    head_names = "(?=\\p{Lu})" + names_alternation([n for b in naming for n in b.heads()[0]] + [p.name for p in data.prefix], [])
    # A body's regional unit (Kho bạc Nhà nước khu vực I, Kiểm toán Nhà nước Khu vực IX): the
    # region word with a Roman or Arabic number; capitalised, it is no place's name.
    region_word = "(?:" + "|".join(spaced_phrase(w, ignore_case=True) for w in data.regions) + ")"
    region = rf"(?P<region>{region_word}{_SP}(?:[IVXL]+|\d+)){_END}"
    place = (rf"(?P<place>(?P<level_word>{level_alt})(?:[ \t]+(?P<place_name>{_PLACE_NAME}))?"
             rf"|(?!{region_word}{_END})(?P<bare_name>{_PLACE_NAME}))")
    wide = "(?:" + "|".join(spaced_phrase(w, ignore_case=True) for w in data.level_wide) + ")" + _END
    opener = spaced_phrase(data.list_opener, ignore_case=True)
    words = programmes()
    national = "|".join(regex.escape(w) if w.isupper() else spaced_phrase(w, ignore_case=True) for w in words.national)
    # A programme body's work is a programme, or a subject, a zone or a number of its own
    # (Ban quản lý dự án, Ban Chỉ đạo thi, Ban Quản lý Khu kinh tế, Ban Chỉ đạo 751).
    subjects = "|".join([*(spaced_phrase(w, ignore_case=True) for w in data.programme_subjects),
                         *(spaced_phrase(w, ignore_case=False) for w in data.programme_zones)])
    programme = (rf"(?P<programme>(?:{opener}{_SP})?{spaced_phrase(words.word, ignore_case=True)}"
                 rf"(?:{_SP}(?:{national}))?|{subjects}|\d+(?![\d/.,-]\w)){_END}")
    conjunction = "|".join(regex.escape(w) for w in data.conjunctions)
    not_wide = rf"(?!{_SP}{wide})"
    # A unit name not in the sector list (see name_stops in bodies.toml): a capitalised
    # word, then words of either case up to where the name ends; "và" and a dash join a
    # capitalised word only (Hạ tầng và Thiết bị y tế, Kinh tế - Ngân sách). A header in
    # capitals (CỤC HẢI QUAN) names a unit in capitals, on one line.
    # A trie: tried before every word of a name, the stops one after another cost a
    # third of reading a unit's name.
    stops = trie([*data.name_stops, *data.titles], _SP, lambda w: f"(?i:{regex.escape(w)})")
    # A stop that ends a name ending is a word of it ("số" of "Chuyển đổi số", "Dân số"):
    # it stops no name when the ending ends with it (a lookbehind after the stop).
    one_word_stops = {w.lower() for w in data.name_stops if " " not in w}
    stop_endings = sorted(e for e in data.name_endings if " " in e and e.split()[-1] in one_word_stops)
    in_ending = ("(?<!(?<![\\p{L}\\p{M}])(?:" + "|".join(
        r"\s+".join(f"(?i:{regex.escape(w)})" for w in e.split()) for e in stop_endings) + "))") if stop_endings else ""
    not_place = "|".join(spaced_phrase(w, ignore_case=False) for w in data.not_places)
    surnames = "|".join(regex.escape(w) for w in data.surnames)
    # A family name opens a person's name only with a given name after it: "Hải Dương"
    # is a place, "Việt Nam Nguyễn Văn A" a body and a person.
    ends = (rf"(?!(?:{stops}){_END}{in_ending})(?!(?!(?:{not_place}){_END})(?:{level_alt}))"
            rf"(?!(?:{surnames}){_SP}\p{{Lu}})(?!{heads})")
    # A body that is one only with its place (Công an, Thuế) is another body when its place
    # word follows: "Phòng Quản lý xuất nhập cảnh | Công an tỉnh". Not tried on a name's
    # first word: "Cục Thuế tỉnh" is Cục Thuế of a province.
    qualified = [n for b in data.body if b.takes == "place" and b.needs_qualifier for n in b.heads()[0]]
    qualified_head = (rf"(?!(?=\p{{Lu}}){names_alternation(qualified, [])}{_SP}(?:{level_alt}))" if qualified else "")
    # The first word of a name: a capitalised syllable that is no ending alone (Thuế) and a
    # stop that makes one word with it (Tiếp nhận), or a capitalised word.
    alone = "|".join(regex.escape(w) for w in data.name_endings if " " not in w)
    two_syllables = rf"(?!(?i:{alone}){_END})\p{{Lu}}[\p{{Ll}}\p{{M}}]+"
    second = "|".join(spaced_phrase(w, ignore_case=True) for w in data.second_syllables)
    # A company's forms before its name open the name ("Công ty BOT TNHH Điện lực …"), as
    # no abbreviation or name in capitals of its own.
    forms = "|".join(regex.escape(w) for w in data.company_forms)
    # Before a word in capitals they open a name in capitals (CÔNG TY BOT TNHH ĐIỆN LỰC).
    forms_before = rf"(?:{forms})(?=(?:{_SP}(?:{forms}){_END})*{_SP}"
    company_lead = rf"{forms_before}\p{{Lu}}[\p{{Ll}}\p{{M}}]){_END}"
    company_lead_upper = rf"{forms_before}(?!{_ABBR})\p{{Lu}}[\p{{Lu}}\p{{M}}]+{_END}){_END}"
    first_word = rf"(?:{two_syllables}{_SP}(?:{second}){_END}|{_CAP}|{company_lead})"
    plurals = "|".join(regex.escape(w) for w in data.plurals)
    # A listed unit name is the unit's whole name, whatever follows it: a verb as often
    # as not ("Cục An toàn bức xạ và hạt nhân thẩm định").
    # A web copy that sets each line as a paragraph wraps a name over a blank line ("Quản
    # lý xử lý vi phạm hành" ⏎⏎ "chính"): a listed name, read whole, is read across one.
    paragraph_space = r"(?:[ \t]*\n(?:[ \t]*\n)?[ \t]*|[ \t]+)"
    # The regex engine sets up each repeat a pattern holds at every match it tries, read
    # or not: a spacing is three. A unit's name, the largest part of the pattern and read
    # after few heads, calls one spacing defined once instead (a call costs more to take
    # and nothing to hold), which makes a try three times cheaper.
    spacings = rf"(?(DEFINE)(?P<spacing>{_SP})(?P<paragraph_spacing>{paragraph_space}))"
    # A conjunction of a listed name is written "&" as often ("Khoa học công nghệ, môi
    # trường & Vật liệu xây dựng"): each reads as the other.
    joined = "(?:" + "|".join([*(f"(?i:{regex.escape(w)})" for w in data.conjunctions), "&"]) + ")"
    known_unit = rf"(?P<known_unit>{trie(data.unit_names, '(?&paragraph_spacing)', lambda w: joined if w in (*data.conjunctions, '&') else f'(?i:{regex.escape(w)})')}){_END}"

    lower_word = rf"(?!(?:{stops}){_END}{in_ending})(?!(?!(?:{not_place}){_END})(?:{level_alt})){_LOWER}"
    comma_tail = rf"[ \t]*,{_SP}(?P<words>{lower_word}(?:{_SP}{lower_word}){{0,7}}){_END}"

    def bodies_of(takes: str) -> str:
        names, abbrs = by_takes[takes]
        return names_alternation(names, abbrs)

    def body_pattern() -> regex.Pattern:
        name_word = rf"{ends}{qualified_head}(?:{_CAP}|{_LOWER}|{_ABBR})"
        # a dash may hang on the word before it ("Trung tâm Thông tin- CB"); "và" joins words
        # in lower case too ("Cục Trang bị và kho vận"), which _name_end in body_mentions.py
        # cuts off after words that end a name ("Trung tâm Phục vụ hành chính công | và công
        # chức chuyên môn")
        joiner = (rf"(?:(?:{_SP}(?:{conjunction}|-|–|&)|[-–]){_SP}(?=\p{{Lu}}){ends}"
                  rf"|{_SP}(?:{conjunction}){_SP}(?=\p{{Ll}}))")
        # Emphasis closed and reopened between the words of a name ("Trung tâm Phục vụ* *hành
        # chính công", a web copy's italics) spaces them as a space does.
        emphasis_space = r"[ \t]*\*+[ \t]+\*+[ \t]*"
        generic_name = rf"{ends}{first_word}(?:(?:{joiner}|{_SP}|{emphasis_space}){name_word}){{0,9}}{_END}"
        # An abbreviated name of several words (Trung tâm PV HCC), or a list of such words
        # closed by a conjunction or an ampersand (Trung tâm TT, DL và CNS; Cục KTVB và QLXL
        # VPHC; Cục XB, I &PH; Trung tâm TT, DL&CNS): a list left open ("Phòng TC, KH") is a
        # list of bodies. An item of a closed list may be one letter (I for In).
        abbreviations = rf"{ends}{_ABBR}(?:[ \t]+{ends}{_ABBR})*"
        item = rf"{ends}(?:{_ABBR}|[A-ZĐ](?![\p{{L}}\p{{M}}\d&]))"
        # (a conjunction typed twice, "Cục KTVB và và QLXLVPHC", still closes it)
        closed = (rf"(?:,[ \t]*{item})*(?:(?:[ \t]+(?:{conjunction})){{1,2}}[ \t]+|[ \t]*&[ \t]*){abbreviations}"
                  rf"|(?:,[ \t]*{abbreviations})*,[ \t]*(?=[A-ZĐ\d]*&){_ABBR}")
        # not a head's name in capitals ("TRƯỞNG BAN BAN CHÍNH SÁCH")
        abbreviated_name = rf"(?!{head_names}){_ABBR}(?P<abbr_tail>(?:[ \t]+{abbreviations})?(?:{closed})?)"
        upper_name = (rf"{ends}{_UPPER_WORD}{_END}(?:[ \t]+{ends}(?:(?i:{conjunction})[ \t]+{ends})?{_UPPER_WORD}{_END}){{0,5}}")
        # an abbreviation ending a head in ordinary case typed twice ("Công ty TNHH TNHH
        # Sunny Automotive Vina"); in a line of capitals a word written twice is a title's
        # and the body's ("TRƯỞNG BAN BAN CHÍNH SÁCH")
        doubled = r"(?:(?<=\p{Ll}[ \t](?P<head_word>\p{Lu}{2,}))[ \t]+(?P=head_word)(?![\p{L}\p{M}]))?"
        unit = (rf"(?P<unit>{known_unit}|{sectors}|(?!{company_lead}|{company_lead_upper}){abbreviated_name}|(?!{company_lead})(?P<upper_unit>{upper_name})"
                rf"|(?P<generic_unit>{generic_name}))").replace(_SP, "(?&spacing)")
        return regex.compile(
            # Every body starts with a capital: checking that first keeps the scan fast. Not
            # inside a number/symbol (64/KH-UBND) nor after a plural word.
            rf"(?=\p{{Lu}}){_START}(?<![-/&])(?<!(?i:{plurals}){_SP})"
            rf"(?P<prefixes>(?:{prefix}{_SP}){{0,2}})"
            r"(?:"
            # Single bodies first: their names are whole (Tòa án nhân dân tối cao, not the
            # place body Tòa án nhân dân).
            rf"(?P<single_body>{bodies_of('none')})"
            rf"|(?P<place_body>{bodies_of('place')})(?:{_SP}{place}|{_BOLD_BREAK}(?={level_alt}){place})?{not_wide}"
            rf"|(?P<programme_body>{bodies_of('programme')})(?:{_SP}{programme})?(?:{_SP}{place})?{not_wide}"
            rf"|(?P<sector_body>{bodies_of('sector')}){_SP}(?P<sector>{sectors})(?:{_SP}{place})?"
            rf"|(?P<named_body>{bodies_of('sector+')}){doubled}{_SP}{unit}"
            rf"(?:{_SP}{place})?"
            rf")(?:{_SP}{region})?" + spacings
        )

    pattern = body_pattern()
    all_heads = [n for b in data.body for n in (b.name, *b.variants)] + [p.name for p in data.prefix]
    one_word = {h.lower() for h in all_heads if len(h.split()) == 1}
    befores: dict[str, set[str]] = defaultdict(set)
    for words in (h.split() for h in all_heads):
        if len(words) > 1 and words[-1].lower() in one_word:
            befores[words[-1].lower()].add(words[-2].lower())
    # and the ordinary words a one-word head or abbreviation ends (BỐ CỤC, Cổng TT)
    for b in data.body:
        for h in (b.name, *b.variants, *b.abbreviations):
            if " " not in h and b.not_after:
                befores[h.lower()].update(w.lower() for w in b.not_after)
    # the head word first: a candidate that opens no such word fails at its first letter
    inner_head = "|".join(
        rf"(?i:{regex.escape(w)}){_END}(?<=(?<![\p{{L}}\p{{M}}])(?i:{'|'.join(map(regex.escape, sorted(bs)))})[ \t]+(?i:{regex.escape(w)}))"
        for w, bs in sorted(befores.items()))
    # "các Bộ, cơ quan: Nội vụ, Tư pháp", "các Sở: Tài chính, Tư pháp", "các ngành
    # NN&PTNT, TC-KH": the items after a plural head name bodies of their own.
    list_sep = rf"(?:[ \t]*[,;][ \t]*\n?[ \t]*|{_SP}(?i:{conjunction}){_SP})"
    first = data.list_opener[0]
    plural = rf"(?=[{first}{first.upper()}]){_START}{opener}{_SP}"
    enumeration_heads = "|".join(regex.escape(w) for w in data.list_heads)
    companions = "|".join(spaced_phrase(w, ignore_case=True) for w in data.list_companions)
    enumeration_item = rf"(?=\p{{Lu}})(?:{sectors}|{_ABBR})"
    enumeration = regex.compile(
        rf"{plural}(?P<head>(?i:{enumeration_heads}))"
        rf"(?:,{_SP}(?:{companions}))?[ \t]*:?{_SP}"
        # items open with a capital ("các bộ, cơ quan xây dựng kế hoạch" lists nothing); an
        # abbreviation the sectors do not know (DTTG) is passed over, not the list's end
        rf"(?P<items>{enumeration_item}(?:{list_sep}{enumeration_item})*)"
    )
    # "Các VP: Thành ủy; ĐĐBQH&HĐND TP; UBND TP", "- Văn phòng: Tỉnh ủy, UBND tỉnh" (a
    # list item): the offices of each body listed.
    office, = (p for p in data.prefix if p.office)
    office_heads = [*office.abbreviations, office.name]
    office_list = regex.compile(
        rf"(?:{plural}|-[ \t]*)(?P<head>{'|'.join(spaced_phrase(h, ignore_case=False) for h in office_heads)})"
        r"[ \t]*:[ \t]*(?P<items>[^\n]+)"
    )
    group_names = tuple(sorted(pattern.groupindex, key=pattern.groupindex.get))
    assert len(group_names) == pattern.groups, "every group of the body pattern is named"
    return Grammar(
        pattern=pattern,
        group_names=group_names,
        group_number=dict(pattern.groupindex),
        enumeration=enumeration,
        office_list=office_list,
        enumeration_gate=Prefiltered(enumeration, starts=(data.list_opener,), then=tuple(data.list_heads)),
        office_list_gate=Prefiltered(office_list, starts=(data.list_opener, "-"), then=tuple(office_heads)),
        office=office.name,
        list_head_bodies=frozenset(body_by_key[folded_key(h)].name for h in data.list_heads
                                   if folded_key(h) in body_by_key),
        level_in_name=frozenset(b.name for b in data.body if b.level_in_name),
        not_before={b.name: frozenset(w.lower() for w in b.not_before) for b in data.body if b.not_before},
        level_list=regex.compile(rf"[ \t]*(?:,|/|{_SP}(?i:{conjunction})){_SP}?(?:{level_alt})"),
        wide_after=regex.compile(rf"{_SP}{wide}"),
        dash_tail=regex.compile(
            r"[ \t]*[-–][ \t]*(?=\p{Lu})(?:" + trie(data.name_endings, _SP, lambda w: f"(?i:{regex.escape(w)})")
            + rf"){_END}"),
        comma_tail=regex.compile(comma_tail),
        # The endings as a trie: tried at every character of a name, a list of phrases
        # one after another cost more than the rest of a name's reading.
        name_ending=regex.compile(
            r"(?:" + trie(data.name_endings, _SP, lambda w: f"(?i:{regex.escape(w)})")
            + rf"|(?<![\p{{L}}\p{{M}}])\p{{Lu}}[\p{{L}}\p{{M}}\d&]*){_END}"),
        predicate=regex.compile(
            r"(?<![\p{L}\p{M}])(?:" + trie(data.predicate_endings, _SP, lambda w: f"(?i:{regex.escape(w)})")
            + rf"){_END}"),
        lower_join=regex.compile(rf"[ \t\n]+(?:{conjunction})[ \t\n]+(?=\p{{Ll}})"),
        first_word=regex.compile(two_syllables + r"[ \t\n]+(\p{Ll}[\p{Ll}\p{M}]*)" + _END),
        recipient_cue=regex.compile(
            r"(?m)^[ \t|*_>]*(?:" + "|".join(spaced_phrase(c, ignore_case=True) for c in data.recipient_cues)
            + r")[ \t*_]*:"),
        list_item=regex.compile(r"[ \t|*_]*[-–+•]"),
        inner_head=regex.compile(inner_head),
        head_name=regex.compile(head_names),
        title_before={p.name: regex.compile(
            r"(?:" + "|".join(spaced_phrase(w, ignore_case=True) for w in p.not_after) + r")[ \t]*\Z")
            for p in data.prefix if p.not_after},
        sector_item=regex.compile(_START + sectors),
        body_by_key=body_by_key,
        sector_by_key=sector_by_key,
        unit_name_by_key={_listed_key(n, data.conjunctions[0]): n for n in data.unit_names},
        ampersand=data.conjunctions[0],
        abbreviation_keys=frozenset(abbreviation_keys),
        level_by_key={folded_key(w.word): w.level for w in level_table},
        unit_type_by_key={folded_key(w.word): w.unit_type for w in level_table},
        central_city_keys=frozenset(folded_key(c) for c in data.central_cities),
        prefix_item=regex.compile(prefix),
        # The full pattern is costly to try; it is tried only where a prefix or a body can
        # start.
        start=mention_start(
            [n for b in data.body for n in b.heads()[0]] + [p.name for p in data.prefix],
            [a for b in data.body for a in b.heads()[1]] + [a for p in data.prefix for a in p.abbreviations],
        ),
        prefix_by_key={folded_key(w): p.name for p in data.prefix for w in (p.name, *p.abbreviations)},
    )


register("organizations.enumeration", lambda: grammar().enumeration_gate)
register("organizations.office_list", lambda: grammar().office_list_gate)
