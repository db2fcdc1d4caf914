"""Figures of notebook 02, on small hand-made tables."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from figure_checks import same_bytes_twice, saved_size, tick_labels

from llmnews.plotting import save
from llmnews.plotting import terms as term_figures

DISTINCTIVE = pd.DataFrame({
    "article_id": ["a", "a", "b"],
    "term": ["智谱AI", "开源", "价格战"],
    "label": ["智谱AI (Zhipu AI)", "开源", "价格战"],
    "z": [4.0, 2.5, 3.0],
})


def test_distinctive_terms_one_panel_per_article_with_the_significance_line():
    fig = term_figures.distinctive_terms_figure(
        DISTINCTIVE, article_ids=["a", "b", "c"], article_names={"a": "000 · 甲", "b": "001 · 乙", "c": "002 · 丙"},
        prior="corpus", min_count=3,
    )
    drawn = [ax for ax in fig.axes if ax.axison]
    assert [ax.get_title() for ax in drawn] == ["000 · 甲", "001 · 乙", "002 · 丙"]
    assert tick_labels(drawn[0].yaxis) == ["开源", "智谱AI (Zhipu AI)"]  # highest z on top
    assert len(drawn[2].patches) == 0  # an article with no distinctive term gets an empty panel
    assert drawn[0].lines[0].get_xdata()[0] == 1.96
    assert fig._suptitle.get_text() == "Most distinctive terms per article (prior: corpus, used ≥ 3 times)"
    plt.close(fig)


def test_frequency_heatmap_terms_as_rows_articles_as_columns_one_decimal():
    rates = pd.DataFrame({"大模型": [12.25, 3.0], "开源": [0.0, 8.04]}, index=["a", "b"])
    fig = term_figures.frequency_heatmap_figure(rates, article_names={"a": "甲", "b": "乙"})
    ax = fig.axes[0]
    assert tick_labels(ax.yaxis) == ["大模型", "开源"]
    assert tick_labels(ax.xaxis) == ["甲", "乙"]
    # Column by column: article a's terms, then b's. 12.25 -> "12.2" (round half to even).
    assert [t.get_text() for t in ax.texts] == ["12.2", "0.0", "3.0", "8.0"]
    # White above 0.6 x the largest value (7.35): 12.25 and 8.04.
    assert [t.get_color() for t in ax.texts] == ["white", "black", "black", "white"]
    assert ax.get_title() == "The 2 most frequent terms, per article"
    plt.close(fig)


def test_frequency_heatmap_caps_articles():
    rates = pd.DataFrame(np.ones((300, 25)), columns=[f"词{i}" for i in range(25)],
                         index=[f"article-{i}" for i in range(300)])
    fig = term_figures.frequency_heatmap_figure(rates, max_articles=40)
    assert len(tick_labels(fig.axes[0].xaxis)) == 40
    assert fig.axes[0].get_title().endswith("(showing 40 of 300 articles)")
    width, height = saved_size(fig)
    assert width <= save.MAX_SIDE_PX and height <= save.MAX_SIDE_PX


def keyness_table(n: int = 30) -> pd.DataFrame:
    z = np.linspace(-3, 5, n)
    return pd.DataFrame({
        "term": [f"词{i}" for i in range(n)],
        "label": [f"词{i}" for i in range(n)],
        "count": [0 if i < 4 else i for i in range(n)],
        "corpus_count": np.arange(n) + 3,
        "z": z,
    })


def test_keyness_names_the_most_extreme_terms_and_greys_unused_ones():
    fig = term_figures.keyness_figure(keyness_table(), article_name="000 · 甲", prior="background",
                                      n_highest=3, n_lowest=2)
    ax = fig.axes[0]
    named = sorted(t.get_text() for t in ax.texts)
    assert named == sorted(["词29", "词28", "词27", "词0", "词1"])
    used, unused = ax.collections[:2]
    assert len(used.get_offsets()) == 26 and len(unused.get_offsets()) == 4
    assert ax.get_xscale() == "log"
    assert [line.get_ydata()[0] for line in ax.lines] == [-1.96, 1.96]
    assert ax.get_title() == "Keyness: 000 · 甲 (prior: background)"
    plt.close(fig)


def test_keyness_names_do_not_overlap():
    # Ten terms at almost the same point: each name must be moved clear of the others.
    crowded = pd.DataFrame({"term": list("abcdefghij"), "label": [f"名字{i}" for i in range(10)],
                            "count": 5, "corpus_count": 10, "z": np.linspace(2.0, 2.01, 10)})
    fig = term_figures.keyness_figure(crowded, article_name="a", prior="corpus", n_highest=5, n_lowest=0)
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in fig.axes[0].texts]
    assert len(boxes) == 5
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    plt.close(fig)


POSITIONS = pd.DataFrame({
    "article_id": ["a", "a", "b"],
    "term": ["智谱AI", "开源", "智谱AI"],
    "relative_position": [0.1, 0.5, 0.9],
})


def test_dispersion_one_strip_per_article_one_row_per_term():
    fig = term_figures.dispersion_figure(POSITIONS, ["智谱AI", "开源"], article_ids=["a", "b"],
                                         article_names={"a": "甲", "b": "乙"})
    first, second = fig.axes
    assert [first.get_title(loc="left"), second.get_title(loc="left")] == ["甲", "乙"]
    assert tick_labels(first.yaxis) == ["智谱AI (Zhipu AI)", "开源"]
    assert [c.get_offsets().tolist() for c in first.collections] == [[[0.1, 0.0]], [[0.5, 1.0]]]
    assert [c.get_offsets().tolist() for c in second.collections] == [[[0.9, 0.0]], []]
    assert fig._suptitle is None
    plt.close(fig)


def test_dispersion_caps_the_strips_and_says_so():
    ids = [f"article-{i}" for i in range(200)]
    fig = term_figures.dispersion_figure(POSITIONS, ["智谱AI", "开源", "大模型", "GPT-4", "OpenAI", "开源"],
                                         article_ids=ids, max_articles=12)
    assert len(fig.axes) == 12
    assert fig._suptitle.get_text() == "Where the terms occur (showing 12 of 200 articles)"
    width, height = saved_size(fig)
    assert width <= save.MAX_SIDE_PX and height <= save.MAX_SIDE_PX


def test_term_cloud_is_an_image_laid_out_by_its_seed():
    counts = pd.DataFrame({"term": ["智谱AI", "大模型", "开源"], "count": [9, 5, 2]})
    fig = term_figures.term_cloud_figure(counts, seed=1, max_words=3, title="甲")
    assert len(fig.axes[0].images) == 1 and fig.axes[0].get_title() == "甲"
    plt.close(fig)
    assert same_bytes_twice(lambda: term_figures.term_cloud_figure(counts, seed=1, max_words=3))


def test_term_figures_have_the_same_bytes_every_time():
    assert same_bytes_twice(lambda: term_figures.keyness_figure(keyness_table(), article_name="a", prior="corpus"))
