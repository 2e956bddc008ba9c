"""The ``timeline`` command: a thin adapter over the core modules.

Only this package parses arguments and prints; each command has a module of its own here,
with a ``register(commands)`` that adds its subparser and sets ``run`` to a function
returning the exit code. The work itself is done by the core and by ``timeline.tools``.
"""

from __future__ import annotations

import argparse
import sys

from timeline.cli import fmt, generate, ids, init, links, new, validate
from timeline.read.load import LibyamlMissing

# In the order `timeline --help` lists them.
COMMANDS = (init, validate, generate, fmt, new, ids, links)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.run(args)
    except LibyamlMissing as error:  # the installation, not the input: a usage error
        print(error, file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline", description="Validate and publish a sourced timeline.")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for command in COMMANDS:
        command.register(commands)
    return parser
