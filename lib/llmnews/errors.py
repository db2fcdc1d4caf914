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
