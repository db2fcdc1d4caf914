"""The pipeline's stages, each a plain function of the tables before it.

Article-local stages (run per partition of articles, on one machine or on Dask workers):

    files ──load_articles──> articles, paragraphs, removed_lines, skipped
    articles ──tokens_table──> tokens                 (the one segmentation of the corpus)
    tokens ──term_counts_table──> term_counts
    term_counts ──mentions_table──> mentions       (entities are tokens: no second segmentation)
    articles ──time_expressions_table──> time_expressions
    articles + tokens ──events_table──> events        (entities found in the tokens, not segmented again)
    articles + tokens ──facts_tables──> prices, price_changes, quantities  (``llmnews.facts``)
    term_counts ──term_totals_part──> term_totals_part

Global stages (after every partition, on reduced tables only):

    events ──merged_events──> merged_events           (event ids and conflicts across articles)
    term_totals_part ──term_totals──> term_totals     (summed counts; never an articles x terms matrix)

``prepare_partition`` runs the article-local stages on one partition and writes its tables; the
serial path, the process pool and Dask all call it, so their tables are equal by construction and
the tests check it.
"""

from __future__ import annotations

import bisect
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from llmnews import corpus
from llmnews.errors import ArticleError
from llmnews.sentences import sentence_spans
import llmnews.store.tables as tables

__all__ = [
    "PartitionJob",
    "PartitionResult",
    "load_articles",
    "tokens_table",
    "term_counts_table",
    "mentions_table",
    "time_expressions_table",
    "events_table",
    "facts_tables",
    "term_totals_part",
    "merged_events",
    "term_totals",
    "prepare_partition",
]

ARTICLE_COLUMNS = [c for c in corpus.CORPUS_COLUMNS if c not in ("paragraphs", "removed_lines")]
TOKEN_COLUMNS = ["article_id", "paragraph", "sentence", "position", "term", "start", "end"]
SKIPPED_COLUMNS = ["file", "reason"]


# ---------------------------------------------------------------------------------- load


def load_articles(files: list[tuple[Path, dict]]) -> dict[str, pd.DataFrame]:
    """Decode, clean and date each file (``corpus``): the articles and what cleaning found.

    ``files`` is ``(path, metadata row)`` pairs in the order the rows should have. A file that
    cannot be used becomes a row of ``skipped`` (file and reason), never an exception.
    """
    records, skipped = [], []
    for path, meta in files:
        try:
            records.append(corpus.load_article(path, meta))
        except ArticleError as err:
            skipped.append({"file": path.name, "reason": err.reason})
    loaded = corpus.articles_frame(records)
    return {
        "articles": loaded[ARTICLE_COLUMNS].reset_index(drop=True),
        "paragraphs": corpus.paragraph_table(loaded),
        "removed_lines": corpus.removed_lines_table(loaded),
        "skipped": pd.DataFrame(skipped, columns=SKIPPED_COLUMNS),
    }


# ------------------------------------------------------------------------------ tokens


def _paragraph_starts(text: str) -> list[int]:
    """Offsets where each paragraph of an article's text starts (paragraphs are joined by ``\\n``)."""
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def tokens_table(articles: pd.DataFrame) -> pd.DataFrame:
    """Every kept token of every article once, with where it is.

    ``paragraph`` matches ``paragraphs.paragraph`` (1-based), ``sentence`` numbers the article's
    sentences by the one sentence rule (1-based), ``position`` is the token's index in its article
    (0-based), ``start``/``end`` are character offsets into the article's ``text``. Segmenting the
    whole text once gives the same tokens as segmenting each paragraph or sentence: jieba and the
    lexicon's name patterns never join across a line break or a sentence end.
    """
    from llmnews import text as segmentation  # jieba: only a stage that segments loads it

    ids, positions, paragraph_numbers, sentence_numbers = [], [], [], []
    terms: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for article_id, body in zip(articles["article_id"].tolist(), articles["text"].tolist()):
        article_terms, article_starts, article_ends = segmentation.token_columns(body)
        if not article_terms:
            continue
        at = np.asarray(article_starts, dtype=np.int64)
        paragraph_numbers.append(np.searchsorted(_paragraph_starts(body), at, side="right"))
        sentence_starts = np.asarray([start for start, _ in sentence_spans(body)], dtype=np.int64)
        sentence_numbers.append(np.maximum(1, np.searchsorted(sentence_starts, at, side="right")))
        ids.append(np.full(len(article_terms), article_id, dtype=object))
        positions.append(np.arange(len(article_terms)))
        terms.extend(article_terms)
        starts.extend(article_starts)
        ends.extend(article_ends)

    def joined(parts, dtype):
        return np.concatenate(parts).astype(dtype) if parts else np.empty(0, dtype=dtype)

    frame = pd.DataFrame({
        "article_id": pd.Series(joined(ids, object), dtype="str"),
        "paragraph": joined(paragraph_numbers, np.int32),
        "sentence": joined(sentence_numbers, np.int32),
        "position": joined(positions, np.int32),
        "term": pd.Series(terms, dtype="str"),
        "start": np.asarray(starts, dtype=np.int32),
        "end": np.asarray(ends, dtype=np.int32),
    })
    return frame[TOKEN_COLUMNS]


def term_counts_table(tokens: pd.DataFrame) -> pd.DataFrame:
    """``terms.count_terms``' table from the token table: the same rows, in the same order.

    Counted with one grouping over the whole partition instead of a Counter per article: the
    articles in their order, then count (descending) and term, ``relative_frequency`` = count over
    the article's tokens.
    """
    if tokens.empty:
        return pd.DataFrame({"article_id": pd.Series([], dtype="str"), "term": pd.Series([], dtype="str"),
                             "count": pd.Series([], dtype="int64"),
                             "relative_frequency": pd.Series([], dtype="float64")})
    counts = tokens.groupby(["article_id", "term"], sort=False).size().rename("count").reset_index()
    article_order = {a: i for i, a in enumerate(tokens["article_id"].drop_duplicates())}
    counts["_article"] = counts["article_id"].map(article_order)
    counts = counts.sort_values(["_article", "count", "term"], ascending=[True, False, True], kind="stable")
    totals = counts.groupby("_article")["count"].transform("sum")
    counts["relative_frequency"] = counts["count"] / totals
    counts = counts.drop(columns="_article").reset_index(drop=True)
    return counts.astype({"article_id": "str", "term": "str", "count": "int64",
                          "relative_frequency": "float64"})


def mentions_table(term_counts: pd.DataFrame) -> pd.DataFrame:
    """How often each lexicon entity is mentioned in each article (``text.entity_mentions``' table)."""
    from llmnews import text as segmentation

    return segmentation.mentions_from_counts(term_counts)


def time_expressions_table(articles: pd.DataFrame) -> pd.DataFrame:
    """Every time expression of every article, resolved against its publication date."""
    from llmnews import timeline

    return timeline.time_expression_table(articles)


def events_table(articles: pd.DataFrame, tokens: pd.DataFrame, finder=None) -> pd.DataFrame:
    """Dated events of every article; the entities in a sentence come from the token table
    (``finder``: a ``_MentionsFromTokens`` of these articles, shared with the facts stage)."""
    from llmnews import timeline

    return timeline.release_events(articles, mention_finder=finder or _MentionsFromTokens(articles, tokens))


class _MentionsFromTokens:
    """A ``mention_finder`` for the timeline that looks sentences up instead of segmenting them.

    The timeline asks for the entities of a sentence by its text. Every sentence it asks about is
    one of an article's sentences (the one sentence rule), so the tokens inside that sentence's span,
    with offsets made relative to it, are exactly what segmenting the sentence alone would give.
    """

    def __init__(self, articles: pd.DataFrame, tokens: pd.DataFrame) -> None:
        from llmnews.text import Token

        self._by_sentence: dict[str, list] = {}
        grouped = {a: g for a, g in tokens.groupby("article_id", sort=False)}
        for article_id, body in zip(articles["article_id"].tolist(), articles["text"].tolist()):
            group = grouped.get(article_id)
            terms = group["term"].tolist() if group is not None else []
            starts = group["start"].tolist() if group is not None else []
            ends = group["end"].tolist() if group is not None else []
            for s_start, s_end in sentence_spans(body):
                sentence = body[s_start:s_end]
                if sentence in self._by_sentence:
                    continue  # the same text has the same entities wherever it stands
                lo = bisect.bisect_left(starts, s_start)
                hi = bisect.bisect_left(starts, s_end)
                self._by_sentence[sentence] = [Token(terms[i], starts[i] - s_start, ends[i] - s_start)
                                               for i in range(lo, hi) if ends[i] <= s_end]
        self.misses = 0

    def __call__(self, sentence: str):
        from llmnews import text as segmentation, timeline

        found = self._by_sentence.get(sentence)
        if found is None:  # not one of the articles' sentences: segment it (counted, for the tests)
            self.misses += 1
            found = segmentation.tokenize_with_offsets(sentence)
        return timeline.mentions_from_tokens(found)


def facts_tables(articles: pd.DataFrame, tokens: pd.DataFrame, finder=None) -> dict[str, pd.DataFrame]:
    """Prices, relative price changes and quantities (``facts.facts_for_partition``), one reading
    of each article; the models a sentence names come from the token table, as for events."""
    from llmnews import facts

    terms = {article_id: group.tolist() for article_id, group in tokens.groupby("article_id", sort=False)["term"]}
    found = facts.facts_for_partition(articles, mention_finder=finder or _MentionsFromTokens(articles, tokens),
                                      terms_by_article=terms)
    return {"prices": found["prices"], "price_changes": found["changes"], "quantities": found["quantities"]}


def term_totals_part(term_counts: pd.DataFrame) -> pd.DataFrame:
    """Per-partition totals: ``term, count, n_articles`` (summed over partitions by ``term_totals``)."""
    grouped = term_counts.groupby("term", sort=True)
    return pd.DataFrame({
        "term": pd.Series(list(grouped.groups), dtype="str"),
        "count": grouped["count"].sum().to_numpy(dtype="int64"),
        "n_articles": grouped.size().to_numpy(dtype="int64"),
    })


# ------------------------------------------------------------------------------ global


def merged_events(events: pd.DataFrame) -> pd.DataFrame:
    """Events of the whole corpus merged: which reports are one event, and where articles disagree."""
    from llmnews import timeline

    ordered = events.sort_values(["start", "end", "entity", "event_type", "article_id"], kind="stable")
    return timeline.merge_events(ordered.reset_index(drop=True))


def term_totals(parts: pd.DataFrame) -> pd.DataFrame:
    """Corpus totals from the partitions' totals, most frequent first (ties by term)."""
    grouped = parts.groupby("term", sort=True)[["count", "n_articles"]].sum().reset_index()
    grouped = grouped.astype({"term": "str", "count": "int64", "n_articles": "int64"})
    return grouped.sort_values(["count", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


# ------------------------------------------------------------------------- a partition


@dataclass
class PartitionJob:
    """One partition of articles to prepare: what to read and where its tables go."""

    partition: str
    files: list[tuple[str, dict]]  # (path, metadata row), in row order
    store_dir: str
    resources: object = None  # ``resources.Bundle``: the lexicon and word lists the workers must use


@dataclass
class PartitionResult:
    partition: str
    rows: dict[str, int] = field(default_factory=dict)
    skipped: list[dict] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def part_path(store_dir: Path, table: str, partition: str) -> Path:
    return Path(store_dir) / table / f"{partition}.parquet"


def _article_stages(articles: pd.DataFrame) -> tuple[dict[str, pd.DataFrame], dict[str, float]]:
    seconds: dict[str, float] = {}
    out: dict[str, pd.DataFrame] = {}

    def timed(name, function, *args):
        started = time.perf_counter()
        out[name] = function(*args)
        seconds[name] = time.perf_counter() - started

    timed("tokens", tokens_table, articles)
    timed("term_counts", term_counts_table, out["tokens"])
    timed("mentions", mentions_table, out["term_counts"])
    timed("time_expressions", time_expressions_table, articles)
    # the entities of every sentence, looked up once for both events and facts
    started = time.perf_counter()
    finder = _MentionsFromTokens(articles, out["tokens"])
    seconds["sentence_mentions"] = time.perf_counter() - started
    timed("events", events_table, articles, out["tokens"], finder)
    started = time.perf_counter()
    out.update(facts_tables(articles, out["tokens"], finder))
    seconds["facts"] = time.perf_counter() - started
    timed("term_totals_part", term_totals_part, out["term_counts"])
    return out, seconds


def _without(frame: pd.DataFrame, article_ids: set[str]) -> pd.DataFrame:
    if not article_ids or "article_id" not in frame.columns:
        return frame
    return frame[~frame["article_id"].isin(article_ids)].reset_index(drop=True)


def prepare_partition(job: PartitionJob) -> PartitionResult:
    """Run every article-local stage on one partition and write its tables to the store.

    An article on which a stage fails (a bug, or text no rule foresaw) is reported in ``skipped``
    with its file, the stage and the error, and its rows are left out of every table; the rest of
    the partition still prepares. Runs the same in this process, in a pool worker or on Dask.
    """
    from llmnews import resources

    if job.resources is not None:
        resources.use(job.resources)
    started = time.perf_counter()
    loaded = load_articles([(Path(path), meta) for path, meta in job.files])
    seconds = {"load": time.perf_counter() - started}
    articles = loaded["articles"]
    skipped = loaded["skipped"].to_dict("records")
    try:
        derived, stage_seconds = _article_stages(articles)
    except Exception:  # noqa: BLE001 - find the article that breaks a stage, report it, go on
        derived, stage_seconds, failed = _stages_article_by_article(articles)
        skipped.extend(failed)
        bad_ids = {row["article_id"] for row in failed}
        loaded = {name: _without(frame, bad_ids) for name, frame in loaded.items()}
        articles = loaded["articles"]
    seconds.update(stage_seconds)
    loaded["skipped"] = pd.DataFrame(
        [{"file": row["file"], "reason": row["reason"]} for row in skipped], columns=SKIPPED_COLUMNS
    )
    result = PartitionResult(job.partition, skipped=[{k: r[k] for k in ("file", "reason")} for r in skipped])
    started = time.perf_counter()
    for name, frame in {**loaded, **derived}.items():
        result.rows[name] = tables.write_table(frame, part_path(Path(job.store_dir), name, job.partition))
    seconds["write"] = time.perf_counter() - started
    result.seconds = seconds
    return result


def _stages_article_by_article(articles: pd.DataFrame):
    """The article-local stages one article at a time, collecting the articles that fail."""
    pieces: dict[str, list[pd.DataFrame]] = {}
    seconds: dict[str, float] = {}
    failed = []
    for index in range(len(articles)):
        one = articles.iloc[[index]].reset_index(drop=True)
        try:
            out, spent = _article_stages(one)
        except Exception as err:  # noqa: BLE001
            where = traceback.extract_tb(err.__traceback__)[-1]
            failed.append({
                "article_id": one.at[0, "article_id"], "file": one.at[0, "file_name"],
                "reason": f"a pipeline stage failed: {type(err).__name__}: {err} "
                          f"({Path(where.filename).name}, line {where.lineno})",
            })
            continue
        for name, frame in out.items():
            pieces.setdefault(name, []).append(frame)
        for name, value in spent.items():
            seconds[name] = seconds.get(name, 0.0) + value
    empty, _ = _article_stages(articles.iloc[0:0])
    derived = {name: (pd.concat(pieces[name], ignore_index=True) if pieces.get(name) else empty[name])
               for name in empty}
    # per-partition totals are sums: recompute them from the articles that passed
    derived["term_totals_part"] = term_totals_part(derived["term_counts"])
    return derived, seconds, failed
