"""What a row, a page's table of contents and a shared link's preview say, from the model:
site/pages.py's small pure helpers and site/toc.py."""

from __future__ import annotations

from timeline.model.dates import parse_partial_date
from timeline.model.records import Actor, Event, Source
from timeline.site.pages import event_description
from timeline.site.rows import common_status, reported_by, row_date
from timeline.site.toc import toc_tokens

ACME = Actor(slug="acme-labs", name="Acme Labs", kind="organization")


def event(date: str = "2026-06-12", *, end: str | None = None, approximate: bool = False,
          status: str = "reported", publishers: tuple[str | None, ...] = ("Example Times",),
          ) -> Event:
    return Event(
        id=f"{date}-an-event", path=f"2026/{date}-an-event.yaml", title="An event",
        date=parse_partial_date(date), status=status, summary="It happened.",
        actors=(ACME,),
        sources=tuple(Source(title=f"Report {n}", publisher=publisher)
                      for n, publisher in enumerate(publishers)),
        end=parse_partial_date(end) if end else None, approximate=approximate)


# -- the date a row adds to its month's heading ---------------------------------------------


def test_a_day_shows_as_the_day_and_month():
    assert row_date(event("2026-06-12")) == "12 June"


def test_a_month_adds_nothing_to_its_heading():
    assert row_date(event("2026-06")) == ""


def test_an_approximate_month_says_so():
    assert row_date(event("2026-06", approximate=True)) == "c. June"


def test_an_approximate_day_says_so():
    assert row_date(event("2026-06-12", approximate=True)) == "c. 12 June"


def test_a_year_adds_nothing_to_its_heading():
    assert row_date(event("2026")) == ""


def test_a_span_shows_in_full():
    assert row_date(event("2026-06-12", end="2026-06-20")) == "12 – 20 June 2026"


# -- who reported it -----------------------------------------------------------------------


def test_one_publisher_is_named():
    assert reported_by(event(publishers=("Example Times",))) == "Example Times"


def test_two_publishers_are_named():
    assert reported_by(event(publishers=("Example Times", "Sample Wire"))) == \
        "Example Times, Sample Wire"


def test_more_than_two_publishers_are_counted():
    publishers = ("Example Times", "Sample Wire", "Example Daily", "The Fixture Post")
    assert reported_by(event(publishers=publishers)) == "Example Times, Sample Wire + 2 more"


def test_a_publisher_cited_twice_is_named_once():
    assert reported_by(event(publishers=("Example Times", "Example Times"))) == "Example Times"


def test_sources_without_a_publisher_name_nobody():
    assert reported_by(event(publishers=(None,))) == ""


# -- a status every event shares -----------------------------------------------------------


def test_a_status_all_events_share_is_common():
    assert common_status([event(), event("2026-05")]) == "reported"


def test_differing_statuses_have_none_in_common():
    assert common_status([event(), event("2026-05", status="confirmed")]) is None


def test_a_single_event_has_nothing_to_share():
    assert common_status([event()]) is None


# -- a shared link's preview ---------------------------------------------------------------


def test_an_event_description_starts_with_its_date_and_status():
    assert event_description(event("2026-06", approximate=True), "It happened.") == \
        "c. June 2026 · Reported. It happened."


# -- a generated page's table of contents --------------------------------------------------


def test_headings_with_an_id_nest_by_level():
    body = ('<h1 id="title">Timeline</h1><h2 id="year-2026">2026</h2>'
            '<h3 class="tl-month__title" id="2026-06">June 2026</h3>'
            '<h3 id="2026-04">April 2026</h3><h2 id="by-year">By year</h2>')
    [title] = toc_tokens(body)
    assert (title["id"], title["level"], title["name"]) == ("title", 1, "Timeline")
    assert [child["id"] for child in title["children"]] == ["year-2026", "by-year"]
    assert [month["name"] for month in title["children"][0]["children"]] == [
        "June 2026", "April 2026"]


def test_a_heading_without_an_id_is_not_listed():
    body = '<h1 id="title">Acme Labs</h1><h3 class="tl-entry__title"><a href="x">An event</a></h3>'
    assert toc_tokens(body)[0]["children"] == []


def test_a_heading_name_is_plain_escaped_text():
    [token] = toc_tokens('<h1 id="title">Q&amp;A <em>now</em></h1>')
    assert token["name"] == "Q&amp;A now"
