"""`corrections`: an editor's record that an event's account was corrected, in the
validator and in the model, and the days from the repository's history that come with it.

(Retractions, duplicates and renamed events are in tests/test_corrections.py.) Golden
cases under tests/fixtures/validate/cases/ show EVT061 and EVT062 once each; the tests
here pin down each behaviour and its exact words.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.helpers import build_events, write_event
from timeline.check import check
from timeline.model.records import Correction
from timeline.read.history import FileDates, History
from timeline.tools.fmt import format_text

TODAY = date(2026, 7, 1)
FILE = "2026/2026-06-team-moves.yaml"
SHOWN = f"events/{FILE}"


def event(corrections: str, day: str = '"2026-06"') -> str:
    """A valid event of the base tree dated ``day``, with ``corrections`` (YAML lines under
    the key) at line 11."""
    return (f'title: "Gemini team said to move"\ndate: {day}\nstatus: reported\n'
            'summary: "A report said a Gemini team was moving."\nactors:\n  - gemini\n'
            'sources:\n  - title: "Gemini team moves"\n'
            '    url: "https://example.com/team-moves"\n'
            f"corrections:\n{corrections}")


def correction(day: str, text: str = "The city was misnamed; the source names Zurich.") -> str:
    return f'  - date: {day}\n    text: "{text}"\n'


@pytest.fixture
def events(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The validator's base fixture (two valid events), with cwd at its parent."""
    monkeypatch.chdir(tmp_path)
    return build_events(tmp_path)


def lines(history: History | None = None) -> list[str]:
    return [d.format_text()
            for d in check(Path("events"), today=TODAY, history=history).diagnostics]


def built(history: History | None = None):
    result = check(Path("events"), today=TODAY, history=history)
    assert result.errors == []
    return result.timeline.by_id[FILE.split("/")[1].removesuffix(".yaml")]


def history_added_on(added: date, updated: date = date(2026, 6, 30)) -> History:
    return History(files={FILE: FileDates(added=added, updated=updated)})


# -- the model -------------------------------------------------------------------------------


def test_a_valid_correction_builds_into_the_event(events):
    write_event(events, FILE, event(correction('"2026-06-20"')))

    assert built().corrections == (
        Correction(date(2026, 6, 20), "The city was misnamed; the source names Zurich."),)


def test_an_unquoted_day_is_read_as_the_day_it_says(events):
    write_event(events, FILE, event(correction("2026-06-20")))

    assert built().corrections[0].date == date(2026, 6, 20)


def test_corrections_of_one_day_keep_the_order_written(events):
    write_event(events, FILE, event(correction('"2026-06-20"', "First.")
                                    + correction('"2026-06-20"', "Second.")
                                    + correction('"2026-06-25"', "Third.")))

    assert [c.text for c in built().corrections] == ["First.", "Second.", "Third."]


def test_an_event_without_corrections_has_none(events):
    assert check(Path("events"), today=TODAY).timeline.by_id[
        "2026-04-21-base-event"].corrections == ()


def test_the_days_of_the_history_reach_the_event(events):
    write_event(events, FILE, event(correction('"2026-06-20"')))

    corrected = built(history_added_on(date(2026, 6, 3), date(2026, 6, 30)))

    assert (corrected.added, corrected.updated) == (date(2026, 6, 3), date(2026, 6, 30))


def test_without_history_an_event_has_no_days_of_it(events):
    write_event(events, FILE, event(correction('"2026-06-20"')))

    corrected = built()

    assert (corrected.added, corrected.updated) == (None, None)


def test_a_history_that_is_not_known_gives_no_days(events):
    write_event(events, FILE, event(correction('"2026-06-20"')))
    unknown = History(files={FILE: FileDates(date(2026, 6, 3), date(2026, 6, 30))},
                      unknown_because="a shallow clone")

    corrected = built(unknown)

    assert (corrected.added, corrected.updated) == (None, None)


# -- impossible dates (EVT061) -----------------------------------------------------------------


def test_a_correction_dated_after_tomorrow_is_refused(events):
    write_event(events, FILE, event(correction('"2026-07-03"')))

    assert lines() == [
        f"{SHOWN}:11:11: error: corrections[0].date 2026-07-03 is in the future; date the "
        "correction on the day the file was fixed [EVT061]"]


def test_a_correction_dated_tomorrow_is_accepted_for_time_zones(events):
    write_event(events, FILE, event(correction('"2026-07-02"')))

    assert lines() == []


def test_a_correction_before_the_first_day_of_the_events_month_is_refused(events):
    write_event(events, FILE, event(correction('"2026-05-30"')))

    assert lines() == [
        f"{SHOWN}:11:11: error: corrections[0].date 2026-05-30 is before the event's date "
        "2026-06; an account is corrected after the event, so check the date [EVT061]"]


def test_a_correction_on_the_first_day_of_the_events_month_is_accepted(events):
    write_event(events, FILE, event(correction('"2026-06-01"')))

    assert lines() == []


def test_a_correction_before_the_day_the_file_was_added_is_refused(events):
    write_event(events, FILE, event(correction('"2026-06-02"')))

    assert lines(history_added_on(date(2026, 6, 3))) == [
        f"{SHOWN}:11:11: error: corrections[0].date 2026-06-02 is before the file was added "
        "to the repository on 2026-06-03; a correction fixes what the file said, so date "
        "it on or after that day [EVT061]"]


def test_a_correction_on_the_day_the_file_was_added_is_accepted(events):
    write_event(events, FILE, event(correction('"2026-06-03"')))

    assert lines(history_added_on(date(2026, 6, 3))) == []


@pytest.mark.parametrize("history", [
    None,
    History(files={FILE: FileDates(date(2026, 6, 3), date(2026, 6, 30))},
            unknown_because="not a repository"),
    History(files={"2026/2026-05-other-event.yaml": FileDates(date(2026, 6, 3),
                                                              date(2026, 6, 3))}),
], ids=["no history", "history not known", "file not in the history"])
def test_the_day_the_file_was_added_is_checked_only_when_the_history_knows_it(events,
                                                                               history):
    write_event(events, FILE, event(correction('"2026-06-02"')))

    assert lines(history) == []


def test_one_impossible_date_is_reported_once(events):
    # Before the event and before the file was added: the first reason found is enough.
    write_event(events, FILE, event(correction('"2026-05-30"')))

    assert [line.split(": error: ")[1] for line in lines(history_added_on(date(2026, 6, 3)))
            ] == ["corrections[0].date 2026-05-30 is before the event's date 2026-06; an "
                  "account is corrected after the event, so check the date [EVT061]"]


# -- order (EVT062) ------------------------------------------------------------------------------


def test_corrections_out_of_order_are_refused_at_the_first_one_out_of_place(events):
    write_event(events, FILE, event(correction('"2026-06-20"') + correction('"2026-06-10"')
                                    + correction('"2026-06-05"')))

    assert lines() == [
        f"{SHOWN}:13:11: error: corrections[1].date 2026-06-10 is before corrections[0].date "
        "2026-06-20; list corrections oldest first: move this one up to where its date "
        "belongs [EVT062]"]


def test_a_malformed_date_is_left_out_of_the_order(events):
    write_event(events, FILE, event(correction('"2026-06-10"') + correction('"June"')
                                    + correction('"2026-06-20"')))

    assert [line.rsplit(" ", 1)[1] for line in lines()] == ["[EVT020]"]


# -- structure, from the schema -----------------------------------------------------------------


@pytest.mark.parametrize(("item", "expected"), [
    ('  - date: "2026-06"\n    text: "Fixed."\n',
     '11:11: error: corrections[0].date: "2026-06" is not in the expected form; write the day '
     'of the correction as YYYY-MM-DD, e.g. "2026-10-20" [EVT020]'),
    ('  - date: 2026\n    text: "Fixed."\n',
     "11:11: error: corrections[0].date: 2026 is not a date; write the day of the correction "
     'as YYYY-MM-DD, e.g. "2026-10-20" [EVT020]'),
    ('  - date: "2026-06-31"\n    text: "Fixed."\n',
     '11:11: error: corrections[0].date: "2026-06-31": June 2026 has no day 31 (it has 30 '
     "days) [EVT021]"),
    ('  - date: "2026-06-20"\n',
     '11:5: error: missing required field "corrections[0].text" [EVT010]'),
    ('  - date: "2026-06-20"\n    text: "Fixed."\n    by: "an editor"\n',
     '13:5: error: unknown field "corrections[0].by"; allowed here: date, text [EVT011]'),
    ('  - date: "2026-06-20"\n    text: "One line.\\nAnother."\n',
     '12:11: error: corrections[0].text: "One line.\\nAnother." is not in the expected form; '
     "keep the correction on one line, at most 300 characters [EVT015]"),
    (f'  - date: "2026-06-20"\n    text: "{"x" * 301}"\n',
     "12:11: error: corrections[0].text is 301 characters long; the limit is 300 [EVT015]"),
    ('  - date: "2026-06-20"\n    text: "\u00a0 "\n',
     "12:11: error: corrections[0].text is only spaces; write some text [EVT016]"),
    ('  - date: "2026-06-20"\n    text: "Fixed\\u200b."\n',
     "12:11: error: this text contains invisible character U+200B (ZERO WIDTH SPACE), written "
     "as an escape (\\u200B or similar): it can hide or reorder text; remove it [EVT050]"),
], ids=["a month", "a number", "no such day", "no text", "unknown key", "two lines",
        "too long", "only spaces", "invisible character"])
def test_a_malformed_correction_is_refused_in_the_schemas_words(events, item, expected):
    write_event(events, FILE, event(item))

    assert lines() == [f"{SHOWN}:{expected}"]


def test_an_empty_list_of_corrections_is_refused(events):
    write_event(events, FILE, event("").replace("corrections:\n", "corrections: []\n"))

    assert lines() == [
        f"{SHOWN}:10:14: error: corrections is empty; list at least one item [EVT016]"]


# -- timeline fmt ---------------------------------------------------------------------------------


def test_fmt_puts_corrections_after_retracted_and_date_before_text():
    text = ('title: "A"\ncorrections:\n  - text: "Fixed."\n    date: 2026-06-20\n'
            'retracted:\n  reason: "Withdrawn"\n  date: "2026-06"\naliases:\n  - 2026-06-a\n')

    formatted = format_text(text, "event", "events/2026/x.yaml")

    assert formatted.split("\n", 1)[1] == (
        'title: "A"\nretracted:\n  date: "2026-06"\n  reason: "Withdrawn"\ncorrections:\n'
        '  - date: "2026-06-20"\n    text: "Fixed."\naliases:\n  - 2026-06-a\n')
