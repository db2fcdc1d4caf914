"""Token prices on invented sentences: every form issue 13 lists, each with its exact normalised value.

The sentences are written for these tests; a published date (the anchor) dates the undated ones.
"""

from __future__ import annotations

import pandas as pd
import pytest

from llmnews.facts import PRICE_COLUMNS, price_facts, prices_in_text


def one(text, anchor="2024-05"):
    table = prices_in_text(text, anchor, "t")
    assert list(table.columns) == PRICE_COLUMNS
    return table


@pytest.mark.parametrize("text, entity, per_million, written_unit", [
    ("豆包大模型的价格为0.0008元/千Tokens。", "豆包大模型", "0.8", "元/千Tokens"),
    ("GLM-4的价格为0.1元/千tokens。", "GLM-4", "100", "元/千tokens"),
    ("DeepSeek-V2的API价格为1元/百万tokens。", "DeepSeek-V2", "1", "元/百万tokens"),
    ("豆包大模型的价格折合0.8厘/千tokens。", "豆包大模型", "0.8", "厘/千tokens"),
    ("文心一言的定价为1.2分/千tokens。", "文心一言", "12", "分/千tokens"),
    ("Yi-Large每万tokens的价格约合0.2元/万tokens。", "Yi-Large", "20", "元/万tokens"),
    ("DeepSeek-V2的价格为一元/百万tokens。", "DeepSeek-V2", "1", "元/百万tokens"),  # Chinese numeral
])
def test_a_rate_in_yuan(text, entity, per_million, written_unit):
    table = one(text)
    assert len(table) == 1
    row = table.iloc[0]
    assert (row.entity, row.yuan_per_million_tokens_exact, row.unit_as_written, row.currency) == \
        (entity, per_million, written_unit, "CNY")
    assert row.yuan_per_million_tokens == pytest.approx(float(per_million))


def test_exact_value_stays_exact():
    row = one("豆包大模型的定价为0.0008元/千Tokens。").iloc[0]
    assert row.value_as_written == "0.0008" and row.amount_exact == "0.0008" and row.per_tokens == 1000


def test_per_unit_first_with_input_and_output():
    table = one("DeepSeek-V2的API定价为每百万Tokens输入1元、输出2元。")
    assert table[["entity", "kind", "yuan_per_million_tokens_exact"]].values.tolist() == [
        ["DeepSeek-V2", "input", "1"], ["DeepSeek-V2", "output", "2"]]
    assert table["organization"].tolist() == ["DeepSeek", "DeepSeek"]


def test_one_yuan_buys_two_million_tokens():
    row = one("算下来，Qwen-Long的1元可以买200万tokens。").iloc[0]
    assert row.yuan_per_million_tokens_exact == "0.5"


def test_dollars_at_the_month_rate_recorded_in_the_row():
    table = one("5月14日，OpenAI公布GPT-4o mini的输入价格为$0.15/1M tokens，输出价格为0.6美元/百万tokens。")
    assert table["kind"].tolist() == ["input", "output"]
    assert table["currency"].tolist() == ["USD", "USD"]
    assert table["exchange_rate"].tolist() == ["7.24", "7.24"]  # May 2024 in data/exchange_rates.csv
    assert table["exchange_rate_period"].tolist() == ["2024-05", "2024-05"]
    assert table["yuan_per_million_tokens_exact"].tolist() == ["1.086", "4.344"]  # 0.15 x 7.24, 0.6 x 7.24


def test_a_cut_gives_a_before_and_an_after_row():
    table = one("智谱AI宣布GLM-3 Turbo的调用价格从5元/百万Tokens降至1元/百万Tokens。")
    assert table[["status", "yuan_per_million_tokens_exact"]].values.tolist() == [
        ["before_cut", "5"], ["after_cut", "1"]]
    assert set(table["entity"]) == {"GLM-3 Turbo"}


def test_the_first_price_of_a_cut_may_borrow_the_unit():
    table = one("GLM-4的价格从0.1元降至0.05元/千tokens。")
    assert table[["status", "yuan_per_million_tokens_exact"]].values.tolist() == [
        ["before_cut", "100"], ["after_cut", "50"]]


def test_free_is_zero_with_status_free():
    row = one("百度宣布ERNIE Speed的API调用全面免费。").iloc[0]
    assert (row.entity, row.yuan_per_million_tokens_exact, row.status) == ("ERNIE Speed", "0", "free")


def test_coordinated_models_each_get_the_price():
    table = one("百度宣布ERNIE Speed、ERNIE Lite的API调用全面免费。")
    assert table["entity"].tolist() == ["ERNIE Speed", "ERNIE Lite"]


def test_approximate_and_unnamed():
    row = one("而市面上同规格模型的定价一般为0.12元/千Tokens。").iloc[0]
    assert (row.entity, row.status, row.yuan_per_million_tokens_exact) == ("", "approximate", "120")


@pytest.mark.parametrize("text", [
    "智谱AI将为优秀的开源开发者提供1000亿免费API tokens。",  # a grant, not a price
    "企业在登记获得授权后，也可免费商业使用ChatGLM-6B。",     # a licence
    "字节跳动宣布豆包Pro的免费额度提高到每天50万tokens。",     # an allowance
    "moonshot-v1-32k支持更长的输入，GSM8k得分为80。",         # sizes in names
    "今年618期间，三六零（601360.SH）股价上涨5%。",             # a shopping festival, a stock code
    "2024年，价格战愈演愈烈。",                                # a year
])
def test_not_prices(text):
    assert one(text).empty


def test_date_of_the_sentence_else_the_anchor():
    table = one("5月15日，字节跳动宣布豆包大模型的价格为0.0008元/千Tokens。GLM-4的价格为0.1元/千tokens。")
    assert table["date"].tolist() == ["2024-05-15", "2024-05"]
    assert table["date_source"].tolist() == ["own sentence", "publication anchor"]
    assert table["granularity"].tolist() == ["day", "month"]
    assert one("GLM-4的价格为0.1元/千tokens。", anchor=None)["date_source"].tolist() == ["none"]


def test_price_facts_works_article_by_article():
    articles = pd.DataFrame({
        "article_id": ["x", "y", "z"],
        "text": ["GLM-4的价格为0.1元/千tokens。", "没有价格的文章。", "5月1日，Yi-Large的价格为每百万tokens 20元。"],
        "published": ["2024-03", None, "2024-06-02"],
        "published_basis": ["inferred", "unknown", "metadata"],
    })
    table = price_facts(articles)
    assert table["article_id"].tolist() == ["x", "z"]
    assert table["date"].tolist() == ["2024-03", "2024-05-01"]
    assert table["anchor_basis"].tolist() == ["inferred", "metadata"]
    # flat cells only: no lists or dicts a partitioned store could not hold
    assert not table.map(lambda v: isinstance(v, (list, dict, tuple))).any().any()
    # the per-article function gives the same rows as the table function
    alone = prices_in_text(articles.text[2], "2024-06-02", "z", anchor_basis="metadata")
    pd.testing.assert_frame_equal(alone, table[table.article_id == "z"].reset_index(drop=True))


def test_an_empty_corpus_gives_an_empty_table_with_the_columns():
    empty = price_facts(pd.DataFrame(columns=["article_id", "text", "published", "published_basis"]))
    assert empty.empty and list(empty.columns) == PRICE_COLUMNS


def test_one_reading_per_partition_equals_the_three_table_functions():
    from llmnews.facts import facts_for_partition, price_changes, quantity_facts

    articles = pd.DataFrame({
        "article_id": ["x", "y"],
        "text": ["GLM-3 Turbo的价格从5元/百万Tokens降至1元/百万Tokens，降幅高达80%。",
                 "2023年，智谱AI融资金额超过25亿元。GLM-4支持128k上下文。"],
        "published": ["2024-05", "2024-01"], "published_basis": ["inferred", "metadata"],
    })
    together = facts_for_partition(articles)
    pd.testing.assert_frame_equal(together["prices"], price_facts(articles))
    pd.testing.assert_frame_equal(together["changes"], price_changes(articles))
    pd.testing.assert_frame_equal(together["quantities"], quantity_facts(articles))
    # and partition by partition gives the same rows as the whole
    halves = [facts_for_partition(articles.iloc[[i]]) for i in range(2)]
    pd.testing.assert_frame_equal(pd.concat([h["quantities"] for h in halves], ignore_index=True),
                                  together["quantities"])
