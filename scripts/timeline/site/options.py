"""What the site's outputs need to know about the site around them, and the one date a
build may write."""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from timeline.format.layout import DEFAULT_EVENTS_DIR
from timeline.model.records import slugify
from timeline.site.repository import Repository

DEFAULT_LEDE = "A sourced timeline"
DEFAULT_FEED_SUBTITLE = "Sourced events, newest changes first."
# The date of a tag: URI (RFC 4151) whose namespace gives none: fixed, so the ids never
# change between builds or with the calendar.
DEFAULT_ID_DATE = "2026"


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
    site_name: str = "Timeline"  # mkdocs.yml's site_name
    # The home page's opening words, before ": N events, each with its sources. ..."
    lede: str = DEFAULT_LEDE
    # The site feed's and calendar's title, and the start of each actor's and tag's
    # ("<feed_title>: <name>"); None: the site's name.
    feed_title: str | None = None
    feed_subtitle: str = DEFAULT_FEED_SUBTITLE  # the site feed's subtitle
    # Names the site in its calendars' PRODID and, when it has no absolute address, in
    # its tag: URIs and event UIDs: "name" or "name,date"; None: a slug of the site's name.
    id_namespace: str | None = None
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

    @property
    def feed_name(self) -> str:
        """The site feed's title, which also starts every actor's and tag's feed title."""
        return self.feed_title or self.site_name

    @property
    def tagging_entity(self) -> str:
        """The authority and date of the site's tag: URIs (RFC 4151), e.g.
        ``example-timeline,2026``: the id namespace as given when it carries a date,
        else with DEFAULT_ID_DATE appended; by default a slug of the site's name."""
        namespace = self.id_namespace or slugify(self.site_name)
        return namespace if "," in namespace else f"{namespace},{DEFAULT_ID_DATE}"

    @property
    def id_authority(self) -> str:
        """The id namespace without its date: the calendar's PRODID names it, and event
        UIDs end in it when the site has no absolute address."""
        return self.tagging_entity.split(",", 1)[0]


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


# A DNS-like name (letters, digits, dots and hyphens), then optionally a comma and a date
# (YYYY, YYYY-MM or YYYY-MM-DD): RFC 4151's taggingEntity, without e-mail addresses.
_ID_NAMESPACE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?"
                           r"(?:,[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)?")


def id_namespace_from_options(value: str | None) -> str | None:
    """The plugin's ``id_namespace`` option, checked: None when it is not set.

    Raises ValueError, saying what is wrong, when it is not a name with an optional date.
    """
    if value is None:
        return None
    if not _ID_NAMESPACE.fullmatch(value):
        raise ValueError("the timeline plugin's `id_namespace` option must be a name of "
                         "letters, digits, dots and hyphens (e.g. `example.org` or "
                         "`my-timeline`), optionally with a date after a comma "
                         f"(`example.org,2027`), not {value!r}")
    return value


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
