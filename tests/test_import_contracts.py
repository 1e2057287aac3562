"""The import contracts of pyproject.toml ([tool.importlinter]): they hold on the code, and
each breaks on the kind of import it exists to forbid."""
import sys

import pytest
from importlinter import api
from importlinter.cli import lint_imports
from importlinter.contracts.acyclic_siblings import AcyclicSiblingsContract
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.layers import LayersContract
from importlinter.contracts.protected import ProtectedContract

from conftest import ROOT

CONFIG = api.read_configuration(str(ROOT / "pyproject.toml"))
TYPES = {"layers": LayersContract, "protected": ProtectedContract,
         "acyclic_siblings": AcyclicSiblingsContract, "forbidden": ForbiddenContract}
LAYERS, QUALITY, CYCLES, NO_SPACY = "layers", "protected", "acyclic_siblings", "forbidden"


def test_the_contracts_hold(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(sys, "path", [*sys.path])  # lint_imports puts the folder first
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    assert code == 0, capsys.readouterr().out


@pytest.fixture(scope="module")
def graph():
    import grimp

    return grimp.build_graph(*CONFIG["session_options"]["root_packages"], cache_dir=None,
                             include_external_packages=True)


@pytest.mark.parametrize("importer, imported, broken", [
    # text/ is below everything: it imports nothing of the pipeline (normalize imports it,
    # so this is a loop as well)
    ("pipeline.text.fold", "pipeline.normalize", [CYCLES, LAYERS]),
    ("pipeline.text.fold", "pipeline.models", [LAYERS]),
    # a grammar reads no stage above it (structure.casing reads symbols: a loop as well)
    ("pipeline.grammar.symbols", "pipeline.structure.vocab", [CYCLES, LAYERS]),
    # the gold scorer is read from above, by the command line only
    ("pipeline.grammar.projects", "pipeline.quality.evaluate", [CYCLES, LAYERS, QUALITY, NO_SPACY]),
    ("pipeline.bench.measures", "pipeline.quality.evaluate", [LAYERS, QUALITY]),
    # within a layer, or within one package, no loop
    ("pipeline.grammar.symbols", "pipeline.grammar.symbol_lookup", [CYCLES]),
    ("pipeline.grammar.money_grammar", "pipeline.grammar.money", [CYCLES]),
    # a grammar is callable without spaCy: it never reads a component (which reads it: a loop)
    ("pipeline.grammar.money", "pipeline.extract.base", [CYCLES, LAYERS, NO_SPACY]),
    # a grammar or a text mechanism is callable on a string: spaCy is for extract/ (and
    # any import that reaches it through another module counts)
    ("pipeline.grammar.date_parser", "spacy", [NO_SPACY]),
    ("pipeline.text.sentences", "spacy", [NO_SPACY]),
    ("pipeline.resolve", "spacy", []),
    # downwards is allowed
    ("pipeline.store.rows", "pipeline.grammar.citation_context", []),
])
def test_each_contract_breaks_on_what_it_forbids(graph, importer, imported, broken):
    assert not graph.direct_import_exists(importer=importer, imported=imported)
    graph.add_import(importer=importer, imported=imported)
    try:
        found = sorted(opts["type"] for opts in CONFIG["contracts_options"]
                       if not TYPES[opts["type"]](opts["name"], CONFIG["session_options"], opts)
                       .check(graph, verbose=False).kept)
    finally:
        graph.remove_import(importer=importer, imported=imported)
    assert found == sorted(broken)


def test_the_grammars_read_a_string_where_spacy_cannot_be_imported():
    import subprocess

    code = (
        "import sys; sys.modules['spacy'] = sys.modules['thinc'] = None\n"
        "from pipeline.grammar.money import find_amounts\n"
        "from pipeline.grammar.date_parser import find_dates\n"
        "from pipeline.grammar.organizations import organizations\n"
        "text = 'Sở Tài chính tỉnh Lạng Sơn cấp 1.500 triệu đồng ngày 02/3/2024.'\n"
        "print(find_amounts(text)[0][0].vnd, find_dates(text)[0].value.iso,"
        " organizations(text)[0].name, sep='|')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "1500000000|2024-03-02|Sở Tài chính tỉnh Lạng Sơn"
