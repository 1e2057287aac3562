"""Issue #22, item 3: storing each fact's sentence once (as offsets into the document's text)
must not change what a search finds. Fifty searches of the demo corpus, folded and exact,
give the hits, in the order and with the sentences, that the store gave when it kept every
sentence as text (tests/search_hits.json, recorded before the change).

When an extractor change legitimately changes what is found, record the file again with
`python tests/test_search_hits.py` and read its diff: only the changed facts may move."""
from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest

from pipeline.publish.search import Filters, run_search
from pipeline.store import register_functions

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "search_hits.json"

# (query, exact, issuer filter): words of the sentences (whole, in part, with and without
# marks, in another case), numbers (which go to the number lookup), words found only in the
# full text, and a few within an issuer.
QUERIES = [
    ("giai ngan", False, ""), ("giải ngân", True, ""), ("giải ngân", False, ""), ("GIẢI NGÂN", True, ""),
    ("ke hoach von", False, ""), ("kế hoạch vốn", True, ""), ("von su nghiep", False, ""),
    ("vốn sự nghiệp", True, ""), ("von dau tu", False, ""), ("vốn đầu tư", True, ""),
    ("cong trinh", False, ""), ("công trình", True, ""), ("nha o", False, ""), ("nhà ở", True, ""),
    ("lang son", False, ""), ("Lạng Sơn", True, ""), ("loc binh", False, ""), ("Lộc Bình", True, ""),
    ("du an 1", False, ""), ("Dự án 4", True, ""), ("ty dong", False, ""), ("tỷ đồng", True, ""),
    ("trieu dong", False, ""), ("triệu đồng", True, ""), ("thu tuong chinh phu", False, ""),
    ("Thủ tướng Chính phủ", True, ""), ("ngan sach trung uong", False, ""), ("ngân sách", True, ""),
    ("ho tro", False, ""), ("hỗ trợ", True, ""), ("ngan", False, ""), ("dat", False, ""),
    ("huyện, thành phố", True, ""), ("huyen thanh pho", False, ""), ("chuong trinh muc tieu quoc gia", False, ""),
    ("Chương trình mục tiêu quốc gia", True, ""), ("dong bao dan toc thieu so", False, ""),
    ("nước", True, ""), ("quyet dinh", False, ""), ("Quyết định", True, ""),
    ("qd 499", False, ""), ("499/QĐ-UBND", False, ""), ("kh 86", False, ""), ("1534/UBND-KT", False, ""),
    ("năm 2023 giải ngân", False, ""), ("giai ngan", False, "Lộc Bình"), ("giải ngân", True, "Lạng Sơn"),
    ("ke hoach", False, "UBND"), ("cong nghe thong tin", False, ""), ("khong co tu nay", False, ""),
]


def hits(conn: sqlite3.Connection, query: str, exact: bool, issuer: str) -> dict:
    """What a search finds, as the fixture holds it: the documents in order, and each
    citation, amount and figure found with its sentence."""
    found = run_search(conn, query, exact, Filters(issuer=issuer))
    rows = {kind: [[r["document_id"], r.get("value") or r.get("cited"), r["sentence"]] for r in found.get(kind, [])]
            for kind in ("citations", "amounts", "figures")}
    return {"query": query, "exact": exact, "issuer": issuer, "mode": found["mode"],
            "documents": [d["id"] for d in found.get("documents", [])], **rows}


def all_hits(db: Path) -> list[dict]:
    conn = sqlite3.connect(db)
    register_functions(conn)
    try:
        return [hits(conn, *q) for q in QUERIES]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def found(tmp_path_factory) -> list[dict]:
    from test_publish import demo_db
    return all_hits(demo_db(tmp_path_factory))


def test_the_list_holds_fifty_searches_folded_and_exact():
    assert len(QUERIES) == len(set(QUERIES)) == 50
    assert {exact for _, exact, _ in QUERIES} == {True, False}


@pytest.mark.parametrize("n", range(len(QUERIES)))
def test_search_finds_what_it_found_with_sentences_stored_as_text(found, n):
    recorded = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert [[r["query"], r["exact"], r["issuer"]] for r in recorded] == [list(q) for q in QUERIES]
    assert found[n] == recorded[n]


if __name__ == "__main__":
    # Record the fixture from a database of the demo corpus: python tests/test_search_hits.py DB
    FIXTURE.write_text(json.dumps(all_hits(Path(sys.argv[1])), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
