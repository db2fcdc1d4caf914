"""Corpus loading: normalisation, cleaning rules, metadata and dates, on short invented examples
(hand-checked expected strings), then on the five seeds and the three test articles by other
outlets in ``tests/articles/`` (written for these tests; no rule names their exact lines)."""

from __future__ import annotations

import hashlib
import shutil
import warnings

import pandas as pd
import pytest

from llmnews import corpus, paths
from llmnews.errors import ArticleError, LlmnewsError

ARTICLES_DIR = paths.TESTS_DIR / "articles"


# --- normalisation ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "raw, expected",
    [
        # outlet spaces around Chinese go ...
        ("2 月 1 日,字节跳动上线了扣子", "2月1日,字节跳动上线了扣子"),
        ("保持 \" 静默 \" 状态", "保持\"静默\"状态"),
        ("在 2023 年就抢滩大模型", "在2023年就抢滩大模型"),
        ("上线了 \"Coze 扣子 \"AI Bot 开发平台", "上线了\"Coze扣子\"AI Bot开发平台"),
        # ... spaces between Latin words stay
        ("价格比 GPT-4 Turbo 便宜约 20%", "价格比GPT-4 Turbo便宜约20%"),
        ("Mistral AI 发布了 Mistral Large", "Mistral AI发布了Mistral Large"),
        ("用户可以在 Galaxy S24 系列手机上体验", "用户可以在Galaxy S24系列手机上体验"),
        # full-width letters, digits and punctuation (NFKC); ideographic space is a space
        ("ＧＰＴ－４　Ｔｕｒｂｏ", "GPT-4 Turbo"),
        # a wide gap between Han characters separates names or phrases: one space stays
        ("记者|肖某  王某某", "记者|肖某\u3000王某某"), ("价格战开打　阿里降价", "价格战开打\u3000阿里降价"),
        ("２０２４年，智谱（Ｚｈｉｐｕ）：发布！", "2024年,智谱(Zhipu):发布!"),
        # characters NFKC would change in meaning are kept
        ("①２０２４年发布……面积10m²", "①2024年发布……面积10m²"),
        # 。、“”《》 have no compatibility form: unchanged
        ("“百模大战”、《报告》。", "“百模大战”、《报告》。"),
        # line endings, indentation, zero-width characters
        ("第一段\r\n　　第二段\r第三段\u2028第四段", "第一段\n第二段\n第三段\n第四段"),
        ("智\u200b谱\ufeffAI", "智谱AI"),
        # a section number keeps its space; a date at a line start does not
        ("01 大厂涌入,赛道拥挤\n2 月 1 日", "01 大厂涌入,赛道拥挤\n2月1日"),
        ("- 免责 声明", "- 免责声明"),
    ],
)
def test_normalise_text(raw, expected):
    assert corpus.normalise_text(raw) == expected
    assert corpus.normalise_text(expected) == expected  # normalising twice changes nothing


# --- cleaning rules on invented examples -------------------------------------------------------

BODY = "某公司在2024年3月发布了新一代大模型,性能大幅提升,吸引了大量开发者关注。"
BODY2 = "业内人士认为,价格战将持续一段时间,中小厂商面临更大的压力和更多的挑战。"


def clean(*lines: str) -> corpus.CleanArticle:
    return corpus.clean_article(corpus.normalise_text("\n".join(lines)))


def reasons(result: corpus.CleanArticle) -> dict[str, str]:
    return {r["line"]: r["reason"] for r in result.removed}


def body(result: corpus.CleanArticle) -> list[str]:
    return [p["text"] for p in result.paragraphs]


@pytest.mark.parametrize(
    "line, reason",
    [
        ("图片来源:视觉中国", corpus.R_PICTURE),
        ("题图|由AI生成", corpus.R_PICTURE),
        ("(图片来源:某某官网截图)", corpus.R_PICTURE),
        ("图片来源:某某科技公司官方网站发布会现场直播截图,由本报记者整理后制作而成", corpus.R_PICTURE),
        ("-----", corpus.R_SEPARATOR),
        ("(完)", corpus.R_END),
        ("— END —", corpus.R_END),
        ("点击上方蓝字关注我们", corpus.R_FOLLOW),
        ("编辑|王五", corpus.R_CREDIT),
        ("责任编辑:赵六", corpus.R_CREDIT),
        ("原标题:《大模型价格战,谁会笑到最后?》", corpus.R_CREDIT),
        ("原创文章,作者:某某,如若转载,请注明出处:https://example.com/1.html", corpus.R_REPOST),
        ("本文为本网转载,出于传递更多信息之目的,并不意味着赞同其观点或证实其内容的真实性。", corpus.R_REPOST),
        ("未经授权,禁止转载。", corpus.R_REPOST),
        ("请完善以下信息,我们的顾问会在1个工作日内与您联系", corpus.R_SIGNUP),
        ("立即报名,免费试用", corpus.R_SIGNUP),
        ("扫码关注我们", corpus.R_FOLLOW),
        ("微信订阅号", corpus.R_FOLLOW),
        ("专属客服号", corpus.R_FOLLOW),
        ("评论", corpus.R_WIDGET),
        ("网友评论(12)", corpus.R_WIDGET),
        ("相关阅读", corpus.R_WIDGET),
        ("首页 > 科技 > 正文", corpus.R_WIDGET),
        ("本文观点仅代表作者个人看法,不构成投资建议。", corpus.R_DISCLAIMER),
    ],
)
def test_chrome_line_is_removed_with_its_reason(line, reason):
    result = clean(BODY, line, BODY2)
    normalised = corpus.normalise_text(line)
    assert reasons(result) == {normalised: reason}
    assert body(result) == [BODY, BODY2]


@pytest.mark.parametrize(
    "line",
    [
        # body sentences that share words with chrome rules stay
        "记者:你们什么时候能盈利?",
        "作者认为,大模型的价格战不会很快结束,这一点与多数分析师的看法一致。",
        "该公司表示,用户可以在官网免费试用新模型,但每天的调用次数有上限。",
        "评论人士指出,开源模型的商业化仍然是一个难题。",
        "这并不代表大模型的技术演进速度会下降,向上探索的天花板还远远没到。",
        "声明称,公司将继续投入基础模型研发。",
    ],
)
def test_body_sentences_that_mention_chrome_words_stay(line):
    result = clean(BODY, line)
    assert result.removed == []
    assert body(result) == [BODY, line]


def test_credits_become_author_and_source():
    result = clean("作者|张三", "编辑|李四", BODY, "来源:某某科技")
    assert (result.author, result.source) == ("张三", "某某科技")
    assert body(result) == [BODY]


def test_one_line_with_author_source_and_original_title():
    result = clean(BODY, "本文作者:王小明,来源:某某新闻,原文标题:《大模型:从拥挤走向分层》")
    assert (result.author, result.source) == ("王小明", "某某新闻")
    assert (result.title, result.title_basis) == ("大模型:从拥挤走向分层", "original_title")


def test_repost_notice_author_only_when_there_is_no_byline():
    notice = "原创文章,作者:某账号,如若转载,请注明出处:https://example.com/2.html"
    assert clean(BODY, notice).author == "某账号"
    # A byline outranks the aggregator's notice (seed 000: 作者|张宇 vs 原创文章,作者:张三丰).
    assert clean("作者|张三", BODY, notice).author == "张三"
    # Without anything better, the site a repost notice's URL names carries this copy: it is the
    # source, on the weakest basis but one (issue 10: "a repost notice with a URL, the site is the source").
    assert (clean(BODY, notice).source, clean(BODY, notice).source_basis) == ("example.com", "repost_url")
    assert clean("来源:某某科技", BODY, notice).source == "某某科技"


def test_source_line_with_reporter():
    result = clean(BODY, "来源:某某日报、某某网 记者 刘一")
    assert (result.author, result.source) == ("刘一", "某某日报、某某网")


def test_reporter_byline_and_news_slug():
    result = clean("记者陈二/上海报道", BODY)
    assert result.author == "陈二"
    slug = clean("【某某日报讯】(记者 周三)" + BODY)
    assert slug.author == "周三"
    assert body(slug) == [BODY]
    assert reasons(slug) == {"【某某日报讯】(记者周三)": corpus.R_SLUG}


def test_disclaimer_heading_removes_its_block_only():
    result = clean(BODY, "- 免责声明", "- 本文观点不代表本站立场,读者据此操作,风险自担。", BODY2)
    assert body(result) == [BODY, BODY2]
    assert set(reasons(result).values()) == {corpus.R_DISCLAIMER}
    assert len(result.removed) == 2


def test_disclaimer_block_is_bounded():
    block = ["免责声明"] + ["本文观点仅供参考,风险自担。"] * 7
    result = clean(BODY, *block)
    # The heading and five lines in the disclaimer's vocabulary; the rest is not assumed chrome.
    assert [r["reason"] for r in result.removed] == [corpus.R_DISCLAIMER] * 6
    assert len(result.paragraphs) == 3


def test_script_detection():
    simplified = "台湾媒体报道,某公司在台北发布了繁体中文版本的大模型,名为「臺灣大模型」。"
    assert corpus.detect_script(simplified) == ("simplified", simplified)  # a quoted Traditional name
    traditional = "臺灣媒體報導,某公司在臺北發布了繁體中文版本的大型語言模型。"
    assert corpus.detect_script(traditional) == ("traditional", "台湾媒体报导,某公司在台北发布了繁体中文版本的大型语言模型。")


def test_navigation_slogans_above_the_article():
    result = clean("专属客服号", "洞察产业趋势", "服务园区发展", BODY, BODY2)
    assert reasons(result) == {"专属客服号": corpus.R_FOLLOW, "洞察产业趋势": corpus.R_NAV,
                               "服务园区发展": corpus.R_NAV}
    assert result.title is None


def test_headline_on_the_first_line():
    result = clean("大模型价格战,谁会笑到最后?", BODY, BODY2)
    assert (result.title, result.title_basis) == ("大模型价格战,谁会笑到最后?", "first_line")
    assert reasons(result) == {"大模型价格战,谁会笑到最后?": corpus.R_TITLE}
    # A first line that is a sentence is not a headline.
    assert clean(BODY, BODY2).title is None


def test_citation_markers_removed_inside_sentences():
    result = clean("国内涌现了528家AI企业[2]。", "他认为AI是一项通用技术[3,4],机会在于落地[12]。")
    assert body(result) == ["国内涌现了528家AI企业。", "他认为AI是一项通用技术,机会在于落地。"]
    assert [(r["line_no"], r["line"], r["reason"]) for r in result.removed] == [
        (1, "[2]", corpus.R_CITATION), (2, "[3,4] [12]", corpus.R_CITATION)]


def test_reference_list_removed():
    result = clean(BODY + "[1]", "参考资料:", "[1] 某某报告,2024。", "[2] https://example.com")
    assert body(result) == [BODY]
    assert [r["reason"] for r in result.removed] == [corpus.R_CITATION] + [corpus.R_REFERENCE] * 3


def test_section_headings_stay_as_headings():
    result = clean("01. 与对手仍存较大差距", BODY, "02 大厂涌入,赛道拥挤", BODY2, "开源还是闭源?", BODY,
                   "一、行业概况", BODY2)
    assert [(p["text"], p["is_heading"]) for p in result.paragraphs] == [
        ("01. 与对手仍存较大差距", True), (BODY, False), ("02 大厂涌入,赛道拥挤", True), (BODY2, False),
        ("开源还是闭源?", True), (BODY, False), ("一、行业概况", True), (BODY2, False)]


def test_numbered_list_items_are_body_not_headings():
    result = clean(BODY, "1. 2025年1月,某公司开源了推理模型。", "(一)推理能力。复杂推理成为必比项目。",
                   "①许可证是否允许商用;")
    assert [p["is_heading"] for p in result.paragraphs] == [False] * 4
    assert body(result)[1:] == ["1. 2025年1月,某公司开源了推理模型。", "(一)推理能力。复杂推理成为必比项目。",
                                "①许可证是否允许商用;"]


def test_interview_speaker_labels_become_a_column():
    result = clean(
        "以下为对话节选。",
        "01 第一部分:钱够不够记者:你们融了多少钱?",
        "张总:25亿。当然不够。",
        "算力涨得太厉害了。",
        "记者:预计要花多少钱?",
        "张总:50到100亿。",
        "记者:什么时候盈利?",
        "张总:很难说。",
        "记者:对明年有什么预期?",
        "张总:先把技术做上去。",
    )
    assert [(p["speaker"], p["is_heading"], p["text"]) for p in result.paragraphs] == [
        (None, False, "以下为对话节选。"),
        (None, True, "01 第一部分:钱够不够"),  # heading glued onto the question, split off
        ("记者", False, "你们融了多少钱?"),
        ("张总", False, "25亿。当然不够。"),
        ("张总", False, "算力涨得太厉害了。"),  # continuation of the answer
        ("记者", False, "预计要花多少钱?"),
        ("张总", False, "50到100亿。"),
        ("记者", False, "什么时候盈利?"),
        ("张总", False, "很难说。"),
        ("记者", False, "对明年有什么预期?"),
        ("张总", False, "先把技术做上去。"),
    ]


def test_a_label_used_once_or_twice_is_not_a_speaker():
    result = clean("他的回答很简单:不够。", "结论:价格战还会继续。", BODY)
    assert [p["speaker"] for p in result.paragraphs] == [None, None, None]


@pytest.mark.parametrize(
    "line, iso, granularity, source, author",
    [
        ("某某科技·2025-07-18 16:36", "2025-07-18", "day", "某某科技", None),
        ("2024年5月20日 10:02", "2024-05-20", "day", None, None),
        ("发布时间:2024-05-20", "2024-05-20", "day", None, None),
        ("2024年5月20日 10:02 来源:某某网", "2024-05-20", "day", "某某网", None),
        ("日期:2024年5月", "2024-05", "month", None, None),
        ("2024-05-20 10:02:33 来源:某某科技 作者:张三", "2024-05-20", "day", "某某科技", "张三"),
        ("2024-05-20 作者:李四", "2024-05-20", "day", None, "李四"),
    ],
)
def test_date_lines(line, iso, granularity, source, author):
    result = clean(line, BODY, BODY2)
    assert result.dateline[:2] == (iso, granularity)
    assert (result.source, result.author) == (source, author)
    assert body(result) == [BODY, BODY2]


def test_an_impossible_date_is_not_a_date_line():
    assert clean("某某科技·2024-02-30 10:00", BODY).dateline is None


def test_a_dated_sentence_is_not_a_date_line():
    result = clean("2024年5月20日,某公司发布了新模型。", BODY)
    assert result.dateline is None
    assert result.removed == []


# --- inferred publication date -----------------------------------------------------------------

def test_inferred_date_is_the_latest_reported_event_at_month_precision():
    text = ("2023年11月,某公司上线了助手。\n截至2024年4月20日,其用户数突破了2亿。\n"
            "2025年,公司将发布下一代模型。\n预计2026年实现盈利。")
    iso, granularity, evidence = corpus.infer_published(text)
    # Future-tense sentences (将, 预计) do not date the article; the day is not the publication day.
    assert (iso, granularity) == ("2024-04", "month")
    assert evidence == "2024年4月20日: 截至2024年4月20日,其用户数突破了2亿。"


def test_inferred_date_uses_range_end_and_season_year():
    assert corpus.infer_published("2023年7月至9月,公司拿到了5轮融资。")[:2] == ("2023-09", "month")
    assert corpus.infer_published("2023年下半年,公司签下几百家客户。")[:2] == ("2023", "year")


def test_no_written_year_means_unknown():
    assert corpus.infer_published("5月15日,某公司宣布降价。上个月,另一家公司也降了价。") is None


def test_inferred_date_is_raised_by_a_yearless_date_reported_as_news():
    # 2月1日 nearest to November 2023 is 1 February 2024, after the written-out date: the article
    # is at least that recent. The evidence names the expression that set the date.
    text = "2023年11月,某公司发布了产品。\n2月1日,字节跳动上线了扣子。"
    assert corpus.infer_published(text) == (
        "2024-02", "month", "2月1日 (after 2023年11月): 2月1日,字节跳动上线了扣子。")


def test_yearless_date_before_the_written_out_date_does_not_raise_it():
    # 8月 nearest to January 2024 is August 2023: narration of the past, not news.
    assert corpus.infer_published("2024年1月,智谱AI推出了GLM-4。自8月发布以来,GLM-130B广受欢迎。")[:2] == (
        "2024-01", "month")


@pytest.mark.parametrize("plan", ["公司计划3月1日上线新版。", "3月1日会迎来新版。", "预计3月上线新版。"])
def test_yearless_dates_in_plans_do_not_raise_it(plan):
    # One future-tense rule for both steps (dates.FUTURE_SENTENCE): 会迎来 is a forecast here too.
    assert corpus.infer_published("2023年11月,某公司发布了产品。" + plan)[:2] == ("2023-11", "month")


# --- the seeds -----------------------------------------------------------------------------------

def seeds_digest() -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(paths.SEEDS_DIR.iterdir())}


@pytest.fixture(scope="module")
def seeds():
    before = seeds_digest()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the seeds load without a single warning
        df = corpus.load_corpus()
    assert seeds_digest() == before  # nothing under seeds/ was touched
    return df.set_index("article_id", drop=False)


@pytest.fixture(scope="module")
def seeds_without_metadata(tmp_path_factory):
    """The five seed texts alone: what the text itself gives, without metadata.csv."""
    folder = tmp_path_factory.mktemp("seeds_text_only")
    for p in paths.SEEDS_DIR.glob("*.txt"):
        shutil.copyfile(p, folder / p.name)
    return corpus.load_corpus(folder).set_index("article_id", drop=False)


def test_seeds_load_in_file_name_order_with_contract_columns(seeds):
    assert seeds["article_id"].tolist() == ["000_78f0bb0c1e58feb5", "001_8f9229af2160e5fd",
                                            "002_4b3626a41216860f", "003_c435fa39d7ab8ed5",
                                            "004_af7d83dbc2f70489"]
    assert seeds.attrs["skipped"] == []
    assert list(seeds.columns) == corpus.CORPUS_COLUMNS
    assert (seeds["encoding"] == "utf-8").all() and (seeds["script"] == "simplified").all()
    assert (seeds["text"] == seeds["original_text"]).all()
    assert (seeds["n_chars"] == seeds["text"].str.len() - seeds["text"].str.count("\n")).all()


def test_seed_metadata_from_the_texts(seeds_without_metadata):
    meta = seeds_without_metadata[["title", "title_basis", "author", "source"]].to_dict("index")
    assert meta == {
        # 作者|张宇 is the byline; 原创文章,作者:张三丰,…请注明出处:https://www.sudun.com/… is the repost
        # site's footer: it names the site that carries this copy (source_basis repost_url), not the author.
        "000_78f0bb0c1e58feb5": {"title": None, "title_basis": None, "author": "张宇", "source": "sudun.com"},
        "001_8f9229af2160e5fd": {"title": "大模型竞赛,赛点在哪?", "title_basis": "first_line",
                                 "author": None, "source": None},
        "002_4b3626a41216860f": {"title": None, "title_basis": None, "author": None, "source": "趣解商业"},
        "003_c435fa39d7ab8ed5": {"title": None, "title_basis": None, "author": "宋婧",
                                 "source": "中国电子报、电子信息产业网"},
        "004_af7d83dbc2f70489": {"title": "智谱AICEO张鹏:中国大模型,从拥挤走向分层", "title_basis": "first_line",
                                 "author": "张小珺", "source": "腾讯科技"},
    }


def test_seed_metadata_csv_overrides_and_adds(seeds):
    assert seeds.loc["004_af7d83dbc2f70489", "title"] == "智谱AI CEO张鹏:中国大模型,从拥挤走向分层"
    assert seeds.loc["004_af7d83dbc2f70489", "title_basis"] == "metadata"
    assert seeds.loc["000_78f0bb0c1e58feb5", "url"] == "https://www.sudun.com/ask/76014.html"
    assert seeds.loc["001_8f9229af2160e5fd", "url"] is None


def test_seed_publication_dates(seeds):
    dates = seeds[["published", "published_granularity", "published_basis"]].to_dict("index")
    assert dates == {
        # Latest written-out date 2024年4月; the 5月15日 Doubao price cut is reported as news.
        "000_78f0bb0c1e58feb5": {"published": "2024-05", "published_granularity": "month",
                                 "published_basis": "inferred"},
        # GLM-4 in 2024年1月; "3月14日的智谱AI发布会" is the latest event (自8月发布 is 2022's GLM-130B).
        "001_8f9229af2160e5fd": {"published": "2024-03", "published_granularity": "month",
                                 "published_basis": "inferred"},
        # GPTs in 2023年11月; it leads with Coze on 2月1日 (and 1月10日, 1月21日 launches).
        "002_4b3626a41216860f": {"published": "2024-02", "published_granularity": "month",
                                 "published_basis": "inferred"},
        # 003 never writes a year.
        "003_c435fa39d7ab8ed5": {"published": None, "published_granularity": None,
                                 "published_basis": "unknown"},
        "004_af7d83dbc2f70489": {"published": "2023-10", "published_granularity": "month",
                                 "published_basis": "inferred"},
    }
    assert seeds.loc["000_78f0bb0c1e58feb5", "published_evidence"].startswith(
        "5月15日 (after 2024年4月): 5月15日,字节跳动宣布")
    # 004's only other year-less date, 8月初, is the August before the interview (2023年10月).
    assert seeds.loc["004_af7d83dbc2f70489", "published_evidence"].startswith("2023年10月: 2023年10月,智谱AI CEO")
    # 004's forecast "预估可能在2026年、2027年左右" does not date the interview.
    assert "2026" not in seeds.loc["004_af7d83dbc2f70489", "published_evidence"]


def test_seed_removed_lines(seeds):
    removed = corpus.removed_lines_table(seeds)
    assert list(removed.columns) == ["article_id", "line_no", "line", "reason"]
    by_article = removed.groupby("article_id")["line_no"].apply(list).to_dict()
    assert by_article == {
        "000_78f0bb0c1e58feb5": [1, 2, 3, 38],
        "001_8f9229af2160e5fd": [1, 3, 6, 19],
        "002_4b3626a41216860f": [3, 13, 18, 23, 33, 37, 46, 76],
        "003_c435fa39d7ab8ed5": [1, 2, 3, 4, 34, 35, 36, 37],
        "004_af7d83dbc2f70489": [1, 97, 98, 99],
    }
    seed3 = removed[removed["article_id"] == "003_c435fa39d7ab8ed5"]
    assert seed3["reason"].tolist() == [corpus.R_FOLLOW, corpus.R_FOLLOW, corpus.R_NAV, corpus.R_NAV,
                                        corpus.R_CREDIT, corpus.R_REPOST, corpus.R_SIGNUP, corpus.R_WIDGET]


def test_seed_texts_are_clean(seeds):
    text = "\n".join(seeds["text"])
    for chrome in ["作者|", "图片来源", "如若转载", "免责声明", "扫码", "订阅号", "请完善以下信息", "[1]", "[4]",
                   "本文作者", "\ufffd", "腾讯新闻《潜望》:", "\n张鹏:"]:
        assert chrome not in text, chrome
    # 001's citation marker is gone from inside the sentence, the sentence kept.
    assert "因为会在圈子里低人一等。" in seeds.loc["001_8f9229af2160e5fd", "text"]
    # 002's outlet spacing is gone.
    assert seeds.loc["002_4b3626a41216860f", "text"].split("\n")[1].startswith(
        "2月1日,此前在大模型领域一直保持\"静默\"状态的字节跳动")


def test_seed_headings_and_speakers(seeds):
    table = corpus.paragraph_table(seeds)
    assert list(table.columns) == ["article_id", "paragraph", "text", "speaker", "is_heading"]
    headings = table[table["is_heading"]].groupby("article_id")["text"].apply(list).to_dict()
    assert headings["000_78f0bb0c1e58feb5"] == ["01. 与OpenAI仍存较大差距", "02. 智谱AI商业化路漫漫", "03. 抱团取暖"]
    assert headings["003_c435fa39d7ab8ed5"] == ["马斯克“Grok”对战“ChatGPT”胜算几何?", "GPT生态选择题:开源还是闭源?",
                                                "模型生态究竟应该怎么建?"]
    assert headings["004_af7d83dbc2f70489"][0] == "01 久违的大佬牌局:这是我们通往AGI的盘缠"
    assert len(headings["004_af7d83dbc2f70489"]) == 5
    interview = table[table["article_id"] == "004_af7d83dbc2f70489"].reset_index(drop=True)
    first_question = interview.index[interview["speaker"] == "腾讯新闻《潜望》"][0]
    assert interview.loc[first_question, "text"] == "你跟我讲了一句话,我印象很深。你说,融资的钱是你们通往AGI道路上的“盘缠”。"
    assert interview.loc[first_question - 1, "text"] == "01 久违的大佬牌局:这是我们通往AGI的盘缠"
    assert interview.loc[first_question + 1, ["speaker", "text"]].tolist() == ["张鹏", "是我们内部开玩笑说的一句话。"]
    assert set(interview["speaker"].dropna()) == {"腾讯新闻《潜望》", "张鹏"}
    # The other seeds are not interviews.
    assert table[table["article_id"] != "004_af7d83dbc2f70489"]["speaker"].isna().all()
    assert table["paragraph"].tolist()[:3] == [1, 2, 3]
    assert (table.groupby("article_id").size() == seeds["n_paragraphs"]).all()


# --- articles by other outlets (tests/articles/) -----------------------------------------------

@pytest.fixture(scope="module")
def other_outlets():
    return corpus.load_corpus(ARTICLES_DIR).set_index("article_id", drop=False)


def test_other_outlets_metadata(other_outlets):
    meta = other_outlets[["title", "author", "source", "published", "published_granularity",
                          "published_basis", "script"]].to_dict("index")
    assert meta == {
        "dateline_numbered_lists": {
            "title": "开源大模型的“七月之战”:Kimi K2之后,谁在追赶?", "author": "陈思远", "source": "星河科技",
            "published": "2025-07-18", "published_granularity": "day", "published_basis": "dateline",
            "script": "simplified"},
        "other_site_chrome": {
            "title": "大模型价格战升级:阿里、百度同日降价,字节豆包“搅局”效应显现", "author": "周明",
            "source": "华东商业报", "published": "2024-05-21", "published_granularity": "day",
            "published_basis": "dateline", "script": "simplified"},
        "tw_price_war_traditional": {
            # the ideographic space between the headline's two phrases stays (a wide gap between Han)
            "title": "陆AI大模型杀价抢市\u3000文心一言、通义千问降价逾9成", "author": "林怡君", "source": "科技观察网",
            "published": "2024-05-22", "published_granularity": "day", "published_basis": "dateline",
            "script": "traditional"},
    }


def test_other_outlets_chrome_removed(other_outlets):
    removed = corpus.removed_lines_table(other_outlets)
    other = removed[removed["article_id"] == "other_site_chrome"]
    assert other["reason"].tolist() == [
        corpus.R_WIDGET, corpus.R_TITLE, corpus.R_DATELINE, corpus.R_SLUG, corpus.R_PICTURE,
        corpus.R_CREDIT, corpus.R_CREDIT, corpus.R_FOLLOW, corpus.R_WIDGET, corpus.R_WIDGET]
    text = other_outlets.loc["other_site_chrome", "text"]
    assert text.startswith("5月21日,阿里云宣布通义千问")
    assert text.endswith("将入门级模型GLM-3 Turbo的调用价格从5元/百万tokens降至1元/百万tokens。")
    assert other_outlets.loc["other_site_chrome", "n_paragraphs"] == 5


def test_numbered_lists_survive_as_body(other_outlets):
    paragraphs = corpus.paragraph_table(other_outlets)
    lists = paragraphs[paragraphs["article_id"] == "dateline_numbered_lists"]
    assert not lists["is_heading"].any()
    texts = lists["text"].tolist()
    assert "1. 2025年1月20日,深度求索发布推理模型DeepSeek-R1,并以MIT协议开源。" in texts
    assert "(一)推理能力。以数学和代码为代表的复杂推理任务,成为各家发布会上必比的项目。" in texts
    assert "①许可证是否允许商用;" in texts
    assert "本文为星河科技原创,转载请联系授权。" not in texts


def test_traditional_article_keeps_its_original(other_outlets):
    row = other_outlets.loc["tw_price_war_traditional"]
    assert row["text"].split("\n")[1] == "同一天,百度智能云也宣布,文心一言旗下的ERNIE Speed与ERNIE Lite两款主力模型全面免费,开发者可直接呼叫。"
    assert row["original_text"].split("\n")[1] == "同一天,百度智能雲也宣布,文心一言旗下的ERNIE Speed與ERNIE Lite兩款主力模型全面免費,開發者可直接呼叫。"
    assert row["text"].count("\n") == row["original_text"].count("\n")
    assert "延伸" not in row["text"] and "转载" not in row["text"]
    # The audit quotes the file's own (Traditional) lines.
    audit = [r["line"] for r in row["removed_lines"]]
    assert "記者林怡君/台北報導" in audit and "延伸閱讀" in audit


def test_short_names(seeds, other_outlets):
    names = corpus.short_names(seeds)
    assert names["001_8f9229af2160e5fd"] == "001 · 大模型竞赛,赛点在哪?"
    assert names["000_78f0bb0c1e58feb5"] == "000 · “追赶OpenAI”“…"  # no title: the first paragraph
    assert corpus.short_names(other_outlets)["other_site_chrome"] == "大模型价格战升级:阿里…"
    assert len(set(names.values())) == len(names)


# --- metadata.csv -------------------------------------------------------------------------------

def test_metadata_csv_fills_and_validates(tmp_path):
    (tmp_path / "a.txt").write_text(BODY + "\n" + BODY2, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "article_id,title,source,published,url\na,某标题,某某网,2024-03,https://example.com/a\n"
        "ghost,,,,\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="ghost"):
        df = corpus.load_corpus(tmp_path)
    row = df.iloc[0]
    assert (row["title"], row["title_basis"], row["source"], row["url"]) == (
        "某标题", "metadata", "某某网", "https://example.com/a")
    assert (row["published"], row["published_granularity"], row["published_basis"]) == ("2024-03", "month", "metadata")
    assert row["published_evidence"] == "metadata.csv: 2024-03"

    (tmp_path / "metadata.csv").write_text("article_id,title,source,published,url\na,,,2024-13,\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="2024-13"):
        corpus.load_corpus(tmp_path, on_error="raise")


def test_empty_metadata_cell_means_infer(tmp_path):
    (tmp_path / "a.txt").write_text("某某科技·2025-07-18 16:36\n" + BODY, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("article_id,title,source,published,url\na,,,,\n", encoding="utf-8")
    row = corpus.load_corpus(tmp_path).iloc[0]
    assert (row["published"], row["published_basis"], row["source"]) == ("2025-07-18", "dateline", "某某科技")


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(LlmnewsError, match="does not exist"):
        corpus.load_corpus(tmp_path / "nowhere")


def test_tables_of_an_empty_corpus(tmp_path):
    df = corpus.load_corpus(tmp_path)
    assert len(df) == 0 and list(df.columns) == corpus.CORPUS_COLUMNS
    assert list(corpus.removed_lines_table(df).columns) == ["article_id", "line_no", "line", "reason"]
    assert list(corpus.paragraph_table(df).columns) == ["article_id", "paragraph", "text", "speaker", "is_heading"]


def test_paragraph_table_of_a_hand_built_corpus():
    df = pd.DataFrame({"article_id": ["x"], "text": ["01 概况\n" + BODY]})
    table = corpus.paragraph_table(df)
    assert table[["paragraph", "text", "is_heading"]].values.tolist() == [[1, "01 概况", True], [2, BODY, False]]


def test_other_outlets_feed_the_lexicon_and_the_timeline(other_outlets):
    # Not rules for these lines: the generic cleaning hands the lexicon and the timeline clean text,
    # Simplified script and a date-line anchor.
    from llmnews import text, timeline

    mentions = text.entity_mentions(other_outlets.reset_index(drop=True))
    traditional = set(mentions.loc[mentions["article_id"] == "tw_price_war_traditional", "entity"])
    assert {"通义千问", "DeepSeek-V2"} <= traditional  # found in 通義千問 / DeepSeek-V2 after t2s
    events = timeline.release_events(other_outlets.reset_index(drop=True))
    dated = set(zip(events["article_id"], events["entity"], events["date"]))
    assert {("tw_price_war_traditional", "DeepSeek-V2", "2024-05-06"),
            ("other_site_chrome", "GPT-4o", "2024-05-13"),
            ("dateline_numbered_lists", "DeepSeek-R1", "2025-01-20")} <= dated
    # The bare 5月15日 gets its year from the date line 2024年5月21日.
    bare = events[(events["article_id"] == "other_site_chrome") & (events["date_text"] == "5月15日")]
    assert set(bare["date"]) == {"2024-05-15"}


def test_metadata_csv_without_article_id_column_is_a_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("id,title\na,某标题\n", encoding="utf-8")
    with pytest.raises(LlmnewsError, match="metadata.csv.*article_id"):
        corpus.load_corpus(tmp_path)
