"""The bench's corpus: text documents cycled from ../shared/corpus and corpus/, each copy
made distinct, and the PDFs with a text layer, repeated. Deterministic, so that a second
run reuses the files as they are."""
from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "corpus"


def text_sources() -> list[tuple[str, str]]:
    """(name, text) of every text document we may cycle, in a fixed order."""
    sources = []
    meta = SHARED / "meta-dev.jsonl"
    if meta.exists():
        for line in meta.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            sources.append((row["id"].replace(":", "-"), row["text"]))
    for folder in (SHARED / "real", SHARED / "seeds"):
        if folder.is_dir():
            sources += [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
    sources += [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "corpus").glob("*.txt"))]
    return sources


def pdf_sources() -> list[Path]:
    """PDFs with a text layer: a scanned one goes through OCR at seconds per page, which
    would swamp every other figure (the table notes it)."""
    scanned = set()
    manifest = SHARED / "pdf" / "manifest.tsv"
    if manifest.exists():
        for line in manifest.read_text(encoding="utf-8").splitlines()[1:]:
            cells = line.split("\t")
            if len(cells) > 5 and cells[5] == "scanned":
                scanned.add(cells[0])
    pdfs = sorted(p for p in (SHARED / "pdf").glob("*.pdf") if p.name not in scanned) if SHARED.exists() else []
    return pdfs + sorted((ROOT / "corpus").glob("*.pdf"))


def _write_if_changed(path: Path, data: bytes) -> None:
    # Unchanged files keep their mtime, so a second bench run reuses the corpus as is.
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def build_text_corpus(folder: Path, count: int) -> list[Path]:
    """`count` text documents: the sources in turn; from the second round on, each copy
    gets another register number (so it is another document, not a second rendering) and a
    line naming its copy (so its bytes differ)."""
    sources = text_sources()
    folder.mkdir(parents=True, exist_ok=True)
    wanted = []
    for i in range(count):
        name, text = sources[i % len(sources)]
        round_ = i // len(sources)
        if round_:
            text = re.sub(r"(Số:\s*\d+)", rf"\g<1>{round_:02d}", text, count=1)
        path = folder / f"{i:05d}-{name[:40]}.txt"
        _write_if_changed(path, (text + f"\n\nBản lưu số {i}.\n").encode("utf-8"))
        wanted.append(path)
    keep = set(wanted)
    for stale in folder.glob("*.txt"):
        if stale not in keep:
            stale.unlink()
    return wanted


def build_pdf_corpus(folder: Path, rounds: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for r in range(rounds):
        for pdf in pdf_sources():
            path = folder / f"{r}-{pdf.name}"
            # Bytes after %%EOF are ignored by readers but make each copy a new file.
            _write_if_changed(path, pdf.read_bytes() + f"\n% bench copy {r}\n".encode())
            out.append(path)
    return out
