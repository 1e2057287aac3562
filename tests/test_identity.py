"""Issue #17, item 3: renderings are one document only when their texts agree, and a
citation links by number, issuer and date, never to the smallest id of a reused number."""
from __future__ import annotations

import asyncio
import html
import shutil
import sqlite3

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from pipeline.ingest import ingest
from pipeline.publish import datasette_for
from pipeline.store import open_db, write_result
from pipeline.store.identity import SAME_TEXT, text_similarity
from test_store import QD_TEXT, kh_result, qd_result, source

CORPUS = ROOT / "corpus"
GENUINE = "qd-499-ubnd-2023.txt"
FORGED_BODY = """QUYẾT ĐỊNH
Về việc phê duyệt kinh phí mua sắm trang thiết bị văn phòng năm 2023

ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;
Xét đề nghị của Giám đốc Sở Tài chính.

QUYẾT ĐỊNH:
Điều 1. Phê duyệt kinh phí mua sắm trang thiết bị văn phòng năm 2023 là 95.500.000.000 đồng, giao Công ty TNHH Thương mại Phát Đạt thực hiện.
Điều 2. Sở Tài chính chuyển ngay 95.500 triệu đồng cho đơn vị thực hiện trước ngày 30/4/2023.
Điều 3. Quyết định này có hiệu lực kể từ ngày ký.
"""


def write_docx(path, text: str) -> None:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(path)


def rows(db_path, sql, *params) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, params).fetchall()


def page(db_path, doc_id: str) -> str:
    async def fetch():
        return await datasette_for(db_path, immutable=True).client.get(f"/-/vanban/document/{doc_id}")
    response = asyncio.run(fetch())
    assert response.status_code == 200
    return html.unescape(response.text)


@pytest.fixture(scope="module")
def forged(tmp_path_factory):
    """QĐ 499 and KH 86 (which cites it) as in the corpus, with and without a DOCX that copies
    QĐ 499's header (number, issuer, date) over another body; DOCX is the preferred rendering."""
    genuine_text = (CORPUS / GENUINE).read_text(encoding="utf-8")
    header = genuine_text[:genuine_text.index("QUYẾT ĐỊNH")]
    alone, both = tmp_path_factory.mktemp("alone"), tmp_path_factory.mktemp("both")
    for d in (alone, both):
        for name in (GENUINE, "kh-86-ubnd-2023.txt"):
            shutil.copy(CORPUS / name, d)
    write_docx(both / "qd-499-forged.docx", header + FORGED_BODY)
    dbs = {}
    for name, d in (("alone", alone), ("both", both)):
        dbs[name] = d / "vanban.db"
        assert ingest([d], dbs[name], progress=False, jobs=1).failed == 0
    return {"dbs": dbs, "genuine": str(both / GENUINE), "forged": str(both / "qd-499-forged.docx")}


def test_a_forged_docx_does_not_change_the_genuine_document(forged):
    db = forged["dbs"]["both"]
    docs = rows(db, "select id, path, format, title, identity_key from documents "
                    "where number_symbol = '499/QĐ-UBND' order by format")
    assert [(d[1], d[2]) for d in docs] == [(forged["forged"], "docx"), (forged["genuine"], "txt")]
    assert docs[0][4] == docs[1][4] is not None  # the same claimed identity, kept apart
    (forged_id, *_), (genuine_id, _, _, title, _) = docs
    [(alone_id, alone_title)] = rows(forged["dbs"]["alone"], "select id, title from documents "
                                     "where number_symbol = '499/QĐ-UBND'")
    assert genuine_id == alone_id and title == alone_title and "kế hoạch vốn" in title
    amounts = "select vnd, role, total from amounts where document_id = ? order by seq"
    assert rows(db, amounts, genuine_id) == rows(forged["dbs"]["alone"], amounts, alone_id)
    assert 95_500_000_000 not in {r[0] for r in rows(db, amounts, genuine_id)}
    assert rows(db, "select path from sources where document_id = ?", genuine_id) == [(forged["genuine"],)]
    # The conflict is recorded both ways, with a similarity well under the threshold.
    conflicts = rows(db, "select document_id, other_id, similarity from conflicts order by document_id")
    assert {(a, b) for a, b, _ in conflicts} == {(genuine_id, forged_id), (forged_id, genuine_id)}
    assert all(s < SAME_TEXT / 2 for *_, s in conflicts)
    # Both pages show it, with a link to the other; the genuine page keeps its own title.
    genuine_page, forged_page = page(db, genuine_id), page(db, forged_id)
    note = "Có văn bản khác cùng số, cơ quan, ngày nhưng nội dung khác"
    assert note in genuine_page and f"/-/vanban/document/{forged_id}" in genuine_page
    assert note in forged_page and f"/-/vanban/document/{genuine_id}" in forged_page
    assert title in genuine_page and "95.500" not in genuine_page.split(note)[0]
    # KH 86's citation now fits two documents: ambiguous, given to neither.
    cites = rows(db, "select cited_document_id, link_status, link_candidates from citations c "
                     "join documents d on d.id = c.document_id where d.number_symbol = '86/KH-UBND' "
                     "and c.number_symbol = '499/QĐ-UBND'")
    assert cites and set(cites) == {(None, "ambiguous", 2)}
    assert rows(forged["dbs"]["alone"], "select distinct link_status from citations "
                "where number_symbol = '499/QĐ-UBND'") == [("linked",)]


def test_similarity_separates_renderings_from_forgeries():
    genuine = (CORPUS / GENUINE).read_text(encoding="utf-8")
    header = genuine[:genuine.index("QUYẾT ĐỊNH")]
    assert text_similarity(genuine, header + FORGED_BODY) < 0.2
    web = genuine.replace("|\n", "").replace("\n\n", "\n") + "\nTrang 1/3\n"
    assert text_similarity(genuine, web) > 0.9
    assert text_similarity("", "") == 1.0


def test_a_forged_copy_with_one_figure_changed_is_kept_apart(tmp_path):
    """The whole genuine text with one amount changed agrees as text (0.97) but not in its
    figures: two documents, the genuine page unchanged, the conflict recorded."""
    genuine_text = (CORPUS / GENUINE).read_text(encoding="utf-8")
    assert "58.410.000.000 đồng" in genuine_text
    for d in ("alone", "both"):
        (tmp_path / d).mkdir()
        shutil.copy(CORPUS / GENUINE, tmp_path / d)
    write_docx(tmp_path / "both" / "qd-499-copy.docx",
               genuine_text.replace("58.410.000.000 đồng", "85.410.000.000 đồng"))
    dbs = {d: tmp_path / f"{d}.db" for d in ("alone", "both")}
    for d, db in dbs.items():
        assert ingest([tmp_path / d], db, progress=False, jobs=1).failed == 0
    docs = rows(dbs["both"], "select id, format from documents order by format")
    assert [f for _, f in docs] == ["docx", "txt"]
    [(_, genuine_id), (_, forged_id)] = [(f, i) for i, f in docs][::-1]
    amounts = "select vnd from amounts where document_id = ? order by seq"
    [(alone_id,)] = rows(dbs["alone"], "select id from documents")
    assert rows(dbs["both"], amounts, genuine_id) == rows(dbs["alone"], amounts, alone_id)
    [(similarity,)] = rows(dbs["both"], "select similarity from conflicts where document_id = ?", genuine_id)
    assert similarity > SAME_TEXT  # the texts agree; the figures told them apart


def test_a_rendering_that_misses_amounts_is_still_the_same_document(tmp_path):
    """A rendering that lost a line with an amount (as a PDF loses a table it cannot read)
    has fewer figures, none different: it joins the document."""
    genuine_text = (CORPUS / GENUINE).read_text(encoding="utf-8")
    line = "1. Vốn đầu tư phát triển: 58.410.000.000 đồng.\n"
    assert line in genuine_text
    shutil.copy(CORPUS / GENUINE, tmp_path)
    write_docx(tmp_path / "qd-499-short.docx", genuine_text.replace(line, ""))
    db = tmp_path / "v.db"
    assert ingest([tmp_path], db, progress=False, jobs=1).failed == 0
    assert rows(db, "select d.format, count(*) from documents d join sources s on s.document_id = d.id "
                    "group by d.id") == [("docx", 2)]
    assert rows(db, "select count(*) from conflicts") == [(0,)]


@pytest.mark.parametrize("body_a, body_b", [
    ("1,5%, " * 6_000, "A " * 20_000 + "a"),
    ("Dự án 1: Tiểu dự án 1: " * 1_500, "|\n" * 20_000),
    ("Điều 1. Giao nhiệm vụ cho các sở. " * 1_000, "Chuyển kinh phí cho huyện Văn Quan. " * 1_000),
    ("Tổng kinh phí " + "1" * 40_000 + " đồng.", "|\n" * 20_000),  # one long word; no word at all
])
def test_one_header_over_two_repeated_bodies_is_not_one_text(body_a, body_b):
    """A body of one phrase repeated has few distinct 3-grams, and a run of digits is one
    word; counted once each and all of one weight, a shared header would outweigh them and
    merge two different documents."""
    header = (CORPUS / GENUINE).read_text(encoding="utf-8")[:1_500]
    assert text_similarity(header + body_a, header + body_b) < 0.1
    assert text_similarity(header + body_a, "Trang 1/3\n" + header + body_a) > 0.99


@given(st.text(max_size=300), st.text(max_size=300))
def test_similarity_is_a_symmetric_fraction_and_one_for_the_same_text(a, b):
    assert 0.0 <= text_similarity(a, b) == text_similarity(b, a) <= 1.0
    assert text_similarity(a, a) == 1.0


def planted(issuer: str = "Ủy ban nhân dân huyện Văn Quan", date: str = "2022-03-23"):
    """Another body's document numbered 499/QĐ-UBND."""
    text = QD_TEXT + "Điều 9. Chuyển 9.999 triệu đồng cho huyện Văn Quan.\n"
    result = qd_result(text, path="planted/qd-499.txt")
    return result.model_copy(update={
        "source": source("planted/qd-499.txt", text),
        "header": result.header.model_copy(update={"issuer": issuer, "issued_date": date})})


@pytest.mark.parametrize("order", [1, -1])
def test_a_planted_number_of_another_issuer_does_not_capture_links(tmp_path, order):
    db = open_db(tmp_path / "v.db")
    genuine, fake, kh = qd_result(), planted(), kh_result()
    for result, path in [(genuine, "corpus/qd-499.txt"), (fake, "planted/qd-499.txt")][::order]:
        write_result(db, result, path)
    write_result(db, kh, "corpus/kh-64.txt")
    link = "select cited_document_id, link_status, link_candidates from citations where number_symbol = '499/QĐ-UBND'"
    assert db.execute(link).fetchall() == [(genuine.source.sha256[:16], "linked", 1)]
    assert db["conflicts"].count == 0  # another issuer: another identity, no conflict
    # Without the genuine one, the planted document is still not what KH 64 cites.
    from pipeline.store import remove_source
    remove_source(db, "corpus/qd-499.txt")
    assert db.execute(link).fetchall() == [(None, "mismatch", 0)]


def test_same_number_with_nothing_to_tell_them_apart_is_ambiguous(tmp_path):
    db = open_db(tmp_path / "v.db")
    genuine, fake = qd_result(), planted(date="2022-06-01")
    kh = kh_result()
    vague = kh.citations[0].model_copy(update={"issuer_name": None, "date": None})
    kh = kh.model_copy(update={"citations": (vague, *kh.citations[1:])})
    for result, path in ((genuine, "corpus/qd-499.txt"), (fake, "planted/qd-499.txt"), (kh, "corpus/kh-64.txt")):
        write_result(db, result, path)
    link = "select cited_document_id, link_status, link_candidates from citations where number_symbol = '499/QĐ-UBND'"
    assert db.execute(link).fetchall() == [(None, "ambiguous", 2)]
    # A date alone decides when only one of them has it.
    dated = vague.model_copy(update={"date": "2022-06-01"})
    write_result(db, kh.model_copy(update={"citations": (dated, *kh.citations[1:])}), "corpus/kh-64.txt")
    assert db.execute(link).fetchall() == [(fake.source.sha256[:16], "linked", 1)]
