"""Feeds readers can follow: the site's, and an Atom feed and a calendar for every actor
and every tag, linked from its page and from the page head, readable in a browser.

Built from the timeline fixture by the real `mkdocs build --strict` (``timeline_site``);
read back by feedparser, icalendar and lxml's XSLT, as feed readers, calendars and
browsers read them.
"""

from __future__ import annotations

import datetime as dt

import feedparser
import icalendar
import pytest
from lxml import etree

from tests.helpers import TIMELINE_EVENTS, read_page
from timeline.check import check
from timeline.model.records import Event, Timeline
from timeline.site import urls
from timeline.site.feeds import CALENDAR_LIMIT, FEED_LIMIT, SUBJECT_FEED_LIMIT, Channel, Feeds
from timeline.site.options import SiteOptions

TIMELINE = check(TIMELINE_EVENTS).timeline
ACTORS = list(TIMELINE.actors)
TAGS = list(TIMELINE.tags)


def listed_ids(events: list[Event]) -> set[str]:
    return {event.id for event in events if not event.duplicate_of}


@pytest.mark.parametrize("slug", ACTORS)
def test_every_actor_has_an_atom_feed_of_its_events(timeline_site, slug):
    feed = feedparser.parse((timeline_site.root / urls.actor_feed(slug)).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert {entry.link.rstrip("/").rsplit("/", 1)[-1] for entry in feed.entries} == \
        listed_ids(TIMELINE.events_with_actor(slug))
    assert feed.feed.title == f"The AI coding race: {TIMELINE.actors[slug].name}"


@pytest.mark.parametrize("slug", TAGS)
def test_every_tag_has_an_atom_feed_of_its_events(timeline_site, slug):
    feed = feedparser.parse((timeline_site.root / urls.tag_feed(slug)).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert {entry.link.rstrip("/").rsplit("/", 1)[-1] for entry in feed.entries} == \
        listed_ids(TIMELINE.events_with_tag(slug))


@pytest.mark.parametrize("path", [urls.actor_calendar(s) for s in ACTORS]
                         + [urls.tag_calendar(s) for s in TAGS])
def test_every_actor_and_tag_has_a_calendar_a_calendar_reads(timeline_site, path):
    calendar = icalendar.Calendar.from_ical((timeline_site.root / path).read_text())
    assert calendar.walk("VEVENT"), path
    assert str(calendar["x-wr-calname"]).startswith("The AI coding race: ")


def test_an_actors_calendar_holds_its_events(timeline_site):
    calendar = icalendar.Calendar.from_ical(
        (timeline_site.root / urls.actor_calendar("lena-sato")).read_text())
    assert [str(item["summary"]) for item in calendar.walk("VEVENT")] == \
        [event.title for event in TIMELINE.events_with_actor("lena-sato")]


def test_a_feed_entry_carries_the_whole_summary_and_the_sources(timeline_site):
    feed = feedparser.parse((timeline_site.root / urls.FEED).read_bytes())
    event = TIMELINE.by_id["2026-03-20-lena-sato-leaves-initech-for-globex-ai"]
    entry = next(e for e in feed.entries if event.id in e.link)
    content = entry.content[0].value
    assert event.sources[0].title in content
    assert "relaying Sample Wire" in content
    assert " ".join(event.summary.split()[-4:]) in " ".join(content.split())


def test_a_feed_entry_has_the_tags_and_actors_as_categories(timeline_site):
    feed = feedparser.parse((timeline_site.root / urls.FEED).read_bytes())
    event = TIMELINE.by_id["2026-03-20-lena-sato-leaves-initech-for-globex-ai"]
    entry = next(e for e in feed.entries if event.id in e.link)
    assert [tag.term for tag in entry.tags] == \
        [t.slug for t in event.tags] + [a.slug for a in event.actors]


def test_every_feed_names_the_site_as_its_author_and_states_the_licence(timeline_site):
    for path in (urls.FEED, urls.actor_feed("acme-labs"), urls.tag_feed("talent")):
        feed = feedparser.parse((timeline_site.root / path).read_bytes())
        assert feed.feed.author == "The AI coding race"
        assert feed.feed.rights.startswith("Creative Commons Attribution 4.0 International")


def test_an_actor_page_offers_to_follow_it(timeline_site):
    page = read_page(timeline_site.root, "actors/acme-labs")
    assert ('<span class="tl-follow__label">Follow Acme Labs:</span> <a class="md-button '
            'tl-follow__feed" href="feed.xml" type="application/atom+xml">Atom feed</a> <a '
            'class="md-button tl-follow__calendar" href="events.ics" type="text/calendar">'
            'Calendar</a>') in page


def test_a_tag_page_names_its_feeds_in_the_page_head(timeline_site):
    page = read_page(timeline_site.root, "tags/talent")
    head = page[:page.index("</head>")]
    assert '<link rel="alternate" type="application/atom+xml" title="Talent (Atom)" ' \
           'href="feed.xml">' in head
    assert '<link rel="alternate" type="text/calendar" title="Talent (iCalendar)" ' \
           'href="events.ics">' in head
    assert 'title="The AI coding race (Atom)" href="../../feed.xml"' in head


def test_a_browser_shows_a_feed_as_a_page_of_its_entries(timeline_site):
    path = urls.actor_feed("lena-sato")
    document = etree.parse(str(timeline_site.root / path))
    instruction = document.getroot().getprevious()
    assert instruction.target == "xml-stylesheet"
    stylesheet = (timeline_site.root / path).parent / instruction.get("href")
    page = etree.XSLT(etree.parse(str(stylesheet)))(document)
    text = " ".join(etree.tostring(page, method="text", encoding="unicode").split())
    assert "The AI coding race: Lena Sato" in text
    assert "This is a feed. To follow it, copy its address into a feed reader" in text
    for event in TIMELINE.events_with_actor("lena-sato"):
        assert event.title in text


# -- how many entries ---------------------------------------------------------------------


def many_events(count: int) -> list[Event]:
    template = TIMELINE.events_with_actor("lena-sato")[0]
    return [Event(id=f"2026-01-event-{n:03d}", path=f"2026/2026-01-event-{n:03d}.yaml",
                  title=f"Event {n}", date=template.date, status="reported",
                  summary="A summary.", actors=template.actors, sources=template.sources,
                  added=dt.date(2026, 2, 1) + dt.timedelta(days=n))
            for n in range(count)]


def test_the_site_feed_holds_the_latest_changes_up_to_its_limit():
    events = tuple(many_events(FEED_LIMIT + 10))
    feeds = Feeds(Timeline(events, TIMELINE.actors, TIMELINE.tags),
                  SiteOptions(site_url="https://example.org/"))
    feed = feedparser.parse(feeds.atom(Channel("feed.xml", "events.ics", "index.md", "T", "S",
                                               "timeline", events, feed_limit=FEED_LIMIT)))
    assert len(feed.entries) == FEED_LIMIT
    assert feed.entries[0].title == f"Event {FEED_LIMIT + 9}"
    assert feed.entries[-1].title == "Event 10"


def test_an_actors_feed_holds_its_latest_changes_up_to_its_limit():
    events = tuple(many_events(SUBJECT_FEED_LIMIT + 5))
    feeds = Feeds(Timeline(events, TIMELINE.actors, TIMELINE.tags), SiteOptions())
    feed = feedparser.parse(feeds.atom(Channel("f.xml", "e.ics", "actors/x.md", "T", "S",
                                               "actor:x", events)))
    assert len(feed.entries) == SUBJECT_FEED_LIMIT
    assert feed.entries[0].title == f"Event {SUBJECT_FEED_LIMIT + 4}"


def test_an_actors_calendar_holds_its_latest_events_up_to_the_limit():
    events = tuple(many_events(CALENDAR_LIMIT + 10))
    feeds = Feeds(Timeline(events, TIMELINE.actors, TIMELINE.tags), SiteOptions())
    calendar = icalendar.Calendar.from_ical(feeds.calendar(Channel(
        "f.xml", "e.ics", "actors/x.md", "T", "S", "actor:x", events)))
    assert len(calendar.walk("VEVENT")) == CALENDAR_LIMIT
