"""Shared test set-up: headless matplotlib and a throwaway figures folder.

Tests never write into the committed ``figures/``: the ``figures_dir`` fixture points
``llmnews.paths.FIGURES_DIR`` (which ``plots.save_figure`` reads at call time) at a temporary folder.
"""

from __future__ import annotations

import os

# Before anything imports pyplot: tests run without a display.
os.environ.setdefault("MPLBACKEND", "Agg")

import pytest  # noqa: E402


@pytest.fixture
def figures_dir(tmp_path, monkeypatch):
    """A temporary folder that ``plots.save_figure`` writes into for this test."""
    from llmnews import paths

    target = tmp_path / "figures"
    target.mkdir()
    monkeypatch.setattr(paths, "FIGURES_DIR", target)
    return target
