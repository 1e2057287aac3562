"""Organisation mentions, every place a text names a body: a body's head word or
abbreviation with what qualifies it.

The words come from patterns/bodies.toml; body_grammar.py assembles them into one regex:

    [prefix …] body [qualifier]
      prefix     Thường trực, TT, Ban Thường vụ, Văn phòng …      (TT Huyện ủy)
      body       place bodies (UBND, Tỉnh ủy …) + [place]         (UBND tỉnh Lạng Sơn)
                 programme bodies (BCĐ, BQL) + [các Chương trình MTQG] + [place]
                 sector bodies (Sở, Bộ, Phòng, Cục …) + sector or name + [place]
                 single bodies (Chính phủ, Quốc hội …)

plus lists after a plural head ("các Bộ: Nội vụ, Tư pháp") whose items are bodies of
their own. Plurals ("các sở, ban, ngành") and level-wide sets ("UBND cấp xã", "UBND các
huyện") are not bodies. Every occurrence is a mention; organizations.py makes one
Organization of the mentions of each body, named by the fullest form the document gives it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..place_words import city_type
from ..text.fold import folded_key
from .body_grammar import Grammar, grammar
from .body_words import Body, Level
from .gazetteer import gazetteer, name_key


# ----------------------------------------------------------------- mentions
@dataclass
class Found:
    start: int
    end: int
    text: str          # the span, spacing collapsed
    prefix: str        # folded prefixes ("thuong truc")
    body: str          # the body's full name
    sector: str        # folded sector or unit name, "" when none
    level_word: str    # folded place word, "" when none
    place_name: str    # folded proper name of the place, "" when none
    abbreviation: str | None
    level: Level | None
    sector_name: str = ""   # the sector's full name, or the unit's name as written
    place_written: str = "" # the place's proper name as written, spacing collapsed
    listed_under: str = ""  # the office prefix for an item of "Các VP: …"
    list_item: bool = False # an item of a list after a plural head ("Nội vụ" after "các Bộ:")


def _collapse(text: str) -> str:
    # emphasis marks inside a name (`**` of a name over two bold lines, `* *` of italics
    # closed and reopened) are not part of it
    return " ".join(text.replace("*", " ").split())


def _undoubled(name: str) -> str:
    """A name without a word typed twice in a row ("Công ty TNHH TNHH Sunny", "Cục KTVB và
    và QLXLVPHC"): the body's name has it once."""
    words = name.split(" ")
    return " ".join(w for i, w in enumerate(words) if i == 0 or w != words[i - 1])


def _level(g: Grammar, body: Body, level_word: str, place_name: str, written_level: str) -> Level | None:
    if not level_word:
        return body.level
    if g.unit_type_by_key.get(level_word) == city_type():
        # Capital-T "Thành phố" alone is how a central city's documents name themselves.
        if place_name in g.central_city_keys or (not place_name and written_level[:1] == "T"):
            return "province"
    return g.level_by_key.get(level_word, body.level)


def find(text: str) -> list[Found]:
    g = grammar()
    found: list[Found] = []
    # the groups that call for a dash tail
    sector, place_body, place, unit, generic = (
        g.group_number[n] for n in ("sector", "place_body", "place", "unit", "generic_unit"))
    pos = 0
    while (candidate := g.start.search(text, pos)) is not None:
        start = candidate.start()
        # a candidate that reads no body is passed over before any cut is looked for
        m = g.pattern.match(text, start)
        if m is not None:
            m = _headless(g, text, _placed(g, text, _ended(g, text, m)))
        if (m is None or not m.group()[:1].isupper() or _level_set(g, text, m)
                or g.inner_head.match(text, start) or _title_prefix(g, text, m)):
            pos = start + 1
            continue
        end, tail, groups = m.end(), "", m.groups()
        # a sector read as a unit's name (Ban Pháp chế) takes the tail as a sector does
        if (groups[sector - 1] or groups[place_body - 1] and not groups[place - 1]
                or groups[unit - 1] and folded_key(groups[unit - 1]) in g.sector_by_key):
            dash = g.dash_tail.match(text, end)
            if dash is not None:
                end, tail = dash.end(), dash.group()
        elif groups[generic - 1] and m.end(generic) == end:
            tail = _comma_tail(g, text, end)
            end += len(tail)
        pos = end  # mentions do not overlap: the next is looked for after this one
        described = _described(m.group() + tail, groups, tail)
        if described is not None:
            found.append(Found(m.start(), end, *described))
    taken = [(f.start, f.end) for f in found]
    for m in g.enumeration_gate.finditer(text):
        head = m.group("head")
        body = g.body_by_key.get(folded_key(head))
        for item in g.sector_item.finditer(text, m.start("items"), m.end("items")):
            if any(s <= item.start() < e for s, e in taken):
                continue
            sector = g.sector_by_key.get(folded_key(item.group()))
            written = _collapse(item.group())
            found.append(Found(
                start=item.start(), end=item.end(), text=written, prefix="",
                body=body.name if body else "", sector=folded_key(sector.name) if sector else folded_key(written),
                level_word="", place_name="",
                abbreviation=written if folded_key(written) in g.abbreviation_keys else None,
                level=body.level if body else None,
                sector_name=sector.name if sector else written, list_item=True,
            ))
    for m in g.office_list_gate.finditer(text):
        found = _office_items(text, m, found, g.office)
    found.sort(key=lambda f: f.start)
    return found


def _comma_tail(g: Grammar, text: str, end: int) -> str:
    """The words after a comma that go on a unit's name read up to it: lower-case words
    ending in a name ending, which says no more what the body does than it names a body or
    a place of its own ("Trung tâm Tiếp nhận, xử lý thông tin nghiệp vụ"); "" when none."""
    m = g.comma_tail.match(text, end)
    if m is None:
        return ""
    words = m.group("words")
    # its first word opens no body's head, in any case: "Trung tâm X, phòng Y" names two
    # (after it, a head in lower case is a word: "bồi dưỡng cán bộ")
    capitalised = words[:1].upper() + words[1:]
    head = g.start.match(capitalised)
    if head is not None and not capitalised[head.end():head.end() + 1].isalnum():
        return ""
    if g.predicate.match(words) or not any(
            e.end() == len(words) and (e.start() == 0 or words[e.start() - 1].isspace())
            for e in g.name_ending.finditer(words, overlapped=True)):
        return ""
    return m.group()


def _title_prefix(g: Grammar, text: str, m: regex.Match) -> bool:
    """Whether the mention's first prefix belongs to a title before it ("Phó Thủ tướng
    Thường trực Chính phủ"): the body after the prefix is then looked for on its own."""
    prefixes = m.group(g.group_number["prefixes"])
    if not prefixes:
        return False
    first = g.prefix_item.match(prefixes)
    title = first and g.title_before.get(g.prefix_by_key.get(folded_key(first.group()), ""))
    return bool(title) and title.search(text, max(0, m.start() - 40), m.start()) is not None


def _placed(g: Grammar, text: str, m: regex.Match | None) -> regex.Match | None:
    """The match with its place cut to the place the gazetteer knows: "Bộ Xây dựng Trần
    Hồng Minh" names a minister after the body, "Thuế thành phố Hồ Chí Minh Cục" runs into
    the next line, "UBND TỈNH VÀ SỞ CÔNG THƯƠNG" into the next body. A name after a place
    word that the gazetteer does not know is kept when written in ordinary case (a commune
    named since the gazetteer's date, as communes were in 2025) and dropped when in capitals
    (a title line) or after a province's or a district's word, whose units the gazetteer
    all knows ("Chủ tịch UBND tỉnh Trần Duy Đông" names the chairman)."""
    if not gazetteer().available:
        return m
    place_name, bare_name = g.group_number["place_name"], g.group_number["bare_name"]
    for _ in range(3):
        if m is None:
            return m
        name_group = place_name if m.group(place_name) else bare_name if m.group(bare_name) else None
        if name_group is None:
            return m
        words = m.group(name_group).split()
        bare = name_group == bare_name
        known = next((k for k in range(len(words), 0, -1) if _is_place(" ".join(words[:k]), bare)), 0)
        if known == len(words):
            return m
        if known:
            cut = _word_end(text, m.start(name_group), known)
        elif (name_group == place_name and not any(w.isupper() and len(w) > 1 for w in words)
              and g.level_by_key.get(folded_key(m.group(g.group_number["level_word"]))) == "commune"):
            return m
        else:
            cut = m.end(g.group_number["level_word"]) if name_group == place_name else m.start(g.group_number["place"])
        m = g.pattern.match(text, m.start(), len(text[:cut].rstrip(" \t\n*")))
    return m


def _headless(g: Grammar, text: str, m: regex.Match | None) -> regex.Match | None:
    """The match without a place word that opens another body's head ("Ban Tuyên giáo và
    Dân vận Tỉnh ủy" is the board, then Tỉnh ủy)."""
    if m is None or not m.group(g.group_number["level_word"]):
        return m
    place = m.start(g.group_number["place"])
    if not g.head_name.match(text, place):
        return m
    return g.pattern.match(text, m.start(), len(text[:place].rstrip(" \t\n*")))


def _ended(g: Grammar, text: str, m: regex.Match | None) -> regex.Match | None:
    """The match with a unit name read up to a stop cut back to where a name can end: a
    capitalised word or a name ending ("Cục Hải quan trả lời" is "Cục Hải quan")."""
    if m is None:
        return m
    unit_name = m.group(g.group_number["generic_unit"])
    if not unit_name:
        return m
    start, end = m.span(g.group_number["generic_unit"])
    last = _name_end(unit_name)
    if last is None or start + last >= end:
        return m
    return g.pattern.match(text, m.start(), start + last)


@lru_cache(maxsize=4096)
def _name_end(name: str) -> int | None:
    """The last place in a unit's name where a name ending or a capitalised word ends,
    None when none does. The name is read after a space, which is no letter, as its
    string's start is not: it is scanned alone, and the same names recur.

    An ending that says what a body does, right after another ending, opens the sentence
    ("Hóa chất | thẩm định, phê duyệt"), and so does "và" before a lower-case word right
    after one ("hành chính công | và công chức"): the name ends before it. A name never ends inside
    its first word: a capitalised syllable and a lower-case one after it that opens no
    ending are one word ("Trang bị", "Tiếp nhận")."""
    g = grammar()
    ends = [e.end() for e in g.name_ending.finditer(name, overlapped=True)]
    opens = sorted([*((p.start(), True) for p in g.predicate.finditer(name)),
                    *((j.start(), False) for j in g.lower_join.finditer(name))])
    for at, spaced in opens:
        if any(e < at and not name[e:at].strip() for e in ends) if spaced else at in ends:
            ends = [e for e in ends if e <= at]
            break
    last = max(ends, default=None)
    first = g.first_word.match(name)
    if (last is not None and first is not None and last < first.end()
            and not g.name_ending.match(name, first.start(1))):
        return first.end()
    return last


def _word_end(text: str, start: int, count: int) -> int:
    for w in regex.finditer(r"\S+", text, pos=start):
        count -= 1
        if not count:
            return w.end()
    return len(text)


@lru_cache(maxsize=4096)
def _is_place(name: str, bare: bool = False) -> bool:
    """Whether the gazetteer knows a unit of this name. One word without a place word
    before it ("Sở Y tế Bộ") is a place only when a province or district is named so; a
    folded name matches only when of two words or more ("Bộ" folds to a commune's)."""
    g = gazetteer()
    key, folded = name_key(name), folded_key(name)
    several = " " in key
    levels = ("province", "district") if bare and not several else ("province", "district", "commune")
    return any((level, key) in g.exact or several and (level, folded) in g.folded for level in levels)


def _level_set(g: Grammar, text: str, m: regex.Match) -> bool:
    """A place word without a name followed by another ("UBND xã, phường") is a set of
    levels, not one body; so is a body followed by a level-wide word ("UBND CẤP XÃ"),
    which the pattern checks itself unless the place after it was cut."""
    n = g.group_number
    if m.group(n["level_word"]) and not m.group(n["place_name"]) and g.level_list.match(text, m.end()):
        return True
    return not m.group(n["place"]) and bool(g.wide_after.match(text, m.end()))


@lru_cache(maxsize=4096)
def _described(written: str, groups: tuple[str | None, ...], tail: str = "") -> tuple | None:
    """The fields of a Found after its offsets, from the text and the groups of a body
    pattern match and the dash tail read after it; None when the match is no body. Cached: the same bodies are named
    over and over, in one document and across documents."""
    g = grammar()
    # The named groups in one tuple: groupdict() and group(name) look each name up
    # anew, several times slower on a pattern this size.
    d = dict(zip(g.group_names, groups))
    head = d["place_body"] or d["programme_body"] or d["single_body"] or d["sector_body"] or d["named_body"]
    body = g.body_by_key.get(folded_key(head))
    if body is None:
        return None
    prefixes = [g.prefix_by_key.get(folded_key(p), folded_key(p)) for p in g.prefix_item.findall(d["prefixes"] or "")]
    # "Văn phòng" + "Chính phủ" is the body Văn phòng Chính phủ, not a part of Chính phủ.
    whole = g.body_by_key.get(folded_key(" ".join([*prefixes, body.name]))) if prefixes else None
    if whole is not None:
        body, prefixes = whole, []
    # "TT Phú Thông" is a thị trấn: an abbreviated head before a place's name is no body.
    if d["named_body"] and folded_key(head) in g.abbreviation_keys and _is_place(_collapse(d["unit"])):
        return None
    unit_text = (d["sector"] or d["unit"] or "") + tail
    # a regional unit (khu vực I) goes on the body's name as a unit of it
    sector_text = " ".join(x for x in (unit_text, d["region"]) if x)
    # A head in capitals (a header or a signature line) names a unit in capitals: "TRƯỞNG
    # BAN" ⏎ "Mạnh Thị Tuyết Mai" is a title over a person's name.
    if d["generic_unit"] and head.isupper() and folded_key(head) not in g.abbreviation_keys:
        return None
    if body.listed_names and (d["generic_unit"] or d["upper_unit"]):
        return None
    # "PHÒNG NGỪA SỰ CỐ": the head is a verb or a room here, not a body.
    stop_words = g.not_before.get(body.name)
    if stop_words and any(_collapse(sector_text).lower() == w or _collapse(sector_text).lower().startswith(w + " ")
                          for w in stop_words):
        return None
    if body.needs_qualifier and not (d["place"] or sector_text or d["programme"]):
        return None
    level_word = folded_key(d["level_word"] or "")
    place_name = folded_key(d["place_name"] or d["bare_name"] or "")
    sector = g.sector_by_key.get(folded_key(sector_text))
    abbreviation = None
    if folded_key(head) in g.abbreviation_keys:
        abbreviation = _collapse(head)
    elif sector_text and folded_key(sector_text) in g.abbreviation_keys:
        abbreviation = _collapse(sector_text)
    return (_undoubled(_collapse(written)), " ".join(prefixes), body.name,
            folded_key(sector.name) if sector else folded_key(sector_text), level_word, place_name, abbreviation,
            _level(g, body, level_word, place_name, d["level_word"] or ""),
            # a unit named in capitals (CỤC THUẾ) is written in its canonical form as a
            # sentence (Cục Thuế)
            sector.name if sector else " ".join(x for x in (
                g.listed_name(unit_text) if d["known_unit"]
                else _collapse(unit_text).capitalize() if d["upper_unit"] else _undoubled(_collapse(unit_text)),
                _collapse(d["region"] or "")) if x),
            _collapse(d["place_name"] or d["bare_name"] or ""))


def _office_items(text: str, m: regex.Match, found: list[Found], office: str) -> list[Found]:
    """Each item of "Các VP: Thành ủy; ĐĐBQH&HĐND TP; UBND TP" is the office of a body:
    the body found there gets the office as its standing organ; an item no body pattern
    knows (ĐĐBQH&HĐND TP) is kept as written."""
    items_start, items_end = m.span("items")
    raw = text[items_start:items_end]
    by_start = {f.start: f for f in found if items_start <= f.start < items_end}
    kept = [f for f in found if not items_start <= f.start < items_end]
    offset = items_start
    for part in regex.split("[;,]", raw):
        lead = len(part) - len(part.lstrip())
        written = part.strip().rstrip(".;,")
        start = offset + lead
        offset += len(part) + 1
        if not written or not written[:1].isupper() or len(written.split()) > 6:
            continue
        inner = by_start.get(start)
        if inner is not None and inner.end >= start + len(written):
            inner.listed_under = office
            inner.prefix = " ".join(x for x in (inner.prefix, office) if x)
            kept.append(inner)
        else:
            kept.append(Found(
                start=start, end=start + len(written), text=_collapse(written), prefix=office,
                body=_collapse(written), sector="", level_word="", place_name="", abbreviation=None,
                level=None, listed_under=office,
            ))
    return kept
