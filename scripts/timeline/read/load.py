"""Load one YAML file safely into plain data, remembering where every key and value was.

Untrusted input: files come from strangers' pull requests. We only *parse* the YAML
(never construct arbitrary objects) and build plain data from its events ourselves, with a
budget, so unknown tags, alias bombs and deep nesting end in a diagnostic. Control,
invisible and direction-changing characters (U+202E and the like) are refused too,
whether written out or as escapes (the text policy, in text_policy.py), so what reviewers
read in a diff is what gets published.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from timeline.format.diagnostics import Diagnostic
from timeline.read.text_policy import (
    PRINTABLE_SUSPECTS,
    character_problem,
    character_problems,
    problem_in,
    suspects,
)

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 32
MAX_NODES = 20_000  # counts aliased nodes each time they are reached
BYTE_ORDER_MARK = b"\xef\xbb\xbf"
# How a file that could not be read at all is reported (EVT002), before the system's
# reason: so callers can tell it from a file that was read and refused.
CANNOT_READ = "cannot read the file: "

# Only libyaml's parser is used: the pure-Python one is far slower and disagrees with it on
# hostile input (it takes an escaped lone surrogate, "\ud83d", that no page can be written
# with), so two sets of messages would have to be kept right. Without it we refuse to run.
_Loader: type | None = getattr(yaml, "CSafeLoader", None)
LIBYAML_MISSING = ("timeline needs PyYAML with libyaml (yaml.CSafeLoader is missing); "
                   "reinstall with: make clean install")
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


class LibyamlMissing(RuntimeError):
    """PyYAML was installed without libyaml: no event file can be read. The command line
    and the plugin turn it into one line, without a traceback."""

    def __init__(self) -> None:
        super().__init__(LIBYAML_MISSING)


@dataclass(frozen=True)
class Position:
    line: int
    column: int


@dataclass
class Document:
    """Plain data from one file plus where each part of it was written."""

    path: str
    data: Any
    # YAML's reading of each scalar ("text", "integer", "boolean", ...) and its source text,
    # so messages can say `title: no` became a boolean and show how to quote it.
    scalar_types: dict[Path_, str] = field(default_factory=dict)
    scalar_sources: dict[Path_, str] = field(default_factory=dict)
    # Where each key and each value starts, as (line, column): half a million of them at
    # 10,000 events, so kept as the cheapest thing to make; the methods hand out Position.
    key_starts: dict[Path_, tuple[int, int]] = field(default_factory=dict, repr=False)
    value_starts: dict[Path_, tuple[int, int]] = field(default_factory=dict, repr=False)

    @property
    def key_positions(self) -> dict[Path_, Position]:
        """Every key's position, by the path of its value (a new dict on each call)."""
        return {path: Position(*start) for path, start in self.key_starts.items()}

    @property
    def value_positions(self) -> dict[Path_, Position]:
        """Every value's position, by its path (a new dict on each call)."""
        return {path: Position(*start) for path, start in self.value_starts.items()}

    def key_position(self, path: Path_) -> Position:
        return self._nearest(self.key_starts, path)

    def value_position(self, path: Path_) -> Position:
        return self._nearest(self.value_starts, path)

    def _nearest(self, table: dict[Path_, tuple[int, int]], path: Path_) -> Position:
        while path:
            if path in table:
                return Position(*table[path])
            path = path[:-1]
        return Position(*table.get((), (1, 1)))

    def diagnostic(self, path: Path_, code: str, message: str) -> Diagnostic:
        """A diagnostic at the value found at ``path`` (or its nearest written parent)."""
        pos = self.value_position(path)
        return Diagnostic(self.path, pos.line, pos.column, code, message)


def load_file(file: Path, display_path: str) -> tuple[Document | None, list[Diagnostic]]:
    """Read ``file``; return its document, or None and the reasons it can't be read."""

    def whole_file(code: str, message: str) -> tuple[None, list[Diagnostic]]:
        return None, [Diagnostic(display_path, 1, 1, code, message)]

    try:
        status = file.stat()
        if not stat.S_ISREG(status.st_mode):
            # Reading a pipe or a device would block or never end.
            return whole_file("EVT002", "not a regular file (a pipe, socket or device?); "
                              "commit the event as a plain text file")
        if status.st_size > MAX_FILE_BYTES:
            return whole_file("EVT003", f"file is {status.st_size:,} bytes; the limit is "
                              f"{MAX_FILE_BYTES:,} bytes")
        with file.open("rb") as stream:
            # The size stat() saw, plus a byte to notice growth: asking for the whole limit
            # would set aside 256 KB for every file.
            raw = stream.read(status.st_size + 1)
            if len(raw) > status.st_size:  # the file grew after stat(): read to the limit
                raw += stream.read(MAX_FILE_BYTES + 1 - len(raw))
    except OSError as error:
        return whole_file("EVT002", f"{CANNOT_READ}{error.strerror or error}")
    if len(raw) > MAX_FILE_BYTES:
        return None, [_over_the_limit(display_path)]
    return load_bytes(raw, display_path)


def load_text(text: str, display_path: str) -> tuple[Document | None, list[Diagnostic]]:
    """Read a file's text that is not on the disk (yet): the checks of ``load_file`` once
    it has read the bytes, the size limit first."""
    # A lone surrogate (what Python makes of a byte of a command line that is not UTF-8)
    # becomes bytes that are not UTF-8, reported as such, as they would be from the disk.
    raw = text.encode("utf-8", errors="surrogatepass")
    if len(raw) > MAX_FILE_BYTES:
        return None, [_over_the_limit(display_path)]
    return load_bytes(raw, display_path)


def _over_the_limit(display_path: str) -> Diagnostic:
    """EVT003 for a file found to be over the limit once read."""
    return Diagnostic(display_path, 1, 1, "EVT003",
                      f"file is over the limit of {MAX_FILE_BYTES:,} bytes")


def load_bytes(raw: bytes, display_path: str) -> tuple[Document | None, list[Diagnostic]]:
    # A byte order mark is accepted (some Windows editors write one) and, as editors do,
    # not counted in line 1's columns.
    text, problem = _decode(raw.removeprefix(BYTE_ORDER_MARK), display_path)
    if problem:
        return None, [problem]
    problems = character_problems(text, display_path)
    if problems:
        return None, problems
    builder = _Builder(Document(display_path, None))
    try:
        _parse(text, builder)
    except _Stop as stop:
        return None, [_stop_diagnostic(stop, display_path, text)]
    except yaml.MarkedYAMLError as error:
        return None, [_parser_diagnostic(error, display_path, text)]
    except yaml.reader.ReaderError as error:  # a character refused that we let through
        # libyaml counts bytes of UTF-8, not characters.
        offset = len(text.encode()[:error.position].decode(errors="ignore"))
        line, column = _line_column(text, offset)
        return None, [Diagnostic(display_path, line, column, "EVT002",
                                 f"control character U+{error.character:04X} is not "
                                 "allowed; delete it")]
    except yaml.YAMLError as error:  # any other parser complaint without a mark
        return None, [Diagnostic(display_path, 1, 1, "EVT001", f"YAML error: {error}")]
    document = builder.document
    if not builder.has_content:
        return None, [Diagnostic(display_path, 1, 1, "EVT004",
                                 "the file is empty; write the fields as `key: value` "
                                 "lines (see the format documentation)")]
    document.value_starts[()] = (1, 1)
    problems = builder.problems
    if not isinstance(document.data, dict):
        problems.append(Diagnostic(display_path, 1, 1, "EVT004",
                                   f"the file holds {_kind_of(document.data)}, not a "
                                   "mapping of `key: value` lines (see the format "
                                   "documentation)"))
    return document, problems


def _parse(text: str, builder: _Builder) -> None:
    """Feed the parser's events to ``builder``: what ``yaml.parse`` does, without a
    generator between them (half a million events at 10,000 files)."""
    if _Loader is None:
        raise LibyamlMissing
    parser = _Loader(text)
    try:
        builder.build(parser.get_event)
    finally:
        parser.dispose()


def _decode(raw: bytes, display_path: str) -> tuple[str, Diagnostic | None]:
    if b"\x00" in raw:
        line, column = _byte_line_column(raw, raw.index(b"\x00"))
        return "", Diagnostic(display_path, line, column, "EVT002",
                              "NUL byte in the file; save it as UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_line_column(raw, error.start)
        return "", Diagnostic(display_path, line, column, "EVT002",
                              f"invalid UTF-8 (byte 0x{raw[error.start]:02X}); "
                              "save the file as UTF-8")
    return text, None


def _byte_line_column(raw: bytes, offset: int) -> tuple[int, int]:
    """Line and column (in characters, as editors count) of a byte offset."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    before = raw[line_start:offset].decode("utf-8", errors="replace")
    return raw.count(b"\n", 0, offset) + 1, len(before) + 1


def _stop_diagnostic(stop: _Stop, display_path: str, text: str) -> Diagnostic:
    return Diagnostic(display_path, *_editor_position(text, stop.mark), stop.code,
                      stop.message)


def _parser_diagnostic(error: yaml.MarkedYAMLError, display_path: str,
                       text: str) -> Diagnostic:
    """libyaml's refusal, as our own diagnostic where we know what it means."""
    if _LIBYAML_DEPTH_PROBLEM in (error.problem or ""):
        return _too_deep_for_libyaml(error, display_path, text)
    if (surrogate := _escaped_surrogate(error, display_path, text)) is not None:
        return surrogate
    return _syntax_diagnostic(error, display_path, text)


# The libyaml in PyYAML 6.0.4's wheels (0.2.6) stops at 1,000 levels of nesting, matched
# by these words because its error has no code. Its scanner reads up to 1,024 characters
# ahead of the events it hands out, so on "[[[[..." it reaches that limit before the
# builder has seen level 33; an older libyaml has no limit, and the builder stops first.
_LIBYAML_DEPTH_PROBLEM = "maximum nesting depth"


def _too_deep_for_libyaml(error: yaml.MarkedYAMLError, display_path: str,
                          text: str) -> Diagnostic:
    """EVT007 where our own limit was crossed: the text before libyaml's stop, read alone,
    reaches that point (or whatever else stops the builder first). Failing that, EVT007 at
    libyaml's stop."""
    mark = error.problem_mark or error.context_mark
    if mark is not None:
        try:
            _parse(text[:_offset(text, mark)], _Builder(Document(display_path, None)))
        except _Stop as stop:
            return _stop_diagnostic(stop, display_path, text)
        except yaml.YAMLError:
            pass  # cut there, the text may end inside a collection: libyaml's stop it is
    return Diagnostic(display_path, *_editor_position(text, mark), "EVT007",
                      "the YAML nests deeper than the YAML parser allows; event files need "
                      f"only a few levels, at most {MAX_DEPTH}")


# A \u or \U escape of a surrogate (U+D800 to U+DFFF), half of a UTF-16 pair: libyaml
# refuses it as an invalid escape code, at its hex digits.
_SURROGATE_ESCAPE = re.compile(r"\\(?:u|U0000)([dD][89a-fA-F][0-9a-fA-F]{2})")


def _escaped_surrogate(error: yaml.MarkedYAMLError, display_path: str,
                       text: str) -> Diagnostic | None:
    """Our EVT002 for an escaped lone surrogate that libyaml refused, at the start of the
    text holding it, as for any other refused escape (Builder.check_escapes): a libyaml
    that let it through would get the same message there."""
    mark = error.problem_mark
    if mark is None:
        return None
    offset = _offset(text, mark)
    line_end = text.find("\n", offset)
    escapes = _SURROGATE_ESCAPE.finditer(text, text.rfind("\n", 0, offset) + 1,
                                         len(text) if line_end == -1 else line_end)
    escape = next((found for found in escapes if found.start() <= offset <= found.end()),
                  None)
    if escape is None:
        return None
    code, message = character_problem(chr(int(escape.group(1), 16)), escaped=True)
    start = error.context_mark or mark
    return Diagnostic(display_path, *_editor_position(text, start), code, message)


def _syntax_diagnostic(error: yaml.MarkedYAMLError, display_path: str,
                       text: str) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    line, column = _editor_position(text, mark)
    detail = error.problem or "invalid YAML"
    if error.context:
        detail = f"{detail} ({error.context})"
    # Anchors and aliases are checked by the builder, not here: the parser does not check
    # them. The hint is chosen by the character at the mark, not by libyaml's words.
    if mark and _character_at(text, mark) == "\t":
        detail += "; indent with spaces, not tabs"
    elif mark and _in_an_escape(text, mark):
        detail += ("; in double quotes a backslash starts an escape such as \\n or \\\"; "
                   "write \\\\ for a backslash itself, or put the text in single quotes")
    else:
        detail += "; check the indentation, and quote text that contains \": \" or " \
                  "starts with a special character"
    return Diagnostic(display_path, line, column, "EVT001", f"YAML syntax error: {detail}")


def _editor_position(text: str, mark: yaml.Mark | None) -> tuple[int, int]:
    """The 1-based line and column of ``mark``, kept inside the file: at the end of a file
    without a final line break, YAML points at a line that editors do not show."""
    if mark is None:
        return 1, 1
    lines = text.count("\n") + 1
    if mark.line < lines:
        return mark.line + 1, mark.column + 1
    return lines, len(text) - text.rfind("\n")


# The end of a backslash escape of double-quoted YAML, up to the character at a mark: the
# backslash itself ("\q"), or a \x, \u or \U with too few hex digits ("\x4 ").
_ESCAPE_UP_TO_MARK = re.compile(r"\\(?:[xuU][0-9A-Fa-f]{0,8})?.?\Z", re.DOTALL)


def _in_an_escape(text: str, mark: yaml.Mark) -> bool:
    """Whether the syntax error at ``mark`` is in a backslash escape."""
    offset = _offset(text, mark)
    return bool(_ESCAPE_UP_TO_MARK.search(text, max(0, offset - 10), offset + 1))


def _character_at(text: str, mark: yaml.Mark) -> str:
    offset = _offset(text, mark)
    return text[offset:offset + 1]


def _offset(text: str, mark: yaml.Mark) -> int:
    """The index in ``text`` of ``mark``, from its line and column (characters, as editors
    count; the mark's own index is not documented to be either)."""
    line_start = 0
    for _ in range(mark.line):
        line_start = text.find("\n", line_start) + 1
    return line_start + mark.column


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _start(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


class _Open:
    """A mapping or list still being read, with where its items go."""

    __slots__ = ("anchor", "is_mapping", "key", "key_path", "path", "size", "value")

    def __init__(self, value: dict | list, path: Path_, anchor: str | None):
        self.value = value
        self.path = path
        self.anchor = anchor
        self.is_mapping = isinstance(value, dict)
        self.size = 1
        self.key: Any = None  # a mapping's key waiting for its value (or _DUPLICATE)
        self.key_path: Path_ = path  # where that value goes: path plus key


class _Stop(Exception):
    def __init__(self, code: str, message: str, mark: yaml.Mark):
        super().__init__(message)
        self.code, self.message, self.mark = code, message, mark


class _Builder:
    """Builds plain data from parser events, iteratively: no recursion, so no nesting depth
    can crash the interpreter, and a budget bounds what anchors and aliases expand to.

    It runs for every event, half a million of them at 10,000 files, so a scalar's steps
    are written out in one method rather than spread over small ones.
    """

    def __init__(self, document: Document):
        self.document = document
        self.stack: list[_Open] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.budget = MAX_NODES
        self.documents = 0
        self.has_content = False
        self.problems: list[Diagnostic] = []

    def build(self, next_event: Callable[[], yaml.Event | None]) -> None:
        """Read events until there are none; dispatch on the exact class, most common first."""
        scalar, open_, close = self.scalar, self.open, self.close  # looked up once
        scalar_event, mapping_start, sequence_start, mapping_end, sequence_end = (
            yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent,
            yaml.MappingEndEvent, yaml.SequenceEndEvent)
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is scalar_event:
                scalar(event)
            elif kind is mapping_start:
                open_(event, True)
            elif kind is sequence_start:
                open_(event, False)
            elif kind is mapping_end or kind is sequence_end:
                close(event)
            elif kind is yaml.AliasEvent:
                self.alias(event)
            elif kind is yaml.DocumentStartEvent:
                self.start_document(event)

    def start_document(self, event: yaml.DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            raise _Stop("EVT005", "a second YAML document starts here; one file holds "
                        "one event, so remove the `---` separator", event.start_mark)

    def spend(self, amount: int, mark: yaml.Mark) -> None:
        self.budget -= amount
        if self.budget < 0:
            raise _Stop("EVT007", "the YAML expands to too many values (anchors and "
                        "aliases?); write the data out plainly", mark)

    def child_path(self, parent: _Open | None) -> Path_:
        """The path of the next value ``parent`` receives (a mapping's key is known)."""
        if parent is None:
            return ()
        if parent.is_mapping:
            return parent.key_path
        return (*parent.path, len(parent.value))

    def open(self, event: yaml.CollectionStartEvent, is_mapping: bool) -> None:
        if event.tag is not None:
            _require_tag(event, _MAP_TAG if is_mapping else _SEQ_TAG)
        if len(self.stack) >= MAX_DEPTH:
            raise _Stop("EVT007", f"the YAML nests deeper than {MAX_DEPTH} levels; event "
                        "files need only a few", event.start_mark)
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent.is_mapping and parent.key is None:
            raise _Stop("EVT004", "a key must be plain text, not a list or mapping",
                        event.start_mark)
        self.spend(1, event.start_mark)
        path = self.child_path(parent)
        self.document.value_starts.setdefault(path, _start(event.start_mark))
        self.stack.append(_Open({} if is_mapping else [], path, event.anchor))

    def close(self, event: yaml.CollectionEndEvent) -> None:
        # Its position was written when it opened.
        done = self.stack.pop()
        if done.anchor:
            self.anchors[done.anchor] = (done.value, done.size)
        self.place(done.value, done.size, event.start_mark)

    def alias(self, event: yaml.AliasEvent) -> None:
        if event.anchor not in self.anchors:
            raise _Stop("EVT001", f"YAML syntax error: unknown alias *{event.anchor}",
                        event.start_mark)
        value, size = self.anchors[event.anchor]
        self.spend(size, event.start_mark)
        self.place(value, size, event.start_mark)

    def scalar(self, event: yaml.ScalarEvent) -> None:
        # The hot path: spend(), _start() and place() written out.
        self.budget -= 1
        if self.budget < 0:
            self.spend(0, event.start_mark)
        value = event.value
        # Written out, a refused character never got this far; only a double-quoted
        # text's escapes ("\u202E") can make one.
        if event.style == '"' and (not value.isprintable()
                                   or PRINTABLE_SUSPECTS.search(value)):
            self.check_escapes(event)
        mark = event.start_mark
        start = (mark.line + 1, mark.column + 1)
        stack = self.stack
        parent = stack[-1] if stack else None
        if parent is not None and parent.is_mapping and parent.key is None:
            if event.tag is not None:
                _require_tag(event, _STR_TAG)  # keys are read as text, whatever their tag
            self.key(parent, value, start)
            return
        tag = event.tag
        if tag is None or tag == "!":
            tag = _implicit_tag(value, event.implicit)
        kind = _SCALAR_TYPES.get(tag)
        if kind is None:
            _require_tag(event, "")
        if kind == "date" and not _TIMESTAMP.match(value):
            raise _not_a_valid(tag, event)  # only an explicit !!timestamp gets here
        path = self.child_path(parent)
        document = self.document
        document.scalar_types[path] = kind
        document.scalar_sources[path] = value
        if kind != "text" and kind != "date":
            value = _construct(tag, event)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        document.value_starts.setdefault(path, start)
        if parent is None:
            self.place(value, 1, mark)
        elif parent.is_mapping:  # its key is waiting: a key is never None here
            parent.size += 1
            if parent.key is not _DUPLICATE:
                parent.value[parent.key] = value
            parent.key = None
        else:
            parent.size += 1
            parent.value.append(value)

    def check_escapes(self, event: yaml.ScalarEvent) -> None:
        """Report a character written as an escape ("\\e", "\\u202E") in double quotes.

        Written out, such characters were refused before parsing with their exact position;
        escaped, they only appear in the value, so we point at the value.
        """
        for _, _, line, index in suspects(event.value, crlf=False):
            problem = problem_in(line, index, escaped=True)
            if problem is not None:
                self.problems.append(Diagnostic(self.document.path,
                                                *_start(event.start_mark), *problem))
                return  # one problem per value is enough to find it

    def key(self, parent: _Open, key: str, start: tuple[int, int]) -> None:
        path = (*parent.path, key)
        if key in parent.value:
            first_line = self.document.key_starts[path][0]
            self.problems.append(Diagnostic(
                self.document.path, *start, "EVT008",
                f'duplicate key "{_shortened(key)}" (first written at line {first_line}); '
                "keep one of them"))
            parent.key, parent.key_path = _DUPLICATE, (*parent.path, _DUPLICATE)
        else:
            self.document.key_starts[path] = start
            parent.key, parent.key_path = key, path

    def place(self, value: Any, size: int, mark: yaml.Mark) -> None:
        """Put a finished value into the collection that holds it."""
        if not self.stack:
            self.document.data = value
            self.has_content = True
            return
        parent = self.stack[-1]
        parent.size += size
        if not parent.is_mapping:
            parent.value.append(value)
        elif parent.key is None:
            raise _Stop("EVT004", "a key must be plain text, not a list or mapping", mark)
        else:
            if parent.key is not _DUPLICATE:
                parent.value[parent.key] = value
            parent.key = None


def _implicit_tag(value: str, implicit: tuple[bool, bool]) -> str:
    """The tag YAML gives an untagged scalar: plain text may read as a number, a boolean..."""
    if not implicit[0]:
        return _STR_TAG  # quoted or a block: text
    # The resolver only tries the patterns kept under the text's first character (None:
    # patterns for any character); with none there, it answers "text" without trying.
    resolvers = _resolver.yaml_implicit_resolvers
    if value[:1] not in resolvers and None not in resolvers:
        return _STR_TAG
    return _resolver.resolve(yaml.ScalarNode, value, implicit)


_DUPLICATE = object()  # stands in for a repeated key whose value is dropped
_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP = yaml.constructor.SafeConstructor.timestamp_regexp
_resolver = yaml.resolver.Resolver()


def _construct(tag: str, event: yaml.ScalarEvent) -> Any:
    """A core scalar's value (int, float, bool, null) through PyYAML's own constructors."""
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        return _constructor.yaml_constructors[tag](_constructor, node)
    except (ValueError, KeyError, TypeError, IndexError,  # IndexError: !!int ""
            yaml.constructor.ConstructorError):
        raise _not_a_valid(tag, event) from None


def _not_a_valid(tag: str, event: yaml.ScalarEvent) -> _Stop:
    if event.tag in (None, "!"):
        # Implicit: YAML took unquoted digits for a number, one too long to convert.
        return _Stop("EVT012", f"YAML reads these {len(event.value):,} characters as a "
                     "number, too long to handle; if this is text, put it in double "
                     "quotes", event.start_mark)
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return _Stop("EVT006", f'"{_shortened(event.value)}" is not a valid {shown} value; '
                 "remove the tag, or write a value of that type", event.start_mark)


def _shortened(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters, so a huge value is not echoed whole."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _require_tag(event: yaml.NodeEvent, expected: str) -> None:
    tag = getattr(event, "tag", None)
    if tag not in (None, "!", expected):
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise _Stop("EVT006", f'YAML tag "{_shortened(shown)}" is not allowed; remove it and write '
                    "plain text, numbers, lists or mappings", event.start_mark)


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a single piece of text"
    return "a single value"
