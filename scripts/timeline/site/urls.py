"""The site's URL scheme: where every generated page and file lives, in one place.

Pages are named by their source path (``events/<id>.md``), as MkDocs names them; a page's
address follows from it and from ``use_directory_urls``, exactly as MkDocs computes it.
Data files and assets are named by their path in the built site. Templates and the
script never spell a path out: they receive the links made here.
"""

from __future__ import annotations

HOME = "index.md"
ACTORS_INDEX = "actors/index.md"
TAGS_INDEX = "tags/index.md"
OUTLETS_INDEX = "sources/index.md"
REFERENCE = "reference.md"
FORMAT_GUIDE = "format.md"  # docs/format.md, the hand-written guide the edit links point to

EVENTS_JSON = "api/events.json"
EVENTS_SCHEMA_JSON = "api/events.schema.json"
EVENTS_CSV = "api/events.csv"
TIMELINE_INDEX_JSON = "api/timeline.json"  # what the timeline page's filters read
FEED = "feed.xml"
CALENDAR = "events.ics"
# What a browser shows a feed as (the feeds point to it); feed readers ignore it.
FEED_STYLESHEET = "assets/feed.xsl"

SCRIPT = "assets/javascripts/timeline.js"
STYLESHEET = "stylesheets/timeline.css"
# The timeline page's toolbar (filters and order), beside the script and styles of every page.
FILTERS_SCRIPT = "assets/javascripts/filters.js"
FILTERS_STYLESHEET = "stylesheets/filters.css"
# The search panel's facets, on every page (the search box is in every page's header).
SEARCH_SCRIPT = "assets/javascripts/search.js"
SEARCH_STYLESHEET = "stylesheets/search.css"
SCRIPTS = (SCRIPT, FILTERS_SCRIPT, SEARCH_SCRIPT)
STYLESHEETS = (STYLESHEET, FILTERS_STYLESHEET, SEARCH_STYLESHEET)
# The search index: one Pagefind bundle per language, written after the build.
SEARCH_BUNDLE = "search/pagefind/"
SEARCH_BUNDLE_CHINESE = "search/pagefind-zh/"

# The placeholder the timeline page's script replaces with an id or slug in link patterns.
SLUG_PLACEHOLDER = "SLUG"


def schema_file(kind: str) -> str:
    """Where the site publishes the JSON Schema of events, actors or tags, so that editors
    can validate files against a stable address."""
    return f"schema/{kind}.schema.json"


def event_page(event_id: str) -> str:
    return f"events/{event_id}.md"


def event_id_of_page(src_uri: str) -> str | None:
    """The id of the event whose page ``src_uri`` is, if it is one."""
    if src_uri.startswith("events/") and src_uri.endswith(".md") and src_uri.count("/") == 1:
        return src_uri[len("events/"):-len(".md")]
    return None


def year_page(year: int | str) -> str:
    return f"years/{year}.md"


def actor_page(slug: str) -> str:
    return f"actors/{slug}.md"


def tag_page(slug: str) -> str:
    return f"tags/{slug}.md"


def outlet_page(slug: str) -> str:
    return f"sources/{slug}.md"


def actor_feed(slug: str) -> str:
    return f"actors/{slug}/feed.xml"


def actor_calendar(slug: str) -> str:
    return f"actors/{slug}/events.ics"


def tag_feed(slug: str) -> str:
    return f"tags/{slug}/feed.xml"


def tag_calendar(slug: str) -> str:
    return f"tags/{slug}/events.ics"


# Which index page each kind of page belongs under, so that its tab is the one marked.
_SECTION_OF = {"events/": HOME, "years/": HOME, "actors/": ACTORS_INDEX,
               "tags/": TAGS_INDEX, "sources/": OUTLETS_INDEX}


def section_of(src_uri: str) -> str | None:
    """The nav page a page outside the nav belongs under: an event's or a year's is the
    timeline, an actor's the actors index, and so on."""
    folder = src_uri.split("/", 1)[0] + "/"
    return _SECTION_OF.get(folder)


def theme_links(use_directory_urls: bool) -> dict[str, str]:
    """The timeline's index pages from the site's root, for theme templates such as the
    404 page, which is rendered with no page of the plugin's."""
    return {name: page_url(src, use_directory_urls) for name, src in (
        ("home", HOME), ("actors", ACTORS_INDEX), ("tags", TAGS_INDEX),
        ("outlets", OUTLETS_INDEX))}


def redirect_file(alias: str, use_directory_urls: bool) -> str:
    """The plain HTML file at a renamed event's former address."""
    if use_directory_urls:
        return f"events/{alias}/index.html"
    return f"events/{alias}.html"


def body_is_html(src_uri: str) -> bool:
    """Whether a generated page's body is finished HTML: every page but the format
    reference, which is Markdown (its tables are written as Markdown)."""
    return src_uri.endswith(".md") and src_uri != REFERENCE


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


def absolute_url(site_url: str | None, path: str) -> str:
    """``path`` (from the site root) as an absolute URL when the site URL is known."""
    if not site_url:
        return path
    return site_url.rstrip("/") + "/" + path


class Links:
    """Page addresses and the links between pages, for one build.

    Remembers each page's address: pages link to the same few thousand pages over and
    over. Made per build, so nothing outlives it under ``mkdocs serve``.
    """

    def __init__(self, use_directory_urls: bool, site_url: str | None = None):
        self.use_directory_urls = use_directory_urls
        self.site_url = site_url
        self._urls: dict[str, str] = {}

    def url(self, src_uri: str) -> str:
        """A page's address from the site root."""
        url = self._urls.get(src_uri)
        if url is None:
            url = self._urls[src_uri] = page_url(src_uri, self.use_directory_urls)
        return url

    def link(self, from_src: str, to_src: str) -> str:
        """A relative link from one page to another."""
        return relative_url(self.url(from_src), self.url(to_src))

    def file_link(self, from_src: str, path: str) -> str:
        """A relative link from a page to a non-page file, such as ``api/timeline.json``."""
        return relative_url(self.url(from_src), path)

    def absolute(self, src_uri: str) -> str:
        """A page's absolute URL when the site URL is known, else its path from the root."""
        return absolute_url(self.site_url, self.url(src_uri))

    def absolute_file(self, path: str) -> str:
        """A file's absolute URL when the site URL is known, else its path from the root."""
        return absolute_url(self.site_url, path)
