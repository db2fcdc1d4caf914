"""The domain lexicon: its data, lookups, labels and validation of malformed files."""

from __future__ import annotations

import pytest

from llmnews import lexicon
from llmnews.lexicon import LexiconError, canonical_name, entity_info, entity_label, is_entity


def test_table_shape_and_types():
    table = lexicon.load_lexicon()
    assert list(table.columns)[:5] == ["canonical", "type", "organization", "aliases", "english"]
    assert table["canonical"].is_unique
    assert set(table["type"]) == {"model", "product", "organization", "person"}
    organisations = set(table.loc[table["type"] == "organization", "canonical"])
    owners = {owner for owner in table["organization"] if owner}
    assert owners <= organisations
    assert all(isinstance(aliases, list) for aliases in table["aliases"])


def test_load_lexicon_is_cached_but_returns_a_copy():
    first = lexicon.load_lexicon()
    first.loc[0, "english"] = "changed by a caller"
    first.loc[0, "aliases"].append("changed")
    second = lexicon.load_lexicon()
    assert second.loc[0, "english"] != "changed by a caller"
    assert "changed" not in second.loc[0, "aliases"]


@pytest.mark.parametrize(
    ("surface", "canonical"),
    [
        ("Open AI", "OpenAI"),
        ("OpenAI", "OpenAI"),
        ("智谱", "智谱AI"),
        ("Zhipu AI", "智谱AI"),
        ("ERNIE Bot", "文心一言"),
        ("文心一言", "文心一言"),
        ("通义", "通义千问"),
        ("Qwen", "通义千问"),
        ("扣子", "扣子"),
        ("Coze", "扣子"),
        ("讯飞星火", "讯飞星火"),
        ("星火大模型", "讯飞星火"),
        ("Sam Altman", "奥特曼"),
        ("AlphaGO", "AlphaGo"),
        ("NVIDIA", "英伟达"),
        ("360", "三六零"),
        ("360 智脑", "360智脑"),  # a space at the Latin/Chinese seam does not matter
        ("埃隆•马斯克", "马斯克"),  # any interpunct between name parts
        ("chatgpt", "ChatGPT"),  # four or more Latin letters: any case
        ("Boss直聘", "BOSS直聘"),
        ("GPT4", "GPT-4"),
    ],
)
def test_canonical_name(surface, canonical):
    assert canonical_name(surface) == canonical
    assert is_entity(surface)


@pytest.mark.parametrize("surface", ["XAI", "gpt4", "大模型", "星火", "银河", "Spark", "移动", ""])
def test_not_entities(surface):
    # XAI (explainable AI) is not xAI: short acronyms are case-sensitive; 星火/银河/移动 are too
    # ambiguous on their own to be listed.
    assert canonical_name(surface) is None
    assert not is_entity(surface)


def test_entity_label():
    assert entity_label("智谱AI") == "智谱AI (Zhipu AI)"
    assert entity_label("智谱") == "智谱AI (Zhipu AI)"
    assert entity_label("文心一言") == "文心一言 (ERNIE Bot)"
    assert entity_label("GPT-4o") == "GPT-4o"
    assert entity_label("Mistral Large") == "Mistral Large"
    assert entity_label("大模型") == "大模型"


def test_entity_info():
    assert entity_info("GPT-4o") == {
        "type": "model", "organization": "OpenAI", "english": "GPT-4o", "aliases": ("GPT4o",),
    }
    assert entity_info("张鹏")["organization"] == "智谱AI"
    assert entity_info("OpenAI")["organization"] is None
    assert entity_info("Open AI") is None  # canonical names only


# Every model, product, organisation and person the five seed articles discuss, as they write it.
SEED_SURFACES = """
智谱AI 智谱 OpenAI Open AI GPT-4 GPT-4o GPT-4 Turbo GPT-4V GPT-3.5 GPT-3 GPT-2 GPT-1 GPTs GPT
ChatGPT ChatGPT Plus GPT商店 GLM GLM-4 GLM-130B GLM-10B GLM-3 Turbo ChatGLM ChatGLM2 ChatGLM3
ChatGLM-6B 智谱清言 文心一言 文心一格 通义千问 通义 豆包 扣子 Coze 星火大模型 讯飞星火 混元 腾讯混元
盘古 智脑 360智脑 Orion-14B 魔法大模型 九天大模型 TeleChat 子曰大模型 MathGPT 银河大模型 奇想智能
WPS AI Gemini Claude Grok Grok-1 Llama2 Mistral Large Le Chat DeepSeek-V2 灵医 百川智能大模型 AlphaGO
百度 阿里巴巴 阿里 阿里云 腾讯 腾讯投资 字节跳动 字节 科大讯飞 讯飞 三六零 360 华为 华为云 小米 OPPO
vivo 荣耀 苹果 谷歌 Google 微软 Meta Anthropic Cohere xAI Mistral AI 幻方量化 DeepSeek 猎户星空
猎豹移动 百川智能 面壁智能 美团 蚂蚁集团 蚂蚁 红杉资本 红杉 高瓴资本 高瓴 NVIDIA 清华大学 网易有道
好未来 作业帮 美图公司 联想 金山办公 金山 商汤科技 昆仑万维 中国移动 中国电信 京东 长虹 TCL 美团
三星 Galaxy S24 招联金融 马上消费 智源 君联资本 顺为 BOSS直聘 蒙牛 中关村自主创新基金 社保基金
聆心智能 幂律智能 智异璧 数道智算 生数科技 CCF 中国计算机学会 北京计算机学会 开放原子开源基金会
Forrester 北京市社会科学院 深度科技研究院 中国电子报 海天瑞声 因赛集团 优必选 追觅 宇树 GitHub
淘宝 百度搜索 百度地图 腾讯云 腾讯会议 腾讯广告 腾讯游戏 腾讯新闻 腾讯科技 谷歌翻译 A100 iOS 安卓
Mate60 Pro OPPO Find X7 vivo X100 问界 复旦 中科院 斯坦福 NIPS 趣解商业 潜望
张鹏 奥特曼 Sam Altman 马斯克 李彦宏 周鸿祎 王小川 黄仁勋 伊利亚 吴恩达 傅盛 方汉 辛顿 李世石 柯洁
陆川 张孝荣 王鹏 王娟 戴鲲 谭中意
"""


def _seed_surfaces() -> list[str]:
    # Multi-word names are listed with their spaces; rebuild them from the known lexicon first.
    text = " ".join(SEED_SURFACES.split())
    multi = sorted({s.text for s in lexicon.surfaces() if " " in s.text}, key=len, reverse=True)
    found = []
    for name in multi:
        if f" {name} " in f" {text} ":
            found.append(name)
            text = f" {text} ".replace(f" {name} ", " ").strip()
    return found + text.split()


def test_every_seed_entity_is_in_the_lexicon():
    missing = [s for s in _seed_surfaces() if canonical_name(s) is None]
    assert missing == []


# --- validation of malformed lexicon files ------------------------------------------------

HEADER = "canonical,type,organization,aliases,english,note\n"


def _write(tmp_path, body: str):
    path = tmp_path / "lexicon.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_valid_small_file(tmp_path):
    path = _write(tmp_path, "甲公司,organization,,甲|Jia Co,Jia Co,\n甲模型,model,甲公司,~甲大,Jia model,\n")
    table, found = lexicon.read_lexicon(path)
    assert table["canonical"].tolist() == ["甲公司", "甲模型"]
    assert table.loc[1, "aliases"] == ["甲大"]
    assert [(s.text, s.context_sensitive) for s in found] == [
        ("甲公司", False), ("甲", False), ("Jia Co", False), ("甲模型", False), ("甲大", True),
    ]


def test_alias_claimed_by_two_entities_names_both_rows(tmp_path):
    path = _write(tmp_path, "甲公司,organization,,甲,Jia,\n乙公司,organization,,乙|甲,Yi,\n")
    with pytest.raises(LexiconError) as caught:
        lexicon.read_lexicon(path)
    message = str(caught.value)
    assert str(path) in message
    assert "row 3" in message and "row 2" in message
    assert "'甲'" in message and "'甲公司'" in message and "'乙公司'" in message


def test_aliases_differing_only_by_spaces_collide(tmp_path):
    path = _write(tmp_path, "Open AI,organization,,,Open AI,\nOpenAI Inc,organization,,OpenAI,x,\n")
    with pytest.raises(LexiconError, match="row 3"):
        lexicon.read_lexicon(path)


def test_long_latin_aliases_collide_ignoring_case(tmp_path):
    path = _write(tmp_path, "ChatGPT,product,,,ChatGPT,\nChatgpt App,product,,CHATGPT,x,\n")
    with pytest.raises(LexiconError, match="letter case"):
        lexicon.read_lexicon(path)


def test_short_acronyms_may_differ_by_case(tmp_path):
    path = _write(tmp_path, "xAI,organization,,,xAI,\nXAI,organization,,,explainable AI,\n")
    table, _ = lexicon.read_lexicon(path)
    assert table["canonical"].tolist() == ["xAI", "XAI"]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("甲,company,,,Jia,\n", "type 'company'"),
        ("甲,model,乙,,Jia,\n", "organization '乙'"),
        ("甲,organization,甲,,Jia,\n", "cannot own itself"),
        ("甲,model,,,Jia,\n甲,model,,,Jia,\n", "already defined in row 2"),
        (",model,,,Jia,\n", "empty canonical"),
        ("甲,model,,a||b,Jia,\n", "empty alias"),
        ("甲,model,,~Jia,Jia,\n", "only Chinese surfaces"),
        ("甲,model,,~甲 乙,Jia,\n", "only Chinese surfaces"),
        ("甲,model,,~甲2,Jia,\n", "only Chinese surfaces"),
    ],
)
def test_malformed_rows(tmp_path, body, reason):
    path = _write(tmp_path, body)
    with pytest.raises(LexiconError, match=reason) as caught:
        lexicon.read_lexicon(path)
    assert str(path) in str(caught.value)


def test_missing_column(tmp_path):
    path = tmp_path / "lexicon.csv"
    path.write_text("canonical,type,aliases\n甲,model,\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="missing column.*organization.*english"):
        lexicon.read_lexicon(path)


def test_not_utf8(tmp_path):
    path = tmp_path / "lexicon.csv"
    path.write_bytes(HEADER.encode() + "甲,model,,,Jia,\n".encode("gb18030"))
    with pytest.raises(LexiconError, match="not UTF-8"):
        lexicon.read_lexicon(path)


def test_every_listed_version_stem_has_a_family_in_the_lexicon():
    rows = lexicon._read_version_stems()
    assert {r["stem"] for r in rows} >= {"Yi", "abab", "DeepSeek", "Kimi", "Doubao", "Step"}
    for row in rows:
        assert lexicon.entity_info(row["family"]) is not None


@pytest.mark.parametrize(
    ("name", "organization", "family"),
    [
        ("GLM-4.6", "智谱AI", "GLM-4"),          # a version after a listed one
        ("Qwen2.5-VL", "阿里巴巴", "Qwen2.5"),
        ("Yi-Coder", "零一万物", "零一万物"),      # a bound stem: the organisation is the family
        ("abab7", "MiniMax", "MiniMax"),
        ("Doubao-1.5-lite", "字节跳动", "豆包大模型"),  # the listed stem wins over the app Doubao
        ("o3-pro", "OpenAI", "o3"),              # one letter is enough for a model
    ],
)
def test_unseen_versions_are_models_of_the_family_organisation(name, organization, family):
    info = lexicon.entity_info(name)
    assert (info["type"], info["organization"], info["family"]) == ("model", organization, family)
    assert lexicon.canonical_name(name) == name
    assert lexicon.entity_label(name) == name


@pytest.mark.parametrize("name", ["Yi", "Step", "GLM 2024", "A100s", "GPT-4 3", "Kimi的"])
def test_not_versions(name):
    assert lexicon.version_info(name) is None


def test_a_listed_name_is_never_reported_as_an_unseen_version():
    assert lexicon.version_info("DeepSeek V3") is None
    assert lexicon.canonical_name("DeepSeek V3") == "DeepSeek-V3"


@pytest.mark.parametrize("name", [
    "DeepSeek-V2", "DeepSeek-V3", "DeepSeek-R1", "Qwen1.5", "Qwen2", "Qwen2.5", "Qwen3", "GLM-4", "GLM-4.5",
    "Kimi", "Kimi k1.5", "MiniMax", "abab6.5", "百川智能", "Baichuan 4", "零一万物", "Yi-Lightning", "阶跃星辰",
    "Step-2", "面壁智能", "MiniCPM", "豆包", "豆包大模型", "豆包大模型1.5", "腾讯混元", "腾讯混元T1", "讯飞星火",
    "讯飞星火4.0", "Gemini", "Gemini 2.5", "Claude 3.5 Sonnet", "Claude 4", "Llama 3", "Llama 4", "Sora", "可灵",
])
def test_the_major_models_and_companies_of_2023_to_2025_are_listed(name):
    assert lexicon.canonical_name(name) == name
    assert lexicon.version_info(name) is None  # listed, not merely recognised as a version
