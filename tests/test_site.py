"""The site, built by real MkDocs with the real plugin, from the real events and a fixture."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.building import REPO, mkdocs_build


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.hrefs.append(value)


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("real") / "site"
    mkdocs_build(REPO, site)
    return site


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("fixture") / "project"
    shutil.copytree(REPO / "tests/fixtures/site", project)
    mkdocs_build(project, project / "site")
    return project / "site"


# -- pages at their paths -----------------------------------------------------------------


def test_every_real_event_has_a_page(real_site):
    ids = [p.stem for p in (REPO / "events").glob("*/*.yaml")]
    assert len(ids) >= 9
    for event_id in ids:
        assert (real_site / "events" / event_id / "index.html").is_file(), event_id


def test_listing_pages_exist(real_site):
    for url in ["", "actors", "actors/sergey-brin", "tags", "tags/midtraining", "sources",
                "sources/the-decoder", "years/2026", "reference", "format", "about",
                "contributing"]:
        assert (real_site / url / "index.html").is_file(), url


def test_no_generated_file_is_written_into_docs(real_site):
    assert not (REPO / "docs" / "events").exists()
    assert not (REPO / "docs" / "index.md").exists()


def test_generated_pages_stay_out_of_the_sidebar(real_site):
    home = read(real_site, "")
    nav = home.split('class="md-nav md-nav--primary', 1)[1].split('<div class="md-content"', 1)[0]
    assert "2026-04-google-deepmind-coding-strike-team" not in nav
    assert "Actors" in nav


# -- the timeline home -------------------------------------------------------------------


def test_home_lists_events_newest_first_under_year_and_month_headings(real_site):
    home = read(real_site, "")
    june = home.index('id="2026-06"')
    april = home.index('id="2026-04"')
    assert '<h2 id="year-2026">2026</h2>' in home
    assert june < april


def test_home_entry_shows_date_status_actors_tags_and_source_count(real_site):
    home = read(real_site, "")
    entry = home.split('id="2026-04-google-deepmind-coding-strike-team"', 1)[1]
    entry = entry.split("</li>", 1)[0]
    assert '<time class="tl-date" datetime="2026-04">April 2026</time>' in entry
    assert 'tl-status--reported' in entry
    assert ">Sebastian Borgeaud</a>" in entry
    assert ">Team formation</a>" in entry
    assert "4 sources" in entry
    assert 'href="events/2026-04-google-deepmind-coding-strike-team/"' in entry


def test_home_shows_the_gap_between_distant_events(fixture_site):
    home = text_of(read(fixture_site, ""))
    # 2025 (the whole year) to April 2026, and 21 April to June 2026.
    assert "3 months later" in home
    assert "5 weeks later" in home


def test_dates_are_shown_at_their_precision(fixture_site):
    home = read(fixture_site, "")
    assert ">21 April 2026</time>" in home
    assert ">c. June 2026</time>" in home
    assert ">April – June 2026</time>" in home
    assert ">2025</time>" in home


def test_each_status_has_its_own_badge(fixture_site):
    home = read(fixture_site, "")
    for status in ("disputed", "confirmed", "reported"):
        assert f'class="tl-status tl-status--{status}"' in home


# -- corrections ---------------------------------------------------------------------------


def test_a_retracted_event_stays_on_the_timeline_labelled(fixture_site):
    entry = read(fixture_site, "").split('id="2026-04-spanning-event"', 1)[1].split("</li>")[0]
    assert ('<span class="tl-status tl-status--retracted" title="Retracted July 2026: '
            'Example Weekly withdrew the article">retracted</span>') in entry


def test_a_retracted_events_page_says_when_and_why(fixture_site):
    page = text_of(read(fixture_site, "events/2026-04-spanning-event"))
    assert "Retracted July 2026 Example Weekly withdrew the article" in page
    assert "It went on from April to June." in page


def test_a_duplicate_is_left_off_the_timeline(fixture_site):
    home = read(fixture_site, "")
    assert "2026-04-21-day-event-recorded-twice" not in home
    assert "5 events" not in text_of(home)


def test_a_duplicates_page_points_to_the_kept_event(fixture_site):
    page = read(fixture_site, "events/2026-04-21-day-event-recorded-twice")
    notice = page.split('class="admonition info tl-duplicate-notice"', 1)[1].split("</div>")[0]
    assert 'This event is a duplicate of <a href="../2026-04-21-day-event/">' in notice


def test_a_duplicate_is_left_out_of_search(fixture_site):
    index = json.loads((fixture_site / "search/search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    assert "events/2026-04-21-day-event/" in locations
    assert "events/2026-04-21-day-event-recorded-twice/" not in locations


def test_a_renamed_events_former_address_redirects_to_it(fixture_site):
    page = (fixture_site / "events/2026-04-21-old-name-of-day-event/index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../2026-04-21-day-event/">' in page
    assert ('<link rel="canonical" '
            'href="https://example.org/timeline/events/2026-04-21-day-event/">') in page


# -- event pages ---------------------------------------------------------------------------


def test_event_page_cites_every_source_in_full(fixture_site):
    page = read(fixture_site, "events/2026-04-21-day-event")
    assert '<a class="tl-source__title" href="https://example.com/dated"' in page
    assert ">Example Times</a>" in page
    assert ">A. Writer</span>" in page
    assert '<time datetime="2026-04-21">2026-04-21</time>' in page
    assert "[en]" in page
    assert "via The Original Outlet" in page
    assert 'href="https://web.archive.org/web/2026/https://example.com/dated"' in page


def test_event_page_links_actors_tags_related_and_neighbours(fixture_site):
    page = read(fixture_site, "events/2026-04-21-day-event")
    assert 'href="../../actors/ada-example/">Ada Example</a>' in page
    assert 'href="../../tags/precision/">Precision</a>' in page
    assert '<span class="tl-relation">followed by</span> <a href="../2026-06-approximate-event/">' \
        in page
    assert 'rel="prev" href="../2026-04-spanning-event/"' in page
    assert 'rel="next" href="../2026-06-approximate-event/"' in page


def test_event_page_links_to_its_file_for_editing(fixture_site):
    page = read(fixture_site, "events/2026-04-21-day-event")
    assert 'href="https://github.com/example/timeline/edit/main/events/2026/' \
           '2026-04-21-day-event.yaml">Edit this event</a>' in page


def test_a_source_without_url_is_cited_without_a_link(fixture_site):
    page = read(fixture_site, "events/2026-04-spanning-event")
    assert '<span class="tl-source__title">“A print article”</span>' in page


def test_event_page_has_a_description_and_canonical_url(fixture_site):
    page = read(fixture_site, "events/2026-04-21-day-event")
    assert '<meta name="description" content="Something happened on a day the sources ' \
           'name.">' in page
    assert '<link rel="canonical" href="https://example.org/timeline/events/' \
           '2026-04-21-day-event/">' in page


def test_the_real_sites_event_pages_have_social_metadata(real_site):
    page = read(real_site, "events/2026-06-noam-shazeer-leaves-google-for-openai")
    title = "Gemini co-leader Noam Shazeer announces he is leaving Google for OpenAI"
    assert f'<meta property="og:title" content="{title}">' in page
    assert f'<meta name="twitter:title" content="{title}">' in page
    assert '<meta property="og:description" content="Noam Shazeer, co-leader of' in page
    assert '<meta property="og:type" content="article">' in page
    assert '<meta name="twitter:card" content="summary">' in page


# -- actor, tag and outlet pages -------------------------------------------------------------


def test_actor_page_lists_their_events_in_time_order(fixture_site):
    page = read(fixture_site, "actors/ada-example")
    assert "Countess Example" in page
    assert page.index("2026-04-21-day-event") < page.index("2026-06-approximate-event")


def test_actor_index_groups_by_kind_with_counts(real_site):
    page = read(real_site, "actors")
    assert '<h2 id="person">People</h2>' in page
    assert '<h2 id="organization">Organizations</h2>' in page
    assert re.search(r'>Sergey Brin</a> <span class="tl-count" title="events">\d+</span>', page)


def test_outlet_page_lists_the_events_citing_it(real_site):
    page = read(real_site, "sources/the-decoder")
    assert "2026-04-google-deepmind-coding-strike-team" in page
    assert "2026-06-noam-shazeer-leaves-google-for-openai" not in page


def test_format_reference_is_generated_from_the_schema_and_rules(real_site):
    page = read(real_site, "reference")
    assert "<code>approximate</code>" in page
    assert 'id="evt041"' in page and "Source without URL" in page


# -- links ---------------------------------------------------------------------------------


@pytest.mark.parametrize("site_name", ["real_site", "fixture_site"])
def test_every_internal_link_resolves(site_name, request):
    site: Path = request.getfixturevalue(site_name)
    broken = []
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue  # material's 404 page links from the site root on purpose
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = (page.parent / parts.path).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {href}")
    assert broken == []


# -- search ----------------------------------------------------------------------------------


def search_index(site: Path) -> list[dict]:
    return json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]


def test_search_indexes_event_pages_with_actor_aliases_tags_and_publishers(real_site):
    docs = search_index(real_site)
    shazeer = [d for d in docs if d["location"] == "events/2026-06-noam-shazeer-leaves-google-"
               "for-openai/"]
    assert shazeer, "the event page is indexed"
    keywords = shazeer[0]["tags"]
    assert {"Noam Shazeer", "Shazeer", "Talent"} <= set(keywords)
    team = next(d for d in docs if d["location"].startswith("events/2026-04-google-deepmind"))
    assert "The Decoder" in team["tags"]


def test_event_pages_are_boosted_and_listing_pages_left_out_of_search(real_site):
    docs = search_index(real_site)
    events = [d for d in docs if d["location"].startswith("events/")]
    assert events and all(d.get("boost") == 2 for d in events)
    listing = ("actors/", "tags/", "sources/", "years/")
    assert not [d for d in docs if d["location"].startswith(listing)]
    assert not [d for d in docs if d["location"] == ""]


# -- hostile text ----------------------------------------------------------------------------


def test_summary_markup_is_sanitised_but_ordinary_markdown_survives(fixture_site):
    page = read(fixture_site, "events/2025-hostile-text")
    summary = page.split('<div class="tl-event__summary">', 1)[1].split("</div>", 1)[0]
    assert "<em>Emphasis survives</em>" in summary
    assert '<a href="https://example.com/article" rel="noopener noreferrer nofollow">' in summary
    assert "<script" not in summary
    assert "onerror" not in summary and "onclick" not in summary
    assert "javascript:" not in summary


def test_no_event_text_becomes_markup_anywhere_in_the_site(fixture_site):
    for page in fixture_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "alert(" not in html.replace("&#34;", '"') or "<script>alert" not in html, page
        assert "<script>alert" not in html, page
        assert "<b>Publisher</b>" not in html, page
        assert "<not a tag" not in html, page
    index = (fixture_site / "search/search_index.json").read_text(encoding="utf-8")
    assert "<script>alert" not in index


def test_hostile_title_is_escaped_in_the_page_title_and_heading(fixture_site):
    page = read(fixture_site, "events/2025-hostile-text")
    assert "<h1 data-search-exclude>Ampersands &amp; &#34;quotes&#34; &lt;not a tag</h1>" in page
    assert "<title>Ampersands &amp; &quot;quotes&quot; &lt;not a tag - Fixture timeline</title>" \
        in page


# -- failure ---------------------------------------------------------------------------------


def test_an_invalid_event_stops_the_build_with_the_validators_message(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(REPO / "tests/fixtures/site", project)
    bad = project / "events/2026/2026-04-21-day-event.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace(
        'title: "An event on a known day"', "title: no"), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")],
                         cwd=project, capture_output=True, text=True)
    assert run.returncode == 1
    assert "events/2026/2026-04-21-day-event.yaml:1:8: error: title must be text, but YAML " \
           'reads no as true/false; put it in double quotes: title: "no" [EVT012]' in run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "site" / "events").exists()


def _build_with_own_temp_folder(project: Path, site: Path, temp: Path
                                ) -> subprocess.CompletedProcess:
    temp.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(site)],
                          cwd=project, capture_output=True, text=True, env=env)


def test_the_build_removes_its_scratch_folder(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(REPO / "tests/fixtures/site", project)
    run = _build_with_own_temp_folder(project, tmp_path / "site", tmp_path / "temp")
    assert run.returncode == 0, run.stderr
    assert list((tmp_path / "temp").iterdir()) == []
    assert (tmp_path / "site/events/2026-04-21-day-event/index.html").is_file()


def test_a_failed_build_removes_its_scratch_folder_too(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(REPO / "tests/fixtures/site", project)
    (project / "docs/years").mkdir()
    (project / "docs/years/2026.md").write_text("# A page in the way\n", encoding="utf-8")
    run = _build_with_own_temp_folder(project, tmp_path / "site", tmp_path / "temp")
    assert run.returncode == 1
    assert "docs/years/2026.md clashes with a page the timeline generates; rename or " \
           "remove it" in run.stderr
    assert "Traceback" not in run.stderr
    assert list((tmp_path / "temp").iterdir()) == []
