"""Figures of notebook 01 (the corpus): what cleaning kept, who is mentioned, which organisations.

Each function takes the table its analysis step returned and returns a ``Figure`` drawn in the
project style; ``save.save_figure`` writes it. Row and column caps are arguments, so a corpus of
thousands of articles still gives a figure a reader can use (and at most ``save.MAX_SIDE_PX``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from llmnews import lexicon
from llmnews.plotting.heatmap import annotated_heatmap
from llmnews.plotting.panels import shown_of
from llmnews.plotting.save import figure_size, style

__all__ = [
    "MENTION_ROUTE_COLOURS",
    "article_lengths_figure",
    "entity_mention_grid",
    "entity_mentions_figure",
    "organization_mentions_figure",
]

# One colour per way a mention reaches an organisation (text.MENTION_ROUTES), in stacking order.
MENTION_ROUTE_COLOURS = {
    "named_directly": "#4c72b0",
    "via_models": "#dd8452",
    "via_products": "#55a868",
    "via_people": "#8172b3",
}


def article_lengths_figure(lengths: pd.DataFrame, *, max_articles: int = 45) -> Figure:
    """Characters kept as article body and removed as site chrome, one bar per article.

    ``lengths`` has ``article`` (the label), ``kept_chars`` and ``removed_chars``, one row per
    article, drawn top to bottom in that order; only the first ``max_articles`` rows are drawn
    and the title then says how many.
    """
    total = len(lengths)
    lengths = lengths.head(max_articles)
    with style():
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=figure_size(8, 0.5 * len(lengths) + 1.6))
        y = np.arange(len(lengths))[::-1]
        ax.barh(y, lengths["kept_chars"], color="#4c72b0", label="kept as article body")
        ax.barh(y, lengths["removed_chars"], left=lengths["kept_chars"], color="#c44e52",
                label="removed as site chrome")
        ax.set_yticks(y, lengths["article"])
        ax.set_xlabel("characters")
        ax.set_title("Characters kept and removed per article" + shown_of(len(lengths), total, "articles"))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2, frameon=False)
        fig.tight_layout()
    return fig


def entity_mention_grid(
    mentions: pd.DataFrame,
    article_ids: Sequence[str],
    *,
    top_n: int = 25,
    max_articles: int = 18,
) -> pd.DataFrame:
    """Entity x article mention counts of the ``top_n`` entities most mentioned in the corpus.

    ``mentions`` is ``text.entity_mentions``' table. Rows are ordered by corpus-wide count (ties
    keep the table's order), columns follow ``article_ids``; with more articles than
    ``max_articles``, the columns are the ``max_articles`` articles with most mentions of these
    entities, still in ``article_ids`` order. ``attrs["n_articles"]`` is the number before the cap.
    """
    top = (mentions.groupby("entity")["count"].sum()
           .sort_values(ascending=False, kind="stable").head(top_n).index.tolist())
    grid = (mentions[mentions["entity"].isin(top)]
            .pivot_table(index="entity", columns="article_id", values="count", aggfunc="sum", fill_value=0)
            .reindex(index=top, columns=list(article_ids), fill_value=0))
    if len(grid.columns) > max_articles:
        busiest = set(grid.sum(axis=0).sort_values(ascending=False, kind="stable").head(max_articles).index)
        grid = grid[[a for a in grid.columns if a in busiest]]
    grid.attrs["n_articles"] = len(article_ids)
    return grid


def entity_mentions_figure(grid: pd.DataFrame, *, article_names: Mapping[str, str] | None = None) -> Figure:
    """Heatmap of ``entity_mention_grid``: one row per entity, one column per article, counts in cells.

    Entities carry their lexicon label (Chinese and English); articles their name in
    ``article_names`` (default: the id). Zero cells stay blank.
    """
    names = article_names or {}
    n_articles = grid.attrs.get("n_articles", len(grid.columns))
    return annotated_heatmap(
        grid,
        title=(f"Mentions of the {len(grid)} most mentioned entities, per article"
               + shown_of(len(grid.columns), n_articles, "articles")),
        colorbar_label="mentions",
        value_format=str,
        row_labels=[lexicon.entity_label(e) for e in grid.index],
        column_labels=[names.get(a, a) for a in grid.columns],
        skip_zero=True,
    )


def organization_mentions_figure(by_owner: pd.DataFrame, *, top_n: int = 15) -> Figure:
    """Stacked bars: mentions per organisation, split by what was mentioned (itself, models, ...).

    ``by_owner`` is ``text.organization_mentions``' table (sorted, most mentioned first); the
    first ``top_n`` organisations are drawn, the most mentioned on top.
    """
    by_owner = by_owner.head(top_n).set_index("organization")
    with style():
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=figure_size(8, 0.35 * len(by_owner) + 1.4))
        y = np.arange(len(by_owner))[::-1]
        left = np.zeros(len(by_owner))
        for column, colour in MENTION_ROUTE_COLOURS.items():
            ax.barh(y, by_owner[column], left=left, color=colour, label=column.replace("_", " "))
            left = left + by_owner[column].to_numpy()
        ax.set_yticks(y, [lexicon.entity_label(o) for o in by_owner.index])
        ax.set_xlabel("mentions in all articles")
        ax.set_title("Mentions per organisation, by what was mentioned")
        ax.legend(frameon=False, loc="lower right")
        fig.tight_layout()
    return fig
