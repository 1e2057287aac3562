"""The document's own units (its province, district …): what a place named without its
level, or an amount's place, falls back to."""
from __future__ import annotations

from functools import lru_cache

from ..models import Header
from ..place_words import city_type, level_of_type
from . import places as place_units
from .gazetteer import province_unit


def document_units(text: str, header: Header | None = None) -> dict[str, str]:
    """The document's own units by level ("province": "tỉnh Lạng Sơn", "district": …),
    from its issuer, the province from the first one the text names."""
    own = dict(_issuer_units(header.issuer)) if header and header.issuer else {}
    if "province" not in own:
        name = place_units.document_province(text, header)
        unit = province_unit(name) if name else None
        if unit is not None:
            own["province"] = f"{unit.unit_type} {unit.name}"
    return own


@lru_cache(maxsize=256)
def _issuer_units(issuer: str) -> tuple[tuple[str, str], ...]:
    """The units the issuer names, by level. Cached: an issuer writes many documents."""
    own: dict[str, str] = {}
    for p in place_units.places(" ".join(issuer.split())):
        level = level_of_type().get(p.unit_type)
        if p.unit_type == city_type():
            level = "province" if p.code and len(p.code) == 2 else "district"
        if level and p.code:
            own.setdefault(level, f"{p.unit_type} {p.name}")
        if p.province and "province" not in own:
            unit = province_unit(p.province)
            if unit is not None:
                own["province"] = f"{unit.unit_type} {unit.name}"
    return tuple(own.items())
