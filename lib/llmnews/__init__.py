"""llmnews: Chinese news coverage of the large-language-model race, analysed reproducibly.

A notebook gets every stage's table from the analysis store, computed once::

    tables = llmnews.store.load()          # prepares build/store/ if an article changed
    tables.articles, tables.tokens, tables.term_counts, tables.merged_events  # ...

The pipeline behind it, one step per module, each taking the table the step before returned::

    articles = llmnews.load_corpus()                       # corpus: decode, clean, load
    paragraphs = llmnews.paragraph_table(articles)
    tokens = llmnews.tokenize_many(articles["text"])       # text: lexicon-aware jieba
    counts = llmnews.count_terms(dict(zip(articles["article_id"], tokens)))
    distinctive = llmnews.weighted_log_odds(counts)        # terms
    units = llmnews.build_units(paragraphs, "sentences", 2)  # topics
    events = llmnews.merge_events(llmnews.release_events(articles))  # timeline

Modules, one job each (imported on first use, so ``import llmnews`` loads no matplotlib, jieba or
scikit-learn: a tokenizer worker process pays only for what it uses):

- ``paths``: every folder the project reads or writes (nothing else spells a path).
- ``errors``: the project's exceptions, all under ``LlmnewsError``.
- ``corpus``: decode, clean and load the articles in ``seeds/``.
- ``lexicon``: the domain lexicon of models, products, organisations and people.
- ``sentences``: the one sentence rule.
- ``text``: lexicon-aware segmentation (jieba), stop words, entity mentions.
- ``terms``: term counts, weighted log-odds, TF-IDF, keyword in context.
- ``topics``: NMF / LDA topic models and their quality measures (a package: units, fit, quality,
  reading, baseline).
- ``dates``: Chinese time expressions, normalised with their granularity.
- ``timeline``: dated release events with provenance and conflicts.
- ``store``: the analysis store: every stage's table as Parquet, prepared here or on Dask
  (``python -m llmnews prepare``); ``resources``: the lexicon and word lists sent to workers.
- ``groups``: articles grouped by outlet, period or a metadata column (``GROUP_BY``).
- ``trends``: term frequency per publication period; ``comentions``: who is named with whom.
- ``synthetic``: generated corpora for benchmarks and scale tests.
- ``plotting``: every figure as a function returning a matplotlib Figure, and ``plotting.save``;
  ``plots`` is ``plotting.save`` under its first name (``plots.save_figure``).
- ``provenance``: package versions and parameters, shown at the end of every notebook.
- ``build``: ``python -m llmnews build``, every notebook to reports and figures.
"""

from __future__ import annotations

import importlib

# Cheap (pathlib only), and wanted at once: ``except llmnews.LlmnewsError`` needs no other import.
from llmnews.errors import ArticleError, LexiconError, LlmnewsError, TopicModelError

__version__ = "0.1.0"

SUBMODULES = (
    "build",
    "comentions",
    "corpus",
    "dates",
    "errors",
    "groups",
    "lexicon",
    "paths",
    "plots",
    "plotting",
    "provenance",
    "resources",
    "sentences",
    "store",
    "synthetic",
    "terms",
    "text",
    "timeline",
    "topics",
    "trends",
)

# The pipeline's main steps under the package name: function -> the module that defines it.
_SHORTCUTS = {
    "load_corpus": "corpus",
    "paragraph_table": "corpus",
    "tokenize": "text",
    "tokenize_many": "text",
    "entity_mentions": "text",
    "count_terms": "terms",
    "weighted_log_odds": "terms",
    "build_units": "topics",
    "fit_topic_model": "topics",
    "release_events": "timeline",
    "merge_events": "timeline",
    "save_figure": "plots",
}

__all__ = [
    "ArticleError",
    "LexiconError",
    "LlmnewsError",
    "TopicModelError",
    "__version__",
    *SUBMODULES,
    *_SHORTCUTS,
]


def __getattr__(name: str):
    """PEP 562: import a submodule, or the module behind a shortcut, the first time it is named."""
    if name in SUBMODULES:
        return importlib.import_module(f"llmnews.{name}")
    if name in _SHORTCUTS:
        return getattr(importlib.import_module(f"llmnews.{_SHORTCUTS[name]}"), name)
    raise AttributeError(f"module 'llmnews' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
