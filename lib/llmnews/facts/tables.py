"""Tables for reading the facts: every price with its provenance, models priced differently by two
articles, funding and valuations, parameter sizes. Each takes what ``price_facts`` /
``quantity_facts`` return and works on any corpus (an empty input gives an empty table with the
columns).
"""

from __future__ import annotations

import pandas as pd

__all__ = ["PRICE_TABLE_COLUMNS", "price_table", "priced_differently", "funding_table", "parameter_table",
           "POINT_PRICE_STATUSES"]

PRICE_TABLE_COLUMNS = ["date", "granularity", "entity", "organization", "kind", "status",
                       "yuan_per_million_tokens_exact", "value_as_written", "unit_as_written", "currency",
                       "exchange_rate", "exchange_rate_period", "article_id", "date_text", "date_source",
                       "anchor_basis", "sentence", "priced_differently_by"]
# Prices that claim to be the price at that moment (a before_cut price was the price until the cut).
POINT_PRICE_STATUSES = ("stated", "approximate", "after_cut", "free")


def priced_differently(prices: pd.DataFrame) -> pd.DataFrame:
    """One row per (entity, kind) that two articles price differently.

    Only named models, and only prices that say what the price is (``POINT_PRICE_STATUSES``);
    a price before a cut and the price after it are one story, not a disagreement. Dates are not
    required to overlap: articles often restate a price without its date, so a reader should check
    the ``prices`` column, which lists each article's value and date.
    """
    columns = ["entity", "kind", "n_articles", "values_yuan_per_million_tokens", "prices"]
    named = prices[(prices["entity"] != "") & prices["status"].isin(POINT_PRICE_STATUSES)]
    rows = []
    for (entity, kind), group in named.groupby(["entity", "kind"], sort=True):
        if group["article_id"].nunique() < 2 or group["yuan_per_million_tokens_exact"].nunique() < 2:
            continue
        per_article = [set(v) for _, v in group.groupby("article_id")["yuan_per_million_tokens_exact"]]
        # two articles disagree when they share no value (an article stating a second, later price
        # as well as the one the other article gives is no disagreement)
        if not any(a.isdisjoint(b) for i, a in enumerate(per_article) for b in per_article[i + 1:]):
            continue
        values = sorted(set(group["yuan_per_million_tokens_exact"]), key=float)
        rows.append({"entity": entity, "kind": kind, "n_articles": group["article_id"].nunique(),
                     "values_yuan_per_million_tokens": "; ".join(values),
                     "prices": "; ".join(f"{r.article_id}: {r.yuan_per_million_tokens_exact} ({r.status}, {r.date or 'no date'})"
                                         for r in group.sort_values(["article_id", "start"]).itertuples())})
    return pd.DataFrame(rows, columns=columns)


def price_table(prices: pd.DataFrame) -> pd.DataFrame:
    """Every price with its provenance, by date, with the articles that price the model otherwise."""
    table = prices.copy()
    differ = priced_differently(prices)
    flagged = {(r.entity, r.kind): r.prices for r in differ.itertuples()}
    table["priced_differently_by"] = [
        "; ".join(p for p in flagged.get((e, k), "").split("; ") if p and not p.startswith(f"{a}:"))
        for e, k, a in zip(table["entity"], table["kind"], table["article_id"])]
    table = table.sort_values(["date_start", "entity", "kind", "article_id", "start"], kind="stable",
                              na_position="last")
    return table[PRICE_TABLE_COLUMNS].reset_index(drop=True)


def funding_table(quantities: pd.DataFrame) -> pd.DataFrame:
    """Funding rounds and valuations: organisation, amount in its currency, qualifier, date, source."""
    columns = ["date", "organization", "quantity", "value_exact", "unit", "qualifier", "note", "article_id",
               "date_source", "sentence"]
    rows = quantities[quantities["quantity"].isin(["funding", "valuation"])]
    rows = rows.assign(organization=rows["entity"])
    return rows.sort_values(["date_start", "organization", "quantity"], kind="stable")[columns] \
        .reset_index(drop=True)


def parameter_table(quantities: pd.DataFrame) -> pd.DataFrame:
    """Parameter counts with their date and source, one row per report."""
    columns = ["date", "date_start", "date_end", "granularity", "entity", "organization", "value",
               "value_exact", "qualifier", "value_as_written", "article_id", "date_source", "sentence"]
    rows = quantities[quantities["quantity"] == "parameters"]
    return rows.sort_values(["date_start", "entity"], kind="stable")[columns].reset_index(drop=True)
