"""`timeline validate`: what it reports, where, and in which words.

Each folder under ``tests/fixtures/validate/cases/`` is one broken events tree: its files
are laid over a copy of ``tests/fixtures/validate/base/`` (same relative paths) and its
``expected.txt`` is the exact stdout of ``timeline validate --events events`` run from the
folder that holds ``events/``. Two more control files may appear in a case folder:
``delete.txt`` lists paths (relative to ``events/``) to remove from the copy of base, and a
generator in ``tests.helpers.GENERATED`` writes files too large to commit.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import (
    CASES,
    GOLDEN_CASES,
    TIMELINE_EVENTS,
    build_events,
    case_names,
    event_text,
    expected_output,
    run_cli,
    with_libyaml_words_masked,
    write_event,
)
from timeline.check import check
from timeline.check.files import (
    MAX_SUMMARY_NESTING,
    MAX_SUMMARY_OPENERS,
    summary_nesting,
    summary_openers,
)
from timeline.check.state import MAX_HINTS_PER_FILE
from timeline.format.diagnostics import RULES
from timeline.model.records import outlet_slug_of, slugify
from timeline.site.data import data_files
from timeline.site.options import SiteOptions
from timeline.site.pages import render_pages

# -- the golden cases ----------------------------------------------------------------------


@pytest.mark.parametrize("golden_case", GOLDEN_CASES)
def test_case_prints_exactly_the_expected_problems_and_exit_code(
        golden_case, tmp_path, monkeypatch, capsys):
    build_events(tmp_path, golden_case)
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "validate", "--events", "events")

    expected = expected_output(golden_case)
    # libyaml's own words in a syntax error are its to change; ours around them are pinned.
    assert with_libyaml_words_masked(result.out) == with_libyaml_words_masked(expected)
    assert result.code == (1 if ": error: " in expected else 0)


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_has_a_case_that_breaks_it(code):
    cases = [name for name in case_names() if f"[{code}]" in expected_output(name)]
    assert cases, f"no case in {CASES} expects [{code}]"


@pytest.mark.parametrize("case", case_names())
def test_every_case_expects_at_least_one_problem(case):
    assert expected_output(case).strip(), f"{case}/expected.txt is empty"


def test_the_base_fixture_is_valid(tmp_path, monkeypatch):
    build_events(tmp_path)
    monkeypatch.chdir(tmp_path)

    result = check(Path("events"))

    assert result.diagnostics == []
    assert [event.id for event in result.timeline.events] == [
        "2026-04-21-base-event", "2026-05-other-event"]


def test_the_timeline_fixture_is_valid(tmp_path, monkeypatch):
    shutil.copytree(TIMELINE_EVENTS, tmp_path / "events")
    monkeypatch.chdir(tmp_path)

    result = check(Path("events"))

    assert result.diagnostics == []
    assert len(result.timeline.events) == 12


# -- one run, every problem ----------------------------------------------------------------


def test_every_problem_in_every_file_is_reported_in_one_run(tmp_path, monkeypatch):
    build_events(tmp_path, "three-broken-files")
    monkeypatch.chdir(tmp_path)

    result = check(Path("events"))

    assert [(d.path, d.code) for d in result.diagnostics] == [
        ("events/2026/2026-04-first-broken.yaml", "EVT013"),
        ("events/2026/2026-04-second-broken.yaml", "EVT030"),
        ("events/2026/2026-04-third-broken.yaml", "EVT004"),
    ]


def test_errors_leave_no_timeline(tmp_path, monkeypatch):
    build_events(tmp_path, "three-broken-files")
    monkeypatch.chdir(tmp_path)

    assert check(Path("events")).timeline is None


def test_warnings_alone_still_build_the_timeline(tmp_path, monkeypatch):
    build_events(tmp_path, "source-without-url")
    monkeypatch.chdir(tmp_path)

    result = check(Path("events"))

    assert [d.code for d in result.diagnostics] == ["EVT041"]
    assert "2026-04-print-source" in result.timeline.by_id


def test_a_missing_events_folder_is_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    result = check(Path("events"))

    assert [d.format_text() for d in result.diagnostics] == [
        "events:1:1: error: the events folder does not exist [EVT044]"]


# -- only= ---------------------------------------------------------------------------------


def test_only_reports_problems_of_the_listed_files(tmp_path, monkeypatch):
    build_events(tmp_path, "three-broken-files")
    monkeypatch.chdir(tmp_path)

    result = check(Path("events"), only=[Path("events/2026/2026-04-second-broken.yaml")])

    assert [d.format_text() for d in result.diagnostics] == [
        'events/2026/2026-04-second-broken.yaml:6:5: error: unknown actor "nobody"; '
        "register it in events/actors.yaml or fix the slug [EVT030]"]


def test_only_accepts_absolute_paths(tmp_path, monkeypatch):
    build_events(tmp_path, "three-broken-files")
    monkeypatch.chdir(tmp_path)

    result = check(Path("events"),
                   only=[tmp_path / "events" / "2026" / "2026-04-third-broken.yaml"])

    assert [(d.path, d.code) for d in result.diagnostics] == [
        ("events/2026/2026-04-third-broken.yaml", "EVT004")]


def test_only_always_reports_problems_of_the_registries(tmp_path, monkeypatch):
    events = build_events(tmp_path, "three-broken-files")
    shutil.copyfile(CASES / "actors-bad-kind" / "actors.yaml", events / "actors.yaml")
    monkeypatch.chdir(tmp_path)

    result = check(Path("events"), only=[Path("events/2026/2026-04-second-broken.yaml")])

    assert [(d.path, d.code) for d in result.diagnostics] == [
        ("events/2026/2026-04-second-broken.yaml", "EVT030"),
        ("events/actors.yaml", "EVT013"),
    ]


def test_only_still_checks_references_against_the_whole_tree(tmp_path, monkeypatch):
    build_events(tmp_path)
    monkeypatch.chdir(tmp_path)

    # The base event links to 2026-05-other-event, which is not listed but exists.
    result = check(Path("events"), only=[Path("events/2026/2026-04-21-base-event.yaml")])

    assert result.diagnostics == []


def test_only_reports_a_source_conflict_with_an_unlisted_file(tmp_path, monkeypatch):
    build_events(tmp_path, "source-conflict-earlier-file")
    monkeypatch.chdir(tmp_path)

    result = check(Path("events"), only=[Path("events/2026/2026-04-01-early-citation.yaml")])

    assert [d.code for d in result.errors] == ["EVT042"]


# -- accepted variants ---------------------------------------------------------------------


@pytest.mark.parametrize(("file_name", "written"), [
    ("2026-04-21-unquoted-day.yaml", "2026-04-21"),
    ("2026-04-unquoted-month.yaml", "2026-04"),
    ("2026-unquoted-year.yaml", "2026"),
    ("2026-04-21-quoted-day.yaml", '"2026-04-21"'),
    ("2026-quoted-year.yaml", '"2026"'),
])
def test_dates_are_accepted_quoted_or_not_and_kept_as_written(
        file_name, written, tmp_path, monkeypatch):
    events = build_events(tmp_path)
    write_event(events, f"2026/{file_name}", event_text(written))
    monkeypatch.chdir(tmp_path)

    result = check(Path("events"))

    assert result.diagnostics == []
    event = result.timeline.by_id[file_name.removesuffix(".yaml")]
    assert event.date.text == written.strip('"')


def test_an_unquoted_end_date_is_accepted(tmp_path, monkeypatch):
    events = build_events(tmp_path)
    write_event(events, "2026/2026-04-21-spanning.yaml",
                event_text("2026-04-21").replace("status:", "end: 2026-04-23\nstatus:"))
    monkeypatch.chdir(tmp_path)

    result = check(Path("events"))

    assert result.diagnostics == []
    assert result.timeline.by_id["2026-04-21-spanning"].display_date == "21 – 23 April 2026"


def test_a_date_exactly_a_week_ahead_is_accepted(tmp_path, monkeypatch):
    events = build_events(tmp_path)
    write_event(events, "2026/2026-06-01-next-week.yaml", event_text('"2026-06-01"'))
    monkeypatch.chdir(tmp_path)

    result = check(Path("events"), today=date(2026, 5, 25))

    assert result.diagnostics == []


def test_a_date_eight_days_ahead_is_in_the_future(tmp_path, monkeypatch):
    events = build_events(tmp_path)
    write_event(events, "2026/2026-06-02-next-week.yaml", event_text('"2026-06-02"'))
    monkeypatch.chdir(tmp_path)

    result = check(Path("events"), today=date(2026, 5, 25))

    assert [d.format_text() for d in result.diagnostics] == [
        "events/2026/2026-06-02-next-week.yaml:2:7: error: date 2026-06-02 is more than a "
        "week in the future; date events when they happen [EVT023]"]


def test_an_end_eight_days_ahead_is_in_the_future_like_a_date(tmp_path, monkeypatch):
    events = build_events(tmp_path)
    write_event(events, "2026/2026-05-ongoing.yaml",
                event_text('"2026-05"').replace("status:", 'end: "2026-06-02"\nstatus:'))
    write_event(events, "2026/2026-05-ends-next-week.yaml",
                event_text('"2026-05"', '"Ends next week"').replace(
                    "status:", 'end: "2026-06-01"\nstatus:'))
    monkeypatch.chdir(tmp_path)

    result = check(Path("events"), today=date(2026, 5, 25))

    assert [d.format_text() for d in result.diagnostics] == [
        "events/2026/2026-05-ongoing.yaml:3:6: error: end 2026-06-02 is more than a week in "
        "the future; date events when they happen [EVT023]"]


def test_a_date_the_timeline_cannot_hold_is_refused_even_when_not_ahead(
        tmp_path, monkeypatch):
    # events.ics ends an all-day event on the day after its last, and the duplicate search
    # looks a month past it: past 9999-12-31, which Python's dates cannot hold.
    events = build_events(tmp_path)
    write_event(events, "9999/9999-12-31-last-day.yaml", event_text('"9999-12-31"'))
    write_event(events, "9999/9999-06-whole-year.yaml",
                event_text('"9999-06"', '"Until the end"').replace(
                    "status:", 'end: "9999"\nstatus:'))
    write_event(events, "9999/9999-11-30-last-day-held.yaml",
                event_text('"9999-11-30"', '"The last day held"'))
    monkeypatch.chdir(tmp_path)

    result = check(Path("events"), today=date(9999, 12, 31))

    assert [d.format_text() for d in result.diagnostics] == [
        "events/9999/9999-06-whole-year.yaml:3:6: error: end 9999 ends on 9999-12-31, past "
        "the last day the timeline can hold (9999-11-30); check the year [EVT021]",
        "events/9999/9999-12-31-last-day.yaml:2:7: error: date 9999-12-31 ends on "
        "9999-12-31, past the last day the timeline can hold (9999-11-30); check the year "
        "[EVT021]"]
    assert result.timeline is None


def test_the_last_day_the_timeline_holds_builds_every_output(tmp_path, monkeypatch):
    events = build_events(tmp_path)
    write_event(events, "9999/9999-11-30-last-day-held.yaml",
                event_text('"9999-11-30"', '"The last day held"'))
    monkeypatch.chdir(tmp_path)

    result = check(Path("events"), today=date(9999, 12, 31))

    assert result.diagnostics == []
    files = data_files(result.timeline, SiteOptions())  # every data file, the calendar too
    assert "DTEND;VALUE=DATE:99991201" in files["events.ics"]
    assert render_pages(result.timeline, SiteOptions())


def test_a_slug_may_start_with_a_two_digit_number(tmp_path, monkeypatch):
    events = build_events(tmp_path)
    write_event(events, "2026/2026-04-50-researchers-leave.yaml", event_text('"2026-04"'))
    monkeypatch.chdir(tmp_path)

    result = check(Path("events"))

    assert result.diagnostics == []


# -- hostile input -------------------------------------------------------------------------


def test_a_python_tag_is_rejected_and_never_run(tmp_path, monkeypatch, capsys):
    build_events(tmp_path, "python-tag")
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "validate", "--events", "events")

    assert "[EVT006]" in result.out
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("tagged", ["!!float abc", "!!int abc", "!!bool maybe"])
def test_an_explicit_tag_with_a_value_that_does_not_fit_is_reported(
        tagged, tmp_path, monkeypatch, capsys):
    events = build_events(tmp_path)
    write_event(events, "2026/2026-04-tagged-title.yaml",
                event_text('"2026-04"', title=tagged))
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "validate", "--events", "events")

    assert result.code == 1
    assert result.out.startswith("events/2026/2026-04-tagged-title.yaml:1:8: error: ")


# -- pages of their own ----------------------------------------------------------------------


def test_an_ascii_publisher_keeps_its_ascii_outlet_slug():
    for name in ["The Decoder", "AIHOT", "Süddeutsche Zeitung", "Le Monde (édition)",
                 "NHK 日本放送協会"]:
        assert outlet_slug_of(name) == slugify(name)


def test_publishers_without_latin_letters_get_distinct_stable_url_safe_slugs():
    names = ["日本経済新聞", "朝日新聞", "新华社", "Коммерсантъ", "Ведомости", "الجزيرة",
             "조선일보", "…"]

    slugs = [outlet_slug_of(name) for name in names]

    assert len(set(slugs)) == len(names)
    assert all(re.fullmatch(r"outlet-[0-9a-f]{10}", slug) for slug in slugs)
    assert outlet_slug_of("日本経済新聞") == "outlet-2d281522ac"  # the same on every build
    # The same name, composed or decomposed (Hangul in NFD), is the same outlet.
    assert outlet_slug_of(unicodedata.normalize("NFD", "조선일보")) == slugs[6]


def test_two_non_latin_publishers_are_two_outlets(tmp_path, monkeypatch):
    events = build_events(tmp_path)
    for day, publisher in (("22", "日本経済新聞"), ("23", "朝日新聞")):
        write_event(events, f"2026/2026-04-{day}-japanese-report.yaml", event_text(
            f'"2026-04-{day}"', f'"A report on the {day}th"').replace(
            '"https://example.com/an-article"\n',
            f'"https://example.com/{day}"\n    publisher: "{publisher}"\n'))
    monkeypatch.chdir(tmp_path)

    result = check(Path("events"))

    assert result.diagnostics == []
    assert {slug: outlet.name for slug, outlet in result.timeline.outlets.items()} == {
        "outlet-2d281522ac": "日本経済新聞", outlet_slug_of("朝日新聞"): "朝日新聞",
        "the-decoder": "The Decoder"}


def test_summary_nesting_counts_every_container_a_line_opens():
    assert summary_nesting("Plain prose, with a - dash and 1.5 million.") == 0
    assert summary_nesting("- a\n- b\n\n> quoted") == 1
    assert summary_nesting("- a\n    - b\n        1. c") == 3
    assert summary_nesting("> - > 1. x") == 4
    assert summary_nesting("- " * 500 + "x") == 500
    assert summary_nesting("1. " * 500 + "x") == 500
    assert summary_nesting("\n".join("    " * i + "- a" for i in range(300))) == 300


def test_a_summary_at_the_nesting_limit_is_accepted(tmp_path, monkeypatch):
    events = build_events(tmp_path)
    write_event(events, "2026/2026-04-deep-enough.yaml", event_text('"2026-04"').replace(
        '"Something happened."', '"' + "- " * MAX_SUMMARY_NESTING + 'x"'))
    monkeypatch.chdir(tmp_path)

    assert check(Path("events")).diagnostics == []


# -- hostile contributions that must pass ----------------------------------------------------


def test_url_schemes_are_accepted_in_any_case(tmp_path, monkeypatch):
    build_events(tmp_path)
    text = event_text('"2026-04"').replace('"https://example.com/an-article"',
                                           '"HTTPS://Example.com/an-article"\n'
                                           '    archived: "Http://web.archive.org/x"')
    write_event(tmp_path / "events", "2026/2026-04-capital-scheme.yaml", text)
    actors = tmp_path / "events" / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8")
                      + '  url: "HTTPs://gemini.example/"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    result = check(Path("events"))

    assert result.diagnostics == []
    assert result.timeline.by_id["2026-04-capital-scheme"].sources[0].url == \
        "HTTPS://Example.com/an-article"


@pytest.mark.parametrize("title", ['"x < y and y > z"', '"up <5 % and <= 3"',
                                   '"a <-> b"', '"x<y and y>z"', '"n<k for every k"'])
def test_comparison_signs_in_a_title_are_text(tmp_path, monkeypatch, title):
    build_events(tmp_path)
    write_event(tmp_path / "events", "2026/2026-04-signs.yaml", event_text('"2026-04"', title))
    monkeypatch.chdir(tmp_path)

    assert check(Path("events")).diagnostics == []


@pytest.mark.parametrize("title", ['"<img src=x onerror=alert(1)"', '"a </b"',
                                   '"a <!-- b"', '"a <B>bold</B> title"',
                                   '"a <my-widget> title"', '"a<b"'])
def test_a_less_than_sign_before_an_html_element_slash_or_bang_opens_a_tag(
        tmp_path, monkeypatch, title):
    build_events(tmp_path)
    write_event(tmp_path / "events", "2026/2026-04-tag.yaml", event_text('"2026-04"', title))
    monkeypatch.chdir(tmp_path)

    assert [d.code for d in check(Path("events")).diagnostics] == ["EVT043"]


def test_likely_duplicate_warnings_stay_bounded(tmp_path, monkeypatch):
    build_events(tmp_path)
    for day in range(1, 41):
        write_event(tmp_path / "events", f"2026/2026-03-{day % 28 + 1:02d}-copy-{day}.yaml",
                    event_text(f'"2026-03-{day % 28 + 1:02d}"',
                               '"Google DeepMind forms a coding strike team"'))
    monkeypatch.chdir(tmp_path)

    warnings = check(Path("events")).warnings

    per_file: dict[str, int] = {}
    for warning in warnings:
        per_file[warning.path] = per_file.get(warning.path, 0) + 1
    assert max(per_file.values()) == 6  # five shown, one line counting the rest
    assert sum(w.message.startswith("… and ") for w in warnings) > 0


def test_summary_openers_counts_links_images_and_tags_not_comparisons():
    assert summary_openers("Plain prose: 3 < 4, and a > b.") == 0
    assert summary_openers("[a](u) ![i](v) <b>x</b> <!-- c -->") == 3
    assert summary_openers("[" * 25_000) == 25_000


def test_a_summary_one_opener_past_the_limit_is_refused(tmp_path, monkeypatch):
    events = build_events(tmp_path)
    write_event(events, "2026/2026-04-many-links.yaml", event_text('"2026-04"').replace(
        '"Something happened."', '"' + "[a](b) " * (MAX_SUMMARY_OPENERS + 1) + '"'))
    monkeypatch.chdir(tmp_path)

    assert [d.format_text() for d in check(Path("events")).diagnostics] == [
        "events/2026/2026-04-many-links.yaml:4:10: error: summary opens 101 links, images or "
        'HTML tags ("[", "![" or "<" before a letter); the limit is 100: keep a few links, '
        'cite the rest in sources, and write "x < y" with a space [EVT059]']


def test_did_you_mean_hints_stop_after_the_first_ones_of_a_file(tmp_path, monkeypatch):
    events = build_events(tmp_path)
    typos = [f"gemini{n}" for n in range(MAX_HINTS_PER_FILE + 2)]
    missing = [f"2026-04-21-base-event{n}" for n in range(MAX_HINTS_PER_FILE + 2)]
    write_event(events, "2026/2026-04-many-typos.yaml", event_text('"2026-04"').replace(
        "  - gemini\n", "".join(f"  - {slug}\n" for slug in typos)
    ) + "related:\n" + "".join(f"  - event: {target}\n    relation: follows\n"
                               for target in missing))
    monkeypatch.chdir(tmp_path)

    messages = [d.message for d in check(Path("events")).diagnostics]

    fix = "; register it in events/actors.yaml or fix the slug"
    assert messages == [
        *(f'unknown actor "{slug}" (did you mean "gemini"?){fix}' for slug in typos[:20]),
        f'unknown actor "{typos[20]}"{fix}', f'unknown actor "{typos[21]}"{fix}',
        *(f'related event "{target}" does not exist (did you mean '
          '"2026-04-21-base-event"?)' for target in missing[:20]),
        f'related event "{missing[20]}" does not exist',
        f'related event "{missing[21]}" does not exist']
