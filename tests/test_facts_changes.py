"""Relative price changes on invented sentences, each with its exact fraction."""

from __future__ import annotations

import pytest

from llmnews.facts import CHANGE_COLUMNS, changes_in_text


def changes(text):
    table = changes_in_text(text, "2024-05", "t")
    assert list(table.columns) == CHANGE_COLUMNS
    return table


@pytest.mark.parametrize("text, entity, change, ratio, relative_to, qualifier", [
    ("OpenAI宣布GPT-4o的API价格下降50%。", "GPT-4o", "-0.5", "0.5", "previous price", "="),
    ("GLM-3 Turbo的价格从5元/百万Tokens降至1元/百万Tokens，降幅高达80%。", "GLM-3 Turbo", "-0.8", "0.2",
     "previous price", "="),
    ("全新的GPT-4 Turbo价格却降低了2/3。", "GPT-4 Turbo", "-2/3", "1/3", "previous price", "="),
    ("Kimi的价格约为GPT-4价格的1/400。", "Kimi", "-0.9975", "0.0025", "GPT-4", "≈"),
    ("DeepSeek-V2的价格为GPT-4 Turbo的近百分之一。", "DeepSeek-V2", "-0.99", "0.01", "GPT-4 Turbo", "≤"),
    ("Qwen-Max的API价格打五折。", "Qwen-Max", "-0.5", "0.5", "previous price", "="),
    ("ERNIE 4.0的价格上涨了20%。", "ERNIE 4.0", "0.2", "1.2", "previous price", "="),
])
def test_a_change(text, entity, change, ratio, relative_to, qualifier):
    table = changes(text)
    assert len(table) == 1
    row = table.iloc[0]
    assert (row.entity, row.change_exact, row.ratio_exact, row.relative_to, row.qualifier) == \
        (entity, change, ratio, relative_to, qualifier)


def test_cheaper_than_a_reference_for_both_kinds():
    table = changes("Mistral Large的输入、输出价格比GPT-4 Turbo便宜约20%。")
    assert table[["entity", "kind", "change_exact", "relative_to", "qualifier"]].values.tolist() == [
        ["Mistral Large", "input", "-0.2", "GPT-4 Turbo", "≈"],
        ["Mistral Large", "output", "-0.2", "GPT-4 Turbo", "≈"]]


def test_times_a_reference():
    row = changes("而同规格模型的定价一般为0.12元/千Tokens，是豆包模型价格的150倍。").iloc[0]
    assert (row.entity, row.change_exact, row.ratio_exact, row.relative_to) == ("", "149", "150", "豆包大模型")  # 豆包模型 is the model family (lexicon)


@pytest.mark.parametrize("text", [
    "GLM-4整体性能相比上一代大幅提升60%。",          # performance
    "投资事件数量同比下降49%，涉及总金额同比下降62%。",  # investment, not a price
    "360智脑的营收占比不过2.1%。",                      # a share of revenue
    "今年618期间，三六零（601360.SH）股价上涨5%。",       # a share price is no token price
])
def test_not_price_changes(text):
    assert changes(text).empty
