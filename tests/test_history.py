"""`read_history`: each event file's added and updated days, from the commits that hold it.

Each test builds a real repository in ``tmp_path`` with commits on chosen days; the
machine's git configuration is kept out (``GIT_CONFIG_GLOBAL``, ``GIT_CONFIG_NOSYSTEM``).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from timeline.read.history import FileDates, read_history

EVENT = "2026/2026-06-x.yaml"


@pytest.fixture(autouse=True)
def own_git_settings(monkeypatch):
    """Commits by a fixed person, no global or system configuration, no outer repository."""
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_CEILING_DIRECTORIES"):
        monkeypatch.delenv(name, raising=False)
    for name, value in {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
                        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
                        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}.items():
        monkeypatch.setenv(name, value)


def git(repo: Path, *args: str, when: str | None = None) -> str:
    """git's output; ``when`` (ISO 8601, a day alone meaning its noon UTC) dates a commit."""
    env = dict(os.environ)
    if when:
        stamp = when if "T" in when else f"{when}T12:00:00+00:00"
        env |= {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    done = subprocess.run(["git", *args], cwd=repo, env=env, check=True,
                          capture_output=True, text=True)
    return done.stdout.strip()


def commit(repo: Path, when: str, files: dict[str, str | None] | None = None) -> str:
    """A commit on ``when`` writing ``files`` (None deletes one), paths inside events/;
    its full hash."""
    for name, text in (files or {}).items():
        path = repo / "events" / name
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--allow-empty", "-m", f"on {when}", when=when)
    return git(repo, "rev-parse", "HEAD")


def event(title: str) -> str:
    """An event file's text: enough lines that an edited title keeps it a rename."""
    return f"id: x\ntitle: {title}\n" + "".join(f"line {n}: unchanged\n" for n in range(20))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "events").mkdir(parents=True)
    git(repo, "init", "--quiet", "--initial-branch=main")
    return repo


def dates(added: str, updated: str) -> FileDates:
    return FileDates(dt.date.fromisoformat(added), dt.date.fromisoformat(updated))


# -- added and updated ---------------------------------------------------------------------


def test_an_event_added_then_changed_has_the_day_of_each(repo):
    commit(repo, "2026-09-15", {EVENT: event("First")})
    commit(repo, "2026-10-20", {EVENT: event("Second")})
    history = read_history(repo / "events")
    assert history.known and history.unknown_because == ""
    assert history.of(EVENT) == dates("2026-09-15", "2026-10-20")


def test_an_event_never_changed_was_updated_the_day_it_was_added(repo):
    commit(repo, "2026-09-15", {EVENT: event("First")})
    commit(repo, "2026-10-20", {"2026/2026-07-other.yaml": event("Other")})
    assert read_history(repo / "events").of(EVENT) == dates("2026-09-15", "2026-09-15")


def test_the_last_of_several_changes_is_the_updated_day(repo):
    commit(repo, "2026-01-02", {EVENT: event("One")})
    for day, title in (("2026-02-03", "Two"), ("2026-03-04", "Three"), ("2026-04-05", "Four")):
        commit(repo, day, {EVENT: event(title)})
    commit(repo, "2026-05-06", {"actors.yaml": "actors: []\n"})
    assert read_history(repo / "events").of(EVENT) == dates("2026-01-02", "2026-04-05")


def test_every_file_of_the_folder_is_dated_by_its_path_inside_it_and_none_outside(repo):
    commit(repo, "2026-01-02", {EVENT: event("One"), "actors.yaml": "actors: []\n"})
    (repo / "README.md").write_text("outside\n", encoding="utf-8")
    commit(repo, "2026-01-03")
    assert dict(read_history(repo / "events").files) == {
        EVENT: dates("2026-01-02", "2026-01-02"),
        "actors.yaml": dates("2026-01-02", "2026-01-02")}


def test_an_events_folder_at_the_top_of_its_repository_is_read_too(tmp_path):
    git(tmp_path, "init", "--quiet", "--initial-branch=main")
    (tmp_path / "2026").mkdir()
    (tmp_path / "2026" / "a.yaml").write_text("a\n", encoding="utf-8")
    git(tmp_path, "add", "--all")
    git(tmp_path, "commit", "--quiet", "-m", "add", when="2026-02-01")
    assert read_history(tmp_path).files == {"2026/a.yaml": dates("2026-02-01", "2026-02-01")}


# -- renames, deletions, merges ------------------------------------------------------------


def test_a_renamed_and_edited_event_keeps_its_first_added_day_and_is_updated_that_day(repo):
    commit(repo, "2026-03-01", {"2026/old-id.yaml": event("Old title")})
    commit(repo, "2026-03-05", {"2026/old-id.yaml": event("Old title, fixed")})
    git(repo, "mv", "events/2026/old-id.yaml", "events/2026/new-id.yaml")
    commit(repo, "2026-04-10", {"2026/new-id.yaml": event("New title") + "aliases: [old]\n"})
    history = read_history(repo / "events")
    assert history.of("2026/new-id.yaml") == dates("2026-03-01", "2026-04-10")
    assert history.of("2026/old-id.yaml") is None


def test_a_pure_rename_is_not_an_update(repo):
    commit(repo, "2026-03-01", {"2026/old-id.yaml": event("Title")})
    git(repo, "mv", "events/2026/old-id.yaml", "events/2026/new-id.yaml")
    commit(repo, "2026-04-10")
    assert read_history(repo / "events").of("2026/new-id.yaml") == dates("2026-03-01",
                                                                          "2026-03-01")


def test_an_event_renamed_twice_keeps_the_day_of_the_first_name(repo):
    commit(repo, "2026-03-01", {"a.yaml": event("A")})
    git(repo, "mv", "events/a.yaml", "events/b.yaml")
    commit(repo, "2026-03-02")
    git(repo, "mv", "events/b.yaml", "events/c.yaml")
    commit(repo, "2026-03-03", {"c.yaml": event("C")})
    assert dict(read_history(repo / "events").files) == {"c.yaml": dates("2026-03-01",
                                                                         "2026-03-03")}


def test_a_new_file_at_a_renamed_events_old_path_is_another_file(repo):
    commit(repo, "2026-03-01", {"a.yaml": event("A")})
    git(repo, "mv", "events/a.yaml", "events/b.yaml")
    commit(repo, "2026-03-02")
    commit(repo, "2026-03-09", {"a.yaml": "a completely different file\n"})
    history = read_history(repo / "events")
    assert history.of("b.yaml") == dates("2026-03-01", "2026-03-01")
    assert history.of("a.yaml") == dates("2026-03-09", "2026-03-09")


def test_a_file_deleted_and_added_again_is_dated_from_its_re_adding(repo):
    commit(repo, "2026-01-01", {EVENT: event("First life")})
    commit(repo, "2026-01-15", {EVENT: event("First life, changed")})
    commit(repo, "2026-02-01", {EVENT: None})
    commit(repo, "2026-03-01", {EVENT: event("Second life")})
    assert read_history(repo / "events").of(EVENT) == dates("2026-03-01", "2026-03-01")


def test_a_deleted_file_has_no_entry(repo):
    commit(repo, "2026-01-01", {EVENT: event("Gone"), "kept.yaml": "kept\n"})
    commit(repo, "2026-02-01", {EVENT: None})
    assert set(read_history(repo / "events").files) == {"kept.yaml"}


def test_a_file_added_on_a_branch_and_merged_gets_its_dates(repo):
    commit(repo, "2026-05-01", {"main.yaml": event("Main")})
    git(repo, "checkout", "--quiet", "-b", "topic")
    commit(repo, "2026-05-03", {"topic.yaml": event("Topic")})
    commit(repo, "2026-05-04", {"topic.yaml": event("Topic, changed")})
    git(repo, "checkout", "--quiet", "main")
    commit(repo, "2026-05-05", {"main.yaml": event("Main, changed")})
    git(repo, "merge", "--quiet", "--no-ff", "--no-edit", "topic", when="2026-05-06")
    assert dict(read_history(repo / "events").files) == {
        "main.yaml": dates("2026-05-01", "2026-05-05"),
        "topic.yaml": dates("2026-05-03", "2026-05-04")}


def test_commits_dated_out_of_order_are_still_read_children_first(repo):
    # A clock set wrong on a branch: its commit is dated before its parent.
    commit(repo, "2026-05-03", {"a.yaml": event("A"), "other.yaml": "other\n"})
    git(repo, "checkout", "--quiet", "-b", "topic")
    git(repo, "mv", "events/a.yaml", "events/b.yaml")
    commit(repo, "2026-05-02", {"b.yaml": event("B")})
    git(repo, "checkout", "--quiet", "main")
    commit(repo, "2026-05-04", {"other.yaml": "other, changed\n"})
    git(repo, "merge", "--quiet", "--no-ff", "--no-edit", "topic", when="2026-05-06")
    assert dict(read_history(repo / "events").files) == {
        "b.yaml": dates("2026-05-03", "2026-05-03"),
        "other.yaml": dates("2026-05-03", "2026-05-04")}


# -- commits that are not updates ----------------------------------------------------------


def test_a_commit_listed_in_the_ignore_revs_file_is_not_an_update(repo):
    commit(repo, "2026-06-01", {EVENT: event("Title")})
    formatting = commit(repo, "2026-06-20", {EVENT: event("Title") + "\n"})
    (repo / ".git-blame-ignore-revs").write_text(f"{formatting}\n", encoding="utf-8")
    commit(repo, "2026-06-21")
    assert read_history(repo / "events").of(EVENT) == dates("2026-06-01", "2026-06-01")


def test_an_abbreviated_hash_among_comments_and_blank_lines_is_ignored_too(repo):
    commit(repo, "2026-06-01", {EVENT: event("Title")})
    commit(repo, "2026-06-10", {EVENT: event("Title, changed")})
    formatting = commit(repo, "2026-06-20", {EVENT: event("Title, changed") + "\n"})
    (repo / ".git-blame-ignore-revs").write_text(
        f"# timeline fmt\n\n{formatting[:10].upper()}  # the whole tree\n", encoding="utf-8")
    assert read_history(repo / "events").of(EVENT) == dates("2026-06-01", "2026-06-10")


def test_an_ignored_commit_still_dates_the_files_it_added(repo):
    adding = commit(repo, "2026-06-01", {EVENT: event("Title")})
    formatting = commit(repo, "2026-06-20", {EVENT: event("Title") + "\n"})
    (repo / ".git-blame-ignore-revs").write_text(f"{adding}\n{formatting}\n",
                                                 encoding="utf-8")
    assert read_history(repo / "events").of(EVENT) == dates("2026-06-01", "2026-06-01")


# -- days ----------------------------------------------------------------------------------


def test_a_commit_late_in_the_evening_in_another_time_zone_is_dated_by_its_utc_day(repo):
    commit(repo, "2026-03-01T23:30:00-05:00", {"west.yaml": "west\n"})
    commit(repo, "2026-03-02T01:00:00+09:00", {"east.yaml": "east\n"})
    history = read_history(repo / "events")
    assert history.of("west.yaml") == dates("2026-03-02", "2026-03-02")
    assert history.of("east.yaml") == dates("2026-03-01", "2026-03-01")


def test_the_committer_day_counts_not_the_author_day(repo):
    (repo / "events" / "a.yaml").write_text("a\n", encoding="utf-8")
    git(repo, "add", "--all")
    subprocess.run(["git", "commit", "--quiet", "-m", "a"], cwd=repo, check=True,
                   env=os.environ | {"GIT_AUTHOR_DATE": "2025-12-01T12:00:00+00:00",
                                     "GIT_COMMITTER_DATE": "2026-01-07T12:00:00+00:00"})
    assert read_history(repo / "events").of("a.yaml") == dates("2026-01-07", "2026-01-07")


def test_a_path_with_spaces_quotes_and_non_ascii_letters_is_read_whole(repo):
    name = '2026/2026-05 "Déjà vu" à Zürich, 東京.yaml'
    commit(repo, "2026-05-01", {name: event("Unicode")})
    commit(repo, "2026-05-02", {name: event("Unicode, changed")})
    assert dict(read_history(repo / "events").files) == {name: dates("2026-05-01",
                                                                     "2026-05-02")}


def test_the_users_git_configuration_does_not_change_the_dates(repo, tmp_path, monkeypatch):
    config = tmp_path / "gitconfig"
    config.write_text("[diff]\n\trenames = false\n\trelative = true\n\tnoprefix = true\n"
                      "[log]\n\tshowRoot = false\n\tshowSignature = true\n\tdate = relative\n"
                      "[color]\n\tui = always\n[core]\n\tquotePath = true\n"
                      "[format]\n\tpretty = oneline\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    commit(repo, "2026-03-01", {"é old.yaml": event("A"), "root.yaml": "root\n"})
    git(repo, "mv", "events/é old.yaml", "events/é new.yaml")
    commit(repo, "2026-03-02", {"é new.yaml": event("B")})
    assert dict(read_history(repo / "events").files) == {
        "root.yaml": dates("2026-03-01", "2026-03-01"),
        "é new.yaml": dates("2026-03-01", "2026-03-02")}


# -- no history ----------------------------------------------------------------------------


def test_a_folder_outside_any_repository_has_no_history(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "a.yaml").write_text("a\n", encoding="utf-8")
    history = read_history(tmp_path / "events")
    assert not history.known and history.files == {}
    assert "not in a git repository" in history.unknown_because


def test_a_repository_without_commits_has_no_history(repo):
    (repo / "events" / "a.yaml").write_text("a\n", encoding="utf-8")
    history = read_history(repo / "events")
    assert not history.known and history.files == {}
    assert "no commits" in history.unknown_because


def test_a_shallow_clone_has_no_history(repo, tmp_path):
    commit(repo, "2026-01-01", {EVENT: event("One")})
    commit(repo, "2026-02-01", {"other.yaml": "other\n"})
    git(tmp_path, "clone", "--quiet", "--depth", "1", (repo).as_uri(), "clone")
    history = read_history(tmp_path / "clone" / "events")
    assert not history.known and history.files == {}
    assert "shallow" in history.unknown_because


def test_without_git_installed_there_is_no_history(repo, tmp_path, monkeypatch):
    commit(repo, "2026-01-01", {EVENT: event("One")})
    (tmp_path / "no-programs").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    history = read_history(repo / "events")
    assert not history.known and history.files == {}
    assert "git" in history.unknown_because


def test_a_missing_folder_has_no_history(tmp_path):
    history = read_history(tmp_path / "nowhere")
    assert not history.known and history.files == {}


def test_files_not_committed_yet_have_no_entry(repo):
    commit(repo, "2026-01-01", {EVENT: event("One")})
    (repo / "events" / "untracked.yaml").write_text("new\n", encoding="utf-8")
    (repo / "events" / "staged.yaml").write_text("new\n", encoding="utf-8")
    git(repo, "add", "events/staged.yaml")
    assert dict(read_history(repo / "events").files) == {EVENT: dates("2026-01-01",
                                                                      "2026-01-01")}


# -- cost ----------------------------------------------------------------------------------


def test_the_number_of_git_processes_does_not_grow_with_the_number_of_files(
        tmp_path, monkeypatch):
    def git_processes(count: int) -> int:
        repo = tmp_path / f"repo-{count}"
        (repo / "events").mkdir(parents=True)
        git(repo, "init", "--quiet", "--initial-branch=main")
        commit(repo, "2026-01-01", {f"e{n}.yaml": event(str(n)) for n in range(count)})
        commit(repo, "2026-01-02", {f"e{n}.yaml": event(f"{n}!") for n in range(count)})
        calls = []
        real_run = subprocess.run

        def counting_run(*args, **kwargs):
            calls.append(args)
            return real_run(*args, **kwargs)

        with monkeypatch.context() as patch:
            patch.setattr(subprocess, "run", counting_run)
            history = read_history(repo / "events")
        assert len(history.files) == count
        return len(calls)

    one, thirty = git_processes(1), git_processes(30)
    assert one == thirty <= 2
