"""The naive baseline the chosen model has to beat: default LDA on jieba's plain tokens."""

from __future__ import annotations

from typing import Iterable, Sequence

from llmnews.topics.fit import TopicModel, fit_topic_model

__all__ = ["BASELINE_LDA_OPTIONS", "fit_baseline_lda", "plain_jieba_tokens"]

BASELINE_LDA_OPTIONS = {"min_df": 1, "max_df": 1.0, "max_iter": 10}


def plain_jieba_tokens(texts: Iterable[str]) -> list[list[str]]:
    """jieba's plain ``lcut`` with its stock dictionary: no lexicon, no stop words, punctuation kept.

    A private ``jieba.Tokenizer`` is used because ``llmnews.text`` adds the lexicon to jieba's
    global one, which would quietly give the baseline our lexicon. Whitespace-only pieces are
    dropped: they are not words, and no vectorizer would ever produce them.
    """
    tokenizer = _plain_tokenizer()
    return [[token for token in tokenizer.lcut(text) if token.strip()] for text in texts]


_PLAIN_TOKENIZER = None


def _plain_tokenizer():
    # jieba's stock dictionary and nothing else, set up the one way the project sets up jieba.
    global _PLAIN_TOKENIZER
    if _PLAIN_TOKENIZER is None:
        from llmnews.text import make_jieba_tokenizer

        _PLAIN_TOKENIZER = make_jieba_tokenizer()
    return _PLAIN_TOKENIZER


def fit_baseline_lda(units_tokens: Sequence[Sequence[str]], k: int, seed: int) -> TopicModel:
    """``LatentDirichletAllocation(n_components=k, random_state=seed)`` with every other setting at
    scikit-learn's default (batch, 10 passes) on a default ``CountVectorizer`` (no min_df/max_df),
    pinned to one thread like every other fit so its numbers are reproducible too."""
    return fit_topic_model(units_tokens, "lda", k, seed, **BASELINE_LDA_OPTIONS)
