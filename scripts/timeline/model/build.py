"""The model built from checked data: registries and event documents that passed.

Each record is built field by field from its dataclass, so a property the schema gains
without the dataclass (or the other way round) is a failing test
(tests/test_model_fields.py), not a TypeError in the middle of a build.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from datetime import date
from typing import Any, TypeVar

from timeline.model.dates import PartialDate
from timeline.model.records import (
    Actor,
    Correction,
    Event,
    Related,
    Retraction,
    Source,
    Tag,
    Timeline,
)
from timeline.read.history import FileDates

_Record = TypeVar("_Record", Source, Related)
# The fields a mapping of each kind is read for, in the dataclass's order.
_FIELD_NAMES = {record_class: tuple(field.name for field in fields(record_class))
                for record_class in (Source, Related)}


def build_timeline(events: Iterable[Event], actors: dict[str, Actor],
                   tags: dict[str, Tag]) -> Timeline:
    """The timeline of ``events`` in date order, with the registries it was built from."""
    return Timeline(tuple(sorted(events, key=lambda event: event.sort_key)), actors, tags)


def build_actors(entries: dict[str, dict[str, Any]]) -> dict[str, Actor]:
    """The actors registry, by slug in sorted order."""
    return {slug: Actor(slug=slug, name=e["name"], kind=e["kind"],
                        description=e.get("description"), url=e.get("url"),
                        aliases=tuple(e.get("aliases", ())))
            for slug, e in sorted(entries.items())}


def build_tags(entries: dict[str, dict[str, Any]]) -> dict[str, Tag]:
    """The tags registry, by slug in sorted order."""
    return {slug: Tag(slug=slug, name=e["name"], description=e["description"])
            for slug, e in sorted(entries.items())}


def build_event(data: dict[str, Any], *, id: str, path: str, start: PartialDate,
                end: PartialDate | None, retracted_on: PartialDate | None,
                actors: dict[str, Actor], tags: dict[str, Tag],
                dates: FileDates | None = None) -> Event:
    """One event from its checked document; the dates come parsed, as the checker read
    them, and ``path`` is the file's place inside the events folder. ``dates`` are the
    days the file was added and last changed, from the repository's history (None when
    they are not known)."""
    return Event(
        id=id,
        path=path,
        title=data["title"],
        date=start,
        end=end,
        approximate=bool(data.get("approximate", False)),
        key=bool(data.get("key", False)),
        lede=data.get("lede"),
        status=data["status"],
        summary=data["summary"],
        actors=tuple(actors[slug] for slug in dict.fromkeys(data["actors"])),
        tags=tuple(tags[slug] for slug in dict.fromkeys(data.get("tags", []))),
        sources=tuple(_record(Source, source) for source in data["sources"]),
        related=tuple(_record(Related, link) for link in data.get("related", [])),
        retraction=Retraction(retracted_on, data["retracted"]["reason"])
        if "retracted" in data else None,
        duplicate_of=data.get("duplicate_of"),
        aliases=tuple(data.get("aliases", ())),
        corrections=_corrections(data.get("corrections", ())),
        added=dates.added if dates else None,
        updated=dates.updated if dates else None,
    )


def _corrections(items: Iterable[dict[str, Any]]) -> tuple[Correction, ...]:
    """The checked ``corrections``, oldest first (the checker holds them in that order;
    two of one day keep the order written). Each date is a YYYY-MM-DD day by then."""
    corrections = [Correction(date=date.fromisoformat(item["date"]), text=item["text"])
                   for item in items]
    return tuple(sorted(corrections, key=lambda correction: correction.date))


def _record(record_class: type[_Record], mapping: dict[str, Any]) -> _Record:
    """A Source or Related from the mapping's values of the dataclass's own fields."""
    return record_class(**{name: mapping[name] for name in _FIELD_NAMES[record_class]
                           if name in mapping})
