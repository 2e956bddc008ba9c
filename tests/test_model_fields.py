"""Each record of the model has exactly the fields its schema allows.

The model is built from checked documents field by field (``model/build.py``): a property
added to a schema but not to its dataclass would be dropped from every output, and a field
added to a dataclass but not to the schema could never be filled. These tests name the
difference when one is changed without the other.
"""

from __future__ import annotations

from dataclasses import fields

import pytest

from timeline.format.schema import load_schema
from timeline.model.build import build_event
from timeline.model.dates import parse_partial_date
from timeline.model.records import (
    Actor,
    Correction,
    Event,
    Related,
    Retraction,
    Source,
    Tag,
)

EVENT = load_schema("event")
# The event's fields that the file does not hold as a property: the id and path come from
# the file's name and place, the days it was added and last changed from the repository's
# history (read/history.py).
EVENT_FIELDS_NOT_IN_THE_FILE = {"id", "path", "added", "updated"}
# The event schema's properties that the dataclass names another way.
EVENT_FIELD_FOR_PROPERTY = {"retracted": "retraction"}
# A registry entry's slug is its key in the registry, not one of its properties.
REGISTRY_KEY = {"slug"}


def field_names(record_class: type) -> set[str]:
    return {field.name for field in fields(record_class)}


def assert_same(schema_properties: set[str], dataclass_fields: set[str], where: str) -> None:
    only_schema = sorted(schema_properties - dataclass_fields)
    only_dataclass = sorted(dataclass_fields - schema_properties)
    assert not only_schema and not only_dataclass, (
        f"{where}: in the schema only: {only_schema or 'none'}; in the dataclass only: "
        f"{only_dataclass or 'none'}; add each to the other (model/records.py and "
        "model/build.py, or the schema)")


@pytest.mark.parametrize(("record_class", "definition"),
                         [(Source, "source"), (Related, "related")])
def test_source_and_related_have_the_fields_of_their_definition(record_class, definition):
    properties = set(EVENT["$defs"][definition]["properties"])
    assert_same(properties, field_names(record_class),
                f"{record_class.__name__} and event.schema.json#/$defs/{definition}")


def test_an_actor_has_the_fields_of_an_actors_entry():
    properties = set(load_schema("actors")["additionalProperties"]["properties"])
    assert_same(properties | REGISTRY_KEY, field_names(Actor), "Actor and actors.schema.json")


def test_a_tag_has_the_fields_of_a_tags_entry():
    properties = set(load_schema("tags")["additionalProperties"]["properties"])
    assert_same(properties | REGISTRY_KEY, field_names(Tag), "Tag and tags.schema.json")


def test_an_event_has_the_fields_of_the_event_schema():
    properties = {EVENT_FIELD_FOR_PROPERTY.get(name, name) for name in EVENT["properties"]}
    assert_same(properties | EVENT_FIELDS_NOT_IN_THE_FILE, field_names(Event),
                "Event and event.schema.json")


def test_a_retraction_has_the_fields_of_retracted():
    properties = set(EVENT["properties"]["retracted"]["properties"])
    assert_same(properties, field_names(Retraction),
                "Retraction and event.schema.json#/properties/retracted")


def test_a_correction_has_the_fields_of_an_item_of_corrections():
    items = EVENT["properties"]["corrections"]["items"]
    if "$ref" in items:  # written inline today; a definition of $defs would do as well
        items = EVENT["$defs"][items["$ref"].removeprefix("#/$defs/")]
    assert_same(set(items["properties"]), field_names(Correction),
                "Correction and event.schema.json#/properties/corrections/items")


def test_a_message_names_what_is_missing_on_each_side():
    with pytest.raises(AssertionError) as failure:
        assert_same({"title", "subtitle"}, {"title", "page"}, "Source")
    assert "in the schema only: ['subtitle']; in the dataclass only: ['page']" \
        in str(failure.value)


def test_an_event_is_built_from_the_fields_of_its_records_alone():
    # A property the schema has and the dataclass lacks is dropped (and the tests above
    # fail), instead of stopping the build with a TypeError.
    data = {"title": "T", "status": "reported", "summary": "S", "actors": [],
            "sources": [{"title": "A", "url": "https://example.com/a", "new_field": 1}],
            "related": [{"event": "2026-x", "relation": "see-also", "note": "n"}]}

    event = build_event(data, id="2026-04-21-t", path="2026/2026-04-21-t.yaml",
                        start=parse_partial_date("2026-04-21"), end=None, retracted_on=None,
                        actors={}, tags={})

    assert event.sources == (Source(title="A", url="https://example.com/a"),)
    assert event.related == (Related(event="2026-x", relation="see-also"),)
