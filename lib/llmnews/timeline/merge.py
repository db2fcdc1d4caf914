"""Across articles: reports of one event grouped, and the articles that disagree flagged.

This is the global step; everything before it (``extract``) is a function of one article's text
and anchor, so it can be mapped over partitions of a corpus and the results concatenated.
"""

from __future__ import annotations

import pandas as pd

from llmnews import dates

__all__ = ["merge_events", "conflicts_table"]


def merge_events(events: pd.DataFrame) -> pd.DataFrame:
    """Add ``event_id`` (reports of one event share it), ``conflict`` and ``conflict_with``.

    Within one (entity, event_type), reports are grouped most precise first: a report joins the
    first event all of whose reports its date interval overlaps, else starts a new event (so a
    year-level report sits with the month-level ones it fits, and never glues two different months
    together). Two reports from different articles whose intervals do not overlap are a conflict;
    近日-dated reports never are (their month is a convention, not the text's).
    """
    out = events.copy().reset_index(drop=True)
    out["event_id"] = pd.Series([""] * len(out), dtype=object)
    out["conflict"] = False
    out["conflict_with"] = ""
    spans = {i: (out.at[i, "start"], out.at[i, "end"]) for i in out.index}
    next_id = 0
    for _, group in out.groupby(["entity", "event_type"], sort=True):
        order = sorted(group.index, key=lambda i: (spans[i][1] - spans[i][0], spans[i][0], i))
        clusters: list[list[int]] = []
        for i in order:
            home = next((c for c in clusters if all(dates.overlaps(spans[i], spans[j]) for j in c)), None)
            if home is None:
                clusters.append([i])
            else:
                home.append(i)
        for c in sorted(clusters, key=lambda c: (min(spans[j][0] for j in c), min(c))):
            next_id += 1
            for j in c:
                out.at[j, "event_id"] = f"E{next_id:03d}"
        comparable = [i for i in group.index if out.at[i, "granularity"] != "recent"]
        for i in comparable:
            others = sorted({f"{out.at[j, 'article_id']}: {out.at[j, 'date']}" for j in comparable
                             if out.at[j, "article_id"] != out.at[i, "article_id"]
                             and not dates.overlaps(spans[i], spans[j])})
            if others:
                out.at[i, "conflict"] = True
                out.at[i, "conflict_with"] = "; ".join(others)
    return out


def conflicts_table(merged: pd.DataFrame) -> pd.DataFrame:
    """One row per (entity, event type) whose articles date it differently."""
    flagged = merged[merged["conflict"]]
    rows = []
    for (entity, kind), group in flagged.groupby(["entity", "event_type"], sort=True):
        reports = group.sort_values(["start", "article_id"], kind="stable")
        rows.append({
            "entity": entity, "event_type": kind,
            "dates": "; ".join(f"{r.date} ({r.article_id}: {r.date_text})" for r in reports.itertuples()),
            "n_articles": reports["article_id"].nunique(),
            "evidence": " | ".join(reports["sentence"]),
        })
    return pd.DataFrame(rows, columns=["entity", "event_type", "dates", "n_articles", "evidence"])
