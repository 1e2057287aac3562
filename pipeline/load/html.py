"""HTML pages: the article only, without the portal around it.

Government portals wrap a document or a news item in menus, visitor counters
("Tất cả: 463,210"), "Tin khác" lists and footers. trafilatura finds the main content;
its XML output keeps headings, paragraphs, lists and tables apart, so each becomes a block.
When it finds nothing (a bare fragment, a page that is all table), the text of <body> is
used instead, still without scripts, styles and navigation.

Tables come out in the shape of the web copies in ../shared/corpus/real: a line `|` opens
every row and follows every cell, and each cell's lines stand on their own lines, so the
header parser sees one layout for HTML, DOCX and those copies.
"""
from __future__ import annotations

import codecs
from functools import cache
from pathlib import Path

import regex
from lxml import etree
from lxml import html as lxml_html

from ..models import Block, BlockKind, LoadedDocument
from ..page_words import motto, recipients_heading, web_furniture_re
from . import LoadError, make_source
from .text import decode as decode_text

_META_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", regex.I)
_XML_ENCODING = regex.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_SPACES = regex.compile(r"[ \t\r\f\v\u00a0\u200b]+")
# Elements whose text is never document content.
_DROP = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
         "button", "select", "iframe", "svg")


def declared_charset(data: bytes) -> str | None:
    """The charset a BOM, the XML declaration or a <meta> tag names, if Python knows it."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:4096]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def decode(path: Path, data: bytes) -> str:
    charset = declared_charset(data)
    if charset:
        try:
            return data.decode(charset)
        except UnicodeDecodeError:
            pass  # a page that lies about its charset: guess as for plain text
    return decode_text(path, data)


def clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


class TextBuilder:
    """Accumulates blocks and the joined text, one line per block unless told otherwise."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.blocks: list[Block] = []

    def add(self, text: str, kind: BlockKind, index: int | None = None) -> None:
        if self.parts:
            self.parts.append("\n")
            self.pos += 1
        if text:
            self.blocks.append(Block(text=text, kind=kind, start=self.pos, end=self.pos + len(text),
                                     index=index if index is not None else len(self.blocks)))
        self.parts.append(text)
        self.pos += len(text)

    def marker(self) -> None:
        if self.parts:
            self.parts.append("\n")
            self.pos += 1
        self.parts.append("|")
        self.pos += 1

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _element_lines(el: etree._Element, breaks: tuple[str, ...]) -> list[str]:
    """The text of `el` split into lines at child elements named in `breaks` and at <br>."""
    lines, current = [], [el.text or ""]
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in breaks or tag in ("br", "lb"):
            lines.append("".join(current))
            current = []
            if tag not in ("br", "lb"):
                lines.extend(_element_lines(child, breaks))
                current = []
        else:
            current.append("".join(child.itertext()))
        current.append(child.tail or "")
    lines.append("".join(current))
    return [c for c in (clean(line) for line in lines) if c]


@cache
def _motto() -> regex.Pattern:
    return regex.compile(motto(), regex.I)


@cache
def _recipients() -> regex.Pattern:
    return regex.compile(r"^\W*" + recipients_heading(), regex.I)


def table_kinds(rows: list[list[list[str]]], first: bool) -> list[list[BlockKind]]:
    """Block kinds for a table's cells: the NĐ 30 header and signature tables are marked.

    `first` says no table came before this one: only then can it be the header.
    """
    text = "\n".join(line for row in rows for cell in row for line in cell)
    if first and _motto().search(text):
        return [["header_cell"] * len(row) for row in rows]
    if any(cell and _recipients().match(cell[0]) for row in rows for cell in row):
        return [["recipients" if cell and _recipients().match(cell[0]) else "signature" for cell in row]
                for row in rows]
    return [["table_cell"] * len(row) for row in rows]


def emit_table(builder: TextBuilder, rows: list[list[list[str]]], counter: list[int],
               first: bool = False) -> None:
    """Write a table in the web-copy shape; counter[0] numbers the cells across the document."""
    kinds = table_kinds(rows, first)
    for row, row_kinds in zip(rows, kinds):
        builder.marker()
        for cell, kind in zip(row, row_kinds):
            for line in cell:
                builder.add(line, kind, index=counter[0])
            builder.marker()
            counter[0] += 1


def strip_furniture(html_text: str) -> str:
    """The page without scripts, menus, sidebars and footers.

    trafilatura drops these on a normal page, but on a small one it falls back to its own
    baseline, which keeps them; removing them first makes both paths agree. A <header>
    inside an article or <main> holds the headline, so only page-level ones go.
    """
    doc = lxml_html.document_fromstring(html_text)
    for el in doc.xpath("|".join(f"//{tag}" for tag in _DROP if tag != "header")):
        el.drop_tree()
    for el in doc.xpath("//header[not(ancestor::article) and not(ancestor::main)]"):
        el.drop_tree()
    return lxml_html.tostring(doc, encoding="unicode")


def _from_trafilatura(html_text: str) -> TextBuilder | None:
    import trafilatura

    xml = trafilatura.extract(html_text, output_format="xml", include_tables=True,
                              include_comments=False, include_images=False, include_links=False,
                              include_formatting=False, deduplicate=False)
    if not xml:
        return None
    root = etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    if main is None:
        return None
    builder, counter, titled = TextBuilder(), [0], False
    for el in main:
        tag = el.tag
        if tag == "table":
            rows = [[_element_lines(cell, ("p", "list", "item", "head")) for cell in row.findall("cell")]
                    for row in el.findall("row")]
            emit_table(builder, rows, counter, first=counter[0] == 0 and not builder.blocks)
        elif tag == "list":
            for item in el.iter("item"):
                text = clean("".join(item.itertext()))
                if text and not web_furniture_re().match(text):
                    builder.add(text, "list_item")
        else:
            text = clean("".join(el.itertext()))
            if not text or web_furniture_re().match(text):
                continue
            if tag == "head":
                builder.add(text, "heading" if titled else "title")
                titled = True
            else:
                builder.add(text, "paragraph")
    return builder if builder.blocks else None


_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "section",
               "article", "main", "dd", "dt", "center"}


def _from_body(html_text: str) -> TextBuilder:
    """Fallback: every block-level element of <body> as a paragraph, tables as cells."""
    doc = lxml_html.document_fromstring(html_text)
    body = doc.find("body") if doc.find("body") is not None else doc
    builder, counter = TextBuilder(), [0]

    def walk(el: etree._Element) -> None:
        inline: list[str] = [el.text or ""]

        def flush() -> None:
            text = clean("".join(inline))
            inline.clear()
            if text and not web_furniture_re().match(text):
                builder.add(text, "title" if el.tag in ("h1",) and not builder.blocks else "paragraph")

        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "table":
                flush()
                rows = [[_element_lines(cell, ("p", "div", "li")) for cell in tr.xpath("./th|./td")]
                        for tr in child.xpath(".//tr")]
                emit_table(builder, rows, counter, first=counter[0] == 0 and not builder.blocks)
            elif tag in _BLOCK_TAGS or tag.startswith("h") and tag[1:].isdigit():
                flush()
                walk(child)
            elif tag == "br":
                flush()
            else:
                inline.append(child.text_content() if tag else "")
            inline.append(child.tail or "")
        flush()

    walk(body)
    return builder


def load_html(path: Path, data: bytes) -> LoadedDocument:
    html_text = decode(path, data)
    if not html_text.strip():
        raise LoadError(path, "empty HTML page")
    warnings: list[str] = []
    try:
        html_text = strip_furniture(html_text)
    except (etree.ParserError, ValueError) as e:
        raise LoadError(path, f"cannot parse HTML: {e}") from e
    builder = _from_trafilatura(html_text)
    if builder is None:
        warnings.append("no main content found; used the text of the whole <body>")
        builder = _from_body(html_text)
    if not builder.blocks:
        raise LoadError(path, "no text in the HTML page")
    return LoadedDocument(source=make_source(path, data, "html"), text=builder.text,
                          blocks=tuple(builder.blocks), warnings=tuple(warnings))
