"""The project's own exceptions, so callers can catch what llmnews raises on bad input.

Every one is an ``LlmnewsError``: ``except LlmnewsError`` catches anything the package raises on
purpose, and nothing else (a bug still shows as the ``KeyError`` or ``TypeError`` it is).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ArticleError", "BuildError", "LexiconError", "LlmnewsError", "ParameterError", "StoreError", "TopicModelError"]


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


class BuildError(LlmnewsError):
    """A problem with how a build was asked for (unknown notebook or parameter, unreadable file).

    ``python -m llmnews build`` prints the message on one line and exits with status 2.
    """


class ParameterError(BuildError):
    """A notebook parameter value that does not fit the parameters cell's declaration.

    The message is one line naming the parameter, the expected type and the value given, so the
    build can refuse it before any kernel starts.
    """

    def __init__(self, name: str, expected: str, value: object, detail: str = "", where: str = ""):
        self.name = name
        self.expected = expected
        self.value = value
        owner = f" of {where}" if where else ""
        shown = f"{value!r} ({type(value).__name__})"
        super().__init__(f"parameter {name}{owner} expects {expected}, got {shown}" + (f": {detail}" if detail else ""))


class StoreError(LlmnewsError):
    """The analysis store cannot be prepared: the articles folder is missing, a Dask address does
    not answer, a parameter of ``prepare`` is out of range. The message names what and why."""
