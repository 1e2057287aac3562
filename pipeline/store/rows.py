"""From an extraction result to table rows: the part of writing that costs CPU (JSON,
lookup keys, the document's identity), done where the extraction ran (a worker process, a
Dask worker) and handed to the writer as plain picklable data."""
from __future__ import annotations

import datetime
import json
import os
import types
import typing
from collections.abc import Callable, Iterator
from functools import cache
from operator import itemgetter
from typing import Literal, NamedTuple

from pydantic import BaseModel

from ..models import ExtractionResult
from ..printable import storable
from ..text.fold import folded_key
from .reads import number_lookup_key
from .schema import CITATION_EXTRA, EFFECT_EXTRA, derived_columns, mention_tables, stored_table
from .spans import Places, stored_columns, stored_rows


def now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def _cell(value):
    if isinstance(value, (tuple, list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _row(model: BaseModel) -> dict:
    return {name: _cell(value) for name, value in model.__dict__.items()}


def document_id(result: ExtractionResult) -> str:
    return result.source.sha256[:16]


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def identity_key(header) -> str | None:
    """What makes two renderings one document: folded number/symbol, issue date and issuer.
    All three are required, because a number such as 12/KH-UBND alone is reused by every
    commune's People's Committee."""
    if not header or not header.number_symbol or not header.issued_date or not header.issuer:
        return None
    number = number_lookup_key(header.number_symbol)
    issuer = folded_key(header.issuer)
    return f"{number}|{header.issued_date}|{issuer}" if number and issuer else None


def document_row(result: ExtractionResult, path: str, warnings: tuple[str, ...] = ()) -> dict:
    header, news = result.header, result.news
    fields = _row(header) if header else {}
    # A news item has no header: its kind is "news" and its headline stands as the title.
    fields["kind"] = (header.kind if header else None) or result.kind
    if news and not fields.get("title"):
        fields["title"] = news.headline
    source = result.source
    return {
        "id": document_id(result), "path": path, "format": source.format,
        "sha256": source.sha256, "size": source.size, "pages": source.pages,
        "extractor_version": result.extractor_version, "ingested_at": now(),
        **fields,
        "year": _year(header.issued_date if header else None),
        "number_key": number_lookup_key(header.number_symbol if header else None) or None,
        "identity_key": identity_key(header),
        "effective_from": result.effective_from, "effective_until": result.effective_until,
        "published": news.published if news else None, "site": news.site if news else None,
        **_subject(news.subject if news else None),
        "text": result.text,
        "flags": _cell(result.flags), "warnings": _cell(result.warnings + warnings),
    }


def _subject(subject) -> dict:
    """A news item's subject as documents columns; its key is a number lookup key, so the
    article is found by the number as its subject is."""
    return {"subject_kind": subject and subject.kind, "subject_number": subject and subject.number_symbol,
            "subject_key": (number_lookup_key(subject.key) or None) if subject else None,
            "subject_date": subject and subject.date, "subject_issuer": subject and subject.issuer}


class TableRows(NamedTuple):
    """A table's rows: the column names once per table rather than per row, which halves
    the pickling between processes, and the value tuples executemany takes."""
    columns: tuple[str, ...]
    values: list[tuple]


def mention_rows(result: ExtractionResult,
                 warnings: list[str] | None = None) -> Iterator[tuple[str, TableRows]]:
    """Each stored mention table's rows, under its stored name (schema.stored_table), each
    text that is a slice of the document's text kept as where it is (spans.py). An integer
    beyond SQLite's range (an amount such as "999999999999999999999 tỷ đồng", 10^30 VND) is
    stored as NULL, with a warning appended to `warnings`, rather than failing the whole
    document; see `_fit_integers`."""
    doc = document_id(result)
    places = Places(result.text)
    for table, model in mention_tables().items():
        fields, structured, counted = _layout(model)
        cells = _cell_reader(fields, structured)
        columns = ("document_id", "seq", *fields)
        counted = (1, *(2 + i for i in counted))
        items = getattr(result, table)
        if table == "citations":
            counted += tuple(len(columns) + i for i, kind in enumerate(CITATION_EXTRA.values()) if kind is int)
            columns += tuple(CITATION_EXTRA)
            rows = [(doc, seq, *cells(item),
                     number_lookup_key(item.key or item.number_symbol) or None, None, None, None)
                    for seq, item in enumerate(items)]
        elif table == "effects":
            own = number_lookup_key(result.header.number_symbol if result.header else None) or None
            counted += tuple(len(columns) + i for i, kind in enumerate(EFFECT_EXTRA.values()) if kind is int)
            columns += tuple(EFFECT_EXTRA)
            rows = [(doc, seq, *cells(item),
                     (number_lookup_key(item.actor) or None) if item.actor else own,
                     number_lookup_key(item.target_key or item.target) or None, None, None, None)
                    for seq, item in enumerate(items)]
        else:
            rows = [(doc, seq, *cells(item)) for seq, item in enumerate(items)]
        derived = derived_columns(table)
        rows = stored_rows(columns, _fit_integers(table, columns, rows, counted, warnings), derived, places)
        yield stored_table(table), TableRows(stored_columns(columns, derived), rows)


SQLITE_INTEGER = range(-2**63, 2**63)


def _fit_integers(table: str, columns: tuple[str, ...], rows: list[tuple], counted: tuple[int, ...],
                  warnings: list[str] | None) -> list[tuple]:
    """`rows` with every integer SQLite cannot hold (past 64 bits) made NULL, and a warning
    naming the mention. The row itself is kept, not dropped: its written text and `value`
    (a decimal string) still say what the document wrote, and other rows point at it by
    position (an amount's `part_of` and `restates`), which dropping it would shift. Only the `counted` columns can hold an integer, and
    the rows are looked at one by one only when one of those is out of range."""
    ints = [v for row in rows for i in counted if type(v := row[i]) is int]
    if not ints or (min(ints) in SQLITE_INTEGER and max(ints) in SQLITE_INTEGER):
        return rows
    fitted = rows
    for r, row in enumerate(rows):
        if not any(type(v) is int and v not in SQLITE_INTEGER for v in row):
            continue
        if fitted is rows:
            fitted = list(rows)
        cells = list(row)
        for i, v in enumerate(cells):
            if type(v) is int and v not in SQLITE_INTEGER:
                cells[i] = None
                if warnings is not None:
                    text = cells[columns.index("text")] if "text" in columns else f"row {row[1]}"
                    warnings.append(f"{table}: {text!r}: {columns[i]} {v:.3g} is beyond SQLite's "
                                    "64-bit integers, stored as NULL")
        fitted[r] = tuple(cells)
    return fitted


@cache
def _layout(model: type[BaseModel]) -> tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...]]:
    """A model's field names, the positions of those that can hold a tuple, list or dict
    (stored as JSON; the others are stored as they are), and the positions of those that can
    hold an integer (the only ones _fit_integers has to look at)."""
    fields = tuple(model.model_fields)
    annotations = [model.model_fields[name].annotation for name in fields]
    structured = tuple(i for i, a in enumerate(annotations) if not _is_scalar(a))
    counted = tuple(i for i, a in enumerate(annotations) if i not in structured and not _is_text(a))
    return fields, structured, counted


def _is_scalar(annotation) -> bool:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return all(_is_scalar(a) for a in typing.get_args(annotation))
    return annotation in (str, int, float, bool, type(None)) or typing.get_origin(annotation) is Literal


def _is_text(annotation) -> bool:
    """Whether a scalar field holds no integer: text, a flag, None or a choice of words."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return all(_is_text(a) for a in typing.get_args(annotation))
    if typing.get_origin(annotation) is Literal:
        return not any(type(v) is int for v in typing.get_args(annotation))
    return annotation in (str, bool, type(None))


def _cell_reader(fields: tuple[str, ...], structured: tuple[int, ...]) -> Callable[[BaseModel], tuple]:
    """A function giving a model's cells in the order of `fields`: its values, each of those
    at the `structured` positions as JSON. The values are read from the model's __dict__ by
    one itemgetter, without a Python loop per field: a table's rows are read by thousands."""
    get = itemgetter(*fields)
    values = get if len(fields) > 1 else (lambda d: (get(d),))  # one field's itemgetter gives it bare
    if not structured:
        return lambda model: values(model.__dict__)

    def cells(model: BaseModel) -> tuple:
        found = list(values(model.__dict__))
        for i in structured:
            found[i] = _cell(found[i])
        return tuple(found)
    return cells


def prepare(result: ExtractionResult, path: str, size: int | None = None,
            mtime_ns: int | None = None) -> dict:
    """Every row one result becomes, as plain picklable data: the part of writing that costs
    CPU (JSON, lookup keys), done where the extraction ran. `size` and `mtime_ns` are the file's
    as seen before it was read; taken from disk when not given."""
    if mtime_ns is None or size is None:
        try:
            st = os.stat(path)
            size, mtime_ns = st.st_size, st.st_mtime_ns
        except OSError:
            size, mtime_ns = result.source.size, None
    path = storable(path)
    warnings: list[str] = []
    mentions = dict(mention_rows(result, warnings))
    document = document_row(result, path, tuple(warnings))
    return {
        "document": document,
        "mentions": mentions,
        "source": {"path": path, "document_id": document["id"], "sha256": result.source.sha256,
                   "size": size, "mtime": mtime_ns / 1e9 if mtime_ns is not None else None,
                   "mtime_ns": mtime_ns, "extractor_version": result.extractor_version,
                   "format": result.source.format, "ingested_at": document["ingested_at"]},
    }
