"""``bar_panels``: one horizontal bar chart per group (an article, a topic), laid out in a grid.

Notebook 02's distinctive terms per article and 03's top terms per topic are the same figure; this
is the one way to draw it. The caller caps the panels and the bars per panel; a figure with more
groups than ``max_panels`` draws the first ones and says how many it left out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
from matplotlib.figure import Figure

from llmnews.plotting.save import figure_size, style

__all__ = ["bar_panels", "shown_of"]


def shown_of(shown: int, total: int, noun: str) -> str:
    """``" (showing 12 of 35 articles)"``, or ``""`` when nothing was left out."""
    return f" (showing {shown} of {total} {noun})" if shown < total else ""


def bar_panels(
    table: pd.DataFrame,
    *,
    panel: str,
    label: str,
    value: str,
    title: str,
    xlabel: str,
    panels: Sequence | None = None,
    panel_titles: Mapping | None = None,
    colors: str | Sequence | None = None,
    reference_line: float | None = None,
    columns: int = 3,
    width: float = 13.0,
    row_height: float = 3.6,
    xlabel_fontsize: float | None = None,
    max_panels: int | None = 12,
    max_bars: int | None = 20,
    panel_noun: str = "groups",
) -> Figure:
    """One panel per value of ``table[panel]``: a bar per row, ``label`` beside it, ``value`` its length.

    Rows are drawn in the order given, the first at the top, at most ``max_bars`` per panel.
    ``panels`` fixes which groups are drawn and in which order (default: order of first
    appearance); at most ``max_panels`` of them, and the title then says how many were shown.
    ``panel_titles`` maps a group to its panel title (default: the group itself). ``colors`` is
    one colour for every panel or one per panel. ``reference_line`` draws a dotted vertical line
    (z = 1.96, say). The grid has ``columns`` panels a row, ``width`` inches wide and
    ``row_height`` inches per row of panels; cells left over are blank.
    """
    if panels is None:
        panels = list(dict.fromkeys(table[panel]))
    panels = list(panels)
    total = len(panels)
    if max_panels is not None:
        panels = panels[:max_panels]
    title = title + shown_of(len(panels), total, panel_noun)
    n_rows = max(1, -(-len(panels) // columns))
    with style():
        import matplotlib.pyplot as plt

        fig, axes = plt.subplots(n_rows, columns, figsize=figure_size(width, row_height * n_rows), squeeze=False)
        for index, (ax, group) in enumerate(zip(axes.flat, panels)):
            rows = table[table[panel] == group]
            if max_bars is not None:
                rows = rows.head(max_bars)
            rows = rows.iloc[::-1]  # barh draws upwards: the first row goes on top
            colour = colors if colors is None or isinstance(colors, str) else colors[index]
            ax.barh(rows[label], rows[value], color=colour)
            if reference_line is not None:
                ax.axvline(reference_line, color="grey", linestyle=":", linewidth=1)
            ax.set_title(str(panel_titles[group] if panel_titles is not None else group), fontsize=10)
            if xlabel_fontsize is None:
                ax.set_xlabel(xlabel)
            else:
                ax.set_xlabel(xlabel, fontsize=xlabel_fontsize)
            ax.tick_params(axis="y", labelsize=8)
        for ax in axes.flat[len(panels):]:
            ax.set_axis_off()
        fig.suptitle(title)
        fig.tight_layout()
    return fig
