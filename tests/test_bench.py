"""make bench's PDF comparison: the same files, text layer against text layer; a page
without one is counted apart. (No timing is asserted: the figures are the bench's.)"""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from pipeline import bench

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def image_only_pdf(path: Path) -> Path:
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    picture = Image.new("L", (1240, 1754), 255)
    ImageDraw.Draw(picture).text((200, 200), "QUYET DINH", fill=0)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(picture, x=0, y=0, w=210, h=297)
    pdf.output(str(path))
    return path


def test_pdf_measure_counts_pages_and_pages_without_text(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)   # as on a machine without poppler
    files = sorted(CORPUS.glob("*.pdf")) + [image_only_pdf(tmp_path / "scan.pdf")]
    out = bench.measure_pdf(files)
    assert out["files"] == 3
    assert out["pages"] == 2 + 2 + 1
    assert out["pages_without_text_layer"] == 1
    assert "pdftotext_pages_per_s" not in out and "ratio" not in out


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdf_measure_runs_pdftotext_on_the_same_files():
    out = bench.measure_pdf(sorted(CORPUS.glob("*.pdf")))
    assert out["pages_without_text_layer"] == 0 and "ocr_seconds_per_page" not in out
    assert out["ratio"] == pytest.approx(out["pdftotext_seconds"] / out["vanban_seconds"])


def test_extraction_measure_keeps_the_fastest_pass_and_the_median():
    files = sorted(CORPUS.glob("*.txt"))[:3]
    out = bench.measure_extraction(files, passes=3)
    assert (out["docs"], out["passes"]) == (3, 3)
    assert out["seconds"] <= out["median_seconds"]
    assert out["mb_per_s_per_core"] == pytest.approx(sum(f.stat().st_size for f in files) / out["seconds"] / 1e6)
    table = bench.report({
        "extraction_one_core": out, "corpus": {"text_documents": 3, "text_mb": 0.1, "mean_kb": 30, "pdf_files": 0},
        "underthesea_ner": None, "pdf": None, "table_page_ms": None, "notes": [],
        "ingest": {"jobs": 1, "docs_per_s": 1, "mb_per_s": 1, "seconds": 1, "exit": 0, "load_average_before": 0.42,
                   "cpu_seconds": {"main": 0.015, "workers": 0.045}},
        "reingest": {"seconds": 1, "speedup": 1, "exit": 0},
        "database": {"file_kb_per_doc": 93.72, "in_use_kb_per_doc": 84.84},
        "peak_rss_mb": {"ingest_process_tree_pss": 1, "largest_ingest_process": 1, "bench_process": 1}})
    assert "best of 3 passes" in table
    assert "93.7 KB per document (the file; 84.8 KB in use)" in table
    assert "(load average before: 0.42)" in table
    assert "15.0 ms in workers, 5.0 ms in the main process (writer), 20.0 ms in all" in table


def test_database_size_is_the_file_with_its_free_pages_and_the_pages_in_use(tmp_path):
    db = tmp_path / "v.db"
    conn = sqlite3.connect(db)
    conn.execute("create table t (x)")
    conn.executemany("insert into t values (?)", [("x" * 4000,)] * 100)  # a page each
    conn.commit()
    conn.execute("delete from t where rowid > 40")
    conn.commit()
    page, pages, free = (conn.execute(f"pragma {name}").fetchone()[0]
                         for name in ("page_size", "page_count", "freelist_count"))
    conn.close()
    assert free >= 60
    assert bench.database_kb(db, 10) == pytest.approx({"file_kb_per_doc": pages * page / 1e4,
                                                       "in_use_kb_per_doc": (pages - free) * page / 1e4})


def test_ingest_cpu_is_split_between_the_workers_and_the_writer(tmp_path):
    pytest.importorskip("psutil", reason="CPU per process is read with psutil (the dask extra)")
    from pipeline.bench.measures import timed_ingest

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):  # enough work for the 0.2 s samples to see every process
        for f in sorted(CORPUS.glob("*.txt")):
            (folder / f"{i}-{f.name}").write_text(f.read_text(encoding="utf-8") + f"\n{i}\n", encoding="utf-8")
    out = timed_ingest(folder, tmp_path / "v.db", jobs=2)
    assert out["exit"] == 0, out["summary"]
    assert out["cpu_seconds"]["main"] > 0 and out["cpu_seconds"]["workers"] > 0
    assert out["load_average_before"] >= 0


# The documents corpus/README.md lists, each its own document (QĐ 1634 the latest added).
CORPUS_DOCUMENTS = 14


def test_writer_growth_reports_each_doubling_and_leaves_no_copy(tmp_path):
    from pipeline.ingest import ingest

    source = tmp_path / "ingested.db"
    assert ingest([CORPUS], source, progress=False, jobs=1).ingested == CORPUS_DOCUMENTS
    copies = tmp_path / "growth" / "copies.db"
    copies.parent.mkdir()
    out = bench.measure_writer_growth(source, copies, 420, first_point=50)
    assert (out["documents"], out["source_documents"]) == (420, CORPUS_DOCUMENTS)
    assert [p["documents"] for p in out["points"]] == [50, 100, 200, 400, 420]
    for size in ("db_mb", "bulk_db_mb"):
        sizes = [p[size] for p in out["points"]]
        assert sizes == sorted(sizes) and sizes[0] > 0
    assert all(p[f"{k}_cpu_ms_per_doc"] > 0 for p in out["points"] for k in ("writer", "shard", "merge"))
    assert list(copies.parent.iterdir()) == []
    assert sqlite3.connect(source).execute("select count(*) from documents").fetchone()[0] == CORPUS_DOCUMENTS


def test_write_paths_times_both_paths_over_the_stored_documents_and_leaves_no_copy(tmp_path):
    from pipeline.ingest import ingest

    source = tmp_path / "ingested.db"
    assert ingest([CORPUS], source, progress=False, jobs=1).ingested == CORPUS_DOCUMENTS
    held = sqlite3.connect(source).execute("select count(*) from documents").fetchone()[0]
    out = bench.measure_write_paths(source, tmp_path / "paths")
    assert out["documents"] == held
    assert all(out[f"{k}_cpu_ms_per_doc"] > 0 for k in ("live", "shard", "merge"))
    assert list((tmp_path / "paths").iterdir()) == []


def test_each_timed_search_runs_on_the_ingested_database_and_shows_in_the_table(tmp_path_factory):
    from test_publish import demo_db

    spent = bench.search_cpu_s(demo_db(tmp_path_factory))
    assert list(spent) == ["giai ngan", "giải ngân (exact)", "khong co tu nay", "qd 499"]
    assert all(seconds > 0 for seconds in spent.values())
    table = bench.report({
        "extraction_one_core": {"mb_per_s_per_core": 1, "chars_per_s": 1, "docs_per_s": 1, "passes": 3,
                                "median_mb_per_s_per_core": 1},
        "corpus": {"text_documents": 5000, "text_mb": 0.1, "mean_kb": 30, "pdf_files": 0},
        "underthesea_ner": None, "pdf": None, "table_page_ms": None, "notes": [],
        "ingest": {"jobs": 1, "docs_per_s": 1, "mb_per_s": 1, "seconds": 1, "exit": 0, "load_average_before": 0.4},
        "reingest": {"seconds": 1, "speedup": 1, "exit": 0},
        "peak_rss_mb": {"ingest_process_tree_pss": 1, "largest_ingest_process": 1, "bench_process": 1},
        "search_cpu_s": {"giai ngan": 0.214, "qd 499": 0.0012}})
    line = next(line for line in table.splitlines() if line.startswith("search, 5,000 documents "))
    assert line.endswith(" 'giai ngan' 0.21, 'qd 499' 0.00   [CPU s per search]")
