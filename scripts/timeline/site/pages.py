"""The site's pages: views (site/views.py) laid out by the Jinja templates.

Everything here is pure: a Timeline and SiteOptions in, ``(src_uri, text)`` out. Each page
is a Markdown file whose front matter is written by a YAML library and whose body is HTML
from the templates (the format reference alone is Markdown). Templates receive ready-made
views and never call back into Python.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from functools import cached_property
from itertools import groupby, pairwise

import jinja2
import yaml
from markupsafe import Markup

from timeline.format.diagnostics import RULES
from timeline.format.schema import load_schema
from timeline.format.summary import SummaryText
from timeline.format.vocabulary import ACTOR_KINDS, STATUSES
from timeline.model.dates import MONTHS, display_day, gap_in_words
from timeline.model.records import Correction, Event, Outlet, Source, Timeline
from timeline.site import urls
from timeline.site.citation import bibtex_entry, citation_text
from timeline.site.options import SiteOptions
from timeline.site.rows import common_status, reported_by, row_date
from timeline.site.urls import Links
from timeline.site.views import (
    BackLink,
    ChangeDates,
    Citation,
    CorrectionView,
    EntryView,
    EventPageView,
    EventView,
    Facet,
    FeedLinks,
    FieldRow,
    FilterLinks,
    IndexEntry,
    KeyDevelopment,
    Link,
    ListingView,
    MonthGroup,
    Overview,
    OverviewMonth,
    OverviewYear,
    RecentChange,
    RelatedView,
    RetractionView,
    SourceView,
    SubjectPageView,
    TimelinePageView,
    YearGroup,
)

# The headings of the actors index, one per kind of the format (format/vocabulary.py); a
# kind added to the schema without a heading here gets its name as a heading.
KIND_TITLES = {"person": "People", "organization": "Organizations", "product": "Products"}
# Listings longer than this show one line per event instead of full entries.
FULL_LISTING_LIMIT = 20
# The theme's navigation sidebar beside the timeline's pages would list one page (their
# section's); without it the page is wider, and the theme's menu still has the whole nav.
ONE_PAGE_SECTION = ["navigation"]
# Lines of the home page's "Recently added and updated".
RECENT_LIMIT = 5


def schema_type(spec: dict) -> str:
    """A JSON Schema property's type in words, for the format reference."""
    if "enum" in spec:
        return "one of " + ", ".join(f"`{value}`" for value in spec["enum"])
    words = {"string": "text", "integer": "year number", "boolean": "true / false",
             "object": "mapping", "array": "list"}
    types = spec.get("type", [])
    text = " or ".join(words[t] for t in ([types] if isinstance(types, str) else types))
    if "$ref" in spec.get("items", {}):
        text += {"source": " of sources", "related": " of links to events"}.get(
            spec["items"]["$ref"].rsplit("/", 1)[-1], "")
    elif spec.get("items", {}).get("pattern"):
        text += " of slugs"
    elif spec.get("items", {}).get("type") == "object":
        text += " of mappings (fields below)"
    if spec.get("minLength", 0) > 1:
        text += f", at least {spec['minLength']}"
    if "maxLength" in spec:
        text += f"{' and' if spec.get('minLength', 0) > 1 else ','} at most " \
                f"{spec['maxLength']} characters"
    if "pattern" in spec and spec.get("x-code") == "EVT020":
        text += " (YYYY, YYYY-MM or YYYY-MM-DD)" if "integer" in types else " (YYYY-MM-DD)"
    return text


def field_rows(schema: dict) -> tuple[FieldRow, ...]:
    """A schema's properties as the rows of the format reference's table."""
    required = schema.get("required", [])
    return tuple(FieldRow(name, name in required, schema_type(spec),
                          spec.get("description", ""))
                 for name, spec in schema["properties"].items())


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_YAML_TAG = "tag:yaml.org,2002:"


def front_matter(**meta: object) -> Markup:
    """YAML front matter written by a YAML library, never by string pasting."""
    meta = {key: value for key, value in meta.items() if value is not None}
    dumped = yaml.serialize(_yaml_node(meta), Dumper=_Dumper, allow_unicode=True, width=1000)
    return Markup(f"---\n{dumped}---\n")


def _yaml_node(value: object) -> yaml.Node:
    """The node ``yaml.dump(value, sort_keys=False)`` represents ``value`` as (block style;
    front matter never repeats a list or mapping, so no anchors), built directly: PyYAML's
    generic representer was a tenth of the render time at 10,000 events. The emitter
    still decides every quote and escape."""
    if isinstance(value, str):
        return yaml.ScalarNode(_YAML_TAG + "str", value)
    if isinstance(value, bool):
        return yaml.ScalarNode(_YAML_TAG + "bool", "true" if value else "false")
    if isinstance(value, int):
        return yaml.ScalarNode(_YAML_TAG + "int", str(value))
    if isinstance(value, list):
        return yaml.SequenceNode(_YAML_TAG + "seq", [_yaml_node(item) for item in value],
                                 flow_style=False)
    if isinstance(value, dict):
        return yaml.MappingNode(_YAML_TAG + "map", [(_yaml_node(key), _yaml_node(item))
                                                    for key, item in value.items()],
                                flow_style=False)
    raise TypeError(f"front matter cannot hold {type(value).__name__}")


def template_environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("timeline.site", "templates"),
        autoescape=True, trim_blocks=True, lstrip_blocks=True,
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
        # The templates cannot change during a build: no file check per page render.
        auto_reload=False)


class SitePages:
    """The pages of one Timeline; cheap per page, so it scales to many events.

    Made once per build: what it remembers (views, rendered lines, converted summaries,
    page addresses) goes with it.
    """

    def __init__(self, timeline: Timeline, options: SiteOptions,
                 text: SummaryText | None = None, links: Links | None = None):
        self.timeline = timeline
        self.options = options
        self.text = text or SummaryText()
        self.links = links or Links(options.use_directory_urls, options.site_url)
        self.env = template_environment()
        self.env.globals["month_names"] = MONTHS
        self.macros = self.env.get_template("_macros.html.j2").module
        self._views: dict[str, EventView] = {}
        self._lines: dict[tuple[str, str], Markup] = {}
        # Each page's front matter as data, by its path: the MkDocs plugin hands it to
        # MkDocs as it is, so MkDocs need not parse the YAML back (site/files.py).
        self.page_meta: dict[str, dict] = {}

    def front_matter(self, src: str, **meta: object) -> Markup:
        """The page's front matter, kept as data for ``page_meta`` too."""
        meta = {key: value for key, value in meta.items() if value is not None}
        self.page_meta[src] = meta
        return front_matter(**meta)

    # -- the pages ----------------------------------------------------------------------

    def pages(self) -> Iterator[tuple[str, str]]:
        """Every generated page as ``(src_uri, markdown)``, in a stable order."""
        yield urls.HOME, self.timeline_page(urls.HOME, self.home_events(), home=True)
        for year, events in self.events_by_year.items():
            src = urls.year_page(year)
            yield src, self.timeline_page(src, events, year=year)
        for event in self.timeline.events:
            yield urls.event_page(event.id), self.event_page(event)
        yield urls.ACTORS_INDEX, self.actors_index()
        for actor in self.timeline.actors.values():
            src = urls.actor_page(actor.slug)
            yield src, self.subject_page("actor.md.j2", src, actor,
                                         self.actor_events(actor.slug),
                                         filter_query=f"?actor={actor.slug}",
                                         feeds=(urls.actor_feed(actor.slug),
                                                urls.actor_calendar(actor.slug)))
        yield urls.TAGS_INDEX, self.tags_index()
        for tag in self.timeline.tags.values():
            src = urls.tag_page(tag.slug)
            yield src, self.subject_page("tag.md.j2", src, tag, self.tag_events(tag.slug),
                                         filter_query=f"?tag={tag.slug}",
                                         feeds=(urls.tag_feed(tag.slug),
                                                urls.tag_calendar(tag.slug)))
        yield urls.OUTLETS_INDEX, self.outlets_index()
        for outlet in self.timeline.outlets.values():
            src = urls.outlet_page(outlet.slug)
            yield src, self.subject_page("outlet.md.j2", src, outlet,
                                         self.outlet_events(outlet.slug))
        yield urls.REFERENCE, self.reference_page()

    def redirects(self) -> Iterator[tuple[str, str]]:
        """A page at each former id of a renamed event, sending readers on to its page."""
        for event in self.timeline.events:
            for alias in event.aliases:
                yield (urls.redirect_file(alias, self.options.use_directory_urls),
                       self.redirect_page(alias, event))

    def redirect_page(self, alias: str, event: Event) -> str:
        target = self.links.link(urls.event_page(alias), urls.event_page(event.id))
        canonical = self.links.absolute(urls.event_page(event.id)) \
            if self.options.site_url else target
        return self.env.get_template("redirect.html.j2").render(
            title=event.title, target=target, canonical=canonical)

    # -- views ---------------------------------------------------------------------------

    def view(self, event: Event) -> EventView:
        """The event as every page shows it, made once."""
        view = self._views.get(event.id)
        if view is None:
            retraction = RetractionView(event.retraction.date.display(),
                                        event.retraction.reason) if event.retraction else None
            view = EventView(
                id=event.id, title=event.title, date_text=event.date.text,
                display_date=event.display_date, year=event.date.year, status=event.status,
                approximate=event.approximate, retraction=retraction,
                summary_line=self.text.plain(event.summary),
                actor_slugs=tuple(actor.slug for actor in event.actors),
                tag_slugs=tuple(tag.slug for tag in event.tags),
                source_count=len(event.sources),
                corrected=correction_view(event.corrections[-1]) if event.corrections
                else None,
                lede=self.text.lede(event), reported_by=reported_by(event),
                key=event.key, row_date=row_date(event))
            view = self._views[event.id] = replace(
                view, meta=self.macros.event_meta(view, view.display_date),
                row_meta=self.macros.event_meta(view, view.row_date))
        return view

    def entry(self, event: Event, page_src: str) -> EntryView:
        """An event's full entry in a listing on ``page_src``."""
        return EntryView(
            event=self.view(event),
            href=self.links.link(page_src, urls.event_page(event.id)),
            actors=self.actor_links(event, page_src), tags=self.tag_links(event, page_src))

    def line(self, event: Event, page_src: str) -> Markup:
        """An event's line in a long listing. It links only to the event's page, and that
        link is the same from every year, actor, tag and outlet page, so each line is
        rendered once per link rather than once per listing."""
        href = self.links.link(page_src, urls.event_page(event.id))
        line = self._lines.get((event.id, href))
        if line is None:
            line = self._lines[event.id, href] = self.macros.compact_entry(
                self.view(event), href)
        return line

    def listing(self, events: list[Event], page_src: str) -> ListingView:
        if len(events) > FULL_LISTING_LIMIT:
            return ListingView(True, len(events),
                               lines=tuple(self.line(event, page_src) for event in events),
                               common_status=common_status(events))
        return ListingView(False, len(events),
                           entries=tuple(self.entry(event, page_src) for event in events),
                           common_status=common_status(events))

    def actor_links(self, event: Event, page_src: str) -> tuple[Link, ...]:
        return tuple(Link(actor.name, self.links.link(page_src, urls.actor_page(actor.slug)))
                     for actor in event.actors)

    def tag_links(self, event: Event, page_src: str) -> tuple[Link, ...]:
        return tuple(Link(tag.name, self.links.link(page_src, urls.tag_page(tag.slug)))
                     for tag in event.tags)

    def event_link(self, event: Event, page_src: str) -> Link:
        return Link(event.title, self.links.link(page_src, urls.event_page(event.id)))

    # -- which events ------------------------------------------------------------------

    @property
    def listed(self) -> tuple[Event, ...]:
        return self.timeline.listed

    @staticmethod
    def listed_only(events: list[Event]) -> list[Event]:
        return [event for event in events if not event.duplicate_of]

    def actor_events(self, slug: str) -> list[Event]:
        return self.listed_only(self.timeline.events_with_actor(slug))

    def tag_events(self, slug: str) -> list[Event]:
        return self.listed_only(self.timeline.events_with_tag(slug))

    def outlet_events(self, slug: str) -> list[Event]:
        return self.listed_only(self.timeline.events_citing(slug))

    @cached_property
    def newest_first(self) -> tuple[Event, ...]:
        return tuple(reversed(self.listed))

    def home_events(self) -> tuple[Event, ...]:
        return self.newest_first[: self.options.home_limit]

    @cached_property
    def events_by_year(self) -> dict[int, list[Event]]:
        return {year: list(events)
                for year, events in groupby(self.newest_first, key=lambda e: e.date.year)}

    # -- the timeline ------------------------------------------------------------------

    def timeline_page(self, src: str, events: tuple[Event, ...] | list[Event], *,
                      home: bool = False, year: int | None = None) -> str:
        compact = not home and len(events) > FULL_LISTING_LIMIT
        gaps = self.gaps(events)
        groups = []
        for event_year, in_year in groupby(events, key=lambda e: e.date.year):
            months = tuple(
                MonthGroup(month, tuple(
                    (self.line(event, src) if compact else self.entry(event, src),
                     gaps.get(event.id, "")) for event in in_month))
                for month, in_month in groupby(in_year, key=lambda e: e.date.month))
            groups.append(YearGroup(event_year, months))
        page = TimelinePageView(
            home=home, year=year, groups=tuple(groups), compact=compact,
            shown=len(events), total=len(self.listed),
            years=tuple((Link(str(y), self.links.link(src, urls.year_page(y))), len(e))
                        for y, e in self.events_by_year.items()),
            facets=tuple(self.facets()) if home else (),
            filter_links=self.filter_links(src) if home else None,
            overview=self.overview(src, self.listed if home else events,
                                   {e.id for e in events}),
            recent=self.recent_changes(src) if home else (),
            common_status=common_status(events),
            key=self.key_developments(src) if home else (),
            back=None if home else self.back_to_timeline(src))
        return self.env.get_template("timeline.md.j2").render(
            front_matter=self.front_matter(
                src,
                title=None if home else str(year),
                description=self.timeline_description(events, home, year),
                hide=ONE_PAGE_SECTION),
            page=page, lede=self.options.lede)

    def timeline_description(self, events, home: bool, year: int | None) -> str:
        """What a shared link of a timeline page previews: how many events, from when."""
        count = f"{len(self.listed if home else events)} event" \
                f"{'s' if len(self.listed if home else events) != 1 else ''}"
        if home:
            span = f", {self.listed[0].date.display()} to {self.listed[-1].date.display()}" \
                if self.listed else ""
            return f"{self.options.lede}: {count}{span}, each with its sources."
        return f"{count} of {year} in {self.options.site_name}, newest first."

    def key_developments(self, src: str) -> tuple[KeyDevelopment, ...]:
        """The events marked key, newest first: the home page opens with them."""
        return tuple(KeyDevelopment(self.event_link(event, src), event.display_date,
                                    event.date.text, self.text.lede(event))
                     for event in self.newest_first if event.key)

    def back_to_timeline(self, src: str, event: Event | None = None) -> BackLink:
        """The timeline, at the event's place in it when given: on the home page when it
        is among the latest, else on its year page."""
        if event is None or event.duplicate_of:
            return BackLink("Back to the timeline", self.links.link(src, urls.HOME), True)
        on_home = event.id in self.home_ids
        page = urls.HOME if on_home else urls.year_page(event.date.year)
        return BackLink("Back to the timeline", f"{self.links.link(src, page)}#{event.id}",
                        on_home)

    @cached_property
    def home_ids(self) -> frozenset[str]:
        return frozenset(event.id for event in self.home_events())

    def recent_changes(self, src: str) -> tuple[RecentChange, ...]:
        """The events added, updated or corrected last, newest first: known only from
        the repository's history and from corrections."""
        known = [event for event in self.listed if event.last_changed]
        latest = sorted(known, key=lambda e: (e.last_changed, e.sort_key),
                        reverse=True)[:RECENT_LIMIT]
        return tuple(RecentChange(self.event_link(event, src), what_changed(event),
                                  display_day(event.last_changed),
                                  event.last_changed.isoformat())
                     for event in latest)

    def head_feeds(self, subject: FeedLinks | None = None,
                   subject_paths: tuple[str, str] | None = None) -> list[dict[str, str]]:
        """The feeds an actor's or a tag's page names in its head: the site's, then its
        own (docs/overrides/main.html reads them from the front matter; other pages name
        the site's feeds without it)."""
        feeds = [{"title": f"{self.options.feed_name} (Atom)", "type": "application/atom+xml",
                  "path": urls.FEED},
                 {"title": f"{self.options.feed_name} (iCalendar)", "type": "text/calendar",
                  "path": urls.CALENDAR}]
        if subject and subject_paths:
            feed, calendar = subject_paths
            feeds += [{"title": f"{subject.name} (Atom)", "type": "application/atom+xml",
                       "path": feed},
                      {"title": f"{subject.name} (iCalendar)", "type": "text/calendar",
                       "path": calendar}]
        return feeds

    def filter_links(self, src: str) -> FilterLinks:
        slug = urls.SLUG_PLACEHOLDER
        return FilterLinks(index=self.links.file_link(src, urls.TIMELINE_INDEX_JSON),
                           event=self.links.link(src, urls.event_page(slug)),
                           actor=self.links.link(src, urls.actor_page(slug)),
                           tag=self.links.link(src, urls.tag_page(slug)))

    def facets(self) -> list[Facet]:
        """The filters of the timeline page, each value with its number of events, sorted
        by name. A facet that cannot narrow the list (every event has its one value) is
        left out."""
        events = self.listed
        actor_counts = {slug: len(self.actor_events(slug))
                        for slug in self.timeline.actors}
        tag_counts = {slug: len(self.tag_events(slug))
                      for slug in self.timeline.tags}
        status_counts = {status: sum(e.status == status for e in events) for status in STATUSES}
        # A retraction is not a status, but readers filter by it like one.
        status_counts["retracted"] = sum(e.retraction is not None for e in events)
        facets = [
            Facet("actor", "Actor", by_name([
                (slug, self.timeline.actors[slug].name, count)
                for slug, count in actor_counts.items() if count])),
            Facet("tag", "Tag", by_name([
                (slug, self.timeline.tags[slug].name, count)
                for slug, count in tag_counts.items() if count])),
            Facet("status", "Status", [(status, status, count)
                                       for status, count in status_counts.items() if count]),
            Facet("year", "Year", [(str(year), str(year), len(in_year))
                                   for year, in_year in self.events_by_year.items()]),
        ]
        return [facet for facet in facets if narrows(facet, len(events))]

    def overview(self, src: str, events: tuple[Event, ...] | list[Event],
                 shown_ids: set[str]) -> Overview:
        """The time axis of ``events``: every month from the first to the last, empty
        months included, so the distance between events shows. A month whose events are
        not on this page links to its year page."""
        counts: dict[tuple[int, int], int] = {}
        on_page: set[tuple[int, int]] = set()
        year_only = 0
        for event in events:
            if event.date.month is None:
                year_only += 1
                continue
            key = (event.date.year, event.date.month)
            counts[key] = counts.get(key, 0) + 1
            if event.id in shown_ids:
                on_page.add(key)
        months: list[OverviewMonth] = []
        if counts:
            (year, month), first = max(counts), min(counts)
            while (year, month) >= first:
                anchor = f"{year}-{month:02d}"
                page = "" if (year, month) in on_page \
                    else self.links.link(src, urls.year_page(year))
                months.append(OverviewMonth(year, month, counts.get((year, month), 0),
                                            f"{page}#{anchor}", anchor,
                                            f"{MONTHS[month]} {year}", MONTHS[month][:3]))
                year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        years = tuple(OverviewYear(year, tuple(in_year))
                      for year, in_year in groupby(months, key=lambda m: m.year))
        return Overview(years, max(counts.values(), default=0), year_only)

    @staticmethod
    def gaps(events: tuple[Event, ...] | list[Event]) -> dict[str, str]:
        """Gap words after each event (newest first) whose next-older event is far away."""
        gaps = {}
        for newer, older in pairwise(events):
            words = gap_in_words(older.end or older.date, newer.date,
                                 older.approximate or newer.approximate)
            if words:
                gaps[newer.id] = words
        return gaps

    # -- one event -----------------------------------------------------------------------

    def event_page(self, event: Event) -> str:
        src = urls.event_page(event.id)
        previous, following = self.timeline.neighbours(event)
        duplicate = self.timeline.by_id.get(event.duplicate_of) if event.duplicate_of else None
        repository = self.options.repository
        permalink = self.links.absolute(src)
        page = EventPageView(
            event=self.view(event), summary=self.text.html(event.summary),
            actors=self.actor_links(event, src), tags=self.tag_links(event, src),
            sources=tuple(self.source_view(source, src) for source in event.sources),
            related=tuple(RelatedView(link.relation.replace("-", " "),
                                      self.event_link(other, src), other.display_date)
                          for link in event.related
                          if (other := self.timeline.by_id.get(link.event))),
            duplicate=self.event_link(duplicate, src) if duplicate else None,
            duplicate_date=duplicate.display_date if duplicate else None,
            previous=self.event_link(previous, src) if previous else None,
            following=self.event_link(following, src) if following else None,
            edit_url=repository.edit_url(event) if repository else None,
            format_guide=self.links.link(src, urls.FORMAT_GUIDE),
            corrections=tuple(correction_view(c) for c in event.corrections),
            dates=self.change_dates(event),
            report_url=repository.report_url(event, permalink) if repository else None,
            citation=Citation(permalink, citation_text(event, self.options.site_name,
                                                       permalink),
                              bibtex_entry(event, self.options.site_name, permalink))
            if self.options.site_url else None,
            back=self.back_to_timeline(src, event))
        return self.env.get_template("event.md.j2").render(
            front_matter=self.front_matter(
                src,
                title=html.escape(event.title),
                description=html.escape(event_description(event, self.text.lede(event))),
                hide=ONE_PAGE_SECTION,
            ),
            page=page)

    def source_view(self, source: Source, src: str) -> SourceView:
        def outlet_link(slug: str | None) -> str | None:
            return self.links.link(src, urls.outlet_page(slug)) if slug else None
        return SourceView(source, outlet_link(source.outlet_slug), outlet_link(source.via_slug))

    def change_dates(self, event: Event) -> ChangeDates | None:
        if not event.added:
            return None
        repository = self.options.repository
        changed = event.updated if event.updated and event.updated != event.added else None
        return ChangeDates(
            added=display_day(event.added), added_iso=event.added.isoformat(),
            updated=display_day(changed) if changed else None,
            updated_iso=changed.isoformat() if changed else None,
            history_url=repository.history_url(event) if repository else None)

    # -- listings ------------------------------------------------------------------------

    def subject_page(self, template: str, src: str, subject, events: list[Event],
                     filter_query: str = "", feeds: tuple[str, str] | None = None) -> str:
        """An actor's, a tag's or an outlet's page; ``feeds``: its Atom feed and calendar."""
        on_timeline = self.links.link(src, urls.HOME) + filter_query if filter_query else ""
        follow = FeedLinks(subject.name, self.links.file_link(src, feeds[0]),
                           self.links.file_link(src, feeds[1])) if feeds else None
        page = SubjectPageView(subject, self.listing(events[::-1], src), on_timeline, follow,
                               self.back_to_timeline(src))
        return self.env.get_template(template).render(
            front_matter=self.front_matter(src, title=html.escape(subject.name),
                                      description=html.escape(
                                          self.subject_description(subject, events)),
                                      hide=ONE_PAGE_SECTION,
                                      feeds=self.head_feeds(follow, feeds)),
            page=page)

    def subject_description(self, subject, events: list[Event]) -> str:
        """What a shared link of an actor's, a tag's or an outlet's page previews."""
        count = f"{len(events)} event{'s' if len(events) != 1 else ''}"
        about = None if isinstance(subject, Outlet) else subject.description
        return f"{subject.name}: {count} in {self.options.site_name}" + \
            (f". {about}" if about else ".")

    def actors_index(self) -> str:
        src = urls.ACTORS_INDEX
        groups = [(kind, title, [
            IndexEntry(Link(actor.name, self.links.link(src, urls.actor_page(actor.slug))),
                       len(self.actor_events(actor.slug)), actor.description or "")
            for actor in self.timeline.actors.values() if actor.kind == kind])
            for kind, title in ((kind, KIND_TITLES.get(kind, kind.capitalize()))
                                for kind in ACTOR_KINDS)]
        return self.env.get_template("actors.md.j2").render(
            front_matter=self.front_matter(src, title="Actors",
                                           hide=ONE_PAGE_SECTION),
            groups=groups)

    def tags_index(self) -> str:
        src = urls.TAGS_INDEX
        entries = [IndexEntry(Link(tag.name, self.links.link(src, urls.tag_page(tag.slug))),
                              len(self.tag_events(tag.slug)), tag.description)
                   for tag in self.timeline.tags.values()]
        return self.env.get_template("tags.md.j2").render(
            front_matter=self.front_matter(src, title="Tags",
                                           hide=ONE_PAGE_SECTION),
            entries=entries)

    def outlets_index(self) -> str:
        src = urls.OUTLETS_INDEX
        entries = [IndexEntry(Link(outlet.name,
                                   self.links.link(src, urls.outlet_page(outlet.slug))),
                              len(self.outlet_events(outlet.slug)))
                   for outlet in self.timeline.outlets.values()]
        return self.env.get_template("outlets.md.j2").render(
            front_matter=self.front_matter(src, title="Outlets",
                                           hide=ONE_PAGE_SECTION),
            entries=entries)

    def reference_page(self) -> str:
        schema, actors, tags = load_schema("event"), load_schema("actors"), load_schema("tags")
        return self.env.get_template("reference.md.j2").render(
            front_matter=self.front_matter(urls.REFERENCE, title="Format reference"),
            event_description=schema["description"], event_fields=field_rows(schema),
            source_fields=field_rows(schema["$defs"]["source"]),
            related_fields=field_rows(schema["$defs"]["related"]),
            retraction_fields=field_rows(schema["properties"]["retracted"]),
            correction_fields=field_rows(schema["properties"]["corrections"]["items"]),
            actors_description=actors["description"],
            actor_fields=field_rows(actors["additionalProperties"]),
            tags_description=tags["description"],
            tag_fields=field_rows(tags["additionalProperties"]),
            rules=list(RULES.values()))


def event_description(event: Event, lede: str) -> str:
    """What a shared link of an event page previews: its date and status, then its lede."""
    status = "retracted" if event.retraction else event.status
    return f"{event.display_date} · {status.capitalize()}. {lede}"


def by_name(values: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """Facet values in the order readers look for them: by name, ignoring case and
    accents ("Élodie" with the Es)."""
    return sorted(values, key=lambda value: (folded(value[1]), value[0]))


def folded(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def narrows(facet: Facet, events: int) -> bool:
    """Whether choosing a value of the facet can leave out some event."""
    return len(facet.values) > 1 or any(count < events for _, _, count in facet.values)


def correction_view(correction: Correction) -> CorrectionView:
    return CorrectionView(display_day(correction.date), correction.date.isoformat(),
                          correction.text)


def what_changed(event: Event) -> str:
    """How an event last changed, in a word, for "Recently added and updated"."""
    if event.corrections and event.corrections[-1].date == event.last_changed:
        return "Corrected"
    if event.updated and event.updated != event.added and event.updated == event.last_changed:
        return "Updated"
    return "Added"


def build_errors_banner(errors: list[str], has_last_good: bool) -> str:
    """The notice `mkdocs serve` puts on every page while the events are invalid."""
    return template_environment().get_template("build_errors.html.j2").render(
        errors=errors, has_last_good=has_last_good)


def render_pages(timeline: Timeline, options: SiteOptions) -> dict[str, str]:
    """All generated pages, ``{src_uri: markdown}``, and the redirects of renamed events
    (plain HTML files)."""
    site = SitePages(timeline, options)
    return {**dict(site.pages()), **dict(site.redirects())}
