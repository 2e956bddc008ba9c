"""Check an events folder and build the Timeline from it.

One pass: every file is read and parsed once, checked against the JSON Schema (structure),
then against the rules the schema cannot express (dates, file names, registries,
cross-file references). Every problem in every file is reported, each with a code.
The MkDocs plugin, ``timeline generate`` and ``timeline validate`` all call ``check``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import fastjsonschema

from timeline.check.duplicates import WINDOW, Candidate, LikelyDuplicate, find_likely_duplicates
from timeline.collector import cycle_collector_paused
from timeline.format.diagnostics import MAX_QUOTE_WORDS, Diagnostic, did_you_mean, shortened
from timeline.format.schema import load_schema
from timeline.model.dates import DateError, PartialDate, parse_partial_date
from timeline.model.records import (
    RESERVED_SLUGS,
    Actor,
    Event,
    Related,
    Retraction,
    Source,
    Tag,
    Timeline,
    outlet_slug_of,
    slugify,
)
from timeline.read.load import Document, Path_, load_file

if TYPE_CHECKING:
    import jsonschema

REGISTRIES = ("actors.yaml", "tags.yaml")
FUTURE_TOLERANCE = timedelta(days=7)
# [0-9], not \d: \d also matches other scripts' digits ("２０２６", "٢٠٢٦").
ID_PATTERN = re.compile(r"([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)-([a-z0-9]+(?:-[a-z0-9]+)*)")
YEAR_FOLDER = re.compile(r"[0-9]{4}")
# A date as it must be written in the file (quoted or not): decimal ASCII digits. YAML 1.1
# also reads 0x7EA, 03752, 33:46 and 2_026 as the integer 2026; those are refused as written.
WRITTEN_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")
# The earliest year a date may be in. The timeline records recent events that sources
# report; a year before 1900 is a slip of the keyboard ("0999", "1026"), not history.
EARLIEST_YEAR = 1900
SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A "<" directly followed by a letter, "/" or "!" opens a tag (or a comment) for browsers
# and Markdown, closed or not; "<" before a space, a digit or "=" is text ("x < y", "<=").
HTML_TAG = re.compile(r"<[a-zA-Z/!][^<>]*>?")
WHITESPACE = re.compile(r"\s")
# Most source URLs: http(s), a host of ASCII letters, digits, dots and hyphens (so no user,
# port or brackets), then nothing or a path, query or fragment. urlsplit takes such a URL
# apart into exactly that scheme and host, so the answer is yes without asking it.
PLAIN_WEB_URL = re.compile(r"(?i:https?)://[A-Za-z0-9.\-]+(?:[/?#]\S*)?")
# How deeply a summary may nest lists and block quotes. Prose needs two or three levels;
# Python-Markdown recurses once or more per level and runs out of stack near a few hundred.
MAX_SUMMARY_NESTING = 8
# How many link, image and HTML openers ("[", "![", "<" before a letter) a summary may
# hold. Python-Markdown rescans the text after each one, so the build time grows with
# their square: 25,000 "[" take a minute, 15,000 "<a " a quarter of one. A summary is a
# paragraph or two with a handful of links (sources go in `sources`), so 100 is far above
# any real one and still renders in a blink.
MAX_SUMMARY_OPENERS = 100
_SUMMARY_OPENER = re.compile(r"\[|<[A-Za-z]")
# At most this many likely-duplicate warnings per file, then one line counting the rest:
# 800 near-copies of one event would otherwise print 319,600 warnings.
MAX_DUPLICATE_WARNINGS = 5
# At most this many "did you mean" hints per file and kind of name (actor, tag, related
# event): each compares the unknown name with every known one, so 1,000 unknown ids among
# 3,000 events took minutes. Past the limit the names are still reported, without a hint.
MAX_HINTS_PER_FILE = 20
# One container opened at the start of a line: a block quote, a bullet or a numbered item.
_CONTAINER_MARK = re.compile(r"(?:>|[-*+](?=\s|$)|\d{1,9}[.)](?=\s|$))[ \t]*")
# A line that could open a container at all: indented, or starting with one's mark.
_MAY_NEST = re.compile(r"^(?:[ \t]|[ \t]*(?:>|[-*+](?=\s|$)|\d{1,9}[.)](?=\s|$)))",
                       re.MULTILINE)
# The last day an event may end on. Python's dates stop at 9999-12-31, and the timeline
# counts past an event's last day: the calendar (events.ics) ends an all-day event on the
# day after, and the search for likely duplicates looks WINDOW ahead.
LAST_CALENDAR_DAY = date.max - max(WINDOW, timedelta(days=1))
TYPE_NAMES = {"string": "text", "integer": "a whole number", "boolean": "true or false",
              "array": "a list", "object": "a mapping of `key: value` lines"}


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


@dataclass
class _EventFile:
    file: Path
    display: str
    relative: str  # e.g. "2026/2026-04-x.yaml"
    id: str
    document: Document | None = None
    bad_paths: set[Path_] = field(default_factory=set)  # values already reported
    start: PartialDate | None = None
    end: PartialDate | None = None
    retracted_on: PartialDate | None = None


def check(events_dir: Path, only: Iterable[Path] | None = None,
          today: date | None = None) -> Result:
    """Validate ``events_dir`` (registries and every event) and build its Timeline.

    With ``only``, report problems of those files (and the registries) alone; the rest of
    the tree is still read so references between events can be checked.
    """
    with cycle_collector_paused():
        # In a function of its own, so the files read are freed before collection resumes.
        return _check(Path(events_dir), only, today or date.today())


def _check(events_dir: Path, only: Iterable[Path] | None, today: date) -> Result:
    checker = _Checker(events_dir, today)
    checker.run()
    diagnostics = checker.diagnostics
    if only is not None:
        wanted = {display_path(Path(p)) for p in only}
        wanted |= {display_path(events_dir / name) for name in REGISTRIES}
        wanted.add(display_path(events_dir))  # a missing events folder is always reported
        diagnostics = [d for d in diagnostics if d.path in wanted]
    diagnostics.sort(key=Diagnostic.sort_key)
    has_errors = any(d.is_error for d in checker.diagnostics)
    timeline = None if has_errors else checker.build_timeline()
    return Result(diagnostics, timeline, files_checked=len(checker.files) + 2)


def display_path(path: Path) -> str:
    """The path as people and editors want it: relative to the working folder if inside."""
    try:
        return os.path.relpath(path)  # relpath handles ".." cleanly
    except ValueError:  # another drive on Windows
        return str(path)


def _links_outside(path: Path, folder: Path) -> bool:
    """True when ``path`` is a symbolic link whose final target is not inside ``folder``."""
    # realpath, unlike Path.resolve() on Python 3.11, does not raise on a loop of links;
    # a loop resolves inside and is then reported as unreadable.
    return path.is_symlink() and not Path(os.path.realpath(path)).is_relative_to(
        os.path.realpath(folder))


class _Checker:
    def __init__(self, events_dir: Path, today: date):
        self.events_dir = events_dir
        self.shown_dir = display_path(events_dir)  # how messages name the folder
        self.today = today
        # The last day a date may start on: a week ahead (never past the calendar's end).
        self.horizon = min(today, date.max - FUTURE_TOLERANCE) + FUTURE_TOLERANCE
        self.diagnostics: list[Diagnostic] = []
        self.files: list[_EventFile] = []
        self.registry_docs: dict[str, Document] = {}
        self._registries: dict[str, dict[str, Any]] = {}
        self._hints_given: dict[tuple[str, str], int] = {}

    # -- the whole run -------------------------------------------------------------------

    def run(self) -> None:
        if not self.events_dir.is_dir():
            self.report(Diagnostic(display_path(self.events_dir), 1, 1, "EVT044",
                                   "the events folder does not exist"))
            return
        for name in REGISTRIES:
            self.check_registry(name)
        for file in self.event_files():
            self.check_event(file)
        self.check_duplicate_ids()
        self.check_related()
        self.check_shared_sources()
        self.check_duplicate_of()
        self.check_aliases()
        self.check_outlet_slugs()
        self.check_likely_duplicates()

    def report(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def hint(self, entry: _EventFile, kind: str, suggest: Callable[[], str]) -> str:
        """``suggest()``, for the first MAX_HINTS_PER_FILE unknown names of a kind in a
        file; '' after them, so a file of unknown names costs bounded time."""
        given = self._hints_given.get((entry.display, kind), 0)
        self._hints_given[(entry.display, kind)] = given + 1
        return suggest() if given < MAX_HINTS_PER_FILE else ""

    def event_files(self) -> list[Path]:
        found = []
        # One walk, sorted, so output never depends on the file system's order.
        for root, dirs, files in os.walk(self.events_dir):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in dirs:
                if Path(root, name).is_symlink():  # os.walk lists but does not enter it
                    self.report(Diagnostic(display_path(Path(root, name)), 1, 1, "EVT026",
                                           "symbolic link to a folder, which is not "
                                           "followed; commit the folder itself"))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                path = Path(root, name)
                if not name.endswith((".yaml", ".yml")):
                    # In a year folder, any other file is an event under a wrong name.
                    if path.parent.parent == self.events_dir \
                            and YEAR_FOLDER.fullmatch(path.parent.name):
                        self.report(Diagnostic(
                            display_path(path), 1, 1, "EVT026", f'rename the file to '
                            f'"{name.split(".")[0]}.yaml": event files end in .yaml, '
                            "and files with other endings are not read"))
                    continue
                if path.parent == self.events_dir and name in REGISTRIES:
                    continue
                found.append(path)
        return found

    # -- registries ----------------------------------------------------------------------

    def check_registry(self, name: str) -> None:
        file = self.events_dir / name
        display = display_path(file)
        if _links_outside(file, self.events_dir):
            self.report(Diagnostic(display, 1, 1, "EVT026", "symbolic link to a file "
                                   "outside the events folder; commit the file itself"))
            return
        if not file.is_file():
            self.report(Diagnostic(display, 1, 1, "EVT044",
                                   f"the registry {name} is missing; create it (it may be "
                                   "an empty mapping: {})"))
            return
        document, problems = load_file(file, display)
        self.diagnostics.extend(problems)
        if document is None or not isinstance(document.data, dict):
            return
        self.registry_docs[name] = document
        found, bad_paths = schema_diagnostics(document, name.removesuffix(".yaml"))
        self.diagnostics.extend(found)
        self.check_reserved_slugs(document, name, bad_paths)
        self.check_blank(document, bad_paths, [
            (slug, "name") for slug, entry in document.data.items()
            if isinstance(entry, dict) and "name" in entry])
        if name == "actors.yaml":
            self.check_actor_urls(document, bad_paths)

    def check_actor_urls(self, document: Document, bad_paths: set[Path_]) -> None:
        for slug, entry in document.data.items():
            url = entry.get("url") if isinstance(entry, dict) else None
            if isinstance(url, str) and (slug, "url") not in bad_paths \
                    and not _is_web_url(url):
                self.report(document.diagnostic(
                    (slug, "url"), "EVT040", f'{slug}.url: "{url}" is not a web address; '
                    "give a full http:// or https:// URL"))

    def check_reserved_slugs(self, document: Document, name: str,
                             bad_paths: set[Path_]) -> None:
        folder = name.removesuffix(".yaml")
        for slug in document.data:
            if slug in RESERVED_SLUGS and (slug,) not in bad_paths:
                where = document.key_position((slug,))
                entry = document.data[slug]
                named = slugify(entry["name"]) if isinstance(entry, dict) \
                    and isinstance(entry.get("name"), str) else ""
                example = named if named not in RESERVED_SLUGS | {"unnamed"} \
                    else f'{slug}-{folder.removesuffix("s")}'
                self.report(Diagnostic(
                    document.path, where.line, where.column, "EVT054",
                    f'the slug "{slug}" is reserved: its page would be {folder}/{slug}.md, '
                    f'the index of all {folder}; choose another slug, e.g. "{example}"'))

    def registry(self, name: str) -> dict[str, Any]:
        # Asked for once per actor and tag list: built once per registry.
        if name not in self._registries:
            document = self.registry_docs.get(name)
            self._registries[name] = {} if document is None else {
                slug: entry if isinstance(entry, dict) else {}
                for slug, entry in document.data.items()}
        return self._registries[name]

    # -- one event file ------------------------------------------------------------------

    def display_path_inside(self, file: Path, relative: str) -> str:
        """``display_path(file)`` for a file at ``relative`` inside the events folder.

        relpath works on the names alone, so when the folder is the working folder or
        inside it (no ".." in its display path), the file's display path is the folder's
        joined with the file's path inside it: no relpath, with its two getcwd calls, for
        each of ten thousand files.
        """
        shown_parts = self.shown_dir.split(os.sep)
        if os.path.isabs(self.shown_dir) or os.pardir in shown_parts:
            return display_path(file)
        if self.shown_dir == os.curdir:
            return os.path.join(*relative.split("/"))
        return os.path.join(self.shown_dir, *relative.split("/"))

    def check_event(self, file: Path) -> None:
        relative = file.relative_to(self.events_dir).as_posix()
        display = self.display_path_inside(file, relative)
        entry = _EventFile(file, display, relative, file.name.rsplit(".", 1)[0])
        self.files.append(entry)
        if not self.check_place(entry):
            return
        document, problems = load_file(file, display)
        self.diagnostics.extend(problems)
        if document is None or not isinstance(document.data, dict):
            return
        entry.document = document
        found, bad_paths = schema_diagnostics(document, "event")
        self.diagnostics.extend(_explain_retracted_status(document, found))
        entry.bad_paths = bad_paths
        self.check_blank(entry.document, entry.bad_paths, _event_texts(entry.document.data))
        self.check_dates(entry)
        self.check_published(entry)
        self.check_retraction(entry)
        self.check_title(entry)
        self.check_registered(entry, "actors", "actors.yaml", "EVT030", "actor")
        self.check_registered(entry, "tags", "tags.yaml", "EVT031", "tag")
        self.check_source_urls(entry)
        self.check_quotes(entry)
        self.check_publishers(entry)
        self.check_summary(entry)

    def whole_file(self, entry: _EventFile, code: str, message: str) -> None:
        self.report(Diagnostic(entry.display, 1, 1, code, message))

    def check_place(self, entry: _EventFile) -> bool:
        """File name and folder; returns False when the file must not be read at all."""
        file = entry.file
        if _links_outside(file, self.events_dir):
            self.whole_file(entry, "EVT026", "symbolic link to a file outside the "
                            "events folder; commit the file itself")
            return False
        if file.suffix == ".yml":
            self.whole_file(entry, "EVT026", f'rename the file to "{entry.id}.yaml": '
                            "event files end in .yaml")
        parts = entry.relative.split("/")
        if len(parts) != 2 or not YEAR_FOLDER.fullmatch(parts[0]):
            self.whole_file(entry, "EVT026", "event files live in a folder named after "
                            f"their year, e.g. {self.shown_dir}/2026/{file.name}")
        if not ID_PATTERN.fullmatch(entry.id):
            self.whole_file(entry, "EVT026", f'file name "{file.name}" is not '
                            "<date>-<slug>.yaml with a slug of lowercase ASCII words "
                            'joined by single hyphens, e.g. "2026-04-21-team-formed.yaml"')
        return True

    def check_dates(self, entry: _EventFile) -> None:
        document = entry.document
        for key in ("date", "end"):
            if key not in document.data or (key,) in entry.bad_paths:
                continue
            parsed = self.written_date(entry, (key,))
            setattr(entry, "start" if key == "date" else "end", parsed)
        if entry.start and entry.end and entry.end.last_day < entry.start.first_day:
            self.report(document.diagnostic(("end",), "EVT022", f"end {entry.end} is before "
                                            f"date {entry.start}; swap them or fix the typo"))
        for key, parsed in (("date", entry.start), ("end", entry.end)):
            if parsed is None:
                continue
            if parsed.first_day > self.horizon:
                self.report(document.diagnostic(
                    (key,), "EVT023", f"{key} {parsed} is more than a week in the future; "
                    "date events when they happen"))
            elif parsed.last_day > LAST_CALENDAR_DAY:
                self.report(document.diagnostic(
                    (key,), "EVT021", f"{key} {parsed} ends on {parsed.last_day}, past the "
                    f"last day the timeline can hold ({LAST_CALENDAR_DAY}); check the year"))
        if entry.start and (match := ID_PATTERN.fullmatch(entry.id)):
            written = document.scalar_sources.get(("date",), str(document.data["date"]))
            rest = entry.id.removeprefix(written + "-")
            if rest == entry.id or not SLUG_PATTERN.fullmatch(rest):
                self.whole_file(entry, "EVT024", f'the file name starts with "{match.group(1)}"'
                                f' but date is "{written}"; rename the file to '
                                f'"{written}-{match.group(2)}.yaml"')
            folder = entry.relative.split("/")[0]
            if YEAR_FOLDER.fullmatch(folder) and int(folder) != entry.start.year:
                self.whole_file(entry, "EVT025", f"the file is in {self.shown_dir}/{folder}/ "
                                f"but its date is in {entry.start.year}; move it to "
                                f"{self.shown_dir}/{entry.start.year}/")

    def check_retraction(self, entry: _EventFile) -> None:
        """A retraction is dated like an event: a real date, not ahead, and not before the
        report it withdraws was published."""
        retracted = entry.document.data.get("retracted")
        path = ("retracted", "date")
        if not isinstance(retracted, dict) or "date" not in retracted \
                or path in entry.bad_paths:
            return
        entry.retracted_on = retracted_on = self.written_date(entry, path)
        if retracted_on is None:
            return
        first_report = _first_published(entry.document.data.get("sources"))
        if retracted_on.first_day > self.horizon:
            self.report(entry.document.diagnostic(
                path, "EVT048", f"retracted.date {retracted_on} is more than a week in the "
                "future; date the retraction when it happened"))
        elif first_report and retracted_on.last_day < first_report:
            self.report(entry.document.diagnostic(
                path, "EVT048", f"retracted.date {retracted_on} is before the first report "
                f"it retracts was published ({first_report}); check the date"))
        elif entry.start and retracted_on.last_day < entry.start.first_day:
            self.report(entry.document.diagnostic(
                path, "EVT048", f"retracted.date {retracted_on} is before the event's date "
                f"{entry.start}; an event is retracted after it is reported, so check "
                "the date"))

    def written_date(self, entry: _EventFile, path: Path_) -> PartialDate | None:
        """The partial date at ``path``, or None after reporting why it is not one.

        Judged as written, not as YAML read it: YAML 1.1 reads 0x7EA, 03752, 33:46 and
        2_026 as the year 2026.
        """
        document = entry.document
        name = _field(path)
        written = document.scalar_sources.get(path)
        value = _value_at(document.data, path)
        if written is not None and document.scalar_types.get(path) == "integer" \
                and not WRITTEN_DATE.fullmatch(written):
            entry.bad_paths.add(path)
            year = f"{value:04d}" if isinstance(value, int) and 1 <= value <= 9999 \
                else "2026"
            self.report(document.diagnostic(
                path, "EVT020", f"{name}: {written} is not a date as written, though YAML "
                f"reads it as the number {value}; write the date in decimal digits, in "
                f'double quotes, e.g. {path[-1]}: "{year}"'))
            return None
        try:
            parsed = parse_partial_date(value)
        except DateError as error:
            self.report(document.diagnostic(path, error.code, f"{name}: {error.message}"))
            return None
        if parsed.year < EARLIEST_YEAR:
            entry.bad_paths.add(path)
            self.report(document.diagnostic(
                path, "EVT021", f"{name} {parsed} is before {EARLIEST_YEAR}; the timeline "
                "holds recent events, so check the year"))
            return None
        return parsed

    def check_published(self, entry: _EventFile) -> None:
        """A source's publication day is a real day, not ahead and not long ago."""
        for index, source in _sources_of(entry.document.data):
            path = ("sources", index, "published")
            if not isinstance(source.get("published"), str) or path in entry.bad_paths:
                continue
            parsed = self.written_date(entry, path)
            if parsed is not None and parsed.first_day > self.horizon:
                entry.bad_paths.add(path)
                self.report(entry.document.diagnostic(
                    path, "EVT023", f"sources[{index}].published {parsed} is more than a "
                    "week in the future; give the day the article was published"))

    def check_blank(self, document: Document, bad_paths: set[Path_],
                    paths: Iterable[Path_]) -> None:
        """Text made only of spaces (any kind, e.g. no-break spaces) says nothing."""
        for path in paths:
            value = _value_at(document.data, path)
            if isinstance(value, str) and value.isspace() and path not in bad_paths:
                bad_paths.add(path)
                self.report(document.diagnostic(
                    path, "EVT016", f"{_field(path)} is only spaces; write some text"))

    def check_title(self, entry: _EventFile) -> None:
        title = entry.document.data.get("title")
        if isinstance(title, str) and ("title",) not in entry.bad_paths \
                and (markup := HTML_TAG.search(title)):
            tag = markup.group(0)
            shown = tag if len(tag) <= 40 else tag[:39] + "…"
            self.report(entry.document.diagnostic(
                ("title",), "EVT043", f'title contains HTML markup "{shown}"; titles are '
                "plain text" if tag.endswith(">") else f'title contains the start of HTML '
                f'markup "{shown}" (a "<" before a letter, "/" or "!" opens a tag); titles '
                'are plain text: remove it, or put a space after "<", as in "x < y"'))

    def check_registered(self, entry: _EventFile, key: str, registry: str, code: str,
                         noun: str) -> None:
        values = entry.document.data.get(key)
        if not isinstance(values, list):
            return
        known = self.registry(registry)
        if registry not in self.registry_docs:
            return  # the missing registry is reported once, not per event
        for index, slug in enumerate(values):
            if not isinstance(slug, str) or (key, index) in entry.bad_paths or slug in known:
                continue
            hint = self.hint(entry, noun, lambda slug=slug: registry_hint(slug, known))
            self.report(entry.document.diagnostic(
                (key, index), code, f'unknown {noun} "{shortened(slug)}"{hint}; register it in '
                f"{self.shown_dir}/{registry} or fix the slug"))

    def check_source_urls(self, entry: _EventFile) -> None:
        for index, source in _sources_of(entry.document.data):
            for key in ("url", "archived"):
                value = source.get(key)
                path = ("sources", index, key)
                if isinstance(value, str) and path not in entry.bad_paths \
                        and not _is_web_url(value):
                    self.report(entry.document.diagnostic(
                        path, "EVT040", f'sources[{index}].{key}: "{value}" is not a web '
                        "address; give a full http:// or https:// URL"))
            title = source.get("title")
            named = f'source "{title}"' if isinstance(title, str) and title \
                else f"sources[{index}]"
            if "url" in source and "url_unavailable" in source:
                self.report(entry.document.diagnostic(
                    ("sources", index, "url_unavailable"), "EVT052", f"{named} has both a "
                    "url and url_unavailable; keep the url if the article is online, "
                    "otherwise remove it"))
            elif "url" not in source and "url_unavailable" not in source:
                self.report(entry.document.diagnostic(
                    ("sources", index), "EVT041", f"{named} has no url; add it if the "
                    "article is online, or say why it has none in url_unavailable"))

    def check_quotes(self, entry: _EventFile) -> None:
        """Quotes stay short, and translations are given only where they translate."""
        for index, source in _sources_of(entry.document.data):
            for key in ("quote", "quote_en"):
                text = source.get(key)
                if isinstance(text, str) and (words := quote_words(text)) > MAX_QUOTE_WORDS:
                    self.report(entry.document.diagnostic(
                        ("sources", index, key), "EVT051", f"sources[{index}].{key} is "
                        f"{words} words long; quote at most {MAX_QUOTE_WORDS} and say the "
                        "rest in the summary, in our own words"))
            language = source.get("language")
            english = not isinstance(language, str) or _is_english(language)
            for key in ("title_en", "quote_en"):
                if key in source and english:
                    shown = f'"{language}"' if isinstance(language, str) else "not given"
                    self.report(entry.document.diagnostic(
                        ("sources", index, key), "EVT053", f"sources[{index}].{key} "
                        f"translates into English, but the source's language is {shown}; "
                        "set language to the article's language, or remove "
                        f"{key}"))
            if "quote_en" in source and "quote" not in source:
                self.report(entry.document.diagnostic(
                    ("sources", index, "quote_en"), "EVT053", f"sources[{index}].quote_en "
                    "translates a quote, but the source has no quote; add the quote in "
                    "its own language, or remove quote_en"))

    def check_publishers(self, entry: _EventFile) -> None:
        """A publisher's outlet page must not take the place of the index of sources."""
        for index, publisher in _publishers(entry):
            slug = outlet_slug_of(publisher)
            if slug in RESERVED_SLUGS:
                self.report(entry.document.diagnostic(
                    ("sources", index, "publisher"), "EVT054", f'sources[{index}].publisher '
                    f'"{publisher}" would have the outlet page sources/{slug}.md, the index '
                    "of all sources; write the publisher's name another way, e.g. in full "
                    f'("{publisher} Magazine") or with its domain ("{publisher}.com")'))

    def check_summary(self, entry: _EventFile) -> None:
        """Lists and quotes nest a few levels at most: Python-Markdown recurses per level."""
        summary = _text_at(entry, "summary")
        if summary is None:
            return
        depth = summary_nesting(summary)
        if depth > MAX_SUMMARY_NESTING:
            self.report(entry.document.diagnostic(
                ("summary",), "EVT056", f"summary nests lists or block quotes {depth} levels "
                f"deep; the limit is {MAX_SUMMARY_NESTING}: write a flatter list, or "
                "sentences"))
        openers = summary_openers(summary)
        if openers > MAX_SUMMARY_OPENERS:
            self.report(entry.document.diagnostic(
                ("summary",), "EVT059", f'summary opens {openers:,} links, images or HTML '
                f'tags ("[", "![" or "<" before a letter); the limit is '
                f"{MAX_SUMMARY_OPENERS}: keep a few links, cite the rest in sources, and "
                'write "x < y" with a space'))

    # -- across files --------------------------------------------------------------------

    def check_outlet_slugs(self) -> None:
        """Each outlet page belongs to one publisher: two names, one slug, one page lost."""
        by_slug: dict[str, dict[str, tuple[_EventFile, int]]] = {}
        for entry in self.valid_documents():
            for index, publisher in _publishers(entry):
                names = by_slug.setdefault(outlet_slug_of(publisher), {})
                names.setdefault(publisher, (entry, index))  # first place it is written
        for slug, names in by_slug.items():
            if len(names) < 2:
                continue
            # Reported at the first place of each name, so checking either file shows it.
            for publisher, (entry, index) in names.items():
                others = "; ".join(
                    f'"{other}" ({where.display}:'
                    f'{where.document.value_position(("sources", at, "publisher")).line})'
                    for other, (where, at) in names.items() if other != publisher)
                self.report(entry.document.diagnostic(
                    ("sources", index, "publisher"), "EVT055", f'sources[{index}].publisher '
                    f'"{publisher}" and {others} would share the outlet page '
                    f"sources/{slug}.md; write the same publisher the same way everywhere, "
                    "or tell different publishers apart by name"))


    def check_duplicate_ids(self) -> None:
        by_id: dict[str, list[_EventFile]] = {}
        for entry in self.files:
            by_id.setdefault(entry.id, []).append(entry)
        for entries in by_id.values():
            for entry in entries if len(entries) > 1 else []:
                others = ", ".join(e.display for e in entries if e is not entry)
                self.whole_file(entry, "EVT027", f'id "{entry.id}" is also used by {others}; '
                                "ids must be unique, rename one of the files")

    def check_related(self) -> None:
        ids = {entry.id for entry in self.files}
        entries = {entry.id: entry for entry in self.files}
        for entry in self.valid_documents():
            related = entry.document.data.get("related")
            relations: dict[str, tuple[str, int]] = {}
            for index, link in enumerate(related if isinstance(related, list) else []):
                target = link.get("event") if isinstance(link, dict) else None
                path = ("related", index, "event")
                if not isinstance(target, str) or path in entry.bad_paths:
                    continue
                if target in ids:
                    self.check_related_link(entry, index, link, entries[target], relations)
                    continue
                renamed = self.alias_owners.get(target)
                message = f'related event "{target}" was renamed to "{renamed.id}"; write ' \
                    f'"{renamed.id}"' if renamed else \
                    f'related event "{shortened(target)}" does not exist' + self.hint(
                        entry, "related event", lambda target=target: did_you_mean(target, ids))
                self.report(entry.document.diagnostic(path, "EVT032", message))

    def check_related_link(self, entry: _EventFile, index: int, link: dict,
                           target: _EventFile, relations: dict[str, tuple[str, int]]
                           ) -> None:
        """A link to an existing event: not to itself, one way in time, to a kept event."""
        path = ("related", index, "event")
        if target is entry:
            self.report(entry.document.diagnostic(
                path, "EVT057", f'related event "{target.id}" is this event itself; link '
                "to another event, or remove the link"))
            return
        relation = link.get("relation")
        if isinstance(relation, str) and ("related", index, "relation") \
                not in entry.bad_paths:
            opposite = {"follows": "followed-by", "followed-by": "follows"}.get(relation)
            earlier = relations.get(target.id)
            if earlier and earlier[0] == opposite:
                self.report(entry.document.diagnostic(
                    ("related", index, "relation"), "EVT057", f'related event "{target.id}" '
                    f"is linked as {relation} here but as {opposite} at related[{earlier[1]}]; "
                    "an event cannot both follow and precede another, keep the right one"))
            relations.setdefault(target.id, (relation, index))
        kept = _text_at(target, "duplicate_of") if target.document else None
        if kept is not None:
            self.report(entry.document.diagnostic(
                path, "EVT058", f'related event "{target.id}" is marked as a duplicate of '
                f'"{kept}"; link to the kept event instead: event: {kept}'))

    def check_shared_sources(self) -> None:
        """One article cited by several events must be described the same way everywhere."""
        first_seen: dict[str, tuple[_EventFile, int, dict]] = {}
        for entry in self.valid_documents():
            for index, source in _sources_of(entry.document.data):
                url = source.get("url")
                if not isinstance(url, str):
                    continue
                if url not in first_seen:
                    first_seen[url] = (entry, index, source)
                    continue
                other, other_index, reference = first_seen[url]
                for key in ("title", "publisher", "published"):
                    if source.get(key) != reference.get(key):
                        # Reported in both files, so checking either one alone shows it.
                        self.report_conflict(entry, index, source, other, other_index,
                                             reference, key)
                        self.report_conflict(other, other_index, reference, entry, index,
                                             source, key)

    def report_conflict(self, entry: _EventFile, index: int, source: dict,
                        other: _EventFile, other_index: int, reference: dict,
                        key: str) -> None:
        where = other.document.value_position(("sources", other_index, key))
        self.report(entry.document.diagnostic(
            ("sources", index, key) if key in source else ("sources", index),
            "EVT042", f"sources[{index}].{key} is {_shown(source.get(key))} but "
            f"{other.display}:{where.line} cites the same url with "
            f"{key} {_shown(reference.get(key))}; make them the same"))

    @cached_property
    def alias_owners(self) -> dict[str, _EventFile]:
        """Each former id to the (first, by path) event that lists it in ``aliases``."""
        owners: dict[str, _EventFile] = {}
        for entry in self.valid_documents():
            for _, alias in _aliases(entry):
                owners.setdefault(alias, entry)
        return owners

    def check_duplicate_of(self) -> None:
        """``duplicate_of`` names the event to keep: another existing event, itself kept."""
        entries = {entry.id: entry for entry in self.files}
        for entry in self.valid_documents():
            target = _text_at(entry, "duplicate_of")
            problem = None if target is None else \
                self.duplicate_of_problem(entry, target, entries)
            if problem:
                self.report(entry.document.diagnostic(("duplicate_of",), "EVT046", problem))

    def duplicate_of_problem(self, entry: _EventFile, target: str,
                             entries: dict[str, _EventFile]) -> str | None:
        if target == entry.id:
            return "duplicate_of names this event itself; write the id of the other " \
                   "event, the one to keep"
        if target not in entries:
            renamed = self.alias_owners.get(target)
            if renamed:
                return f'duplicate_of "{target}" is a former id of "{renamed.id}"; write ' \
                       f'its current id "{renamed.id}"'
            return f'duplicate_of "{shortened(target)}" is not an event' \
                   f"{did_you_mean(target, entries)}; write the id of the event to keep"
        kept = entries[target]
        onward = _text_at(kept, "duplicate_of") if kept.document else None
        if onward == entry.id:
            return f'duplicate_of "{target}", but {kept.display} is marked as a duplicate of ' \
                   "this event; keep one of the two and remove its duplicate_of"
        if onward is not None:
            return f'duplicate_of "{target}", which is itself a duplicate of "{onward}"; ' \
                   f'write "{onward}", the event that is kept'
        return None

    def check_aliases(self) -> None:
        """Former ids keep old addresses working, so each must lead to exactly one event."""
        ids = {entry.id: entry for entry in self.files}
        holders: dict[str, list[tuple[_EventFile, int]]] = {}
        for entry in self.valid_documents():
            listed: set[str] = set()
            for index, alias in _aliases(entry):
                if alias == entry.id:
                    problem = f'alias "{alias}" is this event\'s own id; list only former ids'
                elif alias in ids:
                    problem = f'alias "{alias}" is the id of {ids[alias].display}; list ' \
                              "only former ids that no file has any more"
                elif alias in listed:
                    problem = f'alias "{alias}" is listed twice; keep one'
                else:
                    listed.add(alias)
                    holders.setdefault(alias, []).append((entry, index))
                    continue
                self.report(entry.document.diagnostic(("aliases", index), "EVT047", problem))
        for alias, places in holders.items():
            for entry, index in places if len(places) > 1 else []:
                others = ", ".join(other.display for other, _ in places if other is not entry)
                self.report(entry.document.diagnostic(
                    ("aliases", index), "EVT047", f'alias "{alias}" is also an alias of '
                    f"{others}; a former id can lead to one event only, so keep it on the "
                    "event that had it"))

    def check_likely_duplicates(self) -> None:
        """Warn once per pair of events that are probably one event written twice.

        Files with errors of their own are left out: fix them first, then compare."""
        broken = {diagnostic.path for diagnostic in self.diagnostics if diagnostic.is_error}
        by_path: dict[str, tuple[_EventFile, Candidate]] = {}
        for entry in self.valid_documents():
            if entry.display in broken:
                continue
            if (candidate := _duplicate_candidate(entry)) is not None:
                by_path[candidate.path] = (entry, candidate)
        pairs = find_likely_duplicates(candidate for _, candidate in by_path.values())
        found: dict[str, list[Diagnostic]] = {}  # per later file
        for pair in pairs:
            later = by_path[pair.later.path][0]
            warnings = found.setdefault(later.display, [])
            if len(warnings) < MAX_DUPLICATE_WARNINGS:
                warnings.append(self.likely_duplicate(later, by_path[pair.earlier.path][0],
                                                      pair))
            else:
                warnings.append(None)  # counted, not shown
        for path, warnings in found.items():
            shown = [warning for warning in warnings if warning is not None]
            self.diagnostics.extend(shown)
            if len(warnings) > len(shown):
                more = len(warnings) - len(shown)
                # At the last warning's place: "…" sorts after the words of the others.
                last = max(shown, key=Diagnostic.sort_key)
                self.report(Diagnostic(
                    path, last.line, last.column, "EVT045",
                    f"… and {more} more likely duplicate{'s' if more > 1 else ''} of this "
                    "event, not listed; settle those shown first"))

    def likely_duplicate(self, later: _EventFile, earlier: _EventFile,
                         pair: LikelyDuplicate) -> Diagnostic:
        if pair.same_sources:
            key, alike = "sources", f"the same sources as {earlier.display}, a similar title"
        else:
            key, alike = "title", f"nearly the same title as {earlier.display}"
        where = later.document.key_position((key,))
        return Diagnostic(
            later.display, where.line, where.column, "EVT045",
            f"{alike} and a date within {WINDOW.days} days of it: likely the same event; if "
            "so, keep one and mark the other `duplicate_of: <id of the kept one>` (e.g. add "
            f"`duplicate_of: {earlier.id}` here), otherwise link them with `related`")

    def valid_documents(self) -> Iterable[_EventFile]:
        return (entry for entry in self.files if entry.document is not None)

    # -- the model -----------------------------------------------------------------------

    def build_timeline(self) -> Timeline:
        actors = {slug: Actor(slug=slug, name=e["name"], kind=e["kind"],
                              description=e.get("description"), url=e.get("url"),
                              aliases=tuple(e.get("aliases", ())))
                  for slug, e in sorted(self.registry("actors.yaml").items())}
        tags = {slug: Tag(slug=slug, name=e["name"], description=e["description"])
                for slug, e in sorted(self.registry("tags.yaml").items())}
        events = [self.build_event(entry, actors, tags) for entry in self.files]
        events.sort(key=lambda event: event.sort_key)
        return Timeline(tuple(events), actors, tags)

    def build_event(self, entry: _EventFile, actors: dict[str, Actor],
                    tags: dict[str, Tag]) -> Event:
        data = entry.document.data
        return Event(
            id=entry.id,
            path=entry.relative,
            title=data["title"],
            date=entry.start,
            end=entry.end,
            approximate=bool(data.get("approximate", False)),
            status=data["status"],
            summary=data["summary"],
            actors=tuple(actors[slug] for slug in dict.fromkeys(data["actors"])),
            tags=tuple(tags[slug] for slug in dict.fromkeys(data.get("tags", []))),
            sources=tuple(Source(**source) for source in data["sources"]),
            related=tuple(Related(**link) for link in data.get("related", [])),
            retraction=Retraction(entry.retracted_on, data["retracted"]["reason"])
            if "retracted" in data else None,
            duplicate_of=data.get("duplicate_of"),
            aliases=tuple(data.get("aliases", ())),
        )


def _is_web_url(value: str) -> bool:
    if WHITESPACE.search(value):  # \s is exactly str.isspace, scanned at C speed
        return False  # urlsplit silently drops line breaks and tabs
    if PLAIN_WEB_URL.fullmatch(value):
        return True  # what urlsplit would say, a tenth as long: see PLAIN_WEB_URL
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port outside 0-65535
    except ValueError:  # e.g. "http://[::1/", an unclosed IPv6 address
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


# Chinese, Japanese and Korean scripts write words without spaces: two of their characters
# count as one word, about their average length.
_CJK_CHARACTER = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def quote_words(text: str) -> int:
    """How many words a quote is, as the editorial rule counts them: each run of letters
    or digits (with inner apostrophes and hyphens) is one, and each two CJK characters."""
    cjk = len(_CJK_CHARACTER.findall(text))
    return len(_WORD.findall(_CJK_CHARACTER.sub(" ", text))) + (cjk + 1) // 2


def _is_english(language: str) -> bool:
    return language.lower().split("-")[0] == "en"


def _shown(value: Any) -> str:
    return "missing" if value is None else f'"{value}"'


def _text_at(entry: _EventFile, key: str) -> str | None:
    """The top-level text value ``key``, unless missing or already reported as malformed."""
    value = entry.document.data.get(key)
    return value if isinstance(value, str) and (key,) not in entry.bad_paths else None


def _aliases(entry: _EventFile) -> list[tuple[int, str]]:
    """The well-formed entries of ``aliases`` with their index in the list."""
    aliases = entry.document.data.get("aliases")
    return [(index, alias) for index, alias in enumerate(aliases)
            if isinstance(alias, str) and ("aliases", index) not in entry.bad_paths] \
        if isinstance(aliases, list) and ("aliases",) not in entry.bad_paths else []


def _publishers(entry: _EventFile) -> list[tuple[int, str]]:
    """The well-formed, non-empty publishers of an event's sources with their index."""
    return [(index, source["publisher"])
            for index, source in _sources_of(entry.document.data)
            if isinstance(source.get("publisher"), str) and source["publisher"]
            and ("sources", index, "publisher") not in entry.bad_paths]


def _sources_of(data: dict) -> Iterator[tuple[int, dict]]:
    """Each source of an event that is a mapping, with its index (the schema reports the
    rest)."""
    sources = data.get("sources")
    for index, source in enumerate(sources if isinstance(sources, list) else []):
        if isinstance(source, dict):
            yield index, source


def summary_nesting(text: str) -> int:
    """An upper bound on how deeply Markdown nests lists and block quotes in ``text``.

    Each line counts its indentation (a level per four columns, as Python-Markdown nests
    a list item) and then every block quote mark, bullet or number that opens it, one
    after another ("- - - x" is three levels, "> 1. x" two).
    """
    if not _MAY_NEST.search(text):  # most summaries: prose, no list, quote or indent
        return 0
    deepest = 0
    for line in text.splitlines():
        stripped = line.lstrip(" \t")
        indent = len(line[:len(line) - len(stripped)].expandtabs(4))
        depth, position = indent // 4, 0
        while match := _CONTAINER_MARK.match(stripped, position):
            if match.end() == position:
                break
            depth, position = depth + 1, match.end()
        deepest = max(deepest, depth)
    return deepest


def summary_openers(text: str) -> int:
    """How many links, images and HTML tags ``text`` may open, as Markdown scans it."""
    return len(_SUMMARY_OPENER.findall(text))


def _event_texts(data: dict) -> list[Path_]:
    """Where an event holds text that must say something: title, summary, source titles."""
    paths: list[Path_] = [(key,) for key in ("title", "summary") if key in data]
    return paths + [("sources", index, "title")
                    for index, source in _sources_of(data) if "title" in source]


def _first_published(sources: Any) -> date | None:
    """The earliest well-formed ``published`` day among the sources, if any."""
    days = []
    for source in sources if isinstance(sources, list) else []:
        try:
            days.append(date.fromisoformat(source["published"]))
        except (TypeError, KeyError, ValueError):
            continue  # not a mapping, no date, or a malformed one reported elsewhere
    return min(days, default=None)


def _duplicate_candidate(entry: _EventFile) -> Candidate | None:
    """What the duplicate search compares; None for events it must leave alone (already
    marked duplicate_of, or with no usable title or date)."""
    data = entry.document.data
    title = _text_at(entry, "title")
    if entry.start is None or title is None or "duplicate_of" in data:
        return None
    sources = data.get("sources")
    related = data.get("related")
    return Candidate(
        path=entry.relative, id=entry.id, title=title,
        first_day=entry.start.first_day, last_day=entry.start.last_day,
        source_urls=frozenset(s["url"] for s in sources if isinstance(s, dict)
                              and isinstance(s.get("url"), str))
        if isinstance(sources, list) else frozenset(),
        linked=frozenset(link["event"] for link in related if isinstance(link, dict)
                         and isinstance(link.get("event"), str))
        if isinstance(related, list) else frozenset())


def _explain_retracted_status(document: Document, found: list[Diagnostic]
                              ) -> list[Diagnostic]:
    """``status: retracted`` is how retractions were once written; instead of listing the
    statuses (EVT013), say what to write now."""
    if document.data.get("status") != "retracted":
        return found
    where = document.value_position(("status",))
    kept = [d for d in found if (d.line, d.column, d.code) != (where.line, where.column,
                                                                 "EVT013")]
    return [*kept, document.diagnostic(
        ("status",), "EVT049", 'status "retracted" is not a status any more; keep the '
        'status the event had (e.g. "reported") and add a `retracted:` mapping with the '
        'date and reason, e.g. `retracted: {date: "2026-05", reason: "The outlet withdrew '
        'its report"}`')]


def event_files(events_dir: Path) -> list[Path]:
    """The event files of a folder in sorted order, as `check` finds them."""
    return _Checker(events_dir, date.today()).event_files()


def registry_hint(slug: str, known: dict[str, Any]) -> str:
    """Suggest a slug by its spelling, or by a registered name or alias."""
    lowered = slug.lower()
    for candidate, entry in known.items():
        aliases = entry.get("aliases")
        names = [entry.get("name"), *(aliases if isinstance(aliases, list) else [])]
        if any(isinstance(n, str) and n.lower() == lowered for n in names):
            return f' (did you mean "{candidate}"?)'
    return did_you_mean(slug, known.keys())


# -- structure, from the JSON Schema -------------------------------------------------------


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    import jsonschema  # a tenth of a second to import, needed only for a file with errors

    schema = load_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


@cache
def _quick_check(name: str) -> Callable[[Any], Any]:
    """The same schema file compiled to Python by fastjsonschema: it raises on a document
    the schema refuses, and is over ten times quicker than jsonschema on one it accepts.

    Only its yes is trusted: a refused document goes to jsonschema, which names every
    problem. "format" stays an annotation, as it is for jsonschema without a format checker;
    defaults are never written into the data. fastjsonschema reads the 2020-12 schema as
    draft 7, so a schema using what draft 7 lacks is refused here rather than half checked
    (tests/test_schema_keywords.py keeps the shipped schemas clear of it).
    """
    schema = load_schema(name)
    blind_spots = quick_check_blind_spots(schema)
    if blind_spots:
        raise SchemaNotQuickCheckable(f"{name}.schema.json", blind_spots)
    return fastjsonschema.compile(_definitions_inlined(schema, schema.get("$defs", {})),
                                  use_default=False, use_formats=False,
                                  detailed_exceptions=False)


class SchemaNotQuickCheckable(Exception):
    """A schema says what the quick check would not check: its yes could be wrong. A
    mistake in a schema shipped with the code, never in an event file."""

    def __init__(self, schema_file: str, blind_spots: list[str]):
        super().__init__(f"{schema_file}: the quick check (fastjsonschema, JSON Schema draft "
                         f"7) would ignore {'; '.join(blind_spots)}; write it with draft 7 "
                         "keywords, which mean the same in 2020-12")
        self.schema_file, self.blind_spots = schema_file, blind_spots


# The keywords that decide validity alike in draft 7, which fastjsonschema implements, and
# in 2020-12, which the schemas declare and jsonschema reads (then and else are read by
# if). tests/test_schema_keywords.py derives this set from both libraries. Left out:
# 2020-12's own (dependentRequired, prefixItems, unevaluatedProperties ...), which the quick
# check would skip, and draft 7's that 2020-12 dropped or changed (dependencies,
# additionalItems, contentEncoding, an items list), on which the two would disagree.
QUICK_KEYWORDS = frozenset({
    "$ref", "additionalProperties", "allOf", "anyOf", "const", "contains", "else", "enum",
    "exclusiveMaximum", "exclusiveMinimum", "format", "if", "items", "maxItems", "maxLength",
    "maxProperties", "maximum", "minItems", "minLength", "minProperties", "minimum",
    "multipleOf", "not", "oneOf", "pattern", "patternProperties", "properties",
    "propertyNames", "required", "then", "type", "uniqueItems"})
# Words that decide nothing in any draft: identifiers, the home of definitions, and
# annotations. Keywords starting with "x-" are the project's own (codes and hints).
NOT_VALIDATING = frozenset({
    "$schema", "$id", "$comment", "$defs", "definitions", "title", "description",
    "default", "examples", "deprecated", "readOnly", "writeOnly"})
# Where subschemas sit: under a keyword, in its list, or in its mapping by name.
_SUBSCHEMA = {"not", "if", "then", "else", "items", "contains", "propertyNames",
              "additionalProperties", "additionalItems", "unevaluatedItems",
              "unevaluatedProperties", "contentSchema"}
_SUBSCHEMA_LISTS = {"allOf", "anyOf", "oneOf", "prefixItems"}
_SUBSCHEMA_MAPS = {"properties", "patternProperties", "$defs", "definitions",
                   "dependentSchemas"}


def quick_check_blind_spots(schema: Any) -> list[str]:
    """What the quick check would not check, each as "keyword at #/json/pointer"."""
    found = []
    for pointer, node in iter_subschemas(schema):
        validating = [keyword for keyword in node if _validates(keyword)]
        found += [f"{keyword} at {pointer}" for keyword in validating
                  if keyword not in QUICK_KEYWORDS]
        if isinstance(node.get("items"), list):  # a draft 7 tuple; 2020-12's prefixItems
            found.append(f"an items list at {pointer}")
        if "$ref" in node and len(validating) > 1:
            # Draft 7 lets $ref override what stands beside it; 2020-12 checks both.
            found.append(f"keywords beside $ref at {pointer}")
    return found


def _validates(keyword: str) -> bool:
    return keyword not in NOT_VALIDATING and not keyword.startswith("x-")


def iter_subschemas(schema: Any, pointer: str = "#") -> Iterator[tuple[str, dict]]:
    """Every schema object in ``schema``, itself first, with its JSON pointer."""
    if not isinstance(schema, dict):
        return  # true, false, or not a schema at all
    yield pointer, schema
    for keyword, value in schema.items():
        here = f"{pointer}/{_pointer_part(keyword)}"
        if isinstance(value, list) and (keyword in _SUBSCHEMA_LISTS or keyword == "items"):
            for index, item in enumerate(value):
                yield from iter_subschemas(item, f"{here}/{index}")
        elif keyword in _SUBSCHEMA:
            yield from iter_subschemas(value, here)
        elif keyword in _SUBSCHEMA_MAPS and isinstance(value, dict):
            for name, item in value.items():
                yield from iter_subschemas(item, f"{here}/{_pointer_part(name)}")


def _pointer_part(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")  # RFC 6901


def _definitions_inlined(node: Any, definitions: dict[str, Any],
                         inlining: tuple[str, ...] = ()) -> Any:
    """A copy of ``node`` with each lone ``{"$ref": "#/$defs/name"}`` replaced by that
    definition: fastjsonschema then checks a list of sources in one function, instead of
    calling one per item and formatting each item's name for a message never shown. A
    definition that refers to itself is left as a reference."""
    if isinstance(node, list):
        return [_definitions_inlined(item, definitions, inlining) for item in node]
    if not isinstance(node, dict):
        return node
    name = node.get("$ref", "").removeprefix("#/$defs/")
    if len(node) == 1 and name in definitions and name not in inlining:
        return _definitions_inlined(definitions[name], definitions, (*inlining, name))
    return {key: _definitions_inlined(value, definitions, inlining)
            for key, value in node.items()}


def schema_accepts(data: Any, schema_name: str) -> bool:
    """Whether the quick check accepts ``data``: then jsonschema accepts it too."""
    try:
        _quick_check(schema_name)(data)
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


def schema_diagnostics(document: Document, schema_name: str
                       ) -> tuple[list[Diagnostic], set[Path_]]:
    """Check ``document`` against a schema; return diagnostics and the paths they cover."""
    if schema_accepts(document.data, schema_name):
        return [], set()  # the common case, without jsonschema's slower walk
    found: dict[tuple, Diagnostic] = {}
    bad_paths: set[Path_] = set()
    for error in _validator(schema_name).iter_errors(document.data):
        for path, diagnostic in _explain(error, document):
            bad_paths.add(path)
            # One message per place: the first rule broken is the one to fix first.
            found.setdefault((diagnostic.line, diagnostic.column, path), diagnostic)
    return list(found.values()), bad_paths


def _field(path: Path_) -> str:
    text = ""
    for part in path:
        if isinstance(part, str):
            part = shortened(part) if part else '""'  # an empty key is shown as ""
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "the file"


def _explain(error: jsonschema.ValidationError, document: Document
             ) -> list[tuple[Path_, Diagnostic]]:
    path: Path_ = tuple(error.absolute_path)
    keyword = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    name = _field(path)

    if keyword == "required":
        missing = [key for key in error.validator_value if key not in error.instance]
        results = []
        for key in missing:
            where = (1, 1) if not path else _at(document.value_position(path))
            results.append(((*path, key), Diagnostic(
                document.path, *where, "EVT010",
                f'missing required field "{_field((*path, key))}"')))
        return results
    if keyword == "additionalProperties":
        allowed = set(schema.get("properties", {}))
        results = []
        for key in error.instance:
            if key in allowed:
                continue
            hint = did_you_mean(key, allowed)
            pos = document.key_position((*path, key))
            message = f'unknown field "{_field((*path, key))}"{hint}; allowed here: ' \
                if key else f'empty key ("" before the colon){" in " + name if path else ""}' \
                '; write the field name before the colon, or delete the line; allowed here: '
            results.append(((*path, key), Diagnostic(
                document.path, pos.line, pos.column, "EVT011",
                message + ", ".join(sorted(allowed)))))
        return results
    if "propertyNames" in error.schema_path:
        key = error.instance
        pos = document.key_position((*path, key))
        return [((*path, key), Diagnostic(document.path, pos.line, pos.column, "EVT014",
                                          f'"{shortened(key)}" is not a valid slug; '
                                          f'{schema["x-hint"]}'))]

    pos = document.value_position(path)
    value = error.instance
    source = document.scalar_sources.get(path)
    if keyword == "type" and schema.get("x-code") == "EVT020" and source:
        # `date: .inf`, `date: true`: no date YAML read as something else; quoting it
        # would not make it one.
        message = f"{name}: {shortened(source)} is not a date; " \
                  f'{schema.get("x-hint", "write YYYY, YYYY-MM or YYYY-MM-DD")}'
        code = "EVT020"
    elif keyword == "type":
        message = _type_message(document, path, error.validator_value)
        code = "EVT012"
    elif keyword == "enum":
        choices = [str(c) for c in error.validator_value]
        hint = did_you_mean(str(value), choices)
        message = f'{name} is "{shortened(str(value))}"{hint}; use one of: ' \
                  f'{", ".join(choices)}'
        code = "EVT013"
    elif keyword in ("minItems", "minLength"):
        message = f"{name} is empty; " + ("list at least one item" if keyword == "minItems"
                                          else "write some text")
        code = "EVT016"
    elif keyword == "maxLength":
        message = f"{name} is {len(value)} characters long; the limit is " \
                  f"{error.validator_value}"
        code = schema.get("x-code", "EVT015")
    elif keyword == "not":  # e.g. the title's "no line breaks"
        message = f'{name}: "{shortened(str(value))}" is not in the expected form; ' \
                  f'{schema.get("x-hint", "see the format documentation")}'
        code = schema.get("x-code", "EVT014")
    else:  # pattern, minimum, maximum: the schema says which code and how to fix it
        shown = shortened(str(document.scalar_sources.get(path, value)))
        message = f'{name}: "{shown}" is not in the expected form; ' \
                  f'{schema.get("x-hint", "see the format documentation")}'
        code = schema.get("x-code", "EVT014")
    return [(path, Diagnostic(document.path, pos.line, pos.column, code, message))]


def _at(position) -> tuple[int, int]:
    return position.line, position.column


def _type_message(document: Document, path: Path_, expected: str | list[str]) -> str:
    name = _field(path)
    expected_list = [expected] if isinstance(expected, str) else expected
    wanted = " or ".join(TYPE_NAMES.get(t, t) for t in expected_list)
    yaml_type = document.scalar_types.get(path)
    source = document.scalar_sources.get(path)
    if "string" in expected_list and source is not None and yaml_type != "text":
        read_as = {"boolean": "true/false", "integer": "a number", "number": "a number",
                   "null": "empty (null)", "date": "a date"}.get(yaml_type, yaml_type)
        key = path[-1] if path and isinstance(path[-1], str) else None
        source = shortened(source)
        example = f'{shortened(key)}: "{source}"' if key else f'"{source}"'
        if not source:
            return f"{name} is empty; write some text"
        return f"{name} must be text, but YAML reads {source} as {read_as}; " \
               f"put it in double quotes: {example}"
    got = {dict: "a mapping", list: "a list", str: "text", bool: "true/false",
           type(None): "empty"}.get(type(_value_at(document.data, path)), "a number")
    return f"{name} must be {wanted}, not {got}"


def _value_at(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data
