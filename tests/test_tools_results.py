"""The tools return results and the command line prints them: no tool module parses
arguments, prints, prompts or exits, and each returns what the command line shows."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import REPO, build_events
from timeline.tools import fmt, ids, new

TOOLS = sorted((REPO / "scripts" / "timeline" / "tools").glob("*.py"))
CALLS_FOR_THE_COMMAND_LINE = {"print", "input", "exit"}
MODULES_FOR_THE_COMMAND_LINE = {"argparse", "sys"}


def imported_modules(tree: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def called_names(tree: ast.Module) -> set[str]:
    return {node.func.id for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}


@pytest.mark.parametrize("module", TOOLS, ids=lambda path: path.name)
def test_no_tool_parses_arguments_or_prints(module: Path):
    tree = ast.parse(module.read_text(encoding="utf-8"))
    assert not imported_modules(tree) & MODULES_FOR_THE_COMMAND_LINE
    assert not called_names(tree) & CALLS_FOR_THE_COMMAND_LINE


def test_fmt_refuses_a_path_outside_the_events_folder_with_the_reason(tmp_path, monkeypatch):
    events = build_events(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "elsewhere.yaml").write_text("title: x\n", encoding="utf-8")
    with pytest.raises(fmt.PathRefused, match="is not inside the events folder"):
        fmt.files_for([Path("elsewhere.yaml")], events)


def test_fmt_says_what_it_did_to_each_file_and_writes_only_when_asked(tmp_path, monkeypatch):
    events = build_events(tmp_path)
    monkeypatch.chdir(tmp_path)
    event = events / "2026" / "2026-04-21-base-event.yaml"
    before = event.read_text(encoding="utf-8")
    files, problems = fmt.files_for([], events)
    assert problems == []
    checked = {outcome.display: outcome for outcome in fmt.format_files(files, events, False)}
    assert checked["events/2026/2026-04-21-base-event.yaml"].changed  # no schema line yet
    assert event.read_text(encoding="utf-8") == before
    list(fmt.format_files(files, events, write=True))
    assert not any(outcome.changed for outcome in fmt.format_files(files, events, False))


def test_ids_compare_lists_the_vanished_ids_with_their_messages(tmp_path):
    base = {"2026-a": ids.KnownId("2026-a", "2026/2026-a.yaml"),
            "2026-b": ids.KnownId("2026-b", "2026/2026-b.yaml")}
    current = {"2026-b": ids.KnownId("2026-b", "2026/2026-b.yaml")}
    comparison = ids.compare("main", base, current, tmp_path)
    assert (comparison.base_count, comparison.kept_as_alias) == (2, 0)
    assert [gone.message.split(" of ")[0] for gone in comparison.vanished] == \
        ['event id "2026-a"']


def test_new_returns_the_citation_it_copied_as_a_message(tmp_path, monkeypatch):
    events = build_events(tmp_path)
    monkeypatch.chdir(tmp_path)
    event = new.NewEvent(source_url="https://example.com/google-elite-team")
    message = new.copy_known_citation(event, events)
    assert message == ("copied the source's title, publisher and publication date from "
                       "events/2026/2026-04-21-base-event.yaml, which cites the same URL")
    assert event.publisher == "The Decoder"


def test_new_refuses_missing_flags_only_without_a_terminal():
    with pytest.raises(new.Refused, match="missing --date; give it as a flag"):
        new.refuse_wrong_flags(["--date"], [], interactive=False)
    new.refuse_wrong_flags(["--date"], ['unknown actor "x"'], interactive=True)


@pytest.mark.parametrize(("check", "answer", "error"), [
    (new.required_text, "  ", "this field is required"),
    (new.slug_list, " , ", "name at least one"),
    (new.checked_status, "rumoured", "is not a status"),
])
def test_each_answer_check_returns_the_value_or_says_what_is_wrong(check, answer, error):
    with pytest.raises(ValueError, match=error):
        check(answer)
    assert new.required_text(" Title ") == "Title"
    assert new.slug_list("a, b, a") == ["a", "b"]
