"""Term trends: how often a term is used per publication period, with the articles behind each point.

Voyant's Trends and *Text Mining with R* (ch. 7) plot a word's relative frequency over time. Here a
point is one period (month, quarter or year of publication): the term's count over all tokens of
that period's articles, per 1,000 tokens, with ``n_articles`` (articles published in the period)
beside it, because a rate over two articles and one over two hundred do not weigh the same.
Articles whose publication date is not known that finely are left out and counted
(``attrs["undated_articles"]``).

"The most rising terms": among terms used at least ``min_count`` times, the largest least-squares
slope of the per-1,000 rate over the periods' order, each period weighted by its number of tokens
(so a thin period cannot make a trend on its own).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from llmnews.errors import LlmnewsError
from llmnews.groups import article_periods

__all__ = ["term_trends", "rising_terms"]


def _period_totals(term_counts: pd.DataFrame, periods: pd.Series) -> pd.DataFrame:
    """The dated rows with their period: only the columns the trends use (at 10,000 articles the
    table has five million rows, and every column copied is hundreds of MB)."""
    slim = term_counts[["article_id", "term", "count"]]
    return slim.assign(period=slim["article_id"].map(periods)).dropna(subset=["period"])


def term_trends(term_counts: pd.DataFrame, articles: pd.DataFrame, terms: list[str], *,
                period: str = "month") -> pd.DataFrame:
    """``period, term, count, period_tokens, per_1000_tokens, n_articles, articles_using``.

    One row per (period, term) for every period with dated articles (count 0 where a term is not
    used), periods in time order, terms in the order given.
    """
    periods = article_periods(articles, period)
    dated = _period_totals(term_counts, periods)
    per_period = periods.dropna()
    n_articles = per_period.value_counts().sort_index()
    tokens = dated.groupby("period")["count"].sum().reindex(n_articles.index, fill_value=0)
    chosen = dated[dated["term"].isin(terms)]
    counts = chosen.groupby(["period", "term"])["count"].sum()
    using = chosen.groupby(["period", "term"])["article_id"].nunique()
    rows = []
    for key in n_articles.index:
        for term in terms:
            count = int(counts.get((key, term), 0))
            rows.append({
                "period": key, "term": term, "count": count, "period_tokens": int(tokens[key]),
                "per_1000_tokens": 1000 * count / tokens[key] if tokens[key] else 0.0,
                "n_articles": int(n_articles[key]), "articles_using": int(using.get((key, term), 0)),
            })
    table = pd.DataFrame(rows, columns=["period", "term", "count", "period_tokens", "per_1000_tokens",
                                        "n_articles", "articles_using"])
    table.attrs["undated_articles"] = int(periods.isna().sum())
    return table


def rising_terms(term_counts: pd.DataFrame, articles: pd.DataFrame, n: int = 6, *, period: str = "month",
                 min_count: int = 10) -> pd.DataFrame:
    """The ``n`` terms whose rate rises most over the periods: ``term, slope, count``.

    ``slope`` is in per-1,000 tokens per period. Empty when fewer than three periods have dated
    articles (two points make no trend worth ranking).
    """
    if n < 1:
        raise LlmnewsError(f"n must be at least 1, got {n}")
    periods = article_periods(articles, period)
    dated = _period_totals(term_counts, periods)
    keys = sorted(dated["period"].unique())
    columns = ["term", "slope", "count"]
    if len(keys) < 3:
        return pd.DataFrame(columns=columns)
    totals = dated.groupby("term")["count"].sum()
    candidates = totals[totals >= min_count].index
    if len(candidates) == 0:
        return pd.DataFrame(columns=columns)
    tokens = dated.groupby("period")["count"].sum().reindex(keys).to_numpy(dtype=float)
    by_term = dated.groupby(["term", "period"])["count"].sum()  # summed first: no filtered copy of the rows
    counts = (by_term[by_term.index.get_level_values("term").isin(candidates)]
              .unstack(fill_value=0).reindex(columns=keys, fill_value=0))
    rates = 1000 * counts.to_numpy(dtype=float) / tokens
    x = np.arange(len(keys), dtype=float)
    weights = tokens / tokens.sum()
    x_mean = (weights * x).sum()
    rate_mean = rates @ weights
    slope = ((rates - rate_mean[:, None]) * (x - x_mean)) @ weights / ((weights * (x - x_mean) ** 2).sum())
    table = pd.DataFrame({"term": counts.index.astype(str), "slope": slope,
                          "count": totals.reindex(counts.index).to_numpy(dtype="int64")})
    table = table.sort_values(["slope", "term"], ascending=[False, True], kind="stable").head(n)
    return table.reset_index(drop=True)
