"""What produced a notebook's results: package versions, runtime settings and the parameters used.

Every notebook ends with ``provenance.run_record({...})`` so the HTML report says which versions
and which parameter values made its figures. The record holds no time or host name: two runs of the
same build show the same record.
"""

from __future__ import annotations

import hashlib
import os
import platform
import sys
from importlib import metadata

import pandas as pd

from llmnews import __version__, paths

# The packages whose versions can change a figure or a number in the reports.
PACKAGES = (
    "jieba",
    "numpy",
    "pandas",
    "scipy",
    "scikit-learn",
    "matplotlib",
    "wordcloud",
    "opencc",
    "paperang-p2-fonts-cjk",
    "threadpoolctl",
    "papermill",
    "nbconvert",
)

# Environment variables that change results (thread counts) or hashing order.
RUNTIME_VARIABLES = (
    "PYTHONHASHSEED",
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "MPLBACKEND",
)


def package_version(name: str) -> str:
    """The installed version of ``name``, or ``"not installed"``."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def seeds_fingerprint(seeds_dir=None) -> str:
    """SHA-256 over the seed articles' names and bytes: which corpus the results came from."""
    seeds_dir = paths.SEEDS_DIR if seeds_dir is None else seeds_dir
    digest = hashlib.sha256()
    files = sorted(p for p in seeds_dir.glob("*.txt") if p.is_file())
    for path in files:
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
    return f"{digest.hexdigest()[:16]} ({len(files)} articles)"


def run_record(parameters: dict) -> pd.DataFrame:
    """A table (``kind``, ``name``, ``value``) of parameters, package versions and runtime settings.

    ``parameters`` is the notebook's parameters cell as a dict (``{"N_TOPICS": N_TOPICS, ...}``);
    values are shown with ``repr`` so a string and a number stay distinguishable.
    """
    if not isinstance(parameters, dict):
        raise TypeError(f"run_record expects a dict of parameters, got {type(parameters).__name__}")
    rows: list[tuple[str, str, str]] = []
    for name, value in parameters.items():
        rows.append(("parameter", str(name), repr(value)))
    rows.append(("package", "llmnews", __version__))
    rows.append(("package", "python", platform.python_version()))
    for name in PACKAGES:
        rows.append(("package", name, package_version(name)))
    rows.append(("runtime", "platform", f"{sys.platform} {platform.machine()}"))
    for name in RUNTIME_VARIABLES:
        rows.append(("runtime", name, os.environ.get(name, "(unset)")))
    rows.append(("runtime", "seeds", seeds_fingerprint()))
    return pd.DataFrame(rows, columns=["kind", "name", "value"])
