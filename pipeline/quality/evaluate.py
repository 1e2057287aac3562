"""Scores extraction against gold annotations (the format of ../shared/gold/FORMAT.md).

Counting follows the gold format's rules: citations as a set of normalised numbers per
document; amounts, percentages and dates as multisets of their values; organisations and
projects by a relaxed match (folded, one inside the other, or token F1 >= 0.8); header
fields each right or wrong.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import extract_loaded
from ..load import load
from ..grammar.name_match import expanded, token_f1
from ..text.fold import folded, symbol_key


def loosely_equal(gold: str, pred: str) -> bool:
    g, p = expanded(gold), expanded(pred)
    return bool(g and p) and (g == p or g in p or p in g or token_f1(gold, pred) >= 0.8)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add_counts(self, gold: Counter, pred: Counter) -> None:
        common = sum((gold & pred).values())
        self.tp += common
        self.fn += sum(gold.values()) - common
        self.fp += sum(pred.values()) - common

    def add_loose(self, gold: list[str], pred: list[str]) -> None:
        unused = list(pred)
        for g in gold:
            hit = next((p for p in unused if loosely_equal(g, p)), None)
            if hit is None:
                self.fn += 1
            else:
                self.tp += 1
                unused.remove(hit)
        self.fp += len(unused)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (0.0 if self.fn else 1.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def mention_text(x) -> str:
    if isinstance(x, str):
        return x
    if isinstance(x, dict):
        return next((x[k] for k in ("text", "name", "label") if isinstance(x.get(k), str)), "")
    return ""


def project_text(x) -> str:
    if isinstance(x, dict):
        return f"{x.get('label') or ''} {x.get('name') or ''}".strip() or mention_text(x)
    return str(x)


def _number(field: str) -> Callable[[dict], str]:
    def key(x) -> str:
        v = x.get(field) if isinstance(x, dict) else None
        if v is None:
            return ""
        return str(int(round(float(v)))) if field == "vnd" else f"{float(v):.4f}"
    return key


KEYS: dict[str, Callable] = {
    "citations": lambda x: symbol_key(x.get("number_symbol") if isinstance(x, dict) else x),
    "amounts": _number("vnd"),
    "percentages": _number("value"),
    "dates": lambda x: str(x.get("value") or "") if isinstance(x, dict) else str(x),
}
HEADER_FIELDS = ("kind", "number_symbol", "issued_date", "issuer", "title", "signer",
                 "signer_position", "authority")


def header_field_right(field: str, gold, pred) -> bool:
    if gold in (None, ""):
        return pred in (None, "")
    if pred in (None, ""):
        return False
    if field == "number_symbol":
        return symbol_key(gold) == symbol_key(pred)
    if field in ("issuer", "title", "signer_position"):
        return loosely_equal(str(gold), str(pred))
    return folded(str(gold)) == folded(str(pred))


@dataclass
class Score:
    fields: dict[str, Tally]
    header_right: Counter
    header_total: Counter
    documents: int

    def as_dict(self) -> dict:
        out: dict = {"documents": self.documents}
        for name, t in self.fields.items():
            out[name] = {"precision": round(t.precision, 4), "recall": round(t.recall, 4),
                         "f1": round(t.f1, 4), "tp": t.tp, "fp": t.fp, "fn": t.fn}
        out["header"] = {f: {"accuracy": round(self.header_right[f] / self.header_total[f], 4),
                             "n": self.header_total[f]}
                         for f in HEADER_FIELDS if self.header_total[f]}
        return out

    def table(self) -> str:
        lines = [f"{'field':<24}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}"]
        for name, t in self.fields.items():
            lines.append(f"{name:<24}{t.precision:>8.3f}{t.recall:>8.3f}{t.f1:>8.3f}{t.tp:>6}{t.fp:>6}{t.fn:>6}")
        for f in HEADER_FIELDS:
            if self.header_total[f]:
                acc = self.header_right[f] / self.header_total[f]
                lines.append(f"{'header.' + f:<24}{'accuracy':>16}{acc:>8.3f}  n={self.header_total[f]}")
        lines.append(f"documents: {self.documents}")
        return "\n".join(lines)


def score_pairs(pairs: Iterable[tuple[dict, dict]]) -> Score:
    """Score (gold, prediction) pairs of gold-format dicts."""
    fields = {k: Tally() for k in ("citations", "amounts", "percentages", "dates", "organizations", "projects")}
    right, total, docs = Counter(), Counter(), 0
    for gold, pred in pairs:
        docs += 1
        for field, key in KEYS.items():
            g = Counter(k for k in map(key, gold.get(field) or []) if k)
            p = Counter(k for k in map(key, pred.get(field) or []) if k)
            if field == "citations":  # each cited document once
                g, p = Counter(set(g)), Counter(set(p))
            fields[field].add_counts(g, p)
        fields["organizations"].add_loose(
            list(dict.fromkeys(mention_text(x) for x in gold.get("organizations") or [])),
            list(dict.fromkeys(t for t in map(mention_text, pred.get("organizations") or []) if t)))
        fields["projects"].add_loose([project_text(x) for x in gold.get("projects") or []],
                                     [project_text(x) for x in pred.get("projects") or []])
        if gold_header := gold.get("header"):
            pred_header = pred.get("header") or {}
            for f in HEADER_FIELDS:
                if f in gold_header:
                    total[f] += 1
                    right[f] += header_field_right(f, gold_header.get(f), pred_header.get(f))
    return Score(fields, right, total, docs)


def gold_files(gold_dir: Path) -> list[Path]:
    return sorted(gold_dir.rglob("*.gold.json"))


def source_of(gold_path: Path, gold: dict, gold_dir: Path, docs_dir: Path | None) -> Path:
    """Where the annotated text is: DOCS_DIR, beside the gold file, or `source` relative to
    the gold folder's parent (the layout of ../shared)."""
    name = gold_path.name[: -len(".gold.json")]
    candidates = []
    if docs_dir:
        candidates += [docs_dir / name, *docs_dir.rglob(name)]
    candidates.append(gold_path.with_name(name))
    if gold.get("source"):
        for base in (gold_dir, *gold_dir.parents):
            candidates.append(base / gold["source"])
    for c in candidates:
        if c.is_file():
            return c
    raise FileNotFoundError(f"{gold_path}: source text {gold.get('source') or name!r} not found "
                            f"(give DOCS_DIR)")


def evaluate(gold_dir: Path, docs_dir: Path | None = None,
             predict: Callable[[Path], dict] | None = None) -> Score:
    if predict is None:
        def predict(path: Path) -> dict:
            return extract_loaded(load(path)).model_dump(mode="json")

    pairs = []
    for gold_path in gold_files(gold_dir):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pairs.append((gold, predict(source_of(gold_path, gold, gold_dir, docs_dir))))
    return score_pairs(pairs)
