"""The build cache: a content key per notebook, and the stamp that says what its last run made.

A notebook's key covers what can change its report or figures, and nothing else:

- its cells' types and sources and which cell is tagged ``parameters`` (outputs and metadata are
  ignored, so opening and saving it in JupyterLab, or clearing outputs, keeps it cached);
- the ``llmnews`` modules it imports, directly or through other llmnews modules
  (``dependencies.ModuleGraph``), and the package's data files (lexicon, stop words);
- every file of the seeds folder, its parameter values, the export options, the folder its
  figures go to, the kernel's name and environment, and the versions of ``provenance.PACKAGES``;
- ``extra``: the analysis store's manifest digest (``store_fingerprint``).

If the key matches the last successful build and the report and figures it made are still there,
unchanged, the notebook is reported ``cached``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from importlib import metadata
from pathlib import Path

from llmnews.build.dependencies import ModuleGraph, notebook_sources
from llmnews.build.execute import KERNEL_ENV, KERNEL_NAME
from llmnews.build.notebooks import read_notebook_json
from llmnews.provenance import PACKAGES

__all__ = [
    "LIBRARY_DIR",
    "STAMP_DIR_NAME",
    "versions",
    "shared_fingerprint",
    "cells_fingerprint",
    "library_fingerprint",
    "store_fingerprint",
    "notebook_key",
    "figure_digests",
    "Outputs",
    "is_cached",
]

# The installed package's own folder (lib/llmnews): the modules notebooks import live here.
LIBRARY_DIR = Path(__file__).resolve().parents[1]
STAMP_DIR_NAME = ".llmnews-build"


def _hash_tree(digest, folder: Path, label: str) -> None:
    if not folder.is_dir():
        digest.update(f"{label}:missing\0".encode())
        return
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        digest.update(f"{label}:{path.relative_to(folder).as_posix()}\0".encode("utf-8"))
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def versions() -> str:
    """``python 3.11.7; jieba==0.42.1; ...``: the interpreter and every package of ``PACKAGES``."""
    found = []
    for name in PACKAGES:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} missing")
    return f"python {sys.version.split()[0]}; " + "; ".join(found)


def shared_fingerprint(seeds_dir: Path, library_dir: Path = LIBRARY_DIR) -> str:
    """The inputs every notebook shares: seeds, package data, versions, kernel name and environment."""
    digest = hashlib.sha256()
    _hash_tree(digest, Path(seeds_dir), "seeds")
    # Which module reads which data file is not in the imports; data is small, so all of it counts.
    _hash_tree(digest, Path(library_dir) / "data", "data")
    digest.update(versions().encode())
    digest.update(f"kernel:{KERNEL_NAME}\0".encode())
    digest.update(json.dumps(KERNEL_ENV, sort_keys=True).encode())
    return digest.hexdigest()


def cells_fingerprint(nb: dict) -> str:
    """The notebook as far as a run sees it: each cell's type, source and ``parameters`` tag."""
    cells = []
    for cell in nb.get("cells", []):
        source = cell.get("source", "")
        cells.append([
            cell.get("cell_type"),
            "".join(source) if isinstance(source, list) else source,
            "parameters" in cell.get("metadata", {}).get("tags", []),
        ])
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode("utf-8")).hexdigest()


def library_fingerprint(nb: dict, graph: ModuleGraph) -> str:
    """The llmnews modules the notebook imports (at any depth), by relative path and content."""
    digest = hashlib.sha256()
    for path in graph.files(notebook_sources(nb)):
        digest.update(f"{path.relative_to(graph.library_dir).as_posix()}\0".encode("utf-8"))
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def store_fingerprint(manifest_digest: str) -> str:
    """The part of a notebook's key that stands for the analysis store it reads.

    Every notebook reads its tables from the store, whose manifest digest covers the code that made
    the tables, the linguistic resources and every input file; a re-prepared store with other
    content reruns the notebooks, an unchanged one keeps them cached. ``build`` passes the result
    to ``notebook_key(..., extra=...)``.
    """
    return f"store:{manifest_digest}"


def notebook_key(
    notebook: Path,
    shared: str,
    parameters: dict,
    options: dict,
    *,
    figures_dir: Path,
    graph: ModuleGraph,
    extra: str = "",
) -> str:
    """The cache key of one notebook run (see the module docstring for what it covers)."""
    nb = read_notebook_json(notebook)
    digest = hashlib.sha256()
    for part in (
        shared,
        cells_fingerprint(nb),
        library_fingerprint(nb, graph),
        json.dumps(parameters, sort_keys=True, default=repr, ensure_ascii=False),
        json.dumps(options, sort_keys=True),
        f"figures:{Path(figures_dir).resolve()}",
        f"extra:{extra}",
    ):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


def _file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def figure_digests(figures_dir: Path, name: str) -> dict[str, str]:
    """SHA-256 of the figure's ``.png``, ``.svg`` and ``.csv`` that exist, by extension."""
    return {
        ext: _file_sha256(figures_dir / f"{name}.{ext}")
        for ext in ("png", "svg", "csv")
        if (figures_dir / f"{name}.{ext}").is_file()
    }


class Outputs:
    """Where one notebook's build products live inside the output folder."""

    def __init__(self, output_dir: Path, stem: str):
        self.html = output_dir / f"{stem}.html"
        self.executed = output_dir / f"{stem}.ipynb"
        self.stamp = output_dir / STAMP_DIR_NAME / f"{stem}.json"
        self.kernel_log = output_dir / STAMP_DIR_NAME / f"{stem}.kernel.log"

    def read_stamp(self) -> dict | None:
        try:
            return json.loads(self.stamp.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def write_stamp(self, stamp: dict) -> None:
        self.stamp.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.stamp.with_suffix(".tmp")
        tmp.write_text(json.dumps(stamp, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, self.stamp)

    def clear(self) -> None:
        """Remove the previous report so it cannot pass for this build's."""
        for path in (self.html, self.executed, self.stamp):
            path.unlink(missing_ok=True)


def is_cached(outputs: Outputs, key: str, figures_dir: Path) -> dict | None:
    """The stamp of the last successful build if it matches ``key`` and its products are intact."""
    stamp = outputs.read_stamp()
    if not stamp or stamp.get("status") != "ok" or stamp.get("key") != key:
        return None
    if not (outputs.html.is_file() and outputs.executed.is_file()):
        return None
    for figure in stamp.get("figures", []):
        if figure_digests(figures_dir, figure["name"]) != figure["sha256"]:
            return None
    return stamp
