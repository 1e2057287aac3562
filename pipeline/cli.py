"""The `vanban` command: extract, ingest, serve, eval, cites, refs; the function running each
command (its arguments are declared in pipeline.cli_parser)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .cli_parser import parser

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


# The function running each command parsed, by its name.
COMMANDS = {
    "extract": cmd_extract,
    "ingest": cmd_ingest,
    "bench": cmd_bench,
    "serve": cmd_serve,
    "publish": cmd_publish,
    "eval": cmd_eval,
    "cites": cmd_cites,
    "refs": cmd_refs,
}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
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
