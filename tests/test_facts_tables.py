"""Reading tables: models priced differently by two articles, funding, parameters."""

from __future__ import annotations

import pandas as pd

from llmnews.facts import price_facts, quantity_facts
from llmnews.facts.tables import funding_table, parameter_table, price_table, priced_differently


def articles(*texts):
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))], "text": list(texts),
                         "published": ["2024-05"] * len(texts), "published_basis": ["metadata"] * len(texts)})


def test_two_articles_pricing_one_model_differently_are_flagged():
    prices = price_facts(articles("GLM-4的价格为0.1元/千tokens。", "GLM-4的价格为0.05元/千tokens。",
                                  "GLM-4的价格为0.1元/千tokens。"))
    differ = priced_differently(prices)
    assert differ[["entity", "kind", "n_articles", "values_yuan_per_million_tokens"]].values.tolist() == [
        ["GLM-4", "unspecified", 3, "50; 100"]]
    table = price_table(prices)
    assert table.loc[table["article_id"] == "a1", "priced_differently_by"].item() == \
        "a0: 100 (stated, 2024-05); a2: 100 (stated, 2024-05)"


def test_a_cut_and_agreeing_articles_are_no_disagreement():
    prices = price_facts(articles("GLM-3 Turbo的价格从5元/百万Tokens降至1元/百万Tokens。",
                                  "GLM-3 Turbo的价格为1元/百万tokens。"))
    assert priced_differently(prices).empty
    assert set(price_table(prices)["priced_differently_by"]) == {""}


def test_unnamed_models_are_never_compared():
    prices = price_facts(articles("市面上同类模型的价格为0.1元/千tokens。", "市面上同类模型的价格为0.2元/千tokens。"))
    assert len(prices) == 2 and priced_differently(prices).empty


def test_funding_and_parameter_tables():
    quantities = quantity_facts(articles("2023年，智谱AI融资金额超过25亿元，估值达到200亿元。",
                                         "2022年，智谱AI研发了1300亿参数的GLM-130B。"))
    funding = funding_table(quantities)
    assert funding[["organization", "quantity", "value_exact", "qualifier"]].values.tolist() == [
        ["智谱AI", "funding", "2500000000", "≥"], ["智谱AI", "valuation", "20000000000", "="]]
    assert parameter_table(quantities)[["entity", "value_exact", "date"]].values.tolist() == [
        ["GLM-130B", "130000000000", "2022"]]
