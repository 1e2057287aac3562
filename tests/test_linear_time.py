"""Inputs that once made extraction quadratic (issue #17) now take time linear in their
size: each shape is timed at n and 4n characters, and the ratio, not a wall-clock limit,
is checked (linear is about 4, quadratic about 16).

    sig      a signature line `A A … a`: a merged cell's pattern re-read the line from
             every space (signature._merged)
    du_an    `Dự án 1: Tiểu dự án 1: ` × n: every project label rescanned all programme
             mentions and its whole sentence (projects._programme_of, _Cover)
    percent  `1,5%, ` × n: every percentage rescanned its sentence for a measure cue
             (percentages._measure)
    pipes    `|⏎` × n: the section gate re-read a run of markup lines from each newline
             in it (sections._CANDIDATE)
    symbol   `Số: 1/1-1/1-…`: the symbol pattern backtracked over every part
             (numberline._symbol)
    digits   a run of n digits before `đồng`: its int conversion is quadratic; no amount
             is past 2⁶³ - 1 đồng (money._MOST_VND)
"""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline import extract

HEADER = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
          "Độc lập - Tự do - Hạnh phúc\n---------------\nSố: 12/QĐ-UBND\n"
          "Hà Nam, ngày 5 tháng 3 năm 2023\nQUYẾT ĐỊNH\nVề việc phê duyệt kế hoạch\n"
          "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nĐiều 1. Phê duyệt kế hoạch năm 2023.\n")
SIGNATURE = "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n"


def _times(unit: str, n: int) -> str:
    return unit * max(1, n // len(unit))


SHAPES: dict[str, Callable[[int], str]] = {
    "sig": lambda n: HEADER + SIGNATURE + _times("A ", n) + "a\n",
    "du_an": lambda n: HEADER + _times("Dự án 1: Tiểu dự án 1: ", n) + "\n",
    "percent": lambda n: HEADER + _times("1,5%, ", n) + "\n",
    "pipes": lambda n: HEADER + _times("|\n", n),
    "symbol": lambda n: HEADER.replace("Số: 12/QĐ-UBND", "Số: " + _times("1/1-", n) + "1"),
    "digits": lambda n: HEADER + "Tổng kinh phí " + "1" * n + " đồng.\n",
}

SMALLEST = 0.05     # seconds the size-n run takes at least, so noise stays small
RATIO = 8.0         # 4n against n: linear ~4, quadratic ~16
LARGEST = 240_000   # 4n stays under spaCy's max_length (1,000,000 characters)


@pytest.fixture(scope="module")
def timer(tmp_path_factory):
    folder = tmp_path_factory.mktemp("linear")
    runs = iter(range(10 ** 9))

    def best_of_3(text: str) -> float:
        best = float("inf")
        for _ in range(3):
            # a different last line each run: several stages cache by the text
            path = Path(folder, f"{next(runs)}.txt")
            path.write_text(text + f"\n{'x' * (1 + next(runs) % 50)}\n", encoding="utf-8")
            start = time.process_time()
            extract(path)
            best = min(best, time.process_time() - start)
        return best

    best_of_3(HEADER)   # load the models once
    return best_of_3


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_linear(shape, timer):
    make = SHAPES[shape]
    n = 10_000
    small = timer(make(n))
    while small < SMALLEST and n < LARGEST:
        n = min(2 * n, LARGEST)
        small = timer(make(n))
    large = timer(make(4 * n))
    assert large / small < RATIO, f"{shape}: {n} chars {small:.3f} s, {4 * n} chars {large:.3f} s"
