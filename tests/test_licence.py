"""The licences: MIT for the code, the content's terms stated wherever the content goes.

Built by real MkDocs: the timeline fixture with the repository's own mkdocs.yml (which sets
CC BY 4.0), and the small fixture, which sets no licence.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import jsonschema

from tests.helpers import REPO, mkdocs, read_page, small_project
from timeline.format.schema import load_schema

CC_BY = {"id": "CC-BY-4.0", "name": "Creative Commons Attribution 4.0 International",
         "url": "https://creativecommons.org/licenses/by/4.0/"}
ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_repository_has_an_mit_licence_file_that_pyproject_names():
    licence = (REPO / "LICENSE").read_text(encoding="utf-8")
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")

    assert licence.startswith("MIT License\n")
    assert 'license = "MIT"' in pyproject
    assert 'license-files = ["LICENSE"]' in pyproject


def test_the_readme_states_both_licences():
    readme = (REPO / "README.md").read_text(encoding="utf-8")

    assert "## Licences" in readme
    assert "[MIT licence](LICENSE)" in readme
    assert "https://creativecommons.org/licenses/by/4.0/" in readme


def test_events_json_states_the_configured_licence(timeline_site):
    document = json.loads((timeline_site.root / "api/events.json").read_text("utf-8"))

    assert document["license"] == CC_BY
    jsonschema.validate(document, load_schema("events-api"))


def test_the_atom_feed_states_the_licence_as_its_rights(timeline_site):
    feed = ET.parse(timeline_site.root / "feed.xml").getroot()

    assert feed.findtext(f"{ATOM}rights") == (
        "Creative Commons Attribution 4.0 International: "
        "https://creativecommons.org/licenses/by/4.0/")


def test_every_page_footer_links_the_content_licence(timeline_site):
    for url in ("", "about/", "export/"):
        page = read_page(timeline_site.root, url)
        footer = page[page.index('class="md-copyright"'):]
        assert ('<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">'
                "CC BY 4.0</a>") in footer, url


def test_the_feeds_and_data_page_states_the_content_licence(timeline_site):
    page = read_page(timeline_site.root, "export/")

    assert 'id="licence"' in page
    assert "Creative Commons Attribution 4.0 International licence (CC BY 4.0)" in page


def test_a_site_without_a_licence_states_none_in_its_data(small_site):
    document = json.loads((small_site.root / "api/events.json").read_text("utf-8"))
    feed = ET.parse(small_site.root / "feed.xml").getroot()

    assert "license" not in document
    assert feed.find(f"{ATOM}rights") is None


def test_an_incomplete_licence_option_fails_the_build_saying_what_it_needs(tmp_path):
    project = small_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "  - timeline\n", "  - timeline:\n      license:\n        id: CC-BY-4.0\n"), "utf-8")

    run = mkdocs(project, "build", "--strict", "-d", str(tmp_path / "site"))

    assert run.returncode == 1
    assert ("the timeline plugin's `license` option needs `id`, `name` and `url`, "
            "each as text") in run.stderr
    assert "Traceback" not in run.stderr
