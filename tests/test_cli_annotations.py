"""`timeline validate`'s output reaches the contributor: in `--format github` errors come
first, `--changed-since REF` annotates only what a change is answerable for, the job
summary lists every problem, and locally the warnings of other files take one line.

GitHub shows only the first 10 warning annotations of a step, so warnings standing on
the base would hide a contributor's own. Each test that needs git builds a throwaway
repository from the validator's base fixture: the first commit, on `main`, is the base;
the change is made on the branch `change`, committed or not.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO, build_events, event_text, run_cli, write_event
from timeline.cli import validate

BASE_EVENT = "events/2026/2026-04-21-base-event.yaml"  # links to OTHER in `related`
OTHER = "events/2026/2026-05-other-event.yaml"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.com",
                    "-c", "commit.gpgsign=false", *args], cwd=repo, check=True,
                   capture_output=True)


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "--all", "events")
    git(repo, "commit", "--quiet", "-m", message)


def unsourced_event(title: str, date: str) -> str:
    """A valid event whose one source has no URL: one EVT041 warning, at line 8."""
    return (f'title: "{title}"\ndate: "{date}"\nstatus: reported\n'
            'summary: "Something happened."\nactors:\n  - gemini\nsources:\n'
            '  - title: "A print article"\n    publisher: "The Paper"\n')


def add_standing_warnings(events: Path, count: int = 10) -> None:
    """``count`` events with a warning each, a year apart (never likely duplicates)."""
    for year in range(2016, 2016 + count):
        write_event(events, f"{year}/{year}-standing-{year}.yaml",
                    unsourced_event(f"Standing event of {year}", str(year)))


def warning_line(path: str) -> str:
    return (f"::warning file={path},line=8,col=5,title=EVT041::source \"A print article\" "
            "has no url; add it if the article is online, or say why it has none in "
            "url_unavailable [EVT041]")


def text_warning(path: str) -> str:
    return (f'{path}:8:5: warning: source "A print article" has no url; add it if the '
            "article is online, or say why it has none in url_unavailable [EVT041]")


@pytest.fixture(autouse=True)
def no_job_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside GitHub Actions unless a test says otherwise (CI sets the variable)."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose `main` holds the base fixture and ten standing warnings, with
    the branch `change` checked out; cwd is its root."""
    add_standing_warnings(build_events(tmp_path))
    git(tmp_path, "init", "--quiet", "--initial-branch=main")
    commit(tmp_path, "base")
    git(tmp_path, "checkout", "--quiet", "-b", "change")
    monkeypatch.chdir(tmp_path)
    return tmp_path


NEW = "events/2026/2026-06-new-event.yaml"


def add_new_warning(repo: Path) -> None:
    """A new event, not committed nor added, with a warning of its own."""
    write_event(repo / "events", "2026/2026-06-new-event.yaml",
                unsourced_event("A new event", "2026-06"))


def lines(text: str) -> list[str]:
    return text.splitlines()


# -- --format github: errors first ---------------------------------------------------------


def test_github_format_prints_the_errors_before_the_warnings(tmp_path, monkeypatch, capsys):
    events = build_events(tmp_path)
    write_event(events, "2026/2026-04-a-warning.yaml", unsourced_event("A warning", "2026-04"))
    write_event(events, "2026/2026-06-z-error.yaml",
                event_text('"2026-06"', '"An error"').replace("gemini", "nobody"))
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "validate", "--events", "events", "--format", "github")

    assert result.code == 1
    assert lines(result.out) == [
        "::error file=events/2026/2026-06-z-error.yaml,line=6,col=5,title=EVT030::unknown "
        'actor "nobody"; register it in events/actors.yaml or fix the slug [EVT030]',
        warning_line("events/2026/2026-04-a-warning.yaml"),
    ]


# -- --changed-since: what the change is answerable for -------------------------------------


def test_without_changed_since_a_new_warning_comes_eleventh(repo, capsys):
    add_new_warning(repo)

    result = run_cli(capsys, "validate", "--format", "github")

    assert lines(result.out)[10] == warning_line(NEW)


def test_a_new_files_warning_is_annotated_above_ten_standing_warnings(repo, capsys):
    add_new_warning(repo)

    result = run_cli(capsys, "validate", "--format", "github", "--changed-since", "main")

    assert (result.code, lines(result.out), lines(result.err)) == (
        0, [warning_line(NEW)],
        ["checked 15 files: 0 errors, 1 warning",
         "10 warnings in other files; add --all-warnings to annotate them"])


def test_an_error_the_change_causes_in_an_unchanged_file_is_annotated(repo, capsys):
    (repo / OTHER).rename(repo / "events/2026/2026-05-renamed-event.yaml")

    result = run_cli(capsys, "validate", "--format", "github", "--changed-since", "main")

    assert (result.code, lines(result.out)) == (1, [
        f"::error file={BASE_EVENT},line=18,col=12,title=EVT032::related event "
        '"2026-05-other-event" does not exist (did you mean "2026-05-renamed-event"?) '
        "[EVT032]"])


def test_a_warning_in_an_unchanged_file_that_names_the_new_one_is_annotated(repo, capsys):
    # The likely duplicate is reported on the later event: here the one already on main.
    write_event(repo / "events", "2026/2026-04-28-brin-memo.yaml", (
        'title: "Sergey Brin writes a memo about agentic execution"\ndate: "2026-04-28"\n'
        'status: reported\nsummary: "Brin asked staff."\nactors:\n  - sergey-brin\n'
        'sources:\n  - title: "Brin memo on agentic execution"\n'
        '    url: "https://example.com/brin-memo"\n'))

    result = run_cli(capsys, "validate", "--format", "github", "--changed-since", "main")

    assert lines(result.out) == [
        f"::warning file={OTHER},line=1,col=1,title=EVT045::nearly the same title as "
        "events/2026/2026-04-28-brin-memo.yaml and a date within 31 days of it: likely the "
        "same event; if so, keep one and mark the other `duplicate_of: <id of the kept "
        "one>` (e.g. add `duplicate_of: 2026-04-28-brin-memo` here), otherwise link them "
        "with `related` [EVT045]"]


def test_changes_committed_on_the_branch_count_as_changed(repo, capsys):
    add_new_warning(repo)
    commit(repo, "a new event")

    result = run_cli(capsys, "validate", "--format", "github", "--changed-since", "main")

    assert lines(result.out) == [warning_line(NEW)]


def test_uncommitted_edits_of_a_tracked_file_count_as_changed(repo, capsys):
    standing = "events/2016/2016-standing-2016.yaml"
    with open(repo / standing, "a", encoding="utf-8") as file:
        file.write("tags:\n  - coding-agents\n")

    result = run_cli(capsys, "validate", "--format", "github", "--changed-since", "main")

    assert lines(result.out) == [warning_line(standing)]


def test_what_the_base_gained_after_the_branch_is_not_the_change(repo, capsys):
    git(repo, "checkout", "--quiet", "main")
    add_new_warning(repo)
    commit(repo, "main moves on")
    git(repo, "checkout", "--quiet", "change")
    git(repo, "merge", "--quiet", "main")

    result = run_cli(capsys, "validate", "--format", "github", "--changed-since", "main")

    assert (result.out, lines(result.err)[-1]) == (
        "", "11 warnings in other files; add --all-warnings to annotate them")


def test_all_warnings_annotates_the_standing_ones_too(repo, capsys):
    add_new_warning(repo)

    result = run_cli(capsys, "validate", "--format", "github", "--changed-since", "main",
                     "--all-warnings")

    assert lines(result.out) == [
        *(warning_line(f"events/{year}/{year}-standing-{year}.yaml")
          for year in range(2016, 2026)),
        warning_line(NEW)]
    assert result.err == "checked 15 files: 0 errors, 11 warnings\n"


def test_the_exit_code_counts_every_error(repo, capsys):
    (repo / OTHER).rename(repo / "events/2026/2026-05-renamed-event.yaml")
    commit(repo, "rename without an alias")

    assert run_cli(capsys, "validate", "--changed-since", "main").code == 1


# -- --changed-since: what it cannot do ---------------------------------------------------


def test_an_unknown_ref_is_one_line_and_exit_2(repo, capsys):
    result = run_cli(capsys, "validate", "--changed-since", "origin/no-such-branch")

    assert (result.code, result.out, result.err) == (
        2, "", 'timeline validate: git does not know the ref "origin/no-such-branch"; '
               "fetch it first, e.g. git fetch origin main\n")


def test_outside_a_git_repository_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    build_events(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))

    result = run_cli(capsys, "validate", "--changed-since", "main")

    assert (result.code, result.out, result.err) == (
        2, "", "timeline validate: events is not in a git repository; run without "
               "--changed-since\n")


def test_without_git_is_one_line_and_exit_2(repo, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(repo / "no-programs-here"))

    result = run_cli(capsys, "validate", "--changed-since", "main")

    assert (result.code, result.out, result.err) == (
        2, "", "timeline validate: git is not installed; install it, or run without "
               "--changed-since\n")


def test_paths_and_changed_since_together_are_refused(repo, capsys):
    result = run_cli(capsys, "validate", "--changed-since", "main", OTHER)

    assert (result.code, result.out, result.err) == (
        2, "", "timeline validate: give PATHs or --changed-since, not both\n")


# -- the job summary -----------------------------------------------------------------------

SUMMARY_OF_THE_NEW_WARNING = """\
### timeline validate: 0 errors, 11 warnings

Annotated on the files: the problems of the files changed since main, every error, and \
the warnings that name a changed file. Listed here: every problem.

""" + "".join(f"""\
#### events/{year}/{year}-standing-{year}.yaml

- line 8, column 5, **warning**: source "A print article" has no url; add it if the \
article is online, or say why it has none in url\\_unavailable (EVT041)

""" for year in range(2016, 2027) if year != 2026) + """\
#### events/2026/2026-06-new-event.yaml

- line 8, column 5, **warning**: source "A print article" has no url; add it if the \
article is online, or say why it has none in url\\_unavailable (EVT041)

"""


def test_the_job_summary_lists_every_problem_per_file(repo, monkeypatch, capsys):
    summary = repo / "summary.md"
    summary.write_text("An earlier step's summary.\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    add_new_warning(repo)

    run_cli(capsys, "validate", "--format", "github", "--changed-since", "main")

    assert summary.read_text(encoding="utf-8") == \
        "An earlier step's summary.\n" + SUMMARY_OF_THE_NEW_WARNING


def test_the_job_summary_shows_markup_in_messages_literally(tmp_path, monkeypatch, capsys):
    events = build_events(tmp_path)
    write_event(events, "2026/2026-06-markup.yaml",
                event_text('"2026-06"').replace("gemini", "<b>*x*</b>"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))

    run_cli(capsys, "validate", "--events", "events", "--format", "github")

    assert lines((tmp_path / "summary.md").read_text(encoding="utf-8"))[4] == (
        r'- line 6, column 5, **error**: unknown actor "\<b\>\*x\*\</b\>"; register it in '
        "events/actors.yaml or fix the slug (EVT030)")


def test_an_unwritable_job_summary_costs_one_line_not_the_check(repo, monkeypatch, capsys):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(repo / "no-such-folder" / "summary.md"))
    add_new_warning(repo)

    result = run_cli(capsys, "validate", "--format", "github", "--changed-since", "main")

    assert (result.code, lines(result.out), lines(result.err)[-1]) == (
        0, [warning_line(NEW)],
        "timeline validate: the job summary was not written to "
        f"{repo / 'no-such-folder' / 'summary.md'}: No such file or directory")


def test_a_job_summary_over_githubs_limit_ends_with_what_it_left_out(repo, monkeypatch,
                                                                    capsys):
    monkeypatch.setattr(validate, "MAX_SUMMARY_BYTES", 1024 + 600)  # room for two files
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(repo / "summary.md"))

    run_cli(capsys, "validate", "--format", "github")

    assert lines((repo / "summary.md").read_text(encoding="utf-8"))[-5:] == [
        "#### events/2017/2017-standing-2017.yaml", "",
        "- line 8, column 5, **warning**: source \"A print article\" has no url; add it if "
        "the article is online, or say why it has none in url\\_unavailable (EVT041)", "",
        "… 8 more problems not listed (a job summary holds at most 1 MiB): run "
        "`timeline validate` to see them."]


def test_text_format_writes_no_job_summary(repo, monkeypatch, capsys):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(repo / "summary.md"))

    run_cli(capsys, "validate")

    assert not (repo / "summary.md").exists()


# -- locally: the warnings of other files in one line -------------------------------------


def test_locally_the_warnings_of_unchanged_files_take_one_line(repo, capsys):
    add_new_warning(repo)

    result = run_cli(capsys, "validate", "--changed-since", "main")

    assert (result.code, lines(result.out), lines(result.err)) == (
        0, [text_warning(NEW)],
        ["checked 15 files: 0 errors, 1 warning",
         "10 warnings in other files; add --all-warnings to list them"])


def test_locally_the_warnings_of_files_not_named_take_one_line(repo, capsys):
    add_new_warning(repo)

    result = run_cli(capsys, "validate", NEW)

    assert (result.code, lines(result.out), lines(result.err)) == (
        0, [text_warning(NEW)],
        ["checked 15 files: 0 errors, 1 warning",
         "10 warnings in other files; add --all-warnings to list them"])


def test_all_warnings_lists_them_in_file_order(repo, capsys):
    add_new_warning(repo)

    result = run_cli(capsys, "validate", NEW, "--all-warnings")

    assert (lines(result.out), result.err) == (
        [*(text_warning(f"events/{year}/{year}-standing-{year}.yaml")
           for year in range(2016, 2026)),
         text_warning(NEW)],
        "checked 15 files: 0 errors, 11 warnings\n")


def test_with_neither_paths_nor_changed_since_every_warning_is_listed(repo, capsys):
    add_new_warning(repo)

    result = run_cli(capsys, "validate")

    assert (len(lines(result.out)), result.err) == (
        11, "checked 15 files: 0 errors, 11 warnings\n")


# -- the CI workflow -----------------------------------------------------------------------


def test_ci_validates_a_pull_request_against_its_base_and_main_in_full():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text("utf-8"))
    [step] = [step for job in workflow["jobs"].values() for step in job["steps"]
              if "timeline validate" in step.get("run", "")]

    assert (step["env"], step["run"]) == (
        {"BASE_REF": "${{ github.base_ref }}"},
        'if [ -n "$BASE_REF" ]; then\n'
        '  .venv/bin/timeline validate --format github --changed-since "origin/$BASE_REF"\n'
        "else\n"
        "  .venv/bin/timeline validate --format github\n"
        "fi\n")
