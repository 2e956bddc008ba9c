"""`timeline init DIR`: a new timeline project that works with two commands.

The project is made once per module by the real command (a child process, as a user runs
it) with flags, and built once by the real `mkdocs build --strict`; the tests read it. The
tests that refuse a folder, or answer the questions in a pseudo-terminal, make their own.
"""

from __future__ import annotations

import fcntl
import html
import os
import re
import select
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO, mkdocs_build, read_page
from timeline import __version__
from timeline.cli.config import read_mkdocs_config
from timeline.site.repository import (
    CORRECTION_FORM,
    CORRECTION_FORM_ADDRESS_FIELD,
    CORRECTION_FORM_EVENT_FIELD,
)

NAME = "The Example & Co. Timeline"
DESCRIPTION = "A sourced timeline of *made-up* events, for testing."
REPO_URL = "https://github.com/example-owner/example-timeline"
# This timeline's own words: none may leak into someone else's project or site. (The theme's
# scripts in the built site name Google, for its analytics; the project's files may not.)
THIS_TIMELINE = ("AI coding race", "coding race", "DeepMind", "Gemini", "Anthropic",
                 "OpenAI")
ALSO_NOT_IN_THE_PROJECT = ("Google",)
MODELINE = re.compile(r"# yaml-language-server: \$schema=(\S+)\n")
WAIT_SECONDS = 60  # generous: a bound on waiting for the program, not a speed assertion


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(REPO / "scripts"), *filter(None, os.environ.get("PYTHONPATH", "").split(
            os.pathsep))]), "NO_MKDOCS_2_WARNING": "1"}


def timeline(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """The real `timeline` command, run in ``cwd`` with no terminal for its input."""
    return subprocess.run([sys.executable, "-m", "timeline", *args], cwd=cwd,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          env=environment())


def tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    parent = tmp_path_factory.mktemp("init")
    run = timeline(parent, "init", "new-timeline", "--name", NAME, "--description",
                   DESCRIPTION, "--repo-url", REPO_URL)
    assert run.returncode == 0, run.stderr
    return parent / "new-timeline"


@pytest.fixture(scope="module")
def site(project, tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("init-site") / "site"
    mkdocs_build(project, site_dir)
    return site_dir


# -- the new project works -------------------------------------------------------------------


def test_the_new_project_validates_with_no_errors_and_no_warnings(project):
    run = timeline(project, "validate")

    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout == ""  # no problem to list
    assert run.stderr.strip().endswith(": 0 errors, 0 warnings"), run.stderr


def test_the_new_project_is_in_the_layout_timeline_fmt_writes(project):
    run = timeline(project, "fmt", "--check")

    assert run.returncode == 0, run.stdout + run.stderr


def test_the_new_project_builds_with_mkdocs_build_strict(site):
    assert (site / "index.html").is_file()
    assert (site / "events" / "2026-03-10-example-labs-releases-example-coder"
            / "index.html").is_file()


def words_of_this_timeline(project: Path, site: Path, schemas: bool) -> list[str]:
    """Where this timeline's words are in the project and its site: in the schemas (which
    are the package's, copied) or in everything else."""
    return [f"{root.name}/{path}: {word}"
            for root, words in ((project, THIS_TIMELINE + ALSO_NOT_IN_THE_PROJECT),
                                (site, THIS_TIMELINE))
            for path, content in tree(root).items() for word in words
            if path.startswith("schema/") == schemas
            and word.lower() in content.decode("utf-8", errors="replace").lower()]


def test_none_of_this_timelines_words_are_in_the_new_project_or_its_site(project, site):
    assert words_of_this_timeline(project, site, schemas=False) == []


def test_the_schemas_a_new_project_gets_name_none_of_this_timelines_words(project, site):
    assert words_of_this_timeline(project, site, schemas=True) == []


def test_the_sites_name_and_description_are_on_the_home_page_and_in_the_feed(site):
    home = html.unescape(read_page(site, ""))
    feed = html.unescape((site / "feed.xml").read_text(encoding="utf-8"))

    assert f"<title>{NAME}</title>" in home
    assert f"{DESCRIPTION.removesuffix('.')}: 1 event" in home  # the home page's lede
    assert f"<title>{NAME}</title>" in feed
    assert f"<subtitle>{DESCRIPTION}</subtitle>" in feed


def test_the_hand_written_pages_show_the_name_and_description_as_given(site):
    about = html.unescape(read_page(site, "about/"))

    assert re.search(rf"<h1[^>]*>About {re.escape(NAME)}", about)
    assert f"<p>{DESCRIPTION}</p>" in about  # its * shown, not read as emphasis


def test_the_name_and_description_read_back_from_mkdocs_yml_as_given(project):
    config = read_mkdocs_config(project / "mkdocs.yml")

    assert (config["site_name"], config["site_description"]) == (NAME, DESCRIPTION)


def test_the_generator_is_pinned_to_this_version(project):
    assert (project / "requirements.txt").read_text(encoding="utf-8") == \
        f"sourced-timeline[site]=={__version__}\n"


def test_the_makefile_installs_another_generator_when_told(project):
    run = subprocess.run(["make", "-n", "test", "GENERATOR=../generator.whl"], cwd=project,
                         capture_output=True, text=True)

    assert run.returncode == 0, run.stderr
    assert 'pip install --quiet "../generator.whl"' in run.stdout
    assert "-r requirements.txt" not in run.stdout
    assert ".venv/bin/mkdocs build --strict" in run.stdout


# -- its files -------------------------------------------------------------------------------


def test_every_schema_modeline_points_at_a_schema_of_the_project(project):
    files = sorted((project / "events").rglob("*.yaml"))
    targets = {}
    for file in files:
        modeline = MODELINE.match(file.read_text(encoding="utf-8"))
        assert modeline, file
        targets[file.relative_to(project).as_posix()] = \
            (file.parent / modeline.group(1)).resolve()

    assert len(files) == 3
    assert all(target.is_file() and target.parent == project / "schema"
               for target in targets.values()), targets


def test_the_correction_form_keeps_the_fields_the_report_link_fills_in(project):
    form = yaml.safe_load((project / ".github" / "ISSUE_TEMPLATE" / CORRECTION_FORM)
                          .read_text(encoding="utf-8"))
    ids = {field.get("id") for field in form["body"]}

    assert {CORRECTION_FORM_EVENT_FIELD, CORRECTION_FORM_ADDRESS_FIELD} <= ids


def test_files_that_are_no_templates_are_copied_byte_for_byte(project):
    workflow = (project / ".github" / "workflows" / "ci.yml").read_bytes()
    override = (project / "docs" / "overrides" / "main.html").read_bytes()

    assert workflow == (REPO / "scripts/timeline/starter/dot-github/workflows/ci.yml").read_bytes()
    assert b"REPO_URL: ${{ github.server_url }}/${{ github.repository }}" in workflow
    assert b"{{ config.site_name }}" in override


def test_no_temporary_folder_is_left_beside_the_project(project):
    assert [path.name for path in project.parent.iterdir()] == ["new-timeline"]


# -- refusals --------------------------------------------------------------------------------


def test_a_folder_that_is_not_empty_is_refused_and_left_as_it_was(tmp_path):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("my notes\n", encoding="utf-8")
    before = tree(tmp_path)

    run = timeline(tmp_path, "init", "mine", "--name", NAME)

    assert run.returncode == 2
    assert "mine is not empty (it holds notes.txt)" in run.stderr
    assert "nothing was written" in run.stderr
    assert tree(tmp_path) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["mine"]


def test_a_file_in_place_of_the_folder_is_refused(tmp_path):
    (tmp_path / "mine").write_text("a file\n", encoding="utf-8")

    run = timeline(tmp_path, "init", "mine", "--name", NAME)

    assert run.returncode == 2
    assert "mine exists and is not a folder" in run.stderr
    assert tree(tmp_path) == {"mine": b"a file\n"}


def test_without_a_terminal_the_name_is_required(tmp_path):
    run = timeline(tmp_path, "init", "mine")

    assert run.returncode == 2
    assert "--name is required" in run.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_repository_address_that_is_no_web_address_is_refused(tmp_path):
    run = timeline(tmp_path, "init", "mine", "--name", NAME, "--repo-url", "github.com/x/y")

    assert run.returncode == 2
    assert "is not a web address" in run.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_empty_folder_gets_the_project_and_stays_the_same_folder(tmp_path):
    target = tmp_path / "mine"
    target.mkdir()
    inode = target.stat().st_ino

    run = timeline(target, "init", ".", "--name", NAME)

    assert run.returncode == 0, run.stderr
    assert target.stat().st_ino == inode  # a shell whose current folder it is still sees it
    assert (target / "mkdocs.yml").is_file()
    assert not [path for path in target.iterdir() if path.name.startswith(".timeline-init")]


def test_a_folder_holding_only_git_counts_as_empty(tmp_path):
    target = tmp_path / "clone"
    (target / ".git").mkdir(parents=True)
    (target / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")

    run = timeline(tmp_path, "init", "clone", "--name", NAME)

    assert run.returncode == 0, run.stderr
    assert (target / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"
    assert (target / "events" / "actors.yaml").is_file()


# -- the questions ---------------------------------------------------------------------------


def test_in_a_terminal_it_asks_for_the_name_description_and_address(tmp_path):
    controller, terminal = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "timeline", "init", "asked"], cwd=tmp_path, stdin=terminal,
        stdout=terminal, stderr=terminal, env=environment(), start_new_session=True,
        preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
    os.close(terminal)
    shown = Shown(controller)
    try:
        shown.answer("Site name: ", "   ")  # blank: asked again
        shown.answer("Site name: ", "Asked Timeline")
        shown.answer('Description (Enter for "A sourced timeline."): ', "")
        shown.answer("(Enter to skip): ", "not an address")
        shown.answer("(Enter to skip): ", REPO_URL)
        shown.until_closed()
        code = process.wait(timeout=WAIT_SECONDS)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=WAIT_SECONDS)
        os.close(controller)

    assert code == 0, shown.text
    assert "the site's name is empty" in shown.text
    assert "is not a web address" in shown.text
    config = read_mkdocs_config(tmp_path / "asked" / "mkdocs.yml")
    assert (config["site_name"], config["site_description"]) == \
        ("Asked Timeline", "A sourced timeline.")
    assert f"<{REPO_URL}>" in (tmp_path / "asked" / "README.md").read_text(encoding="utf-8")


class Shown:
    """What the program shows in the pseudo-terminal ``controller``."""

    def __init__(self, controller: int):
        self.controller = controller
        self.text = ""
        self.read_up_to = 0

    def answer(self, question: str, text: str) -> None:
        """Wait for ``question`` (shown after the last one answered), then type ``text``."""
        deadline = time.monotonic() + WAIT_SECONDS
        while question not in self.text[self.read_up_to:]:
            if time.monotonic() > deadline or not self._read(deadline - time.monotonic()):
                pytest.fail(f"never shown: {question!r}; shown:\n{self.text}")
        self.read_up_to = self.text.index(question, self.read_up_to) + len(question)
        os.write(self.controller, f"{text}\n".encode())

    def until_closed(self) -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline and self._read(deadline - time.monotonic()):
            pass

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.controller], [], [], max(timeout, 0))
        if not ready:
            return False
        try:
            chunk = os.read(self.controller, 4096)
        except OSError:  # the program ended and closed the terminal
            return False
        self.text += chunk.decode(errors="replace").replace("\r\n", "\n")
        return bool(chunk)


def test_the_starters_page_head_is_this_sites():
    """A new timeline gets the same page head (feed links, social metadata) as this site:
    the two copies are one file, kept equal."""
    starter = REPO / "scripts/timeline/starter/docs/overrides/main.html"
    assert starter.read_text(encoding="utf-8") == \
        (REPO / "docs/overrides/main.html").read_text(encoding="utf-8")
