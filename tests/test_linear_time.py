"""Inputs that once made extraction quadratic (issue #17) now take time linear in their
size: each shape is timed at n and 4n characters, and the ratio, not a wall-clock limit,
is checked (linear is about 4, quadratic about 16).

The shapes, and what each once did, are in hostile_corpus.SLOW_SHAPES.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from hostile_corpus import HEADER, SLOW_SHAPES as SHAPES
from pipeline import extract_file

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
            extract_file(path)
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
