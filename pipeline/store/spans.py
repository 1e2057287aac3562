"""Texts the store keeps as places in the document's text: a fact's sentence and its own
text, a section's title. Each is nearly always a slice of documents.text (a sentence cut to a
window around its fact has "…" where it was cut, a long title "…" at its end), so a row
stores where the slice is and SQL gives the text back (`Derived.sql`, in the views the
tables are read through); a text that is not a slice (a title re-spaced across a line
wrap, markup taken out) is stored as it is, and its place is NULL.

A place is in bytes of the text's UTF-8 (`X_at`, `X_bytes`): SQLite cuts a BLOB at a byte
offset at once, where substr() on TEXT walks the characters before the offset, which made
a search over every fact's sentence three times slower. The facts' own `start` and `end`
stay offsets in characters (Python's code points), which the document page highlights by."""
from __future__ import annotations

from dataclasses import dataclass

ELLIPSIS = "…"
# cut: which ends of the slice lost text, each shown as ELLIPSIS
CUT_BEFORE, CUT_AFTER = 1, 2


@dataclass(frozen=True)
class Span:
    """`text[start:end]` (in characters), with ELLIPSIS before it when cut & CUT_BEFORE and
    after it when cut & CUT_AFTER."""
    start: int
    end: int
    cut: int = 0


@dataclass(frozen=True)
class Derived:
    """How a table keeps its text column `column`: as text only where it is not a slice of
    the document's text, else by its place (`column`_at, _bytes, and _cut unless `exact`).
    The slice is found near the row's `near` offsets (a sentence near its fact, a title
    from its section's start on); an `exact` one is the `near` slice itself or nothing (a
    fact's own text)."""
    column: str
    near: tuple[str, str] = ("start", "end")
    exact: bool = False

    @property
    def offsets(self) -> tuple[str, ...]:
        return (f"{self.column}_at", f"{self.column}_bytes", *(() if self.exact else (f"{self.column}_cut",)))

    def sql(self, row: str = "t") -> str:
        """SQL for the text of the row `row`: the column itself where it holds the text,
        else the slice of its document's text, with ELLIPSIS where it was cut. A subquery
        rather than a join, so that a query reading other columns only never reads the
        document's text (and the view stays flattenable into any query)."""
        at, size, *cut = (f"{row}.[{c}]" for c in self.offsets)
        piece = f"cast(substr(cast(d.text as blob), {at} + 1, {size}) as text)"
        if cut:
            piece = (f"case when {cut[0]} & {CUT_BEFORE} then '{ELLIPSIS}' else '' end || {piece} || "
                     f"case when {cut[0]} & {CUT_AFTER} then '{ELLIPSIS}' else '' end")
        return (f"coalesce({row}.[{self.column}], (select {piece} from documents d "
                f"where d.id = {row}.document_id))")


def stored_columns(columns: tuple[str, ...], derived: dict[str, Derived]) -> tuple[str, ...]:
    """A table's stored columns: `columns`, then the place columns of each derived text."""
    return columns + tuple(c for column in columns if column in derived for c in derived[column].offsets)


def stored_rows(columns: tuple[str, ...], rows: list[tuple], derived: dict[str, Derived],
                text: str | None) -> list[tuple]:
    """`rows` (in `columns`) as stored (in stored_columns): each derived text that is a
    slice of `text` made NULL, and its place given."""
    at = {c: i for i, c in enumerate(columns)}
    plan = [(at[c], how, at[how.near[0]], at[how.near[1]]) for c, how in derived.items() if c in at]
    if not plan or not rows:
        return rows
    length = len(text) if text is not None else -1
    # the spans first (in characters), then their ends in bytes, all in one pass over the text
    found: list[tuple[list, list[Span | None]]] = []
    for row in rows:
        cells, spans = list(row), []
        for i, how, near_start, near_end in plan:
            value, start, end = row[i], row[near_start], row[near_end]
            span = None
            if value is not None and start is not None and end is not None and 0 <= start <= end <= length:
                span = (Span(start, end) if text[start:end] == value else None) if how.exact \
                    else _locate(text, value, start, end)
            if span is not None:
                cells[i] = None
            spans.append(span)
        found.append((cells, spans))
    byte = _byte_offsets(text, [n for _, spans in found for s in spans if s for n in (s.start, s.end)])
    out = []
    for cells, spans in found:
        for (_, how, _, _), span in zip(plan, spans):
            if span is None:
                cells += [None] * len(how.offsets)
            else:
                cells += [byte[span.start], byte[span.end] - byte[span.start], *(() if how.exact else (span.cut or None,))]
        out.append(tuple(cells))
    return out


def _byte_offsets(text: str, positions: list[int]) -> dict[int, int]:
    """Character offset -> byte offset in the text's UTF-8, for each of `positions`."""
    if text is None or text.isascii():
        return {p: p for p in positions}
    offsets, char, byte = {}, 0, 0
    for p in sorted(set(positions)):
        byte += len(text[char:p].encode("utf-8"))
        char, offsets[p] = p, byte
    return offsets


def _locate(text: str, part: str, start: int, end: int) -> Span | None:
    """Where `part` is in `text`: the occurrence holding text[start:end] (the fact it was
    taken around), else the first from `start` on, else the last before it; its ELLIPSIS ends
    are taken as cuts when `part` itself is not in the text. None when it is nowhere."""
    core, cut = part, 0
    found = _find(text, core, start, end)
    if found is None:
        if core.startswith(ELLIPSIS):
            core, cut = core[len(ELLIPSIS):], cut | CUT_BEFORE
        if core.endswith(ELLIPSIS):
            core, cut = core[:-len(ELLIPSIS)], cut | CUT_AFTER
        found = _find(text, core, start, end) if cut and core else None
    return Span(found, found + len(core), cut) if found is not None else None


def _find(text: str, part: str, start: int, end: int) -> int | None:
    at = text.find(part, max(0, end - len(part)), start + len(part))
    if at < 0:
        at = text.find(part, start)
    if at < 0:
        at = text.rfind(part, 0, start + len(part))
    return at if at >= 0 else None
