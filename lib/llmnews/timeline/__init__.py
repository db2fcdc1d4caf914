"""Dated events (releases, development, open-sourcing, pricing, availability, funding, founding,
user milestones) with provenance, merged across articles with their disagreements.

The stage has four parts, in pipeline order:

- ``extract``: events in one article's text against its anchor (article-local: a function of
  one text and one date, so it maps over partitions of a corpus);
- ``merge``: reports of the same event grouped across articles, conflicts flagged (global);
- ``tables``: what notebook 04 shows and saves;
- ``gold``: scoring against hand labels (used by the tests).

The figures of notebook 04 are ``llmnews.plotting.timeline``.
``from llmnews import timeline; timeline.release_events(...)`` reaches everything public.
"""

from llmnews.timeline.extract import (
    DATE_SOURCES, EVENT_COLUMNS, EVENT_CUES, EVENT_TYPES, Mention, article_events, entity_mentions_in,
    events_in_text, mentions_from_tokens, publication_anchor, release_events, rows_per_article, split_clauses,
    split_sentences,
)
from llmnews.timeline.gold import score_against_gold
from llmnews.timeline.merge import CONFLICT_KINDS, DEBUT_TYPES, conflicts_table, merge_events
from llmnews.timeline.tables import (
    EVENT_SUMMARY_COLUMNS, TIMELINE_COLUMNS, event_summary, publication_table, releases_per_quarter, select_events, time_expression_table,
    timeline_table,
)

__all__ = [
    "EVENT_CUES",
    "EVENT_TYPES",
    "EVENT_COLUMNS",
    "DATE_SOURCES",
    "TIMELINE_COLUMNS",
    "Mention",
    "split_sentences",
    "split_clauses",
    "entity_mentions_in",
    "mentions_from_tokens",
    "events_in_text",
    "article_events",
    "rows_per_article",
    "release_events",
    "merge_events",
    "conflicts_table",
    "CONFLICT_KINDS",
    "DEBUT_TYPES",
    "timeline_table",
    "event_summary",
    "EVENT_SUMMARY_COLUMNS",
    "publication_anchor",
    "publication_table",
    "score_against_gold",
    "time_expression_table",
    "select_events",
    "releases_per_quarter",
]
