"""What a build reports: one ``NotebookResult`` per notebook, and the ``BuildSummary`` of them all."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["NotebookResult", "BuildSummary"]


@dataclass
class NotebookResult:
    """What happened to one notebook in one build."""

    notebook: str  # file name, e.g. "02-term-frequency.ipynb"
    status: str  # "ran", "cached", "failed"; for notebooks left out by --only: "not run" or "never built"
    seconds: float = 0.0
    error: str | None = None
    title: str = ""
    figures: list[dict] = field(default_factory=list)  # {"name", "caption", "sha256": {ext: hex}}
    stale_figures: list[str] = field(default_factory=list)
    up_to_date: bool = True  # for "not run": does its last report match today's inputs?
    figures_dir: Path | None = None  # where its figures are
    parameters: dict = field(default_factory=dict)  # the values given (not the defaults)

    @property
    def stem(self) -> str:
        return self.notebook.removesuffix(".ipynb")


@dataclass
class BuildSummary:
    results: list[NotebookResult]
    output_dir: Path
    seconds: float

    @property
    def failed(self) -> list[NotebookResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def ok(self) -> bool:
        return not self.failed
