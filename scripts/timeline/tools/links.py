"""``timeline links``: do the sources' URLs still answer?

Every unique source URL of the validated timeline is asked once, politely: HEAD first and
GET when the server refuses HEAD; a bounded number of requests at a time and at most one
request per host per ``--per-host-delay`` seconds; retries with growing waits after
connection errors, 5xx and 429 answers (a Retry-After is honoured up to a cap). Each
citation of a URL that is dead, redirected or slow is reported at the line of its ``url``
in the event file, with the source's archived copy when it has one.

It talks to the internet, so it never runs during a build or the ordinary tests; CI runs
it on a schedule (``.github/workflows/links.yml``). This module asks and returns what the
answers were; the command line (cli/links.py) parses the options and prints the report.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import os
import socket
import ssl
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from timeline import __version__
from timeline.format.diagnostics import visible
from timeline.model.records import Timeline
from timeline.read.load import load_file

REFUSES_HEAD = {403, 405, 501}  # answers that often mean "not to HEAD"; GET may work
PERMANENT_REDIRECTS = {301, 308}
MAX_RETRY_AFTER_SECONDS = 60.0  # a server asking for a longer pause gets none: no retry
MAX_BACKOFF_SECONDS = 60.0


def links_user_agent(repo_url: str | None = None, version: str = __version__) -> str:
    """What the checker calls itself: the generator and its version, and the timeline's
    repository when it is known, so a server's owner can see who asks and why. An address
    a header cannot carry (spaces, control or non-ASCII characters) is left out."""
    usable = repo_url and repo_url.isascii() and repo_url.isprintable() and " " not in repo_url
    contact = f"+{repo_url}; " if usable else ""
    return (f"sourced-timeline-links/{version} ({contact}checking that a timeline's "
            "sources are still online)")


@dataclass(frozen=True)
class Settings:
    concurrency: int = 8
    timeout: float = 10.0  # seconds, for each of connecting, sending and receiving
    retries: int = 2
    per_host_delay: float = 1.0
    slow: float = 5.0
    backoff: float = 1.0  # seconds before the first retry; doubled for each next one
    user_agent: str = links_user_agent()


@dataclass(frozen=True)
class Citation:
    """One source of one event that gives a URL, and where the URL is written."""

    url: str
    event_id: str
    path: str  # the event file, as people and editors want it
    line: int
    column: int
    archived: str | None


@dataclass(frozen=True)
class Outcome:
    """How one URL answered."""

    url: str
    dead: bool
    detail: str  # "200 OK", "404 Not Found", "timed out after 10 s", ...
    status: int | None = None
    final_url: str | None = None  # where redirects ended, when there were any
    permanent: bool | None = None  # every redirect was permanent (301 or 308)
    seconds: float = 0.0

    @property
    def redirected(self) -> bool:
        return self.final_url is not None


# -- which URLs, cited where ------------------------------------------------------------------


def citations_of(timeline: Timeline, events_dir: Path) -> list[Citation]:
    """Every source URL of every event, at its line and column in the event's file."""
    found = []
    for event in timeline.events:
        file = events_dir / event.path
        display = os.path.relpath(file)
        # The timeline carries no positions (rendering needs none); read them here.
        document, _ = load_file(file, display)
        for index, source in enumerate(event.sources):
            if not source.url:
                continue
            position = document.value_position(("sources", index, "url")) if document \
                else None
            found.append(Citation(source.url, event.id, display,
                                  position.line if position else 1,
                                  position.column if position else 1, source.archived))
    return found


# -- asking the servers -----------------------------------------------------------------------


class HostPacer:
    """Spaces the requests to each host at least ``delay`` seconds apart."""

    def __init__(self, delay: float):
        self.delay = delay
        self.next_start: dict[str, float] = {}

    async def wait_for_turn(self, host: str) -> None:
        now = time.monotonic()
        start = max(now, self.next_start.get(host, now))
        self.next_start[host] = start + self.delay  # reserved before anyone else can look
        await asyncio.sleep(start - now)


class Checker:
    def __init__(self, client: httpx.AsyncClient, settings: Settings):
        self.client = client
        self.settings = settings
        self.pacer = HostPacer(settings.per_host_delay)
        self.slots = asyncio.Semaphore(settings.concurrency)

    async def outcome(self, url: str) -> Outcome:
        """Ask until there is an answer worth reporting or the retries are spent."""
        host = urlsplit(url).hostname or ""
        for attempt in range(self.settings.retries + 1):
            async with self.slots:
                await self.pacer.wait_for_turn(host)
                started = time.monotonic()
                try:
                    response = await self.ask(url)
                except httpx.HTTPError as error:
                    if not _worth_retrying(error) or attempt == self.settings.retries:
                        return Outcome(url, dead=True, detail=self.describe(error))
                    pause = self.backoff(attempt)
                except Exception as error:
                    # One odd URL must not stop the run: a port over 65535 or a malformed
                    # "xn--" host name cannot be fetched, so for readers it is dead.
                    return Outcome(url, dead=True, detail="cannot be fetched: "
                                   f"{visible(str(_innermost(error)))}")
                else:
                    seconds = time.monotonic() - started
                    pause = self.pause_before_retry(response, attempt)
                    if pause is None or attempt == self.settings.retries:
                        return _outcome_of(url, response, seconds, pause)
            await asyncio.sleep(pause)
        raise AssertionError("unreachable: the last attempt always returns")

    async def ask(self, url: str) -> httpx.Response:
        """HEAD, then GET (headers only) when HEAD is refused or breaks the connection."""
        try:
            response = await self.client.head(url)
        except (httpx.TimeoutException, httpx.ConnectError, httpx.TooManyRedirects):
            raise  # the same would happen to a GET
        except httpx.TransportError:
            response = None  # some servers hang up on HEAD
        if response is None or response.status_code in REFUSES_HEAD:
            async with self.client.stream("GET", url) as streamed:
                response = streamed  # closed unread: the status is all we need
        return response

    def pause_before_retry(self, response: httpx.Response, attempt: int) -> float | None:
        """Seconds to wait before asking again, or None when the answer stands."""
        if response.status_code != 429 and response.status_code < 500:
            return None
        asked = _retry_after_seconds(response)
        if asked is None:
            return self.backoff(attempt)
        return asked if asked <= MAX_RETRY_AFTER_SECONDS else None

    def backoff(self, attempt: int) -> float:
        return min(self.settings.backoff * 2**attempt, MAX_BACKOFF_SECONDS)

    def describe(self, error: httpx.HTTPError) -> str:
        if isinstance(error, httpx.TimeoutException):
            return f"timed out after {self.settings.timeout:g} s"
        if isinstance(error, httpx.TooManyRedirects):
            return "too many redirects"
        for cause in _causes(error):
            if isinstance(cause, ConnectionRefusedError):
                return "connection refused"
            if isinstance(cause, socket.gaierror):
                return "host not found (DNS)"
            if isinstance(cause, ssl.SSLError):
                return f"TLS error: {cause.reason or cause}"
        return f"{type(error).__name__}: {error}"


def _worth_retrying(error: httpx.HTTPError) -> bool:
    # A timeout is not retried: a slow server stays slow, and waiting again multiplies it.
    return isinstance(error, httpx.TransportError) \
        and not isinstance(error, httpx.TimeoutException | httpx.UnsupportedProtocol)


def _innermost(error: BaseException) -> BaseException:
    """The first error inside an exception group (the async client raises those)."""
    while isinstance(error, BaseExceptionGroup) and error.exceptions:
        error = error.exceptions[0]
    return error


def _causes(error: BaseException) -> Iterable[BaseException]:
    seen = error
    while seen is not None:
        yield seen
        seen = seen.__cause__ or seen.__context__


def _retry_after_seconds(response: httpx.Response) -> float | None:
    """Retry-After in seconds (it may be a number or an HTTP date), or None."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _outcome_of(url: str, response: httpx.Response, seconds: float,
                pause: float | None) -> Outcome:
    status = response.status_code
    detail = f"{status} {visible(response.reason_phrase)}".strip()
    if (status == 429 or status >= 500) and pause is None \
            and (asked := _retry_after_seconds(response)):
        detail += f" (the server asks to wait {asked:.0f} s)"
    final_url, permanent = None, None
    if response.history:
        final_url = str(response.url)
        permanent = all(hop.status_code in PERMANENT_REDIRECTS for hop in response.history)
    return Outcome(url, dead=status >= 400, detail=detail, status=status,
                   final_url=final_url, permanent=permanent, seconds=seconds)


async def check_urls(urls: Iterable[str], settings: Settings) -> dict[str, Outcome]:
    """Ask each URL once; return how each answered."""
    unique = _interleaved_by_host(dict.fromkeys(urls))
    timeout = httpx.Timeout(settings.timeout)
    limits = httpx.Limits(max_connections=settings.concurrency)
    async with httpx.AsyncClient(headers={"User-Agent": settings.user_agent}, timeout=timeout,
                                 limits=limits, follow_redirects=True) as client:
        checker = Checker(client, settings)
        outcomes = await asyncio.gather(*(checker.outcome(url) for url in unique))
    return {outcome.url: outcome for outcome in outcomes}


def _interleaved_by_host(urls: Iterable[str]) -> list[str]:
    """One URL of each host in turn, so waiting for one busy host holds few slots."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(urlsplit(url).hostname or "", []).append(url)
    queues = list(by_host.values())
    return [queue[i] for i in range(max(map(len, queues), default=0))
            for queue in queues if i < len(queue)]


# -- the report -------------------------------------------------------------------------------


def report_lines(citations: list[Citation], outcomes: dict[str, Outcome],
                 settings: Settings) -> list[str]:
    """One line per problem of each citation, in file order."""
    lines = []
    for citation in sorted(citations, key=lambda c: (c.path, c.line, c.column, c.url)):
        outcome = outcomes[citation.url]
        where = f"{visible(citation.path)}:{citation.line}:{citation.column}"
        if outcome.dead:
            lines.append(f"{where}: error: dead link {citation.url}: {outcome.detail}"
                         f"{_after_redirects(outcome)}; {_archive_hint(citation)}")
            continue
        if outcome.redirected:
            how = "permanently" if outcome.permanent else "temporarily"
            fix = "; cite the new address" if outcome.permanent else ""
            lines.append(f"{where}: warning: {citation.url} redirects {how} to "
                         f"{outcome.final_url}{fix}")
        if outcome.seconds > settings.slow:
            lines.append(f"{where}: warning: {citation.url} took more than "
                         f"{settings.slow:g} s to answer")
    return lines


def _after_redirects(outcome: Outcome) -> str:
    return f" (after redirects to {outcome.final_url})" if outcome.redirected else ""


def _archive_hint(citation: Citation) -> str:
    if citation.archived:
        return f"archived copy: {citation.archived}"
    return ("no archived copy; find one (e.g. on web.archive.org) and add it to the "
            "source as `archived`")


def report_json(citations: list[Citation], outcomes: dict[str, Outcome],
                settings: Settings) -> str:
    """Every citation with how its URL answered, for machines (e.g. a CI artifact)."""
    records = []
    for citation in sorted(citations, key=lambda c: (c.path, c.line, c.column, c.url)):
        outcome = outcomes[citation.url]
        records.append({
            "event": citation.event_id, "path": citation.path, "line": citation.line,
            "column": citation.column, "url": citation.url, "archived": citation.archived,
            "dead": outcome.dead, "detail": outcome.detail, "status": outcome.status,
            "redirected_to": outcome.final_url, "permanent_redirect": outcome.permanent,
            "seconds": round(outcome.seconds, 3),
            "slow": not outcome.dead and outcome.seconds > settings.slow,
        })
    return json.dumps({"summary": link_counts(outcomes, settings), "citations": records},
                      indent=2, ensure_ascii=False) + "\n"


def link_counts(outcomes: dict[str, Outcome], settings: Settings) -> dict[str, int]:
    """How many unique links there are, and how many are dead, redirected and slow."""
    alive = [o for o in outcomes.values() if not o.dead]
    return {"links": len(outcomes), "dead": len(outcomes) - len(alive),
            "redirected": sum(o.redirected for o in alive),
            "slow": sum(o.seconds > settings.slow for o in alive)}
