"""Header accuracy against a portal's own metadata (../shared/corpus/meta-dev.jsonl).

Each record carries the text and what the portal says about it; `gt_fields` lists the
fields the portal is known to get right, and records whose metadata contradict their text
(`gt_consistent: false`) are skipped. Comparison per field:

- number_symbol: `symbol_key` equality (the gold's stored form);
- kind, issued_date: folded equality, after mapping the portal's type names to the codes
  the gold uses (the portal writes `Luật` where the gold writes `L`; see KIND_NAMES);
- signer: folded equality;
- issuer: `loosely_equal` (the portal writes `Tỉnh Phú Thọ` for `UBND tỉnh Phú Thọ`);
- title: abbreviations spelled out and folded, equal, the portal's inside ours (it cuts long
  titles and drops `Về việc`), or token F1 >= 0.8. Ours inside the portal's is a miss: a
  title cut short ("Công" for "Công bố danh mục …") must not count as read.

    from pipeline.quality.header_bench import header_benchmark
    print(header_benchmark("../shared/corpus/meta-dev.jsonl")["table"])
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from ..grammar.doctypes import code_of_word
from ..grammar.name_match import expanded, token_f1
from ..normalize import normalize
from ..structure import structure
from ..text.fold import folded, symbol_key
from .evaluate import loosely_equal

FIELDS = ("number_symbol", "kind", "issued_date", "signer", "issuer", "title")
# The portal names some kinds by their word where the gold has a code.
KIND_NAMES = {"luật": "L", "bộ luật": "L", "pháp lệnh": "PL", "lệnh": "L"}


def portal_kind(kind: str) -> str:
    k = kind.strip()
    return KIND_NAMES.get(k.lower()) or code_of_word(k) or k


def field_right(field: str, gold: str, pred: str | None) -> bool:
    if not pred:
        return False
    if field == "number_symbol":
        return symbol_key(gold) == symbol_key(pred)
    if field == "kind":
        return folded(portal_kind(gold)) == folded(pred)
    if field == "issuer":
        return loosely_equal(gold, pred)
    if field == "title":
        g, p = expanded(gold), expanded(pred)
        return bool(g and p) and (g in p or token_f1(gold, pred) >= 0.8)
    return folded(gold) == folded(pred)


def header_benchmark(meta_dev_path: str | Path, *, keep_misses: int = 0) -> dict:
    """Per-field accuracy over the consistent records, scoring only each record's gt_fields.
    With keep_misses, the first misses per field are listed (id, portal value, ours)."""
    right, total = Counter(), Counter()
    misses: dict[str, list[tuple[str, str, str | None]]] = {f: [] for f in FIELDS}
    records = 0
    with open(meta_dev_path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec.get("gt_consistent") is False:
                continue
            records += 1
            header = structure(normalize(rec["text"])).header
            for field in FIELDS:
                if field not in rec.get("gt_fields", ()) or not rec.get(field):
                    continue
                pred = getattr(header, field) if header else None
                total[field] += 1
                if field_right(field, rec[field], pred):
                    right[field] += 1
                elif len(misses[field]) < keep_misses:
                    misses[field].append((rec.get("id", ""), rec[field], pred))
    result = {"records": records,
              "fields": {f: {"accuracy": round(right[f] / total[f], 4) if total[f] else None,
                             "right": right[f], "n": total[f]} for f in FIELDS}}
    if keep_misses:
        result["misses"] = misses
    result["table"] = table(result)
    return result


def table(result: dict) -> str:
    lines = [f"{'field':<16}{'accuracy':>10}{'right':>8}{'n':>6}"]
    for f, v in result["fields"].items():
        acc = "-" if v["accuracy"] is None else f"{v['accuracy']:.3f}"
        lines.append(f"{f:<16}{acc:>10}{v['right']:>8}{v['n']:>6}")
    lines.append(f"records: {result['records']}")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    out = header_benchmark(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/meta-dev.jsonl",
                           keep_misses=int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    print(out["table"])
    for field, rows in out.get("misses", {}).items():
        for row in rows:
            print(field, *row, sep=" | ")
