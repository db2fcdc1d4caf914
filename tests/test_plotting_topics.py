"""Figures of notebook 03, on small hand-made tables (no topic model is fitted here)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from figure_checks import same_bytes_twice, saved_size, tick_labels

from llmnews.plotting import save
from llmnews.plotting import topics as topic_figures

SWEEP = pd.DataFrame({
    "model": ["nmf", "nmf", "lda", "lda"],
    "k": [4, 5, 4, 5],
    "npmi": [0.3, 0.32, 0.01, -0.02],
    "npmi_sd": 0.01,
    "diversity": [0.9, 0.88, 0.6, 0.55],
    "stability": [0.8, 0.87, 0.35, 0.3],
})
LABELS = {1: "商业化 · business", 2: "开源 · open source"}


def test_k_sweep_one_panel_per_measure_one_line_per_model():
    fig = topic_figures.k_sweep_figure(SWEEP, title="Choosing K")
    assert [ax.get_title() for ax in fig.axes] == [title for _, title in topic_figures.SWEEP_MEASURES]
    npmi = fig.axes[0]
    assert [line.get_label() for line in npmi.lines[:2]] == ["NMF", "LDA"]
    assert npmi.lines[0].get_ydata().tolist() == [0.3, 0.32]
    assert fig.axes[2].lines[1].get_ydata().tolist() == [0.35, 0.3]
    assert npmi.get_xticks().tolist() == [4, 5]
    assert list(npmi.lines[2].get_ydata()) == [0, 0]  # the NPMI = 0 guide
    assert fig._suptitle.get_text() == "Choosing K"
    plt.close(fig)


TERM_TABLE = pd.DataFrame({
    "topic": [1, 1, 2, 2],
    "rank": [1, 2, 1, 2],
    "term": ["智谱AI", "企业", "开源", "闭源"],
    "term_label": ["智谱AI (Zhipu AI)", "企业", "开源", "闭源"],
    "weight": [0.05, 0.02, 0.06, 0.03],
})


def test_top_terms_one_panel_per_topic_in_the_topic_colours():
    fig = topic_figures.top_terms_figure(TERM_TABLE, LABELS, title="Top 2 terms")
    drawn = [ax for ax in fig.axes if ax.axison]
    assert [ax.get_title() for ax in drawn] == ["1 · 商业化 · business", "2 · 开源 · open source"]
    assert tick_labels(drawn[0].yaxis) == ["企业", "智谱AI (Zhipu AI)"]  # rank 1 on top
    colours = topic_figures.topic_colours(2)
    assert drawn[0].patches[0].get_facecolor() == colours[0]
    assert drawn[1].patches[0].get_facecolor() == colours[1]
    assert colours[0] != colours[1]
    plt.close(fig)


def test_topic_colours_repeat_after_ten():
    colours = topic_figures.topic_colours(12)
    assert colours[10] == colours[0] and colours[11] == colours[1]
    assert len(set(colours[:10])) == 10


SHARES = pd.DataFrame([[0.75, 0.25], [0.5, 0.5]], index=["a", "b"], columns=[1, 2])


def test_article_topics_percentages_labels_on_two_lines():
    fig = topic_figures.article_topics_figure(SHARES, LABELS, article_names={"a": "甲", "b": "乙"})
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.texts] == ["75%", "25%", "50%", "50%"]
    assert [t.get_color() for t in ax.texts] == ["white", "black", "black", "black"]  # > 55 % is dark
    assert tick_labels(ax.xaxis) == ["1 · 商业化\nbusiness", "2 · 开源\nopen source"]
    assert tick_labels(ax.yaxis) == ["甲", "乙"]
    plt.close(fig)


def test_article_topics_caps_rows_and_stays_within_the_size_limit():
    many = pd.DataFrame(np.full((2400, 2), 0.5), index=[f"article-{i}" for i in range(2400)], columns=[1, 2])
    fig = topic_figures.article_topics_figure(many, LABELS, max_articles=40)
    ax = fig.axes[0]
    assert len(ax.texts) == 80
    assert ax.get_title() == "Topic shares per article (showing 40 of 2400 articles)"
    width, height = saved_size(fig)
    assert width <= save.MAX_SIDE_PX and height <= save.MAX_SIDE_PX


def flow_table(article_ids, units=3):
    rows = []
    for article_id in article_ids:
        for unit in range(1, units + 1):
            first = unit / (units + 1)
            rows += [{"article_id": article_id, "unit": unit, "topic": 1, "share": first},
                     {"article_id": article_id, "unit": unit, "topic": 2, "share": 1 - first}]
    return pd.DataFrame(rows)


def test_topic_flow_stacks_each_units_shares_in_sorted_article_order():
    fig = topic_figures.topic_flow_figure(flow_table(["b", "a"]), LABELS, article_names={"a": "甲", "b": "乙"})
    first, second = fig.axes
    assert [first.get_ylabel(), second.get_ylabel()] == ["甲", "乙"]
    bars = first.patches
    assert len(bars) == 6  # 3 units x 2 topics
    # Unit 1: topic 1 from 0 to 0.25, topic 2 stacked on it up to 1.
    assert (bars[0].get_y(), bars[0].get_height()) == (0, 0.25)
    assert (bars[3].get_y(), bars[3].get_height()) == (0.25, 0.75)
    assert [t.get_text() for t in first.get_legend().get_texts()] == ["1 · 商业化 · business", "2 · 开源 · open source"]
    plt.close(fig)


def test_topic_flow_caps_the_articles():
    fig = topic_figures.topic_flow_figure(flow_table([f"article-{i:03}" for i in range(300)]), LABELS,
                                          max_articles=15)
    assert len(fig.axes) == 15
    assert fig._suptitle.get_text() == "Topic share along each article (showing 15 of 300 articles)"
    width, height = saved_size(fig)
    assert width <= save.MAX_SIDE_PX and height <= save.MAX_SIDE_PX


def test_topic_figures_have_the_same_bytes_every_time():
    assert same_bytes_twice(lambda: topic_figures.k_sweep_figure(SWEEP, title="K"))
    assert same_bytes_twice(lambda: topic_figures.topic_flow_figure(flow_table(["a"]), LABELS))
