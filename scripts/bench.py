"""Benchmark the timeline against MkDocs' own floor (issue 6): `make bench`.

For each size N it generates a synthetic but valid corpus of N events (fixed seed), and in
the same run the *floor*: N plain Markdown pages with the same titles and summaries, built
by the same mkdocs-material configuration without our plugin. It then measures, ours
against the floor: `timeline validate` against a bare libyaml parse of the same files,
`mkdocs build` wall time and peak memory, the site's sizes, the search index and its
indexing step, the home page, optionally the rebuild under `mkdocs serve` (``--serve``),
and the time to the first search result in Chromium with the bytes search transferred
before it (from a local server that gzips text as GitHub Pages does). It prints one
table and writes ``OUT/results.json``.

Only ratios measured in one run mean anything: absolute figures drift between machines
and with whatever else the machine is doing.

    .venv/bin/python scripts/bench.py                      # N = 1,000 and 10,000
    .venv/bin/python scripts/bench.py --sizes 200 --serve  # quick look, with the rebuild
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import difflib
import functools
import gzip
import http.server
import importlib.metadata
import io
import json
import os
import platform
import pstats
import queue
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from timeline.cli.config import read_mkdocs_config
from timeline.model.records import slugify
from timeline.tools.atomic import write_text_atomically

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (1_000, 10_000)
REFERENCE_SIZE = 10  # the small corpus whose event pages are compared with the largest's
SEARCH_WORD = "benchmark"  # in every 20th summary, so in every corpus
SCHEMA_COMMENT = "# yaml-language-server: $schema={}scripts/timeline/format/schema/{}.schema.json"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
WAIT_SECONDS = 1800  # a bound on waiting for a server or a result, never a speed target
HOME_PAGE_LIMIT = 300_000  # bytes of HTML (issue 6)
SEARCH_BYTES_LIMIT = 300_000  # transferred for search before the first result (issue 17)
KB, MB = 1_000, 1_000_000

# ---------------------------------------------------------------------------------------
# The synthetic corpus. Names are invented so nothing reads as a real report.
# ---------------------------------------------------------------------------------------

ORG_STEMS = [
    "Aster", "Basalt", "Cobalt", "Driftwood", "Ember", "Fjord", "Granite", "Harbor",
    "Indigo", "Juniper", "Kestrel", "Lumen", "Meridian", "Nimbus", "Obsidian", "Pioneer",
    "Quarry", "Riverstone", "Saffron", "Tamarack", "Umber", "Vantage", "Willow", "Xenon",
    "Yarrow", "Zephyr", "Alder", "Beacon", "Cinder", "Delta", "Equinox", "Flint", "Gossamer",
    "Halcyon", "Ironwood", "Jasper", "Kite", "Lattice", "Monsoon", "Northwind", "Orchid",
    "Prism", "Quill", "Rook", "Sable", "Tidal", "Upland", "Vesper", "Wren", "Zenith"]
ORG_SUFFIXES = ["Labs", "AI", "Systems", "Research", "Intelligence", "Computing"]
PRODUCT_WORDS = ["Coder", "Pilot", "Forge", "Agent", "Studio", "Assist", "Engineer", "Scribe"]
FIRST_NAMES = [
    "Ada", "Bilal", "Chen", "Dana", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kemi",
    "Luca", "Maya", "Nikhil", "Olga", "Pablo", "Qing", "Rosa", "Sanjay", "Tomas", "Uma",
    "Viktor", "Wen", "Ximena", "Yusuf", "Zara", "Amara", "Bruno", "Clara", "Dmitri", "Esther",
    "Felix", "Gabriela", "Hassan", "Ivy", "Jae", "Kofi", "Leila", "Mateo", "Noor"]
LAST_NAMES = [
    "Abara", "Bergstrom", "Castellano", "Dubois", "Eriksen", "Fontaine", "Gallagher",
    "Haddad", "Ibarra", "Jovanovic", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor",
    "Petrov", "Quintero", "Rahman", "Sorensen", "Tanaka", "Udeh", "Varga", "Whitfield",
    "Xu", "Yilmaz", "Zielinski", "Almeida", "Brennan", "Cheng", "Delacroix", "Esposito",
    "Ferreira", "Grimaldi", "Hoffmann", "Iyer", "Jensen", "Kaur", "Lombardi", "Mbeki",
    "Novak"]
OUTLETS = [
    "The Byte Ledger", "Circuit Weekly", "Model Watch", "The Compile", "Stack Dispatch",
    "Agent Report", "Tensor Times", "The Diff", "Frontier Signal", "Weights & Measures",
    "Kernel Post", "The Build", "Commit Chronicle", "Inference Daily", "The Prompt",
    "Runtime Review", "Latency", "Open Source Courier", "The Merge", "Syntax Gazette",
    "Datacenter Digest", "The Gradient Line", "Pull Request", "Token Economy",
    "Benchmarks Monthly", "The Lab Letter", "Silicon Bulletin", "Code & Capital",
    "The Checkpoint", "Machine Notes", "Shenzhen Tech Review", "Berliner Digital",
    "Le Code", "Tokyo AI Shimbun", "Revista Software", "The Overflow", "Deploy", "Sandbox",
    "The Terminal", "Release Notes"]
LANGUAGES = ["en"] * 17 + ["zh", "de", "fr", "ja", "pt-BR"]
AREAS = ["code review", "long-horizon coding tasks", "agentic execution", "test generation",
         "code search", "refactoring at scale", "developer tooling", "midtraining on code",
         "evaluation of coding agents", "secure code generation", "IDE integration",
         "automated debugging", "repository-level reasoning", "code translation"]
BENCHMARKS = ["SWE-style", "RepoBench-like", "terminal-task", "multi-file edit",
              "bug-fixing", "competitive-programming"]
TAGS = {
    "coding-agents": ("Coding agents", "AI agents that write, read and change software"),
    "competition": ("Competition", "Rivalry between AI labs over coding capabilities"),
    "model-release": ("Model release", "The release of a new AI model or model version"),
    "talent": ("Talent", "Researchers and engineers joining or leaving AI labs"),
    "funding": ("Funding", "Investment rounds and valuations of AI coding companies"),
    "acquisition": ("Acquisition", "One company buying another"),
    "benchmark-results": ("Benchmark results", "Scores on public coding benchmarks"),
    "open-weights": ("Open weights", "Models whose weights are published"),
    "pricing": ("Pricing", "What models and coding tools cost"),
    "partnership": ("Partnership", "Agreements between companies"),
    "regulation": ("Regulation", "Laws and rules that affect AI coding tools"),
    "security-incident": ("Security incident", "Leaks, vulnerabilities and misuse"),
    "outage": ("Outage", "Services that stop working for a while"),
    "internal-tooling": ("Internal tooling", "AI tools used inside a company"),
    "training-data": ("Training data", "The data used to train AI models"),
    "compute": ("Compute", "Chips, data centres and the capacity to train models"),
    "leadership-memo": ("Leadership memo", "Internal memos from founders or executives"),
    "reorganisation": ("Reorganisation", "Changes to the structure of a team"),
    "team-formation": ("Team formation", "The creation of a new team inside a company"),
    "product-shutdown": ("Product shutdown", "A company withdrawing a product"),
    "lawsuit": ("Lawsuit", "Legal disputes between companies or with authors"),
    "research-paper": ("Research paper", "Published research on models for code"),
    "developer-tools": ("Developer tools", "Editors, terminals and platforms for developers"),
    "ide-integration": ("IDE integration", "AI assistants built into code editors"),
}

# (title template, tags). Placeholders: {org}, {org2}, {person}, {product}, {version},
# {area}, {bench} and numbers ({amount}, {pct}, {count}, {weeks}). Many kinds, and numbers
# in many titles, as in real reporting: a curated timeline has few look-alike titles, so
# the validator's likely-duplicate warning (EVT045) stays rare, as it would in practice.
EVENT_KINDS = [
    ("{org} releases {product} {version}, aimed at {area}", ["model-release", "coding-agents"]),
    ("{org} previews {product} {version} for {area}", ["model-release"]),
    ("{person} leaves {org} to join {org2}", ["talent", "competition"]),
    ("{org2} hires {person} away from {org} to lead {area}", ["talent", "competition"]),
    ("{org} raises {amount} million dollars to build coding agents", ["funding"]),
    ("{org} acquires {org2} to strengthen its work on {area}", ["acquisition"]),
    ("{org} agrees to buy {org2} in a deal reported at {amount} million dollars",
     ["acquisition"]),
    ("{product} {version} scores {pct} percent on a {bench} benchmark",
     ["benchmark-results", "competition"]),
    ("{person} writes in an internal memo that {org} must lead in {area}",
     ["leadership-memo", "internal-tooling"]),
    ("{org} and {org2} sign a {count}-year partnership on {area}", ["partnership"]),
    ("{org} cuts the price of {product} by {pct} percent", ["pricing", "competition"]),
    ("{org} publishes the weights of {product} {version} under an open licence",
     ["open-weights", "model-release"]),
    ("{product} goes down for {count} hours, stalling developers' pull requests",
     ["outage", "developer-tools"]),
    ("{org2} sues {org}, alleging {product} was trained on its code",
     ["lawsuit", "training-data"]),
    ("{org} forms a team led by {person} to work on {area}",
     ["team-formation", "reorganisation"]),
    ("{org} reorganises its {area} group after {person}'s departure",
     ["reorganisation", "talent"]),
    ("{org} shuts down {product} to free up compute for {area}",
     ["product-shutdown", "compute"]),
    ("{org} builds {product} into its code editor", ["ide-integration", "developer-tools"]),
    ("Researchers at {org} publish a paper on {area}", ["research-paper"]),
    ("{org} signs a compute deal for {amount} thousand accelerators", ["compute"]),
    ("A flaw in {product} exposed private repositories, {org} says", ["security-incident"]),
    ("{org} requires its engineers to use {product} for {area}", ["internal-tooling"]),
    ("Regulators question {org} over how {product} handles licensed code", ["regulation"]),
    ("{person} is named head of {area} at {org}", ["talent", "reorganisation"]),
    ("{org} opens {product} to all developers after a {weeks}-week beta",
     ["developer-tools"]),
    ("{org} says {product} now writes {pct} percent of its new code",
     ["internal-tooling", "coding-agents"]),
]
LEADS = [
    "{org} announced the move in a blog post, describing it as part of a broader push into "
    "{area}.",
    "According to people familiar with the matter, {org} had been preparing the change for "
    "several months before it became public.",
    "{person} said in an interview that the decision reflected how quickly {area} was "
    "changing and how much customers now expect from coding tools.",
]
DETAILS = [
    "The company said {product} handles larger repositories than its predecessor and makes "
    "fewer mistakes when it edits several files at once.",
    "Reporting at the time put the number of engineers involved at a few dozen, most of them "
    "drawn from existing research teams.",
    "{org2} declined to comment on the report, while {org} said it would share more details "
    "in the coming weeks.",
    "Analysts noted that the announcement came shortly after a rival had published strong "
    "results in {area}, and read it as a response to that pressure.",
    "Internal documents described {area} as a priority for the year and set targets for how "
    "often engineers should rely on agents for routine changes.",
    "Developers who tried early versions reported faster completions but also occasional "
    "confident errors that still needed careful review.",
    "The terms were not disclosed, though one report valued the arrangement in the hundreds "
    "of millions of dollars.",
    "Several former employees of {org2} were said to have joined {org} in the months that "
    "followed, adding to a steady flow of talent between the labs.",
    "Critics questioned whether the claims could be checked independently, since the "
    "evaluation data and methods had not been released.",
    "The change applied to paying customers first, with a wider rollout planned for later "
    "in the year.",
    "{person} framed the effort as a step toward systems that can improve themselves by "
    "writing and testing their own code.",
    "Reports differed on the timing: one placed the decision in the spring, another only "
    "mentioned that it had happened recently.",
]
BENCHMARK_SENTENCE = ("On the public benchmark that the reports cite, {product} was said to "
                      "resolve noticeably more real issues than the previous version.")
STATUSES = ["reported"] * 9 + ["confirmed"] * 9 + ["disputed", "denied"]
RELATIONS = ["follows", "followed-by", "part-of", "contradicts", "see-also"]
FIRST_YEAR, LAST_YEAR = 2011, 2025  # fifteen years, all in the past


@dataclass
class Corpus:
    """Actors, tags and events; a corpus of N events is the first N of the largest one."""

    actors: dict[str, dict]
    tags: dict[str, dict]
    events: list[dict]  # each: {"id", "year", "data"}


def generate_corpus(seed: int, count: int) -> Corpus:
    """The first ``count`` events of the stream for ``seed``, and the registries.

    Event i depends only on the seed and events before it, so every smaller corpus is a
    prefix of a larger one and the same event can be compared across sizes.
    """
    rng = random.Random(seed)
    actors = _actors(rng)
    by_kind = {kind: [slug for slug, a in actors.items() if a["kind"] == kind]
               for kind in ("organization", "person", "product")}
    tags = {slug: {"name": name, "description": text} for slug, (name, text) in TAGS.items()}
    events: list[dict] = []
    ids: set[str] = set()
    for index in range(count):
        events.append(_event(rng, index, actors, by_kind, events, ids))
    return Corpus(actors, tags, events)


def _actors(rng: random.Random) -> dict[str, dict]:
    actors: dict[str, dict] = {}
    orgs = rng.sample([f"{stem} {suffix}" for stem in ORG_STEMS for suffix in ORG_SUFFIXES],
                      90)
    for name in orgs:
        entry = {"name": name, "kind": "organization",
                 "description": f"AI company working on {rng.choice(AREAS)}"}
        if rng.random() < 0.6:
            entry["url"] = f"https://{slugify(name)}.example.com/"
        if rng.random() < 0.3:
            entry["aliases"] = [name.split()[0]]
        actors[slugify(name)] = entry
    people = rng.sample([f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES],
                        160)
    for name in people:
        entry = {"name": name, "kind": "person",
                 "description": f"Researcher at {rng.choice(orgs)} working on "
                                f"{rng.choice(AREAS)}"}
        if rng.random() < 0.4:
            entry["aliases"] = [name.split()[-1]]
        actors[slugify(name)] = entry
    products = rng.sample([f"{org.split()[0]} {word}" for org in orgs for word in PRODUCT_WORDS],
                          70)
    for name in products:
        actors[slugify(name)] = {"name": name, "kind": "product",
                                 "description": f"Coding assistant focused on "
                                                f"{rng.choice(AREAS)}"}
    return dict(sorted(actors.items()))


def _event(rng: random.Random, index: int, actors: dict, by_kind: dict,
           earlier: list[dict], ids: set[str]) -> dict:
    roles = {"org": rng.choice(by_kind["organization"]),
             "org2": rng.choice(by_kind["organization"]),
             "person": rng.choice(by_kind["person"]),
             "product": rng.choice(by_kind["product"])}
    names = {role: actors[slug]["name"] for role, slug in roles.items()}
    words = {**names, "area": rng.choice(AREAS), "bench": rng.choice(BENCHMARKS),
             "version": f"{rng.randint(1, 6)}.{rng.randint(0, 9)}",
             "amount": str(rng.randrange(5, 2000, 5)), "pct": str(rng.randint(10, 95)),
             "count": str(rng.randint(2, 30)), "weeks": str(rng.randint(2, 16))}
    template, kind_tags = rng.choice(EVENT_KINDS)
    title = template.format(**words)
    start, end, approximate = _dates(rng)
    event_id = _unique_id(f"{start}-{'-'.join(slugify(title).split('-')[:8])}", ids)
    named = [roles[role] for role in ("org", "person", "product", "org2")
             if "{" + role + "}" in template]
    others = [slug for slug in rng.sample(list(actors), 4) if slug not in named]
    event_actors = list(dict.fromkeys(named + others))[:max(len(named), rng.randint(1, 4))]
    data: dict = {"title": title, "date": start}
    if end:
        data["end"] = end
    if approximate:
        data["approximate"] = True
    data["status"] = rng.choice(STATUSES)
    data["summary"] = _summary(rng, index, words)
    data["actors"] = event_actors[:4]
    tag_count = rng.choice([0, 1, 1, 2, 2, 3])
    extra_tags = rng.sample(list(TAGS), 3)
    event_tags = list(dict.fromkeys(kind_tags + extra_tags))[:tag_count]
    if event_tags:
        data["tags"] = event_tags
    data["sources"] = [_source(rng, title, start, earlier)
                       for _ in range(rng.choice([1, 1, 2, 2, 3]))]
    if earlier and rng.random() < 0.4:
        targets = rng.sample(earlier, min(len(earlier), rng.choice([1, 1, 2])))
        data["related"] = [{"event": other["id"], "relation": rng.choice(RELATIONS)}
                           for other in targets]
    return {"id": event_id, "year": int(start[:4]), "data": data}


def _dates(rng: random.Random) -> tuple[str, str | None, bool]:
    day = dt.date(FIRST_YEAR, 1, 1) + dt.timedelta(
        days=rng.randrange((dt.date(LAST_YEAR, 12, 31) - dt.date(FIRST_YEAR, 1, 1)).days))
    precision = rng.choices(["day", "month", "year"], weights=[55, 30, 15])[0]
    end = None
    if rng.random() < 0.05:
        later = min(day + dt.timedelta(days=rng.randint(20, 500)), dt.date(LAST_YEAR, 12, 31))
        end = _written(later, precision)
    approximate = precision != "day" and rng.random() < 0.25
    return _written(day, precision), end, approximate


def _written(day: dt.date, precision: str) -> str:
    return {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[
        precision]


def _unique_id(candidate: str, ids: set[str]) -> str:
    event_id, number = candidate, 2
    while event_id in ids:
        event_id, number = f"{candidate}-{number}", number + 1
    ids.add(event_id)
    return event_id


def _summary(rng: random.Random, index: int, words: dict) -> str:
    sentences = [rng.choice(LEADS)]
    if index % 20 == 0:
        sentences.append(BENCHMARK_SENTENCE)
    for detail in rng.sample(DETAILS, len(DETAILS)):
        if sum(len(s.split()) for s in sentences) >= 105:
            break
        sentences.append(detail)
    text = " ".join(s.format(**words) for s in sentences)
    if rng.random() < 0.2:  # a little Markdown, as contributors write it
        text = text.replace(words["product"], f"*{words['product']}*", 1)
    return textwrap.fill(text, width=95) + "\n"


def _source(rng: random.Random, title: str, start: str, earlier: list[dict]) -> dict:
    shared = [s for e in earlier[-200:] for s in e["data"]["sources"] if "url" in s]
    if shared and rng.random() < 0.15:
        # The same article cited again: title, publisher and date must match (EVT042).
        return dict(rng.choice(shared))
    outlet = rng.choice(OUTLETS)
    source: dict = {"title": rng.choice(["", "Exclusive: ", "Report: "]) + title}
    published = _first_day(start) + dt.timedelta(days=rng.randint(0, 45))
    if rng.random() > 0.03:  # a few print or lost articles, without URL (a warning)
        source["url"] = (f"https://{slugify(outlet)}.example.org/{published.year}/"
                         f"{slugify(title)[:60].strip('-')}-{rng.randrange(10**6)}")
    source["publisher"] = outlet
    if rng.random() < 0.7:
        source["author"] = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    source["published"] = min(published, dt.date(LAST_YEAR, 12, 31)).isoformat()
    source["language"] = rng.choice(LANGUAGES)
    if rng.random() < 0.2:
        source["via"] = rng.choice(OUTLETS)
    if "url" in source and rng.random() < 0.1:
        source["archived"] = f"https://archive.example.net/{rng.randrange(10**9)}"
    if rng.random() < 0.4:
        source["quote"] = "the change was described internally as a priority for the year"
    return source


def _first_day(written: str) -> dt.date:
    parts = [int(p) for p in written.split("-")]
    return dt.date(parts[0], *[*parts[1:], 1, 1][:2])


class _Quoted(str):
    """Written in double quotes, as contributors write titles, dates and URLs."""


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    pass


_Dumper.add_representer(_Quoted, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", str(value), style='"'))
_Dumper.add_representer(str, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None))


def _quoted(data: dict) -> dict:
    quoted_keys = {"title", "date", "end", "url", "publisher", "author", "published", "via",
                   "archived", "quote", "name", "description"}
    result = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = _quoted(value)
        elif isinstance(value, list):
            value = [_quoted(v) if isinstance(v, dict) else v for v in value]
        elif key in quoted_keys and isinstance(value, str):
            value = _Quoted(value)
        result[key] = value
    return result


def _yaml_text(data: dict, schema_comment: str) -> str:
    body = yaml.dump(_quoted(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=1000)
    return schema_comment + "\n" + body


def write_events(events_dir: Path, corpus: Corpus, count: int) -> None:
    """``events/<YYYY>/<id>.yaml`` for the first ``count`` events, plus the registries."""
    events_dir.mkdir(parents=True)
    for name, registry in (("actors", corpus.actors), ("tags", corpus.tags)):
        (events_dir / f"{name}.yaml").write_text(
            _yaml_text(registry, SCHEMA_COMMENT.format("../", name)), encoding="utf-8")
    event_comment = SCHEMA_COMMENT.format("../../", "event")
    for event in corpus.events[:count]:
        folder = events_dir / str(event["year"])
        folder.mkdir(exist_ok=True)
        (folder / f"{event['id']}.yaml").write_text(_yaml_text(event["data"], event_comment),
                                                     encoding="utf-8")


# ---------------------------------------------------------------------------------------
# The two projects: ours (the real configuration) and the floor (minus our plugin).
# ---------------------------------------------------------------------------------------


def write_ours(project: Path, corpus: Corpus, count: int) -> Path:
    """A copy of the real site's configuration and docs, with the corpus as its events."""
    real = read_mkdocs_config(REPO / "mkdocs.yml")
    plugins = [{"timeline": {**plugin["timeline"], "events_dir": "events"}}
               if isinstance(plugin, dict) and "timeline" in plugin else plugin
               for plugin in real.get("plugins") or []]
    _copy_docs(project)
    write_events(project / "events", corpus, count)
    return _write_config(project, {"plugins": plugins})


def write_floor(project: Path, corpus: Corpus, count: int) -> Path:
    """The same theme and Markdown configuration without our plugin (so without the
    script and stylesheet it registers), and one plain page per event (title and
    summary), left out of the nav."""
    real = read_mkdocs_config(REPO / "mkdocs.yml")
    plugins = [plugin for plugin in real.get("plugins") or []
               if plugin != "timeline" and not (isinstance(plugin, dict) and "timeline" in plugin)]
    docs = _copy_docs(project)
    (docs / "index.md").write_text(
        f"# Timeline\n\nThe floor: {count} plain pages, one per event.\n", encoding="utf-8")
    (docs / "events").mkdir()
    for event in corpus.events[:count]:
        data = event["data"]
        (docs / "events" / f"{event['id']}.md").write_text(
            f"# {data['title']}\n\n{data['summary']}", encoding="utf-8")
    nav = _nav_of_existing_pages(real.get("nav") or [], docs)
    return _write_config(project, {"plugins": plugins, "nav": nav,
                                   "not_in_nav": "/events/"})


def _copy_docs(project: Path) -> Path:
    """docs/ and the top-level Markdown files that pages include (pymdownx.snippets reads
    them relative to the folder MkDocs runs in)."""
    shutil.copytree(REPO / "docs", project / "docs")
    for page in REPO.glob("*.md"):
        shutil.copy2(page, project / page.name)
    return project / "docs"


def _nav_of_existing_pages(nav: list, docs: Path) -> list:
    kept = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            children = _nav_of_existing_pages(value, docs)
            if children:
                kept.append({next(iter(item)): children} if isinstance(item, dict)
                            else children)
        elif isinstance(value, str) and (docs / value).is_file():
            kept.append(item)
    return kept


def _write_config(project: Path, overrides: dict) -> Path:
    """mkdocs.yml inheriting the real one, so theme and Markdown settings stay identical."""
    config = {"INHERIT": str(REPO / "mkdocs.yml"), "docs_dir": "docs",
              "site_dir": "site", **overrides}
    path = project / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------
# Measuring commands: wall time and peak memory of one child, each isolated.
# ---------------------------------------------------------------------------------------

# RUSAGE_CHILDREN's maxrss is the largest child *so far*, so each measured command runs
# under a wrapper process of its own whose only child is that command.
_WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[2:])
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    json.dump({"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
               "peak_kib": usage.ru_maxrss, "returncode": code}, out)
"""


@dataclass
class Run:
    wall_s: float
    cpu_s: float  # user + system: less disturbed than wall time by a busy machine
    peak_mb: float
    returncode: int
    stdout: str
    stderr: str


def measured(command: list[str], cwd: Path, scratch: Path) -> Run:
    """Run ``command`` once; its own wall time, CPU time and peak resident memory."""
    scratch.mkdir(parents=True, exist_ok=True)
    report = scratch / "measurement.json"
    report.unlink(missing_ok=True)
    done = subprocess.run([sys.executable, "-c", _WRAPPER, str(report), *command],
                          cwd=cwd, capture_output=True, text=True, env=_env())
    figures = json.loads(report.read_text())
    return Run(figures["wall_s"], figures["cpu_s"], figures["peak_kib"] * 1024 / MB,
               figures["returncode"], done.stdout, done.stderr)


def _env() -> dict[str, str]:
    # Every child imports the `timeline` next to this script, so a copy of the repository
    # (say, `git archive` of one commit) measures its own code, not the installed one.
    path = os.pathsep.join(filter(None, [str(REPO / "scripts"), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONPATH": path}


def _require_success(run: Run, what: str) -> None:
    if run.returncode != 0:
        raise SystemExit(f"bench: {what} failed (exit {run.returncode}):\n"
                         f"{run.stdout[-4000:]}\n{run.stderr[-4000:]}")


_FLOOR_PARSE = """
import os, sys, yaml
events = sys.argv[1]
for root, dirs, files in os.walk(events):
    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
    for name in sorted(files):
        if name.endswith((".yaml", ".yml")) and not name.startswith("."):
            with open(os.path.join(root, name), encoding="utf-8") as stream:
                yaml.load(stream.read(), Loader=yaml.CSafeLoader)
"""


def validate_runs(project: Path, scratch: Path, repeat: int) -> dict:
    """`timeline validate` on the corpus against safe-loading the same files with libyaml."""
    ours, floor, ours_cpu, floor_cpu, summary, last_output = [], [], [], [], "", ""
    for _ in range(repeat):
        run = measured([sys.executable, "-m", "timeline", "validate", "--events", "events"],
                       project, scratch)
        summary = run.stderr.strip().splitlines()[-1] if run.stderr.strip() else ""
        if run.returncode == 1 and summary.startswith("checked "):
            raise SystemExit(f"bench: the generated corpus in {project / 'events'} is "
                             f"invalid; scripts/bench.py must follow the event format:\n"
                             f"{run.stdout[-4000:]}{summary}")
        _require_success(run, "timeline validate")
        ours.append(run.wall_s)
        ours_cpu.append(run.cpu_s)
        last_output = run.stdout
        run = measured([sys.executable, "-c", _FLOOR_PARSE, "events"], project, scratch)
        _require_success(run, "the floor's YAML parse")
        floor.append(run.wall_s)
        floor_cpu.append(run.cpu_s)
    warnings = re.search(r"(\d+) warnings?", summary)
    by_code: dict[str, int] = {}
    for code in re.findall(r": warning: .*\[(EVT\d+)\]$", last_output, re.M):
        by_code[code] = by_code.get(code, 0) + 1
    return {"ours_s": ours, "floor_s": floor, "ours_cpu_s": ours_cpu, "floor_cpu_s": floor_cpu,
            "validator_summary": summary,
            "errors": 0, "warnings": int(warnings.group(1)) if warnings else 0,
            "warnings_by_code": dict(sorted(by_code.items()))}


def build_runs(project: Path, scratch: Path, repeat: int) -> dict:
    walls, cpus, peaks = [], [], []
    for _ in range(repeat):
        run = measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml"],
                       project, scratch)
        _require_success(run, f"mkdocs build of {project}")
        walls.append(run.wall_s)
        cpus.append(run.cpu_s)
        peaks.append(run.peak_mb)
    return {"wall_s": walls, "cpu_s": cpus, "peak_mb": peaks}


# ---------------------------------------------------------------------------------------
# What the built sites weigh.
# ---------------------------------------------------------------------------------------


def site_figures(site: Path, event_ids: list[str]) -> dict:
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    pages = [site / "events" / event_id / "index.html" for event_id in event_ids]
    missing = [p for p in pages if not p.is_file()]
    if missing:
        raise SystemExit(f"bench: {len(missing)} event pages missing, e.g. {missing[0]}")
    index = site / "search" / "search_index.json"
    entries = len(json.loads(index.read_text(encoding="utf-8"))["docs"]) if index.is_file() \
        else None
    # Our search index is the Pagefind bundles (one fragment per record); material's
    # search_index.json is then only its configuration.
    bundles = [site / "search" / name for name in ("pagefind", "pagefind-zh")]
    if bundles[0].is_dir():
        entries = sum(1 for b in bundles for _ in (b / "fragment").glob("*.pf_fragment"))
        index_bytes = sum(p.stat().st_size for b in bundles for p in b.rglob("*")
                          if p.is_file())
    else:
        index_bytes = index.stat().st_size if index.is_file() else None
    return {
        "total_bytes": total,
        "files": sum(1 for p in site.rglob("*") if p.is_file()),
        "event_page_bytes_median": statistics.median(p.stat().st_size for p in pages),
        "home_page_bytes": (site / "index.html").stat().st_size,
        "search_index_bytes": index_bytes,
        "search_entries": entries,
    }


_HREF = re.compile(r'href="([^"]*)"')


def events_linked_from_timeline(site: Path) -> int:
    """How many event pages the timeline's own pages link to, following only links from
    the home page through other timeline pages (year pages, say), not actors or tags."""
    seen_pages, reached, todo = {"index.html"}, set(), ["index.html"]
    while todo:
        page = todo.pop()
        html = (site / page).read_text(encoding="utf-8")
        if page != "index.html" and "tl-timeline" not in html:
            continue
        start = html.find("md-content__inner")
        content = html[start:html.rfind("</article>")] if start >= 0 else html
        for href in _HREF.findall(content):
            target = _site_path(page, href)
            if target is None or not (site / target).is_file():
                continue
            if target.startswith("events/"):
                reached.add(target)
            elif target not in seen_pages:
                seen_pages.add(target)
                todo.append(target)
    return len(reached)


def _site_path(page: str, href: str) -> str | None:
    parts = urlsplit(urljoin("http://site/" + page, href))
    if parts.netloc != "site":
        return None
    path = parts.path.lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path if path.endswith(".html") else None


# The links that depend on the rest of the timeline: previous and next, and "Back to the
# timeline", which leads to the home page or, once the event is older, its year page.
_PREV_NEXT = [re.compile(r'<nav class="tl-event__nav".*?</nav>', re.S),
              re.compile(r'<a\b[^>]*\brel="(?:prev|next)"[^>]*>.*?</a>', re.S),
              re.compile(r'<link\b[^>]*\brel="(?:prev|next)"[^>]*>'),
              re.compile(r'<p class="tl-back">.*?</p>', re.S)]


def without_prev_next(html: str) -> str:
    for pattern in _PREV_NEXT:
        html = pattern.sub("", html)
    return html


def compare_event_page(small_site: Path, large_site: Path, event_id: str,
                       sizes: tuple[int, int]) -> dict:
    """The same event's page in a small and a large site, prev/next links stripped."""
    small = (small_site / "events" / event_id / "index.html").read_text(encoding="utf-8")
    large = (large_site / "events" / event_id / "index.html").read_text(encoding="utf-8")
    small_bare, large_bare = without_prev_next(small), without_prev_next(large)
    diff = list(difflib.unified_diff(small_bare.splitlines(), large_bare.splitlines(),
                                     f"{sizes[0]} events", f"{sizes[1]} events", n=1,
                                     lineterm=""))
    return {"event": event_id, "sizes": list(sizes), "bytes": [len(small), len(large)],
            "identical_without_prev_next": small_bare == large_bare, "diff": diff[:60]}


# ---------------------------------------------------------------------------------------
# Rebuild under `mkdocs serve`.
# ---------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rebuild_seconds(project: Path, changed: Path) -> dict:
    """Start `mkdocs serve`, change one file, time until MkDocs says "Reloading browsers"."""
    lines: queue.Queue[tuple[float, str]] = queue.Queue()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-f", "mkdocs.yml",
         "-a", f"127.0.0.1:{free_port()}"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=_env())

    def read() -> None:
        for line in server.stdout:
            lines.put((time.perf_counter(), line.rstrip()))

    threading.Thread(target=read, daemon=True).start()
    try:
        first = _wait_for_line(lines, server, "Serving on")
        time.sleep(1.0)  # let the file watcher settle
        original = changed.read_text(encoding="utf-8")
        changed_at = time.perf_counter()
        changed.write_text(original + "\n# touched by the benchmark\n", encoding="utf-8")
        built = _wait_for_line(lines, server, "Documentation built in", required=False,
                               stop="Reloading browsers")
        reloaded = _wait_for_line(lines, server, "Reloading browsers") if built[1] else built
        changed.write_text(original, encoding="utf-8")
        seconds = re.search(r"built in ([\d.]+) seconds", built[1] or "")
        return {"rebuild_s": reloaded[0] - changed_at,
                "build_reported_s": float(seconds.group(1)) if seconds else None,
                "first_build_line": first[1]}
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def _wait_for_line(lines: queue.Queue, server: subprocess.Popen, text: str,
                   required: bool = True, stop: str | None = None) -> tuple[float, str | None]:
    deadline = time.monotonic() + WAIT_SECONDS
    seen: list[str] = []
    while time.monotonic() < deadline:
        try:
            at, line = lines.get(timeout=1)
        except queue.Empty:
            if server.poll() is not None:
                break
            continue
        seen.append(line)
        if text in line:
            return at, line
        if stop and stop in line:
            return at, None
    if not required:
        return time.perf_counter(), None
    raise SystemExit(f"bench: `mkdocs serve` never said {text!r}:\n" + "\n".join(seen[-30:]))


# ---------------------------------------------------------------------------------------
# First search result in Chromium.
# ---------------------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves as GitHub Pages does for what matters here: text gzipped on request."""

    GZIPPED = (".html", ".js", ".css", ".json", ".xml", ".svg", ".txt")

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not (path.endswith(self.GZIPPED) and os.path.isfile(path)
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        with open(path, "rb") as source:
            body = gzip.compress(source.read(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A browser context closed with a response still on its way is not an error here.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serving(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class Browser:
    """Debian's chromium driven by Playwright, as in the browser tests."""

    def __init__(self, executable: str):
        from playwright.sync_api import sync_playwright  # only when a browser is wanted

        self._playwright = sync_playwright().start()
        self.browser = self._playwright.chromium.launch(executable_path=executable,
                                                        args=CHROMIUM_ARGS)
        self.version = self.browser.version

    def first_result_seconds(self, site: Path, word: str) -> dict:
        """Home page loaded, "/" pressed, ``word`` typed: seconds until the first result
        shows (from the load event, and from the start of navigation)."""
        with serving(site) as url:
            context = self.browser.new_context()  # a cold cache every time
            finished: list = []
            try:
                page = context.new_page()
                page.on("requestfinished", lambda request: finished.append(
                    (time.perf_counter(), request)))
                started = time.perf_counter()
                page.goto(url, wait_until="load", timeout=WAIT_SECONDS * 1000)
                loaded = time.perf_counter()
                page.keyboard.press("/")
                page.keyboard.type(word)
                typed = time.perf_counter()
                page.locator(".md-search-result__item").first.wait_for(
                    state="visible", timeout=WAIT_SECONDS * 1000)
                shown = time.perf_counter()
                search_bytes = sum(_transferred(request) for at, request in finished
                                   if at <= shown and _is_search_request(request.url))
            finally:
                context.close()
        return {"from_load_s": shown - loaded, "from_navigation_s": shown - started,
                "typing_s": typed - loaded, "search_bytes": search_bytes}

    def close(self) -> None:
        self.browser.close()
        self._playwright.stop()


# What a page loads for search: the theme's index and worker (and Lunr's language files),
# our Pagefind bundles; not the page itself, its styles or its other scripts.
_SEARCH_PATHS = ("/search/", "/assets/javascripts/workers/", "/assets/javascripts/lunr/")


def _is_search_request(url: str) -> bool:
    return any(part in urlsplit(url).path for part in _SEARCH_PATHS)


def _transferred(request) -> int:
    """Bytes over the wire for one response: headers and the body as sent (gzipped)."""
    sizes = request.sizes()
    return sizes["responseBodySize"] + sizes["responseHeadersSize"]


# ---------------------------------------------------------------------------------------
# One size, all figures.
# ---------------------------------------------------------------------------------------


@dataclass
class Settings:
    sizes: list[int]
    seed: int
    out: Path
    repeat: int
    validate_repeat: int
    search_repeat: int
    skip_browser: bool
    serve: bool
    profile: bool
    notes: list[str] = field(default_factory=list)


def prepare(corpus: Corpus, count: int, out: Path, floor: bool = True) -> tuple[Path, Path]:
    """Fresh projects for ``count`` events under ``OUT/n<count>/``: ours and the floor."""
    root = out / f"n{count}"
    if root.exists():
        shutil.rmtree(root)
    write_ours(root / "ours", corpus, count)
    commit_history(root / "ours", corpus, count)
    if floor:
        write_floor(root / "floor", corpus, count)
    return root / "ours", root / "floor"


# The corpus's history: every event added on one day, then every HISTORY_STRIDE-th event
# (from the REFERENCE_SIZE-th on, so the reference pages compared across sizes stay the
# same) changed on a later day, as a timeline that is maintained looks.
HISTORY_DAYS = ("2026-09-15T12:00:00+00:00", "2026-10-20T12:00:00+00:00")
HISTORY_STRIDE = 100


def commit_history(project: Path, corpus: Corpus, count: int) -> None:
    """Make ``project`` a git repository whose commits date its events."""
    git = ["git", "-c", "init.defaultBranch=main", "-c", "user.name=Bench",
           "-c", "user.email=bench@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "--quiet"], cwd=project, check=True)
    for day, changed in ((HISTORY_DAYS[0], None), (HISTORY_DAYS[1], range(
            REFERENCE_SIZE, count, HISTORY_STRIDE))):
        for index in changed or ():
            event = corpus.events[index]
            path = project / "events" / str(event["year"]) / f"{event['id']}.yaml"
            path.write_text(path.read_text(encoding="utf-8") + "# reviewed\n",
                            encoding="utf-8")
        env = {**os.environ, "GIT_AUTHOR_DATE": day, "GIT_COMMITTER_DATE": day}
        subprocess.run([*git, "add", "--all", "events"], cwd=project, check=True)
        subprocess.run([*git, "commit", "--quiet", "--allow-empty", "-m", day],
                       cwd=project, check=True, env=env)


def history_and_feeds(project: Path, repeat: int) -> dict:
    """What the history pass and the actor's and tag's feeds cost, in this process: the
    pass alone, then every feed and calendar of one build, the site's and the others
    apart (each summary converted before, as the pages of a build do)."""
    from timeline.check import check
    from timeline.format.summary import SummaryText
    from timeline.read.history import read_history
    from timeline.site.feeds import Feeds, channels
    from timeline.site.options import SiteOptions

    events_dir = project / "events"
    history_s = []
    for _ in range(repeat):
        started = time.perf_counter()
        history = read_history(events_dir)
        history_s.append(time.perf_counter() - started)
    timeline = check(events_dir, history=history).timeline
    options = SiteOptions(site_url="https://example.org/")
    text = SummaryText()
    for event in timeline.events:
        text.html(event.summary)
        text.plain(event.summary)
    feeds = Feeds(timeline, options, text)
    site, *subjects = channels(timeline, options)
    started = time.perf_counter()
    feeds.atom(site)
    feeds.calendar(site)
    site_s = time.perf_counter() - started
    started = time.perf_counter()
    for channel in subjects:
        feeds.atom(channel)
        feeds.calendar(channel)
    return {"history_s": history_s, "files_dated": len(history.files),
            "site_feeds_s": site_s, "subject_feeds_s": time.perf_counter() - started,
            "subject_feed_files": 2 * len(subjects)}


def search_indexing(project: Path, scratch: Path) -> dict:
    """The search index's own step, as the plugin runs it after a build: records from the
    checked timeline, written by Pagefind (time, and the indexer's peak memory)."""
    from timeline.check import check
    from timeline.site.search import search_records, write_search_index
    from timeline.site.urls import Links

    timeline = check(project / "events").timeline
    output = scratch / "search-index"
    shutil.rmtree(output, ignore_errors=True)
    stats = write_search_index(search_records(timeline, Links(True)), output)
    shutil.rmtree(output, ignore_errors=True)
    return {"records": stats.records, "seconds": stats.seconds,
            "indexer_peak_mb": stats.peak_rss_kb * 1024 / MB}


def measure_size(corpus: Corpus, count: int, settings: Settings,
                 browser: Browser | None) -> dict:
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{count}, {time.perf_counter() - started:5.1f} s] {message}", file=sys.stderr,
              flush=True)

    ours, floor = prepare(corpus, count, settings.out)
    scratch = settings.out / "scratch"
    ids = [event["id"] for event in corpus.events[:count]]
    log("validate ...")
    figures: dict = {"corpus": {"events": count, "actors": len(corpus.actors),
                                "tags": len(corpus.tags),
                                "event_file_bytes": sum(
                                    p.stat().st_size for p in (ours / "events").rglob("*.yaml"))}}
    figures["validate"] = validate_runs(ours, scratch, settings.validate_repeat)
    log("history pass and feeds ...")
    figures["history_and_feeds"] = history_and_feeds(ours, settings.validate_repeat)
    log("build ours ...")
    figures["build_ours"] = build_runs(ours, scratch, settings.repeat)
    log("build floor ...")
    figures["build_floor"] = build_runs(floor, scratch, settings.repeat)
    log("search indexing ...")
    figures["search_indexing"] = search_indexing(ours, scratch)
    figures["site_ours"] = site_figures(ours / "site", ids)
    figures["site_floor"] = site_figures(floor / "site", ids)
    figures["site_ours"]["events_linked_from_timeline"] = events_linked_from_timeline(
        ours / "site")
    if settings.serve:
        log("mkdocs serve: rebuild after touching one file ...")
        event = corpus.events[0]
        figures["serve_ours"] = rebuild_seconds(
            ours, ours / "events" / str(event["year"]) / f"{event['id']}.yaml")
        figures["serve_floor"] = rebuild_seconds(
            floor, floor / "docs" / "events" / f"{event['id']}.md")
    if browser:
        log("first search result in Chromium ...")
        for name, project in (("ours", ours), ("floor", floor)):
            figures[f"search_{name}"] = [
                browser.first_result_seconds(project / "site", SEARCH_WORD)
                for _ in range(settings.search_repeat)]
    return figures


# Where a build's time goes: (label, path suffix of the file, function), cumulative time.
PROFILE_STAGES = [
    ("mkdocs build, all of it", "mkdocs/commands/build.py", "build"),
    ("timeline plugin: on_files (validate + generate)", "timeline/plugin.py", "on_files"),
    ("  timeline: check.check", "timeline/check/__init__.py", "check"),
    ("  timeline: site files (pages, assets, data)", "timeline/plugin.py",
     "add_generated_files"),
    ("    timeline: site pages", "timeline/site/pages.py", "pages"),
    ("mkdocs: Markdown to HTML, every page", "mkdocs/structure/pages.py", "render"),
    ("  markdown: md_in_html (re-parses generated HTML)", "markdown/extensions/md_in_html.py",
     "run"),
    ("mkdocs: page templates, every page (incl. on_page_context)", "mkdocs/commands/build.py",
     "_build_page"),
    ("  search plugin: index every page", "material/plugins/search/plugin.py",
     "on_page_context"),
    ("  search plugin: write the index", "material/plugins/search/plugin.py", "on_post_build"),
]


def run_profile(corpus_size: int, settings: Settings) -> dict:
    """cProfile of our build at ``corpus_size``: time per stage, top cumulative entries."""
    project = settings.out / f"n{corpus_size}" / "ours"
    profile = settings.out / "build.prof"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "mkdocs",
                    "build", "-q", "-f", "mkdocs.yml", "-d", str(settings.out / "prof-site")],
                   cwd=project, check=True, env=_env())
    shutil.rmtree(settings.out / "prof-site", ignore_errors=True)
    stats = pstats.Stats(str(profile)).stats
    stages, plugin_hooks, rows = {}, {}, []
    for (filename, line, name), (_cc, calls, tottime, cumtime, _callers) in stats.items():
        posix = Path(filename).as_posix()
        for label, suffix, function in PROFILE_STAGES:
            if posix.endswith(suffix) and name == function:
                stages[label] = stages.get(label, 0.0) + cumtime
        if posix.endswith("timeline/plugin.py") and name.startswith("on_"):
            plugin_hooks[name] = round(cumtime, 3)
        rows.append((cumtime, tottime, calls, f"{_package_of(filename)}: "
                                              f"{Path(filename).name}:{line}({name})"))
    total = stages.get(PROFILE_STAGES[0][0]) or 1.0
    rows.sort(reverse=True)
    return {"file": str(profile), "note": "cProfile slows pure-Python code several times; "
                                          "compare shares, not seconds",
            "stages_s": {label: round(stages.get(label, 0.0), 3)
                         for label, _, _ in PROFILE_STAGES},
            "stages_share": {label: round(stages.get(label, 0.0) / total, 3)
                             for label, _, _ in PROFILE_STAGES},
            "timeline_plugin_hooks_s": plugin_hooks,
            "top_cumulative": [{"cumulative_s": round(c, 3), "own_s": round(t, 3),
                                "calls": n, "function": f}
                               for c, t, n, f in rows if c < total * 0.99][:40]}


def _package_of(filename: str) -> str:
    parts = Path(filename).parts
    if "timeline" in parts:
        return "timeline"
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].split(".")[0]
    if filename.startswith("<") or filename == "~":
        return "builtins"
    return "stdlib"


def profile_summary(profile: dict) -> str:
    lines = ["where our build's time goes (cProfile, cumulative; shares matter, not seconds):"]
    for label, seconds in profile["stages_s"].items():
        share = profile["stages_share"][label]
        lines.append(f"  {label:<62} {seconds:8.1f} s  {share:6.1%}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------
# The table.
# ---------------------------------------------------------------------------------------


@dataclass
class Row:
    n: int
    figure: str
    unit: str
    ours: float | None
    floor: float | None
    target: str = ""
    check: Callable[[float | None, float | None], bool] | None = None

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.floor:
            return None
        return self.ours / self.floor

    @property
    def met(self) -> bool | None:
        if self.check is None or self.ours is None:
            return None
        return bool(self.check(self.ours, self.ratio))

    def as_json(self) -> dict:
        return {"n": self.n, "figure": self.figure, "unit": self.unit, "ours": self.ours,
                "floor": self.floor, "ratio": self.ratio, "target": self.target,
                "met": self.met}


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def rows_for(count: int, f: dict) -> list[Row]:
    ours_site, floor_site = f["site_ours"], f["site_floor"]
    rows = [
        Row(count, "validate", "s", _median(f["validate"]["ours_s"]),
            _median(f["validate"]["floor_s"]), "≤ 2x", lambda o, r: r <= 2),
        Row(count, "validate CPU time", "s", _median(f["validate"]["ours_cpu_s"]),
            _median(f["validate"]["floor_cpu_s"])),
        Row(count, "history pass (one git log)", "s",
            _median(f["history_and_feeds"]["history_s"]), None),
        Row(count, "site feed and calendar", "s", f["history_and_feeds"]["site_feeds_s"],
            None),
        Row(count, "actor and tag feeds and calendars", "s",
            f["history_and_feeds"]["subject_feeds_s"], None),
        Row(count, "build time", "s", _median(f["build_ours"]["wall_s"]),
            _median(f["build_floor"]["wall_s"]), "≤ 1.25x", lambda o, r: r <= 1.25),
        Row(count, "build CPU time", "s", _median(f["build_ours"]["cpu_s"]),
            _median(f["build_floor"]["cpu_s"])),
        Row(count, "build peak memory", "MB", _median(f["build_ours"]["peak_mb"]),
            _median(f["build_floor"]["peak_mb"]), "≤ 1.5x", lambda o, r: r <= 1.5),
        Row(count, "site size", "MB", ours_site["total_bytes"] / MB,
            floor_site["total_bytes"] / MB),
        Row(count, "site size per event", "KB", ours_site["total_bytes"] / count / KB,
            floor_site["total_bytes"] / count / KB),
        Row(count, "event page HTML (median)", "KB", ours_site["event_page_bytes_median"] / KB,
            floor_site["event_page_bytes_median"] / KB),
        Row(count, "home page HTML", "KB", ours_site["home_page_bytes"] / KB,
            floor_site["home_page_bytes"] / KB, f"≤ {HOME_PAGE_LIMIT // KB} KB",
            lambda o, r: o * KB <= HOME_PAGE_LIMIT),
        Row(count, "events linked from timeline pages", "", ours_site[
            "events_linked_from_timeline"], None, f"all {count:,}", lambda o, r: o == count),
    ]
    if ours_site["search_index_bytes"] and floor_site["search_index_bytes"]:
        rows += [
            Row(count, "search index", "MB", ours_site["search_index_bytes"] / MB,
                floor_site["search_index_bytes"] / MB),
            # Stored, not downloaded: a reader loads only the parts a query needs.
            Row(count, "search index per event", "B", ours_site["search_index_bytes"] / count,
                floor_site["search_index_bytes"] / count),
            Row(count, "search entries per event", "", ours_site["search_entries"] / count,
                floor_site["search_entries"] / count),
        ]
    if "search_indexing" in f:
        rows += [
            Row(count, "search indexing", "s", f["search_indexing"]["seconds"], None),
            Row(count, "search indexer peak memory", "MB",
                f["search_indexing"]["indexer_peak_mb"], None),
        ]
    if "search_ours" in f:
        rows += [
            Row(count, "first search result", "s",
                _median([s["from_load_s"] for s in f["search_ours"]]),
                _median([s["from_load_s"] for s in f["search_floor"]]), "≤ 0.3x",
                lambda o, r: r <= 0.3),
            Row(count, "search bytes before first result", "KB",
                _median([s["search_bytes"] / KB for s in f["search_ours"]]),
                _median([s["search_bytes"] / KB for s in f["search_floor"]]),
                f"≤ {SEARCH_BYTES_LIMIT // KB} KB", lambda o, r: o * KB <= SEARCH_BYTES_LIMIT),
        ]
    if "serve_ours" in f:
        rows.append(Row(count, "serve: rebuild after one change", "s",
                        f["serve_ours"]["rebuild_s"], f["serve_floor"]["rebuild_s"]))
    return rows


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if (unit == "" and float(value).is_integer()) or (unit == "B" and value >= 100):
        return f"{value:,.0f}"
    return f"{value:,.2f}" if value < 100 else f"{value:,.1f}"


def table(rows: list[Row], extra: list[tuple[str, str, str, str]]) -> str:
    header = ("N", "figure", "ours", "floor", "ours/floor", "target", "met")
    body = [(f"{row.n:,}", f"{row.figure} ({row.unit})" if row.unit else row.figure,
             _number(row.ours, row.unit), _number(row.floor, row.unit),
             f"{row.ratio:.2f}x" if row.ratio is not None else "–", row.target or "–",
             {True: "yes", False: "NO", None: "–"}[row.met]) for row in rows]
    body += [("all", figure, ours, "–", "–", target, met)
             for figure, ours, target, met in extra]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]

    def line(cells) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), rule, *(line(cells) for cells in body)])


def machine() -> dict:
    def version(name: str) -> str | None:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return None

    return {"platform": platform.platform(), "processor": platform.processor() or None,
            "cpu_count": os.cpu_count(), "python": platform.python_version(),
            "mkdocs": version("mkdocs"), "mkdocs_material": version("mkdocs-material"),
            "pyyaml_libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "commit": _commit(),
            "load_average_at_start": list(os.getloadavg())}


def _commit() -> str | None:
    """The measured commit, marked "+changes" if the code or site files differ from it."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                              capture_output=True, text=True, check=True).stdout.strip()
        changed = subprocess.run(["git", "status", "--porcelain", "--", "scripts/timeline",
                                  "mkdocs.yml", "docs"], cwd=REPO, capture_output=True,
                                 text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return head + ("+changes" if changed else "")


# ---------------------------------------------------------------------------------------
# The command.
# ---------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> Settings:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated numbers of events (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=6, help="corpus seed (default: 6)")
    parser.add_argument("--out", type=Path, default=REPO / ".bench",
                        help="folder for corpora, sites and results.json (default: .bench)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="builds per measurement; the median is reported (default: 1)")
    parser.add_argument("--validate-repeat", type=int, default=3,
                        help="runs of `timeline validate` and of its floor (default: 3)")
    parser.add_argument("--search-repeat", type=int, default=3,
                        help="searches per site in Chromium (default: 3)")
    parser.add_argument("--skip-browser", action="store_true",
                        help="do not measure the first search result in Chromium")
    parser.add_argument("--serve", action="store_true",
                        help="also time the rebuild after one change under `mkdocs serve`")
    parser.add_argument("--profile", action="store_true",
                        help="also profile our build at the largest size (OUT/build.prof)")
    args = parser.parse_args(argv)
    try:
        sizes = sorted({int(size) for size in args.sizes.split(",") if size.strip()})
    except ValueError:
        parser.error(f"--sizes takes whole numbers separated by commas, not {args.sizes!r}")
    if not sizes or sizes[0] < 1:
        parser.error("--sizes needs at least one size of 1 or more")
    return Settings(sizes, args.seed, args.out.resolve(), max(1, args.repeat),
                    max(1, args.validate_repeat), max(1, args.search_repeat),
                    args.skip_browser, args.serve, args.profile)


def main(argv: list[str] | None = None) -> int:
    settings = parse_args(argv)
    settings.out.mkdir(parents=True, exist_ok=True)
    largest = settings.sizes[-1]
    corpus = generate_corpus(settings.seed, max(largest, REFERENCE_SIZE))
    browser = _browser(settings)
    results: dict = {"machine": machine(),
                     "settings": {"sizes": settings.sizes, "seed": settings.seed,
                                  "repeat": settings.repeat,
                                  "validate_repeat": settings.validate_repeat,
                                  "search_repeat": settings.search_repeat,
                                  "search_word": SEARCH_WORD, "serve": settings.serve},
                     "sizes": {}, "notes": settings.notes}
    if browser:
        results["machine"]["chromium"] = browser.version
    try:
        for count in settings.sizes:
            results["sizes"][str(count)] = measure_size(corpus, count, settings, browser)
    finally:
        if browser:
            browser.close()
    results["per_event_html"] = _per_event_html(corpus, settings)
    if settings.profile:
        print(f"[{largest}] profiling our build ...", file=sys.stderr, flush=True)
        results["profile"] = run_profile(largest, settings)
    results["machine"]["load_average_at_end"] = list(os.getloadavg())
    rows = [row for count in settings.sizes
            for row in rows_for(count, results["sizes"][str(count)])]
    results["rows"] = [row.as_json() for row in rows]
    same = results["per_event_html"]
    extra = [(f"event page at {same['sizes'][0]:,} vs {same['sizes'][1]:,} events, "
              "prev/next stripped", "identical" if same["identical_without_prev_next"]
              else "differs", "identical",
              "yes" if same["identical_without_prev_next"] else "NO")]
    printed = table(rows, extra)
    results["table"] = printed
    write_text_atomically(settings.out / "results.json",
                          json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(printed)
    if "profile" in results:
        print(profile_summary(results["profile"]))
    for note in settings.notes:
        print(f"note: {note}")
    print(f"results: {settings.out / 'results.json'}")
    return 0


def _browser(settings: Settings) -> Browser | None:
    if settings.skip_browser:
        settings.notes.append("first search result not measured (--skip-browser)")
        return None
    executable = shutil.which("chromium")
    if executable is None:
        settings.notes.append("first search result not measured: chromium is not installed")
        return None
    return Browser(executable)


def _per_event_html(corpus: Corpus, settings: Settings) -> dict:
    """The same event page at REFERENCE_SIZE and at the largest size, prev/next stripped."""
    largest = settings.sizes[-1]
    small_site = settings.out / f"n{REFERENCE_SIZE}" / "ours" / "site"
    if REFERENCE_SIZE not in settings.sizes:
        ours, _ = prepare(corpus, REFERENCE_SIZE, settings.out, floor=False)
        build_runs(ours, settings.out / "scratch", 1)
    # An event with tags and related links, so most of the page is exercised.
    candidates = corpus.events[:min(REFERENCE_SIZE, largest)]
    event = max(candidates, key=lambda e: (len(e["data"].get("related", [])),
                                           len(e["data"].get("tags", []))))
    return compare_event_page(small_site, settings.out / f"n{largest}" / "ours" / "site",
                              event["id"], (REFERENCE_SIZE, largest))


if __name__ == "__main__":
    sys.exit(main())
