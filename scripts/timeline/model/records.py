"""The validated timeline as plain immutable objects. Rendering reads only these."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from timeline.model.dates import PartialDate, display_range


def _ascii_slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def slugify(text: str) -> str:
    """ASCII slug of a name, "unnamed" when it has no Latin letters or digits."""
    return _ascii_slug(text) or "unnamed"


# Slugs that name a folder's own index page (actors/index.md, tags/index.md,
# sources/index.md): no actor, tag or outlet may have one.
RESERVED_SLUGS = frozenset({"index"})


def outlet_slug_of(name: str) -> str:
    """The slug of an outlet's page, from the publisher's name.

    A name with Latin letters or digits gets its ASCII slug ("The Decoder" is
    "the-decoder"). A name with none (日本経済新聞, Коммерсантъ, الجزيرة) would get the
    same empty ASCII slug as every other such name, so it gets "outlet-" and the first ten
    hex digits of the SHA-256 of its NFC form instead: distinct for distinct names, the
    same on every build and machine, and safe in any URL.
    """
    if ascii_slug := _ascii_slug(name):
        return ascii_slug
    digest = hashlib.sha256(unicodedata.normalize("NFC", name).encode("utf-8",
                                                                      "surrogatepass"))
    return f"outlet-{digest.hexdigest()[:10]}"


@dataclass(frozen=True)
class Actor:
    slug: str
    name: str
    kind: str
    description: str | None = None
    url: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tag:
    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    via: str | None = None
    archived: str | None = None
    quote: str | None = None
    # Added after the fields above, so events.json lists a source's fields in the same
    # order as before for sources without them.
    title_en: str | None = None
    url_unavailable: str | None = None
    quote_en: str | None = None

    @cached_property  # read on every page that lists or cites the source
    def outlet_slug(self) -> str | None:
        return outlet_slug_of(self.publisher) if self.publisher else None

    @cached_property
    def via_slug(self) -> str | None:
        """The outlet page of the original reporter this source relays."""
        return outlet_slug_of(self.via) if self.via else None

    def outlets(self) -> list[tuple[str, str]]:
        """``(slug, name)`` of each outlet the source names: its publisher, then the
        outlet it relays."""
        named = [(self.outlet_slug, self.publisher), (self.via_slug, self.via)]
        return [(slug, name) for slug, name in named if slug and name]


@dataclass(frozen=True)
class Related:
    event: str
    relation: str


@dataclass(frozen=True)
class Retraction:
    """The event turned out not to have happened as told: when that became known, and why."""

    date: PartialDate
    reason: str


@dataclass(frozen=True)
class Correction:
    """An editor's note that the event's account was corrected: on which day, and what."""

    date: dt.date
    text: str


@dataclass(frozen=True)
class Event:
    id: str
    path: str  # relative to the events folder, POSIX separators
    title: str
    date: PartialDate
    status: str
    summary: str
    actors: tuple[Actor, ...]
    sources: tuple[Source, ...]
    end: PartialDate | None = None
    approximate: bool = False
    key: bool = False  # one of the timeline's key developments
    lede: str | None = None  # the listing's sentence as written; see SummaryText.lede
    tags: tuple[Tag, ...] = ()
    related: tuple[Related, ...] = ()
    retraction: Retraction | None = None
    duplicate_of: str | None = None  # the id of the event to show instead
    aliases: tuple[str, ...] = ()  # former ids; their addresses must keep working
    corrections: tuple[Correction, ...] = ()  # oldest first
    # From the repository's history (read/history.py), not from the file: the day of the
    # commit that added the file and of the last commit that changed it; None without
    # history (a tarball, a shallow clone, a file not committed yet).
    added: dt.date | None = None
    updated: dt.date | None = None

    @property
    def display_date(self) -> str:
        return display_range(self.date, self.end, self.approximate)

    @property
    def last_changed(self) -> dt.date | None:
        """The day the event last changed for a reader: its last commit or its latest
        correction, whichever is later; None when neither is known."""
        days = [day for day in (self.added, self.updated) if day is not None]
        days += [correction.date for correction in self.corrections]
        return max(days, default=None)

    @property
    def sort_key(self) -> tuple:
        return (*self.date.sort_key, self.id)


@dataclass(frozen=True)
class Outlet:
    """A publisher cited by sources; it has no registry, so its slug comes from its name."""

    slug: str
    name: str


@dataclass(frozen=True)
class Timeline:
    """All events oldest first, with the registries they were resolved against."""

    events: tuple[Event, ...]
    actors: dict[str, Actor] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)

    @cached_property
    def by_id(self) -> dict[str, Event]:
        return {event.id: event for event in self.events}

    @cached_property
    def by_alias(self) -> dict[str, Event]:
        """Each former id of a renamed event, to that event."""
        return {alias: event for event in self.events for alias in event.aliases}

    def find(self, id_or_alias: str) -> Event | None:
        """The event with this id, or the renamed event that had it."""
        return self.by_id.get(id_or_alias) or self.by_alias.get(id_or_alias)

    @cached_property
    def outlets(self) -> dict[str, Outlet]:
        """Every outlet a source names, as its publisher or as the outlet it relays."""
        found: dict[str, Outlet] = {}
        for event in self.events:
            for source in event.sources:
                for slug, name in source.outlets():
                    found.setdefault(slug, Outlet(slug, name))
        return dict(sorted(found.items()))

    @cached_property
    def _by_actor(self) -> dict[str, list[Event]]:
        return _group(self.events, lambda e: [a.slug for a in e.actors])

    @cached_property
    def _by_tag(self) -> dict[str, list[Event]]:
        return _group(self.events, lambda e: [t.slug for t in e.tags])

    @cached_property
    def _by_outlet(self) -> dict[str, list[Event]]:
        return _group(self.events, lambda e: [slug for s in e.sources
                                              for slug, _ in s.outlets()])

    def events_with_actor(self, slug: str) -> list[Event]:
        return self._by_actor.get(slug, [])

    def events_with_tag(self, slug: str) -> list[Event]:
        return self._by_tag.get(slug, [])

    def events_citing(self, outlet_slug: str) -> list[Event]:
        """The events with a source from the outlet or relaying its reporting."""
        return self._by_outlet.get(outlet_slug, [])

    @cached_property
    def listed(self) -> tuple[Event, ...]:
        """The events readers see listed, oldest first: all but those marked duplicates,
        whose pages point to the kept event instead."""
        return tuple(event for event in self.events if not event.duplicate_of)

    @cached_property
    def key_events(self) -> tuple[Event, ...]:
        """The listed events marked as key developments, oldest first."""
        return tuple(event for event in self.listed if event.key)

    @cached_property
    def _listed_position(self) -> dict[str, int]:
        return {event.id: position for position, event in enumerate(self.listed)}

    def neighbours(self, event: Event) -> tuple[Event | None, Event | None]:
        """The listed events before and after this one in time; a duplicate has none."""
        position = self._listed_position.get(event.id)
        if position is None:
            return None, None
        previous = self.listed[position - 1] if position > 0 else None
        following = self.listed[position + 1] if position + 1 < len(self.listed) else None
        return previous, following


def _group(events, keys_of) -> dict[str, list[Event]]:
    groups: dict[str, list[Event]] = {}
    for event in events:
        for key in dict.fromkeys(keys_of(event)):  # once per event, order kept
            groups.setdefault(key, []).append(event)
    return groups
