"""The ``timeline`` command: a thin adapter over the core modules."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from timeline.check.checker import Result, check
from timeline.cli.config import configured_events_dir, read_mkdocs_config
from timeline.read.load import LibyamlMissing
from timeline.tools import fmt, ids, links
from timeline.tools import new as scaffold


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
    _add_validate(commands)
    _add_generate(commands)
    # Commands in modules of their own add their subparser here, each with a
    # `register(commands)` function that sets `run` to a function returning the exit code.
    fmt.register(commands)
    scaffold.register(commands)
    ids.register(commands)
    links.register(commands)
    return parser


def _add_validate(commands: argparse._SubParsersAction) -> None:
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
    validate.set_defaults(run=_run_validate)


def _add_generate(commands: argparse._SubParsersAction) -> None:
    generate = commands.add_parser(
        "generate", help="write the generated pages and data files into a folder",
        description="Write exactly the pages and files the MkDocs plugin adds, as plain "
                    "files, so any static-site builder can build the site from docs/ plus "
                    "OUT_DIR.")
    generate.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    generate.add_argument("--events", type=Path, metavar="DIR")
    generate.add_argument("--config", type=Path, default=Path("mkdocs.yml"),
                          help="mkdocs.yml to read the site options from")
    generate.set_defaults(run=_run_generate)


def _run_validate(args: argparse.Namespace) -> int:
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
    result = check(events_dir, only=only)
    _print_result(result, args.format)
    return 1 if result.errors else 0


def _print_result(result: Result, output_format: str) -> None:
    for diagnostic in result.diagnostics:
        if output_format == "github":
            print(diagnostic.format_github())
        else:
            print(diagnostic.format_text())
    errors, warnings = len(result.errors), len(result.warnings)
    print(f"checked {result.files_checked} files: {errors} error{'s' * (errors != 1)}, "
          f"{warnings} warning{'s' * (warnings != 1)}", file=sys.stderr)


def _run_generate(args: argparse.Namespace) -> int:
    # Imported here: the renderer and its libraries are only needed for this command, and
    # loading them cost every other command (validate included) a quarter of a second.
    from timeline.site.files import options_from_mkdocs_yaml, write_generated_files

    config = read_mkdocs_config(args.config)
    try:
        options, config_events_dir = options_from_mkdocs_yaml(config, args.config.parent)
    except ValueError as error:
        print(f"timeline generate: {args.config}: {error}", file=sys.stderr)
        return 2
    events_dir = args.events or config_events_dir
    result = check(events_dir)
    if result.errors:
        _print_result(result, "text")
        return 1
    count = write_generated_files(result.timeline, options, args.out_dir)
    print(f"wrote {count} files to {args.out_dir}", file=sys.stderr)
    return 0
