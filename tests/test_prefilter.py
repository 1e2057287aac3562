"""Every prefiltered pattern finds, through its prefilter, exactly what the pattern finds
tried at every character: on the texts of corpus/ and ../shared/corpus, on hostile
texts, and on texts generated from each grammar's own words in random case, wrapped and
spaced at random. One table over the registry (pipeline.text.prefilter.register), so a
grammar whose words or pattern change is checked without a test of its own."""
from __future__ import annotations

import json
import random
from functools import cache

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pipeline.extract  # noqa: F401 (imports every grammar, which registers its patterns)
import pipeline.resolve  # noqa: F401
from pipeline.load import load
from pipeline.normalize import normalize
from pipeline.text.prefilter import DIGIT, Prefiltered, registered

from conftest import ROOT, SHARED, needs_shared

NAMES = sorted(registered())


def spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def agree(p: Prefiltered, text: str, pos: int = 0, endpos: int | None = None) -> None:
    end = len(text) if endpos is None else endpos
    assert spans(p.finditer(text, pos, end)) == spans(p.pattern.finditer(text, pos, end))


def test_the_registry_holds_every_prefiltered_grammar():
    assert NAMES == [
        "effects.ended", "effects.in_force", "effects.term", "effects.verb",
        "money.cue.fallback", "money.cue.roles", "money.cue.sources", "money.cue.totals",
        "money.period", "money.place", "money.unit_line", "money.words.bracketed", "money.words.labelled",
        "organizations.enumeration", "organizations.office_list",
        "places.place", "projects.named", "projects.numbered", "projects.programme",
        "resolve.short_form",
    ]


PLACE = regex.compile(r"(?<!\p{L})(?:thành phố|huyện|thị xã|tt\.)[ ]\p{Lu}\p{L}*", regex.IGNORECASE)
LABEL = regex.compile(r"(?:dự án|đề án|DA)[ \t]*\d+", regex.IGNORECASE)


@pytest.mark.parametrize("p, text, hits, found", [
    # one stdlib pattern per first character; hits inside another hit count
    (Prefiltered(PLACE, ("thành phố", "huyện", "thị xã", "tt.")),
     "Tại Thành phố Hà Nội, huyện Đông Anh và thị xã Sơn Tây; TT. Phùng, thành phố",
     [4, 22, 40, 56, 67], ["Thành phố Hà", "huyện Đông", "thị xã Sơn", "TT. Phùng"]),
    # `then`: the label and a run of digits after optional white space; words of a phrase
    # parted by any white space
    (Prefiltered(LABEL, ("Dự án", "đề án", "DA"), then=(DIGIT,)),
     "dự kiến 3; dự án 1, dự án mới, DA 2, dân 4, vấn đề án 5, dự\nán 6",
     [11, 31, 48, 57], ["dự án 1", "DA 2", "đề án 5"]),
    # case folding as the regex engine's: a long s is an s, a Kelvin sign a k
    (Prefiltered(regex.compile("số|km", regex.IGNORECASE), ("số", "km")), "ſố 1, \u212am", [0, 6], ["ſố", "\u212am"]),
])
def test_the_scan_and_the_matches(p, text, hits, found):
    assert p.hits(text.casefold()) == hits
    assert [m.group() for m in p.finditer(text)] == found
    agree(p, text)


def test_a_letter_folding_to_several_falls_back_to_the_whole_pattern():
    p = Prefiltered(PLACE, ("huyện",))
    text = "İ huyện Đông Anh"
    assert [m.group() for m in p.finditer(text)] == ["huyện Đông"]


# Texts where case folding or white space once let a match slip past a hand-made gate.
HOSTILE = [
    "Quyết định ſố 5 đã",  # the regex engine reads a long s as s
    "QUYẾT ĐỊNH NÀY", "Kế hoạch  nêu trên", "Luật\n58 quy định", "Nghị quyết 𝟓 đã",
    "Quyết định İstanbul này và Quyết định này",  # a letter whose lower case is longer
    "Dự\nán 3: Hỗ trợ", "DỰ ÁN 2. Phát triển", "CHƯƠNG TRÌNH mục tiêu quốc gia",
    "(Bằng chữ: Một trăm triệu đồng)", "(BẰNG CHỮ: MỘT TRĂM TRIỆU ĐỒNG)",
]


@pytest.mark.parametrize("name", NAMES)
def test_hostile_texts(name):
    p = registered()[name]()
    if p is None:
        pytest.skip(f"{name}: the grammar's words have none")
    for text in HOSTILE:
        agree(p, text)


@cache
def _corpus_texts() -> list[str]:
    files = sorted(f for f in (ROOT / "corpus").iterdir() if f.suffix in {".txt", ".html", ".docx", ".pdf"})
    return [normalize(load(f).text).text for f in files]


@pytest.mark.parametrize("name", NAMES)
def test_corpus(name):
    p = registered()[name]()
    if p is None:
        pytest.skip(f"{name}: the grammar's words have none")
    for text in _corpus_texts():
        agree(p, text)
        # and on a range, as the money cues read an amount's clause
        agree(p, text, len(text) // 3, 2 * len(text) // 3)


@cache
def _shared_texts() -> list[str]:
    texts = [f.read_text(encoding="utf-8") for d in ("seeds", "real") for f in sorted((SHARED / "corpus" / d).glob("*.txt"))]
    with open(SHARED / "corpus" / "meta-dev.jsonl", encoding="utf-8") as f:
        texts += [json.loads(line)["text"] for line in f]
    return [normalize(text).text for text in texts]


@needs_shared
@pytest.mark.parametrize("name", NAMES)
def test_shared_corpus(name):
    p = registered()[name]()
    if p is None:
        pytest.skip(f"{name}: the grammar's words have none")
    for text in _shared_texts():
        agree(p, text)


# Pieces put between a grammar's words: spacing, wraps, digits, marks and the letters
# whose case folding differs from their lower case.
GLUE = [" ", "  ", "\n", " \n ", "\t", "", ": ", ", ", ". ", "(", ")", "[", "số ", "1", "12",
        "3.2", "2024", "𝟗", "ſ", "İ", "ß", "K", "Ha Noi", "Phát triển", "xã A", "đồng"]


def _words(p: Prefiltered) -> list[str]:
    return [w.replace(DIGIT, "7") for w in (*p.starts, *p.then)]


def _cased(word: str, rng: random.Random) -> str:
    how = rng.randrange(4)
    if how == 0:
        return word.upper()
    if how == 1:
        return word.capitalize()
    if how == 2:
        return "".join(c.upper() if rng.random() < 0.5 else c for c in word)
    return word


def _spaced(word: str, rng: random.Random) -> str:
    return "".join(rng.choice([" ", "  ", "\n", " \n", "\t"]) if c == " " else c for c in word)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), size=st.integers(1, 12))
def test_generated_texts(name, seed, size):
    p = registered()[name]()
    if p is None:
        pytest.skip(f"{name}: the grammar's words have none")
    rng = random.Random(seed)
    words = _words(p)
    text = "".join(_spaced(_cased(rng.choice(words), rng), rng) + rng.choice(GLUE) for _ in range(size))
    agree(p, text)
    pos = rng.randrange(len(text) + 1)
    agree(p, text, pos, rng.randrange(pos, len(text) + 1))
