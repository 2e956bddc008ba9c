"""`timeline fmt`: one canonical layout, comments kept, meaning never changed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.helpers import build_events, run_cli, write_event
from timeline.format.schema import load_schema
from timeline.read.load import MAX_FILE_BYTES, load_bytes, load_file
from timeline.tools.fmt import FormatError, format_text, kind_of

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
FMT_FIXTURES = FIXTURES / "fmt"
EVENT_SCHEMA_LINE = ("# yaml-language-server: "
                     "$schema=../../schema/event.schema.json\n")


def typed(value):
    """Data with each scalar's type spelled out: 1, 1.0, True and "1" all differ."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    return (type(value).__name__, repr(value))


def loaded(text: str):
    document, problems = load_bytes(text.encode("utf-8"), "x.yaml")
    assert document is not None and problems == [], problems
    return typed(document.data)


def fmt_event(text: str) -> str:
    return format_text(text, "event", "events/2026/x.yaml")


def files_that_load(root: Path) -> list[Path]:
    files = sorted([*root.rglob("*.yaml"), *root.rglob("*.yml")])
    return [file for file in files
            if (result := load_file(file, str(file)))[0] is not None and not result[1]]


FIXTURE_FILES = files_that_load(FIXTURES)


# -- never a change of meaning ---------------------------------------------------------------


@pytest.mark.parametrize("file", FIXTURE_FILES,
                         ids=lambda file: file.relative_to(REPO).as_posix())
def test_formatting_keeps_every_value_and_type(file):
    text = file.read_text(encoding="utf-8")

    formatted = format_text(text, kind_of(file), str(file))

    assert loaded(formatted) == loaded(text)


@pytest.mark.parametrize("file", FIXTURE_FILES,
                         ids=lambda file: file.relative_to(REPO).as_posix())
def test_formatting_twice_is_formatting_once(file):
    once = format_text(file.read_text(encoding="utf-8"), kind_of(file), str(file))

    assert format_text(once, kind_of(file), str(file)) == once


# Any printable text with line breaks and tabs; the loader refuses control and invisible
# characters before fmt could see them.
_TEXT = st.text(st.characters(codec="utf-8", include_characters="\n\t",
                              exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")),
                min_size=1, max_size=60)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_TEXT, summary=_TEXT, quote=_TEXT,
       style=st.sampled_from([None, '"', "'", "|", ">"]), comments=st.booleans())
def test_any_text_in_any_style_keeps_its_value_and_formats_once(title, summary, quote,
                                                                 style, comments):
    # Fields out of order, so formatting moves them (and the comments above them).
    event = {"summary": summary, "title": title, "date": "2026-04", "status": "reported",
             "actors": ["gemini"], "sources": [{"quote": quote, "title": "An article"}]}
    text = yaml.safe_dump(event, allow_unicode=True, sort_keys=False, default_style=style)
    if comments:
        text = "# At the top.\n" + text + "# At the end.\n"
        for key in ("date", "status", "sources"):
            text = re.sub(f"^(['\"]?{key}['\"]?:)", f"# Above {key}.\n\\1", text,
                          flags=re.MULTILINE)
    document, problems = load_bytes(text.encode("utf-8"), "x.yaml")
    assume(document is not None and not problems)  # the loader refuses some characters

    formatted = fmt_event(text)

    assert loaded(formatted) == typed(document.data)
    assert fmt_event(formatted) == formatted
    if comments:
        assert all(f"# Above {key}.\n{key}:" in formatted
                   for key in ("date", "status", "sources"))


# -- the layout ------------------------------------------------------------------------------


def test_an_event_with_comments_gets_the_canonical_layout():
    text = (FMT_FIXTURES / "event-with-comments.yaml").read_text(encoding="utf-8")

    formatted = fmt_event(text)

    assert formatted == (FMT_FIXTURES / "event-with-comments.expected.yaml").read_text(
        encoding="utf-8")


def test_a_registry_is_sorted_by_slug_and_keeps_its_comments():
    text = (FMT_FIXTURES / "actors-with-comments.yaml").read_text(encoding="utf-8")

    formatted = format_text(text, "actors", "events/actors.yaml")

    assert formatted == (FMT_FIXTURES / "actors-with-comments.expected.yaml").read_text(
        encoding="utf-8")


def test_comments_above_beside_and_inside_lists_are_all_kept():
    text = (FMT_FIXTURES / "event-with-comments.yaml").read_text(encoding="utf-8")
    comments = sorted(re.findall(r"# [A-Z][^\n]*", text))

    formatted = fmt_event(text)

    assert sorted(re.findall(r"# [A-Z][^\n]*", formatted)) == comments


def test_a_comment_above_a_field_moves_with_it():
    text = ('date: "2026-04"\n# Only the title is certain.\ntitle: "A"\nstatus: reported\n')

    assert fmt_event(text) == (EVENT_SCHEMA_LINE + '# Only the title is certain.\n'
                               'title: "A"\ndate: "2026-04"\nstatus: reported\n')


def test_fields_follow_the_schema_and_unknown_fields_stay_last_in_their_order():
    text = ('zeta: 1\nsources:\n  - url: "https://example.com/"\n    title: "T"\n'
            'alpha: 2\ntitle: "A"\n')

    assert fmt_event(text) == (EVENT_SCHEMA_LINE + 'title: "A"\nsources:\n  - title: "T"\n'
                               '    url: "https://example.com/"\nzeta: 1\nalpha: 2\n')


def test_the_schema_order_is_the_documented_order():
    # fmt orders fields as the schema lists them; docs/format.md lists them alike.
    documented = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    fields_section = documented.split("## Fields, in order")[1].split("\n## ")[0]
    sources_paragraph = fields_section.split("`sources`")[1].split("\n\n")[0]
    schema = load_schema("event")
    source_fields = list(schema["$defs"]["source"]["properties"])

    assert re.findall(r"^`(\w+)`$", fields_section, re.MULTILINE) == list(schema["properties"])
    assert [word for word in re.findall(r"`([\w-]+)`", sources_paragraph)
            if word in source_fields] == source_fields


def test_text_is_double_quoted_and_identifiers_are_plain():
    text = ("title: 'It''s here'\ndate: 2026-04-21\nstatus: \"reported\"\nactors:\n"
            "  - 'gemini'\nsources:\n  - title: An article\n    language: \"en\"\n"
            "related:\n  - event: \"2026-05-other\"\n    relation: 'see-also'\n")

    assert fmt_event(text) == (
        EVENT_SCHEMA_LINE + 'title: "It\'s here"\ndate: "2026-04-21"\nstatus: reported\n'
        'actors:\n  - gemini\nsources:\n  - title: "An article"\n    language: en\n'
        'related:\n  - event: 2026-05-other\n    relation: see-also\n')


def test_an_identifier_that_would_not_read_as_text_stays_quoted():
    text = 'title: "A"\nactors:\n  - "yes"\n  - "2026"\n'

    assert fmt_event(text) == (EVENT_SCHEMA_LINE + 'title: "A"\nactors:\n  - "yes"\n'
                               '  - "2026"\n')


def test_numbers_booleans_and_unquoted_words_yaml_reads_as_booleans_stay_as_written():
    text = "title: no\ndate: 2026\napproximate: true\n"

    assert fmt_event(text) == EVENT_SCHEMA_LINE + text


def test_text_with_line_breaks_becomes_a_block():
    text = ('title: "A"\nsummary: "First line.\\nSecond line."\n'
            "status: >\n  folded\n  words\n")

    assert fmt_event(text) == (EVENT_SCHEMA_LINE + 'title: "A"\nstatus: |\n  folded words\n'
                               "summary: |-\n  First line.\n  Second line.\n")


def test_windows_line_endings_and_extra_blank_lines_at_the_end_go():
    text = 'title: "A"\r\ndate: "2026-04"\r\n\r\n\r\n'

    assert fmt_event(text) == EVENT_SCHEMA_LINE + 'title: "A"\ndate: "2026-04"\n'


def test_lists_and_mappings_are_written_in_block_style():
    text = ('title: "A"\nactors: [gemini, google]\n'
            "related: [{event: 2026-05-x, relation: see-also}]\n")

    assert fmt_event(text) == (EVENT_SCHEMA_LINE + 'title: "A"\nactors:\n  - gemini\n'
                               "  - google\nrelated:\n  - event: 2026-05-x\n"
                               "    relation: see-also\n")


def test_a_schema_line_elsewhere_moves_to_the_top_and_keeps_its_path():
    text = '# About this event.\n#yaml-language-server: $schema=../schema.json\ntitle: "A"\n'

    assert fmt_event(text) == ("# yaml-language-server: $schema=../schema.json\n"
                               '# About this event.\ntitle: "A"\n')


# -- the command -----------------------------------------------------------------------------


def test_check_lists_the_files_that_would_change_and_changes_nothing(tmp_path, monkeypatch,
                                                                     capsys):
    events = build_events(tmp_path)
    before = {path: path.read_bytes() for path in events.rglob("*.yaml")}
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "fmt", "--check", "--events", "events")

    assert (result.code, result.out, result.err) == (
        1,
        "events/actors.yaml\nevents/tags.yaml\nevents/2026/2026-04-21-base-event.yaml\n"
        "events/2026/2026-05-other-event.yaml\n",
        "4 files would be reformatted; run `timeline fmt` to format them\n")
    assert {path: path.read_bytes() for path in events.rglob("*.yaml")} == before


def test_fmt_formats_the_whole_events_folder_and_check_then_passes(tmp_path, monkeypatch,
                                                                   capsys):
    build_events(tmp_path)
    monkeypatch.chdir(tmp_path)

    written = run_cli(capsys, "fmt", "--events", "events")
    checked = run_cli(capsys, "fmt", "--check", "--events", "events")

    assert (written.code, written.err) == (0, "formatted 4 files of 4\n")
    assert (checked.code, checked.out, checked.err) == (0, "", "all 4 files are formatted\n")
    assert (tmp_path / "events" / "actors.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../schema/actors.schema.json\n"
        'gemini:\n  name: "Gemini"\n  kind: product\n'
        'google-deepmind:\n  name: "Google DeepMind"\n  kind: organization\n'
        '  aliases:\n    - "DeepMind"\n'
        'sergey-brin:\n  name: "Sergey Brin"\n  kind: person\n')


def test_a_file_with_yaml_errors_is_reported_and_left_alone_while_others_are_formatted(
        tmp_path, monkeypatch, capsys):
    events = build_events(tmp_path)
    broken = write_event(events, "2026/2026-04-broken.yaml",
                         'title: Google: a team\ndate: "2026-04"\n')
    other = write_event(events, "2026/2026-04-fine.yaml", "title: 'A'\n")
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "fmt", "events/2026/2026-04-broken.yaml",
                     "events/2026/2026-04-fine.yaml")

    assert result.code == 1
    error, formatted = result.out.splitlines()
    # Our code, position and hint; the words between are libyaml's (tests/test_libyaml.py).
    assert error.startswith("events/2026/2026-04-broken.yaml:1:14: error: YAML syntax error: ")
    assert error.endswith('; check the indentation, and quote text that contains ": " or '
                          "starts with a special character [EVT001]")
    assert formatted == "events/2026/2026-04-fine.yaml"
    assert broken.read_text(encoding="utf-8") == 'title: Google: a team\ndate: "2026-04"\n'
    assert other.read_text(encoding="utf-8") == EVENT_SCHEMA_LINE + 'title: "A"\n'


@pytest.fixture
def events_tree(tmp_path, monkeypatch) -> Path:
    events = build_events(tmp_path)
    monkeypatch.chdir(tmp_path)
    return events


def test_a_missing_path_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "fmt", "events/2026/nothing.yaml")

    assert (result.code, result.err) == (
        2, "timeline fmt: no such file: events/2026/nothing.yaml\n")


def test_a_file_outside_the_events_folder_is_a_usage_error(events_tree, capsys):
    (events_tree.parent / "notes.yaml").write_text("title: 'A'\n", encoding="utf-8")

    result = run_cli(capsys, "fmt", "--events", "events", "notes.yaml")

    assert (result.code, result.err) == (
        2, "timeline fmt: notes.yaml is not inside the events folder events; move it there "
           "or pass --events\n")
    assert (events_tree.parent / "notes.yaml").read_text(encoding="utf-8") == "title: 'A'\n"


def test_a_file_fmt_cannot_lay_out_faithfully_is_refused_not_changed(monkeypatch):
    # The check after formatting is the safety net: a layout step that lost or changed a
    # comment is caught, and nothing is returned to be written.
    monkeypatch.setattr("timeline.tools.fmt._space_inline_comments",
                        lambda text: text.replace("# Why", "# How"))
    text = 'date: "2026-04"\n# Why this title.\ntitle: "A"\n'

    with pytest.raises(FormatError) as refused:
        fmt_event(text)

    assert refused.value.lines == [
        "events/2026/x.yaml:1:1: error: timeline fmt cannot lay out this file without "
        "changing its data or comments, so it was left as it is; please report this "
        "with the file"]


# -- comments where the canonical layout has no line for them --------------------------------


def test_a_comment_beside_a_key_whose_value_is_on_the_next_line_goes_beside_the_value():
    text = ('date: "2026-04"\ntitle:  # A note on the title.\n  "A title"\n'
            "summary: # Short.\n  Something happened.\n")

    assert fmt_event(text) == (EVENT_SCHEMA_LINE + 'title: "A title"  # A note on the title.\n'
                               'date: "2026-04"\n'
                               'summary: "Something happened."  # Short.\n')


def test_a_comment_line_between_a_key_and_its_value_moves_above_the_key():
    text = 'date: "2026-04"\ntitle:\n  # Why this title.\n  "A"\n'

    assert fmt_event(text) == (EVENT_SCHEMA_LINE + '# Why this title.\ntitle: "A"\n'
                               'date: "2026-04"\n')


def test_a_comment_between_the_first_field_of_a_list_item_and_its_value_goes_below_it():
    # No line above a list item's first field can hold a comment: it goes just below.
    text = ('title: "A"\nsources:\n  - url: "https://example.com/"\n    title:\n'
            '      # From the page.\n      "T"\n')

    assert fmt_event(text) == (EVENT_SCHEMA_LINE + 'title: "A"\nsources:\n  - title: "T"\n'
                               '    # From the page.\n    url: "https://example.com/"\n')


def test_comments_above_the_document_start_stay_at_the_top_and_the_marker_goes():
    text = '# About this event.\n\n# Second note.\n--- # Beside the marker.\ntitle: "A"\n'

    assert fmt_event(text) == (EVENT_SCHEMA_LINE + "# About this event.\n\n# Second note.\n"
                               '# Beside the marker.\ntitle: "A"\n')


def test_check_passes_on_comments_between_keys_and_values_once_formatted(events_tree, capsys):
    file = write_event(events_tree, "2026/2026-04-21-commented.yaml",
                       '# About this event.\n---\ntitle:\n  # Why.\n  "A"\n'
                       'summary: # Short.\n  Something happened.\n')

    written = run_cli(capsys, "fmt", "--events", "events", str(file.relative_to(
        events_tree.parent)))
    checked = run_cli(capsys, "fmt", "--check", "--events", "events",
                      "events/2026/2026-04-21-commented.yaml")

    assert (written.code, written.out, written.err) == (
        0, "events/2026/2026-04-21-commented.yaml\n", "formatted 1 file of 1\n")
    assert (checked.code, checked.out, checked.err) == (0, "", "all 1 files are formatted\n")
    assert file.read_text(encoding="utf-8") == (
        EVENT_SCHEMA_LINE + '# About this event.\n# Why.\ntitle: "A"\n'
        'summary: "Something happened."  # Short.\n')


# -- never a file lost, leaked or made invalid -----------------------------------------------


def _outside_and_links(events: Path) -> tuple[Path, Path]:
    """A folder beside events/ with an actors registry and an event, both linked from
    inside events/ in place of the real files."""
    outside = events.parent / "outside"
    outside.mkdir()
    (outside / "actors.yaml").write_text("secret:\n  name: 'Secret'\n  kind: person\n",
                                         encoding="utf-8")
    (outside / "event.yaml").write_text("title: 'Leaked'\ndate: '2026-04'\n",
                                        encoding="utf-8")
    (events / "actors.yaml").unlink()
    (events / "actors.yaml").symlink_to(Path("..", "outside", "actors.yaml"))
    (events / "2026" / "2026-04-22-linked.yaml").symlink_to(
        Path("..", "..", "outside", "event.yaml"))
    return outside, events / "2026" / "2026-04-22-linked.yaml"


def _links_and_targets(events: Path) -> dict[str, object]:
    outside = events.parent / "outside"
    return {"actors link": (events / "actors.yaml").readlink(),
            "event link": (events / "2026" / "2026-04-22-linked.yaml").readlink(),
            "actors": (outside / "actors.yaml").read_bytes(),
            "event": (outside / "event.yaml").read_bytes()}


def test_fmt_of_the_whole_folder_never_reads_or_writes_through_a_link(events_tree, capsys):
    _outside_and_links(events_tree)
    before = _links_and_targets(events_tree)

    result = run_cli(capsys, "fmt", "--events", "events")

    assert (result.code, result.out, result.err) == (
        1,
        "events/actors.yaml:1:1: error: symbolic link to a file outside the events folder; "
        "commit the file itself [EVT026]\n"
        "events/tags.yaml\n"
        "events/2026/2026-04-21-base-event.yaml\n"
        "events/2026/2026-04-22-linked.yaml:1:1: error: symbolic link to a file outside the "
        "events folder; commit the file itself [EVT026]\n"
        "events/2026/2026-05-other-event.yaml\n",
        "formatted 3 files of 5\n2 files could not be formatted; fix the errors above\n")
    assert _links_and_targets(events_tree) == before
    assert (events_tree / "actors.yaml").is_symlink()


def test_check_of_the_whole_folder_reports_links_and_never_says_all_are_formatted(
        events_tree, capsys):
    _outside_and_links(events_tree)
    run_cli(capsys, "fmt", "--events", "events")  # all but the links are formatted now

    result = run_cli(capsys, "fmt", "--check", "--events", "events")

    assert (result.code, result.out, result.err) == (
        1,
        "events/actors.yaml:1:1: error: symbolic link to a file outside the events folder; "
        "commit the file itself [EVT026]\n"
        "events/2026/2026-04-22-linked.yaml:1:1: error: symbolic link to a file outside the "
        "events folder; commit the file itself [EVT026]\n",
        "2 files could not be checked; fix the errors above\n")


def test_an_explicit_path_that_is_a_link_is_reported_and_left_alone(events_tree, capsys):
    _outside_and_links(events_tree)
    before = _links_and_targets(events_tree)

    result = run_cli(capsys, "fmt", "--events", "events", "events/2026/2026-04-22-linked.yaml")

    assert (result.code, result.out, result.err) == (
        1,
        "events/2026/2026-04-22-linked.yaml:1:1: error: symbolic link to a file outside the "
        "events folder; commit the file itself [EVT026]\n",
        "formatted 0 files of 1\n1 file could not be formatted; fix the errors above\n")
    assert _links_and_targets(events_tree) == before


def test_a_link_to_a_file_inside_the_events_folder_is_left_alone(events_tree, capsys):
    link = events_tree / "2026" / "2026-04-22-copy.yaml"
    link.symlink_to("2026-04-21-base-event.yaml")
    target = (events_tree / "2026" / "2026-04-21-base-event.yaml").read_bytes()

    result = run_cli(capsys, "fmt", "--events", "events", "events/2026/2026-04-22-copy.yaml")

    assert (result.code, result.out) == (0, "")
    assert link.readlink() == Path("2026-04-21-base-event.yaml")
    assert (events_tree / "2026" / "2026-04-21-base-event.yaml").read_bytes() == target


def test_a_link_to_a_folder_is_reported_and_not_followed(events_tree, capsys):
    outside = events_tree.parent / "outside"
    outside.mkdir()
    (outside / "2027-01-x.yaml").write_text("title: 'A'\n", encoding="utf-8")
    (events_tree / "2027").symlink_to(Path("..", "outside"))

    result = run_cli(capsys, "fmt", "--check", "--events", "events")

    assert (result.code, result.out.splitlines()[0], result.err.splitlines()[-1]) == (
        1,
        "events/2027:1:1: error: symbolic link to a folder, which is not followed; commit "
        "the folder itself [EVT026]",
        "1 file could not be checked; fix the errors above")
    assert (outside / "2027-01-x.yaml").read_text(encoding="utf-8") == "title: 'A'\n"


def test_an_explicit_path_through_a_link_to_a_folder_is_a_usage_error(events_tree, capsys):
    outside = events_tree.parent / "outside"
    outside.mkdir()
    (outside / "2027-01-x.yaml").write_text("title: 'A'\n", encoding="utf-8")
    (events_tree / "2027").symlink_to(Path("..", "outside"))

    result = run_cli(capsys, "fmt", "--events", "events", "events/2027/2027-01-x.yaml")

    assert (result.code, result.out, result.err) == (
        2, "",
        "timeline fmt: events/2027/2027-01-x.yaml is reached through a symbolic link to a "
        "folder in the events folder events, which is not followed; commit the folder "
        "itself\n")
    assert (outside / "2027-01-x.yaml").read_text(encoding="utf-8") == "title: 'A'\n"


def test_an_explicit_path_out_of_the_events_folder_by_dot_dot_is_a_usage_error(
        events_tree, capsys):
    (events_tree.parent / "notes.yaml").write_text("title: 'A'\n", encoding="utf-8")

    result = run_cli(capsys, "fmt", "--events", "events", "events/2026/../../notes.yaml")

    assert (result.code, result.err) == (
        2, "timeline fmt: events/2026/../../notes.yaml is not inside the events folder "
           "events; move it there or pass --events\n")
    assert (events_tree.parent / "notes.yaml").read_text(encoding="utf-8") == "title: 'A'\n"


def _event_at_the_size_limit(events: Path) -> Path:
    """A valid event of exactly MAX_FILE_BYTES, with no schema line yet: fmt adds one."""
    # A lede, since listings could not show the huge summary's first sentence (EVT066).
    head = ('title: "A huge event"\ndate: "2026-04-21"\nstatus: reported\n'
            'lede: "A huge event tests the size limit."\nsummary: "')
    tail = ('"\nactors:\n  - gemini\nsources:\n  - title: "An article"\n'
            '    url: "https://example.com/an-article"\n')
    return write_event(events, "2026/2026-04-21-huge-event.yaml",
                       head + "x" * (MAX_FILE_BYTES - len(head) - len(tail)) + tail)


def test_fmt_never_writes_a_file_over_the_size_limit(events_tree, capsys):
    file = _event_at_the_size_limit(events_tree)
    before = file.read_bytes()
    assert run_cli(capsys, "validate", "--events", "events").code == 0

    result = run_cli(capsys, "fmt", "--events", "events", "events/2026/2026-04-21-huge-event.yaml")

    assert (result.code, result.out, result.err) == (
        1,
        "events/2026/2026-04-21-huge-event.yaml:1:1: error: formatted, the file would be "
        "262,207 bytes, over the limit of 262,144 bytes, so it was left as it is; shorten it "
        "by at least 63 bytes [EVT003]\n",
        "formatted 0 files of 1\n1 file could not be formatted; fix the errors above\n")
    assert file.read_bytes() == before


def test_check_reports_a_file_fmt_cannot_format_and_what_would_change(events_tree, capsys):
    _event_at_the_size_limit(events_tree)

    result = run_cli(capsys, "fmt", "--check", "--events", "events")

    assert (result.code, result.out, result.err) == (
        1,
        "events/actors.yaml\nevents/tags.yaml\nevents/2026/2026-04-21-base-event.yaml\n"
        "events/2026/2026-04-21-huge-event.yaml:1:1: error: formatted, the file would be "
        "262,207 bytes, over the limit of 262,144 bytes, so it was left as it is; shorten it "
        "by at least 63 bytes [EVT003]\n"
        "events/2026/2026-05-other-event.yaml\n",
        "4 files would be reformatted; run `timeline fmt` to format them\n"
        "1 file could not be checked; fix the errors above\n")


def test_check_never_says_all_files_are_formatted_after_an_error(events_tree, capsys):
    run_cli(capsys, "fmt", "--events", "events")
    write_event(events_tree, "2026/2026-04-broken.yaml", 'title: Google: a team\n')

    result = run_cli(capsys, "fmt", "--check", "--events", "events")

    assert result.code == 1
    assert result.out.startswith("events/2026/2026-04-broken.yaml:1:14: error: YAML syntax "
                                 "error: ")
    assert result.err == "1 file could not be checked; fix the errors above\n"
