"""Token prices as stated in news text, normalised to yuan per million tokens, exact.

``prices_in_text(text, anchor, article_id)`` reads one article; ``price_facts(articles)`` maps it
over the articles table (``article_id``, ``text``, ``published``, ``published_basis`` as
``corpus.load_corpus`` returns), article by article, so a partitioned table can be mapped the same
way. One row per stated price; flat columns only.

Forms read (each with a test sentence in ``tests/test_facts_prices.py``):

- a rate: ``0.0008元/千Tokens``, ``5元/百万Tokens``, ``0.8厘/千tokens``, ``1.2分/千tokens``,
  ``0.15美元/百万tokens``, ``$0.15/1M tokens``, ``0.012元/万tokens``;
- per-unit first: ``每百万Tokens输入1元、输出2元``, ``每千tokens收费0.012元``;
- a budget: ``1元可以买200万tokens`` (1 yuan / 2,000,000 tokens);
- a cut: ``从5元/百万Tokens降至1元/百万Tokens`` (``before_cut`` and ``after_cut``; the first
  price may leave its unit to the second: ``从5元降至1元/百万Tokens``); ``降至…`` alone is an
  ``after_cut``, ``原价…`` a ``before_cut``;
- ``免费`` in a sentence about API or token prices: 0 yuan, status ``free``;
- ``约``/``左右``/``一般``/``近`` around a price: status ``approximate``.

Not prices: ``1000亿免费API tokens`` (a grant of tokens, not a rate), ``免费商业使用`` (a licence),
anything without a currency and a token unit. Dollar prices are converted with the dated table of
``llmnews.facts.exchange``; the rate and its period are in the row.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from llmnews.dates import PartialDate
import llmnews.facts.exchange as exchange
from llmnews.facts.context import ArticleContext, typed_table
from llmnews.facts.numbers import NUMBER, exact, parse_number

__all__ = ["PRICE_COLUMNS", "PRICE_STATUSES", "PRICE_KINDS", "prices_in_text", "price_facts",
           "facts_for_articles", "kind_before", "kinds_in"]

PRICE_STATUSES = ("stated", "before_cut", "after_cut", "approximate", "free")
PRICE_KINDS = ("input", "output", "unspecified")
PRICE_COLUMNS = [
    "article_id", "entity", "entity_type", "organization", "kind", "yuan_per_million_tokens",
    "yuan_per_million_tokens_exact", "status", "value_as_written", "unit_as_written", "amount_exact",
    "currency", "per_tokens", "exchange_rate", "exchange_rate_period", "date", "date_start", "date_end",
    "granularity", "date_text", "date_source", "anchor", "anchor_basis", "sentence", "start", "end",
]

_SP = r"[ \u3000\u00a0]*"
_NUM = rf"(?P<num>{NUMBER})"
# Money units and their value in their currency's main unit.
_CNY_UNITS = {"元": Decimal(1), "块钱": Decimal(1), "块": Decimal(1), "元人民币": Decimal(1),
              "人民币": Decimal(1), "分钱": Decimal("0.01"), "分": Decimal("0.01"), "厘": Decimal("0.001")}
_USD_UNITS = {"美元": Decimal(1), "美金": Decimal(1)}
_CURRENCY = r"(?P<cur>元人民币|元|块钱|人民币|分钱|美元|美金|厘|分(?!之|钟|别|析|成|布|享|为|期))"
# How many tokens a rate is per: 千tokens, 百万Tokens, 1M tokens, million tokens.
_PER = {"千": 10 ** 3, "1千": 10 ** 3, "一千": 10 ** 3, "k": 10 ** 3, "1k": 10 ** 3, "thousand": 10 ** 3,
        "万": 10 ** 4, "1万": 10 ** 4, "一万": 10 ** 4, "10k": 10 ** 4,
        "百万": 10 ** 6, "1百万": 10 ** 6, "一百万": 10 ** 6, "m": 10 ** 6, "1m": 10 ** 6, "million": 10 ** 6,
        "": 1}
_PER_RE = r"(?P<per>1?千|一千|1?万|一万|1?百万|一百万|10[Kk]|1?[KkMm](?![a-z])|million|thousand)?"
_TOKENS = r"(?:个)?(?:[Tt]okens?|TOKENS?|词元)"
_RATE = rf"{_NUM}{_SP}{_CURRENCY}{_SP}(?:/|每|一){_SP}{_PER_RE}{_SP}{_TOKENS}"
_DOLLAR_RATE = (rf"(?:US)?[$＄]{_SP}{_NUM}{_SP}(?:/|per|每){_SP}{_PER_RE}{_SP}{_TOKENS}")
_PER_FIRST = rf"每{_SP}{_PER_RE}{_SP}(?P<pkind>输入|输出)?{_SP}{_TOKENS}"
_ITEM = (rf"(?P<kind>输入|输出|input|output)?{_SP}(?:价格|费用)?{_SP}(?:为|是|仅为|仅需|只需|只要|需要|需|收费|售价|定价为)?"
         rf"{_SP}(?P<approx>约|大约|仅约|近)?{_SP}{_NUM}{_SP}{_CURRENCY}")
_BUDGET = (rf"{_NUM}{_SP}{_CURRENCY}(?:钱)?{_SP}(?:就|即)?(?:可以|可|能|即可)?(?:买到?|购买|调用|处理|生成)"
           rf"(?:约|近)?{_SP}(?P<tok>{NUMBER}){_SP}{_TOKENS}")
_RATE_RE = re.compile(_RATE)
_DOLLAR_RE = re.compile(_DOLLAR_RATE)
_PER_FIRST_RE = re.compile(_PER_FIRST)
_ITEM_RE = re.compile(_ITEM)
_NEXT_SUBJECT = re.compile(r"(?:而|但)?[^，,。；;、]{1,12}?(?:则为|则是|则|为|是|只要|仅需)(?=[ ]*(?:约)?[ ]*[\d〇零一二两三四五六七八九十])")
_KIND_AFTER = re.compile(r"[ ]*[（(](输入|输出|input|output)[）)]")
_ITEM_SEP = re.compile(rf"{_SP}(?:[、，,和及;；]|以及){_SP}")
_BUDGET_RE = re.compile(_BUDGET)
# 从5元(/百万Tokens)降至1元/百万Tokens: the first price, unit optional, then a verb of change.
_CUT_VERB = r"(?:降至|降到|下调至|下调到|下调为|降低为|降为|降低至|降低到|下降至|下降到|直降至|调整为|调整至|减至|变为|涨至|上调至|提高至|提升至)"
_FROM_RE = re.compile(rf"(?:从|由){_SP}{_NUM}{_SP}{_CURRENCY}(?:{_SP}(?:/|每){_SP}{_PER_RE}{_SP}{_TOKENS})?"
                      rf"{_SP}{_CUT_VERB}{_SP}(?:全面|完全|永久)?{_SP}$")
_AFTER_CUE = re.compile(rf"{_CUT_VERB}{_SP}(?:约)?{_SP}$")
_BEFORE_CUE = re.compile(rf"(?:原价|原来|此前|之前|以前|过去)(?:为|是)?{_SP}$")
_APPROX_BEFORE = re.compile(r"(?:约|大约|大概|一般|通常|近|将近|不到|左右|仅约)(?:为|是|在)?[ ]*$")
_APPROX_AFTER = re.compile(r"[ ]*(?:左右|上下)")  # used with .match(text, pos): no ^
# 免费 counts as a price only in a sentence about API or token prices, and never as a grant.
_PRICE_CONTEXT = re.compile(r"API|api|调用|[Tt]okens?|价格|定价|收费|计费")
_FREE_RE = re.compile(r"免费")
_GRANT_BEFORE = re.compile(r"提供|赠送|送出|发放|补贴|奖励|额度|\d|[十百千万亿]$")
_GRANT_AFTER = re.compile(r"[^，,。]{0,6}(?:[Tt]okens?|额度|试用|体验|商业使用|商用|使用权|开源|下载)")
_KIND_WORDS = re.compile(r"输入|输出|input|output|提示|补全")
_BOTH_KINDS = re.compile(r"输入[、和与及/]输出|input[ ]*(?:and|/)[ ]*output")


def kind_before(lead: str) -> str:
    """``input``/``output`` from the last kind word in the text before a price, else ``unspecified``."""
    found = _KIND_WORDS.findall(lead)
    if not found:
        return "unspecified"
    return "input" if found[-1] in ("输入", "input", "提示") else "output"


def kinds_in(lead: str) -> tuple[str, ...]:
    """Both kinds when the text says "输入、输出价格…" (one figure for both), else the one kind."""
    if _BOTH_KINDS.search(lead):
        return ("input", "output")
    return (kind_before(lead),)


def _per(match) -> int:
    return _PER[(match.group("per") or "").lower()]


def _amount(num: str, currency_unit: str) -> tuple[Decimal, str]:
    value = parse_number(num)
    if currency_unit in _USD_UNITS:
        return value * _USD_UNITS[currency_unit], "USD"
    return value * _CNY_UNITS[currency_unit], "CNY"


class _Found:
    """One price before its row is written: span, written forms, exact amount."""

    def __init__(self, start, end, number_start, amount, currency, per_tokens, value_as_written,
                 unit_as_written, status, kinds, subject_pos):
        self.start, self.end, self.number_start = start, end, number_start
        self.amount, self.currency, self.per_tokens = amount, currency, per_tokens
        self.value_as_written, self.unit_as_written = value_as_written, unit_as_written
        self.status, self.kinds, self.subject_pos = status, kinds, subject_pos


def _scan_sentence(text: str, ctx: ArticleContext, s_start: int, s_end: int) -> list[_Found]:
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []

    def free_of(a, b):
        return not any(x < b and a < y for x, y in taken)

    def clause_lead(pos):
        c_start, _ = ctx.clause_span(ctx.sentence_index(pos), pos)
        return text[c_start:pos]

    def status_for(m_start, m_end):
        lead = text[max(s_start, m_start - 12):m_start]
        if _AFTER_CUE.search(lead):
            return "after_cut"
        if _BEFORE_CUE.search(lead):
            return "before_cut"
        if _APPROX_BEFORE.search(lead) or _APPROX_AFTER.match(text, m_end):
            return "approximate"
        return "stated"

    # rates written number first (yuan or dollars), and $-prefixed ones
    for regex in (_RATE_RE, _DOLLAR_RE):
        for m in regex.finditer(text, s_start, s_end):
            if not free_of(m.start(), m.end()):
                continue
            unit = m.group("cur") if "cur" in m.groupdict() and m.group("cur") else "美元"
            amount, currency = _amount(m.group("num"), unit)
            written_unit = text[m.end("num"):m.end()].strip() if regex is _RATE_RE else \
                (text[m.start():m.start("num")] + "/" + text[m.end("num"):m.end()].lstrip(" /per每")).strip()
            lead = clause_lead(m.start())
            found.append(_Found(m.start(), m.end(), m.start("num"), amount, currency, _per(m),
                                m.group("num"), written_unit, status_for(m.start(), m.end()),
                                kinds_in(lead), m.start()))
            taken.append((m.start(), m.end()))
    # 每百万Tokens输入1元、输出2元: the unit first, then one or more priced items
    for m in _PER_FIRST_RE.finditer(text, s_start, s_end):
        if not free_of(m.start(), m.end()):
            continue
        pos = m.end()
        lead = clause_lead(m.start())
        subject_pos = m.start()
        unit_kind = m.group("pkind")
        while True:
            item = _ITEM_RE.match(text, pos, s_end)
            if item is None and pos > m.end():
                # a later item may name its own subject: "每千tokens价格为0.01元，而abab6.5则为0.03元"
                nxt = _NEXT_SUBJECT.match(text, pos, s_end)
                if nxt is not None:
                    subject_pos = nxt.end()
                    item = _ITEM_RE.match(text, nxt.end(), s_end)
            if item is None or not free_of(item.start(), item.end()):
                break
            amount, currency = _amount(item.group("num"), item.group("cur"))
            if item.group("kind") or unit_kind:
                kinds = ("input",) if (item.group("kind") or unit_kind) in ("输入", "input") else ("output",)
            else:
                kinds = kinds_in(lead)
            status = "approximate" if item.group("approx") else status_for(m.start(), item.end())
            found.append(_Found(item.start(), item.end(), item.start("num"), amount, currency, _per(m),
                                item.group("num"), f"{m.group().strip()}…{item.group('cur')}", status,
                                kinds, subject_pos))
            taken.append((item.start(), item.end()))
            sep = _ITEM_SEP.match(text, item.end(), s_end)
            if sep is None:
                break
            pos = sep.end()
    # 1元可以买200万tokens
    for m in _BUDGET_RE.finditer(text, s_start, s_end):
        if not free_of(m.start(), m.end()):
            continue
        amount, currency = _amount(m.group("num"), m.group("cur"))
        tokens = parse_number(m.group("tok"))
        if tokens == 0:
            continue
        found.append(_Found(m.start(), m.end(), m.start("num"), amount / tokens, currency, 1,
                            m.group().strip(), f"{m.group('cur')}/{m.group('tok').strip()}tokens",
                            status_for(m.start(), m.end()), kinds_in(clause_lead(m.start())), m.start()))
        taken.append((m.start(), m.end()))
    # 免费: only about API or token prices, never a grant of tokens
    sentence = text[s_start:s_end]
    if _PRICE_CONTEXT.search(sentence):
        for m in _FREE_RE.finditer(text, s_start, s_end):
            lead = clause_lead(m.start())
            if _GRANT_BEFORE.search(lead[-8:]) or _GRANT_AFTER.match(text, m.end(), s_end):
                continue
            if not _PRICE_CONTEXT.search(text[ctx.clause_span(ctx.sentence_index(m.start()), m.start())[0]:
                                              ctx.clause_span(ctx.sentence_index(m.start()), m.start())[1]]):
                continue
            found.append(_Found(m.start(), m.end(), m.start(), Decimal(0), "CNY", 1, "免费", "",
                                "free", kinds_in(lead), m.start()))
    # 从5元降至1元/百万Tokens: the "from" price, which may borrow the unit of the price after it
    for f in list(found):
        lead_start = max(s_start, f.start - 40)
        m = _FROM_RE.search(text, lead_start, f.start)
        if m is None:
            continue
        if f.status != "free":  # "从0.008元/千tokens调整为全面免费": free stays free, the first is before_cut
            f.status = "after_cut"
        written = next((g for g in found if g.number_start == m.start("num")), None)
        if written is not None:  # "从5元/百万Tokens降至…": the first price was read as a rate already
            written.status = "before_cut"
            continue
        amount, currency = _amount(m.group("num"), m.group("cur"))
        per = _per(m) if m.group("per") is not None else f.per_tokens
        unit = text[m.end("num"):m.end("cur")] if m.group("per") is None else \
            text[m.end("num"):m.end()].rstrip().removesuffix(re.search(_CUT_VERB + r"\s*$", m.group()).group()).strip()
        found.append(_Found(m.start("num"), m.end("num"), m.start("num"), amount, currency, per,
                            m.group("num"), unit.strip(), "before_cut", f.kinds, f.subject_pos))
        taken.append((m.start("num"), m.end("num")))
    return sorted(found, key=lambda f: f.start)


def prices_in_text(text: str, anchor: PartialDate | str | None = None, article_id: str = "", *,
                   anchor_basis: str = "", mention_finder=None, context: ArticleContext | None = None
                   ) -> pd.DataFrame:
    """Every stated price of one article, one row per (price, kind), columns ``PRICE_COLUMNS``."""
    if isinstance(anchor, str):
        anchor = PartialDate.from_iso(anchor) if anchor else None
    ctx = context or ArticleContext(text, anchor, mention_finder=mention_finder)
    return typed_table(price_rows(text, anchor, article_id, anchor_basis=anchor_basis, context=ctx), PRICE_COLUMNS)


def price_rows(text: str, anchor: PartialDate | None, article_id: str, *, anchor_basis: str,
               context: ArticleContext) -> list[dict]:
    """``prices_in_text``' rows as dicts (a partition of articles makes one table of them all)."""
    ctx = context
    rows = []
    for s_index, (s_start, s_end) in enumerate(ctx.spans):
        sentence = text[s_start:s_end]
        # a price always writes a currency or 免费 and a token unit or 免费; most sentences have none
        if not re.search(r"[Tt]oken|TOKEN|词元|免费", sentence):
            continue
        for f in _scan_sentence(text, ctx, s_start, s_end):
            date = ctx.date_at(f.number_start)
            after = _KIND_AFTER.match(text, f.end, s_end)
            if after is not None:  # "$0.25/1M tokens（输入）"
                f.kinds = ("input",) if after.group(1) in ("输入", "input") else ("output",)
            subject = ctx.subject(f.subject_pos, types=("model", "product", "unlisted"))
            for entity in ctx.coordinated(f.subject_pos, subject):
                _add_rows(rows, f, entity, date, article_id, anchor, anchor_basis, sentence)
    return rows


def _add_rows(rows, f, entity, date, article_id, anchor, anchor_basis, sentence):
    """One row per kind of one found price, about ``entity``; dollars converted at the date's rate."""
    rate, period = Decimal(1), ""
    if f.currency != "CNY":
        when = PartialDate.from_iso(date["date"].split("/")[0]) if date["date"] else None
        rate, period, _ = exchange.rate_to_cny(f.currency, when)
    per_million = f.amount * rate * Decimal(10 ** 6) / Decimal(f.per_tokens)
    for kind in f.kinds:
        rows.append({
            "article_id": article_id, "entity": entity.name, "entity_type": entity.type,
            "organization": entity.organization, "kind": kind,
            "yuan_per_million_tokens": float(per_million),
            "yuan_per_million_tokens_exact": exact(per_million), "status": f.status,
            "value_as_written": f.value_as_written, "unit_as_written": f.unit_as_written,
            "amount_exact": exact(f.amount), "currency": f.currency, "per_tokens": f.per_tokens,
            "exchange_rate": exact(rate) if f.currency != "CNY" else "",
            "exchange_rate_period": period, **date,
            "anchor": anchor.iso() if anchor else "", "anchor_basis": anchor_basis,
            "sentence": sentence, "start": f.start, "end": f.end,
        })


def facts_for_articles(articles: pd.DataFrame, per_text, columns) -> pd.DataFrame:
    """Map a per-article function over an articles table (one partition); concatenate its rows."""
    from llmnews import timeline

    tables = timeline.rows_per_article(  # the one loop over articles with their anchors
        articles, lambda article, anchor, basis, _note: [per_text(article["text"], anchor, article["article_id"],
                                                                  anchor_basis=basis)])
    tables = [t for t in tables if len(t)]
    if not tables:
        return typed_table([], columns)
    return pd.concat(tables, ignore_index=True)[columns]


def price_facts(articles: pd.DataFrame) -> pd.DataFrame:
    """Every stated price of every article (``prices_in_text`` article by article)."""
    return facts_for_articles(articles, prices_in_text, PRICE_COLUMNS)
