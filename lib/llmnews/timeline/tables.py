"""The tables notebook 04 shows and saves: publication anchors, time expressions, the timeline CSV,
the selection of events to draw, and releases per quarter."""

from __future__ import annotations

import datetime as _dt

import pandas as pd

from llmnews import dates
from llmnews.timeline.extract import EVENT_TYPES, rows_per_article

__all__ = [
    "TIMELINE_COLUMNS",
    "publication_table",
    "time_expression_table",
    "timeline_table",
    "select_events",
    "releases_per_quarter",
    "event_summary",
    "EVENT_SUMMARY_COLUMNS",
]


def publication_table(corpus: pd.DataFrame) -> pd.DataFrame:
    """Each article's publication date, its basis and evidence, and the anchor the timeline uses."""
    def row(article, anchor, basis, note):
        return [{"article_id": article["article_id"], "title": article.get("title"),
                 "published": article.get("published"), "published_basis": basis,
                 "published_evidence": article.get("published_evidence"),
                 "anchor": anchor.iso() if anchor else None, "anchor_note": note}]

    return pd.DataFrame(rows_per_article(corpus, row))


TIMELINE_COLUMNS = ["date", "granularity", "entity", "organization", "event_type", "article_id",
                    "evidence", "conflict", "event_id", "start", "end", "date_text", "anchor",
                    "anchor_basis", "inferred", "entity_type", "cue", "conflict_with", "date_source",
                    "conflict_kind"]


def timeline_table(merged: pd.DataFrame) -> pd.DataFrame:
    """The CSV beside the timeline figure: one row per report, sorted by date."""
    table = merged.rename(columns={"sentence": "evidence"})
    table = table.assign(start=table["start"].astype(str), end=table["end"].astype(str))
    return table[TIMELINE_COLUMNS].sort_values(["start", "end", "organization", "entity", "event_type",
                                                "article_id"], kind="stable", na_position="last") \
        .reset_index(drop=True)


def time_expression_table(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every time expression of every article, resolved against the article's anchor."""
    def rows(article, anchor, basis, note):
        return [{"article_id": article["article_id"], "text": e.text, "value": e.iso(),
                 "granularity": e.granularity, "kind": e.kind,
                 "anchor_used": e.anchor_used.iso() if e.anchor_used else None,
                 "anchor_basis": basis if e.anchor_used is not None and e.anchor_used == anchor else None,
                 "approximate": e.approximate, "note": e.note or e.unresolved}
                for e in dates.extract_time_expressions(article["text"], anchor)]

    return pd.DataFrame(rows_per_article(corpus, rows),
                        columns=["article_id", "text", "value", "granularity", "kind", "anchor_used",
                                 "anchor_basis", "approximate", "note"])


def select_events(merged: pd.DataFrame, *, event_types, date_from: str, date_to: str,
                  organizations=(), include_inferred: bool = True) -> pd.DataFrame:
    """The reports to show: event types, a date window (any overlap), organisations, inference.

    ``date_from`` / ``date_to`` are ISO dates (``2023``, ``2023-05``, ``2023-05-18``); ``""`` leaves
    that end of the window open, so the default shows whatever period the corpus covers.
    """
    # papermill's -p passes a list as its text; one name given bare means a list of one
    event_types = [event_types] if isinstance(event_types, str) else list(event_types)
    organizations = [organizations] if isinstance(organizations, str) else list(organizations or ())
    lo = dates.PartialDate.from_iso(date_from).first_day() if date_from else _dt.date.min
    hi = dates.PartialDate.from_iso(date_to).last_day() if date_to else _dt.date.max
    if organizations:
        from llmnews import lexicon

        not_orgs = [o for o in organizations if (lexicon.entity_info(o) or {}).get("type") != "organization"]
        if not_orgs:
            raise ValueError(f"not canonical organisation names in the lexicon: {not_orgs} "
                             f"(organisations with events here: {sorted(merged['organization'].dropna().unique())})")
    unknown = sorted(set(event_types) - set(EVENT_TYPES))
    if unknown:
        raise ValueError(f"unknown event types {unknown}; choose from {list(EVENT_TYPES)}")
    if lo > hi:
        raise ValueError(f"date range is empty: {date_from} is after {date_to}")
    keep = merged["event_type"].isin(list(event_types)) & (merged["start"] <= hi) & (merged["end"] >= lo)
    if organizations:
        keep &= merged["organization"].isin(list(organizations))
    if not include_inferred:
        keep &= ~merged["inferred"].astype(bool)
    return merged[keep].reset_index(drop=True)


def _quarter(d) -> str:
    return f"{d.year}Q{(d.month - 1) // 3 + 1}"


def releases_per_quarter(merged: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Distinct release events per calendar quarter, and the ones no single quarter contains.

    One event counts once however many articles report it; its date is its most precise report.
    A release dated only to a year, a half-year or a range spanning quarters is not spread over
    quarters (that would invent precision): it is returned in the second table instead.
    """
    releases = merged[merged["event_type"] == "release"]
    rows, unplaced = [], []
    for event_id, group in releases.groupby("event_id", sort=True):
        best = group.assign(width=[(e - s).days for s, e in zip(group["start"], group["end"])]) \
            .sort_values(["width", "start", "article_id"], kind="stable").iloc[0]
        record = {"event_id": event_id, "entity": best["entity"], "organization": best["organization"],
                  "date": best["date"], "granularity": best["granularity"],
                  "articles": ", ".join(sorted(group["article_id"].unique()))}
        if _quarter(best["start"]) == _quarter(best["end"]):
            rows.append({**record, "quarter": _quarter(best["start"])})
        else:
            unplaced.append(record)
    placed = pd.DataFrame(rows, columns=["quarter", "event_id", "entity", "organization", "date", "granularity",
                                         "articles"])
    if len(placed):
        first, last = placed["quarter"].min(), placed["quarter"].max()
        quarters = []
        y, q = int(first[:4]), int(first[-1])
        while f"{y}Q{q}" <= last:
            quarters.append(f"{y}Q{q}")
            y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    else:
        quarters = []
    counts = placed.groupby("quarter").agg(n_releases=("event_id", "nunique"),
                                           entities=("entity", lambda s: "、".join(sorted(s))))
    counts = counts.reindex(quarters).reset_index().rename(columns={"index": "quarter"})
    counts["n_releases"] = counts["n_releases"].fillna(0).astype(int)
    counts["entities"] = counts["entities"].fillna("")
    return counts, pd.DataFrame(unplaced, columns=["event_id", "entity", "organization", "date", "granularity",
                                                    "articles"])


EVENT_SUMMARY_COLUMNS = ["event_id", "entity", "organization", "event_type", "date", "granularity", "first_reported_by",
                         "n_articles", "n_reports", "dates_reported", "conflict", "conflict_kind"]


def event_summary(merged: pd.DataFrame) -> pd.DataFrame:
    """One row per event (``merge_events``' ``event_id``), however many articles report it.

    ``date`` is the most precise date among its reports (the narrowest interval; the earliest on a
    tie), ``first_reported_by`` the article that report comes from, ``n_articles`` how many
    articles report the event, ``dates_reported`` every distinct date they give (a disagreement
    shows here), ``conflict``/``conflict_kind`` whether any report of it conflicts with another
    article. Rows by date, then entity.
    """
    rows = []
    for event_id, reports in merged.groupby("event_id", sort=False):
        width = [(end - start).days for start, end in zip(reports["start"], reports["end"])]
        best = reports.assign(_width=width).sort_values(["_width", "start", "article_id"], kind="stable").iloc[0]
        kinds = sorted({k for value in reports["conflict_kind"] for k in str(value).split("; ") if k}) \
            if "conflict_kind" in reports.columns else []
        rows.append({
            "event_id": event_id, "entity": best["entity"], "organization": best["organization"],
            "event_type": best["event_type"], "date": best["date"], "granularity": best["granularity"],
            "first_reported_by": best["article_id"], "n_articles": int(reports["article_id"].nunique()),
            "n_reports": len(reports), "dates_reported": "; ".join(sorted(set(reports["date"]))),
            "conflict": bool(reports["conflict"].any()), "conflict_kind": "; ".join(kinds),
            "_start": best["start"],
        })
    table = pd.DataFrame(rows, columns=EVENT_SUMMARY_COLUMNS + ["_start"])
    return table.sort_values(["_start", "entity", "event_id"], kind="stable").drop(columns="_start").reset_index(drop=True)
