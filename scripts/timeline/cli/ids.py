"""``timeline ids``: its arguments, and what it prints (the comparison is in tools/ids.py)."""

from __future__ import annotations

import argparse
import sys

from timeline.cli.config import add_events_option, configured_events_dir
from timeline.format.diagnostics import visible
from timeline.tools.ids import BaseUnreadable, Comparison, compare, ids_in_folder, read_bases


def register(commands: argparse._SubParsersAction) -> None:
    ids = commands.add_parser(
        "ids", help="check that no published event id has disappeared",
        description="Compare the events with a base (a git ref, the published "
                    "api/events.json, or both) and fail for every event id of the base "
                    "that no event has now, as its id or among its aliases.")
    ids.add_argument("--base-ref", metavar="REF",
                     help="a git ref whose events folder is the base, e.g. origin/main")
    ids.add_argument("--base-json", metavar="FILE_OR_URL",
                     help="the published api/events.json, as a file or an http(s) URL")
    add_events_option(ids)
    ids.add_argument("--format", choices=("text", "github"), default="text",
                     help="'github' prints GitHub Actions annotations")
    ids.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not args.base_ref and not args.base_json:
        print("timeline ids: give a base to compare with: --base-ref REF and/or "
              "--base-json FILE_OR_URL", file=sys.stderr)
        return 2
    events_dir = args.events or configured_events_dir()
    if not events_dir.is_dir():
        print(f"timeline ids: the events folder {events_dir} does not exist",
              file=sys.stderr)
        return 2
    try:
        bases = read_bases(events_dir, args.base_ref, args.base_json)
    except BaseUnreadable as error:
        print(f"timeline ids: {error}", file=sys.stderr)
        return 2
    current = ids_in_folder(events_dir)
    vanished = 0
    for label, base in bases:
        comparison = compare(label, base, current, events_dir)
        _print_comparison(comparison, args.format)
        vanished += len(comparison.vanished)
    return 1 if vanished else 0


def _print_comparison(comparison: Comparison, output_format: str) -> None:
    """One line per vanished id on stdout, then the base's summary on stderr."""
    for gone in comparison.vanished:
        print(_github_line(gone.message, gone.file) if output_format == "github" else
              f"error: {visible(gone.message)}")
    label, count, kept = comparison.label, comparison.base_count, comparison.kept_as_alias
    summary = f"{len(comparison.vanished)} of {count} event ids of {label} have disappeared" \
        if comparison.vanished else f"all {count} event ids of {label} are still here" + \
        (f" ({kept} kept as alias{'es' * (kept != 1)})" if kept else "")
    print(f"timeline ids: {visible(summary)}", file=sys.stderr)


def _github_line(message: str, file: str | None) -> str:
    """A GitHub Actions annotation, on the renamed file when there is one."""
    message, where = visible(message, keep=""), ""
    if file:  # workflow command properties need %, CR, LF, ':' and ',' escaped
        for raw, escaped in (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"), (":", "%3A"),
                             (",", "%2C")):
            file = file.replace(raw, escaped)
        where = f"file={visible(file, keep='')},"
    return f"::error {where}title=Event id disappeared::{message.replace('%', '%25')}"
