"""Legacy font encodings (TCVN3/ABC, VNI) found and converted; Unicode text left alone."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.load import load
from pipeline.load.legacy import detect, to_unicode

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"

# DOMAIN.md §6, as such files read, with their Unicode text
TCVN3 = [
    ("QuyÕt ®Þnh sè 499/Q§-UBND ngµy 23 th¸ng 3 n¨m 2022", "Quyết định số 499/QĐ-UBND ngày 23 tháng 3 năm 2022"),
    ("Uû ban nh©n d©n", "Uỷ ban nhân dân"),
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("triÖu ®ång", "triệu đồng"),
    ("QuyÕt ®Þnh sè 1180/Q§-UBND", "Quyết định số 1180/QĐ-UBND"),
    ("n\u00adíc s¹ch", "nước sạch"),  # U+00AD is ư
]
VNI = [
    ("Quyeát ñònh soá 12/QÑ-UBND", "Quyết định số 12/QĐ-UBND"),
    ("UÛY BAN NHAÂN DAÂN", "ỦY BAN NHÂN DÂN"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
]


def test_domain_samples_convert():
    tcvn3 = " ".join(s for s, _ in TCVN3)
    vni = " ".join(s for s, _ in VNI)
    assert detect(tcvn3) == "tcvn3" and detect(vni) == "vni"
    assert to_unicode(tcvn3, "tcvn3") == " ".join(u for _, u in TCVN3)
    assert to_unicode(vni, "vni") == " ".join(u for _, u in VNI)


def test_text_file_in_tcvn3_bytes(tmp_path):
    text = "\n\n".join(s for s, _ in TCVN3) + "\n"
    path = tmp_path / "cu.txt"
    path.write_bytes(text.encode("cp1252"))
    doc = load(path)
    assert doc.text == "\n\n".join(u for _, u in TCVN3) + "\n"
    assert doc.warnings == ("text in the legacy TCVN3 encoding, converted to Unicode",)
    for block in doc.blocks:
        assert doc.text[block.start:block.end] == block.text


def test_text_file_in_vni_as_utf8(tmp_path):
    # the same text after someone saved it as UTF-8 from a VNI font
    path = tmp_path / "vni.txt"
    path.write_text("\n".join(s for s, _ in VNI * 3), encoding="utf-8")
    doc = load(path)
    assert "Độc lập - Tự do - Hạnh phúc" in doc.text
    assert doc.warnings == ("text in the legacy VNI encoding, converted to Unicode",)


def test_pdf_with_legacy_font_text(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("dejavu", fname="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("dejavu", size=11)
    pdf.multi_cell(0, 6, text="\n".join(s for s, _ in TCVN3) * 2)
    path = tmp_path / "vntime.pdf"
    pdf.output(str(path))
    doc = load(path)
    assert "Quyết định số 499/QĐ-UBND ngày 23 tháng 3 năm 2022" in doc.text
    assert "text in the legacy TCVN3 encoding, converted to Unicode" in doc.warnings


def _corpus_texts():
    roots = [ROOT / "corpus"] + ([SHARED / "corpus", SHARED / "gold"] if SHARED.exists() else [])
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in (".txt", ".md", ".html", ".json", ".jsonl", ".tsv", ".source"):
                yield path


def test_no_false_detection_on_unicode_vietnamese():
    checked = 0
    for path in _corpus_texts():
        text = path.read_text(encoding="utf-8", errors="replace")
        assert detect(text) is None, path
        checked += 1
    # The bundled corpus alone holds 14 texts; ../shared, where present, many more.
    assert checked >= (20 if SHARED.exists() else 10)


@pytest.mark.skipif(not (ROOT / "corpus").exists(), reason="no corpus")
def test_corpus_files_load_without_conversion():
    for path in sorted((ROOT / "corpus").glob("*.*")):
        if path.suffix in (".txt", ".html", ".docx", ".pdf"):
            assert not any("legacy" in w for w in load(path).warnings), path
