"""``python -m llmnews prepare``: the analysis store from the command line."""

from __future__ import annotations

import argparse
import sys

__all__ = ["add_arguments", "add_prepare_command", "run_prepare"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seeds", metavar="DIR", default=None,
                        help="articles folder (default: LLMNEWS_SEEDS_DIR or the project's seeds/)")
    parser.add_argument("--store", metavar="DIR", default=None,
                        help="store folder (default: LLMNEWS_STORE_DIR or build/store)")
    parser.add_argument("--dask", metavar="WHERE", default=None,
                        help="run the stages on Dask: local (one worker process per core), local:N, "
                             "or a scheduler address such as tcp://10.0.0.5:8786")
    parser.add_argument("--processes", type=int, default=None, metavar="N",
                        help="worker processes without Dask (default: one per core; 1 = this process)")
    parser.add_argument("--force", action="store_true", help="prepare every partition again, whatever the manifest says")


def add_prepare_command(commands) -> None:
    parser = commands.add_parser(
        "prepare",
        help="compute every stage's table once into the analysis store (Parquet), here or on Dask",
        description="Load, clean, segment and extract every article into the analysis store (one Parquet\n"
        "table per stage, with a manifest); only the partitions whose articles changed are prepared\n"
        "again. Exit status: 0 ok, 2 bad usage, an unusable folder or a Dask address that does not answer.",
        epilog="environment: LLMNEWS_SEEDS_DIR (articles), LLMNEWS_STORE_DIR (store), LLMNEWS_BUILD_DIR",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(parser)
    parser.set_defaults(run=run_prepare)


def run_prepare(args: argparse.Namespace) -> int:
    from llmnews.store import StoreError, prepare

    try:
        report = prepare(args.seeds, args.store, dask=args.dask, processes=args.processes, force=args.force)
    except StoreError as err:
        print(f"llmnews prepare: {err}", file=sys.stderr)
        return 2
    if report.up_to_date:
        print(f"prepare: {report.store_dir} is up to date ({report.n_articles:,} articles); "
              "nothing to do", file=sys.stderr)
    return 0
