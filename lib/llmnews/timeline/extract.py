"""Dated events in one article: releases, development, open-sourcing, pricing, availability,
funding, founding and user milestones, each with its provenance.

The unit of evidence is one clause of one sentence: a date (``llmnews.dates``), a lexicon entity
(``llmnews.text`` / ``llmnews.lexicon``, alias-aware) and a cue word that says what happened.

How a date, an entity and a cue are put together, in general Chinese news patterns:

- Sentences end at 。！？；and line breaks; clauses at ，：. A date opening a sentence
  ("2023年1月，其月活用户数突破了1亿") scopes the clauses after it until the next date.
- The event's subject is the entity group nearest its cue word in the clause (a group is entities
  joined by 、和及与: "GPT-4 Turbo、GPTs及GPT商店接连登场" dates all three). Models and products
  are preferred to organisations, except for founding and funding, which are about organisations.
  An entity right after 基于/对标/比肩/相比/超越/接入 is a reference point, not the subject.
- A clause with a cue but no entity takes the sentence's topic (its first entity, "其" included)
  or, for a sentence-initial clause ("自8月发布以来，GLM-130B…"), the first entity after it. A
  dated sentence naming no entity but opening with 它/其/该公司 is about the topic of the sentence
  before it in the same paragraph ("智谱AI是…之一。它2023年…的总计融资额达25亿元").
- A sentence with no date of its own that names lexicon models/products and a release cue may take
  its date from the sentence right before it, when that sentence "sets the scene": exactly one
  resolved date, no model or product of its own, same paragraph, neither about the future
  ("从2023年的3月到9月，各个互联网大厂在该赛道争先卡位。从百度的…"文心一言"…，到…，再到…悉数下场。").
  Such events say ``date_source`` = "previous sentence" and their evidence holds both sentences.
  A "从A、B，到C，再到D" list before a cue clause with no subject is the cue's subject, all of it.
- A day anaphor (这一天, 当天, 同日, 当晚; 次日 = the day after) takes the day narrated just before
  it in the same paragraph (``llmnews.dates`` resolves it); its events say ``date_source`` =
  "anaphora" and ``date_text`` is the anaphor, so the reader sees the date was referred, not written.
- A date that opens a span ("自2024年2月底爆火后，", "2023年3月发布以来，", "从2022年开始，") is a
  lower bound for what comes after the span marker, not its date: "自X后……陆续推出A、B" dates
  neither A nor B at X (a cue inside the span, "自8月发布以来", is dated at X). The same holds for a
  sentence opening with 此后/随后/之后: it never borrows the scene's date.
- Future plans (a word of ``dates.FUTURE_SENTENCE`` before the cue in its clause) are not events;
  "发布会" is a venue, "价格战" a price war in general, neither a dated release nor a price change.
- Event types: ``release`` (发布, 推出, 上线, 亮相, 正式开放), ``development`` (训练了, 研发了,
  合作研发, 开始…研发, 完成训练), ``open_source``, ``pricing`` (降价, 下调, 定价, 免费),
  ``availability`` (上架, 公测, 内测, 开放下载/试用/API, 宣布…支持), ``funding``, ``founding``,
  ``user_milestone``. A price cut or a beta of a model is an event of that model.

Everything here is a function of one article's text and anchor (``events_in_text``,
``article_events``); ``release_events`` maps it over a corpus. Merging across articles is
``llmnews.timeline.merge``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import pandas as pd

from llmnews import dates

__all__ = [
    "article_events",
    "rows_per_article",
    "EVENT_CUES",
    "EVENT_TYPES",
    "EVENT_COLUMNS",
    "DATE_SOURCES",
    "Mention",
    "split_sentences",
    "split_clauses",
    "entity_mentions_in",
    "mentions_from_tokens",
    "events_in_text",
    "publication_anchor",
    "release_events",
]

EVENT_TYPES = ("release", "development", "open_source", "pricing", "availability", "funding", "founding",
               "user_milestone")

# Cue words per event type. Negative look-arounds keep nouns that merely contain the cue out.
EVENT_CUES: dict[str, str] = {
    # 入局/下场 "enter the race" (a product launched into it); "…的下场" / "下场惨" is a fate
    # "发布于北京…频道" is where a page was posted; "发布于2023年" is a release date
    "release": r"发布(?!会|数量|的数量|预案|于(?![ 0-9一二〇两今去前上本近同当次]))|推出|上线(?!时间)|登场|亮相"
               r"|面世|问世|首发|正式商用|入局|(?<!的)下场(?!凄|惨|如何|可想)"
               r"|(?:正式|全面|陆续|向[^，,。]{1,6})开放(?!平台|接口|生态|的|测试|下载|体验|试用|申请|注册|API)",
    # made or trained, not launched: "训练了GLM-10B", "合作研发了GLM-130B", "开始GLM架构的研发";
    # 自研 is an adjective ("自研的魔法大模型"), 开发者/研发中心 are nouns
    "development": r"训练了|训练出|完成(?:了)?[^，,。]{0,8}训练|研发了|研发出|研制出?"
                   r"|(?:合作|联合|共同)研发(?!中心|团队|投入|人员|费用)"
                   r"|(?:开始|启动|着手)[^，,。]{0,14}(?:研发|研制|训练)|开发了|开发出",
    # 开源 as a verb ("开源了", "宣布开源Qwen2", "Qwen2开源，", "同步开源"), not as an adjective
    # or a noun ("开源模型", "开源社区", "开源的", "在开源平台"), nor right after a count or a release
    # verb, where it qualifies a noun ("千亿开源基座模型", "一款开源", "推出开源…", "发布开源…")
    "open_source": r"(?:宣布|正式|首次|全面|已经?|陆续|相继|同步|同时|(?<![在的亿万款个])(?<!发布)(?<!推出))开源"
                   r"(?!模型|大模型|基座|社区|生态|项目|协议|许可|框架|软件|基金|的|版|领域|路线|策略|阵营|界"
                   r"|方面|平台|开放|与|和|、|者|精神|力量|世界|路径|浪潮|体系|技术|数据|代码)",
    # 免费商用/免费商业使用/免费试用 are licence and trial terms, not a price
    "pricing": r"降价|减价|调价|涨价|定价|价格(?!战)|降至|下调|降幅|收费|免费(?!商用|商业|试用|额度|应用|榜|下载榜)",
    # a model reaching users without being a first launch: store listings, betas, access
    "availability": r"上架|公测|内测|开放(?:下载|体验|试用|申请|注册|API)|开放[^，,。的]{0,4}测试|开启(?:公测|内测|测试)"
                    r"|宣布[^，,。]{0,8}支持",
    "funding": r"融资|估值|领投|获投|注资",
    "founding": r"成立(?!以来)|创立|创办",
    "user_milestone": r"用户数|用户量|用户规模|月活|日活|周活|活跃用户|注册用户|突破[^，。,]{0,6}用户|用户[^，。,]{0,4}突破",
}
_CUE_RES = {kind: re.compile(p) for kind, p in EVENT_CUES.items()}
# An entity right after one of these is what the subject is compared to or built on.
_REFERENCE_BEFORE = re.compile(r"(?:基于|对标|比肩|相比|超越|超过|优于|逼近|追平|赶超|击败|打败|不如|落后于|接入|媲美"
                               r"|类似|像|如同)[ “”\"]*$")
_GROUP_JOINER = re.compile(r"^[ 、，,和及与以及\"“”'‘’]*(?:和|及|与|以及|、)[ \"“”'‘’]*$|^[ 、\"“”'‘’]+$")
_CLAUSE_END = re.compile(r"[，,：:]")
# "两个月后", "三天之后", "一年以后": the clause happens at an unstated later date.
_OFFSET_LATER = re.compile(r"[\d一二两三四五六七八九十几数半]+(?:多)?个?(?:月|年|天|周|星期|日|小时)(?:之|以)?后")
# A clause opening with one of these happens before or after the date carried from earlier.
_TIME_SHIFT = re.compile(r"[^，,]{0,6}?(?:此前|之前|早前|先前|此后|之后|随后|后来|早在|当时)")
# Dates that can date an event: not "目前" (a state, not a moment) nor a century.
_EVENT_DATE_GRANULARITIES = {"day", "month", "year", "season", "range", "part_of_month", "recent"}
_FUTURE_REACH = 14  # characters before a cue in which a plan word makes it a plan
SUBJECT_TYPES = ("model", "product", "organization")
DATE_SOURCES = ("own sentence", "previous sentence", "anaphora")
# A date followed, before any clause break, by one of these opens a span ("自X爆火后，",
# "X发布以来，", "从X开始，"): what comes after the marker happened later, at no stated date.
_SPAN_AFTER_DATE = re.compile(r"[^，,。；;：:]{0,12}?(?:以来|以后|之后|过后|(?<![前背最落滞])后|起|开始)(?=[，,：:])")


@dataclass(frozen=True)
class Mention:
    """A lexicon entity found in a sentence, with offsets into that sentence."""

    entity: str
    start: int
    end: int
    type: str
    organization: str | None


def split_sentences(text: str) -> list[tuple[int, int, str]]:
    """(start, end, sentence) for every non-empty sentence (``text.sentence_spans``); offsets into ``text``."""
    from llmnews.sentences import sentence_spans

    return [(start, end, text[start:end]) for start, end in sentence_spans(text)]


def split_clauses(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of a sentence, separators left out."""
    spans, start = [], 0
    for m in _CLAUSE_END.finditer(sentence):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(sentence)))
    return [(s, e) for s, e in spans if sentence[s:e].strip()]


def entity_mentions_in(sentence: str) -> list[Mention]:
    """Lexicon entities in a sentence, alias-aware (``Open AI`` -> ``OpenAI``), persons left out."""
    from llmnews import text  # imported here: text loads jieba, which only events need

    return mentions_from_tokens(text.tokenize_with_offsets(sentence))


def mentions_from_tokens(tokens) -> list[Mention]:
    """The subject-worthy lexicon entities among a sentence's tokens (offsets kept as given).

    The analysis store passes the tokens it already has, so events never segment twice."""
    from llmnews import lexicon

    found = []
    for token in tokens:
        # the token should already be canonical; mapping again costs nothing and keeps an alias
        # the tokenizer passed through (a case-folded Latin name) from being lost
        canonical = lexicon.canonical_name(token.term) or token.term
        info = lexicon.entity_info(canonical)
        if info is None or info["type"] not in SUBJECT_TYPES:
            continue
        organization = info["organization"] or (canonical if info["type"] == "organization" else None)
        found.append(Mention(canonical, token.start, token.end, info["type"], organization))
    return found


def _groups(sentence: str, mentions: list[Mention]) -> list[list[Mention]]:
    """Entities written as one coordinated list ("A、B和C") form one group."""
    groups: list[list[Mention]] = []
    for m in sorted(mentions, key=lambda m: m.start):
        if groups and _GROUP_JOINER.match(sentence[groups[-1][-1].end:m.start]) and \
                (groups[-1][-1].type == "organization") == (m.type == "organization"):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


# An entity right before one of these is not what the clause is about: an investor ("由阿里巴巴
# 领投"), a team ("通义千问团队"), a yardstick ("GPT-4级别的模型").
_NOT_SUBJECT_AFTER = re.compile(r"[ ”\"]*(?:等机构|等)?(?:联合)?(?:领投|跟投|参投|团队|级别|水平|同级)"
                                r"|[^，,。；;]{0,8}?(?:相当|相近|持平|看齐|一样|相同|差不多)"  # "与o1系列相当"
                                r"|的(?:小)?(?:版本)?(?:更新|升级)")  # "V3的小版本更新V3-0324": the base
_INVESTOR_AFTER = re.compile(r"[ ”\"]*(?:等机构|等)?(?:联合)?(?:领投|跟投|参投)")
# "通义千问第二代模型Qwen2", "智谱新一代旗舰模型GLM-4.5": a family, a descriptor, then the version.
_APPOSITION = re.compile(r"[^，,。、和及与或\s]{0,10}?(?:模型|系列|版本|版)?[ ]*$")


def _subject(sentence: str, clause: tuple[int, int], cue: re.Match, mentions: list[Mention],
             kind: str) -> list[Mention]:
    """The entity group the cue is about, within one clause (``_subject_candidates``, nearest)."""
    preferred = _subject_candidates(sentence, clause, cue, mentions, kind)
    if not preferred:
        return []
    groups = _groups(sentence, preferred)

    def distance(group):
        start, end = group[0].start, group[-1].end
        if end <= cue.start():
            return cue.start() - end
        if start >= cue.end():
            return start - cue.end()
        return 0

    return min(groups, key=lambda g: (distance(g), g[0].start))


def _is_reference(sentence, m, clause_start=None) -> bool:
    """A yardstick, a base, an investor or a team: named in the clause, but not its subject."""
    if clause_start is None:
        clause_start = max((i + 1 for i, c in enumerate(sentence[:m.start]) if c in "，,：:"), default=0)
    return bool(_REFERENCE_BEFORE.search(sentence[clause_start:m.start]) or _NOT_SUBJECT_AFTER.match(sentence, m.end))


def _subject_candidates(sentence, clause, cue, mentions, kind) -> list[Mention]:
    """The clause's entities that can be a cue's subject, of the types the event is about."""
    in_clause = [m for m in mentions if clause[0] <= m.start and m.end <= clause[1]
                 and not _is_reference(sentence, m, clause[0])]
    in_clause = _drop_family_before_version(sentence, in_clause)
    if not in_clause:
        return []
    wanted = ("organization",) if kind in ("funding", "founding") else ("model", "product")
    preferred = [m for m in in_clause if m.type in wanted]
    if not preferred and kind in ("funding", "founding"):
        # "豆包估值" has no organisation in the clause: the product's owner is meant
        preferred = in_clause
    if not preferred and kind == "pricing":
        # "阿里云宣布降价": a price cut across an organisation's models, when none is named
        preferred = [m for m in in_clause if m.end <= cue.start()]
    return preferred


def _drop_family_before_version(sentence, mentions):
    """"通义千问第二代模型Qwen2": the family name only describes the version after it."""
    kept = []
    for i, m in enumerate(mentions):
        following = mentions[i + 1] if i + 1 < len(mentions) else None
        if following is not None and following.organization == m.organization \
                and m.type in ("model", "product") and following.type == "model" \
                and _APPOSITION.fullmatch(sentence[m.end:following.start]) \
                and not any(r.search(sentence, m.end, following.start) for r in _CUE_RES.values()):
            continue
        kept.append(m)
    return kept


def events_in_text(text: str, anchor: dates.PartialDate | None = None, *,
                   mention_finder=entity_mentions_in) -> list[dict]:
    """Dated events in one text, one dict per (entity, event type, date, clause).

    Keys: ``entity``, ``entity_type``, ``organization``, ``event_type``, ``cue``, ``date``
    (ISO, a ``/`` interval for spans), ``start``/``end`` (first and last day, ``datetime.date``),
    ``granularity``, ``date_text``, ``date_kind``, ``anchor_used``, ``sentence``, ``clause``,
    ``sentence_start`` (offset in ``text``), ``date_source`` ("own sentence"; "previous
    sentence" when a scene-setting sentence before it gave the date, ``sentence`` then holds both;
    "anaphora" when the date is a 这一天/当天/次日 referring back).

    The steps, each a function of its own: find the time expressions (``dates``), split into
    sentences, give each sentence its dates (``_sentence_dates``), find its entities only where a
    date can be (the costly step), then link cue, date and subject clause by clause
    (``_clause_events``).
    """
    expressions = dates.extract_time_expressions(text, anchor)
    within = _expression_index(expressions)
    sentences = split_sentences(text)
    events: list[dict] = []
    for s_index, (s_start, s_end, sentence) in enumerate(sentences):
        in_sentence = within(s_start, s_end)
        scene = None
        if not any(_usable(e) for e in in_sentence):
            scene = _scene_date(text, sentences, s_index, in_sentence, within, mention_finder)
            if scene is None:
                continue
        mentions = _sentence_mentions(sentence, mention_finder, scene)
        if not mentions:
            mentions = _antecedent(text, sentences, s_index, mention_finder)
        if mentions:
            events.extend(_sentence_events(sentence, s_start, in_sentence, mentions, scene))
    return _dedupe(events)


def _expression_index(expressions):
    """``within(start, end)``: the expressions lying inside ``text[start:end]``, left to right."""
    starts = [e.start for e in expressions]

    def within(start, end):
        return [e for e in expressions[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
                if e.end <= end]

    return within


def _usable(expression) -> bool:
    """A resolved date that can date an event (not 目前, a state; not a century)."""
    return expression.value is not None and expression.granularity in _EVENT_DATE_GRANULARITIES


def _sentence_mentions(sentence, mention_finder, scene):
    """The sentence's entities; under a borrowed scene date, only if it names a model or product."""
    mentions = mention_finder(sentence)
    if scene is not None and not any(m.type in ("model", "product") for m in mentions):
        return []
    return mentions


# A sentence opening with one of these is about the entity the sentence before was about.
_PRONOUN_OPENING = re.compile(r"\s*(?:它|其|该公司|这家公司|该模型|这款模型|该产品)")


def _antecedent(text, sentences, s_index, mention_finder) -> list[Mention]:
    """"智谱AI是…公司之一。它2023年…融资…": the pronoun stands for the topic (first entity) of
    the sentence before, in the same paragraph; returned as a mention at the pronoun."""
    s_start, _, sentence = sentences[s_index]
    pronoun = _PRONOUN_OPENING.match(sentence)
    if pronoun is None or s_index == 0:
        return []
    p_start, p_end, previous = sentences[s_index - 1]
    if "\n" in text[p_end:s_start]:
        return []
    before = mention_finder(previous)
    if not before:
        return []
    topic = min(before, key=lambda m: m.start)
    return [Mention(topic.entity, pronoun.start(), pronoun.end(), topic.type, topic.organization)]


def _sentence_events(sentence, s_start, in_sentence, mentions, scene) -> list[dict]:
    """Events of one sentence, clause by clause, a date carried forward from clause to clause."""
    clauses = split_clauses(sentence)
    carried = scene[0] if scene is not None else None
    mentions = _drop_family_before_version(sentence, mentions)
    topic = min(mentions, key=lambda m: m.start)
    found = []
    for c_index, clause in enumerate(clauses):
        in_clause = [e for e in in_sentence if clause[0] <= e.start - s_start < clause[1]]
        own = [e for e in in_clause if _usable(e)]
        if own:
            carried = own[-1]
        elif any(e.value is None for e in in_clause):
            carried = None  # "7月29日报道，昨晚，…发布": a time of its own, unknown here, is not 7月29日
        found.extend(_clause_events(sentence, s_start, clauses, c_index, own, carried, mentions, topic, scene))
        if carried is not None and _span_end(sentence, s_start, carried) is not None:
            carried = None  # "自X后，…": X dates nothing after its span, in this clause or later ones
    return found


def _clause_events(sentence, s_start, clauses, c_index, own, carried, mentions, topic, scene) -> list[dict]:
    """Every (cue, subject) of one clause that has a date."""
    c_start, c_end = clauses[c_index]
    clause_text = sentence[c_start:c_end]
    # "两个月后…", "此前…": this clause happens at another, unstated date (the clauses after it
    # may return to the carried one: "2月1日，此前…的字节跳动…，其上线了…")
    shifted = not own and bool(_OFFSET_LATER.search(clause_text) or _TIME_SHIFT.match(clause_text))
    found = []
    for kind, cue_re in _CUE_RES.items():
        if scene is not None and kind != "release":
            continue
        for cue in cue_re.finditer(sentence, c_start, c_end):
            # a plan word shortly before the cue ("将于10月24日发布", "计划推出"); further back a 将
            # is more often the disposal marker ("将这一波抛售归因于…发布的…")
            if dates.FUTURE_SENTENCE.search(sentence, max(c_start, cue.start() - _FUTURE_REACH), cue.start()):
                continue
            date = _cue_date(sentence, s_start, own, carried, cue, shifted)
            if date is None:
                continue
            for m in _cue_subject(sentence, clauses, c_index, cue, mentions, kind, topic, scene):
                found.append(_event_row(m, kind, cue, date, sentence, clause_text, s_start, scene))
    return found


def _cue_date(sentence, s_start, own, carried, cue, shifted):
    """The date of a cue: its clause's own date nearest before it (or after 于/在), else the date
    carried from an earlier clause; never a date whose span ("自X后，") ends before the cue."""
    date = _date_for_cue(own, cue, s_start, sentence)
    if date is None and not shifted and not [e for e in own if e.end - s_start <= cue.start()]:
        date = carried if carried not in own else None
    if date is None:
        return None
    span_end = _span_end(sentence, s_start, date)
    if span_end is not None and cue.start() >= span_end:
        return None
    return date


def _span_end(sentence, s_start, date):
    """Where the span a date opens ends ("自2024年2月底爆火后" -> after 后), or None if it opens none."""
    if not s_start <= date.start < s_start + len(sentence):
        return None  # a borrowed scene date lies in another sentence
    m = _SPAN_AFTER_DATE.match(sentence, date.end - s_start)
    return m.end() if m else None


def _cue_subject(sentence, clauses, c_index, cue, mentions, kind, topic, scene) -> list[Mention]:
    """The entities a cue is about: in its clause, else an unlisted product named after the verb,
    else a subject borrowed from the sentence (a list before it, its topic, the next clause)."""
    clause = clauses[c_index]
    subject = _subject(sentence, clause, cue, mentions, kind)
    if not subject and kind in ("release", "open_source") and scene is None:
        subject = _unlisted_product(sentence, clause, cue, mentions)
    if not subject and kind != "founding":
        # a founding names its organisation in the clause; a zero subject there is too often a
        # person or a product ("创立的", "创建个人Bot")
        subject = _borrowed_subject(sentence, clauses, c_index, mentions, kind, topic)
    return subject


def _event_row(m, kind, cue, date, sentence, clause_text, s_start, scene) -> dict:
    interval = date.interval()
    if scene is not None:
        source = "previous sentence"
    elif date.kind == "relative" and date.note and date.note.startswith(("same period as", "the day after", "refers back to")):
        source = "anaphora"
    else:
        source = "own sentence"
    return {
        "entity": m.entity, "entity_type": m.type, "organization": m.organization,
        "event_type": kind, "cue": cue.group(), "date": date.iso(),
        "start": interval[0], "end": interval[1], "granularity": date.granularity,
        "date_text": date.text, "date_kind": date.kind,
        "anchor_used": date.anchor_used.iso() if date.anchor_used else None,
        "sentence": sentence if scene is None else f"{scene[1]}{sentence}",
        "clause": clause_text, "sentence_start": s_start, "date_source": source,
    }


def _scene_date(text, sentences, s_index, in_sentence, expressions_in, mention_finder):
    """(date, sentence) of the sentence before, when it sets the scene for this undated one.

    This sentence: no time expression at all (not even 目前), a release cue, not about the future.
    The one before: same paragraph, not about the future, exactly one time expression and that a
    resolved event date, and no lexicon model or product (it would be that sentence's subject).
    """
    if in_sentence or s_index == 0:
        return None
    sentence = sentences[s_index][2]
    p_start, p_end, previous = sentences[s_index - 1]
    if "\n" in text[p_end:sentences[s_index][0]]:
        return None  # a paragraph break ends the scene
    if not _CUE_RES["release"].search(sentence) or dates.FUTURE_SENTENCE.search(sentence) \
            or dates.FUTURE_SENTENCE.search(previous) or _TIME_SHIFT.match(sentence):
        return None  # "此后先后发布A、B" happened after the scene, not in it
    found = expressions_in(p_start, p_end)
    if len(found) != 1 or not _usable(found[0]):
        return None
    if _SPAN_AFTER_DATE.match(text, found[0].end):
        return None  # "自X爆火后，…": X opens a span, it is no scene date
    if any(m.type in ("model", "product") for m in mention_finder(previous)):
        return None
    return found[0], previous


# A date after its cue dates it only when joined by a preposition ("成立于2019年6月"); otherwise it
# belongs to a later verb ("傅盛创立的猎户星空也在1月21日发布了…": 1月21日 dates 发布, not 创立).
_CUE_TO_DATE = re.compile(r"[ ]*(?:于|在|是在|时间为|时间是|日期为|至|自)[ ]*$")


def _date_for_cue(usable, cue, s_start, sentence):
    """Within a clause, the date nearest before the cue, else one right after "于"/"在"."""
    before = [e for e in usable if e.end - s_start <= cue.start()]
    if before:
        return before[-1]
    after = [e for e in usable if e.start - s_start >= cue.end()]
    if after and _CUE_TO_DATE.match(sentence[cue.end():after[0].start - s_start]):
        return after[0]
    return None


# The object of a release verb when it is not in the lexicon: "联想发布了AIPC产品", "推出了基于X的
# 5G新通话", "发布数学推理模型k0-math" (a descriptor before the name). Only a Latin-led name (a letter somewhere in it, so "70亿参数" is not one) or a quoted
# name, optionally with up to four Chinese characters, right after the verb or after one "…的".
_UNLISTED_OBJECT = re.compile(
    r"(?:了|出)?[ ]*(?:[^，,。的]{0,15}的)?[ ]*(?:[\u4e00-\u9fff]{0,8}(?:模型|助手|应用|产品|平台|系统|更新|升级版|版本))?[ ]*"
    r"(?:[\"“「]([^\"”」]{2,15})[\"”」]|([A-Za-z0-9][A-Za-z0-9.+\- ]*[A-Za-z0-9+]?"
    r"(?:(?![和与及或等的了在是])[\u4e00-\u9fff]){0,4}))")
_GENERIC_TAIL = re.compile(r"(?:产品|平台|功能|应用|服务|系列|大模型|模型)$")
# "k0-math数学模型": the domain word after a Latin name says what it does, it is not the name
_DOMAIN_TAIL = re.compile(r"(?<=[A-Za-z0-9])(?:数学|代码|编程|视觉|推理|语音|图像|视频|多模态|文生图|语言|对话)$")
_NOT_A_PRODUCT = re.compile(r"财报|报告|预案|公告|计划|基金|方案|版本$|^\d+(?:\.\d+)?[\u4e00-\u9fff]*$")


def _unlisted_product(sentence, clause, cue, mentions) -> list[Mention]:
    """A product named after the verb but missing from the lexicon, when an organisation releases it."""
    owners = [m for m in mentions if m.type == "organization" and clause[0] <= m.start and m.end <= cue.start()]
    if not owners:
        return []
    m = _UNLISTED_OBJECT.match(sentence, cue.end(), clause[1])
    if m is None:
        return []
    name = (m.group(1) or m.group(2) or "").replace(" ", "")
    name = _DOMAIN_TAIL.sub("", _GENERIC_TAIL.sub("", name))
    quoted = m.group(1) is not None  # quotation marks make a name of Chinese words too
    if len(name) < 2 or not (quoted or re.search(r"[A-Za-z]", name)) or _NOT_A_PRODUCT.search(name):
        return []
    start, end = m.start(m.lastindex), m.end(m.lastindex)
    if any(mm.start < end and start < mm.end for mm in mentions):
        return []  # the name is (part of) a lexicon entity: the lexicon's name is the subject
    # "DeepSeek-V3的小版本更新V3-0324": a short name continuing a model named just before is that
    # model's update, named in full
    head = name.split("-")[0]
    base = [mm for mm in mentions if cue.end() <= mm.start and mm.end <= start and mm.type == "model"
            and mm.entity.endswith(head) and mm.entity != head]
    if "-" in name and base:
        return [Mention(base[-1].entity[:-len(head)] + name, start, end, "unlisted", base[-1].organization)]
    return [Mention(name, start, end, "unlisted", owners[0].organization)]


# "从A、B，到C，再到D，…悉数下场": a list whose every clause opens with 从 / (再)到 / 以及.
_LIST_FIRST = re.compile(r"\s*从")
_LIST_NEXT = re.compile(r"\s*(?:再到|到|以及)")


def _borrowed_subject(sentence, clauses, c_index, mentions, kind, topic):
    """A clause without its own subject: a 从…到… list before it, the sentence topic, or the
    next clause's for an opener."""
    c_start = clauses[c_index][0]
    wanted = ("organization",) if kind in ("funding", "founding") else ("model", "product")
    mentions = [m for m in mentions if not _is_reference(sentence, m)]
    before = [sentence[a:b] for a, b in clauses[:c_index]]
    if before and _LIST_FIRST.match(before[0]) and all(_LIST_NEXT.match(c) for c in before[1:]) \
            and not any(_CUE_RES[kind].search(c) for c in before):
        listed = [m for m in mentions if m.end <= c_start and m.type in wanted]
        if listed:
            return listed
    earlier = [m for m in mentions if m.end <= c_start and m.type in wanted]
    if earlier and (topic is None or topic.end <= c_start):
        # the topic: the first wanted entity of the sentence ("其"/zero subject refers back to it)
        return [earlier[0]]
    if c_index == 0 and len(clauses) > 1:
        # "自8月发布以来，GLM-130B…": the opener's subject is the next clause's entity; when that
        # clause has a cue of its own, only an entity before it (its subject, "…，文心一言接连发布了…"),
        # not its object ("自X发布以来，智谱AI先后推出了GLM-4")
        n_start, n_end = clauses[1]
        own_cue = _CUE_RES[kind].search(sentence, n_start, n_end)
        if own_cue is not None:
            n_end = own_cue.start()
        following = [m for m in mentions if n_start <= m.start and m.end <= n_end and m.type in wanted]
        if following:
            return [following[0]]
    return []


def _dedupe(events: list[dict]) -> list[dict]:
    seen, out = set(), []
    for e in events:
        key = (e["entity"], e["event_type"], e["date"], e["sentence_start"])
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def publication_anchor(article: dict) -> tuple[dates.PartialDate | None, str, str]:
    """(anchor, basis, note) for resolving an article's year-less and relative dates.

    The anchor is the corpus's ``published`` as it is, whatever its basis: ``metadata``,
    ``dateline``, or ``inferred`` (``corpus.infer_published`` already raised the latest written-out
    date with the year-less dates the article reports as news, so notebook 01 and the timeline
    show the same date). The note says how far to trust it.
    """
    published = article.get("published")
    basis = article.get("published_basis") or "unknown"
    if published is None or (isinstance(published, float) and pd.isna(published)) or published == "":
        return None, basis, "no publication date: year-less and relative dates stay unresolved"
    anchor = dates.PartialDate.from_iso(str(published))
    if basis != "inferred":
        return anchor, basis, f"published {anchor.iso()} ({basis})"
    return anchor, basis, (f"inferred {anchor.iso()}: a lower bound, the article is no older "
                           "(published_evidence names the date it rests on)")



EVENT_COLUMNS = [
    "article_id", "entity", "entity_type", "organization", "event_type", "date", "granularity",
    "start", "end", "date_text", "date_kind", "anchor", "anchor_basis", "anchor_used", "inferred",
    "cue", "sentence", "clause", "date_source",
]


def rows_per_article(corpus: pd.DataFrame, per_article) -> list[dict]:
    """``per_article(article, anchor, basis, note)`` for every article, its rows concatenated.

    The one loop over articles with their anchors (events, time expressions, publication table
    all use it). ``per_article`` sees one article only, so the work can equally be mapped over
    partitions of a corpus and the rows concatenated.
    """
    rows: list[dict] = []
    for article in corpus.to_dict("records"):
        anchor, basis, note = publication_anchor(article)
        rows.extend(per_article(article, anchor, basis, note))
    return rows


def article_events(article: dict, anchor: dates.PartialDate | None, basis: str, note: str = "", *,
                   mention_finder=entity_mentions_in) -> list[dict]:
    """The event rows of one article (``events_in_text`` plus the article's id and anchor).

    ``inferred`` is True when the date was resolved through the anchor (year-less or relative) and
    the anchor itself was only inferred.
    """
    rows = []
    for e in events_in_text(article["text"], anchor, mention_finder=mention_finder):
        through_anchor = e["anchor_used"] is not None and anchor is not None and \
            e["anchor_used"] == anchor.iso() and e["date_kind"] in ("yearless", "relative")
        rows.append({
            "article_id": article["article_id"], **e,
            "anchor": anchor.iso() if anchor else None, "anchor_basis": basis,
            "inferred": bool(through_anchor and basis == "inferred"),
        })
    return rows


def release_events(corpus: pd.DataFrame, *, mention_finder=entity_mentions_in) -> pd.DataFrame:
    """Every dated event in every article, one row per report, with its provenance.

    ``corpus`` needs ``article_id``, ``text``, ``published`` and ``published_basis`` (as from
    ``corpus.load_corpus``). The name is historical: every event type is here, not only releases.
    """
    rows = rows_per_article(corpus, lambda article, anchor, basis, note: article_events(
        article, anchor, basis, note, mention_finder=mention_finder))
    table = pd.DataFrame(rows, columns=EVENT_COLUMNS + ["sentence_start"])
    table = table.drop(columns="sentence_start")
    return table.sort_values(["start", "end", "entity", "event_type", "article_id"],
                             kind="stable").reset_index(drop=True)
