"""The effects table and the document_status view: a status per number key from every
act on it, recomputed as documents arrive, for held and cited-only documents alike."""
from __future__ import annotations

from pipeline import extract_file
from pipeline.store import link_citations, open_db, write_result

HEADER = """UỶ BAN NHÂN DÂN
TỈNH LẠNG SƠN

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: {number}

Lạng Sơn, ngày {day} tháng {month} năm {year}

QUYẾT ĐỊNH

{title}

ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN

Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;

QUYẾT ĐỊNH:

{body}
"""

OLD = HEADER.format(number="29/2015/QĐ-UBND", day="18", month="8", year="2015",
                    title="Ban hành Quy định về quản lý cụm công nghiệp trên địa bàn tỉnh",
                    body="Điều 1. Ban hành kèm theo Quyết định này Quy định về quản lý cụm công nghiệp.\n\n"
                         "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.")
REPEAL = HEADER.format(number="12/2024/QĐ-UBND", day="02", month="5", year="2024",
                       title="Về việc bãi bỏ Quyết định số 29/2015/QĐ-UBND ngày 18/8/2015 của UBND tỉnh",
                       body="Điều 1. Bãi bỏ Quyết định số 29/2015/QĐ-UBND ngày 18/8/2015 của UBND tỉnh.\n\n"
                            "Điều 2. Sửa đổi khoản 2 Điều 3 Quyết định số 40/2020/QĐ-UBND ngày 01/6/2020 "
                            "của UBND tỉnh.\n\n"
                            "Điều 3. Quyết định này có hiệu lực kể từ ngày 15 tháng 5 năm 2024.")


def status(db) -> dict:
    return {r[0]: r[1:] for r in db.execute(
        "select number_key, status, status_label, held, acts from document_status")}  # folded keys


def test_status_follows_the_acts(tmp_path):
    db = open_db(tmp_path / "v.db")
    (tmp_path / "old.txt").write_text(OLD, encoding="utf-8")
    (tmp_path / "repeal.txt").write_text(REPEAL, encoding="utf-8")
    write_result(db, extract_file(tmp_path / "old.txt"), str(tmp_path / "old.txt"))
    before = status(db)
    assert before["292015qdubnd"] == ("con_hieu_luc", "Còn hiệu lực", 1, 0)
    write_result(db, extract_file(tmp_path / "repeal.txt"), str(tmp_path / "repeal.txt"))
    link_citations(db)
    after = status(db)
    assert after["292015qdubnd"] == ("het_hieu_luc_toan_bo", "Hết hiệu lực toàn bộ", 1, 1)
    # known only by citation, amended in part
    assert after["402020qdubnd"] == ("bi_sua_doi", "Bị sửa đổi", 0, 1)
    assert after["122024qdubnd"] == ("con_hieu_luc", "Còn hiệu lực", 1, 0)
    rows = db.execute("select action, target, actor_key, target_document_id is not null, effective_date, "
                      "scope from effects order by seq").fetchall()
    assert rows == [("bai_bo", "29/2015/QĐ-UBND", "122024qdubnd", 1, "2024-05-15", None),
                    ("bai_bo", "29/2015/QĐ-UBND", "122024qdubnd", 1, "2024-05-15", None),
                    ("sua_doi", "40/2020/QĐ-UBND", "122024qdubnd", 0, "2024-05-15", "khoản 2 Điều 3")]
    assert db.execute("select effective_from from documents where number_key = '122024qdubnd'"
                      ).fetchone() == ("2024-05-15",)
