"""Units: the texts a topic model sees (paragraphs, or windows of consecutive sentences of one article)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from llmnews.errors import TopicModelError
from llmnews.sentences import sentences as sentence_texts  # the one sentence rule, as strings

__all__ = ["UNITS", "build_units", "unit_tokens", "sample_units"]

UNITS = ("paragraph", "sentences")


def build_units(
    paragraphs: pd.DataFrame,
    unit: str = "paragraph",
    window_sentences: int = 3,
    *,
    drop_headings: bool = True,
) -> pd.DataFrame:
    """The texts a topic model sees, each tagged with its article and where it sits in it.

    ``paragraphs`` is ``corpus.paragraph_table`` (columns ``article_id``, ``paragraph``, ``text``,
    optionally ``is_heading``). ``unit="paragraph"`` keeps one unit per paragraph;
    ``unit="sentences"`` cuts each article (never across articles) into consecutive, non-overlapping
    windows of ``window_sentences`` sentences, which may span a paragraph break; the last window of
    an article may be shorter. Section headings ("02. 智谱AI商业化路漫漫") are dropped by default:
    they are titles of the paragraphs that follow, not prose, and would double-count those words.

    Returns ``article_id``, ``unit`` (1-based within the article), ``first_paragraph``,
    ``last_paragraph``, ``position`` (unit's place in its article, 0 = start, 1 = end), ``text``,
    and ``first_sentence``/``last_sentence``: the unit's sentences in the article's numbering
    (headings included, as in the store's token table), so ``unit_tokens`` can find its tokens.
    ``attrs["dropped_headings"]`` counts the headings left out, so nothing vanishes silently.
    """
    if unit not in UNITS:
        raise TopicModelError(f"unit must be one of {UNITS}, got {unit!r}")
    if unit == "sentences" and (not isinstance(window_sentences, int) or window_sentences < 1):
        raise TopicModelError(f"window_sentences must be a positive int, got {window_sentences!r}")
    missing = {"article_id", "paragraph", "text"} - set(paragraphs.columns)
    if missing:
        raise TopicModelError(f"paragraph table lacks columns {sorted(missing)}")

    heading = (paragraphs["is_heading"].fillna(False).astype(bool) if drop_headings and "is_heading" in paragraphs.columns
               else pd.Series(False, index=paragraphs.index))
    n_headings = int(heading.sum())

    rows = []
    for article_id, article in paragraphs.assign(_heading=heading.to_numpy()).groupby("article_id", sort=False):
        article = article.sort_values("paragraph", kind="stable")
        # (paragraph, sentence number in the article, text) of every sentence; headings count in
        # the numbering (the token table counts them) but never make a unit
        numbered, kept, number = [], [], 0
        for p, t, is_heading in zip(article["paragraph"], article["text"], article["_heading"]):
            own = sentence_texts(str(t))
            span = (number + 1, number + len(own))
            number += len(own)
            if not is_heading:
                kept.append((int(p), span, str(t)))
                numbered.extend((int(p), number - len(own) + 1 + i, s) for i, s in enumerate(own))
        if unit == "paragraph":
            pieces = [(p, p, first, last, t) for p, (first, last), t in kept]
        else:
            pieces = []
            for start in range(0, len(numbered), window_sentences):
                window = numbered[start : start + window_sentences]
                pieces.append((window[0][0], window[-1][0], window[0][1], window[-1][1],
                               "".join(s for _, _, s in window)))
        n = len(pieces)
        for i, (first, last, first_sentence, last_sentence, text) in enumerate(pieces):
            rows.append(
                {
                    "article_id": str(article_id),
                    "unit": i + 1,
                    "first_paragraph": first,
                    "last_paragraph": last,
                    "position": i / (n - 1) if n > 1 else 0.0,
                    "text": text,
                    "first_sentence": first_sentence,
                    "last_sentence": last_sentence,
                }
            )
    units = pd.DataFrame(
        rows,
        columns=["article_id", "unit", "first_paragraph", "last_paragraph", "position", "text",
                 "first_sentence", "last_sentence"],
    )
    units.attrs["dropped_headings"] = n_headings
    return units


def unit_tokens(units: pd.DataFrame, tokens: pd.DataFrame, paragraphs: pd.DataFrame | None = None) -> list[list[str]]:
    """Each unit's terms, taken from the store's token table (``article_id, paragraph, sentence, term``).

    A unit is a run of its article's sentences (``first_sentence`` .. ``last_sentence``), so its
    tokens are the tokens of those sentences, in order: the corpus is segmented once, in the store.
    Pass the ``paragraphs`` the units were built from: the sentences of heading paragraphs a window
    skipped over are left out here too (``build_units`` drops headings by default).
    """
    missing = {"article_id", "paragraph", "sentence", "term"} - set(tokens.columns)
    if missing:
        raise TopicModelError(f"token table lacks columns {sorted(missing)}")
    # Every distinct term is one Python string that all lists share (a corpus of 10,000 articles has
    # eight million tokens and a few tens of thousands of terms), and articles and terms are numbered
    # codes while working: no per-token string or tuple is made here.
    article_codes, article_values = pd.factorize(tokens["article_id"])
    term_codes, term_values = pd.factorize(tokens["term"])
    if (term_codes < 0).any():
        raise TopicModelError("token table has rows with no term")
    vocabulary = np.asarray(term_values, dtype=object)
    paragraph = tokens["paragraph"].to_numpy(dtype=np.int64)
    sentence = tokens["sentence"].to_numpy()
    keep = np.ones(len(tokens), dtype=bool)
    if paragraphs is not None and "is_heading" in paragraphs.columns and units.attrs.get("dropped_headings", 1):
        headings = paragraphs.loc[paragraphs["is_heading"].fillna(False).astype(bool), ["article_id", "paragraph"]]
        if len(headings):
            heading_articles = pd.Index(article_values).get_indexer(headings["article_id"])
            known = heading_articles >= 0  # a heading of an article with no tokens has none to drop
            width = int(max(paragraph.max(initial=0), headings["paragraph"].max())) + 1
            heading_keys = heading_articles[known].astype(np.int64) * width + headings["paragraph"].to_numpy()[known]
            keep = ~np.isin(article_codes.astype(np.int64) * width + paragraph, heading_keys)
    wanted = set(pd.Index(article_values).get_indexer(pd.unique(units["article_id"]))) - {-1}
    rows_of = {}
    order = np.argsort(article_codes, kind="stable")  # each article's rows, in table order
    bounds = np.searchsorted(article_codes[order], np.arange(len(article_values) + 1))
    for code in wanted:
        rows = order[bounds[code]:bounds[code + 1]]
        rows = rows[keep[rows]]
        rows_of[article_values[code]] = (sentence[rows], term_codes[rows])
    out: list[list[str]] = []
    empty = (np.empty(0, dtype=int), np.empty(0, dtype=np.int64))
    for article_id, first, last in zip(units["article_id"], units["first_sentence"], units["last_sentence"]):
        sentences, codes = rows_of.get(article_id, empty)
        lo = np.searchsorted(sentences, first, side="left")
        hi = np.searchsorted(sentences, last, side="right")
        out.append(vocabulary[codes[lo:hi]].tolist())
    return out


def sample_units(n_units: int, size: int, seed: int) -> list[int]:
    """Indices of a seeded random sample of ``size`` units (all of them when there are fewer), sorted.

    The K sweep and the stability fits run on such a sample so that their cost stays fixed as the
    corpus grows; only the chosen model is fitted on every unit.
    """
    if size < 1:
        raise TopicModelError(f"sample size must be at least 1, got {size}")
    if n_units <= size:
        return list(range(n_units))
    rng = np.random.default_rng(seed)  # seeded here: the same sample on every run
    return sorted(int(i) for i in rng.choice(n_units, size=size, replace=False))
