"""``timeline validate``: check event files and the registries, and print the problems."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from timeline.check import Result, check
from timeline.cli.config import add_events_option, configured_events_dir
from timeline.collector import cycle_collector_paused
from timeline.format.diagnostics import Diagnostic, visible
from timeline.read.history import read_history
from timeline.tools.changes import ChangesUnreadable, caused_by_change, changed_files

SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY"  # the job summary file GitHub Actions names
MAX_SUMMARY_BYTES = 1024 * 1024  # GitHub refuses a larger summary of one step


def register(commands: argparse._SubParsersAction) -> None:
    validate = commands.add_parser(
        "validate", help="check event files and registries",
        description="Check event files and the registries. With no PATH, check the whole "
                    "events folder configured in mkdocs.yml (default: events/). With "
                    f"--format github and ${SUMMARY_VARIABLE} set (as in GitHub Actions), "
                    "every problem is also listed in the job summary. The exit code is 1 "
                    "if there is any error in the files checked, whatever is shown.")
    validate.add_argument("paths", nargs="*", metavar="PATH", type=Path,
                          help="event files to check (plus what they reference); "
                               "warnings in other files are only counted")
    add_events_option(validate)
    validate.add_argument("--format", choices=("text", "github"), default="text",
                          help="'github' prints GitHub Actions annotations, errors first")
    validate.add_argument(
        "--changed-since", metavar="REF",
        help="check the whole folder but show only what a change is answerable for: every "
             "problem of the files changed since the merge base of REF and HEAD "
             "(committed, uncommitted or untracked), every error in other files (the "
             "base is valid, so the change caused them) and the warnings in other files "
             "that name a changed file; other warnings are only counted. "
             "E.g. --changed-since origin/main")
    validate.add_argument("--all-warnings", action="store_true",
                          help="also show the warnings in files not named or not changed")
    validate.set_defaults(run=run)


@dataclass(frozen=True)
class Shown:
    """What one run prints or annotates, and the warnings it only counts."""

    diagnostics: list[Diagnostic]
    elsewhere: list[Diagnostic]  # warnings in files the contributor did not touch
    files_checked: int


def run(args: argparse.Namespace) -> int:
    events_dir = args.events or configured_events_dir()
    only = [path for path in args.paths] or None
    if (problem := _usage_problem(only, events_dir, args.changed_since)) is not None:
        print(f"timeline validate: {problem}", file=sys.stderr)
        return 2
    changed = None
    if args.changed_since is not None:
        try:
            changed = changed_files(events_dir, args.changed_since)
        except ChangesUnreadable as error:
            print(f"timeline validate: {visible(str(error))}", file=sys.stderr)
            return 2
    with cycle_collector_paused():
        # The history dates the files, which a correction may not predate; read as the
        # build reads it, so what validate accepts builds.
        result = check(events_dir, only=only, history=read_history(events_dir))
    shown = select(result, changed, args.all_warnings)
    print_shown(shown, args.format)
    if args.format == "github":
        note = f"Annotated on the files: the problems of the files changed since " \
               f"{_markdown(args.changed_since)}, every error, and the warnings that name " \
               "a changed file. Listed here: every problem." \
            if args.changed_since is not None else None
        write_job_summary(job_summary([*shown.diagnostics, *shown.elsewhere], note))
    return 1 if result.errors else 0


def _usage_problem(only: list[Path] | None, events_dir: Path,
                   changed_since: str | None) -> str | None:
    """Why the arguments cannot be used, or None."""
    if only and changed_since is not None:
        return "give PATHs or --changed-since, not both"
    for path in only or []:
        if not path.is_file():
            return f"no such file: {path}"
        if events_dir.is_dir() and not path.resolve().is_relative_to(events_dir.resolve()):
            return (f"{path} is not inside the events folder {events_dir}; move it there "
                    "or pass --events")
    return None


def select(result: Result, changed: set[Path] | None, all_warnings: bool) -> Shown:
    """The diagnostics to show: all of them, or, for named files (``only``) or a change,
    theirs, with the warnings elsewhere set apart unless ``all_warnings``."""
    if changed is None:  # the named files' problems, or everything when none is named
        shown = result.diagnostics
        elsewhere = [diagnostic for diagnostic in result.others if not diagnostic.is_error]
    else:
        shown, elsewhere = caused_by_change(result.diagnostics, changed)
    if all_warnings and elsewhere:
        shown, elsewhere = sorted([*shown, *elsewhere], key=Diagnostic.sort_key), []
    return Shown(shown, elsewhere, result.files_checked)


def print_result(result: Result, output_format: str) -> None:
    """Every diagnostic of ``result`` on stdout, the counts on stderr (as generate does)."""
    print_shown(Shown(result.diagnostics, [], result.files_checked), output_format)


def print_shown(shown: Shown, output_format: str) -> None:
    """Every diagnostic shown on stdout (as text, or as GitHub annotations with the errors
    first: GitHub keeps only the first few of a step), the counts on stderr."""
    if output_format == "github":
        # sorted() is stable: each severity keeps the path and line order.
        for diagnostic in sorted(shown.diagnostics, key=lambda d: not d.is_error):
            print(diagnostic.format_github())
    else:
        for diagnostic in shown.diagnostics:
            print(diagnostic.format_text())
    errors = sum(1 for diagnostic in shown.diagnostics if diagnostic.is_error)
    warnings = len(shown.diagnostics) - errors
    print(f"checked {shown.files_checked} files: {_count(errors, 'error')}, "
          f"{_count(warnings, 'warning')}", file=sys.stderr)
    if shown.elsewhere:
        what = "annotate" if output_format == "github" else "list"
        print(f"{_count(len(shown.elsewhere), 'warning')} in other files; "
              f"add --all-warnings to {what} them", file=sys.stderr)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


# -- the job summary ------------------------------------------------------------------------

# Characters Markdown may read as markup inside a line; messages quote contributors' text.
_MARKUP = re.compile(r"([\\`*_\[\]<>&|~])")


def _markdown(text: str) -> str:
    """``text`` shown literally in Markdown: invisible characters escaped, markup quoted."""
    return _MARKUP.sub(r"\\\1", visible(text))


def job_summary(diagnostics: Iterable[Diagnostic], note: str | None = None) -> str:
    """Every diagnostic as Markdown, grouped per file in path order, under the counts; cut
    short, with the number left out, before GitHub's limit of a step's summary."""
    ordered = sorted(diagnostics, key=Diagnostic.sort_key)
    errors = sum(1 for diagnostic in ordered if diagnostic.is_error)
    lines = [f"### timeline validate: {_count(errors, 'error')}, "
             f"{_count(len(ordered) - errors, 'warning')}", ""]
    if note:
        lines += [note, ""]
    size, listed = sum(len(line.encode()) + 1 for line in lines), 0
    for path, group in groupby(ordered, key=lambda diagnostic: diagnostic.path):
        section = [f"#### {_markdown(path)}", ""]
        section += [_summary_item(diagnostic) for diagnostic in group]
        section.append("")
        size += sum(len(line.encode()) + 1 for line in section)
        if size > MAX_SUMMARY_BYTES - 1024:  # room left for the line that says so
            left = len(ordered) - listed
            lines.append(f"… {left} more problem{'s' * (left != 1)} not listed (a job "
                         "summary holds at most 1 MiB): run `timeline validate` to see "
                         "them.")
            break
        lines += section
        listed += len(section) - 3
    return "\n".join(lines) + "\n"


def _summary_item(diagnostic: Diagnostic) -> str:
    return (f"- line {diagnostic.line}, column {diagnostic.column}, "
            f"**{diagnostic.severity.value}**: {_markdown(diagnostic.message)} "
            f"({diagnostic.code})")


def write_job_summary(markdown: str) -> None:
    """Append ``markdown`` to the job summary file, if GitHub named one. A summary that
    cannot be written costs the summary only, never the check: one line says so."""
    target = os.environ.get(SUMMARY_VARIABLE)
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as summary:  # appended, as GitHub expects
            summary.write(markdown)
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        print(f"timeline validate: the job summary was not written to {visible(target)}: "
              f"{reason}", file=sys.stderr)
