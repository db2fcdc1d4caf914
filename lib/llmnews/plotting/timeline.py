"""Figures of notebook 04 (timeline): release events by organisation, and releases per quarter.

``timeline_figure`` takes ``timeline.select_events``' table (merged reports), ``quarter_figure``
``timeline.releases_per_quarter``'s counts. Both draw in the project style and return a ``Figure``.
(These were ``llmnews.timeline.timeline_figure`` and ``quarter_figure``; the figure is the same.)
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from llmnews.plotting.panels import shown_of
from llmnews.plotting.save import figure_size, style

__all__ = ["CONFLICT_COLOUR", "EVENT_STYLE", "UNKNOWN_LANE", "label_rows", "quarter_figure", "timeline_figure"]

EVENT_STYLE = {  # marker, colour (colour-blind-safe Okabe-Ito), legend label
    "release": ("o", "#0072B2", "发布/推出 release"),
    "development": ("P", "#000000", "研发/训练 development"),
    "open_source": ("s", "#009E73", "开源 open-sourcing"),
    "pricing": ("v", "#D55E00", "定价/降价 pricing"),
    "availability": ("X", "#F0E442", "上架/公测 availability"),
    "funding": ("D", "#CC79A7", "融资 funding"),
    "founding": ("*", "#E69F00", "成立 founding"),
    "user_milestone": ("^", "#56B4E9", "用户里程碑 user milestone"),
}
CONFLICT_COLOUR = "#C00000"


UNKNOWN_LANE = "(未知 unknown)"
LABEL_FONTSIZE = 7.5
LANE_SPREAD = 0.3  # label rows of a lane sit within ±0.3 of its centre line (lanes are 1 apart)
MAX_LABEL_ROWS = 5
AXES_SHARE = 0.72  # about the share of the figure's width the axes take (lane names left, legend right)


def _label_points(label: str, fontsize: float) -> float:
    """A label's width in points, near enough: a CJK character is about one em, Latin about half."""
    return sum(fontsize if ord(c) > 0x2E80 else 0.55 * fontsize for c in label)


def label_rows(extents: list[tuple[float, float]], max_rows: int = MAX_LABEL_ROWS) -> tuple[list[int], int]:
    """A row for each mark so that no two marks (bar plus label, as x extents) of a row overlap.

    Marks come in time order; each takes the first row free at its start, a new row while there
    are fewer than ``max_rows``, else the row that frees up first (overlap is then unavoidable, and
    kept as small as it can be). Returns the rows and how many were used.
    """
    ends: list[float] = []
    rows = []
    for start, end in extents:
        free = next((r for r, e in enumerate(ends) if start >= e), None)
        if free is None and len(ends) < max_rows:
            ends.append(end)
            rows.append(len(ends) - 1)
            continue
        if free is None:
            free = min(range(len(ends)), key=lambda r: ends[r])
        ends[free] = max(ends[free], start) + (end - start)
        rows.append(free)
    return rows, max(1, len(ends))


def _one_mark_per_event(shown: pd.DataFrame) -> pd.DataFrame:
    """Each event's most precise report (narrowest span, then earliest, then article id)."""
    events = []
    for event_id, group in shown.groupby("event_id", sort=True):
        best = group.assign(width=[(e - s).days for s, e in zip(group["start"], group["end"])]) \
            .sort_values(["width", "start", "article_id"], kind="stable").iloc[0]
        events.append({**best.to_dict(), "conflict": bool(group["conflict"].any()),
                       "n_articles": group["article_id"].nunique()})
    return pd.DataFrame(events)


def timeline_figure(
    shown: pd.DataFrame,
    *,
    title: str = "大模型时间线 Timeline of the LLM race",
    max_lanes: int = 25,
) -> Figure:
    """One lane per organisation; day-level dates as markers, coarser dates as spans.

    ``shown`` is a (selected) output of ``timeline.merge_events``. One mark per event (its most
    precise report); a red outline marks an event some other article dates differently. Lanes run
    earliest first; with more organisations than ``max_lanes``, the lanes with most events are
    drawn and the title says how many organisations were left out.
    """
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D

    from llmnews import lexicon

    events = _one_mark_per_event(shown)
    n_lanes = max(1, events["organization"].fillna("").nunique()) if len(events) else 0
    if len(events):
        events["lane"] = events["organization"].fillna(UNKNOWN_LANE)
        n_lanes_all = events["lane"].nunique()
        if n_lanes_all > max_lanes:
            busiest = events["lane"].value_counts(sort=False).sort_values(ascending=False, kind="stable")
            events = events[events["lane"].isin(set(busiest.index[:max_lanes]))]
            n_lanes = max_lanes
            title += shown_of(max_lanes, n_lanes_all, "organisations")
    with style():
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=figure_size(12, 1.0 + 0.75 * n_lanes) if len(events) else (12, 3))
        if events.empty:
            ax.text(0.5, 0.5, "没有符合条件的事件 no events match the parameters", ha="center", va="center",
                    transform=ax.transAxes)
            ax.set_axis_off()
            return fig
        first_seen = events.groupby("lane")["start"].min().sort_values(kind="stable")
        lanes = list(first_seen.index)
        y_of = {lane: i for i, lane in enumerate(lanes)}
        events = events.sort_values(["lane", "start", "entity"], kind="stable")
        # the x range is known before anything is drawn, so label widths can be put in days
        left = mdates.date2num(pd.Timestamp(events["start"].min())) - 120
        right = mdates.date2num(pd.Timestamp(events["end"].max())) + 240
        days_per_point = (right - left) / (fig.get_size_inches()[0] * 72 * AXES_SHARE)
        label_end = right
        for lane, group in events.groupby("lane", sort=False):
            marks = []
            for ev in group.itertuples():
                x0 = mdates.date2num(pd.Timestamp(ev.start))
                x1 = mdates.date2num(pd.Timestamp(ev.end) + pd.Timedelta(days=1))
                x = x0 if ev.granularity == "day" else (x0 + x1) / 2
                label = lexicon.entity_label(ev.entity) if ev.entity_type != "unlisted" else ev.entity
                if ev.n_articles > 1:
                    label += f" ×{ev.n_articles}"
                width = (4 + _label_points(label, LABEL_FONTSIZE)) * days_per_point
                marks.append((ev, x0, x1, x, label, (min(x0, x), max(x1, x + width))))
            rows, n_rows = label_rows([extent for *_, extent in marks])
            label_end = max([label_end] + [extent[1] for *_, extent in marks])
            offsets = [0.0] if n_rows == 1 else list(np.linspace(-LANE_SPREAD, LANE_SPREAD, n_rows))
            half_bar = min(0.08, (2 * LANE_SPREAD / max(1, n_rows - 1)) / 2 - 0.01) if n_rows > 1 else 0.08
            for (ev, x0, x1, x, label, _), row in zip(marks, rows):
                y = y_of[lane] + offsets[row]
                marker, colour, _ = EVENT_STYLE[ev.event_type]
                edge = CONFLICT_COLOUR if ev.conflict else "black"
                if ev.granularity == "day":
                    ax.plot([x], [y], marker=marker, color=colour, markeredgecolor=edge,
                            markeredgewidth=1.8 if ev.conflict else 0.6, markersize=9, linestyle="none")
                else:
                    hatch = "//" if ev.granularity in ("recent", "season", "range") else None
                    ax.broken_barh([(x0, x1 - x0)], (y - half_bar, 2 * half_bar), facecolors=colour, alpha=0.45,
                                   edgecolor=edge, linewidth=1.8 if ev.conflict else 0.6, hatch=hatch)
                    ax.plot([x], [y], marker=marker, color=colour, markeredgecolor=edge, markersize=6,
                            linestyle="none")
                ax.annotate(label, (x, y), xytext=(4, 2), textcoords="offset points", fontsize=LABEL_FONTSIZE,
                            va="center", color=CONFLICT_COLOUR if ev.conflict else "#222222")
        # room on the right for the last labels, so they do not run into the legend
        ax.set_xlim(left, label_end + 20)
        ax.set_yticks(range(len(lanes)))
        ax.set_yticklabels([lexicon.entity_label(lane) for lane in lanes])
        ax.set_ylim(-0.6, len(lanes) - 0.4)
        ax.invert_yaxis()
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_xlabel("日期 date (markers: day-level; bars: month, season, year or range)")
        ax.set_title(title)
        handles = [Line2D([], [], marker=m, color=c, linestyle="none", markersize=7, label=lab)
                   for kind, (m, c, lab) in EVENT_STYLE.items() if kind in set(events["event_type"])]
        if events["conflict"].any():
            handles.append(Line2D([], [], marker="o", color="white", markeredgecolor=CONFLICT_COLOUR,
                                  markeredgewidth=1.8, linestyle="none", label="日期冲突 conflicting dates"))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return fig


def quarter_figure(counts: pd.DataFrame, *, n_unplaced: int = 0) -> Figure:
    """Bar chart of distinct release events per quarter (``timeline.releases_per_quarter``).

    ``n_unplaced`` (releases no single quarter contains) is said in the title. The width grows
    with the quarters and stops at ``save.MAX_SIDE_PX``.
    """
    with style():
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=figure_size(max(6, 0.35 * len(counts) + 2), 4))
        if counts.empty:
            note = f" ({n_unplaced} dated only to a year, half-year or range)" if n_unplaced else ""
            ax.text(0.5, 0.5, f"没有可归入季度的发布 no release datable to a quarter{note}", ha="center",
                    va="center", transform=ax.transAxes)
            ax.set_axis_off()
            return fig
        ax.bar(range(len(counts)), counts["n_releases"], color=EVENT_STYLE["release"][1])
        ax.set_xticks(range(len(counts)))
        ax.set_xticklabels(counts["quarter"], rotation=90 if len(counts) > 10 else 0, fontsize=8)
        ax.set_ylabel("发布事件数 releases reported")
        note = f"; {n_unplaced} more dated only to a year, half-year or range" if n_unplaced else ""
        ax.set_title(f"每季度发布数 Releases per quarter{note}", fontsize=10)
        ax.yaxis.get_major_locator().set_params(integer=True)
    return fig
