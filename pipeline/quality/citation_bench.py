"""Relation accuracy on the legal-basis lines of real documents (meta-dev.jsonl).

A document's preamble lists what it rests on, one "Căn cứ …" line per basis. Every
citation inside such a line is a legal basis of the citing document, so its relation
must be `can_cu`. That holds for the documents a basis names in passing too:

    Căn cứ Nghị định số 30/2020/NĐ-CP … được sửa đổi, bổ sung bởi Nghị định số 10/2024/NĐ-CP

Here 10/2024/NĐ-CP amends 30/2020/NĐ-CP, but the relation we record is the citing
document's to each cited one, and the preamble cites both as its basis. So the scoring
rule is: a citation whose line opens with "Căn cứ" is right when its relation is can_cu,
whatever verbs stand between the cue and it. The line is found independently of the
extractor's relation logic: from the citation's offset back to the previous line break
that ends a clause (after ; : . or a blank line), since web copies wrap a single
"Căn cứ" line over several physical lines.

    from pipeline.quality.citation_bench import relation_benchmark
    print(relation_benchmark("../shared/corpus/meta-dev.jsonl")["accuracy"])
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import regex

from ..grammar.citations import find_citations_in
from ..normalize import normalize
from ..structure import structure
from ..text.fold import fold

# Markdown and list furniture before the first word of a preamble line.
_LEAD = regex.compile(r"[\s*_#>|+•\-–]*")
# A line ends a clause when it closes with ; : . (or a blank line follows); otherwise the
# next physical line continues it.
# A sentence ends at . ! ? before a capital too; "; " mid-line does not end the basis.
_CLAUSE_BREAK = regex.compile(r"(?:[.;:][*_\s]*\n|\n[ \t]*\n|[.!?][*_]*[ \t]+(?=[*_]*\p{Lu}))")


def _clause_start(text: str, offset: int) -> int:
    last = 0
    for m in _CLAUSE_BREAK.finditer(text, max(0, offset - 1500), offset):
        last = m.end()
    return last


def opens_with_can_cu(text: str, offset: int) -> bool:
    start = _clause_start(text, offset)
    lead = _LEAD.match(text, start)
    head = fold(text[lead.end():lead.end() + 8]).lower()
    return head.startswith("can cu") and (len(head) == 6 or not head[6].isalpha())


def relation_benchmark(meta_dev_path: str | Path, *, keep_misses: int = 20) -> dict:
    """Share of citations on "Căn cứ" lines whose relation is can_cu; with the first misses."""
    right = total = documents = 0
    wrong = Counter()
    misses: list[tuple[str, str, str, str]] = []
    with open(meta_dev_path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            norm = normalize(rec.get("text") or "")
            cited = [c for c in find_citations_in(norm.text, structure(norm))
                     if opens_with_can_cu(norm.text, c.start)]
            documents += bool(cited)
            for c in cited:
                total += 1
                if c.relation == "can_cu":
                    right += 1
                    continue
                wrong[c.relation] += 1
                if len(misses) < keep_misses:
                    s = _clause_start(norm.text, c.start)
                    misses.append((rec["id"], c.number_symbol, c.relation,
                                   " ".join(norm.text[s:c.end + 40].split())))
    return {"accuracy": right / total if total else 1.0, "right": right, "n": total,
            "documents": documents, "wrong_relations": dict(wrong), "misses": misses}


if __name__ == "__main__":  # pragma: no cover - a manual benchmark
    import sys

    path = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/meta-dev.jsonl"
    out = relation_benchmark(path)
    print(f"relation right on {out['right']}/{out['n']} citations on Căn cứ lines "
          f"({out['accuracy']:.3f}) in {out['documents']} documents; wrong: {out['wrong_relations']}")
    for m in out["misses"]:
        print(" ", *m)
