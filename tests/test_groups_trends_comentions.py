"""Groups of articles, term trends and the co-mention network, on small hand-made tables."""

from __future__ import annotations

import pandas as pd
import pytest

from llmnews import comentions, groups, trends
from llmnews.errors import LlmnewsError


def _articles(rows):
    """rows: (article_id, source, published, granularity, n_chars)."""
    return pd.DataFrame(rows, columns=["article_id", "source", "published", "published_granularity", "n_chars"])


def _many(n, sources=None, months=None):
    rows = []
    for i in range(n):
        source = sources[i % len(sources)] if sources else None
        month = months[i % len(months)] if months else None
        rows.append((f"a{i:03d}", source, f"{month}-15" if month else None, "day" if month else None, 100 + i))
    return _articles(rows)


def test_auto_compares_a_dozen_articles_one_by_one():
    grouping = groups.group_articles(_many(12, sources=["甲报", "乙网"]), names={"a000": "000 · 标题"})
    assert grouping.by == "article" and grouping.requested == "auto" and grouping.column == "article_id"
    assert grouping.order[0] == "a000" and grouping.labels["a000"] == "000 · 标题" and grouping.n_groups == 12


def test_past_the_cap_the_longest_articles_keep_their_own_group():
    grouping = groups.group_articles(_many(5), "article", max_groups=2)  # n_chars 100..104
    assert grouping.order == ["a003", "a004", groups.OTHER] and grouping.n_other == 3


def test_articles_per_period_counts_dated_articles_by_outlet():
    articles = _articles([("a", "甲", "2024-01-02", "day", 1), ("b", "甲", "2024-01-20", "day", 1),
                          ("c", "乙", "2024-02-01", "day", 1), ("d", None, "2024-02", "month", 1),
                          ("e", "乙", "2024", "year", 1)])
    table = groups.articles_per_period(articles, "month")
    assert table.values.tolist() == [["2024-01", "甲", 2], ["2024-02", "乙", 1], ["2024-02", groups.UNKNOWN, 1]]
    assert table.attrs["undated"] == 1


def test_auto_takes_the_outlet_when_two_or_more_are_known():
    grouping = groups.group_articles(_many(30, sources=["甲报", "乙网", "丙科技"]))
    assert grouping.by == "source" and grouping.column == "source"
    assert grouping.order == ["丙科技", "乙网", "甲报"]  # ten each: ties by name
    assert "3 outlets" in grouping.reason


def test_auto_falls_back_to_month_then_quarter_when_outlets_are_unknown():
    by_month = groups.group_articles(_many(20, months=["2024-01", "2024-03", "2024-02"]))
    assert by_month.by == "month" and by_month.order == ["2024-01", "2024-02", "2024-03"]
    months = [f"{2021 + i // 12}-{i % 12 + 1:02d}" for i in range(30)]  # 30 months: too many for months
    by_quarter = groups.group_articles(_many(30, months=months))
    assert by_quarter.by == "quarter" and by_quarter.order[0] == "2021Q1"


def test_periods_respect_the_granularity_of_the_date():
    articles = _articles([("a", None, "2024-05-03", "day", 1), ("b", None, "2024", "year", 1),
                          ("c", None, None, None, 1), ("d", None, "2024-11", "month", 1)])
    assert groups.article_periods(articles, "month").tolist() == ["2024-05", None, None, "2024-11"]
    assert groups.article_periods(articles, "quarter").tolist() == ["2024Q2", None, None, "2024Q4"]
    assert groups.article_periods(articles, "year").tolist() == ["2024", "2024", None, "2024"]


def test_groups_past_the_cap_are_pooled_and_unknowns_kept_and_counted():
    articles = _many(9, sources=["甲", "甲", "甲", "乙", "乙", "丙", "丁", None, None])
    grouping = groups.group_articles(articles, "source", max_groups=2)
    assert grouping.order == ["甲", "乙", groups.OTHER, groups.UNKNOWN]
    assert (grouping.n_other, grouping.n_unknown) == (2, 2)
    assert "2 articles outside" in grouping.summary() and "no known source" in grouping.summary()


def test_a_metadata_column_groups_and_an_unknown_name_is_refused_with_the_choices():
    articles = _many(3)
    metadata = {"a000": {"region": "华东"}, "a001": {"region": "华北"}, "a002": {"region": ""}}
    grouping = groups.group_articles(articles, "region", metadata=metadata)
    assert grouping.of() == {"a000": "华东", "a001": "华北", "a002": groups.UNKNOWN}
    with pytest.raises(LlmnewsError, match="'section'.*its columns: region"):
        groups.group_articles(articles, "section", metadata=metadata)


def test_group_term_counts_sum_articles_and_rate_by_group():
    articles = _many(3, sources=["甲", "甲", "乙"])
    counts = pd.DataFrame({"article_id": ["a000", "a000", "a001", "a002"], "term": ["大模型", "开源", "大模型", "开源"],
                           "count": [2, 1, 3, 4]})
    grouping = groups.group_articles(articles, "source")
    table = groups.group_term_counts(counts, grouping)
    assert table[["group", "term", "count"]].values.tolist() == [["甲", "大模型", 5], ["甲", "开源", 1], ["乙", "开源", 4]]
    assert table["relative_frequency"].tolist() == pytest.approx([5 / 6, 1 / 6, 1.0])


def _counts_over_months():
    # three months, one article each, 100 tokens each: 开源 used 1, 3, 5 times; 闭源 5, 3, 1
    articles = _many(3, months=["2024-01", "2024-02", "2024-03"])
    rows = []
    for article, (up, down) in zip(articles["article_id"], [(1, 5), (3, 3), (5, 1)]):
        rows += [(article, "开源", up), (article, "闭源", down), (article, "其他", 100 - up - down)]
    return articles, pd.DataFrame(rows, columns=["article_id", "term", "count"])


def test_term_trends_give_the_rate_and_the_articles_behind_each_point():
    articles, counts = _counts_over_months()
    table = trends.term_trends(counts, articles, ["开源"], period="month")
    assert table["period"].tolist() == ["2024-01", "2024-02", "2024-03"]
    assert table["per_1000_tokens"].tolist() == pytest.approx([10.0, 30.0, 50.0])
    assert table["n_articles"].tolist() == [1, 1, 1]


def test_rising_terms_rank_by_slope_and_need_three_periods():
    articles, counts = _counts_over_months()
    rising = trends.rising_terms(counts, articles, n=1, min_count=5)
    assert rising["term"].tolist() == ["开源"]
    assert rising.at[0, "slope"] == pytest.approx(20.0)  # +20 per 1,000 tokens a month
    two = articles.head(2)
    assert trends.rising_terms(counts[counts["article_id"].isin(two["article_id"])], two).empty


def _tokens(sentences):
    rows = []
    for article, sentence, terms in sentences:
        for term in terms:
            rows.append((article, sentence, term))
    return pd.DataFrame(rows, columns=["article_id", "sentence", "term"])


def test_co_mentions_count_sentences_once_and_roll_models_up_to_organisations():
    tokens = _tokens([
        ("a", 1, ["GPT-4", "OpenAI", "智谱AI", "GPT-4"]),  # OpenAI twice (GPT-4 is OpenAI's), one sentence
        ("a", 2, ["GLM-4", "百度"]),
        ("b", 1, ["智谱AI", "OpenAI"]),
        ("b", 2, ["大模型"]),
    ])
    edges = comentions.co_mention_edges(tokens)
    assert edges.values.tolist() == [["OpenAI", "智谱AI", 2, 2], ["智谱AI", "百度", 1, 1]]


def test_co_mention_network_keeps_the_top_nodes_and_finds_communities():
    tokens = _tokens([("a", i, pair) for i, pair in enumerate(
        [["OpenAI", "微软"]] * 3 + [["百度", "阿里巴巴"]] * 3 + [["OpenAI", "百度"]] + [["智谱AI"]])])
    graph, nodes, edges = comentions.co_mention_network(tokens, top_n=4)
    assert set(nodes["node"]) == {"OpenAI", "百度", "微软", "阿里巴巴"}  # 智谱AI (1 sentence) is 5th
    assert graph["OpenAI"]["微软"]["weight"] == 3
    community = dict(zip(nodes["node"], nodes["community"]))
    assert community["OpenAI"] == community["微软"] != community["百度"] == community["阿里巴巴"]


def test_topic_prevalence_weights_each_article_once_within_its_bin():
    from llmnews import topics

    shares = pd.DataFrame({1: [1.0, 0.0, 0.5, 0.0], 2: [0.0, 1.0, 0.5, 0.0]},
                          index=pd.Index(["a", "b", "c", "d"], name="article_id"))
    shares.columns.name = "topic"
    bins = {"a": "甲", "b": "甲", "c": "乙", "d": "乙"}  # d has no modelled term: left out of 乙
    table = topics.topic_prevalence(shares, pd.Series(bins), order=["甲", "乙"])
    assert table.values.tolist() == [["甲", 1, 0.5, 2], ["甲", 2, 0.5, 2], ["乙", 1, 0.5, 1], ["乙", 2, 0.5, 1]]


def test_corpus_scale_figures_stay_within_the_size_limit():
    import networkx as nx

    from llmnews.plotting import corpus_scale
    from llmnews.plotting.save import DPI, MAX_SIDE_PX

    months = [f"{2020 + i // 12}-{i % 12 + 1:02d}" for i in range(120)]  # ten years of months
    counts = pd.DataFrame([(m, f"outlet{j}", 3) for m in months for j in range(12)],
                          columns=["period", "group", "articles"])
    trend = pd.DataFrame([(m, t, 1, 100, 10.0, 5, 1) for m in months for t in ["开源", "闭源"]],
                         columns=["period", "term", "count", "period_tokens", "per_1000_tokens", "n_articles",
                                  "articles_using"])
    prevalence = pd.DataFrame([(m, t, 0.25, 4) for m in months for t in range(1, 5)],
                              columns=["bin", "topic", "share", "n_articles"])
    graph = nx.path_graph(["OpenAI", "百度", "智谱AI"])
    for a, b in graph.edges():
        graph[a][b]["weight"] = 2
    nodes = pd.DataFrame({"node": ["OpenAI", "百度", "智谱AI"], "label": ["OpenAI", "百度", "智谱AI"],
                          "sentences": [5, 3, 2], "degree": [1, 2, 1], "community": [1, 1, 2]})
    figures = [
        corpus_scale.articles_per_period_figure(counts),
        corpus_scale.term_trends_figure(trend),
        corpus_scale.topic_prevalence_figure(prevalence, {1: "甲"}, by="month"),
        corpus_scale.co_mention_figure(graph, nodes, seed=1),
    ]
    for fig in figures:
        width, height = fig.get_size_inches() * DPI
        assert max(width, height) <= MAX_SIDE_PX
    assert "showing 36 of 120 months" in figures[2].axes[0].get_title()


def test_a_time_axis_has_every_period_between_the_first_and_the_last():
    from llmnews.plotting.corpus_scale import period_range

    assert period_range(["2024-02", "2023-11"], "month") == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert period_range(["2024Q1", "2023Q3"], "quarter") == ["2023Q3", "2023Q4", "2024Q1"]
    assert period_range(["2025", "2023"], "year") == ["2023", "2024", "2025"]


def test_a_group_is_named_by_its_key_or_its_label_and_an_unknown_one_is_refused():
    grouping = groups.group_articles(_many(3), "article", names={"a001": "001 · 标题"})
    assert grouping.key_of("a001", "KEYNESS_GROUP") == "a001"
    assert grouping.key_of("001 · 标题", "KEYNESS_GROUP") == "a001"
    with pytest.raises(LlmnewsError, match="KEYNESS_AGAINST='nope' is not one of the groups"):
        grouping.key_of("nope", "KEYNESS_AGAINST")
