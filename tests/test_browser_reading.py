"""In Chromium, the reading experience: the time axis, key developments, rows, wayfinding,
the 404 page and accessibility of every page kind. The site is the timeline fixture
(``tests/fixtures/site-timeline``) served by ``tests/conftest.py``; the toolbar's own
behaviour is tests/test_browser_toolbar.py.

Every page kind is also photographed, at desktop and phone width in both schemes, into
test-output/screenshots/ for a person to look at.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.test_browser import SCREENSHOTS, browser, chromium_executable, serious_violations  # noqa: F401

SATO = "events/2026-03-20-lena-sato-leaves-initech-for-globex-ai/"
ACME_CODER = "events/2025-09-acme-labs-releases-acme-coder/"
PAGE_KINDS = {  # name: path
    "home": "",
    "event": SATO,
    "actor": "actors/acme-labs/",
    "actors-index": "actors/",
    "tag": "tags/talent/",
    "outlet": "sources/sample-wire/",
    "year": "years/2026/",
    "feeds-and-data": "export/",
    "not-found": "no/such/page/",
}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def page(browser, timeline_site):  # noqa: F811 (the fixture imported above)
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], "JavaScript errors on the page"


@pytest.fixture
def phone(browser, timeline_site):  # noqa: F811
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    yield page
    context.close()


# -- the time axis -------------------------------------------------------------------------


def test_the_axis_names_each_month_with_its_count_on_a_phone_without_hover(
        phone, timeline_site):
    phone.goto(timeline_site.url)
    june = phone.locator('.tl-overview__month[data-month="2026-06"]')
    expect(june.locator(".tl-overview__short")).to_be_visible()
    expect(june.locator(".tl-overview__short")).to_have_text("Jun")
    expect(june.locator(".tl-overview__count")).to_be_visible()
    expect(june.locator(".tl-overview__count")).to_have_text("2")


def test_the_axis_marks_each_year(page, timeline_site):
    page.goto(timeline_site.url)
    assert page.locator(".tl-overview__year-label").all_inner_texts() == ["2026", "2025"]


def test_the_axis_shows_a_month_without_events_as_a_gap(page, timeline_site):
    page.goto(timeline_site.url)
    october = page.locator('.tl-overview__month[data-month="2025-10"]')
    assert "tl-overview__month--empty" in october.get_attribute("class")
    assert october.locator("a").count() == 0


def test_the_axis_runs_newest_first_like_the_list(page, timeline_site):
    page.goto(timeline_site.url)
    months = page.locator(".tl-overview__month").evaluate_all(
        "months => months.map(m => [m.dataset.month, m.getBoundingClientRect().left])")
    lefts = [left for _, left in months]
    assert months[0][0] == "2026-06" and lefts == sorted(lefts)


def test_the_axis_follows_the_order_toggle(page, timeline_site):
    page.goto(timeline_site.url)
    page.locator('.tl-order__button[data-order="oldest"]').first.click()
    first = page.locator('.tl-overview__month[data-month="2025-09"]').bounding_box()
    last = page.locator('.tl-overview__month[data-month="2026-06"]').bounding_box()
    assert first["x"] < last["x"]


def test_a_month_on_the_axis_leads_to_that_month(page, timeline_site):
    page.goto(timeline_site.url)
    page.locator('.tl-overview__month[data-month="2026-04"] a').click()
    page.wait_for_url("**/#2026-04")
    expect(page.locator('[id="2026-04"]')).to_be_in_viewport()


def test_the_axis_stays_at_hand_while_the_list_scrolls(page, timeline_site):
    page.goto(timeline_site.url)
    page.locator('[id="2025-09"]').scroll_into_view_if_needed()
    axis = page.locator(".tl-overview")
    expect(axis).to_be_in_viewport()
    expect(axis).to_have_class(re.compile(r"\btl-overview--stuck\b"))


def test_the_axis_can_be_read_without_javascript(browser, timeline_site):  # noqa: F811
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(timeline_site.url)
    june = page.locator('.tl-overview__month[data-month="2026-06"]')
    expect(june.locator(".tl-overview__short")).to_be_visible()
    expect(june.locator(".tl-overview__count")).to_have_text("2")
    context.close()


def test_a_year_page_has_its_own_axis_and_no_repeated_heading(page, timeline_site):
    page.goto(timeline_site.url + "years/2026/")
    assert page.locator(".tl-overview__year-label").all_inner_texts() == ["2026"]
    assert page.locator(".md-content h1").all_inner_texts() == ["2026"]
    assert page.locator(".md-content h2", has_text=re.compile(r"^2026$")).count() == 0
    assert page.locator(".md-content h2.tl-month__title").first.inner_text() == "June 2026"


# -- key developments and rows -------------------------------------------------------------


def test_the_home_page_opens_with_the_key_developments(page, timeline_site):
    page.goto(timeline_site.url)
    key = page.locator(".tl-key")
    expect(key.locator("h2")).to_have_text("Key developments")
    assert key.locator("li a").all_inner_texts() == [
        "Acme Labs releases Acme Coder, its first coding model"]
    expect(key.locator("li time")).to_have_text("September 2025")
    above = key.bounding_box()["y"] < page.locator(".tl-static").bounding_box()["y"]
    assert above


def test_a_key_development_is_marked_in_the_list(page, timeline_site):
    page.goto(timeline_site.url)
    entry = page.locator(".tl-static .tl-entry--key")
    assert entry.locator(".tl-entry__title").all_inner_texts() == [
        "Acme Labs releases Acme Coder, its first coding model"]


def test_every_row_lede_ends_at_a_sentence_boundary(page, timeline_site):
    page.goto(timeline_site.url)
    ledes = page.locator(".tl-static .tl-entry__lede").all_inner_texts()
    assert len(ledes) == 12
    assert [lede for lede in ledes if not re.search(r"[.!?]['’”)]*$", lede)] == []
    assert [lede for lede in ledes if lede.endswith("…")] == []


def test_a_row_says_who_reported_it(page, timeline_site):
    page.goto(timeline_site.url)
    row = page.locator(f'.tl-static .tl-entry[id="{SATO.split("/")[1]}"]')
    expect(row.locator(".tl-entry__reported")).to_have_text(
        "Reported by Sample Wire, Example Daily")


def test_a_row_under_its_month_shows_only_the_day(page, timeline_site):
    page.goto(timeline_site.url)
    row = page.locator(f'.tl-static .tl-entry[id="{SATO.split("/")[1]}"]')
    expect(row.locator(".tl-date")).to_have_text("20 March")


def test_a_month_dated_row_repeats_no_date_under_its_month(page, timeline_site):
    page.goto(timeline_site.url)
    row = page.locator('.tl-static .tl-entry[id="2026-04-acme-labs-releases-acme-coder-2"]')
    assert row.locator(".tl-date").count() == 0


def test_a_gap_between_month_dates_is_said_in_months(page, timeline_site):
    page.goto(timeline_site.url)
    gaps = page.locator(".tl-static .tl-gap__newest").all_inner_texts()
    assert gaps and all(re.fullmatch(r"about \w+ months? earlier", gap) for gap in gaps), gaps


# -- wayfinding ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["", SATO, "actors/acme-labs/", "years/2026/", "about/"])
def test_every_page_has_a_skip_link_to_its_content(page, timeline_site, path):
    page.goto(timeline_site.url + path)
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("Skip to content")
    anchor = skip.get_attribute("href").rpartition("#")[2]
    expect(page.locator(f'.md-content [id="{anchor}"]')).to_have_count(1)


def test_the_home_page_lists_its_years_and_months_beside_the_timeline(page, timeline_site):
    page.goto(timeline_site.url)
    toc = page.locator(".md-sidebar--secondary nav.md-nav--secondary")
    expect(toc.get_by_role("link", name="2026", exact=True)).to_be_visible()
    expect(toc.get_by_role("link", name="June 2026")).to_be_visible()
    expect(toc.get_by_role("link", name="Key developments")).to_be_visible()


@pytest.mark.parametrize("path", [SATO, "actors/acme-labs/", "tags/talent/",
                                  "sources/sample-wire/"])
def test_a_page_of_the_timeline_leads_back_to_it(page, timeline_site, path):
    page.goto(timeline_site.url + path)
    back = page.locator("a.tl-back__link")
    expect(back).to_have_text("← Back to the timeline")
    expect(page.locator(".md-tabs__item--active")).to_have_count(1)


def test_back_to_the_timeline_returns_to_the_event_in_the_list(page, timeline_site):
    page.goto(timeline_site.url + SATO)
    page.locator("a.tl-back__link").click()
    page.wait_for_url(f"**/#{SATO.split('/')[1]}")
    expect(page.locator(f'[id="{SATO.split("/")[1]}"]')).to_be_in_viewport()


def test_back_to_the_timeline_keeps_the_readers_filters(page, timeline_site):
    page.goto(timeline_site.url + "?tag=talent")
    page.locator(".tl-results .tl-entry").first.wait_for()
    page.locator(".tl-results .tl-entry__title a").first.click()
    page.locator("a.tl-back__link").click()
    page.wait_for_url(re.compile(r"\?tag=talent"))
    page.locator(".tl-results .tl-entry").first.wait_for()


def test_an_actor_page_lists_events_newest_first_like_the_timeline(page, timeline_site):
    page.goto(timeline_site.url + "actors/marta-quill/")
    titles = page.locator(".tl-entry__title").all_inner_texts()
    assert titles == ["Marta Quill leaves Acme Labs",
                      "Marta Quill joins Acme Labs from Globex AI"]


def test_the_actors_index_says_what_each_actor_is(page, timeline_site):
    page.goto(timeline_site.url + "actors/")
    people = page.locator("#person + ul")
    marta = people.locator("li", has_text="Marta Quill")
    expect(marta.locator(".tl-index__note")).not_to_be_empty()


# -- every page kind finished ---------------------------------------------------------------


def test_the_404_page_leads_to_the_timeline_and_search(page, timeline_site):
    response = page.goto(timeline_site.url + "no/such/page/")
    assert response.status == 404
    expect(page.locator(".md-content h1")).to_have_text("This page does not exist")
    expect(page.locator(".md-content")).to_contain_text("renamed")
    page.get_by_role("link", name="Go to the timeline").click()
    page.wait_for_url(timeline_site.url)


def test_the_404_page_opens_search(page, timeline_site):
    page.goto(timeline_site.url + "no/such/page/")
    page.locator(".md-content label", has_text="Search the timeline").click()
    expect(page.locator("#__search")).to_be_checked()
    page.locator(".md-search__input").fill("Sato")
    expect(page.locator(".md-search-result__item").first).to_contain_text("Lena Sato")


def test_a_shared_event_link_previews_its_date_status_and_an_image(page, timeline_site):
    page.goto(timeline_site.url + SATO)
    description = page.locator('meta[property="og:description"]').get_attribute("content")
    assert description.startswith("20 March 2026 · Reported. ")
    image = page.locator('meta[property="og:image"]').get_attribute("content")
    assert image == timeline_site.url + "images/social-card.png"
    assert page.request.get(image).status == 200


# -- accessibility and screenshots ----------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_serious_accessibility_violation_on_any_page_kind(browser, timeline_site,  # noqa: F811
                                                             kind, scheme):
    context = browser.new_context(color_scheme=scheme, viewport=DESKTOP)
    page = context.new_page()
    page.goto(timeline_site.url + PAGE_KINDS[kind])
    serious = serious_violations(page)
    context.close()
    assert not serious, "\n".join(serious)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violation_with_the_search_panel_open(
        browser, timeline_site, scheme):  # noqa: F811
    context = browser.new_context(color_scheme=scheme, viewport=DESKTOP)
    page = context.new_page()
    page.goto(timeline_site.url)
    page.keyboard.press("/")
    page.keyboard.type("Acme")
    page.locator(".md-search-result__item").first.wait_for()
    serious = serious_violations(page)
    context.close()
    assert not serious, "\n".join(serious)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_screenshot_of_every_page_kind(browser, timeline_site, kind, width, scheme):  # noqa: F811
    context = browser.new_context(color_scheme=scheme,
                                  viewport=DESKTOP if width == "desktop" else PHONE,
                                  device_scale_factor=1)
    page = context.new_page()
    page.goto(timeline_site.url + PAGE_KINDS[kind])
    page.wait_for_timeout(200)  # the theme's palette and fonts settle
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{kind}-{width}-{scheme}.png"
    page.screenshot(path=str(target), full_page=True)
    context.close()
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
