"""Shared test set-up: headless matplotlib, and tests never write into the committed ``figures/``.

``LLMNEWS_FIGURES_DIR`` points at a scratch folder for the whole session (before ``llmnews.paths``
is imported), so a test that saves a figure cannot add to or change the committed ``figures/``,
which the smoke test compares with a clean build. The ``figures_dir`` fixture gives one test a
folder of its own.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

# Before anything imports pyplot: tests run without a display.
os.environ.setdefault("MPLBACKEND", "Agg")

_scratch_figures = tempfile.mkdtemp(prefix="llmnews-test-figures-")
os.environ["LLMNEWS_FIGURES_DIR"] = _scratch_figures
atexit.register(shutil.rmtree, _scratch_figures, ignore_errors=True)

import pytest  # noqa: E402


@pytest.fixture
def figures_dir(tmp_path, monkeypatch):
    """A temporary folder that ``plots.save_figure`` writes into for this test."""
    from llmnews import paths

    target = tmp_path / "figures"
    target.mkdir()
    monkeypatch.setattr(paths, "FIGURES_DIR", target)
    return target
