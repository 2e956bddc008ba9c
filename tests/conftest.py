"""Settings and built sites shared by every test module.

Hypothesis tries the same examples on every run and keeps no example database.

The fixture sites are each built once per session, by the real `mkdocs build --strict`,
and only read by the tests that use them; a test that changes a project or a site builds
its own copy (``helpers.small_project``, ``helpers.timeline_project``).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests.helpers import BuiltSite, mkdocs_build, small_project, timeline_project

settings.register_profile("timeline", derandomize=True, database=None)
settings.load_profile("timeline")


@pytest.fixture(autouse=True)
def no_job_summary_of_ci(monkeypatch):
    """CI sets GITHUB_STEP_SUMMARY while the suite runs: `timeline validate --format
    github` in a test must not append a fixture's problems to the real job summary."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site as GitHub Pages does: a missing address gets the site's own
    404.html, with status 404."""

    def log_message(self, format, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def small_site(tmp_path_factory) -> BuiltSite:
    """``tests/fixtures/site`` built as it is, for its own address."""
    project = small_project(tmp_path_factory.mktemp("small-site") / "project")
    mkdocs_build(project, project / "site")
    return BuiltSite(project, project / "site", "https://example.org/timeline/")


@contextlib.contextmanager
def served_site(project: Path) -> Iterator[BuiltSite]:
    """``project`` built for a local address and served there until the block ends."""
    root = project / "site"
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        # Built for the address it is served at, as material's instant navigation needs.
        mkdocs_build(project, root, env={"SITE_URL": url})
        threading.Thread(target=server.serve_forever, daemon=True).start()
        yield BuiltSite(project, root, url)
        server.shutdown()
    finally:
        server.server_close()


@pytest.fixture(scope="session")
def timeline_site(tmp_path_factory) -> Iterator[BuiltSite]:
    """The timeline fixture's events with the repository's own configuration and docs,
    built for a local address and served there for the whole session."""
    project = timeline_project(tmp_path_factory.mktemp("timeline-site") / "project")
    with served_site(project) as site:
        yield site
