"""All three fact tables of one article from one reading, for a store that maps over partitions.

``prices_in_text``, ``changes_in_text`` and ``quantities_in_text`` each build an
``ArticleContext`` (sentences, dates, entity mentions) when called alone. ``facts_in_text`` builds
it once and hands it to all three, and the changes reuse the article's prices, so a partition of
articles is segmented and dated once: ``facts_for_partition(part)`` returns the three tables for
one partition; concatenating partitions' tables gives what ``price_facts``, ``price_changes`` and
``quantity_facts`` give on the whole corpus (nothing in a fact depends on another article).
"""

from __future__ import annotations

import pandas as pd

from llmnews.dates import PartialDate
from llmnews.facts.changes import CHANGE_COLUMNS, change_rows, changes_in_text
from llmnews.facts.context import ArticleContext, typed_table
from llmnews.facts.prices import PRICE_COLUMNS, price_rows, prices_in_text
from llmnews.facts.quantities import QUANTITY_COLUMNS, quantities_in_text, quantity_rows

__all__ = ["FACT_TABLES", "facts_in_text", "facts_for_partition"]

FACT_TABLES = {"prices": PRICE_COLUMNS, "changes": CHANGE_COLUMNS, "quantities": QUANTITY_COLUMNS}


def facts_in_text(text: str, anchor: PartialDate | str | None = None, article_id: str = "", *,
                  anchor_basis: str = "", mention_finder=None, terms=None) -> dict[str, pd.DataFrame]:
    """``{"prices", "changes", "quantities"}`` of one article, sharing one reading of it.

    ``terms`` are the article's tokens if already cut (the analysis store's), so nothing is
    segmented again."""
    if isinstance(anchor, str):
        anchor = PartialDate.from_iso(anchor) if anchor else None
    ctx = ArticleContext(text, anchor, mention_finder=mention_finder, terms=terms)
    kw = {"anchor_basis": anchor_basis, "context": ctx}
    prices = prices_in_text(text, anchor, article_id, **kw)
    return {"prices": prices,
            "changes": changes_in_text(text, anchor, article_id, prices=prices, **kw),
            "quantities": quantities_in_text(text, anchor, article_id, **kw)}


def facts_for_partition(articles: pd.DataFrame, *, mention_finder=None,
                        terms_by_article: dict | None = None) -> dict[str, pd.DataFrame]:
    """The three fact tables of an articles table (``article_id, text, published, published_basis``).

    ``mention_finder`` (sentence -> mentions, as the timeline's) lets the analysis store hand over
    the entities it already found in its token table instead of segmenting sentences again, and
    ``terms_by_article`` (article id -> its tokens) the tokens of each whole article.
    """
    from llmnews import timeline

    # rows of every article first, one typed table per kind at the end: a DataFrame per article
    # and kind cost more than reading the article
    def facts_of(article, anchor, basis, _note):
        terms = terms_by_article.get(article["article_id"], []) if terms_by_article is not None else None
        text, article_id = article["text"], article["article_id"]
        ctx = ArticleContext(text, anchor, mention_finder=mention_finder, terms=terms)
        prices = price_rows(text, anchor, article_id, anchor_basis=basis, context=ctx)
        return [("prices", prices),
                ("changes", change_rows(text, anchor, article_id, anchor_basis=basis, context=ctx, prices=prices)),
                ("quantities", quantity_rows(text, anchor, article_id, anchor_basis=basis, context=ctx))]

    found: dict[str, list[dict]] = {name: [] for name in FACT_TABLES}
    for name, rows in timeline.rows_per_article(articles, facts_of):  # the one loop over anchored articles
        found[name].extend(rows)
    return {name: typed_table(rows, FACT_TABLES[name]) for name, rows in found.items()}
