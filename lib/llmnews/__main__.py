"""Command line: ``python -m llmnews build [options]`` (also installed as ``llmnews``)."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    from llmnews import build

    parser = argparse.ArgumentParser(
        prog="llmnews", description="Rebuild the llmnews notebooks, figures and HTML reports."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build_parser = commands.add_parser(
        "build",
        help="run every notebook with papermill and write HTML reports and an index",
        description="Run notebooks/NN-*.ipynb with papermill (cached by content hash), export HTML "
        "reports and write index.html. Exit status: 0 ok, 1 a notebook failed, 2 bad usage.",
    )
    build.add_arguments(build_parser)
    from llmnews.store import cli as store_cli

    prepare_parser = commands.add_parser(
        "prepare",
        help="compute every stage's table once into the analysis store (Parquet), here or on Dask",
        description="Load, clean, segment and extract every article into build/store/ (one Parquet "
        "table per stage, with a manifest); only changed articles are prepared again. "
        "Exit status: 0 ok, 2 bad usage or an unusable folder or Dask address.",
    )
    store_cli.add_arguments(prepare_parser)
    args = parser.parse_args(argv)
    if args.command == "build":
        return build.run_from_args(args)
    if args.command == "prepare":
        return store_cli.run_from_args(args)
    parser.error(f"unknown command {args.command}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
