"""Figures of notebook 04, on hand-made event tables (no extraction runs here)."""

from __future__ import annotations

from datetime import date

import matplotlib.pyplot as plt
import pandas as pd
from figure_checks import same_bytes_twice, saved_size, tick_labels
from matplotlib.collections import PolyCollection

from llmnews.plotting import save
from llmnews.plotting import timeline as timeline_figures


def report(event_id, entity, organization, start, end, granularity, article_id="a", *, event_type="release",
           conflict=False, entity_type="model"):
    return {"event_id": event_id, "entity": entity, "organization": organization, "start": start, "end": end,
            "granularity": granularity, "article_id": article_id, "event_type": event_type,
            "conflict": conflict, "entity_type": entity_type}


# 文心一言: March 2023 in one article, May 2023 in another (a conflict); 荣耀's model on a day.
SHOWN = pd.DataFrame([
    report(1, "文心一言", "百度", date(2023, 3, 1), date(2023, 3, 31), "month", "a", conflict=True),
    report(1, "文心一言", "百度", date(2023, 5, 1), date(2023, 5, 31), "month", "b", conflict=True),
    report(2, "魔法大模型", "荣耀", date(2024, 1, 10), date(2024, 1, 10), "day", "a"),
    report(3, "GLM-4", "智谱AI", date(2024, 1, 16), date(2024, 1, 16), "day", "a"),
    report(3, "GLM-4", "智谱AI", date(2024, 1, 1), date(2024, 1, 31), "month", "b"),
])


def test_timeline_one_lane_per_organization_earliest_first_spans_for_months():
    fig = timeline_figures.timeline_figure(SHOWN)
    ax = fig.axes[0]
    assert tick_labels(ax.yaxis) == ["百度 (Baidu)", "荣耀 (Honor)", "智谱AI (Zhipu AI)"]
    # One mark per event: 文心一言's narrowest report is a month, so one span; the others are days.
    spans = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(spans) == 1
    labels = {t.get_text(): t.get_color() for t in ax.texts}
    # GLM-4 is reported by two articles; 文心一言 is red because the articles disagree.
    assert labels == {"文心一言 (ERNIE Bot) ×2": timeline_figures.CONFLICT_COLOUR,
                      "魔法大模型 (MagicLM (Honor))": "#222222", "GLM-4 ×2": "#222222"}
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["发布/推出 release", "日期冲突 conflicting dates"]
    plt.close(fig)


def test_timeline_with_more_organizations_than_lanes_keeps_the_busiest():
    many = pd.DataFrame(
        [report(i, f"模型{i}", f"公司{i}", date(2020, 1, 1 + i), date(2020, 1, 1 + i), "day") for i in range(20)]
        + [report(100 + i, f"模型B{i}", "公司19", date(2021, 1, 1 + i), date(2021, 1, 1 + i), "day") for i in range(3)]
    )
    fig = timeline_figures.timeline_figure(many, max_lanes=5)
    ax = fig.axes[0]
    lanes = tick_labels(ax.yaxis)
    assert len(lanes) == 5
    assert "公司19" in lanes  # four events, the busiest lane
    assert ax.get_title().endswith("(showing 5 of 20 organisations)")
    plt.close(fig)


def test_timeline_of_hundreds_of_organizations_stays_within_the_size_limit():
    many = pd.DataFrame([report(i, f"模型{i}", f"公司{i}", date(2020, 1, 1), date(2020, 1, 1), "day")
                         for i in range(300)])
    width, height = saved_size(timeline_figures.timeline_figure(many))
    assert width <= save.MAX_SIDE_PX and height <= save.MAX_SIDE_PX


def test_quarter_bars_count_releases_and_name_the_unplaced():
    counts = pd.DataFrame({"quarter": ["2023Q1", "2023Q2", "2023Q3"], "n_releases": [2, 0, 1],
                           "entities": ["文心一言、GLM-4", "", "Grok"]})
    fig = timeline_figures.quarter_figure(counts, n_unplaced=2)
    ax = fig.axes[0]
    assert [bar.get_height() for bar in ax.patches] == [2, 0, 1]
    assert tick_labels(ax.xaxis) == ["2023Q1", "2023Q2", "2023Q3"]
    assert ax.get_title() == "每季度发布数 Releases per quarter; 2 more dated only to a year, half-year or range"
    plt.close(fig)


def test_forty_years_of_quarters_stay_within_the_size_limit():
    quarters = [f"{y}Q{q}" for y in range(1985, 2025) for q in range(1, 5)]
    counts = pd.DataFrame({"quarter": quarters, "n_releases": 1, "entities": "x"})
    width, height = saved_size(timeline_figures.quarter_figure(counts))
    assert width <= save.MAX_SIDE_PX and height <= save.MAX_SIDE_PX


def test_both_figures_say_so_when_nothing_matches():
    empty_counts = pd.DataFrame(columns=["quarter", "n_releases", "entities"])
    for fig in (timeline_figures.timeline_figure(SHOWN.iloc[0:0]),
                timeline_figures.quarter_figure(empty_counts, n_unplaced=3)):
        assert any("no " in t.get_text() for t in fig.axes[0].texts)
        plt.close(fig)


def test_timeline_figures_have_the_same_bytes_every_time():
    assert same_bytes_twice(lambda: timeline_figures.timeline_figure(SHOWN))


def test_label_rows_keep_marks_of_a_row_apart_and_cap_the_rows():
    from llmnews.plotting.timeline import label_rows

    rows, n = label_rows([(0, 5), (1, 3), (4, 6), (5.5, 7), (6, 8)], max_rows=2)
    assert (rows, n) == ([0, 1, 1, 0, 1], 2)  # (4, 6) waits for row 1 to free at 3
    rows, n = label_rows([(0, 10), (1, 2), (2, 3)], max_rows=3)
    assert rows == [0, 1, 1] and n == 2  # a free row is reused before a new one is opened
    assert label_rows([], max_rows=3) == ([], 1)
