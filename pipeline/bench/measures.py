"""What the bench times: extraction on one core, underthesea on the same text, the PDF
loader against pdftotext, a full ingest in a subprocess with its peak memory, and a
Datasette table page."""
from __future__ import annotations

import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from .corpus import ROOT

EXTRACTION_PASSES = 3
NER_SECONDS = 15.0


def measure_extraction(paths: list[Path], passes: int = EXTRACTION_PASSES) -> dict:
    """Load and extract the sample `passes` times; the fastest pass is the figure, as with
    timeit: on a shared machine the slower ones measure the neighbours (the median is kept
    beside it)."""
    from .. import extract_loaded
    from ..ingest import warm_up
    from ..load import load

    warm_up()
    timings = []
    for _ in range(passes):
        chars = size = 0
        started = time.perf_counter()
        for p in paths:
            loaded = load(p)
            extract_loaded(loaded)
            chars += len(loaded.text)
            size += loaded.source.size
        timings.append(time.perf_counter() - started)
    seconds, median = min(timings), statistics.median(timings)
    return {"docs": len(paths), "passes": passes, "seconds": seconds, "median_seconds": median,
            "chars_per_s": chars / seconds, "docs_per_s": len(paths) / seconds,
            "mb_per_s_per_core": size / seconds / 1e6, "median_mb_per_s_per_core": size / median / 1e6}


def measure_underthesea(paths: list[Path]) -> dict | None:
    try:
        from underthesea import ner
    except ImportError:
        return None
    ner("Ủy ban nhân dân tỉnh Lạng Sơn")  # loads its model
    chars = 0
    started = time.perf_counter()
    # Line by line: underthesea's NER slows down sharply on a whole document at once.
    for p in paths:
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                ner(line)
                chars += len(line)
        if time.perf_counter() - started > NER_SECONDS:
            break
    seconds = time.perf_counter() - started
    return {"chars": chars, "seconds": seconds, "chars_per_s": chars / seconds}


def measure_pdf(paths: list[Path]) -> dict:
    """The text layer, read by vanban and by `pdftotext -layout`, file by file in turn. A
    page without one (a scan, or text drawn as outlines) costs vanban seconds of OCR where
    pdftotext returns nothing, so the comparison reads with OCR off and the OCR of those
    pages is timed apart."""
    from ..load import load

    pages = vanban = theirs = 0.0
    needs_ocr: list[Path] = []
    has_pdftotext = shutil.which("pdftotext") is not None
    for p in paths:
        started = time.perf_counter()
        doc = load(p, ocr=False)
        vanban += time.perf_counter() - started
        pages += doc.source.pages or 0
        needs_ocr += [p for w in doc.warnings if "needs OCR" in w]
        if has_pdftotext:
            started = time.perf_counter()
            subprocess.run(["pdftotext", "-layout", str(p), os.devnull], check=False,
                           stderr=subprocess.DEVNULL)
            theirs += time.perf_counter() - started
    result = {"files": len(paths), "pages": int(pages), "vanban_seconds": vanban,
              "vanban_pages_per_s": pages / vanban, "pages_without_text_layer": len(needs_ocr)}
    if has_pdftotext:
        result |= {"pdftotext_seconds": theirs, "pdftotext_pages_per_s": pages / theirs,
                   "ratio": theirs / vanban}
    if needs_ocr:
        first = needs_ocr[0]
        started = time.perf_counter()
        doc = load(first)
        ocr_pages = sum("read by OCR" in w for w in doc.warnings)
        if ocr_pages:
            result["ocr_seconds_per_page"] = (time.perf_counter() - started - vanban / len(paths)) / ocr_pages
    return result


class _TreeWatch(threading.Thread):
    """Peak memory and CPU time of a process and its descendants, sampled every 0.2 s.
    Memory is the sum of their PSS, which counts a library page shared by the workers once
    rather than once per worker (RSS would). CPU is each process's own user + system time
    as last seen: the main process (the coordinator and the writer thread) apart from the
    workers, so the writer's cost shows on its own. On a shared machine CPU seconds per
    document stay put where wall-clock docs/s swing twofold between identical runs. psutil
    comes with the dask extra; without it only getrusage's per-process peak is reported."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.largest, self.stop = pid, 0, 0, threading.Event()
        self.main_cpu = 0.0
        self.worker_cpu: dict[int, float] = {}

    def run(self) -> None:
        try:
            import psutil
        except ImportError:
            return
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self.stop.wait(0.2):
            try:
                procs = [root, *root.children(recursive=True)]
                total = 0
                for proc in procs:
                    try:
                        info = proc.memory_full_info()
                        total += getattr(info, "pss", info.rss)
                        self.largest = max(self.largest, info.rss)
                        cpu = proc.cpu_times()
                        if proc.pid == self.pid:
                            self.main_cpu = cpu.user + cpu.system
                        else:
                            self.worker_cpu[proc.pid] = cpu.user + cpu.system
                    except psutil.Error:
                        pass
            except psutil.Error:
                return
            self.peak = max(self.peak, total)


def timed_ingest(folder: Path, db: Path, jobs: int) -> dict:
    cmd = [sys.executable, "-m", "pipeline.cli", "ingest", str(folder), "--db", str(db), "-q",
           "-j", str(jobs)]
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    watch = _TreeWatch(proc.pid)
    watch.start()
    out, _ = proc.communicate()
    watch.stop.set()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "summary": out.strip(), "exit": proc.returncode,
            "load_average_before": load_before,
            "cpu_seconds": {"main": watch.main_cpu, "workers": sum(watch.worker_cpu.values())}
            if watch.main_cpu else None,
            "peak_tree_pss_mb": watch.peak / 1e6 or None,
            "peak_process_rss_mb": watch.largest / 1e6 or None}


def database_kb(db: Path, documents: int) -> dict:
    """The database's KB per document: its file, what the disk holds (free pages included),
    and the pages in use."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        page, pages, free = (conn.execute(f"pragma {name}").fetchone()[0]
                             for name in ("page_size", "page_count", "freelist_count"))
    finally:
        conn.close()
    return {"file_kb_per_doc": db.stat().st_size / 1e3 / documents,
            "in_use_kb_per_doc": (pages - free) * page / 1e3 / documents}


def datasette_page_ms(db: Path) -> dict | None:
    try:
        from ..publish.speed import table_page_ms
    except ImportError:
        return None
    return table_page_ms(db)


# Searches timed on the ingested database, as the search page runs them: words in many
# sentences, folded and with their marks; words in none (so every sentence is read); a
# document number.
SEARCHES = (("giai ngan", False), ("giải ngân", True), ("khong co tu nay", False), ("qd 499", False))


def search_cpu_s(db: Path) -> dict[str, float]:
    """CPU seconds of each of SEARCHES (the better of two runs), by query; "(exact)" marks a
    search of the text as written."""
    from ..publish.search import run_search
    from ..store import register_functions

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    register_functions(conn)
    spent = {}
    try:
        for query, exact in SEARCHES:
            best = float("inf")
            for _ in range(2):
                began = time.process_time()
                run_search(conn, query, exact)
                best = min(best, time.process_time() - began)
            spent[query + (" (exact)" if exact else "")] = best
    finally:
        conn.close()
    return spent


def peak_rss_mb(who: int) -> float:
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(who).ru_maxrss * scale / 1e6
