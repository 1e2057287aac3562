"""Cost bounded by input size (issue #17): what a fact carries of its sentence, how many
facts of a kind a document keeps, texts past spaCy's max_length, and pages too large to
render for OCR. The inputs are the probe's: small files that made huge databases."""
import json
import sqlite3
from pathlib import Path

import pytest
import spacy

from hostile_corpus import HUGE_BLANK_PAGE, page_tree_pdf
from pipeline import MAX_MENTIONS_PER_KIND, extract_loaded
from pipeline.text.sentences import ELLIPSIS, MAX_SENTENCE, window
from pipeline.extract import build_nlp
from pipeline.ingest import ingest
from pipeline.load import load, ocr
from pipeline.load.text import load_text


def run(text: str):
    return extract_loaded(load_text(Path("probe.txt"), text.encode()))


def stored(tmp_path: Path, name: str, data: bytes) -> tuple[int, sqlite3.Connection]:
    """Ingests one file into a fresh database: (its size in bytes, a connection)."""
    path = tmp_path / name
    path.write_bytes(data)
    db = tmp_path / "probe.db"
    ingest([path], db, progress=False, jobs=1)
    con = sqlite3.connect(db)
    con.execute("pragma wal_checkpoint(truncate)")
    return db.stat().st_size, con


def warnings_of(con: sqlite3.Connection) -> list[str]:
    return json.loads(con.execute("select warnings from documents").fetchone()[0])


# ------------------------------------------------------------- the bar
def test_percent_list_makes_a_small_database(tmp_path):
    # 40 KB of "1,5%, ": 6,666 percentages in one sentence; each stored its whole 40 KB
    # sentence, 274 MB in all.
    size, con = stored(tmp_path, "pct.txt", ("1,5%, " * 6_666).encode())
    assert size < 20_000_000
    assert con.execute("select count(*) from percentages").fetchone()[0] == MAX_MENTIONS_PER_KIND
    assert con.execute("select max(length(sentence)) from percentages").fetchone()[0] <= MAX_SENTENCE + 2
    found = warnings_of(con)
    assert any("of 6,666 percentages kept" in w and "1,666 dropped" in w for w in found), found
    assert any(f"sentences over {MAX_SENTENCE} characters" in w for w in found), found


def test_lying_page_tree_makes_a_small_database(tmp_path):
    # The page tree claims 10^6 pages; 2,000 are read (--max-pages), one citation each,
    # all in one 140 KB sentence: 282 MB before the sentence cap.
    data = page_tree_pdf()
    assert len(data) < 1_500
    size, con = stored(tmp_path, "tree.pdf", data)
    assert size < 20_000_000
    assert con.execute("select count(*) from citations").fetchone()[0] == 2_000
    assert con.execute("select max(length(sentence)) from citations").fetchone()[0] <= MAX_SENTENCE + 2
    assert "only the first 2,000 of 1,000,000 pages read (--max-pages)" in warnings_of(con)


def test_the_bar_inputs_together_under_20_mb(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "tree.pdf").write_bytes(page_tree_pdf())
    (tmp_path / "in" / "pct.txt").write_text("1,5%, " * 6_666)
    db = tmp_path / "both.db"
    ingest([tmp_path / "in"], db, progress=False, jobs=1)
    con = sqlite3.connect(db)
    con.execute("pragma wal_checkpoint(truncate)")
    con.close()
    assert db.stat().st_size < 20_000_000


# ----------------------------------------------------------------- sentences
def test_a_fact_carries_a_window_of_a_long_sentence():
    # One 130 KB sentence (no full stop, no blank line) with a citation every ~650 characters.
    filler = "các đơn vị triển khai thực hiện kế hoạch về giảm nghèo bền vững trên địa bàn huyện, "
    parts = [f"căn cứ Quyết định số {n}/QĐ-UBND của UBND tỉnh, " + filler * 7 for n in range(1, 201)]
    text = "".join(parts)
    assert len(text) > 120_000
    result = run(text)
    assert len(result.citations) == 200
    for c in result.citations:
        assert len(c.sentence) <= MAX_SENTENCE + 2  # plus the "…" at each end
        assert c.text in c.sentence
        assert c.sentence.startswith(ELLIPSIS) or c.start < MAX_SENTENCE
        assert c.sentence.endswith(ELLIPSIS)
        # cut at word boundaries: the first and last words are whole words of the text
        inner = c.sentence.strip(ELLIPSIS)
        first, last = inner.split()[0], inner.split()[-1]
        assert f" {first} " in f" {text} " and f" {last} " in f" {text} "
    # the citations, and the one organization mention (UBND tỉnh, merged) of the sentence
    assert result.warnings == (f"201 facts are in sentences over {MAX_SENTENCE} characters: "
                               f"each carries only the {MAX_SENTENCE} characters around it",)


def test_short_sentences_are_whole_and_warn_nothing():
    text = ("Căn cứ Quyết định số 12/QĐ-UBND ngày 2/3/2024 của UBND tỉnh về kế hoạch năm 2024.\n\n"
            "Kinh phí thực hiện 1.000 triệu đồng, đạt 10% kế hoạch.")
    result = run(text)
    assert result.citations[0].sentence == ("Căn cứ Quyết định số 12/QĐ-UBND ngày 2/3/2024 của UBND tỉnh "
                                           "về kế hoạch năm 2024.")
    assert not any("sentences over" in w for w in result.warnings)


@pytest.mark.parametrize("where", [0, 50, 500, 999])
def test_window_holds_the_fact_wherever_it_is(where):
    words = [f"w{i:03d}" for i in range(1000)]  # 4,999 characters, words of 4
    text = " ".join(words)
    start = text.index(words[where])
    got = window(text, 0, len(text), start, start + 4, size=100)
    assert words[where] in got
    assert len(got) <= 102
    assert got.startswith(ELLIPSIS) == (where > 0)
    assert got.endswith(ELLIPSIS) == (where < 999)
    assert all(len(w) == 4 for w in got.strip(ELLIPSIS).split())  # no word cut through


def test_window_of_a_short_sentence_is_the_sentence():
    assert window("  Một câu ngắn.  ", 0, 17, 3, 6) == "Một câu ngắn."


# ------------------------------------------------------------ mentions per kind
def test_mentions_per_kind_capped_with_a_warning():
    text = "".join(f"Mục {i}: kinh phí {i}.000 triệu đồng.\n\n" for i in range(1, MAX_MENTIONS_PER_KIND + 301))
    result = run(text)
    assert len(result.amounts) == MAX_MENTIONS_PER_KIND
    assert all(a.part_of is None or a.part_of < MAX_MENTIONS_PER_KIND for a in result.amounts)
    assert any(f"only the first {MAX_MENTIONS_PER_KIND:,} of {MAX_MENTIONS_PER_KIND + 300:,} amounts kept"
               in w for w in result.warnings), result.warnings


# ------------------------------------------------------------- spaCy max_length
def test_text_over_spacy_max_length_extracts():
    # 1.2 M characters: spaCy refuses texts over nlp.max_length (E088); the pipeline's own
    # tokenizer is used, and max_length is left alone for every other user of spaCy.
    para = ("Các xã, thị trấn tiếp tục rà soát, cập nhật danh sách hộ nghèo, hộ cận nghèo theo "
            "đúng quy định và báo cáo kết quả về Ủy ban nhân dân huyện đúng thời hạn.\n\n")
    fact = "Căn cứ Quyết định số 12/QĐ-UBND ngày 2/3/2024 của UBND tỉnh.\n\n"
    text = (para * 200 + fact) * 40
    assert len(text) > 1_200_000
    result = run(text)
    assert len(result.citations) == 40
    assert build_nlp().max_length == 1_000_000
    assert spacy.blank("en").max_length == 1_000_000


# ---------------------------------------------------------------------- OCR
def test_ocr_resolution_scales_down_for_large_pages():
    a4 = ocr.ocr_dpi(595, 842)
    assert a4 == ocr.OCR_DPI
    a0 = ocr.ocr_dpi(2384, 3370)  # 62 million pixels at 200 dpi
    assert ocr.MIN_OCR_DPI < a0 < ocr.OCR_DPI
    assert (2384 * a0 / 72) * (3370 * a0 / 72) <= ocr.MAX_OCR_PIXELS * 1.001
    assert ocr.ocr_dpi(14_400, 14_400) < ocr.MIN_OCR_DPI


def test_huge_blank_page_is_not_rendered(tmp_path, monkeypatch):
    # One blank 200-inch page: rendered at 200 dpi for OCR it took 1.67 GB.
    monkeypatch.setattr(ocr, "tesseract_problem", lambda: None)

    def no_ocr(image):
        raise AssertionError("the page must not be rendered")
    monkeypatch.setattr(ocr, "ocr_image", no_ocr)
    path = tmp_path / "huge.pdf"
    path.write_bytes(HUGE_BLANK_PAGE)
    doc = load(path)
    assert doc.warnings == ("page 1 has no text layer (scanned; too large to read by OCR: 200 × 200 inches)",)
