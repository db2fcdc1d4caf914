"""The checks notebook 02 used to end with, run on the five seed articles.

They belong here rather than in the report: a failing check should fail the test run, not a
notebook cell that a reader of the HTML never sees fail. Each test fails if its rule breaks
(an entity split by the tokenizer, a z-score that disagrees with the second implementation, a
character the bundled font cannot draw).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib import ft2font
from scipy.stats import rankdata

from llmnews import corpus, lexicon, paths, plots, terms, text
from seed_articles import seed_corpus


@pytest.fixture(scope="module")
def seed_texts() -> dict[str, str]:
    articles = seed_corpus()
    assert len(articles) == 5, "the seed corpus is five articles (seeds/README.md)"
    return dict(zip(articles["article_id"], articles["text"]))


@pytest.fixture(scope="module")
def seed_term_counts(seed_texts) -> pd.DataFrame:
    return terms.count_terms({article_id: text.tokenize(body) for article_id, body in seed_texts.items()})


def test_no_lexicon_name_is_split_by_the_tokenizer_in_any_seed_article(seed_texts):
    table = lexicon.load_lexicon()
    names = set(table["canonical"]) | {alias for aliases in table["aliases"] for alias in aliases}
    split = [
        (article_id, *mention)
        for article_id, body in seed_texts.items()
        for mention in terms.split_mentions(body, text.tokenize_with_offsets(body), names)
    ]
    assert split == []


@pytest.mark.parametrize("prior", ["corpus", "background"])
def test_vectorised_and_plain_log_odds_agree_on_the_seed_articles(seed_term_counts, prior):
    fast = terms.weighted_log_odds(seed_term_counts, prior=prior)
    plain = terms.weighted_log_odds_plain(seed_term_counts, prior=prior)
    assert len(plain) == len(fast)
    plain_z = np.array([plain[(a, t)][1] for a, t in zip(fast["article_id"], fast["term"])])
    np.testing.assert_allclose(fast["z"].to_numpy(), plain_z, rtol=1e-10, atol=0)
    for article_id in fast["article_id"].unique():
        mask = (fast["article_id"] == article_id).to_numpy()
        # Terms with identical counts have mathematically equal z; rounding to 1e-9 keeps those
        # ties tied in both implementations whatever the last bit of floating-point rounding.
        assert np.array_equal(rankdata(fast.loc[mask, "z"].to_numpy().round(9)),
                              rankdata(plain_z[mask].round(9))), article_id


def test_every_character_of_every_seed_term_has_a_glyph_in_the_bundled_font(seed_term_counts):
    # Word clouds are drawn by the wordcloud library, outside save_figure's missing-glyph check.
    font_characters = set(ft2font.FT2Font(str(plots.CJK_FONT_PATH)).get_charmap())
    missing = sorted({ch for term in seed_term_counts["term"] for ch in term if ord(ch) not in font_characters})
    assert missing == []


def test_the_glyph_check_would_see_a_character_the_font_lacks():
    # Guards the test above: U+20000 (CJK Extension B) is not in WenQuanYi Micro Hei.
    font_characters = set(ft2font.FT2Font(str(plots.CJK_FONT_PATH)).get_charmap())
    assert ord("大") in font_characters
    assert 0x20000 not in font_characters
