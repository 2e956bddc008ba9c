"""Nothing half-written: a command killed while it writes leaves the old file or none.

The child process runs the real `timeline` command with one change: `os.fsync` (called
after the new text is written to a temporary file, before it is renamed over the event)
announces itself and waits to be killed. The test then kills it with SIGKILL, the way a
power cut or an OOM kill would, and looks at what is on disk.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO

CHILD = """
import os, sys, time
def stop_here(fd):
    print("WRITING", flush=True)
    time.sleep(60)
os.fsync = stop_here
from timeline.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_and_kill_while_writing(project: Path, *arguments: str) -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD, *arguments], cwd=project,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "WRITING", child.stderr.read()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL


def event_files(events: Path) -> dict[str, bytes]:
    return {p.relative_to(events).as_posix(): p.read_bytes()
            for p in sorted(events.rglob("*.yaml"))}


def project_copy(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(REPO / "tests/fixtures/site", project)
    return project


def test_fmt_killed_mid_write_leaves_the_event_as_it_was(tmp_path):
    project = project_copy(tmp_path)
    event = project / "events/2026/2026-04-21-day-event.yaml"
    messy = event.read_text(encoding="utf-8").replace("title:", "title:   ", 1)
    event.write_text("summary: \"moved up\"\n" + messy.replace(
        'summary: "Something happened on a day the sources name."\n', ""), encoding="utf-8")
    before = event_files(project / "events")
    run_and_kill_while_writing(project, "fmt", "--events", "events")
    assert event_files(project / "events") == before


def test_new_killed_mid_write_creates_no_event(tmp_path):
    project = project_copy(tmp_path)
    before = event_files(project / "events")
    run_and_kill_while_writing(
        project, "new", "--events", "events", "--title", "A new event", "--date", "2026-05",
        "--status", "reported", "--summary", "Something new.", "--actor", "example-lab",
        "--source", "https://example.com/new", "--source-title", "A new article",
        "--publisher", "Example Times")
    assert event_files(project / "events") == before


def test_the_leftover_temporary_file_is_not_read_as_an_event(tmp_path):
    project = project_copy(tmp_path)
    run_and_kill_while_writing(
        project, "new", "--events", "events", "--title", "A new event", "--date", "2026-05",
        "--status", "reported", "--summary", "Something new.", "--actor", "example-lab",
        "--source", "https://example.com/new", "--source-title", "A new article",
        "--publisher", "Example Times")
    leftovers = [p.name for p in (project / "events").rglob(".*.tmp")]
    assert leftovers, "the kill should have left the temporary file behind"
    check = subprocess.run([sys.executable, "-m", "timeline", "validate", "--events", "events"],
                           cwd=project, capture_output=True, text=True,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert check.returncode == 0, check.stdout
