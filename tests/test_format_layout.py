"""The events tree's layout: which files are events, and what the walk reports."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from timeline.format.layout import (
    REGISTRIES,
    display_path,
    display_path_inside,
    event_file,
    event_id,
    find_event_files,
    is_event_file,
    links_outside,
)


def make_tree(events: Path) -> None:
    for relative in ["actors.yaml", "tags.yaml", "2026/2026-04-21-a.yaml",
                     "2026/2026-05-b.yml", "2026/2026-06-c.txt", "2026/.hidden.yaml",
                     ".git/x.yaml", "drafts/2026-x.yaml", "notes.md", "2025/README"]:
        (events / relative).parent.mkdir(parents=True, exist_ok=True)
        (events / relative).write_text("{}\n", encoding="utf-8")


def test_the_walk_finds_events_in_order_and_reports_unread_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_tree(Path("events"))

    found, problems = find_event_files(Path("events"))

    assert [path.as_posix() for path in found] == [
        "events/2026/2026-04-21-a.yaml", "events/2026/2026-05-b.yml",
        "events/drafts/2026-x.yaml"]
    assert [(p.path, p.code) for p in problems] == [
        (os.path.join("events", "2025", "README"), "EVT026"),
        (os.path.join("events", "2026", "2026-06-c.txt"), "EVT026")]
    assert 'rename the file to "2026-06-c.yaml"' in problems[1].message


def test_the_walk_reports_a_link_to_a_folder_and_does_not_follow_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_tree(Path("events"))
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "2027-x.yaml").write_text("{}\n", encoding="utf-8")
    os.symlink(tmp_path / "elsewhere", tmp_path / "events" / "2027")

    found, problems = find_event_files(Path("events"))

    assert not any("2027" in path.as_posix() for path in found)
    assert (problems[0].path, problems[0].code) == (os.path.join("events", "2027"), "EVT026")


def test_is_event_file_agrees_with_the_walk(tmp_path):
    make_tree(tmp_path)
    found, _ = find_event_files(tmp_path)
    every_file = [path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*")
                  if path.is_file()]

    assert sorted(r for r in every_file if is_event_file(r)) == \
        sorted(path.relative_to(tmp_path).as_posix() for path in found)
    assert not any(is_event_file(name) for name in REGISTRIES)


def test_an_event_belongs_in_its_year_folder_under_its_id():
    assert event_file(Path("events"), "2026-04-21-a", 2026) == \
        Path("events", "2026", "2026-04-21-a.yaml")
    assert event_id("2026/2026-04-21-a.yaml") == "2026-04-21-a"
    assert event_id("2026/2026-05-b.yml") == "2026-05-b"


@pytest.mark.parametrize("folder", ["events", ".", "a/b/events", "../outside/events"])
def test_the_quick_display_path_is_the_display_path(tmp_path, monkeypatch, folder):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    events = Path(folder)
    file = events / "2026" / "2026-04-21-a.yaml"

    assert display_path_inside(file, "2026/2026-04-21-a.yaml", display_path(events)) == \
        display_path(file)


def test_a_link_out_of_the_folder_is_told_from_one_within(tmp_path):
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "real.yaml").write_text("{}\n", encoding="utf-8")
    (tmp_path / "outside.yaml").write_text("{}\n", encoding="utf-8")
    os.symlink(tmp_path / "events" / "real.yaml", tmp_path / "events" / "inside.yaml")
    os.symlink(tmp_path / "outside.yaml", tmp_path / "events" / "out.yaml")

    assert not links_outside(tmp_path / "events" / "inside.yaml", tmp_path / "events")
    assert links_outside(tmp_path / "events" / "out.yaml", tmp_path / "events")
    assert not links_outside(tmp_path / "events" / "real.yaml", tmp_path / "events")
