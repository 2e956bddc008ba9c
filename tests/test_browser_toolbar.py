"""The timeline page's toolbar in a real browser: chips and the sentence of what is shown,
copy link, clear, the keyboard (one Tab stop per facet group), type-to-find, phones, the
order in the URL, the notice without JavaScript and the query kept for other pages.

Most tests use the timeline fixture (``tests/fixtures/site-timeline``, twelve events,
served by ``tests/conftest.py``); type-to-find needs a facet with more than a dozen
values, so those tests build ``tests/fixtures/site-many-values`` (fifteen actors) here.
Screenshots go to ``test-output/screenshots/`` for review.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import served_site
from tests.helpers import FIXTURES, REPO

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
SCREENSHOTS = REPO / "test-output" / "screenshots"
MANY_VALUES = FIXTURES / "site-many-values"
STATUS = ".tl-toolbar__status"

# The timeline fixture's titles.
QUILL_LEAVES = "Marta Quill leaves Acme Labs"
SATO_LEAVES = "Lena Sato leaves Initech for Globex AI"
QUILL_JOINS = "Marta Quill joins Acme Labs from Globex AI"
QUILL_JOINS_ID = "2025-11-14-marta-quill-joins-acme-labs-from-globex-ai"
OKAFOR_MEMO = "A memo attributed to Ravi Okafor makes agentic coding Acme Labs' priority"
OKAFOR_TEAM = "Acme Labs reorganises its coding team under Ravi Okafor"


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
    return timeline_site.url


def many_values_project(target: Path) -> Path:
    """The repository's configuration and docs with the many-values fixture's events."""
    target.mkdir(parents=True)
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "docs", target / "docs")
    for page in REPO.glob("*.md"):  # pymdownx.snippets includes them (CONTRIBUTING.md)
        shutil.copy2(page, target / page.name)
    shutil.copytree(MANY_VALUES / "events", target / "events")
    return target


@pytest.fixture(scope="module")
def many_values_url(browser, tmp_path_factory):
    """The many-values fixture, built for the local address it is served at."""
    project = many_values_project(tmp_path_factory.mktemp("many-values") / "project")
    with served_site(project) as site:
        yield site.url


def new_page(browser, errors: list[str], **options):
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page


@pytest.fixture
def page(browser):
    errors: list[str] = []
    page = new_page(browser, errors)
    yield page
    page.context.close()
    assert errors == [], "JavaScript errors on the page"


@pytest.fixture
def phone(browser):
    errors: list[str] = []
    page = new_page(browser, errors, viewport={"width": 390, "height": 844})
    yield page
    page.context.close()
    assert errors == [], "JavaScript errors on the page"


def goto_filtered(page, url: str) -> None:
    page.goto(url)
    page.locator(".tl-results .tl-entry").first.wait_for()


def shown_titles(page) -> list[str]:
    return page.locator(".tl-timeline .tl-entry:visible .tl-entry__title").all_inner_texts()


def clear(page) -> None:
    page.locator(".tl-toolbar").get_by_role("button", name="Clear").click()


def focused(page) -> str:
    """The focused element as name=value (a checkbox) or its class (anything else)."""
    return page.evaluate("""() => {
        const element = document.activeElement;
        return element.type === "checkbox" ? element.name + "=" + element.value
                                           : element.className; }""")


# -- chips and the sentence ---------------------------------------------------------------


def test_each_active_filter_shows_as_a_chip(page, base_url):
    goto_filtered(page, f"{base_url}?actor=ravi-okafor&tag=internal-tooling")
    chips = page.locator(".tl-chips .tl-chip")
    expect(chips).to_have_count(2)
    assert [chip.get_attribute("aria-label") for chip in chips.all()] == [
        "Remove filter Actor: Ravi Okafor", "Remove filter Tag: Internal tooling"]


def test_the_sentence_says_how_many_events_match_and_why(page, base_url):
    goto_filtered(page, f"{base_url}?tag=talent&actor=marta-quill&year=2026&status=reported")
    expect(page.locator(STATUS)).to_have_text(
        "12 events \u2192 1: involving Marta Quill, tagged Talent, reported, in 2026")


def test_the_sentence_says_a_status_other_than_reported_as_what_it_was_reported_as(
        page, base_url):
    goto_filtered(page, f"{base_url}?status=disputed&status=denied")
    expect(page.locator(STATUS)).to_have_text(
        "12 events \u2192 2: reported as disputed or denied")


def test_the_sentence_of_no_match_says_how_to_see_more(page, base_url):
    page.goto(f"{base_url}?actor=lena-sato&year=2025")
    expect(page.locator(STATUS)).to_have_text(
        "12 events \u2192 0: involving Lena Sato, in 2025. "
        "No event matches all of these; remove a filter to see more.")


def test_the_sentence_is_in_a_polite_live_region(page, base_url):
    page.goto(base_url)
    status = page.locator(STATUS)
    assert (status.get_attribute("role"), status.get_attribute("aria-live")) == (
        "status", "polite")


def test_removing_a_chip_removes_its_filter(page, base_url):
    goto_filtered(page, f"{base_url}?actor=ravi-okafor&tag=internal-tooling")
    page.get_by_role("button", name="Remove filter Tag: Internal tooling").click()
    page.wait_for_url("**/?actor=ravi-okafor")
    expect(page.locator(STATUS)).to_have_text("12 events \u2192 2: involving Ravi Okafor")
    assert not page.get_by_role("checkbox", name="Internal tooling").is_checked()
    assert shown_titles(page) == [OKAFOR_MEMO, OKAFOR_TEAM]


def test_after_removing_a_chip_the_keyboard_is_on_the_next_chip(page, base_url):
    goto_filtered(page, f"{base_url}?actor=ravi-okafor&tag=internal-tooling")
    page.get_by_role("button", name="Remove filter Actor: Ravi Okafor").press("Enter")
    page.wait_for_url("**/?tag=internal-tooling")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == \
        "Remove filter Tag: Internal tooling"


def test_without_a_filter_there_are_no_chips_but_a_hint(page, base_url):
    page.goto(base_url)
    expect(page.locator(".tl-toolbar__active")).to_be_hidden()
    expect(page.locator(".tl-toolbar__hint")).to_be_visible()


# -- copy link and clear ------------------------------------------------------------------


def test_copy_link_copies_the_filtered_address_and_says_so(browser, base_url):
    errors: list[str] = []
    page = new_page(browser, errors, permissions=["clipboard-read", "clipboard-write"])
    goto_filtered(page, f"{base_url}?tag=talent")
    copy = page.get_by_role("button", name="Copy link")
    copy.click()
    expect(page.locator(".tl-toolbar__copy")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == f"{base_url}?tag=talent"
    expect(page.locator(".tl-toolbar__copy")).to_have_text("Copy link")
    page.context.close()
    assert errors == []


def test_copy_link_is_hidden_where_there_is_no_clipboard(browser, base_url):
    errors: list[str] = []
    page = new_page(browser, errors)
    # As in a page served over plain HTTP from another host, which gets no clipboard.
    page.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', "
                         "{get: () => undefined})")
    goto_filtered(page, f"{base_url}?tag=talent")
    expect(page.locator(".tl-toolbar__copy")).to_be_hidden()
    page.context.close()
    assert errors == []


def test_clear_shows_every_event_again_and_clears_the_url(page, base_url):
    goto_filtered(page, f"{base_url}?tag=funding&year=2026")
    clear(page)
    page.wait_for_url(base_url)
    expect(page.locator(".tl-static")).to_be_visible()
    assert len(shown_titles(page)) == 12
    expect(page.locator(STATUS)).to_have_text("Showing all 12 events.")
    expect(page.locator(".tl-toolbar__active")).to_be_hidden()
    assert page.locator(".tl-facet input:checked").count() == 0


def test_after_clear_the_keyboard_is_on_the_first_facet(page, base_url):
    goto_filtered(page, f"{base_url}?tag=funding")
    page.locator(".tl-toolbar").get_by_role("button", name="Clear").press("Enter")
    page.wait_for_url(base_url)
    assert focused(page) == "actor=acme-coder"


# -- keyboard -----------------------------------------------------------------------------


def test_each_facet_group_is_one_tab_stop(page, base_url):
    page.goto(base_url)
    page.locator('.tl-facet input[name="actor"]').first.focus()
    stops = [focused(page)]
    for _ in range(3):
        page.keyboard.press("Tab")
        stops.append(focused(page))
    assert stops == ["actor=acme-coder", "tag=benchmark", "status=reported", "year=2026"]


def test_shift_tab_goes_back_one_group(page, base_url):
    page.goto(base_url)
    page.locator('.tl-facet input[name="status"]').first.focus()
    page.keyboard.press("Shift+Tab")
    assert focused(page) == "tag=benchmark"


def test_arrow_keys_move_within_a_group(page, base_url):
    page.goto(base_url)
    page.locator('.tl-facet input[name="actor"]').first.focus()
    moves = []
    for key in ("ArrowDown", "ArrowRight", "ArrowUp", "End", "ArrowDown", "Home"):
        page.keyboard.press(key)
        moves.append(focused(page))
    assert moves == ["actor=acme-labs", "actor=globex", "actor=acme-labs",
                     "actor=ravi-okafor", "actor=acme-coder", "actor=acme-coder"]


def test_space_checks_the_focused_value(page, base_url):
    page.goto(base_url)
    page.locator('.tl-facet input[name="actor"]').first.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    page.wait_for_url("**/?actor=acme-labs")
    expect(page.locator(STATUS)).to_have_text("12 events \u2192 6: involving Acme Labs")


def test_a_group_keeps_its_tab_stop_on_the_value_last_focused(page, base_url):
    page.goto(base_url)
    page.locator('.tl-facet input[name="actor"]').first.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    assert focused(page) == "actor=acme-labs"


def test_a_facet_of_a_dozen_values_or_fewer_has_no_find_box(page, base_url):
    page.goto(base_url)
    assert page.locator(".tl-facet__find-input").count() == 0


# -- type-to-find -------------------------------------------------------------------------


def test_a_facet_of_more_than_a_dozen_values_has_a_labelled_find_box(page, many_values_url):
    page.goto(many_values_url)
    expect(page.get_by_label("Find an actor")).to_be_visible()
    assert page.locator(".tl-facet--actor .tl-facet__values > li").count() == 15


def test_typing_in_the_find_box_keeps_only_the_matching_values(page, many_values_url):
    page.goto(many_values_url)
    page.get_by_label("Find an actor").fill("ar")
    assert set(page.locator(".tl-facet--actor .tl-facet__label:visible").all_inner_texts()) == {
        "Dara Flynn", "Élodie Marchand", "Farid Haddad", "Hugo Park"}
    expect(page.locator("#tl-found-actor")).to_have_text("4 of 15 shown.")


def test_the_find_box_ignores_case_and_accents(page, many_values_url):
    page.goto(many_values_url)
    page.get_by_label("Find an actor").fill("ELODIE")
    assert page.locator(".tl-facet--actor .tl-facet__label:visible").all_inner_texts() == [
        "Élodie Marchand"]


def test_the_find_box_says_when_nothing_matches(page, many_values_url):
    page.goto(many_values_url)
    page.get_by_label("Find an actor").fill("zz")
    expect(page.locator("#tl-found-actor")).to_have_text("No actor matches \u201czz\u201d.")


def test_arrow_down_from_the_find_box_goes_to_the_first_value_found(page, many_values_url):
    page.goto(many_values_url)
    page.get_by_label("Find an actor").fill("sato")
    page.keyboard.press("ArrowDown")
    assert focused(page) == "actor=mina-sato"
    page.keyboard.press("Space")
    page.wait_for_url("**/?actor=mina-sato")


def test_the_find_box_is_its_own_tab_stop_before_its_values(page, many_values_url):
    page.goto(many_values_url)
    page.get_by_label("Find an actor").focus()
    page.keyboard.press("Tab")
    after_the_box = focused(page)
    page.keyboard.press("Tab")
    assert (after_the_box, focused(page)) == ("actor=ada-brook", "tag=departures")


def test_escape_empties_the_find_box_and_shows_every_value(page, many_values_url):
    page.goto(many_values_url)
    page.get_by_label("Find an actor").fill("sato")
    page.keyboard.press("Escape")
    expect(page.get_by_label("Find an actor")).to_have_value("")
    expect(page.locator(".tl-facet--actor .tl-facet__label:visible")).to_have_count(15)


def test_a_drawn_match_names_two_publishers_and_how_many_more(page, many_values_url):
    goto_filtered(page, f"{many_values_url}?actor=ada-brook")
    expect(page.locator(".tl-results .tl-entry__reported")).to_have_text(
        "Reported by Sample Wire, Example Times + 1 more")


def test_a_link_to_an_event_among_the_matches_scrolls_to_its_match(page, base_url):
    page.set_viewport_size({"width": 1280, "height": 500})
    goto_filtered(page, f"{base_url}?tag=talent#{QUILL_JOINS_ID}")
    expect(page.locator(f'.tl-results [data-event="{QUILL_JOINS_ID}"]')).to_be_in_viewport()


# -- phones -------------------------------------------------------------------------------


def test_a_shared_filtered_link_on_a_phone_shows_the_first_match_on_the_first_screen(
        phone, base_url):
    goto_filtered(phone, f"{base_url}?actor=ravi-okafor&tag=reorganisation")
    top = phone.locator(".tl-results .tl-entry").first.bounding_box()["y"]
    assert 0 <= top < 844, f"the first match starts {top:.0f} px down"


def test_a_shared_filtered_link_on_a_phone_folds_the_filters_away(phone, base_url):
    goto_filtered(phone, f"{base_url}?actor=ravi-okafor")
    expand = phone.get_by_role("button", name=re.compile("^Filters"))
    expect(expand).to_have_attribute("aria-expanded", "false")
    expect(phone.locator(".tl-toolbar__form")).to_be_hidden()
    expect(phone.locator(".tl-chips .tl-chip")).to_have_count(1)


def test_the_folded_filters_open_with_their_button(phone, base_url):
    goto_filtered(phone, f"{base_url}?actor=ravi-okafor")
    phone.get_by_role("button", name=re.compile("^Filters")).click()
    expect(phone.get_by_role("button", name=re.compile("^Filters"))).to_have_attribute(
        "aria-expanded", "true")
    expect(phone.locator(".tl-toolbar__form")).to_be_visible()


def test_on_a_phone_the_home_page_without_a_filter_shows_the_filters(phone, base_url):
    phone.goto(base_url)
    expect(phone.locator(".tl-toolbar__form")).to_be_visible()


def test_a_wide_screen_always_shows_the_filters(page, base_url):
    goto_filtered(page, f"{base_url}?actor=ravi-okafor")
    expect(page.locator(".tl-toolbar__form")).to_be_visible()
    expect(page.locator(".tl-toolbar__expand")).to_be_hidden()


# -- order --------------------------------------------------------------------------------


def test_choosing_oldest_first_puts_the_order_in_the_url(page, base_url):
    page.goto(base_url)
    page.get_by_role("button", name="Oldest first").click()
    page.wait_for_url("**/?order=oldest")
    expect(page.locator(".tl-timeline")).to_have_attribute("data-order", "oldest")
    expect(page.get_by_role("button", name="Oldest first")).to_have_attribute(
        "aria-pressed", "true")


def test_the_order_joins_the_filters_in_the_url(page, base_url):
    goto_filtered(page, f"{base_url}?tag=talent")
    page.get_by_role("button", name="Oldest first").click()
    page.wait_for_url("**/?tag=talent&order=oldest")


def test_the_matches_follow_the_order(page, base_url):
    goto_filtered(page, f"{base_url}?tag=talent")
    page.get_by_role("button", name="Oldest first").click()
    expect(page.locator(".tl-results .tl-entry__title").first).to_have_text(QUILL_JOINS)
    assert shown_titles(page) == [QUILL_JOINS, SATO_LEAVES, QUILL_LEAVES]


def test_the_matches_are_headed_by_year_and_month_in_the_order_shown(page, base_url):
    goto_filtered(page, f"{base_url}?tag=talent&order=oldest")
    headings = page.locator(".tl-results h2, .tl-results h3").all_inner_texts()
    assert headings == ["2025", "November 2025", "2026", "March 2026", "June 2026"]


def test_the_order_in_the_url_is_restored(page, base_url):
    goto_filtered(page, f"{base_url}?tag=talent&order=oldest")
    expect(page.locator(".tl-timeline")).to_have_attribute("data-order", "oldest")
    assert shown_titles(page) == [QUILL_JOINS, SATO_LEAVES, QUILL_LEAVES]


def test_the_order_in_the_url_wins_over_the_stored_preference(page, base_url):
    page.goto(base_url)
    page.get_by_role("button", name="Oldest first").click()
    page.goto(f"{base_url}?order=newest")
    expect(page.locator(".tl-timeline")).to_have_attribute("data-order", "newest")
    expect(page.get_by_role("button", name="Newest first")).to_have_attribute(
        "aria-pressed", "true")


def test_without_an_order_in_the_url_the_stored_preference_applies_and_is_written(
        page, base_url):
    page.goto(base_url)
    page.get_by_role("button", name="Oldest first").click()
    page.goto(f"{base_url}?tag=talent")
    expect(page.locator(".tl-timeline")).to_have_attribute("data-order", "oldest")
    page.wait_for_url("**/?tag=talent&order=oldest")


def test_newest_first_leaves_the_order_out_of_the_url(page, base_url):
    page.goto(f"{base_url}?order=oldest")
    page.get_by_role("button", name="Newest first").click()
    page.wait_for_url(base_url)


def test_a_year_page_keeps_its_order_in_the_url(page, base_url):
    page.goto(f"{base_url}years/2026/")
    page.get_by_role("button", name="Oldest first").click()
    page.wait_for_url("**/years/2026/?order=oldest")
    expect(page.locator(".tl-timeline")).to_have_attribute("data-order", "oldest")


# -- remembered for the other pages -------------------------------------------------------


def stored_query(page) -> str | None:
    return page.evaluate("sessionStorage.getItem('timeline-filters')")


def test_the_home_page_stores_an_empty_query_when_nothing_is_filtered(page, base_url):
    page.goto(base_url)
    page.locator(".tl-toolbar").wait_for()
    assert stored_query(page) == ""


def test_checking_a_filter_stores_the_query(page, base_url):
    page.goto(base_url)
    page.get_by_role("checkbox", name="Funding").check()
    page.wait_for_url("**/?tag=funding")
    assert stored_query(page) == "?tag=funding"


def test_changing_the_order_stores_it_with_the_filters(page, base_url):
    goto_filtered(page, f"{base_url}?tag=funding")
    page.get_by_role("button", name="Oldest first").click()
    page.wait_for_url("**/?tag=funding&order=oldest")
    assert stored_query(page) == "?tag=funding&order=oldest"


def test_clearing_stores_what_is_left(page, base_url):
    goto_filtered(page, f"{base_url}?tag=funding&order=oldest")
    clear(page)
    page.wait_for_url("**/?order=oldest")
    assert stored_query(page) == "?order=oldest"


# -- without JavaScript -------------------------------------------------------------------


def test_without_javascript_a_notice_above_the_list_says_filters_need_it(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}?tag=talent")
    notice = page.locator(".tl-noscript")
    expect(notice).to_have_text("Filters need JavaScript, which is turned off in this browser, "
                                "so every event is listed below, even if the link you followed "
                                "chose some.")
    first_event = page.locator(".tl-static .tl-entry").first
    assert notice.bounding_box()["y"] < first_event.bounding_box()["y"]
    assert page.locator(".tl-static .tl-entry").count() == 12
    context.close()


def test_with_javascript_there_is_no_notice(page, base_url):
    page.goto(base_url)
    expect(page.locator(".tl-noscript")).to_have_count(0)


# -- accessibility and screenshots --------------------------------------------------------


def serious_violations(page, context: str) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = []
    for violation in Axe().run(page, context=context).response["violations"]:
        if violation["impact"] not in ("serious", "critical"):
            continue
        targets = [node["target"] for node in violation["nodes"]]
        if targets:
            found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} "
                         f"at {targets[:3]}")
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("query", ["", "?actor=ravi-okafor&tag=internal-tooling"])
def test_the_toolbar_has_no_serious_accessibility_violation(browser, base_url, scheme, query):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + query)
    page.locator(".tl-toolbar").wait_for()
    if query:
        page.locator(".tl-results .tl-entry").first.wait_for()
        page.locator(".tl-facet label").first.hover()  # a hovered value must read too
    serious = serious_violations(page, ".tl-toolbar")
    context.close()
    assert not serious, "\n".join(serious)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_find_box_has_no_serious_accessibility_violation(browser, many_values_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(many_values_url)
    page.get_by_label("Find an actor").fill("ra")
    serious = serious_violations(page, ".tl-toolbar")
    context.close()
    assert not serious, "\n".join(serious)


SHOTS = [("desktop", 1280, 900, "?actor=ravi-okafor&tag=internal-tooling"),
         ("desktop-clear", 1280, 900, ""),
         ("phone", 390, 844, "?actor=ravi-okafor&tag=internal-tooling"),
         ("phone-clear", 390, 844, "")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("name", "width", "height", "query"), SHOTS)
def test_screenshot_of_the_toolbar(browser, base_url, name, width, height, query, scheme):
    context = browser.new_context(viewport={"width": width, "height": height},
                                  device_scale_factor=1, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + query)
    page.locator(".tl-toolbar").wait_for()
    if query:
        page.locator(".tl-results .tl-entry").first.wait_for()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"toolbar-{name}-{scheme}.png"
    page.screenshot(path=str(target))
    context.close()
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshot_of_the_find_box(browser, many_values_url, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  device_scale_factor=1, color_scheme=scheme)
    page = context.new_page()
    page.goto(many_values_url)
    page.get_by_label("Find an actor").fill("ra")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"toolbar-find-{scheme}.png"
    page.locator(".tl-toolbar").screenshot(path=str(target))
    context.close()
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
