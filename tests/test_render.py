"""Rendering rules that only show at scale, checked on a synthetic timeline in memory."""

from __future__ import annotations

import re

from timeline.model.dates import parse_partial_date
from timeline.model.records import Actor, Event, Source, Tag, Timeline
from timeline.site.options import SiteOptions
from timeline.site.pages import FULL_LISTING_LIMIT, render_pages

LAB = Actor(slug="lab", name="Lab", kind="organization")
TOPIC = Tag(slug="topic", name="Topic", description="A topic.")


def many_events(count: int) -> Timeline:
    events = tuple(
        Event(id=f"2026-01-{day:02d}-event-{number}", path=f"2026/event-{number}.yaml",
              title=f"Event number {number}", date=parse_partial_date(f"2026-01-{day:02d}"),
              status="reported", summary=f"Summary of event {number}.", actors=(LAB,),
              tags=(TOPIC,), sources=(Source(title="An article", url="https://example.com/"),))
        for number, day in ((n, 1 + n % 28) for n in range(count)))
    return Timeline(tuple(sorted(events, key=lambda e: e.sort_key)), {"lab": LAB},
                    {"topic": TOPIC})


def entries(page: str) -> tuple[int, int]:
    """(full entries, one-line entries) on a page, leaving out the script's template."""
    page = re.sub(r"<template.*?</template>", "", page, flags=re.DOTALL)
    compact = page.count('<li class="tl-entry tl-entry--compact"')
    return page.count('<li class="tl-entry') - compact, compact


def test_a_short_listing_shows_full_entries():
    pages = render_pages(many_events(FULL_LISTING_LIMIT), SiteOptions())
    assert entries(pages["actors/lab.md"]) == (FULL_LISTING_LIMIT, 0)


def test_a_long_listing_shows_one_line_per_event():
    count = FULL_LISTING_LIMIT + 1
    pages = render_pages(many_events(count), SiteOptions())
    for page in ["actors/lab.md", "tags/topic.md", "years/2026.md"]:
        assert entries(pages[page]) == (0, count), page


def test_the_home_page_always_shows_full_entries_for_its_newest_events():
    pages = render_pages(many_events(120), SiteOptions(home_limit=100))
    assert entries(pages["index.md"]) == (100, 0)


def test_an_actor_page_offers_the_filtered_timeline():
    pages = render_pages(many_events(3), SiteOptions())
    assert '<a href="../../?actor=lab">Show them on the timeline</a>' in pages["actors/lab.md"]
