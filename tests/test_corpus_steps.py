"""The named steps of ``corpus.clean_article`` and the metadata finders, one at a time, on short
invented page fragments (our own sentences; the outlet and reporter names are made up)."""

from __future__ import annotations

import pytest

from llmnews import corpus
from llmnews.corpus import chrome, clean, metadata, published
from llmnews.corpus.normalise import to_simplified

BODY = "某公司今天发布了新一代大模型,称其推理能力比上一代提升了一倍。"
BODY2 = "业内人士认为,这一轮发布会让大模型的价格竞争更加激烈。"


def page(*lines: str) -> clean.Page:
    return clean.Page([corpus.normalise_text(line) for line in lines])


def reasons(p: clean.Page) -> dict[str, str | None]:
    return dict(zip(p.lines, p.reasons))


# --- normalise: pinyin -------------------------------------------------------------------------------

def test_pinyin_after_characters_is_removed_with_a_map_back():
    line = "國(guó)產(chǎn)大模型發(fā)布"
    stripped, offsets = corpus.strip_pinyin(line)
    assert stripped == "國產大模型發布"
    # the span of 產大 in the result covers 產(chǎn)大 in the original
    assert line[offsets[1]:offsets[3]] == "產(chǎn)大"
    assert line[offsets[0]:offsets[len(stripped)]] == line


@pytest.mark.parametrize("line", ["他说(AI)会改变行业。", "模型(GPT-4)发布。", "价格(元)下调。", "no pinyin here"])
def test_brackets_that_are_not_pinyin_stay(line):
    assert corpus.strip_pinyin(line) == (line, None)


def test_remove_pinyin_step_audits_the_line():
    p = page("記(jì)者王曉(xiǎo)東", BODY)
    clean.remove_pinyin(p)
    assert p.lines[0] == "記者王曉東"
    assert p.removed == [{"line_no": 1, "line": "記(jì)者王曉(xiǎo)東", "reason": corpus.R_PINYIN}]


# --- mark_chrome -----------------------------------------------------------------------------------

@pytest.mark.parametrize("line, reason", [
    ("12 评论 3,020 阅读 5 收藏", corpus.R_COUNTER),
    ("阅读 (1.2万)", corpus.R_COUNTER),
    ("全文约4000字,阅读需8分钟", corpus.R_COUNTER),
    ("本文共计2350字,预计阅读时间7分钟", corpus.R_COUNTER),
    ("00:00 / 03:12", corpus.R_COUNTER),
    ("打开某某App,查看更多高清图片", corpus.R_PROMO),
    ("海量资讯、精准解读,尽在某某财经APP", corpus.R_PROMO),
    ("某某视频APP·财经", corpus.R_PROMO),
    ("(图片仅供参考)", corpus.R_CAPTION),
    ("▲ 图为发布会现场", corpus.R_CAPTION),
    ("图片", corpus.R_CAPTION),
    ("图为发布会现场。某某新闻记者 李某 摄", corpus.R_CAPTION),
    ("标签:大模型 开源 价格战", corpus.R_TAGS),
    ("AI写作|AI绘画|AI视频|ChatGPT中文版|免费AI工具|AI导航", corpus.R_TAGS),
    ("大模型,人工智能,AIGC,文心一言,通义千问,豆包", corpus.R_TAGS),
    ("某某新闻报料:021-00000000", corpus.R_CONTACT),
    ("someone@example.com", corpus.R_CONTACT),
    ("某某网版权作品,未经书面授权,严禁转载或镜像。", corpus.R_REPOST),
    ("该文观点仅代表作者本人,某某平台仅提供信息存储空间服务。", corpus.R_DISCLAIMER),
    ("某某新闻记者 王某某", corpus.R_CREDIT),
    ("◎ 记者 王某某", corpus.R_CREDIT),
    ("编辑 李某某", corpus.R_CREDIT),
    ("张某 发自 某某寺", corpus.R_CREDIT),
    ("►快來加入「某某財經」LINE好友!", corpus.R_FOLLOW),
    ("点个“在看”,分享给更多朋友", corpus.R_FOLLOW),
    ("缩小字体 放大字体 收藏 微博 微信 分享", corpus.R_WIDGET),
    ("原创 周某某 某某观察笔记", corpus.R_CREDIT),
    ("新浪首页 新闻 体育 财经 科技 博客 更多", corpus.R_NAV),
])
def test_mark_chrome_gives_each_line_its_reason(line, reason):
    p = page(BODY, line, BODY2)
    clean.mark_chrome(p)
    assert reasons(p) == {BODY: None, corpus.normalise_text(line): reason, BODY2: None}


@pytest.mark.parametrize("line", [
    "2024",  # a bare year is a chronology heading, not a counter
    "记者注意到,这家公司的定价比同行低了一半。",
    "他强调,这只是个人判断,不代表公司立场。",
    "据某某新闻记者了解,新模型将在下月上线。",
    "法院认定,这张由AI生成的图片属于版权作品,未经许可不得商用。",
    "平台表示将禁止转载未经授权的AI生成内容,并下架了一批侵权视频。",
    "字节跳动旗下品牌豆包宣布,主力模型的价格再降一半。",
    "这只是作者个人观点,但不少业内人士表示认同。",
    "百度、阿里、腾讯、字节、华为都已发布大模型",  # a list inside a clause, not keywords
])
def test_mark_chrome_keeps_prose(line):
    p = page(BODY, line)
    clean.mark_chrome(p)
    assert p.reasons == [None, None]


def test_related_block_takes_the_titles_under_its_heading_only():
    p = page(BODY, "推荐阅读", "某公司发布新模型 价格下调九成", "另一家公司完成新一轮融资", BODY2)
    clean.mark_chrome(p)
    assert p.reasons == [None, corpus.R_WIDGET, corpus.R_RELATED, corpus.R_RELATED, None]


def test_credit_split_over_short_lines():
    p = page("作者", "丨 王某某", "邮箱", "wang@example.com", BODY)
    clean.mark_chrome(p)
    assert p.reasons == [corpus.R_CREDIT] * 4 + [None]
    assert [(c.field, c.value) for c in p.candidates] == [("author", "王某某")]


def test_date_lines_near_the_top_are_kept_with_their_update_flag():
    p = page("出版:2025-01-21 18:30", "更新:2025-01-22 09:02", BODY)
    clean.mark_chrome(p)
    assert p.reasons[:2] == [corpus.R_DATELINE] * 2
    assert [(d[0], d[2].iso) for d in p.datelines] == [(False, "2025-01-21"), (True, "2025-01-22")]


# --- mark_trailer ----------------------------------------------------------------------------------

def test_short_lines_after_the_last_sentence_are_furniture():
    p = page(BODY, BODY2, "某某01", "科技玩物", "①许可证是否允许商用;")
    clean.mark_chrome(p)
    clean.mark_trailer(p)
    # the list item ends a sentence (;), so only what came before it could be furniture: nothing
    assert p.reasons == [None] * 5
    p = page(BODY, BODY2, "某某01", "科技玩物")
    clean.mark_trailer(p)
    assert p.reasons == [None, None, corpus.R_TRAILER, corpus.R_TRAILER]


# --- choose_title ----------------------------------------------------------------------------------

def titled(*lines: str) -> clean.Page:
    p = page(*lines)
    clean.mark_chrome(p)
    clean.choose_title(p)
    return p


def test_the_headline_wherever_breadcrumbs_datelines_and_bylines_sit():
    p = titled("首页 > 科技 > 正文", "某某网", "2024-05-21 10:02", "大模型价格战再升级,两家大厂同日降价",
               "◎ 记者 王某某", BODY, BODY2)
    assert p.title == "大模型价格战再升级,两家大厂同日降价"
    assert p.reasons[1] == corpus.R_NAV


def test_a_headline_repeated_above_the_text_goes_twice():
    p = titled("大模型进入降价时代", "首页 > 科技 > 正文", "大模型进入降价时代", BODY)
    assert p.title == "大模型进入降价时代"
    assert p.reasons[:3] == [corpus.R_TITLE, corpus.R_WIDGET, corpus.R_TITLE]


def test_a_channel_label_is_never_the_title():
    assert titled("科技|快讯", BODY, BODY2).title is None


def test_slogans_next_to_follow_prompts_are_navigation():
    p = titled("专属客服号", "洞察产业趋势", "服务园区发展", BODY)
    assert p.title is None and p.reasons[1:3] == [corpus.R_NAV, corpus.R_NAV]


# --- cut_lead and parse_lead ---------------------------------------------------------------------

@pytest.mark.parametrize("line, outlet, author, month_day", [
    ("某某之家 6 月 1 日消息," + BODY, "某某之家", None, (6, 1)),
    ("某某App 3月2日消息," + BODY, "某某", None, (3, 2)),
    ("某某科技讯 北京时间1月20日消息," + BODY, "某某科技", None, (1, 20)),
    ("某某社4月17日讯(记者 周某某)" + BODY, "某某社", "周某某", (4, 17)),
    ("某某网 李某某 9月9日" + BODY, "某某网", "李某某", (9, 9)),
    ("中新网北京2月6日电(记者 陶某某)" + BODY, "中新网", "陶某某", (2, 6)),
    ("【某某日报讯】(记者 周某)" + BODY, "某某日报", "周某", None),
    ("5月8日消息," + BODY, None, None, (5, 8)),
    # Taiwan's and Hong Kong's wire credits in brackets
    ("〔記者吳某某／台北報導〕" + BODY, None, "吴某某", None),
    ("(中央社記者林某某台北3日電)" + BODY, "中央社", "林某某", None),
])
def test_parse_lead(line, outlet, author, month_day):
    line = to_simplified(line)  # Traditional pages are read in Simplified form
    lead = metadata.parse_lead(corpus.normalise_text(line))
    assert (lead.outlet, lead.author) == (outlet, author)
    assert ((lead.month, lead.day) if lead.month else None) == month_day
    assert corpus.normalise_text(line)[lead.end:] == BODY


@pytest.mark.parametrize("line", ["5月21日,百度宣布两款模型免费。", "腾讯宣布混元大模型降价。",
                                  "据某某报道,该公司将在下月发布新模型。"])
def test_a_first_sentence_that_opens_with_a_date_is_not_a_lead(line):
    assert metadata.parse_lead(line) is None


def test_after_a_slug_the_first_sentences_own_date_stays():
    lead = metadata.parse_lead(corpus.normalise_text("【某某日报讯】(记者 周某)5月21日,阿里云宣布降价。"))
    assert corpus.normalise_text("【某某日报讯】(记者 周某)5月21日,阿里云宣布降价。")[lead.end:] == "5月21日,阿里云宣布降价。"


def test_cut_lead_keeps_the_sentence_and_audits_the_cut():
    p = page("某某之家 6 月 1 日消息," + BODY, BODY2)
    clean.cut_lead(p)
    assert p.starts == {0: len("某某之家6月1日消息,")}
    assert p.removed == [{"line_no": 1, "line": "某某之家6月1日消息,", "reason": corpus.R_SLUG}]
    assert p.lead_date == (6, 1, "某某之家6月1日消息,")


# --- date lines, bylines, outlet names ------------------------------------------------------------

@pytest.mark.parametrize("line, iso, outlet, person, updated", [
    ("某某科技 2023-10-17 16:02 发布于北京 某某新闻科技频道官方账号", "2023-10-17", "某某科技", None, False),
    ("发布时间:2024-07-20 17:12 来源:原创 浏览:1,203次", "2024-07-20", None, None, False),
    ("林某某·2024年02月19日 08:30", "2024-02-19", None, "林某某", False),
    ("《某某日报》(2024年07月05日第07版)", "2024-07-05", "某某日报", None, False),
    ("更新于 2024-10-18 08:00", "2024-10-18", None, None, True),
    ("2024年5月23日星期四", "2024-05-23", None, None, False),
    ("2024年12月27日(五) 11:20", "2024-12-27", None, None, False),
    ("最后更新:2025/04/29 15:40", "2025-04-29", None, None, True),
    ("2025年1月31日 週五 下午2:15", "2025-01-31", None, None, False),
])
def test_parse_dateline(line, iso, outlet, person, updated):
    found = metadata.parse_dateline(corpus.normalise_text(to_simplified(line)))
    assert (found.iso, found.outlet, found.person, found.updated) == (iso, outlet, person, updated)


def test_a_dated_sentence_is_not_a_dateline():
    assert metadata.parse_dateline("2024年5月20日,某公司发布了新模型。") is None


@pytest.mark.parametrize("line, parsed", [
    ("某某新闻记者 王某某", [("某某新闻", "记者", ["王某某"])]),
    ("每经记者|温某 每经编辑|董某某", [("每经", "记者", ["温某"]), ("每经", "编辑", ["董某某"])]),
    ("每经记者|肖某  王某某    每经实习记者|宋某某", [("每经", "记者", ["肖某", "王某某"]), ("每经", "实习记者", ["宋某某"])]),
    ("某某经济报道记者 骆某某 深圳报道", [("某某经济报道", "记者", ["骆某某"])]),
    ("某某新闻网/ 记者林某某/台北即时报导", [("某某新闻网", "记者", ["林某某"])]),
    ("本报记者 黄某某", [(None, "记者", ["黄某某"])]),
    ("記者 張某某 / 攝影 李某某 報導", [(None, "记者", ["张某某"]), (None, "摄影", ["李某某"])]),
    ("责任编辑:林某某", [(None, "编辑", ["林某某"])]),
])
def test_parse_byline(line, parsed):
    assert chrome.parse_byline(corpus.normalise_text(to_simplified(line))) == parsed


@pytest.mark.parametrize("value, name", [
    ("某某科技报道", "某某科技"), ("21世纪经济报道", "21世纪经济报道"), ("某某App", "某某"), ("「36氪」", "36氪"),
    ("原创", None), ("2024-05-21", None), ("NT5217", None), ("王小明", None), ("https://example.com", None),
    ("原创浏览:1", None),
])
def test_outlet_name(value, name):
    assert metadata.outlet_name(value) == name


def test_source_basis_order():
    # a credit beats everything; a mention is used only without one, 据X报道 last of all
    with_credit = corpus.clean_article("\n".join(["来源:某某日报", BODY, "该负责人对某某新闻记者表示,价格还会下调。"]))
    assert (with_credit.source, with_credit.source_basis) == ("某某日报", "credit")
    mention = corpus.clean_article("\n".join([BODY, "据某某时报报道,另一家公司也将降价。",
                                              "该负责人对某某新闻记者表示,价格还会下调。"]))
    assert (mention.source, mention.source_basis) == ("某某新闻", "mention")
    cited = corpus.clean_article("\n".join([BODY, "据某某时报报道,另一家公司也将降价。"]))
    assert (cited.source, cited.source_basis) == ("某某时报", "cited_report")


def test_wen_beside_zuozhe_names_the_account():
    result = corpus.clean_article("\n".join(["文 | 某某星球Pro,作者 | 戴某某", BODY, BODY2]))
    assert (result.source, result.author) == ("某某星球Pro", "戴某某")


# --- publication date ----------------------------------------------------------------------------

def test_a_year_bound_is_narrowed_by_the_news_in_that_year():
    text = "进入2025年,国产大模型发布节奏加快。\n1月20日,某公司发布了推理模型。\n1月29日,另一家公司发布了旗舰模型。"
    assert corpus.infer_published(text) == ("2025-01", "month", "1月29日 (after 2025年): 1月29日,另一家公司发布了旗舰模型。")


def test_this_year_month_takes_the_year_from_elsewhere():
    text = "2024年被业内称为大模型应用元年。\n今年5月,某公司宣布降价。"
    assert corpus.infer_published(text)[:2] == ("2024-05", "month")


def test_a_yearless_dateline_takes_its_year_from_the_text():
    text = "某公司在2024年12月发布了V3。\n今天它又发布了R1。"
    # 1月20日 falls before December: the next January
    assert published.lead_date_published(1, 20, "某某之家1月20日消息,", text) == (
        "2025-01-20", "day", "某某之家1月20日消息, (year from 2024年12月)")
    assert published.lead_date_published(12, 26, "某某之家12月26日消息,", text)[0] == "2024-12-26"
    assert published.lead_date_published(3, 2, "x", "今天发布了新模型。") is None


def test_load_corpus_gives_source_basis_and_the_lead_date(tmp_path):
    (tmp_path / "a.txt").write_text("\n".join([
        "某公司发布推理模型 性能追平对手", "某某之家 1 月 20 日消息," + BODY,
        "进入2025年,国产大模型发布节奏加快。", BODY2]), encoding="utf-8")
    row = corpus.load_corpus(tmp_path).iloc[0]
    assert (row["source"], row["source_basis"]) == ("某某之家", "dateline")
    assert (row["published"], row["published_granularity"], row["published_basis"]) == ("2025-01-20", "day", "inferred")
    assert row["published_evidence"] == "某某之家1月20日消息, (year from 2025年)"
    assert row["text"].split("\n")[0] == BODY


def test_traditional_pinyin_page_keeps_the_annotations_in_original_text(tmp_path):
    (tmp_path / "t.txt").write_text("\n".join([
        "智譜發(fā)布新模型", "來(lái)源:某某經(jīng)濟(jì)網(wǎng)",
        "國(guó)產(chǎn)大模型與國(guó)際先進(jìn)水平的差距正在縮小,業內人士這樣認為。",
        "這家公司表示,新模型的價格比上一代低了一半,開發者可以直接呼叫。"]), encoding="utf-8")
    row = corpus.load_corpus(tmp_path).iloc[0]
    assert (row["title"], row["source"]) == ("智谱发布新模型", "某某经济网")
    assert row["text"].split("\n")[0] == "国产大模型与国际先进水平的差距正在缩小,业内人士这样认为。"
    assert row["original_text"].split("\n")[0] == "國(guó)產(chǎn)大模型與國(guó)際先進(jìn)水平的差距正在縮小,業內人士這樣認為。"
    pinyin = [r for r in row["removed_lines"] if r["reason"] == corpus.R_PINYIN]
    assert [r["line_no"] for r in pinyin] == [1, 2, 3]
    assert pinyin[0]["line"] == "智譜發(fā)布新模型"  # the audit quotes the file's own line


def test_one_tone_marked_word_in_brackets_is_a_quotation_not_pinyin():
    p = page("这家咖啡(café)品牌也开始用大模型写文案。", BODY)
    clean.remove_pinyin(p)
    assert p.lines[0] == "这家咖啡(café)品牌也开始用大模型写文案。" and p.removed == []


def test_headline_and_date_line_on_one_line():
    text = corpus.normalise_text("\n".join(["某某日报联合开发新闻应用 用大模型写稿 2024-03-25 来源:某某日报", BODY, BODY2]))
    result = corpus.clean_article(text)
    assert (result.title, result.source, result.dateline[:2]) == (
        "某某日报联合开发新闻应用用大模型写稿", "某某日报", ("2024-03-25", "day"))
    assert [p["text"] for p in result.paragraphs] == [BODY, BODY2]


def test_an_accounts_blurb_after_the_closing_credits_is_furniture():
    result = corpus.clean_article("\n".join([BODY, BODY2, BODY, "来源:某某号", "编辑:李某", "某某财经报",
                                             "某部门主管的财经媒体,致力于为您打造一个了解财经的平台。"]))
    assert [p["text"] for p in result.paragraphs] == [BODY, BODY2, BODY]
    assert [r["reason"] for r in result.removed][-2:] == [corpus.R_TRAILER, corpus.R_TRAILER]


def test_a_credit_glued_after_the_last_sentence_is_cut():
    text = corpus.normalise_text("\n".join([BODY, BODY2 + "(编辑:黄某某)1140203"]))
    result = corpus.clean_article(text)
    assert [p["text"] for p in result.paragraphs] == [BODY, BODY2]
    assert {"line_no": 2, "line": "(编辑:黄某某)1140203", "reason": corpus.R_CREDIT} in result.removed


def test_a_slug_on_a_line_of_its_own():
    result = corpus.clean_article(corpus.normalise_text("\n".join(["某某商报讯(记者 魏某)", BODY, BODY2])))
    assert (result.source, result.author) == ("某某商报", "魏某")
    assert result.removed[0]["reason"] == corpus.R_SLUG


def test_original_title_and_audit_steps():
    p = page(BODY, "原标题:《某公司发布新模型》", BODY2)
    clean.mark_chrome(p)
    clean.collect_original_title(p)
    clean.choose_title(p)
    assert (p.title, p.title_basis) == ("某公司发布新模型", "original_title")
    clean.audit_removed_lines(p)
    assert p.removed == [{"line_no": 2, "line": "原标题:《某公司发布新模型》", "reason": corpus.R_CREDIT}]


def test_split_paragraphs_marks_headings_and_keeps_cut_spans():
    p = page("01. 价格战的由来", "某某之家 6 月 1 日消息," + BODY)
    clean.cut_lead(p)
    paragraphs = clean.split_paragraphs(p)
    assert [(x["text"], x["is_heading"]) for x in paragraphs] == [("01. 价格战的由来", True), (BODY, False)]


def test_a_standfirst_under_the_headline_stays_body():
    p = titled("首页 > 科技 > 正文", "大模型价格战再升级", "从降价到免费,厂商们在抢什么", "智东西", BODY, BODY2)
    assert p.title == "大模型价格战再升级"
    assert p.reasons[2:4] == [None, corpus.R_NAV]


def test_wechat_header_names_the_author_and_the_account():
    result = corpus.clean_article(corpus.normalise_text("\n".join(["大模型价格一年降了多少", "原创 周某某 某某观察笔记",
                                                                    BODY, BODY2])))
    assert (result.author, result.source, result.source_basis) == ("周某某", "某某观察笔记", "credit")


def test_zhuanwenzhe_is_an_author_role():
    assert corpus.clean_article("\n".join(["撰文者:陈某某", BODY, BODY2])).author == "陈某某"


def test_this_year_month_against_a_month_bound():
    # 今年6月 after a written 2023年4月: the text is in 2023 or later; June 2023 is the earliest fit
    text = "某机构在2023年4月启动了研发项目。\n今年6月,多个团队公开了新版本。"
    assert corpus.infer_published(text)[:2] == ("2023-06", "month")
    # an earlier month of the same year does not lower the bound
    assert corpus.infer_published("2024年5月,某公司完成融资。\n今年3月,它发布了新模型。")[:2] == ("2024-05", "month")
