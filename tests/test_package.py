"""The package's public face: a lazy top-level API, ``__all__`` everywhere, one exception family."""

from __future__ import annotations

import importlib
import inspect
import os
import subprocess
import sys
import textwrap

import pytest

import llmnews
from llmnews import errors

MODULES_WITH_ALL = [
    "llmnews",
    "llmnews.errors",
    "llmnews.lexicon",
    "llmnews.text",
    "llmnews.terms",
    "llmnews.topics",
    "llmnews.topics.units",
    "llmnews.topics.fit",
    "llmnews.topics.quality",
    "llmnews.topics.reading",
    "llmnews.topics.baseline",
    "llmnews.plots",
    "llmnews.plotting",
    "llmnews.plotting.save",
    "llmnews.plotting.heatmap",
    "llmnews.plotting.panels",
    "llmnews.plotting.corpus",
    "llmnews.plotting.terms",
    "llmnews.plotting.topics",
    "llmnews.plotting.timeline",
]


def test_import_llmnews_loads_no_heavy_library(tmp_path):
    # A fresh process: this test process has imported everything already.
    script = textwrap.dedent(
        """
        import sys
        import llmnews
        heavy = {"matplotlib", "jieba", "sklearn", "pandas", "scipy"} & {m.split(".")[0] for m in sys.modules}
        assert not heavy, f"import llmnews imported {sorted(heavy)}"
        assert llmnews.LlmnewsError is llmnews.errors.LlmnewsError
        llmnews.paths  # a light submodule on first use
        assert "jieba" not in sys.modules and "matplotlib" not in sys.modules
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True, cwd=tmp_path, timeout=120, env=dict(os.environ))


@pytest.mark.parametrize("module_name", MODULES_WITH_ALL)
def test_every_name_in_all_exists(module_name):
    module = importlib.import_module(module_name)
    assert module.__all__, module_name
    assert len(set(module.__all__)) == len(module.__all__), "a name listed twice"
    for name in module.__all__:
        assert hasattr(module, name), f"{module_name}.__all__ lists {name!r}, which it lacks"


def test_top_level_shortcuts_are_the_modules_own_functions():
    from llmnews import corpus, plots, terms, text, timeline, topics

    assert llmnews.load_corpus is corpus.load_corpus
    assert llmnews.tokenize_many is text.tokenize_many
    assert llmnews.weighted_log_odds is terms.weighted_log_odds
    assert llmnews.fit_topic_model is topics.fit_topic_model
    assert llmnews.merge_events is timeline.merge_events
    assert llmnews.save_figure is plots.save_figure
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        llmnews.nonsense  # noqa: B018


def test_every_exception_of_errors_py_is_an_llmnews_error():
    classes = [obj for _, obj in inspect.getmembers(errors, inspect.isclass) if issubclass(obj, Exception)]
    assert {cls.__name__ for cls in classes} >= {"ArticleError", "LexiconError", "TopicModelError"}
    assert all(issubclass(cls, errors.LlmnewsError) for cls in classes)


def test_old_import_places_of_the_exceptions_still_work():
    from llmnews.lexicon import LexiconError
    from llmnews.topics import TopicModelError

    assert LexiconError is errors.LexiconError
    assert TopicModelError is errors.TopicModelError


def test_the_pipeline_in_the_package_docstring_runs_on_the_seeds():
    articles = llmnews.load_corpus()
    paragraphs = llmnews.paragraph_table(articles)
    tokens = llmnews.tokenize_many(articles["text"])
    counts = llmnews.count_terms(dict(zip(articles["article_id"], tokens)))
    distinctive = llmnews.weighted_log_odds(counts)
    units = llmnews.build_units(paragraphs, "sentences", 2)
    events = llmnews.merge_events(llmnews.release_events(articles))
    assert set(distinctive["article_id"]) == set(articles["article_id"])
    assert set(units["article_id"]) <= set(articles["article_id"])
    assert len(events) > 0
