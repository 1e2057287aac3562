"""Vocabulary lives in patterns/: no Vietnamese word in a string literal of pipeline/ code.

The scan reads every pipeline/**/*.py with the ast module and lists each str literal that
holds a Vietnamese word: a word with a Vietnamese letter that carries a diacritic, or one of
a few folded words (FOLDED_WORDS). Not offenders: docstrings, comments (not in the syntax
tree), documentation passed as `description=`/`help=`/`epilog=`, and lone letters or
letters inside a character class ([a-zđ], 'Đ'): the alphabet is not vocabulary.

Every literal still allowed is named below with its reason; an allowance that no longer
matches fails too, so the list shrinks as vocabulary moves to patterns/.
"""
import ast
import re

import pytest

from conftest import ROOT

PIPELINE = ROOT / "pipeline"
LETTERS = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_ACCENTED = re.compile(f"[{LETTERS}]", re.IGNORECASE)
_CLASS = re.compile(r"\[(?:\\.|[^\]\\])*\]")
_WORD = re.compile(r"[^\W\d_]{2,}")
# Vietnamese words as the code may write them folded (without diacritics).
FOLDED_WORDS = re.compile(
    r"(?<![A-Za-z_])(?:trang|ubnd|hdnd|uy ban|nhan dan|hoi dong|du an|noi dung|muc tieu|"
    r"thi xa|huyen|tinh|phuong|xa hoi)(?![A-Za-z_])", re.IGNORECASE)
# Keyword arguments whose value documents, not matches.
DOCUMENTING = {"description", "help", "epilog"}

SITE = "site labels: the published site speaks Vietnamese to its readers"
SHOWN_REASON = "shown to users (a help text, a message, a sample document to time), not matched"

# Whole files and folders, with the reason.
ALLOWED_FILES = {
    "publish/": SITE,
}

SHOWN = {
    'bench/corpus.py': (
        '(Số:\\s*\\d+)',
        '\n\nBản lưu số ',
    ),
    'bench/measures.py': (
        'Ủy ban nhân dân tỉnh Lạng Sơn',
        'giải ngân',
    ),
    'cli_parser.py': (
        'examples:\n  vanban extract corpus/qd-499-ubnd-2023.txt     a readable summary of one document\n  vanban extract corpus --jsonl > out.jsonl      one JSON object per document\n  vanban ingest corpus --db output/vanban.db     every stage into SQLite\n  vanban serve --db output/vanban.db             browse it at http://127.0.0.1:8001\n  vanban publish --db output/vanban.db           metadata.json + datasette commands\n  vanban eval ../shared/gold                     precision/recall/F1 against gold files\n  vanban cites "qd 499"                          documents citing 499/QĐ-UBND\n',
        "Documents citing KEY, with date, relation and the citing sentence. KEY may be spelt any way: '499/QĐ-UBND', '499/qd-ubnd', 'qd 499'.",
        'Citations made by DOCUMENT (its id, its path, or its number such as 64/KH-UBND).',
    ),
    'ingest/work.py': (
        'ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\nSố: 1/QĐ-UBND\nLạng Sơn, ngày 2 tháng 3 năm 2024\nQUYẾT ĐỊNH\nCăn cứ Quyết định số 2/QĐ-UBND; kinh phí 1.000 triệu đồng, đạt 10%.\n',
    ),
    'quality/citation_bench.py': (
        ' citations on Căn cứ lines (',
    ),
    # the warning a total whose parts do not add up raises, in the figures' own unit
    'grammar/money_consistency.py': (
        ' đồng) at offset ',
        ' đồng',
    ),
}

ALLOWED: dict[tuple[str, str], str] = {
    **{(f, s): SHOWN_REASON for f, strings in SHOWN.items() for s in strings},
    **{("quality/header_bench.py", s): "gold scoring, outside the pipeline: the portal's type names"
       for s in ("luật", "bộ luật", "pháp lệnh", "lệnh")},
    **{("wrap.py", s): "the alphabet (vowels and letters with marks), not words"
       for s in ("aăâeêioôơuưy", "ăâđêôơư")},
    ("grammar/symbols.py", "A-ZĐ§"): "the alphabet of a symbol's letters (capitals, Đ and the § an "
                                      "undecoded TCVN3 text writes for it), not a word",
}


def is_vocabulary(literal: str) -> bool:
    """A Vietnamese word outside a character class, or a folded word of FOLDED_WORDS."""
    words = _WORD.findall(_CLASS.sub(" ", literal))
    return any(_ACCENTED.search(w) for w in words) or bool(FOLDED_WORDS.search(literal))


def literals(source: str) -> list[tuple[int, str]]:
    """(line, value) of each str literal of `source` that is neither a docstring nor
    documentation passed by keyword."""
    tree = ast.parse(source)
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skip.add(id(node.value))
        elif isinstance(node, ast.keyword) and node.arg in DOCUMENTING:
            skip.update(id(n) for n in ast.walk(node.value))
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip]


def offenders() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted(PIPELINE.rglob("*.py")):
        name = path.relative_to(PIPELINE).as_posix()
        if any(name.startswith(prefix) for prefix in ALLOWED_FILES):
            continue
        found += [(name, line, value) for line, value in literals(path.read_text(encoding="utf-8"))
                  if is_vocabulary(value)]
    return found


@pytest.mark.parametrize("literal, expected", [
    (r"^\W*Nơi\s+nhận", True),
    ("số", True),
    (r"(?:Trang\s+)?\d{1,4}", True),
    ("uy ban nhan dan", True),
    (r"[a-zđ]\)", False),
    ("Đ", False),
    ("noi_dung", False),
    ("dinh_chi", False),
    (r"(?:TM|KT|TL)\.?\s*\p{Lu}", False),
])
def test_what_counts_as_vocabulary(literal, expected):
    assert is_vocabulary(literal) is expected


def test_docstrings_and_documentation_are_not_offenders():
    source = ('"""Đọc Nơi nhận."""\n'
              'def f():\n    """Nơi nhận."""\n'
              'x = Field(None, description="e.g. \'tỉnh Lạng Sơn\'")\n'
              'y = regex.compile(r"Nơi\\s+nhận")  # Nơi nhận\n')
    assert [(line, value) for line, value in literals(source) if is_vocabulary(value)] == [
        (5, r"Nơi\s+nhận")]


def test_no_vocabulary_in_pipeline_code():
    left = [f"{name}:{line}: {value[:80]!r}" for name, line, value in offenders()
            if (name, value) not in ALLOWED]
    assert not left, "Vietnamese words in code (move them to patterns/):\n" + "\n".join(left)


def test_every_allowance_is_still_needed():
    found = {(name, value) for name, _, value in offenders()}
    stale = [key for key in ALLOWED if key not in found]
    assert not stale, f"allowed but no longer in the code (drop them): {stale}"
