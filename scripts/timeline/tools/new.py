"""`timeline new`: a new, valid event file from what the flags and the answers give.

The file is written in the layout `timeline fmt` produces, at ``events/<YYYY>/<id>.yaml``.
Before anything is written, the new event (and any actor or tag it registers) is checked
by the validator against the events folder, with the new files read from their text
instead of the disk; if the validator finds an error, nothing is written, so a half-right
event never lands in the tree.

This module holds the logic and returns messages; the command line (cli/new.py) parses
the flags, asks the questions and prints. Each answer is read by a function here that
returns its value or raises ValueError with the message to show (a date written as people
write it, a list of slugs), and is then judged by the validator itself: ``answer_problems``
checks the event as far as it is known, the fields not asked yet stood in for by valid
placeholders, and keeps the errors whose position in the YAML is the field just answered.
No rule of the format is repeated here.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import tempfile
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from dateutil import parser as dateutil_parser

from timeline.check import check
from timeline.check.files import registry_hint
from timeline.check.run import event_files
from timeline.collector import cycle_collector_paused
from timeline.format.diagnostics import Diagnostic, visible
from timeline.format.layout import display_path
from timeline.format.schema import load_schema, modeline_path
from timeline.format.vocabulary import ID_PATTERN, SLUG_PATTERN
from timeline.model.dates import DateError, PartialDate, parse_partial_date
from timeline.read.load import CANNOT_READ, load_file
from timeline.tools.fmt import FormatError, add_registry_entry, format_text

DATE_EXAMPLES = '"21 April 2026", "April 2026", "2026" or "2026-04-21"'
MAX_SLUG_LENGTH = 60
# The flag that gives each required field of the schema (a source needs its title).
FLAG_FOR_FIELD = {"title": "--title", "date": "--date", "status": "--status",
                  "summary": "--summary", "actors": "--actor", "sources": "--source-title"}
_LETTER = re.compile(r"[^\W\d_]")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_MONTH_NAMES = dateutil_parser.parserinfo()  # its month() knows "May", "Sept", "april"


class Refused(Exception):
    """The command stops without writing; ``code`` is its exit code."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.message = message
        self.code = code


# -- dates and ids ---------------------------------------------------------------------------


def parse_human_date(text: str) -> PartialDate:
    """A date as people write it, kept at the precision they wrote: "21 April 2026" is a
    day, "April 2026" a month, "2026" a year. Raises ValueError with a message to show."""
    text = text.strip()
    try:
        return parse_partial_date(text)
    except DateError as error:
        if error.code == "EVT021":  # the canonical form, but no such day or month
            raise ValueError(error.message) from None
    # Digits alone, other than the ISO forms above ("05/06/2026", "05-06-2026", "5 6 2026",
    # "1 2 3"), are guesses: day or month first, and which century. Only a month written
    # as a word is unambiguous.
    if not _LETTER.search(text) and len(re.findall(r"\d+", text)) >= 2:
        raise ValueError(f'"{text}" could be read day-first or month-first; write the month '
                         f'as a word, e.g. {DATE_EXAMPLES}')
    if not _LETTER.search(text):
        raise ValueError(f'"{text}" is not a date; write e.g. {DATE_EXAMPLES}')
    # dateutil fills what is not written from its default, so parse with two different
    # defaults: a part that comes out the same both times was written.
    try:
        first = dateutil_parser.parse(text, default=datetime(2000, 1, 1))
        second = dateutil_parser.parse(text, default=datetime(2004, 2, 2))
    except (ValueError, OverflowError):
        raise ValueError(f'"{text}" is not a date; write e.g. {DATE_EXAMPLES}') from None
    if first.year != second.year:
        raise ValueError(f'"{text}" has no year; write e.g. {DATE_EXAMPLES}')
    if not re.search(rf"(?<!\d){first.year:04d}(?!\d)", text):  # "6 May 26": which century?
        raise ValueError(f'"{text}" has no four-digit year; write e.g. {DATE_EXAMPLES}')
    if first.month == second.month and not any(
            _MONTH_NAMES.month(word) for word in _LETTER_RUN.findall(text)):
        raise ValueError(f'"{text}" could be read day-first or month-first; write the month '
                         f'as a word, e.g. {DATE_EXAMPLES}')  # "Monday 5 6 2026", "5 6 2026 am"
    if first.month != second.month:
        if first.day == second.day:
            raise ValueError(f'"{text}" has a day but no month; write e.g. {DATE_EXAMPLES}')
        return PartialDate(first.year)
    if first.day != second.day:
        return PartialDate(first.year, first.month)
    return PartialDate(first.year, first.month, first.day)


def slug_from_title(title: str) -> str:
    """Lowercase ASCII words of the title joined by hyphens, cut at a word boundary."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", re.sub(r"['’]", "", ascii_text.lower()))
    slug = ""
    for word in words:
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > MAX_SLUG_LENGTH and slug:
            break
        slug = longer
    return slug


SLUG_ADVICE = 'write lowercase ASCII words joined by single hyphens, e.g. "coding-team-formed"'


def id_problem(slug: str) -> str | None:
    """What is wrong with an ``--id`` (blank, or not a slug), if anything."""
    if not slug.strip():
        return f"--id is empty; {SLUG_ADVICE}, or leave --id out to make it from the title"
    if not SLUG_PATTERN.fullmatch(slug):
        return f'--id "{slug}" is not a slug; {SLUG_ADVICE}'
    return None


def event_id(date: PartialDate, slug: str) -> str:
    """``<date>-<slug>``, the id (and file name) the validator expects."""
    slug = slug.removeprefix(f"{date.text}-")
    problem = id_problem(slug)
    if problem is None and not ID_PATTERN.fullmatch(f"{date.text}-{slug}"):
        problem = f'--id "{slug}" is not a slug; {SLUG_ADVICE}'
    if problem:
        raise Refused(f"timeline new: {problem}")
    return f"{date.text}-{slug}"


# -- what the command collects ---------------------------------------------------------------


@dataclass
class NewEvent:
    title: str | None = None
    date: PartialDate | None = None
    status: str | None = None
    summary: str | None = None
    actors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    source_url: str | None = None
    source_title: str | None = None
    publisher: str | None = None
    published: str | None = None  # only ever copied from another citation of the URL
    new_actors: dict[str, dict[str, str]] = field(default_factory=dict)
    new_tags: dict[str, dict[str, str]] = field(default_factory=dict)

    def data(self) -> dict[str, Any]:
        """The event's fields in the schema's order (fmt lays them out the same way)."""
        source = {"title": self.source_title, "url": self.source_url,
                  "publisher": self.publisher, "published": self.published}
        event = {"title": self.title, "date": self.date.text, "status": self.status,
                 # A trailing line break makes the summary a `|` block, ready for more lines.
                 "summary": self.summary.strip() + "\n", "actors": self.actors,
                 "tags": self.tags,
                 "sources": [{key: value for key, value in source.items() if value}]}
        return {key: value for key, value in event.items() if value}


@dataclass
class Registries:
    actors: dict[str, Any]
    tags: dict[str, Any]

    @staticmethod
    def read(events_dir: Path) -> Registries:
        return Registries(_registry(events_dir / "actors.yaml"),
                          _registry(events_dir / "tags.yaml"))


def _registry(file: Path) -> dict[str, Any]:
    document, problems = load_file(file, display_path(file)) if file.exists() else (None, [])
    if document is None and problems:  # unreadable: every slug would look unknown
        raise Refused(f"timeline new: {problems[0].format_text()}; fix it and run the "
                      "command again; nothing was written", code=1)
    data = document.data if document is not None else None
    return {slug: entry for slug, entry in data.items() if isinstance(entry, dict)} \
        if isinstance(data, dict) else {}


def _enum(schema_name: str, *path: str) -> list[str]:
    node: Any = load_schema(schema_name)
    for key in path:
        node = node[key]
    return list(node["enum"])


def statuses() -> list[str]:
    """The statuses an event may have, in the schema's order."""
    return _enum("event", "properties", "status")


def actor_kinds() -> list[str]:
    """The kinds an actor may be, in the schema's order."""
    return _enum("actors", "additionalProperties", "properties", "kind")


def words(choices: list[str], conjunction: str = "or") -> str:
    """``a, b or c``."""
    if len(choices) == 1:
        return choices[0]
    return ", ".join(choices[:-1]) + f" {conjunction} {choices[-1]}"


# -- from flags ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Flags:
    """The flags of `timeline new`, as given (None: not given)."""

    title: str | None = None
    date: str | None = None
    status: str | None = None
    summary: str | None = None
    actor: list[str] | None = None
    tag: list[str] | None = None
    source: str | None = None
    source_title: str | None = None
    publisher: str | None = None
    id: str | None = None
    add_actor: list[list[str]] | None = None  # each SLUG NAME KIND
    add_tag: list[list[str]] | None = None  # each SLUG NAME DESCRIPTION


def from_flags(args: Flags, registries: Registries,
               events_dir: Path) -> tuple[NewEvent, list[str]]:
    """The event as the flags give it, and the problems with the flags' values."""
    event = NewEvent(title=_given(args.title), status=_given(args.status),
                     summary=_given(args.summary), actors=list(dict.fromkeys(args.actor or [])),
                     tags=list(dict.fromkeys(args.tag or [])), source_url=_given(args.source),
                     source_title=_given(args.source_title),
                     publisher=_given(args.publisher))
    problems = []
    if args.date is not None:
        try:
            event.date = parse_human_date(args.date)
        except ValueError as error:
            problems.append(f"--date {error}")
    if args.status is not None and (problem := _status_problem(args.status)):
        problems.append(problem)
    if args.id is not None and (problem := id_problem(args.id)):
        problems.append(problem)
    kinds = actor_kinds()
    for slug, name, kind in args.add_actor or []:
        problems += _new_entry_problems("actor", "--add-actor", slug, registries.actors)
        if kind not in kinds:
            problems.append(f'--add-actor {slug}: kind "{kind}" is not one of {words(kinds)}')
        event.new_actors[slug] = {"name": name, "kind": kind}
        event.actors += [slug] if slug not in event.actors else []
    for slug, name, description in args.add_tag or []:
        problems += _new_entry_problems("tag", "--add-tag", slug, registries.tags)
        event.new_tags[slug] = {"name": name, "description": description}
        event.tags += [slug] if slug not in event.tags else []
    problems += _unknown(event.actors, registries.actors, event.new_actors, "actor",
                         events_dir, "--add-actor SLUG NAME KIND")
    problems += _unknown(event.tags, registries.tags, event.new_tags, "tag", events_dir,
                         "--add-tag SLUG NAME DESCRIPTION")
    return event, problems


def _given(text: str | None) -> str | None:
    """A flag's text without surrounding spaces; blank counts as not given."""
    return text.strip() or None if text is not None else None


def missing_flags(args: Flags, event: NewEvent) -> list[str]:
    """The flags of the required fields not given, in the schema's order."""
    given = {"title": event.title, "date": args.date, "status": event.status,
             "summary": event.summary, "actors": event.actors, "sources": event.source_title}
    return [FLAG_FOR_FIELD[name] for name in load_schema("event")["required"]
            if name in FLAG_FOR_FIELD and not given.get(name)]


def _status_problem(status: str) -> str | None:
    allowed = statuses()
    if status in allowed:
        return None
    hint = registry_hint(status, {choice: {} for choice in allowed})
    return f'--status "{status}" is not a status{hint}; use one of: {", ".join(allowed)}'


def _new_entry_problems(noun: str, flag: str, slug: str, known: dict) -> list[str]:
    if not SLUG_PATTERN.fullmatch(slug):
        return [f'{flag} "{slug}" is not a slug; write lowercase ASCII words joined by '
                'single hyphens, e.g. "sergey-brin"']
    if slug in known:
        return [f'{flag} {slug}: the {noun} "{slug}" is already registered as '
                f'"{known[slug].get("name")}"; name it with --{noun} {slug}']
    return []


def _unknown(slugs: list[str], known: dict, added: dict, noun: str, events_dir: Path,
             flag: str) -> list[str]:
    registry = display_path(events_dir / f"{noun}s.yaml")
    return [f'unknown {noun} "{slug}"{registry_hint(slug, known)}; use a slug registered '
            f"in {registry}, or register a new one with {flag}"
            for slug in slugs if slug not in known and slug not in added]


# -- checking answers ------------------------------------------------------------------------


# Each returns the answer as it is kept, or raises ValueError with what to say.


def required_text(text: str) -> str:
    if not text.strip():
        raise ValueError("this field is required")
    return text.strip()


def checked_status(text: str) -> str:
    problem = _status_problem(text.strip())
    if problem:
        raise ValueError(problem.removeprefix("--status "))
    return text.strip()


def slug_list(text: str, required: bool = True) -> list[str]:
    """The slugs of a comma-separated answer, each once, in the order given."""
    slugs = list(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    if required and not slugs:
        raise ValueError("name at least one")
    return slugs


# -- the same article everywhere -------------------------------------------------------------


CITED_THE_SAME = ("title", "publisher", "published")  # what the validator compares by URL


def copy_known_citation(event: NewEvent, events_dir: Path) -> str | None:
    """When another event cites the same URL, take the title, publisher and date it gives
    (where the flags gave none), since the validator wants them the same everywhere.
    Returns what was copied from where, to tell the user, or None when nothing was."""
    if not event.source_url:
        return None
    found = _citation_of(event.source_url, events_dir)
    if found is None:
        return None
    source, where = found
    copied = []
    for key, attribute in zip(CITED_THE_SAME, ("source_title", "publisher", "published"),
                              strict=True):
        if getattr(event, attribute) is None and isinstance(source.get(key), str):
            setattr(event, attribute, source[key])
            copied.append("publication date" if key == "published" else key)
    if not copied:
        return None
    return f"copied the source's {words(copied, 'and')} from {where}, which cites the same URL"


def _citation_of(url: str, events_dir: Path) -> tuple[dict, str] | None:
    for file in event_files(events_dir):
        document, _ = load_file(file, display_path(file))
        data = document.data if document is not None else None
        sources = data.get("sources") if isinstance(data, dict) else None
        for source in sources if isinstance(sources, list) else []:
            if isinstance(source, dict) and source.get("url") == url:
                return source, display_path(file)
    return None


# -- checking and writing --------------------------------------------------------------------


def planned_files(event: NewEvent, event_file: Path, events_dir: Path,
                  laid_out: bool = True) -> dict[Path, str]:
    """Every file to write, with its new text: registries first, the event last.

    Raises FormatError when a text cannot be laid out, which happens when the loader
    refuses part of it (an invisible character, say). With ``laid_out=False`` such a text
    is kept as dumped instead, so the validator can say where the problem is.
    """
    files: dict[Path, str] = {}
    for kind, entries in (("actors", event.new_actors), ("tags", event.new_tags)):
        registry = events_dir / f"{kind}.yaml"
        if entries:
            text = _read_text(registry) if registry.is_file() else ""
            for slug, entry in entries.items():
                text = _added(text, kind, slug, entry, display_path(registry), laid_out,
                              modeline_path(kind, events_dir, events_dir))
            files[registry] = text
    event_yaml = _dumped(event.data())
    try:
        files[event_file] = format_text(event_yaml, "event", display_path(event_file),
                                        modeline_path("event", events_dir, event_file.parent))
    except FormatError:
        if laid_out:
            raise
        files[event_file] = event_yaml
    return files


def _added(text: str, kind: str, slug: str, entry: dict[str, str], display: str,
           laid_out: bool, schema_path: str) -> str:
    try:
        return add_registry_entry(text, kind, slug, entry, display, schema_path)
    except FormatError:
        if laid_out:
            raise
        return text.rstrip("\n") + "\n" + _dumped({slug: entry}) if text.strip() \
            else _dumped({slug: entry})


def _dumped(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)


def _read_text(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise Refused(f"timeline new: cannot read {display_path(file)} "
                      f"({_reason(error)}); make it a readable UTF-8 file and run the "
                      "command again; nothing was written", code=1) from None


def _reason(error: Exception) -> str:
    return (error.strerror if isinstance(error, OSError) and error.strerror
            else str(error) or type(error).__name__)


def check_as_written(events_dir: Path, files: dict[Path, str],
                     event_file: Path) -> list[Diagnostic]:
    """Run the validator on ``events_dir`` as if ``files`` were written (they are read from
    their text; nothing is written): the problems of the new event and the registries.

    Raises Refused when a folder or a file the new event is checked against cannot be
    read: its duplicates and references could not be checked. Pipes, sockets and devices
    are not read at all (the validator does not open them), so they stop nothing.
    """
    _refuse_unlisted_folders(events_dir)
    result = check(events_dir, only=[event_file], overlay=files)
    for diagnostic in result.others:
        if diagnostic.code == "EVT002" and diagnostic.message.startswith(CANNOT_READ):
            raise _unreadable(diagnostic.path, diagnostic.message.removeprefix(CANNOT_READ))
    return result.diagnostics


def _refuse_unlisted_folders(events_dir: Path) -> None:
    """Stop at the first folder that cannot be listed: the validator's walk passes over
    it. Only folders are listed here, no file is opened; the validator reads the files."""

    def unlisted(error: OSError) -> None:
        raise _unreadable(display_path(Path(error.filename)), _reason(error))

    for _, dirs, _ in os.walk(events_dir, onerror=unlisted):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))


def _unreadable(shown: str, reason: str) -> Refused:
    return Refused(f"timeline new: cannot read {shown} ({reason}), which the new event is "
                   "checked against; make it readable and run the command again; nothing "
                   "was written", code=1)


def refuse_wrong_flags(missing: list[str], problems: list[str], interactive: bool) -> None:
    """Stop (raise Refused) when required flags are ``missing`` and there is no terminal to
    ask in, or when a flag has one of the ``problems``. In a terminal, an unknown slug is
    no problem: it is offered for registering instead."""
    if not interactive and missing:
        them = "them as flags" if len(missing) > 1 else "it as a flag"
        raise Refused(f"timeline new: missing {', '.join(missing)}; give {them}, or run "
                      f"timeline new in a terminal to be asked for {them.split()[0]}")
    if interactive:
        problems = [problem for problem in problems if not problem.startswith("unknown ")]
    if problems:
        raise Refused("\n".join(f"timeline new: {problem}" for problem in problems))


def write_all(files: dict[Path, str]) -> None:
    """Write every file or none: each text goes to a temporary file beside its target
    first, and only when all are written are they renamed over their targets (a rename in
    one folder cannot half-happen). If any write fails, the temporary files and any year
    folder made for them are removed, and the command stops naming the path."""
    made_folders: list[Path] = []
    staged: list[tuple[Path, Path]] = []
    failed = next(iter(files))
    try:
        for file, text in files.items():
            failed = file.parent
            if not file.parent.is_dir():  # a new year's folder
                file.parent.mkdir()
                made_folders.append(file.parent)
            failed = file
            handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.",
                                                 suffix=".tmp")
            staged.append((Path(temporary), file))
            with os.fdopen(handle, "wb") as stream:
                stream.write(text.encode("utf-8"))
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, file.stat().st_mode & 0o777 if file.exists() else 0o644)
        for temporary, file in staged:
            failed = file
            os.replace(temporary, file)
    except BaseException as error:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        for folder in reversed(made_folders):
            with contextlib.suppress(OSError):
                folder.rmdir()
        if not isinstance(error, OSError):
            raise
        where = display_path(failed.parent)
        raise Refused(f"timeline new: cannot write {display_path(failed)} "
                      f"({_reason(error)}); make {where} writable and run the command "
                      "again; nothing was written", code=1) from None


def event_file_for(events_dir: Path, event: NewEvent, slug: str | None) -> Path:
    """Where the event goes: ``<year>/<id>.yaml``, the id from ``slug`` (the --id) or
    the title. Raises Refused when there is no usable id, or no place for the file."""
    if slug is not None and (problem := id_problem(slug)):
        raise Refused(f"timeline new: {problem}")
    slug = slug if slug is not None else slug_from_title(event.title)
    if not slug:
        raise Refused("timeline new: the title has no ASCII letters or digits to make a "
                      "file name from; give one with --id SLUG, e.g. --id coding-team-formed")
    identifier = event_id(event.date, slug)
    year_folder = events_dir / f"{event.date.year:04d}"
    shown = display_path(year_folder)
    if year_folder.is_symlink():
        raise Refused(f"timeline new: {shown} is a symbolic link, which the validator does "
                      f"not follow; replace it with the folder itself and run the command "
                      "again", code=1)
    if year_folder.exists() and not year_folder.is_dir():
        raise Refused(f"timeline new: {shown} is a file, but the events of "
                      f"{event.date.year:04d} belong in a folder of that name; move or "
                      "rename that file and run the command again", code=1)
    file = year_folder / f"{identifier}.yaml"
    if file.exists():
        raise Refused(f"timeline new: {display_path(file)} already exists; edit that file, or "
                      "choose another file name with --id SLUG", code=1)
    return file


def created_messages(event: NewEvent, events_dir: Path, event_file: Path) -> list[str]:
    """What was written: each registered actor and tag, then the event file."""
    messages = []
    for noun, entries in (("actor", event.new_actors), ("tag", event.new_tags)):
        for slug in entries:
            messages.append(f'registered {noun} "{slug}" in '
                            f'{display_path(events_dir / f"{noun}s.yaml")}')
    return [*messages, f"created {display_path(event_file)}"]


# -- the validator's verdict on each answer --------------------------------------------------


YamlPath = tuple[str | int, ...]
# The fields the command asks for, in the order it asks, and where each is written in the
# event file: a diagnostic's position in the YAML says which answer it is about.
FIELD_PATHS: dict[str, YamlPath] = {
    "title": ("title",), "date": ("date",), "status": ("status",), "summary": ("summary",),
    "actors": ("actors",), "tags": ("tags",), "source_url": ("sources", 0, "url"),
    "source_title": ("sources", 0, "title"), "publisher": ("sources", 0, "publisher")}
FIELDS = tuple(FIELD_PATHS)
# How a field reads before it is answered.
_UNANSWERED: dict[str, Any] = {"actors": [], "tags": []}


def unanswered(event: NewEvent, fields: list[str]) -> None:
    """Forget the answers to ``fields``, so they are asked again."""
    for name in fields:
        setattr(event, name, list(_UNANSWERED[name]) if name in _UNANSWERED else None)


def answer_problems(events_dir: Path, event: NewEvent, registries: Registries, name: str,
                    slug: str | None = None) -> list[str]:
    """The validator's errors about the field ``name`` of ``event``, as messages to show.

    The event is checked as far as it is known: the required fields not answered yet are
    stood in for by valid placeholders, and only the errors at the field's place in the
    YAML are kept, so each answer is judged by the validator's own rules, alone. ``slug``
    is the --id, if one was given.
    """
    stand_in = _with_placeholders(event, registries)
    file = _file_for_checking(events_dir, stand_in, slug)
    files = planned_files(stand_in, file, events_dir, laid_out=False)
    return [_shown(diagnostic) for diagnostic in _errors(events_dir, files, file)
            if diagnostic.path == display_path(file)
            and _starts_with(_path_at(files[file], diagnostic), FIELD_PATHS[name])]


def entry_problems(events_dir: Path, event: NewEvent, registries: Registries, noun: str,
                   slug: str, entry: dict[str, str], key: str | None = None) -> list[str]:
    """The validator's errors about the new ``noun`` (actor or tag) ``slug``: about its
    field ``key`` of ``entry`` (what is answered of it so far), or, without ``key``, about
    the slug itself, such as its form, checked before anything else is asked about it."""
    stand_in = _with_placeholders(event, registries)
    added = stand_in.new_actors if noun == "actor" else stand_in.new_tags
    added[slug] = {**_entry_placeholder(noun), **entry}
    file = _file_for_checking(events_dir, stand_in, None)
    files = planned_files(stand_in, file, events_dir, laid_out=False)
    registry = events_dir / f"{noun}s.yaml"
    wanted = (slug, key) if key else (slug,)
    return [_shown(diagnostic) for diagnostic in _errors(events_dir, files, file)
            if diagnostic.path == display_path(registry)
            and _path_at(files[registry], diagnostic)[:len(wanted)] == wanted]


def refused_answers(events_dir: Path, event: NewEvent,
                    event_file: Path) -> list[tuple[str | None, str]]:
    """The validator's errors about the event as it would be written: each with the asked
    field it is about (None when it is about no single answer) and the message to show."""
    files = planned_files(event, event_file, events_dir, laid_out=False)
    with cycle_collector_paused():
        diagnostics = check_as_written(events_dir, files, event_file)
    return [(_field_at(files[event_file], diagnostic)
             if diagnostic.path == display_path(event_file) else None, _shown(diagnostic))
            for diagnostic in diagnostics if diagnostic.is_error]


def _with_placeholders(event: NewEvent, registries: Registries) -> NewEvent:
    """``event`` with a valid stand-in for each required field not answered yet."""
    # Valid for the validator: a year that has begun, a status the schema lists, an actor
    # from the registry; none of them is ever written.
    stand_in = replace(event, actors=list(event.actors), tags=list(event.tags),
                       new_actors=dict(event.new_actors), new_tags=dict(event.new_tags))
    stand_in.title = event.title or "A new event"
    stand_in.date = event.date or PartialDate(date.today().year)
    stand_in.status = event.status or statuses()[0]
    stand_in.summary = event.summary or "What happened."
    if not event.actors:
        stand_in.actors = list(registries.actors)[:1] or list(event.new_actors)[:1]
    stand_in.source_title = event.source_title or "The article"
    return stand_in


def _entry_placeholder(noun: str) -> dict[str, str]:
    if noun == "actor":
        return {"name": "A name", "kind": actor_kinds()[0]}
    return {"name": "A name", "description": "What the tag is about."}


def _file_for_checking(events_dir: Path, event: NewEvent, slug: str | None) -> Path:
    """Where the event would be written; unlike ``event_file_for`` it refuses nothing, as
    an existing file or an unusable id is said once, when all is answered."""
    slug = slug or slug_from_title(event.title) or "new-event"
    try:
        identifier = event_id(event.date, slug)
    except Refused:
        identifier = event_id(event.date, "new-event")
    return events_dir / f"{event.date.year:04d}" / f"{identifier}.yaml"


def _errors(events_dir: Path, files: dict[Path, str], event_file: Path) -> list[Diagnostic]:
    with cycle_collector_paused():
        result = check(events_dir, only=[event_file], overlay=files)
    return [diagnostic for diagnostic in result.diagnostics if diagnostic.is_error]


def _shown(diagnostic: Diagnostic) -> str:
    """A diagnostic without its place in a file the contributor has not seen."""
    return f"{visible(diagnostic.message)} [{diagnostic.code}]"


def _field_at(text: str, diagnostic: Diagnostic) -> str | None:
    path = _path_at(text, diagnostic)
    return next((name for name, field_path in FIELD_PATHS.items()
                 if _starts_with(path, field_path)), None)


def _starts_with(path: YamlPath, start: YamlPath) -> bool:
    return path[:len(start)] == start


def _path_at(text: str, diagnostic: Diagnostic) -> YamlPath:
    """The path of the innermost key or item of ``text`` whose lines hold the diagnostic's
    position: () for a problem of the whole file (its name, its size)."""
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:  # not even YAML: the problem is the file's
        return ()
    where = (diagnostic.line - 1, diagnostic.column - 1)  # YAML's marks count from 0
    path: YamlPath = ()
    while True:
        inside = [(part, child) for part, child, start, end in _children(node)
                  if start <= where < end]
        if not inside:
            return path
        part, node = inside[0]
        path = (*path, part)


def _children(node: yaml.Node) -> list[tuple[str | int, yaml.Node, tuple[int, int],
                                            tuple[int, int]]]:
    """Each key's value or each item of ``node``, with where it starts and ends (a key's
    value starts at its key)."""
    if isinstance(node, yaml.MappingNode):
        return [(key.value, value, _mark(key.start_mark), _mark(value.end_mark))
                for key, value in node.value]
    if isinstance(node, yaml.SequenceNode):
        return [(index, item, _mark(item.start_mark), _mark(item.end_mark))
                for index, item in enumerate(node.value)]
    return []


def _mark(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line, mark.column


# -- picking up where the questions stopped --------------------------------------------------


def resume_command(event: NewEvent, events_dir: Path, events_flag: bool,
                   slug: str | None) -> list[str]:
    """The `timeline new` command that gives every answer so far as a flag, shell-quoted
    (with --events when ``events_flag``, and --id ``slug``), then a note for each answer
    no flag can carry. Run in a terminal, the command asks only for the rest."""
    parts: list[str] = ["timeline", "new"]

    def flag(name: str, *values: str | None) -> None:
        if all(values):
            parts.extend([name, *(shlex.quote(value) for value in values)])

    flag("--events", display_path(events_dir) if events_flag else None)
    flag("--title", event.title)
    flag("--date", event.date.text if event.date else None)
    flag("--status", event.status)
    flag("--summary", event.summary)
    for slug_ in event.actors:
        flag("--actor", slug_)
    for slug_, entry in event.new_actors.items():
        flag("--add-actor", slug_, entry.get("name"), entry.get("kind"))
    for slug_ in event.tags:
        flag("--tag", slug_)
    for slug_, entry in event.new_tags.items():
        flag("--add-tag", slug_, entry.get("name"), entry.get("description"))
    flag("--source", event.source_url)
    flag("--source-title", event.source_title)
    flag("--publisher", event.publisher)
    flag("--id", slug)
    notes = [f'the description of the actor "{slug_}" has no flag; add it to its entry in '
             f'{display_path(events_dir / "actors.yaml")} afterwards: '
             f'{entry["description"]}'
             for slug_, entry in event.new_actors.items() if entry.get("description")]
    return [" ".join(parts), *notes]
