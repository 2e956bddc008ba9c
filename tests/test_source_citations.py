"""How an event page cites a source with no public link, and a non-English source with our
translation of its title and quote. Built by real MkDocs from the small fixture project
with one event added."""

from __future__ import annotations

import json

import pytest

from tests.helpers import BuiltSite, mkdocs_build, read_page, small_project
from timeline.check.files import quote_words
from timeline.format.schema import load_schema
from timeline.model.records import Source

CITED_EVENT = """\
title: "An event cited from an untitled text and a Chinese report"
date: "2026-05"
status: reported
summary: "Something was reported twice."
actors:
  - example-lab
sources:
  - title: "[Untitled text on the lab]"
    url_unavailable: "untitled text without a public address"
  - title: "实验室的报道"
    title_en: "A report on the lab"
    url: "https://example.com/zh/lab"
    publisher: "Example Daily"
    language: zh
    quote: "实验室成立了新团队"
    quote_en: "The lab formed a new team"
"""


@pytest.fixture(scope="module")
def cited_site(tmp_path_factory) -> BuiltSite:
    project = small_project(tmp_path_factory.mktemp("cited") / "project")
    (project / "events/2026/2026-05-cited-event.yaml").write_text(CITED_EVENT, "utf-8")
    mkdocs_build(project, project / "site")
    return BuiltSite(project, project / "site", "https://example.org/timeline/")


@pytest.fixture(scope="module")
def cited_page(cited_site) -> str:
    return read_page(cited_site.root, "events/2026-05-cited-event/")


def test_a_source_without_a_public_link_shows_why_instead_of_a_bare_no_link(cited_page):
    assert ('<span class="tl-source__title">“[Untitled text on the lab]”</span>' in cited_page)
    assert ('<span class="tl-note" lang="en">(no public link: untitled text without a '
            "public address)</span>") in cited_page
    assert "(no link)" not in cited_page


def test_a_translated_title_follows_the_original_marked_as_ours_and_in_english(cited_page):
    assert ('<span class="tl-source__translation" lang="en">(“A report on the lab”, our '
            "translation)</span>") in cited_page


def test_a_translated_quote_follows_the_original_quote(cited_page):
    quote = '<blockquote class="tl-source__quote">实验室成立了新团队</blockquote>'
    translation = ('<p class="tl-source__translation" lang="en">Our translation: '
                   "“The lab formed a new team”</p>")
    assert quote in cited_page
    assert cited_page.index(translation) > cited_page.index(quote)


def test_events_json_keeps_the_new_source_fields(cited_site):
    document = json.loads((cited_site.root / "api/events.json").read_text("utf-8"))
    event = next(e for e in document["events"] if e["id"] == "2026-05-cited-event")

    assert event["sources"][0] == {"title": "[Untitled text on the lab]",
                                   "url_unavailable": "untitled text without a public address"}
    assert event["sources"][1]["title_en"] == "A report on the lab"
    assert event["sources"][1]["quote_en"] == "The lab formed a new team"


@pytest.mark.parametrize(("quote", "words"), [
    ("Internally, Google tracks how much its coding tool \"Jetski\" gets used", 11),
    ("state-of-the-art isn't", 2),
    ("谷歌组建精英团队", 4),  # two CJK characters count as one word
    ("Google 组建精英团队以缩小差距", 7),
    ("", 0),
])
def test_quote_words_counts_words_and_pairs_of_cjk_characters(quote, words):
    assert quote_words(quote) == words


def test_a_source_has_the_same_fields_in_the_format_the_model_and_the_data_api():
    written = set(load_schema("event")["$defs"]["source"]["properties"])
    published = set(load_schema("events-api")["$defs"]["source"]["properties"])
    modelled = set(Source.__dataclass_fields__)

    assert written == modelled == published
