"""What readers follow: Atom feeds and iCalendar files of the whole timeline, of each
actor and of each tag.

Every part is written by a library made for its format (feedgen, icalendar, lxml) and the
parts are put together whole, never by pasting values into text. Nothing reads the
clock: an entry is dated by the commits that added and last changed its event (and by
its corrections), so two builds of a commit are identical. Each event's Atom entry and
calendar entry is written once per build and shared by every feed that lists it.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit

import icalendar
from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from icalendar.parser import Contentlines
from lxml import etree

from timeline import __version__
from timeline.format.summary import SummaryText
from timeline.model.dates import display_day
from timeline.model.records import Event, Timeline
from timeline.site import urls
from timeline.site.options import SiteOptions
from timeline.site.pages import template_environment
from timeline.site.urls import Links
from timeline.site.views import RetractionView

FEED_LIMIT = 50  # entries in the site's feed
# Entries in an actor's or a tag's feed: a reader following one company keeps what it has
# read, and there are hundreds of such feeds, each entry with its whole summary.
SUBJECT_FEED_LIMIT = 20
CALENDAR_LIMIT = 50  # events in an actor's or a tag's calendar (the site's has every one)
GENERATOR = "sourced-timeline"  # the software the feeds name as their <generator>


@dataclass(frozen=True)
class Channel:
    """One thing readers can follow: the whole timeline, an actor or a tag."""

    feed_path: str
    calendar_path: str
    page_src: str  # the page the feed stands for
    title: str
    subtitle: str
    id_name: str  # names the feed in its tag: URI when the site's address is unknown
    events: tuple[Event, ...]  # listed events, oldest first
    feed_limit: int = SUBJECT_FEED_LIMIT
    whole_calendar: bool = False  # the site's calendar holds every event, not the latest


def channels(timeline: Timeline, options: SiteOptions) -> Iterator[Channel]:
    """The site's feeds, then one per actor and one per tag (each has both)."""
    yield Channel(urls.FEED, urls.CALENDAR, urls.HOME, options.feed_name,
                  options.feed_subtitle, "timeline", timeline.listed, feed_limit=FEED_LIMIT,
                  whole_calendar=True)
    for slug, actor in timeline.actors.items():
        yield Channel(urls.actor_feed(slug), urls.actor_calendar(slug), urls.actor_page(slug),
                      f"{options.feed_name}: {actor.name}",
                      f"Events involving {actor.name}, newest changes first.",
                      f"actor:{slug}", _listed(timeline.events_with_actor(slug)))
    for slug, tag in timeline.tags.items():
        yield Channel(urls.tag_feed(slug), urls.tag_calendar(slug), urls.tag_page(slug),
                      f"{options.feed_name}: {tag.name}",
                      f"Events tagged {tag.name}, newest changes first.",
                      f"tag:{slug}", _listed(timeline.events_with_tag(slug)))


def _listed(events: list[Event]) -> tuple[Event, ...]:
    return tuple(event for event in events if not event.duplicate_of)


def freshness(event: Event) -> tuple:
    """Newest change first: the last commit or correction, else the event's own date."""
    return (event.last_changed or event.date.first_day, event.sort_key)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def status_line(event: Event) -> str:
    """E.g. 'c. June 2026 (reported).' or '... (reported; retracted May 2026: why).'"""
    status = event.status
    if event.retraction:
        status += f"; retracted {event.retraction.date.display()}: {event.retraction.reason}"
    return f"{event.display_date} ({status})."


def calendar_span(event: Event) -> tuple[dt.date, dt.date]:
    """All-day span of an event: first day of its date to the day after its last day.

    A day is one all-day event; a month-only date spans the whole month and a year-only
    date the whole year, so a calendar shows the uncertainty instead of a made-up day.
    """
    last = (event.end or event.date).last_day
    return event.date.first_day, last + dt.timedelta(days=1)


class Feeds:
    """The feeds and calendars of one build."""

    def __init__(self, timeline: Timeline, options: SiteOptions,
                 text: SummaryText | None = None, links: Links | None = None):
        self.timeline = timeline
        self.options = options
        self.text = text or SummaryText()
        self.links = links or Links(options.use_directory_urls, options.site_url)
        self.content = template_environment().get_template("feed_entry.html.j2")
        self._entries_written: dict[str, bytes] = {}
        self._vevents_written: dict[str, bytes] = {}
        self._shared = _SharedValues()

    def files(self) -> Iterator[tuple[str, str]]:
        """Every feed and calendar as ``(path, text)``, in a stable order."""
        for channel in channels(self.timeline, self.options):
            yield channel.feed_path, self.atom(channel)
            yield channel.calendar_path, self.calendar(channel)

    @cached_property
    def freshness_rank(self) -> dict[str, int]:
        """Each listed event's place when the newest change comes first (0: newest), so
        a feed picks its latest entries without sorting them again."""
        newest_first = sorted(self.timeline.listed, key=freshness, reverse=True)
        return {event.id: rank for rank, event in enumerate(newest_first)}

    # -- addresses ----------------------------------------------------------------------

    def page_url(self, src_uri: str) -> str:
        """The page's absolute URL when the site's address is known, else its path."""
        return self.links.absolute(src_uri)

    @cached_property
    def addresses_are_absolute(self) -> bool:
        return bool(urlsplit(self.options.site_url or "").scheme)

    def _atom_id(self, src_uri: str, name: str) -> str:
        """The page's URL when absolute, else a stable tag: URI (RFC 4151) in the site's
        id namespace."""
        if self.addresses_are_absolute:
            return self.page_url(src_uri)
        return f"tag:{self.options.tagging_entity}:{name}"

    # -- Atom ---------------------------------------------------------------------------

    def atom(self, channel: Channel) -> str:
        """The channel's latest changes, newest first, as Atom: the feed's own elements
        as feedgen writes them, then each entry as lxml writes it, once per build."""
        rank = self.freshness_rank
        newest = heapq.nsmallest(channel.feed_limit, channel.events, key=lambda e: rank[e.id])
        feed = FeedGenerator()
        feed.id(self._atom_id(channel.page_src, channel.id_name))
        feed.title(channel.title)
        feed.subtitle(channel.subtitle)
        feed.language("en")
        home = self.page_url(urls.HOME) or "./"
        feed.author(name=self.options.site_name, uri=home)
        feed.updated(self.options.build_date or (_midnight(freshness(newest[0])[0]) if newest
                                                 else _midnight(dt.date(1970, 1, 1))))
        feed.generator(GENERATOR, version=__version__)
        if self.options.license:
            feed.rights(f"{self.options.license.name}: {self.options.license.url}")
        feed.link(href=self.page_url(channel.page_src) or "./", rel="alternate")
        feed.link(href=urls.absolute_url(self.options.site_url, channel.feed_path), rel="self")
        opening, closing = feed.atom_str(pretty=True, xml_declaration=False).rsplit(
            b"</feed>", 1)
        href = urls.relative_url(channel.feed_path, urls.FEED_STYLESHEET)
        instruction = etree.tostring(etree.ProcessingInstruction(
            "xml-stylesheet", f'type="text/xsl" href="{href}"'))
        return b"".join([_XML_DECLARATION, instruction, b"\n", opening,
                         *(self.entry_xml(event) for event in newest),
                         b"</feed>", closing]).decode("utf-8")

    def entry_xml(self, event: Event) -> bytes:
        """The event's <entry>, written once and shared by every feed that lists it."""
        written = self._entries_written.get(event.id)
        if written is None:
            element = self.entry(event).atom_entry()
            etree.indent(element, space="  ", level=1)
            written = self._entries_written[event.id] = (
                b"  " + etree.tostring(element, encoding="UTF-8", pretty_print=True))
        return written

    def entry(self, event: Event) -> FeedEntry:
        """The event's Atom entry."""
        entry = FeedEntry()
        entry.id(self._atom_id(urls.event_page(event.id), event.id))
        entry.title(event.title)
        entry.link(href=self.page_url(urls.event_page(event.id)), rel="alternate")
        published = event.added or event.date.first_day
        entry.published(_midnight(published))
        entry.updated(_midnight(max(published, event.last_changed or published)))
        entry.summary(f"{status_line(event)} {self.text.plain(event.summary)}")
        retraction = RetractionView(event.retraction.date.display(), event.retraction.reason) \
            if event.retraction else None
        entry.content(self.content.render(
            status_line=status_line(event), summary=self.text.html(event.summary),
            corrections=[(display_day(c.date), c.text) for c in event.corrections],
            retraction=retraction, sources=event.sources), type="html")
        tags_scheme = self.page_url(urls.TAGS_INDEX)
        for tag in event.tags:
            entry.category(term=tag.slug, label=tag.name, scheme=tags_scheme)
        actors_scheme = self.page_url(urls.ACTORS_INDEX)
        for actor in event.actors:
            entry.category(term=actor.slug, label=actor.name, scheme=actors_scheme)
        return entry

    # -- iCalendar ----------------------------------------------------------------------

    def calendar(self, channel: Channel) -> str:
        """Each event an all-day, non-blocking VEVENT: every event in the site's calendar,
        the latest by date in an actor's or a tag's."""
        events = channel.events if channel.whole_calendar else channel.events[-CALENDAR_LIMIT:]
        calendar = icalendar.Calendar()
        calendar.add("prodid", f"-//{self.options.id_authority}//timeline//EN")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", channel.title)
        # The calendar's content lines as icalendar writes them, each event's before the
        # calendar's END line: an event is written once per build, however many
        # calendars list it.
        around = calendar.content_lines()
        return b"".join([Contentlines(around[:-2]).to_ical(),
                         *(self.vevent_ical(event) for event in events),
                         Contentlines(around[-2:]).to_ical()]).decode("utf-8")

    def vevent_ical(self, event: Event) -> bytes:
        written = self._vevents_written.get(event.id)
        if written is None:
            written = self._vevents_written[event.id] = self.vevent(event).to_ical()
        return written

    def vevent(self, event: Event) -> icalendar.Event:
        shared = self._shared
        start, end = calendar_span(event)
        url = self.page_url(urls.event_page(event.id))
        item = icalendar.Event()
        item.add("uid", f"{event.id}@{self.uid_host}")
        item.add("dtstamp", shared("dtstamp", self.stamp))
        item.add("dtstart", shared("dtstart", start))
        item.add("dtend", shared("dtend", end))
        item.add("summary", event.title)
        corrections = "".join(f"\n\nCorrection, {display_day(c.date)}: {c.text}"
                              for c in event.corrections)
        item.add("description", f"{status_line(event)} "
                                f"{self.text.plain(event.summary, limit=10_000)}"
                                f"{corrections}\n\n{url}")
        item.add("transp", shared("transp", "TRANSPARENT"))
        if event.retraction:
            item.add("status", shared("status", "CANCELLED"))
        item.add("categories", shared("categories", tuple(tag.name for tag in event.tags)
                                      or ("event",)))
        if self.addresses_are_absolute:
            item.add("url", url)
        return item

    @cached_property
    def uid_host(self) -> str:
        """What event UIDs end in: the site's host, else its id namespace."""
        return urlsplit(self.options.site_url or "").hostname or self.options.id_authority

    @cached_property
    def stamp(self) -> dt.datetime:
        """DTSTAMP, which iCalendar requires: the build date if pinned, else the newest
        event's first day; never the clock."""
        if self.options.build_date is not None:
            return self.options.build_date
        if not self.timeline.events:
            return _midnight(dt.date(1970, 1, 1))
        return _midnight(max(event.date.first_day for event in self.timeline.events))


_XML_DECLARATION = b"<?xml version='1.0' encoding='UTF-8'?>\n"  # as lxml writes it


class _SharedValues:
    """Property values many events share (the build stamp, days, category lists), encoded
    by icalendar once and reused: encoding them again for each event was a fifth of the
    calendar's time at 10,000 events. Each is exactly what ``add(name, value)`` stores."""

    def __init__(self) -> None:
        self._encoded: dict[tuple[str, object], object] = {}

    def __call__(self, name: str, value: object) -> object:
        encoded = self._encoded.get((name, value))
        if encoded is None:
            scratch = icalendar.Event()
            scratch.add(name, list(value) if isinstance(value, tuple) else value)
            encoded = self._encoded[name, value] = scratch[name]
        return encoded
