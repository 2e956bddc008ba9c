"""The timeline as data for other programs: JSON and CSV, and the feeds (site/feeds.py).

Every output is written by a library made for its format (json, csv), never by pasting
strings, and is deterministic: no "now" anywhere. Dates come from the events and from the
commits that added and changed them, so two builds of the same commit are byte-identical.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields
from datetime import date

from timeline.format.schema import load_schema
from timeline.format.summary import SummaryText
from timeline.model.dates import PartialDate
from timeline.model.records import Event, Source, Timeline
from timeline.site import urls
from timeline.site.feeds import Feeds
from timeline.site.options import SiteOptions
from timeline.site.rows import row_date

API_SCHEMA_VERSION = 1
# Raised when fields are added that readers may ignore (1: added, updated, corrections;
# 2: key, lede).
API_SCHEMA_MINOR = 2
# Cells a spreadsheet would read as a formula (CSV injection); such cells get a leading '.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = ("id", "date", "end", "precision", "approximate", "status", "retracted",
               "duplicate_of", "title", "summary", "actors", "tags", "publishers",
               "source_urls", "url", "added", "updated", "corrections", "key", "lede")
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
    yield from Feeds(timeline, options, text).files()


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


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _date_object(value: PartialDate | None) -> dict | None:
    if value is None:
        return None
    return {"text": value.text, "precision": value.precision,
            "first_day": value.first_day.isoformat(), "last_day": value.last_day.isoformat()}


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
        "added": _iso(event.added),
        "updated": _iso(event.updated),
        "corrections": [{"date": correction.date.isoformat(), "text": correction.text}
                        for correction in event.corrections],
        "key": event.key,
        "lede": event.lede,
    }


def events_json(timeline: Timeline, options: SiteOptions,
                text: SummaryText | None = None) -> str:
    """``api/events.json``: every event, oldest first, described by events.schema.json."""
    document: dict[str, object] = {
        "schema_version": API_SCHEMA_VERSION,
        "schema_minor": API_SCHEMA_MINOR,
        "schema": file_url_of(options, urls.EVENTS_SCHEMA_JSON),
    }
    if options.license:
        document["license"] = {"id": options.license.spdx_id, "name": options.license.name,
                               "url": options.license.url}
    document["events"] = [event_record(event, options) for event in timeline.events]
    # Compact: with an indent, json falls back from its C encoder to Python, which took
    # three times as long at 10,000 events; readers and tools pretty-print it themselves.
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


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
            "corrected": bool(event.corrections),
            "lede": text.lede(event),
            "row_date": row_date(event),
            "key": event.key,
            "actors": [actor.slug for actor in event.actors],
            "tags": [tag.slug for tag in event.tags],
            "publishers": publishers_of(event),
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
            "publishers": _joined(publishers_of(event)),
            "source_urls": _joined(s.url for s in event.sources if s.url),
            "url": event_url(event, options),
            "added": _iso(event.added) or "",
            "updated": _iso(event.updated) or "",
            "corrections": _joined(f"{c.date.isoformat()}: {c.text}"
                                   for c in event.corrections),
            "key": "yes" if event.key else "no",
            "lede": event.lede or "",
        }
        writer.writerow([spreadsheet_safe(row[column]) for column in CSV_COLUMNS])
    return buffer.getvalue()


def publishers_of(event: Event) -> list[str]:
    """The distinct publishers of an event's sources, in the order they are cited."""
    return list(dict.fromkeys(source.publisher for source in event.sources
                              if source.publisher))


def _joined(values: Iterable[str]) -> str:
    return "; ".join(values)


# Every data file the site publishes, by its path, in a stable order.
DATA_FILES: dict[str, Callable[[Timeline, SiteOptions, SummaryText | None], str]] = {
    urls.EVENTS_JSON: events_json,
    urls.EVENTS_SCHEMA_JSON: events_schema_json,
    urls.EVENTS_CSV: events_csv,
    urls.TIMELINE_INDEX_JSON: timeline_index_json,
}
