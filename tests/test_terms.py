"""Unit tests for llmnews.terms, on counts and strings small enough to check by hand."""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import pandas as pd
import pytest
from scipy.stats import spearmanr

from llmnews import terms
from llmnews.errors import LlmnewsError


class Token(NamedTuple):
    term: str
    start: int
    end: int


# A tiny longest-match tokenizer standing in for llmnews.text, so these tests do not depend on
# jieba or the lexicon. "Open AI" is an alias written with a space; its token is the canonical.
_VOCABULARY = {
    "今天": "今天", "明天": "明天", "发布": "发布", "回应": "回应", "智谱AI": "智谱AI",
    "GLM-4": "GLM-4", "GPT-4o": "GPT-4o", "GPT-4": "GPT-4", "Open AI": "OpenAI",
    "OpenAI": "OpenAI", "和": "和",
}


def toy_tokenize(text: str) -> list[Token]:
    tokens, position = [], 0
    surfaces = sorted(_VOCABULARY, key=len, reverse=True)
    while position < len(text):
        for surface in surfaces:
            if text.startswith(surface, position):
                tokens.append(Token(_VOCABULARY[surface], position, position + len(surface)))
                position += len(surface)
                break
        else:
            position += 1  # punctuation and unknown characters are dropped, like stop words
    return tokens


def tidy(counts: dict[str, dict[str, int]]) -> pd.DataFrame:
    return terms.count_terms(
        {article: [t for t, c in per.items() for _ in range(c)] for article, per in counts.items()}
    )


def lookup(table: pd.DataFrame, article: str, term: str) -> pd.Series:
    row = table[(table["article_id"] == article) & (table["term"] == term)]
    assert len(row) == 1, (article, term)
    return row.iloc[0]


# ---------------------------------------------------------------- counts


def test_count_terms_counts_and_relative_frequency():
    table = terms.count_terms({"a": ["大模型", "智谱AI", "大模型", "GPT-4o"], "b": ["OpenAI"]})
    assert list(table.columns) == ["article_id", "term", "count", "relative_frequency"]
    # a: 4 tokens, 大模型 twice -> 2/4; ties (count 1) ordered by term.
    assert table.values.tolist() == [
        ["a", "大模型", 2, 0.5],
        ["a", "GPT-4o", 1, 0.25],
        ["a", "智谱AI", 1, 0.25],
        ["b", "OpenAI", 1, 1.0],
    ]


def test_count_terms_refuses_an_unsegmented_string():
    with pytest.raises(LlmnewsError, match="'a'"):
        terms.count_terms({"a": "智谱AI发布"})


# ---------------------------------------------------------------- weighted log-odds


def test_weighted_log_odds_by_hand_corpus_prior():
    # Article A: x=2, y=1 (n_A = 3). Article B: x=1, y=3 (n_B = 4). Corpus prior alpha_w = pooled
    # count: alpha_x = 3, alpha_y = 4, alpha0 = 7.
    # A vs rest (= B), term x: y_i = 2, y_j = 1, a = 3
    #   odds_i = (2+3)/(3+7-2-3) = 5/5 = 1 ;  odds_j = (1+3)/(4+7-1-3) = 4/7
    #   log_odds = log 1 - log(4/7) = log(7/4) = 0.5596157879
    #   var = 1/(2+3) + 1/(1+3) = 0.2 + 0.25 = 0.45 ;  z = 0.5596157879 / sqrt(0.45) = 0.8342259621
    # A, term y: y_i = 1, y_j = 3, a = 4
    #   odds_i = (1+4)/(3+7-1-4) = 1 ; odds_j = (3+4)/(4+7-3-4) = 7/4 ; log_odds = -log(7/4)
    #   var = 1/5 + 1/7 = 12/35 ; z = -0.5596157879 / sqrt(12/35) = -0.9557259045
    table = terms.weighted_log_odds(tidy({"A": {"x": 2, "y": 1}, "B": {"x": 1, "y": 3}}))
    assert list(table.columns[:5]) == ["article_id", "term", "count", "log_odds", "z"]
    ax, ay = lookup(table, "A", "x"), lookup(table, "A", "y")
    assert ax["log_odds"] == pytest.approx(0.5596157879354227, rel=1e-12)
    assert ax["z"] == pytest.approx(0.8342259620704745, rel=1e-12)
    assert ay["log_odds"] == pytest.approx(-0.5596157879354227, rel=1e-12)
    assert ay["z"] == pytest.approx(-0.9557259044713272, rel=1e-12)
    assert (ax["count"], ax["rest_count"], ax["alpha"]) == (2, 1, 3.0)
    # With two groups, B vs rest is A vs rest mirrored: B,x has the same variance, opposite sign.
    assert lookup(table, "B", "x")["z"] == pytest.approx(-0.8342259620704745, rel=1e-12)


def test_weighted_log_odds_by_hand_background_prior():
    # Same counts; background counts x: 1, y: 3 -> shares 1/4, 3/4; alpha0 = 4 -> a_x = 1, a_y = 3.
    # A, term x: y_i = 2, y_j = 1, a = 1
    #   odds_i = (2+1)/(3+4-2-1) = 3/4 ; odds_j = (1+1)/(4+4-1-1) = 2/6 = 1/3
    #   log_odds = log(3/4) - log(1/3) = log(9/4) = 0.8109302162
    #   var = 1/3 + 1/2 = 5/6 ; z = 0.8109302162 / sqrt(5/6) = 0.8883295440
    # A, term y: y_i = 1, y_j = 3, a = 3
    #   odds_i = (1+3)/(3+4-1-3) = 4/3 ; odds_j = (3+3)/(4+4-3-3) = 3 ; log_odds = log(4/9)
    #   var = 1/4 + 1/6 = 5/12 ; z = -0.8109302162 / sqrt(5/12) = -1.2562876889
    background = pd.Series({"x": 1.0, "y": 3.0})
    table = terms.weighted_log_odds(
        tidy({"A": {"x": 2, "y": 1}, "B": {"x": 1, "y": 3}}), prior=background, alpha0=4
    )
    assert lookup(table, "A", "x")["log_odds"] == pytest.approx(math.log(9 / 4), rel=1e-12)
    assert lookup(table, "A", "x")["z"] == pytest.approx(0.8883295439684498, rel=1e-12)
    assert lookup(table, "A", "y")["z"] == pytest.approx(-1.2562876889368884, rel=1e-12)


def test_prior_shares_are_over_the_vocabulary_and_unknown_terms_get_the_floor():
    # Background x: 1, y: 3, plus 996 counts of a word we never use. Over our vocabulary (x, y, w)
    # the shares are 1/4, 3/4, 0; alpha0 = 8 -> 2, 6, and w (unknown) gets the floor 0.5.
    background = pd.Series({"x": 1.0, "y": 3.0, "unused": 996.0})
    alpha = terms.dirichlet_prior(["x", "y", "w"], {"x": 1, "y": 1, "w": 1}, background, 8, 0.5)
    assert alpha.to_dict() == {"x": 2.0, "y": 6.0, "w": 0.5}


def test_corpus_prior_is_tidylo_pseudo_counts():
    # Default alpha0 = corpus size, so alpha_w = pooled count of w, exactly tidylo's prior.
    alpha = terms.dirichlet_prior(["x", "y"], {"x": 3, "y": 4})
    assert alpha.to_dict() == {"x": 3.0, "y": 4.0}


def test_jieba_background_knows_common_words_not_our_entities():
    background = terms.background_frequencies()
    assert len(background) > 300_000
    assert background["企业"] > 1000  # a common word: large prior, shrinks hard
    assert "智谱AI" not in background.index and "GPT-4o" not in background.index
    alpha = terms.dirichlet_prior(["企业", "智谱AI"], {"企业": 1, "智谱AI": 1}, "background")
    # alpha0 = corpus size 2: 企业 takes all the mass the dictionary knows, 智谱AI the floor.
    assert alpha.to_dict() == {"企业": 2.0, "智谱AI": terms.DEFAULT_PRIOR_FLOOR}


def test_bad_prior_is_named():
    with pytest.raises(LlmnewsError, match="'web'"):
        terms.weighted_log_odds(tidy({"A": {"x": 1}, "B": {"y": 1}}), prior="web")
    with pytest.raises(LlmnewsError, match="two articles"):
        terms.weighted_log_odds(tidy({"A": {"x": 1}}))


@pytest.mark.parametrize(
    "prior, alpha0",
    [("corpus", None), ("corpus", 50.0), (pd.Series({"t00": 500.0, "t01": 3.0, "t02": 40.0}), 200.0)],
)
def test_vectorised_and_plain_implementations_agree(prior, alpha0):
    rng = np.random.default_rng(20240515)  # fixed so the case is the same on every run
    counts = {
        f"art{a}": {f"t{t:02d}": int(c) for t, c in enumerate(rng.poisson(1.5, 40)) if c}
        for a in range(4)
    }
    table = terms.weighted_log_odds(tidy(counts), prior=prior, alpha0=alpha0)
    plain = terms.weighted_log_odds_plain(tidy(counts), prior=prior, alpha0=alpha0)
    assert len(plain) == len(table)
    expected = np.array([plain[(a, t)] for a, t in zip(table["article_id"], table["term"])])
    assert np.allclose(table["log_odds"], expected[:, 0], rtol=1e-12, atol=0)
    assert np.allclose(table["z"], expected[:, 1], rtol=1e-12, atol=0)
    for article, rows in table.groupby("article_id"):
        mask = (table["article_id"] == article).to_numpy()
        rho = spearmanr(rows["z"].round(9), np.round(expected[mask, 1], 9)).statistic
        assert rho == pytest.approx(1.0, abs=1e-12)


def test_top_terms_respects_min_count_and_breaks_ties_by_term():
    table = pd.DataFrame(
        {"article_id": ["a"] * 4, "term": ["x", "w", "v", "u"], "count": [1, 3, 3, 3],
         "z": [9.0, 2.0, 2.0, 1.0]}
    )
    top = terms.top_terms(table, "z", 2, min_count=2)
    assert top["term"].tolist() == ["v", "w"]


# ---------------------------------------------------------------- TF-IDF


def test_tfidf_keeps_segmented_mixed_case_terms_and_matches_by_hand():
    counts = terms.count_terms(
        {"a": ["GPT-4o", "GLM-130B", "智谱AI", "大模型"], "b": ["GPT-4o", "OpenAI"]}
    )
    table = terms.tfidf(counts)
    assert set(table["term"]) == {"GPT-4o", "GLM-130B", "智谱AI", "大模型", "OpenAI"}
    assert not table["term"].str.contains("gpt|glm").any()
    # Smoothed idf = ln((1 + n_docs) / (1 + df)) + 1: GPT-4o (df 2) -> 1; the others (df 1) ->
    # ln(3/2) + 1 = 1.4054651. Article a: l2 norm = sqrt(1 + 3 * 1.4054651^2) = 2.6317288,
    # so GPT-4o = 1 / 2.6317288 = 0.3799784 and 智谱AI = 1.4054651 / 2.6317288 = 0.5340463.
    assert lookup(table, "a", "GPT-4o")["tf_idf"] == pytest.approx(0.37997836159100784)
    assert lookup(table, "a", "智谱AI")["tf_idf"] == pytest.approx(0.534046329052269)


def test_tfidf_refuses_options_that_would_resegment():
    with pytest.raises(LlmnewsError, match="lowercase"):
        terms.tfidf(terms.count_terms({"a": ["x"], "b": ["y"]}), lowercase=True)


# ---------------------------------------------------------------- keyword in context, positions


TEXT = "今天智谱AI发布GLM-4，\n明天Open AI回应GPT-4o。"
# offsets: 今天 0-2, 智谱AI 2-6, 发布 6-8, GLM-4 8-13, ， 13, \n 14, 明天 15-17, Open AI 17-24,
#          回应 24-26, GPT-4o 26-32, 。 32


def test_keyword_in_context_exact_contexts():
    kwic = terms.keyword_in_context({"a": TEXT}, "OpenAI", width=4, tokenizer=toy_tokenize)
    # left = TEXT[13:17] = "，\n明天" with the line break shown as ⏎; right = TEXT[24:28].
    assert kwic.values.tolist() == [["a", "，⏎明天", "Open AI", "回应GP", 17]]
    kwic = terms.keyword_in_context({"a": TEXT}, "智谱AI", width=4, tokenizer=toy_tokenize)
    # The left context stops at the start of the text: TEXT[0:2].
    assert kwic.values.tolist() == [["a", "今天", "智谱AI", "发布GL", 2]]


def test_keyword_in_context_matches_tokens_not_substrings():
    kwic = terms.keyword_in_context({"a": TEXT, "b": "GPT-4和GPT-4"}, "GPT-4", 2,
                                    tokenizer=toy_tokenize)
    # GPT-4o in text a contains "GPT-4" as a substring but is a different token.
    assert kwic[["article_id", "start"]].values.tolist() == [["b", 0], ["b", 6]]
    assert kwic["right"].tolist() == ["和G", ""]


def test_term_positions():
    table = terms.term_positions({"a": TEXT}, ["GLM-4", "GPT-4o", "Gemini"], tokenizer=toy_tokenize)
    # Tokens: 今天 智谱AI 发布 GLM-4 明天 OpenAI 回应 GPT-4o -> 8 tokens, GLM-4 is index 3.
    assert table[["term", "token_index", "n_tokens", "start"]].values.tolist() == [
        ["GLM-4", 3, 8, 8], ["GPT-4o", 7, 8, 26]]
    assert table["relative_position"].tolist() == [3 / 8, 7 / 8]


def test_split_mentions_flags_a_cut_entity_but_not_a_longer_token():
    text = "智谱AI和GPT-4o"
    tokens = [Token("智谱", 0, 2), Token("AI", 2, 4), Token("GPT-4o", 5, 11)]
    assert terms.split_mentions(text, tokens, ["智谱AI", "GPT-4"]) == [("智谱AI", 0, 4)]
    assert terms.split_mentions(text, toy_tokenize(text), ["智谱AI", "GPT-4"]) == []
