"""Quantities on invented sentences: parameters, funding and valuations, users, compute, context."""

from __future__ import annotations

import pytest

from llmnews.facts import QUANTITY_COLUMNS, quantities_in_text


def quantities(text, anchor="2024-05"):
    table = quantities_in_text(text, anchor, "t")
    assert list(table.columns) == QUANTITY_COLUMNS
    return table


def only(text, anchor="2024-05"):
    table = quantities(text, anchor)
    assert len(table) == 1, table[["quantity", "value_exact", "value_as_written"]]
    return table.iloc[0]


@pytest.mark.parametrize("text, entity, value, qualifier", [
    ("荣耀发布了自研的70亿参数端侧大模型魔法大模型。", "魔法大模型", "7000000000", "="),
    ("2022年，智谱AI研发了1300亿级超大规模预训练通用模型GLM-130B。", "GLM-130B", "130000000000", "≥"),
    ("智谱AI推出千亿级开源基座模型GLM。", "GLM", "100000000000", "≥"),
    ("GPT-3的参数量达到1750亿。", "GPT-3", "175000000000", "="),
    ("Llama 3拥有超过70B参数。", "Llama 3", "70000000000", "≥"),
])
def test_parameters(text, entity, value, qualifier):
    row = only(text)
    assert (row.quantity, row.entity, row.value_exact, row.unit, row.qualifier) == \
        ("parameters", entity, value, "parameters", qualifier)


@pytest.mark.parametrize("text", [
    "猎户星空大模型在结合企业私有数据时，即可实现千亿参数级别的模型效果。",  # a comparison
    "专家口中中国10亿级参数规模以上大模型的发布数量为79个。",              # a class of models
    "猎户星空发布了大模型Orion-14B。",                                      # a size in a name
])
def test_not_parameter_counts(text):
    assert quantities(text).empty


def test_funding_with_its_qualifier_and_the_round_date():
    row = only("2023年7月至9月，智谱AI共拿到了5轮融资，融资金额超过25亿元。")
    assert (row.quantity, row.entity, row.value_exact, row.unit, row.qualifier) == \
        ("funding", "智谱AI", "2500000000", "CNY", "≥")
    assert (row.date, row.granularity) == ("2023-07/2023-09", "range")


def test_valuation_post_money():
    table = quantities("智谱AI今年的总计融资额达25亿元人民币，投后估值超过140亿元。")
    assert table[["quantity", "value_exact", "qualifier", "note"]].values.tolist() == [
        ["funding", "2500000000", "=", ""], ["valuation", "14000000000", "≥", "post-money (投后)"]]


def test_the_investor_is_not_the_entity():
    row = only("OpenAI曾获得了微软10亿美元投资。")
    assert (row.entity, row.value_exact, row.unit) == ("OpenAI", "1000000000", "USD")


@pytest.mark.parametrize("text", [
    "智谱AI联合生态伙伴发起总额10亿元的大模型创业基金。",      # a fund
    "360智脑创造了近2000万元营收。",                          # revenue
    "硅谷在人工智能领域融资总金额约140亿美元。",                # a market total
    "智谱AI将提供1000万元的现金用来支持开源项目。",             # a grant
])
def test_money_that_is_no_funding(text):
    assert quantities(text).empty


@pytest.mark.parametrize("text, entity, kind, value, value_max, qualifier", [
    ("文心一言的日活用户数约为80万左右。", "文心一言", "daily_active_users", "800000", "", "≈"),
    ("智谱清言的日活用户数区间仅为10万至40万。", "智谱清言", "daily_active_users", "100000", "400000", "range"),
    ("2023年1月，ChatGPT月活用户数突破了1亿。", "ChatGPT", "monthly_active_users", "100000000", "", "≥"),
    ("ChatGPT上线五天用户数便突破百万。", "ChatGPT", "users", "1000000", "", "≥"),
    ("Kimi的注册用户数超过3000万。", "Kimi", "registered_users", "30000000", "", "≥"),
    ("豆包已拥有超过1亿月活用户。", "豆包", "monthly_active_users", "100000000", "", "≥"),
])
def test_users(text, entity, kind, value, value_max, qualifier):
    row = only(text)
    assert (row.entity, row.quantity, row.value_exact, row.value_max_exact, row.qualifier) == \
        (entity, kind, value, value_max, qualifier)


def test_developers_and_partners_are_not_users():
    assert quantities("我们已经拥有大约200万的开发者，超2000家生态合作伙伴。").empty


@pytest.mark.parametrize("text, entity, value, unit, qualifier", [
    ("昆仑万维CEO方汉表示，没有2000张A100的卡，实验都做不了。", "昆仑万维", "2000", "A100", "="),
    ("为了维持日常推理，OpenAI至少需要3.24万张A100。", "OpenAI", "32400", "A100", "≥"),
    ("字节跳动正在建设万卡集群。", "字节跳动", "10000", "cards", "="),
])
def test_compute(text, entity, value, unit, qualifier):
    row = only(text)
    assert (row.quantity, row.entity, row.value_exact, row.unit, row.qualifier) == \
        ("compute", entity, value, unit, qualifier)


def test_cards_given_away_are_a_grant():
    assert quantities("智谱AI将为大模型开源社区提供1000张计算卡。").empty


@pytest.mark.parametrize("text, entity, value, unit", [
    ("GPT-4 Turbo支持128k上下文。", "GPT-4 Turbo", "128000", "tokens"),
    ("GLM-4可以在128K文本长度内做到精准召回。", "GLM-4", "128000", "tokens"),
    ("Kimi的上下文长度为200万字。", "Kimi", "2000000", "characters"),
    ("Claude能一次性总结约7.5万个单词。", "Claude", "75000", "words"),
])
def test_context_length(text, entity, value, unit):
    row = only(text)
    assert (row.quantity, row.entity, row.value_exact, row.unit) == ("context_length", entity, value, unit)


@pytest.mark.parametrize("text", [
    "月之暗面推出moonshot-v1-32k模型。",       # 32K in a model name
    "Grok在GSM8k基准测试中表现优异。",          # a benchmark name
    "昆仑万维（300418.SZ）发布公告。",           # a stock code
    "今年618期间，大模型厂商纷纷促销。",         # a date-like number
    "2024年，大模型会迎来商业化落地潮。",        # a year
    "GLM-4整体性能相比上一代大幅提升60%。",      # a percentage of something else
])
def test_not_quantities(text):
    assert quantities(text).empty
