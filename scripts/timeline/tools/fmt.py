"""`timeline fmt`: rewrite event files and the registries in one canonical layout.

The canonical layout:

- the first line is the editor's schema comment, ``# yaml-language-server: $schema=...``;
- fields come in the order of the JSON Schema's ``properties`` (the order docs/format.md
  documents them in); fields the schema does not know follow, in the order written;
  mappings keyed by slugs (the registries) are sorted by slug;
- text is double-quoted, except identifiers (values from a fixed list, such as ``status``,
  ``kind`` and ``relation``, and slugs and codes: actors, tags, related events, language
  tags), which are plain wherever YAML reads them as text; text with a line break is a
  ``|`` block;
- lists and mappings in block style, two-space indentation, list items indented under
  their key (``  - x``); LF line endings and one newline at the end.

Comments are kept, and a comment line moves with the field below it. Numbers, booleans
and empty values are left as written.

fmt must never change what a file means, so every result is checked before it is written:
it is read back with the loader the validator uses and compared value by value and type
by type, and its comments are compared with the original's. A file that fails the check,
or that does not read as YAML, is reported and left as it is.
"""

from __future__ import annotations

import os
import re
import stat
import warnings
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import StringIO
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.error import YAMLError as RuamelYAMLError
from ruamel.yaml.nodes import ScalarNode as RuamelScalarNode
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    PlainScalarString,
)
from ruamel.yaml.tokens import CommentToken

from timeline.format.diagnostics import Diagnostic
from timeline.format.layout import REGISTRIES, display_path, find_event_files, links_outside
from timeline.format.schema import SCHEMA_FOLDERS, load_schema, modeline_path
from timeline.read.load import MAX_FILE_BYTES, Path_, load_bytes, load_file
from timeline.tools.atomic import write_text_atomically

SCHEMA_COMMENT = re.compile(r"#\s*yaml-language-server:\s*\$schema=(\S*)")
# The modeline of a file formatted without knowing its events folder: the schema where
# `timeline init` puts it, seen from events/<YYYY>/ or from events/. With the folder
# known, the modeline names the schema the project has (format/schema: modeline_path).
DEFAULT_SCHEMA_PATHS = {
    "event": f"../../{SCHEMA_FOLDERS[0]}/event.schema.json",
    "actors": f"../{SCHEMA_FOLDERS[0]}/actors.schema.json",
    "tags": f"../{SCHEMA_FOLDERS[0]}/tags.schema.json",
}
# Text fields holding identifiers (slugs and language codes), written plain. Fields whose
# schema lists the allowed values (`enum`) are identifiers too.
IDENTIFIER_FIELDS = frozenset({"actors[]", "tags[]", "sources[].language", "related[].event",
                               "duplicate_of", "aliases[]"})
_PLAIN_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_STR_TAG = "tag:yaml.org,2002:str"
_PYYAML_RESOLVER = pyyaml.resolver.Resolver()


class FormatError(Exception):
    """The file cannot be formatted; ``lines`` say why, one problem per line."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


def kind_of(file: Path) -> str:
    """``event``, ``actors`` or ``tags``: which schema a file follows, by its name."""
    return file.name.removesuffix(".yaml") if file.name in REGISTRIES else "event"


def schema_comment(kind: str, schema_path: str | None = None) -> str:
    return f"# yaml-language-server: $schema={schema_path or DEFAULT_SCHEMA_PATHS[kind]}"


def format_text(text: str, kind: str, display: str, schema_path: str | None = None) -> str:
    """The canonical form of ``text`` (an event file or a registry named ``display``);
    a file without a schema modeline gets one naming ``schema_path``.

    Raises FormatError when the file does not read as YAML, or when formatting it would
    change its data or lose a comment.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    document, problems = load_bytes(text.encode("utf-8"), display)
    if document is None or problems:
        raise FormatError([problem.format_text() for problem in problems])
    expected = _typed(document.data)
    tree = _round_trip_load(_without_document_start(text), display)
    _Canonical(load_schema(kind), document.data).root(tree)
    _put_schema_comment(tree, kind, schema_path)
    formatted = _space_inline_comments(_dump(tree))
    if formatted.endswith("\n\n"):  # blank lines at the end, unless a `|+` block needs them
        trimmed = formatted.rstrip("\n") + "\n"
        if _meaning(trimmed, display) == expected:
            formatted = trimmed
    if _meaning(formatted, display) != expected or _comments(formatted) != _comments(text):
        raise FormatError([f"{display}:1:1: error: timeline fmt cannot lay out this file "
                           "without changing its data or comments, so it was left as it "
                           "is; please report this with the file"])
    size = len(formatted.encode("utf-8"))
    if size > MAX_FILE_BYTES:  # validate would refuse the result (load.load_file)
        raise FormatError([Diagnostic(
            display, 1, 1, "EVT003", f"formatted, the file would be {size:,} bytes, over "
            f"the limit of {MAX_FILE_BYTES:,} bytes, so it was left as it is; shorten it by "
            f"at least {size - MAX_FILE_BYTES:,} bytes").format_text()])
    return formatted


def add_registry_entry(text: str, kind: str, slug: str, entry: dict[str, Any],
                       display: str, schema_path: str | None = None) -> str:
    """``text`` (the ``actors`` or ``tags`` registry) with ``slug: entry`` added at its
    sorted place and laid out as fmt lays out entries; the rest is kept as written,
    comments included (a comment above the next entry stays above it)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    data: dict[str, Any] = {}
    tree = CommentedMap()
    if text.strip():
        document, problems = load_bytes(text.encode("utf-8"), display)
        if document is None or problems:
            raise FormatError([problem.format_text() for problem in problems])
        data = dict(document.data)
        tree = _round_trip_load(text, display, preserve_quotes=True)
    else:
        _put_schema_comment(tree, kind, schema_path)
    addition = _yaml().load(pyyaml.safe_dump({slug: entry}, allow_unicode=True,
                                             sort_keys=False, width=1_000_000))
    _Canonical(load_schema(kind), {slug: entry}).root(addition)
    _insert_sorted(tree, slug, addition[slug])
    formatted = _dump(tree)
    if _meaning(formatted, display) != _typed({**data, slug: entry}) \
            or _comments(formatted) != _comments(text):
        raise FormatError([f"{display}:1:1: error: cannot add \"{slug}\" to this file "
                           "without changing the rest of it; add the entry by hand"])
    return formatted


def _insert_sorted(tree: CommentedMap, slug: str, value: Any) -> None:
    keys = list(tree)
    position = next((index for index, key in enumerate(keys) if str(key) > slug), len(keys))
    above: list[str] = []  # comment lines that must stay above the key after the new one
    if position == 0 and keys:
        header, above = _split_header(_header(tree))
        _set_header(tree, header)
    elif keys:  # above the next key, or the comments at the end of the file
        above = _take_lines(tree, keys[position - 1])
    tree.fa.set_block_style()
    tree.insert(position, slug, value)
    _give_lines(tree, slug, above)


# -- reading and writing with ruamel.yaml ----------------------------------------------------


def _yaml(preserve_quotes: bool = False) -> YAML:
    yaml = YAML()  # round-trip: keeps comments
    yaml.preserve_quotes = preserve_quotes
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 1_000_000  # never fold long lines
    yaml.allow_unicode = True
    return yaml


def _round_trip_load(text: str, display: str, preserve_quotes: bool = False) -> Any:
    try:
        with warnings.catch_warnings():  # e.g. a reused anchor: the loader already judged
            warnings.simplefilter("ignore")
            tree = _yaml(preserve_quotes).load(text)
    except RuamelYAMLError as error:  # read by our loader but not by ruamel.yaml
        mark = getattr(error, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise FormatError([Diagnostic(display, line, column, "EVT001",
                                      f"YAML syntax error: {problem}").format_text()]
                          ) from None
    if not isinstance(tree, CommentedMap):
        raise FormatError([f"{display}:1:1: error: the file is not a mapping of `key: "
                           "value` lines"])
    return tree


# Comment lines, blank lines and directives, then the document start `---` and the rest
# of its line.
_DOCUMENT_START = re.compile(r"((?:[ \t]*(?:#[^\n]*)?\n|%[^#\n]*\n)*)---(?=[ \t\n])[ \t]*"
                             r"([^\n]*)\n")


def _without_document_start(text: str) -> str:
    """``text`` without its `---` and directives (the canonical layout has neither): the
    comment lines above `---` stay at the top, and what follows `---` on its line (a
    comment, or a flow mapping) starts the next line. ruamel.yaml would drop the comments
    above `---`; the check after formatting catches any change of meaning."""
    match = _DOCUMENT_START.match(text)
    if match is None:
        return text
    above = "".join(line + "\n" for line in match.group(1).splitlines()
                    if not line.startswith("%"))
    beside = match.group(2) + "\n" if match.group(2).strip() else ""
    return above + beside + text[match.end():]


def _dump(tree: CommentedMap) -> str:
    stream = StringIO()
    _yaml().dump(tree, stream)
    return stream.getvalue()


def _meaning(text: str, display: str) -> Any:
    document, problems = load_bytes(text.encode("utf-8"), display)
    return None if document is None or problems else _typed(document.data)


def _typed(value: Any) -> Any:
    """Data with every scalar's type spelled out, so 1, 1.0, True and "1" all differ."""
    if isinstance(value, dict):
        return {key: _typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_typed(item) for item in value]
    return (type(value).__name__, repr(value))


def _comment_matches(text: str) -> list[re.Match[str]]:
    """Every comment in ``text``: a `#` at a line's start or after a space, outside text."""
    scalars = [(token.start_mark.index, token.end_mark.index)
               for token in pyyaml.scan(text, Loader=pyyaml.SafeLoader)
               if isinstance(token, pyyaml.ScalarToken)]
    return [match for match in re.finditer(r"(?:^|(?<=[ \t]))#[^\n]*", text, re.MULTILINE)
            if not any(start <= match.start() < end for start, end in scalars)]


def _comments(text: str) -> Counter[str]:
    """The comments of ``text`` but the schema line, to check none is lost or added."""
    comments = (match.group(0).rstrip() for match in _comment_matches(text))
    return Counter(c for c in comments if not SCHEMA_COMMENT.fullmatch(c))


def _space_inline_comments(text: str) -> str:
    """Two spaces between a value and the comment beside it."""
    for match in reversed(_comment_matches(text)):
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[line_start:match.start()]
        if before.strip():
            code = before.rstrip(" \t")
            text = text[:line_start] + code + "  " + text[match.start():]
    return text


# -- the canonical layout --------------------------------------------------------------------


class _Canonical:
    """Restyles a round-trip tree in place, guided by the JSON Schema and by the data the
    validator's loader read (its values and types are the truth, not ruamel.yaml's)."""

    def __init__(self, schema: dict, data: Any):
        self.schema = schema
        self.data = data

    def root(self, tree: CommentedMap) -> None:
        tree.fa.set_block_style()
        self.mapping(tree, (), self.schema)

    def node(self, node: Any, path: Path_, schema: dict | None) -> Any:
        if isinstance(node, CommentedMap):
            self.mapping(node, path, schema)
            return node
        if isinstance(node, CommentedSeq):
            item_schema = self.child(schema, 0)
            for index in range(len(node)):
                self.put(node, index, self.node(node[index], (*path, index), item_schema),
                         (*path, index))
            return node
        return self.scalar(node, path, schema)

    def mapping(self, node: CommentedMap, path: Path_, schema: dict | None) -> None:
        _lift_comments_between_key_and_value(node, path)
        for key in list(node):
            child_path = (*path, str(key))
            new = self.node(node[key], child_path, self.child(schema, str(key)))
            self.put(node, key, new, child_path)
        _reorder(node, self.order(node, schema), is_root=not path)

    def scalar(self, value: Any, path: Path_, schema: dict | None) -> Any:
        text = _value_at(self.data, path)  # as the validator read it, aliases expanded
        if not isinstance(text, str):
            return value  # numbers, booleans and nulls stay as written
        if "\n" in text:
            return LiteralScalarString(text)
        if self.is_identifier(path, schema) and _plain_is_text(text):
            return PlainScalarString(text)  # a bare str would keep the old quoting style
        return DoubleQuotedScalarString(text)

    def is_identifier(self, path: Path_, schema: dict | None) -> bool:
        field = "".join("[]" if isinstance(part, int) else f".{part}" for part in path)
        return bool(schema and "enum" in schema) or field.lstrip(".") in IDENTIFIER_FIELDS

    def order(self, node: CommentedMap, schema: dict | None) -> list[Any]:
        schema = schema or {}
        if "properties" not in schema and isinstance(schema.get("additionalProperties"),
                                                     dict):
            return sorted(node, key=str)  # a registry: a mapping of slugs
        known = list(schema.get("properties", {}))
        by_name = {str(key): key for key in node}
        return [by_name[name] for name in known if name in by_name] + \
            [key for key in node if str(key) not in known]

    def child(self, schema: dict | None, key: str | int) -> dict | None:
        schema = self.resolve(schema)
        if schema is None:
            return None
        if isinstance(key, int):
            found = schema.get("items")
        else:
            found = schema.get("properties", {}).get(key)
            if found is None and isinstance(schema.get("additionalProperties"), dict):
                found = schema["additionalProperties"]
        return self.resolve(found)

    def resolve(self, schema: dict | None) -> dict | None:
        if not isinstance(schema, dict):
            return None
        reference = schema.get("$ref")
        if isinstance(reference, str) and reference.startswith("#/"):
            target: Any = self.schema
            for part in reference[2:].split("/"):
                target = target.get(part, {}) if isinstance(target, dict) else {}
            return target if isinstance(target, dict) else None
        return schema

    def put(self, container: CommentedMap | CommentedSeq, key: Any, new: Any,
            path: Path_) -> None:
        """Set ``container[key]`` to its restyled value, moving comments as the new
        style needs them placed."""
        old = container[key]
        if isinstance(new, CommentedMap | CommentedSeq):
            if len(new) and new.fa.flow_style():
                new.fa.set_block_style()
                _move_key_comment_into(container, key, new)
            return
        if new is old:
            return
        container[key] = new
        was_block, is_block = _is_block(old), _is_block(new)
        if was_block != is_block:
            _restyle_trailing_comment(container, key, was_block, _column(path))


def _value_at(data: Any, path: Path_) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _plain_is_text(text: str) -> bool:
    """Written without quotes, would every YAML reader still read ``text`` as text?"""
    if not _PLAIN_SAFE.fullmatch(text):
        return False
    implicit = (True, False)
    return _PYYAML_RESOLVER.resolve(pyyaml.ScalarNode, text, implicit) == _STR_TAG and \
        _yaml().resolver.resolve(RuamelScalarNode, text, implicit) == _STR_TAG


def _is_block(value: Any) -> bool:
    return isinstance(value, LiteralScalarString | FoldedScalarString)


def _column(path: Path_) -> int:
    """The column a field's key (or a list item's text) starts at, 0-based."""
    column = 0
    for previous, part in pairwise(path):
        if isinstance(part, int):
            column += 4 if isinstance(previous, str) else 2
        elif not isinstance(previous, int):
            column += 2
    return column


# -- comments --------------------------------------------------------------------------------
#
# ruamel.yaml keeps the comment lines above a field as the end of the comment after the
# previous field's value (after the last value nested inside it). To move fields, those
# lines are taken off the previous field and given to the field that ends up above.


def _slot(container: CommentedMap | CommentedSeq, key: Any,
          create: bool = False) -> tuple[list | None, int]:
    """Where the comment after ``container[key]``'s value is kept."""
    index = 2 if isinstance(container, CommentedMap) else 0
    holder = container.ca.items.get(key)
    if holder is None and create:
        holder = container.ca.items[key] = [None, None, None, None]
    return holder, index


def _last_leaf(container: CommentedMap | CommentedSeq, key: Any
               ) -> tuple[CommentedMap | CommentedSeq, Any]:
    value = container[key]
    while isinstance(value, CommentedMap | CommentedSeq) and len(value) \
            and not value.fa.flow_style():
        container, key = value, (list(value)[-1] if isinstance(value, CommentedMap)
                                 else len(value) - 1)
        value = container[key]
    return container, key


def _split(comment: str, after_block: bool) -> tuple[str, list[str]]:
    """A comment token's own-line part (the rest of the value's line) and the lines after."""
    if after_block:  # a block scalar ends its own line
        return "", comment.splitlines(keepends=True)
    end = comment.find("\n")
    if end < 0:
        return comment, []
    return comment[:end + 1], comment[end + 1:].splitlines(keepends=True)


def _take_lines(container: CommentedMap | CommentedSeq, key: Any) -> list[str]:
    """Remove and return the comment lines below the entry ``container[key]``."""
    leaf_container, leaf_key = _last_leaf(container, key)
    holder, index = _slot(leaf_container, leaf_key)
    token = holder[index] if holder else None
    if token is None:
        return []
    inline, lines = _split(token.value, _is_block(leaf_container[leaf_key]))
    if inline.strip():
        token.value = inline
    else:
        holder[index] = None
    return lines


def _give_lines(container: CommentedMap | CommentedSeq, key: Any, lines: list[str]) -> None:
    """Put comment ``lines`` below the entry ``container[key]``."""
    if not lines:
        return
    leaf_container, leaf_key = _last_leaf(container, key)
    holder, index = _slot(leaf_container, leaf_key, create=True)
    token = holder[index]
    if token is None:
        start = "" if _is_block(leaf_container[leaf_key]) else "\n"
        holder[index] = CommentToken(start + "".join(lines), CommentMark(0))
    else:
        token.value = token.value + "".join(lines)


def _lift_comments_between_key_and_value(node: CommentedMap, path: Path_) -> None:
    """Comment lines between a key and its text value (``title:``, a line ``# why``, then
    the value on the next line) have no place in the canonical layout, where the text sits
    beside its key (ruamel.yaml would drop them). They move above the key, where a comment
    about a field goes (and then move with it), or, for the first field of a nested
    mapping, where there is no line above the key to hold them, just below its value."""
    keys = list(node)
    for position, key in enumerate(keys):
        holder = node.ca.items.get(key)
        if not holder or not holder[3] or isinstance(node[key], CommentedMap | CommentedSeq):
            continue
        indent = " " * _column((*path, str(key)))
        lines = [indent + line.strip() + "\n" if line.strip() else "\n"
                 for token in holder[3] for line in token.value.splitlines()]
        holder[3] = None
        if position:
            _give_lines(node, keys[position - 1], lines)
        elif not path:  # the first field of the file: the end of the header is above it
            _set_header(node, _header(node) + lines)
        else:
            _give_lines_below_value(node, key, lines)


def _give_lines_below_value(container: CommentedMap, key: Any, lines: list[str]) -> None:
    """Put comment ``lines`` right below the scalar value ``container[key]``, before any
    comment lines already there."""
    holder, index = _slot(container, key, create=True)
    token = holder[index]
    after_block = _is_block(container[key])
    if token is None:
        holder[index] = CommentToken(("" if after_block else "\n") + "".join(lines),
                                     CommentMark(0))
        return
    inline, rest = _split(token.value, after_block)
    if inline and not inline.endswith("\n"):
        inline += "\n"
    token.value = (inline or ("" if after_block else "\n")) + "".join(lines) + "".join(rest)


def _move_key_comment_into(container: CommentedMap | CommentedSeq, key: Any,
                           value: CommentedMap | CommentedSeq) -> None:
    """A flow collection turned block: the comment lines after `]` or `}` go below its
    last item, the comment on its line stays beside the key."""
    holder, index = _slot(container, key)
    token = holder[index] if holder else None
    if token is None:
        return
    inline, lines = _split(token.value, after_block=False)
    if not inline.strip():
        holder[index] = None
        if value.ca.comment and value.ca.comment[0] is token:
            value.ca.comment[0] = None
    elif isinstance(container, CommentedSeq) and isinstance(value, CommentedMap) \
            and _beside_first_field(value, token, inline):
        holder[index] = None  # `- {a: 1}  # c` becomes `- a: 1  # c`
    else:
        token.value = inline
    _give_lines(value, list(value)[-1] if isinstance(value, CommentedMap)
                else len(value) - 1, lines)


def _beside_first_field(mapping: CommentedMap, token: CommentToken, inline: str) -> bool:
    """Put the comment ``inline`` beside the first field's value, if that has no comment
    and is no block (a block has no room beside it)."""
    first = next(iter(mapping))
    holder, index = _slot(mapping, first, create=True)
    if _is_block(mapping[first]) or isinstance(mapping[first], CommentedMap | CommentedSeq) \
            or (holder[index] is not None and holder[index].value.strip()):
        return False
    token.value = inline
    holder[index] = token
    return True


def _restyle_trailing_comment(container: CommentedMap | CommentedSeq, key: Any,
                              was_block: bool, column: int) -> None:
    """A value changed between block and quoted style: keep its comment in a valid place."""
    holder, index = _slot(container, key)
    token = holder[index] if holder else None
    if token is None:
        return
    if was_block:  # now quoted: the comment lines start below the value's line
        token.value = "\n" + token.value
        return
    inline, lines = _split(token.value, after_block=False)
    if inline.strip():  # a block has no room beside it: the comment goes below
        lines = [" " * column + inline.strip() + "\n", *lines]
    # A new token: the old one's column would indent the first line below the block.
    holder[index] = CommentToken("".join(lines), CommentMark(0)) if lines else None


def _header(tree: CommentedMap) -> list[str]:
    tokens = tree.ca.comment[1] if tree.ca.comment and tree.ca.comment[1] else []
    return "".join(token.value for token in tokens).splitlines(keepends=True)


def _set_header(tree: CommentedMap, lines: list[str]) -> None:
    tokens = [CommentToken(line, CommentMark(0)) for line in lines]
    if tree.ca.comment is None:
        tree.ca.comment = [None, tokens]
    else:
        tree.ca.comment[1] = tokens


def _split_header(lines: list[str]) -> tuple[list[str], list[str]]:
    """The file's header, and the comment lines right above the first field (its own)."""
    start = len(lines)
    while start and lines[start - 1].strip().startswith("#") \
            and not SCHEMA_COMMENT.match(lines[start - 1].strip()):
        start -= 1
    return lines[:start], lines[start:]


def _reorder(node: CommentedMap, order: list[Any], is_root: bool) -> None:
    old = list(node)
    if old == order:
        return
    above: dict[Any, list[str]] = {}
    if is_root:
        header, above[old[0]] = _split_header(_header(node))
    for previous, key in pairwise(old):
        above[key] = _take_lines(node, previous)
    tail = _take_lines(node, old[-1])
    for key in order:
        node.move_to_end(key)
    first_lines = above.pop(order[0], [])
    if is_root:
        _set_header(node, header + first_lines)
    elif len(order) > 1:  # no room above a list item's first field: keep it just below
        above[order[1]] = first_lines + above.get(order[1], [])
    else:
        tail = first_lines + tail
    for previous, key in pairwise(order):
        _give_lines(node, previous, above.get(key, []))
    _give_lines(node, order[-1], tail)


def _put_schema_comment(tree: CommentedMap, kind: str, default: str | None) -> None:
    """The modeline first: the one written (any path), else one naming ``default``."""
    lines = _header(tree)
    while lines and not lines[0].strip():
        lines.pop(0)
    written = [SCHEMA_COMMENT.match(line.strip()) for line in lines]
    schema_path = next((match.group(1) for match in written if match), None) or default
    rest = [line for line, match in zip(lines, written, strict=True) if not match]
    _set_header(tree, [schema_comment(kind, schema_path) + "\n", *rest])


# -- files -----------------------------------------------------------------------------------


def files_to_format(events_dir: Path) -> list[Path]:
    """Both registries (where they exist) and every event file, in a stable order."""
    return _listing(events_dir)[0]


def _listing(events_dir: Path) -> tuple[list[Path], list[Diagnostic]]:
    """The files to format, and the links to folders the walk does not follow (reported
    as validate reports them). A registry that is a link or no regular file is listed, to
    be reported by format_file, not skipped."""
    registries = [events_dir / name for name in REGISTRIES
                  if os.path.lexists(events_dir / name)]
    events, problems = find_event_files(events_dir)
    return registries + events, problems


def format_file(file: Path, display: str, events_dir: Path) -> str | None:
    """The canonical text of ``file``, or None when it already is canonical.

    fmt never reads or writes through a link: the target may be outside the repository
    (its content would be copied over the link and published) and writing would replace
    the link with a copy. A link out of the events folder is reported (EVT026, as validate
    does); a link within it is left alone, its target being formatted under its own name."""
    if file.is_symlink():
        if links_outside(file, events_dir):
            raise FormatError([_link_problem(file, display)])
        return None
    document, problems = load_file(file, display)
    if document is None or problems:
        raise FormatError([problem.format_text() for problem in problems])
    try:  # the file read is the file checked: no link (O_NOFOLLOW), a regular file
        handle = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                         | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        raise FormatError([_link_problem(file, display)]) from None
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise FormatError([Diagnostic(display, 1, 1, "EVT002", "not a regular file; "
                                          "commit the event as a plain text file"
                                          ).format_text()])
        raw = stream.read(MAX_FILE_BYTES + 1)
    text = raw.decode("utf-8")
    kind = kind_of(file)
    formatted = format_text(text, kind, display, modeline_path(kind, events_dir, file.parent))
    return None if formatted == text else formatted


def _link_problem(file: Path, display: str) -> str:
    return Diagnostic(display, 1, 1, "EVT026", "symbolic link to a file outside the events "
                      "folder; commit the file itself").format_text()


@dataclass(frozen=True)
class FileOutcome:
    """What formatting one file did: changed it (or, when checking, would), or not, or
    failed with ``problems``, the lines saying why."""

    display: str
    changed: bool = False
    problems: list[str] = field(default_factory=list)


def format_files(files: list[Path], events_dir: Path, write: bool) -> Iterator[FileOutcome]:
    """Format ``files`` one by one, writing each changed file when ``write`` is set, and
    say what happened to each as it happens (a file is written before its outcome)."""
    for file in files:
        display = display_path(file)
        try:
            formatted = format_file(file, display, events_dir)
        except FormatError as error:
            yield FileOutcome(display, problems=error.lines)
            continue
        if formatted is None:
            yield FileOutcome(display)
            continue
        if write:
            write_text_atomically(file, formatted)
        yield FileOutcome(display, changed=True)


class PathRefused(Exception):
    """A path given to fmt that it will not format; the message says why."""


def files_for(paths: list[Path], events_dir: Path) -> tuple[list[Path], list[Diagnostic]]:
    """The files to format for ``paths`` (none: the whole events folder) and the problems
    found listing them. Raises PathRefused for a path that does not exist or is not in
    the events folder, or when the events folder does not exist."""
    for path in paths:
        if not os.path.lexists(path):
            raise PathRefused(f"no such file: {path}")
    if not events_dir.is_dir():
        raise PathRefused(f"the events folder {events_dir} does not exist; pass --events DIR")
    if not paths:
        return _listing(events_dir)
    files, problems = [], []
    for path in paths:
        # Only event files and registries have a canonical layout, and fmt writes nowhere
        # else: not outside the folder, not through a link to a folder.
        place = _place(path, events_dir)
        if place == "outside":
            raise PathRefused(f"{path} is not inside the events folder {events_dir}; move it "
                              "there or pass --events")
        if place == "linked":
            raise PathRefused(f"{path} is reached through a symbolic link to a folder in the "
                              f"events folder {events_dir}, which is not followed; commit "
                              "the folder itself")
        # The path as checked: ".." after a link would lead the system elsewhere.
        checked = Path(os.path.relpath(os.path.abspath(path)))
        if checked.is_dir() and not checked.is_symlink():
            found, found_problems = _listing(checked)
            files.extend(found)
            problems.extend(found_problems)
        else:
            files.append(checked)
    return files, problems


def _place(path: Path, events_dir: Path) -> str:
    """Where ``path`` (a file, or a folder) is: "inside" ``events_dir`` with only real
    folders on the way, "linked" (a folder on the way, below the events folder, is a
    symbolic link) or "outside". The path is read as written, ".." taken off by name."""
    real_events = os.path.realpath(events_dir)
    current = Path(os.path.abspath(path))
    if not (current.is_dir() or (current.is_symlink()
                                 and os.path.isdir(os.path.realpath(current)))):
        current = current.parent  # a file (or a link to one, reported later): its folder
    place = "inside"
    while True:
        if os.path.realpath(current) == real_events:
            return place
        if current.parent == current:
            return "outside"
        if current.is_symlink():
            place = "linked"
        current = current.parent
