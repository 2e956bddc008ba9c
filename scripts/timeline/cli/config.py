"""What mkdocs.yml says, read as plain data without MkDocs: the events folder and the
plugin's options, for the commands that run outside a build.

Kept apart from the site generator so that `timeline validate` and the other commands do
not import the renderer and its libraries just to find the events folder.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import yaml

from timeline.format.layout import DEFAULT_EVENTS_DIR
from timeline.site.options import SiteOptions, reproducible_build_date


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without constructing its !!python/name values."""


def _environment_value(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    """``!ENV NAME`` or ``!ENV [NAME, ..., default]``, as MkDocs reads it."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        values = loader.construct_sequence(node)
        names, default = values[:-1] or values, values[-1] if len(values) > 1 else None
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name])
    return default


_ConfigLoader.add_constructor("!ENV", _environment_value)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/",
                                    lambda loader, suffix, node: None)


def read_mkdocs_config(config_file: Path) -> dict:
    """mkdocs.yml as plain data (tags that would run code are read as null)."""
    if not config_file.is_file():
        return {}
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    return data if isinstance(data, dict) else {}


def add_events_option(parser: argparse.ArgumentParser) -> None:
    """The ``--events DIR`` option every command that reads the events takes."""
    parser.add_argument("--events", type=Path, metavar="DIR",
                        help="the events folder (default: from mkdocs.yml, else events/)")


def configured_events_dir(config_file: Path = Path("mkdocs.yml")) -> Path:
    """The events folder mkdocs.yml configures for the plugin (default: events/)."""
    plugin = timeline_plugin_options(read_mkdocs_config(config_file))
    return config_file.parent / plugin.get("events_dir", DEFAULT_EVENTS_DIR)


def configured_repo_url(config_file: Path = Path("mkdocs.yml")) -> str | None:
    """The timeline's repository as mkdocs.yml gives it (the plugin's ``repo_url``, else
    the site's), or None: the same address a build's edit links use."""
    config = read_mkdocs_config(config_file)
    for value in (timeline_plugin_options(config).get("repo_url"), config.get("repo_url")):
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def timeline_plugin_options(config: dict) -> dict:
    """The options mkdocs.yml gives the timeline plugin ({} when it gives none)."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "timeline" in plugin:
            return plugin["timeline"] or {}
    return {}


def site_options_from(config_file: Path) -> tuple[SiteOptions, Path]:
    """SiteOptions and the events folder for ``timeline generate``: the plugin's options
    validated exactly as in a build, the site's own few settings read as plain data.
    Raises ValueError, saying what is wrong."""
    # Imported here: MkDocs' config classes are only needed by this command.
    from timeline.plugin import site_options, validated_options

    config = read_mkdocs_config(config_file)
    plugin = validated_options(timeline_plugin_options(config), config_file)
    options = site_options(
        plugin, repo_url=config.get("repo_url"), site_url=config.get("site_url"),
        use_directory_urls=config.get("use_directory_urls", True),
        site_name=config.get("site_name"),
        build_date=reproducible_build_date(config_file.parent))
    return options, config_file.parent / plugin.events_dir
