"""`mkdocs serve` live-reloads when an event or a registry changes (plain `serve`, no flags)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.helpers import small_project

DEADLINE_SECONDS = 90  # generous: a bound on waiting, not a speed assertion


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(condition, what: str, server: subprocess.Popen):
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        if server.poll() is not None:
            pytest.fail(f"mkdocs serve exited while waiting for {what}:\n"
                        f"{server.stdout.read()}")
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def served_project(tmp_path):
    project = small_project(tmp_path / "project")
    # serve at the site root: the fixture's site_url has a /timeline/ path
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_url: https://example.org/timeline/", "site_url: http://127.0.0.1/"),
        encoding="utf-8")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        yield project, f"http://127.0.0.1:{port}", server
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def test_serve_injects_live_reload_and_rebuilds_when_an_event_changes(served_project):
    project, base, server = served_project
    page_url = f"{base}/events/2026-04-21-day-event/"
    page = wait_for(lambda: fetch(page_url), "the first build", server)
    assert "livereload" in page, "live reload is off: check the pinned Click version"

    event = project / "events/2026/2026-04-21-day-event.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace(
        "An event on a known day", "A renamed event"), encoding="utf-8")
    wait_for(lambda: "A renamed event" in (fetch(page_url) or ""), "the rebuild", server)


def test_serve_rebuilds_when_a_registry_changes(served_project):
    project, base, server = served_project
    actor_url = f"{base}/actors/ada-example/"
    wait_for(lambda: fetch(actor_url), "the first build", server)
    registry = project / "events/actors.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        '"Ada Example"', '"Ada Renamed"'), encoding="utf-8")
    wait_for(lambda: "Ada Renamed" in (fetch(actor_url) or ""), "the rebuild", server)


def test_serve_survives_an_invalid_event_and_recovers_when_it_is_fixed(served_project):
    project, base, server = served_project
    page_url = f"{base}/events/2026-04-21-day-event/"
    wait_for(lambda: fetch(page_url), "the first build", server)
    event = project / "events/2026/2026-04-21-day-event.yaml"
    good = event.read_text(encoding="utf-8")
    event.write_text(good.replace('title: "An event on a known day"', "title: no"),
                     encoding="utf-8")
    time.sleep(3)  # let the failing rebuild happen; the server must stay up
    assert server.poll() is None
    event.write_text(good.replace("An event on a known day", "Fixed again"), encoding="utf-8")
    wait_for(lambda: "Fixed again" in (fetch(page_url) or ""), "the recovery", server)


def fetch_at_once(url: str) -> str | None:
    """The page, if the server answers within a few seconds: a server stuck on a failed
    build would not."""
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def break_the_title(event) -> str:
    good = event.read_text(encoding="utf-8")
    event.write_text(good.replace('title: "An event on a known day"', "title: no"),
                     encoding="utf-8")
    return good


def test_serve_shows_the_errors_of_an_invalid_edit_on_every_page(served_project):
    project, base, server = served_project
    page_url = f"{base}/events/2026-04-21-day-event/"
    wait_for(lambda: fetch(page_url), "the first build", server)

    break_the_title(project / "events/2026/2026-04-21-day-event.yaml")

    page = wait_for(lambda: (html := fetch_at_once(f"{base}/about/")) and "tl-build-errors"
                    in html and html, "the error banner", server)
    assert ("events/2026/2026-04-21-day-event.yaml:1:8: error: title must be text, but YAML "
            "reads no as true/false; put it in double quotes: title: &#34;no&#34; [EVT012]"
            ) in page
    assert "the last version that was valid" in page


def test_serve_keeps_serving_the_last_valid_site_while_the_events_are_invalid(
        served_project):
    project, base, server = served_project
    page_url = f"{base}/events/2026-04-21-day-event/"
    wait_for(lambda: fetch(page_url), "the first build", server)

    break_the_title(project / "events/2026/2026-04-21-day-event.yaml")

    page = wait_for(lambda: (html := fetch_at_once(page_url)) and "tl-build-errors" in html
                    and html, "the error banner", server)
    assert "An event on a known day" in page


def test_serve_drops_the_errors_when_the_file_is_fixed(served_project):
    project, base, server = served_project
    page_url = f"{base}/events/2026-04-21-day-event/"
    wait_for(lambda: fetch(page_url), "the first build", server)
    event = project / "events/2026/2026-04-21-day-event.yaml"
    good = break_the_title(event)
    wait_for(lambda: "tl-build-errors" in (fetch_at_once(page_url) or ""), "the banner",
             server)

    event.write_text(good.replace("An event on a known day", "Fixed again"), encoding="utf-8")

    page = wait_for(lambda: (html := fetch_at_once(page_url)) and "Fixed again" in html
                    and html, "the recovery", server)
    assert "tl-build-errors" not in page
