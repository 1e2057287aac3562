import json
import subprocess
import sys
from collections import Counter

import pytest

from conftest import SHARED, needs_shared
from pipeline.cli import main
from pipeline.quality.evaluate import Tally, loosely_equal, score_pairs


@pytest.mark.parametrize("gold, pred, same", [
    ("UBND tỉnh Lạng Sơn", "Ủy ban nhân dân tỉnh Lạng Sơn", True),
    ("Sở LĐ-TB&XH", "Sở LĐ-TB&XH tỉnh", True),
    ("Ban Dân tộc", "Bộ Tài chính", False),
])
def test_loose_match(gold, pred, same):
    assert loosely_equal(gold, pred) is same


def test_tally_counts_a_multiset():
    t = Tally()
    t.add_counts(Counter({"616000000": 2, "1": 1}), Counter({"616000000": 1, "2": 1}))
    assert (t.tp, t.fp, t.fn) == (1, 1, 2)


def test_citations_count_once_per_document():
    gold = {"citations": [{"number_symbol": "64/KH-UBND"}]}
    pred = {"citations": [{"number_symbol": "64/KH-UBND"}, {"number_symbol": "64/kh-ubnd"}]}
    assert score_pairs([(gold, pred)]).fields["citations"].f1 == 1.0


@needs_shared
def test_agrees_with_the_gold_scorer(tmp_path):
    """`vanban eval` and ../shared/gold/score.py give the same figures on the same output."""
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    docs = []
    for gold_file in sorted((SHARED / "gold").rglob("*.gold.json")):
        (gold_dir / gold_file.name).write_bytes(gold_file.read_bytes())
        docs.append(str(SHARED / json.loads(gold_file.read_text(encoding="utf-8"))["source"]))
    preds = tmp_path / "preds"
    assert main(["extract", *docs, "--out", str(preds)]) == 0
    theirs = json.loads(subprocess.run(
        [sys.executable, str(SHARED / "gold" / "score.py"), str(gold_dir), str(preds), "--json"],
        check=True, capture_output=True, text=True).stdout)
    from pipeline.quality.evaluate import evaluate

    ours = evaluate(gold_dir, docs_dir=SHARED / "corpus").as_dict()
    assert ours == theirs
