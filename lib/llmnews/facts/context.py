"""What every fact needs from its article: its sentence, its date and the entity it is about.

One ``ArticleContext`` per article text. Facts are found sentence by sentence with the project's
one sentence rule (``llmnews.sentences``) and dated as the timeline dates events
(``llmnews.timeline``): the time expression of the fact's own sentence closest before it, else
the article's publication anchor (``timeline.publication_anchor``), keeping the granularity. The
entity is a lexicon entity (canonical, with its organisation) of the fact's clause, else one the
sentence or paragraph refers back to, else a model name as written (a Latin name with a digit or a
hyphen, ``moonshot-v1-8k``), else none: a fact about "市面上同规格模型" is about no named model.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass

from llmnews import dates
from llmnews.sentences import sentence_spans

__all__ = ["ArticleContext", "Entity", "NO_ENTITY", "DATE_SOURCES", "NUMERIC_COLUMNS", "typed_table"]

DATE_SOURCES = ("own sentence", "publication anchor", "none")
_CLAUSE_END = re.compile(r"[，,：:（）()]")
# Dates that say when something was the case; a century says nothing about a price.
_DATING = {"day", "month", "year", "season", "range", "part_of_month", "recent", "present"}
# A clause that names its own subject with a generic noun is about no named model ("而市面上同规格
# 模型的定价一般为…"): it must not inherit the sentence's topic.
_GENERIC_SUBJECT = re.compile(r"(?:市面上|同规格|同类|其他|其它|行业|业内|业界|平均|多数|大部分|一般)"
                              r"[^，,。]{0,6}(?:模型|产品|厂商|企业|公司)")
_THIRD_PERSON = re.compile(r"其|它|该模型|该公司|该产品|这款|此款")
_FIRST_SECOND_PERSON = re.compile(r"我们|你们|咱们|我司|贵司")
# Latin model names the lexicon does not know: a letter first, a digit or a hyphen inside.
_UNLISTED = re.compile(r"(?<![A-Za-z0-9\-_.])[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)+(?![A-Za-z0-9\-_])"
                       r"|(?<![A-Za-z0-9\-_.])[A-Za-z]+\d[A-Za-z0-9]*(?![A-Za-z0-9\-_.])")
# A tier written after a family name makes a more specific model: 讯飞星火Lite, 混元-standard,
# Claude 3 Haiku; a short Chinese name with a tier at a clause start too (星火Pro).
_TIER = r"(?:Lite|lite|Pro|pro|Max|max|Turbo|turbo|Air|air|Flash|flash|Plus|plus|Ultra|Mini|mini|Standard|standard|Speed|speed|Long|Large|Haiku|Sonnet|Opus|Tiny|Nano)(?![A-Za-z])"
_TIER_AFTER = re.compile(rf"[ -]?{_TIER}")
_SHORT_WITH_TIER = re.compile(rf"(?:(?<=[，,。：:、（(“\"\s])|^)[\u4e00-\u9fff]{{1,4}}[ -]?{_TIER}")
_COORDINATION = re.compile(r"^[ ]*(?:、|和|及|与|以及)[ ]*$")
_NOT_A_MODEL = re.compile(r"(?i)^(?:[A-Z]?\d+[KMB]?|A100|H100|H800|A800|H20|V100|GPU\d*|iOS\d*|5G|4G|"
                          r"COVID-19|B2B|B2C|S\d+|M\d+|X\d+|P\d+)$")


# Columns that hold numbers; every other fact column is text ("" when unknown, never None).
NUMERIC_COLUMNS = {"yuan_per_million_tokens": "float64", "change": "float64", "value": "float64",
                   "per_tokens": "int64", "start": "int64", "end": "int64"}


def typed_table(rows: list[dict], columns: list[str]):
    """A fact table with the same dtypes whether it has rows or not.

    A store that maps over partitions concatenates their tables; an empty partition must not turn
    text columns into ``object`` ones.
    """
    import pandas as pd

    if not rows:  # most articles state no fact of a kind: one empty table, copied
        return _empty_table(tuple(columns)).copy()
    # one typed Series per column: building an object frame and then astype-ing every column
    # cost ten times more, and a corpus asks for three tables per article
    return pd.DataFrame({c: pd.Series([row.get(c) for row in rows], dtype=NUMERIC_COLUMNS.get(c, "str"))
                         for c in columns}, columns=list(columns))


@functools.lru_cache(maxsize=8)
def _empty_table(columns: tuple[str, ...]):
    import pandas as pd

    return pd.DataFrame({c: pd.Series([], dtype=NUMERIC_COLUMNS.get(c, "str")) for c in columns},
                        columns=list(columns))


@dataclass(frozen=True)
class Entity:
    """The entity a fact is about: canonical name, type (``unlisted`` when only written), owner."""

    name: str
    type: str
    organization: str


NO_ENTITY = Entity("", "", "")


class ArticleContext:
    """Sentences, dates and entity mentions of one article text, computed once and shared."""

    def __init__(self, text: str, anchor: dates.PartialDate | None, *, mention_finder=None, terms=None):
        from llmnews import timeline

        self.text = text
        self._terms = terms  # the article's tokens, when the analysis store already has them
        self.anchor = anchor
        self._find_mentions = mention_finder or timeline.entity_mentions_in
        self.spans = sentence_spans(text)
        self._sentence_starts = [s for s, _ in self.spans]
        self._expressions = None
        self._mentions: dict[int, list] = {}
        self._main_organization = None

    # --- sentences and clauses ------------------------------------------------------------

    def sentence_index(self, pos: int) -> int:
        return bisect.bisect_right(self._sentence_starts, pos) - 1

    def clause_span(self, s_index: int, pos: int) -> tuple[int, int]:
        """(start, end) in the text of the clause of sentence ``s_index`` holding ``pos``."""
        s_start, s_end = self.spans[s_index]
        sentence = self.text[s_start:s_end]
        start, end = 0, len(sentence)
        for m in _CLAUSE_END.finditer(sentence):
            if m.start() < pos - s_start:
                start = m.end()
            else:
                end = m.start()
                break
        return s_start + start, s_start + end

    def paragraph_start(self, pos: int) -> int:
        return self.text.rfind("\n", 0, pos) + 1

    # --- dates -----------------------------------------------------------------------------

    @property
    def expressions(self):
        if self._expressions is None:
            self._expressions = dates.extract_time_expressions(self.text, self.anchor)
        return self._expressions

    def date_at(self, pos: int) -> dict:
        """The date of a fact at ``pos``: its sentence's last time expression before it, else the anchor."""
        s_start, _ = self.spans[self.sentence_index(pos)]
        own = [e for e in self.expressions if s_start <= e.start and e.end <= pos
               and e.value is not None and e.granularity in _DATING]
        if own:
            e = own[-1]
            first, last = e.interval()
            return {"date": e.iso(), "date_start": first.isoformat(), "date_end": last.isoformat(),
                    "granularity": e.granularity, "date_text": e.text, "date_source": DATE_SOURCES[0]}
        if self.anchor is not None:
            first, last = dates.interval(self.anchor)
            return {"date": self.anchor.iso(), "date_start": first.isoformat(), "date_end": last.isoformat(),
                    "granularity": self.anchor.granularity, "date_text": "", "date_source": DATE_SOURCES[1]}
        return {"date": "", "date_start": "", "date_end": "", "granularity": "", "date_text": "",
                "date_source": DATE_SOURCES[2]}

    # --- entities --------------------------------------------------------------------------

    def mentions(self, s_index: int) -> list[tuple[int, int, Entity]]:
        """(start, end, entity) of the lexicon entities and unlisted model names of a sentence."""
        if s_index not in self._mentions:
            s_start, s_end = self.spans[s_index]
            sentence = self.text[s_start:s_end]
            found = [(s_start + m.start, s_start + m.end, Entity(m.entity, m.type, m.organization or ""))
                     for m in self._find_mentions(sentence)]
            for m in _UNLISTED.finditer(sentence):
                start, end = s_start + m.start(), s_start + m.end()
                if _NOT_A_MODEL.match(m.group()):
                    continue
                inside = [x for x in found if start <= x[0] and x[1] <= end]
                if any(a < end and start < b for a, b, _ in found) and not inside:
                    continue
                if inside and any(x[1] - x[0] == end - start for x in inside):
                    continue
                # "GLM-4-Flash" holds the lexicon's "GLM-4": the written name is the more specific
                # model; it keeps the owner the lexicon gives the shorter name
                owner = inside[0][2].organization if inside else ""
                found = [x for x in found if x not in inside]
                found.append((start, end, Entity(m.group(), "unlisted", owner)))
            extended = []
            for start, end, entity in found:
                tier = _TIER_AFTER.match(self.text, end, s_end)
                if tier and entity.type != "organization":
                    name = self.text[start:tier.end()]
                    owner = entity.organization
                    entity = Entity(name, "unlisted", owner)
                    end = tier.end()
                extended.append((start, end, entity))
            for m in _SHORT_WITH_TIER.finditer(sentence):
                start, end = s_start + m.start(), s_start + m.end()
                if not any(a < end and start < b for a, b, _ in extended):
                    extended.append((start, end, Entity(m.group(), "unlisted", "")))
            self._mentions[s_index] = sorted(extended, key=lambda x: x[0])
        return self._mentions[s_index]

    def main_organization(self) -> Entity:
        """The organisation the article names most often: who "我们"/"你们" are in an interview."""
        if self._main_organization is None:
            # people count for their organisation: in an interview the speaker label ("张鹏:")
            # names the interviewee's company on every answer, more often than any rival is named
            from llmnews import lexicon, text as text_module

            counts = Counter()
            terms = self._terms if self._terms is not None else text_module.tokenize(self.text)
            for term, n in Counter(terms).items():  # each distinct term looked up once
                canonical = lexicon.canonical_name(term) or term
                info = lexicon.entity_info(canonical)
                if info is None:
                    continue
                if info["type"] == "organization":
                    counts[canonical] += n
                elif info["type"] == "person" and info["organization"]:
                    counts[info["organization"]] += n
            if counts:
                name = min(counts, key=lambda n: (-counts[n], n))
                self._main_organization = Entity(name, "organization", name)
            else:
                self._main_organization = NO_ENTITY
        return self._main_organization

    def subject(self, pos: int, *, types=("model", "product", "unlisted"), exclude=(), after=False,
                as_organization=False, require_in_clause=False) -> Entity:
        """The entity a fact at ``pos`` is about.

        In order: an entity of the wanted ``types`` in the fact's clause (the nearest after it
        first when ``after``, as in "1300亿参数的GLM-130B"; else the nearest before it); a generic
        subject in the clause means no named entity; a first- or second-person pronoun means the
        speaker's organisation (the last one named in the paragraph, else the article's main one);
        else the sentence's first entity of those types before the clause (its topic, which "其"
        and a zero subject refer to); else, for a pronoun, the last entity of the paragraph before.
        ``exclude`` holds (start, end) spans whose entities are not candidates (the fact itself, an
        investor, a reference point). ``as_organization`` maps a model to its owner.
        """
        s_index = self.sentence_index(pos)
        c_start, c_end = self.clause_span(s_index, pos)

        def usable(item):
            start, end, entity = item
            return entity.type in types and not any(a < end and start < b for a, b in exclude)

        mentions = [m for m in self.mentions(s_index) if usable(m)]
        in_clause = [m for m in mentions if c_start <= m[0] and m[1] <= c_end]
        chosen = None
        if after:
            following = [m for m in in_clause if m[0] >= pos]
            chosen = following[0] if following else None
        if chosen is None:
            before = [m for m in in_clause if m[1] <= pos]
            chosen = before[-1] if before else None
        if chosen is None and not after and not require_in_clause:
            # the model may follow the number in its clause ("0.1元/千tokens的GLM-4")
            chosen = next((m for m in in_clause if m[0] >= pos), None)
        lead = self.text[c_start:pos]
        if chosen is None and require_in_clause:
            return NO_ENTITY
        if chosen is None and _GENERIC_SUBJECT.search(lead):
            return NO_ENTITY
        if chosen is None and _FIRST_SECOND_PERSON.search(lead):
            entity = self._last_in_paragraph(s_index, ("organization",)) or self.main_organization()
            return self._as_org(entity) if as_organization else entity
        if chosen is None:
            earlier = [m for m in mentions if m[1] <= c_start]
            chosen = earlier[0] if earlier else None
            # the topic "Kimi的moonshot-v1-8k" is the model after 的, not the product before it
            while chosen is not None:
                following = [m for m in earlier if m[0] == chosen[1] + 1 and self.text[chosen[1]] == "的"]
                if not following:
                    break
                chosen = following[0]
        # "它…融资额达25亿元，投后估值超过140亿元": the pronoun may open an earlier clause
        if chosen is None and (_THIRD_PERSON.search(self.text[self.spans[s_index][0]:pos]) or not lead.strip()):
            entity = self._last_in_paragraph(s_index, types)
            if entity is not None:
                return self._as_org(entity) if as_organization else entity
        if chosen is None and not [m for m in self.mentions(s_index) if m[1] <= pos]:
            # "…Qwen-Long的输入价格降至…。输出价格同步降至…。": a sentence naming nothing (no entity,
            # no generic subject) goes on about the entity the paragraph was about
            entity = self._last_in_paragraph(s_index, types)
            if entity is not None:
                return self._as_org(entity) if as_organization else entity
        if chosen is None:
            return NO_ENTITY
        return self._as_org(chosen[2]) if as_organization else chosen[2]

    def coordinated(self, pos: int, entity: Entity) -> list[Entity]:
        """The entity and those listed with it right before it ("ERNIE Speed、ERNIE Lite的…")."""
        if not entity.name:
            return [entity]
        mentions = self.mentions(self.sentence_index(pos))
        index = next((i for i, m in enumerate(mentions) if m[2] == entity and m[1] <= pos), None)
        if index is None:
            return [entity]
        group = [mentions[index][2]]
        i = index
        while i > 0 and _COORDINATION.match(self.text[mentions[i - 1][1]:mentions[i][0]]) \
                and mentions[i - 1][2].type == entity.type:
            group.insert(0, mentions[i - 1][2])
            i -= 1
        return group

    def _last_in_paragraph(self, s_index: int, types) -> Entity | None:
        p_start = self.paragraph_start(self.spans[s_index][0])
        i = s_index - 1
        while i >= 0 and self.spans[i][0] >= p_start:
            found = [m for m in self.mentions(i) if m[2].type in types]
            if found:
                return found[-1][2]
            i -= 1
        return None

    @staticmethod
    def _as_org(entity: Entity) -> Entity:
        if entity.type == "organization" or not entity.organization:
            return entity
        return Entity(entity.organization, "organization", entity.organization)
