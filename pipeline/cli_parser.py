"""The arguments of the `vanban` command: its commands, their options and help texts.

The functions running the commands are pipeline.cli's, by the command's name."""
from __future__ import annotations

import argparse

from .ingest import BULK_FILES
from .load import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES

DEFAULT_DB = "output/vanban.db"

EPILOG = """examples:
  vanban extract corpus/qd-499-ubnd-2023.txt     a readable summary of one document
  vanban extract corpus --jsonl > out.jsonl      one JSON object per document
  vanban ingest corpus --db output/vanban.db     every stage into SQLite
  vanban serve --db output/vanban.db             browse it at http://127.0.0.1:8001
  vanban publish --db output/vanban.db           metadata.json + datasette commands
  vanban eval ../shared/gold                     precision/recall/F1 against gold files
  vanban cites "qd 499"                          documents citing 499/QĐ-UBND
"""


# Worker processes per core `-j` allows: more only share the cores and take memory (-j 100000
# took 21 s where the default takes 2 s).
JOBS_PER_CORE = 4


def jobs_count(text: str) -> int:
    """-j's value: a whole number from 1 to JOBS_PER_CORE x the cores this process may use."""
    from .ingest import default_jobs

    cores = default_jobs()
    most = JOBS_PER_CORE * cores
    try:
        n = int(text)
    except ValueError:
        n = 0
    if not 1 <= n <= most:
        raise argparse.ArgumentTypeError(
            f"give a whole number from 1 to {most} ({JOBS_PER_CORE} per core, {cores} "
            f"core{'s' if cores > 1 else ''} here), not {text!r}")
    return n


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="vanban",
        description="Turn Vietnamese official texts (quyết định, kế hoạch, thông báo, công văn, "
                    "báo cáo, nghị quyết, news) into structured facts and a Datasette site.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help: str, description: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, description=description,
                              formatter_class=argparse.RawDescriptionHelpFormatter)

    def database(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--db", default=DEFAULT_DB, help=f"database file (default: {DEFAULT_DB})")

    def load_limits(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N",
                        help="refuse files larger than N bytes (default: 50 MB)")
        sp.add_argument("--max-pages", type=int, default=DEFAULT_MAX_PAGES, metavar="N",
                        help=f"read at most the first N pages of a PDF (default: {DEFAULT_MAX_PAGES})")
        sp.add_argument("--no-ocr", action="store_true",
                        help="do not OCR scanned pages (they are reported as needing OCR)")

    e = add("extract", "print what vanban finds in files",
            "Extract header, citations, amounts, percentages, dates, organisations and projects "
            "from files or folders (searched recursively for .txt .md .html .docx .pdf).")
    e.add_argument("paths", nargs="+", metavar="PATH")
    e.add_argument("--jsonl", action="store_true",
                   help="one JSON object per document per line (the gold format's keys)")
    e.add_argument("--out", metavar="DIR",
                   help="also write DIR/<file name>.json per document (the input of score.py)")
    load_limits(e)
    e.add_argument("--timeout", type=float, default=300.0, metavar="SECONDS",
                   help="stop reading a PDF after about this long, keeping the pages read; "
                        "0 for no limit (default: 300)")

    i = add("ingest", "run every stage and store the results in SQLite",
            "Ingest files or folders into a SQLite database. Unchanged files (same content hash "
            "and extractor version) are skipped; a file that fails is reported, recorded in the "
            "ingest_errors table, and the batch goes on. Exit status 1 if any file failed. A run "
            "stopped at any moment (Ctrl-C, exit status 130, or a crash) is finished by running "
            "it again: what was stored stays, and the rest is done.")
    i.add_argument("paths", nargs="+", metavar="PATH")
    database(i)
    i.add_argument("--force", action="store_true", help="re-extract files even when unchanged")
    i.add_argument("--prune", action="store_true",
                   help="remove from the database the files that are gone from the folders given "
                        "(their documents and every fact, citation link and conflict of them); "
                        "without it they are only listed")
    i.add_argument("-j", "--jobs", type=jobs_count, default=None, metavar="N",
                   help=f"extract in N worker processes, 1 to {JOBS_PER_CORE} per core (default: one "
                        "per core; 1: in this process)")
    i.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                   help="give up on a file after SECONDS (default: 60); it is recorded in "
                        "ingest_errors and retried on the next run")
    i.add_argument("--executor", choices=("local", "dask"), default="local",
                   help="where extraction runs: local processes, or a Dask cluster (needs the "
                        "dask extra: pip install 'vanban[dask]')")
    i.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a "
                        "LocalCluster of --jobs workers)")
    i.add_argument("--write", choices=("auto", "live", "bulk"), default="auto",
                   help="how documents are written: live (each as it is extracted), bulk (into "
                        "shard files next to the database, merged at the end, citations relinked "
                        "once per merge transaction) or auto (default: bulk when at least "
                        f"{BULK_FILES} files need extracting)")
    i.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    load_limits(i)

    b = add("bench", "measure throughput and memory on a scaled corpus",
            "Build a deterministic scaled corpus under output/bench/ and measure extraction, "
            "PDF loading, ingest, re-ingest and memory; `vanban bench -- --help` for options.")
    b.add_argument("options", nargs=argparse.REMAINDER, help="options of python -m pipeline.bench")

    s = add("serve", "browse the database with Datasette",
            "Serve the database read-only (immutable) with Datasette, with vanban's metadata, "
            "document pages, canned queries, charts and search without diacritics. Binds to "
            "127.0.0.1 unless --host says otherwise. Restart it after an ingest.")
    database(s)
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    s.add_argument("--port", type=int, default=8001, help="port (default: 8001)")
    s.add_argument("--files", metavar="ROOT", default=None,
                   help="let document pages offer their original file (download; a PDF also opens in "
                        "the browser), read-only, for files inside ROOT only, as ingested (e.g. "
                        "--files corpus); without it no file is served")

    pb = add("publish", "write metadata.json and the datasette commands for a deployment",
             "Write OUT/metadata.json (titles, descriptions, facets, canned queries, charts) and "
             "OUT/commands.sh with the `datasette serve -i` command and a `datasette package` "
             "command that bakes the database into a Docker image.")
    database(pb)
    pb.add_argument("--out", default="output/site", help="folder to write (default: output/site)")

    v = add("eval", "score extraction against gold annotations",
            "Precision, recall and F1 per field against NAME.gold.json files (searched "
            "recursively in GOLD_DIR), counted as ../shared/gold/score.py counts them. Gold "
            "files are hand-checked answers, not shipped with vanban: the reference material "
            "beside the repository has them in ../shared/gold (format: ../shared/gold/FORMAT.md); "
            "`vanban extract FILE --out DIR` writes a draft to correct by hand.")
    v.add_argument("gold_dir", nargs="?", metavar="GOLD_DIR")
    v.add_argument("docs_dir", nargs="?", metavar="DOCS_DIR",
                   help="where the annotated texts are (default: beside the gold files, or "
                        "their `source` path relative to GOLD_DIR's parents)")
    v.add_argument("--meta-dev", metavar="JSONL",
                   help="also score header fields against a portal's metadata (meta-dev.jsonl: "
                        "records with gt_consistent false skipped, only each record's gt_fields)")
    v.add_argument("--json", action="store_true", help="print the scores as JSON")

    c = add("cites", "list the documents that cite a number",
            "Documents citing KEY, with date, relation and the citing sentence. KEY may be "
            "spelt any way: '499/QĐ-UBND', '499/qd-ubnd', 'qd 499'.")
    c.add_argument("key", metavar="KEY")
    database(c)

    r = add("refs", "list what a document cites",
            "Citations made by DOCUMENT (its id, its path, or its number such as 64/KH-UBND).")
    r.add_argument("document", metavar="DOCUMENT")
    database(r)
    return p
