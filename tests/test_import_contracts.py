"""The import contracts of pyproject.toml ([tool.importlinter]): they hold on the code, and
each breaks on the kind of import it exists to forbid."""
import sys

import pytest
from importlinter import api
from importlinter.cli import lint_imports
from importlinter.contracts.acyclic_siblings import AcyclicSiblingsContract
from importlinter.contracts.layers import LayersContract
from importlinter.contracts.protected import ProtectedContract

from conftest import ROOT

CONFIG = api.read_configuration(str(ROOT / "pyproject.toml"))
TYPES = {"layers": LayersContract, "protected": ProtectedContract,
         "acyclic_siblings": AcyclicSiblingsContract}
LAYERS, QUALITY, CYCLES = "layers", "protected", "acyclic_siblings"


def test_the_contracts_hold(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(sys, "path", [*sys.path])  # lint_imports puts the folder first
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    assert code == 0, capsys.readouterr().out


@pytest.fixture(scope="module")
def graph():
    import grimp

    return grimp.build_graph(*CONFIG["session_options"]["root_packages"], cache_dir=None)


@pytest.mark.parametrize("importer, imported, broken", [
    # text/ is below everything: it imports nothing of the pipeline (normalize imports it,
    # so this is a loop as well)
    ("pipeline.text.fold", "pipeline.normalize", [CYCLES, LAYERS]),
    ("pipeline.text.fold", "pipeline.models", [LAYERS]),
    # a grammar reads no stage above it (structure.casing reads symbols: a loop as well)
    ("pipeline.symbols", "pipeline.structure.vocab", [CYCLES, LAYERS]),
    # the gold scorer is read from above, by the command line only
    ("pipeline.extractors.projects", "pipeline.quality.evaluate", [CYCLES, LAYERS, QUALITY]),
    ("pipeline.bench.measures", "pipeline.quality.evaluate", [LAYERS, QUALITY]),
    # within a layer, or within one package, no loop
    ("pipeline.symbols", "pipeline.symbol_lookup", [CYCLES]),
    ("pipeline.extractors.money_grammar", "pipeline.extractors.money", [CYCLES]),
    # downwards is allowed
    ("pipeline.store.rows", "pipeline.extractors.citation_context", []),
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
