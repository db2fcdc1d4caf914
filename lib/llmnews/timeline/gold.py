"""Scoring extracted events against hand labels (a gold table of article, entity, date)."""

from __future__ import annotations

import pandas as pd

from llmnews import dates

__all__ = ["score_against_gold"]

_POINT = ("day", "month", "year")


def _matches(pred_date: str, pred_granularity: str, gold_date: str, gold_granularity: str) -> bool:
    """A predicted date matches a labelled one at the label's granularity.

    Point dates: the prediction, cut to the label's granularity, equals it (a day-level
    prediction matches a month label of the same month; a year prediction never matches a month
    label: that would be missing precision). Spans (season, range, recent): the same interval.
    """
    if gold_granularity in _POINT and pred_granularity in _POINT:
        order = {"year": 0, "month": 1, "day": 2}
        if order[pred_granularity] < order[gold_granularity]:
            return False
        return dates.PartialDate.from_iso(pred_date).truncate(gold_granularity).iso() == gold_date
    return pred_date == gold_date


def _entity_key(name: str) -> str:
    """Labels and predictions name an entity alike up to spaces and letter case (abab 6.5 =
    abab6.5), and an alias is its canonical name (Baichuan4 = Baichuan 4)."""
    from llmnews import lexicon

    name = lexicon.canonical_name(str(name)) or str(name)
    return "".join(name.split()).casefold()


def score_against_gold(events: pd.DataFrame, gold: pd.DataFrame, *, event_types=("release",),
                       recall_on=("stated",)) -> dict:
    """Precision and recall of (article, entity, event type, date) against hand-labelled ``gold``.

    ``gold`` has ``article_id, entity, date, granularity, event_type, certainty``. Precision counts
    a predicted pair as right if any gold row of those event types matches it (stated or implied);
    recall is over the gold rows whose ``certainty`` is in ``recall_on``. Returns ``precision``,
    ``recall``, and the tables ``false_positives`` and ``false_negatives``.
    """
    gold = gold[gold["event_type"].isin(event_types)]
    predicted = events[events["event_type"].isin(event_types)] \
        .drop_duplicates(["article_id", "entity", "event_type", "date"])[[
            "article_id", "entity", "event_type", "date", "granularity", "date_text", "sentence"]]

    def hit(p, g):
        return p.article_id == g.article_id and p.event_type == g.event_type and \
            _entity_key(p.entity) == _entity_key(g.entity) and \
            _matches(p.date, p.granularity, g.date, g.granularity)

    gold_rows = list(gold.itertuples(index=False))
    pred_rows = list(predicted.itertuples(index=False))
    correct = [any(hit(p, g) for g in gold_rows) for p in pred_rows]
    target = [g for g in gold_rows if g.certainty in recall_on]
    found = [any(hit(p, g) for p in pred_rows) for g in target]
    precision = sum(correct) / len(pred_rows) if pred_rows else float("nan")
    recall = sum(found) / len(target) if target else float("nan")
    return {
        "precision": precision, "recall": recall,
        "n_predicted": len(pred_rows), "n_gold": len(target),
        "false_positives": predicted[[not c for c in correct]].reset_index(drop=True),
        "false_negatives": pd.DataFrame([g._asdict() for g, f in zip(target, found) if not f],
                                        columns=gold.columns),
    }
