"""`make bench`: how fast vanban is, on a deterministic scaled corpus, in one run.

    python -m pipeline.bench            # or: vanban bench, make bench
    python -m pipeline.bench --docs 5000 --budget 0

Builds output/bench/text/ (text documents cycled from ../shared/corpus and corpus/, each
copy made distinct) and output/bench/pdf/ (the PDFs with a text layer, repeated), then
measures extraction on one core (the fastest of three passes over the first 200
documents, the median beside it), underthesea NER on the same text, the PDF loader against
`pdftotext -layout` (text layer against text layer; pages without one are counted, and
their OCR timed apart), a full `vanban ingest` with every core, the re-ingest of the unchanged
corpus, and peak memory. Prints a table and writes output/bench.json. With
--writer-growth N it also times the writer as the database grows to N documents.

The ingest corpus is cut to what fits in --budget seconds at the measured extraction rate
(the table says so); --budget 0 always takes --docs.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
OUT = ROOT / "output"
# The first documents of the corpus in its fixed order: 200 of meta-dev's have its mean
# size (38 KB); its first 40 are half that, and per byte the small ones are slower.
SAMPLE_DOCS = 200
EXTRACTION_PASSES = 3
NER_SECONDS = 15.0


# ---------------------------------------------------------------- the corpus
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


# ---------------------------------------------------------------- measurements
def measure_extraction(paths: list[Path], passes: int = EXTRACTION_PASSES) -> dict:
    """Load and extract the sample `passes` times; the fastest pass is the figure, as with
    timeit: on a shared machine the slower ones measure the neighbours (the median is kept
    beside it)."""
    from . import extract_loaded
    from .ingest import warm_up
    from .load import load

    warm_up()
    timings = []
    for _ in range(passes):
        chars = size = 0
        started = time.perf_counter()
        for p in paths:
            loaded = load(p)
            extract_loaded(loaded)
            chars += len(loaded.text)
            size += loaded.source.size
        timings.append(time.perf_counter() - started)
    seconds, median = min(timings), statistics.median(timings)
    return {"docs": len(paths), "passes": passes, "seconds": seconds, "median_seconds": median,
            "chars_per_s": chars / seconds, "docs_per_s": len(paths) / seconds,
            "mb_per_s_per_core": size / seconds / 1e6, "median_mb_per_s_per_core": size / median / 1e6}


def measure_underthesea(paths: list[Path]) -> dict | None:
    try:
        from underthesea import ner
    except ImportError:
        return None
    ner("Ủy ban nhân dân tỉnh Lạng Sơn")  # loads its model
    chars = 0
    started = time.perf_counter()
    # Line by line: underthesea's NER slows down sharply on a whole document at once.
    for p in paths:
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                ner(line)
                chars += len(line)
        if time.perf_counter() - started > NER_SECONDS:
            break
    seconds = time.perf_counter() - started
    return {"chars": chars, "seconds": seconds, "chars_per_s": chars / seconds}


def measure_pdf(paths: list[Path]) -> dict:
    """The text layer, read by vanban and by `pdftotext -layout`, file by file in turn. A
    page without one (a scan, or text drawn as outlines) costs vanban seconds of OCR where
    pdftotext returns nothing, so the comparison reads with OCR off and the OCR of those
    pages is timed apart."""
    from .load import load

    pages = vanban = theirs = 0.0
    needs_ocr: list[Path] = []
    has_pdftotext = shutil.which("pdftotext") is not None
    for p in paths:
        started = time.perf_counter()
        doc = load(p, ocr=False)
        vanban += time.perf_counter() - started
        pages += doc.source.pages or 0
        needs_ocr += [p for w in doc.warnings if "needs OCR" in w]
        if has_pdftotext:
            started = time.perf_counter()
            subprocess.run(["pdftotext", "-layout", str(p), os.devnull], check=False,
                           stderr=subprocess.DEVNULL)
            theirs += time.perf_counter() - started
    result = {"files": len(paths), "pages": int(pages), "vanban_seconds": vanban,
              "vanban_pages_per_s": pages / vanban, "pages_without_text_layer": len(needs_ocr)}
    if has_pdftotext:
        result |= {"pdftotext_seconds": theirs, "pdftotext_pages_per_s": pages / theirs,
                   "ratio": theirs / vanban}
    if needs_ocr:
        first = needs_ocr[0]
        started = time.perf_counter()
        doc = load(first)
        ocr_pages = sum("read by OCR" in w for w in doc.warnings)
        if ocr_pages:
            result["ocr_seconds_per_page"] = (time.perf_counter() - started - vanban / len(paths)) / ocr_pages
    return result


class _TreeMemory(threading.Thread):
    """Peak memory of a process and its descendants, sampled: the sum of their PSS, which
    counts a library page shared by the workers once rather than once per worker (RSS
    would). psutil comes with the dask extra; without it only getrusage's per-process peak
    is reported."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.largest, self.stop = pid, 0, 0, threading.Event()

    def run(self) -> None:
        try:
            import psutil
        except ImportError:
            return
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self.stop.wait(0.2):
            try:
                procs = [root, *root.children(recursive=True)]
                total = 0
                for proc in procs:
                    try:
                        info = proc.memory_full_info()
                        total += getattr(info, "pss", info.rss)
                        self.largest = max(self.largest, info.rss)
                    except psutil.Error:
                        pass
            except psutil.Error:
                return
            self.peak = max(self.peak, total)


def timed_ingest(folder: Path, db: Path, jobs: int) -> dict:
    cmd = [sys.executable, "-m", "pipeline.cli", "ingest", str(folder), "--db", str(db), "-q",
           "-j", str(jobs)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    memory = _TreeMemory(proc.pid)
    memory.start()
    out, _ = proc.communicate()
    memory.stop.set()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "summary": out.strip(), "exit": proc.returncode,
            "peak_tree_pss_mb": memory.peak / 1e6 or None,
            "peak_process_rss_mb": memory.largest / 1e6 or None}


# ------------------------------------------------------------ the writer at scale
def measure_writer_growth(source: Path, target: Path, documents: int, first_point: int = 1000) -> dict:
    """The single writer's CPU per document as the database grows: the rows `source` holds,
    written again under new ids into a fresh database at `target`, in batches as ingest
    writes them, up to `documents`. Reported per doubling (the documents up to 1,000, from
    1,000 to 2,000, …), so that a cost that grows with the database shows, which a
    projection from a 5,000-document run would miss. Copies carry no number or identity
    key, so re-linking citations costs them less than it would real documents."""
    import hashlib
    import sqlite3

    from .ingest import BATCH_DOCUMENTS, open_for_writing
    from .store import write_rows
    from .store.schema import mention_tables, table_columns

    columns = table_columns()
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    ids = [row[0] for row in src.execute("select id from documents order by rowid")]
    doc_columns = ", ".join(f"[{c}]" for c in columns["documents"])
    queries = {t: f"select {', '.join(f'[{c}]' for c in columns[t])} from [{t}] where document_id = ? order by seq"
               for t in mention_tables()}

    def replayed(copy: int) -> dict:
        original = ids[copy % len(ids)]
        new = hashlib.sha256(f"{original}/{copy}".encode()).hexdigest()[:16]
        doc = dict(zip(columns["documents"], src.execute(
            f"select {doc_columns} from documents where id = ?", [original]).fetchone()))
        doc.update(id=new, sha256=new, path=f"replay/{copy}", number_key=None, identity_key=None)
        mentions = {}
        for table, sql in queries.items():
            names = tuple(columns[table])
            at = names.index("document_id")
            mentions[table] = (names, [(*r[:at], new, *r[at + 1:]) for r in src.execute(sql, [original])])
        source_row = {"path": doc["path"], "document_id": new, "sha256": new, "size": doc["size"],
                      "mtime": None, "mtime_ns": None, "extractor_version": doc["extractor_version"],
                      "format": doc["format"], "ingested_at": doc["ingested_at"]}
        return {"document": doc, "mentions": mentions, "source": source_row}

    for stale in target.parent.glob(target.name + "*"):
        stale.unlink()
    db = open_for_writing(target)
    points, spent, since, mark = [], 0.0, 0, first_point
    try:
        for start in range(0, documents, BATCH_DOCUMENTS):
            batch = [replayed(n) for n in range(start, min(start + BATCH_DOCUMENTS, documents))]
            began = time.process_time()
            with db.conn:
                for rows in batch:
                    write_rows(db, rows, atomic=False)
            spent += time.process_time() - began
            done = start + len(batch)
            if done >= mark or done == documents:
                points.append({"documents": done, "writer_cpu_ms_per_doc": 1000 * spent / (done - since),
                               "db_mb": target.stat().st_size / 1e6})
                spent, since, mark = 0.0, done, 2 * mark
    finally:
        db.close()
        src.close()
        # The copies were written to be timed; several GB are no use afterwards.
        for written in target.parent.glob(target.name + "*"):
            written.unlink()
    return {"documents": documents, "source_documents": len(ids), "points": points}


def _table_page_ms(db: Path) -> dict | None:
    try:
        from .publish.speed import table_page_ms
    except ImportError:
        return None
    return table_page_ms(db)


def _peak_rss_mb(who: int) -> float:
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(who).ru_maxrss * scale / 1e6


# ------------------------------------------------------------------------ main
def run(docs: int, pdf_rounds: int, budget: float, jobs: int | None, out: Path,
        writer_growth: int = 0) -> dict:
    from .ingest import default_jobs

    jobs = jobs or default_jobs()
    bench = out / "bench"
    notes = []
    if not SHARED.exists():
        notes.append(f"{SHARED} is absent: the corpus is cycled from corpus/ only")
    print(f"building the corpus under {bench} …", file=sys.stderr)
    texts = build_text_corpus(bench / "text", docs)
    pdfs = build_pdf_corpus(bench / "pdf", pdf_rounds)

    print("extraction, one core …", file=sys.stderr)
    extraction = measure_extraction(texts[:SAMPLE_DOCS])
    if budget:
        # Parallel efficiency below 1: the parent writes while the workers extract.
        affordable = int(budget * extraction["docs_per_s"] * jobs * 0.8)
        if affordable < docs:
            notes.append(f"ingest corpus cut to {affordable:,} of {docs:,} documents to fit "
                         f"--budget {budget:g} s (--budget 0 for all)")
            texts = build_text_corpus(bench / "text", max(affordable, SAMPLE_DOCS))
    text_bytes = sum(p.stat().st_size for p in texts)

    print("underthesea NER …", file=sys.stderr)
    ner = measure_underthesea(texts[:SAMPLE_DOCS])
    print("PDF loader and pdftotext …", file=sys.stderr)
    pdf = measure_pdf(pdfs) if pdfs else None

    db = bench / "bench.db"
    for stale in bench.glob("bench.db*"):
        stale.unlink()
    print(f"ingest of {len(texts):,} documents with -j {jobs} …", file=sys.stderr)
    first = timed_ingest(bench / "text", db, jobs)
    print("re-ingest, nothing changed …", file=sys.stderr)
    again = timed_ingest(bench / "text", db, jobs)

    growth = None
    if writer_growth:
        print(f"the writer up to {writer_growth:,} documents …", file=sys.stderr)
        growth = measure_writer_growth(db, bench / "writer-growth.db", writer_growth)

    result = {
        "machine": {"cores": jobs, "python": sys.version.split()[0]},
        "corpus": {"text_documents": len(texts), "text_mb": text_bytes / 1e6,
                   "mean_kb": text_bytes / len(texts) / 1e3, "pdf_files": len(pdfs)},
        "extraction_one_core": extraction,
        "underthesea_ner": ner,
        "pdf": pdf,
        "ingest": {**first, "docs_per_s": len(texts) / first["seconds"],
                   "mb_per_s": text_bytes / first["seconds"] / 1e6, "jobs": jobs},
        "reingest": {**again, "speedup": first["seconds"] / again["seconds"]},
        # getrusage(RUSAGE_CHILDREN) is no use for the ingest: a child's ru_maxrss starts
        # from this process's size at fork, so it reports the bench's own peak.
        "peak_rss_mb": {"bench_process": _peak_rss_mb(resource.RUSAGE_SELF),
                        "largest_ingest_process": first["peak_process_rss_mb"],
                        "ingest_process_tree_pss": first["peak_tree_pss_mb"]},
        "table_page_ms": _table_page_ms(db),
        "writer_growth": growth,
        "notes": notes,
    }
    (out / "bench.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(report(result))
    return result


def report(r: dict) -> str:
    e, i, again, rss = r["extraction_one_core"], r["ingest"], r["reingest"], r["peak_rss_mb"]
    c = r["corpus"]
    rows = [
        ("corpus", f"{c['text_documents']:,} text docs, {c['text_mb']:.1f} MB "
                   f"(mean {c['mean_kb']:.1f} KB), {c['pdf_files']} PDFs", ""),
        ("extraction, 1 core", f"{e['mb_per_s_per_core']:.3f} MB/s, {e['chars_per_s']:,.0f} chars/s, "
                               f"{e['docs_per_s']:.1f} docs/s (best of {e['passes']} passes; median "
                               f"{e['median_mb_per_s_per_core']:.3f} MB/s)", "≥ 2 MB/s per core"),
        ("underthesea NER, 1 core", f"{r['underthesea_ner']['chars_per_s']:,.0f} chars/s"
         if r["underthesea_ner"] else "not installed", "(for comparison)"),
    ]
    if r["pdf"]:
        p = r["pdf"]
        theirs = (f"pdftotext -layout {p['pdftotext_pages_per_s']:.0f} pages/s"
                  if "pdftotext_pages_per_s" in p else "pdftotext not installed")
        ratio = f" = {p['ratio']:.2f}×" if "ratio" in p else ""
        rows.append(("PDF text layer, 1 core", f"vanban {p['vanban_pages_per_s']:.0f} pages/s "
                                               f"({p['pages']} pages); {theirs}{ratio}", "≥ 0.3×"))
        if p["pages_without_text_layer"]:
            ocr = (f", OCR {p['ocr_seconds_per_page']:.1f} s/page" if "ocr_seconds_per_page" in p else "")
            rows.append(("PDF pages without text", f"{p['pages_without_text_layer']} (read with OCR off above{ocr})", ""))
    rows += [
        (f"ingest, -j {i['jobs']}", f"{i['docs_per_s']:.1f} docs/s, {i['mb_per_s']:.2f} MB/s, "
                                    f"{i['seconds']:.1f} s", "≥ 100 docs/s"),
        ("re-ingest, unchanged", f"{again['seconds']:.2f} s, {again['speedup']:.0f}× faster", "≥ 50×"),
        ("peak memory", (f"ingest: all processes {rss['ingest_process_tree_pss']:.0f} MB (PSS), "
                         f"largest {rss['largest_ingest_process']:.0f} MB (RSS); "
                         if rss["ingest_process_tree_pss"] else "ingest: psutil not installed; ")
                        + f"bench itself {rss['bench_process']:.0f} MB", "< 500 MB"),
    ]
    if r["table_page_ms"] is not None:
        rows.append(("Datasette table pages", json.dumps(r["table_page_ms"]), "ms"))
    if r.get("writer_growth"):
        points = r["writer_growth"]["points"]
        rows.append(("writer CPU as the DB grows", ", ".join(
            f"{p['writer_cpu_ms_per_doc']:.1f} (to {p['documents']:,}, {p['db_mb'] / 1e3:.1f} GB)" for p in points),
            "ms/doc"))
    width = max(len(a) for a, _, _ in rows)
    lines = [f"{a:<{width}}  {b}" + (f"   [{bar}]" if bar else "") for a, b, bar in rows]
    lines += [f"note: {n}" for n in r["notes"]]
    if i["exit"] or again["exit"]:
        lines.append(f"note: ingest exit status {i['exit']}, {again['exit']}: {i['summary']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="vanban bench", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--docs", type=int, default=5000, help="text documents (default: 5000)")
    p.add_argument("--pdf-rounds", type=int, default=2,
                   help="copies of each PDF with a text layer (default: 2)")
    p.add_argument("--budget", type=float, default=300.0, metavar="SECONDS",
                   help="cut the ingest corpus to what extracts in about SECONDS (default: 300; 0: no cut)")
    p.add_argument("-j", "--jobs", type=int, default=None, help="ingest workers (default: one per core)")
    p.add_argument("--out", default=str(OUT), help=f"output folder (default: {OUT})")
    p.add_argument("--writer-growth", type=int, default=0, metavar="DOCS",
                   help="also time the writer while the ingested rows are written again under new "
                        "ids up to DOCS documents (about 110 KB of disk and 10 ms each, deleted "
                        "afterwards; default: 0, off)")
    args = p.parse_args(argv)
    run(args.docs, args.pdf_rounds, args.budget, args.jobs, Path(args.out), args.writer_growth)
    return 0


if __name__ == "__main__":
    sys.exit(main())
