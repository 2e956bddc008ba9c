"""``timeline generate``: write the generated pages and data files into a folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from timeline.check import check
from timeline.cli.config import site_options_from
from timeline.cli.validate import print_result
from timeline.collector import cycle_collector_paused
from timeline.read.history import read_history
from timeline.tools.atomic import write_text_atomically


def register(commands: argparse._SubParsersAction) -> None:
    generate = commands.add_parser(
        "generate", help="write the generated pages and data files into a folder",
        description="Write exactly the pages and files the MkDocs plugin adds, as plain "
                    "files, so any static-site builder can build the site from docs/ plus "
                    "OUT_DIR.")
    generate.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    generate.add_argument("--events", type=Path, metavar="DIR")
    generate.add_argument("--config", type=Path, default=Path("mkdocs.yml"),
                          help="mkdocs.yml to read the site options from")
    generate.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: the renderer and its libraries are only needed for this command, and
    # loading them would slow every other command (validate included).
    from timeline.site.files import generated_files

    try:
        options, config_events_dir = site_options_from(args.config)
    except ValueError as error:
        print(f"timeline generate: {args.config}: {error}", file=sys.stderr)
        return 2
    events_dir = args.events or config_events_dir
    history = read_history(events_dir)
    if not history.known:
        print(f"timeline generate: no added or updated dates on the pages "
              f"({history.unknown_because})", file=sys.stderr)
    with cycle_collector_paused():
        result = check(events_dir, history=history)
    if result.errors:
        print_result(result, "text")
        return 1
    count = write_generated_files(generated_files(result.timeline, options), args.out_dir)
    print(f"wrote {count} files to {args.out_dir}", file=sys.stderr)
    return 0


def write_generated_files(contents: dict[str, str], out_dir: Path) -> int:
    """Write the generated files under ``out_dir``; each file is replaced atomically."""
    for relative, content in contents.items():
        target = out_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(target, content)
    return len(contents)
