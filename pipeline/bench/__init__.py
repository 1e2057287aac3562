"""`make bench`: how fast vanban is, on a deterministic scaled corpus, in one run.

    python -m pipeline.bench            # or: vanban bench, make bench
    python -m pipeline.bench --docs 5000 --budget 0

Builds output/bench/text/ (text documents cycled from ../shared/corpus and corpus/, each
copy made distinct) and output/bench/pdf/ (the PDFs with a text layer, repeated), then
measures extraction on one core (the fastest of three passes over the first 200
documents, the median beside it), underthesea NER on the same text, the PDF loader against
`pdftotext -layout` (text layer against text layer; pages without one are counted, and
their OCR timed apart), a full `vanban ingest` with every core, the re-ingest of the unchanged
corpus, a few searches of the ingested database, and peak memory. Prints a table and writes
output/bench.json. With --writer-growth N it also times both write paths (the live writer;
shard appends and the bulk merge) as the database grows to N documents; with --write-paths,
the live write path against the bulk one (shard appends, then the merge) over the ingested
documents.

The ingest corpus is cut to what fits in --budget seconds at the measured extraction rate
(the table says so); --budget 0 always takes --docs.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
from pathlib import Path

from .corpus import ROOT, SHARED, build_pdf_corpus, build_text_corpus
from .measures import (
    peak_rss_mb, database_kb, datasette_page_ms, measure_extraction, measure_pdf, measure_underthesea,
    search_cpu_s, timed_ingest,
)
from .writer_growth import measure_write_paths, measure_writer_growth

OUT = ROOT / "output"
# The first documents of the corpus in its fixed order: 200 of meta-dev's have its mean
# size (38 KB); its first 40 are half that, and per byte the small ones are slower.
SAMPLE_DOCS = 200


# ------------------------------------------------------------------------ main
def run(docs: int, pdf_rounds: int, budget: float, jobs: int | None, out: Path,
        writer_growth: int = 0, write_paths: bool = False) -> dict:
    from ..ingest import default_jobs

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
    size = database_kb(db, len(texts))
    print("re-ingest, nothing changed …", file=sys.stderr)
    again = timed_ingest(bench / "text", db, jobs)
    print("searches …", file=sys.stderr)
    searches = search_cpu_s(db)

    growth = None
    if writer_growth:
        print(f"the live writer and the bulk merge up to {writer_growth:,} documents …", file=sys.stderr)
        growth = measure_writer_growth(db, bench / "writer-growth.db", writer_growth)

    paths = None
    if write_paths:
        print("the live and the bulk write paths …", file=sys.stderr)
        paths = measure_write_paths(db, bench / "write-paths")

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
        "database": size,
        # getrusage(RUSAGE_CHILDREN) is no use for the ingest: a child's ru_maxrss starts
        # from this process's size at fork, so it reports the bench's own peak.
        "peak_rss_mb": {"bench_process": peak_rss_mb(resource.RUSAGE_SELF),
                        "largest_ingest_process": first["peak_process_rss_mb"],
                        "ingest_process_tree_pss": first["peak_tree_pss_mb"]},
        "table_page_ms": datasette_page_ms(db),
        "search_cpu_s": searches,
        "writer_growth": growth,
        "write_paths": paths,
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
                                    f"{i['seconds']:.1f} s (load average before: "
                                    f"{i['load_average_before']:.2f})", "≥ 100 docs/s"),
        *([("ingest CPU per document", f"{cpu['workers'] * 1e3 / docs:.1f} ms in workers, "
                                         f"{cpu['main'] * 1e3 / docs:.1f} ms in the main process "
                                         f"(writer), {(cpu['workers'] + cpu['main']) * 1e3 / docs:.1f} "
                                         f"ms in all", "")]
          if (cpu := i.get("cpu_seconds")) and (docs := c["text_documents"]) else []),
        *([("database", f"{d['file_kb_per_doc']:.1f} KB per document (the file; "
                        f"{d['in_use_kb_per_doc']:.1f} KB in use)", "≤ 90 KB per document")]
          if (d := r.get("database")) else []),
        ("re-ingest, unchanged", f"{again['seconds']:.2f} s, {again['speedup']:.0f}× faster", "≥ 50×"),
        ("peak memory", (f"ingest: all processes {rss['ingest_process_tree_pss']:.0f} MB (PSS), "
                         f"largest {rss['largest_ingest_process']:.0f} MB (RSS); "
                         if rss["ingest_process_tree_pss"] else "ingest: psutil not installed; ")
                        + f"bench itself {rss['bench_process']:.0f} MB", "< 500 MB"),
    ]
    if r["table_page_ms"] is not None:
        rows.append(("Datasette table pages", json.dumps(r["table_page_ms"]), "ms"))
    if searches := r.get("search_cpu_s"):
        rows.append((f"search, {c['text_documents']:,} documents", ", ".join(
            f"'{query}' {seconds:.2f}" for query, seconds in searches.items()), "CPU s per search"))
    if r.get("writer_growth"):
        points = r["writer_growth"]["points"]
        rows.append(("live writer CPU as the DB grows", ", ".join(
            f"{p['writer_cpu_ms_per_doc']:.2f} (to {p['documents']:,}, {p['db_mb'] / 1e3:.1f} GB)" for p in points),
            "ms/doc"))
        rows.append(("bulk merge CPU as the DB grows", ", ".join(
            f"{p['merge_cpu_ms_per_doc']:.2f} + shard {p['shard_cpu_ms_per_doc']:.2f} (to {p['documents']:,})"
            for p in points), "ms/doc, ≤ 2.5 at 5,000, ≤ 3 at 32,000"))
    if w := r.get("write_paths"):
        rows.append(("write paths, CPU", f"live {w['live_cpu_ms_per_doc']:.2f}; bulk: shard "
                     f"{w['shard_cpu_ms_per_doc']:.2f} + merge {w['merge_cpu_ms_per_doc']:.2f}", "ms/doc"))
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
                   help="also time the live writer and the bulk merge while the ingested rows are "
                        "written again under new ids up to DOCS documents, reported per doubling "
                        "(about 180 KB of disk and 15 ms each, deleted afterwards; default: 0, off)")
    p.add_argument("--write-paths", action="store_true",
                   help="also time the live and the bulk write paths (shard appends, merge) over the "
                        "ingested rows, written again into fresh databases (deleted afterwards)")
    args = p.parse_args(argv)
    run(args.docs, args.pdf_rounds, args.budget, args.jobs, Path(args.out), args.writer_growth,
        args.write_paths)
    return 0
