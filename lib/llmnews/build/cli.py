"""The ``build`` and ``clear-outputs`` subcommands of ``python -m llmnews``.

Each subcommand is one function that adds its parser to the ``llmnews`` subparsers and sets
``run`` to the function that carries it out (``__main__`` lists them). Exit status: 0 ok, 1 a
notebook failed, 2 bad usage (an unknown notebook or parameter, a value of the wrong type).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from llmnews import paths
from llmnews.build.execute import CELL_TIMEOUT
from llmnews.errors import BuildError

__all__ = ["ENVIRONMENT", "add_build_command", "add_clear_outputs_command", "add_arguments", "run_build"]

ENVIRONMENT = f"""\
environment variables:
  LLMNEWS_SEEDS_DIR    the articles to analyse (default {paths.ROOT / 'seeds'})
  LLMNEWS_FIGURES_DIR  where every notebook's figures go (default: {paths.ROOT / 'figures'} for
                       the default seeds with default parameters, else <reports>/figures)
  LLMNEWS_BUILD_DIR    build products: reports, executed notebooks, caches
                       (default {paths.ROOT / 'build'}; reports in its reports/)
"""


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``build``."""
    parser.add_argument("--only", nargs="+", metavar="NN",
                        help="build only these notebooks: number (03 or 3), name (03-topics) or slug (topics)")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="set a notebook parameter (value read as YAML; text as given for a str "
                             "parameter); repeatable; checked against the parameters cell's types")
    parser.add_argument("-f", "--parameters-file", type=Path, metavar="FILE",
                        help="YAML file of parameters (NAME: value, or a notebook number: {NAME: value})")
    parser.add_argument("--output", type=Path, metavar="DIR",
                        help=f"report folder, figures in DIR/figures (default {paths.REPORTS_DIR})")
    parser.add_argument("--no-code", action="store_true", help="hide code cells in the HTML reports")
    parser.add_argument("--jobs", type=_positive, metavar="N", help="notebooks run at once (default: CPU count)")
    parser.add_argument("--force", action="store_true", help="run every selected notebook, ignoring the cache")
    parser.add_argument("--notebooks", type=Path, metavar="DIR", help=f"notebook folder (default {paths.NOTEBOOKS_DIR})")
    parser.add_argument("--cell-timeout", type=_positive, default=None, metavar="S",
                        help=f"seconds one cell may run (default {CELL_TIMEOUT})")


def run_build(args: argparse.Namespace) -> int:
    from llmnews.build import build
    from llmnews.build.parameters import CliValue

    try:
        cli = {name: CliValue(value) for name, value in args.parameter}
        extra = {"cell_timeout": args.cell_timeout} if args.cell_timeout else {}
        summary = build(
            args.notebooks, args.output, only=args.only, parameters=cli,
            parameter_file=args.parameters_file, no_code=args.no_code, jobs=args.jobs,
            force=args.force, **extra,
        )
    except BuildError as exc:
        print(f"llmnews build: error: {exc}", file=sys.stderr)
        return 2
    for result in summary.failed:
        print(f"FAILED: {result.error}", file=sys.stderr)
    return 0 if summary.ok else 1


def add_build_command(commands) -> None:
    parser = commands.add_parser(
        "build",
        help="run every notebook with papermill and write HTML reports and an index",
        description="Run notebooks/NN-*.ipynb with papermill (cached by content hash), export HTML\n"
        "reports and write index.html. Exit status: 0 ok, 1 a notebook failed, 2 bad usage\n"
        "(unknown notebook or parameter, a value of the wrong type or out of range).",
        epilog=ENVIRONMENT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(parser)
    parser.set_defaults(run=run_build)


def run_clear_outputs(args: argparse.Namespace) -> int:
    from llmnews.build.notebooks import clear_outputs, find_notebooks

    try:
        notebooks = args.notebook or find_notebooks(paths.NOTEBOOKS_DIR)
        for notebook in notebooks:
            changed = clear_outputs(notebook)
            print(f"{notebook}: {'cleared' if changed else 'already clean'}")
    except (BuildError, OSError, ValueError) as exc:
        print(f"llmnews clear-outputs: error: {exc}", file=sys.stderr)
        return 2
    return 0


def add_clear_outputs_command(commands) -> None:
    parser = commands.add_parser(
        "clear-outputs",
        help="remove outputs from notebooks, keeping the form JupyterLab saves",
        description="Remove outputs, execution counts and run metadata from notebooks (default: every "
        "notebooks/NN-*.ipynb), written as JupyterLab writes them, so the hygiene test passes.",
    )
    parser.add_argument("notebook", nargs="*", type=Path, help="notebook files (default: all in notebooks/)")
    parser.set_defaults(run=run_clear_outputs)
