"""The MkDocs plugin: a thin adapter that validates the events and adds the generated files.

Enabled in mkdocs.yml as ``- timeline``. Nothing is written into docs/: every page, asset
and data file is added in memory with ``File.generated``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key
from mkdocs.structure.pages import Page

from timeline.generate import build_date_from_environment, generated_files
from timeline.render import SiteOptions, body_is_html
from timeline.validate import check

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class TimelineConfig(base.Config):
    events_dir = c.Type(str, default="events")
    """The events folder, relative to mkdocs.yml."""
    repo_url = c.Optional(c.Type(str))
    """Repository for "edit this event" links; defaults to the site's ``repo_url``."""
    branch = c.Type(str, default="main")
    """Branch the edit links point at."""
    home_limit = c.Type(int, default=100)
    """How many of the newest events the home page lists; the rest are on year pages."""


class TimelinePlugin(BasePlugin[TimelineConfig]):
    supports_multiple_instances = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config_dir = Path(config.config_file_path or ".").resolve().parent
        self.events_path = (config_dir / self.config.events_dir).resolve()
        # `mkdocs serve` rebuilds when an event or a registry changes.
        config.watch.append(str(self.events_path))
        self.options = SiteOptions(
            events_dir=self.config.events_dir,
            repo_url=self.config.repo_url or config.repo_url,
            branch=self.config.branch,
            site_url=config.site_url,
            use_directory_urls=config.use_directory_urls,
            home_limit=self.config.home_limit,
            site_name=config.site_name,
            build_date=build_date_from_environment(),
        )
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        result = check(self.events_path)
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
        contents = generated_files(result.timeline, self.options)
        self.html_bodies: dict[str, str] = {}
        for src_uri, content in contents.items():
            if body_is_html(src_uri):
                self.html_bodies[src_uri] = ""
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"docs/{src_uri} clashes with a page the timeline "
                                  "generates; rename or remove it")
            files.append(File.generated(config, src_uri, content=content,
                                        inclusion=InclusionLevel.NOT_IN_NAV))
        log.info(f"timeline: {len(result.timeline.events)} events, "
                 f"{len(contents)} generated files")
        # The order MkDocs would give the same files found on disk, so the search index and
        # sitemap are the same as a plugin-less build of docs/ plus `timeline generate`.
        return Files(sorted(files, key=file_sort_key))

    # Our pages' bodies are HTML from our templates. Python-Markdown would only parse that
    # HTML twice (raw-HTML stash, anchor scan) to give it back unchanged: at 10,000 events
    # that was over a third of the build. So the body skips the Markdown pass: the front
    # matter is still read by MkDocs, and the HTML is put back as the page's content.
    # `timeline generate` keeps the same bodies for builders that do convert them.

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        if page.file.src_uri in self.html_bodies:
            self.html_bodies[page.file.src_uri] = markdown
            return ""
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        body = self.html_bodies.get(page.file.src_uri)
        if body:
            self.html_bodies[page.file.src_uri] = ""  # handed over: free the memory
            return body
        return html
