"""Legacy 8-bit Vietnamese font encodings (TCVN3/ABC, VNI, VISCII, VPS) to Unicode.

Old files typed in `.VnTime` or `VNI-Times`, and PDFs whose fonts lack a ToUnicode map,
read as `QuyÕt ®Þnh` or `Quyeát ñònh`. viparse (MIT, no dependencies) scores the text
against each legacy table and only converts when one fits; it leaves Unicode Vietnamese
and other languages alone, which the tests check on every corpus text. Its detection
needs a few dozen letters, so short pieces are judged with the document they belong to.
"""
from __future__ import annotations

import re
from functools import lru_cache

import regex

# Latin-1 characters that Unicode Vietnamese never uses (symbols and foreign letters) but
# legacy fonts use as letters: `® § µ ¸ ©` in TCVN3, `ñ ö ø ä ï Û Ñ` in VNI. A Unicode text
# may hold a few (`°`, `×`, `§`); a legacy one is full of them. Plain character classes:
# the stdlib engine counts them ten times faster than the regex module.
_TELLTALE = re.compile(r"[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce\u00cf\u00d0\u00d1\u00d6-\u00d8"
                          r"\u00db\u00dc\u00de\u00df\u00e4-\u00e7\u00eb\u00ee\u00ef\u00f0\u00f1"
                          r"\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
MIN_TELLTALES = 3
MIN_SHARE = 0.1   # of the non-ASCII characters


def detect(text: str) -> str | None:
    """'tcvn3', 'vni', 'viscii' or 'vps' when `text` is in that legacy encoding, else None."""
    sample = text[:20000]
    telltales = len(_TELLTALE.findall(sample))
    if telltales < MIN_TELLTALES or telltales < MIN_SHARE * len(_NON_ASCII.findall(sample)):
        return None
    import viparse

    return viparse.detect_text_encoding(text[:20000])


_WORD = regex.compile(r"\S+")


def to_unicode(text: str, encoding: str) -> str:
    """Word by word, so that spaces and line breaks stay exactly where they were (viparse
    collapses them); legacy fonts encode each syllable within the word."""
    return _WORD.sub(lambda m: _word(m.group(), encoding) if not m.group().isascii() else m.group(), text)


@lru_cache(maxsize=65536)
def _word(word: str, encoding: str) -> str:
    import viparse

    return viparse.fix(word, encoding=encoding) or word


def convert_document(doc):
    """`doc` (a LoadedDocument) with its text and blocks in Unicode when they are in a
    legacy encoding; the warning names the encoding. Offsets are rebuilt block by block,
    since a conversion may change lengths."""
    encoding = detect(doc.text)
    if encoding is None:
        return doc
    import bisect

    text = doc.text
    parts: list[str] = []
    blocks = []
    marks: list[tuple[int, int]] = [(0, 0)]   # (old offset, new offset) at block edges
    pos = new = 0
    body = sorted((b for b in doc.blocks if not b.furniture), key=lambda b: b.start)
    for block in body:
        if block.start < pos:  # overlapping blocks: offsets cannot be rebuilt safely
            return doc
        gap = to_unicode(text[pos:block.start], encoding)
        converted = to_unicode(block.text, encoding)
        parts += [gap, converted]
        start = new + len(gap)
        new = start + len(converted)
        blocks.append(block.model_copy(update={"text": converted, "start": start, "end": new}))
        marks += [(block.start, start), (block.end, new)]
        pos = block.end
    parts.append(to_unicode(text[pos:], encoding))
    new_text = "".join(parts)
    olds = [m[0] for m in marks]

    def moved(offset: int) -> int:
        i = bisect.bisect_right(olds, offset) - 1
        return min(marks[i][1] + (offset - marks[i][0]), len(new_text))

    furniture = [b.model_copy(update={"text": to_unicode(b.text, encoding), "start": moved(b.start),
                                      "end": moved(b.start)}) for b in doc.blocks if b.furniture]
    return doc.model_copy(update={
        "text": new_text, "blocks": tuple(blocks) + tuple(furniture),
        "warnings": doc.warnings + (f"text in the legacy {encoding.upper()} encoding, converted to Unicode",)})
