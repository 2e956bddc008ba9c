"""Correcting the record without breaking it: likely-duplicate warnings, `duplicate_of`,
`aliases` (renamed events) and `retracted`, in the validator and in the model.

Golden cases under tests/fixtures/validate/cases/ show one example of each problem code;
the tests here pin down each behaviour and its exact words.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.helpers import build_events, write_event
from timeline.check import check
from timeline.check.duplicates import (
    SIMILAR_TITLES,
    SIMILAR_TITLES_SAME_SOURCES,
    Candidate,
    find_likely_duplicates,
    title_similarity,
)
from timeline.model.dates import PartialDate
from timeline.model.records import Retraction

BASE_TITLE = "Google DeepMind forms a coding strike team"  # the base fixture's 2026-04-21 event
BASE_URL = "https://example.com/google-elite-team"
HINT = ("likely the same event; if so, keep one and mark the other `duplicate_of: <id of "
        "the kept one>` (e.g. add `duplicate_of: {id}` here), otherwise link them with "
        "`related`")


def event(title: str, day: str, url: str | None = None, extra: str = "") -> str:
    """An event file's text; each gets its own source URL unless one is given."""
    url = url or f"https://example.com/{abs(hash((title, day)))}"
    return (f'title: "{title}"\ndate: "{day}"\nstatus: reported\n'
            'summary: "Something happened."\nactors:\n  - google-deepmind\n'
            f'sources:\n  - title: "An article"\n    url: "{url}"\n{extra}')


@pytest.fixture
def events(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The validator's base fixture (two valid events), with cwd at its parent."""
    monkeypatch.chdir(tmp_path)
    return build_events(tmp_path)


def lines(events_dir: Path = Path("events")) -> list[str]:
    return [d.format_text() for d in check(events_dir, today=date(2026, 7, 1)).diagnostics]


def codes(events_dir: Path = Path("events")) -> list[str]:
    return [d.code for d in check(events_dir, today=date(2026, 7, 1)).diagnostics]


def timeline_of(events_dir: Path = Path("events")):
    result = check(events_dir, today=date(2026, 7, 1))
    assert result.errors == []
    return result.timeline


# -- likely duplicates: titles ---------------------------------------------------------------


def test_nearly_the_same_title_within_a_month_is_a_likely_duplicate(events):
    write_event(events, "2026/2026-04-22-strike-team.yaml",
                event("Google DeepMind forms coding strike team", "2026-04-22"))

    assert lines() == [
        "events/2026/2026-04-22-strike-team.yaml:1:1: warning: nearly the same title as "
        "events/2026/2026-04-21-base-event.yaml and a date within 31 days of it: "
        + HINT.format(id="2026-04-21-base-event") + " [EVT045]"]


def test_a_likely_duplicate_is_a_warning_and_the_timeline_is_still_built(events):
    write_event(events, "2026/2026-04-22-strike-team.yaml",
                event("Google DeepMind forms coding strike team", "2026-04-22"))

    result = check(Path("events"), today=date(2026, 7, 1))

    assert (result.errors, [d.code for d in result.warnings]) == ([], ["EVT045"])
    assert result.timeline is not None


@pytest.mark.parametrize("alike", [
    "Google DeepMind forms coding strike team",  # a small word left out
    "google deepmind FORMS a coding strike team!",  # case and punctuation
    "Coding strike team formed at Google DeepMind",  # other word order
    "Google DeepMind froms a codng strike team",  # typos
    "DeepMind forms a coding strike team",  # one word fewer
])
def test_titles_at_or_above_the_threshold_are_nearly_the_same(alike):
    assert title_similarity(BASE_TITLE, alike) >= SIMILAR_TITLES


@pytest.mark.parametrize("different", [
    "Google DeepMind puts together a coding strike force",
    "Google DeepMind forms a coding strike team led by Sebastian Borgeaud",
    "Google reorganises its AI coding strike team around midtraining",
    "OpenAI shuts down its Sora video generator",
])
def test_titles_below_the_threshold_are_not_nearly_the_same(different):
    assert title_similarity(BASE_TITLE, different) < SIMILAR_TITLES


def test_a_title_just_below_the_threshold_is_not_flagged(events):
    title = "Google DeepMind puts together a coding strike force"
    assert SIMILAR_TITLES_SAME_SOURCES <= title_similarity(BASE_TITLE, title) < SIMILAR_TITLES
    write_event(events, "2026/2026-04-22-strike-force.yaml", event(title, "2026-04-22"))

    assert lines() == []


def test_titles_of_small_words_alone_are_never_alike():
    assert title_similarity("The", "The") == 0.0


def test_titles_naming_different_numbers_are_different_events(events):
    write_event(events, "2026/2026-06-02-opus-4-7.yaml",
                event("Anthropic releases Claude Opus 4.7", "2026-06-02"))
    write_event(events, "2026/2026-06-20-opus-4-8.yaml",
                event("Anthropic releases Claude Opus 4.8", "2026-06-20"))
    assert title_similarity("Anthropic releases Claude Opus 4.7",
                            "Anthropic releases Claude Opus 4.8") >= SIMILAR_TITLES

    assert lines() == []


@pytest.mark.parametrize(("first", "second"), [
    ("Jasper Research raises 40 million dollars to build coding agents",
     "Tidal Labs raises 40 million dollars to build coding agents"),
    ("Google releases Gemini 2.5 Pro to developers", "Google releases Gemini 2.5 Flash to "
                                                     "developers"),
])
def test_titles_that_each_name_something_else_are_different_events(first, second, events):
    write_event(events, "2026/2026-06-02-first.yaml", event(first, "2026-06-02"))
    write_event(events, "2026/2026-06-03-second.yaml", event(second, "2026-06-03"))
    assert title_similarity(first, second) >= SIMILAR_TITLES

    assert lines() == []


def test_a_misspelt_name_is_still_the_same_name(events):
    write_event(events, "2026/2026-04-22-strike-team.yaml",
                event("Google DeepMnd forms a coding strike team", "2026-04-22"))

    assert codes() == ["EVT045"]


def test_in_a_title_cased_title_capitals_are_not_names(events):
    write_event(events, "2026/2026-04-22-strike-team.yaml",
                event("Google DeepMind Forms A Coding Strike Team Fast", "2026-04-22"))

    assert codes() == ["EVT045"]


def test_a_number_on_one_side_only_does_not_keep_titles_apart(events):
    write_event(events, "2026/2026-04-22-strike-team.yaml",
                event("Google DeepMind forms a 12-person coding strike team", "2026-04-22"))
    assert title_similarity(BASE_TITLE, "Google DeepMind forms a 12-person coding strike "
                                         "team") >= SIMILAR_TITLES

    assert codes() == ["EVT045"]


# -- likely duplicates: the date window ------------------------------------------------------


@pytest.mark.parametrize(("day", "flagged"), [
    ("2026-05-22", True),  # 31 days after 21 April
    ("2026-05-23", False),  # 32 days after
    ("2026-03-21", True),  # 31 days before
    ("2026-03-20", False),  # 32 days before
])
def test_days_are_compared_within_31_days_either_way(day, flagged, events):
    write_event(events, f"2026/{day}-strike-team.yaml",
                event("Google DeepMind forms coding strike team", day))

    assert codes() == (["EVT045"] if flagged else [])


@pytest.mark.parametrize(("day", "flagged"), [
    ("2026-05-31", True),  # 31 days after the last day of April
    ("2026-06-01", False),
])
def test_a_month_counts_from_its_last_day(day, flagged, events):
    write_event(events, "2026/2026-04-strike-team.yaml",
                event("Google DeepMind reorganises its strike team", "2026-04"))
    write_event(events, f"2026/{day}-strike-team.yaml",
                event("Google DeepMind reorganises the strike team", day))

    assert codes() == (["EVT045"] if flagged else [])


def test_a_year_is_close_to_every_day_in_it(events):
    write_event(events, "2026/2026-strike-team.yaml",
                event("Google DeepMind forms coding strike team", "2026"))

    assert codes() == ["EVT045"]


# -- likely duplicates: the same sources -----------------------------------------------------


def test_the_same_sources_and_a_similar_title_is_a_likely_duplicate(events):
    write_event(events, "2026/2026-04-strike-force.yaml", event(
        "Google DeepMind puts together a coding strike force", "2026-04", url=BASE_URL,
        extra='    publisher: "The Decoder"\n    published: "2026-04-21"\n').replace(
        '"An article"', '"Google builds elite team to close the coding gap"'))

    assert lines() == [
        "events/2026/2026-04-strike-force.yaml:7:1: warning: the same sources as "
        "events/2026/2026-04-21-base-event.yaml, a similar title and a date within 31 days "
        "of it: " + HINT.format(id="2026-04-21-base-event") + " [EVT045]"]


def test_one_article_reporting_several_different_events_is_not_a_duplicate(events):
    # A round-up article is often the only source of several events of the same month.
    roundup = "https://example.com/roundup"
    write_event(events, "2026/2026-04-jetski.yaml", event(
        "Google tracks use of its internal coding tool Jetski and ranks teams by it",
        "2026-04", url=roundup))
    write_event(events, "2026/2026-04-internal-code.yaml", event(
        "Google leans more on models trained on its internal code", "2026-04", url=roundup))

    assert lines() == []


def test_the_same_sources_far_apart_in_time_are_not_compared(events):
    shared = "https://example.com/an-article-cited-twice"
    write_event(events, "2026/2026-01-10-first.yaml",
                event("Google tracks its coding tools", "2026-01-10", url=shared))
    write_event(events, "2026/2026-03-10-second.yaml",
                event("Google tracks its coding tool", "2026-03-10", url=shared))

    assert lines() == []


# -- likely duplicates: settled pairs, order, errors -----------------------------------------


@pytest.mark.parametrize("link_from", ["new", "base"])
def test_events_linked_by_related_are_known_to_be_different(link_from, events):
    link = "related:\n  - event: {}\n    relation: see-also\n"
    extra = link.format("2026-04-21-base-event") if link_from == "new" else ""
    write_event(events, "2026/2026-04-22-strike-team.yaml",
                event("Google DeepMind forms coding strike team", "2026-04-22", extra=extra))
    if link_from == "base":
        base = events / "2026" / "2026-04-21-base-event.yaml"
        base.write_text(base.read_text(encoding="utf-8").replace(
            "related:\n", link.format("2026-04-22-strike-team")), encoding="utf-8")

    assert lines() == []


def test_an_event_marked_duplicate_of_is_not_flagged_again(events):
    write_event(events, "2026/2026-04-22-strike-team.yaml",
                event("Google DeepMind forms coding strike team", "2026-04-22",
                      extra="duplicate_of: 2026-04-21-base-event\n"))

    assert lines() == []


def test_files_with_errors_are_left_out_until_they_are_fixed(events):
    write_event(events, "2026/2026-04-22-strike-team.yaml",
                event("Google DeepMind forms coding strike team", "2026-04-22")
                .replace("status: reported", "status: rumoured"))

    assert codes() == ["EVT013"]


def test_one_warning_per_pair_at_the_later_path_naming_the_earlier(events):
    write_event(events, "2026/2026-04-20-strike-team.yaml",
                event("Google DeepMind forms coding strike team", "2026-04-20"))
    write_event(events, "2026/2026-04-22-strike-team.yaml",
                event("DeepMind forms a coding strike team", "2026-04-22"))

    found = [(d.path, d.message.split(" and a date")[0]) for d in check(
        Path("events"), today=date(2026, 7, 1)).diagnostics]

    assert found == [
        ("events/2026/2026-04-21-base-event.yaml",
         "nearly the same title as events/2026/2026-04-20-strike-team.yaml"),
        ("events/2026/2026-04-22-strike-team.yaml",
         "nearly the same title as events/2026/2026-04-20-strike-team.yaml"),
        ("events/2026/2026-04-22-strike-team.yaml",
         "nearly the same title as events/2026/2026-04-21-base-event.yaml"),
    ]


def made_up_word(number: int) -> str:
    return "".join("abcdefghij"[int(digit)] for digit in str(number))


def test_ten_thousand_events_find_exactly_the_planted_duplicates():
    # Scale, not speed: a distinct title every day for 27 years, plus two planted pairs.
    start = date(2000, 1, 1)
    candidates = [Candidate(f"{i:05d}.yaml", f"event-{i}",
                            f"{made_up_word(i)} ships {made_up_word(i + 10_000)}",
                            start + timedelta(days=i), start + timedelta(days=i))
                  for i in range(10_000)]
    planted = [Candidate("a.yaml", "a", "the bh ships a baabh",  # event 17, with small words
                         date(2000, 1, 20), date(2000, 1, 20)),
               Candidate("b.yaml", "b", "jaaa ships bjaaa",  # event 9000, a month later
                         date(2024, 8, 1), date(2024, 8, 31))]

    pairs = find_likely_duplicates(candidates + planted)

    assert [(p.earlier.path, p.later.path) for p in pairs] == [
        ("00017.yaml", "a.yaml"), ("09000.yaml", "b.yaml")]


# -- duplicate_of ----------------------------------------------------------------------------


def test_duplicate_of_an_existing_event_is_valid_and_in_the_model(events):
    write_event(events, "2026/2026-04-22-strike-team.yaml",
                event("Google DeepMind forms coding strike team", "2026-04-22",
                      extra="duplicate_of: 2026-04-21-base-event\n"))

    timeline = timeline_of()

    assert timeline.by_id["2026-04-22-strike-team"].duplicate_of == "2026-04-21-base-event"
    assert timeline.by_id["2026-04-21-base-event"].duplicate_of is None


def test_two_events_marked_as_duplicates_of_each_other(events):
    write_event(events, "2026/2026-04-22-strike-team.yaml",
                event("Google DeepMind forms coding strike team", "2026-04-22",
                      extra="duplicate_of: 2026-04-21-base-event\n"))
    base = events / "2026" / "2026-04-21-base-event.yaml"
    base.write_text(base.read_text(encoding="utf-8")
                    + "duplicate_of: 2026-04-22-strike-team\n", encoding="utf-8")

    assert lines() == [
        'events/2026/2026-04-21-base-event.yaml:20:15: error: duplicate_of '
        '"2026-04-22-strike-team", but events/2026/2026-04-22-strike-team.yaml is marked as '
        "a duplicate of this event; keep one of the two and remove its duplicate_of [EVT046]",
        'events/2026/2026-04-22-strike-team.yaml:10:15: error: duplicate_of '
        '"2026-04-21-base-event", but events/2026/2026-04-21-base-event.yaml is marked as '
        "a duplicate of this event; keep one of the two and remove its duplicate_of [EVT046]",
    ]


def test_duplicate_of_a_former_id_asks_for_the_current_one(events):
    base = events / "2026" / "2026-04-21-base-event.yaml"
    base.write_text(base.read_text(encoding="utf-8") + "aliases:\n  - 2026-04-strike-team\n",
                    encoding="utf-8")
    write_event(events, "2026/2026-04-22-strike-team.yaml",
                event("Google DeepMind forms coding strike team", "2026-04-22",
                      extra="duplicate_of: 2026-04-strike-team\n"))

    assert lines() == [
        'events/2026/2026-04-22-strike-team.yaml:10:15: error: duplicate_of '
        '"2026-04-strike-team" is a former id of "2026-04-21-base-event"; write its current '
        'id "2026-04-21-base-event" [EVT046]']


def test_duplicate_of_must_be_text(events):
    write_event(events, "2026/2026-04-22-strike-team.yaml",
                event("Google DeepMind forms coding strike team", "2026-04-22",
                      extra="duplicate_of:\n  - 2026-04-21-base-event\n"))

    assert lines() == [
        "events/2026/2026-04-22-strike-team.yaml:11:3: error: duplicate_of must be text, "
        "not a list [EVT012]"]


# -- aliases ---------------------------------------------------------------------------------


def test_aliases_lead_to_the_renamed_event(events):
    base = events / "2026" / "2026-04-21-base-event.yaml"
    base.write_text(base.read_text(encoding="utf-8") + "aliases:\n  - 2026-04-strike-team\n"
                    "  - 2026-04-20-strike-team\n", encoding="utf-8")

    timeline = timeline_of()

    renamed = timeline.by_id["2026-04-21-base-event"]
    assert renamed.aliases == ("2026-04-strike-team", "2026-04-20-strike-team")
    assert timeline.by_alias == {"2026-04-strike-team": renamed,
                                 "2026-04-20-strike-team": renamed}
    assert timeline.find("2026-04-strike-team") is renamed
    assert timeline.find("2026-04-21-base-event") is renamed
    assert timeline.find("2026-04-no-such-event") is None


def test_an_event_without_aliases_has_an_empty_tuple(events):
    assert timeline_of().by_id["2026-05-other-event"].aliases == ()


def test_a_related_link_to_a_former_id_names_the_current_one(events):
    other = events / "2026" / "2026-05-other-event.yaml"
    other.write_text(other.read_text(encoding="utf-8") + "aliases:\n  - 2026-05-brin-memo\n",
                     encoding="utf-8")
    write_event(events, "2026/2026-06-follow-up.yaml", event(
        "Staff respond to the memo", "2026-06",
        extra="related:\n  - event: 2026-05-brin-memo\n    relation: follows\n"))

    assert lines() == [
        'events/2026/2026-06-follow-up.yaml:11:12: error: related event "2026-05-brin-memo" '
        'was renamed to "2026-05-other-event"; write "2026-05-other-event" [EVT032]']


def test_aliases_must_be_a_list(events):
    write_event(events, "2026/2026-06-renamed.yaml", event(
        "Staff respond to the memo", "2026-06", extra="aliases: 2026-06-old-name\n"))

    assert lines() == [
        "events/2026/2026-06-renamed.yaml:10:10: error: aliases must be a list, not text "
        "[EVT012]"]


# -- retracted -------------------------------------------------------------------------------

RETRACTED = 'retracted:\n  date: "2026-05"\n  reason: "The outlet withdrew its report"\n'


def test_a_retracted_event_keeps_its_status_and_gets_a_retraction(events):
    write_event(events, "2026/2026-04-withdrawn.yaml",
                event("Researchers said to leave", "2026-04", extra=RETRACTED))

    withdrawn = timeline_of().by_id["2026-04-withdrawn"]

    assert withdrawn.status == "reported"
    assert withdrawn.retraction == Retraction(PartialDate(2026, 5),
                                              "The outlet withdrew its report")


def test_an_event_that_stands_has_no_retraction(events):
    assert timeline_of().by_id["2026-05-other-event"].retraction is None


def test_status_retracted_says_what_to_write_instead(events):
    write_event(events, "2026/2026-04-withdrawn.yaml", event(
        "Researchers said to leave", "2026-04").replace("reported", "retracted"))

    assert lines() == [
        'events/2026/2026-04-withdrawn.yaml:3:9: error: status "retracted" is not a status '
        'any more; keep the status the event had (e.g. "reported") and add a `retracted:` '
        'mapping with the date and reason, e.g. `retracted: {date: "2026-05", reason: "The '
        'outlet withdrew its report"}` [EVT049]']


@pytest.mark.parametrize(("retraction", "expected"), [
    ('retracted:\n  date: "May 2026"\n  reason: "Withdrawn"\n',
     '11:9: error: retracted.date: "May 2026" is not in the expected form; write YYYY, '
     'YYYY-MM or YYYY-MM-DD (e.g. "2026", "2026-04", "2026-04-21") [EVT020]'),
    ('retracted:\n  date: "2026-02-30"\n  reason: "Withdrawn"\n',
     '11:9: error: retracted.date: "2026-02-30": February 2026 has no day 30 (it has 28 '
     "days) [EVT021]"),
    ('retracted:\n  date: "2026-05"\n',
     '11:3: error: missing required field "retracted.reason" [EVT010]'),
    ('retracted:\n  date: "2026-05"\n  reason: "Withdrawn"\n  by: "The outlet"\n',
     '13:3: error: unknown field "retracted.by"; allowed here: date, reason [EVT011]'),
    ('retracted:\n  date: "2026-05"\n  reason: "Withdrawn\\nafter a denial"\n',
     '12:11: error: retracted.reason: "Withdrawn\\nafter a denial" is not in the expected '
     "form; keep the reason on one line, at most 200 characters [EVT015]"),
    ("retracted: true\n",
     "10:12: error: retracted must be a mapping of `key: value` lines, not true/false "
     "[EVT012]"),
])
def test_a_malformed_retraction_is_reported_where_it_is_written(retraction, expected,
                                                                events):
    write_event(events, "2026/2026-04-withdrawn.yaml",
                event("Researchers said to leave", "2026-04", extra=retraction))

    assert lines() == [f"events/2026/2026-04-withdrawn.yaml:{expected}"]


def test_a_retraction_in_the_same_month_as_the_first_report_is_accepted(events):
    write_event(events, "2026/2026-04-withdrawn.yaml", event(
        "Researchers said to leave", "2026-04",
        extra='    published: "2026-04-10"\nretracted:\n  date: "2026-04"\n'
              '  reason: "Withdrawn the same month"\n'))

    assert lines() == []


def test_a_retraction_a_week_ahead_is_accepted(events):
    write_event(events, "2026/2026-04-withdrawn.yaml", event(
        "Researchers said to leave", "2026-04",
        extra='retracted:\n  date: "2026-07-08"\n  reason: "Withdrawn"\n'))

    assert lines() == []


# -- the model stays immutable ---------------------------------------------------------------


def test_events_and_retractions_cannot_be_changed(events):
    write_event(events, "2026/2026-04-withdrawn.yaml",
                event("Researchers said to leave", "2026-04", extra=RETRACTED))
    withdrawn = timeline_of().by_id["2026-04-withdrawn"]

    with pytest.raises(FrozenInstanceError):
        withdrawn.aliases = ("x",)
    with pytest.raises(FrozenInstanceError):
        withdrawn.retraction.reason = "x"
