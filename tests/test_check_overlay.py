"""`check(..., overlay=...)`: files about to be written, checked from their text as if
they were on the disk, without writing anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import build_events
from timeline.check import Result, check
from timeline.format.diagnostics import Diagnostic
from timeline.read.load import MAX_FILE_BYTES, load_bytes, load_text

NEW_EVENT = Path("events/2026/2026-04-22-new-event.yaml")
EVENT_TEXT = (
    'title: "A <b>bold</b> team"\ndate: "2026-04-22"\nstatus: reported\n'
    'summary: "A team was formed."\nactors:\n  - {actor}\n'
    'sources:\n  - title: "A team"\n    url: "https://example.com/a-team"\n')
NEW_LAB = 'new-lab:\n  name: "New Lab"\n  kind: organization\n'


def event_text(actor: str = "gemini", title: str = "A team") -> str:
    return EVENT_TEXT.replace("A <b>bold</b> team", title).format(actor=actor)


def tree(root: Path) -> dict[str, bytes | None]:
    """Every file and folder under ``root`` (folders as None), to compare before and after."""
    return {path.relative_to(root).as_posix(): path.read_bytes() if path.is_file() else None
            for path in sorted(root.rglob("*"))}


def shown(result: Result) -> tuple[list[str], list[str], list[str] | None]:
    """What a result says: its diagnostics, the others', and the events of its timeline."""
    events = None if result.timeline is None else [
        (event.id, event.path) for event in result.timeline.events]
    return ([d.format_text() for d in result.diagnostics],
            [d.format_text() for d in result.others], events)


@pytest.fixture
def events(tmp_path, monkeypatch) -> Path:
    build_events(tmp_path)
    monkeypatch.chdir(tmp_path)
    return Path("events")


def test_an_overlay_event_is_checked_as_if_written_under_its_real_path(events):
    overlay = {NEW_EVENT: EVENT_TEXT.format(actor="gemini")}

    result = check(events, only=[NEW_EVENT], overlay=overlay)

    assert result.diagnostics == [Diagnostic(
        "events/2026/2026-04-22-new-event.yaml", 1, 8, "EVT043",
        'title contains HTML markup "<b>"; titles are plain text')]
    assert result.timeline is None


def test_a_valid_overlay_event_is_in_the_timeline(events):
    result = check(events, overlay={NEW_EVENT: event_text()})

    assert result.diagnostics == []
    assert [event.id for event in result.timeline.events] == [
        "2026-04-21-base-event", "2026-04-22-new-event", "2026-05-other-event"]
    assert result.files_checked == 5


def test_an_overlay_registry_entry_makes_an_actor_known(events):
    actors = events / "actors.yaml"
    unknown = check(events, only=[NEW_EVENT], overlay={NEW_EVENT: event_text("new-lab")})
    overlay = {actors: actors.read_text(encoding="utf-8") + NEW_LAB,
               NEW_EVENT: event_text("new-lab")}

    known = check(events, only=[NEW_EVENT], overlay=overlay)

    assert [d.code for d in unknown.diagnostics] == ["EVT030"]
    assert known.diagnostics == []
    assert "new-lab" in known.timeline.actors


def test_an_overlay_registry_is_read_even_where_none_is_on_the_disk(events):
    tags = events / "tags.yaml"
    tags.unlink()
    overlay = {tags: 'coding-agents:\n  name: "Coding agents"\n  description: "Agents"\n'}

    assert [d.code for d in check(events).diagnostics] == ["EVT044"]
    assert check(events, overlay=overlay).diagnostics == []


def test_the_disk_is_untouched(events):
    before = tree(events)
    new_year = Path("events/2025/2025-new-event.yaml")
    overlay = {events / "actors.yaml": NEW_LAB, NEW_EVENT: event_text("new-lab"),
               new_year: event_text().replace('"2026-04-22"', '"2025"')}

    check(events, overlay=overlay)

    assert tree(events) == before
    assert not new_year.parent.exists()


@pytest.mark.parametrize("overlay", [
    pytest.param({NEW_EVENT: EVENT_TEXT.format(actor="new-lab")}, id="errors"),
    pytest.param({Path("events/actors.yaml"): NEW_LAB}, id="a-changed-registry"),
    # The same id three times: "also used by" lists the others in the walk's order.
    pytest.param({Path(f"events/{year}/2026-04-21-base-event.yaml"): event_text()
                  for year in ("2025", "2027")}, id="duplicate-ids-in-new-folders"),
    pytest.param({Path("events/2026/2026-04-21-base-event.yaml"): event_text(title="<i>")},
                 id="a-file-on-the-disk-replaced"),
    pytest.param({Path("events/2026-04-22-new-event.yaml"): event_text(),
                  Path("events/2026/sub/2026-04-22-new-event.yaml"): event_text(),
                  Path("events/.hidden/2026-04-22-x.yaml"): event_text()}, id="odd-places"),
])
def test_an_overlay_says_what_the_files_would_once_written(tmp_path, monkeypatch, overlay):
    for name in ("overlay", "written"):
        build_events(tmp_path / name)
    monkeypatch.chdir(tmp_path / "overlay")
    with_overlay = check(Path("events"), only=list(overlay), overlay=overlay)
    monkeypatch.chdir(tmp_path / "written")
    for file, text in overlay.items():
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")

    written = check(Path("events"), only=list(overlay))

    assert shown(with_overlay) == shown(written)
    assert with_overlay.files_checked == written.files_checked


def test_without_an_overlay_check_is_unchanged(tmp_path, monkeypatch):
    events = build_events(tmp_path, "three-broken-files")
    monkeypatch.chdir(tmp_path)

    plain = check(Path("events"))

    assert shown(check(Path("events"), overlay={})) == shown(plain)
    assert shown(check(Path("events"), overlay=None)) == shown(plain)
    assert plain.diagnostics and plain.others == []
    assert events.is_dir()


def test_only_leaves_the_other_files_problems_in_others(tmp_path, monkeypatch):
    build_events(tmp_path, "three-broken-files")
    monkeypatch.chdir(tmp_path)
    everything = check(Path("events")).diagnostics
    first = Path(everything[0].path)

    result = check(Path("events"), only=[first])

    assert sorted(result.diagnostics + result.others, key=Diagnostic.sort_key) == everything
    assert {d.path for d in result.others}.isdisjoint({first.as_posix()})


def test_an_overlay_file_outside_the_events_folder_is_refused(events):
    with pytest.raises(ValueError, match="not inside the events folder"):
        check(events, overlay={Path("elsewhere/2026/x.yaml"): event_text()})


def test_load_text_has_the_size_limit_of_files():
    text = "title: " + "x" * MAX_FILE_BYTES + "\n"

    assert load_text(text, "new.yaml") == (None, [Diagnostic(
        "new.yaml", 1, 1, "EVT003", f"file is over the limit of {MAX_FILE_BYTES:,} bytes")])
    assert load_text("title: x\n", "new.yaml")[0].data == \
        load_bytes(b"title: x\n", "new.yaml")[0].data


def test_load_text_reports_a_lone_surrogate_as_text_that_is_not_utf8():
    document, problems = load_text("title: \udcff\n", "new.yaml")

    assert document is None
    assert [(d.line, d.column, d.code) for d in problems] == [(1, 8, "EVT002")]
