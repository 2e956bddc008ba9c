"""The `timeline` command line: exit codes, output formats, the summary, no tracebacks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import (
    ALL_CASES_EXPECTING_NO_CRASH,
    build_events,
    case_names,
    expected_output,
    run_cli,
)
from timeline.format.diagnostics import Diagnostic

PROBLEM_LINE = re.compile(r"[^:\n]+:\d+:\d+: (error|warning): [^\n]+ \[EVT\d{3}\]")
SUMMARY_LINE = re.compile(r"checked \d+ files?: \d+ errors?, \d+ warnings?\n")


def _child_environment() -> dict[str, str]:
    """This environment, with PYTHONPATH's folders made absolute: the child runs in another
    folder, where a relative one (``PYTHONPATH=scripts``) would find another package."""
    folders = [str(Path(folder).resolve())
               for folder in os.environ.get("PYTHONPATH", "").split(os.pathsep) if folder]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(folders)} if folders else {**os.environ}


def _run_python(cwd, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60, env=_child_environment())


def _run_module(cwd, *args: str) -> subprocess.CompletedProcess:
    return _run_python(cwd, "-m", "timeline", *args)


# -- exit codes ----------------------------------------------------------------------------


def test_a_valid_tree_exits_0_and_prints_only_the_summary(tmp_path, monkeypatch, capsys):
    build_events(tmp_path)
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "validate", "--events", "events")

    assert (result.code, result.out, result.err) == (
        0, "", "checked 4 files: 0 errors, 0 warnings\n")


def test_errors_exit_1(tmp_path, monkeypatch, capsys):
    build_events(tmp_path, "three-broken-files")
    monkeypatch.chdir(tmp_path)

    assert run_cli(capsys, "validate", "--events", "events").code == 1


def test_warnings_alone_exit_0(tmp_path, monkeypatch, capsys):
    build_events(tmp_path, "source-without-url")
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "validate", "--events", "events")

    assert result.code == 0
    assert result.out.count(": warning: ") == 1


def test_an_unknown_option_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)

    with pytest.raises(SystemExit) as exit_info:
        run_cli(capsys, "validate", "--strict")

    assert exit_info.value.code == 2
    assert "unrecognized arguments: --strict" in capsys.readouterr().err


def test_an_unknown_format_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)

    with pytest.raises(SystemExit) as exit_info:
        run_cli(capsys, "validate", "--format", "json")

    assert exit_info.value.code == 2
    assert "invalid choice: 'json'" in capsys.readouterr().err


def test_a_missing_path_is_a_usage_error(tmp_path, monkeypatch, capsys):
    build_events(tmp_path)
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "validate", "--events", "events", "events/2026/2026-04-gone.yaml")

    assert (result.code, result.out, result.err) == (
        2, "", "timeline validate: no such file: events/2026/2026-04-gone.yaml\n")


def test_no_command_prints_help_and_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys)

    assert result.code == 2
    assert result.err.startswith("usage: timeline")


# -- the summary line ----------------------------------------------------------------------


def test_the_summary_counts_files_errors_and_warnings_on_stderr(tmp_path, monkeypatch, capsys):
    build_events(tmp_path, "three-broken-files")
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "validate", "--events", "events")

    assert result.err == "checked 7 files: 3 errors, 0 warnings\n"
    assert "checked" not in result.out


def test_the_summary_says_1_error_in_the_singular(tmp_path, monkeypatch, capsys):
    build_events(tmp_path, "related-missing")
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "validate", "--events", "events")

    assert result.err == "checked 5 files: 1 error, 0 warnings\n"


def test_the_summary_says_1_warning_in_the_singular(tmp_path, monkeypatch, capsys):
    build_events(tmp_path, "source-without-url")
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "validate", "--events", "events")

    assert result.err == "checked 5 files: 0 errors, 1 warning\n"


# -- one problem per line, never a traceback -----------------------------------------------


@pytest.mark.parametrize("any_case", ALL_CASES_EXPECTING_NO_CRASH)
def test_no_case_crashes(any_case, tmp_path, monkeypatch, capsys):
    build_events(tmp_path, any_case)
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "validate", "--events", "events")

    assert result.code in (0, 1)
    assert "Traceback" not in result.err
    assert SUMMARY_LINE.fullmatch(result.err)


@pytest.mark.parametrize("case", case_names())
def test_every_output_line_is_one_whole_problem(case, tmp_path, monkeypatch, capsys):
    build_events(tmp_path, case)
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "validate", "--events", "events")

    lines = result.out.splitlines()
    assert [line for line in lines if not PROBLEM_LINE.fullmatch(line)] == []


# -- paths ---------------------------------------------------------------------------------


def test_paths_limit_the_report_to_those_files(tmp_path, monkeypatch, capsys):
    build_events(tmp_path, "three-broken-files")
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "validate", "--events", "events",
                     "events/2026/2026-04-third-broken.yaml")

    assert result.code == 1
    assert result.out == (
        "events/2026/2026-04-third-broken.yaml:1:1: error: the file is empty; write the "
        "fields as `key: value` lines (see the format documentation) [EVT004]\n")


def test_without_events_option_the_events_folder_is_used(tmp_path, monkeypatch, capsys):
    build_events(tmp_path, "three-broken-files")
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "validate")

    assert result.out == expected_output("three-broken-files")


def _configure_events_dir_in_mkdocs_yml(root) -> None:
    build_events(root / "content", "three-broken-files")
    (root / "mkdocs.yml").write_text(
        "site_name: !ENV [SITE_NAME, 'Timeline']\n"
        "plugins:\n  - search\n  - timeline:\n      events_dir: content/events\n",
        encoding="utf-8")


def test_the_events_folder_comes_from_mkdocs_yml(tmp_path, monkeypatch, capsys):
    _configure_events_dir_in_mkdocs_yml(tmp_path)
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "validate")

    assert [line.split(": error: ")[0] for line in result.out.splitlines()] == [
        "content/events/2026/2026-04-first-broken.yaml:3:9",
        "content/events/2026/2026-04-second-broken.yaml:6:5",
        "content/events/2026/2026-04-third-broken.yaml:1:1",
    ]


def test_messages_name_the_configured_events_folder(tmp_path, monkeypatch, capsys):
    _configure_events_dir_in_mkdocs_yml(tmp_path)
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "validate")

    assert result.out == expected_output("three-broken-files").replace(
        "events/", "content/events/")


def test_a_path_outside_the_events_folder_is_not_silently_passed(tmp_path, monkeypatch, capsys):
    build_events(tmp_path)
    (tmp_path / "2026-04-stray.yaml").write_text("title: [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "validate", "--events", "events", "2026-04-stray.yaml")

    assert result.code != 0
    assert "2026-04-stray.yaml" in result.out + result.err


def test_a_missing_events_folder_fails_even_with_paths(tmp_path, monkeypatch, capsys):
    build_events(tmp_path)
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "validate", "--events", "no-such-folder",
                     "events/2026/2026-05-other-event.yaml")

    assert result.code == 1
    assert result.out == "no-such-folder:1:1: error: the events folder does not exist [EVT044]\n"


# -- --format github -----------------------------------------------------------------------


def test_github_format_prints_error_annotations(tmp_path, monkeypatch, capsys):
    build_events(tmp_path, "title-boolean")
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "validate", "--events", "events", "--format", "github")

    assert result.code == 1
    assert result.out == (
        "::error file=events/2026/2026-04-title-no.yaml,line=1,col=8,title=EVT012::title "
        'must be text, but YAML reads no as true/false; put it in double quotes: title: "no" '
        "[EVT012]\n")
    assert result.err == "checked 5 files: 1 error, 0 warnings\n"


def test_github_format_prints_warning_annotations(tmp_path, monkeypatch, capsys):
    build_events(tmp_path, "source-without-url")
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "validate", "--events", "events", "--format", "github")

    assert result.code == 0
    assert result.out == (
        "::warning file=events/2026/2026-04-print-source.yaml,line=8,col=5,title=EVT041::"
        'source "A print article" has no url; add it if the article is online, or say why it '
        "has none in url_unavailable [EVT041]\n")


def test_github_format_escapes_percent_and_line_breaks_in_the_message():
    diagnostic = Diagnostic("events/a.yaml", 3, 4, "EVT015", "100% sure\r\nnot")

    assert diagnostic.format_github() == (
        "::error file=events/a.yaml,line=3,col=4,title=EVT015::100%25 sure%0D%0Anot [EVT015]")


def test_github_format_escapes_commas_in_the_file_name():
    diagnostic = Diagnostic("events/2026/2026-04-a,b.yaml", 1, 1, "EVT026", "bad name")

    assert diagnostic.format_github() == (
        "::error file=events/2026/2026-04-a%2Cb.yaml,line=1,col=1,title=EVT026::bad name "
        "[EVT026]")


# -- python -m timeline --------------------------------------------------------------------


def test_python_m_timeline_validate_passes_a_valid_tree(tmp_path):
    build_events(tmp_path)

    run = _run_module(tmp_path, "validate", "--events", "events")

    assert (run.returncode, run.stdout, run.stderr) == (
        0, "", "checked 4 files: 0 errors, 0 warnings\n")


def test_python_m_timeline_validate_reports_a_broken_tree(tmp_path):
    build_events(tmp_path, "three-broken-files")

    run = _run_module(tmp_path, "validate", "--events", "events")

    assert run.returncode == 1
    assert run.stdout == expected_output("three-broken-files")
    assert "Traceback" not in run.stderr


def test_a_very_deeply_nested_file_is_reported_not_crashed(tmp_path):
    events = build_events(tmp_path)
    depth = 100_000
    (events / "2026" / "2026-04-nested.yaml").write_text(
        "title: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")

    run = _run_module(tmp_path, "validate", "--events", "events")

    # libyaml gives up at 1,000 levels on its own; the file is reported where ours is crossed.
    assert (run.returncode, run.stdout) == (1, (
        "events/2026/2026-04-nested.yaml:1:39: error: the YAML nests deeper than 32 levels; "
        "event files need only a few [EVT007]\n")), run.stderr[-500:]


# -- without libyaml ------------------------------------------------------------------------

WITHOUT_LIBYAML = (
    "import sys\n"
    "sys.modules['yaml._yaml'] = None  # as if PyYAML were built without libyaml\n"
    "import yaml\n"
    "assert not hasattr(yaml, 'CSafeLoader')\n"
    "from timeline.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n")


def test_without_libyaml_the_command_refuses_to_run_in_one_line(tmp_path):
    build_events(tmp_path)

    run = _run_python(tmp_path, "-c", WITHOUT_LIBYAML, "validate", "--events", "events")

    assert (run.returncode, run.stdout, run.stderr) == (2, "", (
        "timeline needs PyYAML with libyaml (yaml.CSafeLoader is missing); reinstall with: "
        "make clean install\n"))
