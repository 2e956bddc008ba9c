"""Feeds and data files, read back with real parsers: json + jsonschema, csv, feedparser,
xml.etree, icalendar. Built by real MkDocs from the small fixture site (hostile text
included) and, for the pages of the repository's own docs/, from the timeline fixture."""

from __future__ import annotations

import csv
import gzip
import io
import json
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime

import feedparser
import icalendar
import jsonschema
import pytest

from tests.helpers import BuiltSite, mkdocs_build, small_project
from timeline.format.schema import load_schema
from timeline.model.dates import parse_partial_date
from timeline.model.records import Actor, Event, Source, Timeline
from timeline.site.data import events_csv, spreadsheet_safe
from timeline.site.feeds import calendar_span
from timeline.site.options import SiteOptions

ATOM = "{http://www.w3.org/2005/Atom}"


def read_text(site: BuiltSite, path: str) -> str:
    return (site.root / path).read_text(encoding="utf-8")


# -- api/events.json ----------------------------------------------------------------------


def test_events_json_is_valid_against_its_published_schema(small_site):
    document = json.loads(read_text(small_site, "api/events.json"))
    schema = json.loads(read_text(small_site, "api/events.schema.json"))
    jsonschema.Draft202012Validator(schema).validate(document)
    assert schema == load_schema("events-api")


def test_events_json_has_a_schema_version_and_every_event_oldest_first(small_site):
    document = json.loads(read_text(small_site, "api/events.json"))
    assert document["schema_version"] == 1
    assert [event["id"] for event in document["events"]] == [
        "2025-hostile-text", "2026-04-spanning-event", "2026-04-21-day-event",
        "2026-04-21-day-event-recorded-twice", "2026-06-approximate-event"]


def test_events_json_carries_corrections(small_site):
    events = {e["id"]: e for e in json.loads(read_text(small_site, "api/events.json"))["events"]}
    assert events["2026-04-spanning-event"]["retracted"] == {
        "date": {"text": "2026-07", "precision": "month", "first_day": "2026-07-01",
                 "last_day": "2026-07-31"},
        "reason": "Example Weekly withdrew the article"}
    assert events["2026-04-21-day-event-recorded-twice"]["duplicate_of"] == (
        "2026-04-21-day-event")
    assert events["2026-04-21-day-event"]["aliases"] == ["2026-04-21-old-name-of-day-event"]


def test_events_json_keeps_dates_as_written_with_their_precision(small_site):
    events = {e["id"]: e for e in json.loads(read_text(small_site, "api/events.json"))["events"]}
    spanning = events["2026-04-spanning-event"]
    assert spanning["date"] == {"text": "2026-04", "precision": "month",
                                "first_day": "2026-04-01", "last_day": "2026-04-30"}
    assert spanning["end"]["text"] == "2026-06"
    assert events["2025-hostile-text"]["date"]["precision"] == "year"
    assert events["2026-06-approximate-event"]["approximate"] is True
    assert events["2026-06-approximate-event"]["display_date"] == "c. June 2026"


def test_events_json_resolves_actors_and_gives_absolute_page_urls(small_site):
    events = {e["id"]: e for e in json.loads(read_text(small_site, "api/events.json"))["events"]}
    day_event = events["2026-04-21-day-event"]
    assert day_event["url"] == "https://example.org/timeline/events/2026-04-21-day-event/"
    actor = day_event["actors"][0]
    assert set(actor) == {"slug", "name", "kind", "url"}
    assert actor["url"].startswith("https://example.org/timeline/actors/")


def test_events_json_keeps_hostile_text_as_data(small_site):
    events = {e["id"]: e for e in json.loads(read_text(small_site, "api/events.json"))["events"]}
    hostile = events["2025-hostile-text"]
    assert hostile["title"] == 'Ampersands & "quotes" < not a tag'
    assert hostile["sources"][0]["title"] == '"><script>alert("source")</script>'


# -- api/events.csv -----------------------------------------------------------------------


def test_events_csv_has_a_header_and_one_row_per_event(small_site):
    rows = list(csv.DictReader(io.StringIO(read_text(small_site, "api/events.csv"), newline="")))
    assert [row["id"] for row in rows] == [
        "2025-hostile-text", "2026-04-spanning-event", "2026-04-21-day-event",
        "2026-04-21-day-event-recorded-twice", "2026-06-approximate-event"]
    spanning = rows[1]
    assert (spanning["date"], spanning["end"], spanning["precision"], spanning["status"],
            spanning["retracted"]) == ("2026-04", "2026-06", "month", "reported", "2026-07")
    assert rows[3]["duplicate_of"] == "2026-04-21-day-event"


def test_events_csv_summary_is_plain_text(small_site):
    rows = list(csv.DictReader(io.StringIO(read_text(small_site, "api/events.csv"), newline="")))
    assert rows[0]["summary"].startswith("Emphasis survives and a link too.")
    assert "<script>" not in read_text(small_site, "api/events.csv").split("\n", 1)[1].split(",")[7]


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\")", "+1", "-1+2", "@SUM(A1)",
                                  "\tTAB", "\rCR"])
def test_spreadsheet_formulas_are_neutralised(cell):
    assert spreadsheet_safe(cell) == "'" + cell


def test_ordinary_cells_are_left_alone():
    assert spreadsheet_safe("Google DeepMind") == "Google DeepMind"


def test_a_title_starting_with_equals_is_quoted_in_the_csv():
    lab = Actor(slug="lab", name="@lab", kind="organization")
    event = Event(id="2026-04-x", path="2026/2026-04-x.yaml", title="=cmd|' /C calc'!A0",
                  date=parse_partial_date("2026-04"), status="reported", summary="-2+3",
                  actors=(lab,), sources=(Source(title="t", url="https://example.com/"),))
    rows = list(csv.DictReader(io.StringIO(events_csv(Timeline((event,)), SiteOptions()))))
    assert (rows[0]["title"], rows[0]["summary"], rows[0]["actors"]) == (
        "'=cmd|' /C calc'!A0", "'-2+3", "'@lab")


# -- feed.xml -----------------------------------------------------------------------------


def test_feed_is_atom_that_feed_readers_parse(small_site):
    feed = feedparser.parse(read_text(small_site, "feed.xml"))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Fixture timeline"
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [
        "https://example.org/timeline/feed.xml"]


def test_feed_lists_newest_events_first_with_links_to_their_pages(small_site):
    feed = feedparser.parse(read_text(small_site, "feed.xml"))
    assert [entry.link for entry in feed.entries] == [
        "https://example.org/timeline/events/2026-06-approximate-event/",
        "https://example.org/timeline/events/2026-04-21-day-event/",
        "https://example.org/timeline/events/2026-04-spanning-event/",
        "https://example.org/timeline/events/2025-hostile-text/"]


def test_feed_entry_summary_starts_with_date_as_written_and_status(small_site):
    feed = feedparser.parse(read_text(small_site, "feed.xml"))
    assert feed.entries[0].summary.startswith("c. June 2026 (reported). ")


def test_feed_entry_of_a_retracted_event_says_so(small_site):
    feed = feedparser.parse(read_text(small_site, "feed.xml"))
    entry = next(e for e in feed.entries if "spanning" in e.link)
    assert entry.summary.startswith(
        "April – June 2026 (reported; retracted July 2026: Example Weekly withdrew the "
        "article). ")


def test_feed_carries_hostile_text_as_text_only(small_site):
    root = ET.fromstring(read_text(small_site, "feed.xml").encode("utf-8"))
    titles = [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]
    assert 'Ampersands & "quotes" < not a tag' in titles
    assert not list(root.iter("script"))


def test_feed_date_comes_from_the_events_not_the_clock(small_site):
    root = ET.fromstring(read_text(small_site, "feed.xml").encode("utf-8"))
    assert root.find(f"{ATOM}updated").text == "2026-06-01T00:00:00+00:00"


def test_every_page_links_the_feed_in_its_head(timeline_site):
    without = [page.relative_to(timeline_site.root).as_posix()
               for page in sorted(timeline_site.root.rglob("index.html"))
               if 'rel="alternate" type="application/atom+xml"'
               not in page.read_text(encoding="utf-8").split("</head>", 1)[0]]
    assert without == []


# -- events.ics ---------------------------------------------------------------------------


def calendar_events(site: BuiltSite) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(read_text(site, "events.ics"))
    return {str(item["uid"]).split("@")[0]: item for item in calendar.walk("VEVENT")}


def test_calendar_has_one_vevent_per_event(small_site):
    assert sorted(calendar_events(small_site)) == [
        "2025-hostile-text", "2026-04-21-day-event", "2026-04-spanning-event",
        "2026-06-approximate-event"]


def test_a_retracted_event_is_a_cancelled_calendar_entry(small_site):
    assert str(calendar_events(small_site)["2026-04-spanning-event"]["status"]) == "CANCELLED"


def test_a_day_event_is_one_all_day_entry(small_site):
    item = calendar_events(small_site)["2026-04-21-day-event"]
    assert (item.decoded("dtstart"), item.decoded("dtend")) == (date(2026, 4, 21),
                                                                date(2026, 4, 22))


def test_a_month_event_spans_its_month(small_site):
    item = calendar_events(small_site)["2026-06-approximate-event"]
    assert (item.decoded("dtstart"), item.decoded("dtend")) == (date(2026, 6, 1),
                                                                date(2026, 7, 1))
    assert str(item["description"]).startswith("c. June 2026 (reported).")


def test_a_year_event_spans_its_year_and_a_span_runs_to_its_end(small_site):
    items = calendar_events(small_site)
    assert items["2025-hostile-text"].decoded("dtend") == date(2026, 1, 1)
    assert items["2026-04-spanning-event"].decoded("dtend") == date(2026, 7, 1)


def test_calendar_entries_do_not_block_time_and_link_to_their_page(small_site):
    item = calendar_events(small_site)["2026-04-21-day-event"]
    assert str(item["transp"]) == "TRANSPARENT"
    assert str(item["url"]) == "https://example.org/timeline/events/2026-04-21-day-event/"


def test_calendar_span_of_a_day_is_one_day():
    event = Event(id="2026-04-21-x", path="", title="t", date=parse_partial_date("2026-04-21"),
                  status="reported", summary="s", actors=(), sources=())
    assert calendar_span(event) == (date(2026, 4, 21), date(2026, 4, 22))


def test_source_date_epoch_pins_the_one_timestamp(tmp_path):
    project = small_project(tmp_path / "project")
    mkdocs_build(project, project / "site",
                 env={"SOURCE_DATE_EPOCH": "1767225600"})  # 2026-01-01T00:00:00Z
    root = ET.fromstring((project / "site/feed.xml").read_bytes())
    assert root.find(f"{ATOM}updated").text == "2026-01-01T00:00:00+00:00"
    calendar = icalendar.Calendar.from_ical((project / "site/events.ics").read_text())
    stamps = {item.decoded("dtstamp") for item in calendar.walk("VEVENT")}
    assert stamps == {datetime(2026, 1, 1, tzinfo=UTC)}


# -- the export page ----------------------------------------------------------------------


def test_the_export_page_links_every_file(timeline_site):
    page = read_text(timeline_site, "export/index.html")
    for target in ["../feed.xml", "../events.ics", "../api/events.json", "../api/events.csv",
                   "../api/events.schema.json"]:
        assert f'href="{target}"' in page
        assert (timeline_site.root / target.removeprefix("../")).is_file()


# -- no output lets event text become markup ----------------------------------------------

HOSTILE_MARKUP = ["<script>alert", "onerror=", "onclick=", "javascript:alert", "<b>Publisher"]


def test_no_html_page_or_redirect_carries_hostile_markup(small_site):
    for page in small_site.root.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert [m for m in HOSTILE_MARKUP if m in text] == [], page


def test_the_search_index_carries_hostile_text_as_text(small_site):
    # The theme's own index holds no page; Pagefind's records hold text, which its
    # excerpts and the search worker escape when they show it.
    index = read_text(small_site, "search/search_index.json")
    assert [m for m in HOSTILE_MARKUP if m in index] == []
    records = [json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])
               for path in (small_site.root / "search/pagefind/fragment").glob("*")]
    [hostile] = [r for r in records if r["url"] == "events/2025-hostile-text/"]
    assert hostile["meta"]["title"] == 'Ampersands & "quotes" < not a tag'


def test_the_feed_and_calendar_carry_hostile_text_as_text(small_site):
    feed = read_text(small_site, "feed.xml")
    assert "<script>" not in feed
    assert "<title>Ampersands &amp; \"quotes\" &lt; not a tag</title>" in feed
    summaries = [str(item["summary"]) for item in calendar_events(small_site).values()]
    assert 'Ampersands & "quotes" < not a tag' in summaries
