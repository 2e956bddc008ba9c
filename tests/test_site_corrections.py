"""A correction written by an editor shows on the event's page, in the listings, in the
feeds and in the data, built by the real `mkdocs build --strict` from a small fixture."""

from __future__ import annotations

import json

import feedparser
import pytest

from tests.helpers import mkdocs_build, read_page, small_project

EVENT_ID = "2026-04-21-day-event"
CORRECTION = "The day was first given as 20 April; the source says 21 April."


@pytest.fixture(scope="module")
def corrected_site(tmp_path_factory):
    project = small_project(tmp_path_factory.mktemp("corrected") / "project")
    event = project / "events" / "2026" / f"{EVENT_ID}.yaml"
    event.write_text(event.read_text(encoding="utf-8") + (
        'corrections:\n  - date: "2026-05-02"\n'
        f'    text: "{CORRECTION}"\n'), encoding="utf-8")
    mkdocs_build(project, project / "site")
    return project / "site"


def test_the_event_page_shows_the_correction_as_a_note(corrected_site):
    page = read_page(corrected_site, f"events/{EVENT_ID}")
    assert ('<p class="admonition-title">Correction, <time datetime="2026-05-02">2 May 2026'
            f'</time></p>\n<p>{CORRECTION}</p>') in page


def test_the_listing_marks_the_event_as_corrected(corrected_site):
    home = read_page(corrected_site, "")
    entry = home[home.index(f'id="{EVENT_ID}"'):]
    entry = entry[:entry.index("</li>")]
    assert ('<span class="tl-status tl-status--corrected" title="Corrected 2 May 2026: '
            f'{CORRECTION}">corrected</span>') in entry


def test_an_uncorrected_event_is_not_marked(corrected_site):
    home = read_page(corrected_site, "")
    entry = home[home.index('id="2026-04-spanning-event"'):]
    assert "tl-status--corrected" not in entry[:entry.index("</li>")]


def test_the_feed_entry_is_updated_on_the_day_of_the_correction_with_its_text(corrected_site):
    feed = feedparser.parse((corrected_site / "feed.xml").read_bytes())
    entry = next(e for e in feed.entries if EVENT_ID in e.link and "twice" not in e.link)
    assert entry.updated[:10] == "2026-05-02"
    assert entry.content[0].value.startswith(
        f"<p><strong>Correction, 2 May 2026:</strong> {CORRECTION}</p>")


def test_events_json_lists_the_correction(corrected_site):
    document = json.loads((corrected_site / "api/events.json").read_text(encoding="utf-8"))
    event = next(e for e in document["events"] if e["id"] == EVENT_ID)
    assert event["corrections"] == [{"date": "2026-05-02", "text": CORRECTION}]


def test_the_filter_index_marks_the_event_as_corrected(corrected_site):
    index = json.loads((corrected_site / "api/timeline.json").read_text(encoding="utf-8"))
    flags = {event["id"]: event["corrected"] for event in index["events"]}
    assert flags[EVENT_ID] is True and flags["2026-04-spanning-event"] is False


def test_the_format_reference_lists_the_fields_of_a_correction(corrected_site):
    page = read_page(corrected_site, "reference")
    section = page[page.index('id="a-correction"'):]
    assert "<code>date</code>" in section and "<code>text</code>" in section
