"""Extraction output over a fixed set of texts, to prove a refactor or a speed-up changes
nothing: `python scripts/snapshot.py save` before, `python scripts/snapshot.py check` after.

The set is corpus/ plus, where ../shared exists, its seeds, real documents and meta-dev
texts. Prints the time extraction took (normalise to resolve, loading excluded)."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "output" / "snapshot.jsonl"


def documents():
    from pipeline.load import load

    files = sorted(p for p in (ROOT / "corpus").iterdir() if p.suffix in {".txt", ".html", ".docx", ".pdf"})
    if SHARED.exists():
        files += sorted((SHARED / "corpus" / "seeds").glob("*.txt"))
        files += sorted((SHARED / "corpus" / "real").glob("*.txt"))
    for f in files:
        # named from the checkout's parent without the checkout's own folder name, so a
        # second checkout (a git worktree) compares with the same baseline
        name = f.relative_to(ROOT) if f.is_relative_to(ROOT) else f.relative_to(ROOT.parent)
        yield str(name), load(f).text
    if SHARED.exists():
        with open(SHARED / "corpus" / "meta-dev.jsonl", encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                yield record["id"], record["text"]


def run() -> tuple[list[str], float, int]:
    from pipeline import extract_loaded
    from pipeline.load.text import load_text

    rows, seconds, chars = [], 0.0, 0
    for name, text in documents():
        loaded = load_text(Path(name).with_suffix(".txt"), text.encode())
        start = time.perf_counter()
        result = extract_loaded(loaded)
        seconds += time.perf_counter() - start
        chars += len(text)
        data = result.model_dump(mode="json", exclude={"source", "extractor_version", "warnings"})
        rows.append(json.dumps({"name": name, **data}, ensure_ascii=False, sort_keys=True))
    return rows, seconds, chars


def main(command: str) -> int:
    rows, seconds, chars = run()
    print(f"{len(rows)} documents, {chars / 1e6:.2f} M chars in {seconds:.1f} s: "
          f"{chars / seconds / 1e6:.2f} M chars/s")
    if command == "save":
        OUT.parent.mkdir(exist_ok=True)
        OUT.write_text("\n".join(rows) + "\n", encoding="utf-8")
        return 0
    before = OUT.read_text(encoding="utf-8").splitlines()
    changed = [json.loads(b)["name"] for b, a in zip(before, rows) if a != b]
    if len(before) != len(rows) or changed:
        print(f"{len(changed)} documents changed: {changed[:10]}")
        return 1
    print("no change")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "check"))
