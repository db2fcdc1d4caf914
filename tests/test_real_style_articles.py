"""Issue 10, article side: the loader on 57 articles written in the page styles of ~45 outlets.

The articles (``tests/articles/real_style/``) and their hand labels (``tests/data/real_style_*.csv``)
were written for this project; see that folder's README. The measures are issue 10's: title,
outlet, author, stated and inferred publication date, chrome removed, body kept. Run

    python -m pytest tests/test_real_style_articles.py -s

to print the table; each measure fails below its goal. ``score_events`` scores an events table
(``timeline.release_events``) against ``real_style_events.csv`` for the events side.
"""

from __future__ import annotations

import csv
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
import pytest

from llmnews import corpus, paths

__all__ = ["ARTICLES", "load_labels", "load_real_style", "article_measures", "score_events",
           "measures_table"]

ARTICLES = paths.TESTS_DIR / "articles" / "real_style"
DATA = paths.TESTS_DIR / "data"

# Pinyin written after characters by some scraped converters: 國(guó)產(chǎn).
_PINYIN = re.compile(r"\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,7}\)")
_NAME_SPLIT = re.compile(r"[、,，/\s]+")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def _same_form(text: str) -> str:
    """The form the loader analyses: normalised, Simplified, pinyin annotations gone."""
    return _PINYIN.sub("", _t2s().convert(corpus.normalise_text(text)))


def _read(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_labels() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(articles, lines, events) gold tables, all cells strings ('' = not stated)."""
    return (pd.DataFrame(_read("real_style_labels.csv")), pd.DataFrame(_read("real_style_lines.csv")),
            pd.DataFrame(_read("real_style_events.csv")))


def load_real_style() -> pd.DataFrame:
    """The real-style articles through the public API, exactly as a user would load them."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return corpus.load_corpus(ARTICLES)


@dataclass
class Measure:
    name: str
    hits: int
    total: int
    goal: float | None  # share the measure must reach; None: a count that must be 0
    misses: list

    @property
    def share(self) -> float:
        return self.hits / self.total if self.total else 1.0

    @property
    def ok(self) -> bool:
        return self.hits == 0 if self.goal is None else self.share >= self.goal


def _names(value) -> set[str]:
    return {n for n in _NAME_SPLIT.split(_same_form(value)) if n} if isinstance(value, str) else set()


def article_measures(loaded: pd.DataFrame, labels: pd.DataFrame, lines: pd.DataFrame) -> list[Measure]:
    """Issue 10's article measures for ``loaded`` (from ``load_corpus``) against the gold."""
    rows = {r.file_name: r for r in loaded.itertuples(index=False)}
    files = {f: (ARTICLES / f).read_text(encoding="utf-8").split("\n") for f in labels["file"]}

    def got(file, column):
        row = rows.get(file)
        value = getattr(row, column) if row is not None else None
        return value if isinstance(value, str) else None

    title, chrome_title, source, author, stated, month, year = ([] for _ in range(7))
    for label in labels.itertuples(index=False):
        f = label.file
        found = got(f, "title")
        chrome_lines = {_same_form(files[f][int(r.line_no) - 1])
                        for r in lines[(lines.file == f) & lines.kind.isin(["chrome", "credit"])].itertuples()}
        if found is not None and _same_form(found) in chrome_lines:
            chrome_title.append((f, found))
        if label.title:
            title.append((f, found, _same_form(found or "") == _same_form(label.title)))
        if label.source:
            source.append((f, got(f, "source"), _same_form(got(f, "source") or "") == _same_form(label.source)))
        if label.author:
            author.append((f, got(f, "author"), _names(got(f, "author")) == _names(label.author)))
        published = got(f, "published") or ""
        if label.published and label.published_stated == "true":
            stated.append((f, published, published == label.published))
        elif label.published:
            month.append((f, published, len(label.published) >= 7 and published[:7] == label.published[:7]))
            year.append((f, published, published[:4] == label.published[:4]))

    removed, kept = [], []
    for r in lines.itertuples(index=False):
        row = rows.get(r.file)
        line_no = int(r.line_no)
        paragraphs = [p["text"] for p in row.paragraphs if p["line_no"] == line_no] if row is not None else []
        text = " ".join(paragraphs)
        raw = files[r.file][line_no - 1]
        if r.kind == "body":
            kept.append((r.file, line_no, raw, text == _same_form(raw)))
        elif r.kind in ("chrome", "credit"):
            if r.body_part:
                body = _same_form(r.body_part)
                kept.append((r.file, line_no, raw, text == body))
                removed.append((r.file, line_no, raw, text == body))
            else:
                removed.append((r.file, line_no, raw, not paragraphs))

    def measure(name, items, goal):
        return Measure(name, sum(1 for i in items if i[-1]), len(items), goal, [i for i in items if not i[-1]])

    return [
        measure("title right (where the page has one)", title, 0.9),
        Measure("chrome line taken as the title", len(chrome_title), len(labels), None, chrome_title),
        measure("outlet (source) found where the text states it", source, 0.8),
        measure("author where stated", author, 0.8),
        measure("stated publication date", stated, 1.0),
        measure("inferred publication month where the text states none", month, 0.7),
        measure("inferred publication year where the text states none", year, 0.7),
        measure("chrome lines removed", removed, 0.9),
        measure("body lines kept", kept, 0.98),
    ]


def measures_table(measures: list[Measure]) -> str:
    """The measures as a Markdown table: measure, found, share, goal."""
    out = ["| measure | found | share | goal |", "|---|---|---|---|"]
    for m in measures:
        goal = "0" if m.goal is None else f">= {m.goal:g}"
        share = "" if m.goal is None else f"{m.share:.2f}"
        out.append(f"| {m.name} | {m.hits}/{m.total} | {share} | {goal} |")
    return "\n".join(out)


def score_events(events: pd.DataFrame, gold: pd.DataFrame | None = None) -> dict:
    """Score an events table against ``real_style_events.csv`` (for the events side of issue 10).

    ``events`` needs ``article_id`` (the file stem), ``entity``, ``event_type``, ``date`` (ISO,
    at any granularity). A gold event is found when an event of the same article, entity (compared
    case- and space-insensitively) and type has the gold date at the gold granularity. Returns
    ``certain`` and ``all`` recall as (found, total), ``release_precision`` as (right, reported
    releases), and ``missed`` / ``wrong`` lists.
    """
    if gold is None:
        gold = load_labels()[2]

    def key(entity):
        return re.sub(r"\s+", "", str(entity)).lower()

    found = {(str(a), key(e), t): set() for a, e, t in zip(events["article_id"], events["entity"], events["event_type"])}
    for a, e, t, d in zip(events["article_id"], events["entity"], events["event_type"], events["date"]):
        found[(str(a), key(e), t)].add(str(d))
    hits, missed = {"true": [0, 0], "all": [0, 0]}, []
    gold_keys = {}
    for g in gold.itertuples(index=False):
        k = (g.file.removesuffix(".txt"), key(g.entity), g.event_type)
        gold_keys.setdefault(k, set()).add(g.date)
        ok = any(d[:len(g.date)] == g.date for d in found.get(k, ()))
        for bucket in (["true", "all"] if g.certain == "true" else ["all"]):
            hits[bucket][0] += ok
            hits[bucket][1] += 1
        if not ok:
            missed.append(tuple(g))
    releases = events[events["event_type"] == "release"]
    wrong = []
    for a, e, d in zip(releases["article_id"], releases["entity"], releases["date"]):
        dates = gold_keys.get((str(a), key(e), "release"), set())
        if not any(str(d)[:len(gd)] == gd for gd in dates):
            wrong.append((a, e, d))
    return {"certain": tuple(hits["true"]), "all": tuple(hits["all"]),
            "release_precision": (len(releases) - len(wrong), len(releases)), "missed": missed, "wrong": wrong}


# --- tests ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def measures() -> list[Measure]:
    labels, lines, _ = load_labels()
    result = article_measures(load_real_style(), labels, lines)
    print("\n" + measures_table(result))
    return result


def test_every_article_has_labels_and_every_line_a_kind():
    labels, lines, events = load_labels()
    files = sorted(p.name for p in ARTICLES.glob("*.txt"))
    assert sorted(labels["file"]) == files
    for f in files:
        non_blank = [i for i, line in enumerate((ARTICLES / f).read_text(encoding="utf-8").split("\n"), 1)
                     if line.strip()]
        assert sorted(int(n) for n in lines[lines.file == f]["line_no"]) == non_blank, f
    assert set(lines["kind"]) <= {"body", "chrome", "title", "credit"}
    assert set(events["file"]) <= set(files)


@pytest.mark.parametrize("index", range(9))
def test_article_measure_reaches_its_goal(measures, index):
    m = measures[index]
    assert m.ok, f"{m.name}: {m.hits}/{m.total}; misses: {m.misses}"


def test_pinyin_annotations_go_to_the_audit_and_stay_in_the_original():
    loaded = load_real_style().set_index("file_name")
    row = loaded.loc["017_tw_pinyin.txt"]
    assert not _PINYIN.search(row["text"])
    assert "(guó)" in row["original_text"] or "(chǎn)" in row["original_text"]
    assert any("pinyin" in r["reason"] for r in row["removed_lines"])


def test_every_line_not_kept_whole_is_in_the_audit():
    """Nothing from a file is lost silently: a non-blank line that is not a whole body paragraph
    has an audit row with its line number."""
    for row in load_real_style().itertuples(index=False):
        lines = (ARTICLES / row.file_name).read_text(encoding="utf-8").split("\n")
        whole = {p["line_no"] for p in row.paragraphs if p["text"] == _same_form(lines[p["line_no"] - 1])}
        audited = {r["line_no"] for r in row.removed_lines}
        missing = [n for n, line in enumerate(lines, 1) if line.strip() and n not in whole | audited]
        assert not missing, (row.file_name, missing)


if __name__ == "__main__":
    labels, lines, _ = load_labels()
    for m in article_measures(load_real_style(), labels, lines):
        print(f"{m.name}: {m.hits}/{m.total}")
        for miss in m.misses:
            print("    ", miss)
