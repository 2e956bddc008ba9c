"""Structure, from the JSON Schema: a document checked against its schema, each problem
turned into a diagnostic in the project's words.

A quick check (fastjsonschema) answers first; only a document it refuses goes through
jsonschema, which names every problem. The schema keywords the quick check would not
check are refused when it is compiled (``quick_check_blind_spots``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

import fastjsonschema

from timeline.format.diagnostics import Diagnostic, did_you_mean, shortened
from timeline.format.schema import load_schema
from timeline.read.load import Document, Path_

if TYPE_CHECKING:
    import jsonschema

TYPE_NAMES = {"string": "text", "integer": "a whole number", "boolean": "true or false",
              "array": "a list", "object": "a mapping of `key: value` lines"}


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    import jsonschema  # a tenth of a second to import, needed only for a file with errors

    schema = load_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


@cache
def _quick_check(name: str) -> Callable[[Any], Any]:
    """The same schema file compiled to Python by fastjsonschema: it raises on a document
    the schema refuses, and is over ten times quicker than jsonschema on one it accepts.

    Only its yes is trusted: a refused document goes to jsonschema, which names every
    problem. "format" stays an annotation, as it is for jsonschema without a format checker;
    defaults are never written into the data. fastjsonschema reads the 2020-12 schema as
    draft 7, so a schema using what draft 7 lacks is refused here rather than half checked
    (tests/test_schema_keywords.py keeps the shipped schemas clear of it).
    """
    schema = load_schema(name)
    blind_spots = quick_check_blind_spots(schema)
    if blind_spots:
        raise SchemaNotQuickCheckable(f"{name}.schema.json", blind_spots)
    return fastjsonschema.compile(_definitions_inlined(schema, schema.get("$defs", {})),
                                  use_default=False, use_formats=False,
                                  detailed_exceptions=False)


class SchemaNotQuickCheckable(Exception):
    """A schema says what the quick check would not check: its yes could be wrong. A
    mistake in a schema shipped with the code, never in an event file."""

    def __init__(self, schema_file: str, blind_spots: list[str]):
        super().__init__(f"{schema_file}: the quick check (fastjsonschema, JSON Schema draft "
                         f"7) would ignore {'; '.join(blind_spots)}; write it with draft 7 "
                         "keywords, which mean the same in 2020-12")
        self.schema_file, self.blind_spots = schema_file, blind_spots


# The keywords that decide validity alike in draft 7, which fastjsonschema implements, and
# in 2020-12, which the schemas declare and jsonschema reads (then and else are read by
# if). tests/test_schema_keywords.py derives this set from both libraries. Left out:
# 2020-12's own (dependentRequired, prefixItems, unevaluatedProperties ...), which the quick
# check would skip, and draft 7's that 2020-12 dropped or changed (dependencies,
# additionalItems, contentEncoding, an items list), on which the two would disagree.
QUICK_KEYWORDS = frozenset({
    "$ref", "additionalProperties", "allOf", "anyOf", "const", "contains", "else", "enum",
    "exclusiveMaximum", "exclusiveMinimum", "format", "if", "items", "maxItems", "maxLength",
    "maxProperties", "maximum", "minItems", "minLength", "minProperties", "minimum",
    "multipleOf", "not", "oneOf", "pattern", "patternProperties", "properties",
    "propertyNames", "required", "then", "type", "uniqueItems"})
# Words that decide nothing in any draft: identifiers, the home of definitions, and
# annotations. Keywords starting with "x-" are the project's own (codes and hints).
NOT_VALIDATING = frozenset({
    "$schema", "$id", "$comment", "$defs", "definitions", "title", "description",
    "default", "examples", "deprecated", "readOnly", "writeOnly"})
# Where subschemas sit: under a keyword, in its list, or in its mapping by name.
_SUBSCHEMA = {"not", "if", "then", "else", "items", "contains", "propertyNames",
              "additionalProperties", "additionalItems", "unevaluatedItems",
              "unevaluatedProperties", "contentSchema"}
_SUBSCHEMA_LISTS = {"allOf", "anyOf", "oneOf", "prefixItems"}
_SUBSCHEMA_MAPS = {"properties", "patternProperties", "$defs", "definitions",
                   "dependentSchemas"}


def quick_check_blind_spots(schema: Any) -> list[str]:
    """What the quick check would not check, each as "keyword at #/json/pointer"."""
    found = []
    for pointer, node in iter_subschemas(schema):
        validating = [keyword for keyword in node if _validates(keyword)]
        found += [f"{keyword} at {pointer}" for keyword in validating
                  if keyword not in QUICK_KEYWORDS]
        if isinstance(node.get("items"), list):  # a draft 7 tuple; 2020-12's prefixItems
            found.append(f"an items list at {pointer}")
        if "$ref" in node and len(validating) > 1:
            # Draft 7 lets $ref override what stands beside it; 2020-12 checks both.
            found.append(f"keywords beside $ref at {pointer}")
    return found


def _validates(keyword: str) -> bool:
    return keyword not in NOT_VALIDATING and not keyword.startswith("x-")


def iter_subschemas(schema: Any, pointer: str = "#") -> Iterator[tuple[str, dict]]:
    """Every schema object in ``schema``, itself first, with its JSON pointer."""
    if not isinstance(schema, dict):
        return  # true, false, or not a schema at all
    yield pointer, schema
    for keyword, value in schema.items():
        here = f"{pointer}/{_pointer_part(keyword)}"
        if isinstance(value, list) and (keyword in _SUBSCHEMA_LISTS or keyword == "items"):
            for index, item in enumerate(value):
                yield from iter_subschemas(item, f"{here}/{index}")
        elif keyword in _SUBSCHEMA:
            yield from iter_subschemas(value, here)
        elif keyword in _SUBSCHEMA_MAPS and isinstance(value, dict):
            for name, item in value.items():
                yield from iter_subschemas(item, f"{here}/{_pointer_part(name)}")


def _pointer_part(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")  # RFC 6901


def _definitions_inlined(node: Any, definitions: dict[str, Any],
                         inlining: tuple[str, ...] = ()) -> Any:
    """A copy of ``node`` with each lone ``{"$ref": "#/$defs/name"}`` replaced by that
    definition: fastjsonschema then checks a list of sources in one function, instead of
    calling one per item and formatting each item's name for a message never shown. A
    definition that refers to itself is left as a reference."""
    if isinstance(node, list):
        return [_definitions_inlined(item, definitions, inlining) for item in node]
    if not isinstance(node, dict):
        return node
    name = node.get("$ref", "").removeprefix("#/$defs/")
    if len(node) == 1 and name in definitions and name not in inlining:
        return _definitions_inlined(definitions[name], definitions, (*inlining, name))
    return {key: _definitions_inlined(value, definitions, inlining)
            for key, value in node.items()}


def schema_accepts(data: Any, schema_name: str) -> bool:
    """Whether the quick check accepts ``data``: then jsonschema accepts it too."""
    try:
        _quick_check(schema_name)(data)
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


def schema_diagnostics(document: Document, schema_name: str
                       ) -> tuple[list[Diagnostic], set[Path_]]:
    """Check ``document`` against a schema; return diagnostics and the paths they cover."""
    if schema_accepts(document.data, schema_name):
        return [], set()  # the common case, without jsonschema's slower walk
    found: dict[tuple, Diagnostic] = {}
    bad_paths: set[Path_] = set()
    for error in _validator(schema_name).iter_errors(document.data):
        for path, diagnostic in _explain(error, document):
            bad_paths.add(path)
            # One message per place: the first rule broken is the one to fix first.
            found.setdefault((diagnostic.line, diagnostic.column, path), diagnostic)
    return list(found.values()), bad_paths


def field_name(path: Path_) -> str:
    """A path in a document as messages name it: ``sources[0].url``, or "the file"."""
    text = ""
    for part in path:
        if isinstance(part, str):
            part = shortened(part) if part else '""'  # an empty key is shown as ""
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "the file"


def _explain(error: jsonschema.ValidationError, document: Document
             ) -> list[tuple[Path_, Diagnostic]]:
    path: Path_ = tuple(error.absolute_path)
    keyword = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    name = field_name(path)

    if keyword == "required":
        missing = [key for key in error.validator_value if key not in error.instance]
        results = []
        for key in missing:
            where = (1, 1) if not path else _at(document.value_position(path))
            results.append(((*path, key), Diagnostic(
                document.path, *where, "EVT010",
                f'missing required field "{field_name((*path, key))}"')))
        return results
    if keyword == "additionalProperties":
        allowed = set(schema.get("properties", {}))
        results = []
        for key in error.instance:
            if key in allowed:
                continue
            hint = did_you_mean(key, allowed)
            pos = document.key_position((*path, key))
            message = f'unknown field "{field_name((*path, key))}"{hint}; allowed here: ' \
                if key else f'empty key ("" before the colon){" in " + name if path else ""}' \
                '; write the field name before the colon, or delete the line; allowed here: '
            results.append(((*path, key), Diagnostic(
                document.path, pos.line, pos.column, "EVT011",
                message + ", ".join(sorted(allowed)))))
        return results
    if "propertyNames" in error.schema_path:
        key = error.instance
        pos = document.key_position((*path, key))
        return [((*path, key), Diagnostic(document.path, pos.line, pos.column, "EVT014",
                                          f'"{shortened(key)}" is not a valid slug; '
                                          f'{schema["x-hint"]}'))]

    pos = document.value_position(path)
    value = error.instance
    source = document.scalar_sources.get(path)
    if keyword == "type" and schema.get("x-code") == "EVT020" and source:
        # `date: .inf`, `date: true`: no date YAML read as something else; quoting it
        # would not make it one.
        message = f"{name}: {shortened(source)} is not a date; " \
                  f'{schema.get("x-hint", "write YYYY, YYYY-MM or YYYY-MM-DD")}'
        code = "EVT020"
    elif keyword == "type":
        message = _type_message(document, path, error.validator_value)
        code = "EVT012"
    elif keyword == "enum":
        choices = [str(c) for c in error.validator_value]
        hint = did_you_mean(str(value), choices)
        message = f'{name} is "{shortened(str(value))}"{hint}; use one of: ' \
                  f'{", ".join(choices)}'
        code = "EVT013"
    elif keyword == "minLength" and value:  # a floor above one character: too short
        message = f"{name} is {len(value)} characters long; write at least " \
                  f"{error.validator_value}"
        code = schema.get("x-code", "EVT015")
    elif keyword in ("minItems", "minLength"):
        message = f"{name} is empty; " + ("list at least one item" if keyword == "minItems"
                                          else "write some text")
        code = "EVT016"
    elif keyword == "maxLength":
        message = f"{name} is {len(value)} characters long; the limit is " \
                  f"{error.validator_value}"
        code = schema.get("x-code", "EVT015")
    elif keyword == "not":  # e.g. the title's "no line breaks"
        message = f'{name}: "{shortened(str(value))}" is not in the expected form; ' \
                  f'{schema.get("x-hint", "see the format documentation")}'
        code = schema.get("x-code", "EVT014")
    else:  # pattern, minimum, maximum: the schema says which code and how to fix it
        shown = shortened(str(document.scalar_sources.get(path, value)))
        message = f'{name}: "{shown}" is not in the expected form; ' \
                  f'{schema.get("x-hint", "see the format documentation")}'
        code = schema.get("x-code", "EVT014")
    return [(path, Diagnostic(document.path, pos.line, pos.column, code, message))]


def _at(position) -> tuple[int, int]:
    return position.line, position.column


def _type_message(document: Document, path: Path_, expected: str | list[str]) -> str:
    name = field_name(path)
    expected_list = [expected] if isinstance(expected, str) else expected
    wanted = " or ".join(TYPE_NAMES.get(t, t) for t in expected_list)
    yaml_type = document.scalar_types.get(path)
    source = document.scalar_sources.get(path)
    if "string" in expected_list and source is not None and yaml_type != "text":
        read_as = {"boolean": "true/false", "integer": "a number", "number": "a number",
                   "null": "empty (null)", "date": "a date"}.get(yaml_type, yaml_type)
        key = path[-1] if path and isinstance(path[-1], str) else None
        source = shortened(source)
        example = f'{shortened(key)}: "{source}"' if key else f'"{source}"'
        if not source:
            return f"{name} is empty; write some text"
        return f"{name} must be text, but YAML reads {source} as {read_as}; " \
               f"put it in double quotes: {example}"
    got = {dict: "a mapping", list: "a list", str: "text", bool: "true/false",
           type(None): "empty"}.get(type(value_at(document.data, path)), "a number")
    return f"{name} must be {wanted}, not {got}"


def value_at(data: Any, path: Path_) -> Any:
    """The value at ``path`` in ``data``."""
    for part in path:
        data = data[part]
    return data
