"""Every folder llmnews reads or writes, anchored on this file, never on the working directory.

JupyterLab starts a kernel in the notebook's folder and papermill in the caller's, so nothing may
depend on ``os.getcwd()``. Environment variables let a test or a user point the outputs elsewhere
without touching code:

- ``LLMNEWS_SEEDS_DIR``: the articles to analyse (default ``<root>/seeds``; read-only input).
- ``LLMNEWS_FIGURES_DIR``: where figures and their CSVs go (default ``<root>/figures``).
- ``LLMNEWS_BUILD_DIR``: ignored build products: reports, executed notebooks, caches
  (default ``<root>/build``).
- ``LLMNEWS_STORE_DIR``: the analysis store (every stage's table as Parquet; default
  ``<build>/store`` for the seeds folder, ``<build>/store-<hash>`` for another articles folder, so
  two corpora never overwrite each other's tables).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

# lib/llmnews/paths.py -> lib/llmnews -> lib -> project root (the package is installed editable).
ROOT = Path(__file__).resolve().parents[2]


def _from_env(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser().resolve() if value else default


SEEDS_DIR = _from_env("LLMNEWS_SEEDS_DIR", ROOT / "seeds")
FIGURES_DIR = _from_env("LLMNEWS_FIGURES_DIR", ROOT / "figures")
NOTEBOOKS_DIR = ROOT / "notebooks"
BUILD_DIR = _from_env("LLMNEWS_BUILD_DIR", ROOT / "build")
REPORTS_DIR = BUILD_DIR / "reports"
CACHE_DIR = BUILD_DIR / "cache"
# jieba writes its dictionary cache to a shared temp file by default; ours stays in the project.
JIEBA_CACHE_DIR = CACHE_DIR / "jieba"
TESTS_DIR = ROOT / "tests"
BENCHMARKS_DIR = ROOT / "benchmarks"
# Package data (lexicon, stop words) ships inside the package so it works wherever it is installed.
PACKAGE_DATA_DIR = Path(__file__).resolve().parent / "data"
# The analysis store of the default articles folder (see ``store_dir_for``).
STORE_DIR = _from_env("LLMNEWS_STORE_DIR", BUILD_DIR / "store")


def store_dir_for(seeds_dir: Path) -> Path:
    """The store of an articles folder: ``STORE_DIR`` for the default one (or when set by the
    environment), else a folder named after the articles folder's path."""
    seeds_dir = Path(seeds_dir).resolve()
    if os.environ.get("LLMNEWS_STORE_DIR") or seeds_dir == SEEDS_DIR:
        return STORE_DIR
    return BUILD_DIR / f"store-{hashlib.sha256(str(seeds_dir).encode()).hexdigest()[:12]}"
