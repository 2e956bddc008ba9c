"""The events tree: where the registries and the event files live, and how they are named.

    events/                 DEFAULT_EVENTS_DIR, or the plugin's ``events_dir``
      actors.yaml           REGISTRIES
      tags.yaml
      2026/                 a year folder (YEAR_FOLDER)
        2026-04-21-x.yaml   an event file, <id>.yaml with ID_PATTERN's id

Everything that walks the tree or names a file in it (the checker, fmt, new, ids) asks
this module, so the layout is written down once.
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath

from timeline.format.diagnostics import Diagnostic
from timeline.format.vocabulary import ID_PATTERN

__all__ = ["DEFAULT_EVENTS_DIR", "EVENT_SUFFIXES", "ID_PATTERN", "REGISTRIES", "YEAR_FOLDER",
           "display_path", "display_path_inside", "event_file", "event_id",
           "find_event_files", "is_event_file", "links_outside"]

DEFAULT_EVENTS_DIR = "events"
REGISTRIES = ("actors.yaml", "tags.yaml")
# A year folder is named after the year part of the schema's date pattern: four ASCII
# digits ([0-9], not \d, which also matches other scripts' digits).
YEAR_FOLDER = re.compile(r"[0-9]{4}")
# The endings of files read as events; only .yaml is right, .yml is read and reported.
EVENT_SUFFIXES = (".yaml", ".yml")


def event_file(events_dir: Path, identifier: str, year: int) -> Path:
    """Where the event ``identifier``, dated in ``year``, belongs."""
    return events_dir / f"{year:04d}" / f"{identifier}.yaml"


def event_id(relative: str) -> str:
    """An event's id: its file name without the extension."""
    return PurePosixPath(relative).name.rsplit(".", 1)[0]


def is_event_file(relative: str) -> bool:
    """Whether a path inside the events folder (POSIX separators) is read as an event file,
    as ``find_event_files`` finds them: a .yaml or .yml file, nothing on its way hidden,
    not one of the registries."""
    parts = PurePosixPath(relative).parts
    return (bool(parts) and parts[-1].endswith(EVENT_SUFFIXES)
            and not any(part.startswith(".") for part in parts)
            and relative not in REGISTRIES)


def find_event_files(events_dir: Path) -> tuple[list[Path], list[Diagnostic]]:
    """The event files under ``events_dir`` in sorted order, and the EVT026 problems met
    on the way: links to folders (not followed) and files in a year folder whose ending
    is not read."""
    found: list[Path] = []
    problems: list[Diagnostic] = []
    # One walk, sorted, so output never depends on the file system's order.
    for root, dirs, files in os.walk(events_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in dirs:
            if Path(root, name).is_symlink():  # os.walk lists but does not enter it
                problems.append(Diagnostic(display_path(Path(root, name)), 1, 1, "EVT026",
                                           "symbolic link to a folder, which is not "
                                           "followed; commit the folder itself"))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root, name)
            if not name.endswith(EVENT_SUFFIXES):
                # In a year folder, any other file is an event under a wrong name.
                if path.parent.parent == events_dir and YEAR_FOLDER.fullmatch(path.parent.name):
                    problems.append(Diagnostic(
                        display_path(path), 1, 1, "EVT026", f'rename the file to '
                        f'"{name.split(".")[0]}.yaml": event files end in .yaml, '
                        "and files with other endings are not read"))
                continue
            if path.parent == events_dir and name in REGISTRIES:
                continue
            found.append(path)
    return found, problems


def display_path(path: Path) -> str:
    """The path as people and editors want it: relative to the working folder if inside."""
    try:
        return os.path.relpath(path)  # relpath handles ".." cleanly
    except ValueError:  # another drive on Windows
        return str(path)


def display_path_inside(file: Path, relative: str, shown_dir: str) -> str:
    """``display_path(file)`` for a file at ``relative`` inside the events folder, whose
    own display path is ``shown_dir``.

    relpath works on the names alone, so when the folder is the working folder or
    inside it (no ".." in its display path), the file's display path is the folder's
    joined with the file's path inside it: no relpath, with its two getcwd calls, for
    each of ten thousand files.
    """
    shown_parts = shown_dir.split(os.sep)
    if os.path.isabs(shown_dir) or os.pardir in shown_parts:
        return display_path(file)
    if shown_dir == os.curdir:
        return os.path.join(*relative.split("/"))
    return os.path.join(shown_dir, *relative.split("/"))


def links_outside(path: Path, folder: Path) -> bool:
    """True when ``path`` is a symbolic link whose final target is not inside ``folder``."""
    # realpath, unlike Path.resolve() on Python 3.11, does not raise on a loop of links;
    # a loop resolves inside and is then reported as unreadable.
    return path.is_symlink() and not Path(os.path.realpath(path)).is_relative_to(
        os.path.realpath(folder))
