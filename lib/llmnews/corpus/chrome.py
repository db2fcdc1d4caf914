"""Site chrome: which lines of a Chinese news page are not article text, and why.

Every pattern here is a general habit of Chinese news sites (portals, app pages, WeChat accounts,
aggregators, Hong Kong and Taiwan sites read in Simplified form), never a line of one article.
``classify_line`` gives the reason for one line on its own; the block rules (disclaimer,
reference list, related-article lists) live in ``llmnews.corpus.clean``, which sees the lines in
order. The ``R_*`` constants are the audit's vocabulary (``removed_lines_table``).
"""

from __future__ import annotations

import html
import re

__all__ = [
    "R_HTML_SCRIPT", "R_HTML_TAGS", "R_HTML_ONLY", "R_PINYIN", "R_PICTURE", "R_CREDIT", "R_DATELINE",
    "R_REPOST", "R_DISCLAIMER", "R_SIGNUP", "R_FOLLOW", "R_WIDGET", "R_NAV", "R_TITLE", "R_CITATION",
    "R_REFERENCE", "R_SEPARATOR", "R_END", "R_SLUG", "R_COUNTER", "R_PROMO", "R_CAPTION", "R_TAGS",
    "R_RELATED", "R_CONTACT", "R_TRAILER",
    "classify_line", "strip_html", "PLACES", "parse_byline", "disclaimer_head", "looks_like_heading", "looks_like_headline", "is_related_heading",
    "is_credit", "unwrap", "CITATION", "TRAILING_CREDIT", "SENTENCE_END",
]

R_HTML_SCRIPT = "HTML <script>/<style> block (code, not article text)"
R_HTML_TAGS = "HTML tags stripped (text kept)"
R_HTML_ONLY = "HTML markup only"
R_PINYIN = "pinyin annotations removed (text kept; original_text keeps them)"
R_PICTURE = "picture credit"
R_CREDIT = "credit line (moved to author/source metadata)"
R_DATELINE = "date line (moved to published)"
R_REPOST = "repost / copyright notice"
R_DISCLAIMER = "disclaimer"
R_SIGNUP = "sign-up / consultation prompt"
R_FOLLOW = "follow-us prompt"
R_WIDGET = "comment / navigation widget"
R_NAV = "site navigation or slogan above the article"
R_TITLE = "headline (moved to title)"
R_CITATION = "citation marker"
R_REFERENCE = "reference list"
R_SEPARATOR = "separator line (bullets or rules only)"
R_END = "end-of-article mark"
R_SLUG = "news slug / dateline / reporter credit glued before the first sentence (moved to metadata)"
R_COUNTER = "view / comment / like counter or reading time"
R_PROMO = "app promotion or channel label"
R_CAPTION = "image caption"
R_TAGS = "tag / keyword line (tags, SEO keywords)"
R_RELATED = "related-article list"
R_CONTACT = "contact address or tip line"
R_TRAILER = "page furniture below the article (short lines after its last sentence)"

BULLET = re.compile(r"^[-*•●▪■□◆◇>|◎▲△]+ ?")
SENTENCE_END = "。!?;…”\"』」)"

# --- HTML ---------------------------------------------------------------------------------------

_SCRIPT_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
# Known HTML tag names only: "<GPT-4>" or "<小于5%>" in prose are not markup.
_HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|a|img|b|i|u|s|em|strong|h[1-6]|ul|ol|li|dl|dt|dd|table|tr|td|th|tbody|thead"
    r"|section|article|header|footer|figure|figcaption|blockquote|iframe|font|center|hr|meta|link|html"
    r"|head|body|title|sup|sub|small|pre|code|nav|aside|button|input|form|label|video|audio|source"
    r"|noscript|picture|svg|path)(?:\s[^<>]*)?/?>", re.I)


def strip_html(text: str, removed: list[dict], normalise) -> str:
    """Remove <script>/<style> blocks and tags, keeping line numbers; record what went."""
    if "<" not in text:
        return text

    def drop_block(m: re.Match) -> str:
        removed.append({"line_no": text.count("\n", 0, m.start()) + 1, "line": m.group(0),
                        "reason": R_HTML_SCRIPT})
        return "\n" * m.group(0).count("\n")  # keep later line numbers true to the file

    text = _SCRIPT_BLOCK.sub(drop_block, text)
    text = _HTML_COMMENT.sub(drop_block, text)
    if not _HTML_TAG.search(text):
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "<" in line and _HTML_TAG.search(line):
            stripped = html.unescape(_HTML_TAG.sub("", line)).strip()
            removed.append({"line_no": i + 1, "line": line, "reason": R_HTML_TAGS if stripped else R_HTML_ONLY})
            lines[i] = normalise(stripped)
    return "\n".join(lines)


# --- credits --------------------------------------------------------------------------------------

# Credit roles. The first group are people who wrote the piece: they become the author.
AUTHOR_ROLES = "本文作者|撰文者|作者|撰文|撰稿|文|记者|采写|口述"
SOURCE_ROLES = "本文来源|文章来源|稿件来源|来源|来自|出处|本文转自|转自|转载自|出品"
TITLE_ROLES = "原文标题|原标题"
OTHER_ROLES = ("责任编辑|值班编辑|核稿编辑|编辑|责编|主编|编审|审核|终审|初审|复审|审校|校对|排版|出品人|策划|监制|统筹|实习生|"
               "实习记者|翻译|编译|整理|运营|美编|视觉|设计|制图|图片编辑|邮箱")
_CREDIT_START = re.compile(rf"^(?:{AUTHOR_ROLES}|{SOURCE_ROLES}|{TITLE_ROLES}|{OTHER_ROLES})\s*[:|丨/]")
# A role and a name with no separator ("编辑杨娟娟", "校对柳宝庆": the space went in normalisation).
_BARE_CREDIT = re.compile(r"^(?:责任编辑|编辑|责编|校对|审校|撰文|记者|摄影|美编)[\u4e00-\u9fff·]{2,4}$")
_BOOK_TITLE = re.compile(r"《[^》]*》")
# "澎湃新闻记者 周可欣", "界面新闻编辑 | 文姗", "每经记者|温雅每经编辑|董兴生", "鉅亨网编译陈子昂",
# "21世纪经济报道记者 骆一鸣 深圳报道", "联合新闻网/记者林咏晴/台北即时报导", "本报记者 黄晓东": an
# outlet (or 本报) and a reporter's or editor's role, then names, the whole line. Normalisation has
# removed the spaces, so a name ends where the next role, the line, or "<place>报道" begins; the
# places are the cities datelines name most (without them "骆一鸣深圳" could not be cut).
PLACES = _PLACES = ("北京|上海|天津|重庆|广州|深圳|杭州|南京|苏州|成都|武汉|西安|合肥|长沙|郑州|济南|青岛|厦门|福州|沈阳|大连"
           "|香港|澳门|台北|新竹|台中|高雄|硅谷|旧金山|纽约|华盛顿|伦敦|东京|首尔|新加坡|巴黎|柏林")
_ROLE = r"(?:特约记者|实习记者|首席记者|记者|编译|编辑|撰稿|摄影)"
_NAME = r"[\u4e00-\u9fff·]{2,4}?"
_TAIL = rf"\s*[/]?\s*(?:(?:{_PLACES})?(?:即时|综合)?)?(?:报道|报导|电)$"
_BYLINE_SEGMENT = re.compile(
    rf"\s*[/|丨]?\s*(?P<outlet>(?:(?!{_ROLE})[^\s:|丨/,。()【】]){{0,14}}?)\s*[/|丨]?\s*(?P<role>{_ROLE})\s*[|丨/:]?\s*"
    rf"(?P<names>{_NAME}(?:[、\s](?![^\s、]{{0,6}}?{_ROLE}){_NAME})*)"
    rf"(?=\s*$|\s*[/|丨]?\s*[^\s:|丨/,。]{{0,6}}?{_ROLE}\s*[|丨/:]?|{_TAIL})")
_BYLINE_TAIL = re.compile(_TAIL)
_ROLE_PREFIX = re.compile(r"责任|核稿|值班|图片|视频|文字|美术|首席|特约|实习|执行|主|副主|本报特约|本报实习")


def parse_byline(key: str) -> list[tuple[str | None, str, list[str]]] | None:
    """[(outlet, role, names)] if the whole line is a byline (see above), else None."""
    if len(key) > 48 or key.endswith("。"):
        return None
    out, position = [], 0
    while position < len(key):
        m = _BYLINE_SEGMENT.match(key, position)
        if not m:
            tail = _BYLINE_TAIL.match(key, position)
            if tail and out:
                break
            return None
        outlet = m.group("outlet") or None
        # "本报记者", "责任编辑", "核稿编辑", "图片编辑": a word of the role, not an outlet.
        if outlet in ("本报", "本刊", "本网", "本台") or (outlet and _ROLE_PREFIX.fullmatch(outlet)):
            outlet = None
        out.append((outlet, m.group("role"), re.split(r"[、\s]", m.group("names"))))
        position = m.end()
    return out or None


# "林溪 发自 凹非寺", "量子位 | 公众号 QbitAI", "【文/观察者网 周远】", "撰文:陈嘉欣".
SENT_FROM = re.compile(r"^(?P<names>[\u4e00-\u9fff·]{2,4}(?:\s[\u4e00-\u9fff·]{2,4})*)\s*发自\s*\S{2,10}$")
ACCOUNT = re.compile(r"^(?P<outlet>[^\s|丨]{2,12})\s*[|丨]\s*(?:微信)?公众号\s*[:]?\s*\w+$")
# A WeChat article's header: "原创 周某某 某某笔记" (run together by normalisation), maybe with a date.
# Most names have three characters: a run-together header is cut after three.
WECHAT_HEADER = re.compile(r"^原创\s*(?P<name>[\u4e00-\u9fff]{2,3})\s*(?P<account>[^\s\d]{2,16})$")
# "X出品" on a line of its own: the producing outlet.
PRODUCED_BY = re.compile(r"^(?P<outlet>[^\s,。:]{2,12}?)(?:出品|报道|报导)$")


def unwrap(key: str) -> str:
    """A line wrapped in brackets as a whole, "(本文首发于某某App,作者|张三)", without them."""
    pairs = {"(": ")", "【": "】", "[": "]", "〔": "〕"}
    if len(key) > 2 and key[0] in pairs and key[-1] == pairs[key[0]] and key.count(key[0]) == 1:
        return key[1:-1].strip()
    return key


def is_credit(key: str) -> bool:
    """作者|张宇, 来源:某某网, 编辑杨娟娟, 澎湃新闻记者 周可欣 ...; but not an interview line that starts
    with the same word ("记者:什么时候盈利?"): a credit's value is a name or an outlet, not a question
    or sentences."""
    if _BARE_CREDIT.match(key) or SENT_FROM.match(key) or ACCOUNT.match(key) or PRODUCED_BY.match(key) \
            or WECHAT_HEADER.match(key):
        return True
    m = _CREDIT_START.match(key)
    if not m:
        return parse_byline(key) is not None
    value = _BOOK_TITLE.sub("", key[m.end():]).strip()  # a quoted title may hold any punctuation
    if "?" in value or "。" in value.rstrip("。") or (value.endswith("。") and len(value) > 15):
        return False
    return True


# --- the line patterns ------------------------------------------------------------------------------

PICTURE = re.compile(r"^[(\[【]?(?:图片来源|图片来自|图片出处|图源|图片|题图|头图|封面图片来源|封面图片|封面图|封面|配图|首图"
                     r"|摄影|图)\s*[:|丨/]")
# Captions: "(图片仅供参考)", "(本图由AI生成)", a lone "图片", "▲ 图为发布会现场", "… 记者 张三 摄".
_CAPTION = re.compile(
    r"^(?:(?:本图|图片|配图|此图)?(?:仅供参考|由AI生成|为AI生成|系AI生成|来自网络|源自网络)|资料图|示意图|图片|图|点击看图辑"
    r"|点击查看大图|查看大图|(?:AI|ai)生成图片)$"
    r"|^图为.{0,80}$|^.{0,60}(?:记者|摄影|通讯员)[\u4e00-\u9fff·]{2,4}摄$")
REPOST = re.compile(
    r"如若转载|转载请注明|转载请联系|如(?:有意愿|需|要)转载|未经(?:授权|许可|允许).{0,16}(?:转载|使用|复制|摘编|转贴)"
    r"|版权(?:归|属于).{0,15}所有"
    r"|不代表本(?:站|网|平台|号)|并不意味着赞同其观点|如涉及(?:侵权|版权)|请权利人与本站联系|本文为本网转载"
    r"|^本文系.{0,40}(?:原创|授权|转载|独家)|^本文(?:经|已获).{0,12}授权|^本文首发于|^本文来自(?:微信公众号|公众号)"
    r"|^原创文章[,:]|原创文章,|^版权声明|^(?:转载|稿件)声明|^本文由.{1,20}原创|^本文为.{1,20}原创|^本文链接")
# Notices that prose about copyright (AI-generated works, lawsuits) can also contain: only a short
# line, the site's own footer, counts.
_REPOST_SHORT = re.compile(r"(?:^|[,;(])\s*(?:严禁|禁止|不得|请勿)(?:随意)?(?:转载|复制转贴|镜像)"
                           r"|^[^,。]{1,12}版权(?:作品|文章)|^本(?:内容|文)(?:为|系|仅为)作者(?:独立|个人)观点")
_DISCLAIMER_HEAD = re.compile(
    r"^(?:免责声明|风险提示|特别声明|郑重声明|平台声明|广告声明|特别提醒|声明)\s*(?::\s*(?P<rest>.*))?$")
_DISCLAIMER_TEXT = re.compile(
    r"仅代表作者(?:个人|本人)?(?:观点|看法)|观点仅代表作者|仅提供信息存储空间服务|不构成.{0,6}投资建议|不应被视为投资建议"
    r"|投资有风险|仅供参考.{0,10}不|不代表本(?:站|网|平台|刊|号|报).{0,6}(?:观点|立场)"
    r"|不对.{0,30}(?:负任何责任|承担责任)")
DISCLAIMER_BLOCK = re.compile(r"观点|建议|风险|责任|参考|不构成|不代表|侵权|删除|决策|判断|认可|本站|稿酬|版权|链接")
DISCLAIMER_MAX_LINES = 5
# Prompts that are never article prose, at any length up to 150 characters ...
_SIGNUP = re.compile(r"请完善以下信息|我们的顾问|顾问会在|留下(?:您的)?联系方式|填写(?:以下)?(?:信息|表单)"
                     r"|(?:报名|咨询|服务|客服)(?:热线|电话)\s*[:]")
# ... and calls to action that a news sentence can also contain ("用户可以免费试用新模型。"): only a
# short line that is not a sentence (no final 。) counts.
_SIGNUP_SHORT = re.compile(
    r"立即(?:注册|咨询|报名|登录|下载|订阅|申请|预约)|免费(?:注册|试用|咨询|领取|下载)"
    r"|点击(?:这里|此处|下方|上方|阅读原文|报名|注册|查看|链接|咨询)|扫码(?:报名|咨询|领取|下载|加入|入群)"
    r"|预约(?:演示|咨询|体验)|获取(?:完整)?报告")
_FOLLOW = re.compile(
    r"扫码关注|扫一扫|扫描(?:下方|上方)?二维码|长按(?:识别)?二维码|关注(?:我们|本号|公众号|微信公众号|官方微信)"
    r"|微信公众号\s*[:]|微信订阅号|订阅号|服务号|专属客服|客服号|官方微信|公众号\s*[:]|点击(?:上方)?蓝字|点击关注"
    r"|设为星标|点个?[“\"']?(?:赞|在看)|分享到|分享至|下载(?:APP|App|app|客户端)|关注.{1,10}微信号"
    r"|加入.{0,20}(?:LINE|Line)\s*好友|加(?:LINE|Line)好友|追踪我们|追踪.{1,10}(?:粉丝团|脸书|官方帐号)")
# An app promotion or platform badge: names an app and asks to open, download or read in it.
_PROMO = re.compile(
    r"(?:APP|App|app|客户端|新闻)\W{0,3}(?:查看|阅读|看)|(?:打开|下载|安装|尽在|马上下载|立即下载|全新推出).{0,12}(?:APP|App|app|客户端)"
    r"|(?:APP|App|app|客户端).{0,8}(?:马上下载|立即下载|全新推出|下载|电报|独家)|^打开.{1,10}(?:查看|阅读)"
    r"|头条号签约|签约作者|签约账号")
# "某某视频APP·财经", "科技|快讯", "腾讯新闻·科技频道": a channel label, two or three short parts.
_CHANNEL = re.compile(r"^[^\s,。:!?]{1,10}(?:\s*[·|丨•]\s*[^\s,。:!?·|丨•]{1,8}){1,2}$")
_WIDGET = re.compile(
    r"^(?:评论|发表评论|网友评论|写评论|查看评论|评论区|热门评论|全部评论|最新评论|我要评论|参与评论|暂无评论"
    r"|相关推荐|相关阅读|相关文章|相关新闻|推荐阅读|延伸阅读|热门文章|热门推荐|猜你喜欢|上一篇|下一篇|返回顶部|返回首页"
    r"|分享|收藏|点赞|举报|我要举报|文章内容举报|打赏|赞赏|支持一下|阅读原文|阅读全文|展开全文|加载更多|登录|注册|首页|更多"
    r"|字号|打印|纠错|文章纠错|关注|听新闻|正文完|文章作者|作者信息|责任编辑信息|分享让更多人看到|分享给朋友|追踪我们"
    r"|即时新闻|热门|最新|热门新闻)"
    r"(?:\s*\(?\d+\)?)?[:]?$"
    r"|^\d+\s*(?:条评论|评论|赞|收藏|阅读)$|^首页\s*[>›»/]|^(?:[^\s|丨]{1,6}\s*[|丨]\s*){2,}[^\s|丨]{1,6}$"
    r"|^(?:上一篇|下一篇)\s*[:].{1,60}$|^返回.{1,6}[,]?(?:查看更多|首页)$"
    r"|^(?:(?:缩小|放大)字体|字体|字号|收藏|微博|微信|分享|打印|关闭|评论|QQ空间|朋友圈|复制链接|举报|[大中小])+$")
# A menu run together by normalisation ("新浪首页新闻体育财经科技博客") or a network of sister sites.
_MENU = re.compile(r"^[^\s,。:!?]{0,8}首页[^,。:!?]{4,60}$|旗下(?:网站|媒体)\s*[:]|旗下(?:科技)?门户网站|旗下媒体$")
# Counters and players: "12 评论 3,020 阅读 5 收藏", "阅读 (1.2万)", "点赞 2,031 评论 87", "0", "+1",
# "6 分钟", "00:00 / 03:12"; and reading time "全文约4000字,阅读需8分钟".
_COUNTER_WORD = r"(?:评论|阅读|收藏|点赞|赞|分享|转发|浏览|喜欢|在看|次|人|条|分钟|字|阅读量|浏览量|播放)"
_COUNTER = re.compile(
    rf"^(?:[+＋]?\s*\d[\d,.]*\s*[万kKwW+]?\s*{_COUNTER_WORD}?\s*|{_COUNTER_WORD}\s*[:(]?\s*\d[\d,.]*\s*[万kKwW+]?\s*\)?\s*"
    r"|[·|/]\s*)+$"
    r"|^\d{1,2}:\d{2}\s*/\s*\d{1,2}:\d{2}$"
    r"|^(?:全文)?(?:约|共)?\s*[\d,]+\s*字[,,]?\s*(?:预计)?(?:阅读|读完)(?:需要?|时间|时长)?(?:约)?\s*\d+\s*分钟$"
    r"|^(?:预计)?阅读(?:时间|时长)\s*[:]?\s*(?:约)?\s*\d+\s*分钟$"
    r"|^[^。]{0,8}\d[\d,]*\s*字[^。]{0,10}(?:阅读|读完)[^。]{0,6}\d+\s*分钟[^。]{0,4}$")
# "标签:大模型 开源", "相关字词:…", "热门标签:…", "关键词:…", "Tags: …".
_TAGS = re.compile(r"^(?:标签|热门标签|相关标签|相关字词|关键词|关键字|tags?)\s*[:]", re.I)
# A tip line, an email address or a bare link on its own line.
_CONTACT = re.compile(
    r"^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+|www\.\S+)$|报料\s*[:]|爆料\s*[:]|新闻热线|投稿邮箱|联系邮箱"
    r"|^附.{0,30}(?:地址|链接|网址)\s*[:]?$|^(?:邮箱|E-?mail)\s*[:]|投稿或寻求报道"
    r"|如有错漏|欢迎指正|欢迎纠错|^纠错$|申诉\s*[:]")
_END_MARK = re.compile(r"^[-—=~*(\[【\s]*(?:完|全文完|END|End|end)[-—=~*)\]】\s]*$")
# "首页 > 科技 > 正文" and other breadcrumb trails.
_BREADCRUMB = re.compile(r"^(?:[^\s>›»]{1,12}\s*[>›»]\s*)+[^\s>›»]{1,12}$")
# "记者王小明/台北报导", "(本报记者 张三 北京报道)": a reporter's byline with the place it reports from.
REPORTER_BYLINE = re.compile(
    r"^[(]?(?:本报|本刊|本网)?(?:记者|特约记者|通讯员)\s*(?P<name>[\u4e00-\u9fff·]{2,8}?)\s*(?:[/、 ]\s*)?"
    r"(?:[\u4e00-\u9fff]{2,6})?(?:报导|报道|电)[)]?$")
# A credit glued to the end of the last paragraph: "…伺服器。(编辑:黄某某)1140203", "…。(完)".
TRAILING_CREDIT = re.compile(
    r"(?<=[。!?”」])\s*[(\[【]\s*(?:(?:责任编辑|编辑|责编|记者|校对|译者|编译|审校)\s*[:/]?\s*[^()\[\]【】]{1,20}|完)"
    r"\s*[)\]】]\s*\d{0,8}$")
CITATION = re.compile(r"\[(?:\d{1,3}(?:\s*[,\-–]\s*\d{1,3})*|注\s*\d{1,3})\]")
REFERENCE_HEAD = re.compile(r"^(?:参考资料|参考文献|参考链接|References)\s*[:]?$", re.I)
REFERENCE_ENTRY = re.compile(r"^\[\d{1,3}\]")
# The heading of a list of other articles: "相关阅读", "推荐阅读:", "21君荐读", "一财最热", "延伸阅读".
_RELATED_HEAD = re.compile(
    r"^(?:相关|推荐|延伸|热门|热点|精彩|更多|最新|猜你)(?:阅读|推荐|文章|新闻|报道|资讯|要闻|内容|喜欢)\s*[:]?$"
    r"|^[^\s,。]{0,4}(?:荐读|最热|热读|热榜)$|^最受欢迎$")

# Every long-line chrome pattern below contains one of these words; a body paragraph that has none
# of them (nearly all) is passed with one search instead of ten.
_LONG_CHROME_HINT = re.compile(
    "转载|未经|版权|不代表|赞同其观点|如涉及|权利人|本文|原创|声明|请完善|顾问|立即|免费|点击|扫码|热线|电话"
    "|预约|报告|联系方式|填写|仅代表|不构成|不应被视为|投资有风险|仅供参考|责任|镜像|转贴|旗下|关注|下载|APP|App"
    "|存储空间|邮箱|提醒|@|http")


# An SEO keyword list: six or more short terms and nothing else, one kind of separator between them
# ("AI写作|AI绘画|AI视频|ChatGPT中文版|免费AI工具|AI导航", "大模型,人工智能,AIGC,…").
_KEYWORD_SEPARATORS = re.compile(r"[,、|/_丨 ]")


def _keyword_list(key: str) -> bool:
    separators = set(_KEYWORD_SEPARATORS.findall(key))
    if len(separators) != 1 or key[-1] in SENTENCE_END:
        return False
    terms = [t for t in _KEYWORD_SEPARATORS.split(key) if t]
    return len(terms) >= 6 and all(len(t) <= 10 for t in terms)


def classify_line(key: str) -> str | None:
    """The chrome reason for one line (bullets and wrapping brackets stripped), or None if it may be
    article text. Short lines face every pattern; a long line only those that can be long."""
    n = len(key)
    if n > 40 and not _LONG_CHROME_HINT.search(key):
        # Only the anchored patterns (cheap: they fail at the first character) can still apply.
        if n <= 60 and PICTURE.match(key):
            return R_PICTURE
        if n <= 60 and _BREADCRUMB.match(key):
            return R_WIDGET
        if n <= 100 and _TAGS.match(key) or n <= 120 and _keyword_list(key):
            return R_TAGS
        if n <= 90 and _CAPTION.match(key):
            return R_CAPTION
        return R_CREDIT if n <= 120 and is_credit(key) else None
    checks = (
        (60, lambda: PICTURE.match(key), R_PICTURE),
        (400, lambda: REPOST.search(key), R_REPOST),
        (80, lambda: _REPOST_SHORT.search(key), R_REPOST),
        (120, lambda: is_credit(key), R_CREDIT),
        (150, lambda: _SIGNUP.search(key), R_SIGNUP),
        (80, lambda: _CONTACT.search(key), R_CONTACT),
        (80, lambda: (n <= 40 or "扫码关注" in key or "微信号" in key) and _FOLLOW.search(key), R_FOLLOW),
        (40, lambda: not key.endswith("。") and _SIGNUP_SHORT.search(key), R_SIGNUP),
        (40, lambda: not key.endswith("。") and _PROMO.search(key), R_PROMO),
        (12, lambda: _END_MARK.match(key), R_END),
        (40, lambda: _COUNTER.match(key) and (len(key) <= 3 or not key.isdigit()), R_COUNTER),
        (36, lambda: _WIDGET.match(key), R_WIDGET),
        (60, lambda: _BREADCRUMB.match(key), R_WIDGET),
        (80, lambda: _MENU.search(key), R_NAV),
        (100, lambda: _TAGS.match(key), R_TAGS),
        (120, lambda: _keyword_list(key), R_TAGS),
        (90, lambda: _CAPTION.match(key), R_CAPTION),
        (30, lambda: REPORTER_BYLINE.match(key), R_CREDIT),
        (20, lambda: _CHANNEL.match(key), R_PROMO),
        (400, lambda: _DISCLAIMER_TEXT.search(key), R_DISCLAIMER),
    )
    for limit, test, reason in checks:
        if n <= limit and test():
            return reason
    return None


def disclaimer_head(key: str) -> bool | None:
    """True for a disclaimer heading alone (its block follows), False for a one-line disclaimer,
    None if the line is not a disclaimer heading."""
    if len(key) > 400:
        return None
    head = _DISCLAIMER_HEAD.match(key)
    if not head:
        return None
    rest = head.group("rest")
    if not rest:
        return True
    return False if DISCLAIMER_BLOCK.search(rest) or _DISCLAIMER_TEXT.search(rest) else None


def is_related_heading(key: str) -> bool:
    """The heading of a list of other articles' titles (相关阅读, 推荐阅读:, 21君荐读 ...)."""
    return len(key) <= 12 and bool(_RELATED_HEAD.match(key))


# --- headings and headlines ------------------------------------------------------------------------

# Section headings: "01. 与OpenAI仍存较大差距", "01 大厂涌入,赛道拥挤", "一、", "(二)", "第三章".
SECTION_NUMBER = re.compile(
    r"^(?:\d{1,2}(?:[.、]\s*|\s+)(?=\S)|0\d(?=\D)|第[一二三四五六七八九十百\d]+[部章节篇]"
    r"|[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\))")
_HEADING_PUNCT = re.compile(r"[。!?;,、]")


def looks_like_heading(text: str) -> bool:
    """A section heading: short, not a sentence, numbered or question-like or bare."""
    if len(text) > 40 or "。" in text or text[-1] in ",;:、":
        return False
    if SECTION_NUMBER.match(text):
        return True
    if len(text) <= 30 and text[-1] == "?":
        return True
    return len(text) <= 25 and not _HEADING_PUNCT.search(text) and not text[-1] == "!"


def looks_like_headline(text: str) -> bool:
    """A headline: 4-60 characters, not a sentence, not a numbered section heading."""
    return (4 <= len(text) <= 60 and "。" not in text and text[-1] not in ",;:、"
            and not SECTION_NUMBER.match(text))
