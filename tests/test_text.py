"""Segmentation: lexicon names whole and canonical, filters, offsets, determinism, jieba's cache."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

from llmnews import lexicon, paths, text
from llmnews.text import (
    STOPWORDS, Token, entity_mentions, tokenize, tokenize_many, tokenize_with_offsets,
)
from seed_articles import seed_corpus, seed_paths

ALL_SURFACES = sorted({(s.text, s.canonical) for s in lexicon.surfaces()})


@pytest.mark.parametrize(("surface", "canonical"), ALL_SURFACES, ids=[s for s, _ in ALL_SURFACES])
def test_every_lexicon_surface_is_one_canonical_token(surface, canonical):
    sentence = f"据报道，{surface}近日发布了新版本。"
    # 据/报道/近日/了 are stop words; 新版本 is cut 新/版本. Nothing of the name may leak out.
    assert tokenize(sentence) == [canonical, "发布", "新", "版本"]
    (token,) = [t for t in tokenize_with_offsets(sentence) if t.term == canonical]
    assert sentence[token.start:token.end] == surface


@pytest.mark.parametrize(("surface", "canonical"), ALL_SURFACES, ids=[s for s, _ in ALL_SURFACES])
def test_every_lexicon_surface_alone_and_between_spaces(surface, canonical):
    assert tokenize(surface) == [canonical]
    # Some outlets put spaces around Latin names inside Chinese text.
    assert tokenize(f"据报道 {surface} 近日发布了新版本") == [canonical, "发布", "新", "版本"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Hand-checked against the seed articles' own sentences (shortened).
        ("智谱AI在2024年1月推出GLM-4,整体性能提升60%。",
         ["智谱AI", "推出", "GLM-4", "整体", "性能", "提升"]),
        ("5月15日,字节跳动宣布,豆包主力模型的定价为0.0008元/千Tokens。",
         ["字节跳动", "宣布", "豆包大模型", "定价", "Tokens"]),
        ("OpenAI创始人Sam Altman对ChatGPT至今的成就进行了回顾。",
         ["OpenAI", "创始人", "奥特曼", "ChatGPT", "成就", "回顾"]),
        ("Meta的Llama2是开源的,而华为的盘古大模型选择了闭源。",
         ["Meta", "Llama2", "开源", "华为", "盘古", "大模型", "选择", "闭源"]),
        ("记者表示,目前国内已有超过80%的企业接入大模型。",
         ["国内", "已有", "超过", "企业", "接入", "大模型"]),
        ("GPT-4 Turbo支持128k上下文,价格却降低了2/3。",
         ["GPT-4 Turbo", "支持", "128k", "上下文", "价格", "降低"]),
        ("“对标Open AI是智谱AI成立以来的目标”",
         ["对标", "OpenAI", "智谱AI", "成立", "目标"]),
        ("从百度的大语言模型 \" 文心一言 \"、360 的智脑大模型,到阿里巴巴的 \" 通义千问 \" 大模型",
         ["百度", "大语言模型", "文心一言", "三六零", "360智脑", "大模型", "阿里巴巴", "通义千问", "大模型"]),
    ],
)
def test_seed_like_sentences(sentence, expected):
    assert tokenize(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("GPT-4o比GPT-4快", ["GPT-4o", "GPT-4", "快"]),  # GPT-4 is not found inside GPT-4o
        # nor inside GPT-4.5; GPT-4-32k is a version of GPT-4 the lexicon does not list: one name
        ("GPT-4.5和GPT-4-32k", ["GPT-4.5", "GPT-4-32k"]),
        ("OpenAI与Open AI", ["OpenAI", "OpenAI"]),
        ("gpt-4o和CHATGPT", ["GPT-4o", "ChatGPT"]),  # four or more Latin letters: any case
        ("XAI不是xAI", ["XAI", "xAI"]),  # short acronyms keep their case; XAI is no entity
        ("接入 360 智脑的 360", ["接入", "360智脑", "三六零"]),
        ("360度全景,增长360%,360万用户", ["度", "全景", "增长", "用户"]),  # 360 as a number
        ("阿里山的风景;阿里、腾讯都投了", ["阿里山", "风景", "阿里巴巴", "腾讯", "投"]),
        ("1024字节,千字节;字节的扣子", ["字节", "字节", "字节跳动", "扣子"]),
        ("小米粥和小米手机", ["小米粥", "小米", "手机"]),
        ("Coze 扣子上线", ["扣子", "上线"]),
        ("埃隆·马斯克的xAI推出Grok-1", ["马斯克", "xAI", "推出", "Grok-1"]),
        ("智谱AICEO张鹏", ["智谱AI", "CEO", "张鹏"]),  # a title glued to the name (a seed headline)
        ("OpenAIX", ["OpenAIX"]),  # but no other Latin word may follow a name
    ],
)
def test_boundaries_and_ambiguous_aliases(sentence, expected):
    assert tokenize(sentence) == expected


def test_filters_stopwords_punctuation_numbers_and_single_letters():
    tokens = tokenize("记者表示，2024年的0.12元、80%和25亿元，以及X的三千亿！？…… \n\t")
    assert tokens == []
    # The English list is lowercase and long (good, so, what); capitalised words are not in it.
    assert tokenize("The model is good, so what?") == ["The", "model"]


def test_stopwords():
    assert isinstance(STOPWORDS, frozenset)
    assert {"的", "了", "记者", "表示", "认为", "目前", "来源", "so", "HK"} <= STOPWORDS
    assert not any(lexicon.is_entity(word) for word in STOPWORDS)
    assert "大模型" not in STOPWORDS


def test_offsets_slice_back_to_the_surface():
    sentence = "据报道，Open AI的GPT-4 Turbo与智谱清言相比，\n文心一言（ERNIE Bot）用户数突破2亿。"
    tokens = tokenize_with_offsets(sentence)
    assert tokens[:4] == [
        Token("OpenAI", 4, 11), Token("GPT-4 Turbo", 12, 23), Token("智谱清言", 24, 28),
        Token("相比", 28, 30),
    ]
    for token in tokens:
        surface = sentence[token.start:token.end]
        assert surface == token.term or lexicon.canonical_name(surface) == token.term
    assert [t.term for t in tokens] == tokenize(sentence)


def _seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in seed_paths()]


def test_offsets_on_the_seeds_are_ordered_and_exact():
    for body in _seed_texts():
        tokens = tokenize_with_offsets(body)
        assert tokens, "a seed article produced no tokens"
        for before, after in zip(tokens, tokens[1:]):
            assert before.end <= after.start
        for token in tokens:
            surface = body[token.start:token.end]
            assert surface == token.term or lexicon.canonical_name(surface) == token.term


def test_deterministic_and_tokenize_many_matches(monkeypatch):
    texts = _seed_texts()
    expected = [tokenize(t) for t in texts]
    assert [tokenize(t) for t in texts] == expected
    assert tokenize_many(texts, processes=1) == expected
    # Force the worker pool on this small input: order and content must not change.
    monkeypatch.setattr(text, "MIN_TEXTS_FOR_POOL", 1)
    monkeypatch.setattr(text, "MIN_CHARS_FOR_POOL", 0)
    assert tokenize_many(texts + texts[::-1], processes=2) == expected + expected[::-1]
    assert tokenize_many([], processes=2) == []
    with pytest.raises(ValueError, match="processes"):
        tokenize_many(texts, processes=0)


def test_private_use_characters_in_the_text_are_harmless():
    # Protected names are stood in for by a private-use character during the cut; one already in
    # the text must neither be taken for a name nor shift the offsets.
    sentence = "\ue000智谱AI与\ue001OpenAI"
    assert tokenize_with_offsets(sentence) == [Token("智谱AI", 1, 5), Token("OpenAI", 7, 13)]


def test_rejects_non_text():
    with pytest.raises(TypeError, match="str"):
        tokenize(b"bytes")


def test_jieba_cache_goes_to_the_project_cache_dir(tmp_path):
    # A fresh process, so the tokenizer is built here and nowhere else; LLMNEWS_BUILD_DIR moves
    # paths.CACHE_DIR (and so JIEBA_CACHE_DIR) into tmp_path.
    env = dict(os.environ, LLMNEWS_BUILD_DIR=str(tmp_path / "build"), TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    code = (
        "import jieba\n"
        "from llmnews import paths, text\n"
        "print(text.tokenize('智谱AI发布大模型'))\n"
        "print(paths.JIEBA_CACHE_DIR)\n"
        "print(jieba.dt.initialized)\n"  # the global tokenizer was never touched
    )
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True)
    lines = run.stdout.splitlines()
    assert lines == ["['智谱AI', '发布', '大模型']", str(tmp_path / "build" / "cache" / "jieba"),
                     "False"]
    assert (tmp_path / "build" / "cache" / "jieba" / "jieba.cache").is_file()
    assert list((tmp_path / "tmp").iterdir()) == []  # nothing in the shared temp folder
    assert "Building prefix dict" not in run.stderr  # jieba's logging is quiet


def test_entity_mentions():
    corpus = pd.DataFrame({
        "article_id": ["a", "b"],
        "text": ["智谱AI对标OpenAI，智谱发布GLM-4。Open AI发布GPT-4o。", "张鹏认为大模型会分层。"],
    })
    table = entity_mentions(corpus)
    assert table.to_dict("records") == [
        {"article_id": "a", "entity": "OpenAI", "type": "organization", "organization": "", "count": 2},
        {"article_id": "a", "entity": "智谱AI", "type": "organization", "organization": "", "count": 2},
        {"article_id": "a", "entity": "GLM-4", "type": "model", "organization": "智谱AI", "count": 1},
        {"article_id": "a", "entity": "GPT-4o", "type": "model", "organization": "OpenAI", "count": 1},
        {"article_id": "b", "entity": "张鹏", "type": "person", "organization": "智谱AI", "count": 1},
    ]
    empty = entity_mentions(pd.DataFrame({"article_id": ["c"], "text": ["今天天气很好。"]}))
    assert empty.empty and list(empty.columns) == ["article_id", "entity", "type", "organization", "count"]
    with pytest.raises(KeyError, match="text"):
        entity_mentions(pd.DataFrame({"article_id": ["a"]}))


DOMAIN_TERMS = [t for t in text._read_word_list(text.DOMAIN_TERMS_FILE) if t not in STOPWORDS]


@pytest.mark.parametrize("term", DOMAIN_TERMS)
def test_domain_terms_are_not_split(term):
    # jieba's general dictionary cuts these (大模型 -> 大/模型, whose 大 is then a stop word).
    assert tokenize(term) == [term]


def test_domain_terms_in_context():
    assert tokenize("百模大战中，大模型的算力与闭源之争") == ["百模大战", "大模型", "算力", "闭源", "争"]


def test_organization_mentions_roll_entities_up_to_their_owner():
    import pandas as pd

    mentions = pd.DataFrame(
        [
            ("a", "智谱AI", "organization", "", 5),
            ("a", "GLM-4", "model", "智谱AI", 2),
            ("b", "GLM-4", "model", "智谱AI", 1),
            ("a", "张鹏", "person", "智谱AI", 3),
            ("b", "OpenAI", "organization", "", 4),
            ("b", "ChatGPT", "product", "OpenAI", 4),
            ("b", "无主模型", "model", "", 7),  # no owner in the lexicon: left out
        ],
        columns=["article_id", "entity", "type", "organization", "count"],
    )
    table = text.organization_mentions(mentions)
    # 智谱AI: 5 named + (2 + 1) via GLM-4 + 3 via 张鹏 = 11; OpenAI: 4 named + 4 via ChatGPT = 8.
    assert table.to_dict("records") == [
        {"organization": "智谱AI", "named_directly": 5, "via_models": 3, "via_products": 0,
         "via_people": 3, "total": 11},
        {"organization": "OpenAI", "named_directly": 4, "via_models": 0, "via_products": 4,
         "via_people": 0, "total": 8},
    ]


def test_sentence_spans_keep_terminators_closers_and_offsets():
    sample = "  他说：“降价了。”随后（据报道！）上线;\n\n新段落 "
    spans = text.sentence_spans(sample)
    assert [sample[a:b] for a, b in spans] == ["他说：“降价了。”", "随后（据报道！）", "上线;", "新段落"]


# --- versions the lexicon does not list, and names that overlap -----------------------------------
# Invented sentences; every expected token checked by hand.

@pytest.mark.parametrize(
    ("sentence", "name", "organization"),
    [
        ("智谱AI今天开源了GLM-4.6,性能大幅提升。", "GLM-4.6", "智谱AI"),
        ("阿里云推出Qwen2.5-Coder-32B,面向编程场景。", "Qwen2.5-Coder-32B", "阿里巴巴"),
        ("DeepSeek V4上线后,开发者反响热烈。", "DeepSeek V4", "DeepSeek"),
        ("零一万物发布Yi-Coder,主打代码能力。", "Yi-Coder", "零一万物"),
        ("MiniMax的abab6.5s支持更长的上下文。", "abab6.5s", "MiniMax"),
        ("月之暗面的Kimi k2.5正式亮相。", "Kimi k2.5", "月之暗面"),
        ("百川智能的Baichuan-53B已经开放测试。", "Baichuan-53B", "百川智能"),
        ("OpenAI的GPT-4o-Realtime面向开发者开放。", "GPT-4o-Realtime", "OpenAI"),
        ("字节的Doubao-pro-256k降价了。", "Doubao-pro-256k", "字节跳动"),
        ("豆包通用模型pro-32k的价格再次下调。", "豆包通用模型pro-32k", "字节跳动"),
        ("谷歌发布Gemini 3 Pro,对标GPT-5。", "Gemini 3 Pro", "谷歌"),
        ("阶跃星辰的Step-1V能看懂图片。", "Step-1V", "阶跃星辰"),
    ],
)
def test_unseen_version_of_a_known_family_is_one_entity_of_its_organisation(sentence, name, organization):
    tokens = tokenize_with_offsets(sentence)
    (token,) = [t for t in tokens if t.term == name]
    assert sentence[token.start:token.end] == name
    info = lexicon.entity_info(name)
    assert (info["type"], info["organization"]) == ("model", organization)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("DeepSeek V3和DeepSeek-V3", ["DeepSeek-V3", "DeepSeek-V3"]),  # a listed version: the lexicon's name
        ("GPT-4 3月发布", ["GPT-4", "发布"]),  # a spaced number before a date unit is no version
        ("Claude 3月推出新功能", ["Claude", "推出", "新", "功能"]),
        ("Yi也好,Step也罢", ["Yi", "Step"]),  # bound stems alone are ordinary words, not entities
        ("讯飞星火认知大模型上线", ["讯飞星火", "上线"]),  # two overlapping names of one entity
        ("A100s", ["A100s"]),  # a chip name with one letter is no family
    ],
)
def test_version_rule_boundaries(sentence, expected):
    assert tokenize(sentence) == expected
    if sentence.startswith("Yi"):
        assert lexicon.entity_info("Yi") is None and lexicon.entity_info("Step") is None


# The names notebook 02 found cut on real articles (issue 10), in invented sentences of the same
# shapes: each must lie inside one token. The check is the one notebook 02 runs
# (``terms.split_mentions``), so a failure shows here, not as a crashed report.
SPLIT_PRONE = [
    "智谱AI发布了GLM-4.5,而GLM-4仍在服务企业客户。",
    "OpenAI推出GPT-4o-mini和GPT-4o-Realtime,GPT-4o本身也降价了。",
    "阿里云发布Qwen2.5-Max,此前的Qwen2.5已经开源。",
    "科大讯飞的讯飞星火认知大模型升级,星火认知大模型V3.5同步上线。",
    "字节跳动宣布,豆包通用模型pro-32k降价,豆包通用模型pro也更便宜了。",
    "Doubao-pro-32k与Doubao-pro-128k同日发布。",
    "对字节来说,字节跳动的豆包是重点,字节内部也很重视。",
]


@pytest.mark.parametrize("sentence", SPLIT_PRONE)
def test_no_lexicon_name_is_split_in_sentences_like_the_real_failures(sentence):
    from llmnews import terms

    table = lexicon.load_lexicon()
    names = set(table["canonical"]) | {a for aliases in table["aliases"] for a in aliases}
    assert terms.split_mentions(sentence, tokenize_with_offsets(sentence), names) == []


def test_no_lexicon_name_is_split_in_the_seed_articles():
    """Notebook 02's check, as a test: every lexicon name in every seed lies inside one token."""
    from llmnews import corpus, terms

    table = lexicon.load_lexicon()
    names = set(table["canonical"]) | {a for aliases in table["aliases"] for a in aliases}
    split = [(article.article_id, *mention) for article in seed_corpus().itertuples()
             for mention in terms.split_mentions(article.text, tokenize_with_offsets(article.text), names)]
    assert split == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("商汤发布日日新5.5", ["商汤科技", "发布", "日日新5.5"]),
        ("前者发布了星火大模型 V3.5", ["发布", "讯飞星火V3.5"]),  # listed: the lexicon's name
        ("文心一言3.5亿用户", ["文心一言", "用户"]),  # a count, not a version
        ("日日新5月发布", ["日日新", "发布"]),  # a month, not a version
    ],
)
def test_dotted_or_v_versions_after_chinese_model_names(sentence, expected):
    assert tokenize(sentence) == expected
