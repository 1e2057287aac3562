"""The vanban Datasette plugin, registered as this module (the `datasette` entry point in
pyproject.toml, or publish.register_plugin): its hooks alone. A page per document with every
extracted fact highlighted, one search box over documents, citations and figures on every
page, and the Vietnamese error pages are in pages.py; the SQL functions for the canned
queries in sql_functions.py; links from table cells to document pages and cells shown the
Vietnamese way (money as `1.066.400.000 đ` with `1,07 tỷ đồng` in its tooltip) in cells.py;
codes (role, relation, granularity, programme) shown by their Vietnamese label (labels.py
has the vocabulary and the money-column naming rule)."""
from __future__ import annotations

import re
from pathlib import Path

from datasette import hookimpl
from datasette.filters import FilterArguments
from jinja2 import ChoiceLoader, FileSystemLoader
from markupsafe import Markup

from ..store import mention_tables, register_functions
from .cells import linked_document, money_markup
from .chrome import WORDS, TranslatingLoader, describe_filters
from .document import DOCUMENT_PATH, document_url
from .labels import STATUS, code_label, is_date_column, is_money_column, is_percent_column, percent_text, vn_date
from .metadata import column_label
from .pages import (
    SEARCH_PATH, client_error_status, document_page, error_response, fact_row_page, file_page,
    search_page, static_file, vanban_databases,
)
from .queries import QUERIES
from .search import MAX_QUERY_CHARS, exact_fts_query
from .sql_functions import display_label, folded_escape_fts, last_year

TEMPLATES = Path(__file__).parent / "templates"
STATIC_PATH = "/-/vanban/static/"
DASHBOARD_PATH = "/-/dashboards/vanban"


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
