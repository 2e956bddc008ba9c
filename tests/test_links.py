"""`timeline links`: which source URLs still answer, reported where they are cited.

Every test talks to a small HTTP server it starts on 127.0.0.1; none touches the internet.
Waits are switched off (``--per-host-delay 0 --backoff 0``) unless a test is about them.
"""

from __future__ import annotations

import asyncio
import http.server
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import run_cli
from timeline.tools import links
from timeline.tools.links import HostPacer, links_user_agent

QUICK = ("--per-host-delay", "0", "--backoff", "0", "--timeout", "2")


# -- the local server --------------------------------------------------------------------------


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hits: list[tuple[str, str]] = []  # (method, path), in order
        self.user_agents: set[str] = set()
        self.release = threading.Event()  # lets the hanging route finish at teardown

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def hits_of(self, path: str) -> list[str]:
        return [method for method, hit in self.hits if hit == path]


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def do_HEAD(self):
        self.answer()

    def do_GET(self):
        self.answer()

    def log_message(self, *args):
        pass

    def answer(self) -> None:
        self.server.hits.append((self.command, self.path))
        self.server.user_agents.add(self.headers.get("User-Agent", ""))
        route = getattr(self, "route_" + self.path.strip("/").replace("-", "_"), None)
        status, headers = route() if route else (404, {})
        self.send_response(status)
        for name, value in {"Content-Length": "0", **headers}.items():
            self.send_header(name, value)
        self.end_headers()

    def route_ok(self):
        return 200, {}

    def route_moved(self):
        return 301, {"Location": self.server.url("/ok")}

    def route_found(self):
        return 302, {"Location": self.server.url("/ok")}

    def route_moved_to_missing(self):
        return 301, {"Location": self.server.url("/missing")}

    def route_broken(self):
        return 500, {}

    def route_no_head(self):
        return (405, {"Allow": "GET"}) if self.command == "HEAD" else (200, {})

    def route_hangs(self):
        self.server.release.wait(10)
        return 200, {}

    def route_sluggish(self):
        threading.Event().wait(0.5)
        return 200, {}

    def route_busy_once(self):
        first = len(self.server.hits_of(self.path)) == 1
        return (429, {"Retry-After": "1"}) if first else (200, {})

    def route_busy_for_an_hour(self):
        return 429, {"Retry-After": "3600"}


@pytest.fixture
def server() -> Iterator[_Server]:
    server = _Server()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01},
                              daemon=True)
    thread.start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port_url() -> str:
    """A URL on a port nothing listens on: connecting is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/gone"


# -- a small events tree whose sources point at the server -------------------------------------


def write_tree(root: Path, events: dict[str, list[str | tuple[str, str]]]) -> Path:
    """events/ with one event per slug; each source is a URL or (URL, archived URL)."""
    folder = root / "events"
    (folder / "2025").mkdir(parents=True)
    (folder / "actors.yaml").write_text("lab:\n  name: Lab\n  kind: organization\n",
                                        encoding="utf-8")
    (folder / "tags.yaml").write_text("{}\n", encoding="utf-8")
    for number, (slug, sources) in enumerate(events.items(), start=1):
        lines = [f'title: "Event number {number} about {slug}"', 'date: "2025-01"',
                 "status: reported", 'summary: "Something happened."', "actors:",
                 "  - lab", "sources:"]
        for source in sources:
            url, archived = source if isinstance(source, tuple) else (source, None)
            # Titled by its URL: events citing one URL must give it the same title.
            lines += [f'  - title: "The article at {url}"', f'    url: "{url}"']
            if archived:
                lines.append(f'    archived: "{archived}"')
        (folder / "2025" / f"2025-01-{slug}.yaml").write_text("\n".join(lines) + "\n",
                                                               encoding="utf-8")
    return folder


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return lambda events: write_tree(tmp_path, events)


def links_cli(capsys, *args: str):
    return run_cli(capsys, "links", "--events", "events", *QUICK, *args)


# Line 9, column 10: the `url` of the first source; each further source is 2 lines lower.
FIRST_URL = "events/2025/2025-01-{}.yaml:9:10"


# -- what each kind of answer gives --------------------------------------------------------------


def test_a_link_that_answers_200_is_fine(server, tree, capsys):
    tree({"fine": [server.url("/ok")]})

    result = links_cli(capsys)

    assert (result.code, result.out, result.err) == (
        0, "", "checked 1 link (1 citation): 0 dead, 0 redirected, 0 slow\n")


def test_a_permanent_redirect_is_a_warning_naming_the_new_address(server, tree, capsys):
    tree({"moved": [server.url("/moved")]})

    result = links_cli(capsys)

    assert (result.code, result.out) == (0, (
        f"{FIRST_URL.format('moved')}: warning: {server.url('/moved')} redirects "
        f"permanently to {server.url('/ok')}; cite the new address\n"))
    assert result.err == "checked 1 link (1 citation): 0 dead, 1 redirected, 0 slow\n"


def test_a_temporary_redirect_is_a_warning(server, tree, capsys):
    tree({"found": [server.url("/found")]})

    result = links_cli(capsys)

    assert (result.code, result.out) == (0, (
        f"{FIRST_URL.format('found')}: warning: {server.url('/found')} redirects "
        f"temporarily to {server.url('/ok')}\n"))


def test_a_404_is_dead_and_asks_for_an_archived_copy(server, tree, capsys):
    tree({"missing": [server.url("/missing")]})

    result = links_cli(capsys)

    assert (result.code, result.out) == (1, (
        f"{FIRST_URL.format('missing')}: error: dead link {server.url('/missing')}: "
        "404 Not Found; no archived copy; find one (e.g. on web.archive.org) and add it to "
        "the source as `archived`\n"))
    assert result.err == "checked 1 link (1 citation): 1 dead, 0 redirected, 0 slow\n"


def test_a_dead_link_shows_the_sources_archived_copy(server, tree, capsys):
    archive = "https://web.archive.org/web/2025/https://example.com/a"
    tree({"archived": [(server.url("/missing"), archive)]})

    result = links_cli(capsys)

    assert result.out == (
        f"{FIRST_URL.format('archived')}: error: dead link {server.url('/missing')}: "
        f"404 Not Found; archived copy: {archive}\n")
    assert server.hits_of("/missing") == ["HEAD"]  # the archive itself is not asked


def test_a_redirect_to_a_missing_page_is_dead(server, tree, capsys):
    tree({"moved-away": [server.url("/moved-to-missing")]})

    result = links_cli(capsys)

    assert (result.code, result.out) == (1, (
        f"{FIRST_URL.format('moved-away')}: error: dead link "
        f"{server.url('/moved-to-missing')}: 404 Not Found (after redirects to "
        f"{server.url('/missing')}); no archived copy; find one (e.g. on web.archive.org) "
        "and add it to the source as `archived`\n"))


def test_a_500_is_retried_then_dead(server, tree, capsys):
    tree({"broken": [server.url("/broken")]})

    result = links_cli(capsys, "--retries", "2")

    assert (result.code, result.out) == (1, (
        f"{FIRST_URL.format('broken')}: error: dead link {server.url('/broken')}: "
        "500 Internal Server Error; no archived copy; find one (e.g. on web.archive.org) "
        "and add it to the source as `archived`\n"))
    assert server.hits_of("/broken") == ["HEAD", "HEAD", "HEAD"]


def test_a_server_that_refuses_head_is_asked_with_get(server, tree, capsys):
    tree({"no-head": [server.url("/no-head")]})

    result = links_cli(capsys)

    assert (result.code, result.out) == (0, "")
    assert server.hits_of("/no-head") == ["HEAD", "GET"]


def test_a_server_slower_than_the_timeout_is_dead(server, tree, capsys):
    tree({"hangs": [server.url("/hangs")]})

    result = run_cli(capsys, "links", "--events", "events", "--per-host-delay", "0",
                     "--backoff", "0", "--timeout", "0.3")

    assert (result.code, result.out) == (1, (
        f"{FIRST_URL.format('hangs')}: error: dead link {server.url('/hangs')}: timed out "
        "after 0.3 s; no archived copy; find one (e.g. on web.archive.org) and add it to "
        "the source as `archived`\n"))
    assert server.hits_of("/hangs") == ["HEAD"]  # a timeout is not retried


def test_a_refused_connection_is_retried_then_dead(closed_port_url, tree, capsys):
    tree({"refused": [closed_port_url]})

    result = links_cli(capsys, "--retries", "1")

    assert (result.code, result.out) == (1, (
        f"{FIRST_URL.format('refused')}: error: dead link {closed_port_url}: connection "
        "refused; no archived copy; find one (e.g. on web.archive.org) and add it to the "
        "source as `archived`\n"))


def test_a_429_with_retry_after_is_asked_again_after_the_wait(server, tree, capsys):
    tree({"busy": [server.url("/busy-once")]})

    result = links_cli(capsys, "--retries", "1")

    assert (result.code, result.out) == (0, "")
    assert server.hits_of("/busy-once") == ["HEAD", "HEAD"]


def test_a_429_asking_for_too_long_a_wait_is_not_retried(server, tree, capsys):
    tree({"busy": [server.url("/busy-for-an-hour")]})

    result = links_cli(capsys, "--retries", "2")

    assert (result.code, result.out) == (1, (
        f"{FIRST_URL.format('busy')}: error: dead link {server.url('/busy-for-an-hour')}: "
        "429 Too Many Requests (the server asks to wait 3600 s); no archived copy; find one "
        "(e.g. on web.archive.org) and add it to the source as `archived`\n"))
    assert server.hits_of("/busy-for-an-hour") == ["HEAD"]


def test_an_answer_slower_than_slow_is_a_warning(server, tree, capsys):
    tree({"sluggish": [server.url("/sluggish")]})

    result = links_cli(capsys, "--slow", "0.1")

    assert (result.code, result.out) == (0, (
        f"{FIRST_URL.format('sluggish')}: warning: {server.url('/sluggish')} took more "
        "than 0.1 s to answer\n"))
    assert result.err == "checked 1 link (1 citation): 0 dead, 0 redirected, 1 slow\n"


def test_a_url_no_client_can_fetch_is_dead_not_a_crash(tree, capsys):
    tree({"malformed": ["http://xn--/article"]})  # fails in IDNA, before any network

    result = links_cli(capsys, "--retries", "0")

    assert (result.code, result.out) == (1, (
        f"{FIRST_URL.format('malformed')}: error: dead link http://xn--/article: cannot be "
        "fetched: Malformed A-label, no Punycode eligible content found; no archived copy; "
        "find one (e.g. on web.archive.org) and add it to the source as `archived`\n"))


# -- asking politely -----------------------------------------------------------------------------


def test_a_url_cited_by_several_events_is_asked_once_and_reported_for_each(
        server, tree, capsys):
    tree({"first": [server.url("/missing")], "second": [server.url("/ok"),
                                                         server.url("/missing")]})

    result = links_cli(capsys)

    hint = ("no archived copy; find one (e.g. on web.archive.org) and add it to the source "
            "as `archived`")
    assert result.out == (
        f"{FIRST_URL.format('first')}: error: dead link {server.url('/missing')}: 404 Not "
        f"Found; {hint}\n"
        f"events/2025/2025-01-second.yaml:11:10: error: dead link {server.url('/missing')}: "
        f"404 Not Found; {hint}\n")
    assert result.err == "checked 2 links (3 citations): 1 dead, 0 redirected, 0 slow\n"
    assert server.hits_of("/missing") == ["HEAD"]


def test_requests_name_the_project_in_their_user_agent(server, tree, capsys):
    tree({"fine": [server.url("/ok")]})

    links_cli(capsys)

    assert server.user_agents == {links_user_agent()}
    assert links_user_agent().startswith("sourced-timeline-links/")


def test_requests_to_one_host_are_spaced_by_the_per_host_delay(monkeypatch):
    asked_to_sleep: list[float] = []

    async def record_sleep(seconds: float) -> None:
        asked_to_sleep.append(seconds)

    monkeypatch.setattr(links.time, "monotonic", lambda: 100.0)  # the clock stands still
    monkeypatch.setattr(links.asyncio, "sleep", record_sleep)
    pacer = HostPacer(delay=1.5)

    async def three_to_one_host_and_one_to_another() -> None:
        for host in ("a.example", "a.example", "b.example", "a.example"):
            await pacer.wait_for_turn(host)

    asyncio.run(three_to_one_host_and_one_to_another())

    assert asked_to_sleep == [0.0, 1.5, 0.0, 3.0]


# -- output for machines ------------------------------------------------------------------------


def test_json_lists_every_citation_with_its_result(server, tree, capsys):
    tree({"mixed": [server.url("/ok"), server.url("/moved"), server.url("/missing")]})

    result = links_cli(capsys, "--format", "json")
    report = json.loads(result.out)

    assert result.code == 1
    assert report["summary"] == {"links": 3, "dead": 1, "redirected": 1, "slow": 0}
    assert [{key: c[key] for key in ("event", "path", "line", "column", "url", "dead",
                                     "detail", "status", "redirected_to",
                                     "permanent_redirect", "slow", "archived")}
            for c in report["citations"]] == [
        {"event": "2025-01-mixed", "path": "events/2025/2025-01-mixed.yaml", "line": line,
         "column": 10, "url": server.url(path), "archived": None, **expected}
        for line, path, expected in [
            (9, "/ok", {"dead": False, "detail": "200 OK", "status": 200,
                        "redirected_to": None, "permanent_redirect": None, "slow": False}),
            (11, "/moved", {"dead": False, "detail": "200 OK", "status": 200,
                            "redirected_to": server.url("/ok"), "permanent_redirect": True,
                            "slow": False}),
            (13, "/missing", {"dead": True, "detail": "404 Not Found", "status": 404,
                              "redirected_to": None, "permanent_redirect": None,
                              "slow": False}),
        ]]
    assert all(isinstance(c["seconds"], float) for c in report["citations"])


# -- usage errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("option", "value"), [
    ("--concurrency", "0"), ("--timeout", "-1"), ("--retries", "-1"), ("--retries", "two"),
    ("--per-host-delay", "-0.5"), ("--slow", "0"),
])
def test_an_impossible_setting_is_a_usage_error(option, value, tree, capsys):
    tree({})

    result = run_cli_catching_exit(capsys, "links", "--events", "events", option, value)

    assert result == 2


def run_cli_catching_exit(capsys, *args: str) -> int:
    with pytest.raises(SystemExit) as exit_info:
        run_cli(capsys, *args)
    return exit_info.value.code


def test_a_missing_events_folder_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)

    result = run_cli(capsys, "links", "--events", "events")

    assert (result.code, result.out, result.err) == (
        2, "", "timeline links: the events folder events does not exist\n")


def test_an_invalid_events_folder_is_not_checked(server, tree, capsys):
    folder = tree({"fine": [server.url("/ok")]})
    (folder / "tags.yaml").unlink()

    result = links_cli(capsys)

    assert (result.code, result.out) == (2, "")
    assert result.err.endswith("timeline links: fix these errors first (see `timeline "
                               "validate`)\n")
    assert server.hits == []


def test_events_without_urls_need_no_network(tree, capsys):
    tree({})

    result = links_cli(capsys)

    assert (result.code, result.out, result.err) == (
        0, "", "checked 0 links (0 citations): 0 dead, 0 redirected, 0 slow\n")
