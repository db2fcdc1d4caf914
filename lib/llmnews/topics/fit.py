"""Fitting: document-term matrices for pre-tokenised units, and NMF / LDA with topics numbered by share.

See the package docstring (``llmnews.topics``) for why each setting is what it is.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from threadpoolctl import threadpool_limits

from llmnews.errors import TopicModelError

__all__ = ["MODELS", "TopicModel", "document_term_matrix", "fit_topic_model", "make_vectorizer"]

MODELS = ("nmf", "lda")


def _identity(tokens):
    # A named function, not a lambda, so a fitted vectorizer can be pickled.
    return tokens


def make_vectorizer(weighting: str = "count", *, min_df=2, max_df=0.5, tfidf_norm: str | None = None):
    """A vectorizer for pre-tokenised units: identity analyzer, no lower-casing, no re-splitting.

    ``tfidf_norm`` is TfidfVectorizer's row normalisation, ``None`` by default here (see the
    module docstring: l2 rows make a one-line answer weigh as much as a long paragraph).
    """
    kwargs = dict(analyzer=_identity, lowercase=False, min_df=min_df, max_df=max_df)
    if weighting == "count":
        return CountVectorizer(**kwargs)
    if weighting == "tfidf":
        return TfidfVectorizer(norm=tfidf_norm, **kwargs)
    raise TopicModelError(f"weighting must be 'count' or 'tfidf', got {weighting!r}")


def document_term_matrix(
    units_tokens: Sequence[Sequence[str]],
    weighting: str = "count",
    *,
    min_df=2,
    max_df=0.5,
    tfidf_norm: str | None = None,
):
    """(sparse matrix units × terms, vocabulary as a numpy array in column order)."""
    units_tokens = [list(tokens) for tokens in units_tokens]
    if not units_tokens:
        raise TopicModelError("no units to build a document-term matrix from")
    vectorizer = make_vectorizer(weighting, min_df=min_df, max_df=max_df, tfidf_norm=tfidf_norm)
    try:
        matrix = vectorizer.fit_transform(units_tokens)
    except ValueError as error:  # sklearn: "After pruning, no terms remain" and friends
        raise TopicModelError(
            f"no terms left with min_df={min_df}, max_df={max_df} over {len(units_tokens)} units: {error}"
        ) from error
    return matrix, vectorizer.get_feature_names_out()


@dataclass
class TopicModel:
    """A fitted topic model, its topics numbered 1..K by corpus share (largest first)."""

    model: str
    k: int
    seed: int
    vocabulary: np.ndarray  # term of each column of topic_term
    topic_term: np.ndarray  # K × V, each row a distribution over terms (sums to 1)
    unit_topic: np.ndarray  # n_units × K, each row the unit's topic shares (0 if no term kept)
    unit_weight: np.ndarray  # in-vocabulary tokens per unit: how much each unit can say
    settings: dict = field(default_factory=dict)

    def top_terms(self, n: int = 10) -> list[list[str]]:
        """Each topic's n highest-weighted terms; ties broken by vocabulary order (deterministic)."""
        order = np.argsort(-self.topic_term, axis=1, kind="stable")[:, :n]
        return [[str(self.vocabulary[j]) for j in row] for row in order]

    def top_term_table(self, n: int = 10) -> pd.DataFrame:
        """Long table topic, rank, term, weight (the term's share of its topic)."""
        order = np.argsort(-self.topic_term, axis=1, kind="stable")[:, :n]
        rows = [
            {"topic": t + 1, "rank": r + 1, "term": str(self.vocabulary[j]), "weight": float(self.topic_term[t, j])}
            for t, row in enumerate(order)
            for r, j in enumerate(row)
        ]
        return pd.DataFrame(rows, columns=["topic", "rank", "term", "weight"])


def _normalise_rows(matrix: np.ndarray) -> np.ndarray:
    totals = matrix.sum(axis=1, keepdims=True)
    return np.divide(matrix, totals, out=np.zeros_like(matrix, dtype=float), where=totals > 0)


def fit_topic_model(
    units_tokens: Sequence[Sequence[str]],
    model: str = "nmf",
    k: int = 6,
    seed: int = 0,
    *,
    min_df=2,
    max_df=0.5,
    max_iter: int | None = None,
    tfidf_norm: str | None = None,
) -> TopicModel:
    """Fit NMF (on TF-IDF) or LDA (on counts) with K topics; same inputs and seed, same bytes.

    ``max_iter`` defaults to 1000 for NMF (so the coordinate descent converges on a few hundred
    units) and 20 for LDA (batch variational Bayes: top terms, coherence and stability on this
    corpus were the same at 20 and 50 passes, and each pass costs time in a K sweep).
    """
    if model not in MODELS:
        raise TopicModelError(f"model must be one of {MODELS}, got {model!r}")
    units_tokens = [list(tokens) for tokens in units_tokens]
    if not isinstance(k, (int, np.integer)) or k < 1:
        raise TopicModelError(f"k must be a positive int, got {k!r}")
    if k > len(units_tokens):
        raise TopicModelError(f"k={k} topics need at least as many units; got {len(units_tokens)}")

    counts, vocabulary = document_term_matrix(units_tokens, "count", min_df=min_df, max_df=max_df)
    unit_weight = np.asarray(counts.sum(axis=1)).ravel().astype(float)
    if k > len(vocabulary):
        raise TopicModelError(f"k={k} topics but only {len(vocabulary)} terms survive min_df/max_df")

    with threadpool_limits(limits=1), warnings.catch_warnings():
        # A convergence warning is recorded in settings instead of interrupting a notebook.
        warnings.simplefilter("ignore", ConvergenceWarning)
        if model == "nmf":
            tfidf, tfidf_vocabulary = document_term_matrix(
                units_tokens, "tfidf", min_df=min_df, max_df=max_df, tfidf_norm=tfidf_norm
            )
            assert list(tfidf_vocabulary) == list(vocabulary)
            estimator = NMF(
                n_components=int(k),
                init="random",
                random_state=seed,  # seed at the call: a different start per seed, see module doc
                max_iter=max_iter or 1000,
                solver="cd",
                beta_loss="frobenius",
            )
            unit_raw = estimator.fit_transform(tfidf)
        else:
            estimator = LatentDirichletAllocation(
                n_components=int(k),
                learning_method="batch",
                max_iter=max_iter or 20,
                random_state=seed,  # seed at the call
                n_jobs=1,  # LDA's result depends on the number of jobs
            )
            unit_raw = estimator.fit_transform(counts)
        converged = int(estimator.n_iter_) < estimator.max_iter

    topic_term = _normalise_rows(np.asarray(estimator.components_, dtype=float))
    unit_topic = _normalise_rows(np.asarray(unit_raw, dtype=float))
    # A unit with no term in the vocabulary carries no topic information (LDA would return its
    # prior, a uniform share); it gets zero shares and zero weight.
    unit_topic[unit_weight == 0] = 0.0

    # Number topics by corpus share, largest first; stable sort so ties keep the fitted order.
    corpus_share = (unit_topic * unit_weight[:, None]).sum(axis=0)
    order = np.argsort(-corpus_share, kind="stable")
    return TopicModel(
        model=model,
        k=int(k),
        seed=int(seed),
        vocabulary=np.asarray(vocabulary),
        topic_term=topic_term[order],
        unit_topic=unit_topic[:, order],
        unit_weight=unit_weight,
        settings={
            "min_df": min_df,
            "max_df": max_df,
            "tfidf_norm": tfidf_norm if model == "nmf" else None,
            "max_iter": estimator.max_iter,
            "n_iter": int(estimator.n_iter_),
            "converged": bool(converged),
            "n_units": len(units_tokens),
            "n_terms": len(vocabulary),
        },
    )
