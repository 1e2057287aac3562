"""Organisations: vanban against underthesea's NER on the same gold documents.

    .venv/bin/python scripts/compare_underthesea.py [GOLD_DIR]   (default ../shared/gold)

underthesea is not a dependency of vanban; install it beside it to run this
(`.venv/bin/pip install underthesea`). Its default `ner` is a CRF model shipped inside the
package, so no torch and no download: network access is refused while the script runs, to
prove it. Both systems are scored as `vanban eval` scores organisations: distinct strings
per document, matched by pipeline.quality.evaluate's relaxed match (Tally.add_loose).
"""
from __future__ import annotations

import argparse
import json
import socket
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline import extract_loaded  # noqa: E402
from pipeline.quality.evaluate import Tally, gold_files, mention_text, source_of  # noqa: E402
from pipeline.load import load  # noqa: E402
from pipeline.normalize import normalize  # noqa: E402


def refuse_network() -> None:
    def refuse(*args, **kwargs):
        raise OSError("network access refused by compare_underthesea.py")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]


def underthesea_orgs(text: str, ner) -> list[str]:
    """Distinct ORG spans: B-ORG and the I-ORG tokens after it, joined with spaces."""
    found: list[str] = []
    # The CRF tags one sentence at a time; lines are the documents' own sentence-ish units.
    for line in text.splitlines():
        if not line.strip():
            continue
        current: list[str] = []
        for token, *_, tag in ner(line) + [("", "O")]:
            if tag == "B-ORG" or (tag == "I-ORG" and not current):
                if current:
                    found.append(" ".join(current))
                current = [token]
            elif tag == "I-ORG":
                current.append(token)
            else:
                if current:
                    found.append(" ".join(current))
                current = []
    return list(dict.fromkeys(found))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="?", default=str(ROOT.parent / "shared" / "gold"))
    args = parser.parse_args()
    refuse_network()
    try:
        from underthesea import ner
    except ImportError:
        print("underthesea is not installed: .venv/bin/pip install underthesea", file=sys.stderr)
        return 2

    gold_dir = Path(args.gold)
    tallies = {"vanban": Tally(), "underthesea": Tally()}
    seconds = {"vanban": 0.0, "underthesea": 0.0}
    rows = []
    for gold_path in gold_files(gold_dir):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        expected = list(dict.fromkeys(mention_text(x) for x in gold.get("organizations") or []))
        loaded = load(source_of(gold_path, gold, gold_dir, None))

        t = time.perf_counter()
        result = extract_loaded(loaded).model_dump(mode="json")
        ours = list(dict.fromkeys(t for t in map(mention_text, result["organizations"]) if t))
        seconds["vanban"] += time.perf_counter() - t

        t = time.perf_counter()
        theirs = underthesea_orgs(normalize(loaded.text).text, ner)
        seconds["underthesea"] += time.perf_counter() - t

        per_doc = {}
        for name, pred in (("vanban", ours), ("underthesea", theirs)):
            doc = Tally()
            doc.add_loose(expected, pred)
            tallies[name].add_loose(expected, pred)
            per_doc[name] = doc.f1
        rows.append((gold_path.name.split(".")[0], len(expected), per_doc["vanban"], per_doc["underthesea"]))

    print(f"{'document':<28}{'gold':>6}{'vanban':>9}{'uts':>9}")
    for name, n, a, b in rows:
        print(f"{name:<28}{n:>6}{a:>9.3f}{b:>9.3f}")
    print()
    print(f"organisations, {len(rows)} documents")
    print(f"{'system':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}{'seconds':>9}")
    for name, t in tallies.items():
        print(f"{name:<14}{t.precision:>7.3f}{t.recall:>7.3f}{t.f1:>7.3f}{t.tp:>6}{t.fp:>6}{t.fn:>6}{seconds[name]:>9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
