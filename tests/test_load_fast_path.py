"""The loader's shortcuts keep its promises.

For speed the loader looks for escaped characters in double-quoted text only (written out,
a refused character never reaches the parser), and lets plain text that no YAML pattern can
match stay text without trying the patterns. These tests pin what those shortcuts must
not change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.read.load import Position, load_bytes, load_file


def load(text: str):
    return load_bytes(text.encode("utf-8"), "x.yaml")


def messages(text: str) -> list[str]:
    return [problem.format_text() for problem in load(text)[1]]


def test_an_escape_in_a_double_quoted_key_is_reported_at_the_key():
    assert messages('title: "A"\n"sum\\u200Bmary": "B"\n') == [
        "x.yaml:2:1: error: this text contains invisible character U+200B (ZERO WIDTH SPACE),"
        " written as an escape (\\u200B or similar): it can hide or reorder text; remove it "
        "[EVT050]"]


def test_an_escape_in_a_double_quoted_list_item_is_reported_at_the_item():
    assert messages('actors:\n  - "gemini"\n  - "a\\e[31m"\n') == [
        "x.yaml:3:5: error: this text contains control character U+001B, written as an "
        "escape (\\u001B or similar); remove it [EVT002]"]


@pytest.mark.parametrize("text", [
    "title: 'A \\u202E B'\n",
    "title: A \\u202E B\n",
    "title: |-\n  A \\u202E B\n",
])
def test_a_backslash_outside_double_quotes_is_plain_text(text):
    document, problems = load(text)

    assert problems == []
    assert document.data == {"title": "A \\u202E B"}


def test_a_double_quoted_text_with_a_line_break_and_a_tab_is_fine():
    document, problems = load('summary: "one\\ttwo\\nthree"\n')

    assert problems == []
    assert document.data == {"summary": "one\ttwo\nthree"}


@pytest.mark.parametrize(("written", "value", "reading"), [
    ("denied", "denied", "text"),
    ("gemini-2", "gemini-2", "text"),
    ("en", "en", "text"),
    ("no", False, "boolean"),
    ("On", True, "boolean"),
    ("~", None, "null"),
    ("null", None, "null"),
    ("0x1F", 31, "integer"),
    ("-3", -3, "integer"),
    (".5", 0.5, "number"),
    ("+1", 1, "integer"),
    ("2026-04-21", "2026-04-21", "date"),
    ("2026-04", "2026-04", "text"),
    ("-x", "-x", "text"),
    ("nothing", "nothing", "text"),
])
def test_plain_text_is_read_as_yaml_reads_it(written, value, reading):
    document, problems = load(f"key: {written}\n")

    assert problems == []
    assert document.data == {"key": value}
    assert type(document.data["key"]) is type(value)
    assert document.scalar_types[("key",)] == reading


def test_every_key_and_value_has_a_position_by_its_path():
    document, _ = load('title: "A"\nsources:\n  - title: "B"\n')

    assert document.key_positions == {("title",): Position(1, 1), ("sources",): Position(2, 1),
                                      ("sources", 0, "title"): Position(3, 5)}
    assert document.value_positions == {
        (): Position(1, 1), ("title",): Position(1, 8), ("sources",): Position(3, 3),
        ("sources", 0): Position(3, 5), ("sources", 0, "title"): Position(3, 12)}


@pytest.mark.parametrize("tag", ["!!int", "!!float"])
def test_an_empty_number_with_a_tag_is_reported_not_a_crash(tag):
    assert messages(f'title: {tag} ""\n') == [
        f'x.yaml:1:8: error: "" is not a valid {tag} value; remove the tag, or write a value '
        "of that type [EVT006]"]


PROC_VERSION = Path("/proc/version")


@pytest.mark.skipif(not PROC_VERSION.is_file(), reason="needs Linux's /proc")
def test_a_file_longer_than_its_reported_size_is_read_whole():
    # /proc reports a size of 0 for its files, as if the file grew after stat().
    assert PROC_VERSION.stat().st_size == 0

    from_disk, problems_from_disk = load_file(PROC_VERSION, "version")
    whole, problems_of_whole = load_bytes(PROC_VERSION.read_bytes(), "version")

    assert problems_from_disk == problems_of_whole
    assert from_disk is not None and from_disk.data == whole.data
