"""Figures that read a corpus of any size: articles per month by outlet, the co-mention network,
term trends and topic prevalence over time.

Each takes the tidy table its analysis returned (``groups``, ``comentions``, ``trends``,
``topics.topic_prevalence``) and returns a ``Figure`` in the project style; caps are arguments and
the size is bounded by ``save.MAX_SIDE_PX`` at any corpus size.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from llmnews import lexicon
from llmnews.plotting.panels import shown_of
from llmnews.plotting.save import figure_size, style

__all__ = [
    "period_range",
    "articles_per_period_figure",
    "co_mention_figure",
    "term_trends_figure",
    "topic_prevalence_figure",
]

# Okabe-Ito, then greys: colour-blind-safe for the first eight series.
_SERIES_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
                   "#000000", "#999999", "#666666", "#BBBBBB", "#444444"]


def _tick_every(n: int, most: int = 24) -> int:
    return max(1, -(-n // most))


def period_range(keys, period: str) -> list[str]:
    """Every period from the first to the last of ``keys``, so a time axis shows the empty ones too."""
    keys = sorted(keys)
    if not keys:
        return []
    if period == "year":
        return [str(y) for y in range(int(keys[0]), int(keys[-1]) + 1)]
    per_year = 12 if period == "month" else 4

    def index(key):
        return int(key[:4]) * per_year + int(key[5:7] if period == "month" else key[-1]) - 1

    def key_of(i):
        year, rest = divmod(i, per_year)
        return f"{year}-{rest + 1:02d}" if period == "month" else f"{year}Q{rest + 1}"

    return [key_of(i) for i in range(index(keys[0]), index(keys[-1]) + 1)]


def articles_per_period_figure(counts: pd.DataFrame, *, period: str = "month", title: str | None = None) -> Figure:
    """Stacked bars: articles per publication period, one colour per group (outlet).

    ``counts`` has ``period``, ``group`` and ``articles``; every period from the first to the last is
    drawn, in time order (empty ones too), groups in order of first appearance (the caller caps them,
    pooling the rest as "other").
    """
    from matplotlib.ticker import MaxNLocator

    periods = period_range(counts["period"].unique(), period)
    groups = list(dict.fromkeys(counts["group"]))
    grid = (counts.pivot_table(index="period", columns="group", values="articles", aggfunc="sum", fill_value=0)
            .reindex(index=periods, columns=groups, fill_value=0))
    with style():
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=figure_size(max(7.0, 0.28 * len(periods) + 3), 4.6))
        x = np.arange(len(periods))
        bottom = np.zeros(len(periods))
        for i, group in enumerate(groups):
            ax.bar(x, grid[group], bottom=bottom, width=0.85, color=_SERIES_COLOURS[i % len(_SERIES_COLOURS)],
                   label=str(group), linewidth=0)
            bottom += grid[group].to_numpy()
        step = _tick_every(len(periods))
        ax.set_xticks(x[::step], [periods[i] for i in range(0, len(periods), step)], rotation=45, ha="right",
                      fontsize=8)
        ax.set_ylabel("articles")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_title(title or f"Articles per {period}, by outlet")
        if groups:
            ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        fig.tight_layout()
    return fig


def co_mention_figure(graph, nodes: pd.DataFrame, *, seed: int, title: str | None = None) -> Figure:
    """The co-mention network: node size = sentences naming it, edge width = sentences naming both.

    ``graph`` and ``nodes`` come from ``comentions.co_mention_network``; colours are its
    communities. The layout is networkx's spring layout with ``seed`` (fixed, so the same bytes).
    """
    import networkx as nx

    with style():
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=figure_size(9, 7.5))
        ax.set_axis_off()
        if graph.number_of_nodes() == 0:
            ax.text(0.5, 0.5, "no lexicon entity is mentioned", ha="center", va="center", transform=ax.transAxes)
        else:
            position = nx.spring_layout(graph, seed=seed, weight="weight", k=1.6 / np.sqrt(graph.number_of_nodes()))
            ordered = nodes["node"].tolist()
            sizes = nodes.set_index("node")["sentences"]
            community = nodes.set_index("node")["community"]
            weights = np.array([graph[a][b]["weight"] for a, b in graph.edges()], dtype=float)
            if len(weights):
                widths = 0.5 + 4.5 * weights / weights.max()
                nx.draw_networkx_edges(graph, position, ax=ax, width=widths, edge_color="#9a9a9a", alpha=0.6)
            colours = [_SERIES_COLOURS[(community[n] - 1) % len(_SERIES_COLOURS)] if community[n] else "#cccccc"
                       for n in ordered]
            area = 80 + 1400 * sizes.reindex(ordered).to_numpy(dtype=float) / max(1, sizes.max())
            nx.draw_networkx_nodes(graph, position, nodelist=ordered, node_size=area, node_color=colours,
                                   alpha=0.85, ax=ax)
            nx.draw_networkx_labels(graph, position, labels=dict(zip(nodes["node"], nodes["label"])),
                                    font_size=8, font_family=plt.rcParams["font.family"], ax=ax)
        ax.set_title(title or "Who is mentioned with whom (same sentence)")
        fig.tight_layout()
    return fig


def term_trends_figure(trend: pd.DataFrame, *, period: str = "month", title: str | None = None) -> Figure:
    """One line per term: per-1,000-token rate per period; the bars below count the articles."""
    periods = list(dict.fromkeys(trend["period"]))
    terms = list(dict.fromkeys(trend["term"]))
    with style():
        import matplotlib.pyplot as plt

        fig, (ax, bars) = plt.subplots(2, 1, figsize=figure_size(max(8.0, 0.3 * len(periods) + 3), 6.2),
                                       sharex=True, gridspec_kw={"height_ratios": [3, 1]})
        x = np.arange(len(periods))
        for i, term in enumerate(terms):
            rows = trend[trend["term"] == term].set_index("period").reindex(periods)
            ax.plot(x, rows["per_1000_tokens"], marker="o", markersize=3, linewidth=1.4,
                    color=_SERIES_COLOURS[i % len(_SERIES_COLOURS)], label=lexicon.entity_label(term))
        ax.set_ylabel("per 1,000 tokens")
        ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        ax.set_title(title or f"Term frequency per {period}")
        articles = trend.drop_duplicates("period").set_index("period").reindex(periods)["n_articles"]
        bars.bar(x, articles.to_numpy(), color="#bbbbbb", width=0.8)
        bars.set_ylabel("articles")
        from matplotlib.ticker import MaxNLocator

        bars.yaxis.set_major_locator(MaxNLocator(integer=True))
        step = _tick_every(len(periods))
        bars.set_xticks(x[::step], [periods[i] for i in range(0, len(periods), step)], rotation=45, ha="right",
                        fontsize=8)
        fig.tight_layout()
    return fig


def topic_prevalence_figure(prevalence: pd.DataFrame, labels: dict[int, str], *, by: str,
                            max_bins: int = 36, title: str | None = None) -> Figure:
    """Topic shares per bin (period or outlet), stacked to 100%, with the articles behind each bin.

    ``prevalence`` has ``bin``, ``topic``, ``share`` and ``n_articles`` (``topics.topic_prevalence``);
    bins are drawn in the order given, at most ``max_bins`` (the last ones, for time), and the
    title says how many were left out.
    """
    bins = list(dict.fromkeys(prevalence["bin"]))
    total = len(bins)
    if total > max_bins:
        bins = bins[-max_bins:] if by in ("month", "quarter", "year") else bins[:max_bins]
    shown = prevalence[prevalence["bin"].isin(bins)]
    topics = sorted(shown["topic"].unique())
    grid = shown.pivot_table(index="bin", columns="topic", values="share", fill_value=0).reindex(
        index=bins, columns=topics, fill_value=0)
    counts = shown.drop_duplicates("bin").set_index("bin").reindex(bins)["n_articles"]
    with style():
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=figure_size(max(8.0, 0.42 * len(bins) + 4), 5.2))
        x = np.arange(len(bins))
        bottom = np.zeros(len(bins))
        cmap = plt.get_cmap("tab10")
        for topic in topics:
            ax.bar(x, grid[topic], bottom=bottom, width=0.85, color=cmap((topic - 1) % 10),
                   label=f"{topic} · {labels.get(topic, f'Topic {topic}')}", linewidth=0)
            bottom += grid[topic].to_numpy()
        ax.set_ylim(0, 1)
        ax.set_ylabel("share of the bin's articles")
        step = _tick_every(len(bins))
        ax.set_xticks(x[::step], [f"{bins[i]}\n(n={int(counts.iloc[i])})" for i in range(0, len(bins), step)],
                      rotation=45 if len(bins) > 8 else 0, ha="right" if len(bins) > 8 else "center", fontsize=7)
        ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        ax.set_title((title or f"Topic prevalence by {by}") + shown_of(len(bins), total, f"{by}s"))
        fig.tight_layout()
    return fig
