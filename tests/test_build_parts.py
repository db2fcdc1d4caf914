"""Parts of the build that need no kernel: failure lines, figure folders, clearing outputs,
the run record, and the command line's --version and --help."""

from __future__ import annotations

import json

import nbformat
import pytest

from llmnews import __version__, build, paths, provenance
from llmnews.__main__ import main
from llmnews.build.execute import failing_line
from llmnews.build.notebooks import clear_outputs, jupyterlab_text

# IPython 9's traceback for a KeyError raised in a function from an earlier cell (In [1]) called
# from line 3 of In [2], colours and all, as a kernel sends it.
TRACEBACK = [
    "\x1b[31m---------------------------------------------------------------------------\x1b[39m",
    "\x1b[31mKeyError\x1b[39m                                  Traceback (most recent call last)",
    "\x1b[36mCell\x1b[39m\x1b[36m \x1b[39m\x1b[32mIn[2]\x1b[39m\x1b[32m, line 3\x1b[39m\n"
    "\x1b[32m      1\x1b[39m a = \x1b[32m1\x1b[39m\n"
    "\x1b[32m      2\x1b[39m counts = {\x1b[33m'\x1b[39m\x1b[33m文心一言\x1b[39m\x1b[33m'\x1b[39m: \x1b[32m1\x1b[39m}\n"
    "\x1b[32m----> \x1b[39m\x1b[32m3\x1b[39m \x1b[30;43mf\x1b[39;49m\x1b[30;43m(\x1b[39;49m\x1b[30;43mcounts\x1b[39;49m\x1b[30;43m)\x1b[39;49m\n",
    "\x1b[36mCell\x1b[39m\x1b[36m \x1b[39m\x1b[32mIn[1]\x1b[39m\x1b[32m, line 2\x1b[39m, in \x1b[36mf\x1b[39m\x1b[34m(d)\x1b[39m\n"
    "\x1b[32m      1\x1b[39m \x1b[38;5;28;01mdef\x1b[39;00m f(d):\n"
    "\x1b[32m----> \x1b[39m\x1b[32m2\x1b[39m     \x1b[38;5;28;01mreturn\x1b[39;00m d[\x1b[33m'x'\x1b[39m]\n",
    "\x1b[31mKeyError\x1b[39m: 'x'",
]


def test_the_failing_line_is_the_arrow_in_the_failing_cell():
    assert failing_line(TRACEBACK, exec_count=2) == (3, "f(counts)")
    assert failing_line(TRACEBACK, exec_count=1) == (2, "return d['x']")
    assert failing_line(TRACEBACK, exec_count=None) == (3, "f(counts)")  # the outermost cell frame
    assert failing_line([]) is None


@pytest.fixture
def committed(tmp_path, monkeypatch):
    """A project whose figures/ and seeds/ play the committed ones, without LLMNEWS_FIGURES_DIR."""
    figures, seeds = tmp_path / "figures", tmp_path / "seeds"
    monkeypatch.setattr(build, "COMMITTED_FIGURES_DIR", figures)
    monkeypatch.setattr(build, "DEFAULT_SEEDS_DIR", seeds)
    monkeypatch.setattr(paths, "FIGURES_DIR", figures)
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("MODEL: str = 'nmf'  # topic model\nTOP_N: int = 10  # terms")
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell]
    notebook = tmp_path / "03-topics.ipynb"
    nbformat.write(nb, str(notebook))
    return tmp_path, notebook


def test_only_default_seeds_and_parameters_reach_the_committed_figures(committed):
    root, notebook = committed
    reports = root / "build" / "reports"

    def folder(parameters, seeds="seeds", **kw):
        return build.figures_folder(notebook, parameters, seeds_dir=root / seeds, output_dir=reports, **kw)

    assert folder({}) == (root / "figures").resolve()
    assert folder({"MODEL": "nmf", "TOP_N": 10}) == (root / "figures").resolve()  # the defaults, spelled out
    assert folder({"MODEL": "lda"}) == (reports / "figures").resolve()
    assert folder({"TOP_N": 10.0}) == (reports / "figures").resolve()  # not the declared int
    assert folder({}, seeds="other-seeds") == (reports / "figures").resolve()
    assert folder({}, output_given=True) == (reports / "figures").resolve()  # --output DIR: DIR/figures
    assert folder({"MODEL": "lda"}, figures_dir=root / "asked") == (root / "asked").resolve()


def test_the_figures_variable_wins_over_the_default_choice(committed, monkeypatch, tmp_path):
    root, notebook = committed
    monkeypatch.setattr(paths, "FIGURES_DIR", tmp_path / "from-env")  # as LLMNEWS_FIGURES_DIR sets it
    chosen = build.figures_folder(notebook, {"MODEL": "lda"}, seeds_dir=root / "seeds", output_dir=root / "r")
    assert chosen == (tmp_path / "from-env").resolve()


def test_clearing_outputs_keeps_tags_ids_and_jupyterlab_form(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    params = nbformat.v4.new_code_cell("N: int = 1  # 条")
    params.metadata["tags"] = ["parameters"]
    injected = nbformat.v4.new_code_cell("N = 2")
    injected.metadata["tags"] = ["injected-parameters"]
    code = nbformat.v4.new_code_cell("print('大模型')", execution_count=3)
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="大模型\n")]
    code.metadata.update(scrolled=True, execution={"iopub.status.busy": "2024-01-01"})
    nb.cells = [nbformat.v4.new_markdown_cell("# 01 · 标题"), params, injected, code]
    path = tmp_path / "01-x.ipynb"
    nbformat.write(nb, str(path))
    ids = [c.id for c in nb.cells]
    assert clear_outputs(path) is True
    cleared = nbformat.read(str(path), as_version=4)
    assert [c.id for c in cleared.cells] == [ids[0], ids[1], ids[3]]  # papermill's cell is gone
    assert cleared.cells[1].metadata == {"tags": ["parameters"]}
    assert cleared.cells[2].outputs == [] and cleared.cells[2].execution_count is None
    assert cleared.cells[2].metadata == {}
    text = path.read_text(encoding="utf-8")
    assert text == jupyterlab_text(cleared) and text.endswith("}\n") and "大模型" in text
    assert text.startswith('{\n "cells": [\n  {\n')  # one-space indent, as jupyter_server writes
    assert clear_outputs(path) is False  # a second run changes nothing


def test_run_record_takes_the_parameters_from_the_parameters_cell(tmp_path, monkeypatch):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("MODEL: str = 'nmf'  # model\nTERMS: list[str] = ['智谱AI']  # terms")
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell]
    nbformat.write(nb, str(tmp_path / "03-topics.ipynb"))
    monkeypatch.setattr(paths, "NOTEBOOKS_DIR", tmp_path)
    namespace = {"MODEL": "lda", "TERMS": ["智谱AI", "OpenAI"], "derived": 3, "__name__": "__main__"}
    record = provenance.run_record("03-topics", namespace)
    parameters = record[record["kind"] == "parameter"].set_index("name")["value"].to_dict()
    assert parameters == {"MODEL": "'lda'", "TERMS": "['智谱AI', 'OpenAI']"}  # values now, not defaults
    packages = set(record.loc[record["kind"] == "package", "name"])
    assert set(provenance.PACKAGES) <= packages
    with pytest.raises(NameError, match="03-topics.ipynb declares TERMS"):
        provenance.run_record("03-topics", {"MODEL": "lda"})


def test_the_build_cache_and_the_run_record_version_the_same_packages():
    from llmnews.build.cache import versions

    listed = [part.split("==")[0].split(" missing")[0] for part in versions().split("; ")[1:]]
    assert listed == list(provenance.PACKAGES)


def test_version_and_help_name_the_environment_variables(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0 and capsys.readouterr().out == f"llmnews {__version__}\n"
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    shown = capsys.readouterr().out
    for name in ("LLMNEWS_SEEDS_DIR", "LLMNEWS_FIGURES_DIR", "LLMNEWS_BUILD_DIR"):
        assert name in shown


def test_clear_outputs_command_reports_each_notebook(tmp_path, capsys):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1", execution_count=1)]
    path = tmp_path / "01-x.ipynb"
    nbformat.write(nb, str(path))
    assert main(["clear-outputs", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: cleared\n"
    assert json.loads(path.read_text(encoding="utf-8"))["cells"][0]["execution_count"] is None
