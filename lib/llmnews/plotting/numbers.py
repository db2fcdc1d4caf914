"""Figures of notebook 05: the price war and parameter sizes over time.

Each figure comes in two steps: ``*_points(facts, ...)`` makes the flat table that is drawn (and
saved beside the figure as its CSV), ``*_figure(points, ...)`` draws it and returns a matplotlib
Figure. Neither knows anything of the build or of where figures go.
"""

from __future__ import annotations

import pandas as pd

from llmnews.plotting.save import style

__all__ = ["KIND_MARKERS", "PALETTE", "price_war_points", "price_war_figure", "parameter_points",
           "parameter_figure", "entity_display"]

# Colour-blind-safe (Okabe-Ito, then Tol's muted): one colour per model, in order of first date.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000",
           "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255")
OTHERS_COLOUR = "#aaaaaa"
KIND_MARKERS = {"input": ("o", "输入 input"), "output": ("s", "输出 output"),
                "unspecified": ("D", "未分输入输出 unspecified")}
# input and output reported the same day are drawn a few days apart so both stay visible
_KIND_OFFSET_DAYS = {"input": -5, "output": 5, "unspecified": 0}
UNNAMED = "未具名模型 unnamed model"
FIGURE_WIDTH, FIGURE_HEIGHT = 12.0, 6.5  # inches; at the style's 150 dpi: 1800 x 975 px


def entity_display(entity: str) -> str:
    """Bilingual label of an entity (lexicon), its written name if unlisted, a note if none."""
    from llmnews import lexicon

    return lexicon.entity_label(entity) if entity else UNNAMED


def _midpoint(start: str, end: str) -> pd.Timestamp:
    a, b = pd.Timestamp(start), pd.Timestamp(end)
    return a + (b - a) / 2


def price_war_points(prices: pd.DataFrame, *, max_series: int = 12) -> pd.DataFrame:
    """The drawn table: one row per dated price, with its series, x (date), y and floor flag.

    Models are series in order of their first price (ties by name); beyond ``max_series`` they are
    drawn in grey as one "others" series. Free prices (0) sit on a floor a decade below the
    cheapest paid price, since 0 has no place on a log scale. Undated prices are left out (the
    price table lists them); ``n_undated`` in the returned table's ``attrs`` counts them.
    """
    columns = ["series", "entity", "kind", "status", "date", "granularity", "date_start", "date_end", "x", "y",
               "yuan_per_million_tokens_exact", "at_floor", "article_id", "pair_id"]
    dated = prices[prices["date_start"].astype(str) != ""].copy()
    undated = len(prices) - len(dated)
    if dated.empty:
        points = pd.DataFrame(columns=columns)
        points.attrs.update(n_undated=undated, floor=None)
        return points
    dated["x"] = [_midpoint(a, b) + pd.Timedelta(days=_KIND_OFFSET_DAYS.get(k, 0))
                  for a, b, k in zip(dated["date_start"], dated["date_end"], dated["kind"])]
    dated["series"] = [entity_display(e) for e in dated["entity"]]
    first = dated.groupby("series")["x"].min().reset_index().sort_values(["x", "series"], kind="stable")
    kept = list(first["series"])[:max_series]
    others = sorted(set(dated["series"]) - set(kept))
    if others:
        dated["series"] = [s if s in kept else f"其他 others ({len(others)})" for s in dated["series"]]
    paid = dated.loc[dated["yuan_per_million_tokens"] > 0, "yuan_per_million_tokens"]
    floor = float(paid.min()) / 10 if len(paid) else 0.01
    dated["at_floor"] = dated["yuan_per_million_tokens"] <= 0
    dated["y"] = [floor if f else v for f, v in zip(dated["at_floor"], dated["yuan_per_million_tokens"])]
    # a cut: the before_cut and after_cut rows of one sentence, entity and kind share a pair_id
    key = dated["article_id"] + "|" + dated["entity"] + "|" + dated["kind"] + "|" + dated["sentence"]
    cut = dated["status"].isin(["before_cut", "after_cut"])
    dated["pair_id"] = ""
    pairs = sorted(set(key[cut]))
    for n, k in enumerate(pairs, start=1):
        members = cut & (key == k)
        if set(dated.loc[members, "status"]) == {"before_cut", "after_cut"}:
            dated.loc[members, "pair_id"] = f"C{n:02d}"
    dated = dated.sort_values(["x", "series", "kind", "status"], kind="stable")
    points = dated[columns].reset_index(drop=True)
    points.attrs.update(n_undated=undated, floor=floor)
    return points


def price_war_figure(points: pd.DataFrame, *, title: str = "大模型价格战 The price war: 元/百万tokens"):
    """The price war (see ``_price_war_figure``), drawn in the project style."""
    with style():
        return _price_war_figure(points, title=title)


def _price_war_figure(points: pd.DataFrame, *, title: str):
    """Yuan per million tokens on a log scale over time: a colour per model, a marker per kind,
    hollow markers for approximate prices, arrows from the price before a cut to the price after,
    free prices on a dashed floor."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, FIGURE_HEIGHT))
    n_undated = points.attrs.get("n_undated", 0)
    if points.empty:
        note = f" ({n_undated} without a date)" if n_undated else ""
        ax.text(0.5, 0.5, f"这个语料中没有带日期的价格 no dated prices in this corpus{note}", ha="center",
                va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    series = list(dict.fromkeys(points["series"]))
    colour = {s: (OTHERS_COLOUR if s.startswith("其他 others") else PALETTE[i % len(PALETTE)])
              for i, s in enumerate(series)}
    for row in points.itertuples():
        marker, _ = KIND_MARKERS.get(row.kind, KIND_MARKERS["unspecified"])
        hollow = row.status == "approximate"
        if row.granularity != "day":
            # a price known to the month (or a range) is drawn over the whole period it may mean
            ax.plot([mdates.date2num(pd.Timestamp(row.date_start)),
                     mdates.date2num(pd.Timestamp(row.date_end) + pd.Timedelta(days=1))], [row.y, row.y],
                    color=colour[row.series], linewidth=1.0, alpha=0.35, solid_capstyle="butt")
        ax.plot([mdates.date2num(row.x)], [row.y], marker=marker, linestyle="none", markersize=8,
                markeredgecolor=colour[row.series], markeredgewidth=1.4,
                markerfacecolor="none" if hollow else colour[row.series],
                alpha=0.55 if row.status == "before_cut" else 1.0)
    for pair_id, pair in points[points["pair_id"] != ""].groupby("pair_id", sort=True):
        before = pair[pair["status"] == "before_cut"].iloc[0]
        after = pair[pair["status"] == "after_cut"].iloc[0]
        ax.annotate("", xy=(mdates.date2num(after.x), after.y), xytext=(mdates.date2num(before.x), before.y),
                    arrowprops={"arrowstyle": "->", "color": colour[after.series], "linewidth": 1.4})
    floor = points.attrs.get("floor")
    if points["at_floor"].any() and floor:
        ax.axhline(floor, color="#777777", linestyle="--", linewidth=0.8)
        ax.text(1.0, floor, " 免费 free", transform=ax.get_yaxis_transform(), va="center", ha="left",
                fontsize=8, color="#555555")
    # each model named once, at its last point
    for s in series:
        own = points[points["series"] == s]
        # at its latest price; after a cut that is the price after it, not the one before
        current = own[own["status"] != "before_cut"]
        last = (current if len(current) else own).iloc[-1]
        ax.annotate(s, (mdates.date2num(last.x), last.y), xytext=(6, 3), textcoords="offset points",
                    fontsize=7.5, color=colour[s])
    ax.set_yscale("log")
    ax.set_ylabel("元/百万tokens yuan per million tokens (log)")
    xs = [mdates.date2num(pd.Timestamp(d)) for d in points["date_start"]] + \
        [mdates.date2num(pd.Timestamp(d)) for d in points["date_end"]]
    span = max(xs) - min(xs)
    ax.set_xlim(min(xs) - max(10, 0.1 * span), max(xs) + max(25, 0.3 * span))  # room for the labels
    locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(True, which="major", color="#e5e5e5", linewidth=0.6)
    note = f"; {n_undated} undated price(s) not drawn" if n_undated else ""
    ax.set_xlabel(f"日期 date (a price dated to a month or a range: marker at its middle, line over it){note}")
    ax.set_title(title)
    handles = [Line2D([], [], marker=m, linestyle="none", color="#444444", label=label)
               for kind, (m, label) in KIND_MARKERS.items() if kind in set(points["kind"])]
    if (points["status"] == "approximate").any():
        handles.append(Line2D([], [], marker="o", linestyle="none", markerfacecolor="none",
                              markeredgecolor="#444444", label="约 approximate"))
    if (points["pair_id"] != "").any():
        handles.append(Line2D([], [], color="#444444", marker=">", markersize=5, label="降价 cut: before → after"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
    fig.tight_layout()
    return fig


def parameter_points(quantities: pd.DataFrame, *, max_labels: int = 20) -> pd.DataFrame:
    """The drawn table of parameter counts: one row per dated report, ``label`` set on the largest
    ``max_labels`` (the rest are drawn unlabelled)."""
    columns = ["entity", "label", "organization", "x", "y", "value_exact", "qualifier", "date", "date_source",
               "article_id"]
    rows = quantities[(quantities["quantity"] == "parameters") & (quantities["date_start"].astype(str) != "")].copy()
    undated = int(((quantities["quantity"] == "parameters") & (quantities["date_start"].astype(str) == "")).sum())
    if rows.empty:
        points = pd.DataFrame(columns=columns)
        points.attrs["n_undated"] = undated
        return points
    rows["x"] = [_midpoint(a, b) for a, b in zip(rows["date_start"], rows["date_end"])]
    rows["y"] = rows["value"].astype(float)
    rows = rows.sort_values(["x", "entity", "article_id"], kind="stable").reset_index(drop=True)
    # one label per model and point: two articles reporting the same size draw one name
    distinct = rows.drop_duplicates(["entity", "x", "y"])
    labelled = set(distinct.sort_values(["y", "x"], ascending=[False, True], kind="stable").index[:max_labels])
    rows["label"] = [entity_display(e) if i in labelled else "" for i, e in zip(rows.index, rows["entity"])]
    points = rows[columns]
    points.attrs["n_undated"] = undated
    return points


def parameter_figure(points: pd.DataFrame, *, title: str = "参数规模 Parameter counts reported over time"):
    """Parameter sizes over time (see ``_parameter_figure``), drawn in the project style."""
    with style():
        return _parameter_figure(points, title=title)


def _parameter_figure(points: pd.DataFrame, *, title: str):
    """Parameter counts on a log scale by report date; ▲ marks a lower bound (超过, 级)."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, FIGURE_HEIGHT * 0.85))
    if points.empty:
        ax.text(0.5, 0.5, "这个语料中没有带日期的参数规模 no dated parameter counts in this corpus", ha="center",
                va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    organisations = list(dict.fromkeys(points["organization"].fillna("")))
    colour = {o: PALETTE[i % len(PALETTE)] for i, o in enumerate(organisations)}
    for row in points.itertuples():
        marker = "^" if row.qualifier == "≥" else ("v" if row.qualifier == "≤" else "o")
        x = mdates.date2num(row.x)
        # hollow: the sentence gives no date, so the point sits at the article's publication date
        hollow = row.date_source != "own sentence"
        ax.plot([x], [row.y], marker=marker, linestyle="none", markersize=8, color=colour[row.organization or ""],
                markerfacecolor="none" if hollow else colour[row.organization or ""], markeredgewidth=1.4)
        if row.label:
            ax.annotate(row.label, (x, row.y), xytext=(6, 3), textcoords="offset points", fontsize=7.5)
    ax.set_yscale("log")
    ax.set_ylabel("参数 parameters (log)")
    xs = [mdates.date2num(x) for x in points["x"]]
    span = max(xs) - min(xs)
    ax.set_xlim(min(xs) - max(30, 0.05 * span), max(xs) + max(60, 0.2 * span))
    locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(True, color="#e5e5e5", linewidth=0.6)
    n_undated = points.attrs.get("n_undated", 0)
    note = f"; {n_undated} undated report(s) not drawn" if n_undated else ""
    ax.set_xlabel(f"报道所指日期 date the report refers to{note}")
    ax.set_title(title)
    from llmnews import lexicon

    handles = [Line2D([], [], marker="o", linestyle="none", color=colour[o],
                      label=lexicon.entity_label(o) if o else "(未知 unknown)") for o in organisations]
    handles.append(Line2D([], [], marker="^", linestyle="none", color="#444444", label="≥ 下限 lower bound"))
    if (points["date_source"] != "own sentence").any():
        handles.append(Line2D([], [], marker="o", linestyle="none", markerfacecolor="none", markeredgecolor="#444444",
                              label="发表日期 dated by publication only"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
    fig.tight_layout()
    return fig
