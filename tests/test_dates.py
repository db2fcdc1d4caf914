"""Chinese time expressions: every kind, with hand-checked normalised values on invented sentences."""

import pytest

from llmnews.dates import PartialDate, extract_time_expressions
from seed_articles import seed_corpus

P = PartialDate.from_iso


def only(text, anchor=None):
    """The single expression in ``text`` (the test fails if there are more or none)."""
    found = extract_time_expressions(text, P(anchor) if anchor else None)
    assert len(found) == 1, [(e.text, e.iso()) for e in found]
    return found[0]


# --- PartialDate ---------------------------------------------------------------------------------

def test_partial_date_granularity_iso_and_round_trip():
    assert PartialDate(2023).granularity == "year"
    assert PartialDate(2023, 7).iso() == "2023-07"
    assert PartialDate(2022, 11, 27).granularity == "day"
    for s in ("2024", "2024-02", "2024-02-29"):
        assert P(s).iso() == s


def test_partial_date_orders_coarse_before_fine_and_by_time():
    assert sorted([P("2023-07-01"), P("2023"), P("2022-12"), P("2023-07")]) == [
        P("2022-12"), P("2023"), P("2023-07"), P("2023-07-01")]


@pytest.mark.parametrize("bad", ["2023-13", "2023-02-30", "23-01", "2023/01", ""])
def test_partial_date_rejects_impossible_or_malformed(bad):
    with pytest.raises(ValueError):
        P(bad)


def test_day_without_month_is_rejected():
    with pytest.raises(ValueError):
        PartialDate(2023, None, 5)


# --- absolute dates ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, iso, granularity", [
    ("公司于2021年3月8日正式发布新模型。", "2021-03-08", "day"),
    ("该产品将在 2 月 1 日 上线", None, "day"),  # year-less, no anchor: unresolved
    ("报道称,2019 年 6 月该公司成立。", "2019-06", "month"),
    ("早在2015年便已成立。", "2015", "year"),
    ("二〇二三年十一月,该公司宣布降价。", "2023-11", "month"),
    ("发布日期为2024-01-16,", "2024-01-16", "day"),
    ("在2024年1月举行的大会上", "2024-01", "month"),
])
def test_absolute_dates(text, iso, granularity):
    e = only(text)
    assert e.iso() == iso
    assert e.granularity == granularity


def test_outlet_spaced_full_date_keeps_the_span_without_trailing_spaces():
    e = only("据悉,2022 年 11 月 27 日,该机器人正式推出。")
    assert (e.text, e.iso(), e.kind) == ("2022 年 11 月 27 日", "2022-11-27", "absolute")


def test_year_followed_by_de_does_not_swallow_the_particle():
    e = only("这篇论文发表于2014年的学术会议。")
    assert e.text == "2014年"


# --- year-less dates --------------------------------------------------------------------------

def test_yearless_day_takes_the_anchor_year():
    e = only("6月3日,某公司宣布新模型上线。", anchor="2024-06-20")
    assert (e.iso(), e.kind, e.anchor_used) == ("2024-06-03", "yearless", P("2024-06-20"))


def test_yearless_date_well_after_the_anchor_belongs_to_the_previous_year():
    e = only("11月,该公司发布了新一代模型。", anchor="2024-03")
    assert e.iso() == "2023-11"
    assert "previous year" in e.note


def test_yearless_date_shortly_after_the_anchor_stays_in_the_anchor_year():
    # a scheduled launch a few weeks ahead is ordinary news
    assert only("该产品预计于4月10日上线。", anchor="2024-03-15").iso() == "2024-04-10"


def test_yearless_month_after_narrated_past_year_takes_that_year():
    text = "2021年,该实验室开始训练模型。\n自9月发布以来,下载量稳步增长。"
    found = extract_time_expressions(text, P("2023-03"))
    assert [e.iso() for e in found] == ["2021", "2021-09"]


def test_yearless_without_anchor_is_unresolved_not_guessed():
    e = only("7月20日,某厂商发布新品。")
    assert e.value is None and "anchor" in e.unresolved


def test_month_part_keeps_month_granularity():
    e = only("他8月初去了一趟上海。", anchor="2023-10")
    assert (e.iso(), e.granularity, e.part) == ("2023-08", "part_of_month", "early")


# --- relative dates ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, anchor, iso, granularity", [
    ("去年9月,某机构发表文章。", "2024-03", "2023-09", "month"),
    ("去年,该公司融资两轮。", "2024-03", "2023", "year"),
    ("明年将推出第二代产品。", "2023-10", "2024", "year"),
    ("今年年初谈及发展趋势时称", "2024-02", "2024-01/2024-03", "season"),
    ("预计到年底完成。", "2023-10", "2023-10/2023-12", "season"),
    ("年初,该公司推出了新产品。", "2023-06", "2023-01/2023-03", "season"),
    ("上半年业绩增长。", "2023-10", "2023-01/2023-06", "season"),
    ("2023年下半年签约客户数百家", "2024-05", "2023-07/2023-12", "season"),
    ("到2023年底已发布近300个模型", None, "2023-10/2023-12", "season"),
    ("今年三季度营收增长", "2023-11", "2023-07/2023-09", "season"),
    ("近日,某公司发布新版本。", "2024-02-05", "2024-02", "recent"),
    ("前些天,两人表达了相同的观点。", "2024-03", "2024-03", "recent"),
    ("截至目前,已投资十余家公司。", "2024-05", "2024-05", "present"),
    ("上个月,该公司宣布降价。", "2024-01", "2023-12", "month"),
])
def test_relative_dates(text, anchor, iso, granularity):
    e = only(text, anchor)
    assert (e.iso(), e.granularity) == (iso, granularity)
    if anchor and e.kind == "relative":
        assert e.anchor_used == P(anchor)


def test_year_start_is_a_season_never_january_first():
    e = only("今年年初,该公司发布了新产品。", "2024-05-20")
    assert e.value.granularity == "month" and e.end_value == P("2024-03")
    assert e.granularity == "season"


def test_end_of_year_in_an_early_year_article_is_last_years():
    e = only("岁末年终,厂商们又秀了一波肌肉。", "2024-02")
    assert e.iso() == "2023-10/2023-12"


def test_relative_without_anchor_is_unresolved():
    for text in ("去年9月发布", "近日上线", "今年年初推出"):
        e = only(text)
        assert e.value is None and e.unresolved


def test_next_year_refers_back_to_the_year_just_mentioned_not_the_anchor():
    found = extract_time_expressions("2010年,他创立了公司。第二年,公司推出首款产品。当年的展会上反响热烈。",
                                     P("2024-01"))
    assert [(e.text, e.iso()) for e in found] == [("2010年", "2010"), ("第二年", "2011"), ("当年", "2011")]
    assert found[1].anchor_used == P("2010")


def test_same_period_copies_the_period_just_mentioned():
    found = extract_time_expressions("2022年下半年,美国市场融资增长;同期国内投资下降。", P("2023-03"))
    assert found[1].text == "同期"
    assert found[1].iso() == "2022-07/2022-12"


# --- ranges -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, anchor, iso", [
    ("2021年3月至5月,该公司完成三轮融资。", None, "2021-03/2021-05"),
    ("从2022年的4月到10月,多家厂商发布模型。", None, "2022-04/2022-10"),
    ("在1950年到1980年间,产量翻了一番。", None, "1950/1980"),
    ("预计在2028年、2029年左右盈利。", None, "2028/2029"),
    ("2021年6-8月共发布三款产品", None, "2021-06/2021-08"),
    ("我们上次聊是今年的四五月,", "2023-10", "2023-04/2023-05"),
    ("从去年到今年,变化很大。", "2024-04", "2023/2024"),
    ("展会于2023年9月5日至8日举办。", None, "2023-09-05/2023-09-08"),
])
def test_ranges_stay_ranges(text, anchor, iso):
    e = only(text, anchor)
    assert (e.iso(), e.granularity) == (iso, "range")


def test_listed_years_with_zuoyou_are_approximate():
    assert only("预计在2028年、2029年左右盈利。").approximate


def test_unrelated_years_far_apart_do_not_become_a_range():
    found = extract_time_expressions("2015年成立,2018年推出首款产品。")
    assert [e.iso() for e in found] == ["2015", "2018"]


def test_century():
    e = only("与19世纪末的美国颇为相似。")
    assert (e.iso(), e.granularity) == ("1870/1899", "century")


# --- numbers that are not dates ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "没有2000张A100的卡,实验都做不了",
    "提供1000亿免费API tokens",
    "使用1024张A100芯片训练34天",
    "中国移动的九天大模型",
    "昆仑万维(300418.SZ)等公司",
    "定价为0.0008元/千Tokens",
    "支持128k上下文,价格降低了2/3",
    "比GPT-4更强,支持5G新通话",
    "能一次性总结约7.5万个单词",
    "可以在24小时内响应",
    "5天时间注册用户数超过百万,两个月时间月活突破1亿",
    "发起总额10亿元的创业基金",
    "短短2年时间里能力不断提高",
    "美图公司(1357.HK)自研的大模型",
    "这样的差距大约在一年左右",
    "最近每天只睡5小时不到,仿佛过了一个月",
    "这座城市有2000年历史,寺庙已有1500年的历史",
    "营收大概12亿到13亿美金,团队从两百人到四百多人",
    "日活用户数区间仅为10万至40万",
])
def test_numbers_that_are_not_dates_are_not_dates(text):
    found = [e for e in extract_time_expressions(text, P("2024-01"))
             if e.granularity not in ("recent", "present")]
    assert found == [], [(e.text, e.iso()) for e in found]


# --- more forms -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, anchor, iso, granularity", [
    ("十一月二十七日,该公司推出新品。", "2023-12", "2023-11-27", "day"),
    ("5月15号起正式开放", "2024-06", "2024-05-15", "day"),
    ("2023/11/06 发布会召开", None, "2023-11-06", "day"),
    ("2023年第三季度营收", None, "2023-07/2023-09", "season"),
    ("下个月将上线新版本", "2024-12", "2025-01", "month"),
    ("该模型于2023年9月中旬发布", None, "2023-09", "part_of_month"),
    ("二零二四年一月", None, "2024-01", "month"),
])
def test_more_forms(text, anchor, iso, granularity):
    e = only(text, anchor)
    assert (e.iso(), e.granularity) == (iso, granularity)


@pytest.mark.parametrize("text", [
    "2023年初步完成测试",  # 初步 = preliminary, not 年初
    "2024年中国市场规模",  # 年中国: 2024 + 中国, not mid-year
])
def test_year_followed_by_a_word_starting_like_a_season_is_just_the_year(text):
    e = only(text)
    assert (e.granularity, e.iso()) == ("year", text[:4])


def test_counted_months_are_durations_not_months():
    assert extract_time_expressions("用了3个月、两个月时间和十个月", P("2024-01")) == []


def test_offsets_point_at_the_expression():
    text = "据报道,去年9月和2024年1月各发布一次。"
    for e in extract_time_expressions(text, P("2024-03")):
        assert text[e.start:e.end] == e.text


def test_refine_lower_bound_ignores_plans():
    from llmnews.dates import refine_lower_bound
    raised, evidence = refine_lower_bound("2023年11月发布了产品。公司计划3月1日上线新版。", P("2023-11"))
    assert (raised, evidence) == (P("2023-11"), None)


def test_refine_lower_bound_names_the_raising_expression_with_offsets_into_the_text():
    from llmnews.dates import refine_lower_bound
    text = "2023年11月发布了产品。\n1月10日,荣耀发布了新模型;2月1日,字节上线了新平台。"
    raised, evidence = refine_lower_bound(text, P("2023-11"))
    assert raised == P("2024-02")
    assert (evidence.text, text[evidence.start:evidence.end]) == ("2月1日", "2月1日")


def test_same_day_refers_back_to_the_day_just_mentioned():
    found = extract_time_expressions("2023年12月6日,谷歌发布了新模型。同日,另一家公司也发布了新芯片。")
    assert [(e.text, e.iso()) for e in found] == [("2023年12月6日", "2023-12-06"), ("同日", "2023-12-06")]


def test_range_up_to_now_ends_at_the_anchor():
    e = only("2023年9月至今,该产品累计用户破亿。", "2024-03")
    assert (e.iso(), e.granularity, e.anchor_used) == ("2023-09/2024-03", "range", P("2024-03"))


def test_yearless_range_across_new_year():
    e = only("12月25日至1月3日举办活动", "2024-01-10")
    assert e.iso() == "2023-12-25/2024-01-03"


def test_range_across_years_with_both_years_written():
    assert only("2023年12月31日至2024年1月2日").iso() == "2023-12-31/2024-01-02"


def test_non_text_input_is_a_clear_error():
    with pytest.raises(TypeError, match="expects str"):
        extract_time_expressions(None)


# --- the start-character prefilter of the scan ------------------------------------------------------

def _scan_both_ways(text):
    from llmnews import dates

    def fields(atoms):
        return [(a.start, a.end, a.kind, a.year, a.month, a.day, a.ypart, a.special) for a in atoms]

    return fields(dates._scan(text)), fields(dates._scan(text, every_position=True))


def test_scan_prefilter_finds_what_trying_every_position_finds_on_real_text():
    from llmnews import corpus, paths

    texts = list(seed_corpus()["text"]) + list(corpus.load_corpus(paths.TESTS_DIR / "articles")["text"])
    for text in texts:
        fast, slow = _scan_both_ways(text)
        assert fast == slow
        assert len(fast) > 0


def test_scan_prefilter_on_random_strings_of_date_characters():
    import random

    from llmnews import dates

    # Every character any date pattern mentions, plus a few others: random strings hit starts,
    # lookbehinds and near-misses the seeds never show.
    alphabet = sorted({c for _, p in dates._PATTERNS for c in p.pattern if not c.isascii() or c.isalnum()}
                      | set("0123456789 -/.年月日号的、至到Qq,。"))
    rng = random.Random(7)  # fixed: the same strings every run
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        fast, slow = _scan_both_ways(text)
        assert fast == slow, text


def test_numbers_written_with_other_unicode_digits_still_start_a_scan():
    # \d in the patterns matches any decimal digit; the prefilter must not skip those
    text = "١٩世纪末"
    fast, slow = _scan_both_ways(text)
    assert fast == slow


# --- day anaphora: 这一天, 当天, 当晚, 次日 (issue 10) ---------------------------------------------
# Invented sentences; values checked by hand.

def _values(text, anchor="2024-05"):
    return [(e.text, e.iso()) for e in extract_time_expressions(text, P(anchor))]


def test_this_day_and_that_evening_are_the_day_just_narrated():
    assert _values("2024年2月28日,国内多家公司召开发布会。这一天,阿里云也有动作。当晚,百度跟进。") == [
        ("2024年2月28日", "2024-02-28"), ("这一天", "2024-02-28"), ("当晚", "2024-02-28")]


def test_next_day_is_one_day_later_also_across_a_month_end():
    assert _values("2月28日发布模型,次日开放试用,第二天又降价。", "2024-03") == [
        ("2月28日", "2024-02-28"), ("次日", "2024-02-29"), ("第二天", "2024-03-01")]


def test_next_day_after_a_month_is_not_a_day():
    (_, found) = extract_time_expressions("2024年2月发布模型。次日开放试用。")
    assert found.value is None and "no single day" in found.unresolved


def test_day_anaphora_reach_two_paragraphs_back_but_no_further():
    # news paragraphs are often one sentence: "当天" opening a paragraph is the day just narrated
    (_, found) = extract_time_expressions("2024年2月28日,公司召开发布会。\n当天,另一家公司也发布了模型。")
    assert found.iso() == "2024-02-28"
    (_, found) = extract_time_expressions("2024年2月28日,公司召开发布会。\n有人评论。\n当天,另一家也发布了模型。")
    assert found.iso() == "2024-02-28"
    (_, found) = extract_time_expressions("2024年2月28日,公司召开发布会。\n甲。\n乙。\n当天,另一家也发布了模型。")
    assert found.value is None and "paragraph" in found.unresolved


def test_a_day_word_refers_to_the_last_day_not_a_year_mentioned_since():
    assert _values("1月20日,A发布了模型。进入2025年,竞争加剧。同一天,B也发布了模型。", "2025") == [
        ("1月20日", "2025-01-20"), ("2025年", "2025"), ("同一天", "2025-01-20")]
    # 同期 compares periods, not days, and keeps reaching back
    (_, same) = extract_time_expressions("2023年,融资总额增长。\n甲。\n乙。\n丙。\n同期国内则谨慎得多。")
    assert same.iso() == "2023"


def test_one_future_word_list_plans_but_not_simulations():
    from llmnews.dates import FUTURE_SENTENCE

    assert FUTURE_SENTENCE.search("公司拟于下月推出新模型")
    assert FUTURE_SENTENCE.search("团队准备在春节前上线")
    assert not FUTURE_SENTENCE.search("该模型可以模拟人类对话,也能生成虚拟人")


def test_months_after_the_date_just_narrated():
    assert _values("2024年12月26日发布V3。一个月之后,R1问世。", "2025-02") == [
        ("2024年12月26日", "2024-12-26"), ("一个月之后", "2025-01")]
    assert _values("2023年5月开源,两年后再更新。", "2025-09") == [("2023年5月", "2023-05"), ("两年后", "2025-05")]
    (found,) = extract_time_expressions("两个月后,月活突破1亿。", P("2023-03"))
    assert found.value is None  # after what? nothing was narrated


def test_today_and_yesterday_need_a_publication_day():
    assert _values("智东西7月29日报道,昨晚,智谱发布了新模型。", "2025-07-29") == [
        ("7月29日", "2025-07-29"), ("昨晚", "2025-07-28")]
    (found,) = extract_time_expressions("今天,公司宣布降价。", P("2025-07"))
    assert found.value is None
    # without a day-level anchor, a date line just before in the paragraph is the day
    assert _values("IT之家12月26日消息,深度求索今日宣布新模型上线。", "2025-01") == [
        ("12月26日", "2024-12-26"), ("今日", "2024-12-26")]
    assert _values("智东西7月29日报道,昨晚,智谱发布了新模型。", "2025-07") == [
        ("7月29日", "2025-07-29"), ("昨晚", "2025-07-28")]
    assert extract_time_expressions("今日头条上线新功能", P("2025-07-29")) == []  # an app, not a day


def test_weekday_with_the_day_in_brackets():
    assert _values("Meta周四(18日)发布了新模型。", "2024-04-19") == [("周四(18日)", "2024-04-18")]
    # a day still to come in the anchor's month is in the month before
    assert _values("公司周五(30日)宣布融资。", "2024-05-02") == [("周五(30日)", "2024-04-30")]


def test_a_day_of_this_or_last_month():
    assert _values("月之暗面本月16日发布了新模型,上月3日完成融资。", "2024-11") == [
        ("本月16日", "2024-11-16"), ("上月3日", "2024-10-03")]
