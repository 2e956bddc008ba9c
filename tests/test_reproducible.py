"""Reproducible builds: the same commit gives a byte-identical site, whatever the clock, the
build folder or the order in which the file system lists the events."""

from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path

from tests.building import REPO, mkdocs_build

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z, as `make build` takes it from the last commit


def build(project: Path, site: Path, epoch: str = EPOCH) -> Path:
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        mkdocs_build(project, site)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return site


def differences(first: Path, second: Path) -> list[str]:
    """Every file that is missing from one site or differs between the two."""
    first_files = {p.relative_to(first) for p in first.rglob("*") if p.is_file()}
    second_files = {p.relative_to(second) for p in second.rglob("*") if p.is_file()}
    found = sorted(str(p) for p in first_files ^ second_files)
    for relative in sorted(first_files & second_files):
        if not filecmp.cmp(first / relative, second / relative, shallow=False):
            found.append(str(relative))
    return found


def copy_in_reverse_order(source: Path, target: Path) -> None:
    """A copy whose files are created (and so listed by most file systems) in reverse."""
    for path in sorted(source.rglob("*"), reverse=True):
        destination = target / path.relative_to(source)
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
        else:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)


def test_two_builds_of_the_same_sources_are_byte_identical(tmp_path):
    first = build(REPO, tmp_path / "first" / "site")
    second = build(REPO, tmp_path / "second" / "elsewhere")
    assert differences(first, second) == []


def test_the_order_files_are_listed_in_does_not_change_the_site(tmp_path):
    project = tmp_path / "reversed"
    copy_in_reverse_order(REPO / "tests/fixtures/site", project)
    in_order = tmp_path / "in-order"
    shutil.copytree(REPO / "tests/fixtures/site", in_order)
    assert differences(build(in_order, in_order / "site"),
                       build(project, project / "site")) == []


def test_the_build_date_comes_from_source_date_epoch(tmp_path):
    site = build(REPO, tmp_path / "site")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2026-01-01</lastmod>" in sitemap

