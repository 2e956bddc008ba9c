"""The timeline as data for other programs: JSON, CSV, an Atom feed and an iCalendar file.

Every output is written by a library made for its format (json, csv, feedgen, icalendar),
never by pasting strings, and is deterministic: no "now" anywhere. Where a format needs a
timestamp, ``SiteOptions.build_date`` (SOURCE_DATE_EPOCH, else the last commit's) or else
the newest event's date is used, so two builds of the same commit are byte-identical.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlsplit

import icalendar
from feedgen.feed import FeedGenerator

from timeline.format.schema import load_schema
from timeline.format.summary import SummaryText
from timeline.model.dates import PartialDate
from timeline.model.records import Event, Source, Timeline
from timeline.site import urls
from timeline.site.options import SiteOptions

API_SCHEMA_VERSION = 1
FEED_LIMIT = 50
# Cells a spreadsheet would read as a formula (CSV injection); such cells get a leading '.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = ("id", "date", "end", "precision", "approximate", "status", "retracted",
               "duplicate_of", "title", "summary", "actors", "tags", "publishers",
               "source_urls", "url")
# A source's fields in their declared order, as dataclasses.asdict gives them (which deep-
# copies every source: a third of events.json's time at 10,000 events).
_SOURCE_FIELDS = tuple(field.name for field in fields(Source))


def data_files(timeline: Timeline, options: SiteOptions) -> dict[str, str]:
    """Every data file by its path in the site, in a stable order."""
    return dict(iter_data_files(timeline, options))


def iter_data_files(timeline: Timeline, options: SiteOptions,
                    text: SummaryText | None = None) -> Iterator[tuple[str, str]]:
    """The same, one file at a time: each is made when it is reached, so a build can
    write it and let it go before the next (events.json alone is tens of MB at 10,000
    events, with about as much again while it is being made)."""
    text = text or SummaryText()
    for path, make in DATA_FILES.items():
        yield path, make(timeline, options, text)


def events_schema_json(timeline: Timeline, options: SiteOptions,
                text: SummaryText | None = None) -> str:
    """``api/events.schema.json``: the JSON Schema of events.json, as published."""
    return json.dumps(load_schema("events-api"), indent=2, ensure_ascii=False) + "\n"


# -- URLs and dates ----------------------------------------------------------------------


def site_url_of(options: SiteOptions, src_uri: str) -> str:
    """The page's absolute URL when the site URL is known, else its path from the root."""
    return urls.absolute_url(options.site_url,
                             urls.page_url(src_uri, options.use_directory_urls))


def file_url_of(options: SiteOptions, path: str) -> str:
    """A data file's absolute URL when the site URL is known, else its path."""
    return urls.absolute_url(options.site_url, path)


def event_url(event: Event, options: SiteOptions) -> str:
    return site_url_of(options, urls.event_page(event.id))


def build_timestamp(timeline: Timeline, options: SiteOptions) -> datetime:
    """The one timestamp outputs may carry: the build date if pinned, else the newest
    event's first day, never the clock."""
    if options.build_date is not None:
        return options.build_date
    if not timeline.events:
        return datetime(1970, 1, 1, tzinfo=UTC)
    newest = max(event.date.first_day for event in timeline.events)
    return datetime.combine(newest, time(), tzinfo=UTC)


def _date_object(value: PartialDate | None) -> dict | None:
    if value is None:
        return None
    return {"text": value.text, "precision": value.precision,
            "first_day": value.first_day.isoformat(), "last_day": value.last_day.isoformat()}


def _status_line(event: Event) -> str:
    """E.g. 'c. June 2026 (reported).' or '... (reported; retracted May 2026: why).'"""
    status = event.status
    if event.retraction:
        status += f"; retracted {event.retraction.date.display()}: {event.retraction.reason}"
    return f"{event.display_date} ({status})."


# -- JSON --------------------------------------------------------------------------------


def event_record(event: Event, options: SiteOptions) -> dict:
    """One event, normalised: dates with their precision, actors and tags resolved."""
    return {
        "id": event.id,
        "url": event_url(event, options),
        "title": event.title,
        "date": _date_object(event.date),
        "end": _date_object(event.end),
        "approximate": event.approximate,
        "display_date": event.display_date,
        "status": event.status,
        "summary": event.summary,
        "actors": [{"slug": actor.slug, "name": actor.name, "kind": actor.kind,
                    "url": site_url_of(options, urls.actor_page(actor.slug))}
                   for actor in event.actors],
        "tags": [{"slug": tag.slug, "name": tag.name,
                  "url": site_url_of(options, urls.tag_page(tag.slug))} for tag in event.tags],
        "sources": [{name: value for name in _SOURCE_FIELDS
                     if (value := getattr(source, name)) is not None}
                    for source in event.sources],
        "related": [{"event": link.event, "relation": link.relation} for link in event.related],
        "retracted": {"date": _date_object(event.retraction.date),
                      "reason": event.retraction.reason} if event.retraction else None,
        "duplicate_of": event.duplicate_of,
        "aliases": list(event.aliases),
        "path": f"{options.events_dir.strip('/')}/{event.path}",
    }


def events_json(timeline: Timeline, options: SiteOptions,
                text: SummaryText | None = None) -> str:
    """``api/events.json``: every event, oldest first, described by events.schema.json."""
    document: dict[str, object] = {
        "schema_version": API_SCHEMA_VERSION,
        "schema": file_url_of(options, urls.EVENTS_SCHEMA_JSON),
    }
    if options.license:
        document["license"] = {"id": options.license.spdx_id, "name": options.license.name,
                               "url": options.license.url}
    document["events"] = [event_record(event, options) for event in timeline.events]
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def timeline_index_json(timeline: Timeline, options: SiteOptions,
                text: SummaryText | None = None) -> str:
    """``api/timeline.json``: the compact index the timeline page filters in the browser.

    Page URLs are relative to the site root; the script resolves them against the page.
    """
    text = text or SummaryText()
    document = {
        "schema_version": API_SCHEMA_VERSION,
        "actors": {slug: actor.name for slug, actor in timeline.actors.items()},
        "tags": {slug: tag.name for slug, tag in timeline.tags.items()},
        "events": [{
            "id": event.id,
            "url": urls.page_url(urls.event_page(event.id), options.use_directory_urls),
            "title": event.title,
            "date": event.date.text,
            "display_date": event.display_date,
            "year": event.date.year,
            "month": event.date.month or 0,
            "status": event.status,
            "retracted": event.retraction is not None,
            "summary": text.plain(event.summary),
            "actors": [actor.slug for actor in event.actors],
            "tags": [tag.slug for tag in event.tags],
            "sources": len(event.sources),
        } for event in timeline.listed],
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


# -- CSV ---------------------------------------------------------------------------------


def spreadsheet_safe(value: str) -> str:
    """Neutralise text a spreadsheet would run as a formula (OWASP's CSV injection)."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def events_csv(timeline: Timeline, options: SiteOptions,
                text: SummaryText | None = None) -> str:
    """``api/events.csv``: one row per event, lists joined with "; "."""
    text = text or SummaryText()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for event in timeline.events:
        row = {
            "id": event.id,
            "date": event.date.text,
            "end": event.end.text if event.end else "",
            "precision": event.date.precision,
            "approximate": "yes" if event.approximate else "no",
            "status": event.status,
            "retracted": event.retraction.date.text if event.retraction else "",
            "duplicate_of": event.duplicate_of or "",
            "title": event.title,
            "summary": text.plain(event.summary, limit=10_000),
            "actors": _joined(actor.name for actor in event.actors),
            "tags": _joined(tag.name for tag in event.tags),
            "publishers": _joined(dict.fromkeys(s.publisher for s in event.sources
                                                if s.publisher)),
            "source_urls": _joined(s.url for s in event.sources if s.url),
            "url": event_url(event, options),
        }
        writer.writerow([spreadsheet_safe(row[column]) for column in CSV_COLUMNS])
    return buffer.getvalue()


def _joined(values: Iterable[str]) -> str:
    return "; ".join(values)


# -- Atom --------------------------------------------------------------------------------


def _feed_id(options: SiteOptions, src_uri: str, tag_name: str) -> str:
    """An Atom id: the page URL when absolute, else a stable tag: URI (RFC 4151)."""
    url = site_url_of(options, src_uri)
    return url if urlsplit(url).scheme else f"tag:ai-coding-timeline,2026:{tag_name}"


def atom_feed(timeline: Timeline, options: SiteOptions,
                text: SummaryText | None = None) -> str:
    """``feed.xml``: the newest events by date, as Atom (feedgen writes the XML)."""
    text = text or SummaryText()
    feed = FeedGenerator()
    feed.id(_feed_id(options, urls.HOME, "timeline"))
    feed.title(options.site_name)
    feed.subtitle("Sourced events of the AI coding race, newest first.")
    feed.language("en")
    feed.updated(build_timestamp(timeline, options))
    feed.generator("ai-coding-timeline")
    if options.license:
        feed.rights(f"{options.license.name}: {options.license.url}")
    home = site_url_of(options, urls.HOME) or "./"
    feed.link(href=home, rel="alternate")
    feed.link(href=file_url_of(options, urls.FEED), rel="self")
    # feedgen prepends each new entry, so add oldest first to get newest first.
    newest = sorted(timeline.listed, key=lambda e: e.sort_key,
                    reverse=True)[:FEED_LIMIT]
    for event in reversed(newest):
        entry = feed.add_entry()
        entry.id(_feed_id(options, urls.event_page(event.id), event.id))
        entry.title(event.title)
        entry.link(href=event_url(event, options), rel="alternate")
        written = datetime.combine(event.date.first_day, time(), tzinfo=UTC)
        entry.published(written)
        entry.updated(written)
        entry.summary(f"{_status_line(event)} {text.plain(event.summary)}")
        for actor in event.actors:
            entry.category(term=actor.slug, label=actor.name)
    return feed.atom_str(pretty=True).decode("utf-8")


# -- iCalendar ---------------------------------------------------------------------------


def calendar_span(event: Event) -> tuple[date, date]:
    """All-day span of an event: first day of its date to the day after its last day.

    A day is one all-day event; a month-only date spans the whole month and a year-only
    date the whole year, so a calendar shows the uncertainty instead of a made-up day.
    """
    last = (event.end or event.date).last_day
    return event.date.first_day, last + timedelta(days=1)


def icalendar_file(timeline: Timeline, options: SiteOptions,
                text: SummaryText | None = None) -> str:
    """``events.ics``: every event as an all-day, non-blocking VEVENT."""
    text = text or SummaryText()
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//ai-coding-timeline//timeline//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", options.site_name)
    shared = _SharedValues()
    stamp = build_timestamp(timeline, options)
    uid_host = urlsplit(options.site_url or "").hostname or "ai-coding-timeline"
    for event in timeline.listed:
        start, end = calendar_span(event)
        url = event_url(event, options)
        item = icalendar.Event()
        item.add("uid", f"{event.id}@{uid_host}")
        item.add("dtstamp", shared("dtstamp", stamp))
        item.add("dtstart", shared("dtstart", start))
        item.add("dtend", shared("dtend", end))
        item.add("summary", event.title)
        item.add("description", f"{_status_line(event)} "
                                f"{text.plain(event.summary, limit=10_000)}\n\n{url}")
        item.add("transp", shared("transp", "TRANSPARENT"))
        if event.retraction:
            item.add("status", shared("status", "CANCELLED"))
        item.add("categories", shared("categories", tuple(tag.name for tag in event.tags)
                                      or ("event",)))
        if urlsplit(url).scheme:
            item.add("url", url)
        calendar.add_component(item)
    return calendar.to_ical().decode("utf-8")


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


# Every data file the site publishes, by its path, in a stable order.
DATA_FILES: dict[str, Callable[[Timeline, SiteOptions, SummaryText | None], str]] = {
    urls.EVENTS_JSON: events_json,
    urls.EVENTS_SCHEMA_JSON: events_schema_json,
    urls.EVENTS_CSV: events_csv,
    urls.TIMELINE_INDEX_JSON: timeline_index_json,
    urls.FEED: atom_feed,
    urls.CALENDAR: icalendar_file,
}
