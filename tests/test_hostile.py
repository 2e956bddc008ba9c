"""Hostile and broken input: every file ends in exact diagnostics, never in a crash, a hang,
a leak of what lies outside the events folder, or a rewritten terminal.

Three homes, by what the input is:
- whole events trees (invisible characters, BOM, CRLF, ...) are golden cases in
  ``tests/fixtures/validate/cases/`` and run by ``test_validate.py``;
- single hostile files for the loader (tags that construct objects, alias bombs, nesting,
  escaped surrogates, ...) are in ``tests/fixtures/hostile/``, each with its exact messages
  below (what libyaml says of a syntax error masked: our code, position and hint stay);
- symbolic links, pipes and odd file names cannot be committed portably, so the tests
  here make them in a temporary folder.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import (
    ESCAPE_HINT,
    LIBYAML_WORDS,
    SYNTAX_HINT,
    TAB_HINT,
    build_events,
    event_text,
    mkdocs,
    mkdocs_build,
    read_page,
    run_cli,
    small_project,
    with_libyaml_words_masked,
    write_event,
)
from timeline.format.diagnostics import Diagnostic, did_you_mean
from timeline.model.records import outlet_slug_of
from timeline.read.load import MAX_FILE_BYTES, load_bytes, load_file

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
MEMORY_BOUND = 16 * 2**20  # bytes; the largest input below peaks near 6 MiB

SUMMARY = "checked 5 files: 1 error, 0 warnings\n"
TAG_REFUSED = ("is not allowed; remove it and write plain text, numbers, lists or mappings "
               "[EVT006]")
TOO_MANY = "the YAML expands to too many values (anchors and aliases?); write the data out " \
           "plainly [EVT007]"
TOO_DEEP = "the YAML nests deeper than 32 levels; event files need only a few [EVT007]"
LONE_SURROGATE = ("written as an escape ({escape} or similar): half of a UTF-16 pair, no "
                  "character on its own; write the character itself, or its \\U escape of 8 "
                  "hex digits (\\U0001F600, not \\uD83D\\uDE00) [EVT002]")
# -- the corpus of hand-made hostile files ---------------------------------------------------

CORPUS: dict[str, list[str]] = {
    "alias-as-key.yaml": [
        "2:1: error: a key must be plain text, not a list or mapping [EVT004]"],
    "alias-fan-out.yaml": [f"100:9: error: {TOO_MANY}"],
    "bad-timestamp-tag.yaml": [
        '1:7: error: "yesterday" is not a valid !!timestamp value; remove the tag, or write '
        "a value of that type [EVT006]"],
    "billion-laughs-mappings.yaml": [f"5:20: error: {TOO_MANY}"],
    "binary-tag.yaml": [f'1:8: error: YAML tag "!!binary" {TAG_REFUSED}'],
    "blank-looking-characters.yaml": [  # printable, yet drawn as nothing
        "1:15: error: invisible character U+3164 (HANGUL FILLER) is not allowed: "
        "it can hide or reorder text; delete it [EVT050]",
        "2:15: error: invisible character U+FFA0 (HALFWIDTH HANGUL FILLER) is not allowed: "
        "it can hide or reorder text; delete it [EVT050]",
        "2:30: error: invisible character U+2800 (BRAILLE PATTERN BLANK) is not allowed: "
        "it can hide or reorder text; delete it [EVT050]",
        "2:46: error: invisible character U+034F (COMBINING GRAPHEME JOINER) is not allowed: "
        "it can hide or reorder text; delete it [EVT050]",
        "3:18: error: invisible character U+115F (HANGUL CHOSEONG FILLER) is not allowed: "
        "it can hide or reorder text; delete it [EVT050]",
        "3:36: error: invisible character U+1160 (HANGUL JUNGSEONG FILLER) is not allowed: "
        "it can hide or reorder text; delete it [EVT050]"],
    "carriage-return-at-the-very-end.yaml": [
        "1:17: error: carriage return without a line feed (an old Mac line ending); save "
        "the file with LF or CRLF line endings [EVT002]"],
    "deep-block-nesting.yaml": [f"33:65: error: {TOO_DEEP}"],
    "deep-flow-nesting.yaml": [f"1:132: error: {TOO_DEEP}"],
    # libyaml stops at 1,000 levels, reading ahead of the events; ours is crossed first.
    "deep-flow-nesting-past-the-parser-limit.yaml": [f"1:39: error: {TOO_DEEP}"],
    "document-end-then-more.yaml": [
        f"3:1: error: YAML syntax error: {LIBYAML_WORDS}; {SYNTAX_HINT}"],
    "escaped-blank-looking-character.yaml": [
        "1:8: error: this text contains invisible character U+3164 (HANGUL FILLER), "
        "written as an escape (\\u3164 or similar): it can hide or reorder text; remove it "
        "[EVT050]"],
    "unknown-escape.yaml": [  # a Windows path in double quotes: \U starts an escape
        f"1:13: error: YAML syntax error: {LIBYAML_WORDS}; {ESCAPE_HINT}"],
    "short-hex-escape.yaml": [
        f"1:19: error: YAML syntax error: {LIBYAML_WORDS}; {ESCAPE_HINT}"],
    "escaped-carriage-return.yaml": [
        "1:8: error: this text contains control character U+000D, written as an escape "
        "(\\u000D or similar); remove it [EVT002]"],
    "escaped-joiner-between-latin-letters.yaml": [
        "1:8: error: this text contains invisible character U+200D (ZERO WIDTH JOINER), "
        "written as an escape (\\u200D or similar): it can hide or reorder text; remove it "
        "[EVT050]"],
    "escaped-nul.yaml": [
        "1:8: error: this text contains control character U+0000, written as an escape "
        "(\\u0000 or similar); remove it [EVT002]"],
    "escaped-low-surrogate-8-digits.yaml": [
        "1:10: error: this text contains lone surrogate U+DE00, "
        + LONE_SURROGATE.format(escape="\\uDE00")],
    "escaped-surrogate.yaml": [  # at the text, as any other escape: not where libyaml stops
        "1:8: error: this text contains lone surrogate U+D83D, "
        + LONE_SURROGATE.format(escape="\\uD83D")],
    "escaped-surrogate-on-a-later-line.yaml": [
        "1:10: error: this text contains lone surrogate U+DFFF, "
        + LONE_SURROGATE.format(escape="\\uDFFF")],
    "escaped-surrogate-pair.yaml": [  # YAML does not join a UTF-16 pair: the first is alone
        "1:8: error: this text contains lone surrogate U+D83D, "
        + LONE_SURROGATE.format(escape="\\uD83D")],
    "escaped-variation-selector-run.yaml": [  # the first, after "a", is allowed
        "1:8: error: this text contains invisible character U+E0142 (VARIATION "
        "SELECTOR-83), written as an escape (\\U000E0142 or similar): only one may follow "
        "a character, and a run of them can hide text; remove it [EVT050]"],
    "huge-tagged-value.yaml": [
        f'1:8: error: "{"9" * 59}…" is not a valid !!int value; remove the tag, or write a '
        "value of that type [EVT006]"],
    "joiners-out-of-place.yaml": [  # allowed between emoji or non-ASCII letters only
        "1:9: error: invisible character U+200C (ZERO WIDTH NON-JOINER) is not allowed: "
        "it can hide or reorder text; delete it [EVT050]",
        "2:17: error: invisible character U+200D (ZERO WIDTH JOINER) is not allowed: "
        "it can hide or reorder text; delete it [EVT050]",
        "2:25: error: invisible character U+200C (ZERO WIDTH NON-JOINER) is not allowed: "
        "it can hide or reorder text; delete it [EVT050]",
        "2:31: error: invisible character U+200C (ZERO WIDTH NON-JOINER) is not allowed: "
        "it can hide or reorder text; delete it [EVT050]",
        "4:11: error: invisible character U+200C (ZERO WIDTH NON-JOINER) is not allowed: "
        "it can hide or reorder text; delete it [EVT050]",
        "5:16: error: invisible character U+200C (ZERO WIDTH NON-JOINER) is not allowed: "
        "it can hide or reorder text; delete it [EVT050]",
        "5:17: error: invisible character U+200C (ZERO WIDTH NON-JOINER) is not allowed: "
        "it can hide or reorder text; delete it [EVT050]",
        "6:27: error: invisible character U+200D (ZERO WIDTH JOINER) is not allowed: "
        "it can hide or reorder text; delete it [EVT050]",
        "7:19: error: invisible character U+200C (ZERO WIDTH NON-JOINER) is not allowed: "
        "it can hide or reorder text; delete it [EVT050]"],
    "key-too-long.yaml": [f"1:2001: error: YAML syntax error: {LIBYAML_WORDS}; {SYNTAX_HINT}"],
    "local-tag.yaml": [f'1:8: error: YAML tag "!include" {TAG_REFUSED}'],
    "noncharacter.yaml": [  # the column counts characters, not the bytes of "é"
        "1:14: error: noncharacter U+FFFE is not allowed; delete it [EVT002]"],
    "python-module.yaml": [f'1:8: error: YAML tag "!!python/module:os" {TAG_REFUSED}'],
    "python-name.yaml": [f'1:8: error: YAML tag "!!python/name:os.system" {TAG_REFUSED}'],
    "python-object-apply.yaml": [
        f'1:8: error: YAML tag "!!python/object/apply:os.system" {TAG_REFUSED}'],
    "python-object-mapping.yaml": [
        f'2:5: error: YAML tag "!!python/object:collections.OrderedDict" {TAG_REFUSED}'],
    "python-object-new.yaml": [
        f'1:10: error: YAML tag "!!python/object/new:subprocess.Popen" {TAG_REFUSED}'],
    "sequence-as-key.yaml": [
        "1:1: error: a key must be plain text, not a list or mapping [EVT004]"],
    "set-tag.yaml": [f'1:9: error: YAML tag "!!set" {TAG_REFUSED}'],
    "tab-indentation.yaml": [f"2:1: error: YAML syntax error: {LIBYAML_WORDS}; {TAB_HINT}"],
    "tag-directive-to-python.yaml": [
        f'3:8: error: YAML tag "!!python/object/apply:os.system" {TAG_REFUSED}'],
    "tag-on-key.yaml": [f'1:1: error: YAML tag "!!python/name:os.system" {TAG_REFUSED}'],
    "unclosed-at-end-without-line-break.yaml": [  # YAML says 2:1, a line editors do not show
        f"1:9: error: YAML syntax error: {LIBYAML_WORDS}; {SYNTAX_HINT}"],
    "undefined-alias.yaml": ["1:8: error: YAML syntax error: unknown alias *nowhere [EVT001]"],
    "variation-selector-run.yaml": [  # the first, after "a", is allowed
        "1:25: error: invisible character U+FE01 (VARIATION SELECTOR-2) is not allowed: "
        "only one may follow a character, and a run of them can hide text; delete it [EVT050]",
        "1:26: error: invisible character U+E0100 (VARIATION SELECTOR-17) is not allowed: "
        "only one may follow a character, and a run of them can hide text; delete it [EVT050]",
        "1:27: error: invisible character U+E01EF (VARIATION SELECTOR-256) is not allowed: "
        "only one may follow a character, and a run of them can hide text; delete it [EVT050]",
        "2:35: error: invisible character U+FE0F (VARIATION SELECTOR-16) is not allowed: "
        "only one may follow a character, and a run of them can hide text; delete it [EVT050]"],
}
# Read without complaint by the loader; what they mean is asserted by their own tests.
LOADED_AS_PLAIN_DATA = {"merge-key.yaml", "redefined-anchor.yaml"}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_a_hostile_file_gets_exactly_its_messages(name):
    document, problems = load_file(HOSTILE / name, name)

    assert document is None or problems
    assert [with_libyaml_words_masked(p.format_text()) for p in problems] == [
        f"{name}:{line}" for line in CORPUS[name]]


def test_every_file_of_the_corpus_has_its_expected_messages():
    on_disk = {path.name for path in HOSTILE.glob("*.yaml")}

    assert on_disk == set(CORPUS) | LOADED_AS_PLAIN_DATA


def test_a_merge_key_is_an_ordinary_key_and_merges_nothing():
    document, problems = load_file(HOSTILE / "merge-key.yaml", "merge-key.yaml")

    assert problems == []
    assert document.data == {"defaults": {"status": "reported"},
                             "<<": {"status": "reported"}}


def test_a_redefined_anchor_means_its_latest_definition():
    document, problems = load_file(HOSTILE / "redefined-anchor.yaml", "redefined-anchor.yaml")

    assert problems == []
    assert document.data == {"title": "First", "summary": "Second", "status": "Second"}


def test_an_object_constructing_tag_runs_nothing(tmp_path):
    marker = tmp_path / "ran"
    text = (HOSTILE / "python-object-new.yaml").read_text(encoding="utf-8")

    load_bytes(text.replace("/tmp/pwned", str(marker)).encode(), "x.yaml")

    assert not marker.exists()


# -- bounded memory ------------------------------------------------------------------------


def _billion_laughs() -> bytes:
    return (HOSTILE / "billion-laughs-mappings.yaml").read_bytes()


def _one_scalar_filling_the_file() -> bytes:
    return b'summary: "' + b"x" * (MAX_FILE_BYTES - 12) + b'"\n'


def _the_most_items_a_file_holds() -> bytes:
    return b"actors:\n" + b"  - a\n" * ((MAX_FILE_BYTES - 8) // 6)


def _brackets_filling_the_file() -> bytes:
    return b"title: " + b"[" * (MAX_FILE_BYTES - 8) + b"\n"


def _invisible_characters_filling_the_file() -> bytes:
    return b'title: "' + "\u200b".encode() * ((MAX_FILE_BYTES - 10) // 3) + b'"\n'


@pytest.mark.parametrize("make", [
    _billion_laughs, _one_scalar_filling_the_file, _the_most_items_a_file_holds,
    _brackets_filling_the_file, _invisible_characters_filling_the_file,
], ids=lambda make: make.__name__.strip("_"))
def test_loading_the_worst_file_of_its_kind_stays_within_a_memory_bound(
        make: Callable[[], bytes]):
    raw = make()
    assert len(raw) <= MAX_FILE_BYTES

    tracemalloc.start()
    try:
        load_bytes(raw, "x.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert peak < MEMORY_BOUND


def test_a_file_over_the_limit_is_never_read_into_memory(tmp_path):
    file = tmp_path / "huge.yaml"
    with file.open("wb") as stream:
        stream.truncate(64 * 2**20)  # sparse: 64 MiB that take no disk space

    tracemalloc.start()
    try:
        document, problems = load_file(file, "huge.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert document is None
    assert [p.format_text() for p in problems] == [
        "huge.yaml:1:1: error: file is 67,108,864 bytes; the limit is 262,144 bytes [EVT003]"]
    assert peak < 2**20


def test_a_huge_value_gets_no_did_you_mean():
    assert did_you_mean("reported" * 100, ["reported", "confirmed"]) == ""


# -- symbolic links: never followed out of the events folder ---------------------------------

needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt",
                                    reason="symbolic links need a POSIX file system")


@pytest.fixture
def tree(tmp_path, monkeypatch) -> Path:
    """A valid events tree in tmp_path/events, with tmp_path as the working folder."""
    events = build_events(tmp_path)
    monkeypatch.chdir(tmp_path)
    return events


@pytest.fixture
def secret(tmp_path) -> Path:
    """A YAML file outside the events folder whose content must never be shown."""
    path = tmp_path / "outside" / "secret.yaml"
    path.parent.mkdir()
    path.write_text("password: hunter2\n", encoding="utf-8")
    return path


@needs_symlinks
def test_an_event_linking_outside_the_events_folder_is_rejected_unread(tree, secret, capsys):
    (tree / "2026" / "2026-04-link.yaml").symlink_to(secret)

    result = run_cli(capsys, "validate", "--events", "events")

    assert (result.code, result.out) == (1, (
        "events/2026/2026-04-link.yaml:1:1: error: symbolic link to a file outside the "
        "events folder; commit the file itself [EVT026]\n"))
    assert "hunter2" not in result.out + result.err


@needs_symlinks
def test_a_registry_linking_outside_the_events_folder_is_rejected_unread(tree, secret, capsys):
    (tree / "tags.yaml").unlink()
    (tree / "tags.yaml").symlink_to(secret)

    result = run_cli(capsys, "validate", "--events", "events")

    assert (result.code, result.out) == (1, (
        "events/tags.yaml:1:1: error: symbolic link to a file outside the events folder; "
        "commit the file itself [EVT026]\n"))
    assert "hunter2" not in result.out + result.err


@needs_symlinks
def test_a_relative_link_climbing_out_of_the_events_folder_is_rejected(tree, secret, capsys):
    (tree / "2026" / "2026-04-climb.yaml").symlink_to(Path("../../outside/secret.yaml"))

    result = run_cli(capsys, "validate", "--events", "events")

    assert result.out == (
        "events/2026/2026-04-climb.yaml:1:1: error: symbolic link to a file outside the "
        "events folder; commit the file itself [EVT026]\n")


@needs_symlinks
def test_a_linked_folder_is_reported_and_not_entered(tree, secret, capsys):
    (tree / "2027").symlink_to(secret.parent, target_is_directory=True)

    result = run_cli(capsys, "validate", "--events", "events")

    assert (result.code, result.out) == (1, (
        "events/2027:1:1: error: symbolic link to a folder, which is not followed; commit "
        "the folder itself [EVT026]\n"))


@needs_symlinks
def test_a_loop_of_links_is_unreadable_not_a_crash(tree, capsys):
    (tree / "2026" / "2026-04-loop.yaml").symlink_to("2026-04-loop.yaml")

    result = run_cli(capsys, "validate", "--events", "events")

    assert (result.code, result.out) == (1, (
        "events/2026/2026-04-loop.yaml:1:1: error: cannot read the file: Too many levels of "
        "symbolic links [EVT002]\n"))


@needs_symlinks
def test_a_link_to_a_file_inside_the_events_folder_is_read(tree, capsys):
    draft = write_event(tree, "drafts/2026-04-linked.txt",
                        event_text('"2026-04"').replace("gemini", "nobody"))
    (tree / "2026" / "2026-04-linked.yaml").symlink_to(Path("../drafts") / draft.name)

    result = run_cli(capsys, "validate", "--events", "events")

    assert result.out == (
        'events/2026/2026-04-linked.yaml:6:5: error: unknown actor "nobody"; register it in '
        "events/actors.yaml or fix the slug [EVT030]\n")


# -- files that are no files, names that are no names -----------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
def test_a_named_pipe_is_not_read(tree, capsys):
    os.mkfifo(tree / "2026" / "2026-04-pipe.yaml")  # reading it would wait forever

    result = run_cli(capsys, "validate", "--events", "events")

    assert (result.code, result.out, result.err) == (1, (
        "events/2026/2026-04-pipe.yaml:1:1: error: not a regular file (a pipe, socket or "
        "device?); commit the event as a plain text file [EVT002]\n"), SUMMARY)


def _make_file_named(folder: Path, name: bytes | str, text: str) -> None:
    try:
        with open(os.path.join(os.fsencode(folder), os.fsencode(name)), "wb") as stream:
            stream.write(text.encode())
    except (OSError, UnicodeError):
        pytest.skip("the file system refuses this file name")


def test_a_line_break_in_a_file_name_stays_on_one_output_line(tree, capsys):
    _make_file_named(tree / "2026", "2026-04-two\nlines.yaml", event_text('"2026-04"'))

    result = run_cli(capsys, "validate", "--events", "events")

    assert result.out == (
        "events/2026/2026-04-two\\nlines.yaml:1:1: error: file name "
        '"2026-04-two\\nlines.yaml" is not <date>-<slug>.yaml with a slug of lowercase ASCII '
        'words joined by single hyphens, e.g. "2026-04-21-team-formed.yaml" [EVT026]\n')


def test_an_escape_sequence_in_a_file_name_is_shown_not_obeyed(tree, capsys):
    _make_file_named(tree / "2026", "2026-04-\x1b[2Jwipe.yaml", event_text('"2026-04"'))

    result = run_cli(capsys, "validate", "--events", "events")

    assert "\x1b" not in result.out
    assert result.out.startswith("events/2026/2026-04-\\u001B[2Jwipe.yaml:1:1: error: ")


@pytest.mark.skipif(os.name == "nt", reason="Windows file names are Unicode")
def test_a_file_name_that_is_not_utf8_is_shown_byte_by_byte(tree, capsys):
    _make_file_named(tree / "2026", b"2026-04-caf\xe9.yaml", event_text('"2026-04"'))

    result = run_cli(capsys, "validate", "--events", "events")

    assert result.out == (
        "events/2026/2026-04-caf\\xE9.yaml:1:1: error: file name \"2026-04-caf\\xE9.yaml\" "
        "is not <date>-<slug>.yaml with a slug of lowercase ASCII words joined by single "
        'hyphens, e.g. "2026-04-21-team-formed.yaml" [EVT026]\n')


# -- values echoed in messages -----------------------------------------------------------------


def test_an_escape_sequence_in_a_value_is_reported_and_shown_escaped(tree, capsys):
    write_event(tree, "2026/2026-04-escape.yaml",
                event_text('"2026-04"').replace("- gemini", '- "\\e[2Jwiped"'))

    result = run_cli(capsys, "validate", "--events", "events")

    assert result.out == (
        "events/2026/2026-04-escape.yaml:6:5: error: this text contains control character "
        "U+001B, written as an escape (\\u001B or similar); remove it [EVT002]\n"
        'events/2026/2026-04-escape.yaml:6:5: error: unknown actor "\\u001B[2Jwiped"; '
        "register it in events/actors.yaml or fix the slug [EVT030]\n")


def test_github_annotations_escape_control_characters_but_keep_line_breaks():
    diagnostic = Diagnostic("events/2026/a\x1b.yaml", 3, 9, "EVT013",
                            'status is "\x1b[2J\u202e"\nnext line')

    assert diagnostic.format_github() == (
        "::error file=events/2026/a\\u001B.yaml,line=3,col=9,title=EVT013::"
        'status is "\\u001B[2J\\u202E"%0Anext line [EVT013]')


# -- a contribution that validate accepts builds, and one it refuses stops the build ----------


def _validate_in(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "timeline", "validate"], cwd=project,
                          capture_output=True, text=True)


def _change(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


DAY_EVENT = "events/2026/2026-04-21-day-event.yaml"
REFUSED_CONTRIBUTIONS: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "actor-slug-index": (lambda p: (p / "events/actors.yaml").open("a").write(
        'index:\n  name: "Index Ventures"\n  kind: organization\n'),
        ['events/actors.yaml:', 'the slug "index" is reserved', "[EVT054]"]),
    "tag-slug-index": (lambda p: (p / "events/tags.yaml").open("a").write(
        'index:\n  name: "Index"\n  description: "A tag named index"\n'),
        ['events/tags.yaml:', 'the slug "index" is reserved', "[EVT054]"]),
    "publisher-index": (lambda p: _change(p / DAY_EVENT, '"Example Times"', '"Index"'),
                        [f"{DAY_EVENT}:13:16:", '"Index" would have the outlet page',
                         "[EVT054]"]),
    "relayed-outlet-index": (lambda p: _change(p / DAY_EVENT, '"The Original Outlet"',
                                               '"Index"'),
                             [f"{DAY_EVENT}:17:10:", 'sources[0].via "Index" would have the '
                              'outlet page', "[EVT054]"]),
    "relayed-outlet-one-slug": (lambda p: _change(p / DAY_EVENT, '"The Original Outlet"',
                                                  '"example times"'),
                                [f"{DAY_EVENT}:17:10:", 'sources[0].via "example times" and '
                                 '"Example Times"', "[EVT055]"]),
    "publishers-one-slug": (lambda p: _change(p / DAY_EVENT, '"Example Times"',
                                              '"EXAMPLE TIMES"'),
                            [f"{DAY_EVENT}:13:16:", "would share the outlet page",
                             "[EVT055]"]),
    "nested-summary": (lambda p: _change(
        p / DAY_EVENT, '"Something happened on a day the sources name."',
        '"' + "- " * 500 + 'x"'), [f"{DAY_EVENT}:4:10:", "500 levels deep", "[EVT056]"]),
    "ordered-nested-summary": (lambda p: _change(
        p / DAY_EVENT, '"Something happened on a day the sources name."',
        '"' + "1. " * 500 + 'x"'), [f"{DAY_EVENT}:4:10:", "500 levels deep", "[EVT056]"]),
    "summary-of-brackets": (lambda p: _change(
        p / DAY_EVENT, '"Something happened on a day the sources name."',
        '"' + "[" * 25_000 + '"'), [f"{DAY_EVENT}:4:10:", "summary opens 25,000 links",
                                    "[EVT059]"]),
    "summary-only-a-comment": (lambda p: _change(
        p / DAY_EVENT, '"Something happened on a day the sources name."',
        '"<!-- Something happened on a day the sources name. -->"'),
        [f"{DAY_EVENT}:4:10:", "summary shows readers nothing", "[EVT060]"]),
    "summary-only-an-empty-link": (lambda p: _change(
        p / DAY_EVENT, '"Something happened on a day the sources name."',
        '"[](https://example.org/something-happened)"'),
        [f"{DAY_EVENT}:4:10:", "summary shows readers nothing", "[EVT060]"]),
    "end-9999": (lambda p: _change(p / DAY_EVENT, "status:", 'end: "9999"\nstatus:'),
                 [f"{DAY_EVENT}:3:6:", "end 9999 is more than a week in the future",
                  "[EVT023]"]),
}


@pytest.mark.parametrize("name", sorted(REFUSED_CONTRIBUTIONS))
def test_a_refused_contribution_stops_the_build_with_the_validators_message(name, tmp_path):
    project = small_project(tmp_path / "project")
    change, expected = REFUSED_CONTRIBUTIONS[name]
    change(project)

    validated = _validate_in(project)
    built = mkdocs(project, "build", "--strict", "-d", str(tmp_path / "site"))

    errors = [line for line in validated.stdout.splitlines() if ": error: " in line]
    assert validated.returncode == 1 and errors, validated.stdout + validated.stderr
    assert any(all(part in line for part in expected) for line in errors), errors
    assert built.returncode == 1
    for line in errors:
        assert line in built.stderr
    assert "Traceback" not in built.stderr + validated.stderr


def test_publishers_without_latin_letters_each_get_an_outlet_page(tmp_path):
    project = small_project(tmp_path / "project")
    _change(project / DAY_EVENT, '"Example Times"', '"日本経済新聞"')
    spanning = project / "events/2026/2026-04-spanning-event.yaml"
    text = spanning.read_text(encoding="utf-8")
    assert "publisher:" in text
    spanning.write_text(re.sub(r'publisher: "[^"]*"', 'publisher: "朝日新聞"', text, count=1),
                        encoding="utf-8")

    validated = _validate_in(project)
    mkdocs_build(project, tmp_path / "site")

    assert validated.returncode == 0, validated.stdout
    outlets = read_page(tmp_path / "site", "sources/")
    for name in ("日本経済新聞", "朝日新聞"):
        page = read_page(tmp_path / "site", f"sources/{outlet_slug_of(name)}/")
        assert "<h1" in page and name in page
        assert f'href="{outlet_slug_of(name)}/"' in outlets and name in outlets
