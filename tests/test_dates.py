"""Dates and periods: the grammar (pipeline/date_grammar.py, pipeline/date_parser.py) and the spaCy component.

The table rows are sentences copied from ../shared/corpus (seeds, real, meta-dev) and
the values a reader takes from them; only the gold-measuring test reads ../shared.
"""
from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.grammar.date_parser import DateValue, find_dates, parse_date
from pipeline.extract import extract_mentions
from pipeline.normalize import normalize

SHARED = Path(__file__).resolve().parents[2] / "shared"
needs_shared = pytest.mark.skipif(
    not SHARED.exists(), reason="../shared (gold and corpus) is not on this machine"
)


def values(text: str) -> list[str]:
    """Every expression's value at its own precision, in order of start (widest first)."""
    return [s.value.iso for s in find_dates(normalize(text).text)]


def days(text: str) -> list[str]:
    """What the component emits as dates (the gold's notion): full calendar days."""
    return [d.value for d in extract_mentions(normalize(text)).dates]


# (sentence from the corpus, every expression's value). Periods are ISO intervals,
# "as of" limits open intervals (../end), quarters YYYY-Qn, halves YYYY-Hn.
ROWS = [
    # numeric days, zero-padded or not; document numbers hold no date
    ("Quyết định số 499/QĐ-UBND ngày 23/3/2022 về việc thành lập Ban Chỉ đạo",
     ["2022-03-23"]),
    ("Kế hoạch số 176/KH-UBND ngày 08/8/2022 của UBND tỉnh về thực", ["2022-08-08"]),
    ("Kế hoạch số 59/KHUBND ngày 08/3/2023 của UBND tỉnh thực hiện", ["2023-03-08"]),
    ("1229/QĐ-UBND ngày 28/02/2025 của UBND Thành phố về", ["2025-02-28"]),
    ("Luật Quản lý thuế số 38/2019/QH14 ngày 13/6/2019 của Quốc hội, quy định:",
     ["2019-06-13"]),
    ("Thông tư số 111/2013/TT-BTC ngày15/8/2013 của Bộ Tài chính", ["2013-08-15"]),
    ("- Nghị định số 61/2025/NĐ-CP ngày 04/3/2025 của", ["2025-03-04"]),
    ("Ngày 31/8/2023, Uỷ ban nhân dân tỉnh", ["2023-08-31"]),
    ("Quyết định 534/QĐ-UBND, ngày 09/8/2022 của UBND huyện về giao", ["2022-08-09"]),
    ("421/TTr-STC ngày 29/10/2025, 501/TTr-STC ngày 20/11/2025 và ý kiến thẩm định của",
     ["2025-10-29", "2025-11-20"]),
    ("theo quy định tại Nghị định số 186/2025/NĐ-CP ngày\n01/7/2025 của Chính phủ",
     ["2025-07-01"]),
    ("Nghị quyết số 214/NQ-CP ngày 23/7/2025 của Chính phủ ban hành", ["2025-07-23"]),
    ("NGHỊ QUYẾT SỐ 214/NQ-CP NGÀY 23/7/2025", ["2025-07-23"]),
    # hyphenated (gazette headers, Party documents)
    ("CÔNG BÁO/Số 293/Ngày 31-05-2026 ", ["2026-05-31"]),
    # weekday, time of day, part of day
    ("Thứ bảy, 04/11/2023 22:05", ["2023-11-04"]),
    ("Sáng ngày 14/9/2023, đoàn công tác của UBND huyện", ["2023-09-14"]),
    ("Chiều ngày 09 tháng 11 năm 2025, tại trụ sở Ủy ban", ["2025-11-09"]),
    # verbal days, including the header line and web copies' line breaks
    ("Căn cứ Luật Hải quan ngày 23 tháng 6 năm 2014;", ["2014-06-23"]),
    ("*Hà Nội, ngày 17\ntháng 11 năm 2025*", ["2025-11-17"]),
    ("*Xét Tờ trình số 413/TTr-UBND ngày 20 tháng 11\nnăm 2025 của Ủy ban nhân dân thành phố",
     ["2025-11-20"]),
    ("Quyết định này có hiệu lực thi hành kể từ ngày\n01 tháng 12 năm 2025.", ["2025-12-01"]),
    ("số điều của Nghị định số 78/2025/NĐ-CP ngày 01\ntháng 4 năm 2025;*", ["2025-04-01"]),
    ("công lập theo Quyết định số 1723/QĐ-TTg ngày 12 tháng 08 năm 2025 của Thủ tướng",
     ["2025-08-12"]),
    ("Hà Nội, ngày 13 tháng 02 năm 2026", ["2026-02-13"]),
    ("Mô hình chính quyền địa phương 02 cấp vận hành từ ngày 01 tháng\n7 năm 2025 đã ổn định",
     ["2025-07-01"]),
    # ranges and lists: the first end inherits month and year
    ("Từ ngày 16/7 đến ngày 18/7/2024, UBND huyện đã tiến hành",
     ["2024-07-16/2024-07-18", "2024-07-16", "2024-07-18"]),
    ("Theo dự báo của Trung tâm dự báo khí tượng thủy văn quốc gia, ngày 20 và\n21/11/2025, tại khu vực",
     ["2025-11-20", "2025-11-21"]),
    ("các hồ sơ phát sinh từ ngày 01/01/2026 đến hết ngày 04/01/2026 thì mức thu thực",
     ["2026-01-01/2026-01-04", "2026-01-01", "2026-01-04"]),
    # drafts: a blank day leaves a month
    ("Bạch Thông, ngày tháng 8 năm 2024", ["2024-08"]),
    ("ết định số /2025/QĐ-UBND\nngày tháng năm 2025 của UBND tỉnh", ["2025"]),
    # months, quarters, halves, first-N-months
    ("thẩm định của Bộ Tư pháp, trình Chính phủ xem xét, quyết định trong\ntháng 12/2025.",
     ["2025-12"]),
    ("thứ nhất, Quốc hội khóa XVI (tháng 4/2026) đối với 13 dự án luật", ["2026-04"]),
    ("dự kiến nghiệm thu và giải ngân vào quý IV/2024", ["2024-Q4"]),
    ("Phát triển KT-XH vùng đồng bào DTTS&MN 6 tháng đầu năm 2024", ["2024-H1"]),
    ("Trong 9 tháng đầu năm 2023, Sở LÐ-TB&XH đã xây dựng kế hoạch",
     ["2023-01-01/2023-09-30"]),
    ("Trong 10 tháng năm 2025, việc thực hiện nhiệm vụ", ["2025-01-01/2025-10-31"]),
    # "as of" limits
    ("Kết quả giải ngân nguồn vốn đến hết tháng 9/2023 là 2,202 tỷ đồng.",
     ["../2023-09-30", "2023-09"]),
    ("Kết quả giải ngân nguồn vốn đến hết tháng 12/2022 là 979 triệu đồng, đạt 42,6%",
     ["../2022-12-31", "2022-12"]),
    ("giải ngân vốn đầu tư công nguốn ngân sách nhà nước năm 2025 - lűy kế đến hết ngày 27/11/2025.",
     ["2025", "../2025-11-27", "2025-11-27"]),
    ("án phạt tù để xét đặc xá tính đến ngày 30 tháng 9 năm 2024.",
     ["../2024-09-30", "2024-09-30"]),
    # multi-year periods and years
    ("Chương trình MTQG tỉnh Lạng Sơn giai đoạn 2021-2025; Quyết định số",
     ["2021-01-01/2025-12-31"]),
    ("Ban Chỉ đạo các Chương trình MTQG tỉnh Lạng Sơn giai đoạn 2021 – 2025 tại Chương trình số 51/CTr-BCĐ ngày 23/3/2023.",
     ["2021-01-01/2025-12-31", "2023-03-23"]),
    ("Đảng ủy UBND tỉnh, nhiệm kỳ\n2025 - 2030 tại Hội nghị lần thứ 10", ["2025-01-01/2030-12-31"]),
    ("làm cơ sở bố trí vốn năm 2022, 2023.", ["2022", "2023"]),
    ("(được sửa đổi, bổ sung năm 2009, 2012, 2013, 2016); Nghị định số 111/2022/NĐ-CP ngày 30 tháng 12 năm 2022",
     ["2009", "2012", "2013", "2016", "2022-12-30"]),
    # fractions, cadences and numbers that are not dates
    ("11/11 huyện, thành phố tổ chức tập huấn nâng cao năng lực", []),
    ("thực hiện giám sát định kỳ trực tiếp 05/11 huyện, thành phố. Mỗi đơn vị, Đoàn kiểm tra, giám sát từ 1-2 xã/phường/thị trấn.",
     []),
    ("đồng thời hướng dẫn 181/181 xã thành lập, kiện toàn", []),
    ("được triển khai thực hiện vào tháng 01 hằng năm). Tổ giúp việc", []),
    ("các Chương trình MTQG hằng quý, 6 tháng, 9 tháng, năm và giai đoạn.", []),
    ("2.6.9.11. Dọc kênh phải bố trí đường quản lý", []),
]


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=[r[0][:40] for r in ROWS])
def test_values(text: str, expected: list[str]) -> None:
    assert values(text) == expected


# The component: full days only (the gold's "dates"), everything else in periods.
COMPONENT_ROWS = [
    ("Từ ngày 16/7 đến ngày 18/7/2024, UBND huyện đã tiến hành", ["2024-07-16", "2024-07-18"]),
    ("từ ngày 08 đến ngày 09 tháng 11 năm 2025", ["2025-11-08", "2025-11-09"]),
    ("16-18/7/2024", ["2024-07-16", "2024-07-18"]),
    ("Bạch Thông, ngày tháng 8 năm 2024", []),
    ("giải ngân vào quý IV/2024 và quý IV năm 2024, giai đoạn 2021-2025", []),
    ("Kết quả giải ngân nguồn vốn đến hết tháng 12/2022, tính đến ngày 30/6/2024", ["2024-06-30"]),
    ("ngày 31/2/2023 và 29/2/2023 không có; 29/2/2024 có", ["2024-02-29"]),
    ("hướng dẫn 181/181 xã, 11/11 huyện, 05/11 huyện; số 499/QĐ-UBND; 1/2 kinh phí", []),
]


@pytest.mark.parametrize(("text", "expected"), COMPONENT_ROWS, ids=[r[0][:40] for r in COMPONENT_ROWS])
def test_component_days(text: str, expected: list[str]) -> None:
    assert days(text) == expected


def test_component_periods_and_offsets() -> None:
    from pipeline.extract import nlp

    norm = normalize("Thứ bảy, 04/11/2023 22:05. Trong 9 tháng đầu năm 2023, quý IV/2024")
    doc = nlp.build_nlp().make_doc(norm.text)
    doc = nlp.build_nlp().get_pipe("vanban_dates")(doc)
    (day,) = doc._.dates
    assert norm.text[day.start:day.end] == day.text == "04/11/2023"
    assert (day.value, day.precision) == ("2023-11-04", "day")
    assert [p.value for p in doc._.periods] == ["2023-01-01/2023-09-30", "2024-Q4"]
    assert all(norm.text[p.start:p.end] == p.text for p in doc._.periods)


def test_parse_date_header_and_draft() -> None:
    full = parse_date("Lạng Sơn, ngày 23 tháng 3 năm 2022")
    assert full is not None and full.granularity == "day" and full.iso == "2022-03-23"
    draft = parse_date("ngày tháng 8 năm 2024")
    assert draft is not None and draft.granularity == "month" and draft.iso == "2024-08"
    assert (draft.start, draft.end) == (date(2024, 8, 1), date(2024, 8, 31))
    assert parse_date("Số: /TB-UBND") is None


def test_details_kept() -> None:
    (span,) = find_dates("Thứ bảy, 04/11/2023 22:05")
    assert (span.value.weekday, span.value.time, span.value.weekday_matches) == (6, "22:05", True)
    (span,) = find_dates("Sáng ngày 14/9/2023")
    assert span.value.part_of_day == "morning"
    first, *_ = [s for s in find_dates("Từ ngày 16/7 đến ngày 18/7/2024") if s.granularity == "day"]
    assert first.inherited and first.text == "16/7"


def test_values_are_frozen() -> None:
    (span,) = find_dates("ngày 23/3/2022")
    with pytest.raises(Exception):
        span.value.end = date(2000, 1, 1)  # type: ignore[misc]
    with pytest.raises(Exception):
        span.start = 0  # type: ignore[misc]
    assert isinstance(span.value, DateValue)


def test_as_of_intervals() -> None:
    (as_of, month) = find_dates("đến hết tháng 2/2024")
    assert as_of.value.start is None and as_of.value.end == date(2024, 2, 29)
    assert (month.value.start, month.value.end) == (date(2024, 2, 1), date(2024, 2, 29))


# ------------------------------------------------------------- round trips
WEEKDAYS = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]


def _forms(d: date) -> list[str]:
    wd = WEEKDAYS[d.weekday()]
    return [
        f"{d.day}/{d.month}/{d.year}",
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day:02d}/{d.month}/{d.year}",
        f"{d.day}-{d.month}-{d.year}",
        f"{d.day:02d}.{d.month:02d}.{d.year}",
        f"ngày {d.day} tháng {d.month} năm {d.year}",
        f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}",
        f"ngày {d.day:02d} tháng {d.month}\nnăm {d.year}",
        f"Ngày {d.day}/{d.month}/{d.year}",
        f"{wd}, {d.day:02d}/{d.month:02d}/{d.year} 08:30",
        f"{wd}, ngày {d.day} tháng {d.month} năm {d.year}",
    ]


@settings(max_examples=200, deadline=None)
@given(d=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
       form=st.integers(min_value=0, max_value=10),
       before=st.sampled_from(["", "Quyết định số 12/QĐ-UBND ", "Hà Nội, ", "(", "Căn cứ "]),
       after=st.sampled_from(["", " của UBND tỉnh.", ";", ")", "\n"]))
def test_round_trip(d: date, form: int, before: str, after: str) -> None:
    text = before + _forms(d)[form] + after
    spans = find_dates(text)
    assert [s.value.granularity for s in spans] == ["day"]
    assert spans[0].value.start == spans[0].value.end == d
    assert parse_date(text).end == d
    if form >= 9:
        assert spans[0].value.weekday_matches


@settings(max_examples=100, deadline=None)
@given(d=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 30)),
       length=st.integers(min_value=1, max_value=20))
def test_range_round_trip(d: date, length: int) -> None:
    e = min(d + timedelta(days=length), date(2099, 12, 31))
    same_year = d.year == e.year
    left = f"{d.day}/{d.month}" if same_year else f"{d.day}/{d.month}/{d.year}"
    spans = find_dates(f"từ ngày {left} đến ngày {e.day}/{e.month}/{e.year}")
    got = [s.value.end for s in spans if s.granularity == "day"]
    assert got == [d, e]
    (period,) = [s for s in spans if s.granularity == "period"]
    assert (period.value.start, period.value.end) == (d, e)


@given(st.integers(min_value=1, max_value=31), st.integers(min_value=1, max_value=12),
       st.integers(min_value=1900, max_value=2099))
def test_impossible_dates_are_dropped(day: int, month: int, year: int) -> None:
    try:
        real = date(year, month, day)
    except ValueError:
        real = None
    spans = find_dates(f"ngày {day}/{month}/{year}")
    assert [s.value.end for s in spans] == ([real] if real else [])


# -------------------------------------------------------------- gold
@needs_shared
def test_gold_dates_f1() -> None:
    from pipeline.quality.evaluate import score_pairs, source_of

    gold_dir = SHARED / "gold"
    pairs = []
    for path in sorted(gold_dir.rglob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = source_of(path, gold, gold_dir, None).read_text(encoding="utf-8")
        pred = {"dates": [{"value": v} for v in days(text)]}
        pairs.append(({"dates": gold.get("dates") or []}, pred))
    tally = score_pairs(pairs).fields["dates"]
    assert tally.f1 >= 0.95, (tally.tp, tally.fp, tally.fn)


def full_scan(text: str) -> list:
    """What the whole pattern finds tried at every position, without find_dates's year and opener scans."""
    from pipeline.grammar.date_grammar import grammar
    from pipeline.grammar.date_parser import Builder

    g = grammar()
    found = []
    for m in g.pattern.finditer(text):
        b = Builder(g, text, m)
        b.handle()
        found.extend(b.out)
    return sorted(found, key=lambda s: (s.start, -s.end))


@needs_shared
def test_corpus_scan_is_the_full_scan() -> None:
    """find_dates tries the pattern only near years; it must find what a scan of every
    position finds."""
    lines = (SHARED / "corpus" / "meta-dev.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines[:60]:
        text = normalize(json.loads(line)["text"]).text
        assert find_dates(text) == full_scan(text)


@pytest.mark.parametrize("case", [str.upper, str.title, str.lower])
def test_the_opener_scan_lets_through_every_case(case) -> None:
    """The opener scan is made of stdlib patterns over the words of patterns/dates.toml,
    the pattern is the regex module's: in any case, they must agree on what can match."""
    for text, _ in ROWS:
        assert find_dates(case(text)) == full_scan(case(text)), case(text)
    assert Counter(s.granularity for s in find_dates("năm 2022, 2023")) == {"year": 2}
