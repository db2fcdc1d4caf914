"""Publication date of an article whose page shows none, from what the text reports.

Sentences are the project's one rule (``llmnews.sentences.sentence_spans``), so the publication
date and the dated events see the same sentences; a sentence about plans or forecasts
(``dates.FUTURE_SENTENCE``) never dates the article.
"""

from __future__ import annotations

import bisect
import datetime
import re

from llmnews import dates
from llmnews.sentences import sentence_spans

__all__ = ["infer_published", "lead_date_published", "metadata_date"]

_HAS_YEAR = re.compile(r"(?:1[89]|20)\d\d\s*(?:年|[-/.]\s*\d)|[〇零一二三四五六七八九]{4}\s*年")
_YEARLESS_KINDS = ("day", "month", "part_of_month")


def _sentences(text: str) -> list[tuple[int, str]]:
    return [(start, text[start:end]) for start, end in sentence_spans(text)]


def _latest_written_date(text: str):
    """(lower bound, its surface text, its sentence) from the latest date written with its year."""
    # Only sentences that write a year can hold an absolute date, and only the stretch around the
    # year matters; handing just that to the date parser keeps inference cheap on long articles.
    sentences, windows, offsets = [], [], []
    position = 0
    for _, sentence in _sentences(text):
        years = list(_HAS_YEAR.finditer(sentence))
        if not years:
            continue
        window = sentence[max(0, years[0].start() - 12):years[-1].end() + 24]
        sentences.append(sentence)
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
    return None if best is None else best[1:]


def _nearest(month: int, day: int | None, bound: dates.PartialDate) -> dates.PartialDate | None:
    """The occurrence of a year-less month(-day) nearest to ``bound`` (the year before, the same or the next)."""
    options = []
    for year in (bound.year - 1, bound.year, bound.year + 1):
        try:
            options.append(dates.PartialDate(year, month, day))
        except ValueError:
            continue
    if not options:
        return None

    def distance(d):
        if d.last_day() < bound.first_day():
            return (bound.first_day() - d.last_day()).days
        if d.first_day() > bound.last_day():
            return (d.first_day() - bound.last_day()).days
        return 0

    return min(options, key=lambda d: (distance(d), d))


def _raise_with_news(text: str, bound: dates.PartialDate):
    """Raise a lower bound with the year-less dates the text reports as news (and 今年M月).

    A bare month-day is taken at its occurrence nearest to the bound. It raises a month bound when
    it falls after it (2023年11月 then "2月1日" is February 2024); it narrows a year bound to its
    month when it falls inside that year ("进入2025年 … 1月20日" is January 2025). Returns the new
    bound (a month at most: the day of an event is not the day of publication) and
    ``(expression text, sentence)`` of what raised it, or ``(bound, None)``.
    """
    best, evidence, best_day = bound, None, None  # best_day: the latest date itself, for the evidence
    for _, sentence in _sentences(text):
        # a year-less date always writes 月; most sentences have none and need no parsing
        if "月" not in sentence or dates.FUTURE_SENTENCE.search(sentence):
            continue
        for e in dates.extract_time_expressions(sentence, bound):
            if e.value is None or e.granularity not in _YEARLESS_KINDS:
                continue
            if e.kind == "yearless":
                nearest = _nearest(e.value.month, e.value.day, bound)
            elif e.kind == "relative" and e.text.startswith(("今年", "本年")):
                # 今年5月: the year the text is in, the bound's year or later; the bound's year is
                # the earliest that fits.
                nearest = dates.PartialDate(bound.year, e.value.month, e.value.day)
            else:
                continue
            if nearest is None:
                continue
            if bound.granularity == "year":
                later = nearest.year == bound.year
            else:
                later = nearest.first_day() > bound.last_day() or (
                    e.kind == "relative" and nearest.truncate("month") > bound.truncate("month"))
            if later and (best_day is None or nearest.first_day() > best_day.first_day()):
                best, evidence, best_day = nearest.truncate("month"), (e.text, sentence), nearest
    return best, evidence


def infer_published(text: str) -> tuple[str, str, str] | None:
    """(iso, granularity, evidence) for an article without metadata or a date line, or None.

    1. Lower bound: the latest date whose year is written (a bare ``5月15日`` could be any year),
       by ``dates.extract_time_expressions``; ``进入2025年`` counts as 2025. The article appeared on
       or after that event. Seasons (``2023年下半年``) count as their year; ranges
       (``2023年7月至9月``) as their end.
    2. Raise it with the year-less dates reported as news (``_raise_with_news``): an article whose
       latest full date is 2023年11月 but which leads with "2月1日" was written in February 2024
       or later; one in 2025 whose latest news is "1月29日" in January 2025 or later.

    The result is at most a month: the day of an event is not the day of publication. The
    evidence names the expression that set the date and quotes its sentence (for a raised
    bound, also the written-out date it was raised from).
    """
    found = _latest_written_date(text)
    if found is None:
        return None
    lower_bound, surface, sentence = found
    raised, evidence = _raise_with_news(text, lower_bound)
    if evidence is None:
        return lower_bound.iso(), lower_bound.granularity, f"{surface}: {sentence}"
    expression, around = evidence
    return raised.iso(), raised.granularity, f"{expression} (after {surface}): {around}"


def lead_date_published(month: int, day: int, lead: str, text: str) -> tuple[str, str, str] | None:
    """The day a yearless dateline names (``某某App 3月2日消息``), its year from the text.

    The year is that of the latest date written with its year (the dateline cannot be older than
    the news it reports): the same year if the day falls on or after it, else the next year.
    None when the text writes no year at all.
    """
    found = _latest_written_date(text)
    if found is None:
        return None
    bound, surface, _ = found
    year = bound.year if (month, day) >= (bound.month or 1, bound.day or 1) else bound.year + 1
    try:
        value = dates.PartialDate(year, month, day)
    except ValueError:
        return None
    return value.iso(), "day", f"{lead} (year from {surface})"


_ISO_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def metadata_date(value: str) -> tuple[str, str] | None:
    """(iso, granularity) of a ``metadata.csv`` date written YYYY, YYYY-MM or YYYY-MM-DD, or None."""
    m = _ISO_PARTIAL.fullmatch(value.strip())
    if not m:
        return None
    y, mo, d = m.groups()
    try:
        datetime.date(int(y), int(mo or 1), int(d or 1))
    except ValueError:
        return None
    return value.strip(), ("day" if d else "month" if mo else "year")
