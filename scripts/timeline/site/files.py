"""Everything the site adds beyond docs/: pages, assets and data files, as ``{path: content}``.

The MkDocs plugin streams them into a scratch folder of its own, which MkDocs reads from;
``timeline generate OUT_DIR`` writes the very same mapping to disk for other static-site
builders (e.g. Zensical, which runs no plugins).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib.resources import files as package_files
from pathlib import Path

from timeline.cli.config import timeline_plugin_options
from timeline.model.records import Timeline
from timeline.site.data import iter_data_files
from timeline.site.pages import License, Renderer, SiteOptions
from timeline.tools.atomic import write_text_atomically

ASSETS = {"assets/javascripts/timeline.js": "timeline.js",
          "stylesheets/timeline.css": "timeline.css"}


def generated_files(timeline: Timeline, options: SiteOptions) -> dict[str, str]:
    """Every generated file by its path in the site's source tree, in a stable order."""
    return dict(iter_generated_files(timeline, options))


def iter_generated_files(timeline: Timeline, options: SiteOptions
                         ) -> Iterator[tuple[str, str]]:
    """The same files one at a time, each rendered when it is reached, so a caller that
    stores them as it goes never holds the whole site in memory."""
    renderer = Renderer(timeline, options)
    yield from renderer.pages()
    yield from renderer.redirects()
    assets = package_files("timeline.site") / "assets"
    for target, name in ASSETS.items():
        yield target, (assets / name).read_text(encoding="utf-8")
    yield from iter_data_files(timeline, options)


def build_date_from_environment() -> datetime | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org), the only clock outputs may read."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return datetime.fromtimestamp(int(value), tz=UTC)


def last_commit_date(folder: Path) -> datetime | None:
    """When the last commit of the repository holding ``folder`` was made; None without
    git or without history (a tarball, a folder outside any repository)."""
    try:
        run = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=folder,
                             capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    value = run.stdout.strip()
    if run.returncode != 0 or not value.isdigit():
        return None
    return datetime.fromtimestamp(int(value), tz=UTC)


def reproducible_build_date(folder: Path) -> datetime | None:
    """The one date a build may write: SOURCE_DATE_EPOCH if set, else the last commit's,
    so two builds of a commit are identical on any day."""
    return build_date_from_environment() or last_commit_date(folder)


def write_generated_files(timeline: Timeline, options: SiteOptions, out_dir: Path) -> int:
    """Write the generated files under ``out_dir``; each file is replaced atomically."""
    contents = generated_files(timeline, options)
    for relative, content in contents.items():
        target = out_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(target, content)
    return len(contents)


def options_from_mkdocs_yaml(config: dict, config_dir: Path) -> tuple[SiteOptions, Path]:
    """SiteOptions and the events folder, read from mkdocs.yml's plain data."""
    plugin = timeline_plugin_options(config)
    events_dir = plugin.get("events_dir", "events")
    options = SiteOptions(
        events_dir=events_dir,
        repo_url=plugin.get("repo_url") or config.get("repo_url"),
        branch=plugin.get("branch", "main"),
        site_url=config.get("site_url"),
        use_directory_urls=config.get("use_directory_urls", True),
        home_limit=plugin.get("home_limit", 100),
        site_name=config.get("site_name") or SiteOptions.site_name,
        build_date=reproducible_build_date(config_dir),
        license=license_from_options(plugin.get("license")),
    )
    return options, config_dir / events_dir


def license_from_options(value: object) -> License | None:
    """The plugin's ``license`` option (``id``, ``name``, ``url``) as a License, if set.

    Raises ValueError, saying what is missing, when it is set but incomplete.
    """
    keys = ("id", "name", "url")
    if value is None or (isinstance(value, dict) and all(value.get(k) is None for k in keys)):
        return None
    if not isinstance(value, dict) or not all(isinstance(value.get(k), str) for k in keys):
        raise ValueError("the timeline plugin's `license` option needs `id`, `name` and "
                         "`url`, each as text (see docs/export.md)")
    return License(spdx_id=value["id"], name=value["name"], url=value["url"])
