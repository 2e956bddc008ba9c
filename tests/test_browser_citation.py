"""In Chromium: "Cite this event" copies the citation and the BibTeX entry, and an actor's
page offers its feeds. The site is the timeline fixture served by ``tests/conftest.py``."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.test_browser import browser, chromium_executable  # noqa: F401 (fixtures)

EVENT = "events/2026-03-20-lena-sato-leaves-initech-for-globex-ai/"


@pytest.fixture
def page(browser, timeline_site):  # noqa: F811 (the fixture imported above)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"],
                              origin=timeline_site.url.rstrip("/"))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], "JavaScript errors on the page"


def test_copy_citation_puts_the_citation_on_the_clipboard(page, timeline_site):
    page.goto(timeline_site.url + EVENT)
    page.click(".tl-cite > summary")
    page.get_by_role("button", name="Copy citation").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#citation-text").text_content()
    assert copied.endswith(f"The AI coding race. {timeline_site.url}{EVENT}")


def test_copy_bibtex_puts_the_entry_on_the_clipboard(page, timeline_site):
    page.goto(timeline_site.url + EVENT)
    page.click(".tl-cite > summary")
    page.get_by_role("button", name="Copy BibTeX").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("@misc{2026-03-20-lena-sato-leaves-initech-for-globex-ai,\n")


def test_the_copy_buttons_are_hidden_until_the_script_can_copy(browser, timeline_site):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(timeline_site.url + EVENT)
    page.click(".tl-cite > summary")
    expect(page.locator(".tl-copy").first).to_be_hidden()
    expect(page.locator("#citation-text")).to_be_visible()
    context.close()


def test_an_actors_follow_links_lead_to_its_feed_and_calendar(page, timeline_site):
    page.goto(timeline_site.url + "actors/lena-sato/")
    feed = page.get_by_role("link", name="Atom feed")
    calendar = page.get_by_role("link", name="Calendar")
    assert page.request.get(feed.evaluate("a => a.href")).ok
    assert page.request.get(calendar.evaluate("a => a.href")).ok
