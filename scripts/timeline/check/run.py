"""Check an events folder and build the Timeline from it.

One pass: every file is read and parsed once, checked against the JSON Schema (structure),
then against the rules the schema cannot express (dates, file names, registries,
cross-file references). Every problem in every file is reported, each with a code.
The MkDocs plugin, ``timeline generate`` and ``timeline validate`` all call ``check``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline.check import across, files
from timeline.check.state import CheckRun
from timeline.format.diagnostics import Diagnostic
from timeline.format.layout import REGISTRIES, display_path, find_event_files
from timeline.model.build import build_actors, build_event, build_tags, build_timeline
from timeline.model.records import Timeline


@dataclass
class Result:
    """What a check found: diagnostics, and the timeline when there were no errors."""

    diagnostics: list[Diagnostic]
    timeline: Timeline | None = None
    files_checked: int = 0

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


def check(events_dir: Path, only: Iterable[Path] | None = None,
          today: date | None = None) -> Result:
    """Validate ``events_dir`` (registries and every event) and build its Timeline.

    With ``only``, report problems of those files (and the registries) alone; the rest of
    the tree is still read so references between events can be checked.
    """
    events_dir = Path(events_dir)
    run = CheckRun(events_dir, today or date.today())
    run_rules(run)
    diagnostics = run.diagnostics
    if only is not None:
        wanted = {display_path(Path(p)) for p in only}
        wanted |= {display_path(events_dir / name) for name in REGISTRIES}
        wanted.add(display_path(events_dir))  # a missing events folder is always reported
        diagnostics = [d for d in diagnostics if d.path in wanted]
    diagnostics.sort(key=Diagnostic.sort_key)
    has_errors = any(d.is_error for d in run.diagnostics)
    timeline = None if has_errors else _timeline(run)
    return Result(diagnostics, timeline, files_checked=len(run.files) + 2)


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
    for file in event_paths:
        files.check_event(run, file)
    across.check_duplicate_ids(run)
    across.check_related(run)
    across.check_shared_sources(run)
    across.check_duplicate_of(run)
    across.check_aliases(run)
    across.check_outlet_slugs(run)
    across.check_likely_duplicates(run)


def event_files(events_dir: Path) -> list[Path]:
    """The event files of a folder in sorted order, as `check` finds them."""
    return find_event_files(events_dir)[0]


def _timeline(run: CheckRun) -> Timeline:
    """The model of a run without errors."""
    actors = build_actors(run.registry("actors.yaml"))
    tags = build_tags(run.registry("tags.yaml"))
    events = [build_event(entry.document.data, id=entry.id, path=entry.relative,
                          start=entry.start, end=entry.end, retracted_on=entry.retracted_on,
                          actors=actors, tags=tags)
              for entry in run.files]
    return build_timeline(events, actors, tags)
