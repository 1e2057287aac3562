"""One Organization per body a text names: the mentions body_mentions.py finds, grouped by
body under the fullest form the document gives it, with its canonical name, place, level
and role (the document's issuer, or a recipient under Kính gửi or Nơi nhận).
"""
from __future__ import annotations

from collections import defaultdict

from ..models import Header, Organization
from ..place_words import city_type, level_of_type
from ..text.fold import folded_key
from .own_units import document_units
from .recipients import recipient_lists
from .body_grammar import grammar
from .body_mentions import Found, find
from .gazetteer import province_unit
from .name_match import expanded


# ----------------------------------------------------------------- one row per body
def _identity(f: Found) -> tuple[str, str, str]:
    return f.prefix, f.body, f.sector


def fullest_names(found: list[Found]) -> list[str]:
    """For each mention, the fullest form the document gives the same body.

    Mentions of one body share prefix, body and sector. Under one place word, a mention
    without a place name ("UBND tỉnh") is the named one when the document names exactly
    one ("UBND tỉnh Lạng Sơn"); a bare head ("BCĐ") is the one qualified form when there is
    only one (a place word alone counting as the place it names, where the document names
    one). Among the forms of one body the longest is the fullest (full words are
    longer than their abbreviations)."""
    # The longest text of each (identity, level word, place name): the first of that
    # length, as max() keeps it. Computed once: a body may be named hundreds of times.
    longest: dict[tuple, str] = {}
    for f in found:
        k = (*_identity(f), f.level_word, f.place_name)
        if k not in longest or len(f.text) > len(longest[k]):
            longest[k] = f.text
    places: dict[tuple, set[tuple[str, str]]] = defaultdict(set)
    for ident_level_place in longest:
        *ident, level_word, place_name = ident_level_place
        places[tuple(ident)].add((level_word, place_name))

    # The fullest name of each (identity, level word, place name), not of each mention.
    fullest: dict[tuple, str] = {}
    for k in longest:
        *ident, level_word, place_name = k
        ident = tuple(ident)
        target = k
        if not place_name:
            if level_word:
                same_level = {p for p in places[ident] if p[0] == level_word and p[1]}
            else:
                # A place word without a name ("UBND tỉnh") is the named place of that
                # word when there is one ("UBND tỉnh Gia Lai"): it is no other place.
                named_words = {p[0] for p in places[ident] if p[1]}
                same_level = {p for p in places[ident] if p != ("", "") and (p[1] or p[0] not in named_words)}
            if len(same_level) == 1:
                target = (*ident, *next(iter(same_level)))
        fullest[k] = longest[target]
    return [fullest[(*_identity(f), f.level_word, f.place_name)] for f in found]


def _proper(name: str) -> str:
    # Header lines write names in capitals (GIA LAI): the canonical form is capitalised.
    return " ".join(w[:1] + w[1:].lower() if w.isupper() else w for w in name.split())


def _place_of(f: Found, own: dict[str, str]) -> str | None:
    """The place a body serves, written "<unit word> <Name>". A unit word without a name
    ("UBND tỉnh") is the document's own unit of that level when the document makes it
    known (its issuer, or the province it names first)."""
    word = grammar().unit_type_by_key.get(f.level_word, "")
    if f.place_written:
        name = _proper(f.place_written)
        if not word:
            # "Sở LĐ-TB&XH Lạng Sơn", "Tỉnh ủy Lạng Sơn": a bare name after a provincial
            # body is a province when the gazetteer has one of that name.
            unit = province_unit(name) if f.level == "province" else None
            return f"{unit.unit_type} {unit.name}" if unit else name
        return f"{word} {name}"
    if word:
        if word == city_type() and f.level == "province":
            return own.get("province") if own.get("province", "").startswith(city_type()) else None
        return own.get(level_of_type().get(word, ""))
    if f.level in ("province", "district", "commune"):
        return own.get(f.level)
    return None


def _canonical(f: Found, place: str | None) -> str:
    parts = [p for p in (f.prefix, f.body, f.sector_name) if p]
    if place and not f.level == "central":
        # Party committees carry their level in their name: "Tỉnh ủy Lạng Sơn".
        if f.body in grammar().level_in_name:
            place = next((place[len(w) + 1:] for w in level_of_type() if place.startswith(w + " ")), place)
        parts.append(place)
    return " ".join(parts)


def organizations(text: str, header: Header | None = None) -> list[Organization]:
    """One Organization per distinct body, at the first place the document writes its
    fullest form (the gold counts bodies, not occurrences), with how often it is named."""
    found = find(text)
    own = document_units(text, header)
    lists = recipient_lists(text)
    by_name: dict[str, list[tuple[Found, str]]] = defaultdict(list)
    for f, name in zip(found, fullest_names(found)):
        by_name[_enumerated_name(f, name)].append((f, name))
    issuer = expanded(header.issuer) if header and header.issuer else None
    # a body the gazetteer knows under several names (Ngân hàng Nhà nước [Việt Nam])
    issuer_body = grammar().body_by_key.get(folded_key(header.issuer)) if issuer else None
    out = []
    for name, group in by_name.items():
        f = next((f for f, fullest in group if f.text == fullest), group[0][0])
        place = _place_of(f, own)
        canonical = _canonical(f, place)
        # The document's own issuer is its author, wherever else it is named: its Nơi
        # nhận often lists it too ("- Lãnh đạo Bộ Quốc phòng;", "Website của Cục Thuế").
        if issuer and (issuer in (expanded(name), expanded(canonical), expanded(_canonical(f, None)))
                       or issuer_body is not None and f.body == issuer_body.name and not (f.sector or f.prefix)):
            role = "issuer"
        elif any(s <= g.start < e for g, _ in group for s, e in lists):
            role = "recipient"
        else:
            role = None
        out.append(Organization(
            text=f.text, start=f.start, end=f.end, name=name,
            abbreviation=f.abbreviation, level=f.level, occurrences=len(group),
            canonical=canonical, place=place, role=role,
        ))
    out.sort(key=lambda o: o.start)
    return out


def _enumerated_name(f: Found, name: str) -> str:
    if f.listed_under and not _opens_with(name, f.listed_under):
        return f"{f.listed_under} {name}"
    # A list item ("Nội vụ" after "các Bộ:") is named with its head ("Bộ Nội vụ"); a
    # name that has it already, in capitals too ("BỘ NỘI VỤ"), is not named twice, nor is
    # a mention that is no list item ("Văn phòng Sở Tư pháp").
    if f.list_item and f.body in grammar().list_head_bodies and not _opens_with(name, f.body):
        return f"{f.body} {name}"
    return name


def _opens_with(name: str, head: str) -> bool:
    if name.startswith(head):
        return True
    words = head.split()
    return folded_key(" ".join(name.split()[:len(words)])) == folded_key(head)
