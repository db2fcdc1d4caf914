"""Units: the texts a topic model sees (paragraphs, or windows of consecutive sentences of one article)."""

from __future__ import annotations

import pandas as pd

from llmnews.errors import TopicModelError
from llmnews.sentences import sentences as sentence_texts  # the one sentence rule, as strings

__all__ = ["UNITS", "build_units"]

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
    ``last_paragraph``, ``position`` (unit's place in its article, 0 = start, 1 = end) and ``text``.
    ``attrs["dropped_headings"]`` counts the headings left out, so nothing vanishes silently.
    """
    if unit not in UNITS:
        raise TopicModelError(f"unit must be one of {UNITS}, got {unit!r}")
    if unit == "sentences" and (not isinstance(window_sentences, int) or window_sentences < 1):
        raise TopicModelError(f"window_sentences must be a positive int, got {window_sentences!r}")
    missing = {"article_id", "paragraph", "text"} - set(paragraphs.columns)
    if missing:
        raise TopicModelError(f"paragraph table lacks columns {sorted(missing)}")

    table = paragraphs
    n_headings = 0
    if drop_headings and "is_heading" in table.columns:
        heading = table["is_heading"].fillna(False).astype(bool)
        n_headings = int(heading.sum())
        table = table[~heading]

    rows = []
    for article_id, article in table.groupby("article_id", sort=False):
        article = article.sort_values("paragraph", kind="stable")
        if unit == "paragraph":
            pieces = [(int(p), int(p), str(t)) for p, t in zip(article["paragraph"], article["text"])]
        else:
            sentences = [
                (int(p), sentence)
                for p, t in zip(article["paragraph"], article["text"])
                for sentence in sentence_texts(str(t))
            ]
            pieces = []
            for start in range(0, len(sentences), window_sentences):
                window = sentences[start : start + window_sentences]
                pieces.append((window[0][0], window[-1][0], "".join(s for _, s in window)))
        n = len(pieces)
        for i, (first, last, text) in enumerate(pieces):
            rows.append(
                {
                    "article_id": str(article_id),
                    "unit": i + 1,
                    "first_paragraph": first,
                    "last_paragraph": last,
                    "position": i / (n - 1) if n > 1 else 0.0,
                    "text": text,
                }
            )
    units = pd.DataFrame(
        rows,
        columns=["article_id", "unit", "first_paragraph", "last_paragraph", "position", "text"],
    )
    units.attrs["dropped_headings"] = n_headings
    return units
