"""Figures of notebook 03 (topics): the K sweep, top terms, topic shares per article, topic flow.

Each function takes a table from ``llmnews.topics`` and returns a ``Figure`` in the project style.
None imports the topic models (scikit-learn): a figure needs the numbers, not the estimator.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from llmnews.plotting.heatmap import annotated_heatmap
from llmnews.plotting.panels import bar_panels, shown_of
from llmnews.plotting.save import figure_size, style

__all__ = [
    "SWEEP_MEASURES",
    "article_topics_figure",
    "k_sweep_figure",
    "topic_colours",
    "topic_flow_figure",
    "top_terms_figure",
]

# The sweep's three measures, each a panel: column of topics.k_sweep and its panel title.
SWEEP_MEASURES = (
    ("npmi", "coherence (mean NPMI)"),
    ("diversity", "topic diversity"),
    ("stability", "stability (top-10 Jaccard)"),
)


def topic_colours(k: int) -> list[tuple[float, float, float, float]]:
    """Topic t's colour is tab10's (t - 1) mod 10, in every figure of the notebook."""
    import matplotlib

    palette = matplotlib.colormaps["tab10"]
    return [palette(t % 10) for t in range(k)]


def k_sweep_figure(sweep: pd.DataFrame, *, title: str, models: Sequence[str] = ("nmf", "lda")) -> Figure:
    """Coherence, diversity and stability against K, one line per model (``topics.k_sweep``)."""
    k_values = sorted(int(k) for k in sweep["k"].unique())
    with style():
        import matplotlib.pyplot as plt

        fig, axes = plt.subplots(1, 3, figsize=(11, 3.6), sharex=True)
        for ax, (column, panel_title) in zip(axes, SWEEP_MEASURES):
            for model, marker in zip(models, ["o", "s"]):
                rows = sweep[sweep["model"] == model]
                ax.plot(rows["k"], rows[column], marker=marker, label=model.upper())
            ax.set_title(panel_title)
            ax.set_xlabel("number of topics K")
            ax.set_xticks(k_values)
        axes[0].axhline(0, color="grey", linewidth=0.6)  # NPMI 0: top terms independent
        axes[0].legend()
        fig.suptitle(title)
        fig.tight_layout()
    return fig


def top_terms_figure(term_table: pd.DataFrame, labels: Mapping[int, str], *, title: str,
                     max_panels: int = 12) -> Figure:
    """One panel per topic: its top terms and each term's share of the topic's weight.

    ``term_table`` is ``TopicModel.top_term_table`` with a ``term_label`` column, sorted by topic
    then rank; ``labels`` maps topic number to its label. At most ``max_panels`` topics.
    """
    k = len(labels)
    return bar_panels(
        term_table,
        panel="topic",
        label="term_label",
        value="weight",
        panels=list(range(1, k + 1)),
        panel_titles={t: f"{t} · {labels[t]}" for t in range(1, k + 1)},
        colors=topic_colours(k),
        title=title,
        xlabel="share of topic weight",
        xlabel_fontsize=8,
        width=11,
        row_height=2.9,
        max_panels=max_panels,
        max_bars=None,
        panel_noun="topics",
    )


def article_topics_figure(
    shares: pd.DataFrame,
    labels: Mapping[int, str],
    *,
    article_names: Mapping[str, str] | None = None,
    max_articles: int = 40,
) -> Figure:
    """Article x topic heatmap of shares (``topics.article_topic_shares``), percentages in the cells.

    At most ``max_articles`` rows (the first ones); more would print thousands of overlapping numbers.
    """
    names = article_names or {}
    n_articles = len(shares)
    shares = shares.head(max_articles)
    k = shares.shape[1]
    return annotated_heatmap(
        shares,
        title="Topic shares per article" + shown_of(len(shares), n_articles, "articles"),
        colorbar_label="share of the article",
        colorbar_format=lambda x, _: f"{x:.0%}",
        colorbar_shrink=None,
        value_format="{:.0%}".format,
        row_labels=[names.get(a, a) for a in shares.index],
        # "label · English" on two lines, so a column is as narrow as its longer half.
        column_labels=[f"{t} · " + labels[t].replace(" · ", "\n") for t in shares.columns],
        column_label_rotation=0,
        column_label_fontsize=8,
        figsize=(min(3.0 + 1.7 * k, 15), max(4.2, 0.3 * len(shares) + 1.5)),
        vmin=0,
        vmax=1,
        dark_above=0.55,
        relative_threshold=False,
        value_fontsize=8,
    )


def topic_flow_figure(
    flow: pd.DataFrame,
    labels: Mapping[int, str],
    *,
    article_names: Mapping[str, str] | None = None,
    max_articles: int = 15,
) -> Figure:
    """One strip per article, one stacked bar per unit: the unit's topic shares from start to end.

    ``flow`` is ``topics.topic_flow`` (``article_id``, ``unit``, ``topic``, ``share``); strips
    are the articles in sorted order, at most ``max_articles`` of them.
    """
    names = article_names or {}
    k = len(labels)
    colours = topic_colours(k)
    all_ids = sorted(flow["article_id"].unique())
    article_ids = all_ids[:max_articles]
    with style():
        import matplotlib.pyplot as plt

        fig, axes = plt.subplots(len(article_ids), 1, figsize=figure_size(11, 1.55 * len(article_ids) + 0.8),
                                 squeeze=False)
        for ax, article_id in zip(axes[:, 0], article_ids):
            rows = flow[flow["article_id"] == article_id].pivot(index="unit", columns="topic", values="share")
            bottom = np.zeros(len(rows))
            for topic in range(1, k + 1):
                ax.bar(rows.index, rows[topic], bottom=bottom, width=1.0, color=colours[topic - 1],
                       label=f"{topic} · {labels[topic]}", linewidth=0)
                bottom += rows[topic].to_numpy()
            ax.set_xlim(0.5, rows.index.max() + 0.5)
            ax.set_ylim(0, 1)
            ax.set_yticks([0, 1], ["0", "100%"], fontsize=7)
            ax.set_ylabel(names.get(article_id, article_id), rotation=0, ha="right", va="center", fontsize=8)
        axes[-1, 0].set_xlabel("unit along the article (start → end)")
        axes[0, 0].legend(ncol=min(k, 4), fontsize=7, loc="lower left", bbox_to_anchor=(0, 1.05), frameon=False)
        fig.suptitle("Topic share along each article" + shown_of(len(article_ids), len(all_ids), "articles"), y=1.0)
        fig.tight_layout()
    return fig
