"""The site, built by real MkDocs with the real plugin from two fixture projects.

``small_site`` (``tests/fixtures/site``) holds the hard cases: hostile text, every date
precision, a span, a retraction, a duplicate and a renamed event. ``timeline_site``
(``tests/fixtures/site-timeline``) is twelve ordinary events built with the repository's
own mkdocs.yml and docs/. Both are built once per session (``tests/conftest.py``); the
tests that break a project build a copy of their own. The real events are only built by
``tests/test_real_events.py``.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from tests.helpers import (
    TIMELINE_EVENTS,
    BuiltSite,
    broken_internal_links,
    event_files,
    mkdocs,
    read_page,
    small_project,
)

ACME_CODER_2 = "2026-04-acme-labs-releases-acme-coder-2"
SATO = "2026-03-20-lena-sato-leaves-initech-for-globex-ai"


def read(site: BuiltSite, url: str) -> str:
    return read_page(site.root, url)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def entry_of(html: str, event_id: str) -> str:
    """The timeline entry of one event: its <li> and nothing after it."""
    return html.split(f'id="{event_id}"', 1)[1].split("</li>", 1)[0]


# -- pages at their paths -----------------------------------------------------------------


def test_every_event_has_a_page(timeline_site):
    ids = [path.stem for path in event_files(TIMELINE_EVENTS)]
    missing = [event_id for event_id in ids
               if not (timeline_site.root / "events" / event_id / "index.html").is_file()]
    assert (len(ids), missing) == (12, [])


def test_listing_pages_exist(timeline_site):
    missing = [url for url in ["", "actors", "actors/lena-sato", "tags", "tags/funding",
                               "sources", "sources/the-fixture-post", "years/2025",
                               "years/2026", "reference", "format", "about", "contributing",
                               "export"]
               if not (timeline_site.root / url / "index.html").is_file()]
    assert missing == []


@pytest.mark.parametrize("site_name", ["small_site", "timeline_site"])
def test_no_generated_file_is_written_into_docs(site_name, request):
    site: BuiltSite = request.getfixturevalue(site_name)
    assert not (site.project / "docs" / "events").exists()
    assert not (site.project / "docs" / "index.md").exists()


def test_generated_pages_stay_out_of_the_sidebar(timeline_site):
    home = read(timeline_site, "")
    nav = home.split('class="md-nav md-nav--primary', 1)[1].split('<div class="md-content"', 1)[0]
    assert ACME_CODER_2 not in nav
    assert "Actors" in nav


# -- the timeline home -------------------------------------------------------------------


def test_home_lists_events_newest_first_under_year_and_month_headings(timeline_site):
    home = read(timeline_site, "").split('class="tl-groups tl-static"', 1)[1]
    headings = re.findall(r'<h[23] [^>]*id="([^"]+)"', home)
    assert headings == ["year-2026", "2026-06", "2026-05", "2026-04", "2026-03", "2026-02",
                        "2026-01", "year-2025", "2025-11", "2025-09", "2025-undated", "by-year"]


def test_home_entry_shows_status_lede_reporters_actors_and_tags(timeline_site):
    entry = entry_of(read(timeline_site, ""), ACME_CODER_2)
    assert 'tl-status--confirmed' in entry
    assert '<p class="tl-entry__lede">Acme Labs released the second version of Acme Coder ' \
           'and published its scores on two coding benchmarks.</p>' in entry
    assert '<span class="tl-entry__reported">Reported by Example Times, Acme Labs</span>' \
        in entry
    assert '<a class="tl-actor" href="actors/acme-coder/">Acme Coder</a>' in entry
    assert '<a class="tl-tag" href="tags/benchmark/">Benchmarks</a>' in entry
    assert f'href="events/{ACME_CODER_2}/"' in entry


def test_a_month_dated_entry_repeats_no_date_under_its_month(timeline_site):
    entry = entry_of(read(timeline_site, ""), ACME_CODER_2)
    assert 'class="tl-date"' not in entry


def test_home_says_how_many_events_the_timeline_holds(timeline_site):
    assert ("A sourced timeline of the AI coding race: 12 events, each with its sources."
            in text_of(read(timeline_site, "")))


def test_home_shows_the_gap_between_distant_events(small_site):
    home = text_of(read(small_site, ""))
    # 21 April to c. June 2026; 2025 (the whole year) to April 2026 is the next year, which
    # is as close as a year's date can tell.
    assert "about two months later" in home
    assert "year later" not in home


def test_dates_are_shown_at_their_precision(small_site):
    event_page = read(small_site, "events/2026-04-21-day-event")
    assert ">21 April 2026</time>" in event_page
    assert ">c. June 2026</time>" in read(small_site, "events/2026-06-approximate-event")
    assert ">April – June 2026</time>" in read(small_site, "events/2026-04-spanning-event")
    assert ">2025</time>" in read(small_site, "events/2025-hostile-text")


def test_a_row_shows_what_its_date_adds_to_the_month_heading(small_site):
    home = read(small_site, "")
    assert ">21 April</time>" in home  # a day
    assert ">c. June</time>" in home  # an approximate month
    assert ">April – June 2026</time>" in home  # a span


def test_each_status_has_its_own_badge(small_site):
    home = read(small_site, "")
    for status in ("disputed", "confirmed", "reported"):
        assert f'class="tl-status tl-status--{status}"' in home


# -- corrections ---------------------------------------------------------------------------


def test_a_retracted_event_stays_on_the_timeline_labelled(small_site):
    entry = read(small_site, "").split('id="2026-04-spanning-event"', 1)[1].split("</li>")[0]
    assert ('<span class="tl-status tl-status--retracted" title="Retracted July 2026: '
            'Example Weekly withdrew the article">retracted</span>') in entry


def test_a_retracted_events_page_says_when_and_why(small_site):
    page = text_of(read(small_site, "events/2026-04-spanning-event"))
    assert "Retracted July 2026 Example Weekly withdrew the article" in page
    assert "It went on from April to June." in page


def test_a_duplicate_is_left_off_the_timeline(small_site):
    home = read(small_site, "")
    assert "2026-04-21-day-event-recorded-twice" not in home
    assert "5 events" not in text_of(home)


def test_a_duplicates_page_points_to_the_kept_event(small_site):
    page = read(small_site, "events/2026-04-21-day-event-recorded-twice")
    notice = page.split('class="admonition info tl-duplicate-notice"', 1)[1].split("</div>")[0]
    assert 'This event is a duplicate of <a href="../2026-04-21-day-event/">' in notice


def test_a_duplicate_is_left_out_of_search(small_site):
    locations = {record["url"] for record in search_index(small_site)}
    assert "events/2026-04-21-day-event/" in locations
    assert "events/2026-04-21-day-event-recorded-twice/" not in locations


def test_a_renamed_events_former_address_redirects_to_it(small_site):
    page = read(small_site, "events/2026-04-21-old-name-of-day-event")
    assert '<meta http-equiv="refresh" content="0; url=../2026-04-21-day-event/">' in page
    assert ('<link rel="canonical" '
            'href="https://example.org/timeline/events/2026-04-21-day-event/">') in page


# -- event pages ---------------------------------------------------------------------------


def test_event_page_cites_every_source_in_full(small_site):
    page = read(small_site, "events/2026-04-21-day-event")
    assert '<a class="tl-source__title" href="https://example.com/dated"' in page
    assert ">Example Times</a>" in page
    assert ">A. Writer</span>" in page
    assert '<time datetime="2026-04-21">2026-04-21</time>' in page
    assert "[en]" in page
    assert ', relaying <a class="tl-source__via" href="../../sources/the-original-outlet/">' \
           'The Original Outlet</a>' in page
    assert 'href="https://web.archive.org/web/2026/https://example.com/dated"' in page


def test_event_page_links_actors_tags_related_and_neighbours(small_site):
    page = read(small_site, "events/2026-04-21-day-event")
    assert 'href="../../actors/ada-example/">Ada Example</a>' in page
    assert 'href="../../tags/precision/">Precision</a>' in page
    assert '<span class="tl-relation">followed by</span> <a href="../2026-06-approximate-event/">' \
        in page
    assert 'rel="prev" href="../2026-04-spanning-event/"' in page
    assert 'rel="next" href="../2026-06-approximate-event/"' in page


def test_event_page_links_to_its_file_for_editing(small_site):
    page = read(small_site, "events/2026-04-21-day-event")
    assert 'href="https://github.com/example/timeline/edit/main/events/2026/' \
           '2026-04-21-day-event.yaml" rel="noopener">Edit this event</a>' in page


def test_the_outlet_a_source_relays_has_a_page_listing_the_event(small_site):
    page = read(small_site, "sources/the-original-outlet")
    assert '<h1 id="title">The Original Outlet</h1>' in page
    assert 'href="../../events/2026-04-21-day-event/"' in page


def test_a_source_without_url_is_cited_without_a_link(small_site):
    page = read(small_site, "events/2026-04-spanning-event")
    assert '<span class="tl-source__title">“A print article”</span>' in page


def test_event_page_has_a_description_and_canonical_url(small_site):
    page = read(small_site, "events/2026-04-21-day-event")
    assert '<meta name="description" content="21 April 2026 · Confirmed. Something ' \
           'happened on a day the sources name.">' in page
    assert '<link rel="canonical" href="https://example.org/timeline/events/' \
           '2026-04-21-day-event/">' in page


def test_event_pages_have_social_metadata(timeline_site):
    page = read(timeline_site, f"events/{SATO}")
    title = "Lena Sato leaves Initech for Globex AI"
    description = ("20 March 2026 · Reported. Lena Sato, who led Initech’s internal tools "
                   "research, left the company to join Globex AI.")
    assert f'<meta property="og:title" content="{title}">' in page
    assert f'<meta name="twitter:title" content="{title}">' in page
    assert f'<meta property="og:description" content="{description}">' in page
    assert f'<meta property="og:url" content="{timeline_site.url}events/{SATO}/">' in page
    assert '<meta property="og:type" content="article">' in page
    assert f'<meta property="og:image" content="{timeline_site.url}images/social-card.png">' \
        in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page


# -- actor, tag and outlet pages -------------------------------------------------------------


def test_actor_page_lists_their_events_newest_first_like_the_timeline(small_site):
    page = read(small_site, "actors/ada-example")
    assert "Countess Example" in page
    assert page.index("2026-06-approximate-event") < page.index("2026-04-21-day-event")


def test_actor_index_groups_by_kind_with_counts(timeline_site):
    page = read(timeline_site, "actors")
    assert re.findall(r'<h2 id="[^"]+">[^<]+</h2>', page) == [
        '<h2 id="person">People</h2>', '<h2 id="organization">Organizations</h2>',
        '<h2 id="product">Products</h2>']
    assert re.findall(r'>([^<]+)</a> <span class="tl-count" title="events">(\d+)</span>',
                      page) == [("Lena Sato", "1"), ("Marta Quill", "2"), ("Ravi Okafor", "2"),
                                ("Acme Labs", "6"), ("Globex AI", "5"), ("Initech", "3"),
                                ("Acme Coder", "2"), ("Globex Pilot", "2")]


def test_outlet_page_lists_the_events_citing_it(timeline_site):
    page = read(timeline_site, "sources/the-fixture-post")
    assert re.findall(r'href="../../events/([^/]+)/"', page) == [
        "2026-06-globex-ai-withdraws-globex-pilot",
        "2026-04-initech-ranks-its-teams-by-use-of-its-internal-coding-tool",
        "2026-03-acme-labs-reorganises-its-coding-team-under-ravi-okafor",
        "2025-11-14-marta-quill-joins-acme-labs-from-globex-ai"]


def test_format_reference_is_generated_from_the_schema_and_rules(timeline_site):
    page = read(timeline_site, "reference")
    assert "<code>approximate</code>" in page
    assert 'id="evt041"' in page and "Source without URL" in page


# -- links ---------------------------------------------------------------------------------


@pytest.mark.parametrize("site_name", ["small_site", "timeline_site"])
def test_every_internal_link_resolves(site_name, request):
    site: BuiltSite = request.getfixturevalue(site_name)
    assert broken_internal_links(site.root) == []


# -- search ----------------------------------------------------------------------------------


def search_index(site: BuiltSite) -> list[dict]:
    """The English search records as the Pagefind bundle stores them (one per result)."""
    fragments = (site.root / "search/pagefind/fragment").glob("*.pf_fragment")
    return [json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])
            for path in sorted(fragments)]


def test_search_indexes_event_pages_with_actor_aliases_tags_and_publishers(timeline_site):
    [sato] = [d for d in search_index(timeline_site) if d["url"] == f"events/{SATO}/"]
    for name in ("Lena Sato", "Initech", "Globex AI", "Sato", "Globex", "Talent",
                 "Sample Wire", "Example Daily"):
        assert name in sato["content"], name


def test_event_pages_and_hubs_are_searched_and_listing_pages_are_not(timeline_site):
    docs = search_index(timeline_site)
    events = [d for d in docs if d["url"].startswith("events/")]
    assert (len(events), {d["meta"]["kind"] for d in events}) == (12, {"event"})
    hubs = {d["meta"]["kind"] for d in docs if d["url"].startswith(
        ("actors/", "tags/", "sources/", "years/"))}
    assert hubs == {"actor", "tag", "outlet", "year"}
    listing = ("", "actors/", "tags/", "sources/")
    assert not [d for d in docs if d["url"] in listing]


# -- hostile text ----------------------------------------------------------------------------


def test_summary_markup_is_sanitised_but_ordinary_markdown_survives(small_site):
    page = read(small_site, "events/2025-hostile-text")
    summary = page.split('<div class="tl-event__summary">', 1)[1].split("</div>", 1)[0]
    assert "<em>Emphasis survives</em>" in summary
    assert '<a href="https://example.com/article" rel="noopener noreferrer nofollow">' in summary
    assert "<script" not in summary
    assert "onerror" not in summary and "onclick" not in summary
    assert "javascript:" not in summary


def test_no_event_text_becomes_markup_anywhere_in_the_site(small_site):
    for page in small_site.root.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "alert(" not in html.replace("&#34;", '"') or "<script>alert" not in html, page
        assert "<script>alert" not in html, page
        assert "<b>Publisher</b>" not in html, page
        assert "< not a tag" not in html, page
    index = (small_site.root / "search/search_index.json").read_text(encoding="utf-8")
    assert "<script>alert" not in index


def test_hostile_title_is_escaped_in_the_page_title_and_heading(small_site):
    page = read(small_site, "events/2025-hostile-text")
    assert "<h1 id=\"title\">Ampersands &amp; &#34;quotes&#34; &lt; not a " \
           "tag</h1>" in page
    assert "<title>Ampersands &amp; &quot;quotes&quot; &lt; not a tag - Fixture timeline</title>" \
        in page


# -- failure ---------------------------------------------------------------------------------


def test_an_invalid_event_stops_the_build_with_the_validators_message(tmp_path):
    project = small_project(tmp_path / "project")
    bad = project / "events/2026/2026-04-21-day-event.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace(
        'title: "An event on a known day"', "title: no"), encoding="utf-8")
    run = mkdocs(project, "build", "-d", str(tmp_path / "site"))
    assert run.returncode == 1
    assert "events/2026/2026-04-21-day-event.yaml:1:8: error: title must be text, but YAML " \
           'reads no as true/false; put it in double quotes: title: "no" [EVT012]' in run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "site" / "events").exists()


def _build_with_own_temp_folder(project: Path, site: Path, temp: Path):
    temp.mkdir()
    return mkdocs(project, "build", "-d", str(site), env={"TMPDIR": str(temp)})


def test_the_build_removes_its_scratch_folder(tmp_path):
    project = small_project(tmp_path / "project")
    run = _build_with_own_temp_folder(project, tmp_path / "site", tmp_path / "temp")
    assert run.returncode == 0, run.stderr
    assert list((tmp_path / "temp").iterdir()) == []
    assert (tmp_path / "site/events/2026-04-21-day-event/index.html").is_file()


def test_a_failed_build_removes_its_scratch_folder_too(tmp_path):
    project = small_project(tmp_path / "project")
    (project / "docs/years").mkdir()
    (project / "docs/years/2026.md").write_text("# A page in the way\n", encoding="utf-8")
    run = _build_with_own_temp_folder(project, tmp_path / "site", tmp_path / "temp")
    assert run.returncode == 1
    assert "docs/years/2026.md clashes with a page the timeline generates; rename or " \
           "remove it" in run.stderr
    assert "Traceback" not in run.stderr
    assert list((tmp_path / "temp").iterdir()) == []
