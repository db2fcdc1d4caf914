"""Across articles: reports of one event grouped, and the articles that disagree flagged.

This is the global step; everything before it (``extract``) is a function of one article's text
and anchor, so it can be mapped over partitions of a corpus and the results concatenated.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from llmnews import dates

__all__ = ["merge_events", "conflicts_table", "DEBUT_TYPES", "CONFLICT_KINDS", "CONFLICTS_LISTED"]


# A model's first appearance in an article: when it was made or launched. Open-sourcing, price
# changes and betas often come later and say nothing about when the model appeared.
DEBUT_TYPES = ("development", "release")
CONFLICT_KINDS = ("date", "debut")


def merge_events(events: pd.DataFrame) -> pd.DataFrame:
    """Add ``event_id`` (reports of one event share it), ``conflict``, ``conflict_with`` and
    ``conflict_kind``.

    Within one (entity, event_type), reports are grouped most precise first: a report joins the
    first event all of whose reports its date interval overlaps, else starts a new event (so a
    year-level report sits with the month-level ones it fits, and never glues two different months
    together). Two kinds of disagreement between articles are flagged on every report involved:

    - ``date``: two articles date the same (entity, event type) with intervals that do not overlap;
    - ``debut``: two articles date a model's first appearance (its earliest development or release
      report in each) differently and as different events, each saying nothing of the other's
      kind: "trained in 2020" (000) against "released in 2021" (001) for GLM-10B. That may be a
      true sequence rather than an error, which is why it is a kind of its own.

    近日-dated reports never conflict (their month is a convention, not the text's).
    ``conflict_with`` names the other reports (``article: date``, with the event type for a debut);
    ``conflict_kind`` is ``date``, ``debut`` or both (``date; debut``). All columns stay flat.
    ``conflict_with`` lists the first ``CONFLICTS_LISTED`` other reports and how many more: a
    corpus of thousands of articles can date one release a thousand ways.

    Cost: near-linear in the reports (a corpus of 10,000 articles has tens of thousands). An
    interval overlaps every report of an event exactly when it overlaps their intersection (latest
    start, earliest end), so joining an event is one test per event, not per report; date conflicts
    are found once per distinct interval, not per pair of reports.
    """
    out = events.copy().reset_index(drop=True)
    # plain lists, not .at lookups: a corpus of 10,000 articles has hundreds of thousands of reports
    spans = dict(enumerate(zip(out["start"].tolist(), out["end"].tolist())))
    out["event_id"] = pd.Series(_assign_event_ids(out, spans), dtype=object)
    flags: dict[int, dict[str, tuple[list[str], int]]] = {}
    _flag_date_conflicts(out, spans, flags)
    _flag_debut_conflicts(out, spans, flags)
    out["conflict"] = [i in flags for i in out.index]
    out["conflict_with"] = [_listed(flags[i]) if i in flags else "" for i in out.index]
    out["conflict_kind"] = ["; ".join(k for k in CONFLICT_KINDS if k in flags[i]) if i in flags else ""
                            for i in out.index]
    return out


CONFLICTS_LISTED = 10


def _listed(kinds: dict[str, tuple[list[str], int]]) -> str:
    """The other reports a report conflicts with: the first ``CONFLICTS_LISTED``, then how many more."""
    shown = sorted({name for names, _ in kinds.values() for name in names})[:CONFLICTS_LISTED]
    more = sum(total for _, total in kinds.values()) - len(shown)
    return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")


def _first_others(entries: list[tuple[str, str]], own: str) -> list[str]:
    """The first ``CONFLICTS_LISTED`` of ``(article, text)`` entries (sorted) not from article ``own``."""
    shown = []
    for article, text in entries:
        if article != own:
            shown.append(text)
            if len(shown) == CONFLICTS_LISTED:
                break
    return shown


def _assign_event_ids(out, spans) -> list[str]:
    ids = [""] * len(out)
    next_id = 0
    for _, group in out.groupby(["entity", "event_type"], sort=True):
        order = sorted(group.index, key=lambda i: (spans[i][1] - spans[i][0], spans[i][0], i))
        clusters: list[list[int]] = []
        bounds: list[tuple] = []  # per event: (latest start, earliest end) of its reports
        for i in order:
            for c, bound in enumerate(bounds):
                if dates.overlaps(spans[i], bound):
                    clusters[c].append(i)
                    bounds[c] = (max(bound[0], spans[i][0]), min(bound[1], spans[i][1]))
                    break
            else:
                clusters.append([i])
                bounds.append(spans[i])
        for c in sorted(clusters, key=lambda c: (min(spans[j][0] for j in c), min(c))):
            next_id += 1
            for j in c:
                ids[j] = f"E{next_id:03d}"
    return ids


def _flag_date_conflicts(out, spans, flags) -> None:
    articles, written = out["article_id"].tolist(), out["date"].tolist()
    granularity = out["granularity"].tolist()
    for _, group in out.groupby(["entity", "event_type"], sort=True):
        comparable = [i for i in group.index if granularity[i] != "recent"]
        by_interval: dict[tuple, list[int]] = {}
        for i in comparable:
            by_interval.setdefault(spans[i], []).append(i)
        for interval, reports in by_interval.items():
            # the other side, once per distinct interval: (article, "article: date"), sorted
            entries = sorted({(articles[j], f"{articles[j]}: {written[j]}")
                              for other, js in by_interval.items() if not dates.overlaps(interval, other)
                              for j in js})
            if not entries:
                continue
            per_article = Counter(article for article, _ in entries)
            for i in reports:
                total = len(entries) - per_article.get(articles[i], 0)
                if total:
                    flags.setdefault(i, {})["date"] = (_first_others(entries, articles[i]), total)


def _flag_debut_conflicts(out, spans, flags) -> None:
    event_type, written = out["event_type"].tolist(), out["date"].tolist()
    # entity -> article -> its debut reports, grouped in plain dicts: a pandas group per (entity,
    # article) cost seconds at 10,000 articles (tens of thousands of groups)
    debuts: dict[str, dict[str, list[int]]] = {}
    for i, (entity, article_id, kind, granularity) in enumerate(zip(
            out["entity"].tolist(), out["article_id"].tolist(), event_type, out["granularity"].tolist())):
        if kind in DEBUT_TYPES and granularity != "recent" and not pd.isna(entity):
            debuts.setdefault(entity, {}).setdefault(article_id, []).append(i)
    for entity in sorted(debuts):
        # each article's debut report: the earliest start, the most precise on a tie; articles that
        # tell the same story (first kind, its dates, the kinds they report) are taken together
        stories: dict[tuple, list[tuple[str, int]]] = {}
        for article_id in sorted(debuts[entity]):
            reports = debuts[entity][article_id]
            i = min(reports, key=lambda k: (spans[k][0], spans[k][1], k))
            key = (event_type[i], spans[i], frozenset(event_type[k] for k in reports))
            stories.setdefault(key, []).append((article_id, i))
        for (kind_a, span_a, kinds_a), members in stories.items():
            entries = sorted(
                (b, f"{b}: {written[j]} ({kind_b})")
                for (kind_b, span_b, kinds_b), others in stories.items()
                if kind_a != kind_b and not dates.overlaps(span_a, span_b)
                # each article telling both stories is a sequence, not a disagreement
                and kind_b not in kinds_a and kind_a not in kinds_b
                for b, j in others
            )
            if not entries:
                continue
            for article_id, i in members:
                flags.setdefault(i, {})["debut"] = (_first_others(entries, article_id), len(entries))


def conflicts_table(merged: pd.DataFrame) -> pd.DataFrame:
    """One row per disagreement: (entity, event type) for a ``date`` conflict, the entity's debut
    for a ``debut`` conflict (``event_type`` then lists the types involved)."""
    rows = []
    for kind in CONFLICT_KINDS:
        flagged = merged[merged["conflict_kind"].str.split("; ").map(lambda ks: kind in ks)]
        keys = ["entity", "event_type"] if kind == "date" else ["entity"]
        for key, group in flagged.groupby(keys, sort=True):
            reports = group.sort_values(["start", "article_id"], kind="stable")
            rows.append({
                "entity": reports["entity"].iloc[0],
                "event_type": " / ".join(dict.fromkeys(reports["event_type"])),
                "conflict_kind": kind,
                "dates": "; ".join(f"{r.date} ({r.article_id}: {r.event_type}, {r.date_text})"
                                   for r in reports.itertuples()),
                "n_articles": reports["article_id"].nunique(),
                "evidence": " | ".join(reports["sentence"]),
            })
    return pd.DataFrame(rows, columns=["entity", "event_type", "conflict_kind", "dates", "n_articles", "evidence"])
