"""Everything the site adds beyond docs/: pages, assets and data files, as ``{path: content}``.

The MkDocs plugin serves these from memory; ``timeline generate OUT_DIR`` writes the very
same mapping to disk for other static-site builders (e.g. Zensical, which runs no plugins).
"""

from __future__ import annotations

from importlib.resources import files as package_files
from pathlib import Path

import yaml

from timeline.files import write_text_atomically
from timeline.model import Timeline
from timeline.render import SiteOptions, render_pages

ASSETS = {"assets/javascripts/timeline.js": "timeline.js"}


def generated_files(timeline: Timeline, options: SiteOptions) -> dict[str, str]:
    """Every generated file by its path in the site's source tree, in a stable order."""
    result = render_pages(timeline, options)
    assets = package_files("timeline") / "assets"
    for target, name in ASSETS.items():
        result[target] = (assets / name).read_text(encoding="utf-8")
    return result


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
    )
    return options, config_dir / events_dir


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without constructing its !ENV or !!python/name values."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/",
                                    lambda loader, suffix, node: None)


def read_mkdocs_config(config_file: Path) -> dict:
    """mkdocs.yml as plain data (tags that would run code are read as null)."""
    if not config_file.is_file():
        return {}
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    return data if isinstance(data, dict) else {}


def timeline_plugin_options(config: dict) -> dict:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "timeline" in plugin:
            return plugin["timeline"] or {}
    return {}
