"""``clean_article``: one page's lines into body paragraphs, removed chrome and metadata.

The function is a list of named steps, each a function of a ``Page`` with its own unit test:

1. ``strip_html``: script/style blocks and tags go (text kept);
2. ``remove_pinyin``: pinyin annotations after characters go (``國(guó)產(chǎn)`` -> ``國產``);
3. ``mark_chrome``: every line's reason, line by line (``chrome.classify_line``) and in blocks
   (disclaimer, reference list, related-article list, a credit split over several lines), date
   lines at the top and bottom;
4. ``mark_trailer``: short lines after the article's last sentence (page furniture);
5. ``collect_original_title``, ``choose_title``: the headline among the short lines above the text
   (the rest is navigation), else a 原标题 credit;
6. ``cut_lead``, ``cut_tail``: the slug or dateline glued before the first sentence, and a credit
   glued after a paragraph's last one, are cut from their lines;
7. ``collect_metadata``: author, source (with its basis) and the date line from the removed lines,
   mentions in the prose as a weaker basis;
8. ``audit_removed_lines``: every line that went, with its reason, into the audit;
9. ``split_paragraphs``: body paragraphs, interview speakers and section headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import llmnews.corpus.chrome as c
import llmnews.corpus.metadata as meta
from llmnews.corpus.normalise import count_pinyin as _count_pinyin
from llmnews.corpus.normalise import normalise_text, strip_pinyin

__all__ = ["CleanArticle", "Page", "clean_article", "remove_pinyin", "mark_chrome", "mark_trailer",
           "collect_original_title", "choose_title", "cut_lead", "cut_tail", "collect_metadata",
           "audit_removed_lines", "split_paragraphs"]

_DATELINE_TOP_LINES = 8
_DATELINE_BOTTOM_LINES = 4
_HEADLINE_WITH_DATELINE = re.compile(
    r"^(?P<head>.{4,60}?)\s*(?P<tail>(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:来源\s*[:]\s*[^\s,。]{2,20})?)$")
_SPLIT_CREDIT_ROLE = re.compile(r"^(?:作者|文|撰文|记者|编辑|责编|责任编辑|来源|出品|邮箱|校对)$")
# A speaker label at the start of a line: a short name or outlet, a colon, then speech.
_LABEL = re.compile(r"^(?P<label>[^:,。!?;、“”\"\[\]()]{1,20}):\s*(?=\S)")
_SPEAKER_MIN_LINES = 3  # a label must open at least this many lines to count as a speaker
# Reasons whose lines may name the author or the outlet, with the kind metadata.line_candidates reads.
_METADATA_REASONS = {c.R_CREDIT: "credit", c.R_REPOST: "repost", c.R_DATELINE: "dateline", c.R_PROMO: "promo",
                     c.R_WIDGET: "breadcrumb", c.R_NAV: "breadcrumb", c.R_DISCLAIMER: "repost"}


@dataclass
class CleanArticle:
    """What cleaning found in one article (before metadata.csv is applied)."""

    paragraphs: list[dict]  # line_no, start, end, text, speaker, is_heading (+ orig_start, orig_end)
    removed: list[dict]  # line_no, line, reason
    title: str | None
    title_basis: str | None
    author: str | None
    source: str | None
    dateline: tuple[str, str, str] | None  # (iso, granularity, evidence line)
    source_basis: str | None = None
    lead_date: tuple[int, int, str] | None = None  # (month, day, the glued dateline) without a year
    pinyin_maps: dict[int, list[int]] = field(default_factory=dict)


@dataclass
class Page:
    """The state the steps share: the lines, each line's reason, and what was found so far."""

    lines: list[str]
    removed: list[dict] = field(default_factory=list)
    reasons: list[str | None] = field(default_factory=list)
    starts: dict[int, int] = field(default_factory=dict)  # line index -> where its body starts
    ends: dict[int, int] = field(default_factory=dict)  # line index -> where its body ends
    candidates: list[meta.Candidate] = field(default_factory=list)
    datelines: list[tuple[bool, int, meta.Dateline]] = field(default_factory=list)
    original_title: str | None = None
    title: str | None = None
    title_basis: str | None = None
    lead_date: tuple[int, int, str] | None = None
    pinyin_maps: dict[int, list[int]] = field(default_factory=dict)
    glued_title: str | None = None  # a headline that shares its line with the date line

    def __post_init__(self):
        if not self.reasons:
            self.reasons = [None] * len(self.lines)

    def body_indices(self) -> list[int]:
        return [i for i, line in enumerate(self.lines) if line and self.reasons[i] is None]


def remove_pinyin(page: Page) -> None:
    """Pinyin written after characters goes from the analysed line; the audit lists the line.

    A converter annotates many characters; a single tone-marked word in brackets ("咖啡(café)")
    is a quotation, so a page needs at least two annotations for any to go.
    """
    if sum(_count_pinyin(line) for line in page.lines if "(" in line) < 2:
        return
    for i, line in enumerate(page.lines):
        stripped, offsets = strip_pinyin(line)
        if offsets is not None:
            page.removed.append({"line_no": i + 1, "line": line, "reason": c.R_PINYIN})
            page.lines[i] = stripped
            page.pinyin_maps[i] = offsets


def _key(line: str) -> str:
    key = c.BULLET.sub("", line) if line[0] in "-*•●▪■□◆◇>|◎▲△" else line
    return c.unwrap(key)


def mark_chrome(page: Page) -> None:
    """Each line's chrome reason: blocks first, then date lines near the top and bottom, then the
    line patterns of ``chrome.classify_line``."""
    lines, reasons = page.lines, page.reasons
    n = len(lines)
    disclaimer_block = 0  # 1 + lines removed under a standalone disclaimer heading; 0 outside one
    reference_block = related_block = False
    position = 0  # non-empty lines seen so far
    for i, line in enumerate(lines):
        if not line:
            continue
        key = _key(line)
        if not key:
            reasons[i] = c.R_SEPARATOR
            continue
        if disclaimer_block:
            # The block under a 免责声明 heading: lines in the disclaimer's vocabulary, at most a few.
            if disclaimer_block <= c.DISCLAIMER_MAX_LINES and len(key) <= 400 and c.DISCLAIMER_BLOCK.search(key):
                reasons[i] = c.R_DISCLAIMER
                disclaimer_block += 1
                continue
            disclaimer_block = 0
        if reference_block:
            if c.REFERENCE_ENTRY.match(key) or key.startswith("http"):
                reasons[i] = c.R_REFERENCE
                continue
            reference_block = False
        if related_block:
            # Titles of other articles under a 相关阅读 heading: short, not sentences.
            if len(key) <= 45 and not key.endswith("。") and c.classify_line(key) in (None, c.R_WIDGET):
                reasons[i] = c.classify_line(key) or c.R_RELATED
                continue
            related_block = False
        if c.REFERENCE_HEAD.match(key):
            reasons[i], reference_block = c.R_REFERENCE, True
            continue
        head = c.disclaimer_head(key)
        if head is not None:
            reasons[i] = c.R_DISCLAIMER
            disclaimer_block = 1 if head else 0
            continue
        position += 1
        # Date lines sit above the text or at its very end; a bare "2023年11月" further in is a
        # section heading of a chronology, not the publication date.
        if position <= _DATELINE_TOP_LINES or i >= n - _DATELINE_BOTTOM_LINES:
            found = meta.parse_dateline(key)
            if found:
                reasons[i] = c.R_DATELINE
                page.datelines.append((found.updated, i, found))
                continue
            glued = _HEADLINE_WITH_DATELINE.match(key) if position <= _DATELINE_TOP_LINES else None
            found = meta.parse_dateline(glued.group("tail")) if glued else None
            if found and c.looks_like_headline(glued.group("head").strip()):
                # "某某联合开发新应用 2024-03-25 来源:某某日报": headline and date line on one line.
                reasons[i] = c.R_DATELINE
                page.datelines.append((found.updated, i, found))
                page.glued_title = page.glued_title or glued.group("head").strip()
                continue
        if _SPLIT_CREDIT_ROLE.match(key) and i + 1 < n and 0 < len(lines[i + 1]) <= 24:
            # "作者" / "丨 王某" / "邮箱" / "wang@…": a credit split over short lines.
            value = re.sub(r"^[|丨/:]\s*", "", lines[i + 1].strip())
            reasons[i] = reasons[i + 1] = c.R_CREDIT
            if key == "作者" or key == "文" or key == "撰文" or key == "记者":
                page.candidates.append(meta.Candidate("author", value, "credit", i + 2))
            elif key in ("来源", "出品"):
                name = meta.outlet_name(value)
                if name:
                    page.candidates.append(meta.Candidate("source", name, "credit", i + 2))
            continue
        if reasons[i] is not None:  # the second line of a split credit
            continue
        slug = meta.parse_lead(key, whole_line=True) if position <= _DATELINE_TOP_LINES else None
        if slug:
            # "北京商报讯(记者 魏某)" on a line of its own, above the text.
            reasons[i] = c.R_SLUG
            if slug.author:
                page.candidates.append(meta.Candidate("author", slug.author, "credit", i + 1))
            if slug.outlet:
                page.candidates.append(meta.Candidate("source", slug.outlet, "dateline", i + 1))
            if slug.month and page.lead_date is None:
                page.lead_date = (slug.month, slug.day, key)
            continue
        reason = c.classify_line(key)
        if reason is None and c.is_related_heading(key):
            reason = c.R_RELATED
        if reason is not None:
            reasons[i] = reason
            related_block = c.is_related_heading(key)


def mark_trailer(page: Page) -> None:
    """Short lines after the last sentence of the article are page furniture: the outlet's name,
    a channel label, the titles of other articles, buttons (``香港01``, ``科技玩物``, ``打印``)."""
    body = page.body_indices()
    ends = [i for i in body if len(page.lines[i]) > 40 or page.lines[i][-1] in c.SENTENCE_END]
    if not ends:
        return
    # The credits that close an article (来源, 编辑, 邮箱 in its last third) end it: what follows is
    # the site's own furniture, such as an account's blurb ("某某报 / 某部主管的财经媒体,致力于…").
    closing = [i for i, r in enumerate(page.reasons) if r == c.R_CREDIT and i >= 2 * len(page.lines) // 3
               and any(j < i for j in ends)]
    if closing:
        after = [i for i in body if i > closing[-1]]
        if len(after) <= 3 and all(len(page.lines[i]) <= 120 for i in after):
            for i in after:
                page.reasons[i] = c.R_TRAILER
    for i in body:
        if page.reasons[i] is not None:
            continue
        line = page.lines[i]
        # A list item ("①许可证是否允许商用;") or a clause is prose, not furniture.
        if i > ends[-1] and len(line) <= 40 and not re.search(r"[。;,、!?]", line):
            page.reasons[i] = c.R_TRAILER


def choose_title(page: Page) -> None:
    """The headline: the first headline-like line above the first sentence, wherever
    breadcrumbs, date lines, bylines and tags sit around it; the others there are navigation.

    Without any news furniture (date line, credit, breadcrumb) on top, two or more short lines
    next to site chrome are menus and slogans (``剖析产业发展现状``), as no outlet puts two headlines
    above its text.
    """
    lines, reasons = page.lines, page.reasons
    top: list[int] = []
    chrome_on_top = furniture_on_top = False
    for i, line in enumerate(lines):
        if not line:
            continue
        if reasons[i] is not None:
            chrome_on_top |= reasons[i] in (c.R_FOLLOW, c.R_WIDGET, c.R_SIGNUP)
            furniture_on_top |= reasons[i] in (c.R_DATELINE, c.R_CREDIT, c.R_COUNTER, c.R_TAGS) or bool(
                reasons[i] == c.R_WIDGET and re.search(r"[>›»]", line))
            continue
        if len(line) > 60 or "。" in line:  # a headline is at most 60 characters, never a sentence
            break
        top.append(i)
    if not top or not any(line and reasons[j] is None for j, line in enumerate(lines) if j > top[-1]):
        if page.glued_title:
            page.title, page.title_basis = page.glued_title, "first_line"
        elif page.original_title:
            page.title, page.title_basis = page.original_title, "original_title"
        return
    if len(top) >= 2 and chrome_on_top and not furniture_on_top:
        for i in top:
            reasons[i] = c.R_NAV
    else:
        headlines = [i for i in top if c.looks_like_headline(lines[i])]
        # The first headline-like line long enough to be one (a site's or column's name is short),
        # else the longest.
        best = next((i for i in headlines if len(lines[i]) >= 8), None)
        if best is None and headlines:
            best = max(headlines, key=lambda i: (len(lines[i]), -i))
        if best is not None:
            page.title, page.title_basis = lines[best], "first_line"
            for i in top:
                # The headline repeated (once from <title>, once above the text) goes as well.
                # Above it sit the site's name and menus; below it a short name is a masthead
                # (智东西, 华尔街见闻, a reporter), but a longer line is the standfirst: body.
                if lines[i] == lines[best]:
                    reasons[i] = c.R_TITLE
                elif i < best or len(lines[i]) <= 10:
                    reasons[i] = c.R_NAV
    if page.title is None and page.glued_title:
        page.title, page.title_basis = page.glued_title, "first_line"
    if page.title is None and page.original_title:
        page.title, page.title_basis = page.original_title, "original_title"


def cut_lead(page: Page) -> None:
    """Cut the slug, dateline or reporter credit glued before the first sentence: ``【某某报讯】(记者
    张三)``, ``某某之家 6 月 1 日消息,``, ``某某App 3月2日消息,``; the sentence stays."""
    # The first paragraph, past a section heading or a short standfirst above it.
    first = next((i for i in page.body_indices()[:3] if not c.looks_like_heading(page.lines[i])), None)
    if first is None:
        return
    i, line = first, page.lines[first]
    lead = meta.parse_lead(line)
    if lead is None:
        return
    cut = line[:lead.end].strip()
    page.removed.append({"line_no": i + 1, "line": cut, "reason": c.R_SLUG})
    page.starts[i] = lead.end
    if lead.author:
        page.candidates.append(meta.Candidate("author", lead.author, "credit", i + 1))
    if lead.outlet:
        page.candidates.append(meta.Candidate("source", lead.outlet, "dateline", i + 1))
    if lead.month:
        page.lead_date = (lead.month, lead.day, cut)


def cut_tail(page: Page) -> None:
    """Cut a credit glued to the end of a paragraph (``…。(编辑:某某)1140203``); the sentence stays."""
    for i in page.body_indices():
        m = c.TRAILING_CREDIT.search(page.lines[i])
        if m and m.start() > 0:
            page.removed.append({"line_no": i + 1, "line": m.group(0).strip(), "reason": c.R_CREDIT})
            page.ends[i] = m.start()


def collect_metadata(page: Page) -> tuple[meta.Candidate | None, meta.Candidate | None, tuple | None]:
    """(author, source, dateline) from the removed lines; prose mentions only as a weaker source."""
    for i, reason in enumerate(page.reasons):
        if reason is None or reason not in _METADATA_REASONS:
            continue
        key = _key(page.lines[i])
        kind = _METADATA_REASONS[reason]
        if kind == "breadcrumb" and not re.search(r"[>›»]", key):
            continue
        if kind == "dateline":
            key = meta.strip_dates(key)
        page.candidates.extend(meta.line_candidates(key, kind, i + 1))
    for updated, i, found in sorted(page.datelines, key=lambda d: (d[0], d[1])):
        if found.outlet:
            page.candidates.append(meta.Candidate("source", found.outlet, "dateline", i + 1))
        if found.person:
            page.candidates.append(meta.Candidate("author", found.person, "dateline", i + 1))
    for _, i, _ in page.datelines:
        page.candidates.extend(_masthead(page, i))
    titles = [i for i, r in enumerate(page.reasons) if r == c.R_TITLE]
    if titles:
        page.candidates.extend(_masthead(page, titles[-1], steps=(1,)))
    if meta.choose(page.candidates, "source") is None:
        page.candidates.extend(meta.text_mentions([(i + 1, page.lines[i][page.starts.get(i, 0):])
                                                   for i in page.body_indices()]))
    best = min(page.datelines, key=lambda d: (d[0], d[1]), default=None)
    dateline = (best[2].iso, best[2].granularity, page.lines[best[1]]) if best else None
    return meta.choose(page.candidates, "author"), meta.choose(page.candidates, "source"), dateline


def _masthead(page: Page, index: int, steps: tuple[int, ...] = (-1, 1)) -> list[meta.Candidate]:
    """Bare names in the block of lines around a date line (``华尔街见闻`` / ``张三`` /
    ``2024-09-13 07:15``) or right under the headline: a person is the author, anything else that
    reads as an outlet the source."""
    out = []
    for step in steps:
        i = index + step
        while 0 <= i < len(page.lines) and page.lines[i] and page.reasons[i] is not None \
                and page.reasons[i] != c.R_TITLE:
            name = page.lines[i]
            if page.reasons[i] == c.R_NAV and len(name) <= 10 and re.fullmatch(r"[\u4e00-\u9fff\w·]+", name):
                if meta.looks_like_person(name):
                    out.append(meta.Candidate("author", name, "masthead", i + 1))
                elif meta.outlet_name(name):
                    out.append(meta.Candidate("source", meta.outlet_name(name), "masthead", i + 1))
            i += step
    return out


def clean_article(text: str) -> CleanArticle:
    """Split normalised article text into body paragraphs and removed chrome, with metadata.

    The steps are listed in the module docstring. Metadata precedence inside the text: the author
    from a credit line or byline before a repost notice (原创文章,作者:… is often an aggregator's
    account name); the source by basis (``metadata.SOURCE_BASES``); the title from a headline-like
    line above the text before a 原标题/原文标题 line.
    """
    removed: list[dict] = []
    page = Page(c.strip_html(text, removed, normalise_text).split("\n"), removed=removed)
    remove_pinyin(page)
    mark_chrome(page)
    mark_trailer(page)
    collect_original_title(page)
    choose_title(page)
    cut_lead(page)
    cut_tail(page)
    author, source, dateline = collect_metadata(page)
    audit_removed_lines(page)
    paragraphs = split_paragraphs(page)
    page.removed.sort(key=lambda r: r["line_no"])
    return CleanArticle(paragraphs, page.removed, page.title, page.title_basis,
                        author.value if author else None, source.value if source else None, dateline,
                        source.basis if source else None, page.lead_date, page.pinyin_maps)


def audit_removed_lines(page: Page) -> None:
    """One audit row per removed line, with its reason (cuts and pinyin are already there)."""
    for i, reason in enumerate(page.reasons):
        if reason is not None:
            page.removed.append({"line_no": i + 1, "line": page.lines[i], "reason": reason})


def collect_original_title(page: Page) -> None:
    """原标题:《…》 / 原文标题:… in a credit line: the title when the page shows no headline."""
    for i, reason in enumerate(page.reasons):
        if reason in (c.R_CREDIT, c.R_REPOST, c.R_DATELINE):
            for role, value in meta.credit_pairs(_key(page.lines[i])):
                if role in meta.TITLE_ROLE_SET:
                    page.original_title = value.strip("《》 ")
                    return


def split_paragraphs(page: Page) -> list[dict]:
    """Body paragraphs with speaker labels split off and headings marked."""
    lines, reasons, removed, starts = page.lines, page.reasons, page.removed, page.starts
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
    speakers = sorted((lb for lb, n in counts.items() if n >= _SPEAKER_MIN_LINES), key=len, reverse=True)
    inline = re.compile("(?:" + "|".join(map(re.escape, speakers)) + r")\s*:") if speakers else None

    out: list[dict] = []
    current = None

    def add(i: int, start: int, end: int, speaker: str | None, heading: bool | None = None):
        raw = lines[i][start:end]
        markers = c.CITATION.findall(raw)
        if markers:
            removed.append({"line_no": i + 1, "line": " ".join(markers), "reason": c.R_CITATION})
            raw = c.CITATION.sub("", raw)
        body = raw.strip()
        if not body:
            return
        if heading is None:
            heading = speaker is None and c.looks_like_heading(body)
        offsets = page.pinyin_maps.get(i)
        out.append({"line_no": i + 1, "start": start, "end": end, "text": body, "speaker": speaker,
                    "is_heading": heading, "orig_start": offsets[start] if offsets else start,
                    "orig_end": offsets[end] if offsets else end})

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
        if i not in starts and c.looks_like_heading(line):
            current = None
            add(i, 0, len(line), None, True)
            continue
        # An unlabelled paragraph inside an interview continues the last speaker's answer.
        add(i, starts.get(i, 0), page.ends.get(i, len(line)), current, False)
    return out
