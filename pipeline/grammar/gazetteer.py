"""The pre-2025 gazetteer (63 provinces, province / district / commune), indexed by exact
and by folded name, for places.py.

It is the data bundled with the `vietnamadminunits` package, read straight from its files:
importing the package would import geopy and shapely for its converter, which we never
call (it may go to the network). The 2025 successor of a commune or province comes from
the same package's offline crosswalk.
"""
from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import regex

from ..normalize import normalize_text
from ..place_words import unit_type_of
from ..text.fold import folded_key


@dataclass(frozen=True)
class Unit:
    name: str          # short name, normalised: "Phủ Thông"
    unit_type: str     # a unit type of patterns/places.toml
    level: str         # province, district, commune
    code: str
    province: str
    district: str | None
    successor: str | None


@dataclass
class Gazetteer:
    exact: dict[tuple[str, str], list[Unit]] = field(default_factory=lambda: defaultdict(list))
    folded: dict[tuple[str, str], list[Unit]] = field(default_factory=lambda: defaultdict(list))
    available: bool = False

    def add(self, unit: Unit) -> None:
        self.exact[(unit.level, name_key(unit.name))].append(unit)
        self.folded[(unit.level, folded_key(unit.name))].append(unit)


def name_key(name: str) -> str:
    return " ".join(name.lower().split())


def data_dir() -> Path | None:
    """The package's data folder, found without importing the package."""
    spec = find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data"
    return path if (path / "dataset.db").is_file() else None


_OLD_TONE = regex.compile(r"(?i:o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ])")


def _normal(name: str) -> str:
    # The gazetteer writes some names with the old tone placement (Hoà); the text has been
    # rewritten to the new one (Hòa) before extraction.
    return normalize_text(name) if name and _OLD_TONE.search(name) else name


def _successors(directory: Path, new_names: dict[tuple[str, str], str],
                new_provinces: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Old province key -> new province name; 'province_district_ward' key -> new ward."""
    crosswalk = json.loads((directory / "converter_2025.json").read_text(encoding="utf-8"))
    province: dict[str, str] = {}
    for new_key, old_keys in crosswalk["DICT_PROVINCE"].items():
        for old in old_keys:
            province[old] = new_provinces.get(new_key, "")
    ward: dict[str, str] = {}
    for new_province, wards in crosswalk["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, old_keys in wards.items():
            for old in old_keys:
                ward[old] = f"{new_names.get((new_province, new_ward), new_ward)}, {new_provinces.get(new_province, '')}"
    for new_province, olds in crosswalk["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, parts in olds.items():
            # A ward split in several goes to its default successor (without a street
            # address nothing better is known, and the geocoding alternative is online).
            default = next((p["newWardKey"] for p in parts if p.get("isDefaultNewWard")), None)
            if default and old not in ward:
                ward[old] = f"{new_names.get((new_province, default), default)}, {new_provinces.get(new_province, '')}"
    return province, ward


@cache
def gazetteer() -> Gazetteer:
    g = Gazetteer()
    directory = data_dir()
    if directory is None:
        return g
    with sqlite3.connect(f"file:{directory / 'dataset.db'}?mode=ro", uri=True) as db:
        legacy = db.execute(
            "SELECT province, provinceShort, provinceCode, provinceKey, district, districtShort, "
            "districtType, districtCode, districtKey, ward, wardShort, wardType, wardCode, wardKey "
            "FROM admin_units_legacy").fetchall()
        new = db.execute("SELECT provinceKey, province, wardKey, ward FROM admin_units").fetchall()
    new_provinces = {pk: _normal(p) for pk, p, _, _ in new}
    new_names = {(pk, wk): _normal(w) for pk, _, wk, w in new}
    province_successor, ward_successor = _successors(directory, new_names, new_provinces)
    seen_provinces: set[str] = set()
    seen_districts: set[str] = set()
    for (province, p_short, p_code, p_key, district, d_short, d_type, d_code, d_key,
         ward, w_short, w_type, w_code, w_key) in legacy:
        p_name = _normal(p_short)
        if p_code not in seen_provinces:
            seen_provinces.add(p_code)
            g.add(Unit(p_name, unit_type_of(province, "province"), "province",
                       p_code, p_name, None, province_successor.get(p_key) or None))
        if d_code and d_code not in seen_districts:
            seen_districts.add(d_code)
            d_name = _normal(d_short)
            g.add(Unit(d_name, unit_type_of(d_type or "", "district"), "district", d_code, p_name, d_name, None))
        if w_code and w_short:
            g.add(Unit(_normal(w_short), unit_type_of(w_type or "", "commune"), "commune", w_code, p_name,
                       _normal(d_short) if d_short else None,
                       ward_successor.get(f"{p_key}_{d_key}_{w_key}")))
    g.available = True
    return g



def province_unit(name: str) -> Unit | None:
    units = gazetteer().exact.get(("province", name_key(name)))
    return units[0] if units else None
