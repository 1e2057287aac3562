"""The database schema, derived from pipeline.models so that it follows the models.

One table per tuple-of-models field of ExtractionResult (citations, amounts, …), one column
per model field plus `document_id` and `seq`; a model field added later becomes a column the
next time the database is opened. Such a table is read through a view of its name
(`citations`) over the table that stores it (`stored_citations`), where each text that is a
slice of the document's text (a fact's sentence and its own text, a section's title) is kept
as offsets (spans.py) and the view gives it back: every fact is stored once, in
documents.text. The views (those, cited_keys, and the money an analyst sums: new_money,
money_cells, latest_money) are replaced on open when this version defines them differently;
a database whose fact tables still hold their texts is moved to the stored tables on open.
"""
from __future__ import annotations

import types
import typing
from functools import cache
from typing import Any, Literal

import sqlite_utils
from pydantic import BaseModel

from .. import patterns
from ..models import Amount, Citation, Effect, ExtractionResult, Header, Mention, Section
from .fulltext import ensure_fts
from .spans import Derived, Places, stored_columns, stored_rows

# Columns the writer computes beside the model fields.
# link_status: None (no document holds the number), 'linked', 'mismatch' (held, but by
# another issuer or of another date than the citation says) or 'ambiguous' (several fit, none
# is linked); link_candidates counts the documents that fit.
CITATION_EXTRA = {"lookup_key": str, "cited_document_id": str, "link_status": str, "link_candidates": int}
# An effect's target is linked like a citation; actor_key is the acting document's number
# key (the document's own when it acts itself, else the reported actor's).
EFFECT_EXTRA = {"actor_key": str, "target_lookup_key": str, "target_document_id": str, "link_status": str,
                "link_candidates": int}
SOURCE_COLUMNS = {"path": str, "format": str, "sha256": str, "size": int, "pages": int}

# Every facet, sort and join column gets an index; a compound primary key already indexes
# document_id, so it is not repeated here.
INDEXES: dict[str, list[str]] = {
    "documents": ["kind", "issuer", "year", "issued_date", "number_key", "sha256", "path",
                  "issued_place", "signer", "identity_key", "subject_key"],
    "citations": ["key", "lookup_key", "cited_document_id", "relation", "kind", "year",
                  "issuer_code", "number_symbol", "link_status"],
    "conflicts": ["other_id", "identity_key"],
    "effects": ["target_lookup_key", "actor_key", "action", "target_document_id", "effective_date"],
    "amounts": ["project", "role", "period", "funding_source", "place", "vnd", "currency",
                "programme", "year", "total"],
    "percentages": ["measure", "value"],
    "dates": ["value", "precision"],
    "organizations": ["name", "abbreviation", "level", "canonical", "role"],
    "projects": ["label", "name", "parent", "programme"],
    "places": ["province", "unit_type"],
    "figures": ["unit"],
    # sorted by path; no page or query reads sections by level (its index was 1.1 KB a document)
    "sections": ["path"],
    "sources": ["document_id", "sha256"],
}


# The texts each kind of row keeps as a slice of the document's text where it is one.
MENTION_DERIVED = {"text": Derived("text", exact=True), "sentence": Derived("sentence")}
SECTION_DERIVED = {"title": Derived("title", near=("start", "start"))}
STORED_PREFIX = "stored_"


@cache
def derived_columns(table: str) -> dict[str, Derived]:
    """The derived texts of a mention table (by its name, as read)."""
    model = mention_tables()[table]
    if issubclass(model, Mention):
        return MENTION_DERIVED
    return SECTION_DERIVED if model is Section else {}


def stored_table(table: str) -> str:
    """The table that stores the rows of the mention table `table` (read through a view of
    that name)."""
    return STORED_PREFIX + table


def mention_tables() -> dict[str, type[BaseModel]]:
    """Table name -> model, for every `tuple[Model, ...]` field of ExtractionResult."""
    tables = {}
    for name, field in ExtractionResult.model_fields.items():
        args = typing.get_args(field.annotation)
        if typing.get_origin(field.annotation) is tuple and args and _is_model(args[0]):
            tables[name] = args[0]
    return tables


def _is_model(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, BaseModel)


def column_type(annotation: Any) -> type:
    """SQLite affinity of a model field: int, float or str (tuples and dicts as JSON)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return column_type(args[0]) if len(args) == 1 else str
    if origin is Literal:
        values = typing.get_args(annotation)
        return int if all(isinstance(v, int) and not isinstance(v, bool) for v in values) else str
    if annotation is bool or annotation is int:
        return int
    if annotation is float:
        return float
    return str


def model_columns(model: type[BaseModel]) -> dict[str, type]:
    return {name: column_type(f.annotation) for name, f in model.model_fields.items()}


def read_columns() -> dict[str, dict[str, type]]:
    """Every mention table's columns as read (its view), in order."""
    tables = {}
    for name, model in mention_tables().items():
        columns = {"document_id": str, "seq": int, **model_columns(model)}
        if model is Citation:
            columns.update(CITATION_EXTRA)
        if model is Effect:
            columns.update(EFFECT_EXTRA)
        tables[name] = columns
    return tables


def table_columns() -> dict[str, dict[str, type]]:
    """Every stored table's columns, in order (a mention table's under its stored name)."""
    header = model_columns(Header)
    tables: dict[str, dict[str, type]] = {
        "documents": {
            "id": str, **SOURCE_COLUMNS, "extractor_version": str, "ingested_at": str,
            **header, "year": int, "number_key": str, "identity_key": str,
            "effective_from": str, "effective_until": str,
            "published": str, "site": str,
            # a news item's subject (models.Subject): the document it reports on
            "subject_kind": str, "subject_number": str, "subject_key": str, "subject_date": str,
            "subject_issuer": str,
            "text": str, "flags": str, "warnings": str,
        },
    }
    for name, columns in read_columns().items():
        layout = stored_columns(tuple(columns), derived_columns(name))
        tables[stored_table(name)] = {c: columns.get(c, int) for c in layout}
    # mtime_ns and size let a re-ingest skip an untouched file without reading it; the
    # extractor version is per path because a path attached to another rendering's
    # document (see rows.identity_key) was still extracted by some version.
    tables["sources"] = {"path": str, "document_id": str, "sha256": str, "size": int,
                         "mtime": float, "ingested_at": str, "mtime_ns": int,
                         "extractor_version": str, "format": str}
    tables["ingest_errors"] = {"path": str, "error": str, "sha256": str, "at": str}
    # Documents that claim one identity (number, issuer, date) but whose texts disagree
    # (writer.write_rows, identity.SAME_TEXT): kept apart, one row each way.
    tables["conflicts"] = {"document_id": str, "other_id": str, "identity_key": str, "similarity": float}
    return tables


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create what is missing; add columns for model fields that have no column yet; move
    the rows of a mention table that holds its texts to its stored table."""
    read_as = {stored_table(name): name for name in mention_tables()}
    for name, columns in table_columns().items():
        table = db[name]
        if not table.exists():
            if name == "documents":
                table.create(columns, pk="id")
            elif name in read_as:
                fks = [("document_id", "documents", "id")]
                if "cited_document_id" in columns:
                    fks.append(("cited_document_id", "documents", "id"))
                if "target_document_id" in columns:
                    fks.append(("target_document_id", "documents", "id"))
                table.create(columns, pk=("document_id", "seq"), foreign_keys=fks)
            elif name == "conflicts":
                table.create(columns, pk=("document_id", "other_id"))
            else:
                table.create(columns, pk="path")
        else:
            existing = set(table.columns_dict)
            for column, type_ in columns.items():
                if column not in existing:
                    table.add_column(column, type_)
        if name in read_as:
            _move_to_stored(db, read_as[name])
        for column in INDEXES.get(read_as.get(name, name), []):
            table.create_index([column], if_not_exists=True)
    for name, sql in views().items():
        ensure_view(db, name, sql)
    ensure_fts(db)


def _move_to_stored(db: sqlite_utils.Database, name: str) -> None:
    """A mention table written by an earlier version, which held every text (`name` is a
    table, not the view): its rows go to the stored table, their texts kept as spans.py
    keeps them, document by document, and the table is dropped (the view takes its name)."""
    derived = derived_columns(name)
    with db.atomic():
        found = db.execute("select type from sqlite_master where name = ?", [name]).fetchone()
        if not found or found[0] != "table":
            return
        present = set(db[name].columns_dict)
        columns = tuple(c for c in read_columns()[name] if c in present)
        layout = stored_columns(columns, derived)
        insert = (f"insert into [{stored_table(name)}] ({', '.join(f'[{c}]' for c in layout)}) "
                  f"values ({', '.join('?' for _ in layout)})")
        select = (f"select {', '.join(f'[{c}]' for c in columns)} from [{name}] "
                  "where document_id is ? order by rowid")
        for (doc,) in db.execute(f"select distinct document_id from [{name}]").fetchall():
            text = db.execute("select text from documents where id = ?", [doc]).fetchone()
            rows = db.execute(select, [doc]).fetchall()
            db.conn.executemany(insert, stored_rows(columns, rows, derived, Places(text[0] if text else None)))
        db.execute(f"drop table [{name}]")


def ensure_view(db: sqlite_utils.Database, name: str, sql: str) -> None:
    """Create the view, or replace it when this version defines it differently (a view
    written by an earlier version would otherwise keep its old columns)."""
    statement = f"CREATE VIEW [{name}] AS\n{sql}"
    found = db.execute("select sql from sqlite_master where type = 'view' and name = ?", [name]).fetchone()
    if found and found[0] == statement:
        return
    # SQLite keeps the statement without IF NOT EXISTS, so the comparison above holds; the
    # guards let two processes opening the same old database both get through.
    db.execute(f"DROP VIEW IF EXISTS [{name}]")
    db.execute(statement.replace("CREATE VIEW", "CREATE VIEW IF NOT EXISTS", 1))


def views() -> dict[str, str]:
    """Every view, in the order they are created (a view reads those before it)."""
    return {**{name: mention_view_sql(name) for name in mention_tables()},
            "cited_keys": CITED_KEYS_SQL, "new_money": new_money_sql(),
            "money_cells": MONEY_CELLS_SQL, "latest_money": LATEST_MONEY_SQL,
            "document_status": document_status_sql()}


def mention_view_sql(table: str) -> str:
    """A mention table as read: its stored table's columns, each derived text given back."""
    derived = derived_columns(table)
    columns = [f"{derived[c].sql()} as [{c}]" if c in derived else f"t.[{c}]" for c in read_columns()[table]]
    return "select\n  " + ",\n  ".join(columns) + f"\nfrom [{stored_table(table)}] t"


# "Who cites X" must work for documents we do not hold, so the cited side is the citations
# themselves, grouped by their folded lookup key.
CITED_KEYS_SQL = """select
  lookup_key,
  min(key) as key,
  max(kind) as kind,
  max(year) as year,
  count(*) as citations,
  count(distinct document_id) as citing_documents,
  max(cited_document_id) as cited_document_id
from citations
where lookup_key is not null and lookup_key != ''
group by lookup_key"""


# ------------------------------------------------------------------ status view
class StatusLabels(BaseModel):
    status: dict[str, str]


# What every act in force on a number does to it, strongest first: replaced or ended whole;
# not yet in force by its own date; ended in part or suspended; amended. An act counts from
# its effective date (none stated: at once), whoever reports it, so a document we only know
# by citation gets a status too. A held document's own end (effective_until) ends it whole.
_STATUS_RULES = (
    ("bi_thay_the", "max(a.action = 'thay_the' and a.whole)"),
    ("het_hieu_luc_toan_bo", "max(a.action in ('bai_bo', 'het_hieu_luc') and a.whole) "
                             "or max(d.effective_until) < date('now')"),
    ("chua_co_hieu_luc", "min(d.effective_from) > date('now')"),
    ("tam_ngung_hieu_luc", "max(a.action = 'dinh_chi' and a.whole)"),
    ("het_hieu_luc_mot_phan", "max(a.action in ('bai_bo', 'het_hieu_luc', 'thay_the', 'dinh_chi'))"),
    ("bi_sua_doi", "max(a.action in ('sua_doi', 'dinh_chinh'))"),
)


def document_status_sql() -> str:
    """One row per number key (held, cited or acted on): its status code and label, and the
    acts behind it."""
    labels = patterns.load("effects", StatusLabels).status
    cases = "\n".join(f"    when coalesce({rule}, 0) then '{code}'" for code, rule in _STATUS_RULES)
    label = "\n".join(f"    when '{code}' then '{text}'" for code, text in labels.items())
    return f"""with keys as (
  select number_key as number_key from documents where number_key is not null
  union select lookup_key from citations where lookup_key is not null and lookup_key != ''
  union select target_lookup_key from effects where target_lookup_key is not null
),
acts as (
  select * from effects where target_lookup_key is not null
    and (effective_date is null or effective_date <= date('now'))
),
status as (
  select k.number_key,
  case
{cases}
    else 'con_hieu_luc'
  end as status,
  (select count(*) from documents h where h.number_key = k.number_key) as held,
  min(d.effective_from) as effective_from,
  max(d.effective_until) as effective_until,
  count(distinct a.actor_key) as acts,
  group_concat(distinct a.actor_key) as acted_by,
  max(a.effective_date) as last_act_date
  from keys k
  left join acts a on a.target_lookup_key = k.number_key
  left join documents d on d.number_key = k.number_key
  group by k.number_key
)
select number_key, status,
  case status
{label}
  end as status_label,
  held, effective_from, effective_until, acts, acted_by, last_act_date
from status"""


# ------------------------------------------------------------------ money views
# What an analyst sums (../shared/gold/FIGURES.md): new money only. An amount that says an
# earlier one again (`restates`) and a norm per unit (role 'rate') are left out, the rest
# is kept whatever its role. The document's date (its issue date, or a news item's
# publication date) is what "latest" means.
#
# `outer_total`: a total that is not listed under another total of the same cell. "Vốn sự
# nghiệp: 18.813 triệu đồng, gồm: …" is a total of its parts, and itself one of the parts
# of "tổng số 77.223 triệu đồng, trong đó: …"; a cell adds its outer totals only.
def new_money_sql() -> str:
    """Every amount column (the view follows the model like the table does), whether it is
    an outer total, and the document's date."""
    columns = ["a.document_id", "a.seq", *(f"a.[{name}]" for name in Amount.model_fields)]
    same_cell = " and ".join(f"p.[{c}] is a.[{c}]" for c in ("role", "programme", "project", "year", "place"))
    columns.append(f"(a.total and not coalesce(p.total and {same_cell}, 0)) as outer_total")
    columns.append("coalesce(d.issued_date, d.published) as document_date")
    return ("select\n  " + ",\n  ".join(columns) + "\nfrom amounts a join documents d on d.id = a.document_id"
            "\nleft join amounts p on p.document_id = a.document_id and p.seq = a.part_of"
            "\nwhere a.restates is null and a.role is not 'rate'")


# One row per document and cell (programme, project, role, year, place): the cell's money.
# Where the cell holds amounts marked total, it is the sum of its outer totals alone: their
# parts (by funding source, by commune) would count the money twice. `total` says which
# rule gave the sum.
MONEY_CELLS_SQL = """select
  document_id, programme, project, role, year, place,
  case when max(outer_total) then sum(case when outer_total then vnd end) else sum(vnd) end as vnd,
  max(total) as total,
  count(*) as amounts,
  max(document_date) as document_date
from new_money
where vnd is not null
group by document_id, programme, project, role, year, place"""

# For each cell, the figure of the most recent document that states it (a later report
# updates an earlier plan's figure; adding them would count the money twice). Ties go to
# the smallest document id, so the choice does not depend on ingest order; a document
# without a date comes last.
LATEST_MONEY_SQL = """select programme, project, role, year, place, vnd, total, document_id, document_date,
  documents
from (
  select c.*,
    row_number() over cell_by_date as nth,
    count(*) over (partition by programme, project, role, year, place) as documents
  from money_cells c
  window cell_by_date as (partition by programme, project, role, year, place
                          order by document_date desc, document_id)
)
where nth = 1"""
