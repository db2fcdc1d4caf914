"""``python -m llmnews prepare``: the analysis store from the command line."""

from __future__ import annotations

import argparse
import sys

__all__ = ["add_arguments", "run_from_args"]


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


def run_from_args(args: argparse.Namespace) -> int:
    from llmnews.store import StoreError, prepare

    try:
        report = prepare(args.seeds, args.store, dask=args.dask, processes=args.processes)
    except StoreError as err:
        print(f"llmnews prepare: {err}", file=sys.stderr)
        return 2
    if report.up_to_date:
        print(f"prepare: {report.store_dir} is up to date ({report.n_articles:,} articles); "
              "nothing to do", file=sys.stderr)
    return 0
