"""Figures of notebook 02 (term frequency): distinctive terms, frequency heatmap, keyness, clouds, dispersion.

Each function takes the table ``llmnews.terms`` returned (with a ``label`` column where terms are
named: ``lexicon.entity_label``) and returns a ``Figure`` in the project style. Caps on panels,
columns and named points are arguments, so the figures stay readable on a large corpus.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from llmnews import lexicon
from llmnews.plotting.heatmap import annotated_heatmap
from llmnews.plotting.panels import bar_panels, shown_of
from llmnews.plotting.save import figure_size, style, word_cloud, word_cloud_figure

__all__ = [
    "SIGNIFICANT_Z",
    "dispersion_figure",
    "distinctive_terms_figure",
    "frequency_heatmap_figure",
    "keyness_figure",
    "term_cloud_figure",
]

# z = 1.96: a two-sided 5 % level if words were independent draws (they are not: a guide line).
SIGNIFICANT_Z = 1.96


def distinctive_terms_figure(
    distinctive_terms: pd.DataFrame,
    *,
    article_ids: Sequence[str],
    article_names: Mapping[str, str] | None = None,
    prior: str,
    min_count: int,
    max_panels: int = 12,
    max_bars: int = 20,
    noun: str = "article",
) -> Figure:
    """One panel per article (or group: ``noun`` says which): its most distinctive terms by
    weighted log-odds z, highest on top.

    ``distinctive_terms`` is ``terms.top_terms(..., "z", ...)`` with a ``label`` column; panels
    follow ``article_ids`` (an article without a term gets an empty panel), at most
    ``max_panels`` of them and ``max_bars`` bars each. ``prior`` and ``min_count`` go in the title.
    """
    names = article_names or {}
    return bar_panels(
        distinctive_terms,
        panel="article_id",
        label="label",
        value="z",
        panels=article_ids,
        panel_titles={a: names.get(a, a) for a in article_ids},
        colors="#3b6ea8",
        reference_line=SIGNIFICANT_Z,
        title=f"Most distinctive terms per {noun} (prior: {prior}, used ≥ {min_count} times)",
        xlabel="z-score of weighted log-odds",
        max_panels=max_panels,
        max_bars=max_bars,
        panel_noun=f"{noun}s",
    )


def frequency_heatmap_figure(
    rates: pd.DataFrame,
    *,
    article_names: Mapping[str, str] | None = None,
    max_articles: int = 40,
    noun: str = "article",
) -> Figure:
    """Heatmap of relative frequencies: ``rates`` is article (or group: ``noun``) x term (per 1,000 tokens).

    Rows of the figure are the terms in ``rates``' column order (labelled with
    ``lexicon.entity_label``), columns the first ``max_articles`` articles in its row order.
    """
    names = article_names or {}
    n_articles = len(rates)
    rates = rates.head(max_articles)
    grid = rates.T
    title = f"The {len(grid)} most frequent terms, per {noun}" + shown_of(len(rates), n_articles, f"{noun}s")
    return annotated_heatmap(
        grid,
        title=title,
        colorbar_label="per 1,000 tokens",
        value_format="{:.1f}".format,
        row_labels=[lexicon.entity_label(t) for t in grid.index],
        column_labels=[names.get(a, a) for a in grid.columns],
        figsize=(max(7.5, 0.5 * len(grid.columns) + 3.0), 0.32 * len(grid) + 1.6),
        dark_above=0.6,
        # The committed figure writes cell values column by column and is not tight-laid-out.
        cells_by="column",
        tight_layout=False,
    )


def keyness_figure(
    keyness: pd.DataFrame,
    *,
    article_name: str,
    noun: str = "article",
    against: str = "the rest",
    prior: str,
    n_highest: int = 10,
    n_lowest: int = 5,
) -> Figure:
    """One dot per term: corpus frequency (log scale) across, the article's z-score up.

    ``keyness`` holds one article's rows of ``terms.weighted_log_odds`` with ``corpus_count``
    (count + rest_count) and ``label``. Terms the article never uses are grey. The ``n_highest``
    and ``n_lowest`` z are named; a name moves down while it would overlap one already placed.
    """
    used = keyness["count"] > 0
    with style():
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(9, 6))
        ax.scatter(keyness.loc[used, "corpus_count"], keyness.loc[used, "z"], s=14, alpha=0.6,
                   color="#3b6ea8", label=f"used in this {noun}")
        ax.scatter(keyness.loc[~used, "corpus_count"], keyness.loc[~used, "z"], s=14, alpha=0.6,
                   color="#aaaaaa", label=f"not used in this {noun}")
        ax.set_xscale("log")
        for level in (-SIGNIFICANT_Z, SIGNIFICANT_Z):
            ax.axhline(level, color="grey", linestyle=":", linewidth=1)
        named = pd.concat([keyness.nlargest(n_highest, "z", keep="first"),
                           keyness.nsmallest(n_lowest, "z", keep="first")])
        # Fix the limits first: a name placed later must not move the axes under the earlier ones.
        ax.set_xlim(ax.get_xlim())
        ax.set_ylim(ax.get_ylim())
        renderer = fig.canvas.get_renderer()
        placed_boxes = []
        for row in named.sort_values("z", ascending=False).itertuples():
            offset = 2
            while True:
                note = ax.annotate(row.label, (row.corpus_count, row.z), xytext=(4, offset),
                                   textcoords="offset points", fontsize=8, va="bottom")
                box = note.get_window_extent(renderer)
                if not any(box.overlaps(other) for other in placed_boxes) or offset < -60:
                    break
                note.remove()
                offset -= 5
            placed_boxes.append(box)
        ax.set_xlabel("occurrences in the whole corpus (log scale)")
        ax.set_ylabel(f"z-score for this {noun} against {against}")
        ax.set_title(f"Keyness: {article_name} (prior: {prior})")
        ax.legend(loc="upper center", frameon=False)
    return fig


def term_cloud_figure(
    counts: pd.DataFrame,
    *,
    seed: int,
    max_words: int,
    title: str | None = None,
) -> Figure:
    """A word cloud of ``counts`` (columns ``term``, ``count``), its layout and colours fixed by ``seed``."""
    cloud = word_cloud(dict(zip(counts["term"], counts["count"])), seed=seed, max_words=max_words)
    return word_cloud_figure(cloud, title=title)


def dispersion_figure(
    positions: pd.DataFrame,
    terms: Sequence[str],
    *,
    article_ids: Sequence[str],
    article_names: Mapping[str, str] | None = None,
    max_articles: int = 12,
) -> Figure:
    """One strip per article, one row per term: a tick at every occurrence, by relative position.

    ``positions`` is ``terms.term_positions``' table (``article_id``, ``term``,
    ``relative_position``); the strips follow ``article_ids``, at most ``max_articles`` of them
    (the figure then says how many were left out).
    """
    names = article_names or {}
    n_articles = len(article_ids)
    article_ids = list(article_ids)[:max_articles]
    with style():
        import matplotlib.pyplot as plt

        fig, axes = plt.subplots(len(article_ids), 1, sharex=True,
                                 figsize=figure_size(10, 0.3 * len(terms) * len(article_ids) + 1.2))
        for ax, article_id in zip(np.atleast_1d(axes), article_ids):
            here = positions[positions["article_id"] == article_id]
            for row, term in enumerate(terms):
                x = here.loc[here["term"] == term, "relative_position"]
                ax.scatter(x, np.full(len(x), row), marker="|", s=120, color=f"C{row % 10}")
            ax.set_yticks(range(len(terms)), [lexicon.entity_label(t) for t in terms], fontsize=8)
            ax.set_ylim(-0.7, len(terms) - 0.3)
            ax.invert_yaxis()
            ax.set_title(names.get(article_id, article_id), fontsize=9, loc="left")
        ax.set_xlim(0, 1)
        ax.set_xlabel("position in the article (0 = start, 1 = end)")
        left_out = shown_of(len(article_ids), n_articles, "articles")
        if left_out:
            fig.suptitle("Where the terms occur" + left_out)
        fig.tight_layout()
    return fig
