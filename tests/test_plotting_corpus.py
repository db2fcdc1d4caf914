"""Figures of notebook 01, on small hand-made tables."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from figure_checks import same_bytes_twice, saved_size, tick_labels

from llmnews.plotting import corpus as corpus_figures
from llmnews.plotting import save

LENGTHS = pd.DataFrame({
    "article_id": ["a", "b"],
    "article": ["000 · 智谱AI", "001 · 百模大战"],
    "kept_chars": [900, 2000],
    "removed_chars": [100, 0],
})

MENTIONS = pd.DataFrame({
    "article_id": ["a", "a", "b", "b", "c"],
    "entity": ["智谱AI", "OpenAI", "智谱AI", "GLM-4", "OpenAI"],
    "type": ["organization", "organization", "organization", "model", "organization"],
    "organization": ["", "", "", "智谱AI", ""],
    "count": [5, 1, 2, 3, 4],
})


def test_article_lengths_stack_removed_after_kept_first_article_on_top():
    fig = corpus_figures.article_lengths_figure(LENGTHS)
    ax = fig.axes[0]
    # Bars: kept a, kept b, then removed a (starting where kept a ends), removed b.
    assert [(bar.get_x(), bar.get_width()) for bar in ax.patches] == [(0, 900), (0, 2000), (900, 100), (2000, 0)]
    assert ax.patches[0].get_y() > ax.patches[1].get_y()  # the first article is the top bar
    assert dict(zip(ax.get_yticks(), tick_labels(ax.yaxis))) == {1: "000 · 智谱AI", 0: "001 · 百模大战"}
    assert ax.get_title() == "Characters kept and removed per article"
    plt.close(fig)


def test_article_lengths_cap_says_how_many_articles_are_shown():
    many = pd.DataFrame({"article": [f"文章 {i}" for i in range(500)], "kept_chars": 1000, "removed_chars": 10})
    fig = corpus_figures.article_lengths_figure(many, max_articles=45)
    assert fig.axes[0].get_title().endswith("(showing 45 of 500 articles)")
    assert len(tick_labels(fig.axes[0].yaxis)) == 45
    width, height = saved_size(fig)
    assert width <= save.MAX_SIDE_PX and height <= save.MAX_SIDE_PX


def test_entity_grid_ranks_entities_by_corpus_count_and_keeps_article_order():
    grid = corpus_figures.entity_mention_grid(MENTIONS, ["c", "b", "a"], top_n=2)
    # 智谱AI 7 mentions, OpenAI 5, GLM-4 3 (cut by top_n=2).
    assert grid.index.tolist() == ["智谱AI", "OpenAI"]
    assert grid.columns.tolist() == ["c", "b", "a"]
    assert grid.to_numpy().tolist() == [[0, 2, 5], [4, 0, 1]]


def test_entity_grid_keeps_the_busiest_articles_when_capped():
    grid = corpus_figures.entity_mention_grid(MENTIONS, ["a", "b", "c"], top_n=3, max_articles=2)
    # Mentions per article: a 6, b 5, c 4, so c goes; a and b stay in the given order.
    assert grid.columns.tolist() == ["a", "b"]
    assert grid.attrs["n_articles"] == 3
    fig = corpus_figures.entity_mentions_figure(grid)
    assert fig.axes[0].get_title() == "Mentions of the 3 most mentioned entities, per article (showing 2 of 3 articles)"
    plt.close(fig)


def test_entity_heatmap_labels_entities_in_both_languages_and_leaves_zeros_blank():
    grid = corpus_figures.entity_mention_grid(MENTIONS, ["a", "b"], top_n=3)
    fig = corpus_figures.entity_mentions_figure(grid, article_names={"a": "000 · 甲", "b": "001 · 乙"})
    ax = fig.axes[0]
    assert tick_labels(ax.yaxis) == ["智谱AI (Zhipu AI)", "OpenAI", "GLM-4"]
    assert tick_labels(ax.xaxis) == ["000 · 甲", "001 · 乙"]
    # 智谱AI 5/2, OpenAI 1/0 (blank), GLM-4 0 (blank)/3.
    assert [t.get_text() for t in ax.texts] == ["5", "2", "1", "3"]
    plt.close(fig)


def test_organization_bars_stack_the_routes_in_order():
    by_owner = pd.DataFrame({
        "organization": ["智谱AI", "OpenAI"],
        "named_directly": [7, 5], "via_models": [3, 0], "via_products": [1, 0], "via_people": [0, 2],
        "total": [11, 7],
    })
    fig = corpus_figures.organization_mentions_figure(by_owner, top_n=1)
    ax = fig.axes[0]
    assert tick_labels(ax.yaxis) == ["智谱AI (Zhipu AI)"]
    assert [(bar.get_x(), bar.get_width()) for bar in ax.patches] == [(0, 7), (7, 3), (10, 1), (11, 0)]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "named directly", "via models", "via products", "via people"]
    plt.close(fig)


def test_corpus_figures_have_the_same_bytes_every_time():
    assert same_bytes_twice(lambda: corpus_figures.article_lengths_figure(LENGTHS))
