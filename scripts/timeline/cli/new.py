"""``timeline new``: its flags, the questions it asks in a terminal, and what it prints.

What the answers must be and how the file is made, checked and written is in tools/new.py.
In a terminal each answer is judged by the validator at its own question and asked again
until it passes; what the validator refuses only once everything is answered is asked
again alone; and when the questions stop early, the answers are printed as the command
that gives them, so no answer is lost.

Exit codes: 0 written; 1 the file exists already, the validator found errors, or the
questions were cancelled (Ctrl-D); 2 a missing or wrong flag; 130 interrupted (Ctrl-C).
Nothing is ever written unless the exit code is 0.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from timeline.check.files import registry_hint
from timeline.cli.config import add_events_option, configured_events_dir
from timeline.collector import cycle_collector_paused
from timeline.tools.fmt import FormatError
from timeline.tools.new import (
    FIELDS,
    Flags,
    NewEvent,
    Refused,
    Registries,
    actor_kinds,
    answer_problems,
    check_as_written,
    copy_known_citation,
    created_messages,
    entry_problems,
    event_file_for,
    from_flags,
    missing_flags,
    parse_human_date,
    planned_files,
    refuse_wrong_flags,
    refused_answers,
    required_text,
    resume_command,
    slug_list,
    statuses,
    unanswered,
    words,
    write_all,
)

Ask = Callable[[str], str]
INTERRUPTED = 130  # what shells report for a command stopped by Ctrl-C (128 + SIGINT)


class Cancelled(Exception):
    """The questions stopped early (Ctrl-D or Ctrl-C); ``code`` is the exit code."""

    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


def register(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser(
        "new", help="create a new event file",
        description="Create a valid event file at events/<YYYY>/<date>-<slug>.yaml. In a "
                    "terminal, asks for every field not given as a flag; otherwise every "
                    "required field must be a flag. Nothing is written unless the "
                    "validator accepts the result.")
    new.add_argument("--title", help="what happened, one line of plain text")
    new.add_argument("--date", help='when: "21 April 2026", "April 2026", "2026" or '
                                    "2026-04-21; written at the precision given")
    new.add_argument("--status", help=words(statuses()))
    new.add_argument("--summary", help="a few sentences in your own words (Markdown)")
    new.add_argument("--actor", action="append", metavar="SLUG",
                     help="a registered actor (repeat for more)")
    new.add_argument("--tag", action="append", metavar="SLUG",
                     help="a registered tag (repeat for more)")
    new.add_argument("--source", metavar="URL", help="the source article's address")
    new.add_argument("--source-title", metavar="TEXT", help="the source article's title")
    new.add_argument("--publisher", metavar="NAME", help="the outlet that published it")
    new.add_argument("--id", metavar="SLUG",
                     help="the file name after the date (default: made from the title)")
    new.add_argument("--add-actor", action="append", nargs=3,
                     metavar=("SLUG", "NAME", "KIND"),
                     help="register a new actor in actors.yaml and name it in the event")
    new.add_argument("--add-tag", action="append", nargs=3,
                     metavar=("SLUG", "NAME", "DESCRIPTION"),
                     help="register a new tag in tags.yaml and tag the event with it")
    add_events_option(new)
    new.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    interactive = sys.stdin.isatty()
    try:
        return create(args, interactive)
    except Refused as refused:
        print(refused.message, file=sys.stderr)
        return refused.code
    except FormatError as error:  # e.g. a character the loader refuses, or a broken registry
        print("\n".join(error.lines))
        print("timeline new: nothing was written; fix the problems above and run the "
              "command again", file=sys.stderr)
        return 1
    except Cancelled as cancelled:
        print("timeline new: cancelled; nothing was written", file=sys.stderr)
        return cancelled.code
    except (EOFError, KeyboardInterrupt) as stop:
        print("\ntimeline new: cancelled; nothing was written", file=sys.stderr)
        return INTERRUPTED if isinstance(stop, KeyboardInterrupt) else 1


def create(args: argparse.Namespace, interactive: bool, ask: Ask = input) -> int:
    """Make the event from the flags (and, when ``interactive``, the answers), check it,
    write it. Raises Refused when it stops without writing."""
    events_dir = args.events or configured_events_dir()
    if not events_dir.is_dir():
        raise Refused(f"timeline new: the events folder {events_dir} does not exist; pass "
                      "--events DIR")
    flags = _flags(args)
    registries = Registries.read(events_dir)
    event, problems = from_flags(flags, registries, events_dir)
    _say(copy_known_citation(event, events_dir))
    refuse_wrong_flags(missing_flags(flags, event), problems, interactive)
    if interactive:
        return _ask_and_write(event, registries, events_dir, ask, flags.id,
                              events_flag=args.events is not None)
    return _check_and_write(event, events_dir, flags.id)


def _ask_and_write(event: NewEvent, registries: Registries, events_dir: Path, ask: Ask,
                   slug: str | None, events_flag: bool) -> int:
    """Ask for what the flags did not give, and again for what the validator refuses,
    then write. When it stops without writing after an answer was given, the answers are
    printed as the command that gives them (--events only if it was a flag)."""
    questions = Questions(event, registries, events_dir, ask, slug)
    try:
        questions.ask([name for name in FIELDS if not _given(event, name)])
        questions.ask_refused_again()
        return _check_and_write(event, events_dir, slug)
    except (EOFError, KeyboardInterrupt) as stop:
        print(file=sys.stderr)  # the question's line is still open
        if questions.answered:
            _print_resume(event, events_dir, events_flag, slug)
        raise Cancelled(INTERRUPTED if isinstance(stop, KeyboardInterrupt) else 1) from None
    except (Refused, FormatError):
        if questions.answered:
            _print_resume(event, events_dir, events_flag, slug)
        raise


def _check_and_write(event: NewEvent, events_dir: Path, slug: str | None) -> int:
    event_file = event_file_for(events_dir, event, slug)
    files = planned_files(event, event_file, events_dir)
    with cycle_collector_paused():
        diagnostics = check_as_written(events_dir, files, event_file)
    for diagnostic in diagnostics:
        print(diagnostic.format_text())
    if any(diagnostic.is_error for diagnostic in diagnostics):
        raise Refused("timeline new: nothing was written; fix the problems above (their "
                      "lines are those of the file that would have been written) and run "
                      "the command again", code=1)
    write_all(files)
    for message in created_messages(event, events_dir, event_file):
        print(message)
    return 0


def _flags(args: argparse.Namespace) -> Flags:
    return Flags(title=args.title, date=args.date, status=args.status, summary=args.summary,
                 actor=args.actor, tag=args.tag, source=args.source,
                 source_title=args.source_title, publisher=args.publisher, id=args.id,
                 add_actor=args.add_actor, add_tag=args.add_tag)


def _given(event: NewEvent, name: str) -> bool:
    """Whether the flags gave the field (the actors and tags they name are looked up all
    the same, see Questions.ask)."""
    value = getattr(event, name)
    return value is not None if name in ("source_url", "publisher", "date") else bool(value)


def _say(message: str | None) -> None:
    if message:
        print(message)


def _print_resume(event: NewEvent, events_dir: Path, events_flag: bool,
                  slug: str | None) -> None:
    command, *notes = resume_command(event, events_dir, events_flag, slug)
    print("timeline new: your answers so far, as a command that asks only for the rest:\n"
          f"  {command}", file=sys.stderr)
    for note in notes:
        print(f"  ({note})", file=sys.stderr)


# -- the questions ---------------------------------------------------------------------------


class Questions:
    """The questions of one run: each answer is read, then judged by the validator at its
    own question (with the fields not asked yet stood in for), and asked again until it
    passes."""

    def __init__(self, event: NewEvent, registries: Registries, events_dir: Path, ask: Ask,
                 slug: str | None = None):
        self.event = event
        self.registries = registries
        self.events_dir = events_dir
        self.read = ask
        self.slug = slug  # the --id, if given
        self.answered = False  # whether there is anything to lose

    def ask(self, names: list[str]) -> None:
        """Ask for the fields ``names``, in the order of FIELDS. The actors and tags named
        by flags are looked up even when not asked for: an unknown one is offered for
        registering."""
        questions: dict[str, Callable[[], Any]] = {
            "title": lambda: self._read("Title: ", _required),
            "date": lambda: self._read("Date (e.g. 21 April 2026, April 2026 or 2026; no "
                                       "more precise than the sources): ", parse_human_date),
            "status": lambda: self._read(f"Status ({', '.join(statuses())}): ", _required),
            "summary": self._summary,
            "source_url": self._source_url,
            "source_title": lambda: self._read("Source title (as published): ", _required),
            "publisher": lambda: self._read("Publisher (Enter to skip): ", str.strip),
        }
        for name in FIELDS:
            if name in ("actors", "tags"):
                self._slugs(name, asked=name in names)
            elif name in names and not self._copied(name):
                self._until_valid(name, questions[name])

    def ask_refused_again(self) -> None:
        """Check the event as it would be written; ask again for each answer the validator
        still refuses (one it can only judge with the others, or given as a flag), and
        only for those, until none is refused. An error about no single answer is left
        for the final check to show."""
        while True:
            event_file = event_file_for(self.events_dir, self.event, self.slug)
            refused = refused_answers(self.events_dir, self.event, event_file)
            names = [name for name, _ in refused]
            if not refused or None in names:
                return
            print("Nothing is written yet: the validator refuses these answers, so they are "
                  "asked again:")
            for _, message in refused:
                print(f"  {message}")
            unanswered(self.event, names)
            self.ask(names)

    def _copied(self, name: str) -> bool:
        """Whether the answer came from another citation of the source's URL."""
        return name in ("source_title", "publisher") and getattr(self.event, name) is not None

    def _read(self, prompt: str, parse: Callable[[str], Any]) -> Any:
        return _ask_until(self.read, prompt, parse)

    def _summary(self) -> str:
        print("Summary, a few sentences in your own words (an empty line ends it):")
        return _ask_lines(self.read)

    def _source_url(self) -> str:
        url = self.read("Source URL (Enter if the article is not online): ").strip()
        self.event.source_url = url
        _say(copy_known_citation(self.event, self.events_dir))
        return url

    def _until_valid(self, name: str, question: Callable[[], Any]) -> None:
        """Ask ``question`` until the validator finds no error in its answer."""
        while True:
            setattr(self.event, name, question())
            if self._accepted(name):
                return
            unanswered(self.event, [name])

    def _accepted(self, name: str) -> bool:
        """Whether the validator finds no error in the answer for ``name``; its errors
        are shown when it does."""
        problems = answer_problems(self.events_dir, self.event, self.registries, name,
                                   self.slug)
        for problem in problems:
            print(f"  {problem}")
        self.answered = self.answered or not problems
        return not problems

    def _slugs(self, name: str, asked: bool) -> None:
        """Ask for the actors or tags (when ``asked``), offer to register the unknown ones,
        and ask again while the validator refuses the list."""
        required = name == "actors"
        prompt = ("Actors (slugs, separated by commas): " if required
                  else "Tags (slugs, separated by commas; Enter for none): ")
        noun = name.removesuffix("s")
        slugs = getattr(self.event, name)
        if not asked and all(self._registered(slug, noun) for slug in slugs):
            return  # named by flags, all registered: the final check judges them
        while True:
            if asked:
                slugs = _ask_until(self.read, prompt,
                                   lambda text: slug_list(text, required=required))
            asked = True  # the flags' slugs are looked up once; then the list is asked
            slugs = self._known_or_registered(slugs, noun)
            if required and not slugs:
                print(f"  an event needs at least one {noun}")
                continue
            setattr(self.event, name, slugs)
            if self._accepted(name):
                return

    def _registered(self, slug: str, noun: str) -> bool:
        """Whether ``slug`` is in the registry, or is being registered by this run."""
        known = self.registries.actors if noun == "actor" else self.registries.tags
        added = self.event.new_actors if noun == "actor" else self.event.new_tags
        return slug in known or slug in added

    def _known_or_registered(self, slugs: list[str], noun: str) -> list[str]:
        """The slugs registered already or registered now; each unknown one is checked as a
        slug first, then offered for registering."""
        known = self.registries.actors if noun == "actor" else self.registries.tags
        added = self.event.new_actors if noun == "actor" else self.event.new_tags
        kept = []
        for slug in slugs:
            if self._registered(slug, noun):
                kept.append(slug)
                continue
            hint = registry_hint(slug, known)
            problems = entry_problems(self.events_dir, self.event, self.registries, noun,
                                      slug, {})
            if problems:
                print(f'  "{slug}" is not a registered {noun}{hint}, and cannot be registered:')
                for problem in problems:
                    print(f"    {problem}")
                print(f'  left out "{slug}"')
                continue
            answer = self.read(f'"{slug}" is not a registered {noun}{hint}. Register it? '
                               "[y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                print(f'  left out "{slug}"')
                continue
            added[slug] = self._entry(noun, slug)
            self.answered = True
            kept.append(slug)
        return kept

    def _entry(self, noun: str, slug: str) -> dict[str, str]:
        """The new actor's or tag's fields, each judged by the validator as it is given."""
        entry: dict[str, str] = {}
        if noun == "actor":
            questions = [("name", "  Name: ", True),
                         ("kind", f"  Kind ({', '.join(actor_kinds())}): ", True),
                         ("description", "  Description, from the sources (Enter to skip): ",
                          False)]
        else:
            questions = [("name", "  Name: ", True), ("description", "  Description: ", True)]
        for key, prompt, required in questions:
            while True:
                answer = _ask_until(self.read, prompt, _required if required else str.strip)
                if not answer:
                    break
                problems = entry_problems(self.events_dir, self.event, self.registries, noun,
                                          slug, {**entry, key: answer}, key)
                if not problems:
                    entry[key] = answer
                    break
                for problem in problems:
                    print(f"  {problem}")
        return entry


def _required(text: str) -> str:
    try:
        return required_text(text)
    except ValueError as error:
        raise ValueError(f"{error}; Ctrl-D stops and prints your answers so far as a "
                         "command") from None


def _ask_until(ask: Ask, prompt: str, parse: Callable[[str], Any]) -> Any:
    """Ask until ``parse`` accepts the answer, saying what was wrong each time."""
    while True:
        try:
            return parse(ask(prompt))
        except ValueError as error:
            print(f"  {error}")


def _ask_lines(ask: Ask) -> str:
    lines: list[str] = []
    while not lines or lines[-1]:
        lines.append(ask("").rstrip())
        if not any(lines):
            lines.clear()
            print("  write at least one sentence")
    return "\n".join(lines).strip()
