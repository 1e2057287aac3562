"""The `vanban` command: extract, ingest, serve, eval, cites, refs."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

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


def cmd_extract(args: argparse.Namespace) -> int:
    from . import extract_loaded
    from .ingest import discover, input_problem
    from .load import LoadError, load
    from .printable import printable, storable

    if problem := input_problem(args.paths):
        raise Refused(problem)
    failed = 0
    out_dir = Path(args.out) if args.out else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    for path in discover(args.paths):
        try:
            result = extract_loaded(load(path, max_bytes=args.max_bytes, max_pages=args.max_pages,
                                         timeout=args.timeout or None, ocr=not args.no_ocr))
        except LoadError as e:
            print(printable(f"error: {e}"), file=sys.stderr)
            failed += 1
            continue
        data = result.model_dump(mode="json")
        data["source"]["path"] = storable(path)
        if out_dir:
            (out_dir / f"{path.name}.json").write_text(
                json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        if args.jsonl:
            print(json.dumps(data, ensure_ascii=False))
        elif not out_dir:
            print(describe(result))
    return 1 if failed else 0


def describe(result) -> str:
    """A person's view of one result: header, then each kind of fact with its value."""
    from .printable import printable
    from .publish.labels import vnd_text

    lines = [f"== {printable(result.source.path)}"]
    h = result.header
    if h:
        lines.append(f"  {h.kind or '?'} {h.number_symbol or '(no number)'}  {h.issued_date or ''}  "
                     f"{h.issuer or ''}")
        if h.title:
            lines.append(f"  {h.title}")
        if h.signer:
            lines.append(f"  signed: {h.authority or ''} {h.signer_position or ''} {h.signer}".replace("  ", " "))
    else:
        lines.append("  (no official header: news or portal page)")
    groups = [
        ("citations", lambda c: f"{c.number_symbol}  [{c.kind or '?'}{', ' + c.date if c.date else ''}; {c.relation}]"),
        # The text as the document wrote it ("1.066,4 triệu đồng"); only the value is grouped.
        ("amounts", lambda a: f"{a.text}  = {vnd_text(a.vnd)}" if a.vnd is not None else f"{a.text}  ({a.currency})"),
        ("percentages", lambda p: f"{p.text}  = {p.value:g}"),
        ("dates", lambda d: f"{d.text}  = {d.value}"),
        ("organizations", lambda o: o.name),
        ("projects", lambda p: f"{p.label}: {p.name or ''}"),
    ]
    for name, show in groups:
        items = getattr(result, name)
        if items:
            lines.append(f"  {name} ({len(items)}):")
            lines.extend(f"    - {show(x)}" for x in items)
    lines.extend(f"  ! {flag}" for flag in result.flags)
    return "\n".join(lines)


# Files gone from the folder that ingest names one by one; the rest are counted.
GONE_SHOWN = 20


def cmd_ingest(args: argparse.Namespace) -> int:
    from .ingest import ingest, input_problem

    if problem := input_problem(args.paths):
        raise Refused(problem)
    try:
        summary = ingest(args.paths, args.db, force=args.force, max_bytes=args.max_bytes,
                         progress=not args.quiet, jobs=args.jobs, executor=args.executor,
                         scheduler=args.scheduler, timeout=args.timeout, max_pages=args.max_pages,
                         ocr=not args.no_ocr, prune=args.prune, write=args.write)
    except KeyboardInterrupt:
        print(f"interrupted: what was extracted is stored in {args.db}; run the same command "
              "again to do the rest", file=sys.stderr)
        return 130
    if summary.stopped:
        print(f"error: {summary.stopped}; the batch stopped, what was stored before stays",
              file=sys.stderr)
    if not args.quiet:
        print(summary.table(), file=sys.stderr)
    if summary.gone:
        from .printable import printable

        said = "pruned" if summary.pruned else "gone"
        for path in summary.gone[:GONE_SHOWN]:
            print(printable(f"{said}: {path}"), file=sys.stderr)
        if len(summary.gone) > GONE_SHOWN:
            print(f"{said}: … and {len(summary.gone) - GONE_SHOWN} more", file=sys.stderr)
    print(summary.line())
    return 1 if summary.failed or summary.stopped else 0


def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import main as bench

    options = args.options[1:] if args.options[:1] == ["--"] else args.options
    return bench(options)


def cmd_serve(args: argparse.Namespace) -> int:
    from .publish import PortBusy, serve

    existing_database(args.db)
    if args.files is not None and not Path(args.files).is_dir():
        raise Refused(f"{args.files}: no such folder (--files names the folder the documents were ingested from)")
    try:
        serve(args.db, host=args.host, port=args.port, files=args.files)
    except PortBusy as busy:
        raise Refused(f"{busy}; another program (perhaps another `vanban serve`) listens there: "
                      "stop it, or choose another --port") from None
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from .publish import publish

    existing_database(args.db)
    commands = publish(args.db, args.out)
    print(f"wrote {Path(args.out) / 'metadata.json'} and {Path(args.out) / 'commands.sh'}\n"
          f"serve it read-only:\n  {commands['serve']}\n"
          f"or bake it into a Docker image:\n  {commands['package']}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .quality.evaluate import evaluate

    if args.gold_dir is None:
        raise Refused("vanban eval needs GOLD_DIR, a folder of NAME.gold.json files: what a careful "
                      "reader finds in each document (header, citations, amounts …), written by hand. "
                      "They are not shipped with vanban: the reference material beside the "
                      "repository holds them (`vanban eval ../shared/gold`, or `make eval`), and "
                      "../shared/gold/FORMAT.md describes the format; to annotate a document of "
                      "your own, start from `vanban extract FILE --out DIR` and correct the JSON")
    gold = Path(args.gold_dir)
    if not gold.is_dir():
        raise Refused(f"{gold}: not a folder of *.gold.json files (see `vanban eval --help`)")
    score = evaluate(gold, Path(args.docs_dir) if args.docs_dir else None)
    report, lines = score.as_dict(), [score.table()]
    if args.meta_dev:
        from .quality.header_bench import header_benchmark

        bench = header_benchmark(args.meta_dev)
        report["meta_dev_header"] = bench["fields"]
        lines += ["", f"header benchmark on {args.meta_dev} ({bench['records']} consistent records)",
                  *("meta-dev." + row if i else " " * 9 + row
                    for i, row in enumerate(bench["table"].splitlines()[:-1]))]
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else "\n".join(lines))
    return 0


def cmd_cites(args: argparse.Namespace) -> int:
    from .store import citing_documents, open_db

    existing_database(args.db)
    db = open_db(args.db)
    try:
        rows = list(citing_documents(db, args.key))
    finally:
        db.close()
    if not rows:
        print(f"no document in {args.db} cites {args.key!r}", file=sys.stderr)
        return 1
    for r in rows:
        print(f"{r['number_symbol'] or r['path']}  {r['issued_date'] or ''}  [{r['relation']}]\n    {r['sentence']}")
    return 0


def cmd_refs(args: argparse.Namespace) -> int:
    from .store import document_references, documents_named, open_db

    existing_database(args.db)
    db = open_db(args.db)
    try:
        named = documents_named(db, args.document)
        if len(named) > 1:
            numbers = db.execute("select id, number_symbol from documents where id in (select value "
                                 "from json_each(?)) order by id", [json.dumps(named)]).fetchall()
            raise Refused(f"{args.document!r} names {len(named)} documents in {args.db}: "
                          + ", ".join(f"{number} ({doc})" for doc, number in numbers)
                          + "; give the number in full, or the id")
        rows = list(document_references(db, args.document))
    finally:
        db.close()
    if not rows:
        print(f"{args.document!r}: no such document in {args.db}, or it cites nothing", file=sys.stderr)
        return 1
    for r in rows:
        held = f" -> {r['cited_document_id']}" if r["cited_document_id"] else ""
        print(f"{r['number_symbol']}  [{r['kind'] or '?'}; {r['relation']}]{held}\n    {r['sentence']}")
    return 0


class Refused(Exception):
    """What a command will not do, said to the user as `error: …` with exit status 1, before
    anything was written."""


def existing_database(path: str) -> None:
    """Refused unless `path` is a vanban database: a mistyped --db is told, instead of
    being created empty and answering as if nothing matched. Looked at read-only."""
    import sqlite3

    if not Path(path).is_file():
        raise Refused(f"{path}: no such database; run `vanban ingest PATH --db {path}` first")
    try:
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
        try:
            # citations: a view over its stored table, or a table in an earlier version's database
            tables = {r[0] for r in conn.execute("select name from sqlite_master where type in ('table', 'view')")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise Refused(f"{path}: not a SQLite database ({e})") from None
    if not {"documents", "sources", "citations"} <= tables:
        raise Refused(f"{path}: not a vanban database (it has no documents table)")


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
    e.set_defaults(run=cmd_extract)

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
    i.set_defaults(run=cmd_ingest)

    b = add("bench", "measure throughput and memory on a scaled corpus",
            "Build a deterministic scaled corpus under output/bench/ and measure extraction, "
            "PDF loading, ingest, re-ingest and memory; `vanban bench -- --help` for options.")
    b.add_argument("options", nargs=argparse.REMAINDER, help="options of python -m pipeline.bench")
    b.set_defaults(run=cmd_bench)

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
    s.set_defaults(run=cmd_serve)

    pb = add("publish", "write metadata.json and the datasette commands for a deployment",
             "Write OUT/metadata.json (titles, descriptions, facets, canned queries, charts) and "
             "OUT/commands.sh with the `datasette serve -i` command and a `datasette package` "
             "command that bakes the database into a Docker image.")
    database(pb)
    pb.add_argument("--out", default="output/site", help="folder to write (default: output/site)")
    pb.set_defaults(run=cmd_publish)

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
    v.set_defaults(run=cmd_eval)

    c = add("cites", "list the documents that cite a number",
            "Documents citing KEY, with date, relation and the citing sentence. KEY may be "
            "spelt any way: '499/QĐ-UBND', '499/qd-ubnd', 'qd 499'.")
    c.add_argument("key", metavar="KEY")
    database(c)
    c.set_defaults(run=cmd_cites)

    r = add("refs", "list what a document cites",
            "Citations made by DOCUMENT (its id, its path, or its number such as 64/KH-UBND).")
    r.add_argument("document", metavar="DOCUMENT")
    database(r)
    r.set_defaults(run=cmd_refs)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except Refused as refused:
        print(f"error: {refused}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `vanban cites "qd 499" | head`: the reader stopped early, no fault to report. Later
        # writes (Python's own flush at exit) go nowhere instead of raising again.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
