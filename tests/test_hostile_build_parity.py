"""What `timeline validate` says of a hostile file is what the build says: the same lines,
at the same file, line and column, and what validate accepts builds.

Each file of the hostile corpus (tests/fixtures/hostile/) is committed as an event of the
small fixture site; the validator's lines are compared with the plugin's refusal, as
MkDocs runs the plugin (its config loaded and validated by MkDocs, its hooks dispatched by
MkDocs), without writing a site.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from tests.helpers import small_project
from timeline.check import check

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
EVENT = "events/2026/2026-04-21-hostile.yaml"


def project_with(name: str, tmp_path: Path) -> Path:
    project = small_project(tmp_path / "project")
    shutil.copyfile(HOSTILE / name, project / EVENT)
    return project


def plugin_refusal(project: Path) -> str | None:
    """The plugin's error for the project's events, or None when it builds them."""
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    try:
        config.plugins.on_files(Files([]), config=config)
    except PluginError as error:
        return str(error)
    finally:
        config.plugins.on_post_build(config=config)
    return None


@pytest.mark.parametrize("name", sorted(path.name for path in HOSTILE.glob("*.yaml")))
def test_the_build_says_what_validate_says_of_a_hostile_file(name, tmp_path, monkeypatch):
    project = project_with(name, tmp_path)
    monkeypatch.chdir(project)  # both name files relative to the working folder

    errors = [d.format_text() for d in check(Path("events")).errors]
    refusal = plugin_refusal(project)

    if errors:
        assert refusal is not None, "validate refuses the file but the build accepts it"
        assert refusal.splitlines()[1:] == errors
    else:
        assert refusal is None, f"validate accepts the file but the build says: {refusal}"
