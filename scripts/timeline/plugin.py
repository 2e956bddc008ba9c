"""The MkDocs plugin: a thin adapter that validates the events and adds the generated files.

Enabled in mkdocs.yml as ``- timeline``. Nothing is written into docs/: every page, asset
and data file is rendered into a scratch folder of the plugin's own (removed after the
build) and added with ``File.generated``, so MkDocs reads each file when it needs it
instead of the whole generated site sitting in memory.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import YAML_RE as FRONT_MATTER

from timeline.check.checker import Result, check
from timeline.read.load import LibyamlMissing
from timeline.site.files import (
    iter_generated_files,
    license_from_options,
    reproducible_build_date,
)
from timeline.site.pages import SiteOptions, body_is_html

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class LicenseConfig(base.Config):
    # All three or none: checked by license_from_options, which the CLI shares.
    id = c.Optional(c.Type(str))
    """Its SPDX identifier, e.g. ``CC-BY-4.0``."""
    name = c.Optional(c.Type(str))
    """Its name for people, e.g. ``Creative Commons Attribution 4.0 International``."""
    url = c.Optional(c.URL())
    """Where its text is published."""


class TimelineConfig(base.Config):
    events_dir = c.Type(str, default="events")
    """The events folder, relative to mkdocs.yml."""
    repo_url = c.Optional(c.Type(str))
    """Repository for "edit this event" links; defaults to the site's ``repo_url``."""
    branch = c.Type(str, default="main")
    """Branch the edit links point at."""
    home_limit = c.Type(int, default=100)
    """How many of the newest events the home page lists; the rest are on year pages."""
    license = c.SubConfig(LicenseConfig)
    """The licence of the event texts and data, stated in ``api/events.json`` and the feed."""


class TimelinePlugin(BasePlugin[TimelineConfig]):
    supports_multiple_instances = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config_dir = Path(config.config_file_path or ".").resolve().parent
        self.events_path = (config_dir / self.config.events_dir).resolve()
        # `mkdocs serve` rebuilds when an event or a registry changes.
        config.watch.append(str(self.events_path))
        try:
            license = license_from_options(dict(self.config.license))
        except ValueError as error:
            raise PluginError(str(error)) from None
        build_date = self.pin_build_date(config_dir)
        self.options = SiteOptions(
            events_dir=self.config.events_dir,
            repo_url=self.config.repo_url or config.repo_url,
            branch=self.config.branch,
            site_url=config.site_url,
            use_directory_urls=config.use_directory_urls,
            home_limit=self.config.home_limit,
            site_name=config.site_name,
            build_date=build_date,
            license=license,
        )
        return config

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
        try:
            result = check(self.events_path)
        except LibyamlMissing as error:  # MkDocs prints a PluginError as one line
            raise PluginError(str(error)) from None
        # Validator warnings (e.g. a source without URL) are contributor advice, not build
        # problems: they must not fail `mkdocs build --strict`, so they are not log warnings.
        for warning in result.warnings:
            log.debug(warning.format_text())
        if result.warnings:
            log.info(f"timeline: {len(result.warnings)} validator warnings; "
                     "`timeline validate` lists them")
        if result.errors:
            lines = "\n".join(d.format_text() for d in result.errors)
            raise PluginError(f"the timeline's events are invalid "
                              f"({len(result.errors)} errors):\n{lines}")
        count = self.add_generated_files(result, files, config)
        log.info(f"timeline: {len(result.timeline.events)} events, {count} generated files")
        # The order MkDocs would give the same files found on disk, so the search index and
        # sitemap are the same as a plugin-less build of docs/ plus `timeline generate`.
        return Files(sorted(files, key=file_sort_key))

    def add_generated_files(self, result: Result, files: Files, config: MkDocsConfig) -> int:
        """Render each generated file into the scratch folder as it comes and add it."""
        self.remove_scratch()
        self.scratch = Path(tempfile.mkdtemp(prefix="timeline-site-"))
        self.html_pages: set[str] = set()
        folders: set[Path] = set()
        count = 0
        for src_uri, content in iter_generated_files(result.timeline, self.options):
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"docs/{src_uri} clashes with a page the timeline "
                                  "generates; rename or remove it")
            path = self.scratch / src_uri
            if path.parent not in folders:
                path.parent.mkdir(parents=True, exist_ok=True)
                folders.add(path.parent)
            path.write_text(content, encoding="utf-8")
            if body_is_html(src_uri):
                self.html_pages.add(src_uri)
            files.append(File.generated(config, src_uri, abs_src_path=str(path),
                                        inclusion=InclusionLevel.NOT_IN_NAV))
            count += 1
        return count

    def remove_scratch(self) -> None:
        if getattr(self, "scratch", None) is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None

    # Our pages' bodies are finished HTML from our templates. Python-Markdown would only
    # parse that HTML twice (raw-HTML stash, anchor scan) to give it back unchanged: at
    # 10,000 events that was over a third of the build. So MkDocs reads the front matter
    # as usual but gets an empty body to convert; the HTML is read back from the scratch
    # file just before the page's template needs it and dropped once the page is written,
    # so only one page's body is in memory at a time. `timeline generate` keeps the same
    # bodies for builders that do convert them.

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        return "" if page.file.src_uri in self.html_pages else markdown

    # The search plugin parses each page's HTML to find what to index. An event page's
    # indexed part (its summary) is a small share of the page, and parsing the rest, all
    # marked data-search-exclude, was the search plugin's biggest cost; so the search
    # plugin is handed only the part the template marks searchable (the same entries),
    # and the whole body is put back for the page's template right after.

    @event_priority(50)  # before the search plugin
    def _show_search_the_searchable_part(self, context: dict, *, page: Page,
                                         config: MkDocsConfig, nav: Navigation) -> dict:
        if page.file.src_uri in self.html_pages:
            body = _body(page.file.content_string)
            self.body_being_built = body
            page.content = _searchable_part(body)
        return context

    @event_priority(-50)  # after the search plugin
    def _restore_the_whole_body(self, context: dict, *, page: Page, config: MkDocsConfig,
                                nav: Navigation) -> dict:
        if page.file.src_uri in self.html_pages:
            page.content, self.body_being_built = self.body_being_built, None
        return context

    on_page_context = CombinedEvent(_show_search_the_searchable_part,
                                    _restore_the_whole_body)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri in self.html_pages:
            page.content = None  # written: nothing reads it again
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.remove_scratch()
        self.unpin_build_date()

    def on_build_error(self, *, error: Exception) -> None:
        self.remove_scratch()
        self.unpin_build_date()


SEARCHABLE_START, SEARCHABLE_END = "<!-- timeline:searchable -->", "<!-- /timeline:searchable -->"


def _body(source: str) -> str:
    """A generated page's source without its front matter, as MkDocs splits it."""
    front_matter = FRONT_MATTER.match(source)
    return source[front_matter.end():] if front_matter else source


def _searchable_part(body: str) -> str:
    """What the template marks searchable (see event.md.j2), else the whole body."""
    start = body.find(SEARCHABLE_START)
    end = body.find(SEARCHABLE_END, start)
    return body[start + len(SEARCHABLE_START):end] if start != -1 and end != -1 else body
