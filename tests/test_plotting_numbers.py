"""The figures of notebook 05: drawn tables and figures on small invented fact tables."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.figure import Figure

from llmnews import plots  # noqa: F401  (registers the bundled CJK font, as a notebook does)
from llmnews.facts import prices_in_text, quantities_in_text
from llmnews.plotting import numbers

PRICE_TEXT = ("5月15日，豆包大模型的价格为0.0008元/千Tokens。GLM-3 Turbo的价格从5元/百万Tokens降至1元/百万Tokens。"
              "DeepSeek-V2的API定价为每百万Tokens输入1元、输出2元。百度宣布ERNIE Speed的API调用全面免费。")


@pytest.fixture
def prices():
    return prices_in_text(PRICE_TEXT, "2024-05", "t")


def test_price_war_points(prices):
    points = numbers.price_war_points(prices)
    assert len(points) == len(prices) == 6
    # free sits on a floor one decade below the cheapest paid price (0.8)
    assert points.attrs["floor"] == pytest.approx(0.08)
    free = points[points["at_floor"]]
    assert free["y"].tolist() == [pytest.approx(0.08)] and free["entity"].tolist() == ["ERNIE Speed"]
    pair = points[points["pair_id"] != ""]
    assert sorted(pair["status"]) == ["after_cut", "before_cut"] and pair["pair_id"].nunique() == 1
    # input and output of one day are drawn apart
    deepseek = points[points["entity"] == "DeepSeek-V2"].set_index("kind")["x"]
    assert deepseek["input"] < deepseek["output"]


def test_price_war_series_are_capped(prices):
    points = numbers.price_war_points(prices, max_series=2)
    assert points["series"].nunique() == 3
    assert any(s.startswith("其他 others") for s in points["series"])


def test_price_war_figure_draws_arrows_and_a_log_axis(prices):
    fig = numbers.price_war_figure(numbers.price_war_points(prices))
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    arrows = [c for c in ax.texts if getattr(c, "arrow_patch", None) is not None]
    assert len(arrows) == 1
    labels = {t.get_text() for t in ax.texts}
    assert "豆包大模型 (Doubao models)" in labels and " 免费 free" in labels
    width, height = fig.get_size_inches() * fig.dpi
    assert width <= 4000 and height <= 4000
    plt.close(fig)


def test_price_war_without_prices_says_so():
    empty = numbers.price_war_points(prices_in_text("这篇文章没有价格。", "2024-05", "t"))
    fig = numbers.price_war_figure(empty)
    assert "no dated prices" in fig.axes[0].texts[0].get_text()
    plt.close(fig)


def test_undated_prices_are_counted_not_drawn():
    points = numbers.price_war_points(prices_in_text("GLM-4的价格为0.1元/千tokens。", None, "t"))
    assert points.empty and points.attrs["n_undated"] == 1


def test_parameter_points_and_figure():
    quantities = pd.concat([
        quantities_in_text("2022年，智谱AI研发了1300亿级超大规模预训练通用模型GLM-130B。", "2024-05", "a"),
        quantities_in_text("这一年，智谱首次开源了具有1300亿参数的双语模型GLM-130B。2020年智谱训练了100亿参数模型GLM-10B。",
                           "2024-03", "b"),
    ], ignore_index=True)
    points = numbers.parameter_points(quantities, max_labels=1)
    assert points["entity"].tolist() == ["GLM-10B", "GLM-130B", "GLM-130B"]
    assert (points["label"] != "").sum() == 1  # capped, and never twice for one point
    fig = numbers.parameter_figure(points)
    assert fig.axes[0].get_yscale() == "log"
    plt.close(fig)
    empty = numbers.parameter_figure(numbers.parameter_points(quantities.iloc[0:0]))
    assert "no dated parameter counts" in empty.axes[0].texts[0].get_text()
    plt.close(empty)
