"""How a notebook shows a long table: the first rows, a sentence saying how many there are, blanks.

A table of a thousand articles printed whole is unreadable in the HTML report (and heavy), so
notebooks show the top rows and say "showing 50 of 1,000 articles". Missing values are shown the
same way in every table: blank, never ``None``, ``NaN`` or ``<NA>`` depending on the column's dtype.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["head", "blank_missing", "shown_sentence"]


def shown_sentence(shown: int, total: int, noun: str) -> str:
    """``"showing 50 of 1,000 articles"``, or ``"all 12 articles"`` when nothing was cut."""
    return f"showing {shown:,} of {total:,} {noun}" if shown < total else f"all {total:,} {noun}"


def blank_missing(table: pd.DataFrame) -> pd.DataFrame:
    """A copy for display with every missing value (None, NaN, NA) as an empty string."""
    shown = table.astype(object)
    return shown.where(table.notna(), "")


def head(table: pd.DataFrame, max_rows: int, noun: str = "rows") -> pd.DataFrame:
    """The first ``max_rows`` rows for display, missing values blank; says how many were left out."""
    if max_rows < 1:
        raise ValueError(f"max_rows must be at least 1, got {max_rows}")
    if len(table) > max_rows:
        print(shown_sentence(max_rows, len(table), noun))
    return blank_missing(table.head(max_rows))
