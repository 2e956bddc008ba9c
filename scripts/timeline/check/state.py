"""The shared state of one check: what was found so far, and the files read.

Every rule (per file in ``check.files``, across files in ``check.across``) is a function
that receives the run and reports into it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from timeline.format.diagnostics import Diagnostic
from timeline.format.layout import display_path, links_outside
from timeline.model.dates import PartialDate
from timeline.read.history import FileDates, History
from timeline.read.load import Document, Path_, load_file, load_text

if TYPE_CHECKING:
    from timeline.format.summary import SummaryText

# How far ahead of today a date may be.
FUTURE_TOLERANCE = timedelta(days=7)
# How far ahead of today a correction may be dated: a day, for an editor whose day has
# begun in a time zone ahead of the machine that checks.
CORRECTION_TOLERANCE = timedelta(days=1)
# At most this many "did you mean" hints per file and kind of name (actor, tag, related
# event): each compares the unknown name with every known one, so 1,000 unknown ids among
# 3,000 events took minutes. Past the limit the names are still reported, without a hint.
MAX_HINTS_PER_FILE = 20


@dataclass
class EventFile:
    """One event file of the run, and what its per-file rules found out about it."""

    file: Path
    display: str
    relative: str  # e.g. "2026/2026-04-x.yaml"
    id: str
    document: Document | None = None
    bad_paths: set[Path_] = field(default_factory=set)  # values already reported
    start: PartialDate | None = None
    end: PartialDate | None = None
    retracted_on: PartialDate | None = None


class CheckRun:
    """The diagnostics, event files and registry documents of one check of a folder.

    ``overlay`` holds files about to be written (by their path under ``events_dir``, as
    ``events_dir / "2026" / "x.yaml"``): the rules read them from this text instead of
    from the disk, so a file can be checked before it exists.

    ``history`` holds the days each event file was added and last changed, when the
    repository's history was read; without it (or when it is not known) the rule that
    needs them is skipped and the model has no such days.
    """

    def __init__(self, events_dir: Path, today: date,
                 overlay: Mapping[Path, str] | None = None,
                 history: History | None = None):
        self.events_dir = events_dir
        self.overlay = {Path(file): text for file, text in (overlay or {}).items()}
        for file in self.overlay:
            if not file.is_relative_to(events_dir):
                raise ValueError(f"{file} is not inside the events folder {events_dir}")
        self.shown_dir = display_path(events_dir)  # how messages name the folder
        self.today = today
        # The last day a date may start on: a week ahead (never past the calendar's end).
        self.horizon = min(today, date.max - FUTURE_TOLERANCE) + FUTURE_TOLERANCE
        # The last day a correction may be dated on.
        self.correction_horizon = min(today, date.max - CORRECTION_TOLERANCE) \
            + CORRECTION_TOLERANCE
        self.history = history
        self.diagnostics: list[Diagnostic] = []
        self.files: list[EventFile] = []
        self.registry_docs: dict[str, Document] = {}
        self._registries: dict[str, dict[str, Any]] = {}
        self._hints_given: dict[tuple[str, str], int] = {}

    def report(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def load(self, file: Path, display: str) -> tuple[Document | None, list[Diagnostic]]:
        """``file``'s document (or why it has none), from the overlay if it is there."""
        text = self.overlay.get(file)
        return load_file(file, display) if text is None else load_text(text, display)

    def is_file(self, file: Path) -> bool:
        """Whether ``file`` is a regular file, or will be one once the overlay is written."""
        return file in self.overlay or file.is_file()

    def links_outside(self, file: Path) -> bool:
        """Whether ``file`` is a symbolic link out of the events folder. A file of the
        overlay is none: writing it replaces whatever is at its place with a plain file."""
        return file not in self.overlay and links_outside(file, self.events_dir)

    def dates_of(self, entry: EventFile) -> FileDates | None:
        """The days the event file was added and last changed, when the history knows
        them: None without a known history, and for a file it has no commit of (one not
        committed yet, such as a new file of the overlay)."""
        if self.history is None or not self.history.known:
            return None
        return self.history.of(entry.relative)

    def whole_file(self, entry: EventFile, code: str, message: str) -> None:
        """A problem of the file as a whole (its name, place or id), shown at 1:1."""
        self.report(Diagnostic(entry.display, 1, 1, code, message))

    def hint(self, entry: EventFile, kind: str, suggest: Callable[[], str]) -> str:
        """``suggest()``, for the first MAX_HINTS_PER_FILE unknown names of a kind in a
        file; '' after them, so a file of unknown names costs bounded time."""
        given = self._hints_given.get((entry.display, kind), 0)
        self._hints_given[(entry.display, kind)] = given + 1
        return suggest() if given < MAX_HINTS_PER_FILE else ""

    def registry(self, name: str) -> dict[str, Any]:
        """The entries of a registry by slug (an entry that is no mapping reads as {})."""
        # Asked for once per actor and tag list: built once per registry.
        if name not in self._registries:
            document = self.registry_docs.get(name)
            self._registries[name] = {} if document is None else {
                slug: entry if isinstance(entry, dict) else {}
                for slug, entry in document.data.items()}
        return self._registries[name]

    def valid_documents(self) -> Iterable[EventFile]:
        """The event files that were read as a mapping, in path order."""
        return (entry for entry in self.files if entry.document is not None)

    @cached_property
    def summary_text(self) -> SummaryText:
        """Summaries rendered as the site renders them, for the few the rules must see
        rendered; made on first use, so a run without such summaries loads no Markdown."""
        from timeline.format.summary import SummaryText

        return SummaryText()

    @cached_property
    def alias_owners(self) -> dict[str, EventFile]:
        """Each former id to the (first, by path) event that lists it in ``aliases``."""
        owners: dict[str, EventFile] = {}
        for entry in self.valid_documents():
            for _, alias in aliases_of(entry):
                owners.setdefault(alias, entry)
        return owners


# -- reading an event's values, skipping what was already reported ----------------------


def text_at(entry: EventFile, key: str) -> str | None:
    """The top-level text value ``key``, unless missing or already reported as malformed."""
    value = entry.document.data.get(key)
    return value if isinstance(value, str) and (key,) not in entry.bad_paths else None


def aliases_of(entry: EventFile) -> list[tuple[int, str]]:
    """The well-formed entries of ``aliases`` with their index in the list."""
    aliases = entry.document.data.get("aliases")
    return [(index, alias) for index, alias in enumerate(aliases)
            if isinstance(alias, str) and ("aliases", index) not in entry.bad_paths] \
        if isinstance(aliases, list) and ("aliases",) not in entry.bad_paths else []


# The fields of a source that name an outlet, each of which gets an outlet page: the
# publisher, and the outlet whose reporting the source relays.
OUTLET_FIELDS = ("publisher", "via")


def outlets_of(entry: EventFile) -> list[tuple[int, str, str]]:
    """The well-formed, non-empty outlet names of an event's sources, each with its
    source's index and its field (publisher or via)."""
    return [(index, key, source[key])
            for index, source in sources_of(entry.document.data)
            for key in OUTLET_FIELDS
            if isinstance(source.get(key), str) and source[key]
            and ("sources", index, key) not in entry.bad_paths]


def sources_of(data: dict) -> Iterator[tuple[int, dict]]:
    """Each source of an event that is a mapping, with its index (the schema reports the
    rest)."""
    sources = data.get("sources")
    for index, source in enumerate(sources if isinstance(sources, list) else []):
        if isinstance(source, dict):
            yield index, source
