"""The plugin's own pages (its routes: plugin.register_routes): a document's page, its
original file, the search page and its JSON, the static files, a fact's row address; and
the Vietnamese error page (plugin.handle_exception)."""
from __future__ import annotations

import urllib.parse
from pathlib import Path

from datasette.utils import urlsafe_components
from datasette.utils.asgi import Base400, NotFound, Response
from datasette.views.base import DatasetteError
from markupsafe import Markup

from .document import DOCUMENT_ID, document_url, load_document, page_context, source_file
from .labels import (
    ERROR_HELP, ERROR_TITLE, ERROR_TITLES, HOME, NO_SUCH_DOCUMENT, PROGRAMME, QUERY_LIMITS, SEARCH,
    STATUS,
)
from .limits import QueryRefused, deadline_for, plugin_slot, run_bounded
from .search import (
    FILTER_FIELDS, HIT_CLOSE, HIT_OPEN, MAX_QUERY_CHARS, MAX_QUERY_WORDS, Filters, check_query,
    clean_query, group_by_document, read_filters, run_search,
)

STATIC = Path(__file__).parent / "static"
SEARCH_PATH = "/-/vanban/search"


async def fact_row_page(datasette, request):
    """A fact's row address (/db/amounts/<document id>,<seq>): the fact tables are views,
    which Datasette gives no row page, so the address leads to the table page of that one
    row (its JSON for .json)."""
    vars_ = request.url_vars
    parts = urlsafe_components(vars_["pks"])
    if len(parts) != 2 or not parts[1].isdigit():
        raise NotFound("không có dòng này / no such row")
    table = datasette.urls.table(vars_["database"], vars_["table"], format="json" if vars_["as_json"] else None)
    query = urllib.parse.urlencode({"document_id": parts[0], "seq": parts[1]})
    return Response.redirect(f"{table}?{query}" + (f"&{request.query_string}" if request.query_string else ""))


async def static_file(request):
    path = STATIC / request.url_vars["name"]
    if not path.is_file():
        raise NotFound("no such file")
    types = {".css": "text/css", ".js": "application/javascript", ".svg": "image/svg+xml"}
    return Response(path.read_text(encoding="utf-8"), content_type=types[path.suffix] + "; charset=utf-8",
                    headers={"Cache-Control": "max-age=3600"})


async def vanban_databases(datasette) -> list[str]:
    names = []
    for name, db in datasette.databases.items():
        if name.startswith("_"):
            continue
        # citations is a view over its stored table (a table in a database of an earlier
        # version served as it is)
        tables = set(await db.table_names()) | set(await db.view_names())
        if {"documents", "citations"} <= tables:
            names.append(name)
    return names


async def document_page(datasette, request):
    deadline = deadline_for(datasette)
    doc_id = request.url_vars["id"]
    if not DOCUMENT_ID.fullmatch(doc_id):
        raise NotFound(NO_SUCH_DOCUMENT.format(id=doc_id))
    for name in await vanban_databases(datasette):
        await datasette.ensure_permissions(request.actor, [
            ("view-table", (name, "documents")), ("view-database", name), "view-instance",
        ])
        try:
            async with plugin_slot(datasette, deadline, page=True):
                page = await run_bounded(datasette, datasette.get_database(name),
                                         lambda conn: load_document(conn, doc_id), deadline, page=True)
                if page is None:
                    continue
                context = page_context(datasette, name, page)
                html = await datasette.render_template("document.html", context, request=request)
        except QueryRefused as refused:
            return await refused_page(datasette, request, refused)
        return Response.html(html)
    raise NotFound(NO_SUCH_DOCUMENT.format(id=doc_id))


# How each original format is sent: a PDF can be read in the browser; the others (an HTML
# page included: its scripts must never run on this site) are downloaded.
FILE_TYPES = {".pdf": "application/pdf", ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              ".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8",
              ".md": "text/markdown; charset=utf-8"}


async def file_page(datasette, request):
    """The document's original file, read-only, when `vanban serve --files ROOT` was given
    (datasette.vanban_files) and the file lies inside ROOT; else 404."""
    root = getattr(datasette, "vanban_files", None)
    doc_id = request.url_vars["id"]
    if root is None:
        raise NotFound("Máy chủ này không phục vụ tệp gốc (chạy vanban serve --files THƯ_MỤC) / "
                       "this server does not serve original files")
    if not DOCUMENT_ID.fullmatch(doc_id):
        raise NotFound(NO_SUCH_DOCUMENT.format(id=doc_id))
    for name in await vanban_databases(datasette):
        await datasette.ensure_permissions(request.actor, [
            ("view-table", (name, "documents")), ("view-database", name), "view-instance",
        ])
        path = await datasette.get_database(name).execute_fn(lambda conn: source_file(conn, doc_id, Path(root)))
        if path is None:
            continue
        inline = path.suffix.lower() == ".pdf" and request.args.get("download") != "1"
        disposition = "inline" if inline else "attachment"
        quoted = urllib.parse.quote(path.name)
        headers = {"Content-Disposition": f"{disposition}; filename*=UTF-8''{quoted}", "X-Content-Type-Options": "nosniff"}
        if not inline:  # opened anyway (a browser that ignores attachment), it runs nothing
            headers["Content-Security-Policy"] = "sandbox"
        return Response(path.read_bytes(), content_type=FILE_TYPES.get(path.suffix.lower(), "application/octet-stream"),
                        headers=headers)
    raise NotFound("Không có tệp gốc của văn bản này trong thư mục được phục vụ / "
                   "no original file of this document under the served folder")


async def search_page(datasette, request):
    """The search page, and the same results as JSON at search.json: a query out of bounds
    (or a date not dd/mm/yyyy) is refused before any SQL runs (400), a search past its time
    limit is stopped (400); the page shows the form again with a message. The search and
    its rendering hold the plugin's slot (limits.plugin_slot)."""
    deadline = deadline_for(datasette)
    as_json = bool(request.url_vars.get("as_json"))
    query = clean_query(request.args.get("q"))
    exact = request.args.get("exact") == "1"
    typed = {name: clean_query(request.args.get(name)) for name in FILTER_FIELDS}
    context = {"database": None, "query": query, "exact": exact, "found": {}, "error": None,
               "filters": typed, "advanced": any(typed.values()), "statuses": list(STATUS.items()),
               "programmes": list(PROGRAMME.items()),
               "limits_hint": QUERY_LIMITS.format(chars=MAX_QUERY_CHARS, words=MAX_QUERY_WORDS)}
    try:
        # First, so that a refused query costs no database work at all.
        check_query(query, exact)
        filters = read_filters(request.args)
        names = await vanban_databases(datasette)
        if not names:
            raise NotFound("Không có cơ sở dữ liệu vanban / no vanban database")
        name = context["database"] = names[0]
        await datasette.ensure_permissions(request.actor, [
            ("view-table", (name, "documents")), ("view-database", name), "view-instance",
        ])
        async with plugin_slot(datasette, deadline):
            found = await run_bounded(datasette, datasette.get_database(name),
                                      lambda conn: run_search(conn, query, exact, filters), deadline)
            found = linked_results(datasette, found)
            if as_json:
                return Response.json(search_json(found, filters), default=str)
            context.update(found=found,
                           who_cites_url=datasette.urls.query(name, "who_cites") + "?"
                           + urllib.parse.urlencode({"key": query}),
                           json_url=datasette.urls.path(SEARCH_PATH + ".json") + "?" + request.query_string)
            html = await datasette.render_template("vanban_search.html", context, request=request)
    except QueryRefused as refused:
        if as_json:
            return Response.json({"ok": False, "error": refused.message}, status=refused.status)
        context["error"] = refused.message
        return Response.html(await datasette.render_template("vanban_search.html", context, request=request),
                             status=refused.status)
    return Response.html(html)


def search_json(found: dict, filters: Filters) -> dict:
    """The search page's results as data: documents (snippet as plain text, and as HTML with
    the hits in <mark>), then the sentences found, one entry per document with their count."""
    documents = [{**{k: v for k, v in d.items() if k != "snippet_html"},
                  "snippet": (d.get("snippet") or "").replace(HIT_OPEN, "").replace(HIT_CLOSE, "") or None,
                  "snippet_html": str(d["snippet_html"]) if d.get("snippet") else None}
                 for d in found.get("documents", [])]
    grouped = {kind: [{**{k: v for k, v in g.items()}, "rows": g["rows"]} for g in found.get(kind, [])]
               for kind in ("citations", "amounts", "figures") if kind in found}
    return {"ok": True, "query": found.get("query"), "mode": found.get("mode"),
            "filters": {k: v for k, v in vars(filters).items() if v}, "documents": documents, **grouped}


def linked_results(datasette, found: dict) -> dict:
    """The search's rows with links to their documents, snippets as markup, and the
    sentences found grouped by document (group_by_document)."""
    for row in found.get("documents", []):
        row["href"] = document_url(datasette, row["id"])
        row["snippet_html"] = hit_markup(row.get("snippet"))
    for kind in ("citations", "amounts", "figures"):
        if kind not in found:
            continue
        for row in found[kind]:
            if row.get("cited_document_id"):
                row["cited_href"] = document_url(datasette, row["cited_document_id"])
        found[kind] = group_by_document(found[kind])
        for group in found[kind]:
            group["href"] = document_url(datasette, group["document_id"])
    return found


async def refused_page(datasette, request, refused: QueryRefused) -> Response:
    """Datasette's own error page with the plugin's message, not a traceback."""
    context = {"ok": False, "error": refused.message, "status": refused.status,
               "title": "Không hiển thị được / Not shown"}
    return Response.html(await datasette.render_template("error.html", context, request=request),
                         status=refused.status)


def client_error_status(exception: BaseException) -> int | None:
    """The 4xx status of an error that is the client's, or None."""
    if isinstance(exception, Base400):
        return exception.status
    if isinstance(exception, DatasetteError) and 400 <= exception.status < 500:
        return exception.status
    return None


async def error_response(datasette, request, exception: BaseException, status: int) -> Response:
    """The error as JSON for a .json address (Datasette's keys), else as a page: the
    Vietnamese title and help, the message, and the ways on (home, search)."""
    if isinstance(exception, DatasetteError):
        message = Markup(exception.message) if exception.message_is_html else exception.message
    else:
        message = str(exception.args[0]) if exception.args else ""
    title = ERROR_TITLES.get(status, ERROR_TITLE.format(status=status))
    if request.path.endswith(".json"):
        return Response.json({"ok": False, "error": str(message), "status": status, "title": title},
                             status=status)
    body = Markup('<p>{}</p>').format(message) if message and message != str(status) else Markup()
    if status in ERROR_HELP:
        body += Markup('<p>{}</p>').format(ERROR_HELP[status])
    body += Markup('<p><a href="{}">{}</a> · <a href="{}">{}</a></p>').format(
        datasette.urls.instance(), HOME, datasette.urls.path(SEARCH_PATH), SEARCH)
    context = {"ok": False, "error": body, "status": status, "title": title}
    return Response.html(await datasette.render_template(["error.html"], context, request=request),
                         status=status)


def hit_markup(snippet: str | None) -> Markup:
    """A snippet escaped as text, then its hit markers turned into <mark>."""
    escaped = str(Markup.escape(snippet or ""))
    return Markup(escaped.replace(HIT_OPEN, "<mark>").replace(HIT_CLOSE, "</mark>"))


__all__ = ["SEARCH_PATH", "vanban_databases", "document_page", "file_page", "search_page", "static_file",
           "fact_row_page", "client_error_status", "error_response", "hit_markup"]
