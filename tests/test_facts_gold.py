"""Facts against hand-labelled gold: the seed articles (every price, change and quantity), and
invented articles in the styles of other outlets (prices).

Print the figures with:
    python -m pytest tests/test_facts_gold.py -q -s

``facts_gold_invented_*`` (21 articles) was written first and the rules were then improved on it
(its first measurement was precision 0.57, recall 0.50); ``facts_gold_heldout_*`` (10 articles)
was written after that and never used to change a rule, so its figures are the honest estimate of
how the rules do on text they have not seen.
"""

from __future__ import annotations

import pandas as pd
import pytest

from llmnews import corpus, facts, paths

DATA = paths.TESTS_DIR / "data"


def _read(name):
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def seeds():
    return corpus.load_corpus(paths.ROOT / "seeds")


@pytest.mark.parametrize("name, extract, keys", [
    ("prices", facts.price_facts, facts.PRICE_KEYS),
    ("changes", facts.price_changes, facts.CHANGE_KEYS),
    ("quantities", facts.quantity_facts, facts.QUANTITY_KEYS),
])
def test_seed_gold_precision_and_recall(seeds, name, extract, keys):
    gold = _read(f"facts_gold_{name}.csv")
    assert set(gold["article_id"]) <= set(seeds["article_id"])
    score = facts.score_facts(extract(seeds), gold, keys)
    print(f"\nseed {name}: precision {score['precision']:.2f} ({score['n_predicted']} found), "
          f"recall {score['recall']:.2f} ({score['n_gold']} labelled)")
    assert score["false_positives"].empty, score["false_positives"][list(keys)]
    assert score["false_negatives"].empty, score["false_negatives"][list(keys)]
    assert score["precision"] == 1.0 and score["recall"] == 1.0


def _invented(stem):
    articles = _read(f"facts_gold_{stem}_articles.csv").assign(published_basis="metadata")
    return articles, _read(f"facts_gold_{stem}_prices.csv")


def test_prices_on_invented_articles_of_other_outlets():
    scores = {}
    for stem in ("invented", "heldout"):
        articles, gold = _invented(stem)
        assert set(gold["article_id"]) <= set(articles["article_id"])
        scores[stem] = score = facts.score_facts(facts.price_facts(articles), gold, facts.PRICE_KEYS)
        print(f"\n{stem} ({len(articles)} articles): price precision {score['precision']:.2f} "
              f"({score['n_predicted']} found), recall {score['recall']:.2f} ({score['n_gold']} labelled)")
        if len(score["false_negatives"]):
            print("  missed:", score["false_negatives"][list(facts.PRICE_KEYS)].to_dict("records"))
        if len(score["false_positives"]):
            print("  wrong:", score["false_positives"][list(facts.PRICE_KEYS)].to_dict("records"))
    assert scores["invented"]["recall"] >= 0.8
    assert scores["invented"]["precision"] >= 0.9
