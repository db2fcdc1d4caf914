"""Reading a fitted model: topic shares per unit and article, topics along an article, telling units, labels."""

from __future__ import annotations

from typing import Sequence

import pandas as pd

from llmnews.errors import TopicModelError
from llmnews.topics.fit import TopicModel
from llmnews.topics.quality import match_topics

__all__ = [
    "apply_labels",
    "article_topic_shares",
    "representative_units",
    "topic_columns",
    "topic_flow",
    "topic_prevalence",
    "unit_topic_table",
]


def topic_columns(k: int) -> list[str]:
    return [f"topic_{t}" for t in range(1, k + 1)]


def unit_topic_table(units: pd.DataFrame, fitted: TopicModel) -> pd.DataFrame:
    """``units`` with each unit's weight (in-vocabulary tokens) and topic shares as columns."""
    if len(units) != fitted.unit_topic.shape[0]:
        raise TopicModelError(f"{len(units)} units but the model was fitted on {fitted.unit_topic.shape[0]}")
    shares = pd.DataFrame(fitted.unit_topic, columns=topic_columns(fitted.k), index=units.index)
    table = units.copy()
    table["weight"] = fitted.unit_weight
    return pd.concat([table, shares], axis=1)


def article_topic_shares(units: pd.DataFrame, fitted: TopicModel) -> pd.DataFrame:
    """Article × topic: each article's topic shares, units weighted by their in-vocabulary tokens.

    A long paragraph says more about its article than a one-line answer, so it counts more; a unit
    with no modelled term counts zero. Rows sum to 1 (0 for an article with no modelled term).
    """
    table = unit_topic_table(units, fitted)
    columns = topic_columns(fitted.k)
    weighted = table[columns].mul(table["weight"], axis=0)
    weighted["article_id"] = table["article_id"].to_numpy()
    sums = weighted.groupby("article_id", sort=True)[columns].sum()
    totals = sums.sum(axis=1)
    shares = sums.div(totals.where(totals > 0, 1.0), axis=0)
    shares.columns = list(range(1, fitted.k + 1))
    shares.columns.name = "topic"
    return shares


def topic_flow(units: pd.DataFrame, fitted: TopicModel) -> pd.DataFrame:
    """Long table: topic shares of every unit along its article (article_id, unit, position, topic, share)."""
    table = unit_topic_table(units, fitted)
    long = table.melt(
        id_vars=["article_id", "unit", "first_paragraph", "position", "weight"],
        value_vars=topic_columns(fitted.k),
        var_name="topic",
        value_name="share",
    )
    long["topic"] = long["topic"].str.removeprefix("topic_").astype(int)
    return long.sort_values(["article_id", "unit", "topic"], kind="stable").reset_index(drop=True)


def representative_units(
    units: pd.DataFrame, fitted: TopicModel, n: int = 3, *, min_share: float = 0.5, min_weight: int = 5
) -> pd.DataFrame:
    """Each topic's ``n`` most telling units, to read before naming the topic.

    A unit qualifies if the topic holds at least ``min_share`` of it and it has at least
    ``min_weight`` modelled words (a three-word answer can be 100% one topic without showing what the
    topic is about). Qualifying units are ranked by the topic's mass in them, share × modelled words:
    a long passage mostly about the topic beats a short one entirely about it. Ties go to the
    earlier unit. A topic with fewer qualifying units gets fewer rows.
    """
    table = unit_topic_table(units, fitted)
    rows = []
    for t, column in enumerate(topic_columns(fitted.k), start=1):
        eligible = table[(table[column] >= min_share) & (table["weight"] >= min_weight)]
        mass = eligible[column] * eligible["weight"]
        best = eligible.loc[mass.sort_values(ascending=False, kind="stable").index].head(n)
        for rank, (_, row) in enumerate(best.iterrows(), start=1):
            rows.append(
                {
                    "topic": t,
                    "rank": rank,
                    "article_id": row["article_id"],
                    "unit": int(row["unit"]),
                    "share": float(row[column]),
                    "weight": float(row["weight"]),
                    "text": row["text"],
                }
            )
    return pd.DataFrame(rows, columns=["topic", "rank", "article_id", "unit", "share", "weight", "text"])


def apply_labels(
    top_terms: Sequence[Sequence[str]],
    labelled_terms: dict[int, Sequence[str]],
    labels: dict[int, str],
    *,
    min_jaccard: float = 0.5,
) -> dict[int, str]:
    """Human labels for the topics they were written for; ``"Topic N"`` for any other topic.

    Labels are written after reading one model's topics, so they are keyed by that model's top
    terms (``labelled_terms``). A fitted topic takes a label only if it matches (Hungarian, on
    Jaccard of term sets) a labelled topic with overlap >= ``min_jaccard``; after a change of K,
    model or units the topics differ and fall back to neutral names instead of wrong ones.
    """
    result = {t: f"Topic {t}" for t in range(1, len(top_terms) + 1)}
    keys = sorted(labelled_terms)
    if not keys or not top_terms:
        return result
    for i, j, overlap in match_topics(top_terms, [labelled_terms[key] for key in keys]):
        if overlap >= min_jaccard and keys[j] in labels:
            result[i + 1] = labels[keys[j]]
    return result


def topic_prevalence(shares: pd.DataFrame, bins: pd.Series, order: Sequence[str] | None = None) -> pd.DataFrame:
    """Topic prevalence per bin (an outlet, a month): the mean topic shares of the bin's articles.

    ``shares`` is ``article_topic_shares``' table (article × topic); ``bins`` maps article ids to a
    bin (None: left out). Each bin uses only its own articles and each of them counts once, so a bin
    of three articles is not drowned by one of three hundred: the normalisation by articles per bin.
    Articles with no modelled term (all shares 0) are left out of their bin's mean. Returns
    ``bin, topic, share, n_articles`` with bins in ``order`` (default: sorted).
    """
    topics = list(shares.columns)
    modelled = shares[shares.sum(axis=1) > 0]
    assigned = pd.Series(modelled.index.map(bins), index=modelled.index, dtype=object)
    kept = modelled[assigned.notna().to_numpy()]
    labels = assigned[assigned.notna()]
    means = kept.groupby(labels.to_numpy(), sort=True)[topics].mean()
    sizes = labels.value_counts()
    bins_in_order = [b for b in (order if order is not None else sorted(means.index)) if b in means.index]
    rows = [{"bin": b, "topic": int(t), "share": float(means.at[b, t]), "n_articles": int(sizes[b])}
            for b in bins_in_order for t in topics]
    return pd.DataFrame(rows, columns=["bin", "topic", "share", "n_articles"])
