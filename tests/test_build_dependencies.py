"""A notebook's cache key follows the llmnews modules it imports, and only those.

A stand-in package on disk, with every import form the graph must follow; the expected module sets
are worked out by hand from the files below.
"""

from __future__ import annotations

import nbformat
import pytest

from llmnews import build, paths
from llmnews.build.cache import cells_fingerprint, library_fingerprint
from llmnews.build.dependencies import ModuleGraph, notebook_sources

PACKAGE = {
    "__init__.py": "from llmnews.version import VERSION\n",
    "version.py": "VERSION = '1'\n",
    "paths.py": "ROOT = '.'\n",
    "corpus.py": "from llmnews import paths\nfrom .text import tokenize\n",
    "text.py": "import llmnews.lexicon\n\ndef tokenize(s):\n    return s\n",
    "lexicon.py": "from . import paths\n",
    "timeline.py": "from llmnews.dates import parse\n",
    "dates.py": "def parse(s):\n    return s\n",
    "topics.py": "import importlib\nMOD = importlib.import_module('llmnews.weights')\n",
    "weights.py": "W = 1\n",
    "unused.py": "U = 1\n",
    "store/__init__.py": "from .tables import read\n",
    "store/tables.py": "from ..paths import ROOT\n\ndef read():\n    return ROOT\n",
    "store/manifest.py": "M = 1\n",
    "lazy/__init__.py": "def __getattr__(name):\n    import importlib\n    return importlib.import_module('.' + name, __name__)\n",
    "lazy/one.py": "ONE = 1\n",
    "lazy/two.py": "TWO = 2\n",
}


@pytest.fixture
def graph(tmp_path):
    root = tmp_path / "llmnews"
    for name, text in PACKAGE.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return ModuleGraph(root)


def names(modules):
    return sorted(m.removeprefix("llmnews.") if m != "llmnews" else "llmnews" for m in modules)


def test_from_import_follows_relative_and_absolute_imports(graph):
    # corpus -> paths, text (relative); text -> lexicon (import llmnews.lexicon); lexicon -> paths;
    # __init__ -> version, and __init__ runs first for all of them.
    assert names(graph.closure(["from llmnews import corpus"])) == [
        "corpus", "lexicon", "llmnews", "paths", "text", "version",
    ]


def test_from_module_import_name_and_import_dotted(graph):
    assert names(graph.closure(["from llmnews.timeline import something"])) == [
        "dates", "llmnews", "timeline", "version",
    ]
    assert names(graph.closure(["import llmnews.dates as d"])) == ["dates", "llmnews", "version"]


def test_a_subpackage_runs_its_init_and_relative_parents(graph):
    # store/__init__ -> store.tables (relative); tables -> paths (two dots).
    assert names(graph.closure(["from llmnews.store import read"])) == [
        "llmnews", "paths", "store", "store.tables", "version",
    ]


def test_attribute_use_of_an_imported_package_counts(graph):
    assert names(graph.closure(["import llmnews\nllmnews.dates.parse('x')"])) == ["dates", "llmnews", "version"]


def test_a_module_named_in_a_string_counts(graph):
    assert names(graph.closure(["from llmnews import topics"])) == ["llmnews", "topics", "version", "weights"]


def test_a_name_resolved_lazily_counts_as_the_whole_package(graph):
    # lazy/__init__ binds no name "one_thing": it may be any module of the package.
    assert names(graph.closure(["from llmnews.lazy import one_thing"])) == [
        "lazy", "lazy.one", "lazy.two", "llmnews", "version",
    ]
    # A submodule named outright is just that one.
    assert names(graph.closure(["from llmnews.lazy import one"])) == ["lazy", "lazy.one", "llmnews", "version"]


def test_other_packages_and_magics_are_not_ours(graph, tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("%matplotlib inline\nimport numpy as np\nfrom llmnews import dates")]
    assert names(graph.closure(notebook_sources(nb))) == ["dates", "llmnews", "version"]
    # A cell that is not Python at all: every module counts (a rerun is cheaper than a stale report).
    assert len(graph.closure(["def broken(:\n"])) == len(PACKAGE) == 17  # one module per file


def test_the_key_changes_with_an_imported_module_only(graph):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from llmnews import timeline")]
    before = library_fingerprint(nb, graph)
    (graph.library_dir / "unused.py").write_text("U = 2\n", encoding="utf-8")
    (graph.library_dir / "corpus.py").write_text("C = 2\n", encoding="utf-8")
    assert library_fingerprint(nb, ModuleGraph(graph.library_dir)) == before
    (graph.library_dir / "dates.py").write_text("def parse(s):\n    return s.strip()\n", encoding="utf-8")
    assert library_fingerprint(nb, ModuleGraph(graph.library_dir)) != before


def test_outputs_and_metadata_are_not_part_of_the_key():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# 01 · T"), nbformat.v4.new_code_cell("x = 1")]
    before = cells_fingerprint(nb)
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.9"}
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n")]
    nb.cells[1].execution_count = 3
    nb.cells[1].metadata["scrolled"] = True
    assert cells_fingerprint(nb) == before
    nb.cells[1].metadata["tags"] = ["parameters"]  # which cell papermill injects after is an input
    assert cells_fingerprint(nb) != before
    nb.cells[1].metadata["tags"] = []
    nb.cells[1].source = "x = 2"
    assert cells_fingerprint(nb) != before


@pytest.mark.parametrize("notebook", build.find_notebooks(paths.NOTEBOOKS_DIR), ids=lambda p: p.stem)
def test_no_real_notebook_depends_on_the_build_itself(notebook):
    # Editing the build (or the CLI) must not rerun the analyses.
    graph = ModuleGraph(build.LIBRARY_DIR)
    modules = graph.closure(notebook_sources(build.notebooks.read_notebook_json(notebook)))
    assert "llmnews.plots" in modules or "llmnews.provenance" in modules  # the graph sees the real imports
    assert not [m for m in modules if m == "llmnews.build" or m.startswith("llmnews.build.")]
    assert "llmnews.__main__" not in modules
