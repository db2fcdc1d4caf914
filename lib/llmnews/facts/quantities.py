"""Quantities of the LLM race: parameter counts, funding and valuations, users, compute, context.

``quantities_in_text(text, anchor, article_id)`` reads one article; ``quantity_facts(articles)``
maps it over the articles table. One row per quantity, value in base units (parameters, yuan or
dollars, users, accelerator cards, tokens/characters/words), exact in ``value_exact``, with a
qualifier: ``≈`` (约, 左右), ``≥`` (超过, 突破, 至少, 级: ``千亿级`` is 10^11 or more), ``≤`` (近,
不到), ``=`` (as stated, 达), ``range`` (``10万至40万``: ``value_exact`` to ``value_max_exact``).

What each kind needs, so that numbers of other things stay out:

- ``parameters``: a number with 参数 (``70亿参数``, ``175B参数``, ``参数量达1750亿``) or a 亿-sized
  number right before 模型 (``1300亿级超大规模预训练通用模型``), and a named model in the clause
  (so ``10亿级参数规模以上的大模型…79个``, a class of models, is not one; nor is ``Orion-14B``,
  a size in a name; nor ``实现千亿参数级别的模型效果``, a comparison);
- ``funding`` / ``valuation``: an amount of money in a clause about 融资 / 估值 of an entity
  (market totals, funds, revenue and grants are not);
- ``users``, ``daily_active_users``, ``weekly_active_users``, ``monthly_active_users``,
  ``registered_users``: a number after 用户数/日活/月活/周活 or before 用户 (developers and
  partners are not users);
- ``compute``: ``2000张A100``, ``3.24万张A100``, ``1000张计算卡``, ``万卡集群``, unless given away
  (``为社区提供1000张计算卡`` is a grant);
- ``context_length``: ``128k上下文``, ``上下文长度为200万字``, ``一次性总结约7.5万个单词``
  (K = 1,000 as written; not ``32K`` in a model name, nor ``GSM8k``).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from llmnews.dates import PartialDate
from llmnews.facts.changes import QUALIFIERS
from llmnews.facts.context import ArticleContext, typed_table
from llmnews.facts.numbers import NUMBER, exact, parse_number
from llmnews.facts.prices import facts_for_articles

__all__ = ["QUANTITY_COLUMNS", "QUANTITY_KINDS", "quantities_in_text", "quantity_facts"]

QUANTITY_KINDS = ("parameters", "funding", "valuation", "users", "registered_users", "daily_active_users",
                  "weekly_active_users", "monthly_active_users", "compute", "context_length")
QUANTITY_COLUMNS = [
    "article_id", "entity", "entity_type", "organization", "quantity", "value", "value_exact",
    "value_max_exact", "unit", "qualifier", "qualifier_as_written", "value_as_written", "note", "date",
    "date_start", "date_end", "granularity", "date_text", "date_source", "anchor", "anchor_basis",
    "sentence", "start", "end",
]

_SP = r"[ \u3000\u00a0]*"
_N = rf"(?P<num>{NUMBER})"
# Model sizes in Latin: 175B, 1.8T, 7b.
_LATIN_SIZE = r"(?P<lnum>(?<![0-9A-Za-z.\-_/])\d+(?:\.\d+)?)[ ]*(?P<lunit>[BbT])(?![A-Za-z0-9])"
_LATIN_FACTOR = {"b": Decimal(10) ** 9, "t": Decimal(10) ** 12}

_PARAM_RES = [
    re.compile(rf"(?:{_N}|{_LATIN_SIZE}){_SP}(?P<ji>级)?{_SP}(?:个)?{_SP}参数(?!级别的|级的)"),
    re.compile(rf"参数(?:量|规模|总量)?{_SP}(?:为|达到?|超过|约为?|高达|突破|是)?{_SP}(?:约)?{_SP}"
               rf"(?:{_N}|{_LATIN_SIZE})(?![0-9])(?P<ji>级)?"),
    # "1300亿级超大规模预训练通用模型", "千亿开源基座对话模型": a size in 亿 right before 模型
    re.compile(rf"(?P<num>{NUMBER}(?<=亿)){_SP}(?P<ji>级)?(?:参数)?[^，,。；;:：0-9元美个家人字tokens]{{0,12}}?模型"),
]
_COMPARISON_BEFORE = re.compile(r"(?:实现|达到|媲美|比肩|相当于|超越|对标)[^，,。]{0,3}$")
_MONEY = rf"{_N}{_SP}(?P<cur>元人民币|元|人民币|美元|美金)"
_MONEY_RE = re.compile(_MONEY)
_FUNDING_CUE = re.compile(r"融资|融了|募资|获投|注资|[获拿]得?了?[^，,。]{0,12}$|投资")
_VALUATION_CUE = re.compile(r"估值")
# Money that is not a round of the entity: a fund, revenue, costs, market totals, investments made.
_NOT_FUNDING = re.compile(r"基金|营收|收入|利润|成本|签单|总金额|总融资|融资总|平均|投资事件|市场|花|预算|现金|补贴|参投|用于")
_INVESTOR_BEFORE = re.compile(r"(?:获得|拿到|获|接受|来自)")
_USER_METRIC = {"日活": "daily_active_users", "DAU": "daily_active_users", "月活": "monthly_active_users",
                "MAU": "monthly_active_users", "周活": "weekly_active_users", "WAU": "weekly_active_users",
                "注册用户": "registered_users", "用户": "users", "活跃用户": "users"}
_USERS_AFTER_CUE = re.compile(
    rf"(?P<metric>日活|月活|周活|DAU|MAU|WAU|注册用户|活跃用户|用户)(?:跃)?(?:用户)?(?:数|数量|量|规模|总数)?"
    rf"(?P<gap>[^，,。；;\d〇零一二两三四五六七八九十百千万亿]{{0,8}}?)"
    rf"{_N}(?:{_SP}(?:至|到|-|~){_SP}(?P<num2>{NUMBER}))?{_SP}(?:人|名|位|个)?(?:用户)?")
_USERS_BEFORE_CUE = re.compile(rf"{_N}{_SP}(?:名|位|个)?{_SP}(?P<metric>日活|月活|周活)?(?:跃)?{_SP}用户(?!数|量|规模)")
_COMPUTE_RES = [
    re.compile(rf"{_N}{_SP}(?:张|块|颗|片|枚){_SP}(?P<gpu>(?:英伟达|NVIDIA|Nvidia)?{_SP}(?:A100|H100|H800|A800|H20|V100|"
               rf"L40S?|B200|GB200|昇腾{_SP}910B?|910B)|GPU|显卡|计算卡|加速卡|算力卡|AI芯片|卡)"),
    re.compile(rf"{_N}{_SP}(?P<gpu>卡)(?=集群|规模)"),  # 万卡集群
]
_GRANT_BEFORE = re.compile(r"提供|赠送|捐赠|补贴|发放|送出|奖励")
_CONTEXT_RES = [
    re.compile(rf"(?<![A-Za-z0-9\-_.]){_N}{_SP}(?P<k>[KkMm](?![A-Za-z]))?{_SP}(?:个)?{_SP}(?P<u>tokens?|Tokens?|token|字|汉字|单词)?"
               rf"{_SP}(?:的)?{_SP}(?:上下文|文本长度|上下文窗口|上下文长度|[Cc]ontext)"),
    re.compile(rf"(?:上下文|上下文窗口|上下文长度|[Cc]ontext window)(?:长度)?(?:能力)?{_SP}(?:为|达到?|扩展到|扩展至|提升到|提升至|支持|可达|高达|是)?"
               rf"{_SP}(?:约|超过)?{_SP}{_N}{_SP}(?P<k>[KkMm](?![A-Za-z]))?{_SP}(?:个)?(?P<u>tokens?|Tokens?|token|字|汉字|单词)?"),
    re.compile(rf"一次性(?:处理|总结|阅读|输入|读完|读取)?(?:约|超过|近)?{_SP}{_N}{_SP}(?:个)?(?P<u>单词|字|汉字|tokens?|Tokens?)"),
]
# Words every match of a pattern contains: a sentence holding none of them is not searched with it
# (most sentences hold a digit or a numeral, few a 参数 or a 上下文; the answer is the same).
_PARAM_WORDS = [("参数",), ("参数",), ("模型",)]
_MONEY_WORDS = ("元", "人民币", "美金")
_USERS_AFTER_WORDS = ("用户", "日活", "月活", "周活", "DAU", "MAU", "WAU")
_USERS_BEFORE_WORDS = ("用户",)
_COMPUTE_WORDS = [("张", "块", "颗", "片", "枚"), ("卡",)]
_CONTEXT_WORDS = [("上下文", "文本长度", "ontext"), ("上下文", "ontext"), ("一次性",)]
_CONTEXT_UNITS = {"字": "characters", "汉字": "characters", "单词": "words"}
_QUALIFIER_WORDS = sorted(QUALIFIERS, key=len, reverse=True)
_AFTER_QUALIFIER = re.compile(r"^[ ]*(?:人|名|位|个|张|元|美元)?[ ]*(左右|以上|多|余)")


def _qualifier(text: str, start: int, end: int, lead_from: int) -> tuple[str, str]:
    """(symbol, word) of the qualifier right before a number (up to 6 characters) or right after it."""
    lead = text[max(lead_from, start - 6):start]
    for word in _QUALIFIER_WORDS:
        if word in ("级", "多", "余", "以上", "左右"):
            continue
        if lead.rstrip(" 了的为是在").endswith(word) or (word in lead and word in ("约", "超过", "突破", "至少", "近", "不到")):
            return QUALIFIERS[word], word
    m = _AFTER_QUALIFIER.match(text[end:end + 6])
    if m:
        return QUALIFIERS[m.group(1)], m.group(1)
    return "=", ""


def quantities_in_text(text: str, anchor: PartialDate | str | None = None, article_id: str = "", *,
                       anchor_basis: str = "", mention_finder=None, context: ArticleContext | None = None
                       ) -> pd.DataFrame:
    """Every quantity of the kinds above in one article, columns ``QUANTITY_COLUMNS``."""
    if isinstance(anchor, str):
        anchor = PartialDate.from_iso(anchor) if anchor else None
    ctx = context or ArticleContext(text, anchor, mention_finder=mention_finder)
    return typed_table(quantity_rows(text, anchor, article_id, anchor_basis=anchor_basis, context=ctx),
                       QUANTITY_COLUMNS)


def quantity_rows(text: str, anchor: PartialDate | None, article_id: str, *, anchor_basis: str,
                  context: ArticleContext) -> list[dict]:
    """``quantities_in_text``' rows as dicts, in text order."""
    ctx = context
    rows: list[dict] = []

    def add(kind, start, end, value, value_max, unit, entity, written, qualifier=None, note=""):
        if any(r["start"] < end and start < r["end"] for r in rows):
            return  # one span, one fact: the first reading wins
        s_index = ctx.sentence_index(start)
        s_start, s_end = ctx.spans[s_index]
        symbol, word = qualifier or _qualifier(text, start, end, ctx.clause_span(s_index, start)[0])
        rows.append({
            "article_id": article_id, "entity": entity.name, "entity_type": entity.type,
            "organization": entity.organization, "quantity": kind, "value": float(value),
            "value_exact": exact(value), "value_max_exact": exact(value_max) if value_max is not None else "",
            "unit": unit, "qualifier": "range" if value_max is not None else symbol,
            "qualifier_as_written": word, "value_as_written": written, "note": note,
            **ctx.date_at(start), "anchor": anchor.iso() if anchor else "", "anchor_basis": anchor_basis,
            "sentence": text[s_start:s_end], "start": start, "end": end,
        })

    for s_start, s_end in ctx.spans:
        sentence = text[s_start:s_end]
        if not re.search(r"[\d〇一二两三四五六七八九十百千万亿]", sentence):
            continue
        present = set(_CUE_WORDS.findall(text, s_start, s_end))
        if not present:
            continue
        _parameters(text, ctx, s_start, s_end, add, present)
        _money(text, ctx, s_start, s_end, add, present)
        _users(text, ctx, s_start, s_end, add, present)
        _compute(text, ctx, s_start, s_end, add, present)
        _context(text, ctx, s_start, s_end, add, present)
    return sorted(rows, key=lambda row: row["start"])  # stable: what the table's sort by start did


def _clause_lead(text, ctx, pos):
    c_start, _ = ctx.clause_span(ctx.sentence_index(pos), pos)
    return text[c_start:pos]


# All those words in one pattern: a sentence is scanned once for the words it holds. Only 上下文
# and 文本长度 can overlap in a text, and either lets the same pattern run.
_CUE_WORDS = re.compile("|".join(sorted({re.escape(word) for words in (
    *_PARAM_WORDS, _MONEY_WORDS, _USERS_AFTER_WORDS, _USERS_BEFORE_WORDS, *_COMPUTE_WORDS, *_CONTEXT_WORDS)
    for word in words}, key=lambda w: (-len(w), w))))


def _matches(regex, words, text, s_start, s_end, present):
    """``regex.finditer`` over the sentence, skipped when it holds none of ``words`` (``present``
    being the cue words the sentence holds)."""
    if present.isdisjoint(words):
        return ()
    return regex.finditer(text, s_start, s_end)


def _parameters(text, ctx, s_start, s_end, add, present):
    for regex, words in zip(_PARAM_RES, _PARAM_WORDS):
        for m in _matches(regex, words, text, s_start, s_end, present):
            if _COMPARISON_BEFORE.search(_clause_lead(text, ctx, m.start())):
                continue
            if m.groupdict().get("lnum"):
                value = Decimal(m.group("lnum")) * _LATIN_FACTOR[m.group("lunit").lower()]
                written = m.group("lnum") + m.group("lunit")
            else:
                value = parse_number(m.group("num"))
                written = m.group("num")
            if value < 10 ** 6:
                continue  # "3个参数" is no model size
            entity = ctx.subject(m.start(), types=("model", "product", "unlisted"), after=True,
                                 require_in_clause=True)
            if not entity.name:
                continue  # a size with no model named in its clause is a class of models
            qualifier = ("≥", "级") if m.groupdict().get("ji") else None
            add("parameters", m.start(), m.end(), value, None, "parameters", entity, written, qualifier)


def _money(text, ctx, s_start, s_end, add, present):
    for m in _matches(_MONEY_RE, _MONEY_WORDS, text, s_start, s_end, present):
        c_start, c_end = ctx.clause_span(ctx.sentence_index(m.start()), m.start())
        lead = text[c_start:m.start()]
        tail = text[m.end():c_end]
        clause = text[c_start:c_end]
        value = parse_number(m.group("num"))
        currency = "USD" if m.group("cur") in ("美元", "美金") else "CNY"
        if _NOT_FUNDING.search(clause):
            continue
        if _VALUATION_CUE.search(lead):
            kind = "valuation"
            note = "post-money (投后)" if "投后" in lead else ("pre-money (投前)" if "投前" in lead else "")
        elif _FUNDING_CUE.search(lead) or re.match(r"^(?:的)?(?:[A-Z]\+?|天使|种子|战略)?轮?(?:融资|投资)", tail):
            kind, note = "funding", ""
        else:
            continue
        investor = _INVESTOR_BEFORE.search(lead)
        exclude = [(c_start + investor.end(), m.start())] if investor else []
        entity = ctx.subject(m.start(), types=("organization", "model", "product", "unlisted"),
                             exclude=exclude, as_organization=True)
        if not entity.name:
            continue
        add(kind, m.start(), m.end(), value, None, currency, entity, m.group("num").strip(), note=note)


def _users(text, ctx, s_start, s_end, add, present):
    for regex, words in ((_USERS_AFTER_CUE, _USERS_AFTER_WORDS), (_USERS_BEFORE_CUE, _USERS_BEFORE_WORDS)):
        for m in _matches(regex, words, text, s_start, s_end, present):
            value = parse_number(m.group("num"))
            if value < 100:
                continue  # "用户3人" is no audience size
            value_max = parse_number(m.group("num2")) if m.groupdict().get("num2") else None
            metric = m.group("metric") or "用户"
            kind = _USER_METRIC.get(metric, "users")
            if re.search(r"开发者|合作伙伴|企业|机构", text[m.start():m.end()]):
                continue
            entity = ctx.subject(m.start(), types=("product", "model", "unlisted"))
            if not entity.name:
                entity = ctx.subject(m.start(), types=("organization",))
            qualifier = None
            if m.groupdict().get("gap") is not None:
                gap = m.group("gap")
                # the qualifier nearest the number wins: "已经达到了约1亿" is about 1亿 (≈)
                candidates = [w for w in _QUALIFIER_WORDS if w in gap and w not in ("多", "余", "级")]
                word = max(candidates, key=lambda w: (gap.rfind(w) + len(w), len(w))) if candidates else None
                qualifier = (QUALIFIERS[word], word) if word else None
                if qualifier is None:
                    after = _AFTER_QUALIFIER.match(text[m.end("num"):m.end("num") + 6])
                    qualifier = (QUALIFIERS[after.group(1)], after.group(1)) if after else ("=", "")
            add(kind, m.start("num"), m.end(), value, value_max, "users", entity,
                text[m.start("num"):m.end()].strip(), qualifier)


def _compute(text, ctx, s_start, s_end, add, present):
    for regex, words in zip(_COMPUTE_RES, _COMPUTE_WORDS):
        for m in _matches(regex, words, text, s_start, s_end, present):
            if _GRANT_BEFORE.search(_clause_lead(text, ctx, m.start())):
                continue
            value = parse_number(m.group("num"))
            gpu = re.sub(r"\s+", "", m.group("gpu"))
            unit = gpu if re.search(r"\d", gpu) else "cards"
            entity = ctx.subject(m.start(), types=("model", "product", "unlisted", "organization"),
                                 exclude=[m.span("gpu")])
            add("compute", m.start(), m.end(), value, None, unit, entity, text[m.start():m.end()].strip())


def _context(text, ctx, s_start, s_end, add, present):
    for regex, words in zip(_CONTEXT_RES, _CONTEXT_WORDS):
        for m in _matches(regex, words, text, s_start, s_end, present):
            value = parse_number(m.group("num"))
            k = (m.groupdict().get("k") or "").lower()
            value *= {"k": 1000, "m": 10 ** 6, "": 1}[k]
            unit = _CONTEXT_UNITS.get(m.group("u") or "", "tokens")
            if value < 1000 and unit == "tokens":
                continue
            entity = ctx.subject(m.start(), types=("model", "product", "unlisted"))
            # the qualifier may sit inside the match ("一次性总结约7.5万个单词")
            qualifier = _qualifier(text, m.start("num"), m.end(), m.start() - 6)
            add("context_length", m.start(), m.end(), value, None, unit, entity, m.group().strip(), qualifier)


def quantity_facts(articles: pd.DataFrame) -> pd.DataFrame:
    """Every quantity of every article (``quantities_in_text`` article by article)."""
    return facts_for_articles(articles, quantities_in_text, QUANTITY_COLUMNS)
