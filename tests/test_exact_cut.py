"""``exact_cut.ExactCutter`` gives jieba's own pieces (``Tokenizer.cut(text, HMM=False)``).

Every comparison is against jieba itself on the same dictionary, for both ways the cutter cuts
(jieba-rs with the Python fallback, and Python alone), so a difference anywhere (an edge, a tie, a
float, a block rule, a script jieba-rs reads otherwise) fails here before it could change a token.
"""

from __future__ import annotations

import random

import pytest

from llmnews import exact_cut, paths, text
from llmnews.exact_cut import ExactCutter
from tests.seed_articles import seed_paths


@pytest.fixture(scope="module")
def tokenizers():
    """The segmenter's own tokenizer (lexicon added) and a plain one, each with its cutter."""
    lexicon_aware = text._segmenter().jieba
    plain = text.make_jieba_tokenizer()
    return [(lexicon_aware, ExactCutter(lexicon_aware)), (plain, ExactCutter(plain))]


def _same_as_jieba(tokenizers, sample: str) -> None:
    for tokenizer, cutter in tokenizers:
        expected = list(tokenizer.cut(sample, HMM=False))
        assert cutter.cut(sample) == expected, sample[:80]
        assert cutter.python_cut(sample) == expected, sample[:80]


def test_the_seed_articles_and_test_articles_are_cut_as_jieba_cuts_them(tokenizers):
    files = seed_paths() + sorted((paths.ROOT / "tests" / "articles").rglob("*.txt"))
    assert len(files) > 40
    for path in files:
        _same_as_jieba(tokenizers, path.read_text(encoding="utf-8", errors="replace"))


def test_the_pieces_jieba_treats_specially(tokenizers):
    cases = [
        "",
        "智谱AI发布GLM-4，价格降至0.1元/百万tokens。",
        "a b\r\nc\n\n\t  d",  # whitespace: one piece each, \r\n as one
        "GPT4o和Qwen2.5-Max、Doubao-pro-32k",  # single ASCII letters and digits join into one piece
        "C++与C#、A&B、50%、x_y、3.14",  # + # & _ % . - belong to jieba's blocks
        "讯飞星火认知大模型V3.5发布",
        "，。！？「」『』（）",  # symbols only
        "龘龘龘𠀀𠀀",  # characters in no dictionary, one outside jieba's block range
        "一一一一一一一一一一一一",  # many equal-scored routes: ties must go jieba's way
        "问问问豆", "个个个通", "哈哈哈，1000000元，人人人", "文心一言文心一言文心一言",  # repeated units
        "开源闭源开源闭源开源闭源的价格战", "a人人人b。人人人\r\n人人人",
    ]
    for sample in cases:
        _same_as_jieba(tokenizers, sample)
    assert all(exact_cut._REPEATED.search(c) for c in cases[-6:])  # these take the Python path


def test_random_strings_over_a_mixed_alphabet_are_cut_as_jieba_cuts_them(tokenizers):
    rng = random.Random(20241201)
    alphabet = ("的一是了不在有这个上们来到大模型智谱清言文心一言通义千问豆包百川月之暗面价格战开源"
                "AaBbZz0189 \r\n\t，。、-+#&._%")
    for _ in range(3000):
        _same_as_jieba(tokenizers, "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60))))


def test_random_strings_over_many_scripts_and_spaces_are_cut_as_jieba_cuts_them(tokenizers):
    """Where jieba-rs could read characters otherwise than jieba's regular expressions do."""
    pools = ["的一是了我不人在他有这个上们来到大模型", "㐀㐁䶵", "あいうカタ", "한국어", "😀🚀",
             "\u3000\xa0\u2003\u200b\ufeff", "\u0300\u0301", "ＡＢ１２", "ⅰ①½",
             "\r\n\t \x0b\x0c\x1c\x85\u2028", "AaBbZz0189+#&._%-", "，。、；：？！“”（）《》…—",
             "\ud7ff\ue000\uf900\ufa00\u9fd6\u9fff\u4dbf\u3400", "𠀀𪜀"]
    rng = random.Random(20241202)
    for _ in range(3000):
        _same_as_jieba(tokenizers, "".join(rng.choice(rng.choice(pools)) for _ in range(rng.randint(1, 40))))


def test_a_cutter_reads_the_dictionary_it_was_made_from():
    tokenizer = text.make_jieba_tokenizer()
    before = ExactCutter(tokenizer)
    tokenizer.add_word("价格战役")
    after = ExactCutter(tokenizer)
    sample = "这是一场价格战役"
    assert "价格战役" not in before.cut(sample)
    assert after.cut(sample) == list(tokenizer.cut(sample, HMM=False))
    assert "价格战役" in after.cut(sample)
