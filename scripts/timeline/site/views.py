"""What the templates receive: ready-made, immutable view objects.

Every value a template prints is here already: texts, counts and the links of the page
being rendered. Templates only lay them out; they never call back into Python.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from timeline.model.records import Actor, Outlet, Source, Tag


@dataclass(frozen=True)
class Link:
    """A name and where it leads, relative to the page it is on."""

    text: str
    href: str


@dataclass(frozen=True)
class BackLink:
    """"Back to the timeline": to the home page (which keeps the reader's filters) or to
    a year page, at the event's place when there is one."""

    text: str
    href: str
    to_home: bool


@dataclass(frozen=True)
class RetractionView:
    display_date: str
    reason: str


@dataclass(frozen=True)
class CorrectionView:
    display_date: str  # "20 October 2026"
    iso_date: str
    text: str


@dataclass(frozen=True)
class ChangeDates:
    """When the event was added to the timeline and last changed, as the page says it."""

    added: str | None  # "15 September 2026"; None when the history is unknown
    added_iso: str | None
    updated: str | None  # None when never changed since it was added
    updated_iso: str | None
    history_url: str | None  # the file's history on the repository


@dataclass(frozen=True)
class Citation:
    permalink: str
    text: str
    bibtex: str


@dataclass(frozen=True)
class FeedLinks:
    """An actor's or a tag's Atom feed and calendar, linked from its page."""

    name: str
    feed: str
    calendar: str


@dataclass(frozen=True)
class RecentChange:
    """One line of the home page's "Recently added and updated"."""

    link: Link
    what: str  # "Added", "Updated" or "Corrected"
    display_date: str
    iso_date: str


@dataclass(frozen=True)
class EventView:
    """An event as every page shows it, the same on every page."""

    id: str
    title: str
    date_text: str  # as written: the <time datetime> value
    display_date: str
    year: int
    status: str
    approximate: bool
    retraction: RetractionView | None
    summary_line: str  # one plain line, cut, for listings
    actor_slugs: tuple[str, ...]
    tag_slugs: tuple[str, ...]
    source_count: int
    corrected: CorrectionView | None = None  # the latest correction, marked in listings
    lede: str = ""  # the sentence a row shows: the event's lede or its summary's first
    reported_by: str = ""  # "The Decoder, Bloomberg + 2 more"
    key: bool = False  # a key development
    row_date: str = ""  # what a row under its month's heading adds: "12 June", "c.", ""
    meta: Markup | None = None  # date, status and retraction badges, rendered once
    row_meta: Markup | None = None  # the same with row_date, for rows under a month heading


@dataclass(frozen=True)
class EntryView:
    """An event's full entry in a listing: its links are relative to that listing."""

    event: EventView
    href: str
    actors: tuple[Link, ...]
    tags: tuple[Link, ...]


@dataclass(frozen=True)
class ListingView:
    """The events of an actor, tag or outlet page: full entries, or for a long list one
    pre-rendered line per event."""

    compact: bool
    count: int
    entries: tuple[EntryView, ...] = ()
    lines: tuple[Markup, ...] = ()
    common_status: str | None = None  # the status every event listed shares, if one


@dataclass(frozen=True)
class MonthGroup:
    """One month of a timeline page: its items (entries, or lines on compact pages),
    each with the gap to the next-older event in words, or ''."""

    month: int | None
    items: tuple[tuple[EntryView | Markup, str], ...]


@dataclass(frozen=True)
class YearGroup:
    year: int
    months: tuple[MonthGroup, ...]


@dataclass(frozen=True)
class Facet:
    """One filter of the timeline page: its URL parameter and its ``(value, label, count)``."""

    name: str
    title: str
    values: list[tuple[str, str, int]]


@dataclass(frozen=True)
class FilterLinks:
    """What the timeline page's script reads: the index file and the link patterns, with
    a placeholder for the id or slug."""

    index: str
    event: str
    actor: str
    tag: str


@dataclass(frozen=True)
class OverviewMonth:
    """One month of the time axis; a month without events is a gap (count 0, no link)."""

    year: int
    month: int
    count: int
    href: str
    anchor: str  # "2026-06": the month's heading on the page, and its data-month
    name: str  # "June 2026"
    short: str  # "Jun"


@dataclass(frozen=True)
class OverviewYear:
    year: int
    months: tuple[OverviewMonth, ...]  # newest first, as the list


@dataclass(frozen=True)
class Overview:
    """The time axis: every month from the first event to the last, by year, newest
    first like the list below it."""

    years: tuple[OverviewYear, ...]
    most: int  # the busiest month's count: the bars' full height
    year_only: int  # events dated only to a year, which have no month on the axis


@dataclass(frozen=True)
class KeyDevelopment:
    """One line of the home page's "Key developments": the date, one line, the link."""

    link: Link
    display_date: str
    date_text: str
    lede: str


@dataclass(frozen=True)
class TimelinePageView:
    """The home page or a year page."""

    home: bool
    year: int | None
    groups: tuple[YearGroup, ...]
    compact: bool
    shown: int
    total: int
    years: tuple[tuple[Link, int], ...]
    facets: tuple[Facet, ...] = ()
    filter_links: FilterLinks | None = None
    overview: Overview | None = None
    recent: tuple[RecentChange, ...] = ()
    common_status: str | None = None  # the status every event shown shares, if one
    key: tuple[KeyDevelopment, ...] = ()  # the home page's "Key developments"
    back: BackLink | None = None  # a year page's link to the whole timeline


@dataclass(frozen=True)
class SourceView:
    cited: Source
    outlet_href: str | None  # the publisher's outlet page
    via_href: str | None = None  # the page of the outlet whose reporting it relays


@dataclass(frozen=True)
class RelatedView:
    relation: str  # in words: "followed by"
    link: Link
    display_date: str


@dataclass(frozen=True)
class EventPageView:
    event: EventView
    summary: Markup
    actors: tuple[Link, ...]
    tags: tuple[Link, ...]
    sources: tuple[SourceView, ...]
    related: tuple[RelatedView, ...]
    duplicate: Link | None
    duplicate_date: str | None
    previous: Link | None
    following: Link | None
    edit_url: str | None
    format_guide: str
    corrections: tuple[CorrectionView, ...] = ()
    dates: ChangeDates | None = None
    back: BackLink | None = None  # at the event's place in the timeline
    report_url: str | None = None
    citation: Citation | None = None


@dataclass(frozen=True)
class SubjectPageView:
    """An actor's, a tag's or an outlet's page."""

    subject: Actor | Tag | Outlet
    listing: ListingView
    on_timeline: str  # the timeline filtered to the subject ('' for outlets)
    follow: FeedLinks | None = None  # actors and tags only
    back: BackLink | None = None


@dataclass(frozen=True)
class IndexEntry:
    link: Link
    count: int
    note: str = ""


@dataclass(frozen=True)
class FieldRow:
    """One field of a schema, as the format reference lists it."""

    name: str
    required: bool
    type_words: str
    description: str
