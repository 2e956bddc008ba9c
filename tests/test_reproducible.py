"""Reproducible builds: the same commit gives a byte-identical site, whatever the clock, the
build folder or the order in which the file system lists the events.

Built from the timeline fixture (the repository's own configuration, theme overrides and
docs, with fixture events) and from the small fixture site.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.helpers import SMALL_SITE, mkdocs_build, small_project, timeline_project

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z, as `make build` takes it from the last commit


def build(project: Path, site: Path, epoch: str = EPOCH) -> Path:
    mkdocs_build(project, site, env={"SOURCE_DATE_EPOCH": epoch})
    return site


def differences(first: Path, second: Path) -> list[str]:
    """Every file that is missing from one site or differs between the two, but for the
    search bundles' facet index (its filter files, the metadata naming them and the entry
    naming that), which Pagefind 1.5 writes in hash-map order: the words and records of
    the index are byte-identical."""
    first_files = {p.relative_to(first) for p in first.rglob("*")
                   if p.is_file() and not _unstable_in_pagefind(p.relative_to(first))}
    second_files = {p.relative_to(second) for p in second.rglob("*")
                    if p.is_file() and not _unstable_in_pagefind(p.relative_to(second))}
    found = sorted(str(p) for p in first_files ^ second_files)
    for relative in sorted(first_files & second_files):
        if not filecmp.cmp(first / relative, second / relative, shallow=False):
            found.append(str(relative))
    return found


def _unstable_in_pagefind(relative: Path) -> bool:
    parts = relative.parts
    return (len(parts) >= 3 and parts[0] == "search" and parts[1].startswith("pagefind")
            and (parts[2] in ("filter", "pagefind-entry.json") or parts[2].endswith(".pf_meta")))


def copy_in_reverse_order(source: Path, target: Path) -> None:
    """A copy whose files are created (and so listed by most file systems) in reverse."""
    for path in sorted(source.rglob("*"), reverse=True):
        destination = target / path.relative_to(source)
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
        else:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)


@pytest.fixture(scope="module")
def timeline_project_built_at_epoch(tmp_path_factory) -> tuple[Path, Path]:
    """The timeline fixture project and its site, built with SOURCE_DATE_EPOCH set."""
    project = timeline_project(tmp_path_factory.mktemp("reproducible") / "project")
    return project, build(project, project.parent / "first" / "site")


def test_two_builds_of_the_same_sources_are_byte_identical(timeline_project_built_at_epoch):
    project, first = timeline_project_built_at_epoch
    second = build(project, project.parent / "second" / "elsewhere")
    assert differences(first, second) == []


def test_the_order_files_are_listed_in_does_not_change_the_site(tmp_path):
    project = tmp_path / "reversed"
    copy_in_reverse_order(SMALL_SITE, project)
    in_order = small_project(tmp_path / "in-order")
    assert differences(build(in_order, in_order / "site"),
                       build(project, project / "site")) == []


def test_the_build_date_comes_from_source_date_epoch(timeline_project_built_at_epoch):
    _, site = timeline_project_built_at_epoch
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2026-01-01</lastmod>" in sitemap


def commit_everything(project: Path, when: str) -> None:
    """Make ``project`` a git repository with one commit dated ``when`` (ISO 8601)."""
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "events"]):
        subprocess.run(["git", *command], cwd=project, env=env, check=True)


def plain_build(project: Path, site: Path) -> None:
    """`mkdocs build --strict`, as anyone runs it: no SOURCE_DATE_EPOCH, no make."""
    env = {name: value for name, value in os.environ.items() if name != "SOURCE_DATE_EPOCH"}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                         cwd=project, capture_output=True, text=True,
                         env={**env, "NO_MKDOCS_2_WARNING": "1"})
    assert run.returncode == 0, run.stderr


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_a_plain_build_dates_the_sitemap_by_the_last_commit_not_by_today(tmp_path):
    project = small_project(tmp_path / "project")
    commit_everything(project, "2026-01-02T12:00:00+00:00")

    plain_build(project, tmp_path / "site")

    sitemap = ET.parse(tmp_path / "site" / "sitemap.xml").getroot()
    assert {url.findtext(f"{SITEMAP}lastmod") for url in sitemap} == {"2026-01-02"}


def test_a_plain_build_dates_the_feed_by_the_last_commit(tmp_path):
    project = small_project(tmp_path / "project")
    commit_everything(project, "2026-01-02T12:00:00+00:00")

    plain_build(project, tmp_path / "site")

    feed = ET.parse(tmp_path / "site" / "feed.xml").getroot()
    assert feed.findtext("{http://www.w3.org/2005/Atom}updated") == "2026-01-02T12:00:00+00:00"


def test_source_date_epoch_wins_over_the_last_commit(tmp_path):
    project = small_project(tmp_path / "project")
    commit_everything(project, "2026-01-02T12:00:00+00:00")

    build(project, tmp_path / "site")  # SOURCE_DATE_EPOCH: 2026-01-01

    sitemap = ET.parse(tmp_path / "site" / "sitemap.xml").getroot()
    assert {url.findtext(f"{SITEMAP}lastmod") for url in sitemap} == {"2026-01-01"}
