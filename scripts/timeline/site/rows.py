"""What a row of a listing says of its event besides the title and lede: the date under
its month's heading, who reported it, and the status a list's rows share. Used by the
pages and by ``api/timeline.json``, whose rows the timeline page's script draws."""

from __future__ import annotations

from timeline.model.dates import MONTHS
from timeline.model.records import Event


def common_status(events: tuple[Event, ...] | list[Event]) -> str | None:
    """The status every one of ``events`` has, when there are several and they agree."""
    statuses = {event.status for event in events}
    return statuses.pop() if len(events) > 1 and len(statuses) == 1 else None


def reported_by(event: Event, shown: int = 2) -> str:
    """Who reported the event, as a row says it: "The Decoder, Bloomberg + 2 more"."""
    names = list(dict.fromkeys(source.publisher for source in event.sources
                               if source.publisher))
    more = len(names) - shown
    return ", ".join(names[:shown]) + (f" + {more} more" if more > 0 else "")


def row_date(event: Event) -> str:
    """What a row's date adds to the month heading above it: the day ("12 June"), the
    span ("12 – 20 June 2026"), an approximate month ("c. June"); nothing for a date that
    is the month (or the year) itself."""
    if event.end is not None and event.end != event.date:
        return event.display_date
    if event.date.day is not None:
        day = f"{event.date.day} {MONTHS[event.date.month]}"
    elif event.approximate and event.date.month is not None:
        day = MONTHS[event.date.month]
    else:
        day = str(event.date.year) if event.approximate else ""
    return f"c. {day}" if event.approximate else day
