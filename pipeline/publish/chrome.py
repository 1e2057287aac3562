"""Datasette's own pages in Vietnamese: its templates are read through a loader that
replaces their English words (buttons, headings, counts, links) before Jinja compiles them,
so every table, row, query, database and error page speaks Vietnamese while the data, the
URLs and the JSON stay as they are.

    TranslatingLoader(loader)     a Jinja loader over Datasette's; edits only the templates
                                  named in CHROME
    missing_replacements(loader)  the (template, English) pairs no longer found: a newer
                                  Datasette changed its wording (tests/test_publish.py checks)
"""
from __future__ import annotations

from jinja2 import BaseLoader

# (template, as Datasette writes it, as vanban shows it). Each English fragment is quoted
# with enough of its markup around it to be found once, in text and never in an expression.
CHROME: tuple[tuple[str, str, str], ...] = (
    ("base.html", '<button class="button-as-link">Log out</button>',
     '<button class="button-as-link">Đăng xuất</button>'),
    ("_footer.html", "Powered by ", "Chạy trên "),
    ("_crumbs.html", "{{ item.label }}", "{{ item.label|vanban_word }}"),
    ("index.html", '{% if table.count %} title="{{ table.count }} rows"{% endif %}',
     '{% if table.count %} title="{{ table.count }} dòng"{% endif %}'),
    ("index.html", '{{ "{:,}".format(database.table_rows_sum) }} rows in {% endif %}{{ database.tables_count }} table{% if database.tables_count != 1 %}s{% endif %}',
     '{{ "{:,}".format(database.table_rows_sum).replace(",", ".") }} dòng trong {% endif %}{{ database.tables_count }} bảng'),
    ("index.html", '{{ database.hidden_tables_count }} hidden table{% if database.hidden_tables_count != 1 %}s{% endif -%}',
     '{{ database.hidden_tables_count }} bảng ẩn'),
    ("index.html", "{{ \"{:,}\".format(database.views_count) }} view{% if database.views_count != 1 %}s{% endif %}",
     "{{ database.views_count }} khung nhìn"),
    ("index.html", '{{ "{:,}".format(database.hidden_table_rows_sum) }} rows in ',
     '{{ "{:,}".format(database.hidden_table_rows_sum).replace(",", ".") }} dòng trong '),
    ("database.html", "<h3>Custom SQL query</h3>", "<h3>Truy vấn SQL tự viết / Custom SQL query</h3>"),
    ("database.html", '<input type="submit" value="Run SQL">', '<input type="submit" value="Chạy SQL">'),
    ("database.html", '<h2 id="queries">Queries</h2>', '<h2 id="queries">Truy vấn soạn sẵn / Queries</h2>'),
    ("database.html", '<h2 id="tables">Tables</h2>', '<h2 id="tables">Bảng / Tables</h2>'),
    ("database.html", '<h2 id="views">Views</h2>', '<h2 id="views">Khung nhìn / Views</h2>'),
    ("database.html", "<em> (hidden)</em>", "<em> (ẩn)</em>"),
    ("database.html", "Download SQLite DB:", "Tải cơ sở dữ liệu SQLite:"),
    ("table.html", '<label for="_search">Search:</label>',
     '<label for="_search">Tìm:</label>'),
    ("table.html", '<option value="">- remove filter -</option>', '<option value="">- bỏ lọc -</option>'),
    ("table.html", '<option value="">- column -</option>', '<option value="">- cột -</option>'),
    ("table.html", '<option value="">Sort...</option>', '<option value="">Sắp xếp…</option>'),
    ("table.html", "> descending</label>", "> giảm dần</label>"),
    ("table.html", '<input type="submit" value="Apply">', '<input type="submit" value="Áp dụng">'),
    ("table.html", '{{ "{:,}".format(filtered_table_rows_count) }} row{% if filtered_table_rows_count == 1 %}{% else %}s{% endif %}{% endif %}\n',
     '{{ "{:,}".format(filtered_table_rows_count).replace(",", ".") }} dòng{% endif %}\n'),
    ("table.html", "{% if is_view %} (view){% endif %}", "{% if is_view %} (khung nhìn){% endif %}"),
    ("table.html", '<span class="underlined">View and edit SQL</span>',
     '<span class="underlined">Xem và sửa SQL</span>'),
    ("table.html", '<p class="export-links">This data as ', '<p class="export-links">Tải dữ liệu này: '),
    ("table.html", '(<a href="#export">advanced</a>)', '(<a href="#export">nâng cao</a>)'),
    ("table.html", '<p><a href="{{ next_url }}">Next page</a></p>', '<p><a href="{{ next_url }}">Trang sau</a></p>'),
    ("table.html", "<h3>Advanced export</h3>", "<h3>Xuất dữ liệu nâng cao</h3>"),
    ("table.html", '> download file</label>', '> tải về thành tệp</label>'),
    ("table.html", '> expand labels</label>', '> kèm nhãn</label>'),
    ("table.html", '> stream all rows</label>', '> mọi dòng</label>'),
    ("table.html", '<input type="submit" value="Export CSV">', '<input type="submit" value="Xuất CSV">'),
    ("table.html", "These facets timed out:", "Các nhóm này quá thời gian:"),
    ("table.html", "extra where clause{% if extra_wheres_for_ui|length != 1 %}s{% endif %}", "điều kiện thêm"),
    ("table.html", '[<a href="{{ extra_where.remove_url }}">remove</a>]', '[<a href="{{ extra_where.remove_url }}">bỏ</a>]'),
    ("table.html", '<dl class="column-descriptions">',
     '<details class="vanban-column-help"><summary>Ý nghĩa các cột / what each column holds</summary>\n<dl class="column-descriptions">'),
    ("table.html", "    {% endfor %}\n</dl>\n{% endif %}", "    {% endfor %}\n</dl></details>\n{% endif %}"),
    ("_description_source_license.html", "Data license:", "Giấy phép dữ liệu:"),
    ("_description_source_license.html", "Data source:", "Nguồn dữ liệu:"),
    ("_description_source_license.html", "About:", "Giới thiệu:"),
    ("table.html", "        {% if human_description_en %}{{ human_description_en }}{% endif %}",
     "        {% if human_description_en %}{{ human_description_en|vanban_description }}{% endif %}"),
    ("table.html", '{% block title %}{{ database }}: {{ table }}: {% if filtered_table_rows_count or filtered_table_rows_count == 0 %}{{ "{:,}".format(filtered_table_rows_count) }} row{% if filtered_table_rows_count == 1 %}{% else %}s{% endif %}{% endif %}{% if human_description_en %} {{ human_description_en }}{% endif %}{% endblock %}',
     '{% block title %}{{ metadata.title or table }}: {% if filtered_table_rows_count or filtered_table_rows_count == 0 %}{{ "{:,}".format(filtered_table_rows_count).replace(",", ".") }} dòng{% endif %}{% if human_description_en %} {{ human_description_en|vanban_description }}{% endif %}{% endblock %}'),
    ("_facet_results.html", "<strong>{{ facet_info.name }}{% if", "<strong>{{ facet_info.name|vanban_heading }}{% if"),
    ("_table.html", '<p class="zero-results">0 records</p>', '<p class="zero-results">Không có dòng nào</p>'),
    ("_table.html", "                            {{ column.name }}\n",
     "                            {{ column.name|vanban_heading }}\n"),
    ("_table.html", 'rel="nofollow">{{ column.name }}&nbsp;▼</a>',
     'rel="nofollow" title="{{ column.name }}">{{ column.name|vanban_heading }}&nbsp;▼</a>'),
    ("_table.html", 'rel="nofollow">{{ column.name }}{% if column.name == sort_desc %}',
     'rel="nofollow" title="{{ column.name }}">{{ column.name|vanban_heading }}{% if column.name == sort_desc %}'),
    ("row.html", "<h2>Links from other tables</h2>", "<h2>Liên kết từ các bảng khác</h2>"),
    ("query.html", "{% block title %}{{ database }}{% if query and query.sql %}: {{ query.sql }}{% endif %}{% endblock %}",
     "{% block title %}{% if metadata and metadata.title %}{{ metadata.title }}{% else %}Truy vấn SQL / SQL query{% endif %} — {{ database }}{% endblock %}"),
    ("query.html", '<h3>Custom SQL query{% if display_rows %} returning {% if truncated %}more than {% endif %}{{ "{:,}".format(display_rows|length) }} row{% if display_rows|length == 1 %}{% else %}s{% endif %}{% endif %}',
     '<h3>Truy vấn SQL{% if display_rows %}: {% if truncated %}hơn {% endif %}{{ "{:,}".format(display_rows|length).replace(",", ".") }} dòng{% endif %}'),
    ("query.html", "{{ show_hide_text }}", "{{ show_hide_text|vanban_word }}"),
    ("query.html", '<button id="sql-format" type="button" hidden>Format SQL</button>',
     '<button id="sql-format" type="button" hidden>Định dạng SQL</button>'),
    ("query.html", 'scope="col">{{ column }}</th>', 'scope="col" title="{{ column }}">{{ column|vanban_heading }}</th>'),
    ("database.html", '<button id="sql-format" type="button" hidden>Format SQL</button>',
     '<button id="sql-format" type="button" hidden>Định dạng SQL</button>'),
    ("_footer.html", "&middot; Queries took ", "&middot; Truy vấn mất "),
    ("query.html", "This query cannot be executed because the database is immutable.",
     "Không chạy được truy vấn này: cơ sở dữ liệu chỉ cho đọc."),
    ("query.html", "<h3>Query parameters</h3>", "<h3>Tham số truy vấn</h3>"),
    ("query.html", '<input type="submit" value="Run SQL"', '<input type="submit" value="Chạy"'),
    ("query.html", 'class="canned-query-edit-sql">Edit SQL</a>', 'class="canned-query-edit-sql">Sửa SQL</a>'),
    ("query.html", '<p class="export-links">This data as ', '<p class="export-links">Tải dữ liệu này: '),
    ("query.html", '<p class="zero-results">0 results</p>', '<p class="zero-results">Không có kết quả</p>'),
    ("error.html", "{% else %}Error {{ status }}{% endif %}{% endblock %}", "{% else %}Lỗi {{ status }}{% endif %}{% endblock %}"),
    ("error.html", "{% else %}Error {{ status }}{% endif %}</h1>", "{% else %}Lỗi {{ status }}{% endif %}</h1>"),
)
# Words Datasette's views pass to its templates (the crumbs' "home", the query page's
# show/hide link).
WORDS = {"home": "Trang chủ", "hide": "ẩn SQL", "show": "xem SQL"}
# The words of Datasette's description of a filtered table ('where search matches "x"
# sorted by issued_date descending'); the column names stay as they are.
DESCRIPTION_WORDS = (
    ("where search matches ", "tìm thấy "), ('where search column "', 'cột "'), ('" matches ', '" chứa '),
    (" sorted by ", " xếp theo "), ("sorted by ", "xếp theo "), (" descending", " giảm dần"), ("where ", "có "),
    (" and ", " và "), (" contains ", " chứa "), (" is not blank", " không trống"), (" is blank", " trống"),
    (" is null", " rỗng"), (" is not null", " không rỗng"),
)


def describe_filters(text: str) -> str:
    """Datasette's description of a table's filters and order, in Vietnamese words."""
    for english, vietnamese in DESCRIPTION_WORDS:
        text = text.replace(english, vietnamese)
    return text


def _edits(name: str) -> list[tuple[str, str]]:
    return [(old, new) for template, old, new in CHROME if template == name]


class TranslatingLoader(BaseLoader):
    """Datasette's loader, with the CHROME replacements applied to the templates they name
    (also when asked for as "default:NAME")."""

    def __init__(self, loader: BaseLoader):
        self.loader = loader

    def get_source(self, environment, template):
        source, filename, uptodate = self.loader.get_source(environment, template)
        for old, new in _edits(template.removeprefix("default:")):
            source = source.replace(old, new)
        return source, filename, uptodate

    def list_templates(self):
        return self.loader.list_templates()


def missing_replacements(loader: BaseLoader, environment) -> list[tuple[str, str]]:
    """The CHROME fragments that Datasette's templates no longer contain."""
    missing = []
    for template, old, _ in CHROME:
        source = loader.get_source(environment, "default:" + template)[0]
        if old not in source:
            missing.append((template, old))
    return missing


__all__ = ["TranslatingLoader", "missing_replacements", "describe_filters", "CHROME", "WORDS"]
