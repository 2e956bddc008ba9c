"""What the site's outputs need to know about the site around them, and the one date a
build may write."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from timeline.format.layout import DEFAULT_EVENTS_DIR
from timeline.site.repository import Repository


@dataclass(frozen=True)
class License:
    """The terms the event texts and data files are published under, as mkdocs.yml says."""

    spdx_id: str  # e.g. "CC-BY-4.0" (spdx.org/licenses), for programs
    name: str  # for people
    url: str


@dataclass(frozen=True)
class SiteOptions:
    """What rendering needs to know about the site around the pages."""

    events_dir: str = DEFAULT_EVENTS_DIR
    repo_url: str | None = None
    branch: str = "main"
    site_url: str | None = None
    use_directory_urls: bool = True
    home_limit: int = 100  # events on the home page; the rest live on year pages
    site_name: str = "The AI coding race"
    # The one timestamp outputs may carry (SOURCE_DATE_EPOCH); None: the newest event's date.
    build_date: datetime | None = None
    # The content's licence, stated in the data files; None: the data files state none.
    license: License | None = None

    @property
    def repository(self) -> Repository | None:
        """The repository the timeline is kept in, when the site knows it."""
        if not self.repo_url:
            return None
        return Repository(self.repo_url, self.branch, self.events_dir)


def license_from_options(value: object) -> License | None:
    """The plugin's ``license`` option (``id``, ``name``, ``url``) as a License, if set.

    Raises ValueError, saying what is missing, when it is set but incomplete.
    """
    keys = ("id", "name", "url")
    if value is None or (isinstance(value, dict) and all(value.get(k) is None for k in keys)):
        return None
    if not isinstance(value, dict) or not all(isinstance(value.get(k), str) for k in keys):
        raise ValueError("the timeline plugin's `license` option needs `id`, `name` and "
                         "`url`, each as text (see docs/export.md)")
    return License(spdx_id=value["id"], name=value["name"], url=value["url"])


def build_date_from_environment() -> datetime | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org), the only clock outputs may read."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return datetime.fromtimestamp(int(value), tz=UTC)


def last_commit_date(folder: Path) -> datetime | None:
    """When the last commit of the repository holding ``folder`` was made; None without
    git or without history (a tarball, a folder outside any repository)."""
    try:
        run = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=folder,
                             capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    value = run.stdout.strip()
    if run.returncode != 0 or not value.isdigit():
        return None
    return datetime.fromtimestamp(int(value), tz=UTC)


def reproducible_build_date(folder: Path) -> datetime | None:
    """The one date a build may write: SOURCE_DATE_EPOCH if set, else the last commit's,
    so two builds of a commit are identical on any day."""
    return build_date_from_environment() or last_commit_date(folder)
