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
from itertools import accumulate
from typing import NamedTuple

ELLIPSIS = "…"
# cut: which ends of the slice lost text, each shown as ELLIPSIS
CUT_BEFORE, CUT_AFTER = 1, 2


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


class Places:
    """A document's text, with what finding places in it needs worked out once for all its
    tables: where it holds ELLIPSIS (a part holding one can only be at one of those, which is
    cheaper to try than searching the whole text, as a sentence cut at a window or a title cut
    at its end is, before its cut ends are taken off), and the UTF-8 byte offset of every
    STRIDE-th character, from which a character offset's byte offset is one encode of under
    STRIDE characters away."""
    STRIDE = 256
    # beyond this many ELLIPSIS (dot leaders of a table of contents), a part is searched for
    TRIED = 200

    def __init__(self, text: str | None) -> None:
        self.text = text
        self.length = len(text) if text is not None else -1
        ellipses = []
        at = text.find(ELLIPSIS) if text is not None else -1
        while at >= 0 and len(ellipses) <= self.TRIED:
            ellipses.append(at)
            at = text.find(ELLIPSIS, at + 1)
        self._ellipses = ellipses if len(ellipses) <= self.TRIED else None
        self._ascii = text is None or text.isascii()
        self._marks: list[int] | None = None

    def byte(self, char: int) -> int:
        """The byte offset of the character offset `char` (0 <= char <= len(text))."""
        if self._ascii:
            return char
        marks = self._marks
        if marks is None:
            text, stride = self.text, self.STRIDE
            marks = self._marks = list(accumulate(
                (len(text[i:i + stride].encode("utf-8")) for i in range(0, len(text), stride)), initial=0))
        mark, rest = divmod(char, self.STRIDE)
        return marks[mark] + len(self.text[char - rest:char].encode("utf-8"))

    def find(self, part: str, start: int, end: int) -> int | None:
        """Where `part` is: the first occurrence holding text[start:end], else the first from
        `start` on, else the last before it; None when it is nowhere."""
        text, size = self.text, len(part)
        mark = part.find(ELLIPSIS)
        if mark < 0 or self._ellipses is None:
            at = text.find(part, max(0, end - size), start + size)
            if at < 0:
                at = text.find(part, start)
            if at < 0:
                at = text.rfind(part, 0, start + size)
            return at if at >= 0 else None
        # each occurrence has its first ELLIPSIS at one of the text's, in order
        found = [e - mark for e in self._ellipses if e >= mark and text.startswith(part, e - mark)]
        low = max(0, end - size)
        for at in found:
            if low <= at <= start:
                return at
        for at in found:
            if at >= start:
                return at
        for at in reversed(found):
            if at <= start:
                return at
        return None


def stored_rows(columns: tuple[str, ...], rows: list[tuple], derived: dict[str, Derived],
                places: Places) -> list[tuple]:
    """`rows` (in `columns`) as stored (in stored_columns): each derived text that is a
    slice of `places.text` made NULL, and its place given."""
    at = {c: i for i, c in enumerate(columns)}
    plan = [(at[c], how.exact, (None,) * len(how.offsets), at[how.near[0]], at[how.near[1]])
            for c, how in derived.items() if c in at]
    if not plan or not rows:
        return rows
    text, length, byte = places.text, places.length, places.byte
    out = []
    for row in rows:
        cells = list(row)  # the row's cells, then each derived text's place
        for i, exact, missing, near_start, near_end in plan:
            value, start, end = row[i], row[near_start], row[near_end]
            if value is not None and start is not None and end is not None and 0 <= start <= end <= length:
                if exact:
                    if text[start:end] == value:
                        cells[i] = None
                        cells += (byte(start), len(value.encode("utf-8")))
                        continue
                else:
                    span = _locate(places, value, start, end)
                    if span is not None:
                        # text[span.start:span.end] is the part found, without its cut ends
                        cells[i] = None
                        cells += (byte(span.start), span.size, span.cut or None)
                        continue
            cells += missing
        out.append(tuple(cells))
    return out


class _Found(NamedTuple):
    """Where a derived text is: the character its slice starts at, the slice's size in UTF-8
    bytes, and `cut`: ELLIPSIS stands before the slice when cut & CUT_BEFORE, after it when
    cut & CUT_AFTER. A named tuple: one is made for nearly every stored row."""
    start: int
    size: int
    cut: int


def _locate(places: Places, part: str, start: int, end: int) -> _Found | None:
    """Where `part` is in the text (Places.find: the occurrence holding text[start:end], the
    fact it was taken around, else the nearest); its ELLIPSIS ends are taken as cuts when
    `part` itself is not in the text. None when it is nowhere."""
    core, cut = part, 0
    found = places.find(core, start, end)
    if found is None:
        if core.startswith(ELLIPSIS):
            core, cut = core[len(ELLIPSIS):], cut | CUT_BEFORE
        if core.endswith(ELLIPSIS):
            core, cut = core[:-len(ELLIPSIS)], cut | CUT_AFTER
        found = places.find(core, start, end) if cut and core else None
    return _Found(found, len(core.encode("utf-8")), cut) if found is not None else None
