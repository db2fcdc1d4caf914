"""Command line: ``python -m llmnews COMMAND [options]`` (also installed as ``llmnews``).

Each subcommand is one function in ``SUBCOMMANDS`` that adds its parser to the subparsers and
sets ``run`` (a function of the parsed arguments returning the exit status); adding a command is
adding one such function.
"""

from __future__ import annotations

import argparse
import sys

from llmnews import __version__

__all__ = ["SUBCOMMANDS", "main"]


def _build(commands) -> None:
    from llmnews.build.cli import add_build_command

    add_build_command(commands)


def _clear_outputs(commands) -> None:
    from llmnews.build.cli import add_clear_outputs_command

    add_clear_outputs_command(commands)


def _prepare(commands) -> None:
    from llmnews.store.cli import add_prepare_command

    add_prepare_command(commands)


SUBCOMMANDS = (_build, _prepare, _clear_outputs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="llmnews", description="Rebuild the llmnews notebooks, figures and HTML reports."
    )
    parser.add_argument("--version", action="version", version=f"llmnews {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add_command in SUBCOMMANDS:
        add_command(commands)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
