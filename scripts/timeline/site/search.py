"""The site's search index: one record per event, hub page and documentation page, made
from the same immutable model the pages are, and written as a Pagefind bundle.

Each record is a small HTML document for the indexer only (no page is re-read): its
heading is the title, its ``data-pagefind-*`` attributes carry what a result shows (kind,
date at its precision, status, the names that make an exact match) and the facets a
search narrows by (actor, tag, year, status). English records go into one bundle, with
stemming; the Chinese text of sources (titles and quotes) goes into a second bundle in
Chinese, which the extended Pagefind binary segments into words. The browser side is
``assets/search-worker.js``, which answers the theme's search box from these bundles.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import escape
from importlib.resources import files as package_files
from pathlib import Path

from timeline.format.summary import SummaryText
from timeline.model.records import Event, Timeline
from timeline.site import urls
from timeline.site.urls import Links

# The kinds of record, in the order results list them (an exact name match puts its hub
# first; see search-worker.js).
EVENT, ACTOR, TAG, OUTLET, YEAR, DOCS = "event", "actor", "tag", "outlet", "year", "docs"
# The facets a search narrows by: the timeline's own filters.
FACETS = ("actor", "tag", "year", "status")
ENGLISH, CHINESE = "en", "zh"
BUNDLES = {ENGLISH: urls.SEARCH_BUNDLE, CHINESE: urls.SEARCH_BUNDLE_CHINESE}
# Han characters (with the CJK punctuation between them): text the Chinese bundle indexes.
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]+")
# What the browser never loads: Pagefind's own interfaces and its nested worker (the
# bundle is already read inside a worker).
UNUSED_BUNDLE_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
                       "pagefind-modular-ui.css", "pagefind-component-ui.js",
                       "pagefind-component-ui.css", "pagefind-highlight.js",
                       "pagefind-worker.js")


@dataclass(frozen=True)
class SearchRecord:
    """One search result to be: its address from the site root, its language, and the
    small HTML document the indexer reads."""

    url: str
    language: str
    html: str


@dataclass(frozen=True)
class DocumentPage:
    """A hand-written page of the site (or the format reference), as the builder rendered
    it: its address from the site root, its title and its body's HTML."""

    url: str
    title: str
    html: str


@dataclass(frozen=True)
class IndexStats:
    records: int
    seconds: float
    peak_rss_kb: int  # the indexer process's peak resident memory


def status_of(event: Event) -> str:
    """The status a reader filters by: an event found wrong is "retracted" whatever its
    status was."""
    return "retracted" if event.retraction else event.status


def unique_names(names: Iterable[str]) -> list[str]:
    """Names without repeats that differ only in case ("NorthWind" after "Northwind")."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.casefold(), name)
    return list(seen.values())


def _meta(key: str, value: str) -> str:
    return f'<span data-pagefind-meta="{key}">{escape(value)}</span>'


def _filter(key: str, value: str) -> str:
    return f'<span data-pagefind-filter="{key}">{escape(value)}</span>'


def _document(language: str, title: str, body: str, meta: dict[str, str],
              filters: Iterable[tuple[str, str]] = ()) -> str:
    """The indexer's input: the body is indexed, the meta and filters travel with it."""
    tags = "".join(_meta(key, value) for key, value in meta.items() if value)
    tags += "".join(_filter(key, value) for key, value in filters)
    return (f'<html lang="{language}"><head><title>{escape(title)}</title></head><body>'
            f'<main data-pagefind-body><h1 data-pagefind-meta="title">{escape(title)}</h1>'
            f"{body}</main>{tags}</body></html>")


def _paragraph(texts: Iterable[str], weight: float | None = None) -> str:
    text = " · ".join(escape(t) for t in texts if t)
    if not text:
        return ""
    attribute = f' data-pagefind-weight="{weight}"' if weight is not None else ""
    return f"<p{attribute}>{text}</p>"


def _names_meta(names: Iterable[str]) -> str:
    """The names a query must equal to put a hub first, lower-cased, between bars (the
    indexer folds white space, new lines included)."""
    return "|".join(dict.fromkeys(name.casefold() for name in names))


class SearchRecords:
    """The records of one build, each made when it is reached."""

    def __init__(self, timeline: Timeline, links: Links, text: SummaryText | None = None):
        self.timeline = timeline
        self.links = links
        self.text = text or SummaryText()

    def __iter__(self) -> Iterator[SearchRecord]:
        yield from self.events()
        yield from self.hubs()

    def event_filters(self, event: Event) -> list[tuple[str, str]]:
        filters = [("kind", EVENT), ("year", str(event.date.year)),
                   ("status", status_of(event))]
        filters += [("actor", actor.name) for actor in event.actors]
        filters += [("tag", tag.name) for tag in event.tags]
        return list(dict.fromkeys(filters))

    def events(self) -> Iterator[SearchRecord]:
        for event in self.timeline.listed:
            url = self.links.url(urls.event_page(event.id))
            meta = {"kind": EVENT, "date": event.display_date, "status": status_of(event)}
            filters = self.event_filters(event)
            names = unique_names(name for actor in event.actors
                                 for name in (actor.name, *actor.aliases))
            sources = event.sources
            body = (_paragraph(names, weight=4)
                    + f"<p>{escape(self.text.plain(event.summary, limit=10_000))}</p>"
                    + _paragraph([tag.name for tag in event.tags], weight=2)
                    + _paragraph(s.title_en or s.title for s in sources)
                    + _paragraph(q for s in sources for q in (s.quote_en, s.quote) if q)
                    + _paragraph(unique_names(n for s in sources
                                              for n in (s.publisher, s.via, s.author) if n)))
            yield SearchRecord(url, ENGLISH, _document(ENGLISH, event.title, body, meta,
                                                       filters))
            chinese = [run for s in sources for part in (s.title, s.quote) if part
                       for run in HAN.findall(part)]
            if chinese:
                yield SearchRecord(url, CHINESE, _document(
                    CHINESE, event.title, _paragraph(chinese), meta, filters))

    def hubs(self) -> Iterator[SearchRecord]:
        timeline, url = self.timeline, self.links.url
        for actor in timeline.actors.values():
            if not timeline.events_with_actor(actor.slug):
                continue  # no page is made for it
            names = unique_names((actor.name, *actor.aliases))
            yield self._hub(url(urls.actor_page(actor.slug)), ACTOR, actor.name,
                            _paragraph(names[1:], weight=7) + _paragraph([actor.description
                                                                          or ""]), names)
        for tag in timeline.tags.values():
            if timeline.events_with_tag(tag.slug):
                yield self._hub(url(urls.tag_page(tag.slug)), TAG, tag.name,
                                _paragraph([tag.description]), [tag.name])
        for outlet in timeline.outlets.values():
            yield self._hub(url(urls.outlet_page(outlet.slug)), OUTLET, outlet.name, "",
                            [outlet.name])
        for year in sorted({event.date.year for event in timeline.listed}):
            yield self._hub(url(urls.year_page(year)), YEAR, str(year), "", [str(year)])

    def _hub(self, url: str, kind: str, title: str, body: str,
             names: Iterable[str]) -> SearchRecord:
        meta = {"kind": kind, "names": _names_meta(names)}
        return SearchRecord(url, ENGLISH, _document(ENGLISH, title, body, meta,
                                                    [("kind", kind)]))


def document_record(page: DocumentPage) -> SearchRecord:
    """A documentation page's record: its own HTML, headings and all, ranked below what
    readers want (see search-worker.js)."""
    return SearchRecord(page.url, ENGLISH, _document(
        ENGLISH, page.title, page.html, {"kind": DOCS}, [("kind", DOCS)]))


def search_records(timeline: Timeline, links: Links,
                   documents: Iterable[DocumentPage] = (),
                   text: SummaryText | None = None) -> Iterator[SearchRecord]:
    """Every record of the site: events, then hubs, then documentation pages."""
    yield from SearchRecords(timeline, links, text)
    for page in documents:
        yield document_record(page)


def is_theme_search_worker(src_uri: str) -> bool:
    """mkdocs-material's search worker (``assets/javascripts/workers/search.<hash>.min.js``),
    whose address the theme writes into every page: ours is served there instead."""
    folder, _, name = src_uri.rpartition("/")
    return (folder == "assets/javascripts/workers" and name.startswith("search.")
            and name.endswith(".min.js"))


def worker_script() -> str:
    """The browser side: answers the theme's search box from the bundles."""
    return (package_files("timeline.site") / "assets" / "search-worker.js").read_text(
        encoding="utf-8")


# -- the indexer -----------------------------------------------------------------------


class IndexerError(RuntimeError):
    pass


def pagefind_executable() -> Path:
    """The extended Pagefind binary the ``pagefind-bin-extended`` wheel ships."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError as error:  # pragma: no cover - a dependency of the site extra
        raise IndexerError("the search index needs the pagefind-bin-extended package "
                           "(pip install 'pagefind[extended]')") from error
    return Path(get_executable())


class _Service:
    """Pagefind's ``--service`` mode (the protocol its Python and Node APIs speak): each
    message is base64 JSON followed by a comma. Requests are written from a thread while
    the answers are read, so neither pipe fills up and no request waits for the last."""

    def __init__(self, executable: Path):
        self.process = subprocess.Popen([str(executable), "--service"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0
        self.buffer = bytearray()

    def _encode(self, payload: dict) -> bytes:
        self.next_id += 1
        message = {"message_id": self.next_id, "payload": payload}
        return base64.b64encode(json.dumps(message).encode("utf-8")) + b","

    def _read(self) -> dict:
        stdout = self.process.stdout
        while (end := self.buffer.find(b",")) == -1:
            chunk = stdout.read1(1 << 16)
            if not chunk:
                raise IndexerError("the Pagefind indexer stopped unexpectedly")
            self.buffer += chunk
        message, self.buffer = self.buffer[:end], self.buffer[end + 1:]
        payload = json.loads(base64.b64decode(message))["payload"]
        if payload.get("type") == "Error":
            raise IndexerError(f"the Pagefind indexer: {payload.get('message')}")
        return payload

    def call(self, payload: dict) -> dict:
        self.process.stdin.write(self._encode(payload))
        self.process.stdin.flush()
        return self._read()

    def stream(self, payloads: Iterable[dict], window: int = 64) -> int:
        """Send every payload, reading the answers as they come; how many were sent. At
        most ``window`` wait for their answer: the indexer reads every request it is sent
        at once, and thousands in flight cost it memory, not time."""
        sent = [0]
        done = threading.Event()
        slots = threading.Semaphore(window)
        failure: list[BaseException] = []

        def write() -> None:
            try:
                for payload in payloads:
                    slots.acquire()
                    self.process.stdin.write(self._encode(payload))
                    self.process.stdin.flush()
                    sent[0] += 1
            except BaseException as error:  # re-raised below, in the caller's thread
                failure.append(error)
            finally:
                done.set()

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        answered = 0
        while True:
            if answered < sent[0]:
                self._read()
                answered += 1
                slots.release()
            elif done.is_set():
                if answered >= sent[0]:
                    break
            else:
                done.wait(0.001)
        writer.join()
        if failure:
            raise failure[0]
        return answered

    def close(self) -> int:
        """Stop the indexer; its peak resident memory in KB (Linux), else 0."""
        peak = 0
        try:  # read while it runs: an exited process has no memory figures
            status = Path(f"/proc/{self.process.pid}/status").read_text()
            found = re.search(r"VmHWM:\s+(\d+)", status)
            peak = int(found[1]) if found else 0
        except OSError:
            pass
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=60)
        return peak


class SearchIndexer:
    """The indexer, run beside the build: it is given the timeline's records as soon as
    they are known and indexes them in its own process while the pages are rendered;
    ``finish`` adds the documentation pages (known only once they are built) and writes
    the bundles."""

    def __init__(self, executable: Path | None = None):
        self.started = time.perf_counter()
        self.service = _Service(executable or pagefind_executable())
        self.index_of = {language: self.service.call(
            {"type": "NewIndex", "config": {"force_language": language}})["index_id"]
            for language in BUNDLES}
        self.count = 0
        self.background: threading.Thread | None = None
        self.failure: BaseException | None = None

    def _payloads(self, records: Iterable[SearchRecord]) -> Iterator[dict]:
        for record in records:
            yield {"type": "AddFile", "index_id": self.index_of[record.language],
                   "url": record.url, "file_contents": record.html, "file_path": None}

    def add_in_background(self, records: Iterable[SearchRecord]) -> None:
        """Index ``records`` from a thread of its own; ``finish`` waits for it."""
        def index() -> None:
            try:
                self.count += self.service.stream(self._payloads(records))
            except BaseException as error:  # re-raised by finish, in the build's thread
                self.failure = error

        self.background = threading.Thread(target=index, daemon=True)
        self.background.start()

    def finish(self, records: Iterable[SearchRecord], site_dir: Path) -> IndexStats:
        """Index ``records`` after the rest and write one bundle per language."""
        try:
            if self.background is not None:
                self.background.join()
            if self.failure is not None:
                raise self.failure
            self.count += self.service.stream(self._payloads(records))
            for language, bundle in BUNDLES.items():
                # The files come back through the pipe and are written here: the indexer
                # may still be writing its own when it is told to stop.
                files = self.service.call({"type": "GetFiles",
                                           "index_id": self.index_of[language]})
                write_bundle(site_dir / bundle, files["files"])
        finally:
            peak = self.service.close()
        return IndexStats(self.count, time.perf_counter() - self.started, peak)

    def abort(self) -> None:
        """Stop the indexer without writing anything (the build failed)."""
        self.service.process.kill()
        self.service.process.wait(timeout=60)


def write_search_index(records: Iterable[SearchRecord], site_dir: Path,
                       executable: Path | None = None) -> IndexStats:
    """Index ``records`` and write one bundle per language into the built site."""
    return SearchIndexer(executable).finish(records, site_dir)


def write_bundle(output: Path, files: list[dict]) -> None:
    """A bundle's files, but for those the browser never loads, into a fresh folder
    (`mkdocs serve` builds into the same folder each time)."""
    shutil.rmtree(output, ignore_errors=True)
    folders: set[Path] = set()
    for file in files:
        path = output / file["path"]
        if path.name in UNUSED_BUNDLE_FILES or path.name.startswith("playground"):
            continue
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        path.write_bytes(base64.b64decode(file["content"]))
