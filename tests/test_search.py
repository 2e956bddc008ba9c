"""The search index: records made from the timeline model, the bundles a build writes, the
theme's worker replaced by the timeline's, and `mkdocs serve` rebuilding the index.

The fixture is ``tests/fixtures/search-site``: four events (one with a Chinese source
title and quote), an actor whose aliases repeat in case, and a contributor page.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser

import pytest

from tests.helpers import FIXTURES, BuiltSite, mkdocs_build
from timeline.check import check
from timeline.site.search import (
    CHINESE,
    ENGLISH,
    DocumentPage,
    search_records,
    status_of,
    unique_names,
    write_search_index,
)
from timeline.site.urls import Links

SEARCH_SITE = FIXTURES / "search-site"
STRIKE_TEAM = "events/2026-04-northwind-forms-a-strike-team/"
MEMO = "events/2026-06-02-ravi-brin-memo/"


class _Record(HTMLParser):
    """What the indexer reads from a record: meta, filters, and the indexed text."""

    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.filters: list[tuple[str, str]] = []
        self.body: list[str] = []
        self._open: list[tuple[str, str] | None] = []
        self._in_body = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-pagefind-body" in attrs:
            self._in_body = True
        if "data-pagefind-meta" in attrs:
            self._open.append(("meta", attrs["data-pagefind-meta"]))
        elif "data-pagefind-filter" in attrs:
            self._open.append(("filter", attrs["data-pagefind-filter"]))
        else:
            self._open.append(None)

    def handle_endtag(self, tag):
        if tag == "main":
            self._in_body = False
        if self._open:
            self._open.pop()

    def handle_data(self, data):
        current = self._open[-1] if self._open else None
        if current and current[0] == "meta":
            self.meta[current[1]] = data
        elif current and current[0] == "filter":
            self.filters.append((current[1], data))
        if self._in_body:
            self.body.append(data)


def parsed(html: str) -> _Record:
    record = _Record()
    record.feed(html)
    return record


@pytest.fixture(scope="module")
def timeline():
    result = check(SEARCH_SITE / "events")
    assert result.errors == []
    return result.timeline


@pytest.fixture(scope="module")
def records(timeline):
    return list(search_records(timeline, Links(use_directory_urls=True),
                               [DocumentPage("contributing/", "How to contribute",
                                             "<p>Cite Quinn Vale's reporting.</p>")]))


def record_at(records, url: str, language: str = ENGLISH):
    [record] = [r for r in records if r.url == url and r.language == language]
    return parsed(record.html)


# -- records -------------------------------------------------------------------------------


def test_an_event_record_carries_its_date_at_its_precision_and_its_status(records):
    record = record_at(records, STRIKE_TEAM)
    assert record.meta == {"title": "Northwind Labs forms a coding strike team",
                           "kind": "event", "date": "April 2026", "status": "reported"}


def test_an_event_record_has_the_timelines_facets(records):
    assert sorted(record_at(records, MEMO).filters) == [
        ("actor", "Northwind Labs"), ("actor", "Ravi Brin"), ("kind", "event"),
        ("status", "disputed"), ("tag", "Coding agents"), ("year", "2026")]


def test_an_event_record_indexes_its_actors_aliases_once_each(records):
    body = " ".join(record_at(records, STRIKE_TEAM).body)
    assert body.count("Northwind ·") == 1
    assert "NorthWind" not in body and "northwind ·" not in body


def test_chinese_source_text_goes_into_a_chinese_record_of_the_same_event(records):
    record = record_at(records, STRIKE_TEAM, CHINESE)
    text = " ".join(record.body)
    assert "组建精英团队以缩小与" in text and "的编程差距" in text and "本月组建了这支" in text
    assert record.meta["date"] == "April 2026"


def test_an_event_without_chinese_text_has_no_chinese_record(records):
    assert [r for r in records if r.url == MEMO and r.language == CHINESE] == []


def test_an_actors_hub_is_found_by_its_name_and_its_aliases_without_repeats(records):
    record = record_at(records, "actors/northwind/")
    assert record.meta["kind"] == "actor"
    assert record.meta["names"] == "northwind labs|northwind"


def test_tags_outlets_and_years_have_hub_records(records):
    kinds = {parsed(r.html).meta["kind"]: r.url for r in records
             if parsed(r.html).meta["kind"] in ("tag", "outlet", "year")}
    assert set(kinds) == {"tag", "outlet", "year"}
    assert {r.url for r in records if r.url.startswith("years/")} == {"years/2025/",
                                                                       "years/2026/"}


def test_a_documentation_page_is_its_own_kind(records):
    record = record_at(records, "contributing/")
    assert (record.meta["kind"], record.filters) == ("docs", [("kind", "docs")])


def test_names_that_differ_only_in_case_are_kept_once():
    assert unique_names(["Northwind", "NorthWind", "Northwind Labs"]) == ["Northwind",
                                                                         "Northwind Labs"]


def test_an_events_facet_status_is_its_status_when_not_retracted(timeline):
    assert {status_of(event) for event in timeline.events} == {"reported", "confirmed",
                                                               "disputed"}


# -- the built site ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> BuiltSite:
    project = tmp_path_factory.mktemp("search") / "project"
    shutil.copytree(SEARCH_SITE, project)
    mkdocs_build(project, project / "site")
    return BuiltSite(project, project / "site", "https://example.org/search/")


def test_the_build_writes_an_english_and_a_chinese_bundle(built):
    for bundle, language in (("search/pagefind", "en"), ("search/pagefind-zh", "zh")):
        entry = json.loads((built.root / bundle / "pagefind-entry.json").read_text())
        assert list(entry["languages"]) == [language]
        assert (built.root / bundle / "pagefind.js").stat().st_size > 0


def test_the_bundles_hold_no_interface_the_site_does_not_load(built):
    names = {path.name for path in (built.root / "search").rglob("*")}
    assert not [name for name in names if name.startswith("pagefind-") and
                name.endswith((".css", "-ui.js", "worker.js", "highlight.js"))]


def test_the_themes_index_that_every_page_load_downloads_has_no_pages(built):
    index = json.loads((built.root / "search/search_index.json").read_text())
    assert index["docs"] == []


def test_the_themes_search_worker_is_the_timelines(built):
    [worker] = (built.root / "assets/javascripts/workers").glob("search.*.min.js")
    text = worker.read_text(encoding="utf-8")
    assert "The timeline's search worker" in text
    config = (built.root / "index.html").read_text(encoding="utf-8")
    assert f'"search": "assets/javascripts/workers/{worker.name}"' in config


def test_writing_an_index_reports_records_time_and_memory(timeline, tmp_path):
    stats = write_search_index(search_records(timeline, Links(True)), tmp_path)
    assert stats.records == len(list(search_records(timeline, Links(True))))
    assert stats.seconds > 0 and stats.peak_rss_kb > 0


# -- mkdocs serve --------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(condition, what: str, server: subprocess.Popen, seconds: float = 90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"mkdocs serve exited while waiting for {what}")
        if found := condition():
            return found
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}")


def test_serve_rebuilds_the_search_index_when_an_event_changes(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(SEARCH_SITE, project)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
             "SITE_URL": f"http://127.0.0.1:{port}/"})
    try:
        entry = f"http://127.0.0.1:{port}/search/pagefind/pagefind-entry.json"
        first = _wait_for(lambda: _fetch(entry), "the first index", server)
        event = project / "events/2026/2026-05-12-tessera-refocuses-on-agents.yaml"
        event.write_text(event.read_text().replace("a single coding agent",
                                                   "a single coding agent called Zephyrine"))
        changed = _wait_for(lambda: (text := _fetch(entry)) and text != first and text,
                            "the rebuilt index", server)
        assert re.search(r'"page_count":\s*\d+', changed)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def test_the_record_documents_are_read_as_html_by_a_plain_parser(records):
    # Every record is well-formed enough that its title survives a round trip.
    titles = [parsed(r.html).meta.get("title") for r in records]
    assert all(titles)
