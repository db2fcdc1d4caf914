"""The project's own exceptions, so callers can catch what llmnews raises on bad input.

Every one is an ``LlmnewsError``: ``except LlmnewsError`` catches anything the package raises on
purpose, and nothing else (a bug still shows as the ``KeyError`` or ``TypeError`` it is).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ArticleError", "LexiconError", "LlmnewsError", "TopicModelError"]


class LlmnewsError(Exception):
    """Base class for every error llmnews raises on purpose."""


class ArticleError(LlmnewsError):
    """An article file that cannot be used, with the file and the reason.

    The message always names the file, so a user with a thousand articles can find the bad one.
    """

    def __init__(self, path: str | Path, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class LexiconError(LlmnewsError):
    """The lexicon file is malformed; the message names the file, the row and the reason."""

    def __init__(self, path: str | Path, row: int | None, reason: str):
        self.path = Path(path)
        self.row = row
        self.reason = reason
        where = f"{self.path}" if row is None else f"{self.path}, row {row}"
        super().__init__(f"{where}: {reason}")


class TopicModelError(LlmnewsError):
    """Input a topic model cannot be fitted on (too few units, empty vocabulary, bad parameter)."""
