"""``annotated_heatmap``: a grid of coloured cells with each cell's value printed in it.

Notebooks 01 (entity mentions), 02 (term frequencies) and 03 (topic shares per article) draw the
same kind of figure; this is the one way to draw it. Rows and columns are capped by the caller (the
figures' own functions keep their top N), and the size in inches grows with the grid but never past
``save.MAX_SIDE_PX``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
from matplotlib.figure import Figure

from llmnews.plotting.save import figure_size, style

__all__ = ["annotated_heatmap"]


def annotated_heatmap(
    grid: pd.DataFrame,
    *,
    title: str,
    colorbar_label: str,
    value_format: Callable[[float], str] = "{:g}".format,
    row_labels: Sequence[str] | None = None,
    column_labels: Sequence[str] | None = None,
    figsize: tuple[float, float] | None = None,
    skip_zero: bool = False,
    dark_above: float = 0.5,
    relative_threshold: bool = True,
    vmin: float | None = None,
    vmax: float | None = None,
    cmap: str = "Blues",
    value_fontsize: float = 7,
    column_label_rotation: float = 30,
    column_label_fontsize: float | None = None,
    colorbar_shrink: float | None = 0.6,
    colorbar_format=None,
    cells_by: str = "row",
    tight_layout: bool = True,
) -> Figure:
    """``grid`` (rows x columns of numbers) as a heatmap with every cell's value written in it.

    ``row_labels`` / ``column_labels`` default to the index and columns. ``value_format`` turns a
    value into its cell text; ``skip_zero`` leaves zero cells blank (a count of 0 is noise in a
    sparse grid). Text is white on cells darker than ``dark_above`` (a fraction of the grid's
    largest value when ``relative_threshold``, else an absolute value), black elsewhere, so it stays
    readable on the ``cmap``. ``figsize`` defaults to 1.2 inch per column and 0.32 per row plus
    margins. ``cells_by`` is the order the cell texts are written in ("row" or "column"); it only
    changes the order of elements in the SVG, which the committed figures fix.
    """
    if cells_by not in ("row", "column"):
        raise ValueError(f"cells_by must be 'row' or 'column', got {cells_by!r}")
    values = grid.to_numpy()
    n_rows, n_columns = values.shape
    row_labels = [str(label) for label in (grid.index if row_labels is None else row_labels)]
    column_labels = [str(label) for label in (grid.columns if column_labels is None else column_labels)]
    if len(row_labels) != n_rows or len(column_labels) != n_columns:
        raise ValueError(
            f"{n_rows} x {n_columns} grid but {len(row_labels)} row labels and "
            f"{len(column_labels)} column labels"
        )
    if figsize is None:
        figsize = (1.2 * n_columns + 3.5, 0.32 * n_rows + 1.8)
    with style():
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=figure_size(*figsize))
        image = ax.imshow(values, cmap=cmap, aspect="auto", vmin=vmin, vmax=vmax)
        # Only the options asked for: passing fontsize=None would reset the labels to font.size.
        label_options = {}
        if column_label_rotation:
            label_options.update(rotation=column_label_rotation, ha="right")
        if column_label_fontsize is not None:
            label_options["fontsize"] = column_label_fontsize
        ax.set_xticks(range(n_columns), column_labels, **label_options)
        ax.set_yticks(range(n_rows), row_labels)
        largest = values.max() if values.size else 0
        threshold = dark_above * largest if relative_threshold else dark_above
        cells = [(r, c) for r in range(n_rows) for c in range(n_columns)]
        if cells_by == "column":
            cells = [(r, c) for c in range(n_columns) for r in range(n_rows)]
        for row, column in cells:
            value = values[row, column]
            if skip_zero and not value:
                continue
            ax.text(column, row, value_format(value), ha="center", va="center", fontsize=value_fontsize,
                    color="white" if value > threshold else "black")
        ax.set_title(title)
        options = {"label": colorbar_label}
        if colorbar_shrink is not None:
            options["shrink"] = colorbar_shrink
        if colorbar_format is not None:
            options["format"] = colorbar_format
        fig.colorbar(image, ax=ax, **options)
        if tight_layout:
            fig.tight_layout()
    return fig
