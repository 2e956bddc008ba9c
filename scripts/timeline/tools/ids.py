"""``timeline ids``: an event id, once published, never disappears.

An event's id is its file name without ``.yaml`` and also its address on the site
(``events/<id>/``), so deleting or renaming a file would break every link to it. CI runs
this command against a base, the target branch (``--base-ref``) or the published
``api/events.json`` (``--base-json``), and fails for each id of the base that no event
has now, neither as its id nor among its ``aliases``. A retracted event or one marked
``duplicate_of`` keeps its file, so its id is still there.
"""

from __future__ import annotations

import difflib
import json
import os
import stat
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import httpx

from timeline.format.layout import display_path, event_id, find_event_files, is_event_file
from timeline.read.load import load_bytes

FETCH_TIMEOUT_SECONDS = 30
# The most of a --base-json read. The build's own notes put api/events.json at "tens of MB
# at 10,000 events" (about 1 to 3 KB an event), so 256 MiB holds some 100,000 events, ten
# times the scale the build is tuned for, while parsing it still fits in the memory of a
# CI runner (Python's objects take a few times the text). Anything bigger is not an
# events.json, and reading it would only exhaust memory.
MAX_BASE_JSON_BYTES = 256 * 1024 * 1024
BUILD_HINT = "pass the api/events.json of a published build"


class BaseUnreadable(Exception):
    """The base could not be read; the message says why and what to do."""


@dataclass(frozen=True)
class KnownId:
    """An id that leads to an event, and where it comes from."""

    id: str
    path: str  # the event's file, relative to the repository or the events folder
    alias_of: str | None = None  # for a former id: the event that keeps it


@dataclass(frozen=True)
class Vanished:
    """An id of a base that no event has now: what to say, and the file to fix (shown)."""

    message: str
    file: str | None


@dataclass(frozen=True)
class Comparison:
    """A base's ids against the events now."""

    label: str
    base_count: int
    vanished: list[Vanished]
    kept_as_alias: int  # ids of the base that are now an alias of an event


def read_bases(events_dir: Path, base_ref: str | None,
               base_json: str | None) -> list[tuple[str, dict[str, KnownId]]]:
    """The ids of each base given, labelled as given: the git ref first, then the JSON.
    Raises BaseUnreadable when one cannot be read."""
    bases = []
    if base_ref:
        bases.append((base_ref, ids_at_ref(events_dir, base_ref)))
    if base_json:
        bases.append((base_json, ids_in_json(base_json)))
    return bases


def compare(label: str, base: dict[str, KnownId], current: dict[str, KnownId],
            events_dir: Path) -> Comparison:
    """Which ids of ``base`` have disappeared from ``current``, in id order."""
    gone = sorted(set(base) - set(current))
    new_ids = sorted(set(current) - set(base))
    vanished = [Vanished(*vanished_message(base[old_id], label, new_ids, current, events_dir))
                for old_id in gone]
    kept_as_alias = sum(1 for key in base if current.get(key) and current[key].alias_of)
    return Comparison(label, len(base), vanished, kept_as_alias)


def vanished_message(old: KnownId, label: str, new_ids: list[str],
                     current: dict[str, KnownId], events_dir: Path) -> tuple[str, str | None]:
    """What to say about an id that has gone, and the file to fix (shown), if known."""
    if old.alias_of is not None:
        holder = current.get(old.alias_of)
        file = _shown_path(events_dir, holder.path) if holder else None
        return (f'former event id "{old.id}" (an alias of "{old.alias_of}" in {label}) has '
                "disappeared, so its address would break; put it back in the aliases of "
                f'"{old.alias_of}"' + (f" ({file})" if file else ""), file)
    close = difflib.get_close_matches(old.id, new_ids, n=1, cutoff=0.6)
    file = _shown_path(events_dir, current[close[0]].path) if close else None
    return (f'event id "{old.id}" of {label} has disappeared, so its address would break; '
            f"restore the file, or add `aliases: [{old.id}]` to the renamed event"
            + (f" (perhaps {file})" if file else ""), file)


def _shown_path(events_dir: Path, relative: str) -> str:
    return display_path(events_dir / relative)


# -- the events folder now -----------------------------------------------------------------


def ids_in_folder(events_dir: Path) -> dict[str, KnownId]:
    """The ids and former ids (aliases) of the event files in ``events_dir``."""
    found, _ = find_event_files(events_dir)  # what is wrong with the tree is validate's
    return _known_ids((file.relative_to(events_dir).as_posix(), _read(file))
                      for file in found)


def _read(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError:
        return b""  # unreadable: the file still holds its id; validate reports the rest


def _known_ids(files: Iterable[tuple[str, bytes]]) -> dict[str, KnownId]:
    known: dict[str, KnownId] = {}
    aliases: list[KnownId] = []
    for relative, raw in files:
        own_id = event_id(relative)
        known.setdefault(own_id, KnownId(own_id, relative))
        aliases.extend(KnownId(alias, relative, own_id) for alias in _aliases(raw, relative))
    for alias in aliases:
        known.setdefault(alias.id, alias)  # a file's own id wins over another's alias
    return known


def _aliases(raw: bytes, relative: str) -> list[str]:
    """The ``aliases`` of one event file, read with the validator's loader."""
    if b"aliases" not in raw:
        return []  # most files: no need to parse them
    document, _ = load_bytes(raw, relative)
    data = document.data if document is not None else None
    listed = data.get("aliases") if isinstance(data, dict) else None
    return [alias for alias in listed if isinstance(alias, str)] \
        if isinstance(listed, list) else []


# -- a git ref -----------------------------------------------------------------------------


def ids_at_ref(events_dir: Path, ref: str) -> dict[str, KnownId]:
    """The ids and aliases of the event files in ``events_dir`` as it is at ``ref``."""
    top = Path(_git(events_dir, "rev-parse", "--show-toplevel").decode().strip())
    folder = Path(os.path.realpath(events_dir)).relative_to(os.path.realpath(top))
    _git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}",
         failure=f'git does not know the ref "{ref}"; fetch it first, e.g. '
                 "git fetch origin main")
    listing = _git(top, "ls-tree", "-r", "-z", "--full-tree", ref, "--",
                   folder.as_posix() if folder.parts else ".")
    blobs = []
    for line in listing.split(b"\0"):
        if not line:
            continue
        meta, path = line.decode("utf-8", "surrogateescape").split("\t", 1)
        _mode, kind, object_id = meta.split()
        relative = PurePosixPath(path).relative_to(folder.as_posix()).as_posix() \
            if folder.parts else path
        if kind == "blob" and is_event_file(relative):
            blobs.append((relative, object_id))
    contents = _git_objects(top, [object_id for _, object_id in blobs])
    return _known_ids((relative, contents[object_id]) for relative, object_id in blobs)


def _git(cwd: Path, *args: str, failure: str | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise BaseUnreadable("git is not installed; install it or use --base-json") from None
    if done.returncode != 0:
        detail = done.stderr.decode(errors="replace").strip()
        raise BaseUnreadable(failure or f"git {args[0]} failed: {detail}")
    return done.stdout


def _git_objects(cwd: Path, object_ids: list[str]) -> dict[str, bytes]:
    """Many files' contents from one ``git cat-file --batch``, not one process per file."""
    if not object_ids:
        return {}
    done = subprocess.run(["git", "cat-file", "--batch"], cwd=cwd, check=False,
                          input="".join(f"{oid}\n" for oid in object_ids).encode(),
                          capture_output=True)
    if done.returncode != 0:
        raise BaseUnreadable(f"git cat-file failed: {done.stderr.decode(errors='replace')}")
    contents, output, at = {}, done.stdout, 0
    for object_id in object_ids:
        header_end = output.index(b"\n", at)
        size = int(output[at:header_end].split()[2])
        contents[object_id] = output[header_end + 1:header_end + 1 + size]
        at = header_end + 1 + size + 1  # the content is followed by a newline
    return contents


# -- the published api/events.json ---------------------------------------------------------


def ids_in_json(source: str) -> dict[str, KnownId]:
    """The ids (and aliases, if listed) of a published ``api/events.json``."""
    data = _parse_json(_fetch(source), source)
    events = data.get("events") if isinstance(data, dict) else None
    version = data.get("schema_version") if isinstance(data, dict) else None
    # Exactly the integer 1: JSON's true (a bool, which Python counts as an int) and 1.0
    # are other values.
    if type(version) is not int or version != 1 or not isinstance(events, list):
        raise BaseUnreadable(f"{source} is not an api/events.json of schema_version 1 "
                             '(expected {"schema_version": 1, "events": [...]})')
    known: dict[str, KnownId] = {}
    for index, event in enumerate(events):
        if not isinstance(event, dict) or not isinstance(event.get("id"), str):
            raise BaseUnreadable(f"{source}: events[{index}] has no text id")
        path = event.get("path") if isinstance(event.get("path"), str) else event["id"]
        known.setdefault(event["id"], KnownId(event["id"], path))
        aliases = event.get("aliases")
        for alias in aliases if isinstance(aliases, list) else []:
            if isinstance(alias, str):
                known.setdefault(alias, KnownId(alias, path, event["id"]))
    return known


def _too_big(source: str) -> BaseUnreadable:
    return BaseUnreadable(f"{source}: not a readable events.json (over the limit of "
                          f"{MAX_BASE_JSON_BYTES:,} bytes); {BUILD_HINT}")


def _fetch(source: str) -> bytes:
    if source.startswith(("http://", "https://")):
        return _download(source)
    return _read_regular_file(source)


def _download(source: str) -> bytes:
    """The body of a 200 answer, read no further than the limit."""
    try:
        with httpx.stream("GET", source, timeout=FETCH_TIMEOUT_SECONDS,
                          follow_redirects=True) as response:
            if response.status_code != 200:
                raise BaseUnreadable(f"cannot fetch {source}: the server answered "
                                     f"{response.status_code} {response.reason_phrase}")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_BASE_JSON_BYTES:
                    raise _too_big(source)
                chunks.append(chunk)
    except httpx.HTTPError as error:
        raise BaseUnreadable(f"cannot fetch {source}: {error or type(error).__name__}"
                             ) from None
    return b"".join(chunks)


def _read_regular_file(source: str) -> bytes:
    """A plain file's bytes, up to the limit. A pipe or a device (/dev/zero, a FIFO) is
    refused before a byte is read: it could block, or never end."""
    try:
        # O_NONBLOCK: opening a FIFO with no writer would otherwise wait for one.
        handle = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                         | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise BaseUnreadable(f"cannot read {source}: {error.strerror or error}") from None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise BaseUnreadable(f"{source}: not a readable events.json (not a regular "
                                 f"file, but a pipe, device or folder); {BUILD_HINT}")
        with os.fdopen(handle, "rb", closefd=False) as stream:
            raw = stream.read(MAX_BASE_JSON_BYTES + 1)
    except OSError as error:
        raise BaseUnreadable(f"cannot read {source}: {error.strerror or error}") from None
    finally:
        os.close(handle)
    if len(raw) > MAX_BASE_JSON_BYTES:
        raise _too_big(source)
    return raw


def _parse_json(raw: bytes, source: str) -> object:
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        problem = f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
    except UnicodeDecodeError:
        problem = "not UTF-8 text"
    except RecursionError:
        problem = "nested too deeply to read"
    except ValueError as error:  # e.g. a number of more digits than Python converts
        problem = ("a number with too many digits" if "digits" in str(error)
                   else f"not valid JSON: {error}")
    raise BaseUnreadable(f"{source}: not a readable events.json ({problem}); {BUILD_HINT}")
