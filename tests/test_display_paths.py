"""Messages name an event file by its path relative to the working folder, wherever the
command runs from and however the events folder is given."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import build_events, write_event
from timeline.check import check

BROKEN = "2026/2026-04-broken.yaml"


@pytest.fixture
def events(tmp_path: Path) -> Path:
    events = build_events(tmp_path / "project")
    write_event(events, BROKEN, 'title: "Only a title"\n')
    (tmp_path / "elsewhere").mkdir()
    return events


@pytest.mark.parametrize(("working_folder", "events_as_given"), [
    ("project", "events"),
    ("project", "./events/"),
    ("project/events", "."),
    ("project/events/2026", ".."),
    ("project/events/2026", "../../events"),
    ("elsewhere", "../project/events"),
    ("elsewhere", "ABSOLUTE"),
    ("project/events", "ABSOLUTE"),
])
def test_a_file_is_named_relative_to_the_working_folder(events, working_folder,
                                                          events_as_given, monkeypatch):
    monkeypatch.chdir(events.parent.parent / working_folder)
    given = events if events_as_given == "ABSOLUTE" else Path(events_as_given)

    named = {d.path for d in check(given, today=date(2026, 7, 1)).diagnostics}

    assert named == {os.path.relpath(events / BROKEN)}
