"""The format's lists and patterns in Python are the JSON Schemas' own.

``format/vocabulary.py`` reads them from the schemas; these tests pin what it reads to
the schemas' exact places, and the regexes built from the patterns to the same verdicts.
"""

from __future__ import annotations

import re

import pytest

from timeline.format import layout, vocabulary
from timeline.format.schema import load_schema
from timeline.format.vocabulary import ID_PATTERN, SLUG_PATTERN, WRITTEN_DATE, pattern_body

EVENT = load_schema("event")
ACTORS = load_schema("actors")
TAGS = load_schema("tags")

SLUG_EXAMPLES = ["a", "team-formed", "gpt-5", "2026", "a--b", "-a", "a-", "A", "é", "",
                 "a b", "a_b", "２０２６"]
DATE_EXAMPLES = ["2026", "2026-04", "2026-04-21", "26", "2026-4", "2026-04-1", "2026/04",
                 "２０２６", "٢٠٢٦", "2026-04-21-", ""]
ID_EXAMPLES = ["2026-04-21-team-formed", "2026-x", "2026-04-x", "2026-team", "2026",
               "2026-04-21", "x-2026", "2026-04-21-Team", "2026--x", "２０２６-x"]


def test_the_statuses_are_the_schemas():
    in_schema = tuple(EVENT["properties"]["status"]["enum"])
    assert vocabulary.STATUSES == in_schema == ("reported", "confirmed", "disputed", "denied")


def test_the_actor_kinds_are_the_schemas():
    in_schema = tuple(ACTORS["additionalProperties"]["properties"]["kind"]["enum"])
    assert in_schema == vocabulary.ACTOR_KINDS


def test_the_relations_are_the_schemas():
    in_schema = tuple(EVENT["$defs"]["related"]["properties"]["relation"]["enum"])
    assert in_schema == vocabulary.RELATIONS


def test_actors_and_tags_share_one_slug_pattern():
    assert ACTORS["propertyNames"]["pattern"] == TAGS["propertyNames"]["pattern"]


@pytest.mark.parametrize("place", ["date", "end"])
def test_every_date_of_an_event_has_one_pattern(place):
    assert EVENT["properties"][place]["pattern"] == \
        EVENT["properties"]["retracted"]["properties"]["date"]["pattern"]


@pytest.mark.parametrize("text", SLUG_EXAMPLES)
def test_the_slug_regex_agrees_with_the_schema(text):
    schema = ACTORS["propertyNames"]["pattern"]
    assert bool(SLUG_PATTERN.fullmatch(text)) == bool(re.search(schema, text))


@pytest.mark.parametrize("text", DATE_EXAMPLES)
def test_the_date_regex_agrees_with_the_schema(text):
    schema = EVENT["properties"]["date"]["pattern"]
    assert bool(WRITTEN_DATE.fullmatch(text)) == bool(re.search(schema, text))


@pytest.mark.parametrize("place", ["duplicate_of", "aliases"])
@pytest.mark.parametrize("text", ID_EXAMPLES)
def test_the_id_regex_agrees_with_the_schema(text, place):
    node = EVENT["properties"][place]
    schema = node.get("items", node)["pattern"]
    assert bool(ID_PATTERN.fullmatch(text)) == bool(re.search(schema, text))


def test_the_id_regex_is_the_schemas_id_pattern_with_its_two_parts_as_groups():
    schema = EVENT["properties"]["duplicate_of"]["pattern"]
    assert pattern_body(schema) == f"{vocabulary.DATE_BODY}-{vocabulary.SLUG_BODY}"
    match = ID_PATTERN.fullmatch("2026-04-21-team-formed")
    assert match.groups() == ("2026-04-21", "team-formed")


def test_a_year_folder_is_the_year_part_of_the_date_pattern():
    assert vocabulary.DATE_BODY.startswith(layout.YEAR_FOLDER.pattern)
    assert not layout.YEAR_FOLDER.fullmatch("２０２６")


def test_digits_stay_ascii():
    # \d would also match other scripts' digits ("２０２６"): the schemas write [0-9].
    for pattern in (WRITTEN_DATE, SLUG_PATTERN, ID_PATTERN):
        assert "\\d" not in pattern.pattern


@pytest.mark.parametrize("pattern", ["[0-9]{4}", "^(a)$x", "^\\(a\\)$", "^(?:a)$"])
def test_only_simple_anchored_patterns_are_taken_apart(pattern):
    with pytest.raises(ValueError):
        pattern_body(pattern)
