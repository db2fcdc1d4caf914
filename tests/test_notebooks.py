"""The real notebooks: committed clean, parameterised properly, and rebuilt byte for byte.

Two layers:

- hygiene (fast): every committed notebook has no outputs or execution counts, is saved byte for
  byte as JupyterLab saves it (so opening it there changes nothing tracked), kernel ``python3``,
  the house shape (``# NN · Title`` first, a closing ``provenance.run_record`` cell) and one cell
  tagged ``parameters`` made of typed, commented literals that ``papermill --help-notebook`` lists;
- smoke (slow, runs in CI): ``python -m llmnews build`` into a temporary folder, then a second
  build whose kernels start in an unrelated folder (papermill's behaviour, where the first build
  starts them in ``notebooks/`` like JupyterLab). Both must write every report and produce
  figures equal, byte for byte, to the committed ``figures/``: that is "two builds in fresh
  processes give the same bytes" and "the committed figures are what a clean build makes".
"""

from __future__ import annotations

import ast
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tokenize
from pathlib import Path

import nbformat
import pytest

from llmnews import build, paths

NOTEBOOKS = build.find_notebooks(paths.NOTEBOOKS_DIR) if paths.NOTEBOOKS_DIR.is_dir() else []
FIGURE_SUFFIXES = (".png", ".svg", ".csv")
PAPERMILL = Path(sys.executable).with_name("papermill")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell: dict) -> str:
    return build.cell_source(cell)


# The repository's figures/ (conftest points LLMNEWS_FIGURES_DIR, so paths.FIGURES_DIR, elsewhere).
COMMITTED_FIGURES_DIR = paths.ROOT / "figures"


def committed_figures() -> dict[str, str]:
    return digests(COMMITTED_FIGURES_DIR)


def digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.suffix in FIGURE_SUFFIXES and re.match(r"\d{2}-", p.name)
    } if folder.is_dir() else {}


def test_the_project_has_notebooks():
    assert NOTEBOOKS, f"no NN-*.ipynb in {paths.NOTEBOOKS_DIR}"


# ----------------------------------------------------------------------------------------- hygiene


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(notebook):
    for index, cell in enumerate(load(notebook)["cells"]):
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{notebook.name} cell {index} has outputs"
            assert cell.get("execution_count") is None, f"{notebook.name} cell {index} has an execution count"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_saved_byte_for_byte_as_jupyterlab_saves_it(notebook):
    # jupyter_server reads with nbformat.read(as_version=4) and saves with
    # nbformat.write(version=NO_CONVERT): sorted keys, one-space indent, UTF-8, final newline.
    text = notebook.read_text(encoding="utf-8")
    nb = nbformat.read(str(notebook), as_version=4)
    saved = io.StringIO()
    nbformat.write(nb, saved, version=nbformat.NO_CONVERT)
    assert saved.getvalue() == text, f"{notebook.name}: run `make clean-notebooks` (python -m llmnews clear-outputs)"
    assert (nb.nbformat, nb.nbformat_minor) == (4, nbformat.v4.nbformat_minor)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_metadata_is_what_the_kernel_gives_jupyterlab(notebook):
    # On connecting, JupyterLab overwrites kernelspec with the installed kernel's and language_info
    # with the kernel's kernel_info reply; committed as they are, opening the notebook dirties nothing.
    from ipykernel.ipkernel import IPythonKernel
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    metadata = load(notebook)["metadata"]
    assert metadata["kernelspec"] == {"display_name": spec.display_name, "language": spec.language, "name": "python3"}
    expected = dict(IPythonKernel.language_info)
    written = dict(metadata["language_info"])
    # Only the patch release may differ (3.11.7 here); another 3.11.x rewrites that one field.
    assert written.pop("version").rsplit(".", 1)[0] == expected.pop("version").rsplit(".", 1)[0]
    assert written == expected


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_kernel_title_and_closing_provenance(notebook):
    nb = load(notebook)
    assert nb["metadata"].get("kernelspec", {}).get("name") == "python3", notebook.name
    first = nb["cells"][0]
    number = notebook.name[:2]
    assert first["cell_type"] == "markdown" and source(first).startswith(f"# {number} · "), (
        f"{notebook.name}: the first cell must be the title '# {number} · Title'"
    )
    last_code = [c for c in nb["cells"] if c["cell_type"] == "code"][-1]
    # The parameters recorded are read from the parameters cell, not typed again.
    assert source(last_code) == f'provenance.run_record("{notebook.stem}", globals())', (
        f"{notebook.name}: the closing cell must be provenance.run_record(\"{notebook.stem}\", globals())"
    )


def parameter_statements(text: str) -> list[tuple[ast.stmt, bool]]:
    """Each statement of a parameters cell and whether a comment sits on its lines."""
    comment_lines = {
        tok.start[0] for tok in tokenize.generate_tokens(io.StringIO(text).readline) if tok.type == tokenize.COMMENT
    }
    tree = ast.parse(text)
    return [
        (node, any(line in comment_lines for line in range(node.lineno, node.end_lineno + 1)))
        for node in tree.body
    ]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_parameters_cell_is_typed_commented_literals(notebook):
    cells = [c for c in load(notebook)["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, f"{notebook.name}: expected exactly one cell tagged 'parameters'"
    assert cells[0]["cell_type"] == "code"
    text = source(cells[0])
    statements = parameter_statements(text)
    assert statements, f"{notebook.name}: the parameters cell is empty"
    lines = text.splitlines()
    for node, commented in statements:
        where = f"{notebook.name} parameters line {node.lineno}"
        # papermill's parameter inspection skips any line with a second '=', comments included.
        assert lines[node.lineno - 1].count("=") == 1, (
            f"{where}: papermill cannot read a line with more than one '=' (reword the comment)"
        )
        assert isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name), (
            f"{where}: write `NAME: type = literal  # what it is`"
        )
        assert node.value is not None, f"{where}: no value"
        ast.literal_eval(node.value)  # raises for anything but a literal (derived values go below)
        assert commented, f"{where}: say what {node.target.id} is in a comment"


def test_the_hygiene_check_rejects_derived_values():
    # Guards the test above: a computed default is refused, a literal is accepted.
    (node, commented), = parameter_statements("N_TOPICS: int = 6  # topics to fit\n")
    assert ast.literal_eval(node.value) == 6 and commented
    (node, _), = parameter_statements("K_RANGE: list = list(range(2, 9))  # sweep\n")
    with pytest.raises(ValueError):
        ast.literal_eval(node.value)
    (node, commented), = parameter_statements("SEED: int = 1\n")
    assert not commented


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_papermill_lists_the_parameters(notebook):
    declared = build.declared_parameters(notebook)
    shown = subprocess.run(
        [str(PAPERMILL), "--help-notebook", str(notebook)],
        capture_output=True, text=True, check=True, timeout=120,
    ).stdout
    for name in declared:
        assert re.search(rf"^\s+{re.escape(name)}: ", shown, re.MULTILINE), f"{notebook.name}: {name} not listed"


# ------------------------------------------------------------------------------------------- smoke


@pytest.fixture(scope="module")
def clean_build(tmp_path_factory):
    """``python -m llmnews build`` exactly as the README runs it, into temporary folders."""
    root = tmp_path_factory.mktemp("clean-build")
    env = dict(os.environ, LLMNEWS_FIGURES_DIR=str(root / "figures"), LLMNEWS_BUILD_DIR=str(root / "build"))
    completed = subprocess.run(
        [sys.executable, "-m", "llmnews", "build", "--jobs", "2"],
        cwd=root, env=env, capture_output=True, text=True, timeout=3600,
    )
    return root, completed


@pytest.mark.slow
def test_build_succeeds_and_writes_every_report(clean_build):
    root, completed = clean_build
    assert completed.returncode == 0, completed.stdout + completed.stderr
    reports = root / "build" / "reports"
    index = (reports / "index.html").read_text(encoding="utf-8")
    for notebook in NOTEBOOKS:
        assert (reports / f"{notebook.stem}.html").is_file(), notebook.name
        assert re.search(rf"\[\d+/\d+\] {re.escape(notebook.stem)}\s+ran\s", completed.stdout), completed.stdout
        assert f'href="{notebook.stem}.html"' in index
        executed = load(reports / f"{notebook.stem}.ipynb")
        for cell in executed["cells"]:
            for output in cell.get("outputs", []):
                text = "".join(output.get("text", ""))
                assert "missing from font" not in text, f"{notebook.name}: {text}"
                assert output.get("output_type") != "error", f"{notebook.name}: {output.get('ename')}"
    for name in committed_figures():
        if name.endswith(".png"):
            assert f'id="{name[:-4]}"' in index, f"index.html does not show {name}"


@pytest.mark.slow
def test_every_notebook_saves_figures(clean_build):
    root, _ = clean_build
    made = digests(root / "figures")
    for notebook in NOTEBOOKS:
        number = notebook.name[:2]
        assert any(name.startswith(f"{number}-") for name in made), f"{notebook.name} saved no figure"


@pytest.mark.slow
def test_clean_build_equals_committed_figures(clean_build):
    root, _ = clean_build
    made, committed = digests(root / "figures"), committed_figures()
    assert sorted(made) == sorted(committed), "figures/ and a clean build list different files"
    differing = [name for name in made if made[name] != committed[name]]
    assert not differing, f"not byte-identical to the committed figures: {differing}"


@pytest.mark.slow
def test_notebooks_run_from_another_working_directory(clean_build, tmp_path):
    """papermill starts kernels in the caller's folder: nothing may depend on it."""
    elsewhere = tmp_path / "somewhere-else"
    elsewhere.mkdir()
    figures = tmp_path / "figures"
    summary = build.build(
        paths.NOTEBOOKS_DIR, tmp_path / "reports", figures_dir=figures, cwd=elsewhere,
        jobs=2, echo=lambda line: None,
    )
    assert summary.ok, [r.error for r in summary.failed]
    assert digests(figures) == digests(clean_build[0] / "figures")
    assert list(elsewhere.iterdir()) == [], "a notebook wrote into its working directory"


# ------------------------------------------------------------------------------------------ README


def readme_notebook_table() -> list[list[str]]:
    """The rows of the README's notebook table, each as its backticked names."""
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## The notebooks", 1)[1].split("\n## ", 1)[0]
    return [re.findall(r"`([^`]+)`", line) for line in section.splitlines() if re.match(r"\|\s*`\d{2}-", line)]


def test_readme_lists_every_notebook_and_only_real_figures():
    rows = readme_notebook_table()
    assert [row[0] for row in rows] == [nb.stem for nb in NOTEBOOKS], "README table and notebooks/ differ"
    figure_stems = {name.rsplit(".", 1)[0] for name in committed_figures()}
    patterns = []
    for row in rows:
        for name in row[1:]:
            if not re.fullmatch(r"\d{2}-\S+", name):
                continue
            if "{" in name or "*" in name:
                # `02-wordcloud-{article_id}` or `03-*`: a family of figures
                pieces = re.split(r"\{[^}]*\}|\*", name)
                patterns.append(re.compile(".+".join(re.escape(piece) for piece in pieces)))
                continue
            assert name in figure_stems, f"README names figures/{name}, which the build does not make"
    named = {name for row in rows for name in row[1:]}
    for stem in figure_stems:
        assert stem in named or any(p.fullmatch(stem) for p in patterns), f"README does not mention figures/{stem}"
