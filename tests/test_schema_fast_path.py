"""The quick schema check agrees with jsonschema, so the schema file stays the one truth.

The validator asks fastjsonschema first (compiled from the same schema file) and trusts
only its yes: a document it refuses is walked by jsonschema, which writes the messages.
So a yes must never be wrong, and a no should be rare on a valid document. Both are
checked on every fixture document and on generated ones, for all three schemas.

One difference is known and harmless: fastjsonschema anchors a pattern's ``$`` at the very
end of the text, where Python's ``re`` (and so jsonschema) also lets ``$`` match before a
final line break. ``"2026\\n"`` is a valid date to jsonschema only; fastjsonschema's no
sends it to jsonschema, which accepts it, so the outcome is the same.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import BASE, CASES, PROPERTY, documents
from timeline.check.structure import schema_accepts
from timeline.format.schema import load_schema
from timeline.read.load import load_file

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCHEMAS = ("event", "actors", "tags")


def fixture_documents() -> list[tuple[str, Any]]:
    """Every YAML document the test fixtures hold, by path (not the real events: adding
    one must not change the tests)."""
    found = []
    for file in sorted(FIXTURES.rglob("*.y*ml")):
        document, _ = load_file(file, str(file))
        if document is not None:
            found.append((str(file.relative_to(REPO)), document.data))
    return found


def jsonschema_accepts(data: Any, schema_name: str) -> bool:
    schema = load_schema(schema_name)
    return jsonschema.validators.validator_for(schema)(schema).is_valid(data)


def ends_a_text_with_a_line_break(data: Any) -> bool:
    """Whether a key or a text anywhere in ``data`` ends in a line feed: where ``$`` differs."""
    if isinstance(data, dict):
        return any(ends_a_text_with_a_line_break(part) for item in data.items()
                   for part in item)
    if isinstance(data, list):
        return any(ends_a_text_with_a_line_break(item) for item in data)
    return isinstance(data, str) and data.endswith("\n")


def assert_same_verdict(data: Any, schema_name: str) -> None:
    quick, full = schema_accepts(data, schema_name), jsonschema_accepts(data, schema_name)
    assert not quick or full, f"the quick check accepts what the {schema_name} schema refuses"
    if not ends_a_text_with_a_line_break(data):
        assert quick == full, f"the quick check refuses a valid {schema_name} document"


FIXTURE_DOCUMENTS = fixture_documents()


def test_the_fixtures_hold_valid_and_invalid_documents_of_each_kind():
    for schema_name in SCHEMAS:
        verdicts = {jsonschema_accepts(data, schema_name) for _, data in FIXTURE_DOCUMENTS}
        assert verdicts == {True, False}, schema_name


@pytest.mark.parametrize("schema_name", SCHEMAS)
@pytest.mark.parametrize(("path", "data"), FIXTURE_DOCUMENTS,
                         ids=[path for path, _ in FIXTURE_DOCUMENTS])
def test_quick_check_agrees_on_every_fixture_document(path, data, schema_name):
    assert_same_verdict(data, schema_name)


def test_the_known_difference_ends_in_the_same_verdict():
    data = fixture_data(BASE / "2026" / "2026-04-21-base-event.yaml")
    data["date"] = "2026-04\n"
    assert (schema_accepts(data, "event"), jsonschema_accepts(data, "event")) == (False, True)


# -- generated documents ---------------------------------------------------------------------


def fixture_data(file: Path) -> Any:
    document, problems = load_file(file, str(file))
    assert document is not None and not problems
    return document.data


VALID = {
    "event": [fixture_data(file) for file in sorted(BASE.rglob("2026/*.yaml"))]
    + [fixture_data(file) for file in sorted(CASES.glob("retraction-*/2026/*.yaml"))],
    "actors": [fixture_data(BASE / "actors.yaml")],
    "tags": [fixture_data(BASE / "tags.yaml")],
}


def places(data: Any, path: tuple = ()) -> list[tuple]:
    """The path of every value inside ``data``, ``data`` itself included."""
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += places(value, (*path, index))
    return found


@st.composite
def near_valid(draw: st.DrawFn, schema_name: str) -> Any:
    """A valid document with one to three values replaced, removed or added: where a
    wrong verdict would hide, one rule away from valid."""
    data = copy.deepcopy(draw(st.sampled_from(VALID[schema_name])))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(places(data)))
        if not path:
            continue
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(documents)
        elif action == "remove":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=12))] = draw(documents)
        else:
            parent.append(draw(documents))
    return data


@PROPERTY
@given(data=documents, schema_name=st.sampled_from(SCHEMAS))
def test_quick_check_agrees_on_any_data(data, schema_name):
    assert_same_verdict(data, schema_name)


@PROPERTY
@given(data=st.data(), schema_name=st.sampled_from(SCHEMAS))
def test_quick_check_agrees_one_change_away_from_valid(data, schema_name):
    assert_same_verdict(data.draw(near_valid(schema_name)), schema_name)


@pytest.mark.parametrize("schema_name", SCHEMAS)
def test_the_documents_changed_start_valid(schema_name):
    for data in VALID[schema_name]:
        assert schema_accepts(data, schema_name) and jsonschema_accepts(data, schema_name)
