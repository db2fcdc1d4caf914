"""What produced a notebook's results: package versions, runtime settings and the parameters used.

Every notebook ends with ``provenance.run_record("NN-slug", globals())`` so the HTML report says
which versions and which parameter values made its figures. The parameters are the names the
notebook's own ``parameters`` cell declares (read by ``llmnews.parameters``), so a parameter added
to the cell is recorded without a second list to update. The record holds no time or host name:
two runs of the same build show the same record.

``PACKAGES`` is also the list whose versions key the build cache (``llmnews.build.cache``): one
list of what can change a result.
"""

from __future__ import annotations

import hashlib
import os
import platform
import sys
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

from llmnews import __version__, paths
from llmnews.parameters import notebook_parameters

__all__ = ["PACKAGES", "RUNTIME_VARIABLES", "package_version", "seeds_fingerprint", "run_record"]

# The packages whose versions can change a figure, a number or a report: shown in every run
# record, and a change in any of them invalidates the build cache.
PACKAGES = (
    # analysis
    "jieba",
    "numpy",
    "pandas",
    "scipy",
    "scikit-learn",
    "threadpoolctl",
    "opencc",
    "cn2an",
    "networkx",
    "pyarrow",
    "dask",
    # figures
    "matplotlib",
    "matplotlib-inline",
    "pillow",
    "wordcloud",
    "paperang-p2-fonts-cjk",
    # running notebooks and writing the reports
    "papermill",
    "nbclient",
    "nbconvert",
    "nbformat",
    "ipykernel",
    "mistune",
    "pygments",
    "beautifulsoup4",
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


def _declared_values(notebook: str, namespace: Mapping) -> dict:
    """The values in ``namespace`` of the names the notebook's parameters cell declares."""
    path = paths.NOTEBOOKS_DIR / Path(notebook).name
    if path.suffix != ".ipynb":
        path = path.with_name(path.name + ".ipynb")
    declared = notebook_parameters(path)
    missing = [name for name in declared if name not in namespace]
    if missing:
        # The parameters cell has not run in this namespace (or a name was deleted since).
        raise NameError(f"{path.name} declares {', '.join(missing)}, not defined here: run the parameters cell first")
    return {name: namespace[name] for name in declared}


def run_record(notebook: str | dict, namespace: Mapping | None = None):
    """A table (``kind``, ``name``, ``value``) of parameters, package versions and runtime settings.

    In a notebook: ``run_record("03-topics", globals())``, which records every name the
    notebook's parameters cell declares with its value now (after papermill's injected values).
    Outside one, ``run_record({"N_TOPICS": 6})`` records the given parameters. Values are shown
    with ``repr`` so a string and a number stay distinguishable.
    """
    import pandas as pd  # here, not at import: the build reads PACKAGES without paying for pandas

    if isinstance(notebook, str) and isinstance(namespace, Mapping):
        parameters = _declared_values(notebook, namespace)
    elif isinstance(notebook, dict) and namespace is None:
        parameters = notebook
    else:
        raise TypeError("run_record expects a notebook name and its namespace (run_record('03-topics', "
                        f"globals())) or a dict of parameters, got {type(notebook).__name__}")
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
