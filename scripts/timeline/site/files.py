"""Everything the site adds beyond docs/: pages, assets and data files, as GeneratedFiles.

The MkDocs plugin streams them into a scratch folder of its own, which MkDocs reads from;
``timeline generate OUT_DIR`` writes the very same files to disk for other static-site
builders (e.g. Zensical, which runs no plugins).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files as package_files

from timeline.format.schema import PUBLISHED, SCHEMA_DIR
from timeline.format.summary import SummaryText
from timeline.model.records import Timeline
from timeline.site import urls
from timeline.site.data import iter_data_files
from timeline.site.options import SiteOptions
from timeline.site.pages import SitePages
from timeline.site.urls import Links

# The plugin's own script and stylesheet: their address in the site, their file here.
ASSETS = {urls.SCRIPT: "timeline.js", urls.STYLESHEET: "timeline.css",
          urls.FILTERS_SCRIPT: "filters.js", urls.FILTERS_STYLESHEET: "filters.css",
          urls.FEED_STYLESHEET: "feed.xsl"}
# The search panel's facets (the worker itself is served by the MkDocs plugin).
ASSETS.update({urls.SEARCH_SCRIPT: "search.js", urls.SEARCH_STYLESHEET: "search.css"})


@dataclass(frozen=True)
class GeneratedFile:
    """One file of the site: its path in the site's source tree and its text."""

    path: str
    content: str
    # A page whose body is finished HTML, which needs no Markdown pass.
    is_html: bool = False
    # Where readers edit what a page shows: an event's YAML file on the repository.
    edit_url: str | None = None
    # A page's front matter as data (what MkDocs would read back from the YAML above it).
    meta: dict | None = None


def asset_text(name: str) -> str:
    return (package_files("timeline.site") / "assets" / name).read_text(encoding="utf-8")


class SiteFiles:
    """The generated files of one build, each made when it is reached, so a caller that
    stores them as it goes never holds the whole site in memory."""

    def __init__(self, timeline: Timeline, options: SiteOptions):
        self.timeline = timeline
        self.options = options
        self.text = SummaryText()  # shared by pages and data files: each summary once
        self.pages = SitePages(timeline, options, self.text,
                               Links(options.use_directory_urls, options.site_url))

    def pages_and_assets(self) -> Iterator[GeneratedFile]:
        repository = self.options.repository
        for path, content in self.pages.pages():
            event = self.timeline.by_id.get(urls.event_id_of_page(path) or "")
            yield GeneratedFile(path, content, urls.body_is_html(path),
                                repository.edit_url(event) if repository and event else None,
                                self.pages.page_meta.get(path))
        for path, content in self.pages.redirects():
            yield GeneratedFile(path, content)
        for path, name in ASSETS.items():
            yield GeneratedFile(path, asset_text(name))
        for kind in PUBLISHED:
            yield GeneratedFile(urls.schema_file(kind),
                                (SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))

    def data(self) -> Iterator[GeneratedFile]:
        for path, content in iter_data_files(self.timeline, self.options, self.text):
            yield GeneratedFile(path, content)

    def __iter__(self) -> Iterator[GeneratedFile]:
        yield from self.pages_and_assets()
        yield from self.data()


def generated_files(timeline: Timeline, options: SiteOptions) -> dict[str, str]:
    """Every generated file by its path in the site's source tree, in a stable order."""
    return {file.path: file.content for file in SiteFiles(timeline, options)}


def iter_generated_files(timeline: Timeline, options: SiteOptions
                         ) -> Iterator[tuple[str, str]]:
    """The same files one at a time, as ``(path, content)``."""
    for file in SiteFiles(timeline, options):
        yield file.path, file.content
