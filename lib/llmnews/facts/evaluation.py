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


def score_facts(predicted: pd.DataFrame, gold: pd.DataFrame, keys) -> dict:
    """``precision``, ``recall``, counts, and the ``false_positives`` / ``false_negatives`` rows."""
    remaining = _keys(gold, keys)
    pred = _keys(predicted, keys)
    right = []
    for key in pred:
        if key in remaining:
            remaining.remove(key)
            right.append(True)
        else:
            right.append(False)
    gold_keys = _keys(gold, keys)
    unmatched = list(remaining)
    missed = []
    for key in gold_keys:
        if key in unmatched:
            unmatched.remove(key)
            missed.append(True)
        else:
            missed.append(False)
    n_pred, n_gold = len(pred), len(gold_keys)
    return {
        "precision": sum(right) / n_pred if n_pred else float("nan"),
        "recall": (n_gold - sum(missed)) / n_gold if n_gold else float("nan"),
        "n_predicted": n_pred, "n_gold": n_gold,
        "false_positives": predicted[[not r for r in right]].reset_index(drop=True),
        "false_negatives": gold[missed].reset_index(drop=True),
    }
