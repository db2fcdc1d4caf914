"""The two figures of notebook 04 (moved here unchanged; they are to move to the plotting package)."""

from __future__ import annotations

import pandas as pd

__all__ = ["EVENT_STYLE", "CONFLICT_COLOUR", "timeline_figure", "quarter_figure"]


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


def timeline_figure(shown: pd.DataFrame, *, title: str = "大模型时间线 Timeline of the LLM race"):
    """One lane per organisation; day-level dates as markers, coarser dates as spans.

    ``shown`` is a (selected) output of ``merge_events``. One mark per event (its most precise
    report); a red outline marks an event some other article dates differently.
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from llmnews import lexicon

    events = []
    for event_id, group in shown.groupby("event_id", sort=True):
        best = group.assign(width=[(e - s).days for s, e in zip(group["start"], group["end"])]) \
            .sort_values(["width", "start", "article_id"], kind="stable").iloc[0]
        events.append({**best.to_dict(), "conflict": bool(group["conflict"].any()),
                       "n_articles": group["article_id"].nunique()})
    events = pd.DataFrame(events)
    fig, ax = plt.subplots(figsize=(12, 1.0 + 0.75 * max(1, events["organization"].fillna("").nunique())
                                    if len(events) else 3))
    if events.empty:
        ax.text(0.5, 0.5, "没有符合条件的事件 no events match the parameters", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    events["lane"] = events["organization"].fillna("(未知 unknown)")
    first_seen = events.groupby("lane")["start"].min().sort_values(kind="stable")
    lanes = list(first_seen.index)
    y_of = {lane: i for i, lane in enumerate(lanes)}
    events = events.sort_values(["lane", "start", "entity"], kind="stable")
    for lane, group in events.groupby("lane", sort=False):
        for k, ev in enumerate(group.itertuples()):
            y = y_of[lane] + (-0.22, 0.0, 0.22)[k % 3]
            marker, colour, _ = EVENT_STYLE[ev.event_type]
            x0 = mdates.date2num(pd.Timestamp(ev.start))
            x1 = mdates.date2num(pd.Timestamp(ev.end) + pd.Timedelta(days=1))
            edge = CONFLICT_COLOUR if ev.conflict else "black"
            if ev.granularity == "day":
                x = x0
                ax.plot([x], [y], marker=marker, color=colour, markeredgecolor=edge,
                        markeredgewidth=1.8 if ev.conflict else 0.6, markersize=9, linestyle="none")
            else:
                x = (x0 + x1) / 2
                hatch = "//" if ev.granularity in ("recent", "season", "range") else None
                ax.broken_barh([(x0, x1 - x0)], (y - 0.08, 0.16), facecolors=colour, alpha=0.45,
                               edgecolor=edge, linewidth=1.8 if ev.conflict else 0.6, hatch=hatch)
                ax.plot([x], [y], marker=marker, color=colour, markeredgecolor=edge, markersize=6,
                        linestyle="none")
            label = lexicon.entity_label(ev.entity) if ev.entity_type != "unlisted" else ev.entity
            if ev.n_articles > 1:
                label += f" ×{ev.n_articles}"
            ax.annotate(label, (x, y), xytext=(4, 4), textcoords="offset points", fontsize=7.5,
                        color=CONFLICT_COLOUR if ev.conflict else "#222222")
    # room on the right for the last labels, so they do not run into the legend
    left = mdates.date2num(pd.Timestamp(events["start"].min())) - 120
    right = mdates.date2num(pd.Timestamp(events["end"].max())) + 240
    ax.set_xlim(left, right)
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


def quarter_figure(counts: pd.DataFrame, *, n_unplaced: int = 0):
    """Bar chart of distinct release events per quarter."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(max(6, 0.35 * len(counts) + 2), 4))
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
