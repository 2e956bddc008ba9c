"""The built site in a real browser: Debian's chromium driven by Playwright.

Playwright never downloads a browser here; it launches the system's chromium. Without one,
these tests skip with instructions, except in CI (TIMELINE_REQUIRE_BROWSER=1, set by
.ci/run), where a missing browser fails the run.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.building import REPO, mkdocs_build

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
SCREENSHOTS = REPO / "test-output" / "screenshots"
SHAZEER = "events/2026-06-noam-shazeer-leaves-google-for-openai/"


def chromium_executable() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if found:
        return found
    message = ("Chromium not found: install Debian's chromium (sudo apt-get install chromium) "
               "or set CHROMIUM=/path/to/chromium to run the browser tests")
    if os.environ.get("TIMELINE_REQUIRE_BROWSER"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory) -> Iterator[str]:
    """The real site, built for and served at a local address."""
    chromium_executable()
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    site = tmp_path_factory.mktemp("browser") / "site"
    os.environ["SITE_URL"] = url
    try:
        mkdocs_build(REPO, site)
    finally:
        del os.environ["SITE_URL"]
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(base_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable(),
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], "JavaScript errors on the page"


def open_filters(page) -> None:
    if not page.locator(".tl-filters").evaluate("details => details.open"):
        page.click(".tl-filters > summary")


def shown_titles(page) -> list[str]:
    return page.locator(".tl-timeline .tl-entry:visible .tl-entry__title").all_inner_texts()


# -- search -------------------------------------------------------------------------------


def test_searching_an_actors_name_finds_the_event_and_opens_it(page, base_url):
    page.goto(base_url)
    page.keyboard.press("/")
    page.keyboard.type("Shazeer")
    result = page.locator(".md-search-result__item", has_text="Noam Shazeer").first
    result.wait_for()
    result.locator("a").first.click()
    page.wait_for_url(f"{base_url}{SHAZEER}*")
    page.locator(".md-content h1", has_text="Noam Shazeer").wait_for()


# -- filters ------------------------------------------------------------------------------


def test_a_tag_facet_hides_non_matching_events_and_updates_the_url(page, base_url):
    page.goto(base_url)
    assert len(shown_titles(page)) == 9
    open_filters(page)
    page.get_by_label("Midtraining").check()
    page.wait_for_url("**/?tag=midtraining")
    expect(page.locator(".tl-filters__status")).to_have_text("1 of 9 events match.")
    assert shown_titles(page) == [
        "Google reorganises its AI coding strike team around midtraining"]


def test_reloading_a_filtered_url_keeps_the_filter(page, base_url):
    page.goto(base_url)
    open_filters(page)
    page.get_by_label("Midtraining").check()
    page.wait_for_url("**/?tag=midtraining")
    page.reload()
    page.locator(".tl-results .tl-entry").first.wait_for()
    assert page.get_by_label("Midtraining").is_checked()
    assert shown_titles(page) == [
        "Google reorganises its AI coding strike team around midtraining"]


def test_facets_combine_any_value_within_and_every_facet_across(page, base_url):
    page.goto(f"{base_url}?actor=sergey-brin")
    page.locator(".tl-results .tl-entry").first.wait_for()
    assert len(shown_titles(page)) == 2
    page.goto(f"{base_url}?actor=sergey-brin&tag=midtraining")
    page.locator(".tl-results .tl-entry").first.wait_for()
    assert len(shown_titles(page)) == 1
    page.goto(f"{base_url}?tag=midtraining&tag=talent")
    page.locator(".tl-results .tl-entry").first.wait_for()
    assert len(shown_titles(page)) == 3


def test_facet_counts_follow_the_other_filters(page, base_url):
    page.goto(f"{base_url}?actor=sergey-brin")
    page.locator(".tl-results .tl-entry").first.wait_for()
    midtraining = page.locator(".tl-facet label", has_text="Midtraining")
    assert midtraining.locator(".tl-count").inner_text() == "1"


def test_reset_shows_every_event_again_and_clears_the_url(page, base_url):
    page.goto(f"{base_url}?tag=midtraining")
    page.locator(".tl-results .tl-entry").first.wait_for()
    page.get_by_role("button", name="Reset filters").click()
    page.wait_for_url(base_url)
    expect(page.locator(".tl-static")).to_be_visible()
    assert len(shown_titles(page)) == 9
    expect(page.locator(".tl-filters__status")).to_have_text("")


def test_filters_work_after_instant_navigation(page, base_url):
    page.goto(f"{base_url}about/")
    page.locator(".md-tabs__link", has_text="Timeline").click()
    page.wait_for_url(base_url)
    open_filters(page)
    page.get_by_label("Talent").check()
    page.wait_for_url("**/?tag=talent")
    expect(page.locator(".tl-filters__status")).to_have_text("2 of 9 events match.")
    assert len(shown_titles(page)) == 2


def test_filters_are_usable_with_the_keyboard(page, base_url):
    page.goto(base_url)
    page.locator(".tl-filters > summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.name + '=' + document.activeElement.value")
    page.keyboard.press("Space")
    page.wait_for_url(f"**/?{focused}")
    expect(page.locator(".tl-filters__status")).to_have_text(re.compile(r"^\d+ of 9 events match"))


def test_the_overview_marks_the_months_with_matches(page, base_url):
    page.goto(f"{base_url}?tag=midtraining")
    page.locator(".tl-results .tl-entry").first.wait_for()
    marks = page.locator(".tl-overview__month").evaluate_all(
        "months => months.map(m => m.dataset.month + ':' + m.style.getPropertyValue('--tl-m'))")
    assert marks == ["2026-04:0", "2026-05:0", "2026-06:1"]


def test_clicking_a_month_in_the_overview_goes_to_it(page, base_url):
    page.goto(base_url)
    page.locator('.tl-overview__month[data-month="2026-04"] a').click()
    page.wait_for_url("**/#2026-04")
    assert page.locator('[id="2026-04"]').is_visible()


def test_without_javascript_every_event_is_listed_and_the_filters_are_hidden(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url)
    assert page.locator(".tl-static .tl-entry").count() == 9
    assert page.locator(".tl-filters").is_hidden()
    context.close()


# -- event page ---------------------------------------------------------------------------


def test_the_event_page_shows_its_sources_as_links(page, base_url):
    page.goto(f"{base_url}events/2026-04-google-deepmind-coding-strike-team/")
    links = page.locator(".tl-sources a.tl-source__title")
    assert links.count() >= 2
    for href in links.evaluate_all("links => links.map(a => a.href)"):
        assert href.startswith("https://")


# -- accessibility ------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", SHAZEER, "actors/sergey-brin/", "?tag=midtraining"])
def test_no_serious_accessibility_violation(browser, base_url, path, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + path)
    if "?" in path:
        page.locator(".tl-results .tl-entry").first.wait_for()
    expected_scheme = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected_scheme
    violations = Axe().run(page).response["violations"]
    context.close()
    serious = [f"{v['id']} ({v['impact']}): {v['help']} at "
               f"{[node['target'] for node in v['nodes']][:3]}"
               for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(serious)


# -- screenshots for review ---------------------------------------------------------------


@pytest.mark.parametrize(("name", "width", "height"), [("desktop", 1280, 900),
                                                       ("phone", 390, 844)])
def test_screenshot_of_the_home_page(browser, base_url, name, width, height):
    context = browser.new_context(viewport={"width": width, "height": height},
                                  device_scale_factor=1)
    page = context.new_page()
    page.goto(base_url)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"home-{name}.png"
    page.screenshot(path=str(target))
    context.close()
    assert target.stat().st_size > 10_000
    assert Path(target).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
