"""The schemas use only keywords the quick check implements.

The validator trusts fastjsonschema's yes (timeline/check/structure.py). fastjsonschema
implements JSON Schema drafts 4 to 7 while the schemas declare 2020-12, and it skips any
keyword it does not know: a 2020-12 keyword such as ``dependentRequired`` would be a rule
it never checks, and its yes would let a broken file through. These tests keep the
schemas within what it implements, by the libraries' own keyword tables, and pin that
compiling the quick check refuses a schema that is not.
"""

from __future__ import annotations

import copy
from pathlib import Path

import jsonschema
import pytest
from fastjsonschema.draft07 import CodeGeneratorDraft07

from timeline.check import structure
from timeline.check.structure import (
    NOT_VALIDATING,
    QUICK_KEYWORDS,
    SchemaNotQuickCheckable,
    iter_subschemas,
    quick_check_blind_spots,
)
from timeline.format.schema import SCHEMA_DIR, load_schema

SCHEMA_FILES = sorted(SCHEMA_DIR.glob("*.schema.json"))
QUICK_CHECKED = ("event", "actors", "tags")  # what schema_accepts is asked about

# What fastjsonschema's draft 7 generator implements: the keywords of its table, plus those
# read outside it ($ref before the table, as it overrides the rest in draft 7; then and
# else by if; additionalItems by items).
IMPLEMENTED = frozenset(CodeGeneratorDraft07({})._json_keywords_to_function) | {
    "$ref", "then", "else", "additionalItems"}
DRAFT_2020_12 = frozenset(jsonschema.Draft202012Validator.VALIDATORS)
DRAFT_7 = frozenset(jsonschema.Draft7Validator.VALIDATORS)


def unimplemented(schema_file: Path) -> list[str]:
    """Each keyword of ``schema_file`` fastjsonschema does not implement, as file#pointer."""
    schema = load_schema(schema_file.name.removesuffix(".schema.json"))
    return [f"{schema_file.name}{pointer}: {keyword}"
            for pointer, node in iter_subschemas(schema) for keyword in node
            if keyword not in IMPLEMENTED and keyword not in NOT_VALIDATING
            and not keyword.startswith("x-")]


@pytest.mark.parametrize("schema_file", SCHEMA_FILES, ids=lambda file: file.name)
def test_every_schema_uses_only_keywords_the_quick_check_implements(schema_file):
    assert unimplemented(schema_file) == []


@pytest.mark.parametrize("name", QUICK_CHECKED)
def test_a_quick_checked_schema_means_the_same_in_draft_7_and_2020_12(name):
    assert quick_check_blind_spots(load_schema(name)) == []


def test_the_quick_keywords_are_those_both_libraries_implement():
    # then and else are read by if, in both.
    both = (IMPLEMENTED & DRAFT_2020_12) | {"then", "else"}

    assert both == QUICK_KEYWORDS


def test_no_word_passed_over_as_not_validating_is_a_validation_keyword():
    validation_keywords = IMPLEMENTED | DRAFT_7 | DRAFT_2020_12

    assert validation_keywords.isdisjoint(NOT_VALIDATING)


def test_a_keyword_of_2020_12_only_is_named_with_its_place():
    schema = {"$defs": {"source": {"properties": {"url": {"type": "string"}},
                                   "dependentRequired": {"url": ["title"]}}}}

    assert quick_check_blind_spots(schema) == ["dependentRequired at #/$defs/source"]


@pytest.mark.parametrize(("schema", "pointer"), [
    ({"properties": {"a/b": {"prefixItems": []}}}, "#/properties/a~1b"),
    ({"items": {"unevaluatedProperties": False}}, "#/items"),
    ({"anyOf": [{}, {"dependentSchemas": {}}]}, "#/anyOf/1"),
    ({"not": {"patternProperties": {"^x": {"$dynamicRef": "#a"}}}},
     "#/not/patternProperties/^x"),
    ({"if": {}, "then": {"else": {}, "contains": {"minContains": 1}}}, "#/then/contains"),
])
def test_the_walk_reaches_every_kind_of_subschema(schema, pointer):
    assert [spot.split(" at ")[1] for spot in quick_check_blind_spots(schema)] == [pointer]


def test_keywords_beside_a_ref_are_refused():
    # Draft 7 checks only the $ref; 2020-12 checks what stands beside it too.
    schema = {"$defs": {"link": {"type": "object"}},
              "items": {"$ref": "#/$defs/link", "description": "kept", "required": ["kind"]}}

    assert quick_check_blind_spots(schema) == ["keywords beside $ref at #/items"]


def test_an_items_list_is_refused():
    # A tuple in draft 7, a schema error in 2020-12 (which writes prefixItems).
    assert quick_check_blind_spots({"items": [{"type": "string"}]}) == [
        "an items list at #"]


@pytest.fixture
def event_schema_with(monkeypatch):
    """Makes ``load_schema("event")`` return the event schema changed by a function, and
    compiles the quick check anew, for one test."""
    def change(edit) -> None:
        schema = copy.deepcopy(load_schema("event"))
        edit(schema)
        monkeypatch.setattr(structure, "load_schema", lambda name: schema)
    structure._quick_check.cache_clear()
    yield change
    structure._quick_check.cache_clear()


def test_compiling_the_quick_check_refuses_a_2020_12_keyword(event_schema_with):
    event_schema_with(lambda schema: schema["$defs"]["source"].update(
        dependentRequired={"url": ["title"]}))

    with pytest.raises(SchemaNotQuickCheckable) as refusal:
        structure.schema_accepts({}, "event")

    assert str(refusal.value) == (
        "event.schema.json: the quick check (fastjsonschema, JSON Schema draft 7) would "
        "ignore dependentRequired at #/$defs/source; write it with draft 7 keywords, which "
        "mean the same in 2020-12")
