"""Check an events folder and build the Timeline from it.

One pass: every file is read and parsed once, checked against the JSON Schema (structure),
then against the rules the schema cannot express (dates, file names, registries,
cross-file references). Every problem in every file is reported, each with a code.
The MkDocs plugin, ``timeline generate`` and ``timeline validate`` all call ``check``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from timeline.check import across, files
from timeline.check.state import CheckRun
from timeline.format.diagnostics import Diagnostic
from timeline.format.layout import REGISTRIES, display_path, find_event_files, is_event_file
from timeline.model.build import build_actors, build_event, build_tags, build_timeline
from timeline.model.records import Timeline
from timeline.read.history import History


@dataclass
class Result:
    """What a check found: diagnostics, and the timeline when there were no errors."""

    diagnostics: list[Diagnostic]
    timeline: Timeline | None = None
    files_checked: int = 0
    # What ``only`` left out: the problems of the other files, sorted the same way.
    others: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


def check(events_dir: Path, only: Iterable[Path] | None = None,
          today: date | None = None, overlay: Mapping[Path, str] | None = None, *,
          history: History | None = None) -> Result:
    """Validate ``events_dir`` (registries and every event) and build its Timeline.

    With ``only``, report problems of those files (and the registries) alone; the rest of
    the tree is still read so references between events can be checked (the others'
    problems are in ``Result.others``).

    ``overlay`` holds files about to be written, by their path inside ``events_dir``
    (``events_dir / "2026" / "x.yaml"``, as ``only`` names them), read from this text
    instead of from the disk: new event files and changed registries (no other file is
    read from it). The disk is only read, and the messages name the files where they
    will be.

    ``history`` gives the days each event file was added and last changed (by its path
    inside ``events_dir``, as ``2026/x.yaml``): they become ``Event.added`` and
    ``Event.updated``, and no correction may be dated before its file was added. Without
    it (or when it is not known) those days are unknown and that rule is skipped.
    """
    events_dir = Path(events_dir)
    run = CheckRun(events_dir, today or date.today(), overlay, history)
    run_rules(run)
    diagnostics, others = run.diagnostics, []
    if only is not None:
        wanted = {display_path(Path(p)) for p in only}
        wanted |= {display_path(events_dir / name) for name in REGISTRIES}
        wanted.add(display_path(events_dir))  # a missing events folder is always reported
        others = [d for d in diagnostics if d.path not in wanted]
        diagnostics = [d for d in diagnostics if d.path in wanted]
        others.sort(key=Diagnostic.sort_key)
    diagnostics.sort(key=Diagnostic.sort_key)
    has_errors = any(d.is_error for d in run.diagnostics)
    timeline = None if has_errors else _timeline(run)
    return Result(diagnostics, timeline, files_checked=len(run.files) + 2, others=others)


def run_rules(run: CheckRun) -> None:
    """Every rule, in this order: the cross-file rules read what the per-file rules found,
    and the warnings' caps count the diagnostics in the order they are reported."""
    if not run.events_dir.is_dir():
        run.report(Diagnostic(display_path(run.events_dir), 1, 1, "EVT044",
                              "the events folder does not exist"))
        return
    for name in REGISTRIES:
        files.check_registry(run, name)
    event_paths, problems = find_event_files(run.events_dir)
    run.diagnostics.extend(problems)
    for file in with_overlay(run, event_paths):
        files.check_event(run, file)
    across.check_duplicate_ids(run)
    across.check_related(run)
    across.check_shared_sources(run)
    across.check_duplicate_of(run)
    across.check_aliases(run)
    across.check_outlet_slugs(run)
    across.check_key_events(run)
    across.check_likely_duplicates(run)


def with_overlay(run: CheckRun, event_paths: list[Path]) -> list[Path]:
    """The event files found on the disk, and the overlay's event files not there yet, each
    where the folder walk will list it once written, so diagnostics keep their order."""
    paths = list(event_paths)
    listed = set(paths)
    for file in run.overlay:
        relative = file.relative_to(run.events_dir)
        if file not in listed and is_event_file(relative.as_posix()):
            bisect.insort(paths, file, key=lambda path: _walk_order(run, path))
    return paths


def _walk_order(run: CheckRun, file: Path) -> tuple[tuple[str, ...], str]:
    """The order of ``find_event_files``: a folder's files (sorted by name), then its
    folders (sorted), each with its files before its own folders."""
    relative = file.relative_to(run.events_dir)
    return relative.parent.parts, relative.name


def event_files(events_dir: Path) -> list[Path]:
    """The event files of a folder in sorted order, as `check` finds them."""
    return find_event_files(events_dir)[0]


def _timeline(run: CheckRun) -> Timeline:
    """The model of a run without errors."""
    actors = build_actors(run.registry("actors.yaml"))
    tags = build_tags(run.registry("tags.yaml"))
    events = [build_event(entry.document.data, id=entry.id, path=entry.relative,
                          start=entry.start, end=entry.end, retracted_on=entry.retracted_on,
                          actors=actors, tags=tags, dates=run.dates_of(entry))
              for entry in run.files]
    return build_timeline(events, actors, tags)
