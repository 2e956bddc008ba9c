"""Partial dates: a year, a month or a day, kept at the precision written.

"2026-04" means "some time in April 2026"; it sorts before "2026-04-21" only by its
first day, and shows as "April 2026", never as "1 April 2026".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta

ACCEPTED_FORMS = 'YYYY, YYYY-MM or YYYY-MM-DD (e.g. "2026", "2026-04", "2026-04-21")'
_PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
MONTHS = list(calendar.month_name)


class DateError(ValueError):
    """The value is not a partial date; ``code`` says how (EVT020 form, EVT021 calendar)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def text(self) -> str:
        """The canonical written form, e.g. ``2026-04``."""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> date:
        if self.day is not None:
            return self.first_day
        if self.month is not None:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, 12, 31)

    @property
    def sort_key(self) -> tuple[date, int]:
        # Same first day: the coarser date (a whole month) comes before a day in it.
        return (self.first_day, {"year": 0, "month": 1, "day": 2}[self.precision])

    def display(self) -> str:
        if self.day is not None:
            return f"{self.day} {MONTHS[self.month]} {self.year}"
        if self.month is not None:
            return f"{MONTHS[self.month]} {self.year}"
        return str(self.year)

    def __str__(self) -> str:
        return self.text


def display_day(day: date) -> str:
    """A day as the site writes it: "15 September 2026"."""
    return f"{day.day} {MONTHS[day.month]} {day.year}"


def parse_partial_date(value: Any) -> PartialDate:
    """Parse what YAML gave us (text, or an int for a bare year) into a PartialDate."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise DateError("EVT020", f"{value!r} is not a date; write {ACCEPTED_FORMS}")
    text = str(value)
    match = _PATTERN.fullmatch(text)
    if not match:
        raise DateError("EVT020", f'"{text}" is not a date; write {ACCEPTED_FORMS}')
    year, month, day = (int(part) if part else None for part in match.groups())
    if month is not None and not 1 <= month <= 12:
        raise DateError("EVT021", f'"{text}": there is no month {month}; months run '
                        "from 01 to 12")
    if day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateError("EVT021", f'"{text}": {MONTHS[month]} {year} has no day '
                            f"{day} (it has {last} days)")
    if year < 1:
        raise DateError("EVT021", f'"{text}": there is no year 0')
    return PartialDate(year, month, day)


def display_range(start: PartialDate, end: PartialDate | None, approximate: bool) -> str:
    """Show a date or a span at its own precision: "c. June 2026", "April – June 2026"."""
    prefix = "c. " if approximate else ""
    if end is None or end == start:
        return prefix + start.display()
    if start.year == end.year and start.precision == end.precision == "month":
        return f"{prefix}{MONTHS[start.month]} – {end.display()}"
    if (start.year == end.year and start.month == end.month
            and start.precision == end.precision == "day"):
        return f"{prefix}{start.day} – {end.display()}"
    return f"{prefix}{start.display()} – {end.display()}"


def gap_in_words(earlier: PartialDate, later: PartialDate,
                 approximate: bool = False) -> str | None:
    """Words for a long gap between two events ("7 weeks later"); None when they are close.

    Only as precise as the dates: two days give weeks, months or years; a month, a year
    or an approximate date give "about two months later", counted between the months (or
    years) themselves, and nothing when those are next to each other.
    """
    if earlier.day is None or later.day is None or approximate:
        return _coarse_gap(earlier, later)
    start, end = earlier.last_day, later.first_day
    days = (end - start).days
    if days < 14:
        return None
    delta = relativedelta(end, start)
    months = delta.years * 12 + delta.months
    if delta.years >= 1:
        return _later(delta.years, "year")
    if months >= 2:
        return _later(months, "month")
    return _later(days // 7, "week")


def _coarse_gap(earlier: PartialDate, later: PartialDate) -> str | None:
    if earlier.month is None or later.month is None:
        years = later.year - earlier.year
        return "about " + _later(years, "year") if years >= 2 else None
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if months < 2:
        return None
    if months < 12:
        return "about " + _later(months, "month")
    return "about " + _later(round(months / 12), "year")


_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                 "nine", "ten", "eleven", "twelve")


def _later(count: int, unit: str) -> str:
    number = _NUMBER_WORDS[count] if count < len(_NUMBER_WORDS) else str(count)
    return f"{number} {unit}{'s' if count != 1 else ''} later"
