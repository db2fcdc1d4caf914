"""Groups of articles to compare: by article, outlet, period or any ``metadata.csv`` column.

A corpus of five articles is compared article by article; one of a thousand is not (a thousand
panels say nothing). ``group_articles`` resolves the ``GROUP_BY`` parameter every notebook takes:

- ``auto``: articles when there are at most ``MAX_ARTICLES_AS_GROUPS``; else the outlet when the
  articles name two or more and the outlet is known for at least half of them; else the
  publication month when the dated articles span at most 24 months, the quarter when at most 24
  quarters, else the year.
- ``article``, ``source``, ``month``, ``quarter``, ``year``, or the name of a ``metadata.csv``
  column (``section``, ``region``, …).

Groups beyond ``max_groups`` (ranked by number of articles) are pooled as ``OTHER``; articles whose
group is not known (no outlet, no month) form ``UNKNOWN``. Nothing is dropped silently: the
``Grouping`` says how many articles each of those holds, in a sentence a notebook prints.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from llmnews.errors import LlmnewsError

__all__ = [
    "GROUPINGS",
    "PERIODS",
    "MAX_ARTICLES_AS_GROUPS",
    "OTHER",
    "UNKNOWN",
    "Grouping",
    "article_periods",
    "articles_per_period",
    "group_articles",
    "group_term_counts",
]

GROUPINGS = ("auto", "article", "source", "month", "quarter", "year")
PERIODS = ("month", "quarter", "year")
MAX_ARTICLES_AS_GROUPS = 12  # about a dozen panels or heatmap columns still read one by one
OTHER = "其他 (other)"
UNKNOWN = "不详 (unknown)"
_FINE_ENOUGH = {"month": ("day", "month"), "quarter": ("day", "month"), "year": ("day", "month", "year")}


@dataclass
class Grouping:
    """Which group each article is in, in display order, and why this grouping."""

    by: str  # the grouping used: article, source, month, quarter, year or a metadata column
    requested: str  # what the parameter said (auto, or the same as ``by``)
    reason: str  # one sentence for the report
    table: pd.DataFrame  # article_id, group (the group's key: the article id for ``article``)
    order: list[str]  # group keys in display order (time order for periods, else by size)
    labels: dict[str, str]  # key -> label shown in figures (an article's short name; else the key)
    n_other: int = 0  # articles pooled as OTHER
    n_unknown: int = 0  # articles in UNKNOWN

    @property
    def n_groups(self) -> int:
        return len(self.order)

    @property
    def noun(self) -> str:
        """What one group is, in a figure title: article, outlet, month, or the column's name."""
        return {"source": "outlet"}.get(self.by, self.by)

    @property
    def column(self) -> str:
        """The name a table column of group keys takes: ``article_id`` or the grouping's name."""
        return "article_id" if self.by == "article" else self.by

    def of(self) -> dict[str, str]:
        """``{article_id: group}``."""
        return dict(zip(self.table["article_id"], self.table["group"]))

    def key_of(self, name: str, parameter: str) -> str:
        """The key of a group a parameter names by its key or its label; an unknown name is an
        error naming the parameter and listing the groups."""
        if name in self.labels:
            return name
        by_label = {label: key for key, label in self.labels.items()}
        if name in by_label:
            return by_label[name]
        raise LlmnewsError(f"{parameter}={name!r} is not one of the groups: "
                           f"{', '.join(map(str, self.labels.values()))}")

    def summary(self) -> str:
        """The reason plus what was pooled, as a sentence a report can print."""
        parts = [self.reason]
        if self.n_other:
            parts.append(f"{self.n_other:,} articles outside the {self.n_groups - 1 - bool(self.n_unknown)} "
                         f"largest groups are pooled as '{OTHER}'.")
        if self.n_unknown:
            parts.append(f"{self.n_unknown:,} articles with no known {self.by} are grouped as '{UNKNOWN}'.")
        return " ".join(parts)


def article_periods(articles: pd.DataFrame, period: str) -> pd.Series:
    """Each article's publication ``month`` (``2024-05``), ``quarter`` (``2024Q2``) or ``year``.

    None where the date is not known that finely (a date known to the year has no month).
    Index: the articles' ``article_id``.
    """
    if period not in PERIODS:
        raise LlmnewsError(f"period must be one of {PERIODS}, not {period!r}")
    out = []
    for published, granularity in zip(articles["published"], articles["published_granularity"]):
        if not isinstance(published, str) or granularity not in _FINE_ENOUGH[period]:
            out.append(None)
        elif period == "month":
            out.append(published[:7])
        elif period == "quarter":
            out.append(f"{published[:4]}Q{(int(published[5:7]) - 1) // 3 + 1}")
        else:
            out.append(published[:4])
    return pd.Series(out, index=pd.Index(articles["article_id"], name="article_id"), dtype=object, name=period)


def _span(keys: list[str], period: str) -> int:
    """How many periods from the first to the last key (inclusive)."""
    def index(key: str) -> int:
        year = int(key[:4])
        if period == "month":
            return year * 12 + int(key[5:7])
        if period == "quarter":
            return year * 4 + int(key[-1])
        return year

    numbers = [index(k) for k in keys]
    return max(numbers) - min(numbers) + 1 if numbers else 0


def _auto(articles: pd.DataFrame) -> tuple[str, str]:
    n = len(articles)
    if n <= MAX_ARTICLES_AS_GROUPS:
        return "article", f"{n} articles: compared article by article (at most {MAX_ARTICLES_AS_GROUPS})."
    sources = articles["source"].dropna()
    sources = sources[sources != ""]
    if sources.nunique() >= 2 and len(sources) >= n / 2:
        return "source", (f"{n:,} articles from {sources.nunique()} outlets (known for {len(sources):,}): "
                          "compared by outlet.")
    for period in PERIODS:
        keys = article_periods(articles, period).dropna().unique().tolist()
        if len(keys) >= 2 and _span(keys, period) <= 24:
            return period, (f"{n:,} articles with too few known outlets to compare; their dates span "
                            f"{_span(keys, period)} {period}s: compared by {period}.")
    return "article", (f"{n:,} articles with neither outlets nor dates to group by: compared article by "
                       "article, the largest shown.")


def group_articles(articles: pd.DataFrame, group_by: str = "auto", *, metadata: dict | None = None,
                   max_groups: int = MAX_ARTICLES_AS_GROUPS, names: dict[str, str] | None = None) -> Grouping:
    """Resolve ``group_by`` for these articles (see the module docstring).

    ``metadata`` is ``corpus.read_metadata(folder)`` (needed for a ``metadata.csv`` column);
    ``names`` maps article ids to the labels shown for ``article`` groups (``corpus.short_names``).
    """
    if max_groups < 1:
        raise LlmnewsError(f"max_groups must be at least 1, got {max_groups}")
    requested = group_by
    if group_by == "auto":
        group_by, reason = _auto(articles)
    else:
        reason = f"compared by {group_by}, as asked."
    ids = articles["article_id"].tolist()
    if group_by == "article":
        labels = list(ids)
    elif group_by == "source":
        labels = [s if isinstance(s, str) and s else None for s in articles["source"]]
    elif group_by in PERIODS:
        labels = article_periods(articles, group_by).tolist()
    else:
        columns = sorted({c for row in (metadata or {}).values() for c in row})
        if group_by not in columns:
            raise LlmnewsError(
                f"GROUP_BY={group_by!r} is neither one of {', '.join(GROUPINGS)} nor a metadata.csv column"
                + (f" (its columns: {', '.join(columns)})" if columns else " (there is no metadata.csv)"))
        labels = [((metadata or {}).get(a, {}).get(group_by) or None) for a in ids]
    table = pd.DataFrame({"article_id": ids, "group": labels}, columns=["article_id", "group"])
    n_unknown = int(table["group"].isna().sum())
    sizes = table["group"].dropna().value_counts(sort=False)
    if group_by in PERIODS:
        ranked = sorted(sizes.index)  # time order; the most recent periods are the ones pooled away
        kept = ranked[-max_groups:] if len(ranked) > max_groups else ranked
        kept = sorted(kept)
    elif group_by == "article":
        # beyond max_groups, the longest articles keep a group of their own, in corpus order
        shown = set(articles.nlargest(max_groups, "n_chars", keep="first")["article_id"]) \
            if len(ids) > max_groups else set(ids)
        kept = [a for a in ids if a in shown]
    else:
        kept = sorted(sizes.index, key=lambda g: (-sizes[g], g))[:max_groups]
    kept_set = set(kept)
    pooled = table["group"].notna() & ~table["group"].isin(kept_set)
    n_other = int(pooled.sum())
    table.loc[pooled, "group"] = OTHER
    table["group"] = table["group"].fillna(UNKNOWN)
    order = list(kept) + ([OTHER] if n_other else []) + ([UNKNOWN] if n_unknown else [])
    shown_as = {key: (names or {}).get(key, key) if group_by == "article" else key for key in order}
    return Grouping(group_by, requested, reason, table, order, shown_as, n_other, n_unknown)


def articles_per_period(articles: pd.DataFrame, period: str = "month", *, max_outlets: int = 8) -> pd.DataFrame:
    """``period, group, articles``: dated articles per period and outlet, for the first figure a
    news researcher wants. The ``max_outlets`` largest outlets keep their name, the rest are pooled
    as ``OTHER``, articles with no known outlet are ``UNKNOWN``. ``attrs["undated"]`` counts the
    articles whose date is not known to the ``period``.
    """
    periods = article_periods(articles, period)
    outlets = group_articles(articles, "source", max_groups=max_outlets)
    table = pd.DataFrame({"period": periods.to_numpy(), "group": outlets.table["group"].to_numpy()})
    dated = table.dropna(subset=["period"])
    counts = dated.groupby(["period", "group"], sort=False).size().rename("articles").reset_index()
    rank = {g: i for i, g in enumerate(outlets.order)}
    counts = counts.assign(_rank=counts["group"].map(rank)).sort_values(["period", "_rank"], kind="stable")
    counts = counts.drop(columns="_rank").reset_index(drop=True).astype({"articles": "int64"})
    counts.attrs["undated"] = int(periods.isna().sum())
    return counts


def group_term_counts(term_counts: pd.DataFrame, grouping: Grouping) -> pd.DataFrame:
    """Term counts summed per group: ``group, term, count, relative_frequency``.

    Rows in the grouping's display order, then count (descending) and term, like ``count_terms``;
    ``relative_frequency`` is over the group's tokens. The table ``terms.weighted_log_odds`` takes
    once ``group`` is renamed ``article_id``.
    """
    of = grouping.of()
    summed = (term_counts.assign(group=term_counts["article_id"].map(of))
              .groupby(["group", "term"], sort=False)["count"].sum().reset_index())
    rank = {g: i for i, g in enumerate(grouping.order)}
    summed["_rank"] = summed["group"].map(rank)
    summed = summed.sort_values(["_rank", "count", "term"], ascending=[True, False, True], kind="stable")
    summed["relative_frequency"] = summed["count"] / summed.groupby("group")["count"].transform("sum")
    summed = summed.drop(columns="_rank").reset_index(drop=True)
    return summed.astype({"group": "str", "term": "str", "count": "int64"})
