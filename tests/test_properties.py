"""Properties of the loader and the validator over arbitrary input.

Whatever a file holds, reading and checking it ends either in "valid" or in diagnostics,
each naming a file, a line and a column (both at least 1) and a known rule code. Never an
exception, never a hang (each example has a deadline), and memory stays bounded however
the aliases fan out. Examples are derandomized (see ``tests/conftest.py``), so every run
tries the same inputs.
"""

from __future__ import annotations

import os
import shutil
import tracemalloc
import unicodedata
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import BASE, FIELDS, PROPERTY, TIMELINE_EVENTS, documents, event_files
from timeline.check import check
from timeline.format.diagnostics import RULES, Diagnostic
from timeline.read.load import BYTE_ORDER_MARK, MAX_FILE_BYTES, Document, load_bytes

# Realistic events to mutate: the timeline fixture's (the real events change with every
# contribution, and the test ids and examples with them).
REALISTIC_EVENTS = event_files(TIMELINE_EVENTS)
TODAY = date(2026, 7, 1)  # fixed, so "in the future" never depends on the day of the run
MEMORY_BOUND = 16 * 2**20  # bytes; see test_hostile.py


# -- what every outcome must look like ---------------------------------------------------------


HIDDEN = {"Cc", "Cf", "Cs", "Zl", "Zp"}  # control, invisible, surrogate, line separators


def is_clean(text: str, allowed: str = "\t") -> bool:
    """No character that could rewrite a terminal, reorder a log or hide in a title."""
    return all(character in allowed or unicodedata.category(character) not in HIDDEN
               for character in text)


def assert_well_formed(diagnostics: list[Diagnostic], paths: set[str]) -> None:
    for diagnostic in diagnostics:
        assert diagnostic.path in paths, diagnostic
        assert diagnostic.line >= 1 and diagnostic.column >= 1, diagnostic
        assert diagnostic.code in RULES, diagnostic
        assert diagnostic.message, diagnostic
        assert is_clean(diagnostic.format_text()), diagnostic
        assert is_clean(diagnostic.format_github()), diagnostic


def assert_inside(raw: bytes, diagnostic: Diagnostic) -> None:
    """The position is in the file as an editor shows it: lines end at line feeds."""
    lines = raw.removeprefix(BYTE_ORDER_MARK).decode("utf-8", "replace").split("\n")
    assert diagnostic.line <= len(lines), diagnostic
    assert diagnostic.column <= len(lines[diagnostic.line - 1]) + 1, diagnostic


def assert_loaded(raw: bytes, document: Document | None, problems: list[Diagnostic]) -> None:
    assert_well_formed(problems, {"x.yaml"})
    for problem in problems:
        assert_inside(raw, problem)
    if document is None:
        assert problems, "a file that was not read must say why"
        return
    for position in [*document.key_positions.values(), *document.value_positions.values()]:
        assert position.line >= 1 and position.column >= 1
    if not problems:
        # Joiners (U+200C, U+200D) load where they join letters or emoji; the loader
        # judges those by their neighbours, and tests/test_load.py pins where.
        assert all(is_clean(text, allowed="\t\n\u200c\u200d")
                   for text in strings_in(document.data))


def strings_in(data: object) -> list[str]:
    if isinstance(data, dict):
        return [*data, *(text for value in data.values() for text in strings_in(value))]
    if isinstance(data, list):
        return [text for item in data for text in strings_in(item)]
    return [data] if isinstance(data, str) else []


def assert_checked(events: Path, file: Path) -> None:
    result = check(events, today=TODAY)
    shown = {os.path.relpath(path) for path in (events, file, events / "actors.yaml",
                                                events / "tags.yaml")}
    shown |= {os.path.relpath(path) for path in events.rglob("*.yaml")}
    assert_well_formed(result.diagnostics, shown)
    assert (result.timeline is None) == bool(result.errors)


# -- inputs ------------------------------------------------------------------------------------

# Characters that matter to YAML, to our rules, or to terminals, mixed with any others.
YAML_SYMBOLS = [*":-?[]{},&*!|>'\"%@`#~ \t\n\r",
                "\ufeff", "\u202e", "\u200b", "\u2028", "\x85", "\x00", "\x1b", "é", "漢", "😀"]
yaml_ish_text = st.text(alphabet=st.one_of(st.sampled_from(YAML_SYMBOLS),
                                           st.characters(codec="utf-8")), max_size=200)
any_bytes = st.one_of(st.binary(max_size=400), yaml_ish_text.map(str.encode))

# FIELDS, scalars and documents (any YAML document) are in tests/helpers.py.


def dumped(data: object, flow: bool, unicode: bool) -> bytes:
    return yaml.safe_dump(data, default_flow_style=flow, allow_unicode=unicode,
                          sort_keys=False).encode("utf-8")


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """``text`` with one to three line or character mutations."""
    for _ in range(draw(st.integers(1, 3))):
        lines = text.split("\n")
        line = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "swap",
                                     "insert"]))
        if kind == "delete":
            del lines[line]
        elif kind == "duplicate":
            lines.insert(line, lines[line])
        elif kind == "indent":
            lines[line] = " " * draw(st.integers(1, 4)) + lines[line]
        elif kind == "dedent":
            lines[line] = lines[line][draw(st.integers(1, 4)):]
        text = "\n".join(lines)
        if kind in ("swap", "insert") and text:
            at = draw(st.integers(0, len(text) - 1))
            if kind == "swap":
                text = text[:at] + text[at + 1:at + 2] + text[at] + text[at + 2:]
            else:
                text = text[:at] + draw(st.sampled_from(YAML_SYMBOLS)
                                             | st.characters(exclude_categories=("Cs",))) \
                    + text[at:]
    return text


# -- a tree to check, made once per module ----------------------------------------------------


# Each example overwrites one file of a tree, then restores it.


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    """A copy of the small valid tree the golden cases start from: quick to check."""
    events = tmp_path_factory.mktemp("properties") / "events"
    shutil.copytree(BASE, events)
    return events


@pytest.fixture(scope="module")
def realistic_tree(tmp_path_factory) -> Path:
    """A copy of the timeline fixture's events folder."""
    events = tmp_path_factory.mktemp("properties") / "events"
    shutil.copytree(TIMELINE_EVENTS, events)
    return events


def checked_with(events: Path, relative: str, raw: bytes) -> None:
    file = events / relative
    original = file.read_bytes() if file.exists() else None
    file.write_bytes(raw)
    try:
        assert_checked(events, file)
    finally:
        if original is None:
            file.unlink()
        else:
            file.write_bytes(original)


# -- the properties ----------------------------------------------------------------------------


@PROPERTY
@given(raw=any_bytes)
def test_any_bytes_load_to_data_or_to_diagnostics(raw):
    assert_loaded(raw, *load_bytes(raw, "x.yaml"))


@PROPERTY
@given(raw=any_bytes, relative=st.sampled_from(
    ["2026/2026-04-arbitrary.yaml", "actors.yaml", "tags.yaml"]))
def test_any_bytes_in_any_file_of_the_tree_are_checked(tree, raw, relative):
    checked_with(tree, relative, raw)


@PROPERTY
@given(data=documents, flow=st.booleans(), unicode=st.booleans())
def test_any_yaml_document_loads_to_data_or_to_diagnostics(data, flow, unicode):
    raw = dumped(data, flow, unicode)
    assert_loaded(raw, *load_bytes(raw, "x.yaml"))


@PROPERTY
@given(data=documents, relative=st.sampled_from(
    ["2026/2026-04-arbitrary.yaml", "actors.yaml", "tags.yaml"]), flow=st.booleans())
def test_any_yaml_document_in_any_file_of_the_tree_is_checked(tree, data, relative, flow):
    checked_with(tree, relative, dumped(data, flow, unicode=True))


@PROPERTY
@given(field=st.sampled_from(FIELDS), value=documents, in_source=st.booleans())
def test_any_value_in_any_field_of_a_valid_event_is_checked(tree, field, value, in_source):
    file = BASE / "2026" / "2026-04-21-base-event.yaml"
    event = yaml.safe_load(file.read_text(encoding="utf-8"))
    if in_source:
        event["sources"][0][field] = value
    else:
        event[field] = value
    checked_with(tree, f"2026/{file.name}", dumped(event, False, True))


@pytest.mark.parametrize("realistic", REALISTIC_EVENTS, ids=lambda path: path.stem)
@settings(PROPERTY, max_examples=15)  # for each of the fixture's 12 events: 180 in all
@given(data=st.data())
def test_a_mutated_realistic_event_is_checked(realistic_tree, realistic, data):
    text = data.draw(mutated(realistic.read_text(encoding="utf-8")))
    relative = realistic.relative_to(TIMELINE_EVENTS).as_posix()
    checked_with(realistic_tree, relative, text.encode("utf-8"))


@st.composite
def alias_bombs(draw: st.DrawFn) -> bytes:
    """Anchors that each repeat the previous one ``fan_out`` times, ``depth`` deep."""
    depth, fan_out = draw(st.integers(1, 12)), draw(st.integers(1, 12))
    as_mapping = draw(st.booleans())
    lines = ["a0: &a0 lol"]
    for level in range(1, depth + 1):
        previous = f"*a{level - 1}"
        items = ", ".join(f"k{i}: {previous}" if as_mapping else previous
                          for i in range(fan_out))
        lines.append(f"a{level}: &a{level} " + ("{%s}" if as_mapping else "[%s]") % items)
    return ("\n".join(lines) + "\n").encode()


@settings(PROPERTY, max_examples=60)
@given(raw=st.one_of(alias_bombs(), st.integers(0, MAX_FILE_BYTES - 12).map(
    lambda size: b'title: "' + b"x" * size + b'"\n')))
def test_aliases_and_big_scalars_stay_within_a_memory_bound(raw):
    tracemalloc.start()
    try:
        document, problems = load_bytes(raw, "x.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert peak < MEMORY_BOUND
    assert_loaded(raw, document, problems)
    assert {p.code for p in problems} <= {"EVT007"}


def test_the_realistic_events_are_valid_before_they_are_mutated():
    # The mutations start from valid files, so what fails above is the mutation's doing.
    assert check(TIMELINE_EVENTS, today=TODAY).diagnostics == []
