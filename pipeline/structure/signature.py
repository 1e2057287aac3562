"""The signature block (authority prefix, position, signer) and the Nơi nhận list.

The block is found from the Nơi nhận heading when there is one (the signature sits beside
it on paper, so renderings put it just before or just after the list), else from the last
authority prefix or `(Đã ký)` mark; only a window of lines around that anchor is read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import regex

from .. import page_words
from ..text.fold import fold
from .cells import Cell, cells_of
from .naming import recase_name
from .vocab import position_re, words

WINDOW_BEFORE = 20
WINDOW_AFTER = 70
TAIL_LINES = 60
SIGNED_MARK_LOOKBACK = 4


@dataclass(frozen=True)
class Signature:
    signer: str | None = None
    position: str | None = None
    authority: str | None = None
    body: str | None = None          # the body after TM. ("TM. ỦY BAN NHÂN DÂN"), if named
    recipients: tuple[str, ...] = ()
    start: int | None = None         # offset of the anchor (Nơi nhận heading, prefix or mark)


@cache
def _prefix_re() -> regex.Pattern:
    """Authority prefixes as written; one without its dot must be followed by a space, so
    that `TL` in a word or `Q` of a name is not read as one."""
    alts = []
    for a in words().authority:
        for w in a.written:
            e = regex.escape(w)
            alts.append(e + r"\s*" if w.endswith(".") else e + r"\s+")
    alts.sort(key=len, reverse=True)
    return regex.compile(r"(?<![\p{L}/])(?:" + "|".join(alts) + r")(?=\p{Lu})")


@cache
def _prefix_values() -> dict[str, str]:
    return {_NOT_WORD.sub("", w).upper(): a.value for a in words().authority for w in a.written}


@cache
def _anchor() -> regex.Pattern:
    """A line opening with an authority prefix or the signed mark ("(Đã ký)", its first
    letter in either case)."""
    first, *rest = words().signed.split()
    mark = "[" + regex.escape(first[0].upper() + first[0].lower()) + "]" + regex.escape(first[1:])
    mark += "".join(r"\s+" + regex.escape(w) for w in rest)
    return regex.compile(r"(?m)^[ \t*_|>#]*(?:(?:TM|KT|TL|TUQ|T/M|K/T|T/L)\.?\s*\p{Lu}|\(\s*" + mark + r"\s*\))")


# The lines _anchor() may match on: stdlib scans from one newline to the next far faster
# than the regex module tries `^` at every position, and the markup is ASCII, read alike
# by both engines.
_ANCHOR_LINE = re.compile(r"\n[ \t*_|>#]*(?:TM|KT|TL|TUQ|T/M|K/T|T/L|\()")
# A word of a person's name: a capital, then its small letters and marks ("Nguyễn", "Hà").
_NAME_WORD_RE = r"\p{Lu}[\p{Ll}\p{M}]*"
_NAME_WORD = regex.compile(_NAME_WORD_RE)
_NAME = regex.compile(rf"^{_NAME_WORD_RE}(?:\s+{_NAME_WORD_RE}){{1,5}}$")
_NAME_PART = regex.compile(rf"{_NAME_WORD_RE}(?:\s+{_NAME_WORD_RE}){{0,4}}")
_ONE_NAME = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]+")
_ITEM = regex.compile(r"^[-+•–]\s*")
_NOT_WORD = regex.compile(r"\W")
# A merged cell reads as r"^(?P<up>[^\p{Ll}]*?)\s+(?P<name>NAME_WORD(?:\s+NAME_WORD)*)$";
# _merged finds that match in one pass (the pattern itself, on a run of capitals that ends
# in a lower-case word, tries the whole rest of the line from every space: n²).
_TOKEN = regex.compile(r"\S+")
_TWO_UPPER = regex.compile(r"\p{Lu}{2}")
_LOWER = regex.compile(r"\p{Ll}")


@dataclass(frozen=True)
class _Heading:
    """The recipients heading (patterns/page.toml) as the signature reader meets it."""
    first_word: str          # str.find looks for it before trying the line pattern
    rest_word: str           # a cell of first_word alone is the heading when the next opens so
    line: regex.Pattern      # the heading at a line start, alone or before a colon
    cell: regex.Pattern      # a cell opening with the heading
    text: regex.Pattern      # the heading and its colon, cut from a cell's text
    tail: regex.Pattern      # the rest of the heading and its colon, in the cell after first_word


@cache
def _heading() -> _Heading:
    written = page_words.words().recipients
    first, rest = written.split(None, 1)
    heading = page_words.phrase(written)
    return _Heading(
        first_word=first,
        rest_word=rest.split()[0],
        line=regex.compile(r"(?m)^[ \t*_|>#\-]*" + heading + r"\s*\**\s*(?::|$)"),
        cell=regex.compile(r"(?i)^" + heading),
        text=regex.compile(r"(?i)^" + heading + r"\s*:?\s*"),
        tail=regex.compile(r"^" + page_words.phrase(rest) + r"\s*:?\s*"),
    )


_FOLDED_CHAR: dict[str, str] = {}


def _fold_char(ch: str) -> str:
    f = _FOLDED_CHAR.get(ch)
    if f is None:
        f = fold(ch)
        f = _FOLDED_CHAR[ch] = f[:1] if f else " "
    return f


def _fold_chars(s: str) -> str:
    """Folded text of the same length as `s` (NFC letters fold one to one)."""
    return "".join(map(_fold_char, s))


def _line_offsets(text: str, start: int, stop: int) -> tuple[int, int]:
    """The offset `WINDOW_BEFORE` lines before `start`, and the line count up to `stop`."""
    pos = start
    for _ in range(WINDOW_BEFORE):
        p = text.rfind("\n", 0, max(pos - 1, 0))
        if p < 0:
            pos = 0
            break
        pos = p + 1
    return pos, 0


def _find_heading(text: str, after: int) -> regex.Match | None:
    """The first Nơi nhận heading at a line start from `after`. str.find jumps from one
    "Nơi" to the next far faster than the line-anchored pattern tries every line."""
    first_word, line = _heading().first_word, _heading().line
    i = text.find(first_word, after)
    while i >= 0:
        line_start = text.rfind("\n", 0, i) + 1
        if line_start >= after and (heading := line.match(text, line_start)):
            return heading
        line_end = text.find("\n", i)   # a later "Nơi" on this line has the same line start
        if line_end < 0:
            return None
        i = text.find(first_word, line_end + 1)
    return None


def _last_anchor(text: str, after: int) -> int | None:
    """Start of the last match of _anchor().finditer(text, after), trying only its lines."""
    at_line_start = after == 0 or text[after - 1] == "\n"
    starts = [after] if at_line_start else []
    starts += [line.start() + 1 for line in _ANCHOR_LINE.finditer(text, after)]
    last = None
    done = after
    anchor = _anchor()
    for at in starts:
        # a match may run onto the next lines: the scan resumes at its end
        if at >= done and (m := anchor.match(text, at)):
            last, done = at, m.end()
    return last


def find_block_start(text: str, after: int = 0) -> tuple[int, bool]:
    """Where to read the signature from, and whether a Nơi nhận heading anchors it."""
    heading = _find_heading(text, after)
    if heading:
        return heading.start(), True
    last = _last_anchor(text, after)
    if last is not None:
        return last, False
    # No heading and no TM./KT. prefix (a minister signs in person): the signature follows
    # the "./." that closes the body, even when appendix tables come after it.
    closing = text.find("./.", after)
    if closing >= 0:
        return closing + 3, False
    pos = len(text)
    for _ in range(TAIL_LINES):
        p = text.rfind("\n", after, max(pos - 1, after))
        if p < 0:
            return after, False
        pos = p
    return pos + 1, False


def _is_sig_line(c: Cell) -> bool:
    if not c.upper:
        return False
    if _prefix_re().match(c.text):
        return True
    return bool(position_re().match(_fold_chars(c.text).lower()))


@cache
def _marks_re() -> regex.Pattern:
    return regex.compile("|".join(regex.escape(m) for m in sorted(words().signed_marks, key=len, reverse=True)))


def _split_merged(text: str) -> tuple[str, str]:
    """A web copy's merged cell `TM. CHÍNH PHỦ THỦ TƯỚNG (Đã ký) Nguyễn Xuân Phúc`: the
    upper-case part and the name after it."""
    text = _marks_re().sub(" ", text)
    m = _merged(text)
    if m and _TWO_UPPER.search(m[0]):
        return m[0].strip(), m[1].strip()
    return text.strip(), ""


def _merged(text: str) -> tuple[str, str] | None:
    """(up, name): the shortest part without a lower-case letter, then after spaces a name
    of capitalised words running to the end of the text (`$`: or to a last newline).

    The name is a tail of the text's words that are all capitalised words; the shortest
    part before it is the one before the first such word that follows a space, and when that
    part holds a lower-case letter, so does every longer one: no match."""
    tokens = list(_TOKEN.finditer(text))
    if not tokens or text[tokens[-1].end():] not in ("", "\n"):
        return None
    first = len(tokens)
    while first > 0 and _NAME_WORD.fullmatch(tokens[first - 1].group()):
        first -= 1
    if first == len(tokens):
        return None
    if tokens[first].start() == 0:
        first += 1      # the name follows spaces
        if first == len(tokens):
            return None
    up_end = tokens[first - 1].end() if first > 0 else 0
    if _LOWER.search(text, 0, up_end):
        return None
    return text[:up_end], text[tokens[first].start():tokens[-1].end()]


@cache
def _rank_prefixes() -> tuple[tuple[str, int], ...]:
    """Each rank, longest first, as the lower-case prefix a name starts with (a rank
    without its dot is followed by a space), with the rank's length."""
    ranks = sorted(words().ranks, key=len, reverse=True)
    return tuple((r.lower() if r.endswith(".") else r.lower() + " ", len(r)) for r in ranks)


def _strip_rank(name: str) -> str:
    low = name.lower()
    for prefix, n in _rank_prefixes():
        if low.startswith(prefix):
            return name[n:].strip()
    return name


def parse_signature(text: str, after: int = 0) -> Signature:
    anchor, has_heading = find_block_start(text, after)
    start, _ = _line_offsets(text, anchor, anchor)
    cells = cells_of(text, start, WINDOW_BEFORE + WINDOW_AFTER)
    # recipients
    recipients: list[str] = []
    rec_cells: set[int] = set()
    heading_idx = None
    heading = _heading()
    if has_heading:
        for i, c in enumerate(cells):
            if c.start >= anchor and (heading.cell.match(c.text) or (
                    c.text == heading.first_word and i + 1 < len(cells)
                    and cells[i + 1].text.startswith(heading.rest_word))):
                heading_idx = i
                break
    if heading_idx is not None:
        rec_cells.add(heading_idx)
        first = heading.text.sub("", cells[heading_idx].text)
        if cells[heading_idx].text == heading.first_word:
            heading_idx += 1
            rec_cells.add(heading_idx)
            first = heading.tail.sub("", cells[heading_idx].text)
        if first:
            recipients.append(first)
        for j in range(heading_idx + 1, len(cells)):
            c = cells[j]
            if c.rule:
                if recipients:
                    break
                continue
            if _is_sig_line(c) and not _ITEM.match(c.text):
                # pdftotext -layout puts the signature lines among the list: skip, don't stop
                if recipients and recipients[-1].lower().startswith(page_words.words().archive):
                    break
                continue
            if _ITEM.match(c.text) or not recipients:
                item = _ITEM.sub("", c.text)
                if item:
                    recipients.append(item)
                rec_cells.add(j)
            elif recipients and not _NAME.match(c.text) and not _marks_re().fullmatch(c.text):
                recipients[-1] += " " + c.text
                rec_cells.add(j)
            else:
                break
    recipients = [r.strip(" ;,") for r in recipients if r.strip(" ;,.")]
    # the signature lines: upper-case position lines, then the name. Without a Nơi nhận
    # heading the anchor may be the `(Đã ký)` under the position, so look a few lines up.
    floor = anchor
    if not has_heading:
        for _ in range(SIGNED_MARK_LOOKBACK):
            floor = max(text.rfind("\n", 0, max(floor - 1, 0)), 0)
    sig: list[str] = []
    signer = None
    started = False
    for i, c in enumerate(cells):
        if c.rule or i in rec_cells:
            if started and c.rule and sig and signer is None:
                continue
            continue
        if c.start < floor and not (_prefix_re().match(c.text) and c.upper):
            continue
        t = c.text
        if not started:
            if not _is_sig_line(c) and not (_prefix_re().match(t) and _TWO_UPPER.search(t)):
                continue
            started = True
        up, name = _split_merged(t)
        if up and (_TWO_UPPER.search(up) and not _LOWER.search(up)):
            # an upper-case line is part of the block (a wrapped `TM. ỦY BAN⏎NHÂN DÂN`),
            # never the name: names are written in mixed case
            sig.append(up)
        elif up and _NAME.match(_strip_rank(up)):
            name = up
        elif up and _ONE_NAME.fullmatch(up) and i + 1 < len(cells) and _NAME_PART.fullmatch(cells[i + 1].text):
            name = up + " " + cells[i + 1].text   # a name wrapped after its family name
        elif up and not _marks_re().fullmatch(t) and not t.startswith("("):
            if sig:
                break
        if name:
            name = _strip_rank(name)
            if _NAME.match(name):
                nxt = cells[i + 1] if i + 1 < len(cells) else None
                if nxt and not nxt.rule and nxt.line == c.line + 1 and len(name.split()) < 4 and \
                        _NAME_WORD.fullmatch(nxt.text):
                    name += " " + nxt.text
                signer = name
                break
    authority = position = body = None
    joined = " ".join(sig)
    if joined:
        m = _prefix_re().search(joined)
        if m:
            authority = _prefix_values().get(_NOT_WORD.sub("", m.group()).upper())
            rest = joined[m.end():]
            nxt = _prefix_re().search(rest)
            body_part = rest[: nxt.start()] if nxt else rest
            pos_in_body = _last_position(body_part)
            body = body_part[:pos_in_body].strip(" ,") if pos_in_body else body_part.strip(" ,")
        idx = _last_position(joined)
        if idx is not None:
            position = recase_name(_prefix_re().sub("", joined[idx:]).strip(" ,."))
    return Signature(signer=signer, position=position or None, authority=authority,
                     body=recase_name(body) if body and authority == "TM." else None,
                     recipients=tuple(recipients), start=anchor)


def _last_position(s: str) -> int | None:
    """Start of the last position phrase in `s` that is not part of a longer one."""
    f = _fold_chars(s).lower()
    hits = [(m.start(), m.end()) for m in position_re().finditer(f, overlapped=True)]
    if not hits:
        return None
    outer = [h for h in hits if not any(o != h and o[0] <= h[0] and h[1] <= o[1] for o in hits)]
    return max(outer)[0]
