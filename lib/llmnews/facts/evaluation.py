"""Precision and recall of extracted facts against a hand-labelled table.

A predicted row is right when some gold row of the same article has the same values in every key
column (entity, kind, exact value, status or qualifier, date); each gold row can be matched once,
so a fact reported twice by one sentence counts once as right and once as wrong.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["PRICE_KEYS", "CHANGE_KEYS", "QUANTITY_KEYS", "score_facts"]

PRICE_KEYS = ("article_id", "entity", "kind", "yuan_per_million_tokens_exact", "status", "date")
CHANGE_KEYS = ("article_id", "entity", "kind", "change_exact", "relative_to", "qualifier", "date")
QUANTITY_KEYS = ("article_id", "entity", "quantity", "value_exact", "value_max_exact", "unit", "qualifier", "date")


def _keys(table: pd.DataFrame, keys) -> list[tuple]:
    return [tuple("" if pd.isna(v) else str(v) for v in row) for row in table[list(keys)].itertuples(index=False)]


def _take_matches(keys: list[tuple], pool: list[tuple]) -> tuple[list[bool], list[tuple]]:
    """For each key in order, whether it is in ``pool`` (each pool entry used once), and what is left."""
    left = list(pool)
    found = []
    for key in keys:
        if key in left:
            left.remove(key)
            found.append(True)
        else:
            found.append(False)
    return found, left


def score_facts(predicted: pd.DataFrame, gold: pd.DataFrame, keys) -> dict:
    """``precision``, ``recall``, counts, and the ``false_positives`` / ``false_negatives`` rows."""
    pred, gold_keys = _keys(predicted, keys), _keys(gold, keys)
    # a predicted row is right when an unused gold row has its keys (a multiset match)
    right, unmatched = _take_matches(pred, gold_keys)
    # a gold row is missed when it is one of the gold rows no prediction used
    missed, _ = _take_matches(gold_keys, unmatched)
    n_pred, n_gold = len(pred), len(gold_keys)
    return {
        "precision": sum(right) / n_pred if n_pred else float("nan"),
        "recall": (n_gold - sum(missed)) / n_gold if n_gold else float("nan"),
        "n_predicted": n_pred, "n_gold": n_gold,
        "false_positives": predicted[[not r for r in right]].reset_index(drop=True),
        "false_negatives": gold[missed].reset_index(drop=True),
    }
