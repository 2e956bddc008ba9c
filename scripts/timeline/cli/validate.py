"""``timeline validate``: check event files and the registries, and print the problems."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from timeline.check import Result, check
from timeline.cli.config import configured_events_dir
from timeline.collector import cycle_collector_paused


def register(commands: argparse._SubParsersAction) -> None:
    validate = commands.add_parser(
        "validate", help="check event files and registries",
        description="Check event files and the registries. With no PATH, check the whole "
                    "events folder configured in mkdocs.yml (default: events/).")
    validate.add_argument("paths", nargs="*", metavar="PATH", type=Path,
                          help="event files to check (plus what they reference)")
    validate.add_argument("--events", type=Path, metavar="DIR",
                          help="the events folder (default: from mkdocs.yml, else events/)")
    validate.add_argument("--format", choices=("text", "github"), default="text",
                          help="'github' prints GitHub Actions annotations")
    validate.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    events_dir = args.events or configured_events_dir()
    only = [path for path in args.paths] or None
    for path in only or []:
        if not path.is_file():
            print(f"timeline validate: no such file: {path}", file=sys.stderr)
            return 2
        if events_dir.is_dir() and not path.resolve().is_relative_to(events_dir.resolve()):
            print(f"timeline validate: {path} is not inside the events folder "
                  f"{events_dir}; move it there or pass --events", file=sys.stderr)
            return 2
    with cycle_collector_paused():
        result = check(events_dir, only=only)
    print_result(result, args.format)
    return 1 if result.errors else 0


def print_result(result: Result, output_format: str) -> None:
    """Every diagnostic on stdout (as text or GitHub annotations), the counts on stderr."""
    for diagnostic in result.diagnostics:
        if output_format == "github":
            print(diagnostic.format_github())
        else:
            print(diagnostic.format_text())
    errors, warnings = len(result.errors), len(result.warnings)
    print(f"checked {result.files_checked} files: {errors} error{'s' * (errors != 1)}, "
          f"{warnings} warning{'s' * (warnings != 1)}", file=sys.stderr)
