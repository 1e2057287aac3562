"""The store stage: rows written from hand-built results, idempotence, replacement, errors,
citation links in both directions."""
from __future__ import annotations

import hashlib
import json

import pytest

from pipeline.models import (
    Amount, Citation, DateMention, ExtractionResult, Header, Organization, Percentage, Project,
    Section, Source,
)
from pipeline.store import (
    citing_documents, clear_error, document_references, is_unchanged, key_matches,
    link_citations, number_lookup_key, open_db, record_error, remove_source, stored_table, write_result,
)

VERSION = "test-1"

QD_TEXT = """ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN
Số: 499/QĐ-UBND
Lạng Sơn, ngày 23 tháng 3 năm 2022
QUYẾT ĐỊNH
Phê duyệt Dự án 1 hỗ trợ đất ở, nhà ở năm 2022
Tổng kinh phí thực hiện là 2.041 triệu đồng, đạt 95% kế hoạch.
Ghi chú kỹ thuật: <script>alert(1)</script> không phải là mã.
"""

KH_TEXT = """ỦY BAN NHÂN DÂN HUYỆN CAO LỘC
Số: 64/KH-UBND
Cao Lộc, ngày 05 tháng 4 năm 2022
KẾ HOẠCH
Thực hiện Dự án 1 năm 2022
Căn cứ Quyết định số 499/QĐ-UBND ngày 23/3/2022 của UBND tỉnh Lạng Sơn;
Căn cứ Nghị quyết số 12/NQ-HĐND ngày 10/01/2022 của HĐND tỉnh.
"""


def span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def sentence_of(text: str, start: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    return text[line_start:text.index("\n", start)]


def source(path: str, text: str, fmt: str = "txt") -> Source:
    data = text.encode("utf-8")
    return Source(path=path, format=fmt, sha256=hashlib.sha256(data).hexdigest(), size=len(data))


def qd_result(text: str = QD_TEXT, path: str = "corpus/qd-499.txt", percent: str = "95%") -> ExtractionResult:
    s, e = span(text, "2.041 triệu đồng")
    ps, pe = span(text, percent)
    ds, de = span(text, "ngày 23 tháng 3 năm 2022")
    os_, oe = span(text, "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN")
    js, je = span(text, "Dự án 1")
    return ExtractionResult(
        source=source(path, text),
        header=Header(kind="QĐ", number_symbol="499/QĐ-UBND", issued_date="2022-03-23",
                      issued_place="Lạng Sơn", issuer="Ủy ban nhân dân tỉnh Lạng Sơn",
                      title="Phê duyệt Dự án 1 hỗ trợ đất ở, nhà ở năm 2022",
                      signer="Nguyễn Văn A", signer_position="Phó Chủ tịch", authority="KT. CHỦ TỊCH",
                      recipients=("Như Điều 3", "Lưu: VT")),
        amounts=(Amount(text="2.041 triệu đồng", start=s, end=e, sentence=sentence_of(text, s),
                        vnd=2_041_000_000, value="2041", unit="triệu đồng", role="allocated",
                        total=True, programme="dtts", project="Dự án 1", period="2022", year=2022,
                        place="tỉnh Lạng Sơn"),),
        percentages=(Percentage(text=percent, start=ps, end=pe, value=float(percent[:-1]), measure="kế hoạch"),),
        dates=(DateMention(text="ngày 23 tháng 3 năm 2022", start=ds, end=de, value="2022-03-23"),),
        organizations=(Organization(text="ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", start=os_, end=oe,
                                    name="Ủy ban nhân dân tỉnh Lạng Sơn", level="province"),),
        projects=(Project(text="Dự án 1", start=js, end=je, label="Dự án 1",
                          name="hỗ trợ đất ở, nhà ở"),),
        sections=(Section(label="I.", title="Phê duyệt", level=1, start=0, end=len(text), path="I"),),
        flags=("tổng 2.041 triệu đồng khác tổng các phần",),
        extractor_version=VERSION,
        text=text,
    )


def kh_result(text: str = KH_TEXT, path: str = "corpus/kh-64.txt") -> ExtractionResult:
    cs, ce = span(text, "Quyết định số 499/QĐ-UBND")
    ns, ne = span(text, "Nghị quyết số 12/NQ-HĐND")
    return ExtractionResult(
        source=source(path, text),
        header=Header(kind="KH", number_symbol="64/KH-UBND", issued_date="2022-04-05",
                      issuer="Ủy ban nhân dân huyện Cao Lộc", title="Thực hiện Dự án 1 năm 2022"),
        citations=(
            Citation(text="Quyết định số 499/QĐ-UBND", start=cs, end=ce, sentence=sentence_of(text, cs),
                     number_symbol="499/QĐ-UBND", kind="QĐ", number="499", symbol="QĐ-UBND",
                     issuer_code="UBND", key="499/QĐ-UBND", date="2022-03-23",
                     issuer_name="UBND tỉnh Lạng Sơn", relation="can_cu"),
            Citation(text="Nghị quyết số 12/NQ-HĐND", start=ns, end=ne, sentence=sentence_of(text, ns),
                     number_symbol="12/NQ-HĐND", kind="NQ", number="12", symbol="NQ-HĐND",
                     issuer_code="HĐND", key="12/NQ-HĐND", date="2022-01-10", relation="can_cu"),
        ),
        extractor_version=VERSION,
        text=text,
    )


@pytest.fixture
def db(tmp_path):
    return open_db(tmp_path / "vanban.db")


def counts(db) -> dict[str, int]:
    return {t: db[t].count for t in ("documents", "citations", "amounts", "percentages", "dates",
                                     "organizations", "projects", "sections", "sources")}


def fact(db, table: str, doc: str, seq: int) -> dict:
    """A fact as read: the row of its table's view."""
    return next(db.query(f"select * from [{table}] where document_id = ? and seq = ?", [doc, seq]))


def test_rows_written(db):
    qd = qd_result()
    doc = write_result(db, qd, "corpus/qd-499.txt")
    assert doc == qd.source.sha256[:16]
    row = db["documents"].get(doc)
    assert row["number_symbol"] == "499/QĐ-UBND"
    assert row["kind"] == "QĐ" and row["year"] == 2022 and row["issued_date"] == "2022-03-23"
    assert row["number_key"] == number_lookup_key("499/qđ-ubnd") == number_lookup_key("499/QĐ-UBND")
    assert json.loads(row["recipients"]) == ["Như Điều 3", "Lưu: VT"]
    assert json.loads(row["flags"]) == ["tổng 2.041 triệu đồng khác tổng các phần"]
    amount = fact(db, "amounts", doc, 0)
    assert amount["vnd"] == 2_041_000_000 and amount["unit"] == "triệu đồng"
    assert amount["project"] == "Dự án 1"
    assert QD_TEXT[amount["start"]:amount["end"]] == "2.041 triệu đồng"
    assert fact(db, "percentages", doc, 0)["value"] == 95.0
    assert db["sources"].get("corpus/qd-499.txt")["document_id"] == doc
    assert counts(db)["sections"] == 1


def test_schema_types_and_indexes(db):
    columns = db["amounts"].columns_dict
    assert columns["vnd"] is int and columns["value"] is str
    assert db["percentages"].columns_dict["value"] is float
    indexed = {tuple(i.columns) for i in db["documents"].indexes}
    assert {("kind",), ("issuer",), ("year",), ("issued_date",)} <= indexed
    assert ("lookup_key",) in {tuple(i.columns) for i in db[stored_table("citations")].indexes}
    assert {"documents_fts", "documents_folded_fts"} <= set(db.table_names())
    assert "cited_keys" in db.view_names()
    assert {("programme",), ("year",), ("total",)} <= {tuple(i.columns) for i in db[stored_table("amounts")].indexes}
    assert {"new_money", "money_cells", "latest_money"} <= set(db.view_names())


def test_database_of_an_earlier_version_gets_the_new_columns(tmp_path):
    """A database written before amounts carried programme, year, total and restates: opening
    it adds the columns, their indexes and the money views, and the new fields are stored."""
    import sqlite_utils

    from pipeline.store.schema import read_columns, table_columns

    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    columns = read_columns()["amounts"]
    gone = ("total", "programme", "year", "restates")
    old["documents"].create(table_columns()["documents"], pk="id")
    old["amounts"].create({c: t for c, t in columns.items() if c not in gone}, pk=("document_id", "seq"))
    old.create_view("new_money", "select 1 as stale")
    old.close()

    db = open_db(path)
    assert set(gone) <= set(db["amounts"].columns_dict)
    assert db["amounts"].columns_dict["restates"] is int and db["amounts"].columns_dict["year"] is int
    assert {("programme",), ("year",), ("total",)} <= {tuple(i.columns) for i in db[stored_table("amounts")].indexes}
    assert "restates" in db["new_money"].columns_dict  # the stale view was replaced
    qd = qd_result()
    said_again = qd.amounts[0].model_copy(update={"restates": 0, "total": False})
    doc = write_result(db, qd.model_copy(update={"amounts": (*qd.amounts, said_again)}), "corpus/qd-499.txt")
    rows = list(db.query("select seq, role, total, programme, year, restates from amounts "
                         "where document_id = ? order by seq", [doc]))
    assert rows == [{"seq": 0, "role": "allocated", "total": 1, "programme": "dtts", "year": 2022, "restates": None},
                    {"seq": 1, "role": "allocated", "total": 0, "programme": "dtts", "year": 2022, "restates": 0}]
    assert [r["seq"] for r in db.query("select seq from new_money where document_id = ?", [doc])] == [0]


def test_idempotent(db):
    write_result(db, qd_result(), "corpus/qd-499.txt")
    write_result(db, kh_result(), "corpus/kh-64.txt")
    first = counts(db)
    write_result(db, qd_result(), "corpus/qd-499.txt")
    write_result(db, kh_result(), "corpus/kh-64.txt")
    assert counts(db) == first
    assert first["documents"] == 2 and first["citations"] == 2
    fts = db.execute("select count(*) from documents_folded_fts").fetchone()[0]
    assert fts == 2


def test_is_unchanged(db):
    qd = qd_result()
    assert not is_unchanged(db, "corpus/qd-499.txt", qd.source.sha256, VERSION)
    write_result(db, qd, "corpus/qd-499.txt")
    assert is_unchanged(db, "corpus/qd-499.txt", qd.source.sha256, VERSION)
    assert not is_unchanged(db, "corpus/qd-499.txt", qd.source.sha256, "test-2")
    assert not is_unchanged(db, "corpus/qd-499.txt", "0" * 64, VERSION)
    assert not is_unchanged(db, "corpus/other.txt", qd.source.sha256, VERSION)


def test_changed_document_replaces_rows(db):
    old = qd_result()
    write_result(db, old, "corpus/qd-499.txt")
    changed_text = QD_TEXT.replace("95%", "97%")
    new = qd_result(changed_text, percent="97%")
    new = new.model_copy(update={"amounts": ()})
    doc = write_result(db, new, "corpus/qd-499.txt")
    assert doc != old.source.sha256[:16]
    assert db["documents"].count == 1 and db["documents"].get(doc)
    assert db["amounts"].count == 0
    assert [r["text"] for r in db["percentages"].rows] == ["97%"]
    assert db.execute("select count(*) from documents_fts").fetchone()[0] == 1


def test_same_bytes_two_paths_one_document(db):
    write_result(db, qd_result(), "corpus/qd-499.txt")
    write_result(db, qd_result(path="mirror/qd-499.txt"), "mirror/qd-499.txt")
    assert db["documents"].count == 1 and db["sources"].count == 2
    # Rewriting one path with other bytes keeps the document the other path still holds.
    write_result(db, kh_result(path="mirror/qd-499.txt"), "mirror/qd-499.txt")
    assert db["documents"].count == 2
    remove_source(db, "corpus/qd-499.txt")
    assert db["documents"].count == 1 and db["amounts"].count == 0


def test_errors_recorded_and_cleared(db):
    record_error(db, "corpus/broken.pdf", "not a PDF", "ab" * 32)
    record_error(db, "corpus/broken.pdf", "still not a PDF", "ab" * 32)
    row = db["ingest_errors"].get("corpus/broken.pdf")
    assert row["error"] == "still not a PDF" and row["sha256"] == "ab" * 32 and row["at"]
    assert db["ingest_errors"].count == 1
    clear_error(db, "corpus/broken.pdf")
    assert db["ingest_errors"].count == 0
    record_error(db, "corpus/qd-499.txt", "timeout")
    write_result(db, qd_result(), "corpus/qd-499.txt")
    assert db["ingest_errors"].count == 0


def test_failed_write_leaves_nothing(db, monkeypatch):
    write_result(db, qd_result(), "corpus/qd-499.txt")
    before = counts(db)
    from pipeline.store import writer

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(writer, "_relink", boom)
    with pytest.raises(RuntimeError):
        write_result(db, qd_result(QD_TEXT + "Thêm một dòng.\n"), "corpus/qd-499.txt")
    assert counts(db) == before


@pytest.mark.parametrize("order", ["cited first", "citing first"])
def test_link_citations_both_directions(db, order):
    qd, kh = qd_result(), kh_result()
    for result, path in ([(qd, "corpus/qd-499.txt"), (kh, "corpus/kh-64.txt")] if order == "cited first"
                         else [(kh, "corpus/kh-64.txt"), (qd, "corpus/qd-499.txt")]):
        write_result(db, result, path)
    qd_id, kh_id = qd.source.sha256[:16], kh.source.sha256[:16]
    cites = {r["number_symbol"]: r["cited_document_id"] for r in db["citations"].rows}
    assert cites == {"499/QĐ-UBND": qd_id, "12/NQ-HĐND": None}
    assert link_citations(db) == 1
    cited_by = db.execute("select document_id from citations where cited_document_id = ?", [qd_id]).fetchall()
    assert cited_by == [(kh_id,)]
    refs = list(document_references(db, "64/KH-UBND"))
    assert [r["cited_document_id"] for r in refs] == [qd_id, None]
    # Removing the cited document unlinks, and "who cites" still answers from the keys.
    remove_source(db, "corpus/qd-499.txt")
    assert {r["cited_document_id"] for r in db["citations"].rows} == {None}
    assert [r["document_id"] for r in citing_documents(db, "qd 499")] == [kh_id]
    keys = {r["lookup_key"]: r["citing_documents"] for r in db["cited_keys"].rows}
    assert keys == {number_lookup_key("499/QĐ-UBND"): 1, number_lookup_key("12/NQ-HĐND"): 1}


def test_lookup_keys_any_spelling():
    assert number_lookup_key("499/QĐ-UBND") == number_lookup_key("499/qđ-ubnd")
    for query in ("qd 499", "499/qđ-ubnd", "499/QĐ-UBND", "Quyết định số 499", "QĐ 499"):
        assert key_matches("499/QĐ-UBND", query), query
    for query in ("qd 49", "kh 499", "", None, "1499/QĐ-UBND"):
        assert not key_matches("499/QĐ-UBND", query), query


def test_who_cites_from_cli_helper(db):
    write_result(db, qd_result(), "corpus/qd-499.txt")
    write_result(db, kh_result(), "corpus/kh-64.txt")
    for key in ("qd 499", "499/qđ-ubnd", "Quyết định 499"):
        rows = list(citing_documents(db, key))
        assert [r["number_symbol"] for r in rows] == ["64/KH-UBND"], key
        assert rows[0]["relation"] == "can_cu"
    assert list(citing_documents(db, "kh 64")) == []


def two_renderings():
    """QĐ 499 as a web text and as a PDF: other bytes, same number, issuer and date."""
    web = qd_result()
    pdf_text = QD_TEXT.replace("Ghi chú kỹ thuật", "Trang 1/1. Ghi chú kỹ thuật")
    pdf = qd_result(pdf_text, path="portal/qd-499.pdf")
    pdf = pdf.model_copy(update={"source": source("portal/qd-499.pdf", pdf_text, fmt="pdf"),
                                 "amounts": ()})
    return (web, "corpus/qd-499.txt"), (pdf, "portal/qd-499.pdf")


@pytest.mark.parametrize("order", [1, -1])
def test_two_renderings_one_document_whatever_the_order(db, order):
    (web, web_path), (pdf, pdf_path) = two_renderings()
    write_result(db, kh_result(), "corpus/kh-64.txt")
    for result, path in [(web, web_path), (pdf, pdf_path)][::order]:
        write_result(db, result, path)
    web_id = web.source.sha256[:16]
    # The text rendering's facts are kept (it is preferred to a PDF), once.
    assert [r["id"] for r in db["documents"].rows_where("number_key = ?", [number_lookup_key("499/QĐ-UBND")])] == [web_id]
    assert {r["path"]: r["document_id"] for r in db["sources"].rows} == {
        web_path: web_id, pdf_path: web_id, "corpus/kh-64.txt": kh_result().source.sha256[:16]}
    assert db["amounts"].count == 1 and db["percentages"].count == 1
    assert [r["cited_document_id"] for r in citing_documents(db, "499/QĐ-UBND")] == [web_id]
    sources = {r["path"]: r["sha256"] for r in db["sources"].rows}
    assert sources[pdf_path] == pdf.source.sha256  # each source keeps its own bytes' hash


def test_losing_the_kept_rendering_asks_for_the_other(db):
    (web, web_path), (pdf, pdf_path) = two_renderings()
    write_result(db, web, web_path)
    write_result(db, pdf, pdf_path)
    # Removing the PDF (whose facts are not the stored ones) changes nothing else.
    assert remove_source(db, pdf_path) == []
    assert db["documents"].count == 1 and db["amounts"].count == 1
    write_result(db, pdf, pdf_path)
    # Removing the web copy drops the document and names the PDF for re-extraction.
    assert remove_source(db, web_path) == [pdf_path]
    assert counts(db) == {t: 0 for t in counts(db)}
    write_result(db, pdf, pdf_path)
    assert [r["format"] for r in db["documents"].rows] == ["pdf"]


def test_no_identity_without_issuer(db):
    (web, web_path), (pdf, pdf_path) = two_renderings()
    anonymous = pdf.model_copy(update={"header": pdf.header.model_copy(update={"issuer": None})})
    write_result(db, web, web_path)
    write_result(db, anonymous, pdf_path)
    assert db["documents"].count == 2
