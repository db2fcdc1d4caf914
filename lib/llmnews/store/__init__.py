"""The analysis store: every stage of the pipeline computed once, kept as Parquet tables.

``prepare`` (``python -m llmnews prepare``) brings the store of an articles folder up to date,
here or on a Dask cluster, re-preparing only the partitions whose articles changed; ``load`` is
the one call a notebook makes: it prepares if needed and returns a ``Store`` whose attributes are
the tables (``articles``, ``paragraphs``, ``tokens``, ``term_counts``, ``mentions``,
``time_expressions``, ``events``, ``merged_events``, ``prices``, ``price_changes``, ``quantities``, ``term_totals``, ``removed_lines``,
``skipped``). Notebooks never segment text themselves: they read ``tokens``.

The stages and which of them are article-local or global: ``llmnews.store.stages``. The layout
and the manifest: ``llmnews.store.manifest``. How a prepare runs: ``llmnews.store.runner``.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import pandas as pd

from llmnews import paths
import llmnews.store.manifest as _manifest
import llmnews.store.stages as _stages
import llmnews.store.tables as _tables
from llmnews.store.runner import PrepareReport, StoreError, prepare

__all__ = ["Store", "load", "open_store", "prepare", "PrepareReport", "StoreError"]


class Store:
    """The tables of one prepared store, each read on first use."""

    def __init__(self, store_dir: Path):
        self.store_dir = Path(store_dir)
        found, why = _manifest.read_manifest(self.store_dir)
        if found is None:
            raise StoreError(f"{self.store_dir}: not a prepared store ({why}); "
                             "run python -m llmnews prepare")
        self.manifest = found
        self._order = found.ordered_partitions()

    def __repr__(self) -> str:
        return f"Store({str(self.store_dir)!r}, {self.n_articles} articles)"

    @property
    def n_articles(self) -> int:
        return sum(self.manifest.rows.get("articles", {}).values())

    @property
    def seeds_dir(self) -> Path:
        return Path(self.manifest.seeds_dir)

    def table(self, name: str, *, columns: list[str] | None = None, filters=None,
              categories: list[str] | None = None) -> pd.DataFrame:
        """Any table by name; ``columns`` and ``filters`` (pyarrow's) are applied while reading, and
        the ``categories`` columns come as pandas categoricals (``tables.read_parts`` says why)."""
        if name in _tables.GLOBAL_TABLES:
            return _tables.read_table(self.store_dir / f"{name}.parquet", name, columns)
        if name not in _tables.ARTICLE_TABLES:
            raise StoreError(f"no table {name!r}; the store has {', '.join(_tables.ARTICLE_TABLES + _tables.GLOBAL_TABLES)}")
        paths_ = [_stages.part_path(self.store_dir, name, p) for p in self._order]
        return _tables.read_parts(paths_, name, columns=columns, filters=filters, categories=categories)

    def tokens_of(self, terms: list[str], columns: list[str] | None = None) -> pd.DataFrame:
        """The token rows of a few terms only (for keyword in context and dispersion)."""
        return self.table("tokens", columns=columns, filters=[("term", "in", list(terms))])

    @cached_property
    def articles(self) -> pd.DataFrame:
        return self.table("articles")

    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        return self.table("paragraphs")

    @cached_property
    def removed_lines(self) -> pd.DataFrame:
        return self.table("removed_lines")

    @cached_property
    def skipped(self) -> pd.DataFrame:
        return self.table("skipped")

    @cached_property
    def tokens(self) -> pd.DataFrame:
        return self.table("tokens")

    @cached_property
    def term_counts(self) -> pd.DataFrame:
        return self.table("term_counts")

    @cached_property
    def mentions(self) -> pd.DataFrame:
        return self.table("mentions")

    @cached_property
    def time_expressions(self) -> pd.DataFrame:
        return self.table("time_expressions")

    @cached_property
    def events(self) -> pd.DataFrame:
        return self.table("events")

    @cached_property
    def prices(self) -> pd.DataFrame:
        return self.table("prices")

    @cached_property
    def price_changes(self) -> pd.DataFrame:
        return self.table("price_changes")

    @cached_property
    def quantities(self) -> pd.DataFrame:
        return self.table("quantities")

    @cached_property
    def merged_events(self) -> pd.DataFrame:
        return self.table("merged_events")

    @cached_property
    def term_totals(self) -> pd.DataFrame:
        return self.table("term_totals")


def open_store(store_dir: str | Path | None = None) -> Store:
    """A prepared store as it is (no prepare): the default articles folder's unless named."""
    return Store(Path(store_dir) if store_dir else paths.STORE_DIR)


def load(seeds_dir: str | Path | None = None, *, quiet: bool = True) -> Store:
    """The store of ``seeds_dir`` (default: the project's seeds), prepared first if anything changed.

    This is the one call a notebook makes to get its tables. A store that is up to date answers from
    its manifest (the inputs are hashed, nothing else is read).
    """
    report = prepare(seeds_dir, quiet=quiet)
    return Store(report.store_dir)
