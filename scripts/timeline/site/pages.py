"""Render the Timeline into Markdown pages (front matter + HTML from Jinja templates).

Everything here is pure: a Timeline and SiteOptions in, ``{src_uri: text}`` out. The MkDocs
plugin hands these pages to MkDocs in memory; ``timeline generate`` writes them to disk.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cache, cached_property, lru_cache
from itertools import groupby, pairwise

import jinja2
import markdown
import nh3
import yaml
from markdown.extensions.smarty import SmartyExtension
from markupsafe import Markup

from timeline.format.diagnostics import RULES
from timeline.format.schema import load_schema
from timeline.model.dates import MONTHS, gap_in_words
from timeline.model.records import STATUSES, Event, Timeline

# What a summary may keep after Markdown: ordinary prose markup, nothing active.
SUMMARY_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "br", "q",
                "cite", "abbr", "sub", "sup", "del"}
SUMMARY_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "q": {"cite"}}
URL_SCHEMES = {"http", "https", "mailto"}
KIND_TITLES = {"person": "People", "organization": "Organizations", "product": "Products"}


@dataclass(frozen=True)
class License:
    """The terms the event texts and data files are published under, as mkdocs.yml says."""

    spdx_id: str  # e.g. "CC-BY-4.0" (spdx.org/licenses), for programs
    name: str  # for people
    url: str


@dataclass(frozen=True)
class SiteOptions:
    """What rendering needs to know about the site around the pages."""

    events_dir: str = "events"
    repo_url: str | None = None
    branch: str = "main"
    site_url: str | None = None
    use_directory_urls: bool = True
    home_limit: int = 100  # events on the home page; the rest live on year pages
    site_name: str = "The AI coding race"
    # The one timestamp outputs may carry (SOURCE_DATE_EPOCH); None: the newest event's date.
    build_date: datetime | None = None
    # The content's licence, stated in the data files; None: the data files state none.
    license: License | None = None

    def edit_url(self, event: Event) -> str | None:
        if not self.repo_url:
            return None
        return f"{self.repo_url.rstrip('/')}/edit/{self.branch}/" \
               f"{self.events_dir.strip('/')}/{event.path}"


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives a Markdown page, relative to the site root."""
    stem = src_uri.removesuffix(".md")
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def relative_url(from_url: str, to_url: str) -> str:
    """Link from one page URL to another, as a relative URL (works under any base path).

    Both are site-root-relative URLs without ``..``; plain string work, because
    ``posixpath.relpath`` (which consults the file system's cwd) was a tenth of the
    render time at 10,000 events.
    """
    from_dirs = [part for part in from_url.split("/")[:-1] if part]
    to_parts = to_url.split("/")
    common = 0
    for from_part, to_part in zip(from_dirs, to_parts[:-1], strict=False):
        if from_part != to_part:
            break
        common += 1
    relative = "../" * (len(from_dirs) - common) + "/".join(to_parts[common:])
    return relative or "./"


# Summaries are Markdown with the smarty extension. Its patterns are regular expressions
# tried along every summary, and most summaries use few of them: trying them all was most
# of the render time at 10,000 events. Each optional processor below can only change text
# that holds one of its marks, so a summary without them is converted by a converter
# without that processor, to the very same HTML.
_OPTIONAL_PROCESSORS = (  # (registry, processor, marks)
    ("inlinePatterns", "backtick", ("`",)),
    ("inlinePatterns", "escape", ("\\",)),
    *(("inlinePatterns", name, ("[",)) for name in (
        "reference", "link", "image_link", "image_reference", "short_reference",
        "short_image_ref")),
    *(("inlinePatterns", name, ("<",)) for name in ("autolink", "automail", "html")),
    ("inlinePatterns", "entity", ("&",)),
    ("blockprocessors", "hashheader", ("#",)),
    ("blockprocessors", "quote", (">",)),
    ("preprocessors", "html_block", ("<", "&")),  # its HTML parser passes other text as is
)
_SMARTY_OPTION_BY_MARK = {"'": "smart_quotes", '"': "smart_quotes", "--": "smart_dashes",
                          "...": "smart_ellipses"}
_MARKS = tuple(dict.fromkeys([*(mark for *_, marks in _OPTIONAL_PROCESSORS for mark in marks),
                              *_SMARTY_OPTION_BY_MARK]))


def _marks_in(text: str) -> frozenset[str]:
    # Markdown deletes STX and ETX before parsing, which could join two halves of a mark.
    if "\x02" in text or "\x03" in text:
        return frozenset(_MARKS)
    return frozenset(mark for mark in _MARKS if mark in text)


@cache
def _markdown_for(marks: frozenset[str]) -> markdown.Markdown:
    """One converter per set of marks, reset between uses: building one per summary
    costs more than converting it."""
    smarty = dict.fromkeys(_SMARTY_OPTION_BY_MARK.values(), False)
    smarty.update({_SMARTY_OPTION_BY_MARK[mark]: True
                   for mark in marks if mark in _SMARTY_OPTION_BY_MARK})
    converter = markdown.Markdown(extensions=[SmartyExtension(**smarty)],
                                  output_format="html")
    registries = {"inlinePatterns": converter.inlinePatterns,
                  "blockprocessors": converter.parser.blockprocessors,
                  "preprocessors": converter.preprocessors}
    for registry, processor, needs in _OPTIONAL_PROCESSORS:
        if marks.isdisjoint(needs):
            # Not strict: a processor a Markdown release renamed or moved is simply kept.
            # Keeping one never changes the HTML (the full converter keeps them all); it
            # only costs the time its removal saved. tests/test_markdown_processors.py
            # names any processor that is gone, so the shortcut can be brought up to date.
            registries[registry].deregister(processor, strict=False)
    return converter


# Summaries are cached because listings and data files show each event many times.
@lru_cache(maxsize=50_000)
def _summary_html(text: str) -> str:
    return _markdown_for(_marks_in(text)).reset().convert(text)


@lru_cache(maxsize=50_000)
def render_summary(text: str) -> Markup:
    """Contributor Markdown → sanitised HTML (no scripts, handlers or javascript: links)."""
    clean = nh3.clean(_summary_html(text), tags=SUMMARY_TAGS, attributes=SUMMARY_ATTRIBUTES,
                      url_schemes=URL_SCHEMES, link_rel="noopener noreferrer nofollow")
    return Markup(clean)


@lru_cache(maxsize=50_000)
def _plain_line(text: str) -> str:
    """The whole summary as one line of plain text, shared by every cut of it."""
    no_tags = nh3.clean(_summary_html(text), tags=set())
    return re.sub(r"\s+", " ", html.unescape(no_tags)).strip()


def plain_summary(text: str, limit: int = 200) -> str:
    """The summary as one line of plain text, cut at a word boundary."""
    line = _plain_line(text)
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


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
    if "maxLength" in spec:
        text += f", at most {spec['maxLength']} characters"
    if "pattern" in spec and spec.get("x-code") == "EVT020":
        text += " (YYYY, YYYY-MM or YYYY-MM-DD)" if "integer" in types else " (YYYY-MM-DD)"
    return text


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _front_matter(**meta: object) -> Markup:
    """YAML front matter written by a YAML library, never by string pasting."""
    meta = {key: value for key, value in meta.items() if value is not None}
    dumped = yaml.serialize(_yaml_node(meta), Dumper=_Dumper, allow_unicode=True, width=1000)
    return Markup(f"---\n{dumped}---\n")


_YAML_TAG = "tag:yaml.org,2002:"


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


@dataclass(frozen=True)
class Facet:
    """One filter of the timeline page: its URL parameter and its ``(value, label, count)``."""

    name: str
    title: str
    values: list[tuple[str, str, int]]


@dataclass(frozen=True)
class OverviewMonth:
    year: int
    month: int
    count: int
    href: str
    anchor: str


@dataclass(frozen=True)
class Overview:
    months: list[OverviewMonth]
    most: int  # the busiest month's count: the bars' full height
    year_only: int  # events dated only to a year, which have no month bar


class Renderer:
    """Turns one Timeline into pages; cheap per page, so it scales to many events."""

    # Listings longer than this show one line per event instead of full entries.
    full_listing_limit = 20

    def __init__(self, timeline: Timeline, options: SiteOptions):
        self.timeline = timeline
        self.options = options
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("timeline.site", "templates"),
            autoescape=True, trim_blocks=True, lstrip_blocks=True,
            undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
            # The templates cannot change during a build: no file check per page render.
            auto_reload=False)
        self.env.filters["schema_type"] = schema_type
        self.env.globals.update(month_names=MONTHS,
                                plain_summary=plain_summary)
        self._urls: dict[str, str] = {}
        self._event_metas: dict[str, Markup] = {}
        self._compact_entries: dict[tuple[str, str], Markup] = {}

    # -- URLs ---------------------------------------------------------------------------

    def url(self, src_uri: str) -> str:
        # Remembered: pages link to the same few thousand pages over and over.
        url = self._urls.get(src_uri)
        if url is None:
            url = self._urls[src_uri] = page_url(src_uri, self.options.use_directory_urls)
        return url

    def link(self, from_src: str, to_src: str) -> str:
        return relative_url(self.url(from_src), self.url(to_src))

    def file_link(self, from_src: str, path: str) -> str:
        """Link from a page to a non-page file of the site, such as ``api/timeline.json``."""
        return relative_url(self.url(from_src), path)

    @staticmethod
    def event_src(event_id: str) -> str:
        return f"events/{event_id}.md"

    # -- pieces shown on many pages, rendered once --------------------------------------

    @cached_property
    def macros(self) -> jinja2.environment.TemplateModule:
        """The macros of ``_macros.html.j2``, callable from Python."""
        return self.env.get_template("_macros.html.j2").module

    def event_meta(self, event: Event) -> Markup:
        """An event's date, status and retraction badges: on its page and every listing."""
        meta = self._event_metas.get(event.id)
        if meta is None:
            meta = self._event_metas[event.id] = self.macros.event_meta(event)
        return meta

    def compact_entry(self, event: Event, page_src: str) -> Markup:
        """An event's line in a long listing. It links only to the event's page, and that
        link is the same from every year, actor, tag and outlet page, so each line is
        rendered once rather than once per listing."""
        href = self.link(page_src, self.event_src(event.id))
        entry = self._compact_entries.get((event.id, href))
        if entry is None:
            entry = self._compact_entries[event.id, href] = self.macros.compact_entry(
                event, href, self)
        return entry

    # -- all pages ----------------------------------------------------------------------

    def pages(self) -> Iterator[tuple[str, str]]:
        """Every generated page as ``(src_uri, markdown)``, in a stable order."""
        yield "index.md", self.timeline_page("index.md", self.home_events(), home=True)
        for year, events in self.events_by_year.items():
            yield f"years/{year}.md", self.timeline_page(f"years/{year}.md", events, year=year)
        for event in self.timeline.events:
            yield self.event_src(event.id), self.event_page(event)
        yield "actors/index.md", self.actors_index()
        for actor in self.timeline.actors.values():
            yield f"actors/{actor.slug}.md", self.listing_page(
                "actor.md.j2", f"actors/{actor.slug}.md", actor=actor,
                events=self.actor_events(actor.slug))
        yield "tags/index.md", self.tags_index()
        for tag in self.timeline.tags.values():
            yield f"tags/{tag.slug}.md", self.listing_page(
                "tag.md.j2", f"tags/{tag.slug}.md", tag=tag,
                events=self.tag_events(tag.slug))
        yield "sources/index.md", self.outlets_index()
        for outlet in self.timeline.outlets.values():
            yield f"sources/{outlet.slug}.md", self.listing_page(
                "outlet.md.j2", f"sources/{outlet.slug}.md", outlet=outlet,
                events=self.outlet_events(outlet.slug))
        yield "reference.md", self.reference_page()

    def redirects(self) -> Iterator[tuple[str, str]]:
        """A page at each former id of a renamed event, sending readers on to its page."""
        for event in self.timeline.events:
            for alias in event.aliases:
                yield self.redirect_file(alias), self.redirect_page(alias, event)

    def redirect_file(self, alias: str) -> str:
        if self.options.use_directory_urls:
            return f"events/{alias}/index.html"
        return f"events/{alias}.html"

    def redirect_page(self, alias: str, event: Event) -> str:
        from_url = self.url(self.event_src(alias))
        to_url = self.url(self.event_src(event.id))
        canonical = (self.options.site_url.rstrip("/") + "/" + to_url
                     if self.options.site_url else relative_url(from_url, to_url))
        return self.env.get_template("redirect.html.j2").render(
            event=event, target=relative_url(from_url, to_url), canonical=canonical)

    # -- the timeline ------------------------------------------------------------------

    @property
    def listed(self) -> tuple[Event, ...]:
        return self.timeline.listed

    def listed_only(self, events: list[Event]) -> list[Event]:
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

    def timeline_page(self, src: str, events: tuple[Event, ...] | list[Event], *,
                      home: bool = False, year: int | None = None) -> str:
        years = self.events_by_year
        groups = []
        for event_year, in_year in groupby(events, key=lambda e: e.date.year):
            months = [(month, list(in_month)) for month, in_month
                      in groupby(in_year, key=lambda e: e.date.month)]
            groups.append((event_year, months))
        return self.env.get_template("timeline.md.j2").render(
            front_matter=_front_matter(
                title=None if home else str(year),
                description="Every event of the timeline, newest first." if home else
                            f"Events of {year}, newest first.",
                search={"exclude": True}),
            page_src=src, groups=groups, home=home, year=year,
            years=[(y, len(e)) for y, e in years.items()],
            shown=len(events), total=len(self.listed),
            gaps=self.gaps(events), r=self,
            facets=self.facets() if home else None,
            overview=self.overview(src, {e.id for e in events}) if home else None)

    def facets(self) -> list[Facet]:
        """The filters of the timeline page, each value with its number of events."""
        events = self.listed
        actor_counts = {slug: len(self.actor_events(slug))
                        for slug in self.timeline.actors}
        tag_counts = {slug: len(self.tag_events(slug))
                      for slug in self.timeline.tags}
        status_counts = {status: sum(e.status == status for e in events) for status in STATUSES}
        # A retraction is not a status, but readers filter by it like one.
        status_counts["retracted"] = sum(e.retraction is not None for e in events)
        return [
            Facet("actor", "Actor", [
                (slug, self.timeline.actors[slug].name, count)
                for slug, count in sorted(actor_counts.items(),
                                          key=lambda item: (-item[1], item[0])) if count]),
            Facet("tag", "Tag", [
                (slug, self.timeline.tags[slug].name, count)
                for slug, count in sorted(tag_counts.items(),
                                          key=lambda item: (-item[1], item[0])) if count]),
            Facet("status", "Status", [(status, status, count)
                                       for status, count in status_counts.items() if count]),
            Facet("year", "Year", [(str(year), str(year), len(in_year))
                                   for year, in_year in self.events_by_year.items()]),
        ]

    def overview(self, src: str, shown_ids: set[str]) -> Overview:
        """One bar per month from the first event to the last, empty months included."""
        counts: dict[tuple[int, int], int] = {}
        on_page: set[tuple[int, int]] = set()
        year_only = 0
        for event in self.listed:
            if event.date.month is None:
                year_only += 1
                continue
            key = (event.date.year, event.date.month)
            counts[key] = counts.get(key, 0) + 1
            if event.id in shown_ids:
                on_page.add(key)
        months = []
        if counts:
            (year, month), last = min(counts), max(counts)
            while (year, month) <= last:
                anchor = f"{year}-{month:02d}"
                page = "" if (year, month) in on_page else self.link(src, f"years/{year}.md")
                months.append(OverviewMonth(year, month, counts.get((year, month), 0),
                                            f"{page}#{anchor}", anchor))
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return Overview(months, max(counts.values(), default=0), year_only)

    @staticmethod
    def gaps(events: tuple[Event, ...] | list[Event]) -> dict[str, str]:
        """Gap words after each event (newest first) whose next-older event is far away."""
        gaps = {}
        for newer, older in pairwise(events):
            words = gap_in_words(older.end or older.date, newer.date)
            if words:
                gaps[newer.id] = words
        return gaps

    # -- one event -----------------------------------------------------------------------

    def event_page(self, event: Event) -> str:
        src = self.event_src(event.id)
        previous, following = self.timeline.neighbours(event)
        keywords = [actor.name for actor in event.actors]
        keywords += [alias for actor in event.actors for alias in actor.aliases]
        keywords += [tag.name for tag in event.tags]
        keywords += [s.publisher for s in event.sources if s.publisher]
        keywords += [s.via for s in event.sources if s.via]
        related = [(link, self.timeline.by_id.get(link.event)) for link in event.related]
        duplicate = self.timeline.by_id.get(event.duplicate_of) if event.duplicate_of else None
        return self.env.get_template("event.md.j2").render(
            front_matter=_front_matter(
                title=html.escape(event.title),
                description=html.escape(plain_summary(event.summary)),
                tags=[html.escape(word) for word in dict.fromkeys(keywords)],
                # A duplicate would be a second search hit for the same event.
                search={"exclude": True} if duplicate else {"boost": 2},
            ),
            page_src=src, event=event, summary=render_summary(event.summary),
            duplicate=duplicate,
            previous=previous, following=following, related=related,
            edit_url=self.options.edit_url(event), r=self)

    # -- listings ------------------------------------------------------------------------

    def listing_page(self, template: str, src: str, **context) -> str:
        subject = context.get("actor") or context.get("tag") or context.get("outlet")
        return self.env.get_template(template).render(
            front_matter=_front_matter(title=html.escape(subject.name),
                                       search={"exclude": True}),
            page_src=src, r=self, **context)

    def actors_index(self) -> str:
        by_kind = {kind: [a for a in self.timeline.actors.values() if a.kind == kind]
                   for kind in KIND_TITLES}
        return self.env.get_template("actors.md.j2").render(
            front_matter=_front_matter(title="Actors", search={"exclude": True}),
            page_src="actors/index.md", by_kind=by_kind, kind_titles=KIND_TITLES, r=self)

    def tags_index(self) -> str:
        return self.env.get_template("tags.md.j2").render(
            front_matter=_front_matter(title="Tags", search={"exclude": True}),
            page_src="tags/index.md", tags=list(self.timeline.tags.values()), r=self)

    def outlets_index(self) -> str:
        return self.env.get_template("outlets.md.j2").render(
            front_matter=_front_matter(title="Outlets", search={"exclude": True}),
            page_src="sources/index.md", outlets=list(self.timeline.outlets.values()),
            r=self)

    def reference_page(self) -> str:
        schema = load_schema("event")
        return self.env.get_template("reference.md.j2").render(
            front_matter=_front_matter(title="Format reference"),
            page_src="reference.md", schema=schema, source_schema=schema["$defs"]["source"],
            related_schema=schema["$defs"]["related"], actors_schema=load_schema("actors"),
            tags_schema=load_schema("tags"), rules=list(RULES.values()), r=self)


def body_is_html(src_uri: str) -> bool:
    """Whether a generated page's body is finished HTML (every page but the Markdown
    format reference), which the MkDocs plugin may hand over without a Markdown pass."""
    return src_uri.endswith(".md") and src_uri != "reference.md"


def render_pages(timeline: Timeline, options: SiteOptions) -> dict[str, str]:
    """All generated pages, ``{src_uri: markdown}``, and the redirects of renamed events
    (plain HTML files)."""
    renderer = Renderer(timeline, options)
    return {**dict(renderer.pages()), **dict(renderer.redirects())}
