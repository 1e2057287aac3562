"""When two renderings are one document, and which document a citation names.

Renderings: the same number, issuer and date (rows.identity_key) is only a claim; they are
one document when their texts also agree. The measure is a weighted Jaccard similarity of the
word 3-grams ("shingles") of the lower-cased texts: each shingle counts as often as it occurs and
weighs its length in letters. Layout, line breaks, page furniture and a few misread words
change few shingles, while another body under a copied header shares little more than that
header. Counts and lengths both matter: with a set of shingles, a body of one phrase repeated
thousands of times has a handful of distinct shingles, and one 40,000-digit number is one
word; a copied header then made two such texts "the same" (0.72 - 1.0).

    same document, DOCX or PDF vs its source text (4 corpus sources)   0.870 - 0.944
    QĐ 499 as .txt vs as a generated .docx                            1.000
    different documents of the corpus (highest pair)                  0.387
    forged DOCX: QĐ 499's header over another body                    0.103
    one header over two repeated phrases or digit runs (40 KB)        0.003 - 0.013

so SAME_TEXT = 0.6 sits about 0.25 from either side. A forgery that copies the whole text
and changes one figure stays above any such threshold (0.976 measured), so the amounts are
compared too (`figures_agree`): a rendering may miss amounts the other has (a PDF whose
table was not read), but two renderings that each hold an amount the other lacks are two
documents, whatever their texts. A rendering with a misread digit is then kept apart and
shown as a conflict, which is what a reader should see: a wrong number is worse than two
pages.

Citations: a cited number is resolved among the documents holding it by the issuer and the
date the citation gives; when more than one remains the citation is ambiguous and not
linked (choosing one would let a planted file with a reused number take the links).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from operator import mul

from ..grammar.name_match import abbreviations
from ..text.fold import fold

SAME_TEXT = 0.6
SHINGLE = 3


def shingles(text: str | None) -> Counter:
    # Lower case, marks kept: renderings of one text share their marks (loading normalised
    # them), and folding them away cost as much again as the rest, for the same figures.
    words = re.findall(r"\w+", (text or "").lower())
    if len(words) < SHINGLE:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(zip(*(words[i:] for i in range(SHINGLE))))


def similarity(sa: Counter, sb: Counter) -> float:
    """Weighted Jaccard similarity of two shingle multisets: the letters of the shingles
    both share, each counted the fewer times, over the letters of all, each counted the
    more (1.0 for two empty ones)."""
    if not sa and not sb:
        return 1.0
    both = list(sa.keys() & sb.keys())
    shared = _weighted(both, map(min, map(sa.__getitem__, both), map(sb.__getitem__, both)))
    # max(ca, cb) = ca + cb - min(ca, cb), so the union is both totals less the shared part
    every = _weighted(sa.keys(), sa.values()) + _weighted(sb.keys(), sb.values()) - shared
    return round(shared / every, 4)


def text_similarity(a: str | None, b: str | None) -> float:
    """`similarity` of the word 3-gram multisets of two texts."""
    return similarity(shingles(a), shingles(b))


def _weighted(grams: Iterable[tuple[str, ...]], counts: Iterable[int]) -> int:
    """The letters of `grams`, each counted `counts` times (in the same order); mapped rather
    than looped, for the thousands of shingles of a long text."""
    return sum(map(mul, counts, map(len, map("".join, grams))))


def figures_agree(a: Counter, b: Counter) -> bool:
    """Whether two renderings' amounts (multisets of VND values) can be one document's: one
    holds every amount of the other, as often."""
    return not (a - b) or not (b - a)


def issuer_words(name: str | None) -> frozenset[str]:
    # abbreviations of issuers as citations write them ("UBND tỉnh", "HĐND tỉnh Lạng Sơn")
    issuers = abbreviations().issuers
    words = []
    for w in re.findall(r"\w+", fold(name or "")):
        words.extend(issuers.get(w, w).split())
    return frozenset(words)


def issuer_agrees(cited: str | None, issuer: str | None) -> bool:
    """Whether a citation's issuer ("UBND tỉnh") can name a document's ("Ủy ban nhân dân tỉnh
    Lạng Sơn"): one's words contain the other's. Unknown on either side is no contradiction."""
    a, b = issuer_words(cited), issuer_words(issuer)
    return not a or not b or a <= b or b <= a


def date_agrees(cited: str | None, issued: str | None) -> bool:
    """A citation's date (a day, or a year or month when that is all it gives) against the
    document's issue date; unknown on either side is no contradiction."""
    if not cited or not issued:
        return True
    return issued.startswith(cited) or cited.startswith(issued)


def resolve(citation_issuer: str | None, citation_date: str | None, candidates: list[tuple]) -> tuple:
    """(cited id or None, link_status, candidate count) for one citation; `candidates` are
    (id, issuer, issued_date) of the documents holding its number, the citing one excluded.
    Status: None when no document holds the number, 'linked', 'mismatch' (documents hold the
    number but another issuer's or date's), 'ambiguous' (several fit and nothing decides)."""
    if not candidates:
        return None, None, 0
    fit = [c for c in candidates
           if issuer_agrees(citation_issuer, c[1]) and date_agrees(citation_date, c[2])]
    if len(fit) == 1:
        return fit[0][0], "linked", 1
    if not fit:
        return None, "mismatch", 0
    return None, "ambiguous", len(fit)
