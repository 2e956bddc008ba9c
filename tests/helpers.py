"""What the tests share: where things are, fixture projects, real `mkdocs build`, the
validator's fixture trees, the command line run in-process, and Hypothesis settings.

Test modules import from here (or get a built site from ``tests/conftest.py``), never
from each other.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from timeline.cli import main
from timeline.read.load import MAX_FILE_BYTES

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"

# -- fixture projects --------------------------------------------------------------------

# Five events with hostile text, every date precision, a span, a retraction, a duplicate
# and a renamed event; its own small mkdocs.yml and docs/.
SMALL_SITE = FIXTURES / "site"
# Twelve events with enough actors, tags, statuses, months and years for the filters;
# built with the repository's own mkdocs.yml and docs/ (see its README.md).
TIMELINE_SITE = FIXTURES / "site-timeline"
TIMELINE_EVENTS = TIMELINE_SITE / "events"


def small_project(target: Path) -> Path:
    """A copy of the small fixture project at ``target``, ready to build or change."""
    shutil.copytree(SMALL_SITE, target)
    return target


def timeline_project(target: Path) -> Path:
    """The repository's mkdocs.yml, docs/ and the files its pages include, with the
    timeline fixture's events instead of the real ones, at ``target``."""
    target.mkdir(parents=True)
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "docs", target / "docs")
    for page in REPO.glob("*.md"):  # pymdownx.snippets includes them (CONTRIBUTING.md)
        shutil.copy2(page, target / page.name)
    shutil.copytree(TIMELINE_EVENTS, target / "events")
    return target


def event_files(events: Path) -> list[Path]:
    """Every event file of an events folder (the registries left out)."""
    return sorted(events.glob("*/*.yaml"))


# -- building ----------------------------------------------------------------------------


def mkdocs_build(project: Path, site_dir: Path, *extra: str,
                 env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess:
    """Build ``project`` with the real `mkdocs build --strict`; fail loudly with its output.

    ``env`` adds to (or overrides) the environment of the build, e.g. ``SITE_URL`` or
    ``SOURCE_DATE_EPOCH``.
    """
    run = mkdocs(project, "build", "--strict", "-d", str(site_dir), *extra, env=env)
    assert run.returncode == 0, run.stderr
    return run


def mkdocs(project: Path, *arguments: str,
           env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real `mkdocs` in ``project`` and return what happened, success or not."""
    return subprocess.run([sys.executable, "-m", "mkdocs", *arguments], cwd=project,
                          capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


@dataclass(frozen=True)
class BuiltSite:
    """A site built from a fixture project: the project, the site folder, its address."""

    project: Path
    root: Path
    url: str


def read_page(site: Path, url: str) -> str:
    """The HTML of the page at ``url`` (a directory URL, "" for the home page)."""
    return (site / url / "index.html").read_text(encoding="utf-8")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.hrefs.append(value)


def broken_internal_links(site: Path) -> list[str]:
    """Every relative link or source of every page that leads to no file of the site."""
    broken = []
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":
            continue  # material's 404 page links from the site root on purpose
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = (page.parent / parts.path).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {href}")
    return broken


# -- the validator's fixture trees -------------------------------------------------------
#
# Each folder under ``tests/fixtures/validate/cases/`` is one broken events tree: its files
# are laid over a copy of ``tests/fixtures/validate/base/`` (same relative paths) and its
# ``expected.txt`` is the exact stdout of ``timeline validate --events events`` run from the
# folder that holds ``events/``. ``delete.txt`` lists paths (relative to ``events/``) to
# remove from the copy of base, and a generator in ``GENERATED`` writes files too large to
# commit.

VALIDATE_FIXTURES = FIXTURES / "validate"
BASE = VALIDATE_FIXTURES / "base"
CASES = VALIDATE_FIXTURES / "cases"
CONTROL_FILES = {"expected.txt", "delete.txt"}


def case_names() -> list[str]:
    return sorted(path.name for path in CASES.iterdir() if path.is_dir())


GOLDEN_CASES = case_names()
ALL_CASES_EXPECTING_NO_CRASH = case_names()


def _write_file_over_the_size_limit(events: Path) -> None:
    head, tail = 'title: "A huge file"\nsummary: "', '"\n'
    filler = "x" * (MAX_FILE_BYTES + 1 - len(head) - len(tail))
    (events / "2026" / "2026-04-huge-file.yaml").write_text(head + filler + tail,
                                                             encoding="utf-8")


GENERATED: dict[str, Callable[[Path], None]] = {
    "file-too-large": _write_file_over_the_size_limit,
}


def build_events(root: Path, case: str | None = None) -> Path:
    """Copy base to ``root/events``, lay ``case`` over it, return the events folder."""
    events = root / "events"
    shutil.copytree(BASE, events)
    if case is None:
        return events
    case_dir = CASES / case
    for source in sorted(case_dir.rglob("*")):
        relative = source.relative_to(case_dir)
        if source.is_dir() or relative.as_posix() in CONTROL_FILES:
            continue
        target = events / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    deletions = case_dir / "delete.txt"
    if deletions.is_file():
        for name in deletions.read_text(encoding="utf-8").split():
            (events / name).unlink()
    if case in GENERATED:
        GENERATED[case](events)
    return events


def expected_output(case: str) -> str:
    return (CASES / case / "expected.txt").read_text(encoding="utf-8")


# -- messages that quote a dependency --------------------------------------------------------

SYNTAX_HINT = 'check the indentation, and quote text that contains ": " or starts with a ' \
              "special character [EVT001]"
TAB_HINT = "indent with spaces, not tabs [EVT001]"
ESCAPE_HINT = ('in double quotes a backslash starts an escape such as \\n or \\"; write \\\\ '
               "for a backslash itself, or put the text in single quotes [EVT001]")
# What libyaml says of a syntax error is its own and may change with any release: tests pin
# our code, position and hint around it (tests/test_libyaml.py pins one wording).
LIBYAML_WORDS = "<libyaml's words>"
_SYNTAX_ERROR = re.compile(rf"(YAML syntax error: ).+?(; (?:{re.escape(SYNTAX_HINT)}|"
                           rf"{re.escape(TAB_HINT)}|{re.escape(ESCAPE_HINT)}))")


def with_libyaml_words_masked(text: str) -> str:
    """``text`` with the parser's own description of each syntax error as LIBYAML_WORDS."""
    return _SYNTAX_ERROR.sub(rf"\g<1>{LIBYAML_WORDS}\g<2>", text)


def write_event(events: Path, relative: str, text: str) -> Path:
    path = events / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def event_text(date: str, title: str = '"A valid event"') -> str:
    """A valid event of the base tree dated ``date`` (written as it should appear)."""
    return (f"title: {title}\ndate: {date}\nstatus: reported\n"
            'summary: "Something happened."\nactors:\n  - gemini\nsources:\n'
            '  - title: "An article"\n    url: "https://example.com/an-article"\n')


# -- the command line --------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    """Run the ``timeline`` command in-process and capture what it printed."""
    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


# -- Hypothesis --------------------------------------------------------------------------

# A deadline far above the slowest example on a busy machine: it fails only on a real hang
# or a blow-up, never on a slow CI runner (Hypothesis re-runs an example before failing it).
PROPERTY = settings(max_examples=150, deadline=timedelta(seconds=5),
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])

# Field names of events, sources and registries, and values that are close to valid.
FIELDS = ["title", "date", "end", "approximate", "status", "summary", "actors", "tags",
          "sources", "related", "url", "publisher", "published", "language", "archived",
          "event", "relation", "name", "kind", "aliases", "description"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(),
    st.text(max_size=30),
    st.sampled_from(["2026", "2026-04", "2026-04-21", "2026-02-30", "reported", "gemini",
                     "https://example.com/a", "http://[::1/a", "https://x.org:99999/",
                     "2026-05-other-event", "see-also", "person"]),
)
# Any YAML-representable document: scalars, lists and mappings keyed by field names.
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=10)), children,
                        max_size=5)),
    max_leaves=20)
