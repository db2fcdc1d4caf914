"""Metadata in the page's own words: who wrote it (``author``), which outlet (``source``), when.

Each finder reads one kind of line (credit pairs, date lines, bylines, the slug or dateline glued
before the first sentence, notices that name the site, app promotions, breadcrumbs, and mentions
in the prose) and returns candidates; ``choose`` takes the strongest. A source candidate carries
its basis, in order of strength:

``credit`` (来源:X, 本文来自微信公众号:X, 文|X,作者|Y) > ``dateline`` (a date line's outlet, a slug
such as 【X讯】 or X 3月2日消息, a byline's outlet: X记者 张三, X报道) > ``notice`` (X原创, 本文系X独家稿件,
X版权作品, 转载请注明出处:X, X出品) > ``masthead`` (a bare name in the block of a date line: 华尔街见闻 /
张三 / 2024-09-13 07:15, or right under the headline) > ``breadcrumb`` (X首页 > …: the site's name) >
``promo`` (打开X App: an app's name, often not the outlet's) >
``mention`` (对X记者表示, X获悉, 据X了解) > ``repost_url`` (the site a repost notice's URL names:
如若转载,请注明出处:https://www.example.com/… is example.com, the page that carries this copy) >
``cited_report`` (据X报道: another outlet's report, the weakest).

An outlet name is cleaned (报道/讯/App suffixes, quotes) and refused when it is not an outlet:
原创, 转载, 网络, a date or a code, a URL, or a person's name.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from llmnews.corpus.chrome import (AUTHOR_ROLES, OTHER_ROLES, PLACES, SOURCE_ROLES, TITLE_ROLES, WECHAT_HEADER,
                                   parse_byline)

__all__ = [
    "SOURCE_BASES", "Candidate", "Dateline", "Lead", "credit_pairs", "parse_dateline", "parse_lead",
    "outlet_name", "looks_like_person", "line_candidates", "text_mentions", "choose",
]

SOURCE_BASES = ("metadata", "credit", "dateline", "notice", "masthead", "breadcrumb", "promo", "mention",
                "repost_url", "cited_report")
_STRENGTH = {basis: rank for rank, basis in enumerate(SOURCE_BASES)}


@dataclass(frozen=True)
class Candidate:
    """A value for ``author`` or ``source`` found on one line, with its basis (see the module)."""

    field: str  # "author" or "source"
    value: str
    basis: str
    line_no: int

    @property
    def key(self) -> tuple[int, int]:
        return (_STRENGTH.get(self.basis, len(_STRENGTH)), self.line_no)


def choose(candidates: list[Candidate], field: str) -> Candidate | None:
    """The strongest candidate for ``field``; among equals, the first in the text."""
    found = [c for c in candidates if c.field == field]
    return min(found, key=lambda c: c.key) if found else None


# --- names -----------------------------------------------------------------------------------------

# The commonest Chinese surnames (covering most of the population): a 2-3 character name that starts
# with one and carries no outlet word is taken for a person, never an outlet.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范"
    "金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄"
    "聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈"
    "饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫"
    "寇桑郎甄丛仲虞敖巩明佘池乐匡")
_OUTLET_WORDS = re.compile(r"网|报|社|台|刊|App|APP|app|新闻|科技|财经|之家|在线|媒体|观察|资讯|频道|日报|时报|周刊|杂志|时代|笔记"
                           r"|研究院|Pro|号|氪|传媒|商业|智库|评论|前沿|星球|视界|东西|位")


def looks_like_person(name: str) -> bool:
    """A 2-3 character Han name starting with a common surname and holding no outlet word."""
    return (2 <= len(name) <= 3 and name[0] in _SURNAMES and all("\u4e00" <= c <= "\u9fff" for c in name)
            and not _OUTLET_WORDS.search(name))


_NOT_OUTLETS = frozenset(["原创", "转载", "网络", "本站", "本网", "本报", "本刊", "佚名", "综合", "综合报道", "网友",
                          "互联网", "未知", "官网", "官方", "本文", "作者", "编辑", "微信公众号", "公众号"])
_OUTLET_SUFFIX = re.compile(r"(?:综合)?(?:专讯|讯|消息|独家)$|(?<=\S)(?:App|APP|app|客户端)$")
# "网易科技报道" is 网易科技's report; "21世纪经济报道" is an outlet's name: 报道 goes only after an outlet word.
_REPORT_SUFFIX = re.compile(r"(?<=科技|新闻|财经)(?:报道|报导)$|(?<=[网社台])(?:报道|报导)$")
# A label that followed the value on its line: "原创 浏览:1".
_TRAILING_LABEL = re.compile(r"\s+[^\s:]{1,6}:.*$|(?:浏览|阅读|评论|点击|热度|作者|编辑|时间)(?:量|数)?\s*[:].*$")
_QUOTES = "「」『』“”\"'《》【】[]()"


def outlet_name(value: str | None) -> str | None:
    """An outlet's name from a credit, slug or notice, or None if the value is not an outlet."""
    if not value:
        return None
    name = _TRAILING_LABEL.sub("", value.strip()).strip(_QUOTES).strip()
    # "on.cc东网": a site's domain written before its Chinese name.
    name = re.sub(r"^[a-z0-9-]+(?:\.[a-z]{2,4})+\s*(?=[\u4e00-\u9fff])", "", name)
    for _ in range(2):
        name = _REPORT_SUFFIX.sub("", _OUTLET_SUFFIX.sub("", name)).strip().strip(_QUOTES).strip()
    if not name or name in _NOT_OUTLETS or len(name) > 24 or name.startswith(("http", "www.")) \
            or not re.search(r"[\u4e00-\u9fffA-Za-z]", name) or not re.match(r"[\u4e00-\u9fffA-Za-z0-9]", name):
        return None
    # A date, a time or a code (20240521A01, NT5217) is not a name.
    if re.fullmatch(r"[\d\s\-/.:年月日号]+", name) or re.fullmatch(r"[A-Za-z]{0,3}\d{3,}\w*", name):
        return None
    if looks_like_person(name):
        return None
    return name


# --- credit pairs ----------------------------------------------------------------------------------

_ALL_ROLES = f"{AUTHOR_ROLES}|{SOURCE_ROLES}|{TITLE_ROLES}|{OTHER_ROLES}|微信公众号|公众号|首发于"
_CREDIT_PAIR = re.compile(
    rf"(?P<role>{_ALL_ROLES})\s*[:|丨/]\s*"
    rf"(?P<value>《[^》]*》|(?:(?!\s*(?:{_ALL_ROLES})\s*[:|丨/])[^,;|丨])+)")
_ID_SUFFIX = re.compile(r"\s*\((?:ID|id|微信号)\s*[:]?[^)]*\)")
_REPORTER_IN_SOURCE = re.compile(r"\s*(?:记者|作者|文)\s*[:/]?\s*(?P<name>\S+)$")
AUTHOR_ROLE_SET = frozenset(AUTHOR_ROLES.split("|"))
SOURCE_ROLE_SET = frozenset(SOURCE_ROLES.split("|")) | {"首发于"}
TITLE_ROLE_SET = frozenset(TITLE_ROLES.split("|"))


def credit_pairs(line: str) -> list[tuple[str, str]]:
    """``(role, value)`` pairs of a credit line: ``本文作者:张小珺,来源:腾讯科技`` -> two pairs."""
    pairs = []
    for m in _CREDIT_PAIR.finditer(line):
        value = _ID_SUFFIX.sub("", m.group("value")).strip(" ,;:")
        if value:
            pairs.append((m.group("role"), value))
    return pairs


# --- date lines -------------------------------------------------------------------------------------

_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})"
    r"|年\s*(?P<m2>\d{1,2})\s*月(?:\s*(?P<d2>\d{1,2})\s*[日号])?)"
    r"(?:\s*(?:星期|周)[一二三四五六日天]|\s*\((?:星期|周)?[一二三四五六日天]\))?"
    r"(?:\s*(?:上午|下午|中午|晚上|凌晨)?\s*\d{1,2}:\d{2}(?::\d{2})?)?")
_UPDATED = re.compile(r"(?:最后)?更新(?:时间|于)?\s*[:]?\s*$")
_PLACE = ("北京|上海|天津|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州"
          "|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆|香港|澳门|台湾|深圳|广州|杭州|南京|成都|武汉")
_DATELINE_NOISE = re.compile(
    rf"(?:发布于|来自|IP属地)\s*[:]?\s*(?:{_PLACE})(?:市|省|自治区)?"
    r"|(?:浏览|阅读|评论|点击|热度|阅读量|浏览量|点赞|收藏)\s*[:]?\s*\(?[\d,.]+\s*[万次]*\)?"
    r"|第\s*\d+\s*版|\S*(?:官方账号|官方帐号|频道账号)|听新闻|举报|字号|分享"
    r"|发布时间|发布日期|发表时间|发表于|发布于|最后更新|更新时间|更新于|更新|出版|首发|时间|日期|来源|来自")
_COUNTER_NOISE = re.compile(r"(?:浏览|阅读|评论|点击|热度|阅读量|浏览量|点赞|收藏)(?:次数|数)?\s*[:]?\s*\(?[\d,.]+\s*[万次]*\)?")
_DATELINE_SEPARATORS = re.compile(r"[\s:·|丨/\-()《》]+")


@dataclass(frozen=True)
class Dateline:
    iso: str
    granularity: str
    outlet: str | None
    person: str | None
    updated: bool  # the date is an update time (更新于 …), weaker than a publication time


def parse_dateline(line: str) -> Dateline | None:
    """A date line: ``某某科技·2025-07-18 16:36``, ``发布时间:2024-07-20 17:12 来源:原创 浏览:1,203次``,
    ``腾讯科技 2023-10-17 16:02 发布于北京``, ``《人民日报》(2024年07月05日第07版)``, ``更新于2024-10-18``.

    Short, not a sentence, and holding little besides the date once labels, credit pairs, counters
    and places are set aside: at most an outlet name or a person (``林小满·2024年02月19日``).
    """
    if len(line) > 90 or "。" in line:
        return None
    m = _DATE.search(line)
    if not m:
        return None
    year, month = int(m.group("y")), int(m.group("m") or m.group("m2"))
    day = m.group("d") or m.group("d2")
    day = int(day) if day else None
    try:
        datetime.date(year, month, day or 1)
    except ValueError:
        return None
    before, after = line[:m.start()], line[m.end():]
    if re.search(r"[!?;、]|[^\d],|,[^\d]", before + " " + after):
        return None
    updated = bool(_UPDATED.search(before))
    # Counters and places first ("浏览:1,203次" holds a comma), then the credits ("来源:某某网",
    # "作者:张三"), then the labels.
    rest = _DATELINE_NOISE.sub(" ", _COUNTER_NOISE.sub(" ", before + " " + after))
    rest = _DATELINE_NOISE.sub(" ", _CREDIT_PAIR.sub(" ", rest))
    tokens = [t for t in _DATELINE_SEPARATORS.split(rest) if t]
    if sum(len(t) for t in tokens) > 20:
        return None
    outlet = person = None
    for token in tokens:
        if looks_like_person(token) and person is None:
            person = token
        elif outlet is None and outlet_name(token):
            outlet = outlet_name(token)
    iso = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
    return Dateline(iso, "day" if day else "month", outlet, person, updated)


def strip_dates(line: str) -> str:
    return _DATE.sub(" ", line)


# --- the slug or dateline glued before the first sentence ---------------------------------------

# "【华东商业报讯】", "【明报专讯】", "【财新网】", "新京报贝壳财经讯", "新浪科技讯", "IT之家 12月26日消息,",
# "钛媒体App 3月2日消息,", "智东西7月29日报道,", "财联社4月17日讯(记者 吴凡)", "环球网 李明哲 9月19日",
# "5月8日消息,": chrome before the first sentence, cut from the line and kept as metadata.
_OUTLET_END = r"(?:网|报|社|台|刊|科技|财经|新闻|之家|App|APP|日报|时报|在线|观察|频道)"
_BRACKET_SLUG = re.compile(r"【(?P<inner>[^】]{2,20})】")
# A wire credit in brackets opening the first paragraph, as Taiwan's and Hong Kong's papers print
# it: "〔记者吴某某/台北报导〕", "(中央社记者林某某台北3日电)", "(中央社台北3日电)".
_WIRE = re.compile(
    rf"[(〔\[]\s*(?P<outlet>[^()〔〕\[\]\s记]{{2,8}}?)?\s*(?:(?:特约|实习)?记者\s*(?P<name>[\u4e00-\u9fff·]{{2,4}}?)\s*[/]?)?"
    rf"\s*(?:{PLACES}|综合|即时)*\s*(?:\d{{1,2}}日)?\s*(?:电|报导|报道)\s*[)〕\]]")
_WORD_SLUG = re.compile(rf"(?P<outlet>[^\s,。:()【】]{{0,12}}?{_OUTLET_END})讯")
_REPORTER = re.compile(r"\s*[(]\s*(?:本报|本刊|本网)?(?:特约|实习)?记者\s*(?P<name>[\u4e00-\u9fff·]{2,4}(?:[、\s][\u4e00-\u9fff·]{2,4})*)"
                       r"\s*(?:[\u4e00-\u9fff]{2,3}报道)?\s*[)]\s*")
_LEAD_DATE = re.compile(
    r"\s*(?:北京时间|当地时间)?\s*(?P<m>1[0-2]|0?[1-9])\s*月\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*日"
    r"(?:早间|晚间|凌晨|上午|中午|下午|晚|早)?\s*(?P<kw>消息|讯|电|报道)?")
_LEAD_OUTLET = re.compile(rf"(?P<outlet>[^\s,。:()【】]{{2,12}}?)(?:\s*(?P<name>[\u4e00-\u9fff]{{2,3}}))?\s*(?=(?:北京时间|当地时间)?\d)")
_LEAD_END = re.compile(r"\s*[,:]?\s*")
# "中新网北京2月6日电": the place the report is filed from follows the outlet's name.
_PLACE_AFTER_OUTLET = re.compile(rf"(?:{_PLACE}|台北|纽约|华盛顿|硅谷|旧金山|伦敦|东京)$")


@dataclass(frozen=True)
class Lead:
    end: int  # where the sentence starts
    outlet: str | None
    author: str | None
    month: int | None
    day: int | None


def parse_lead(line: str, *, whole_line: bool = False) -> Lead | None:
    """The chrome glued before the first sentence of ``line`` (see above), or None.

    ``whole_line``: the slug stands on a line of its own ("北京商报讯(记者 魏某)"); it must then
    take the whole line.
    """
    position, outlet, author, slug = 0, None, None, False
    m = _WIRE.match(line)
    if m and (m.group("outlet") or m.group("name")):
        end = _LEAD_END.match(line, m.end()).end()
        if (end == len(line)) if whole_line else len(line) - end >= 8:
            return Lead(end, outlet_name(m.group("outlet")), m.group("name"), None, None)
    m = _BRACKET_SLUG.match(line)
    if m and (re.search(rf"(?:讯|专讯|报道|{_OUTLET_END})$", m.group("inner")) or _REPORTER.match(line, m.end())):
        outlet, position, slug = m.group("inner"), m.end(), True
    else:
        m = _WORD_SLUG.match(line)
        if m:
            outlet, position, slug = m.group("outlet"), m.end(), True
    m = _REPORTER.match(line, position)
    if m:
        author, position = m.group("name"), m.end()
    month = day = None
    date = _LEAD_DATE.match(line, position)
    prefix = None
    if not date and not slug:
        prefix = _LEAD_OUTLET.match(line, position)
        if prefix:
            date = _LEAD_DATE.match(line, prefix.end())
    if date:
        # A date opens many first sentences ("5月21日,百度宣布…"); it is a dateline only with a
        # slug or outlet before it, or 消息/讯/电/报道 after it.
        named = prefix is not None and (date.group("kw") or re.search(rf"{_OUTLET_END}$", prefix.group("outlet"))
                                        or re.search(r"[A-Za-z0-9]", prefix.group("outlet")))
        # After a slug, a bare "5月21日," is the first sentence's own date and stays in it.
        if date.group("kw") or named:
            if prefix is not None:
                outlet, name = prefix.group("outlet"), prefix.group("name")
                if name and looks_like_person(name) and not _PLACE_AFTER_OUTLET.fullmatch(name):
                    author = author or name
                elif name:
                    outlet += name
                outlet = _PLACE_AFTER_OUTLET.sub("", outlet)
            month, day, position = int(date.group("m")), int(date.group("d")), date.end()
            m = _REPORTER.match(line, position)
            if m:
                author, position = author or m.group("name"), m.end()
    if position == 0:
        return None
    position = _LEAD_END.match(line, position).end()
    if (position != len(line)) if whole_line else len(line) - position < 8:
        return None
    return Lead(position, outlet_name(outlet), author, month, day)


# --- source candidates from notices, promotions, breadcrumbs, prose -------------------------------

_NOTICE_SOURCES = [
    re.compile(r"本文由[「“\"《]?(?P<s>[^,。()」”\"》]{2,15}?)[」”\"》]?(?:授权)?(?:原创|转载|发布|供稿|出品)"),
    re.compile(r"^(?:本文(?:系|为))?(?P<s>[^,。():]{2,15}?)(?:原创文章|原创内容|原创稿件|独家稿件|版权作品|版权文章|原创)"),
    re.compile(r"本文(?:系|为)(?P<s>[^,。():]{2,15}?)(?:原创|独家|授权)"),
    re.compile(r"【(?P<s>[^】]{2,12})】原创"),
    re.compile(r"(?:转载请注明|请注明)(?:出处|来源)\s*[:]\s*(?P<s>[^\s,。:/]{2,15})$"),
    re.compile(r"本文首发于(?P<s>[^,。()]{2,15})"),
]
_URL_HOST = re.compile(r"https?://(?:www\.)?(?P<host>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
_PROMO_SOURCE = re.compile(r"(?:打开|下载|尽在)(?P<s>[^,。()]{2,10}?)\s*(?:APP|App|app|客户端)|^【(?P<b>[^】]{2,10})】\s*(?:APP|App)")
_BREADCRUMB_SITE = re.compile(r"^(?P<s>[^\s>›»|]{2,12}?)(?:首页)?\s*[>›»]")
_MENTIONS = [
    (re.compile(r"(?:对|告诉|接受)(?P<s>[^\s,。:()“”]{2,12}?)(?:记者)?(?:表示|透露|介绍|称|说|采访)"), "mention"),
    (re.compile(r"(?:^|[,。])(?P<s>[^\s,。:()“”据]{2,10}?)(?:独家)?获悉"), "mention"),
    (re.compile(r"据(?P<s>[^\s,。:()“”]{2,12}?)(?:不完全统计|了解|记者了解|统计)"), "mention"),
    (re.compile(r"据(?P<s>[^\s,。:()“”]{2,12}?)(?:报道|消息|援引)"), "cited_report"),
]


def line_candidates(key: str, reason: str, line_no: int) -> list[Candidate]:
    """Author and source candidates from one removed chrome line (credit, repost, date line …)."""
    out: list[Candidate] = []

    def add(field, value, basis):
        if field == "source":
            value = outlet_name(value)
        if value:
            out.append(Candidate(field, value.strip(), basis, line_no))

    byline = parse_byline(key)
    # A byline's names end where the next role begins, which credit pairs cannot see once
    # normalisation has removed the spaces ("每经记者|温雅每经编辑|董兴生"): the byline reads it.
    pairs = [] if byline else credit_pairs(key)
    roles = {role for role, _ in pairs}
    notice = any(n.search(key) for n in (_NOTICE_SOURCES[0], _NOTICE_SOURCES[4])) or "原创文章" in key
    for role, value in pairs:
        if role in AUTHOR_ROLE_SET:
            # "文 | 某某Pro,作者 | 张三": with an 作者 beside it, 文 names the account that published it.
            if role == "文" and roles & {"作者", "本文作者"}:
                add("source", value, "credit")
            else:
                add("author", value, "notice" if notice else "credit")
        elif role in SOURCE_ROLE_SET or role.endswith("公众号"):
            if value.startswith(("http", "www.")):  # "请注明出处:https://…" is the repost page itself
                continue
            reporter = _REPORTER_IN_SOURCE.search(value)
            if reporter and reporter.start() > 0:
                add("author", reporter.group("name"), "credit")
                value = value[:reporter.start()].strip()
            add("source", value, "notice" if role == "出品" or notice else "credit")
    if byline:
        for outlet, role, names in byline:
            if role in ("记者", "特约记者", "首席记者", "撰稿", "编译", "实习记者"):
                add("author", "、".join(names), "credit")
            if outlet:
                add("source", outlet, "dateline")
    m = re.match(r"^(?P<names>[\u4e00-\u9fff·]{2,4}(?:\s[\u4e00-\u9fff·]{2,4})*)\s*发自", key)
    if m:
        add("author", m.group("names"), "credit")
    m = re.match(r"^(?P<s>[^\s|丨]{2,12})\s*[|丨]\s*(?:微信)?公众号", key)
    if m:
        add("source", m.group("s"), "credit")
    m = WECHAT_HEADER.match(key)
    if m and looks_like_person(m.group("name")):
        add("author", m.group("name"), "credit")
        add("source", m.group("account"), "credit")
    m = None if byline else re.match(r"^(?P<s>[^\s,。:/|丨]{2,12}?)(?P<how>出品|报道|报导)$", key)
    if m:
        add("source", m.group("s"), "notice" if m.group("how") == "出品" else "dateline")
    # "文/观察者网 周远": an outlet and a name under the 文 role, the space gone in normalisation.
    m = re.match(r"^文\s*/\s*(?P<s>\S+?(?:网|报|社|App|新闻|科技|财经))\s*(?P<n>[\u4e00-\u9fff·]{2,4})$", key)
    if m:
        out[:] = [c for c in out if c.field != "author"]
        add("source", m.group("s"), "credit")
        add("author", m.group("n"), "credit")
    if reason in ("repost", "credit", "promo"):
        for pattern in _NOTICE_SOURCES:
            n = pattern.search(key)
            if n:
                add("source", n.group("s"), "notice")
                break
    if reason == "repost":
        url = _URL_HOST.search(key)
        if url:
            add("source", url.group("host").lower(), "repost_url")
    if reason == "promo":
        p = _PROMO_SOURCE.search(key)
        if p:
            add("source", p.group("s") or p.group("b"), "promo")
    if reason == "breadcrumb":
        b = _BREADCRUMB_SITE.match(key)
        if b and b.group("s") not in ("首页", "当前位置", "您的位置"):
            add("source", re.sub(r"^(?:当前位置|您的位置)[:]?", "", b.group("s")), "breadcrumb")
    return out


def text_mentions(paragraphs: list[tuple[int, str]]) -> list[Candidate]:
    """Source candidates from the prose: 对某某记者表示 / 某某获悉 (the outlet at work) and 据某某报道
    (the outlet it cites). Only the strongest of these is ever used, and only without a credit."""
    out = []
    for line_no, text in paragraphs:
        for pattern, basis in _MENTIONS:
            for m in pattern.finditer(text):
                name = outlet_name(m.group("s"))
                if name and _OUTLET_WORDS.search(name):
                    out.append(Candidate("source", name, basis, line_no))
    return out
