"""Search in a real browser: the theme's own search box answered by the timeline's worker
from the Pagefind bundles (Debian's chromium driven by Playwright).

The site is ``tests/fixtures/search-site``, built once for the address it is served at.
The integration relies on mkdocs-material's search worker protocol and on the address of
its worker; the first test pins the theme versions it was written and tested against.
"""

from __future__ import annotations

import os
import shutil
from importlib.metadata import version

import pytest
from playwright.sync_api import expect

from tests.conftest import served_site
from tests.helpers import FIXTURES, REPO

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
SCREENSHOTS = REPO / "test-output" / "screenshots"
# The material releases whose search worker protocol (SETUP, READY, QUERY, RESULT) and
# worker address these tests were run against; a newer release is checked here first.
TESTED_MATERIAL = ((9, 6), (9, 8))

STRIKE_TEAM = "Northwind Labs forms a coding strike team"
REFOCUSES = "Tessera refocuses its research on coding agents"
MEMO = "Ravi Brin's memo asks every engineer to use agents"
BRINGING = "Tessera is bringing its tools in house"


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("search-site") / "project"
    shutil.copytree(FIXTURES / "search-site", project)
    with served_site(project) as site:
        yield site


@pytest.fixture(scope="module")
def browser():
    executable = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not executable:
        message = "Chromium not found: install Debian's chromium or set CHROMIUM"
        if os.environ.get("TIMELINE_REQUIRE_BROWSER"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, search_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(search_site.url)
    yield page
    context.close()
    assert errors == [], "JavaScript errors on the page"


def search(page, query: str) -> None:
    page.keyboard.press("/")
    page.keyboard.press("Control+a")
    page.keyboard.type(query)
    wait_for_answer(page, query)


def wait_for_answer(page, query: str) -> None:
    # The facet panel shows the counts of the box's own query once it is answered.
    page.wait_for_function(
        "query => document.querySelector('.tl-search-facets')?.dataset.query === query",
        arg=query)


def titles(page) -> list[str]:
    return page.locator(".md-search-result__item h1").all_inner_texts()


def chips(page, title: str) -> list[str]:
    item = page.locator(".md-search-result__item", has_text=title).first
    return item.locator(".md-tag").all_inner_texts()


# -- what the integration relies on ----------------------------------------------------------


def test_the_installed_material_is_a_release_the_worker_protocol_was_tested_with():
    major, minor, *_ = (int(part) for part in version("mkdocs-material").split(".")[:3])
    assert TESTED_MATERIAL[0] <= (major, minor) <= TESTED_MATERIAL[1]


def test_slash_focuses_the_search_box(page):
    page.keyboard.press("/")
    expect(page.locator("[data-md-component=search-query]")).to_be_focused()


# -- both languages --------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["突击队", "编程差距", "精英团队"])
def test_a_chinese_word_from_a_source_title_or_quote_finds_its_event(page, query):
    search(page, query)
    assert titles(page)[0] == STRIKE_TEAM


def test_english_words_are_stemmed(page):
    search(page, "refocusing")
    assert titles(page)[0] == REFOCUSES


def test_a_plural_finds_the_singular(page):
    search(page, "agents")
    assert REFOCUSES in titles(page)


def test_a_name_ranks_its_events_above_a_word_it_begins(page):
    search(page, "Brin")
    found = titles(page)
    below = found.index(BRINGING) if BRINGING in found else len(found)
    assert max(found.index(MEMO), found.index(STRIKE_TEAM)) < below


# -- what is found ---------------------------------------------------------------------------


def test_a_result_shows_the_events_date_at_its_precision_and_its_status(page):
    search(page, "strike team")
    assert chips(page, STRIKE_TEAM) == ["April 2026", "Reported"]


def test_a_day_and_a_year_show_at_their_precision(page):
    search(page, "Tessera")
    assert chips(page, REFOCUSES) == ["12 May 2026", "Confirmed"]
    assert chips(page, BRINGING) == ["2025", "Reported"]


def test_an_exact_actor_name_puts_its_page_first(page):
    search(page, "Ravi Brin")
    assert titles(page)[0] == "Ravi Brin"
    assert chips(page, "Ravi Brin")[0] == "Actor"


def test_an_actor_is_found_by_an_alias(page):
    search(page, "Northwind")
    assert titles(page)[0] == "Northwind Labs"
    assert len([t for t in titles(page) if t == "Northwind Labs"]) == 1


def test_events_come_before_contributor_documentation(page):
    search(page, "Quinn Vale")
    found = titles(page)
    assert found[0] == STRIKE_TEAM
    assert found[-2:] and {"How to contribute", "The event format"} <= set(found)
    assert found.index("How to contribute") > found.index(STRIKE_TEAM)
    assert chips(page, "How to contribute") == ["Documentation"]


def test_a_tag_and_an_outlet_page_are_found_by_name(page):
    search(page, "Sample Wire")
    assert "Sample Wire" in titles(page)
    search(page, "Team formation")
    assert titles(page)[0] == "Team formation"


# -- facets ----------------------------------------------------------------------------------


def facet_chip(page, facet: str, value: str):
    return page.locator(f".tl-search-facets__chip[data-facet='{facet}'][data-value='{value}']")


def test_the_facets_count_the_events_a_query_finds(page):
    search(page, "agents")
    expect(page.locator(".tl-search-facets__total")).to_have_text("3 events")
    expect(facet_chip(page, "status", "confirmed")).to_have_text("Confirmed 1", use_inner_text=True)
    expect(facet_chip(page, "actor", "Tessera")).to_have_text("Tessera 2")


def test_a_facet_chip_narrows_the_results_and_shows_it_is_chosen(page):
    search(page, "agents")
    facet_chip(page, "actor", "Tessera").click()
    wait_for_answer(page, "agents actor:Tessera")
    assert sorted(titles(page)) == sorted([REFOCUSES, BRINGING])
    expect(facet_chip(page, "actor", "Tessera")).to_have_attribute("aria-pressed", "true")


def test_a_typed_facet_narrows_the_results(page):
    search(page, "agents year:2025")
    assert titles(page) == [BRINGING]


def test_two_values_of_one_facet_match_events_with_either(page):
    search(page, 'agents actor:Tessera actor:"Ravi Brin"')
    assert sorted(titles(page)) == sorted([REFOCUSES, BRINGING, MEMO])


def test_a_second_click_on_a_chosen_facet_removes_it(page):
    search(page, "agents status:disputed")
    assert titles(page) == [MEMO]
    facet_chip(page, "status", "disputed").click()
    wait_for_answer(page, "agents")
    expect(page.locator(".tl-search-facets__total")).to_have_text("3 events")


# -- how it fits -----------------------------------------------------------------------------


def test_the_arrow_keys_move_through_results_and_enter_opens_one(page, search_site):
    search(page, "refocusing")
    page.keyboard.press("ArrowDown")
    expect(page.locator(".md-search-result__item a").first).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{search_site.url}events/2026-05-12-tessera-refocuses-on-agents/*")


def test_enter_in_the_box_opens_the_first_result(page, search_site):
    search(page, "Ravi Brin")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{search_site.url}actors/ravi-brin/*")


def test_search_works_again_after_instant_navigation(page, search_site):
    search(page, "refocusing")
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_url(f"{search_site.url}events/2026-05-12-tessera-refocuses-on-agents/*")
    search(page, "突击队")
    assert titles(page)[0] == STRIKE_TEAM


def test_search_loads_no_whole_page_index(page, browser, search_site):
    context = browser.new_context()
    fresh = context.new_page()
    sizes: list[int] = []
    fresh.on("requestfinished", lambda request: sizes.append(
        request.sizes()["responseBodySize"]) if "/search/" in request.url else None)
    fresh.goto(search_site.url)
    search(fresh, "agents")
    context.close()
    assert 0 < sum(sizes) < 300_000


# -- how it looks ----------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_open_search_panel_has_no_serious_accessibility_problem(browser, search_site,
                                                                    scheme, width):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": width, "height": 844},
                                  color_scheme=scheme)
    page = context.new_page()
    page.goto(search_site.url)
    if width < 600:
        page.click("label.md-header__button[for=__search]")
    search(page, "agents")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"search-{width}-{scheme}.png"))
    response = Axe().run(page, context={"include": [[".md-search"]]}).response
    context.close()
    serious = [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
               for v in response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
