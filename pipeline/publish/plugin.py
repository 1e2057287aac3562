"""The vanban Datasette plugin: SQL functions for the canned queries, a page per document
with every extracted fact highlighted, one search box over documents, citations and figures
on every page, links from table cells to document pages, and cells shown the Vietnamese
way: money as `1.066.400.000 đ` with `1,07 tỷ đồng` in its tooltip, codes (role, relation,
granularity, programme) by their Vietnamese label (labels.py has the vocabulary and the
money-column naming rule)."""
from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.utils import escape_fts, urlsafe_components
from datasette.utils.asgi import Base400, NotFound, Response
from datasette.views.base import DatasetteError
from jinja2 import ChoiceLoader, FileSystemLoader
from markupsafe import Markup

from ..store import mention_tables, register_functions, views
from ..text.fold import fold
from .chrome import WORDS, TranslatingLoader, describe_filters
from .document import DOCUMENT_PATH, document_url, load_document, page_context, source_file
from .labels import (
    ERROR_HELP, is_date_column, vn_date, ERROR_TITLE, ERROR_TITLES, HOME, NO_SUCH_DOCUMENT,
    QUERY_LIMITS, SEARCH, PROGRAMME, STATUS, code_label, is_money_column, is_percent_column,
    percent_text, vnd_scale, vnd_text,
)
from .limits import QueryRefused, deadline_for, plugin_slot, run_bounded
from .metadata import column_label
from .queries import QUERIES
from .search import (
    FILTER_FIELDS, HIT_CLOSE, HIT_OPEN, MAX_QUERY_CHARS, MAX_QUERY_WORDS, Filters, check_query,
    clean_query, exact_fts_query, group_by_document, read_filters, run_search,
)

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
SEARCH_PATH = "/-/vanban/search"
STATIC_PATH = "/-/vanban/static/"
DASHBOARD_PATH = "/-/dashboards/vanban"
YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
DOCUMENT_ID = re.compile(r"[0-9a-f]{16}")


def last_year(text: str | None) -> int | None:
    """The last four-digit year a period names ('6 tháng đầu năm 2024' -> 2024)."""
    years = YEAR.findall(text or "")
    return int(years[-1]) if years else None


# Last, after Datasette's own: its escape_fts is replaced by the folding one.
@hookimpl(trylast=True)
def prepare_connection(conn):
    register_functions(conn)
    # Every table search box goes through escape_fts: folding what is typed ("giải ngân",
    # "Quyết Định") makes it match the folded index the tables search (metadata fts_table).
    conn.create_function("escape_fts", 1, folded_escape_fts, deterministic=True)
    conn.create_function("vanban_year", 1, last_year, deterministic=True)
    conn.create_function("vanban_fts_exact", 1, exact_fts_query, deterministic=True)
    conn.create_function("vanban_label", 2, display_label, deterministic=True)


def folded_escape_fts(query: str | None) -> str:
    """Datasette's quoting of each typed word, on the folded words: 'giải ngân' ->
    '"giai" "ngan"'."""
    return escape_fts(fold(query or ""))


def display_label(column: str, value):
    """What a chart or a query shows for a code: its Vietnamese label, else the value as
    stored (another programme's name as written)."""
    return code_label(column, value) or value


@hookimpl
def prepare_jinja2_environment(env):
    # Datasette finds a plugin's templates only for a package plugin; this one is a module.
    # Ours go first: base.html adds the search box to every page by extending
    # "default:base.html", and index.html puts the search and the queries up front.
    # Datasette's own templates are read through TranslatingLoader: its chrome in Vietnamese.
    env.loader = ChoiceLoader([FileSystemLoader(str(TEMPLATES)), TranslatingLoader(env.loader)])
    env.filters["vanban_word"] = lambda word: WORDS.get(word, word)
    env.filters["vanban_heading"] = column_label
    env.filters["vanban_description"] = describe_filters
    env.filters["vn_date"] = lambda value: vn_date(value) or value or ""
    # The plugin's own pages show money and codes as the table pages do (render_cell).
    env.filters["vnd"] = money_markup
    env.filters["code_label"] = lambda value, column: display_label(column, value)


@hookimpl
def register_routes():
    return [
        # Any id, so that a mistyped one gets the document page's own 404.
        (rf"^{DOCUMENT_PATH}(?P<id>[^/]+)$", document_page),
        (r"^/-/vanban/search(?P<as_json>\.json)?$", search_page),
        (r"^/-/vanban/file/(?P<id>[^/]+)$", file_page),
        (r"^/-/vanban/static/(?P<name>[a-z0-9_-]+\.(?:css|js|svg))$", static_file),
        (rf"^/(?P<database>[^/]+)/(?P<table>{'|'.join(mention_tables())})/(?P<pks>[^/]+?)(?P<as_json>\.json)?$",
         fact_row_page),
    ]


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


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.path(STATIC_PATH + "vanban.css")]


# The tables the home page lists first, the documents table leading.
HOME_TABLES = (("documents", "Văn bản / Documents"), ("citations", "Dẫn chiếu / Citations"),
               ("amounts", "Số tiền / Amounts"), ("latest_money", "Số liệu mới nhất / Latest figures"),
               ("organizations", "Cơ quan / Organisations"), ("places", "Địa danh / Places"))

# The home page's two groups of canned queries, by who asks them.
GROUPS = (
    ("Pháp chế / Legal staff", ("who_cites", "what_changed", "rests_on_ended", "rests_on", "refs",
                                "documents_by_issuer_period",
                                "search_folded", "search_exact")),
    ("Phân tích số liệu / Analysts", ("allocated_vs_disbursed", "latest_figures", "component_figures",
                                      "amounts_in_place", "inconsistent_totals", "amounts_by_project",
                                      "documents_by_issuer", "documents_per_month")),
)


@hookimpl
def extra_template_vars(request, datasette, view_name):
    async def inner():
        extra = {
            "vanban_search_url": datasette.urls.path(SEARCH_PATH),
            "vanban_query": (request.args.get("q") or "") if request else "",
            "vanban_query_max": MAX_QUERY_CHARS,
        }
        if view_name == "table":
            extra["vanban_statuses"] = list(STATUS.items())
        if view_name == "index":
            extra["vanban_groups"] = await query_groups(datasette)
            names = await vanban_databases(datasette)
            extra["vanban_tables"] = [
                (datasette.urls.table(names[0], table), label) for table, label in HOME_TABLES] if names else []
            extra["vanban_charts_url"] = datasette.urls.path(DASHBOARD_PATH)
        return extra
    return inner


# The documents table opens on what a reader looks for; ?_all=1 (and the page's "mọi cột"
# link) shows every column, ?_col= / ?_nocol= choose them as in any Datasette table.
DOCUMENT_COLUMNS = ("number_symbol", "kind", "issued_date", "issuer", "title")
DOCUMENTS_TABLE = re.compile(r"/[^/]+/documents")


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def documents_columns(scope, receive, send):
            if scope.get("type") == "http" and DOCUMENTS_TABLE.fullmatch(scope.get("path", "")):
                scope = {**scope, "query_string": default_columns(scope.get("query_string", b""))}
            await app(scope, receive, send)
        return documents_columns
    return wrap


def default_columns(query_string: bytes) -> bytes:
    """The documents table's query string with DOCUMENT_COLUMNS chosen, unless it already
    chooses columns or asks for all of them."""
    names = {part.split(b"=", 1)[0] for part in query_string.split(b"&")}
    if names & {b"_col", b"_nocol", b"_all"}:
        return query_string
    added = "&".join(f"_col={column}" for column in DOCUMENT_COLUMNS).encode()
    return query_string + b"&" + added if query_string else added


@hookimpl
def filters_from_request(request, database, table, datasette):
    """?_status=<code> on the documents table: the documents whose number has that status
    (the store's document_status view)."""
    status = request.args.get("_status")
    if table != "documents" or not status:
        return None
    return FilterArguments(
        ["number_key in (select number_key from document_status where status = :vanban_status)"],
        params={"vanban_status": status},
        human_descriptions=[f"tình trạng hiệu lực: {STATUS.get(status, status)}"],
    )


async def query_groups(datasette) -> list[tuple[str, list[dict]]]:
    names = await vanban_databases(datasette)
    if not names:
        return []
    groups = []
    for label, queries in GROUPS:
        links = [{"href": datasette.urls.query(names[0], q), "title": QUERIES[q]["title"],
                  "description": QUERIES[q]["description"]} for q in queries if q in QUERIES]
        groups.append((label, links))
    return groups


@hookimpl
def menu_links(datasette):
    return [
        {"href": datasette.urls.path(SEARCH_PATH), "label": "Tìm kiếm / Search"},
        {"href": datasette.urls.path(DASHBOARD_PATH), "label": "Biểu đồ / Charts"},
    ]


async def static_file(request):
    path = STATIC / request.url_vars["name"]
    if not path.is_file():
        raise NotFound("no such file")
    types = {".css": "text/css", ".js": "application/javascript", ".svg": "image/svg+xml"}
    return Response(path.read_text(encoding="utf-8"), content_type=types[path.suffix] + "; charset=utf-8",
                    headers={"Cache-Control": "max-age=3600"})


# Views whose document_id links to the document page, like a canned query's.
LINKED_VIEWS = frozenset(views())


@hookimpl
def render_cell(row, value, column, table, datasette):
    """Money, code labels and document links, on table, row and query pages alike. The
    stored value is untouched (JSON, CSV, facets and filters keep it); only the HTML
    changes. Datasette 0.65's hook has no `request` argument."""
    if is_money_column(column):
        return money_markup(value)
    if is_date_column(column) or (table == "dates" and column == "value"):
        if vn_date(value):
            return Markup('<time datetime="{}">{}</time>').format(value, vn_date(value))
    if is_percent_column(column) and percent_text(value):
        return Markup('<span class="vanban-num">{}</span>').format(percent_text(value))
    label = code_label(column, value)
    if label is not None:
        return Markup('<span class="vanban-code" title="{}">{}</span>').format(value, label)
    doc_id = linked_document(row, value, column, table)
    if doc_id is None:
        return None
    return Markup('<a href="{}">{}</a>').format(document_url(datasette, doc_id), value)


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


@hookimpl(wrapper=True)
def handle_exception(datasette, request, exception):
    """A client's error (4xx: an address that names nothing, a forbidden table, a bad
    parameter) answered with a Vietnamese page, and nothing printed: Datasette's own
    handler prints a long traceback of every 404 into the serving terminal, and fails
    (answering 500) for an address no route matches. A server error (5xx) still goes to
    Datasette's handler and its traceback. Wrapping the hook drops the other handlers'
    answers before they run, since each prints as it runs."""
    answers = yield
    status = client_error_status(exception)
    if status is None:
        return answers

    async def answer():
        return await error_response(datasette, request, exception, status)
    return [answer]


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


__all__ = ["last_year", "hit_markup", "money_markup", "display_label", "linked_document"]
