"""The engine is anyone's: every word a reader sees about one timeline comes from its
mkdocs.yml (``site_name`` and the plugin's options) or its docs/, never from the package.

Sites are built from the small fixture (``site_name: Fixture timeline``) by the real
`mkdocs build --strict`, without a ``site_url`` so that the feeds fall back on their
``tag:`` ids; once as the fixture is, once with every wording option set.
"""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import icalendar
import pytest

from tests.helpers import REPO, mkdocs, mkdocs_build, read_page, run_cli, small_project
from timeline import __version__
from timeline.site import urls
from timeline.site.options import SiteOptions
from timeline.tools.links import Outcome, links_user_agent

ACTOR = "ada-example"  # an actor of the small fixture
ACTOR_NAME = "Ada Example"
CONFIGURED = {
    "lede": "A sourced timeline of example launches",
    "feed_title": "Example launches",
    "feed_subtitle": "Launches, with their sources.",
    "id_namespace": "example.org,2027",
}


def configure(project: Path, *, options: dict[str, str] | None = None,
              site_url: bool = False) -> Path:
    """The fixture's mkdocs.yml with the plugin's ``options`` and without its site_url."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if not site_url:
        text = re.sub(r"(?m)^site_url:.*\n", "", text)
    if options:
        lines = "".join(f"      {name}: {value!r}\n" for name, value in options.items())
        text = text.replace("  - timeline\n", f"  - timeline:\n{lines}")
    config.write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def neutral_site(tmp_path_factory) -> Path:
    """The fixture as it is: none of the wording options set."""
    project = configure(small_project(tmp_path_factory.mktemp("neutral") / "project"))
    mkdocs_build(project, project / "site")
    return project / "site"


@pytest.fixture(scope="module")
def configured_site(tmp_path_factory) -> Path:
    """The fixture with every wording option set."""
    project = configure(small_project(tmp_path_factory.mktemp("configured") / "project"),
                        options=CONFIGURED)
    mkdocs_build(project, project / "site")
    return project / "site"


def feed_of(site: Path, path: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse((site / path).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def calendar_of(site: Path, path: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((site / path).read_text(encoding="utf-8"))


def lede_of(site: Path) -> str:
    found = re.search(r'<p class="tl-lede">(.*?)</p>', read_page(site, ""))
    assert found, "the home page has no lede"
    return found.group(1)


# -- without options: neutral words ---------------------------------------------------------


def test_without_options_the_home_page_opens_with_the_neutral_lede(neutral_site):
    assert re.fullmatch(r"A sourced timeline: \d+ events, each with its sources\. Dates are "
                        r"shown at the precision the sources support\.", lede_of(neutral_site))


def test_without_options_the_feeds_are_titled_by_the_site_name(neutral_site):
    assert feed_of(neutral_site, urls.FEED).feed.title == "Fixture timeline"
    assert feed_of(neutral_site, urls.actor_feed(ACTOR)).feed.title == \
        f"Fixture timeline: {ACTOR_NAME}"
    assert str(calendar_of(neutral_site, urls.CALENDAR)["x-wr-calname"]) == "Fixture timeline"


def test_without_options_the_site_feed_has_the_neutral_subtitle(neutral_site):
    assert feed_of(neutral_site, urls.FEED).feed.subtitle == \
        "Sourced events, newest changes first."


def test_without_options_the_ids_are_named_by_a_slug_of_the_site_name(neutral_site):
    feed = feed_of(neutral_site, urls.FEED)
    calendar = calendar_of(neutral_site, urls.CALENDAR)

    assert feed.feed.id == "tag:fixture-timeline,2026:timeline"
    assert {entry.id.rsplit(":", 1)[0] for entry in feed.entries} == \
        {"tag:fixture-timeline,2026"}
    assert str(calendar["prodid"]) == "-//fixture-timeline//timeline//EN"
    assert {str(event["uid"]).split("@", 1)[1] for event in calendar.walk("VEVENT")} == \
        {"fixture-timeline"}


def test_the_feeds_name_the_generator_software_and_its_version(neutral_site):
    generator = feed_of(neutral_site, urls.FEED).feed.generator_detail

    assert (generator.name, generator.version) == ("sourced-timeline", __version__)


# -- each option where it shows ---------------------------------------------------------------


def test_the_lede_option_opens_the_home_page(configured_site):
    assert lede_of(configured_site).startswith(f"{CONFIGURED['lede']}: ")
    assert lede_of(configured_site).endswith(
        " events, each with its sources. Dates are shown at the precision the sources "
        "support.")


def test_the_feed_title_option_titles_the_site_feed_and_calendar(configured_site):
    assert feed_of(configured_site, urls.FEED).feed.title == "Example launches"
    assert str(calendar_of(configured_site, urls.CALENDAR)["x-wr-calname"]) == \
        "Example launches"


def test_the_feed_title_option_starts_each_actors_feed_title(configured_site):
    assert feed_of(configured_site, urls.actor_feed(ACTOR)).feed.title == \
        f"Example launches: {ACTOR_NAME}"
    assert str(calendar_of(configured_site, urls.actor_calendar(ACTOR))["x-wr-calname"]) \
        == f"Example launches: {ACTOR_NAME}"


def test_the_feed_subtitle_option_is_the_site_feeds_subtitle(configured_site):
    assert feed_of(configured_site, urls.FEED).feed.subtitle == "Launches, with their sources."


def test_the_id_namespace_option_names_the_calendars_prodid(configured_site):
    for path in (urls.CALENDAR, urls.actor_calendar(ACTOR)):
        assert str(calendar_of(configured_site, path)["prodid"]) == \
            "-//example.org//timeline//EN"


def test_the_id_namespace_option_names_the_atom_ids_without_a_site_url(configured_site):
    feed = feed_of(configured_site, urls.FEED)

    assert feed.feed.id == "tag:example.org,2027:timeline"
    assert all(entry.id.startswith("tag:example.org,2027:") for entry in feed.entries)
    assert feed.entries


def test_the_id_namespace_option_ends_the_calendar_uids_without_a_site_url(configured_site):
    calendar = calendar_of(configured_site, urls.CALENDAR)

    assert {str(event["uid"]).split("@", 1)[1] for event in calendar.walk("VEVENT")} == \
        {"example.org"}


def test_an_id_namespace_without_a_date_gets_the_fixed_year():
    options = SiteOptions(site_name="Anything", id_namespace="example.org")

    assert (options.tagging_entity, options.id_authority) == ("example.org,2026",
                                                              "example.org")


def test_an_id_namespace_that_is_not_a_name_fails_the_build(tmp_path):
    project = configure(small_project(tmp_path / "project"),
                        options={"id_namespace": "my timeline: 2027"})

    run = mkdocs(project, "build", "--strict", "-d", str(tmp_path / "site"))

    assert run.returncode != 0
    assert "`id_namespace`" in run.stderr


# -- the package's own words ------------------------------------------------------------------

PACKAGE = REPO / "scripts" / "timeline"
SITE_WORDS = ("AI coding race", "ai-coding-timeline", "DeepMind")


def package_files() -> list[Path]:
    """The package's own files: the starter project (a site's files) and tests left out."""
    return sorted(path for path in PACKAGE.rglob("*")
                  if path.is_file() and "__pycache__" not in path.parts
                  and path.relative_to(PACKAGE).parts[0] not in ("starter", "tests"))


def site_words_in_package() -> set[tuple[str, str]]:
    found = set()
    for path in package_files():
        text = path.read_bytes().decode("utf-8", errors="replace")
        found |= {(path.relative_to(PACKAGE).as_posix(), word) for word in SITE_WORDS
                  if word in text}
    return found


def test_the_package_names_no_particular_timeline():
    assert site_words_in_package() == set()


# -- the link checker ---------------------------------------------------------------------------


def test_the_link_checkers_user_agent_names_the_generator_and_the_repository():
    assert links_user_agent("https://github.com/example/timeline") == (
        f"sourced-timeline-links/{__version__} (+https://github.com/example/timeline; "
        "checking that a timeline's sources are still online)")


def test_timeline_links_sends_a_user_agent_with_the_repository_but_no_site_name(
        tmp_path, monkeypatch, capsys):
    project = small_project(tmp_path / "project")
    monkeypatch.chdir(project)
    sent: list[str] = []

    async def answer_every_url(urls_to_check, settings):
        sent.append(settings.user_agent)
        return {url: Outcome(url, dead=False, detail="200 OK", status=200)
                for url in urls_to_check}

    monkeypatch.setattr("timeline.cli.links.check_urls", answer_every_url)

    run_cli(capsys, "links")

    assert sent == [links_user_agent("https://github.com/example/timeline")]
    assert "Fixture timeline" not in sent[0]
