"""Which files of the events folder a branch changes, and which diagnostics that change
is answerable for, for ``timeline validate --changed-since``.

"Changed" is measured from the merge base of the given ref and ``HEAD`` to the working
tree, so it holds the branch's commits, what is not committed yet and new files git does
not track: everything a pull request (or the next commit) would bring.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from timeline.format.diagnostics import Diagnostic
from timeline.format.layout import display_path


class ChangesUnreadable(Exception):
    """The changed files could not be found; the message says why and what to do."""


def changed_files(events_dir: Path, ref: str) -> set[Path]:
    """The files under ``events_dir`` changed since the merge base of ``ref`` and HEAD,
    committed or not, tracked or not, each as ``events_dir / <its path inside>`` (so it
    is shown as the validator shows it). Deleted files are listed too.

    Raises ChangesUnreadable when git is missing, the folder is not in a repository, or
    the ref is unknown."""
    where = events_dir if events_dir.is_dir() else Path.cwd()
    top = Path(_git(where, "rev-parse", "--show-toplevel",
                    failure=f"{events_dir} is not in a git repository; run without "
                            "--changed-since").strip())
    folder = _inside(events_dir, top)
    unknown = f'git does not know the ref "{ref}"; fetch it first, e.g. git fetch origin main'
    if ref.startswith("-"):
        raise ChangesUnreadable(unknown)  # git would read it as an option
    _git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", failure=unknown)
    base = _git(top, "merge-base", ref, "HEAD",
                failure=f'"{ref}" and HEAD share no commit; fetch the full history '
                        "(git fetch --unshallow) or name another ref").strip()
    scope = folder.as_posix() if folder.parts else "."
    listed = _git(top, "diff", "--name-only", "--no-renames", "-z", base, "--", scope)
    listed += "\0" + _git(top, "ls-files", "--others", "--exclude-standard", "-z", "--",
                          scope)
    return {events_dir / PurePosixPath(name).relative_to(folder.as_posix())
            for name in listed.split("\0") if name}


def _inside(events_dir: Path, top: Path) -> PurePosixPath:
    """Where ``events_dir`` is inside the repository at ``top`` ("." for the top)."""
    # Both resolved: git names the top by its real path, the events folder may be a link.
    real = Path(os.path.realpath(events_dir))
    try:
        return PurePosixPath(real.relative_to(os.path.realpath(top)).as_posix())
    except ValueError:
        raise ChangesUnreadable(f"{events_dir} is not inside the git repository {top}"
                                ) from None


def _git(cwd: Path, *args: str, failure: str | None = None) -> str:
    """git's output, decoded as file names are (undecodable bytes kept). ``failure`` is
    what to say if git fails (by default, the first line git wrote)."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise ChangesUnreadable("git is not installed; install it, or run without "
                                "--changed-since") from None
    if done.returncode != 0:
        said = os.fsdecode(done.stderr).strip().splitlines()
        raise ChangesUnreadable(failure or f"git {args[0]} failed: "
                                           f"{said[0] if said else done.returncode}")
    return os.fsdecode(done.stdout)


def caused_by_change(diagnostics: Iterable[Diagnostic], changed: Iterable[Path]
                     ) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """``diagnostics`` split into those the change is answerable for and the rest (the
    warnings that stood before it), each in the order given.

    Kept: every problem of a changed file; every error, wherever it is (the base is
    validated, so an error in an unchanged file, such as a ``related`` link to a renamed
    event, comes from the change); and every warning that names a changed file (a likely
    duplicate is reported on the later of the two events, which may be the unchanged one).
    A warning the change causes in an unchanged file without naming it is not kept: that
    would take a second check of the base's tree.
    """
    touched = {display_path(path) for path in changed}
    kept: list[Diagnostic] = []
    standing: list[Diagnostic] = []
    for diagnostic in diagnostics:
        if diagnostic.is_error or diagnostic.path in touched or \
                any(path in diagnostic.message for path in touched):
            kept.append(diagnostic)
        else:
            standing.append(diagnostic)
    return kept, standing
