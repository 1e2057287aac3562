"""The one search box: a number lookup when the query names a document number, else a
full-text search of the folded text (or the exact text) with the citations and figures
whose sentences match.

    run_search(conn, "qd 499")          -> mode "number": documents with that number and
                                           the citations of it
    run_search(conn, "quyet dinh")      -> mode "text": documents ranked by FTS, snippets,
                                           matching citation sentences, amounts and figures
    run_search(conn, "", Filters(issuer="Lạng Sơn", date_from="2024-01-01"))
                                        -> mode "filter": the documents the filters leave

Every mode takes the same Filters (issuer, kind, signer, issue dates, programme, status);
the sentences found (citations, amounts, figures) come grouped by their document.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass

from ..store import FTS_EXACT, FTS_FOLDED, FTS_MAX_WORDS, fts_words
from ..grammar import symbol_lookup as symbols
from ..text.fold import fold
from .labels import BAD_DATE, QUERY_TOO_LONG, QUERY_TOO_MANY_WORDS
from .limits import QueryRejected

# FTS snippets come back with these around each hit; they cannot occur in a document's
# text, so the page can escape the snippet first and only then turn them into <mark>.
HIT_OPEN, HIT_CLOSE = "\x02", "\x03"
LIMIT = 50
# Bounds on what a person types. A document number or a subject line fits in 200 characters
# and 24 different words; a 4,000-character query made an FTS expression that ran for
# seconds and a LIKE chain SQLite refused ("Expression tree is too large").
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = FTS_MAX_WORDS
# Rows a number lookup reads before key_matches filters them in Python, and rows it shows;
# a short number ('1') prefixes many keys.
NUMBER_CANDIDATES = 2000
NUMBER_SHOWN = 200
DOCUMENTS_SHOWN = 200
# Control characters (NUL included) are never part of a query; they become spaces.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Filters:
    """The advanced search's fields, all optional: issuer, signer (any part, marks or not),
    kind (QĐ, qd …), issue dates as ISO (inclusive), programme code, status code."""
    issuer: str = ""
    kind: str = ""
    signer: str = ""
    date_from: str = ""
    date_to: str = ""
    programme: str = ""
    status: str = ""

    def active(self) -> bool:
        return any(asdict(self).values())


FILTER_FIELDS = ("issuer", "kind", "signer", "date_from", "date_to", "programme", "status")
DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_day(text: str) -> str:
    """'05/9/2024' or '2024-09-05' -> '2024-09-05'; '' for ''; raises QueryRejected for
    anything else, with the message the page shows."""
    text = text.strip()
    if not text or ISO_DAY.fullmatch(text):
        return text
    match = DAY_MONTH_YEAR.fullmatch(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    raise QueryRejected(BAD_DATE.format(text=text))


def read_filters(args) -> Filters:
    """The filters of a request's arguments (a mapping with .get), dates read dd/mm/yyyy."""
    values = {name: clean_query(args.get(name))[:MAX_QUERY_CHARS] for name in FILTER_FIELDS}
    values["date_from"], values["date_to"] = iso_day(values["date_from"]), iso_day(values["date_to"])
    return Filters(**values)


def filter_sql(filters: Filters, alias: str = "d") -> tuple[str, dict]:
    """An SQL condition on the documents row `alias` for `filters` ('1' for none), and its
    parameters (named f_…)."""
    clauses, params = [], {}
    for name, column in (("issuer", "issuer"), ("signer", "signer")):
        if getattr(filters, name):
            clauses.append(f"vanban_fold({alias}.{column}) like '%' || :f_{name} || '%'")
            params[f"f_{name}"] = fold(getattr(filters, name))
    if filters.kind:
        clauses.append(f"vanban_fold({alias}.kind) = :f_kind")
        params["f_kind"] = fold(filters.kind)
    day = f"coalesce({alias}.issued_date, {alias}.published)"
    if filters.date_from:
        clauses.append(f"{day} >= :f_date_from")
        params["f_date_from"] = filters.date_from
    if filters.date_to:
        clauses.append(f"{day} <= :f_date_to")
        params["f_date_to"] = filters.date_to
    if filters.programme:
        clauses.append(f"""(exists (select 1 from amounts a where a.document_id = {alias}.id and a.programme = :f_programme)
             or exists (select 1 from projects p where p.document_id = {alias}.id and p.programme = :f_programme))""")
        params["f_programme"] = filters.programme
    if filters.status:
        clauses.append(f"{alias}.number_key in (select number_key from document_status where status = :f_status)")
        params["f_status"] = filters.status
    return (" and ".join(clauses) or "1"), params


# Markdown a rendering leaves in a text (bold, italics by underscores, heading hashes, table
# pipes): a snippet is shown as plain text.
MARKDOWN = re.compile(r"\*\*|__|(?m:^#{1,6}\s+)|\s*\|\s*(?=\|)|(?m:^\|\s*)|\s*\|\s*$")


def plain(text: str | None) -> str:
    """`text` without markdown marks: '**PHÓ CHỦ TỊCH** **(Đã ký)**' -> 'PHÓ CHỦ TỊCH (Đã ký)'."""
    return MARKDOWN.sub("", text or "")


def group_by_document(rows: list[dict]) -> list[dict]:
    """Sentence rows (citations, amounts, figures) as one entry per document, in the rows'
    order: the document's fields, `count` and its `rows`."""
    groups: dict[str, dict] = {}
    for row in rows:
        group = groups.get(row["document_id"])
        if group is None:
            group = groups[row["document_id"]] = {
                "document_id": row["document_id"], "kind": row.get("kind"), "number_symbol": row.get("number_symbol"),
                "title": row.get("title"), "issued_date": row.get("issued_date"), "count": 0, "rows": []}
        group["count"] += 1
        group["rows"].append(row)
    return list(groups.values())


def clean_query(text: str | None) -> str:
    """The query as typed, without control characters or surrounding space."""
    return CONTROL.sub(" ", text or "").strip()


def query_words(query: str, exact: bool = False) -> list[str]:
    """The distinct words to search for, in order (folded unless `exact`): repeating a word
    changes nothing in an AND search, so it does not count against the word limit."""
    return list(dict.fromkeys(re.findall(r"\w+", query if exact else fold(query))))


def check_query(query: str, exact: bool = False) -> None:
    """Raise QueryRejected, with the message the page shows, for a query out of bounds."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryRejected(QUERY_TOO_LONG.format(limit=MAX_QUERY_CHARS, length=len(query)))
    count = len(query_words(query, exact))
    if count > MAX_QUERY_WORDS:
        raise QueryRejected(QUERY_TOO_MANY_WORDS.format(limit=MAX_QUERY_WORDS, count=count))


def phrase_query(words: list[str]) -> str:
    """Each word quoted and required: FTS5 syntax in the input (NEAR, OR, -, ^, *, quotes)
    is never parsed as syntax; no word is the empty phrase, which matches nothing."""
    return " ".join(f'"{w}"' for w in words) or '""'


def exact_fts_query(text: str | None) -> str:
    """Each word quoted and required, marks kept (the exact index keeps them), at most
    FTS_MAX_WORDS distinct words: the canned exact search uses it as an SQL function."""
    return phrase_query(fts_words(text))


def looks_like_number(query: str) -> bool:
    # A register number plus at most a type word, a symbol or "số": 'qd 499', '499/QĐ-UBND',
    # 'quyết định số 499'. A query with a number among ordinary words ('năm 2023 giải ngân')
    # still tries the lookup and falls back to full text when nothing carries that number.
    return bool(re.search(r"\d", query)) and bool(symbols.lookup_parts(query).number)


def _rows(conn: sqlite3.Connection, sql: str, params) -> list[dict]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


def number_lookup(conn: sqlite3.Connection, query: str, filters: Filters = Filters()) -> dict:
    """Documents whose number is `query` in any spelling, and every citation of it (by
    documents the filters leave)."""
    number = symbols.lookup_parts(query).number
    where, params = filter_sql(filters)
    params.update({"q": query, "lo": number, "hi": number + "\U0010ffff", "candidates": NUMBER_CANDIDATES})
    # the document itself, and news items that report on it (their subject)
    documents = [r for r in _rows(conn, f"""
        select id, kind, number_symbol, coalesce(issued_date, published) as issued_date, issuer, title,
               subject_number
        from documents d where ((number_key >= :lo and number_key < :hi)
                                or (subject_key >= :lo and subject_key < :hi)) and {where}
        order by number_key is null, issued_date desc limit :candidates""", params)
        if symbols.key_matches(r["number_symbol"] or r["subject_number"], query)][:NUMBER_SHOWN]
    citations = [r for r in _rows(conn, f"""
        select c.document_id, c.seq, c.key, c.number_symbol as cited, c.relation, c.sentence,
               c.cited_document_id, d.kind, d.number_symbol, d.issued_date, d.title
        from citations c join documents d on d.id = c.document_id
        where c.lookup_key >= :lo and c.lookup_key < :hi and {where}
        order by d.issued_date desc, c.document_id, c.seq limit :candidates""", params)
        if symbols.key_matches(r["key"] or r["cited"], query)][:NUMBER_SHOWN]
    return {"documents": documents, "citations": citations}


def filtered_documents(conn: sqlite3.Connection, filters: Filters) -> list[dict]:
    """The documents the filters leave, latest first (an advanced search with no words)."""
    where, params = filter_sql(filters)
    return _rows(conn, f"""
        select d.id, d.kind, d.number_symbol, coalesce(d.issued_date, d.published) as issued_date, d.issuer,
               d.title, d.path, null as snippet
        from documents d where {where}
        order by coalesce(d.issued_date, d.published) desc limit {DOCUMENTS_SHOWN}""", params)


def text_search(conn: sqlite3.Connection, query: str, exact: bool = False, filters: Filters = Filters()) -> dict:
    """Documents by FTS rank with a snippet, then citations, amounts and figures whose
    sentence holds every word (folded unless `exact`), in documents the filters leave."""
    fts = FTS_EXACT if exact else FTS_FOLDED
    words = query_words(query, exact)
    match = phrase_query(words)
    where, filter_params = filter_sql(filters)
    documents = _rows(conn, f"""
        select d.id, d.kind, d.number_symbol, coalesce(d.issued_date, d.published) as issued_date, d.issuer,
               d.title, d.path, snippet({fts}, 1, '{HIT_OPEN}', '{HIT_CLOSE}', ' … ', 24) as snippet
        from {fts} f join documents d on d.rowid = f.rowid
        where {fts} match :match and {where} order by rank limit {DOCUMENTS_SHOWN}""",
                      {"match": match, **filter_params})
    if not words:
        return {"documents": documents, "citations": [], "amounts": [], "figures": []}
    column = "x.sentence" if exact else "vanban_fold(x.sentence)"
    where = " and ".join(f"{column} like :w{i}" for i in range(len(words))) + f" and {where}"
    params = {f"w{i}": f"%{w}%" for i, w in enumerate(words)} | filter_params
    found = {}
    # Documents are read latest first, by their issue date's index, and the sentences of
    # each in turn (CROSS JOIN keeps SQLite to that order), so a search stops at its LIMIT:
    # read the other way round, every sentence of the database was folded before sorting.
    for table, columns in (("citations", "x.number_symbol as value, x.relation as detail, x.cited_document_id"),
                           ("amounts", "x.text as value, x.vnd, x.role as detail, x.project"),
                           ("figures", "x.text as value, x.unit as detail")):
        found[table] = _rows(conn, f"""
            select x.document_id, x.sentence, {columns}, d.number_symbol, d.kind, d.title,
                   coalesce(d.issued_date, d.published) as issued_date
            from documents d cross join {table} x on x.document_id = d.id
            where {where}
            order by d.issued_date desc, x.document_id, x.seq limit {LIMIT}""", params)
    return {"documents": documents, **found}


def run_search(conn: sqlite3.Connection, query: str, exact: bool = False, filters: Filters = Filters()) -> dict:
    """What the search page shows for `query` within `filters`: its mode and the rows of
    each kind, snippets without markdown. Raises QueryRejected for a query out of bounds,
    before any SQL runs."""
    query = clean_query(query)
    check_query(query, exact)
    if not query:
        if filters.active():
            return {"mode": "filter", "query": query, "documents": filtered_documents(conn, filters)}
        return {"mode": "empty", "query": query}
    found = None
    if not exact and looks_like_number(query):
        found = {"mode": "number", "query": query, **number_lookup(conn, query, filters)}
        if not (found["documents"] or found["citations"]):
            found = None
    if found is None:
        found = {"mode": "exact" if exact else "text", "query": query, **text_search(conn, query, exact, filters)}
    for row in found["documents"]:
        row["snippet"] = plain(row.get("snippet")) or None
    for kind in ("citations", "amounts", "figures"):
        for row in found.get(kind, []):
            row["sentence"] = plain(row.get("sentence"))
    return found


__all__ = ["run_search", "Filters", "read_filters", "filter_sql", "iso_day", "plain", "group_by_document",
           "filtered_documents", "FILTER_FIELDS", "clean_query", "check_query", "query_words", "phrase_query", "number_lookup",
           "text_search", "looks_like_number", "exact_fts_query", "MAX_QUERY_CHARS", "MAX_QUERY_WORDS",
           "HIT_OPEN", "HIT_CLOSE"]
