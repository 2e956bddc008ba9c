"""Smoke test of the real timeline: the one test module that reads `events/`.

It checks only what must hold for any valid set of events: they validate, and the real
site builds with `mkdocs build --strict`, with a page for every event and no broken
internal link. It names no event and counts nothing, so a pull request that adds a valid
event cannot change its outcome. What the site does with events is specified on fixture
sites (``tests/conftest.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import REPO, broken_internal_links, event_files, mkdocs_build, run_cli

REAL_EVENTS = REPO / "events"


@pytest.fixture(scope="module")
def real_site(tmp_path_factory) -> Path:
    """The real site, built from the repository by `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("real-site") / "site"
    mkdocs_build(REPO, site)
    return site


def test_the_real_events_validate_without_errors(monkeypatch, capsys):
    monkeypatch.chdir(REPO)

    result = run_cli(capsys, "validate")

    assert result.code == 0, result.out


def test_the_real_site_builds_with_strict(real_site):
    assert (real_site / "index.html").is_file()


def test_every_real_event_has_a_page(real_site):
    missing = [path.stem for path in event_files(REAL_EVENTS)
               if not (real_site / "events" / path.stem / "index.html").is_file()]
    assert missing == []


def test_the_real_site_has_no_broken_internal_link(real_site):
    assert broken_internal_links(real_site) == []


def test_building_the_real_site_writes_nothing_into_docs(real_site):
    assert not (REPO / "docs" / "events").exists()
    assert not (REPO / "docs" / "index.md").exists()
