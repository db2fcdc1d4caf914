"""Every figure of the notebooks, one function each, apart from the analysis that feeds it.

A figure function takes the tidy table its analysis step returned, draws inside the project style
(``save.style``) and returns a matplotlib ``Figure``; it knows nothing of files or the build. The
notebook then passes the figure and the table to ``save.save_figure``. Each function caps what it
labels (top N, most rows) with arguments, so a figure stays readable and at most
``save.MAX_SIDE_PX`` pixels a side at any corpus size.

- ``save``: the save helper (style context, CJK font, deterministic bytes, word clouds).
- ``heatmap``: ``annotated_heatmap``, the one heatmap with numbers in its cells.
- ``panels``: ``bar_panels``, one horizontal bar chart per group in a grid.
- ``corpus``, ``terms``, ``topics``, ``timeline``: the figures of notebooks 01, 02, 03, 04.
- ``numbers``: the figures of notebook 05 (the price war, parameter sizes).
- ``corpus_scale``: figures for a corpus of any size: articles per period by outlet, the co-mention
  network, term trends, topic prevalence over time or by outlet.

Submodules are imported on first use (``from llmnews.plotting import terms``).
"""

from __future__ import annotations

import importlib

__all__ = ["corpus", "corpus_scale", "heatmap", "numbers", "panels", "save", "terms", "timeline", "topics"]


def __getattr__(name: str):
    if name in __all__:
        return importlib.import_module(f"llmnews.plotting.{name}")
    raise AttributeError(f"module 'llmnews.plotting' has no attribute {name!r}")
