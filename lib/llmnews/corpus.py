"""Load Chinese news articles: decode, normalise, strip site chrome, and find their metadata.

Every article is a ``.txt`` file in ``seeds/`` (``llmnews.paths.SEEDS_DIR``). ``load_corpus`` returns
one row per file; files that cannot be used are skipped with a ``UserWarning`` naming the file and
the reason (and listed in ``df.attrs["skipped"]``), never dropped silently.

The steps, each documented where it is implemented:

1. **Decode** (``read_article_text``): size cap checked with ``stat()`` before reading; binary
   signatures and NUL bytes rejected; byte-order mark; strict UTF-8; UTF-16 without a BOM (NUL
   pattern); strict GB18030 or Big5 chosen by which one gives common Chinese text. Never
   ``errors="ignore"``, never a U+FFFD in the output.
2. **Normalise**: one line ending; NFKC (full-width ``ＧＰＴ－４`` -> ``GPT-4``) except characters
   whose NFKC form changes meaning (circled list numbers, superscripts, ``…``); spaces that some
   outlets put around Chinese (``2 月 1 日``, ``" 静默 "``) removed, spaces between Latin words kept.
3. **Script**: Traditional-script articles are converted to Simplified with OpenCC ``t2s`` for
   analysis; ``original_text`` keeps the Traditional body.
4. **Clean**: general rule-based patterns for Chinese news-site chrome (credits, picture credits,
   repost and copyright notices, disclaimers, sign-up and follow-us prompts, comment widgets,
   breadcrumbs and navigation slogans, date lines, news slugs, end marks, citation markers and
   reference lists, HTML). Credits become metadata. Every removed line is kept in
   ``removed_lines`` with its reason (the ``R_*`` constants). Interview speaker labels become a
   ``speaker`` column; section headings stay, flagged ``is_heading``.
5. **Date**: ``metadata.csv`` first, then a date line in the text, else inferred
   (``infer_published``): the latest date the text writes out in full, raised by the year-less
   dates it reports as news after it; never finer than a month.
"""

from __future__ import annotations

import bisect
import codecs
import csv
import datetime
import functools
import html
import re
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from llmnews import dates, paths
from llmnews.errors import ArticleError, LlmnewsError

__all__ = [
    "MAX_FILE_BYTES",
    "METADATA_FILE_NAME",
    "CORPUS_COLUMNS",
    "DecodedText",
    "read_article_text",
    "normalise_text",
    "clean_article",
    "CleanArticle",
    "infer_published",
    "load_corpus",
    "load_article",
    "read_metadata",
    "articles_frame",
    "removed_lines_table",
    "paragraph_table",
    "short_names",
]

# A long Chinese news article is 10-50 kB of UTF-8; 5 MiB is a hundred times that. Anything bigger is
# a dump, a book or a binary, and reading it would stall a load of thousands of articles, so the
# size is checked with stat() before a single byte is read. Tests monkeypatch this to a small value.
MAX_FILE_BYTES = 5 * 1024 * 1024

METADATA_FILE_NAME = "metadata.csv"

_NULLABLE_COLUMNS = ["title", "title_basis", "author", "source", "url", "published",
                     "published_granularity", "published_evidence"]

CORPUS_COLUMNS = [
    "article_id", "file_name", "title", "title_basis", "author", "source", "url",
    "published", "published_granularity", "published_basis", "published_evidence",
    "text", "original_text", "script", "encoding", "n_chars", "n_paragraphs",
    "paragraphs", "removed_lines",
]

# ---------------------------------------------------------------------------------------------
# 1. Decoding
# ---------------------------------------------------------------------------------------------

# Files that are plainly not text, recognised by their first bytes (a PNG renamed .txt, etc.).
_BINARY_SIGNATURES = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office (.doc/.xls) document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"RIFF", "RIFF media (WAV/AVI/WebP)"),
]

# UTF-32 before UTF-16: the UTF-32 LE mark FF FE 00 00 starts with the UTF-16 LE mark FF FE.
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]

# A decoding that is not UTF-8 is accepted only if at least this share of its non-ASCII characters
# are common Chinese characters (GB2312 hanzi after Traditional->Simplified) or punctuation. Real
# prose scores 0.99-1.0 (the five seeds and the three test articles); a short text with a rare name
# (王堃, 𠮷野家) still scores 0.8 or more. The mojibake of a wrong codec scores far lower (measured:
# random 20-400 byte stretches of the seeds' UTF-8 that GB18030 happens to accept, at most 0.54;
# Big5 stretches read as GB18030, at most 0.45; Japanese Shift-JIS read as GB18030, 0.14-0.21),
# because many byte pairs land on rare characters or kana.
# Limitation: Korean EUC-KR bytes fall inside GB2312's hanzi block and read as plausible Chinese
# nonsense; such a file is not caught here.
_PLAUSIBLE_SHARE = 0.75
# BOM-less UTF-16 is guessed from NUL bytes alone, so it must look like text beyond doubt.
_PLAUSIBLE_SHARE_UTF16 = 0.9

_COMMON_PUNCT = frozenset("，。、；：？！“”‘’《》〈〉（）【】「」『』…—·～－〔〕・　％＋＝／×÷°")


@dataclass(frozen=True)
class DecodedText:
    """A decoded, normalised article: ``text`` (see ``normalise_text``) and the ``encoding`` used."""

    text: str
    encoding: str


@functools.lru_cache(maxsize=1)
def _common_chinese() -> frozenset[str]:
    """Every character of GB2312 (the 6,763 common Simplified hanzi plus symbols), built once."""
    chars = set()
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    # GB2312 also holds kana, Greek, Cyrillic and box drawing; a Chinese article has few of them,
    # and they are exactly what mojibake is full of, so they do not count as common.
    chars = {c for c in chars if "\u4e00" <= c <= "\u9fff"}
    return frozenset(chars | _COMMON_PUNCT)


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported lazily: only needed once an article is read

    return opencc.OpenCC("t2s")


def _plausible_share(text: str, rare_han_ok: bool = False) -> float:
    """Share of non-ASCII characters that are common Chinese (after Traditional->Simplified).

    ``rare_han_ok``: for GB18030, Extension A/B+ characters (𠮷) count as plausible. GB18030
    writes them with four bytes whose 2nd and 4th are ASCII digits, a pattern that Big5 or UTF-8
    bytes misread as GB18030 do not produce, so they were written on purpose.
    """
    non_ascii = [c for c in _t2s().convert(text) if ord(c) > 0x7F and not c.isspace()]
    if not non_ascii:
        return 1.0
    common = _common_chinese()
    if rare_han_ok:
        return sum(c in common or "\u3400" <= c <= "\u4dbf" or c >= "\U00020000" for c in non_ascii) / len(non_ascii)
    return sum(c in common for c in non_ascii) / len(non_ascii)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Decode BOM-less UTF-16 recognised by its NUL bytes, or None.

    In UTF-16 every ASCII character (digits, Latin letters, newlines: all common in Chinese news) has
    a NUL high byte, so NULs fall on odd offsets for little-endian and even offsets for big-endian.
    Both byte orders are tried strictly and kept only if the result reads as Chinese/ASCII text;
    random binary data with NULs fails one of the two tests.
    """
    if len(data) % 2:
        return None
    candidates = []
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if any(c < " " and c not in "\t\n\r\f" for c in text):
            continue
        candidates.append((_plausible_share(text), encoding, text))
    if not candidates:
        return None
    share, encoding, text = max(candidates)
    return (text, encoding) if share >= _PLAUSIBLE_SHARE_UTF16 else None


def _decode_bytes(path: Path, data: bytes) -> tuple[str, str]:
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise ArticleError(path, f"binary file ({kind} signature), not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as err:
                raise ArticleError(path, f"starts with a {encoding} byte-order mark but is not valid "
                                         f"{encoding}: {err.reason} at byte {err.start + len(bom)}") from None
            if "\x00" in text:
                raise ArticleError(path, f"contains NUL characters after decoding as {encoding}: binary data")
            return text, encoding + ("-sig" if encoding == "utf-8" else "")
    first_nul = data.find(b"\x00")
    if first_nul != -1:
        found = _utf16_without_bom(data)
        if found is None:
            raise ArticleError(path, f"contains NUL bytes (first at byte {first_nul}) and is not "
                                     "UTF-16 text: binary data, not an article")
        return found
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        utf8_problem = f"not valid UTF-8 ({err.reason} at byte {err.start})"
    # Legacy Chinese encodings. GB18030 (a superset of GBK and GB2312) accepts almost every byte pair
    # Big5 produces, so "Big5 only if GB18030 fails" would never pick Big5; both are decoded strictly
    # and the one that reads as common Chinese wins, GB18030 first.
    problems = [utf8_problem]
    for encoding in ("gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            problems.append(f"not valid {encoding.upper()} ({err.reason} at byte {err.start})")
            continue
        share = _plausible_share(text, rare_han_ok=encoding == "gb18030")
        if share >= _PLAUSIBLE_SHARE:
            return text, encoding
        problems.append(f"as {encoding.upper()} only {share:.0%} of its characters are common Chinese "
                        "(mojibake)")
    raise ArticleError(path, "cannot decode: " + "; ".join(problems)
                       + ". Save the file as UTF-8 (a truncated or corrupted file also ends up here)")


# --- normalisation -----------------------------------------------------------------------------

# NFKC would turn these into something that reads differently: ① -> "1" glues a list number onto
# the next digit ("①2024年" -> "12024年"), ² -> "2" changes numbers (m² -> m2), … -> "..." and
# ㈠ -> "(一)" are harmless but lose the typography. They are kept as written.
_NFKC_PROTECTED = re.compile(
    "([\u2460-\u24ff\u2776-\u2793\u3220-\u3243\u3280-\u32b0\u00b2\u00b3\u00b9\u2070-\u209f\u2026]+)")
# Invisible characters that web copy leaves in text: zero-width space/joiners, word joiner, BOM.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Control characters other than tab and the line breaks splitlines() understands.
_CONTROL = re.compile("[\x01-\x08\x0e-\x1b\x1f\x7f]")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Chinese text for the purpose of spacing: Han, CJK punctuation, full-width forms, Chinese quotes.
_CJK = _HAN + "\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2026\u2014"
# (Patterns start with a literal or a character class where they can: the regex engine then skips
# straight to candidate positions, which matters on ten thousand articles.)
_SPACE_RUN = re.compile(r"[ \t\f\v]{2,}|[\t\f\v]")
_LINE_EDGE_SPACE = re.compile(r" (?:(?=\n)|(?<=\n ))")
# A space with Chinese on either side is outlet typography, not a word boundary ("2 月 1 日",
# "" 静默 "", "Coze 扣子 "AI"); between two Latin words it is meaningful ("GPT-4 Turbo").
# Not after a line-initial bullet ("- 免责声明").
# "01 " / "1. " at a line start; not "2 月" (a date) - section numbers have a leading zero or a dot.
_SECTION_NUMBER_SPACE = re.compile(r"(0(?<![^\n]0)\d\.?|\d(?<![^\n]\d)\d?\.) ")
_SPACE_BY_CJK = re.compile(rf" (?<!\n[-*•●▪] )(?<!\A[-*•●▪] )(?:(?<=[{_CJK}] )|(?=[{_CJK}]))")


def normalise_text(text: str) -> str:
    """One normal form for every outlet's typography.

    - line endings (CRLF, CR, U+2028 ...) become ``\\n``; each line is stripped;
    - NFKC, so full-width letters and digits are ASCII (``ＧＰＴ－４`` -> ``GPT-4``, ``２０２４`` ->
      ``2024``). NFKC also maps full-width Chinese punctuation ``，：（）；？！`` to ASCII ``,:();?!``.
      That is kept deliberately: the seed articles already arrive with ASCII ``,:()?`` (their
      outlets normalised them), so mapping everyone else's full-width forms makes all articles use
      one form, which the cleaning rules and the tokenizer then handle once. ``。、“”《》「」`` have
      no compatibility form and stay. Circled numbers, superscripts and ``…`` are protected (see
      ``_NFKC_PROTECTED``);
    - zero-width characters and soft hyphens are removed, runs of spaces become one space;
    - spaces next to Chinese characters are removed, spaces between Latin words are kept.
    """
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = "\n".join(text.splitlines())
    if _NFKC_PROTECTED.search(text):
        parts = _NFKC_PROTECTED.split(text)
        text = "".join(p if i % 2 else unicodedata.normalize("NFKC", p) for i, p in enumerate(parts))
    else:
        text = unicodedata.normalize("NFKC", text)
    text = _SPACE_RUN.sub(" ", text)
    text = _LINE_EDGE_SPACE.sub("", text).strip(" ")
    if " " not in text:
        return text
    # The space after a section number ("01 大厂涌入", "1. 价格") separates the number from the
    # heading; a NUL (read_article_text rejects real ones) holds its place while the rest go.
    text = _SECTION_NUMBER_SPACE.sub("\\1\x00", text)
    text = _SPACE_BY_CJK.sub("", text)
    return text.replace("\x00", " ")


def read_article_text(path: str | Path) -> DecodedText:
    """Decode and normalise one article file; raise ``ArticleError`` naming the file and the reason.

    Order: size cap (``MAX_FILE_BYTES``, checked with ``stat()`` before reading), empty file,
    binary signatures (PNG, JPEG, PDF, ZIP ...), byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE),
    NUL bytes (BOM-less UTF-16 if their pattern fits, otherwise binary), strict UTF-8, then strict
    GB18030 (covers GBK and GB2312) or Big5, whichever reads as common Chinese. A file that
    already contains U+FFFD (damaged by an earlier lossy conversion) is rejected, as is one that is
    empty or only whitespace after normalisation, or has more than 0.5 % control characters (a
    stray few are invisible web-copy debris and are removed by ``normalise_text``).
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise ArticleError(path, f"cannot read file: {err.strerror or err}") from None
    if size > MAX_FILE_BYTES:
        raise ArticleError(path, f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte cap "
                                 "(llmnews.corpus.MAX_FILE_BYTES); not read")
    if size == 0:
        raise ArticleError(path, "empty file (0 bytes)")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ArticleError(path, f"cannot read file: {err.strerror or err}") from None
    raw, encoding = _decode_bytes(path, data)
    if "\ufffd" in raw:
        raise ArticleError(path, f"contains U+FFFD replacement characters (decoded as {encoding}): the "
                                 "text was already damaged by an earlier lossy conversion")
    controls = len(_CONTROL.findall(raw))
    if controls > max(2, len(raw) // 200):
        raise ArticleError(path, f"{controls} control characters in {len(raw)} characters: binary data, not text")
    text = normalise_text(raw)
    if not text.strip():
        raise ArticleError(path, "contains only whitespace" if raw else "empty after its byte-order mark")
    return DecodedText(text=text, encoding=encoding)


# ---------------------------------------------------------------------------------------------
# 2. Cleaning
# ---------------------------------------------------------------------------------------------

# Reasons, as they appear in removed_lines (one vocabulary for the audit table).
R_HTML_SCRIPT = "HTML <script>/<style> block (code, not article text)"
R_HTML_TAGS = "HTML tags stripped (text kept)"
R_HTML_ONLY = "HTML markup only"
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
R_SLUG = "news slug / reporter credit before the first sentence (moved to author)"

_BULLET = re.compile(r"^[-*•●▪■□◆◇>|]+ ?")
_SENTENCE_PUNCT = re.compile(r"[。!?;,、]")

_SCRIPT_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
# Known HTML tag names only: "<GPT-4>" or "<小于5%>" in prose are not markup.
_HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|a|img|b|i|u|s|em|strong|h[1-6]|ul|ol|li|dl|dt|dd|table|tr|td|th|tbody|thead"
    r"|section|article|header|footer|figure|figcaption|blockquote|iframe|font|center|hr|meta|link|html"
    r"|head|body|title|sup|sub|small|pre|code|nav|aside|button|input|form|label|video|audio|source"
    r"|noscript|picture|svg|path)(?:\s[^<>]*)?/?>", re.I)

_PICTURE = re.compile(r"^[(\[【]?(?:图片来源|图片来自|图片出处|图源|图片|题图|头图|封面图|封面|配图|首图|摄影|图)\s*[:|丨/]")

# Credit roles. The first group are people who wrote the piece: they become the author.
_AUTHOR_ROLES = "本文作者|作者|撰文|撰稿|文|记者|采写|口述"
_SOURCE_ROLES = "本文来源|文章来源|稿件来源|来源|来自|出处|本文转自|转自|转载自"
_TITLE_ROLES = "原文标题|原标题"
_OTHER_ROLES = ("责任编辑|编辑|责编|主编|编审|审核|审校|校对|排版|出品人|出品|策划|监制|统筹|实习生|"
                "实习记者|翻译|编译|整理|运营|美编|视觉|设计|制图")
_AUTHOR_ROLE_SET = frozenset(_AUTHOR_ROLES.split("|"))
_SOURCE_ROLE_SET = frozenset(_SOURCE_ROLES.split("|"))
_TITLE_ROLE_SET = frozenset(_TITLE_ROLES.split("|"))
_CREDIT_START = re.compile(rf"^(?:{_AUTHOR_ROLES}|{_SOURCE_ROLES}|{_TITLE_ROLES}|{_OTHER_ROLES})\s*[:|丨/]")
# key:value pairs inside a credit line ("本文作者:张小珺,来源:腾讯科技,原文标题:《…》").
_ALL_ROLES = f"{_AUTHOR_ROLES}|{_SOURCE_ROLES}|{_TITLE_ROLES}|{_OTHER_ROLES}|微信公众号|公众号"
_CREDIT_PAIR = re.compile(
    rf"(?P<role>{_ALL_ROLES})\s*[:|丨/]\s*"
    rf"(?P<value>《[^》]*》|(?:(?!\s*(?:{_ALL_ROLES})\s*[:|丨/])[^,;|丨])+)")
_REPORTER_IN_SOURCE = re.compile(r"\s*(?:记者|作者|文)\s*[:/]?\s*(?P<name>\S+)$")
_ID_SUFFIX = re.compile(r"\s*\((?:ID|id|微信号)\s*[:]?[^)]*\)")

_REPOST = re.compile(
    r"如若转载|转载请注明|转载请联系|未经(?:授权|许可|允许).{0,12}(?:转载|使用|复制|摘编)|版权(?:归|属于).{0,15}所有"
    r"|不代表本(?:站|网|平台|号)|并不意味着赞同其观点|如涉及(?:侵权|版权)|请权利人与本站联系|本文为本网转载"
    r"|^本文系.{0,25}(?:原创|授权|转载)|^本文(?:经|已获).{0,12}授权|^本文首发于|^本文来自(?:微信公众号|公众号)"
    r"|^原创文章[,:]|^版权声明|^(?:转载|稿件)声明")
_DISCLAIMER_HEAD = re.compile(r"^(?:免责声明|风险提示|特别声明|郑重声明|声明)\s*(?::\s*(?P<rest>.*))?$")
_DISCLAIMER_TEXT = re.compile(
    r"仅代表作者(?:个人|本人)?(?:观点|看法)|不构成(?:任何)?投资建议|不应被视为投资建议|投资有风险|仅供参考.{0,10}不"
    r"|不代表本(?:站|网|平台|刊|号|报).{0,6}(?:观点|立场)|不对.{0,30}(?:负任何责任|承担责任)")
_DISCLAIMER_MAX_LINES = 5
_DISCLAIMER_BLOCK = re.compile(r"观点|建议|风险|责任|参考|不构成|不代表|侵权|删除|决策|判断|认可")
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
    r"|微信公众号\s*[:]|微信订阅号|订阅号|服务号|专属客服|客服号|官方微信|公众号\s*[:]|点击(?:上方)?蓝字"
    r"|设为星标|点个?(?:赞|在看)|分享到|分享至|下载(?:APP|App|app|客户端)")
_WIDGET = re.compile(
    r"^(?:评论|发表评论|网友评论|写评论|查看评论|评论区|热门评论|全部评论|最新评论|我要评论|参与评论|暂无评论"
    r"|相关推荐|相关阅读|相关文章|推荐阅读|延伸阅读|热门文章|热门推荐|猜你喜欢|上一篇|下一篇|返回顶部|返回首页"
    r"|分享|收藏|点赞|举报|打赏|阅读原文|阅读全文|展开全文|加载更多|登录|注册|首页|更多)"
    r"(?:\s*\(?\d+\)?)?$|^\d+\s*(?:条评论|评论|赞|收藏|阅读)$|^首页\s*[>›»/]|^(?:[^\s|丨]{1,6}\s*[|丨]\s*){2,}[^\s|丨]{1,6}$")
# "记者王小明/台北报导", "(本报记者 张三 北京报道)": a reporter's byline on its own line.
_REPORTER_BYLINE = re.compile(
    r"^[(]?(?:本报|本刊|本网)?(?:记者|特约记者|通讯员)\s*(?P<name>[\u4e00-\u9fff·]{2,8}?)\s*(?:[/、 ]\s*)?"
    r"(?:[\u4e00-\u9fff]{2,6})?(?:报导|报道|电)[)]?$")
# "【华东商业报讯】(记者 周明)" / "本报讯(记者 张三)" opening the first paragraph: the slug and the
# reporter credit go, the sentence stays.
_NEWS_SLUG = re.compile(
    r"^(?:【[^】]{1,20}讯】|(?:本报|本刊|本网)讯)\s*(?:\((?:本报|本刊)?记者\s*(?P<name>[^)]{2,20}?)\)\s*)?")
# "本文由X授权转载", "转载自X": the outlet a repost names.
_REPOST_SOURCE = re.compile(r"本文由(?P<source>[^,。()]{2,15}?)(?:授权)?(?:转载|发布|供稿)")
# "(完)", "【完】", "-END-", "— 完 —": the mark an outlet prints under the last paragraph.
_END_MARK = re.compile(r"^[-—=~*(\[【\s]*(?:完|全文完|END|End|end)[-—=~*)\]】\s]*$")
# "首页 > 科技 > 正文" and other breadcrumb trails.
_BREADCRUMB = re.compile(r"^(?:[^\s>›»]{1,10}\s*[>›»]\s*)+[^\s>›»]{1,10}$")
_CITATION = re.compile(r"\[(?:\d{1,3}(?:\s*[,\-–]\s*\d{1,3})*|注\s*\d{1,3})\]")
_REFERENCE_HEAD = re.compile(r"^(?:参考资料|参考文献|参考链接|References)\s*[:]?$", re.I)
_REFERENCE_ENTRY = re.compile(r"^\[\d{1,3}\]")

_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})"
    r"|年\s*(?P<m2>\d{1,2})\s*月(?:\s*(?P<d2>\d{1,2})\s*[日号])?)(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?")
_DATELINE_LABELS = re.compile(r"发布时间|发布日期|发表时间|发表于|发布于|更新时间|更新于|时间|日期|来源")
_DATELINE_SEPARATORS = re.compile(r"[\s:·|丨/\-]+")
_DATELINE_TOP_LINES = 6
_DATELINE_BOTTOM_LINES = 3

# Section headings: "01. 与OpenAI仍存较大差距", "01 大厂涌入,赛道拥挤", "一、", "(二)", "第三章".
_SECTION_NUMBER = re.compile(
    r"^(?:\d{1,2}(?:[.、]\s*|\s+)(?=\S)|0\d(?=\D)|第[一二三四五六七八九十百\d]+[部章节篇]"
    r"|[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\))")
# A speaker label at the start of a line: a short name or outlet, a colon, then speech.
_LABEL = re.compile(r"^(?P<label>[^:,。!?;、“”\"\[\]()]{1,20}):\s*(?=\S)")
_SPEAKER_MIN_LINES = 3  # a label must open at least this many lines to count as a speaker


@dataclass
class CleanArticle:
    """What cleaning found in one article (before metadata.csv is applied)."""

    paragraphs: list[dict]  # line_no, start, end, text, speaker, is_heading
    removed: list[dict]  # line_no, line, reason
    title: str | None
    title_basis: str | None
    author: str | None
    source: str | None
    dateline: tuple[str, str, str] | None  # (iso, granularity, evidence line)


def _strip_html(text: str, removed: list[dict]) -> str:
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
            lines[i] = normalise_text(stripped)
    return "\n".join(lines)


def _credit_pairs(line: str) -> list[tuple[str, str]]:
    pairs = []
    for m in _CREDIT_PAIR.finditer(line):
        value = _ID_SUFFIX.sub("", m.group("value")).strip(" ,;:")
        if value:
            pairs.append((m.group("role"), value))
    return pairs


def _dateline(line: str) -> tuple[str, str, str | None] | None:
    """(iso, granularity, outlet) if the line is a date line such as ``某某科技·2025-07-18 16:36``.

    A date line is short, not a sentence, and holds little besides the date: labels (发布时间,
    来源 ...), credit pairs (作者:张三) and at most an outlet name, which is returned.
    """
    if len(line) > 60 or _SENTENCE_PUNCT.search(line):
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
    rest = line[:m.start()] + " " + line[m.end():]
    outlet = _CREDIT_PAIR.sub(" ", rest)  # "来源:新华网" / "作者:张三" are credits, not the outlet
    rest = _DATELINE_SEPARATORS.sub(" ", _DATELINE_LABELS.sub(" ", rest)).strip()
    if len(rest) > 16:
        return None
    outlet = _DATELINE_SEPARATORS.sub(" ", _DATELINE_LABELS.sub(" ", outlet)).strip()
    iso = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
    return iso, ("day" if day else "month"), (outlet or None)


def _looks_like_heading(text: str) -> bool:
    """A section heading: short, not a sentence, numbered or question-like or bare."""
    if len(text) > 40 or "。" in text or text[-1] in ",;:、":
        return False
    if _SECTION_NUMBER.match(text):
        return True
    if len(text) <= 30 and text[-1] == "?":
        return True
    return len(text) <= 25 and not _SENTENCE_PUNCT.search(text) and not text[-1] == "!"


def _looks_like_headline(text: str) -> bool:
    return (4 <= len(text) <= 60 and "。" not in text and text[-1] not in ",;:、"
            and not _SECTION_NUMBER.match(text))


# Every long-line chrome pattern below contains one of these words; a body paragraph that has none
# of them (nearly all) is passed with one search instead of five.
_LONG_CHROME_HINT = re.compile(
    "转载|未经|版权|不代表|赞同其观点|如涉及|权利人|本文|原创文章|声明|请完善|顾问|立即|免费|点击|扫码|热线|电话"
    "|预约|报告|联系方式|填写|仅代表|不构成|不应被视为|投资有风险|仅供参考|责任")


_BOOK_TITLE = re.compile(r"《[^》]*》")


def _is_credit(key: str) -> bool:
    """作者|张宇, 来源:某某网 ...; but not an interview line that starts with the same word
    ("记者:什么时候盈利?"): a credit's value is a name or an outlet, not a question or sentences."""
    m = _CREDIT_START.match(key)
    if not m:
        return False
    value = _BOOK_TITLE.sub("", key[m.end():]).strip()  # a quoted title may hold any punctuation
    if "?" in value or "。" in value.rstrip("。") or (value.endswith("。") and len(value) > 15):
        return False
    return True


def _classify(key: str, line_len: int) -> str | None:
    """The chrome reason for one line (bullets stripped), or None if it may be article text."""
    if line_len > 40 and not _LONG_CHROME_HINT.search(key):
        # Only the anchored patterns (cheap: they fail at the first character) can still apply.
        if line_len <= 60 and _PICTURE.match(key):
            return R_PICTURE
        if line_len <= 50 and _BREADCRUMB.match(key):
            return R_WIDGET
        return R_CREDIT if line_len <= 120 and _is_credit(key) else None
    if line_len <= 60 and _PICTURE.match(key):
        return R_PICTURE
    if line_len <= 400 and _REPOST.search(key):
        return R_REPOST
    if line_len <= 120 and _is_credit(key):
        return R_CREDIT
    if line_len <= 150 and _SIGNUP.search(key):
        return R_SIGNUP
    if (line_len <= 40 or (line_len <= 80 and "扫码关注" in key)) and _FOLLOW.search(key):
        return R_FOLLOW
    if line_len <= 40 and not key.endswith("。") and _SIGNUP_SHORT.search(key):
        return R_SIGNUP
    if line_len <= 12 and _END_MARK.match(key):
        return R_END
    if line_len <= 30 and _WIDGET.match(key):
        return R_WIDGET
    if line_len <= 50 and _BREADCRUMB.match(key):
        return R_WIDGET
    if line_len <= 30 and _REPORTER_BYLINE.match(key):
        return R_CREDIT
    if line_len <= 400 and _DISCLAIMER_TEXT.search(key):
        return R_DISCLAIMER
    return None


def clean_article(text: str) -> CleanArticle:
    """Split normalised article text into body paragraphs and removed chrome, with metadata.

    Rules are general patterns of Chinese news sites, applied line by line (a line is a paragraph
    in these files); see the module docstring and ``seeds/README.md``. Metadata precedence inside
    the text: the author comes from a credit line (作者|…, 本文作者:…, 来源:X 记者 Y) before a
    repost notice (原创文章,作者:… is often an aggregator's account name); the source from a
    来源 line before a date line's outlet; the title from a headline-like first line before a
    原标题/原文标题 line.
    """
    removed: list[dict] = []
    text = _strip_html(text, removed)
    lines = text.split("\n")
    n = len(lines)
    reasons: list[str | None] = [None] * n
    authors: list[tuple[int, int, str]] = []  # (priority, line_no, name)
    sources: list[tuple[int, int, str]] = []
    original_title = None
    dateline = None

    disclaimer_block = 0  # 1 + lines removed under a standalone disclaimer heading; 0 outside one
    reference_block = False
    position = 0  # non-empty lines seen so far
    starts: dict[int, int] = {}  # line index -> where the body starts after a news slug
    for i, line in enumerate(lines):
        if not line:
            continue
        key = _BULLET.sub("", line) if line[0] in "-*•●▪■□◆◇>|" else line
        if not key:
            reasons[i] = R_SEPARATOR
            continue
        if disclaimer_block:
            # The block under a 免责声明 heading: lines in the disclaimer's vocabulary, at most a few.
            if disclaimer_block <= _DISCLAIMER_MAX_LINES and len(key) <= 400 and _DISCLAIMER_BLOCK.search(key):
                reasons[i] = R_DISCLAIMER
                disclaimer_block += 1
                continue
            disclaimer_block = 0
        if reference_block:
            if _REFERENCE_ENTRY.match(key) or key.startswith("http"):
                reasons[i] = R_REFERENCE
                continue
            reference_block = False
        if _REFERENCE_HEAD.match(key):
            reasons[i], reference_block = R_REFERENCE, True
            continue
        head = _DISCLAIMER_HEAD.match(key) if len(key) <= 400 else None
        if head and (not head.group("rest") or _DISCLAIMER_BLOCK.search(head.group("rest"))):
            reasons[i] = R_DISCLAIMER
            disclaimer_block = 0 if head.group("rest") else 1
            continue
        position += 1
        # Date lines sit above the text or at its very end; a bare "2023年11月" further in is a
        # section heading of a chronology, not the publication date.
        if position <= _DATELINE_TOP_LINES or i >= n - _DATELINE_BOTTOM_LINES:
            found = _dateline(key)
            if found:
                reasons[i] = R_DATELINE
                if dateline is None:
                    dateline = (found[0], found[1], line)
                    if found[2]:
                        sources.append((2, i + 1, found[2]))
                for role, value in _credit_pairs(_DATE.sub(" ", key)):
                    if role in _SOURCE_ROLE_SET:
                        sources.append((1, i + 1, value))
                    elif role in _AUTHOR_ROLE_SET:
                        authors.append((1, i + 1, value))
                continue
        reason = _classify(key, len(key))
        if reason is None:
            slug = _NEWS_SLUG.match(line) if line[0] in "【本" else None
            if slug and slug.end() < len(line):
                removed.append({"line_no": i + 1, "line": slug.group(0).strip(), "reason": R_SLUG})
                starts[i] = slug.end()
                if slug.group("name"):
                    authors.append((1, i + 1, slug.group("name").strip()))
            continue
        reasons[i] = reason
        if reason in (R_CREDIT, R_REPOST):
            priority = 1 if reason == R_CREDIT else 2
            byline = _REPORTER_BYLINE.match(key)
            if byline:
                authors.append((priority, i + 1, byline.group("name")))
            reposted_from = _REPOST_SOURCE.search(key)
            if reposted_from:
                sources.append((2, i + 1, reposted_from.group("source")))
            for role, value in _credit_pairs(key):
                if role in _AUTHOR_ROLE_SET:
                    authors.append((priority, i + 1, value))
                elif (role in _SOURCE_ROLE_SET or role.endswith("公众号")) and not value.startswith(
                        ("http", "www.")):  # "请注明出处:https://…" names the repost site's own page
                    reporter = _REPORTER_IN_SOURCE.search(value)
                    if reporter and reporter.start() > 0:
                        authors.append((priority, i + 1, reporter.group("name")))
                        value = value[:reporter.start()].strip()
                    sources.append((priority, i + 1, value))
                elif role in _TITLE_ROLE_SET and original_title is None:
                    original_title = value.strip("《》 ")

    # Site navigation and slogans above the article: the short lines before the first body line.
    # One such line is the headline; two or more next to site chrome are menus and slogans
    # ("剖析产业发展现状"), since no outlet puts two headlines above its text.
    top: list[int] = []
    chrome_on_top = False
    for i, line in enumerate(lines):
        if not line:
            continue
        if reasons[i] is not None:
            chrome_on_top |= reasons[i] in (R_FOLLOW, R_WIDGET, R_SIGNUP)
            continue
        if len(line) > 40 or "。" in line:
            break
        top.append(i)
    title = title_basis = None
    if len(top) >= 2 and chrome_on_top:
        for i in top:
            reasons[i] = R_NAV
    elif top and _looks_like_headline(lines[top[0]]) and any(
            line and reasons[j] is None for j, line in enumerate(lines) if j > top[0]):
        title, title_basis = lines[top[0]], "first_line"
        reasons[top[0]] = R_TITLE
    if title is None and original_title:
        title, title_basis = original_title, "original_title"

    for i, reason in enumerate(reasons):
        if reason is not None:
            removed.append({"line_no": i + 1, "line": lines[i], "reason": reason})

    paragraphs = _paragraphs(lines, reasons, removed, starts)
    removed.sort(key=lambda r: r["line_no"])
    author = min(authors)[2] if authors else None
    source = min(sources)[2] if sources else None
    return CleanArticle(paragraphs, removed, title, title_basis, author, source, dateline)


def _paragraphs(lines: list[str], reasons: list[str | None], removed: list[dict],
                starts: dict[int, int]) -> list[dict]:
    """Body paragraphs with speaker labels split off and headings marked."""
    kept = [i for i, line in enumerate(lines) if line and reasons[i] is None]
    counts: dict[str, int] = {}
    labels = {}
    for i in kept:
        m = _LABEL.match(lines[i])
        if m:
            label = m.group("label").strip()
            if not label.isdigit():
                labels[i] = m
                counts[label] = counts.get(label, 0) + 1
    speakers = sorted((lb for lb, c in counts.items() if c >= _SPEAKER_MIN_LINES), key=len, reverse=True)
    inline = re.compile("(?:" + "|".join(map(re.escape, speakers)) + r")\s*:") if speakers else None

    out: list[dict] = []
    current = None

    def add(i: int, start: int, end: int, speaker: str | None, heading: bool | None = None):
        raw = lines[i][start:end]
        markers = _CITATION.findall(raw)
        if markers:
            removed.append({"line_no": i + 1, "line": " ".join(markers), "reason": R_CITATION})
            raw = _CITATION.sub("", raw)
        body = raw.strip()
        if not body:
            return
        if heading is None:
            heading = speaker is None and _looks_like_heading(body)
        out.append({"line_no": i + 1, "start": start, "end": end, "text": body,
                    "speaker": speaker, "is_heading": heading})

    for i in kept:
        line = lines[i]
        m = labels.get(i)
        if m and m.group("label").strip() in speakers:
            current = m.group("label").strip()
            add(i, m.end(), len(line), current, False)
            continue
        mid = inline.search(line, 1) if inline else None
        if mid:
            # A heading glued onto the next question ("01 久违的大佬牌局:…腾讯新闻《潜望》:你跟…").
            add(i, 0, mid.start(), None)
            current = mid.group(0).rstrip(": ").strip()
            add(i, mid.end(), len(line), current, False)
            continue
        if _looks_like_heading(line):
            current = None
            add(i, 0, len(line), None, True)
            continue
        # An unlabelled paragraph inside an interview continues the last speaker's answer.
        add(i, starts.get(i, 0), len(line), current, False)
    return out


# ---------------------------------------------------------------------------------------------
# 3. Publication date
# ---------------------------------------------------------------------------------------------

_SENTENCE = re.compile(r"[^。!?\n]+[。!?]?")
_HAS_YEAR = re.compile(r"(?:1[89]|20)\d\d\s*(?:年|[-/.]\s*\d)|[〇零一二三四五六七八九]{4}\s*年")


def infer_published(text: str) -> tuple[str, str, str] | None:
    """(iso, granularity, evidence) for an article without metadata or a date line, or None.

    Two steps, both in ``llmnews.dates``, with one rule for what is not news: a sentence about
    plans or forecasts (``dates.FUTURE_SENTENCE``) never dates the article.

    1. Lower bound: the latest date whose year is written (a bare ``5月15日`` could be any year),
       by ``dates.extract_time_expressions``. The article appeared on or after that event.
       Seasons (``2023年下半年``) count as their year; ranges (``2023年7月至9月``) as their end.
    2. Raise it with the year-less dates reported as news (``dates.refine_lower_bound``): an
       article whose latest full date is 2023年11月 but which leads with "2月1日" was written in
       February 2024 or later.

    The result is at most a month: the day of an event is not the day of publication. The
    evidence names the expression that set the date and quotes its sentence (for a raised
    bound, also the written-out date it was raised from).
    """
    # Only sentences that write a year can hold an absolute date, and only the stretch around the
    # year matters; handing just that to the date parser keeps inference cheap on long articles.
    # Each window remembers its sentence.
    sentences, windows, offsets = [], [], []
    position = 0
    for m in _SENTENCE.finditer(text):
        sentence = m.group(0)
        years = list(_HAS_YEAR.finditer(sentence))
        if not years:
            continue
        window = sentence[max(0, years[0].start() - 12):years[-1].end() + 24]
        sentences.append(sentence.strip())
        windows.append(window)
        offsets.append(position)
        position += len(window) + 1
    best = None
    for expr in dates.extract_time_expressions("\n".join(windows)):
        if expr.kind != "absolute" or expr.value is None:
            continue
        if expr.granularity not in ("day", "month", "year", "range", "season", "part_of_month"):
            continue
        sentence = sentences[bisect.bisect_right(offsets, expr.start) - 1]
        if dates.FUTURE_SENTENCE.search(sentence):
            continue
        value = expr.end_value if expr.granularity == "range" and expr.end_value else expr.value
        if expr.granularity == "season":
            value = value.truncate("year")
        value = value.truncate("month")
        key = (value.first_day(), value.granularity == "month")
        if best is None or key > best[0]:
            best = (key, value, expr.text, sentence)
    if best is None:
        return None
    _, lower_bound, surface, sentence = best
    raised, expression = dates.refine_lower_bound(text, lower_bound)
    if expression is None:
        return lower_bound.iso(), lower_bound.granularity, f"{surface}: {sentence}"
    around = next(m for m in _SENTENCE.finditer(text) if m.start() <= expression.start < m.end())
    return raised.iso(), raised.granularity, f"{expression.text} (after {surface}): {around.group().strip()}"


_ISO_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _metadata_date(value: str) -> tuple[str, str] | None:
    m = _ISO_PARTIAL.fullmatch(value.strip())
    if not m:
        return None
    y, mo, d = m.groups()
    try:
        datetime.date(int(y), int(mo or 1), int(d or 1))
    except ValueError:
        return None
    return value.strip(), ("day" if d else "month" if mo else "year")


# ---------------------------------------------------------------------------------------------
# 4. Loading
# ---------------------------------------------------------------------------------------------

_SCRIPT_MIN_SHARE = 0.12  # share of Han characters OpenCC t2s changes for a text to be Traditional


def _script(text: str) -> tuple[str, str]:
    """("traditional", simplified text) or ("simplified", text).

    OpenCC's t2s leaves Simplified text unchanged (all five seeds: 0 characters changed), while
    Traditional prose has a quarter or more of its characters changed (the Traditional test article:
    27 %); 12 % separates the two even when a short Simplified text quotes a Traditional name.
    """
    simplified = _t2s().convert(text)
    if simplified == text:
        return "simplified", text
    han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff") or 1
    # Position-wise comparison; a phrase conversion that changes the length shifts the rest of the
    # text, so that case is counted by the length difference plus the changes before it.
    changed = sum(a != b for a, b in zip(text, simplified)) + abs(len(text) - len(simplified))
    if changed / han >= _SCRIPT_MIN_SHARE:
        return "traditional", simplified
    return "simplified", text


def _read_metadata(seeds_dir: Path) -> dict[str, dict[str, str]]:
    path = seeds_dir / METADATA_FILE_NAME
    if not path.exists():
        return {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise LlmnewsError(f"{path}: cannot read metadata: {err}") from None
    out = {}
    for row in rows:
        if None in row or "article_id" not in row:
            raise LlmnewsError(f"{path}: needs a header with article_id (and title, source, published, "
                               "url); a row has more cells than the header")
        article_id = (row.get("article_id") or "").strip()
        if article_id:
            out[article_id] = {k: (v or "").strip() for k, v in row.items() if k}
    return out


def load_article(path: str | Path, meta: dict[str, str] | None = None) -> dict:
    """One article file as a record (the columns of ``CORPUS_COLUMNS``); ``ArticleError`` if unusable.

    ``meta`` is the file's ``metadata.csv`` row, if any. This is the article-local unit of loading:
    ``load_corpus`` and the analysis store's partitions both call it.
    """
    path = Path(path)
    meta = meta or {}
    decoded = read_article_text(path)
    script, analysed = _script(decoded.text)
    clean = clean_article(analysed)
    body = [p for p in clean.paragraphs if not p["is_heading"]]
    if not body:
        reasons = "; ".join(sorted({r["reason"] for r in clean.removed})) or "none"
        headings = len(clean.paragraphs)
        kept = f"only {headings} heading-like line{'s' if headings != 1 else ''} and " if headings else "every line was "
        raise ArticleError(path, f"nothing left after cleaning: {kept}site chrome (removed as: {reasons})")
    text = "\n".join(p["text"] for p in clean.paragraphs)
    if script == "traditional":
        # Cleaning ran on the Simplified text; apply the same spans to the Traditional lines. OpenCC
        # t2s keeps line breaks and, for these character-level conversions, line lengths.
        # (A line whose length changed in conversion - rare phrase mappings - falls back to its
        # Simplified text rather than risk cutting it at the wrong place.)
        original_lines = _strip_html(decoded.text, []).split("\n")
        analysed_lines = _strip_html(analysed, []).split("\n")
        pieces = []
        for p in clean.paragraphs:
            i = p["line_no"] - 1
            if len(original_lines) == len(analysed_lines) and len(original_lines[i]) == len(analysed_lines[i]):
                pieces.append(_CITATION.sub("", original_lines[i][p["start"]:p["end"]]).strip())
            else:
                pieces.append(p["text"])
        original_text = "\n".join(pieces)
        # The audit shows what the file says, not its Simplified conversion.
        for r in clean.removed:
            i = r["line_no"] - 1
            if i < len(analysed_lines) and r["line"] == analysed_lines[i] and len(original_lines) == len(analysed_lines):
                r["line"] = original_lines[i]
    else:
        original_text = text

    title, title_basis = clean.title, clean.title_basis
    if meta.get("title"):
        title, title_basis = meta["title"], "metadata"
    author = meta.get("author") or clean.author
    source = meta.get("source") or clean.source
    published = granularity = evidence = None
    basis = "unknown"
    if meta.get("published"):
        found = _metadata_date(meta["published"])
        if found is None:
            raise ArticleError(path, f"{METADATA_FILE_NAME}: published {meta['published']!r} is not a date "
                                     "written YYYY, YYYY-MM or YYYY-MM-DD")
        (published, granularity), basis, evidence = found, "metadata", f"{METADATA_FILE_NAME}: {meta['published']}"
    elif clean.dateline:
        published, granularity, evidence = clean.dateline
        basis = "dateline"
    else:
        found = infer_published(text)
        if found:
            (published, granularity, evidence), basis = found, "inferred"
    return {
        "article_id": path.stem, "file_name": path.name, "title": title, "title_basis": title_basis,
        "author": author, "source": source, "url": meta.get("url") or None,
        "published": published, "published_granularity": granularity, "published_basis": basis,
        "published_evidence": evidence, "text": text, "original_text": original_text, "script": script,
        "encoding": decoded.encoding, "n_chars": len(text) - text.count("\n"),
        "n_paragraphs": len(clean.paragraphs),
        "paragraphs": [{k: p[k] for k in ("line_no", "text", "speaker", "is_heading")} for p in clean.paragraphs],
        "removed_lines": clean.removed,
    }


def load_corpus(seeds_dir: str | Path | None = None, *, on_error: str = "skip") -> pd.DataFrame:
    """One row per ``.txt`` article in ``seeds_dir`` (default ``paths.SEEDS_DIR``), in file-name order.

    Columns: see ``CORPUS_COLUMNS`` (the CONTRACT's columns plus ``title_basis`` - metadata,
    first_line or original_title -, ``url`` from metadata.csv and ``paragraphs``, the list behind
    ``paragraph_table``). ``seeds/metadata.csv`` (``article_id,title,source,published,url``, optional
    ``author``) overrides what the text says; an empty cell means "infer from the text".
    Unusable files: with ``on_error="skip"`` a ``UserWarning`` each and
    ``df.attrs["skipped"] = [{"file", "reason"}]``; with ``on_error="raise"`` the ``ArticleError``.
    Nothing is ever written to ``seeds_dir``.
    """
    if on_error not in ("skip", "raise"):
        raise ValueError(f"on_error must be 'skip' or 'raise', not {on_error!r}")
    seeds_dir = Path(seeds_dir) if seeds_dir is not None else paths.SEEDS_DIR
    if not seeds_dir.is_dir():
        raise LlmnewsError(f"{seeds_dir}: articles folder does not exist")
    metadata = _read_metadata(seeds_dir)
    files = sorted((p for p in seeds_dir.iterdir() if p.suffix.lower() == ".txt" and p.is_file()),
                   key=lambda p: p.name)
    rows, skipped = [], []
    for path in files:
        try:
            rows.append(load_article(path, metadata.get(path.stem, {})))
        except ArticleError as err:
            if on_error == "raise":
                raise
            skipped.append({"file": path.name, "reason": err.reason})
            warnings.warn(f"skipped {path.name}: {err.reason}", UserWarning, stacklevel=2)
    known = {p.stem for p in files}
    for article_id in sorted(set(metadata) - known):
        warnings.warn(f"{METADATA_FILE_NAME}: row {article_id!r} has no article file {article_id}.txt",
                      UserWarning, stacklevel=2)
    corpus = articles_frame(rows)
    corpus.attrs["skipped"] = skipped
    return corpus


def read_metadata(seeds_dir: str | Path) -> dict[str, dict[str, str]]:
    """``metadata.csv`` of an articles folder as ``{article_id: row}`` (empty when there is none)."""
    return _read_metadata(Path(seeds_dir))


def articles_frame(records: list[dict]) -> pd.DataFrame:
    """The corpus table from ``load_article`` records, columns ``CORPUS_COLUMNS``."""
    corpus = pd.DataFrame(records, columns=CORPUS_COLUMNS)
    # pandas 3 would store these as its str dtype with NaN for a missing value; the corpus promises
    # None for "not known", so they stay object columns holding str or None.
    for column in _NULLABLE_COLUMNS:
        corpus[column] = pd.Series([row[column] for row in records], index=corpus.index, dtype=object)
    if not records:  # an empty partition: the same dtypes as a full one
        corpus = corpus.astype({"n_chars": "int64", "n_paragraphs": "int64"})
    return corpus


def removed_lines_table(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every line cleaning removed: ``article_id, line_no, line, reason``, one row each."""
    rows = [{"article_id": aid, **r} for aid, removed in zip(corpus["article_id"], corpus["removed_lines"])
            for r in removed]
    return pd.DataFrame(rows, columns=["article_id", "line_no", "line", "reason"])


def paragraph_table(corpus: pd.DataFrame) -> pd.DataFrame:
    """Body paragraphs: ``article_id, paragraph`` (1-based), ``text, speaker, is_heading``.

    Uses the ``paragraphs`` column ``load_corpus`` made; a table without it (built by hand) is
    split on ``\\n`` with no speakers and headings recognised by the same rule as cleaning.
    """
    rows = []
    has_paragraphs = "paragraphs" in corpus.columns
    for record in corpus.itertuples(index=False):
        if has_paragraphs:
            items = [(p["text"], p["speaker"], p["is_heading"]) for p in record.paragraphs]
        else:
            items = [(t, None, _looks_like_heading(t)) for t in record.text.split("\n") if t]
        rows.extend({"article_id": record.article_id, "paragraph": n, "text": t, "speaker": s,
                     "is_heading": bool(h)} for n, (t, s, h) in enumerate(items, start=1))
    table = pd.DataFrame(rows, columns=["article_id", "paragraph", "text", "speaker", "is_heading"])
    table["speaker"] = pd.Series([r["speaker"] for r in rows], index=table.index, dtype=object)
    return table.astype({"paragraph": "int64", "is_heading": "bool"})


_LEADING_NUMBER = re.compile(r"^(\d+)[_\- ]")


def short_names(corpus: pd.DataFrame, max_chars: int = 12) -> dict[str, str]:
    """A short label per article for figure axes: ``000 · 大模型竞赛,赛点在哪?``.

    The article's leading number (if its id starts with one) and the start of its title, or of its first body
    paragraph when it has no title, cut to ``max_chars`` characters with an ellipsis. Labels are
    unique: should two collide, the full article ids are used.
    """
    names = {}
    for record in corpus.itertuples(index=False):
        number = _LEADING_NUMBER.match(record.article_id)
        head = number.group(1) if number else None
        words = record.title if isinstance(record.title, str) and record.title else None
        if words is None:
            paragraphs = getattr(record, "paragraphs", None) or []
            body = [p["text"] for p in paragraphs if not p["is_heading"]]
            words = body[0] if body else record.text.split("\n", 1)[0]
        if len(words) > max_chars:
            words = words[:max_chars - 1] + "…"
        names[record.article_id] = f"{head} · {words}" if head else words
    if len(set(names.values())) < len(names):
        return {article_id: article_id for article_id in names}
    return names
