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
    # Article A: x=2, y=1 (n_A = 3). Article B: x=1, y=3 (n_B = 4). N = 7.
    # Corpus prior shares: pi_x = 3/7, pi_y = 4/7. alpha0 = N = 7, split by size: A side gets
    # 7 * 3/7 = 3 pseudo-counts, B side 4. So a_A,x = 3 * 3/7 = 9/7, a_A,y = 12/7,
    # a_B,x = 4 * 3/7 = 12/7, a_B,y = 16/7 (a_A,x + a_B,x = 3 = pooled count of x: tidylo's prior).
    # A vs rest (= B), term x: y_i = 2, y_j = 1
    #   odds_A = (2 + 9/7) / (3 + 3 - 2 - 9/7) = (23/7) / (19/7) = 23/19
    #   odds_B = (1 + 12/7) / (4 + 4 - 1 - 12/7) = (19/7) / (37/7) = 19/37
    #   log_odds = log(23/19 * 37/19) = log(851/361) = 0.8575341702
    #   var = 1/(23/7) + 1/(19/7) = 7/23 + 7/19 = 0.6728260870 ; z = 0.8575341702 / 0.8202597 = 1.0454866406
    # A, term y: y_i = 1, y_j = 3
    #   odds_A = (1 + 12/7) / (3 + 3 - 1 - 12/7) = 19/23 ; odds_B = (3 + 16/7) / (4 + 4 - 3 - 16/7) = 37/19
    #   log_odds = log(361/851) = -0.8575341702 ; var = 7/19 + 7/37 ; z = -1.1483811718
    table = terms.weighted_log_odds(tidy({"A": {"x": 2, "y": 1}, "B": {"x": 1, "y": 3}}))
    assert list(table.columns[:5]) == ["article_id", "term", "count", "log_odds", "z"]
    ax, ay = lookup(table, "A", "x"), lookup(table, "A", "y")
    assert ax["log_odds"] == pytest.approx(math.log(851 / 361), rel=1e-12)
    assert ax["z"] == pytest.approx(1.0454866406161833, rel=1e-12)
    assert ay["log_odds"] == pytest.approx(math.log(361 / 851), rel=1e-12)
    assert ay["z"] == pytest.approx(-1.1483811717761057, rel=1e-12)
    assert (ax["count"], ax["rest_count"]) == (2, 1)
    assert (ax["alpha"], ax["alpha_rest"]) == pytest.approx((9 / 7, 12 / 7))
    # With two groups, B vs rest is A vs rest mirrored: same variance, opposite sign.
    assert lookup(table, "B", "x")["z"] == pytest.approx(-1.0454866406161833, rel=1e-12)


def test_weighted_log_odds_by_hand_background_prior():
    # Same counts; background counts x: 1, y: 3 -> pi_x = 1/4, pi_y = 3/4. alpha0 = 14 (twice the
    # corpus), split by size: A side 14 * 3/7 = 6, B side 8. a_A,x = 1.5, a_A,y = 4.5,
    # a_B,x = 2, a_B,y = 6.
    # A, term x: odds_A = (2 + 1.5) / (3 + 6 - 2 - 1.5) = 3.5/5.5 = 7/11
    #            odds_B = (1 + 2) / (4 + 8 - 1 - 2) = 3/9 = 1/3
    #   log_odds = log(21/11) = 0.6466271649 ; var = 1/3.5 + 1/3 = 13/21 ; z = 0.8218487835
    # A, term y: odds_A = (1 + 4.5) / (3 + 6 - 1 - 4.5) = 11/7 ; odds_B = (3 + 6) / (4 + 8 - 3 - 6) = 3
    #   log_odds = log(11/21) ; var = 1/5.5 + 1/9 = 29/99 ; z = -0.6466271649 / 0.5412 = -1.1947376332
    background = pd.Series({"x": 1.0, "y": 3.0})
    table = terms.weighted_log_odds(
        tidy({"A": {"x": 2, "y": 1}, "B": {"x": 1, "y": 3}}), prior=background, alpha0=14
    )
    assert lookup(table, "A", "x")["log_odds"] == pytest.approx(math.log(21 / 11), rel=1e-12)
    assert lookup(table, "A", "x")["z"] == pytest.approx(0.8218487835268458, rel=1e-12)
    assert lookup(table, "A", "y")["z"] == pytest.approx(-1.1947376331731046, rel=1e-12)


def test_same_rate_on_both_sides_means_no_difference_whatever_the_prior():
    # x is 1/3 of article A (2 of 6) and 1/3 of article B (4 of 12). Splitting the prior by size
    # keeps its log-odds at exactly 0 even under a background prior far from the data.
    counts = tidy({"A": {"x": 2, "y": 4}, "B": {"x": 4, "y": 8}})
    for prior in ("corpus", pd.Series({"x": 99.0, "y": 1.0})):
        # floor=0: a floor that binds would add pseudo-counts out of proportion to the sides' sizes.
        table = terms.weighted_log_odds(counts, prior=prior, alpha0=50, floor=0)
        assert np.allclose(table["log_odds"], 0.0, atol=1e-12)


def test_terms_an_article_never_uses_get_a_row_with_negative_z():
    # z is computed for the whole vocabulary before any filtering: A never says y, B says it 3 times.
    table = terms.weighted_log_odds(tidy({"A": {"x": 3}, "B": {"x": 1, "y": 3}}))
    a_y = lookup(table, "A", "y")
    assert a_y["count"] == 0 and a_y["rest_count"] == 3 and a_y["z"] < 0
    assert table[table["article_id"] == "A"]["term"].tolist() == ["x", "y"]  # z descending


def test_present_terms_only_give_the_same_values_as_the_full_table():
    # A large corpus asks for the terms each article uses; their rows must not change. The floor
    # binds for some terms here (rare terms, small article), so the prior totals a_i0 / a_j0
    # (computed without the dense matrix) are exercised on both sides of the floor.
    counts = tidy({"A": {"x": 3, "y": 1}, "B": {"x": 1, "y": 3, "z": 9}, "C": {"w": 1, "z": 2}})
    for prior in ("corpus", pd.Series({"x": 5.0, "y": 1.0, "z": 1.0, "w": 90.0})):
        full = terms.weighted_log_odds(counts, prior=prior)
        present = terms.weighted_log_odds(counts, prior=prior, include_absent=False)
        assert len(full) == 3 * 4 and len(present) == 7
        pd.testing.assert_frame_equal(present, full[full["count"] > 0].reset_index(drop=True))
        plain = terms.weighted_log_odds_plain(counts, prior=prior)
        for row in present.itertuples():
            assert np.isclose(row.z, plain[(row.article_id, row.term)][1], rtol=1e-12)


def test_prior_shares_are_over_the_vocabulary_and_unknown_terms_get_the_floor():
    # Background x: 1, y: 3, plus 996 counts of a word we never use. Over our vocabulary (x, y, w)
    # the shares are 1/4, 3/4 and 0 for w, which the background does not know.
    background = pd.Series({"x": 1.0, "y": 3.0, "unused": 996.0})
    shares = terms.prior_shares(["x", "y", "w"], {"x": 1, "y": 1, "w": 1}, background)
    assert shares.to_dict() == {"x": 0.25, "y": 0.75, "w": 0.0}
    # A: x, y, w once each (n 3); B: x, y once (n 2). N = 5, alpha0 = 5: A side 3 -> a_A,x = 0.75,
    # a_A,y = 2.25, a_A,w = max(0, 0.5) = 0.5 (the floor); B side 2 -> 0.5, 1.5, 0.5.
    table = terms.weighted_log_odds(
        tidy({"A": {"x": 1, "y": 1, "w": 1}, "B": {"x": 1, "y": 1}}), prior=background, floor=0.5
    )
    a = table[table["article_id"] == "A"].set_index("term")
    assert a["alpha"].to_dict() == {"x": 0.75, "y": 2.25, "w": 0.5}
    assert a["alpha_rest"].to_dict() == {"x": 0.5, "y": 1.5, "w": 0.5}


def test_jieba_background_knows_common_words_not_our_entities():
    background = terms.background_frequencies()
    assert len(background) > 300_000
    assert background["企业"] > 1000  # a common word: large prior, shrinks hard
    assert "智谱AI" not in background.index and "GPT-4o" not in background.index
    shares = terms.prior_shares(["企业", "智谱AI"], {"企业": 1, "智谱AI": 1}, "background")
    assert shares.to_dict() == {"企业": 1.0, "智谱AI": 0.0}


def test_bad_prior_is_named():
    with pytest.raises(LlmnewsError, match="'web'"):
        terms.weighted_log_odds(tidy({"A": {"x": 1}, "B": {"y": 1}}), prior="web")
    with pytest.raises(LlmnewsError, match="two articles"):
        terms.weighted_log_odds(tidy({"A": {"x": 1}}))


@pytest.mark.parametrize(
    "prior, alpha0",
    [("corpus", None), ("corpus", 50.0), (pd.Series({"t00": 500.0, "t01": 3.0, "t02": 40.0}), 200.0),
     ("background", None)],
)
def test_vectorised_and_plain_implementations_agree(prior, alpha0):
    rng = np.random.default_rng(20240515)  # fixed so the case is the same on every run
    # Real words so the jieba background knows some (企业, 发展 ...) and not others (智谱AI).
    words = ["企业", "发展", "公司", "技术", "模型", "智谱AI", "GPT-4o", "t00", "t01", "t02"]
    words += [f"w{k:02d}" for k in range(30)]
    counts = {
        f"art{a}": {words[t]: int(c) for t, c in enumerate(rng.poisson(1.5, 40)) if c}
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
    # Not a mention at all: o1 glued to Latin letters; GPT-4 at the end of "GPT-4o" likewise.
    assert terms.split_mentions("Nano1和GPT-4o", [], ["o1", "GPT-4"]) == []
    assert terms.split_mentions("用o1。", [], ["o1"]) == [("o1", 1, 3)]
