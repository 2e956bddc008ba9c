"""`timeline ids`: no event id of the base (a git ref or a published api/events.json) may
disappear, unless an event keeps it as an alias.

Each test builds a throwaway git repository from the validator's base fixture: the first
commit is the base, a second commit renames, deletes or corrects an event.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.helpers import build_events, run_cli
from timeline.tools import ids

OTHER = "2026/2026-05-other-event.yaml"  # one of the two events of the base fixture
RENAMED = "2026/2026-05-12-other-event.yaml"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.com",
                    "-c", "commit.gpgsign=false", *args], cwd=repo, check=True,
                   capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose first commit holds the base fixture's events; cwd is its root."""
    build_events(tmp_path)
    git(tmp_path, "init", "--quiet", "--initial-branch=main")
    git(tmp_path, "add", "events")
    git(tmp_path, "commit", "--quiet", "-m", "base")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "--all", "events")
    git(repo, "commit", "--quiet", "-m", message)


def rename(repo: Path, old: str, new: str, date: str | None = None) -> Path:
    target = repo / "events" / new
    (repo / "events" / old).rename(target)
    if date:
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace('date: "2026-05"', f'date: "{date}"'),
                          encoding="utf-8")
    return target


def add_lines(file: Path, lines: str) -> None:
    file.write_text(file.read_text(encoding="utf-8") + lines, encoding="utf-8")


def published_json(path: Path, ids: list[str], aliases: dict[str, list[str]] | None = None
                   ) -> Path:
    events = [{"id": event_id, **({"aliases": aliases[event_id]}
                                  if aliases and event_id in aliases else {})}
              for event_id in ids]
    path.write_text(json.dumps({"schema_version": 1, "events": events}), encoding="utf-8")
    return path


# -- against a git ref ---------------------------------------------------------------------


def test_nothing_changed_passes_with_a_summary(repo, capsys):
    result = run_cli(capsys, "ids", "--base-ref", "main", "--events", "events")

    assert (result.code, result.out, result.err) == (
        0, "", "timeline ids: all 2 event ids of main are still here\n")


def test_a_rename_without_alias_fails_and_names_the_id_and_the_fix(repo, capsys):
    rename(repo, OTHER, RENAMED, date="2026-05-12")
    commit(repo, "rename")

    result = run_cli(capsys, "ids", "--base-ref", "HEAD~1", "--events", "events")

    assert result.code == 1
    assert result.out == (
        'error: event id "2026-05-other-event" of HEAD~1 has disappeared, so its address '
        "would break; restore the file, or add `aliases: [2026-05-other-event]` to the "
        "renamed event (perhaps events/2026/2026-05-12-other-event.yaml)\n")
    assert result.err == "timeline ids: 1 of 2 event ids of HEAD~1 have disappeared\n"


def test_a_rename_with_the_old_id_as_alias_passes(repo, capsys):
    renamed = rename(repo, OTHER, RENAMED, date="2026-05-12")
    add_lines(renamed, "aliases:\n  - 2026-05-other-event\n")
    commit(repo, "rename, keeping the old address")

    result = run_cli(capsys, "ids", "--base-ref", "HEAD~1", "--events", "events")

    assert (result.code, result.out, result.err) == (
        0, "", "timeline ids: all 2 event ids of HEAD~1 are still here "
               "(1 kept as alias)\n")


def test_a_deleted_event_fails(repo, capsys):
    (repo / "events" / OTHER).unlink()
    commit(repo, "delete")

    result = run_cli(capsys, "ids", "--base-ref", "HEAD~1", "--events", "events")

    assert result.code == 1
    assert result.out == (
        'error: event id "2026-05-other-event" of HEAD~1 has disappeared, so its address '
        "would break; restore the file, or add `aliases: [2026-05-other-event]` to the "
        "renamed event\n")


def test_a_retracted_event_keeps_its_id(repo, capsys):
    add_lines(repo / "events" / OTHER,
              'retracted:\n  date: "2026-06"\n  reason: "The memo was a forgery"\n')
    commit(repo, "retract")

    result = run_cli(capsys, "ids", "--base-ref", "HEAD~1", "--events", "events")

    assert result.code == 0


def test_an_event_marked_duplicate_keeps_its_id(repo, capsys):
    add_lines(repo / "events" / OTHER, "duplicate_of: 2026-04-21-base-event\n")
    commit(repo, "mark duplicate")

    result = run_cli(capsys, "ids", "--base-ref", "HEAD~1", "--events", "events")

    assert result.code == 0


def test_uncommitted_changes_count_too(repo, capsys):
    (repo / "events" / OTHER).unlink()

    result = run_cli(capsys, "ids", "--base-ref", "main", "--events", "events")

    assert result.code == 1


def test_dropping_a_published_alias_fails(repo, capsys):
    renamed = rename(repo, OTHER, RENAMED, date="2026-05-12")
    add_lines(renamed, "aliases:\n  - 2026-05-other-event\n")
    commit(repo, "rename, keeping the old address")
    renamed.write_text(renamed.read_text(encoding="utf-8").split("aliases:")[0],
                       encoding="utf-8")
    commit(repo, "drop the alias")

    result = run_cli(capsys, "ids", "--base-ref", "HEAD~1", "--events", "events")

    assert result.code == 1
    assert result.out == (
        'error: former event id "2026-05-other-event" (an alias of "2026-05-12-other-event" '
        "in HEAD~1) has disappeared, so its address would break; put it back in the "
        'aliases of "2026-05-12-other-event" (events/2026/2026-05-12-other-event.yaml)\n')


def test_ids_come_from_file_names_even_when_a_file_does_not_parse(repo, capsys):
    (repo / "events" / OTHER).write_text("title: [unclosed\n", encoding="utf-8")
    commit(repo, "break the file")

    result = run_cli(capsys, "ids", "--base-ref", "HEAD~1", "--events", "events")

    assert result.code == 0


def test_registries_and_hidden_files_are_not_events(repo, capsys):
    (repo / "events" / "2026" / ".draft.yaml").write_text("title: x\n", encoding="utf-8")
    commit(repo, "a hidden draft")
    (repo / "events" / "2026" / ".draft.yaml").unlink()
    (repo / "events" / "tags.yaml").write_text("{}\n", encoding="utf-8")

    result = run_cli(capsys, "ids", "--base-ref", "HEAD", "--events", "events")

    assert (result.code, result.err) == (
        0, "timeline ids: all 2 event ids of HEAD are still here\n")


def test_an_events_folder_below_the_repository_root(tmp_path, monkeypatch, capsys):
    build_events(tmp_path / "site")
    git(tmp_path, "init", "--quiet", "--initial-branch=main")
    git(tmp_path, "add", "site")
    git(tmp_path, "commit", "--quiet", "-m", "base")
    (tmp_path / "site" / "events" / OTHER).unlink()
    monkeypatch.chdir(tmp_path / "site")

    result = run_cli(capsys, "ids", "--base-ref", "main", "--events", "events")

    assert result.code == 1
    assert result.out.startswith('error: event id "2026-05-other-event" of main ')


def test_github_format_prints_an_annotation_on_the_renamed_file(repo, capsys):
    rename(repo, OTHER, RENAMED, date="2026-05-12")

    result = run_cli(capsys, "ids", "--base-ref", "main", "--events", "events",
                     "--format", "github")

    assert result.out == (
        "::error file=events/2026/2026-05-12-other-event.yaml,title=Event id disappeared::"
        'event id "2026-05-other-event" of main has disappeared, so its address would '
        "break; restore the file, or add `aliases: [2026-05-other-event]` to the renamed "
        "event (perhaps events/2026/2026-05-12-other-event.yaml)\n")


def test_an_unknown_ref_is_a_usage_error(repo, capsys):
    result = run_cli(capsys, "ids", "--base-ref", "no-such-branch", "--events", "events")

    assert (result.code, result.out, result.err) == (
        2, "", 'timeline ids: git does not know the ref "no-such-branch"; fetch it first, '
               "e.g. git fetch origin main\n")


def test_an_events_folder_outside_git_is_a_usage_error(tmp_path, monkeypatch, capsys):
    build_events(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))

    result = run_cli(capsys, "ids", "--base-ref", "main", "--events", "events")

    assert result.code == 2
    assert result.err.startswith("timeline ids: git rev-parse failed: fatal: not a git "
                                 "repository")


def test_a_base_is_required(repo, capsys):
    result = run_cli(capsys, "ids", "--events", "events")

    assert (result.code, result.err) == (
        2, "timeline ids: give a base to compare with: --base-ref REF and/or "
           "--base-json FILE_OR_URL\n")


# -- against the published api/events.json -------------------------------------------------


def test_json_base_a_rename_without_alias_fails(repo, capsys):
    published = published_json(repo / "events.json",
                               ["2026-04-21-base-event", "2026-05-other-event"])
    rename(repo, OTHER, RENAMED, date="2026-05-12")

    result = run_cli(capsys, "ids", "--base-json", str(published), "--events", "events")

    assert result.code == 1
    assert result.out == (
        f'error: event id "2026-05-other-event" of {published} has disappeared, so its '
        "address would break; restore the file, or add `aliases: [2026-05-other-event]` "
        "to the renamed event (perhaps events/2026/2026-05-12-other-event.yaml)\n")
    assert result.err == f"timeline ids: 1 of 2 event ids of {published} have disappeared\n"


def test_json_base_a_rename_with_alias_passes(repo, capsys):
    published = published_json(repo / "events.json",
                               ["2026-04-21-base-event", "2026-05-other-event"])
    add_lines(rename(repo, OTHER, RENAMED, date="2026-05-12"),
              "aliases:\n  - 2026-05-other-event\n")

    result = run_cli(capsys, "ids", "--base-json", str(published), "--events", "events")

    assert (result.code, result.err) == (
        0, f"timeline ids: all 2 event ids of {published} are still here "
           "(1 kept as alias)\n")


def test_json_base_aliases_it_lists_must_stay(repo, capsys):
    published = published_json(repo / "events.json",
                               ["2026-04-21-base-event", "2026-05-other-event"],
                               aliases={"2026-05-other-event": ["2026-05-brin-memo"]})

    result = run_cli(capsys, "ids", "--base-json", str(published), "--events", "events")

    assert result.code == 1
    assert result.out.startswith('error: former event id "2026-05-brin-memo" (an alias of '
                                 f'"2026-05-other-event" in {published}) has disappeared')


def test_both_bases_at_once(repo, capsys):
    published = published_json(repo / "events.json", ["2026-03-published-only"])

    result = run_cli(capsys, "ids", "--base-ref", "main", "--base-json", str(published),
                     "--events", "events")

    assert result.code == 1
    assert result.out.count("error: ") == 1
    assert result.err == (
        "timeline ids: all 2 event ids of main are still here\n"
        f"timeline ids: 1 of 1 event ids of {published} have disappeared\n")


@pytest.mark.parametrize(("content", "problem"), [
    ("not json", ": not a readable events.json (not valid JSON: Expecting value at line 1 "
                 "column 1); pass the api/events.json of a published build"),
    ("[" * 100_000, ": not a readable events.json (nested too deeply to read); pass the "
                    "api/events.json of a published build"),
    ('{"schema_version": 1, "events": [' + "9" * 5000 + "]}",
     ": not a readable events.json (a number with too many digits); pass the "
     "api/events.json of a published build"),
    ('{"schema_version": 2, "events": []}',
     'is not an api/events.json of schema_version 1 (expected {"schema_version": 1, '
     '"events": [...]})'),
    ('{"schema_version": true, "events": []}',
     'is not an api/events.json of schema_version 1 (expected {"schema_version": 1, '
     '"events": [...]})'),
    ('{"schema_version": 1.0, "events": []}',
     'is not an api/events.json of schema_version 1 (expected {"schema_version": 1, '
     '"events": [...]})'),
    ('{"schema_version": 1, "events": [{"title": "no id"}]}', ": events[0] has no text id"),
])
def test_an_unreadable_json_base_is_a_usage_error(content, problem, repo, capsys):
    published = repo / "events.json"
    published.write_text(content, encoding="utf-8")

    result = run_cli(capsys, "ids", "--base-json", str(published), "--events", "events")

    assert (result.code, result.out, result.err) == (
        2, "", f"timeline ids: {published}{' ' if problem[0] != ':' else ''}{problem}\n")


def test_a_missing_json_file_is_a_usage_error(repo, capsys):
    result = run_cli(capsys, "ids", "--base-json", "missing.json", "--events", "events")

    assert (result.code, result.err) == (
        2, "timeline ids: cannot read missing.json: No such file or directory\n")


NOT_REGULAR = ("not a readable events.json (not a regular file, but a pipe, device or "
               "folder); pass the api/events.json of a published build")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_refused_without_reading_it(repo, capsys):
    result = run_cli(capsys, "ids", "--base-json", "/dev/zero", "--events", "events")

    assert (result.code, result.out, result.err) == (
        2, "", f"timeline ids: /dev/zero: {NOT_REGULAR}\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_waiting_for_a_writer(repo, capsys):
    os.mkfifo(repo / "events.json")

    result = run_cli(capsys, "ids", "--base-json", "events.json", "--events", "events")

    assert (result.code, result.out, result.err) == (
        2, "", f"timeline ids: events.json: {NOT_REGULAR}\n")


def test_a_folder_is_refused(repo, capsys):
    result = run_cli(capsys, "ids", "--base-json", "events", "--events", "events")

    assert (result.code, result.out, result.err) == (
        2, "", f"timeline ids: events: {NOT_REGULAR}\n")


def test_a_file_over_the_size_limit_is_refused(repo, capsys, monkeypatch):
    monkeypatch.setattr(ids, "MAX_BASE_JSON_BYTES", 10)
    (repo / "events.json").write_text('{"schema_version": 1, "events": []}',
                                      encoding="utf-8")

    result = run_cli(capsys, "ids", "--base-json", "events.json", "--events", "events")

    assert (result.code, result.out, result.err) == (
        2, "", "timeline ids: events.json: not a readable events.json (over the limit of "
               "10 bytes); pass the api/events.json of a published build\n")
