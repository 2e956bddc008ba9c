"""`key` and `lede`: the format's key developments and the one sentence listings show,
checked, carried by the model and published in the data files."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import FrozenInstanceError
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from tests.helpers import build_events, event_text, write_event
from timeline.check import check
from timeline.check.across import key_events_allowed
from timeline.format.schema import load_schema
from timeline.format.vocabulary import LEDE_MAX_LENGTH, LEDE_MIN_LENGTH
from timeline.site.data import API_SCHEMA_MINOR, CSV_COLUMNS, data_files
from timeline.site.options import SiteOptions
from timeline.tools.fmt import format_text

TODAY = date(2026, 12, 1)
KEY_MESSAGE = ("{keys} of the {listed} listed events are marked `key: true`, and at most "
               "{allowed} may be (one in ten listed events, and one in any timeline); unmark "
               "the least central, or add more events")
MONTHS = [f"{year}-{month:02d}" for year in (2024, 2025) for month in range(1, 13)]
WORDS = ["Acme", "Borealis", "Cobalt", "Delta", "Ember", "Fjord", "Garnet", "Harbor", "Indigo",
         "Juniper", "Krypton", "Lumen", "Meridian", "Nimbus", "Onyx", "Prism", "Quartz",
         "Raven", "Sierra", "Tundra", "Umber", "Vertex", "Willow", "Xenon"]


def add_events(events: Path, count: int, *, keys: int = 0, duplicates: int = 0) -> list[str]:
    """``count`` more valid events, the first ``keys`` marked key and the last
    ``duplicates`` marked duplicates of the base event; their paths inside the folder."""
    paths = []
    for index in range(count):
        written = MONTHS[index]
        text = event_text(f'"{written}"', f'"{WORDS[index]} ships a coding model"')
        if index < keys:
            text = text.replace("status: reported\n", "status: reported\nkey: true\n")
        if index >= count - duplicates:
            text += "duplicate_of: 2026-04-21-base-event\n"
        relative = f"{written[:4]}/{written}-{WORDS[index].lower()}-model.yaml"
        write_event(events, relative, text)
        paths.append(relative)
    return paths


def key_problems(events: Path) -> list[tuple[str, int, int, str]]:
    return [(d.path, d.line, d.column, d.message)
            for d in check(events, today=TODAY).diagnostics if d.code == "EVT063"]


# -- key --------------------------------------------------------------------------------


@pytest.mark.parametrize(("listed", "allowed"), [(1, 1), (9, 1), (10, 1), (19, 1), (20, 2),
                                                 (105, 10)])
def test_one_in_ten_listed_events_may_be_key_and_one_in_any_timeline(listed, allowed):
    assert key_events_allowed(listed) == allowed


def test_a_small_timeline_may_have_one_key_event(tmp_path):
    events = build_events(tmp_path)  # two events
    add_events(events, 1, keys=1)

    assert key_problems(events) == []


def test_every_key_event_over_the_limit_is_reported_at_its_key_line(tmp_path, monkeypatch):
    paths = add_events(build_events(tmp_path), 8, keys=2)  # 10 listed events, 2 key
    monkeypatch.chdir(tmp_path)

    message = KEY_MESSAGE.format(keys=2, listed=10, allowed=1)
    assert key_problems(Path("events")) == [(f"events/{path}", 4, 1, message)
                                            for path in sorted(paths[:2])]


def test_twenty_listed_events_may_have_two_key_events(tmp_path):
    events = build_events(tmp_path)
    add_events(events, 18, keys=2)

    assert key_problems(events) == []


def test_duplicates_neither_count_as_listed_nor_as_key(tmp_path):
    events = build_events(tmp_path)
    # 20 files, one a duplicate: 19 listed events allow one key event, not two.
    add_events(events, 18, keys=2, duplicates=1)

    message = KEY_MESSAGE.format(keys=2, listed=19, allowed=1)
    assert [problem[3] for problem in key_problems(events)] == [message, message]


def test_a_key_duplicate_is_not_counted(tmp_path):
    events = build_events(tmp_path)
    add_events(events, 2, keys=2, duplicates=1)  # the second key event is a duplicate

    assert key_problems(events) == []


def test_key_false_is_no_key_event(tmp_path):
    events = build_events(tmp_path)
    for path in add_events(events, 2):
        file = events / path
        file.write_text(file.read_text().replace("status: reported\n",
                                                 "status: reported\nkey: false\n"))
    add_events(events, 3, keys=1)

    assert key_problems(events) == []


def test_key_must_be_true_or_false(tmp_path):
    events = build_events(tmp_path)
    write_event(events, "2026/2026-06-keyed.yaml", event_text('"2026-06"').replace(
        "status: reported\n", 'status: reported\nkey: "yes"\n'))

    found = [(d.line, d.column, d.code, d.message)
             for d in check(events, today=TODAY).diagnostics]
    assert found == [(4, 6, "EVT012", "key must be true or false, not text")]


# -- lede -------------------------------------------------------------------------------


def lede_event(lede: str, summary: str = '"Something happened."') -> str:
    return event_text('"2026-06"').replace(
        'summary: "Something happened."\n', f"lede: {lede}\nsummary: {summary}\n")


def diagnostics_of(events: Path) -> list[tuple[int, int, str, str]]:
    return [(d.line, d.column, d.code, d.message)
            for d in check(events, today=TODAY).diagnostics]


def test_a_plain_sentence_is_a_good_lede(tmp_path):
    events = build_events(tmp_path)
    write_event(events, "2026/2026-06-led.yaml",
                lede_event('"Google forms a coding team, The Information reports."'))

    assert diagnostics_of(events) == []


def test_the_lede_limits_are_the_schema_s():
    lede = load_schema("event")["properties"]["lede"]
    assert (LEDE_MIN_LENGTH, LEDE_MAX_LENGTH) == (lede["minLength"], lede["maxLength"]) \
        == (20, 200)


def test_a_lede_at_the_limit_is_accepted_and_one_over_it_refused(tmp_path, monkeypatch):
    events = build_events(tmp_path)
    monkeypatch.chdir(tmp_path)
    at_limit = "A" + "b" * (LEDE_MAX_LENGTH - 2) + "."
    write_event(events, "2026/2026-06-at-limit.yaml", lede_event(f'"{at_limit}"'))
    write_event(events, "2026/2026-07-over-limit.yaml", lede_event(
        f'"A{at_limit}"').replace("2026-06", "2026-07"))

    assert [(d.path, d.code, d.message)
            for d in check(Path("events"), today=TODAY).diagnostics] == [
        ("events/2026/2026-07-over-limit.yaml", "EVT065",
         "lede is 201 characters long; the limit is 200")]


def test_a_summary_whose_first_sentence_is_too_long_needs_a_lede(tmp_path):
    events = build_events(tmp_path)
    summary = '"' + "Word " * 45 + 'went on. Then more."'  # a first sentence of 233
    write_event(events, "2026/2026-06-long.yaml", event_text('"2026-06"').replace(
        '"Something happened."', summary))

    assert diagnostics_of(events) == [(4, 10, "EVT066", (
        "the summary's first sentence is 233 characters long, and listings show it whole; "
        "add a `lede:` of at most 200 characters (one sentence that carries the news), or "
        "shorten the first sentence"))]


def test_a_lede_lets_the_summary_s_first_sentence_be_long(tmp_path):
    events = build_events(tmp_path)
    summary = '"' + "Word " * 45 + 'went on. Then more."'
    write_event(events, "2026/2026-06-long.yaml",
                lede_event('"Many words went on, the report says."', summary))

    assert diagnostics_of(events) == []


def test_the_first_sentence_is_measured_as_readers_see_it(tmp_path):
    # The link's address and the emphasis marks are not shown, so they do not count.
    events = build_events(tmp_path)
    summary = '"*' + "Word " * 35 + "went* [on](https://example.com/" + "x" * 80 + ').  More."'
    write_event(events, "2026/2026-06-marked.yaml", event_text('"2026-06"').replace(
        '"Something happened."', summary))

    assert diagnostics_of(events) == []


def test_the_model_carries_key_and_the_lede_as_written(tmp_path):
    events = build_events(tmp_path)
    write_event(events, "2026/2026-06-led.yaml", lede_event(
        '"Google forms a coding team, The Information reports."').replace(
        "status: reported\n", "status: reported\nkey: true\n"))

    timeline = check(events, today=TODAY).timeline
    led, base = timeline.by_id["2026-06-led"], timeline.by_id["2026-04-21-base-event"]
    assert (led.key, led.lede) == (True, "Google forms a coding team, The Information reports.")
    assert (base.key, base.lede) == (False, None)
    assert timeline.key_events == (led,)
    with pytest.raises(FrozenInstanceError):
        led.key = False  # type: ignore[misc]


# -- the data files ---------------------------------------------------------------------


@pytest.fixture
def data(tmp_path) -> dict[str, str]:
    events = build_events(tmp_path)
    write_event(events, "2026/2026-06-led.yaml", lede_event(
        '"Google forms a coding team, The Information reports."').replace(
        "status: reported\n", "status: reported\nkey: true\n").replace(
        '    url: "https://example.com/an-article"\n',
        '    url: "https://example.com/an-article"\n    publisher: "The Decoder"\n'
        '  - title: "A relay"\n    url: "https://example.com/relay"\n'
        '    publisher: "AIHOT"\n    via: "The Decoder"\n'
        '  - title: "Again"\n    url: "https://example.com/again"\n'
        '    publisher: "The Decoder"\n'))
    timeline = check(events, today=TODAY).timeline
    return data_files(timeline, SiteOptions())


def test_events_json_gives_key_and_the_lede_as_written_or_null(data):
    document = json.loads(data["api/events.json"])
    events = {event["id"]: event for event in document["events"]}
    assert (events["2026-06-led"]["key"], events["2026-06-led"]["lede"]) == (
        True, "Google forms a coding team, The Information reports.")
    assert (events["2026-05-other-event"]["key"], events["2026-05-other-event"]["lede"]) == (
        False, None)
    assert (document["schema_minor"], API_SCHEMA_MINOR) == (2, 2)
    jsonschema.Draft202012Validator(load_schema("events-api")).validate(document)


def test_events_json_schema_says_what_minor_version_2_added():
    minor = load_schema("events-api")["properties"]["schema_minor"]["description"]
    assert "2: each event's key and lede." in minor


def test_events_csv_ends_with_key_and_lede_columns(data):
    rows = list(csv.DictReader(io.StringIO(data["api/events.csv"], newline="")))
    assert CSV_COLUMNS[-2:] == ("key", "lede")
    by_id = {row["id"]: row for row in rows}
    assert (by_id["2026-06-led"]["key"], by_id["2026-06-led"]["lede"]) == (
        "yes", "Google forms a coding team, The Information reports.")
    assert (by_id["2026-05-other-event"]["key"], by_id["2026-05-other-event"]["lede"]) == (
        "no", "")


def test_the_timeline_index_gives_the_plain_lede_key_and_publishers(data):
    events = {event["id"]: event for event in json.loads(data["api/timeline.json"])["events"]}
    led, other = events["2026-06-led"], events["2026-05-other-event"]
    assert (led["lede"], led["key"], led["publishers"]) == (
        "Google forms a coding team, The Information reports.", True, ["The Decoder", "AIHOT"])
    # Without a lede, the summary's first sentence; without publishers, an empty list.
    assert (other["lede"], other["key"], other["publishers"]) == (
        "Sergey Brin asked staff to close the gap in agentic execution.", False, [])


def test_the_timeline_index_stays_compact(data):
    text = data["api/timeline.json"]
    assert "\n" not in text.rstrip("\n") and ": " not in text.split('"events"')[0]


# -- timeline fmt ------------------------------------------------------------------------


def test_fmt_puts_key_and_lede_after_the_status_and_before_the_summary():
    text = ("summary: |\n  Something happened.\nlede: 'Acme ships a model, a report says.'\n"
            "key: true\ntitle: \"A\"\nstatus: reported\n")

    assert format_text(text, "event", "events/2026/x.yaml").split("\n", 1)[1] == (
        'title: "A"\nstatus: reported\nkey: true\n'
        'lede: "Acme ships a model, a report says."\nsummary: |\n  Something happened.\n')
