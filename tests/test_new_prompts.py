"""`timeline new` in a terminal: each answer is judged by the validator at its own question.

Each test runs the real command with a pseudo-terminal as its controlling terminal, in a
copy of the small fixture project, waits for each question before typing its answer, and
reads what the contributor would see (the terminal echoes the answers).
"""

from __future__ import annotations

import fcntl
import os
import select
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import REPO, small_project

WAIT_SECONDS = 60  # generous: a bound on waiting for the program, not a speed assertion

TITLE = "Example Lab opens a second office"
TITLE_QUESTION = "Title: "
DATE_QUESTION = ("Date (e.g. 21 April 2026, April 2026 or 2026; no more precise than the "
                 "sources): ")
STATUS_QUESTION = "Status (reported, confirmed, disputed, denied): "
SUMMARY_QUESTION = "Summary, a few sentences in your own words (an empty line ends it):\n"
ACTORS_QUESTION = "Actors (slugs, separated by commas): "
TAGS_QUESTION = "Tags (slugs, separated by commas; Enter for none): "
URL_QUESTION = "Source URL (Enter if the article is not online): "
SOURCE_TITLE_QUESTION = "Source title (as published): "
PUBLISHER_QUESTION = "Publisher (Enter to skip): "
# Every question about an event and a good answer to it, in the order they are asked.
GOOD_ANSWERS = [
    (TITLE_QUESTION, TITLE),
    (DATE_QUESTION, "3 March 2025"),
    (STATUS_QUESTION, "reported"),
    (SUMMARY_QUESTION, "Example Lab opened a second office.\n"),  # the empty line ends it
    (ACTORS_QUESTION, "example-lab"),
    (TAGS_QUESTION, "precision"),
    (URL_QUESTION, "https://example.com/second-office"),
    (SOURCE_TITLE_QUESTION, "Example Lab opens a second office"),
    (PUBLISHER_QUESTION, "Example Times"),
]
NEW_FILE = "events/2025/2025-03-03-example-lab-opens-a-second-office.yaml"
WRITTEN = (
    "# yaml-language-server: $schema=../../schema/event.schema.json\n"
    'title: "Example Lab opens a second office"\ndate: "2025-03-03"\nstatus: reported\n'
    "summary: |\n  Example Lab opened a second office.\nactors:\n  - example-lab\ntags:\n"
    '  - precision\nsources:\n  - title: "Example Lab opens a second office"\n'
    '    url: "https://example.com/second-office"\n    publisher: "Example Times"\n')


class Terminal:
    """`timeline new --events events` running in ``project`` with a pseudo-terminal as its
    input, output and controlling terminal (so Ctrl-C typed there interrupts it)."""

    def __init__(self, project: Path, *flags: str):
        self.controller, terminal = os.openpty()
        environment = {**os.environ, "PYTHONPATH": str(REPO / "scripts")}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "timeline", "new", "--events", "events", *flags],
            cwd=project, stdin=terminal, stdout=terminal, stderr=terminal, env=environment,
            start_new_session=True, preexec_fn=_take_as_controlling_terminal)
        os.close(terminal)
        self.shown = b""
        self.read_up_to = 0

    def expect(self, text: str) -> str:
        """Wait for ``text``; return what was shown since the last expect, up to its end."""
        deadline = time.monotonic() + WAIT_SECONDS
        while text not in self._unread():
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._read(remaining):
                pytest.fail(f"never shown: {text!r}; shown:\n{self._unread()}")
        unread = self._unread()
        seen = unread[:unread.index(text) + len(text)]
        self.read_up_to += len(seen)
        return seen

    def type(self, text: str) -> None:
        """Type ``text`` and Enter."""
        os.write(self.controller, f"{text}\n".encode())

    def answer(self, question: str, text: str) -> str:
        """Wait for ``question``, answer it; return what was shown before the answer."""
        seen = self.expect(question)
        self.type(text)
        return seen

    def press(self, key: bytes) -> None:
        """Press a key that acts at once (Ctrl-C), once the program waits for an answer: a
        signal that comes between a question and the read that waits for its answer only
        takes effect once the next answer is typed (Python checks for it when a read
        ends)."""
        self._wait_until_reading()
        os.write(self.controller, key)

    def finish(self) -> tuple[int, str]:
        """Wait for the program to end; return its exit code and what it showed last."""
        deadline = time.monotonic() + WAIT_SECONDS
        while (remaining := deadline - time.monotonic()) > 0 and self._read(remaining):
            pass
        code = self.process.wait(timeout=WAIT_SECONDS)
        return code, self._unread()

    def close(self) -> None:
        """Stop the program if it still waits for an answer, and close the terminal."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=WAIT_SECONDS)
        os.close(self.controller)

    def _wait_until_reading(self) -> None:
        """Wait until the program sleeps, which after a question means it waits to read."""
        status = Path(f"/proc/{self.process.pid}/status")
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            try:
                state = status.read_text(encoding="utf-8")
            except OSError:  # no /proc here: give the program a moment instead
                time.sleep(1)
                return
            if "\nState:\tS" in state:  # asleep: blocked reading the terminal
                return
            time.sleep(0.01)

    def _unread(self) -> str:
        return self.shown.decode(errors="replace").replace("\r\n", "\n")[self.read_up_to:]

    def _read(self, timeout: float) -> bool:
        """Read what is there within ``timeout``; False when the program has ended."""
        ready, _, _ = select.select([self.controller], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.controller, 4096)
        except OSError:  # the program ended and closed the terminal
            return False
        self.shown += chunk
        return bool(chunk)


def _take_as_controlling_terminal() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def answer_from(terminal: Terminal, question: str) -> None:
    """Give the good answers from ``question`` to the last one."""
    questions = [asked for asked, _ in GOOD_ANSWERS]
    for asked, text in GOOD_ANSWERS[questions.index(question):]:
        terminal.answer(asked, text)


def tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture
def project(tmp_path) -> Path:
    return small_project(tmp_path / "project")


@pytest.fixture
def start(project) -> Iterator[Callable[..., Terminal]]:
    """Start `timeline new` in ``project`` with the flags given; stopped after the test."""
    started: list[Terminal] = []

    def start_with(*flags: str) -> Terminal:
        started.append(Terminal(project, *flags))
        return started[-1]

    yield start_with
    for terminal in started:
        terminal.close()


def test_good_answers_write_the_event_with_nothing_asked_twice(project, start):
    terminal = start()
    answer_from(terminal, TITLE_QUESTION)

    code, shown = terminal.finish()

    assert code == 0, shown
    assert shown.endswith(f"created {NEW_FILE}\n")
    assert (project / NEW_FILE).read_text(encoding="utf-8") == WRITTEN


def test_a_date_in_the_future_is_refused_at_its_question_and_asked_again(project, start):
    future = date.today().year + 5
    terminal = start()
    terminal.answer(TITLE_QUESTION, TITLE)
    terminal.answer(DATE_QUESTION, f"21 April {future}")

    assert terminal.expect(DATE_QUESTION) == (
        f"21 April {future}\n"
        f"  date {future}-04-21 is more than a week in the future; date events when they "
        f"happen [EVT023]\n{DATE_QUESTION}")
    terminal.type("3 March 2025")
    answer_from(terminal, STATUS_QUESTION)
    code, shown = terminal.finish()
    assert code == 0, shown
    assert (project / NEW_FILE).read_text(encoding="utf-8") == WRITTEN


def test_a_url_without_a_scheme_is_refused_at_its_question_and_asked_again(project, start):
    terminal = start()
    answer_from_title_to(terminal, URL_QUESTION)
    terminal.answer(URL_QUESTION, "example.com/second-office")

    assert terminal.expect(URL_QUESTION) == (
        "example.com/second-office\n"
        '  sources[0].url: "example.com/second-office" is not in the expected form; give a '
        f"full http:// or https:// address [EVT040]\n{URL_QUESTION}")
    terminal.type("https://example.com/second-office")
    answer_from(terminal, SOURCE_TITLE_QUESTION)
    code, shown = terminal.finish()
    assert code == 0, shown
    assert (project / NEW_FILE).read_text(encoding="utf-8") == WRITTEN


def test_a_title_over_the_limit_is_refused_at_its_question_and_asked_again(project, start):
    too_long = "Example Lab opens a second office " * 5 + "in a town"
    terminal = start()
    terminal.answer(TITLE_QUESTION, too_long)

    assert terminal.expect(TITLE_QUESTION) == (
        f"{too_long}\n  title is 179 characters long; the limit is 160 [EVT015]\n"
        f"{TITLE_QUESTION}")
    terminal.type(TITLE)
    answer_from(terminal, DATE_QUESTION)
    code, shown = terminal.finish()
    assert code == 0, shown
    assert (project / NEW_FILE).read_text(encoding="utf-8") == WRITTEN


def test_a_status_not_in_the_list_gets_a_suggestion(start):
    terminal = start()
    answer_from_title_to(terminal, STATUS_QUESTION)
    terminal.answer(STATUS_QUESTION, "reportd")

    assert terminal.expect(STATUS_QUESTION) == (
        'reportd\n  status is "reportd" (did you mean "reported"?); use one of: reported, '
        f"confirmed, disputed, denied [EVT013]\n{STATUS_QUESTION}")


def test_organisation_gets_did_you_mean_organization(start):
    terminal = start()
    answer_from_title_to(terminal, ACTORS_QUESTION)
    terminal.answer(ACTORS_QUESTION, "new-lab")
    terminal.answer('"new-lab" is not a registered actor. Register it? [y/N] ', "y")
    terminal.answer("  Name: ", "New Lab")
    kind_question = "  Kind (person, organization, product): "
    terminal.answer(kind_question, "organisation")

    assert terminal.expect(kind_question) == (
        'organisation\n  new-lab.kind is "organisation" (did you mean "organization"?); use '
        f"one of: person, organization, product [EVT013]\n{kind_question}")


def test_a_slug_that_cannot_be_registered_is_refused_before_register_it(start):
    terminal = start()
    answer_from_title_to(terminal, ACTORS_QUESTION)
    terminal.answer(ACTORS_QUESTION, "example-lab, New_Lab")

    assert terminal.expect(TAGS_QUESTION) == (
        "example-lab, New_Lab\n"
        '  "New_Lab" is not a registered actor, and cannot be registered:\n'
        '    "New_Lab" is not a valid slug; a slug is lowercase ASCII words joined by single '
        'hyphens, e.g. "sergey-brin" [EVT014]\n'
        '  left out "New_Lab"\n'
        f"{TAGS_QUESTION}")


def test_an_answer_refused_only_at_the_end_is_the_only_one_asked_again(project, start):
    too_long = "Example Lab opens a second office " * 5 + "in a town"
    terminal = start("--title", too_long, "--date", "3 March 2025",
                     "--summary", "Example Lab opened a second office.",
                     "--actor", "example-lab", "--tag", "precision",
                     "--source", "https://example.com/second-office",
                     "--source-title", "Example Lab opens a second office",
                     "--publisher", "Example Times")
    terminal.answer(STATUS_QUESTION, "reported")

    assert terminal.expect(TITLE_QUESTION) == (
        "reported\n"
        "Nothing is written yet: the validator refuses these answers, so they are asked "
        "again:\n"
        "  title is 179 characters long; the limit is 160 [EVT015]\n"
        f"{TITLE_QUESTION}")
    terminal.type(TITLE)
    code, shown = terminal.finish()
    assert (code, shown) == (0, f"{TITLE}\ncreated {NEW_FILE}\n")
    assert (project / NEW_FILE).read_text(encoding="utf-8") == WRITTEN


def test_ctrl_d_prints_the_answers_so_far_as_a_command_and_writes_nothing(project, start):
    before = tree(project / "events")
    terminal = start()
    terminal.answer(TITLE_QUESTION, "Example Lab's second office")
    terminal.answer(DATE_QUESTION, "3 March 2025")
    terminal.expect(STATUS_QUESTION)
    terminal.press(b"\x04")

    code, shown = terminal.finish()

    assert (code, shown) == (1, (
        "\ntimeline new: your answers so far, as a command that asks only for the rest:\n"
        "  timeline new --events events --title 'Example Lab'\"'\"'s second office' "
        "--date 2025-03-03\n"
        "timeline new: cancelled; nothing was written\n"))
    assert tree(project / "events") == before


def test_ctrl_c_exits_130_and_writes_nothing_not_even_a_registered_actor(project, start):
    before = tree(project / "events")
    terminal = start()
    answer_from_title_to(terminal, ACTORS_QUESTION)
    terminal.answer(ACTORS_QUESTION, "new-lab")
    terminal.answer('"new-lab" is not a registered actor. Register it? [y/N] ', "y")
    terminal.answer("  Name: ", "New Lab")
    terminal.answer("  Kind (person, organization, product): ", "organization")
    terminal.answer("  Description, from the sources (Enter to skip): ", "")
    terminal.expect(TAGS_QUESTION)
    terminal.press(b"\x03")

    code, shown = terminal.finish()

    assert code == 130, shown
    assert shown.endswith("timeline new: cancelled; nothing was written\n")
    assert tree(project / "events") == before


def answer_from_title_to(terminal: Terminal, question: str) -> None:
    """Give the good answers from the title up to, not including, ``question``."""
    for asked, text in GOOD_ANSWERS:
        if asked == question:
            return
        terminal.answer(asked, text)
