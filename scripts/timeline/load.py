"""Load one YAML file safely into plain data, remembering where every key and value was.

Untrusted input: files come from strangers' pull requests. We only *compose* the YAML
(never construct arbitrary objects), then convert the node graph ourselves with a
budget, so unknown tags, alias bombs and deep nesting end in a diagnostic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from timeline.diagnostics import Diagnostic

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 32
MAX_NODES = 20_000  # counts aliased nodes each time they are reached

# The C composer is much faster; fall back to pure Python where libyaml is missing.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_constructor = yaml.constructor.SafeConstructor()

_SCALAR_TYPES = {
    "tag:yaml.org,2002:str": "text",
    "tag:yaml.org,2002:int": "integer",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:bool": "boolean",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "date",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    line: int
    column: int


@dataclass
class Document:
    """Plain data from one file plus where each part of it was written."""

    path: str
    data: Any
    key_positions: dict[Path_, Position] = field(default_factory=dict)
    value_positions: dict[Path_, Position] = field(default_factory=dict)
    # YAML's reading of each scalar ("text", "integer", "boolean", ...) and its source text,
    # so messages can say `title: no` became a boolean and show how to quote it.
    scalar_types: dict[Path_, str] = field(default_factory=dict)
    scalar_sources: dict[Path_, str] = field(default_factory=dict)

    def key_position(self, path: Path_) -> Position:
        return self._nearest(self.key_positions, path)

    def value_position(self, path: Path_) -> Position:
        return self._nearest(self.value_positions, path)

    def _nearest(self, table: dict[Path_, Position], path: Path_) -> Position:
        while path:
            if path in table:
                return table[path]
            path = path[:-1]
        return table.get((), Position(1, 1))

    def diagnostic(self, path: Path_, code: str, message: str, *,
                   at_key: bool = False) -> Diagnostic:
        pos = self.key_position(path) if at_key else self.value_position(path)
        return Diagnostic(self.path, pos.line, pos.column, code, message)


class _Budget(Exception):
    def __init__(self, code: str, message: str, node: yaml.Node):
        super().__init__(message)
        self.code, self.message, self.node = code, message, node


def load_file(file: Path, display_path: str) -> tuple[Document | None, list[Diagnostic]]:
    """Read ``file``; return its document, or None and the reasons it can't be read."""

    def whole_file(code: str, message: str) -> tuple[None, list[Diagnostic]]:
        return None, [Diagnostic(display_path, 1, 1, code, message)]

    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            return whole_file("EVT003", f"file is {size:,} bytes; the limit is "
                              f"{MAX_FILE_BYTES:,} bytes")
        raw = file.read_bytes()
    except OSError as error:
        return whole_file("EVT002", f"cannot read the file: {error.strerror or error}")
    return load_bytes(raw, display_path)


def load_bytes(raw: bytes, display_path: str) -> tuple[Document | None, list[Diagnostic]]:
    text, problem = _decode(raw, display_path)
    if problem:
        return None, [problem]
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_diagnostic(error, display_path)]
    except yaml.reader.ReaderError as error:
        line, column = _line_column(text, error.position)
        return None, [Diagnostic(display_path, line, column, "EVT002",
                                 f"control character U+{error.character:04X} is not "
                                 "allowed; delete it")]
    except yaml.YAMLError as error:  # any other parser complaint without a mark
        return None, [Diagnostic(display_path, 1, 1, "EVT001", f"YAML error: {error}")]
    nodes = [n for n in nodes if n is not None]
    if len(nodes) > 1:
        mark = nodes[1].start_mark
        return None, [Diagnostic(display_path, mark.line + 1, mark.column + 1, "EVT005",
                                 "a second YAML document starts here; one file holds "
                                 "one event, so remove the `---` separator")]
    if not nodes or (nodes[0].tag == "tag:yaml.org,2002:null" and not nodes[0].value):
        return None, [Diagnostic(display_path, 1, 1, "EVT004",
                                 "the file is empty; write the fields as `key: value` "
                                 "lines (see the format documentation)")]
    document = Document(display_path, None)
    converter = _Converter(document)
    try:
        document.data = converter.convert(nodes[0], (), depth=0)
    except _Budget as stop:
        mark = stop.node.start_mark
        return None, [Diagnostic(display_path, mark.line + 1, mark.column + 1,
                                 stop.code, stop.message)]
    problems = converter.problems
    if not isinstance(document.data, dict):
        problems.append(Diagnostic(display_path, 1, 1, "EVT004",
                                   f"the file holds {_kind_of(document.data)}, not a "
                                   "mapping of `key: value` lines (see the format "
                                   "documentation)"))
    return document, problems


def _decode(raw: bytes, display_path: str) -> tuple[str, Diagnostic | None]:
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line = raw.count(b"\n", 0, offset) + 1
        column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
        return "", Diagnostic(display_path, line, column, "EVT002",
                              "NUL byte in the file; save it as UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return "", Diagnostic(display_path, line, column, "EVT002",
                              f"invalid UTF-8 (byte 0x{raw[error.start]:02X}); "
                              "save the file as UTF-8")
    return text.removeprefix("\ufeff"), None


def _syntax_diagnostic(error: yaml.MarkedYAMLError, display_path: str) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    detail = error.problem or "invalid YAML"
    if error.context:
        detail = f"{detail} ({error.context})"
    if "found duplicate anchor" in detail or "found undefined alias" in detail:
        detail += "; write the value out instead of using anchors and aliases"
    return Diagnostic(display_path, line, column, "EVT001", f"YAML syntax error: {detail}")


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _position(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


class _Converter:
    """Turns composed nodes into plain data, within a depth and node budget."""

    def __init__(self, document: Document):
        self.document = document
        self.budget = MAX_NODES
        self.problems: list[Diagnostic] = []

    def convert(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _Budget("EVT007", "the YAML expands to too many values (anchors and "
                          "aliases?); write the data out plainly", node)
        if depth > MAX_DEPTH:
            raise _Budget("EVT007", f"the YAML nests deeper than {MAX_DEPTH} levels", node)
        self.document.value_positions.setdefault(path, _position(node))
        if isinstance(node, yaml.MappingNode):
            _require_tag(node, _MAP_TAG)
            return self.convert_mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            _require_tag(node, _SEQ_TAG)
            return [self.convert(item, (*path, index), depth + 1)
                    for index, item in enumerate(node.value)]
        kind = _SCALAR_TYPES.get(node.tag)
        if kind is None:
            _require_tag(node, "")
        self.document.scalar_types[path] = kind
        self.document.scalar_sources[path] = node.value
        if kind in ("text", "date"):
            return node.value  # dates stay as written; their precision is the point
        return _constructor.construct_object(node)

    def convert_mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Budget("EVT004", "a key must be plain text, not a list or mapping",
                              key_node)
            key = key_node.value
            key_position = _position(key_node)
            if key in result:
                first = self.document.key_positions[(*path, key)]
                self.problems.append(Diagnostic(
                    self.document.path, key_position.line, key_position.column, "EVT008",
                    f'duplicate key "{key}" (first written at line {first.line}); '
                    "keep one of them"))
                continue
            self.document.key_positions[(*path, key)] = key_position
            result[key] = self.convert(value_node, (*path, key), depth + 1)
        return result


def _require_tag(node: yaml.Node, expected: str) -> None:
    if node.tag != expected:
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise _Budget("EVT006", f'YAML tag "{shown}" is not allowed; remove it and write '
                      "plain text, numbers, lists or mappings", node)


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a single piece of text"
    return "a single value"
