"""The notebooks a build runs: finding them, choosing them with ``--only``, and their saved form.

Notebooks are committed in the form JupyterLab saves them (``nbformat.write`` output with the
kernel's own ``kernelspec`` and ``language_info``), so opening one in JupyterLab changes no byte;
``clear_outputs`` keeps that form while removing what a run added.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from llmnews import paths
from llmnews.errors import BuildError

__all__ = [
    "NOTEBOOK_PATTERN",
    "find_notebooks",
    "select_notebooks",
    "read_notebook_json",
    "jupyterlab_text",
    "clear_outputs",
]

NOTEBOOK_PATTERN = re.compile(r"(\d{2})-[A-Za-z0-9_-]+\.ipynb")


def find_notebooks(notebooks_dir: Path | None = None) -> list[Path]:
    """``NN-*.ipynb`` files of ``notebooks_dir`` in run order (by file name)."""
    notebooks_dir = Path(notebooks_dir or paths.NOTEBOOKS_DIR)
    if not notebooks_dir.is_dir():
        raise BuildError(f"{notebooks_dir}: no such notebooks folder")
    return sorted(p for p in notebooks_dir.iterdir() if NOTEBOOK_PATTERN.fullmatch(p.name))


def _names(notebook: Path, wanted: str) -> bool:
    """Whether ``wanted`` names the notebook: ``03``, ``3``, ``03-topics``, ``topics`` or the file name."""
    wanted = wanted.removesuffix(".ipynb")
    if wanted.isdigit():
        return int(wanted) == int(notebook.name[:2])
    return wanted in (notebook.stem, notebook.stem[3:])


def select_notebooks(notebooks: list[Path], only: list[str] | None) -> list[Path]:
    """Notebooks named in ``only`` by number (``02`` or ``2``), stem or slug (``term-frequency``)."""
    if not only:
        return list(notebooks)
    chosen = []
    for wanted in only:
        matches = [p for p in notebooks if _names(p, wanted)]
        if not matches:
            known = ", ".join(p.stem for p in notebooks) or "none"
            raise BuildError(f"--only {wanted}: no notebook with that number or name (have: {known})")
        chosen.extend(m for m in matches if m not in chosen)
    return sorted(chosen)


def read_notebook_json(path: Path) -> dict:
    """The notebook file as plain JSON; ``BuildError`` naming the file if it cannot be read."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BuildError(f"{path}: not a readable notebook ({exc})") from exc


def jupyterlab_text(nb) -> str:
    """The text JupyterLab saves for ``nb``: jupyter_server writes it with ``nbformat.write``
    (sorted keys, one-space indent, non-ASCII kept, a final newline)."""
    import nbformat

    out = io.StringIO()
    nbformat.write(nb, out, version=nbformat.NO_CONVERT)
    return out.getvalue()


# Cell metadata a run adds (timings, papermill's status, output scrolling) that nothing reads.
_RUN_METADATA = ("execution", "collapsed", "scrolled", "papermill")


def clear_outputs(path: Path) -> bool:
    """Remove outputs, execution counts and run metadata from the notebook file, in JupyterLab's
    save form; returns whether the file changed. Tags (``parameters``) and cell ids stay; a cell
    papermill injected (an executed copy saved over the source) goes."""
    import nbformat

    path = Path(path)
    before = path.read_text(encoding="utf-8")
    nb = nbformat.reads(before, as_version=nbformat.NO_CONVERT)
    nb.cells = [c for c in nb.cells if "injected-parameters" not in c.metadata.get("tags", [])]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        for key in _RUN_METADATA:
            cell.metadata.pop(key, None)
    nb.metadata.pop("papermill", None)
    after = jupyterlab_text(nb)
    if after != before:
        path.write_text(after, encoding="utf-8")
    return after != before
