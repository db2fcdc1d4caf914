"""Notebook cells call figure functions from ``llmnews.plotting``; they draw nothing themselves.

A figure drawn in a cell has no test and cannot be reused by another notebook; every figure of
every notebook is a library function with its tests in ``tests/test_plotting_*.py``.
"""

from __future__ import annotations

import json
import re

import pytest

from llmnews import paths

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
# Drawing in a cell: pyplot, an Axes or Figure method, or matplotlib imported at all.
DRAWING = re.compile(r"\bplt\.|\bax\.|\baxes\b|\bfig\.|^\s*(?:import|from)\s+matplotlib", re.MULTILINE)


def code_cells(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]


def test_there_are_notebooks_to_check():
    assert [p.name[:2] for p in NOTEBOOKS][:4] == ["01", "02", "03", "04"]


def test_the_check_sees_a_cell_that_draws():
    assert DRAWING.search("fig, ax = plt.subplots()\nax.bar([1], [2])")
    assert DRAWING.search("import matplotlib.pyplot as plt")
    assert not DRAWING.search("fig = term_figures.keyness_figure(keyness)\nplots.save_figure(fig, '02-keyness', keyness)")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_no_cell_draws(notebook):
    drawing = [source for source in code_cells(notebook) if DRAWING.search(source)]
    assert drawing == []


def _plotting_aliases(notebook) -> set[str]:
    """The names a notebook imports ``llmnews.plotting`` modules under."""
    aliases = set()
    for source in code_cells(notebook):
        for match in re.finditer(r"^from llmnews\.plotting import (\w+)(?: as (\w+))?", source, re.MULTILINE):
            aliases.add(match.group(2) or match.group(1))
    return aliases


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_every_saved_figure_comes_from_a_plotting_function(notebook):
    aliases = _plotting_aliases(notebook)
    assert aliases, f"{notebook.name} imports no llmnews.plotting module"
    pattern = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(aliases)))})\.\w+_figure\(")
    for source in code_cells(notebook):
        if "plots.save_figure(" in source:
            assert pattern.search(source), source
