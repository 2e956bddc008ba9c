"""``timeline links``: its arguments, and what it prints (the asking is in tools/links.py).

Exit 0 when no link is dead (redirects and slow answers are warnings), 1 when one is, 2 on
a usage error.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable

from timeline.check import check
from timeline.cli.config import add_events_option, configured_events_dir, configured_repo_url
from timeline.collector import cycle_collector_paused
from timeline.tools.links import (
    Settings,
    check_urls,
    citations_of,
    link_counts,
    links_user_agent,
    report_json,
    report_lines,
)


def register(commands: argparse._SubParsersAction) -> None:
    links = commands.add_parser(
        "links", help="check that the sources' URLs still answer (uses the network)",
        description="Ask every source URL of the events once (HEAD, else GET) and report "
                    "each citation of a dead, redirected or slow link at its line. Exit 0 "
                    "when no link is dead, 1 when one is, 2 on a usage error.")
    add_events_option(links)
    links.add_argument("--format", choices=("text", "json"), default="text",
                       help="'json' lists every citation with its result, for machines")
    defaults = Settings()
    links.add_argument("--concurrency", type=_positive(int), default=defaults.concurrency,
                       metavar="N", help="requests at a time (default: %(default)s)")
    links.add_argument("--timeout", type=_positive(float), default=defaults.timeout,
                       metavar="SECONDS", help="give up on a silent server after this "
                       "(default: %(default)s)")
    links.add_argument("--retries", type=_at_least_zero(int), default=defaults.retries,
                       metavar="N", help="retries after connection errors, 5xx and 429 "
                       "(default: %(default)s)")
    links.add_argument("--backoff", type=_at_least_zero(float), default=defaults.backoff,
                       metavar="SECONDS", help="wait before the first retry, doubled for "
                       "each next one; Retry-After wins (default: %(default)s)")
    links.add_argument("--per-host-delay", type=_at_least_zero(float),
                       default=defaults.per_host_delay, metavar="SECONDS",
                       help="at most one request per host this often (default: "
                       "%(default)s)")
    links.add_argument("--slow", type=_positive(float), default=defaults.slow,
                       metavar="SECONDS", help="warn about answers slower than this "
                       "(default: %(default)s)")
    links.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    events_dir = args.events or configured_events_dir()
    if not events_dir.is_dir():
        print(f"timeline links: the events folder {events_dir} does not exist",
              file=sys.stderr)
        return 2
    with cycle_collector_paused():
        result = check(events_dir)
    if result.errors:
        for diagnostic in result.errors:
            print(diagnostic.format_text(), file=sys.stderr)
        print("timeline links: fix these errors first (see `timeline validate`)",
              file=sys.stderr)
        return 2
    settings = Settings(concurrency=args.concurrency, timeout=args.timeout,
                        retries=args.retries, per_host_delay=args.per_host_delay,
                        slow=args.slow, backoff=args.backoff,
                        user_agent=links_user_agent(configured_repo_url()))
    citations = citations_of(result.timeline, events_dir)
    outcomes = asyncio.run(check_urls((c.url for c in citations), settings))
    if args.format == "json":
        sys.stdout.write(report_json(citations, outcomes, settings))
    else:
        for line in report_lines(citations, outcomes, settings):
            print(line)
    counts = link_counts(outcomes, settings)
    print(f"checked {_count(counts['links'], 'link')} ({_count(len(citations), 'citation')})"
          f": {counts['dead']} dead, {counts['redirected']} redirected, {counts['slow']} slow",
          file=sys.stderr)
    return 1 if counts["dead"] else 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def _positive(kind: type[int] | type[float]) -> Callable[[str], int | float]:
    def parse(text: str) -> int | float:
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
        return value
    parse.__name__ = kind.__name__  # argparse names the type in its messages
    return parse


def _at_least_zero(kind: type[int] | type[float]) -> Callable[[str], int | float]:
    def parse(text: str) -> int | float:
        value = kind(text)
        if value < 0:
            raise argparse.ArgumentTypeError(f"must be 0 or more, not {text}")
        return value
    parse.__name__ = kind.__name__
    return parse
