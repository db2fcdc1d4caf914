"""The store's tables: their names, which are article-local, and how they go to and from Parquet.

Every stage of the pipeline returns a flat table (no lists or dicts inside cells) that the next
stage takes. Article-local tables are written as one Parquet file per partition of articles
(``<store>/<table>/<partition>.parquet``); global tables as one file (``<store>/<table>.parquet``).

Round trip: a table read back equals the table written, dtypes included. pandas writes its ``str``
columns as Arrow ``large_string`` and object columns of Python strings (the corpus's "``None`` for
not known" columns) as ``string``; reading turns ``large_string`` back into ``str`` and ``string``
(and all-null columns) back into objects with ``None``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

__all__ = [
    "ARTICLE_TABLES",
    "GLOBAL_TABLES",
    "TABLE_DESCRIPTIONS",
    "write_table",
    "read_table",
    "read_parts",
    "concat_tables",
]

# Article-local tables: each row belongs to one article, so a partition of articles makes its rows
# without seeing the rest of the corpus (``stages.prepare_partition``).
ARTICLE_TABLES = (
    "articles",
    "skipped",
    "removed_lines",
    "paragraphs",
    "tokens",
    "term_counts",
    "mentions",
    "time_expressions",
    "events",
    "prices",
    "price_changes",
    "quantities",
    "term_totals_part",
)
# Global tables: made from the article-local ones after every partition is done (``stages``).
GLOBAL_TABLES = ("merged_events", "term_totals")

TABLE_DESCRIPTIONS = {
    "articles": "one row per article: metadata, clean text, publication date with basis and evidence",
    "skipped": "files that could not be used, with the reason",
    "removed_lines": "every line cleaning removed, with its reason (the cleaning audit)",
    "paragraphs": "body paragraphs with speaker and heading flag",
    "tokens": "every kept token once: article, paragraph, sentence, position, term, character offsets",
    "term_counts": "article x term counts and relative frequencies",
    "mentions": "lexicon entity mentions per article, with type and organization",
    "time_expressions": "every time expression, resolved against the article's publication date",
    "events": "dated events, one row per report, with provenance",
    "prices": "every stated token price, normalised to yuan per million tokens, dated and sourced",
    "price_changes": "relative price changes (下降50%, 降幅80%), with what they are relative to",
    "quantities": "parameter counts, funding and valuations, users, compute and context lengths",
    "term_totals_part": "per-partition term totals (summed into term_totals)",
    "merged_events": "events merged across articles: event ids, conflicts",
    "term_totals": "corpus term totals: count and number of articles using the term",
}

def _to_arrow(frame: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(frame, preserve_index=False)


def _atomic_write(table: pa.Table, path: Path) -> None:
    """Write then rename: an interrupted prepare never leaves a half-written file under the name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, temporary, compression="zstd")
    os.replace(temporary, path)


def write_table(frame: pd.DataFrame, path: Path) -> int:
    """Write ``frame`` to ``path`` as Parquet (atomically); returns the number of rows."""
    _atomic_write(_to_arrow(frame), path)
    return len(frame)


def concat_tables(tables: list[pa.Table]) -> pa.Table:
    """Concatenate Arrow tables whose column types may differ only by all-null columns."""
    non_empty = [t for t in tables if t.num_rows] or tables[:1]
    return pa.concat_tables(non_empty, promote_options="default")


def _to_pandas(table: pa.Table, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    frame = table.to_pandas()
    for field in table.schema:
        if pa.types.is_string(field.type) or pa.types.is_null(field.type):
            # an object column of str/None when written (see the module docstring)
            frame[field.name] = pd.Series(table.column(field.name).to_pylist(), index=frame.index, dtype=object)
    if columns is not None:
        frame = frame[columns]
    return frame


def read_table(path: Path, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """One Parquet file back as the table that was written."""
    return _to_pandas(pq.read_table(path, columns=columns), name, columns)


def read_parts(paths: list[Path], name: str, *, columns: list[str] | None = None,
               filters=None, categories: list[str] | None = None) -> pd.DataFrame:
    """The parts of an article-local table, in the order given, as one table.

    ``filters`` is pyarrow's row filter (``[("term", "in", ["GPT-4"])]``), applied while reading, so
    a notebook that needs the rows of a few terms never loads the whole token table. ``categories``
    are text columns read as pandas categoricals: the token table's ``term`` of ten thousand articles
    is fifteen million strings, and as a categorical each distinct term is stored once (a list made
    from it holds references to those few strings, not fifteen million copies).
    """
    tables = [pq.read_table(path, columns=columns, filters=filters, read_dictionary=categories)
              for path in paths]
    if not tables:
        raise FileNotFoundError(f"table {name!r} has no parts")
    joined = concat_tables(tables)
    if categories:
        joined = joined.unify_dictionaries()
    return _to_pandas(joined, name, columns)
