"""When two renderings are one document, and which document a citation names.

Renderings: the same number, issuer and date (rows.identity_key) is only a claim; they are
one document when their texts also agree. The measure is the Jaccard similarity of the sets
of word 3-grams ("shingles") of the folded texts: layout, line breaks, page furniture and a
few misread words change few shingles, while another body under a copied header shares
little more than that header. Measured (docs/notes in the commit that added this):

    same document, DOCX vs PDF rendering (4 corpus sources)   0.915 - 0.970
    QĐ 499 as .txt vs as a generated .docx                    1.000
    different documents of one issuer (shared căn cứ lines)   0.204 - 0.358
    forged DOCX: QĐ 499's header over another body            0.113

so SAME_TEXT = 0.6 sits about 0.25 from either side. A forgery that copies the whole text
and changes one figure stays above any such threshold (0.976 measured): a text measure
cannot tell it from a rendering with a misread digit.

Citations: a cited number is resolved among the documents holding it by the issuer and the
date the citation gives; when more than one remains the citation is ambiguous and not
linked (choosing one would let a planted file with a reused number take the links).
"""
from __future__ import annotations

import re

from ..text.fold import fold

SAME_TEXT = 0.6
SHINGLE = 3


def shingles(text: str | None) -> frozenset:
    words = re.findall(r"\w+", fold(text or ""))
    if len(words) < SHINGLE:
        return frozenset([tuple(words)]) if words else frozenset()
    return frozenset(tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def text_similarity(a: str | None, b: str | None) -> float:
    """Jaccard similarity of the word 3-gram sets of the folded texts (1.0 for two empty)."""
    sa, sb = shingles(a), shingles(b)
    if not sa and not sb:
        return 1.0
    return round(len(sa & sb) / len(sa | sb), 4)


# Abbreviations of issuers as citations write them ("UBND tỉnh", "HĐND tỉnh Lạng Sơn").
ISSUER_ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan", "tp": "thanh pho",
    "tw": "trung uong", "bch": "ban chap hanh", "mttq": "mat tran to quoc",
    "ttg": "thu tuong chinh phu", "cp": "chinh phu", "qh": "quoc hoi",
}


def issuer_words(name: str | None) -> frozenset[str]:
    words = []
    for w in re.findall(r"\w+", fold(name or "")):
        words.extend(ISSUER_ABBREVIATIONS.get(w, w).split())
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
