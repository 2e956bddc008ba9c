"""``timeline new``: its flags, the questions it asks in a terminal, and what it prints.

What the answers must be and how the file is made, checked and written is in tools/new.py.
Exit codes: 0 written; 1 the file exists already, the validator found errors, or the
questions were cancelled; 2 a missing or wrong flag (nothing is ever written then).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from timeline.check.files import registry_hint
from timeline.cli.config import configured_events_dir
from timeline.collector import cycle_collector_paused
from timeline.tools.fmt import FormatError
from timeline.tools.new import (
    Flags,
    NewEvent,
    Refused,
    Registries,
    actor_kinds,
    check_as_written,
    checked_status,
    copy_known_citation,
    created_messages,
    event_file_for,
    from_flags,
    is_slug,
    missing_flags,
    one_of,
    parse_human_date,
    planned_files,
    refuse_wrong_flags,
    required_text,
    slug_list,
    statuses,
    words,
    write_all,
)

Ask = Callable[[str], str]


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
    new.add_argument("--events", type=Path, metavar="DIR",
                     help="the events folder (default: from mkdocs.yml, else events/)")
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
    except (EOFError, KeyboardInterrupt):
        print("\ntimeline new: cancelled; nothing was written", file=sys.stderr)
        return 1


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
        ask_missing(event, registries, ask,
                    after_url=lambda: _say(copy_known_citation(event, events_dir)))
    event_file = event_file_for(events_dir, event, flags.id)
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


def _say(message: str | None) -> None:
    if message:
        print(message)


# -- the questions ---------------------------------------------------------------------------


def ask_missing(event: NewEvent, registries: Registries, ask: Ask,
                after_url: Callable[[], None] = lambda: None) -> None:
    """Ask for every field the flags did not give, and about unknown actors and tags."""
    if not event.title:
        event.title = _ask_until(ask, "Title: ", required_text)
    if event.date is None:
        event.date = _ask_until(
            ask, "Date (e.g. 21 April 2026, April 2026 or 2026; no more precise than the "
            "sources): ", parse_human_date)
    if not event.status:
        event.status = _ask_until(ask, f"Status ({', '.join(statuses())}): ", checked_status)
    if not event.summary:
        print("Summary, a few sentences in your own words (an empty line ends it):")
        event.summary = _ask_lines(ask)
    if not event.actors:
        event.actors = _ask_until(ask, "Actors (slugs, separated by commas): ", slug_list)
    event.actors = _resolve_unknown(event.actors, registries.actors, event.new_actors,
                                    "actor", ask, required=True)
    if not event.tags:
        event.tags = slug_list(ask("Tags (slugs, separated by commas; Enter for none): "),
                               required=False)
    event.tags = _resolve_unknown(event.tags, registries.tags, event.new_tags, "tag", ask,
                                  required=False)
    if event.source_url is None:
        event.source_url = ask("Source URL (Enter if the article is not online): ").strip()
        after_url()
    if not event.source_title:
        event.source_title = _ask_until(ask, "Source title (as published): ", required_text)
    if event.publisher is None:
        event.publisher = ask("Publisher (Enter to skip): ").strip()


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


def _resolve_unknown(slugs: list[str], known: dict, added: dict, noun: str, ask: Ask,
                     required: bool) -> list[str]:
    """Offer to register each unknown slug; drop the ones the user does not register."""
    kept = []
    for slug in slugs:
        if slug in known or slug in added:
            kept.append(slug)
            continue
        hint = registry_hint(slug, known)
        answer = ask(f'"{slug}" is not a registered {noun}{hint}. Register it? [y/N] ')
        if answer.strip().lower() not in ("y", "yes"):
            print(f'  left out "{slug}"')
            continue
        if not is_slug(slug):
            print(f'  "{slug}" is not a slug (lowercase ASCII words joined by hyphens); '
                  "left out")
            continue
        added[slug] = _ask_actor(ask) if noun == "actor" else _ask_tag(ask)
        kept.append(slug)
    if required and not kept:
        print(f"  an event needs at least one {noun}")
        return _resolve_unknown(_ask_until(ask, f"{noun.capitalize()}s (slugs, separated by "
                                           "commas): ", slug_list), known, added, noun,
                                ask, required)
    return kept


def _ask_actor(ask: Ask) -> dict[str, str]:
    kinds = actor_kinds()
    entry = {"name": _ask_until(ask, "  Name: ", required_text),
             "kind": _ask_until(ask, f"  Kind ({', '.join(kinds)}): ",
                                lambda text: one_of(text, kinds))}
    description = ask("  Description, from the sources (Enter to skip): ").strip()
    return entry | ({"description": description} if description else {})


def _ask_tag(ask: Ask) -> dict[str, str]:
    return {"name": _ask_until(ask, "  Name: ", required_text),
            "description": _ask_until(ask, "  Description: ", required_text)}
