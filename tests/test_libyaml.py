"""The loader and libyaml, the one YAML parser it uses: what libyaml refuses on its own
comes out as our diagnostics, and without libyaml nothing runs.

Everywhere else the tests pin our codes, lines and columns, and mask what libyaml says of a
syntax error: its words are its own and may change with any release. One test here pins
them, so a change in them is seen, and seen once.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from yaml import _yaml as libyaml

from tests.helpers import small_project
from timeline.read import load
from timeline.read.load import load_bytes

TOO_DEEP = "the YAML nests deeper than 32 levels; event files need only a few [EVT007]"
REFUSAL = ("timeline needs PyYAML with libyaml (yaml.CSafeLoader is missing); reinstall "
           "with: make clean install")


def messages(text: str) -> list[str]:
    return [problem.format_text() for problem in load_bytes(text.encode(), "x.yaml")[1]]


def test_libyaml_own_wording_is_passed_through():
    assert messages("title: Google: a team\n") == [
        "x.yaml:1:14: error: YAML syntax error: mapping values are not allowed in this "
        'context; check the indentation, and quote text that contains ": " or starts with a '
        "special character [EVT001]"]


# -- nesting: libyaml's own limit ----------------------------------------------------------


@pytest.fixture
def libyaml_nesting_limit() -> Iterator[Callable[[int], None]]:
    """Sets libyaml's nesting limit (1,000 by default) for one test; skips where this
    libyaml has none to set."""
    set_limit = getattr(libyaml, "_set_max_nest_level", None)
    if set_limit is None:
        pytest.skip("this libyaml has no nesting limit")
    before = libyaml._get_max_nest_level()
    yield set_limit
    set_limit(before)


BRACKETS_PAST_LIBYAML_LIMIT = "title: " + "[" * 1_100 + "]" * 1_100 + "\n"


def test_brackets_past_libyaml_limit_are_reported_where_our_limit_is_crossed():
    # libyaml reads ahead of the events it hands out and gives up at the 1,000th bracket.
    assert messages(BRACKETS_PAST_LIBYAML_LIMIT) == [f"x.yaml:1:39: error: {TOO_DEEP}"]


def test_brackets_read_by_a_libyaml_without_a_limit_get_the_same_message(
        libyaml_nesting_limit):
    libyaml_nesting_limit(10**6)  # as libyaml before 0.2.6: no limit

    assert messages(BRACKETS_PAST_LIBYAML_LIMIT) == [f"x.yaml:1:39: error: {TOO_DEEP}"]


def test_libyaml_stopping_before_our_limit_is_still_too_deep_not_a_syntax_error(
        libyaml_nesting_limit):
    libyaml_nesting_limit(10)

    assert messages("title: " + "[" * 12 + "]" * 12 + "\n") == [
        "x.yaml:1:17: error: the YAML nests deeper than the YAML parser allows; event files "
        "need only a few levels, at most 32 [EVT007]"]


# -- lone surrogates: libyaml refuses them, and a parser that did not is covered too --------


def test_an_escaped_surrogate_gets_the_same_message_from_a_parser_that_lets_it_through(
        monkeypatch):
    text = 'title: "A"\nsummary: "\\ud83d"\n'
    from_libyaml = messages(text)
    monkeypatch.setattr(load, "_Loader", yaml.SafeLoader)  # pure Python: takes "\ud83d"

    assert messages(text) == from_libyaml == [
        "x.yaml:2:10: error: this text contains lone surrogate U+D83D, written as an escape "
        "(\\uD83D or similar): half of a UTF-16 pair, no character on its own; write the "
        "character itself, or its \\U escape of 8 hex digits (\\U0001F600, not "
        "\\uD83D\\uDE00) [EVT002]"]


# -- without libyaml -------------------------------------------------------------------------

# Runs the code given as its first argument in a process where PyYAML finds no libyaml, as
# if it had been built without it.
WITHOUT_LIBYAML = (
    "import sys\n"
    "sys.modules['yaml._yaml'] = None\n"
    "import yaml\n"
    "assert not hasattr(yaml, 'CSafeLoader')\n"
    "exec(sys.argv[1])\n")


def child_environment() -> dict[str, str]:
    """This environment, with PYTHONPATH's folders made absolute: the child runs in another
    folder, where a relative one (``PYTHONPATH=scripts``) would find another package."""
    folders = [str(Path(folder).resolve())
               for folder in os.environ.get("PYTHONPATH", "").split(os.pathsep) if folder]
    paths = {"PYTHONPATH": os.pathsep.join(folders)} if folders else {}
    return {**os.environ, **paths, "NO_MKDOCS_2_WARNING": "1"}


def run_without_libyaml(cwd: Path, code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", WITHOUT_LIBYAML, code, *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120,
                          env=child_environment())


def test_without_libyaml_nothing_is_loaded_but_a_refusal_is_raised(tmp_path):
    run = run_without_libyaml(tmp_path, (
        "from timeline.read.load import LibyamlMissing, load_bytes\n"
        "try:\n"
        "    load_bytes(b'title: A\\n', 'x.yaml')\n"
        "except LibyamlMissing as error:\n"
        "    print(error)\n"))

    assert (run.returncode, run.stdout, run.stderr) == (0, REFUSAL + "\n", "")


def test_without_libyaml_a_build_fails_with_one_line_and_no_traceback(tmp_path):
    project = small_project(tmp_path / "project")

    run = run_without_libyaml(project, (
        "sys.argv = ['mkdocs', 'build', '--strict', '-d', 'site']\n"
        "from mkdocs.__main__ import cli\n"
        "cli()\n"))

    # MkDocs prints the refusal on one line of its log, after a prefix of its own.
    refusals = [line for line in run.stderr.splitlines() if REFUSAL in line]
    assert run.returncode == 1
    assert len(refusals) == 1 and refusals[0].endswith(REFUSAL), run.stderr
    assert "Traceback" not in run.stderr
    assert not (project / "site" / "index.html").exists()
