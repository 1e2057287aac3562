"""The data of a document page: the document, its facts by type and its citations both
ways, read in one connection; the text cut into highlighted segments; the citation graph.
The plugin's pages (pages.py) serve it."""
from __future__ import annotations

import json
import re
import sqlite3
import urllib.parse
from pathlib import Path

from ..store import mention_tables
from .labels import RELATION, code_label, national_search_url, vn_date, vnd_scale, vnd_text

DOCUMENT_PATH = "/-/vanban/document/"
DOCUMENT_ID = re.compile(r"[0-9a-f]{16}")
# The original file, when `vanban serve --files ROOT` allows it (pages.py serves it).
FILE_PATH = "/-/vanban/file/"
# Rows of one kind a document page reads: far above any real document's facts (the longest
# plan in the corpus has a few hundred amounts), so a page is complete, yet bounded for a
# law cited by the whole database.
ROW_LIMIT = 5000

# Highlighted fact types, earlier first when two start at the same offset and are as long.
MARKED = ("citations", "amounts", "percentages", "dates", "organizations", "projects", "figures")
CSS_CLASS = {"citations": "citation", "amounts": "amount", "percentages": "percentage",
             "dates": "date", "organizations": "organization", "projects": "project",
             "figures": "figure"}


def document_url(datasette, doc_id: str) -> str:
    return datasette.urls.path(DOCUMENT_PATH + doc_id)


# ------------------------------------------------------------------ page data
def _rows(conn: sqlite3.Connection, sql: str, params=()) -> list[dict]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


def load_document(conn: sqlite3.Connection, doc_id: str) -> dict | None:
    """Everything the document page shows, read in one go, up to ROW_LIMIT rows of a kind
    (the plugin runs it within its time limit: limits.run_bounded)."""
    docs = _rows(conn, "select * from documents where id = ? limit 1", [doc_id])
    if not docs:
        return None
    doc = docs[0]
    # A fact table is a view over its stored table (a database of an earlier version, served
    # read-only as it is, has the table itself).
    present = {r[0] for r in conn.execute("select name from sqlite_master where type in ('table', 'view')")}
    facts = {}
    for table in mention_tables():
        if table in present:
            facts[table] = _rows(conn, f"select * from [{table}] where document_id = ? order by seq limit {ROW_LIMIT}",
                                  [doc_id])
    held = {r["cited_document_id"] for r in facts.get("citations", []) if r.get("cited_document_id")}
    titles = {}
    if held:
        marks = ", ".join("?" for _ in held)
        for r in _rows(conn, f"select id, number_symbol, title from documents where id in ({marks})", list(held)):
            titles[r["id"]] = r
    # Citations linked here, and those of this number that could name it but also another
    # document (ambiguous); not those whose issuer or date names another document. A database
    # written before link_status existed shows every citation of the number.
    statused = "citations" in present and any(
        r[1] == "link_status" for r in conn.execute("pragma table_info(citations)"))
    unlinked = "c.link_status = 'ambiguous'" if statused else "1"
    cited_by = _rows(conn, f"""
        select c.document_id, c.number_symbol as cited, c.relation, c.sentence, c.pinpoint,
               {"c.link_status" if statused else "null as link_status"},
               d.number_symbol, d.kind, d.title, d.issued_date, d.issuer
        from citations c join documents d on d.id = c.document_id
        where c.document_id != :id
          and (c.cited_document_id = :id
               or (:key is not null and c.lookup_key = :key and c.cited_document_id is null and {unlinked}))
        order by d.issued_date, c.document_id, c.seq limit :limit""",
                     {"id": doc_id, "key": doc.get("number_key"), "limit": ROW_LIMIT})
    conflicts = _rows(conn, """
        select c.other_id, c.similarity, d.kind, d.number_symbol, d.title, d.issuer, d.issued_date,
               d.format, d.path
        from conflicts c join documents d on d.id = c.other_id
        where c.document_id = ? order by c.other_id limit ?""", [doc_id, ROW_LIMIT]) if "conflicts" in present else []
    sources = _rows(conn, "select path, mtime, ingested_at from sources where document_id = ? order by path limit ?",
                    [doc_id, ROW_LIMIT]) if "sources" in present else []
    status, acts = None, []
    if "effects" in present and doc.get("number_key"):
        found = _rows(conn, "select * from document_status where number_key = ?", [doc["number_key"]])
        status = found[0] if found else None
        # The acts on this document, each acting document once per action, earliest first.
        acts = _rows(conn, """
            select e.action, e.scope, e.whole, max(e.effective_date) as effective_date, e.actor, e.actor_key,
                   e.document_id as evidence_id, min(e.sentence) as sentence,
                   a.id as actor_id, a.kind as actor_kind, a.number_symbol as actor_number, a.title as actor_title,
                   a.issued_date as actor_date
            from effects e
            left join documents a on a.number_key = e.actor_key
            where e.target_lookup_key = :key or e.target_document_id = :id
            group by e.action, e.actor_key, e.scope
            order by coalesce(max(e.effective_date), a.issued_date), e.actor_key limit :limit""",
                     {"key": doc["number_key"], "id": doc_id, "limit": ROW_LIMIT})
    return {"document": doc, "facts": facts, "held": titles, "cited_by": cited_by, "sources": sources,
            "conflicts": conflicts, "status": status, "acts": acts}


def highlight(text: str, facts: dict[str, list[dict]]) -> list[tuple[dict, str]]:
    """Non-overlapping facts in text order: the longest wins where two overlap, and the
    earlier type in MARKED wins a tie."""
    spans = []
    for rank, table in enumerate(MARKED):
        for row in facts.get(table, []):
            start, end = row.get("start"), row.get("end")
            if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
                spans.append((start, -(end - start), rank, table, row))
    spans.sort(key=lambda s: s[:3])
    chosen, last_end = [], 0
    for start, neg_len, _, table, row in spans:
        if start >= last_end:
            chosen.append((table, row))
            last_end = start - neg_len
    return chosen


def _money(row: dict) -> str:
    """'1.066.400.000 đ (1,07 tỷ đồng)', or a foreign amount as read ('5000 USD')."""
    if isinstance(row.get("vnd"), int):
        return f"{vnd_text(row['vnd'])} ({vnd_scale(row['vnd'])})"
    return f"{row.get('value')} {row.get('currency')}"


def _number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value)


def describe(table: str, row: dict) -> str:
    """The mark's tooltip: the normalised value the extractor read."""
    if table == "citations":
        parts = [row.get("number_symbol"), code_label("relation", row.get("relation")) or row.get("relation"),
                 row.get("date"), row.get("issuer_name")]
    elif table == "amounts":
        parts = [_money(row), code_label("role", row.get("role")) or row.get("role"),
                 code_label("programme", row.get("programme")) or row.get("programme"),
                 row.get("project"), row.get("year") or row.get("period"), row.get("place")]
    elif table == "percentages":
        parts = [f"{row.get('value')}%", row.get("measure")]
    elif table == "dates":
        parts = [row.get("value")]
    elif table == "organizations":
        parts = [row.get("name"), code_label("level", row.get("level")) or row.get("level"),
                 code_label("role", row.get("role"))]
    elif table == "projects":
        parts = [row.get("label"), row.get("name")]
    else:
        parts = [f"{row.get('value')} {row.get('unit')}"]
    return " · ".join(str(p) for p in parts if p not in (None, ""))


def page_context(datasette, database: str, page: dict) -> dict:
    doc, facts = page["document"], page["facts"]
    text = doc.get("text") or ""

    def who_cites(key: str) -> str:
        return datasette.urls.query(database, "who_cites") + "?" + urllib.parse.urlencode({"key": key})

    def citation_href(row: dict) -> str | None:
        if row.get("cited_document_id"):
            return document_url(datasette, row["cited_document_id"])
        key = row.get("key") or row.get("number_symbol")
        return who_cites(key) if key else None

    segments, pos = [], 0
    for table, row in highlight(text, facts):
        if row["start"] > pos:
            segments.append({"text": text[pos:row["start"]]})
        segments.append({
            "text": text[row["start"]:row["end"]], "kind": CSS_CLASS[table], "title": describe(table, row),
            "href": citation_href(row) if table == "citations" else None,
        })
        pos = row["end"]
    if pos < len(text):
        segments.append({"text": text[pos:]})

    cites = [{**row, "href": citation_href(row), "held": page["held"].get(row.get("cited_document_id")),
              "national_url": None if row.get("cited_document_id") else national_search_url(row.get("number_symbol"))}
             for row in facts.get("citations", [])]
    cited_by = [{**row, "href": document_url(datasette, row["document_id"])} for row in page["cited_by"]]
    amounts = facts.get("amounts", [])
    tables = [{"table": t, "count": len(rows), "href": datasette.urls.table(database, t) + "?"
               + urllib.parse.urlencode({"document_id": doc["id"]})}
              for t, rows in facts.items() if rows]
    header = [(label, vn_date(doc.get(column)) or doc.get(column)) for column, label in HEADER_LABELS
              if doc.get(column) not in (None, "", "[]")]
    return {
        "database": database,
        "document": doc,
        "header": header,
        "recipients": _json_list(doc.get("recipients")),
        "flags": _json_list(doc.get("flags")),
        "segments": segments,
        "legend": [(CSS_CLASS[t], LEGEND[t], len(facts.get(t, []))) for t in MARKED],
        "cites": cites,
        "cites_by_relation": by_relation(cites),
        "status": page.get("status"),
        "acts": [{**act, "href": document_url(datasette, act["actor_id"] if act.get("actor_id") else act["evidence_id"])}
                 for act in page.get("acts", [])],
        "cited_by": cited_by,
        "graph": citation_graph(doc, cites, cited_by),
        "amounts": amounts,
        "figures": [{**row, "value_text": _number(row.get("value")),
                     "denominator_text": _number(row.get("denominator"))} for row in facts.get("figures", [])],
        "percentages": facts.get("percentages", []),
        "tables": tables,
        "sources": page["sources"],
        "conflicts": [{**row, "href": document_url(datasette, row["other_id"])}
                      for row in page.get("conflicts", [])],
        "row_url": datasette.urls.row(database, "documents", doc["id"]),
        "file_url": datasette.urls.path(FILE_PATH + doc["id"]) if getattr(datasette, "vanban_files", None) else None,
        "who_cites_url": who_cites(doc["number_symbol"]) if doc.get("number_symbol") else None,
    }


def by_relation(cites: list[dict]) -> list[tuple[str, list[dict]]]:
    """The citations under their relation's Vietnamese label, in the order a reader weighs
    them (căn cứ, thực hiện, hướng dẫn, sửa đổi, thay thế, bãi bỏ, dẫn chiếu), each group
    in text order; a relation outside the list comes last under its code."""
    order = list(RELATION)
    groups: dict[str, list[dict]] = {}
    for row in cites:
        groups.setdefault(row.get("relation") or "dan_chieu", []).append(row)
    ranked = sorted(groups, key=lambda r: (order.index(r) if r in order else len(order), r))
    return [(RELATION.get(r, r), groups[r]) for r in ranked]


GRAPH_ROW, GRAPH_WIDTH, GRAPH_LABEL = 24, 760, 34


def citation_graph(doc: dict, cites: list[dict], cited_by: list[dict]) -> dict:
    """Positions for a one-step graph drawn as inline SVG: the documents citing this one on
    the left, this one in the middle, what it cites on the right; one node per document."""
    def short(text: str) -> str:
        return text if len(text) <= GRAPH_LABEL else text[:GRAPH_LABEL - 1] + "…"

    left, seen = [], set()
    for c in cited_by:
        if c["document_id"] not in seen:
            seen.add(c["document_id"])
            label = " ".join(x for x in (c.get("kind"), c.get("number_symbol")) if x) or (c.get("title") or c["document_id"])
            left.append({"label": short(label), "title": c.get("title") or "", "href": c["href"], "held": True})
    right, seen = [], set()
    for c in cites:
        key = c.get("cited_document_id") or c.get("key") or c.get("number_symbol")
        if key and key not in seen:
            seen.add(key)
            label = " ".join(x for x in (c.get("kind"), c.get("number_symbol")) if x)
            right.append({"label": short(label), "title": (c.get("held") or {}).get("title") or "",
                          "href": c.get("href"), "held": bool(c.get("cited_document_id"))})
    rows = max(len(left), len(right), 1)
    height = rows * GRAPH_ROW + 16
    middle = height / 2
    for column, x in ((left, 8), (right, GRAPH_WIDTH - 258)):
        top = middle - len(column) * GRAPH_ROW / 2
        for i, node in enumerate(column):
            node.update(x=x, y=top + i * GRAPH_ROW + 2)
    centre = {"label": short(" ".join(x for x in (doc.get("kind"), doc.get("number_symbol")) if x)
                             or "(văn bản này / this document)"),
              "x": GRAPH_WIDTH / 2 - 110, "y": middle - 11}
    return {"width": GRAPH_WIDTH, "height": height, "left": left, "right": right, "centre": centre}


def source_file(conn: sqlite3.Connection, doc_id: str, root: Path) -> Path | None:
    """The document's original file under `root`: the first of its stored paths (ingested
    relative to the serving folder, or absolute) that is a file inside `root` once every
    link is followed; None when none is. Nothing outside `root` is ever returned."""
    root = root.resolve()
    paths = [r[0] for r in conn.execute(
        "select path from documents where id = ? union select path from sources where document_id = ?",
        [doc_id, doc_id]) if r[0]]
    for stored in paths:
        path = Path(stored).resolve()
        if path.is_relative_to(root) and path.is_file():
            return path
    return None


def _json_list(value) -> list:
    try:
        items = json.loads(value) if value else []
    except ValueError:
        return [value]
    return items if isinstance(items, list) else [items]


HEADER_LABELS = (
    ("kind", "Loại văn bản / Type"),
    ("number_symbol", "Số ký hiệu / Number"),
    ("issued_date", "Ngày ban hành / Issued"),
    ("issued_place", "Địa danh / Place"),
    ("effective_from", "Hiệu lực từ / In force from"),
    ("effective_until", "Hiệu lực đến / In force until"),
    ("issuer", "Cơ quan ban hành / Issuer"),
    ("parent_body", "Cơ quan chủ quản / Parent body"),
    ("title", "Trích yếu / Subject"),
    ("authority", "Thẩm quyền ký / Authority"),
    ("signer_position", "Chức vụ / Position"),
    ("signer", "Người ký / Signer"),
    ("format", "Định dạng / Format"),
    ("pages", "Số trang / Pages"),
    ("extractor_version", "Phiên bản trích xuất / Extractor"),
)
LEGEND = {
    "citations": "Dẫn chiếu / citation", "amounts": "Số tiền / amount",
    "percentages": "Tỷ lệ / percentage", "dates": "Ngày / date",
    "organizations": "Cơ quan / organisation", "projects": "Dự án / project",
    "figures": "Số liệu / figure",
}
