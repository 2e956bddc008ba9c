"""The MkDocs plugin: the one place the package meets MkDocs, a thin adapter.

Enabled in mkdocs.yml as ``- timeline``. In ``on_config`` it reads its typed options and
registers its own script and stylesheet; in ``on_files`` it checks the events and adds the
generated files; each page's finished HTML is handed over in ``on_page_content``; after
the build, ``on_post_build`` writes the search index (see timeline.site.search). Nothing
is written into docs/: every page, asset and data file is rendered into a scratch folder
of the plugin's own (removed after the build) and added with ``File.generated``, so MkDocs
reads each file when it needs it instead of the whole generated site sitting in memory.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import YAML_RE as FRONT_MATTER

from timeline.check import Result, check
from timeline.collector import cycle_collector_paused
from timeline.format.layout import DEFAULT_EVENTS_DIR
from timeline.model.records import Timeline
from timeline.read.history import read_history
from timeline.read.load import LibyamlMissing
from timeline.site import urls
from timeline.site.files import GeneratedFile, SiteFiles
from timeline.site.options import (
    DEFAULT_FEED_SUBTITLE,
    DEFAULT_LEDE,
    SiteOptions,
    id_namespace_from_options,
    license_from_options,
    reproducible_build_date,
)
from timeline.site.pages import build_errors_banner
from timeline.site.search import (
    DocumentPage,
    IndexerError,
    SearchIndexer,
    SearchRecords,
    document_record,
    is_theme_search_worker,
    worker_script,
)
from timeline.site.toc import toc_tokens

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
# The plugin's own theme templates: its 404 page.
THEME_TEMPLATES = Path(__file__).resolve().parent / "site" / "theme"


class LicenseConfig(base.Config):
    # All three or none: checked by license_from_options.
    id = c.Optional(c.Type(str))
    """Its SPDX identifier, e.g. ``CC-BY-4.0``."""
    name = c.Optional(c.Type(str))
    """Its name for people, e.g. ``Creative Commons Attribution 4.0 International``."""
    url = c.Optional(c.URL())
    """Where its text is published."""


class TimelineConfig(base.Config):
    events_dir = c.Type(str, default=DEFAULT_EVENTS_DIR)
    """The events folder, relative to mkdocs.yml."""
    repo_url = c.Optional(c.Type(str))
    """Repository for "edit this event" links; defaults to the site's ``repo_url``."""
    branch = c.Type(str, default="main")
    """Branch the edit links point at."""
    home_limit = c.Type(int, default=100)
    """How many of the newest events the home page lists; the rest are on year pages."""
    license = c.SubConfig(LicenseConfig)
    """The licence of the event texts and data, stated in ``api/events.json`` and the feed."""
    lede = c.Type(str, default=DEFAULT_LEDE)
    """The home page's opening words, e.g. ``A sourced timeline of space launches``; the
    page goes on ": N events, each with its sources. Dates are shown at the precision the
    sources support."."""
    feed_title = c.Optional(c.Type(str))
    """The title of the site's feed (``feed.xml``) and calendar (``events.ics``); each
    actor's and tag's are titled "<feed_title>: <name>". Default: the site's ``site_name``."""
    feed_subtitle = c.Type(str, default=DEFAULT_FEED_SUBTITLE)
    """The subtitle of the site's feed."""
    id_namespace = c.Optional(c.Type(str))
    """Names the site in the ids of its feeds and calendars: the calendars' PRODID is
    ``-//<name>//timeline//EN`` and, when the site has no absolute ``site_url``, the Atom
    ids are ``tag:<name>,<date>:<feed or event>`` URIs (RFC 4151) and the calendar UIDs
    ``<event id>@<name>``. Write a name of letters, digits, dots and hyphens, best a
    domain you own, optionally with a date after a comma (``example.org,2027``, a day
    you owned it); without one the date is ``2026``, fixed, so the ids never change from
    one build or year to the next. Default: a slug of ``site_name`` (``My timeline`` gives
    ``my-timeline``). Set it once and keep it: feed readers know entries by their ids."""


def site_options(plugin: TimelineConfig, *, repo_url: str | None, site_url: str | None,
                 use_directory_urls: bool, site_name: str | None,
                 build_date: datetime | None) -> SiteOptions:
    """What rendering needs, from the plugin's validated options and the site's.

    Raises ValueError, saying what is wrong, for an incomplete licence or an id namespace
    that is not a name.
    """
    return SiteOptions(
        events_dir=plugin.events_dir,
        repo_url=plugin.repo_url or repo_url,
        branch=plugin.branch,
        site_url=site_url,
        use_directory_urls=use_directory_urls,
        home_limit=plugin.home_limit,
        site_name=site_name or SiteOptions.site_name,
        build_date=build_date,
        license=license_from_options(dict(plugin.license)),
        lede=plugin.lede,
        feed_title=plugin.feed_title or None,
        feed_subtitle=plugin.feed_subtitle,
        id_namespace=id_namespace_from_options(plugin.id_namespace),
    )


def validated_options(options: dict, config_file: Path) -> TimelineConfig:
    """The plugin's options as mkdocs.yml gives them, validated by the same config classes
    as in a build. Raises ValueError naming each option that is wrong."""
    plugin = TimelineConfig(config_file_path=str(config_file))
    plugin.load_dict(options)
    failed, _ = plugin.validate()
    if failed:
        raise ValueError("; ".join(f"the timeline plugin's option `{name}`: {error}"
                                   for name, error in failed))
    return plugin


class TimelinePlugin(BasePlugin[TimelineConfig]):
    supports_multiple_instances = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also makes MkDocs keep this instance across the rebuilds of
        # `mkdocs serve`, so it remembers the last valid timeline.
        self.serving = command == "serve"
        self.last_valid: Timeline | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config_dir = Path(config.config_file_path or ".").resolve().parent
        self.events_path = (config_dir / self.config.events_dir).resolve()
        # `mkdocs serve` rebuilds when an event or a registry changes.
        config.watch.append(str(self.events_path))
        # mkdocs.yml takes the repository's address from the environment (the Pages
        # workflow sets it); without one there is nothing to edit, and MkDocs would warn
        # about the relative edit_uri on every page.
        if not config.repo_url:
            config.repo_url = config.edit_uri = None
        try:
            self.options = site_options(
                self.config, repo_url=config.repo_url, site_url=config.site_url,
                use_directory_urls=config.use_directory_urls, site_name=config.site_name,
                build_date=self.pin_build_date(config_dir))
        except ValueError as error:
            raise PluginError(str(error)) from None
        # The plugin's own script and stylesheet, added to every page like a theme's: a
        # site lists none of them in mkdocs.yml. on_files adds the files themselves.
        self.use_theme_templates(config)
        config.extra_css.extend(path for path in urls.STYLESHEETS
                                if path not in config.extra_css)
        config.extra_javascript.extend(path for path in urls.SCRIPTS
                                       if path not in config.extra_javascript)
        return config

    def use_theme_templates(self, config: MkDocsConfig) -> None:
        """The plugin's own page templates (its 404 page), after the site's overrides and
        before the theme's."""
        templates = str(THEME_TEMPLATES)
        if templates not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, templates)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # The 404 page is rendered from the theme alone, with no page of the plugin's.
        env.globals["timeline_pages"] = urls.theme_links(config.use_directory_urls)
        return env

    def pin_build_date(self, config_dir: Path) -> datetime | None:
        """The build's one date (SOURCE_DATE_EPOCH, else the last commit's), also handed to
        MkDocs, which dates the sitemap by SOURCE_DATE_EPOCH or else by today: so a plain
        `mkdocs build` of a commit is the same on any day. Unset again after the build."""
        build_date = reproducible_build_date(config_dir)
        self.pinned_epoch = build_date is not None and "SOURCE_DATE_EPOCH" not in os.environ
        if self.pinned_epoch:
            os.environ["SOURCE_DATE_EPOCH"] = str(int(build_date.timestamp()))
        return build_date

    def unpin_build_date(self) -> None:
        if getattr(self, "pinned_epoch", False):
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self.pinned_epoch = False

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        history = read_history(self.events_path)
        if not history.known:
            log.info(f"timeline: no added or updated dates on the pages "
                     f"({history.unknown_because})")
        try:
            # Validation makes millions of small objects and no cycles worth collecting.
            with cycle_collector_paused():
                result = check(self.events_path, history=history)
        except LibyamlMissing as error:  # MkDocs prints a PluginError as one line
            raise PluginError(str(error)) from None
        # Validator warnings (e.g. a source without URL) are contributor advice, not build
        # problems: they must not fail `mkdocs build --strict`, so they are not log warnings.
        for warning in result.warnings:
            log.debug(warning.format_text())
        if result.warnings:
            log.info(f"timeline: {len(result.warnings)} validator warnings; "
                     "`timeline validate` lists them")
        timeline = self.timeline_to_build(result)
        self.documents: list[DocumentPage] = []
        self.serve_search_worker(files, config)
        count = self.add_generated_files(timeline, files, config)
        self.start_search_index(timeline)
        events = len(timeline.events)
        log.info(f"timeline: {events} event{'s' if events != 1 else ''}, {count} generated files")
        # The order MkDocs would give the same files found on disk, so the search index and
        # sitemap are the same as a plugin-less build of docs/ plus `timeline generate`.
        return Files(sorted(files, key=file_sort_key))

    def timeline_to_build(self, result: Result) -> Timeline:
        """The checked timeline; with errors, a build fails, but `mkdocs serve` builds the
        last valid timeline (or none) and shows the errors on every page, so the browser
        never waits on a build that cannot succeed and recovers at the next valid save."""
        self.build_errors = [d.format_text() for d in result.errors]
        if not result.errors:
            self.last_valid = result.timeline
            return result.timeline
        if not getattr(self, "serving", False):
            lines = "\n".join(self.build_errors)
            raise PluginError(f"the timeline's events are invalid "
                              f"({len(result.errors)} errors):\n{lines}")
        for error in self.build_errors:
            log.warning(error)
        log.warning("timeline: the events are invalid; serving the last valid version, "
                    "with the errors on every page")
        return getattr(self, "last_valid", None) or Timeline(())  # nothing valid yet

    def add_generated_files(self, timeline: Timeline, files: Files,
                            config: MkDocsConfig) -> int:
        """Render each generated file into the scratch folder as it comes and add it."""
        self.remove_scratch()
        self.scratch = Path(tempfile.mkdtemp(prefix="timeline-site-"))
        # The pages whose body is finished HTML, with their front matter as data.
        self.page_meta: dict[str, dict] = {}
        # A generated page has no file in docs/ to edit: an event's page edits its YAML
        # file, the others have no edit link.
        self.edit_urls: dict[str, str | None] = {}
        folders: set[Path] = set()
        site = SiteFiles(timeline, self.options)
        count = 0
        for generated in _chain(site.pages_and_assets(), _collector_paused_each(site.data())):
            if files.get_file_from_path(generated.path) is not None:
                raise PluginError(f"docs/{generated.path} clashes with a page the timeline "
                                  "generates; rename or remove it")
            path = self.scratch / generated.path
            if path.parent not in folders:
                path.parent.mkdir(parents=True, exist_ok=True)
                folders.add(path.parent)
            path.write_text(generated.content, encoding="utf-8")
            if generated.is_html:
                self.page_meta[generated.path] = generated.meta or {}
            if generated.path.endswith(".md"):
                self.edit_urls[generated.path] = generated.edit_url
            files.append(File.generated(config, generated.path, abs_src_path=str(path),
                                        inclusion=InclusionLevel.NOT_IN_NAV))
            count += 1
        return count

    def serve_search_worker(self, files: Files, config: MkDocsConfig) -> None:
        """The timeline's search worker in place of the theme's, at the theme's address
        (the page's configuration names it; see search-worker.js)."""
        theme_worker = next((file for file in files if is_theme_search_worker(file.src_uri)),
                            None)
        if theme_worker is None:
            log.warning("timeline: the theme has no search worker to replace; search "
                        "uses the theme's own")
            return
        files.remove(theme_worker)
        files.append(File.generated(config, theme_worker.src_uri, content=worker_script()))

    def remove_scratch(self) -> None:
        if getattr(self, "scratch", None) is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None

    # Our pages' bodies are finished HTML from our templates. Python-Markdown would only
    # parse that HTML twice (raw-HTML stash, anchor scan) to give it back unchanged: at
    # 10,000 events that was over a third of the build. So MkDocs reads the front matter
    # as usual but converts an empty body, and the finished HTML is handed over as the
    # page's content, read back from the scratch file when the page is built and dropped
    # once it is written: only one page's body is in memory at a time. `timeline generate`
    # keeps the same bodies for builders that do convert them.

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Our finished-HTML pages outside the nav become GeneratedPages, which take their
        front matter as data and their body as it is: no YAML parse and no Markdown
        instance per page (at 10,000 events, MkDocs' own Markdown set-up alone was seconds
        of the build). A page the nav lists (the home page) stays a MkDocs Page."""
        self.nav_pages = {page.file.src_uri: page for page in nav.pages}
        in_nav = set(self.nav_pages)
        for src, meta in self.page_meta.items():
            file = files.get_file_from_path(src)
            if file is not None and src not in in_nav:
                GeneratedPage(file, config, meta)
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        if page.file.src_uri in self.edit_urls:
            page.edit_url = self.edit_urls[page.file.src_uri]
        return "" if page.file.src_uri in self.page_meta else markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        if page.file.src_uri in self.page_meta and not isinstance(page, GeneratedPage):
            body = page_body(page.file.content_string)
            page.toc = get_toc(toc_tokens(body))
            return body
        return html

    # Search: the theme's search box stays, but its worker is the timeline's own
    # (search-worker.js at the theme's worker address), which answers from the Pagefind
    # bundles written after the build. So material's search plugin indexes no page (its
    # index, which every page load would download, is only its configuration), and the
    # records are made from the timeline itself plus the hand-written pages' HTML.

    @event_priority(50)  # before the search plugin
    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> dict:
        if page.file.src_uri not in self.page_meta:
            self.documents.append(DocumentPage(page.url, page.title or "", page.content or ""))
        page.meta["search"] = {"exclude": True}
        self.mark_section(page)
        return context

    def mark_section(self, page: Page) -> None:
        """A page outside the nav (an event's, an actor's) marks the tab of the section it
        belongs to, as the theme marks a nav page's own; on_post_page unmarks it."""
        self.marked_section = None
        if isinstance(page, GeneratedPage):
            section = self.nav_pages.get(urls.section_of(page.file.src_uri) or "")
            if section is not None and not section.active:
                section.active = True
                self.marked_section = section

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if getattr(self, "marked_section", None) is not None:
            self.marked_section.active = False
            self.marked_section = None
        if page.file.src_uri in self.page_meta:
            page.content = None  # written: nothing reads it again
        if getattr(self, "build_errors", None):
            has_last_valid = getattr(self, "last_valid", None) is not None
            output = with_banner(output, build_errors_banner(self.build_errors,
                                                             has_last_valid))
        return output

    def start_search_index(self, timeline: Timeline) -> None:
        """Index the timeline in the indexer's own process while MkDocs renders the pages
        (on every build, so `mkdocs serve` rebuilds the index when an event changes). The
        records get a SummaryText of their own: the pages' is used from this thread."""
        self.stop_search_index()
        links = urls.Links(self.options.use_directory_urls, self.options.site_url)
        try:
            self.indexer = SearchIndexer()
        except IndexerError as error:
            raise PluginError(str(error)) from None
        self.indexer.add_in_background(SearchRecords(timeline, links))

    def stop_search_index(self) -> None:
        if getattr(self, "indexer", None) is not None:
            self.indexer.abort()
            self.indexer = None

    @event_priority(-50)  # after the search plugin has written its (empty) index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        try:
            if config is None:  # no site to write into
                self.stop_search_index()
            elif getattr(self, "indexer", None) is not None:
                self.finish_search_index(Path(config.site_dir))
        finally:
            self.remove_scratch()
            self.unpin_build_date()

    def finish_search_index(self, site_dir: Path) -> None:
        """Add the hand-written pages, known once built, and write the bundles."""
        indexer, self.indexer = self.indexer, None
        try:
            stats = indexer.finish(map(document_record, self.documents), site_dir)
        except IndexerError as error:
            raise PluginError(str(error)) from None
        log.info(f"timeline: search index of {stats.records} records in "
                 f"{stats.seconds:.2f} s (indexer peak {stats.peak_rss_kb // 1024} MB)")

    def on_build_error(self, *, error: Exception) -> None:
        self.stop_search_index()
        self.remove_scratch()
        self.unpin_build_date()


class GeneratedPage(Page):
    """One of the plugin's finished-HTML pages, as material's blog plugin makes its own
    Page classes: its front matter comes as data and its body as it is, so MkDocs parses
    no YAML and runs no Markdown for it. Other plugins' on_page_read_source is not asked
    for it: its source is the plugin's."""

    def __init__(self, file: File, config: MkDocsConfig, meta: dict):
        super().__init__(None, file, config)  # becomes file.page
        self.front_matter = meta

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown, self.meta = "", dict(self.front_matter)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = page_body(self.file.content_string)
        self.toc = get_toc(toc_tokens(self.content))


def _chain(*parts: Iterable[GeneratedFile]) -> Iterator[GeneratedFile]:
    for part in parts:
        yield from part


def _collector_paused_each(files: Iterator[GeneratedFile]) -> Iterator[GeneratedFile]:
    """Each file made with the cycle collector paused: a data file (the calendar above
    all) makes hundreds of thousands of small objects that live until it is written."""
    while True:
        with cycle_collector_paused():
            generated = next(files, None)
        if generated is None:
            return
        yield generated


def with_banner(page_html: str, banner: str) -> str:
    """``banner`` as the first thing inside the page's <body>."""
    body = page_html.find("<body")
    start = page_html.find(">", body) + 1 if body != -1 else 0
    return page_html[:start] + banner + page_html[start:]


def page_body(source: str) -> str:
    """A generated page's source without its front matter, as MkDocs splits it."""
    front_matter = FRONT_MATTER.match(source)
    return source[front_matter.end():] if front_matter else source
