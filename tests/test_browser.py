"""The built site in a real browser: Debian's chromium driven by Playwright.

The site is the timeline fixture (``tests/fixtures/site-timeline``: twelve made-up events
with the repository's own configuration, theme overrides and CSS), built once per session
and served at a local address by ``tests/conftest.py``; every count below is the fixture's.

Playwright never downloads a browser here; it launches the system's chromium. Without one,
these tests skip with instructions, except in CI (TIMELINE_REQUIRE_BROWSER=1, set by
.ci/run), where a missing browser fails the run.
"""

from __future__ import annotations

import os
import re
import shutil

import pytest
from playwright.sync_api import expect

from tests.helpers import REPO

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
SCREENSHOTS = REPO / "test-output" / "screenshots"
EVENTS = 12  # in tests/fixtures/site-timeline
SATO = "events/2026-03-20-lena-sato-leaves-initech-for-globex-ai/"
CODER_2 = "events/2026-04-acme-labs-releases-acme-coder-2/"

# The fixture's titles, as the timeline lists them (newest first).
QUILL_LEAVES = "Marta Quill leaves Acme Labs"
PILOT_WITHDRAWN = "Globex AI withdraws Globex Pilot"
OKAFOR_MEMO = "A memo attributed to Ravi Okafor makes agentic coding Acme Labs' priority"
SATO_LEAVES = "Lena Sato leaves Initech for Globex AI"
OKAFOR_TEAM = "Acme Labs reorganises its coding team under Ravi Okafor"
INITECH_FUNDING = "Initech raises money to build coding tools"
QUILL_JOINS = "Marta Quill joins Acme Labs from Globex AI"
ACME_CODER = "Acme Labs releases Acme Coder, its first coding model"
GLOBEX_DIVISION = "Globex AI opens a coding division"


def chromium_executable() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if found:
        return found
    message = ("Chromium not found: install Debian's chromium (sudo apt-get install chromium) "
               "or set CHROMIUM=/path/to/chromium to run the browser tests")
    if os.environ.get("TIMELINE_REQUIRE_BROWSER"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser():
    executable = chromium_executable()  # first: without a browser, skip (or fail) at once
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def base_url(browser, timeline_site) -> str:
    """The address the timeline fixture is served at."""
    return timeline_site.url


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], "JavaScript errors on the page"


STATUS = ".tl-toolbar__status"


def shown_titles(page) -> list[str]:
    return page.locator(".tl-timeline .tl-entry:visible .tl-entry__title").all_inner_texts()


def goto_filtered(page, url: str) -> None:
    page.goto(url)
    page.locator(".tl-results .tl-entry").first.wait_for()


# -- search -------------------------------------------------------------------------------


def test_searching_an_actors_name_finds_the_event_and_opens_it(page, base_url):
    page.goto(base_url)
    page.keyboard.press("/")
    page.keyboard.type("Sato")
    result = page.locator(".md-search-result__item", has_text=SATO_LEAVES).first
    result.wait_for()
    result.locator("a").first.click()
    page.wait_for_url(f"{base_url}{SATO}*")
    page.locator(".md-content h1", has_text="Lena Sato").wait_for()


# -- filters ------------------------------------------------------------------------------
# The toolbar itself (chips, copy link, keyboard, phones, order) is tests/test_browser_toolbar.py.


def test_the_timeline_lists_every_event_before_any_filter(page, base_url):
    page.goto(base_url)
    assert len(shown_titles(page)) == EVENTS
    expect(page.locator(STATUS)).to_have_text("")
    expect(page.locator(".tl-toolbar__hint")).to_have_text(
        "Narrow the list by actor, tag, status or year.")


def test_a_tag_facet_hides_non_matching_events_and_updates_the_url(page, base_url):
    page.goto(base_url)
    page.get_by_role("checkbox", name="Funding").check()
    page.wait_for_url("**/?tag=funding")
    expect(page.locator(STATUS)).to_have_text("12 events \u2192 1: tagged Funding")
    assert shown_titles(page) == [INITECH_FUNDING]


def test_reloading_a_filtered_url_keeps_the_filter(page, base_url):
    page.goto(base_url)
    page.get_by_role("checkbox", name="Funding").check()
    page.wait_for_url("**/?tag=funding")
    page.reload()
    page.locator(".tl-results .tl-entry").first.wait_for()
    assert page.get_by_role("checkbox", name="Funding").is_checked()
    assert shown_titles(page) == [INITECH_FUNDING]


def test_an_actor_in_the_url_shows_only_that_actors_events(page, base_url):
    goto_filtered(page, f"{base_url}?actor=ravi-okafor")
    expect(page.locator(STATUS)).to_have_text("12 events \u2192 2: involving Ravi Okafor")
    assert shown_titles(page) == [OKAFOR_MEMO, OKAFOR_TEAM]


def test_two_values_of_one_facet_match_events_with_either(page, base_url):
    goto_filtered(page, f"{base_url}?tag=funding&tag=talent")
    expect(page.locator(STATUS)).to_have_text("12 events \u2192 4: tagged Funding or Talent")
    assert shown_titles(page) == [QUILL_LEAVES, SATO_LEAVES, INITECH_FUNDING, QUILL_JOINS]


def test_values_of_two_facets_match_only_events_with_both(page, base_url):
    goto_filtered(page, f"{base_url}?actor=ravi-okafor&tag=internal-tooling")
    expect(page.locator(STATUS)).to_have_text(
        "12 events \u2192 1: involving Ravi Okafor, tagged Internal tooling")
    assert shown_titles(page) == [OKAFOR_TEAM]


def test_the_status_facet_finds_a_retracted_event_and_shows_it_labelled(page, base_url):
    goto_filtered(page, f"{base_url}?status=retracted")
    expect(page.locator(STATUS)).to_have_text("12 events \u2192 1: retracted")
    assert shown_titles(page) == [PILOT_WITHDRAWN]
    expect(page.locator(".tl-results .tl-status--retracted")).to_be_visible()


def test_the_year_facet_keeps_the_events_of_that_year(page, base_url):
    goto_filtered(page, f"{base_url}?year=2025")
    expect(page.locator(STATUS)).to_have_text("12 events \u2192 3: in 2025")
    assert shown_titles(page) == [QUILL_JOINS, ACME_CODER, GLOBEX_DIVISION]


def test_facet_counts_follow_the_other_filters(page, base_url):
    goto_filtered(page, f"{base_url}?actor=ravi-okafor")
    counts = {label: page.locator(".tl-facet label", has_text=label)
              .locator(".tl-count").inner_text()
              for label in ("Reorganisation", "Internal tooling", "Talent")}
    assert counts == {"Reorganisation": "2", "Internal tooling": "1", "Talent": "0"}


def test_a_facet_lists_its_values_by_name(page, base_url):
    page.goto(base_url)
    assert page.locator(".tl-facet--actor .tl-facet__label").all_inner_texts() == [
        "Acme Coder", "Acme Labs", "Globex AI", "Globex Pilot", "Initech", "Lena Sato",
        "Marta Quill", "Ravi Okafor"]


def test_a_drawn_match_reads_like_the_row_of_the_full_list(page, base_url):
    page.goto(base_url)
    static = page.locator(f'.tl-static [id="{SATO.split("/")[1]}"]').inner_text()
    goto_filtered(page, f"{base_url}?actor=lena-sato")
    assert page.locator(".tl-results .tl-entry").inner_text() == static


def test_a_drawn_match_dated_to_its_month_shows_no_date_under_the_month_heading(
        page, base_url):
    goto_filtered(page, f"{base_url}?actor=ravi-okafor")
    assert page.locator(".tl-results .tl-entry time").count() == 0
    assert page.locator(".tl-results h3").all_inner_texts() == ["May 2026", "March 2026"]


def test_a_drawn_match_dated_to_a_day_shows_the_day_as_a_machine_readable_date(
        page, base_url):
    goto_filtered(page, f"{base_url}?actor=lena-sato")
    date = page.locator(".tl-results .tl-entry time.tl-date")
    assert (date.inner_text(), date.get_attribute("datetime")) == ("20 March", "2026-03-20")


def test_a_drawn_key_development_is_marked_as_one(page, base_url):
    goto_filtered(page, f"{base_url}?year=2025")
    key = page.locator(".tl-results .tl-entry.tl-entry--key .tl-entry__title")
    assert key.all_inner_texts() == [ACME_CODER]


def test_a_drawn_match_names_who_reported_it(page, base_url):
    goto_filtered(page, f"{base_url}?actor=lena-sato")
    expect(page.locator(".tl-results .tl-entry__reported")).to_have_text(
        "Reported by Sample Wire, Example Daily")


def test_a_drawn_match_links_to_its_event_page(page, base_url):
    goto_filtered(page, f"{base_url}?actor=lena-sato")
    expect(page.locator(STATUS)).to_contain_text("→ 1")  # drawn, and not drawn again
    link = page.locator(".tl-results .tl-entry__title a")
    expect(link).to_have_attribute("href", re.compile(re.escape(SATO) + "$"))
    link.click()
    # The theme's anchor tracking may add the heading in view as the page changes.
    page.wait_for_url(re.compile(re.escape(f"{base_url}{SATO}") + r"(#[\w-]*)?$"))


def test_matches_that_share_one_status_are_marked_for_quiet_badges(page, base_url):
    goto_filtered(page, f"{base_url}?actor=lena-sato")
    expect(page.locator(".tl-results")).to_have_attribute("data-common-status", "reported")


def test_matches_of_different_statuses_are_not_marked(page, base_url):
    goto_filtered(page, f"{base_url}?year=2026")
    expect(page.locator(".tl-results")).not_to_have_attribute("data-common-status", "reported")
    assert page.locator(".tl-results").get_attribute("data-common-status") is None


def test_filters_work_after_instant_navigation(page, base_url):
    page.goto(f"{base_url}about/")
    page.locator(".md-tabs__link", has_text="Timeline").click()
    page.wait_for_url(base_url)
    page.get_by_role("checkbox", name="Talent").check()
    page.wait_for_url("**/?tag=talent")
    expect(page.locator(STATUS)).to_have_text("12 events \u2192 3: tagged Talent")
    assert shown_titles(page) == [QUILL_LEAVES, SATO_LEAVES, QUILL_JOINS]


def test_the_overview_marks_the_months_with_matches(page, base_url):
    goto_filtered(page, f"{base_url}?tag=talent")
    marks = page.locator(".tl-overview__month").evaluate_all(
        "months => months.map(m => m.dataset.month + ':' + m.style.getPropertyValue('--tl-m'))")
    assert sorted(marks) == ["2025-09:0", "2025-10:0", "2025-11:1", "2025-12:0", "2026-01:0",
                     "2026-02:0", "2026-03:1", "2026-04:0", "2026-05:0", "2026-06:1"]


def test_the_overview_says_each_months_matches_in_an_attribute(page, base_url):
    goto_filtered(page, f"{base_url}?tag=talent")
    marked = page.locator(".tl-overview__month[data-matches]").evaluate_all(
        "months => months.map(m => m.dataset.month + ':' + m.dataset.matches)")
    assert sorted(mark for mark in marked if not mark.endswith(":0")) == [
        "2025-11:1", "2026-03:1", "2026-06:1"]
    expect(page.locator(".tl-overview")).to_have_class(re.compile(r"\btl-overview--filtered\b"))


def test_clearing_the_filters_unmarks_the_overview(page, base_url):
    goto_filtered(page, f"{base_url}?tag=talent")
    page.locator(".tl-toolbar").get_by_role("button", name="Clear").click()
    page.wait_for_url(base_url)
    assert page.locator(".tl-overview__month[data-matches]").count() == 0
    expect(page.locator(".tl-overview")).not_to_have_class(
        re.compile(r"\btl-overview--filtered\b"))


def test_clicking_a_month_in_the_overview_goes_to_it(page, base_url):
    page.goto(base_url)
    page.locator('.tl-overview__month[data-month="2026-04"] a').click()
    page.wait_for_url("**/#2026-04")
    assert page.locator('[id="2026-04"]').is_visible()


def test_while_filtering_a_month_in_the_overview_scrolls_to_its_matches(page, base_url):
    page.set_viewport_size({"width": 1280, "height": 500})
    goto_filtered(page, f"{base_url}?tag=talent")
    matches_of_the_month = page.locator('[id="match-2025-11"]')
    expect(matches_of_the_month).not_to_be_in_viewport()
    page.locator('.tl-overview__month[data-month="2025-11"] a').click()
    expect(matches_of_the_month).to_be_in_viewport()


def test_without_javascript_every_event_is_listed_and_the_toolbar_is_hidden(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url)
    assert page.locator(".tl-static .tl-entry").count() == EVENTS
    assert page.locator(".tl-toolbar").is_hidden()
    context.close()


# -- event page ---------------------------------------------------------------------------


def test_the_event_page_shows_its_sources_as_links(page, base_url):
    page.goto(f"{base_url}{CODER_2}")
    links = page.locator(".tl-sources a.tl-source__title")
    assert links.evaluate_all("links => links.map(a => a.href)") == [
        "https://example-times.example.org/2026/acme-coder-2",
        "https://acme-labs.example.com/blog/acme-coder-2"]


# -- accessibility ------------------------------------------------------------------------

def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = []
    for violation in Axe().run(page).response["violations"]:
        if violation["impact"] not in ("serious", "critical"):
            continue
        targets = [node["target"] for node in violation["nodes"]]
        if targets:
            found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} "
                         f"at {targets[:3]}")
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", SATO, "actors/acme-labs/", "?tag=talent"])
def test_no_serious_accessibility_violation(browser, base_url, path, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + path)
    if "?" in path:
        page.locator(".tl-results .tl-entry").first.wait_for()
    expected_scheme = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected_scheme
    serious = serious_violations(page)
    context.close()
    assert not serious, "\n".join(serious)


@pytest.fixture(scope="module")
def light_home_low_contrast(browser, timeline_site) -> list[str]:
    """Every element of the home page in the light scheme that axe finds below contrast."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(timeline_site.url)
    violations = Axe().run(page, options={"runOnly": ["color-contrast"]}).response["violations"]
    context.close()
    return [str(node["target"]) for violation in violations for node in violation["nodes"]]


@pytest.mark.parametrize("status", ["confirmed", "reported", "disputed", "denied"])
def test_a_status_badge_meets_the_contrast_minimum_in_the_light_scheme(
        light_home_low_contrast, status):
    assert [target for target in light_home_low_contrast
            if f".tl-status--{status}" in target] == []


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
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_wide_table_on_a_phone_can_be_scrolled_from_the_keyboard(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base_url + "reference/")

    wrapper = page.locator(".md-typeset__scrollwrap").first
    assert wrapper.get_attribute("tabindex") == "0"
    assert wrapper.get_attribute("aria-label") == "Table: Field"
    assert not serious_violations(page)
    context.close()
