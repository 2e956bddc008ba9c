"""Editors validate event files against the schemas their modeline names, in this
repository and in any timeline project: the modeline names a schema that exists there,
and every site publishes its schemas at a stable address."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import REPO
from timeline.format.schema import SCHEMA_DIR, modeline_path
from timeline.tools.fmt import SCHEMA_COMMENT, format_file

MODELINE = "# yaml-language-server: $schema="


def project_with_schemas(root: Path) -> Path:
    """A timeline project as `timeline init` lays it out: schema/ beside events/."""
    (root / "events" / "2026").mkdir(parents=True)
    shutil.copytree(SCHEMA_DIR, root / "schema", ignore=shutil.ignore_patterns("*.py",
                                                                              "__pycache__"))
    return root / "events"


def test_in_a_project_with_a_schema_folder_an_event_names_that_folder(tmp_path):
    events = project_with_schemas(tmp_path)
    assert modeline_path("event", events, events / "2026") == "../../schema/event.schema.json"


def test_in_a_project_with_a_schema_folder_a_registry_names_that_folder(tmp_path):
    events = project_with_schemas(tmp_path)
    assert modeline_path("actors", events, events) == "../schema/actors.schema.json"


def test_in_this_repository_the_modeline_names_the_packages_schema():
    events = REPO / "events"
    path = modeline_path("event", events, events / "2026")
    assert path == "../../scripts/timeline/format/schema/event.schema.json"


def test_without_a_schema_anywhere_the_modeline_names_where_init_puts_it(tmp_path):
    (tmp_path / "events").mkdir()
    assert modeline_path("tags", tmp_path / "events", tmp_path / "events") == \
        "../schema/tags.schema.json"


def test_fmt_gives_an_event_without_a_modeline_the_projects_schema(tmp_path):
    events = project_with_schemas(tmp_path)
    event = events / "2026" / "2026-04-21-an-event.yaml"
    event.write_text('title: "An event"\ndate: "2026-04-21"\nstatus: reported\n'
                     'summary: "It happened."\nactors:\n  - example\nsources:\n'
                     '  - title: "A report"\n    url: "https://example.com/a"\n',
                     encoding="utf-8")
    formatted = format_file(event, "events/2026/2026-04-21-an-event.yaml", events)
    assert formatted.startswith(f"{MODELINE}../../schema/event.schema.json\n")


@pytest.mark.parametrize("path", sorted((REPO / "events").rglob("*.yaml")),
                         ids=lambda p: p.name)
def test_every_real_file_names_a_schema_that_exists(path):
    match = SCHEMA_COMMENT.match(path.read_text(encoding="utf-8").splitlines()[0])
    assert match and (path.parent / match.group(1)).resolve().is_file()


@pytest.mark.parametrize("kind", ["event", "actors", "tags"])
def test_the_site_publishes_each_schema_under_schema(small_site, kind):
    published = json.loads((small_site.root / "schema" / f"{kind}.schema.json").read_text())
    assert published == json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text())
