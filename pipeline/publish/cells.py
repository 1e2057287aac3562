"""How a table cell is shown (plugin.render_cell, and the plugin's own pages through their
Jinja filters): money the Vietnamese way, and links from a cell to the document it names."""
from __future__ import annotations

from markupsafe import Markup

from ..store import views
from .document import DOCUMENT_ID
from .labels import vnd_scale, vnd_text

# Views whose document_id links to the document page, like a canned query's.
LINKED_VIEWS = frozenset(views())


def money_markup(vnd) -> Markup | None:
    """A VND value right-aligned, exact, with its readable scale as the tooltip:
    <span class="vanban-vnd" title="1,07 tỷ đồng">1.066.400.000 đ</span>; None when the
    value is not a number (Datasette then shows the cell as usual)."""
    text = vnd_text(vnd)
    if not text:
        return None
    return Markup('<span class="vanban-vnd" title="{}">{}</span>').format(vnd_scale(vnd), text)


def linked_document(row, value, column, table) -> str | None:
    """The document a cell names: a documents row's number, title or path; a document id in
    a query or view; a query's `document` column beside its document_id."""
    if not isinstance(value, str) or not value:
        return None
    if table == "documents" and column in ("number_symbol", "title", "path"):
        return row["id"]
    if table is not None and table not in LINKED_VIEWS:
        return None
    if column in ("id", "document_id", "cited_document_id") and DOCUMENT_ID.fullmatch(value):
        return value
    if column == "document":
        try:
            doc_id = row["document_id"]
        except (IndexError, KeyError):
            return None
        return doc_id if isinstance(doc_id, str) and DOCUMENT_ID.fullmatch(doc_id) else None
    return None


__all__ = ["money_markup", "linked_document"]
