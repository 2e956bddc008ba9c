"""`make bench` runs end to end at a tiny size, so it cannot rot. No timing is asserted:
the benchmark measures, the tests only check that it measures everything it promises."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from tests.helpers import REPO

SIZE = 12
# What the floor (a site without our plugin) has no counterpart of.
OURS_ONLY = {"events linked from timeline pages", "history pass (one git log)",
             "site feed and calendar", "actor and tag feeds and calendars",
             "search indexing", "search indexer peak memory"}
BROWSER = shutil.which("chromium") is not None


@pytest.fixture(scope="module")
def bench(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("bench")
    command = [sys.executable, str(REPO / "scripts/bench.py"), "--sizes", str(SIZE),
               "--out", str(out), "--serve", "--validate-repeat", "1",
               "--search-repeat", "1"]
    if not BROWSER:
        command.append("--skip-browser")
    run = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    results["_stdout"], results["_out"] = run.stdout, out
    return results


def test_the_generated_corpus_passes_the_validator_with_no_errors(bench):
    validate = bench["sizes"][str(SIZE)]["validate"]
    assert validate["errors"] == 0
    assert validate["validator_summary"].startswith(f"checked {SIZE + 2} files: 0 errors")


def test_the_corpus_has_the_requested_events_and_a_few_hundred_actors(bench):
    corpus = bench["sizes"][str(SIZE)]["corpus"]
    assert corpus["events"] == SIZE
    assert corpus["actors"] >= 200
    assert len(list((bench["_out"] / f"n{SIZE}/ours/events").rglob("*/*.yaml"))) == SIZE


def test_the_floor_has_one_plain_page_per_event(bench):
    pages = list((bench["_out"] / f"n{SIZE}/floor/docs/events").glob("*.md"))
    assert len(pages) == SIZE


def test_every_figure_is_measured_for_ours_and_the_floor(bench):
    figures = {row["figure"] for row in bench["rows"] if row["n"] == SIZE}
    expected = {"validate", "validate CPU time", "build time", "build CPU time",
                "build peak memory", "site size",
                "site size per event", "event page HTML (median)", "home page HTML",
                "events linked from timeline pages", "search index",
                "search index per event", "search entries per event",
                "serve: rebuild after one change", "history pass (one git log)",
                "site feed and calendar", "actor and tag feeds and calendars",
                "search indexing", "search indexer peak memory"}
    if BROWSER:
        expected |= {"first search result", "search bytes before first result"}
    assert expected <= figures
    for row in bench["rows"]:
        assert row["ours"] is not None and row["ours"] > 0, row
        if row["figure"] not in OURS_ONLY:
            assert row["floor"] is not None and row["floor"] > 0, row


def test_the_history_pass_dates_every_event_of_the_corpus(bench):
    figures = bench["sizes"][str(SIZE)]["history_and_feeds"]
    assert figures["files_dated"] == SIZE + 2  # and the two registries


def test_every_actor_and_tag_gets_a_feed_and_a_calendar(bench):
    figures = bench["sizes"][str(SIZE)]
    assert figures["history_and_feeds"]["subject_feed_files"] == \
        2 * (figures["corpus"]["actors"] + figures["corpus"]["tags"])


def test_rows_with_a_target_say_whether_it_is_met(bench):
    targets = [row for row in bench["rows"] if row["target"]]
    assert {row["figure"] for row in targets} >= {
        "validate", "build time", "build peak memory", "home page HTML"}
    if BROWSER:
        assert {row["figure"] for row in targets} >= {
            "first search result", "search bytes before first result"}
    assert all(isinstance(row["met"], bool) for row in targets)


def test_the_same_event_page_is_compared_at_two_sizes(bench):
    same = bench["per_event_html"]
    assert same["sizes"] == [10, SIZE]
    assert isinstance(same["identical_without_prev_next"], bool)
    assert (bench["_out"] / "n10/ours/site/events" / same["event"] / "index.html").is_file()


def test_the_results_name_the_machine_they_were_measured_on(bench):
    assert set(bench["machine"]) >= {"platform", "cpu_count", "python", "mkdocs",
                                     "mkdocs_material", "date"}


def test_the_table_is_printed(bench):
    header = bench["_stdout"].splitlines()[0]
    assert [cell.strip() for cell in header.split("|")[1:-1]] == [
        "N", "figure", "ours", "floor", "ours/floor", "target", "met"]
    assert bench["table"] in bench["_stdout"]


def test_the_indexing_step_reports_every_record_it_wrote(bench):
    figures = bench["sizes"][str(SIZE)]
    assert figures["search_indexing"]["records"] >= SIZE  # and the hubs
    # The built site's index also holds the hand-written pages, which the step alone has not.
    assert figures["site_ours"]["search_entries"] > figures["search_indexing"]["records"]
