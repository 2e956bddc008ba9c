"""A release of the generator: the tag, the package's version and the changelog agree
(scripts/release_notes.py, which the release workflow runs before it builds anything)."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.helpers import REPO
from timeline import __version__

NOTES = REPO / "scripts" / "release_notes.py"


def release_notes(tag: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(NOTES), tag], capture_output=True, text=True)


def test_the_newest_changelog_section_is_the_packages_version():
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(r"^## (\d+\.\d+\.\d+)", changelog, re.MULTILINE)[1] == __version__


def test_the_notes_of_the_packages_tag_are_its_changelog_section():
    done = release_notes(f"v{__version__}")
    assert done.returncode == 0, done.stderr
    assert "timeline init DIR" in done.stdout and "## " not in done.stdout


def test_a_tag_that_is_not_the_packages_version_is_refused():
    done = release_notes("v99.0.0")
    assert done.returncode == 1
    assert done.stderr == (f"release_notes.py: the tag v99.0.0 is not the package's version "
                           f"{__version__} (scripts/timeline/__init__.py); tag the commit "
                           "that sets it\n")
