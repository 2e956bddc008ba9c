"""When each event file was added and last changed, read from the repository's history.

The days come from commits, never from the clock: a checkout, a copy or a build on another
day must not make an event look new. They are read in **one** ``git log`` pass over the
whole events folder (plus one ``git rev-parse``), so ten thousand events cost two processes,
not ten thousand. The pass walks the commits newest to oldest with rename detection, so an
event renamed (a new id, the old one kept in ``aliases:``) keeps the day it was first added,
while a file deleted and added again is dated from its re-adding. Commits listed in the
repository's ``.git-blame-ignore-revs`` (a ``timeline fmt`` run) are not updates.

Without a usable history (no git, not a repository, no commits, a shallow clone whose
oldest commit would claim to have added everything) no dates are given, and
``History.unknown_because`` says why: never a guess, never an exception.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class FileDates:
    """The day (UTC) of the commit that added a file and of the last one that changed it."""

    added: dt.date
    updated: dt.date


@dataclass(frozen=True)
class History:
    """The dates of the files of one events folder, by their path inside it (POSIX)."""

    files: Mapping[str, FileDates] = field(default_factory=dict)
    # Why no dates are known ('' when they are): no git, not a repository, a shallow clone.
    unknown_because: str = ""

    @property
    def known(self) -> bool:
        return not self.unknown_because

    def of(self, path: str) -> FileDates | None:
        return self.files.get(path)


NO_HISTORY = History(unknown_because="no history was read")

IGNORE_REVS_FILE = ".git-blame-ignore-revs"
TIMEOUT_SECONDS = 120
_COMMIT = "commit "  # starts each commit's line in the log; never a status letter

# Settings that would change what the log says, fixed whatever the user's configuration.
_SETTINGS = ("color.ui=never", "log.showSignature=false", "log.showRoot=true",
             "diff.relative=false", "diff.renames=true", "diff.renameLimit=1000",
             "core.quotePath=false")
_LOG = ("log", "-z", "--name-status", "-M", "--relative", "--topo-order", "--no-color",
        "--no-ext-diff", "--no-textconv", f"--format={_COMMIT}%H %ct", "--", ".")


class _NoHistory(Exception):
    """Why the history cannot be read."""


def read_history(events_dir: Path) -> History:
    """The day each file under ``events_dir`` was added and last changed (see the module)."""
    try:
        top = _repository_top(events_dir)
        log = _git(events_dir, *_LOG)
        if log.returncode != 0:
            raise _failed(log, "log")
        return History(files=_dates(os.fsdecode(log.stdout), _ignored_revs(top)))
    except _NoHistory as why:
        return History(unknown_because=str(why))
    except ValueError:  # a commit line not as asked for: a git that is not git
        return History(unknown_because="git log's output could not be read")


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """git run in ``cwd`` in the C locale (its messages are read); not run, _NoHistory."""
    settings = [word for setting in _SETTINGS for word in ("-c", setting)]
    try:
        return subprocess.run(["git", "--no-pager", *settings, *args], cwd=cwd,
                              capture_output=True, check=False,
                              env={**os.environ, "LC_ALL": "C"}, timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        raise _NoHistory(f"git {args[0]} took over {TIMEOUT_SECONDS} s") from None
    except OSError as error:  # git not installed
        raise _NoHistory(f"git could not be run: {error.strerror or error}") from None


def _failed(done: subprocess.CompletedProcess[bytes], what: str) -> _NoHistory:
    said = os.fsdecode(done.stderr).strip().splitlines()
    return _NoHistory(f"git {what} failed: {said[0] if said else done.returncode}")


def _repository_top(events_dir: Path) -> Path:
    """The top of the repository holding ``events_dir``, if its history is whole."""
    if not events_dir.is_dir():
        raise _NoHistory(f"the folder {events_dir} does not exist")
    done = _git(events_dir, "rev-parse", "--is-shallow-repository", "--show-toplevel",
                "--verify", "--quiet", "HEAD")
    said = os.fsdecode(done.stderr).strip()
    if "not a git repository" in said:
        raise _NoHistory("not in a git repository")
    lines = os.fsdecode(done.stdout).splitlines()
    if len(lines) == 2 and done.returncode == 1 and not said:
        raise _NoHistory("the repository has no commits yet")
    if done.returncode != 0 or len(lines) != 3:
        raise _failed(done, "rev-parse")
    if lines[0] == "true":
        raise _NoHistory("a shallow clone: its oldest commit is not where files were added")
    return Path(lines[1])


def _ignored_revs(top: Path) -> tuple[set[str], tuple[str, ...]]:
    """The commits of ``.git-blame-ignore-revs``: full hashes, and abbreviated ones."""
    try:
        text = (top / IGNORE_REVS_FILE).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set(), ()
    revs = [line.split("#", 1)[0].strip().lower() for line in text.splitlines()]
    revs = [rev for rev in revs
            if len(rev) >= 4 and all(char in "0123456789abcdef" for char in rev)]
    return ({rev for rev in revs if len(rev) in (40, 64)},
            tuple(rev for rev in revs if len(rev) not in (40, 64)))


def _dates(log: str, ignored: tuple[set[str], tuple[str, ...]]) -> dict[str, FileDates]:
    """Each file's dates from the NUL-separated log, walked newest commit first.

    ``name_of`` maps a path, as it was called at the commit being read, to the file it
    became (its path now); None when older history at that path is another file's (the
    file now there was added or renamed there later, or the one there was deleted).
    """
    full, abbreviated = ignored
    added: dict[str, dt.date] = {}
    updated: dict[str, dt.date] = {}
    name_of: dict[str, str | None] = {}
    day, counts = dt.date.min, False
    tokens = log.split("\0")
    at = 0

    def path() -> str:  # the next field ('' past the end, if the log was cut short)
        nonlocal at
        at += 1
        return tokens[at - 1] if at <= len(tokens) else ""

    def changed(name: str | None) -> None:
        if name is not None and counts:
            updated[name] = max(updated.get(name, day), day)

    while at < len(tokens):
        status = path().lstrip("\n")
        if status.startswith(_COMMIT):
            commit, seconds = status.removeprefix(_COMMIT).split()
            day = dt.datetime.fromtimestamp(int(seconds), dt.UTC).date()
            counts = commit not in full and not commit.startswith(abbreviated)
        elif status[:1] in ("A", "C"):  # a copy, too, is a new file
            if status[:1] == "C":
                path()
            new = path()
            name = name_of.get(new, new)
            if name is not None:
                added[name] = day
                name_of[new] = None
        elif status[:1] == "R":
            old, new = path(), path()
            name = name_of.get(new, new)
            if status != "R100":
                changed(name)
            name_of[new] = None
            name_of[old] = name
        elif status[:1] == "D":
            name_of[path()] = None
        elif status[:1] in ("M", "T"):
            old = path()
            changed(name_of.get(old, old))
        elif status:  # U, X or a status of a future git: its path, and nothing learnt
            path()
    return {name: FileDates(day, max(updated.get(name, day), day))
            for name, day in sorted(added.items())}
