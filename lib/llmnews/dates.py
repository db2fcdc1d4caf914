"""Chinese time expressions in news text, normalised without inventing precision.

``extract_time_expressions(text, anchor)`` finds every date-like expression in a text and returns it
with its normalised value, its granularity and how it was resolved:

- absolute: ``2022年11月27日``, ``2 月 1 日`` (outlet spacing), ``2023年7月``, ``2024年``,
  ``二〇二三年十一月``, ``2024-01-15``;
- year-less: ``5月15日``, ``8月``: the year comes from the anchor (the article's publication date);
- relative: ``去年9月``, ``今年年初``, ``年底``, ``上半年``, ``近日``, ``截至目前``, ``第二年``,
  ``同期``, ``同日``: resolved against the anchor, or against the previous expression in the same
  text for anaphora (``第二年``, ``当年``, ``同期``, ``当天`` refer back to the year, period or day
  just mentioned; ``这一天``, ``当天``, ``同日``, ``当晚`` only to the last day-level date, in the
  same paragraph or the two before, and
  ``次日``/``第二天`` is the day after a day-level date there, never after a month; ``两个月后`` is
  the month two months after the date just narrated, at month granularity; ``今天``/``昨晚`` are the
  publication day or the day before when the anchor is a day, else the day of (before) a date
  written just before them in the paragraph, the date line; ``周四(18日)`` is the 18th of
  the anchor's month, or of the month before when that day is still to come);
- ranges stay ranges: ``2023年7月至9月``, ``从2023年的3月到9月``, ``1870年到1900年``,
  ``2026年、2027年左右`` (approximate).

Numbers that are not dates are not dates: a year needs four digits (or four Chinese digits) and
``年``; a month needs a number not preceded by another digit or a counter (``两个月``); a day needs
a month before it. So ``2000张A100``, ``1000亿tokens``, ``24小时``, ``5天时间``, ``300418.SZ``,
``2/3`` and ``九天大模型`` never match.

Granularity is never finer than the text: ``年初`` is the early part of a year (a season spanning
January-March), not January 1; ``近日`` is "a few days before the anchor", reported at the anchor's
month, never as a day.

Why hand-written: jionlp 1.5's time parser, measured on the 25 kinds of date expression and 15
non-dates of the seed articles (time_base = a March 2024 anchor), got 11 dates wrong or unparsed
(``2 月 1 日`` with outlet spaces, ``近日``, ``前些天``, ``同期``, ``截至目前``, ``十一月`` raise;
``第二年`` becomes the anchor's next year instead of the year after the one just mentioned; the
ranges ``2023年7月至9月``, ``从2023年的3月到9月``, ``2026年、2027年左右`` collapse to their first
month or year; ``8月初`` becomes 1-5 August 2024, invented days and no roll-back to the past year)
and read 3 non-dates as times (``2000张A100`` as the year 2000, ``2/3`` as 3 February, ``九天`` in
九天大模型 as nine days). It is also a heavy dependency. The rules below are short, general
Chinese-news patterns.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as _dt
import functools
import re
from dataclasses import dataclass

from llmnews.sentences import sentence_spans  # the project's one sentence rule

__all__ = [
    "PartialDate",
    "TimeExpression",
    "extract_time_expressions",
    "interval",
    "overlaps",
    "YEARLESS_FUTURE_TOLERANCE_DAYS",
    "refine_lower_bound",
    "FUTURE_SENTENCE",
]

# A year-less date that would fall more than this many days after the anchor's last day is taken to
# be in the previous year: news reports bare month-days mostly for past events, and a bare date a
# couple of months ahead (a scheduled launch) is still plausible, one half a year ahead is not.
YEARLESS_FUTURE_TOLERANCE_DAYS = 62


@functools.total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A calendar date known to the year, the month or the day; orderable (coarser sorts first)."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self):
        if not isinstance(self.year, int) or not 1 <= self.year <= 9999:
            raise ValueError(f"year out of range: {self.year!r}")
        if self.month is None and self.day is not None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month!r}")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(f"day out of range for {self.year}-{self.month:02d}: {self.day!r}")

    @property
    def granularity(self) -> str:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @classmethod
    def from_iso(cls, s: str) -> "PartialDate":
        m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", str(s).strip())
        if not m:
            raise ValueError(f"not an ISO partial date (YYYY, YYYY-MM or YYYY-MM-DD): {s!r}")
        year, month, day = (int(g) if g else None for g in m.groups())
        return cls(year, month, day)

    def first_day(self) -> _dt.date:
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> _dt.date:
        if self.day is not None:
            return _dt.date(self.year, self.month, self.day)
        month = self.month or 12
        return _dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def truncate(self, granularity: str) -> "PartialDate":
        """The same date at a coarser granularity (``day`` -> ``month`` -> ``year``)."""
        if granularity == "year":
            return PartialDate(self.year)
        if granularity == "month" and self.month is not None:
            return PartialDate(self.year, self.month)
        return self

    def _key(self):
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other):
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def __str__(self):
        return self.iso()


@dataclass(frozen=True)
class TimeExpression:
    """One time expression found in a text.

    ``value`` is the (start) date, ``end_value`` the end of a range or season (None for a point);
    ``granularity`` is ``day``/``month``/``year`` for a point, or ``range``, ``season`` (part of a
    year: 年初, 上半年, 三季度), ``part_of_month`` (8月初, 中旬), ``recent`` (近日: shortly before the
    anchor), ``present`` (截至目前: the anchor itself), ``century``. ``kind`` is ``absolute`` (the
    year is written), ``yearless`` (month/day only, year from the anchor) or ``relative``.
    ``anchor_used`` is the date the expression was resolved against (None if it needed none);
    ``unresolved`` says why ``value`` is None when it is.
    """

    text: str
    start: int
    end: int
    value: PartialDate | None
    end_value: PartialDate | None
    granularity: str
    kind: str
    anchor_used: PartialDate | None = None
    approximate: bool = False
    part: str | None = None
    note: str | None = None
    unresolved: str | None = None

    def iso(self) -> str | None:
        """``2023-07`` for a point, ``2023-07/2023-09`` (ISO 8601 interval) for a span."""
        if self.value is None:
            return None
        if self.end_value is None or self.end_value == self.value:
            return self.value.iso()
        return f"{self.value.iso()}/{self.end_value.iso()}"

    def interval(self) -> tuple[_dt.date, _dt.date] | None:
        """First and last calendar day this expression can mean."""
        if self.value is None:
            return None
        return self.value.first_day(), (self.end_value or self.value).last_day()


def interval(value: PartialDate, end_value: PartialDate | None = None) -> tuple[_dt.date, _dt.date]:
    return value.first_day(), (end_value or value).last_day()


def overlaps(a: tuple[_dt.date, _dt.date], b: tuple[_dt.date, _dt.date]) -> bool:
    """Two date intervals share at least one day: the dates can describe the same moment."""
    return a[0] <= b[1] and b[0] <= a[1]


# --- numerals --------------------------------------------------------------------------------

_CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}


def _cn_small(s: str) -> int:
    """1-39 written in Chinese numerals (一, 十一, 二十七) or Arabic digits."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, units = s.partition("十")
        return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0)
    return _CN_DIGIT[s]


def _cn_year(s: str) -> int:
    """``2023`` or ``二〇二三`` (digit by digit, as Chinese writes years)."""
    if s.isdigit():
        return int(s)
    return int("".join(str(_CN_DIGIT[c]) for c in s))


# --- patterns --------------------------------------------------------------------------------

_SP = r"[ \u3000\u00a0]*"  # outlets put spaces around numbers: "2 月 1 日"
# Nothing that makes a number part of a code, a version or a bigger number may precede a date.
_NOT_AFTER = r"(?<![0-9A-Za-z.\-/_])"
_YEAR_NUM = r"(?:1[5-9]\d\d|2[01]\d\d|[一二][〇零○一二三四五六七八九]{3})"
_REL_YEAR = {"今年": 0, "本年": 0, "去年": -1, "前年": -2, "明年": 1, "后年": 2}
_ANAPHORIC_YEAR = {"当年": 0, "同年": 0, "这一年": 0, "那一年": 0, "次年": 1, "翌年": 1, "第二年": 1}
_MONTH_NUM = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY_NUM = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"

# Parts of a year, as (first month, last month). 年初/年底 are deliberately wide: the text does not
# say which month, and a narrower span would be invented precision.
_YEAR_PARTS = {
    "岁末年终": (10, 12, "late"), "岁末": (10, 12, "late"), "年终": (10, 12, "late"),
    "年初": (1, 3, "early"), "初": (1, 3, "early"),
    "年底": (10, 12, "late"), "底": (10, 12, "late"), "年末": (10, 12, "late"), "末": (10, 12, "late"),
    "年中": (5, 8, "middle"),
    "上半年": (1, 6, "first_half"), "前半年": (1, 6, "first_half"),
    "下半年": (7, 12, "second_half"), "后半年": (7, 12, "second_half"),
    "春季": (3, 5, "spring"), "春天": (3, 5, "spring"), "夏季": (6, 8, "summer"),
    "夏天": (6, 8, "summer"), "秋季": (9, 11, "autumn"), "秋天": (9, 11, "autumn"),
}
_QUARTER = r"(?:第?[一二三四1-4]季度|[Qq][1-4])"
_YEAR_PART_RE = (r"(?:岁末年终|年初|年底|年末|年中|上半年|下半年|前半年|后半年|春季|春天|夏季|夏天|秋季|秋天"
                 r"|初(?![步期级次衷心始创])|底(?![层线部座子气下])|末(?![期尾端])|" + _QUARTER + ")")
_MONTH_PARTS = {"初": "early", "上旬": "early", "中旬": "middle", "中下旬": "late", "下旬": "late",
                "底": "late", "末": "late"}
_MONTH_PART_RE = r"(?:初(?![步期级次衷心始创])|上旬|中旬|中下旬|下旬|底(?![层线部座子气下])|末(?![期尾端]))"

_MONTHS = (rf"(?P<m>{_MONTH_NUM})(?:{_SP}(?:[-—–~～至到]){_SP}(?P<m2>{_MONTH_NUM})|(?P<m2cn>[二三四五六七八九十]))?"
           rf"{_SP}月份?")
_DAY_OR_MPART = rf"(?:{_SP}(?P<d>{_DAY_NUM}){_SP}[日号]|(?P<mpart>{_MONTH_PART_RE}))?"
# A bare month must not be the start of 月活 (monthly actives), 月薪 and the like.
_NOT_MONTH_NOUN = r"(?![活薪费租均供])"
_NOT_MONTH_NOUN_RE = re.compile(_NOT_MONTH_NOUN)

_PATTERNS = [
    ("iso", re.compile(
        rf"{_NOT_AFTER}(?P<y>(?:19|20)\d\d)(?P<sep>[-/])(?P<m>1[0-2]|0?[1-9])(?P=sep)(?P<d>3[01]|[12]\d|0?[1-9])(?![\d.])")),
    ("year_led", re.compile(
        rf"(?:{_NOT_AFTER}(?P<y>{_YEAR_NUM}){_SP}年|(?P<ry>今年|本年|去年|前年|明年|后年)"
        rf"|(?P<ay>当年|同年|这一年|那一年|次年|翌年|第二年))"
        rf"(?:(?:{_SP}的)?{_SP}(?:(?P<ypart>{_YEAR_PART_RE})|{_MONTHS}{_DAY_OR_MPART}))?")),
    ("month_led", re.compile(
        rf"(?<![0-9A-Za-z.\-/_〇零○一二三四五六七八九十百千万亿两几个每数半])"
        rf"{_MONTHS}{_DAY_OR_MPART}")),
    ("year_part", re.compile(
        r"(?<![年今去明前后本当同次翌这一二三四五六七八九十\d])"
        r"(?P<ypart>岁末年终|岁末|年终(?!奖)|年初|年底|年末|年中|上半年|下半年)")),
    ("rel_month", re.compile(rf"(?<!马)(?P<rm>上个月|上月|本月|这个月|当月|下个月|下月)(?:{_SP}(?P<d>{_DAY_NUM}){_SP}[日号])?")),
    ("recent", re.compile(r"(?P<v>近日|日前|前些天|前几天|这几天|近期|最近|不久前|不久之前|前段时间)")),
    ("present", re.compile(r"(?P<v>截至目前|截止目前|到目前为止|迄今为止|迄今|至今|目前|如今)")),
    ("same_period", re.compile(r"(?P<v>同期|同日|同一天|当天晚上|当天|当日|这一天|那一天|当晚|当夜)(?![的]?(?:相比|对比))")),
    ("next_day", re.compile(r"(?P<v>次日|翌日|第二天|隔天)")),
    # Hong Kong and Taiwan style "周四(18日)": a weekday with the day of the month in brackets
    ("weekday_day", re.compile(rf"(?:周|星期|礼拜)[一二三四五六日天]{_SP}[(（]{_SP}(?P<d>[12]\d|3[01]|0?[1-9]){_SP}日{_SP}[)）]")),
    # "一个月之后", "两年后": a whole number of months or years after the date just narrated
    ("offset_after", re.compile(r"(?P<n>[1-9]\d?|[一二两三四五六七八九十])(?P<more>多)?(?:个)?(?P<u>月|年)(?:之|以)?后")),
    # "今天", "昨晚": the publication day itself or the day before (今日头条 is an app)
    ("deictic_day", re.compile(r"(?P<v>昨天|昨日|昨晚|今天|今日(?!头条)|今晨|今晚|今早)")),
    ("century", re.compile(rf"(?P<c>\d{{2}}|[一二]?十[一二三四五六七八九]?){_SP}世纪"
                           r"(?P<cpart>初|末|中叶|中期|上半叶|下半叶)?")),
]

_RANGE_SEP = re.compile(rf"{_SP}(?:至|到|-|—|–|~|～|──|—+){_SP}")
_LIST_SEP = re.compile(rf"{_SP}(?:、|或|或者){_SP}")
_APPROX_AFTER = re.compile(rf"{_SP}(?:左右|前后)")
_DAY_ONLY_AFTER = re.compile(rf"(?P<d>{_DAY_NUM}){_SP}[日号]")


@dataclass
class _Atom:
    """One matched expression before resolution: which calendar fields the text itself gives."""

    start: int
    end: int
    kind: str
    year: int | None = None
    year_offset: int | None = None      # 去年 = -1 against the anchor
    year_anaphor: int | None = None     # 第二年 = +1 against the previous year mentioned
    month: int | None = None
    day: int | None = None
    ypart: str | None = None
    mpart: str | None = None
    special: str | None = None          # recent / present / same_period / rel_month / century
    rel_month: int | None = None
    century: int | None = None
    cpart: str | None = None
    # the end of a range, same fields
    end_atom: "_Atom | None" = None
    approximate: bool = False


def _atom_from_match(name: str, m: re.Match) -> _Atom | None:
    g = m.groupdict()
    atom = _Atom(m.start(), m.end(), name)
    if name == "iso":
        atom.year, atom.month, atom.day = int(g["y"]), int(g["m"]), int(g["d"])
        return atom
    if name in ("year_led", "month_led"):
        if g.get("y"):
            atom.year = _cn_year(g["y"])
        elif g.get("ry"):
            atom.year_offset = _REL_YEAR[g["ry"]]
        elif g.get("ay"):
            atom.year_anaphor = _ANAPHORIC_YEAR[g["ay"]]
        if g.get("ypart"):
            atom.ypart = g["ypart"]
        if g.get("m"):
            atom.month = _cn_small(g["m"])
            second = g.get("m2") or g.get("m2cn")
            if second:
                m2 = _cn_small(second)
                if g.get("m2cn") and m2 != atom.month + 1:
                    return None  # 四五月 is April-May; 三九月 is not a month expression
                if not atom.month < m2 <= 12:
                    return None
                atom.end_atom = _Atom(atom.start, atom.end, name, month=m2)
            if g.get("d"):
                atom.day = _cn_small(g["d"])
                if atom.end_atom is not None:
                    return None  # "7-9月15日" is not a well-formed expression
            elif g.get("mpart"):
                atom.mpart = g["mpart"]
            elif name == "month_led" and _NOT_MONTH_NOUN_RE.match(m.string, m.end()) is None:
                return None
        return atom
    if name == "year_part":
        atom.ypart = g["ypart"]
        return atom
    if name == "rel_month":
        atom.special = "rel_month"
        atom.rel_month = {"上个月": -1, "上月": -1, "本月": 0, "这个月": 0, "当月": 0,
                          "下个月": 1, "下月": 1}[g["rm"]]
        if g.get("d"):
            atom.day = _cn_small(g["d"])  # "本月16日": a day of that month
        return atom
    if name in ("recent", "present", "same_period", "next_day", "deictic_day"):
        atom.special = name
        return atom
    if name == "weekday_day":
        atom.special, atom.day = name, int(g["d"])
        return atom
    if name == "offset_after":
        atom.special = name
        atom.rel_month = _cn_small(g["n"]) * (12 if g["u"] == "年" else 1)
        atom.approximate = bool(g.get("more"))
        return atom
    if name == "century":
        atom.special = "century"
        atom.century = _cn_small(g["c"])
        if not 1 <= atom.century <= 22:
            return None
        atom.cpart = g.get("cpart")
        return atom
    raise AssertionError(name)


# Every character a pattern in _PATTERNS can start with: digits, Chinese numerals and the first
# characters of the relative words. Scanning jumps from one of these to the next at C speed, instead
# of trying every pattern at every character (most of a news text can start no date at all). A new
# pattern must add its first characters here; tests compare the scan against trying every position.
_SCAN_START = re.compile(r"[\d一二三四五六七八九十今本去前明后当同这那次翌第岁年上下近日最不截到迄至目如隔周星礼昨两]")
_DURATION_AFTER_YEAR = re.compile(r"(?:时间|之久|多的时间|的?历史)")


def _scan(text: str, *, every_position: bool = False) -> list[_Atom]:
    """Left-to-right, longest-first matches; ``every_position`` skips the start prefilter (tests)."""
    atoms: list[_Atom] = []
    i, n = 0, len(text)
    next_start = _SCAN_START.search
    while i < n:
        if not every_position:
            candidate = next_start(text, i)
            if candidate is None:
                break
            i = candidate.start()
        for name, pattern in _PATTERNS:
            m = pattern.match(text, i)
            if m is None or m.end() == m.start():
                continue
            atom = _atom_from_match(name, m)
            if atom is None:
                continue
            # "2023年" directly followed by a "时间/间" reads as a duration, not a date
            if name == "year_led" and atom.year is not None and atom.month is None and atom.ypart is None:
                if _DURATION_AFTER_YEAR.match(text, m.end()):
                    continue
            atoms.append(atom)
            i = m.end()
            break
        else:
            i += 1
    return atoms


def _plain_year(a: _Atom) -> bool:
    return a.special is None and a.month is None and a.ypart is None and (
        a.year is not None or a.year_offset is not None)


def _combine_ranges(text: str, atoms: list[_Atom]) -> list[_Atom]:
    """Join "A至B", "从A到B", "A、B左右" into one range; B inherits the fields it leaves out."""
    out: list[_Atom] = []
    k = 0
    while k < len(atoms):
        a = atoms[k]
        joined = False
        if a.special is None and a.end_atom is None and k + 1 < len(atoms):
            b = atoms[k + 1]
            between = text[a.end:b.start]
            if b.special is None and b.end_atom is None and b.ypart is None and a.ypart is None:
                if _RANGE_SEP.fullmatch(between) and _range_ok(a, b):
                    a.end_atom, a.end = b, b.end
                    joined = True
                elif _LIST_SEP.fullmatch(between) and _plain_year(a) and _plain_year(b) and _consecutive(a, b):
                    # "2026年、2027年左右": an approximate span of adjacent years
                    a.end_atom, a.end = b, b.end
                    joined = True
            elif b.special == "present" and text[b.start:b.end] == "至今" and not between.strip() \
                    and a.ypart is None and a.mpart is None:
                # "2023年9月至今": a span up to the publication date
                a.end_atom, a.end = b, b.end
                joined = True
        if not joined and a.end_atom is None and a.special is None and a.day is not None:
            # "11月27日至29日": a bare day only counts as the end of a range
            m = _RANGE_SEP.match(text, a.end)
            if m:
                d = _DAY_ONLY_AFTER.match(text, m.end())
                if d and _cn_small(d.group("d")) > a.day:
                    a.end_atom = _Atom(a.start, d.end(), a.kind, day=_cn_small(d.group("d")))
                    a.end = d.end()
        if _APPROX_AFTER.match(text, a.end):
            a.approximate = True
        out.append(a)
        k += 2 if joined else 1
    return out


def _consecutive(a: _Atom, b: _Atom) -> bool:
    if a.year is not None and b.year is not None:
        return b.year == a.year + 1
    if a.year_offset is not None and b.year_offset is not None:
        return b.year_offset == a.year_offset + 1
    return False


def _range_ok(a: _Atom, b: _Atom) -> bool:
    """B may leave out the year (or year and month), never carry finer fields than it can inherit."""
    if b.year is None and b.year_offset is None and b.year_anaphor is None:
        if b.month is None:
            return False
        if a.month is None and (a.year is not None or a.year_offset is not None):
            return False  # "2023年到9月" is not a range expression
    return True


def _resolve_year(a: _Atom, anchor: PartialDate | None, previous_year: int | None):
    """(year, anchor_used, unresolved_reason) for an atom's year field."""
    if a.year is not None:
        return a.year, None, None
    if a.year_offset is not None:
        if anchor is None:
            return None, None, "relative year without an anchor"
        return anchor.year + a.year_offset, anchor, None
    if a.year_anaphor is not None:
        if previous_year is None:
            return None, None, "refers back to a year, but none was mentioned before"
        return previous_year + a.year_anaphor, PartialDate(previous_year), None
    return None, None, None


def _yearless_year(month: int, day: int | None, anchor: PartialDate,
                   context_year: int | None) -> tuple[int, str | None]:
    """The year of a bare month(-day): the anchor's, unless that puts it well after the anchor.

    A bare date in news means the publication year. If that reading would put the date more than
    ``YEARLESS_FUTURE_TOLERANCE_DAYS`` after the anchor, the writer is narrating an earlier year:
    the year named just before (same or previous paragraph) if it is earlier than the anchor's,
    otherwise the year before the anchor's.
    """
    candidate = PartialDate(anchor.year, month, day).first_day()
    if (candidate - anchor.last_day()).days <= YEARLESS_FUTURE_TOLERANCE_DAYS:
        return anchor.year, None
    if context_year is not None and context_year < anchor.year:
        return context_year, (f"year {context_year} from the narration just before: "
                              f"{anchor.year} would put it after the anchor")
    return anchor.year - 1, (f"previous year: {anchor.year}-{month:02d} would be more than "
                             f"{YEARLESS_FUTURE_TOLERANCE_DAYS} days after the anchor")


def _safe_date(year, month=None, day=None) -> PartialDate | None:
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None


def extract_time_expressions(text: str, anchor: PartialDate | None = None) -> list[TimeExpression]:
    """Every time expression in ``text``, left to right, resolved against ``anchor``.

    ``anchor`` is the article's publication date (any granularity). Without it, absolute dates are
    still resolved; year-less and anchor-relative ones get ``value=None`` and an ``unresolved``
    reason, so a caller can infer a publication date from the absolute ones first.
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_time_expressions expects str, got {type(text).__name__}")
    if isinstance(anchor, str):
        anchor = PartialDate.from_iso(anchor)
    return list(_time_expressions(text, anchor))


# The store reads each article's dates three times (its time-expression table, its events, its
# facts), partition by partition; remembering the last few hundred articles' answers makes that one
# reading. A pure function of (text, anchor) returning frozen objects, so sharing is safe; callers
# get a new list each time.
@functools.lru_cache(maxsize=512)
def _time_expressions(text: str, anchor: PartialDate | None) -> tuple[TimeExpression, ...]:
    atoms = _combine_ranges(text, _scan(text))
    results: list[TimeExpression] = []
    previous: TimeExpression | None = None
    last_day: TimeExpression | None = None  # the last expression known to the day
    for a in atoms:
        context_year = None
        if previous is not None and text.count("\n", previous.end, a.start) <= 1:
            context_year = previous.value.year
        # 这一天, 同一天, 次日 point back to the last day narrated, not to a year or month mentioned
        # since ("1月20日…进入2025年…同一天"); 两个月后 to the last date. Both only within the two
        # paragraphs before (news paragraphs are often one sentence); further back is another
        # scene. 同期 compares periods and may reach further.
        referent = previous
        if a.special in ("same_period", "next_day", "offset_after") and text[a.start:a.end] != "同期":
            if a.special != "offset_after":
                referent = last_day
            if referent is not None and text.count("\n", referent.end, a.start) > 2:
                referent = None
        if a.special == "deictic_day":
            # without a day-level anchor, "今日"/"昨晚" count from a day written just before in the
            # same paragraph: the dateline ("IT之家12月26日消息，深度求索今日宣布")
            referent = last_day if last_day is not None and "\n" not in text[last_day.end:a.start] else None
        expr = _resolve(text, a, anchor, referent, context_year)
        results.append(expr)
        if expr.value is not None and expr.granularity not in ("recent", "present", "century"):
            previous = expr
            if expr.granularity == "day":
                last_day = expr
    return tuple(results)


def _resolve(text: str, a: _Atom, anchor: PartialDate | None, previous: TimeExpression | None,
             context_year: int | None = None) -> TimeExpression:
    raw = text[a.start:a.end]

    def make(value, end_value, granularity, kind, anchor_used=None, part=None, note=None, unresolved=None):
        if value is not None and end_value is not None and end_value < value:
            unresolved, value, end_value = f"range ends before it starts: {value.iso()} > {end_value.iso()}", None, None
        if value is None and unresolved is None:
            unresolved = "not a valid calendar date"
        return TimeExpression(raw, a.start, a.end, value, end_value, granularity, kind,
                              anchor_used, a.approximate, part, note, unresolved)

    previous_year = previous.value.year if previous is not None else None

    if a.special == "recent":
        if anchor is None:
            return make(None, None, "recent", "relative", unresolved="relative to an unknown anchor")
        return make(anchor.truncate("month"), None, "recent", "relative", anchor,
                    note="shortly before the anchor; reported at the anchor's month")
    if a.special == "present":
        if anchor is None:
            return make(None, None, "present", "relative", unresolved="relative to an unknown anchor")
        return make(anchor, None, "present", "relative", anchor, note="the anchor itself")
    if a.special == "deictic_day":
        back = 1 if raw.startswith("昨") else 0
        if anchor is not None and anchor.day is not None:
            day = anchor.first_day() - _dt.timedelta(days=back)
            return make(PartialDate(day.year, day.month, day.day), None, "day", "relative", anchor,
                        note="the day before publication" if back else "the publication day")
        if previous is not None:  # the dateline day just before it (see extract_time_expressions)
            day = previous.value.first_day() - _dt.timedelta(days=back)
            return make(PartialDate(day.year, day.month, day.day), None, "day", "relative", previous.value,
                        note=f"the day before {previous.text!r}" if back else f"the day of {previous.text!r}")
        return make(None, None, "day", "relative",
                    unresolved="today/yesterday need a publication day or a date line before them")
    if a.special == "weekday_day":
        if anchor is None or anchor.month is None:
            return make(None, None, "day", "yearless", unresolved="a day of the month needs an anchor month")
        year, month = anchor.year, anchor.month
        if anchor.day is not None and a.day > anchor.day:  # a past weekday of the month before
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        return make(_safe_date(year, month, a.day), None, "day", "yearless", anchor)
    if a.special == "offset_after":
        if previous is None or previous.value.month is None or previous.granularity not in (
                "day", "month", "part_of_month"):
            return make(None, None, "month", "relative",
                        unresolved="months after, but no month-level date just before it")
        index = previous.value.year * 12 + previous.value.month - 1 + a.rel_month
        return make(_safe_date(index // 12, index % 12 + 1), None, "month", "relative", previous.value,
                    note=f"the month {a.rel_month} months after {previous.text!r}")
    if a.special == "next_day":
        if previous is None or previous.granularity != "day" or previous.end_value not in (None, previous.value):
            return make(None, None, "day", "relative",
                        unresolved="the day after, but no single day in this or the two paragraphs before")
        following = previous.value.first_day() + _dt.timedelta(days=1)
        return make(PartialDate(following.year, following.month, following.day), None, "day", "relative",
                    previous.value, note=f"the day after {previous.text!r}")
    if a.special == "same_period":
        if previous is None:
            return make(None, None, "same_period", "relative",
                        unresolved="refers back, but no date in this or the two paragraphs before")
        return make(previous.value, previous.end_value, previous.granularity, "relative", previous.value,
                    part=previous.part, note=f"same period as {previous.text!r}")
    if a.special == "rel_month":
        if anchor is None or anchor.month is None:
            return make(None, None, "month", "relative", unresolved="relative month needs an anchor month")
        index = anchor.year * 12 + (anchor.month - 1) + a.rel_month
        if a.day is not None:
            return make(_safe_date(index // 12, index % 12 + 1, a.day), None, "day", "relative", anchor)
        return make(_safe_date(index // 12, index % 12 + 1), None, "month", "relative", anchor)
    if a.special == "century":
        first = (a.century - 1) * 100  # colloquial: 19世纪 = the 1800s
        lo, hi = {None: (0, 99), "初": (0, 19), "末": (70, 99), "中叶": (30, 69), "中期": (30, 69),
                  "上半叶": (0, 49), "下半叶": (50, 99)}[a.cpart]
        return make(_safe_date(first + lo if first + lo > 0 else 1), _safe_date(first + hi), "century",
                    "absolute", part=a.cpart)

    year, anchor_used, unresolved = _resolve_year(a, anchor, previous_year)
    kind = "absolute" if a.year is not None else "relative"
    # 这一年/第二年 refer back: the note says to what, so a reader (and the events) can tell
    note = f"refers back to {previous.text!r}" if a.year_anaphor is not None and year is not None else None

    if a.ypart is not None and a.month is None:
        # a season of a year: 2023年底, 今年年初, bare 年底 (the anchor's year)
        if year is None and unresolved is None:
            if anchor is None:
                return make(None, None, "season", "relative", unresolved="part of an unnamed year without an anchor")
            year, anchor_used, kind = anchor.year, anchor, "relative"
            lo = _season(a.ypart)[0]
            if (PartialDate(year, lo).first_day() - anchor.last_day()).days > YEARLESS_FUTURE_TOLERANCE_DAYS:
                # "岁末年终" in a February article is the end of the year just gone
                year, note = year - 1, "previous year: this year's would start well after the anchor"
        if year is None:
            return make(None, None, "season", kind, unresolved=unresolved)
        lo, hi, part = _season(a.ypart)
        return make(_safe_date(year, lo), _safe_date(year, hi), "season", kind, anchor_used, part=part, note=note)

    if a.month is None and a.end_atom is None:
        if year is None:
            return make(None, None, "year", kind, unresolved=unresolved)
        return make(_safe_date(year), None, "year", kind, anchor_used)

    if a.month is not None and year is None and unresolved is None:
        kind = "yearless"
        if anchor is None:
            return make(None, None, "day" if a.day else "month", kind,
                        unresolved="year-less date without an anchor")
        year, note = _yearless_year(a.month, a.day, anchor, context_year) \
            if _safe_date(anchor.year, a.month, a.day) else (anchor.year, None)
        anchor_used = anchor
    if year is None:
        return make(None, None, "day" if a.day else ("month" if a.month else "year"), kind, unresolved=unresolved)

    start = _safe_date(year, a.month, a.day)
    if a.end_atom is not None and a.end_atom.special == "present":
        if anchor is None or start is None:
            return make(start, None, start.granularity if start else "range", kind, anchor_used,
                        note="start of a span up to the (unknown) publication date")
        return make(start, anchor, "range", kind, anchor, note="至今: up to the anchor")
    if a.end_atom is not None:
        b = a.end_atom
        if b.year is not None or b.year_offset is not None or b.year_anaphor is not None:
            b_year, _, b_unresolved = _resolve_year(b, anchor, year)
            if b_year is None:
                return make(None, None, "range", kind, unresolved=b_unresolved)
        else:
            b_year = year
        b_month = b.month if b.month is not None else (a.month if b.day is not None else None)
        end = _safe_date(b_year, b_month, b.day)
        if start is not None and end is not None and end < start and b.year is None \
                and b.year_offset is None and b.year_anaphor is None:
            end = _safe_date(b_year + 1, b_month, b.day)  # "12月25日至1月3日" crosses New Year
        return make(start, end, "range", kind, anchor_used, note=note)
    if a.mpart is not None:
        return make(start, None, "part_of_month", kind, anchor_used, part=_MONTH_PARTS[a.mpart], note=note)
    return make(start, None, start.granularity if start else "day", kind, anchor_used, note=note)


def _season(ypart: str) -> tuple[int, int, str]:
    if ypart in _YEAR_PARTS:
        return _YEAR_PARTS[ypart]
    q = re.search(r"[一二三四1-4]", ypart).group()
    n = {"一": 1, "二": 2, "三": 3, "四": 4}.get(q) or int(q)
    return 3 * n - 2, 3 * n, f"Q{n}"


# A sentence with one of these talks about the future (plans, forecasts), so its dates say nothing
# about when the article was written ("2024年将成为大模型应用场景之年", "预估可能在2026年",
# "公司计划3月1日上线新版"), and a cue word after one in its clause is a plan, not an event
# ("智谱AI将发布…", "拟于下月推出"). The package's one future-word list: the publication-date
# rules (``llmnews.corpus``, ``refine_lower_bound``) and the dated events (``llmnews.timeline``)
# all use it. 拟 is a plan, except inside 模拟 (simulate) and 虚拟 (virtual).
FUTURE_SENTENCE = re.compile(r"将|预计|预期|计划|有望|可能|打算|准备|(?<![模虚])拟|预测|预估|展望|届时|目标"
                             r"|会迎来|会出现|会实现|会成为|明年|未来")


def refine_lower_bound(text: str, lower_bound: PartialDate) -> tuple[PartialDate, TimeExpression | None]:
    """Raise an inferred publication date (a lower bound) with the year-less dates of the text.

    An article whose latest written-out date is 2023年11月 but which reports "2月1日" as news was
    written after that February: a bare month-day is taken at its occurrence nearest to the lower
    bound (the year before, the same or the next), and the latest such date in a sentence that is
    not about plans (``FUTURE_SENTENCE``) raises the bound. Returns the new bound (to the month at
    most: the day of an event is not the day of publication) and the expression that raised it,
    its ``start``/``end`` offsets into ``text`` (None if nothing raised the bound).
    """
    best, evidence = lower_bound, None
    for s_start, s_end in sentence_spans(text):
        sentence = text[s_start:s_end]
        # a year-less date always writes 月; most sentences have none and need no parsing
        if "月" not in sentence or FUTURE_SENTENCE.search(sentence):
            continue
        for e in extract_time_expressions(sentence, lower_bound):
            if e.kind != "yearless" or e.value is None or e.granularity not in ("day", "month", "part_of_month"):
                continue
            options = [d for d in (_safe_date(y, e.value.month, e.value.day)
                                   for y in (lower_bound.year - 1, lower_bound.year, lower_bound.year + 1))
                       if d is not None]
            nearest = min(options, key=lambda d: (_distance(d, lower_bound), d))
            candidate = nearest.truncate("month")
            if candidate > best.truncate("month") and nearest.first_day() > lower_bound.last_day():
                best = candidate
                evidence = dataclasses.replace(e, start=e.start + s_start, end=e.end + s_start)
    return best, evidence


def _distance(d: PartialDate, bound: PartialDate) -> int:
    """Days between a date and an interval (0 inside it)."""
    if d.last_day() < bound.first_day():
        return (bound.first_day() - d.last_day()).days
    if d.first_day() > bound.last_day():
        return (d.first_day() - bound.last_day()).days
    return 0
