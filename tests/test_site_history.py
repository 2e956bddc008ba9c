"""What the site says of when an event was added and last changed, read from the
repository's history, and the links into that repository.

The fixture: the timeline fixture's events committed in a real git repository, the June
withdrawal of Globex Pilot added on 15 September 2026 and changed on 20 October 2026, and
the site built by the real `mkdocs build --strict` with ``REPO_URL`` set as the Pages
workflow sets it.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import bibtexparser
import feedparser
import pytest

from tests.helpers import mkdocs, mkdocs_build, read_page, timeline_project

EVENT_ID = "2026-06-globex-ai-withdraws-globex-pilot"
EVENT_FILE = f"events/2026/{EVENT_ID}.yaml"
UNCHANGED_ID = "2026-04-acme-labs-releases-acme-coder-2"
REPO_URL = "https://github.com/OWNER/REPO"
SITE_URL = "https://example.org/timeline/"


def commit(project: Path, day: str, message: str) -> None:
    """Commit everything in ``project`` as made at noon UTC on ``day``."""
    when = f"{day}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    for command in (["add", "--all"], ["commit", "--quiet", "-m", message]):
        subprocess.run(["git", *command], cwd=project, env=env, check=True)


def dated_project(target: Path) -> Path:
    """The timeline fixture in a repository whose history dates its events."""
    project = timeline_project(target)
    held_back = project / EVENT_FILE
    text = held_back.read_text(encoding="utf-8")
    held_back.unlink()
    subprocess.run(["git", "init", "--quiet", "--initial-branch=main"], cwd=project,
                   check=True)
    commit(project, "2026-08-01", "The timeline")
    held_back.write_text(text, encoding="utf-8")
    commit(project, "2026-09-15", "Add the withdrawal of Globex Pilot")
    held_back.write_text(text.replace(
        "\nactors:", " Globex later said more.\nactors:", 1), encoding="utf-8")
    commit(project, "2026-10-20", "Correct the withdrawal of Globex Pilot")
    return project


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory) -> Path:
    project = dated_project(tmp_path_factory.mktemp("dated") / "project")
    mkdocs_build(project, project / "site", env={"REPO_URL": REPO_URL, "SITE_URL": SITE_URL})
    return project / "site"


def api_event(site: Path, event_id: str) -> dict:
    document = json.loads((site / "api/events.json").read_text(encoding="utf-8"))
    return next(event for event in document["events"] if event["id"] == event_id)


def test_events_json_dates_an_event_by_the_commits_that_added_and_changed_it(dated_site):
    event = api_event(dated_site, EVENT_ID)
    assert (event["added"], event["updated"]) == ("2026-09-15", "2026-10-20")


def test_events_json_gives_an_unchanged_event_its_added_day_as_updated(dated_site):
    event = api_event(dated_site, UNCHANGED_ID)
    assert (event["added"], event["updated"]) == ("2026-08-01", "2026-08-01")


def test_events_json_states_the_minor_version_that_added_the_dates(dated_site):
    document = json.loads((dated_site / "api/events.json").read_text(encoding="utf-8"))
    assert (document["schema_version"], document["schema_minor"]) == (1, 2)


def test_events_csv_has_added_and_updated_columns(dated_site):
    rows = list(csv.DictReader(io.StringIO(
        (dated_site / "api/events.csv").read_text(encoding="utf-8"))))
    row = next(row for row in rows if row["id"] == EVENT_ID)
    assert (row["added"], row["updated"]) == ("2026-09-15", "2026-10-20")


def test_the_feed_entry_is_published_when_added_and_updated_when_changed(dated_site):
    feed = feedparser.parse((dated_site / "feed.xml").read_bytes())
    entry = next(e for e in feed.entries if e.link == f"{SITE_URL}events/{EVENT_ID}/")
    assert (entry.published[:10], entry.updated[:10]) == ("2026-09-15", "2026-10-20")


def test_the_feed_lists_the_newest_change_first(dated_site):
    feed = feedparser.parse((dated_site / "feed.xml").read_bytes())
    assert feed.entries[0].link == f"{SITE_URL}events/{EVENT_ID}/"
    assert feed.feed.updated[:10] == "2026-10-20"


def test_the_event_page_says_when_it_was_added_and_updated(dated_site):
    page = read_page(dated_site, f"events/{EVENT_ID}")
    assert ('Added <time datetime="2026-09-15">15 September 2026</time> · updated '
            '<time datetime="2026-10-20">20 October 2026</time>') in page


def test_an_event_page_never_changed_says_only_when_it_was_added(dated_site):
    page = read_page(dated_site, f"events/{UNCHANGED_ID}")
    assert 'Added <time datetime="2026-08-01">1 August 2026</time> · <a' in page
    assert "· updated" not in page


def test_the_event_page_links_to_the_history_of_its_file(dated_site):
    page = read_page(dated_site, f"events/{EVENT_ID}")
    assert f'href="{REPO_URL}/commits/main/{EVENT_FILE}"' in page


def report_link(page: str) -> str:
    start = page.index('class="tl-report" href="') + len('class="tl-report" href="')
    return page[start:page.index('"', start)].replace("&amp;", "&")


def test_report_a_mistake_opens_the_correction_form_filled_in_with_the_event(dated_site):
    link = urlsplit(report_link(read_page(dated_site, f"events/{EVENT_ID}")))
    assert f"{link.scheme}://{link.netloc}{link.path}" == f"{REPO_URL}/issues/new"
    query = parse_qs(link.query)
    assert query["template"] == ["correct-event.yml"]
    assert query["event"] == [EVENT_ID]
    assert query["address"] == [f"{SITE_URL}events/{EVENT_ID}/"]
    assert query["title"][0].startswith("Correction: ")


def test_the_correction_form_has_the_fields_the_link_fills_in():
    form = (Path(__file__).parent.parent / ".github/ISSUE_TEMPLATE/correct-event.yml").read_text()
    assert "    id: event\n" in form and "    id: address\n" in form


def test_edit_this_event_leads_to_its_file_on_the_repository(dated_site):
    page = read_page(dated_site, f"events/{EVENT_ID}")
    assert f'href="{REPO_URL}/edit/main/{EVENT_FILE}"' in page


def test_the_theme_edit_button_of_a_generated_page_never_points_into_docs(dated_site):
    event_page = read_page(dated_site, f"events/{EVENT_ID}")
    assert f"{REPO_URL}/edit/main/docs/events/" not in event_page
    assert 'title="Edit this page"' not in read_page(dated_site, "actors/acme-labs")


def citation_block(page: str) -> str:
    return page[page.index('<details class="tl-cite"'):page.index("</details>",
                                                                    page.index("tl-cite"))]


def test_the_citation_names_the_permalink_and_the_dates(dated_site):
    block = citation_block(read_page(dated_site, f"events/{EVENT_ID}"))
    assert (f"The AI coding race, added 15 September 2026, updated 20 October 2026. "
            f"{SITE_URL}events/{EVENT_ID}/</p>") in block


def test_the_bibtex_entry_reads_back_with_the_event_and_its_dates(dated_site):
    block = citation_block(read_page(dated_site, f"events/{EVENT_ID}"))
    code = block[block.index("<code"):]
    bibtex = code[code.index(">") + 1:code.index("</code>")]
    library = bibtexparser.parse_string(html.unescape(bibtex))
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.key == EVENT_ID
    assert entry["url"] == f"{SITE_URL}events/{EVENT_ID}/"
    assert (entry["year"], entry["note"]) == ("2026", "Added 15 September 2026, updated "
                                                      "20 October 2026")


def test_the_home_page_lists_what_was_added_and_updated_recently(dated_site):
    home = read_page(dated_site, "")
    recent = home[home.index('id="recent"'):home.index("</section>", home.index('id="recent"'))]
    first = recent[recent.index("<li>"):recent.index("</li>")]
    assert 'Updated <time datetime="2026-10-20">20 October 2026</time>:' in first
    assert f'href="events/{EVENT_ID}/"' in first


# -- without the repository --------------------------------------------------------------


@pytest.fixture(scope="module")
def tarball_build(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The same project as a tarball gives it: the files without .git."""
    dated = dated_project(tmp_path_factory.mktemp("dated-for-tarball") / "project")
    project = tmp_path_factory.mktemp("tarball") / "project"
    shutil.copytree(dated, project, ignore=shutil.ignore_patterns(".git"))
    run = mkdocs(project, "build", "--strict", "-d", str(project / "site"),
                 env={"SITE_URL": SITE_URL, "REPO_URL": ""})
    assert run.returncode == 0, run.stderr
    return project / "site", run


def test_a_build_without_history_succeeds_and_says_so_once(tarball_build):
    _, run = tarball_build
    notes = [line for line in run.stderr.splitlines() if "no added or updated dates" in line]
    assert notes == ["INFO    -  timeline: no added or updated dates on the pages (not in a "
                     "git repository)"]


def test_a_build_without_history_shows_no_dates(tarball_build):
    site, _ = tarball_build
    assert "tl-event__changes" not in read_page(site, f"events/{EVENT_ID}")
    assert 'id="recent"' not in read_page(site, "")
    assert (api_event(site, EVENT_ID)["added"], api_event(site, EVENT_ID)["updated"]) == \
        (None, None)


def test_a_build_without_a_repository_address_has_no_repository_links(tarball_build):
    site, run = tarball_build
    page = read_page(site, f"events/{EVENT_ID}")
    assert "Report a mistake" not in page and "Edit this event" not in page
    assert "github.com" not in page
    assert "REPO_URL" not in run.stderr and "repo_url" not in run.stderr


def test_a_build_without_history_still_offers_a_citation_without_dates(tarball_build):
    site, _ = tarball_build
    block = citation_block(read_page(site, f"events/{EVENT_ID}"))
    assert f"The AI coding race. {SITE_URL}events/{EVENT_ID}/</p>" in block
