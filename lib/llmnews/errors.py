"""The project's own exceptions, so callers can catch what llmnews raises on bad input."""

from __future__ import annotations

from pathlib import Path


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
