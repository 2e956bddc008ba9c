"""The repository's own pre-commit hooks: each runs a tool of .venv through scripts/hook.

Without .venv a hook fails with one line saying how to create it, instead of pre-commit's
"Executable not found". The wrapper is run as pre-commit runs it (`sh scripts/hook TOOL
...` from the repository's root), in a temporary copy of the repository's layout, so the
real .venv is never in the way.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO
from timeline.cli import _parser

WRAPPER = REPO / "scripts" / "hook"
PRE_COMMIT_CONFIG = REPO / ".pre-commit-config.yaml"


def local_hooks() -> list[dict]:
    config = yaml.safe_load(PRE_COMMIT_CONFIG.read_text(encoding="utf-8"))
    return [hook for repo in config["repos"] if repo["repo"] == "local"
            for hook in repo["hooks"]]


def hook_ids(hook: dict) -> str:
    return hook["id"]


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A folder laid out like the repository's root, holding the wrapper and no .venv."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(WRAPPER, tmp_path / "scripts" / "hook")
    return tmp_path


def run(folder: Path, *words: str) -> subprocess.CompletedProcess:
    return subprocess.run(list(words), cwd=folder, capture_output=True, text=True, timeout=30)


def fake_tool(folder: Path, name: str, exit_code: int) -> None:
    """A stand-in for a tool of .venv that prints each argument on a line of its own."""
    tool = folder / ".venv" / "bin" / name
    tool.parent.mkdir(parents=True, exist_ok=True)
    tool.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$@\"\nexit {exit_code}\n", encoding="utf-8")
    tool.chmod(0o755)


# -- without .venv -----------------------------------------------------------------------------


def test_without_venv_the_wrapper_says_to_run_make_install_and_fails(clone):
    result = run(clone, "sh", "scripts/hook", "timeline", "validate")

    assert (result.returncode, result.stdout, result.stderr) == (
        1, "", "timeline: .venv is missing; run `make install` (or `make test`) first\n")


@pytest.mark.parametrize("hook", local_hooks(), ids=hook_ids)
def test_without_venv_every_local_hook_fails_with_one_line_naming_make_install(clone, hook):
    tool = shlex.split(hook["entry"])[2]
    result = run(clone, *shlex.split(hook["entry"]), "events/2026/example.yaml")

    assert (result.returncode, result.stderr) == (
        1, f"{tool}: .venv is missing; run `make install` (or `make test`) first\n")


def test_a_venv_without_the_tool_is_reported_the_same_way(clone):
    fake_tool(clone, "ruff", 0)

    result = run(clone, "sh", "scripts/hook", "timeline", "validate")

    assert (result.returncode, result.stderr) == (
        1, "timeline: .venv is missing; run `make install` (or `make test`) first\n")


def test_the_wrapper_without_a_tool_prints_its_usage(clone):
    result = run(clone, "sh", "scripts/hook")

    assert (result.returncode, result.stderr) == (
        2, "usage: sh scripts/hook TOOL [ARGUMENT ...]\n")


# -- with .venv --------------------------------------------------------------------------------


def test_the_wrapper_passes_every_argument_through_unchanged(clone):
    fake_tool(clone, "timeline", 0)

    result = run(clone, "sh", "scripts/hook", "timeline", "fmt", "--check",
                 "events/2026/a file with spaces.yaml", "")

    assert (result.returncode, result.stdout, result.stderr) == (
        0, "fmt\n--check\nevents/2026/a file with spaces.yaml\n\n", "")


@pytest.mark.parametrize("exit_code", [0, 1, 2])
def test_the_wrapper_exits_with_the_tools_exit_code(clone, exit_code):
    fake_tool(clone, "timeline", exit_code)

    result = run(clone, "sh", "scripts/hook", "timeline", "validate")

    assert result.returncode == exit_code


# -- .pre-commit-config.yaml -------------------------------------------------------------------


def test_the_local_hooks_run_the_tools_of_venv_through_the_wrapper():
    entries = [hook["entry"] for hook in local_hooks()]

    assert entries == ["sh scripts/hook timeline validate --changed-since HEAD",
                       "sh scripts/hook timeline fmt --check",
                       "sh scripts/hook ruff check"]


def test_the_wrapper_is_committed_where_the_hooks_look_for_it():
    wrappers = {tuple(shlex.split(hook["entry"])[:2]) for hook in local_hooks()}

    assert (wrappers, WRAPPER.is_file()) == ({("sh", "scripts/hook")}, True)


@pytest.mark.parametrize("hook", local_hooks(), ids=hook_ids)
def test_every_tool_a_local_hook_runs_is_installed_by_the_project(hook):
    tool = shlex.split(hook["entry"])[2]

    assert (Path(sys.executable).parent / tool).exists()


@pytest.mark.parametrize("hook", [hook for hook in local_hooks()
                                  if shlex.split(hook["entry"])[2] == "timeline"],
                         ids=hook_ids)
def test_every_timeline_hook_is_a_command_line_the_parser_accepts(hook):
    arguments = shlex.split(hook["entry"])[3:]

    # The parser exits on arguments it does not accept; accepted, they choose a command to run.
    assert callable(_parser().parse_args(arguments).run)
