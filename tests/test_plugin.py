"""The MkDocs plugin as MkDocs loads it: its options validated by MkDocs' own config
machinery, and its hooks, each called as MkDocs calls it, without a full build."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from tests.helpers import small_project
from timeline.cli.config import site_options_from
from timeline.plugin import TimelinePlugin
from timeline.site import urls


def project_with(tmp_path: Path, plugin_options: str) -> Path:
    """The small fixture site, its plugin configured with ``plugin_options`` (YAML)."""
    project = small_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - timeline\n", f"  - timeline:\n{plugin_options}"), encoding="utf-8")
    return project


def loaded(project: Path):
    """mkdocs.yml loaded and validated as `mkdocs build` does, with its plugin instance."""
    config = load_config(str(project / "mkdocs.yml"))
    return config, config.plugins["timeline"]


def test_the_plugin_options_take_their_defaults(tmp_path):
    _, plugin = loaded(small_project(tmp_path / "project"))

    assert (plugin.config.events_dir, plugin.config.branch, plugin.config.home_limit,
            plugin.config.repo_url) == ("events", "main", 100, None)


def test_mkdocs_refuses_a_home_limit_that_is_not_a_number(tmp_path):
    project = project_with(tmp_path, "      home_limit: abc\n")

    with pytest.raises(Abort):
        loaded(project)


def test_timeline_generate_refuses_the_same_option_with_the_same_check(tmp_path):
    project = project_with(tmp_path, "      home_limit: abc\n")

    with pytest.raises(ValueError, match=r"^the timeline plugin's option `home_limit`: "):
        site_options_from(project / "mkdocs.yml")


def test_timeline_generate_reads_the_options_a_build_would(tmp_path):
    project = project_with(tmp_path, "      home_limit: 7\n      branch: trunk\n")
    config, plugin = loaded(project)
    plugin.on_config(config)

    options, events = site_options_from(project / "mkdocs.yml")

    assert options == plugin.options
    assert events == project / "events"


def test_on_config_registers_the_plugins_own_stylesheet_and_script(tmp_path):
    config, plugin = loaded(small_project(tmp_path / "project"))

    plugin.on_config(config)

    assert list(config.extra_css) == list(urls.STYLESHEETS)
    assert [str(script) for script in config.extra_javascript] == list(urls.SCRIPTS)


def test_on_config_registers_them_once_when_a_site_lists_them_too(tmp_path):
    project = small_project(tmp_path / "project")
    config_file = project / "mkdocs.yml"
    config_file.write_text(config_file.read_text(encoding="utf-8")
                           + f"extra_css: [{urls.STYLESHEET}]\n", encoding="utf-8")
    config, plugin = loaded(project)

    plugin.on_config(config)

    assert list(config.extra_css) == list(urls.STYLESHEETS)


def test_on_config_watches_the_events_folder(tmp_path):
    project = small_project(tmp_path / "project")
    config, plugin = loaded(project)

    plugin.on_config(config)

    assert str((project / "events").resolve()) in config.watch


def built_files(tmp_path: Path) -> tuple[object, TimelinePlugin, Files]:
    config, plugin = loaded(small_project(tmp_path / "project"))
    plugin.on_config(config)
    # Through MkDocs' own dispatch, which records which plugin adds each file.
    files = config.plugins.on_files(Files([]), config=config)
    return config, plugin, files


def test_on_files_adds_the_generated_pages_assets_and_data(tmp_path):
    _, plugin, files = built_files(tmp_path)
    try:
        paths = {file.src_uri for file in files}
        assert {urls.HOME, urls.ACTORS_INDEX, urls.REFERENCE, urls.SCRIPT, urls.STYLESHEET,
                urls.EVENTS_JSON, urls.FEED, urls.CALENDAR} <= paths
    finally:
        plugin.on_post_build(config=None)


def test_a_finished_html_page_skips_markdown_and_gets_its_body_as_content(tmp_path):
    config, plugin, files = built_files(tmp_path)
    try:
        page = Page(None, files.get_file_from_path(urls.HOME), config)
        page.read_source(config)

        markdown = plugin.on_page_markdown(page.markdown, page=page, config=config,
                                           files=files)
        content = plugin.on_page_content("", page=page, config=config, files=files)

        assert markdown == ""
        assert content.lstrip().startswith('<div class="tl-timeline" data-order="newest">')
    finally:
        plugin.on_post_build(config=None)


def test_the_format_reference_goes_through_markdown(tmp_path):
    config, plugin, files = built_files(tmp_path)
    try:
        page = Page(None, files.get_file_from_path(urls.REFERENCE), config)
        page.read_source(config)

        markdown = plugin.on_page_markdown(page.markdown, page=page, config=config,
                                           files=files)
        content = plugin.on_page_content("<p>converted</p>", page=page, config=config,
                                         files=files)

        assert markdown.startswith("# Format reference")
        assert content == "<p>converted</p>"
    finally:
        plugin.on_post_build(config=None)


def test_a_page_of_docs_is_left_alone(tmp_path):
    config, plugin, files = built_files(tmp_path)
    try:
        file = File("about.md", str(tmp_path / "project/docs"), str(tmp_path / "site"), True)
        page = Page(None, file, config)

        assert plugin.on_page_markdown("# About", page=page, config=config,
                                       files=files) == "# About"
        assert plugin.on_page_content("<h1>About</h1>", page=page, config=config,
                                      files=files) == "<h1>About</h1>"
    finally:
        plugin.on_post_build(config=None)


def test_the_scratch_folder_is_removed_after_the_build(tmp_path):
    _, plugin, _ = built_files(tmp_path)
    scratch = plugin.scratch

    plugin.on_post_build(config=None)

    assert not scratch.exists()


# Page addresses as MkDocs makes them: no leading slash, "" for the home page, folders
# ending in "/" with directory URLs, ".html" files without.
SEGMENT = st.text(alphabet="abcxyz0-", min_size=1, max_size=4)
PAGE_SOURCE = st.lists(SEGMENT, min_size=1, max_size=4).map(lambda parts: "/".join(parts)
                                                              + ".md")


@given(PAGE_SOURCE, PAGE_SOURCE, st.booleans())
def test_relative_links_are_the_ones_mkdocs_makes(from_src, to_src, directory_urls):
    from_url = urls.page_url(from_src, directory_urls)
    to_url = urls.page_url(to_src, directory_urls)

    ours = urls.relative_url(from_url, to_url)

    assert ours == get_relative_url(to_url or ".", from_url or ".") or (
        # MkDocs writes a link to the page's own folder as "." where ours is "./".
        ours == "./" and get_relative_url(to_url or ".", from_url or ".") == ".")


def invalid_project(tmp_path: Path) -> Path:
    project = small_project(tmp_path / "project")
    event = project / "events/2026/2026-04-21-day-event.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace(
        'title: "An event on a known day"', "title: no"), encoding="utf-8")
    return project


def test_a_build_of_invalid_events_fails_naming_each_error(tmp_path, monkeypatch):
    project = invalid_project(tmp_path)
    monkeypatch.chdir(project)  # paths in messages are relative to the working folder
    config, plugin = loaded(project)
    config.plugins.on_startup(command="build", dirty=False)
    plugin.on_config(config)

    with pytest.raises(PluginError, match=r"\(1 errors\):\nevents/2026/2026-04-21-day-"
                                          r"event\.yaml:1:8: error: title must be text"):
        config.plugins.on_files(Files([]), config=config)


def test_serve_builds_invalid_events_as_no_events_and_a_notice_on_every_page(tmp_path):
    config, plugin = loaded(invalid_project(tmp_path))
    config.plugins.on_startup(command="serve", dirty=False)
    plugin.on_config(config)
    try:
        files = config.plugins.on_files(Files([]), config=config)
        page = Page(None, files.get_file_from_path(urls.HOME), config)

        output = plugin.on_post_page("<html><body><p>page</p></body></html>", page=page,
                                     config=config)

        assert output.startswith('<html><body><div class="tl-build-errors" role="alert">')
        assert "so this site shows no events" in output
        assert "<p>page</p></body></html>" in output
    finally:
        plugin.on_post_build(config=None)
