"""Relative price changes: ``价格下降50%``, ``降幅高达80%``, ``价格却降低了2/3``, ``便宜约20%``,
``约为GPT-4价格的1/400``, ``是豆包模型价格的150倍``, ``打五折``.

One row per change (and per kind when the sentence says "输入、输出价格…"): the entity, the change
as an exact fraction of the price it is relative to (``change_exact`` ``-1/2``, ``ratio_exact``
``1/2``: new price / reference price), what it is relative to (``previous price`` for a cut, else
the entity named as the reference), the qualifier (``≈`` 约, ``≤`` 近, ``≥`` 超过, ``=``) and the
sentence. A change counts only in a clause about a price (价格, 定价, 降价, 降幅 in a sentence about
prices …): ``性能提升60%``, ``同比下降62%`` and ``占比2.1%`` are changes of other things.
"""

from __future__ import annotations

import re
from fractions import Fraction

import pandas as pd

from llmnews.dates import PartialDate
from llmnews.facts.context import ArticleContext, Entity, typed_table
from llmnews.facts.numbers import FRACTION, NUMBER, fraction_text, parse_fraction, parse_number
from llmnews.facts.prices import facts_for_articles, kinds_in, price_rows, prices_in_text

__all__ = ["CHANGE_COLUMNS", "changes_in_text", "price_changes", "QUALIFIERS"]

CHANGE_COLUMNS = [
    "article_id", "entity", "entity_type", "organization", "kind", "change", "change_exact", "ratio_exact",
    "relative_to", "qualifier", "change_as_written", "date", "date_start", "date_end", "granularity",
    "date_text", "date_source", "anchor", "anchor_basis", "sentence", "start", "end",
]
# The qualifier words of every number fact, as a relation between the true and the stated value.
QUALIFIERS = {"约": "≈", "大约": "≈", "大概": "≈", "左右": "≈", "近": "≤", "将近": "≤", "接近": "≤",
              "不到": "≤", "超过": "≥", "超": "≥", "逾": "≥", "突破": "≥", "至少": "≥", "以上": "≥",
              "多": "≥", "余": "≥", "级": "≥", "高达": "=", "达": "=", "多达": "=", "达到": "="}
_SP = r"[ \u3000\u00a0]*"
_Q = r"(?P<q>约|大约|大概|近|将近|接近|不到|超过|超|至少|高达|多达|达到|达)?"
_DOWN = r"下降|降低|下调|降价|减少|减价|便宜|直降|跌|砍"
_UP = r"上涨|上调|涨价|提高|提升|增加|贵"
_VERB_RE = re.compile(rf"(?P<dir>{_DOWN}|{_UP})(?:了)?{_SP}{_Q}{_SP}(?P<f>{FRACTION})")
_RANGE_RE = re.compile(rf"(?P<dir>降幅|涨幅|降价幅度|涨价幅度)(?:高达|达到|达|约为|约|为|超过|近)?{_SP}{_Q}{_SP}(?P<f>{FRACTION})")
_RATIO_RE = re.compile(rf"(?P<q0>约|大约|近|仅|只)?(?:为|是|相当于|只有|仅为|仅是|不到)(?P<ref>[^，,。；;]{{1,30}}?)"
                       rf"(?:的)?(?:价格|定价|售价|费用|报价)?的{_SP}{_Q}{_SP}"
                       rf"(?:(?P<f>{FRACTION})|(?P<times>{NUMBER}){_SP}倍)")
_DISCOUNT_RE = re.compile(rf"(?:打|降到|降至)?{_SP}(?P<n>[一二三四五六七八九]|\d(?:\.\d)?){_SP}折(?!叠|扣|腾|射)")
_COMPARE_RE = re.compile(r"比(?P<ref>[^，,。比]{1,25}?)(?:的价格|价格)?(?:还|更)?(?=便宜|贵|低|高)")
# A clause is about a price when it says so; 降幅/降价 also count in a sentence that names a price.
# (Not bare 价: 股价 and 房价 are prices of other things.)
_PRICE_WORD = re.compile(r"(?<!股)价格|定价|售价|单价|费用|收费|报价|计费|降价|调价|涨价")
_UP_WORDS = re.compile(_UP)


def _qualifier(*words: str | None) -> str:
    for w in words:
        if w:
            return QUALIFIERS.get(w, "=")
    return "="


def changes_in_text(text: str, anchor: PartialDate | str | None = None, article_id: str = "", *,
                    anchor_basis: str = "", mention_finder=None, context: ArticleContext | None = None,
                    prices: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every relative price change of one article, columns ``CHANGE_COLUMNS``.

    ``prices`` (this article's ``prices_in_text``) lets a change with no subject of its own take
    the entity of the price stated before it in the same sentence ("…从5元降至1元，降幅高达80%").
    """
    if isinstance(anchor, str):
        anchor = PartialDate.from_iso(anchor) if anchor else None
    ctx = context or ArticleContext(text, anchor, mention_finder=mention_finder)
    price_list = (price_rows(text, anchor, article_id, anchor_basis=anchor_basis, context=ctx) if prices is None
                  else prices.to_dict("records"))
    return typed_table(change_rows(text, anchor, article_id, anchor_basis=anchor_basis, context=ctx,
                                   prices=price_list), CHANGE_COLUMNS)


def change_rows(text: str, anchor: PartialDate | None, article_id: str, *, anchor_basis: str,
                context: ArticleContext, prices: list[dict]) -> list[dict]:
    """``changes_in_text``' rows as dicts; ``prices`` are this article's price rows."""
    ctx = context
    rows = []
    for s_start, s_end in ctx.spans:
        sentence = text[s_start:s_end]
        if not _PRICE_WORD.search(sentence):
            continue
        found = []  # (start, end, ratio Fraction, qualifier, relative_to span or None, written)
        for m in _VERB_RE.finditer(text, s_start, s_end):
            share = parse_fraction(m.group("f"))
            sign = 1 if _UP_WORDS.fullmatch(m.group("dir")) else -1
            found.append((m.start(), m.end(), 1 + sign * share, _qualifier(m.group("q")), None, m.group()))
        for m in _RANGE_RE.finditer(text, s_start, s_end):
            share = parse_fraction(m.group("f"))
            sign = 1 if m.group("dir").startswith("涨") else -1
            found.append((m.start(), m.end(), 1 + sign * share, _qualifier(m.group("q")), None, m.group()))
        for m in _RATIO_RE.finditer(text, s_start, s_end):
            ratio = parse_fraction(m.group("f")) if m.group("f") else Fraction(parse_number(m.group("times")))
            found.append((m.start(), m.end(), ratio, _qualifier(m.group("q"), m.group("q0")),
                          m.span("ref"), m.group()))
        for m in _DISCOUNT_RE.finditer(text, s_start, s_end):
            n = m.group("n")
            tenths = Fraction(parse_number(n)) if not n.isdigit() and "." not in n else Fraction(n)
            found.append((m.start(), m.end(), tenths / 10, "=", None, m.group()))
        for start, end, ratio, qualifier, ref_span, written in sorted(found):
            c_start, c_end = ctx.clause_span(ctx.sentence_index(start), start)
            clause = text[c_start:c_end]
            earlier = [p for p in prices if p["start"] >= s_start and p["end"] <= start]
            priced_before = bool(earlier)
            # "…降至0.0005元/千tokens，直降97%": a bare change right after a stated price is its change
            if not _PRICE_WORD.search(clause) and not re.match(r"降幅|涨幅|降价", written) and not priced_before:
                continue
            if any(r["start"] < end and start < r["end"] for r in rows):
                continue
            compare = None
            if ref_span is None:
                compare = _COMPARE_RE.search(text, c_start, start + 2)
                if compare is not None:
                    ref_span = compare.span("ref")
            exclude = [ref_span] if ref_span else []
            entity = ctx.subject(start, types=("model", "product", "unlisted"), exclude=exclude,
                                 require_in_clause=True)
            if not entity.name:
                if earlier:
                    last = earlier[-1]
                    entity = Entity(last["entity"], last["entity_type"], last["organization"])
                else:
                    entity = ctx.subject(start, types=("model", "product", "unlisted"), exclude=exclude)
            if ref_span is not None:
                relative_to = _reference(ctx, ref_span)
            else:
                relative_to = "previous price"
            date = ctx.date_at(start)
            for kind in kinds_in(text[c_start:start]):
                rows.append({
                    "article_id": article_id, "entity": entity.name, "entity_type": entity.type,
                    "organization": entity.organization, "kind": kind, "change": float(ratio - 1),
                    "change_exact": fraction_text(ratio - 1), "ratio_exact": fraction_text(ratio),
                    "relative_to": relative_to, "qualifier": qualifier, "change_as_written": written.strip(),
                    **date, "anchor": anchor.iso() if anchor else "", "anchor_basis": anchor_basis,
                    "sentence": sentence, "start": start, "end": end,
                })
    return rows


def _reference(ctx: ArticleContext, span: tuple[int, int]) -> str:
    """The entity a ratio is relative to: the lexicon's name when it knows one there, else as written."""
    start, end = span
    inside = [m for m in ctx.mentions(ctx.sentence_index(start)) if start <= m[0] and m[1] <= end]
    if inside:
        return inside[0][2].name
    return re.sub(r"(?:的)?(?:价格|定价|售价)$", "", ctx.text[start:end]).strip()


def price_changes(articles: pd.DataFrame) -> pd.DataFrame:
    """Every relative price change of every article (``changes_in_text`` article by article)."""
    return facts_for_articles(articles, changes_in_text, CHANGE_COLUMNS)
