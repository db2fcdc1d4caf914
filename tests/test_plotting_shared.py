"""The shared figure helpers: ``annotated_heatmap`` and ``bar_panels``."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from figure_checks import same_bytes_twice, saved_size, tick_labels

from llmnews.plotting import save
from llmnews.plotting.heatmap import annotated_heatmap
from llmnews.plotting.panels import bar_panels, shown_of

GRID = pd.DataFrame([[0, 3, 8], [1, 0, 2]], index=["智谱AI", "OpenAI"], columns=["a", "b", "c"])


def test_heatmap_writes_each_nonzero_cell_white_on_dark_and_black_on_light():
    fig = annotated_heatmap(GRID, title="标题", colorbar_label="mentions", value_format=str, skip_zero=True)
    ax = fig.axes[0]
    cells = [(t.get_text(), t.get_position(), t.get_color()) for t in ax.texts]
    # Row by row; zeros skipped; 8 is above half the maximum (4), so it alone is white.
    assert cells == [
        ("3", (1, 0), "black"), ("8", (2, 0), "white"),
        ("1", (0, 1), "black"), ("2", (2, 1), "black"),
    ]
    assert tick_labels(ax.yaxis) == ["智谱AI", "OpenAI"]
    assert tick_labels(ax.xaxis) == ["a", "b", "c"]
    assert ax.get_title() == "标题"
    assert len(fig.axes) == 2  # the heatmap and its colour bar
    plt.close(fig)


def test_heatmap_fixed_threshold_labels_order_and_format():
    shares = pd.DataFrame([[0.6, 0.4], [0.5, 0.5]], index=["x", "y"], columns=[1, 2])
    fig = annotated_heatmap(shares, title="t", colorbar_label="share", value_format="{:.0%}".format,
                            row_labels=["文章甲", "文章乙"], column_labels=["一", "二"],
                            dark_above=0.55, relative_threshold=False, cells_by="column")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.texts] == ["60%", "50%", "40%", "50%"]  # column by column
    assert [t.get_color() for t in ax.texts] == ["white", "black", "black", "black"]
    assert tick_labels(ax.yaxis) == ["文章甲", "文章乙"]
    plt.close(fig)


def test_heatmap_refuses_labels_that_do_not_fit_the_grid():
    with pytest.raises(ValueError, match="2 x 3 grid but 1 row labels"):
        annotated_heatmap(GRID, title="t", colorbar_label="c", row_labels=["one"])
    with pytest.raises(ValueError, match="cells_by"):
        annotated_heatmap(GRID, title="t", colorbar_label="c", cells_by="diagonal")


def test_a_heatmap_of_hundreds_of_columns_stays_within_the_size_limit():
    wide = pd.DataFrame(np.ones((3, 300), dtype=int), columns=[f"article {i}" for i in range(300)])
    width, height = saved_size(annotated_heatmap(wide, title="t", colorbar_label="c"))
    assert width <= save.MAX_SIDE_PX and height <= save.MAX_SIDE_PX
    # Without the cap the figure would be 1.2 * 300 + 3.5 inches = 54,525 px wide at 150 dpi.
    assert width > 3000


def test_heatmap_bytes_are_the_same_every_time():
    assert same_bytes_twice(lambda: annotated_heatmap(GRID, title="t", colorbar_label="c"))


TERMS = pd.DataFrame({
    "group": ["a", "a", "a", "b", "b", "c", "d"],
    "label": ["大模型", "开源", "算力", "GPT-4", "价格", "融资", "生态"],
    "z": [5.0, 3.0, 2.0, 4.0, 1.0, 2.5, 0.5],
})


def test_bar_panels_one_panel_per_group_first_row_on_top_spare_cells_blank():
    fig = bar_panels(TERMS, panel="group", label="label", value="z", title="标题", xlabel="z",
                     panel_titles={"a": "文章 a", "b": "文章 b", "c": "文章 c", "d": "文章 d"},
                     reference_line=1.96, colors="#3b6ea8")
    axes = fig.axes
    assert len(axes) == 6  # 2 rows of 3
    assert [ax.get_title() for ax in axes[:4]] == ["文章 a", "文章 b", "文章 c", "文章 d"]
    assert [ax.axison for ax in axes] == [True, True, True, True, False, False]
    # barh draws upwards, so the tick labels bottom to top are the rows in reverse.
    assert tick_labels(axes[0].yaxis) == ["算力", "开源", "大模型"]
    assert [bar.get_width() for bar in axes[0].patches] == [2.0, 3.0, 5.0]
    assert [line.get_xdata()[0] for line in axes[0].lines] == [1.96]
    assert fig._suptitle.get_text() == "标题"
    plt.close(fig)


def test_bar_panels_caps_panels_and_bars_and_says_so():
    fig = bar_panels(TERMS, panel="group", label="label", value="z", title="Terms", xlabel="z",
                     max_panels=2, max_bars=2, panel_noun="articles")
    assert fig._suptitle.get_text() == "Terms (showing 2 of 4 articles)"
    assert [ax.get_title() for ax in fig.axes if ax.axison] == ["a", "b"]
    assert tick_labels(fig.axes[0].yaxis) == ["开源", "大模型"]
    plt.close(fig)


def test_bar_panels_one_colour_per_panel_and_panel_order_given():
    colours = ["#ff0000", "#00ff00"]
    fig = bar_panels(TERMS, panel="group", label="label", value="z", title="t", xlabel="z",
                     panels=["b", "a"], colors=colours, columns=2)
    assert [ax.get_title() for ax in fig.axes] == ["b", "a"]
    assert fig.axes[0].patches[0].get_facecolor() == (1.0, 0.0, 0.0, 1.0)
    assert fig.axes[1].patches[0].get_facecolor() == (0.0, 1.0, 0.0, 1.0)
    plt.close(fig)


def test_shown_of_says_nothing_when_nothing_was_left_out():
    assert shown_of(5, 5, "articles") == ""
    assert shown_of(12, 35, "articles") == " (showing 12 of 35 articles)"


def test_bar_panels_of_a_thousand_groups_stay_within_the_size_limit():
    many = pd.DataFrame({"group": [f"g{i}" for i in range(1000)], "label": ["词"] * 1000, "z": [1.0] * 1000})
    width, height = saved_size(bar_panels(many, panel="group", label="label", value="z", title="t", xlabel="z"))
    assert width <= save.MAX_SIDE_PX and height <= save.MAX_SIDE_PX


def test_figure_size_caps_each_side_and_keeps_small_sizes():
    assert save.figure_size(8, 5) == (8.0, 5.0)
    limit = save.MAX_SIDE_PX / save.DPI - 0.5
    assert save.figure_size(100, 3) == (limit, 3.0)
    assert save.figure_size(2, 1000, max_side_px=1500) == (2.0, 9.5)
