"""``timeline fmt``: its arguments, and what it prints (the layout is in tools/fmt.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from timeline.cli.config import add_events_option, configured_events_dir
from timeline.tools.fmt import PathRefused, files_for, format_files


def register(commands: argparse._SubParsersAction) -> None:
    fmt = commands.add_parser(
        "fmt", help="rewrite event files and registries in the canonical layout",
        description="Rewrite event files and the registries in one canonical layout "
                    "(field order, quoting, indentation), keeping comments. With no PATH, "
                    "format the registries and every event in the events folder.")
    fmt.add_argument("paths", nargs="*", metavar="PATH", type=Path,
                     help="files (or folders) to format")
    fmt.add_argument("--check", action="store_true",
                     help="change nothing; list the files that would change and exit 1 "
                          "if there are any")
    add_events_option(fmt)
    fmt.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    events_dir = args.events or configured_events_dir()
    try:
        files, problems = files_for(args.paths, events_dir)
    except PathRefused as refused:
        print(f"timeline fmt: {refused}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem.format_text())
    changed, failed = 0, len(problems)
    # Each outcome is printed as it comes, so a long run shows its progress.
    for outcome in format_files(files, events_dir, write=not args.check):
        if outcome.problems:
            print("\n".join(outcome.problems))
            failed += 1
        elif outcome.changed:
            changed += 1
            print(outcome.display)
    _summary(len(files), changed, failed, args.check)
    return 1 if failed or (args.check and changed) else 0


def _summary(total: int, changed: int, failed: int, check: bool) -> None:
    files = f"{changed} file{'s' * (changed != 1)}"
    if check and changed:
        print(f"{files} would be reformatted; run `timeline fmt` to format them",
              file=sys.stderr)
    elif check and not failed:
        print(f"all {total} files are formatted", file=sys.stderr)
    elif not check:
        print(f"formatted {files} of {total}", file=sys.stderr)
    if failed:
        print(f"{failed} file{'s' * (failed != 1)} could not be "
              f"{'checked' if check else 'formatted'}; fix the errors above",
              file=sys.stderr)
