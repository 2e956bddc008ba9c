"""Partial dates: parsed at the precision written, shown and ordered at that precision."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.model.dates import (
    DateError,
    PartialDate,
    display_range,
    gap_in_words,
    parse_partial_date,
)


def d(text: str) -> PartialDate:
    return parse_partial_date(text)


# -- parse ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "expected", "precision"), [
    ("2026-04-21", PartialDate(2026, 4, 21), "day"),
    ("2026-04", PartialDate(2026, 4), "month"),
    ("2026", PartialDate(2026), "year"),
])
def test_parse_keeps_the_precision_written(written, expected, precision):
    parsed = parse_partial_date(written)

    assert parsed == expected
    assert parsed.precision == precision
    assert parsed.text == written
    assert str(parsed) == written


def test_parse_accepts_a_bare_year_read_by_yaml_as_an_integer():
    assert parse_partial_date(2026) == PartialDate(2026)


def test_parse_accepts_29_february_in_a_leap_year():
    assert parse_partial_date("2028-02-29") == PartialDate(2028, 2, 29)


@pytest.mark.parametrize("written", ["April 2026", "21 April 2026", "2026/04/21", "2026-4",
                                     "2026-04-1", "26-04-21", "202", "2026-04-21T10:00",
                                     "", "twenty"])
def test_parse_rejects_other_forms_as_malformed(written):
    with pytest.raises(DateError) as error:
        parse_partial_date(written)

    assert error.value.code == "EVT020"
    assert error.value.message == (
        f'"{written}" is not a date; write YYYY, YYYY-MM or YYYY-MM-DD '
        '(e.g. "2026", "2026-04", "2026-04-21")')


@pytest.mark.parametrize("value", [True, None, 2026.5, ["2026"]])
def test_parse_rejects_values_that_are_not_text_or_a_year(value):
    with pytest.raises(DateError) as error:
        parse_partial_date(value)

    assert error.value.code == "EVT020"
    assert error.value.message.startswith(f"{value!r} is not a date; write YYYY")


def test_parse_rejects_month_13_as_not_a_calendar_date():
    with pytest.raises(DateError) as error:
        parse_partial_date("2026-13")

    assert error.value.code == "EVT021"
    assert error.value.message == '"2026-13": there is no month 13; months run from 01 to 12'


def test_parse_rejects_month_00():
    with pytest.raises(DateError) as error:
        parse_partial_date("2026-00-10")

    assert error.value.code == "EVT021"
    assert error.value.message == '"2026-00-10": there is no month 0; months run from 01 to 12'


def test_parse_rejects_30_february_and_says_how_long_the_month_is():
    with pytest.raises(DateError) as error:
        parse_partial_date("2026-02-30")

    assert error.value.code == "EVT021"
    assert error.value.message == '"2026-02-30": February 2026 has no day 30 (it has 28 days)'


def test_parse_rejects_29_february_outside_a_leap_year():
    with pytest.raises(DateError) as error:
        parse_partial_date("2026-02-29")

    assert error.value.code == "EVT021"
    assert error.value.message == '"2026-02-29": February 2026 has no day 29 (it has 28 days)'


def test_parse_rejects_day_00():
    with pytest.raises(DateError) as error:
        parse_partial_date("2026-04-00")

    assert error.value.code == "EVT021"
    assert error.value.message == '"2026-04-00": April 2026 has no day 0 (it has 30 days)'


def test_parse_rejects_year_0():
    with pytest.raises(DateError) as error:
        parse_partial_date("0000")

    assert error.value.code == "EVT021"
    assert error.value.message == '"0000": there is no year 0'


def test_a_date_error_is_a_value_error():
    assert issubclass(DateError, ValueError)


# -- first and last day --------------------------------------------------------------------


@pytest.mark.parametrize(("written", "first", "last"), [
    ("2026-04-21", date(2026, 4, 21), date(2026, 4, 21)),
    ("2026-04", date(2026, 4, 1), date(2026, 4, 30)),
    ("2026-02", date(2026, 2, 1), date(2026, 2, 28)),
    ("2028-02", date(2028, 2, 1), date(2028, 2, 29)),
    ("2026", date(2026, 1, 1), date(2026, 12, 31)),
])
def test_a_partial_date_covers_its_whole_month_or_year(written, first, last):
    assert (d(written).first_day, d(written).last_day) == (first, last)


# -- display -------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "shown"), [
    ("2026-04-21", "21 April 2026"),
    ("2026-04-01", "1 April 2026"),
    ("2026-04", "April 2026"),
    ("2026", "2026"),
])
def test_display_shows_only_the_precision_written(written, shown):
    assert d(written).display() == shown


@pytest.mark.parametrize(("start", "end", "approximate", "shown"), [
    ("2026-06", None, True, "c. June 2026"),
    ("2026-06", None, False, "June 2026"),
    ("2026-04-21", None, False, "21 April 2026"),
    ("2026-04", "2026-04", False, "April 2026"),
    ("2026-04", "2026-06", False, "April – June 2026"),
    ("2026-04", "2026-06", True, "c. April – June 2026"),
    ("2026-04-21", "2026-04-23", False, "21 – 23 April 2026"),
    ("2026-04-28", "2026-05-02", False, "28 April 2026 – 2 May 2026"),
    ("2025-12", "2026-01", False, "December 2025 – January 2026"),
    ("2026-04", "2026-05-02", False, "April 2026 – 2 May 2026"),
    ("2025", "2026", False, "2025 – 2026"),
])
def test_display_range(start, end, approximate, shown):
    assert display_range(d(start), d(end) if end else None, approximate) == shown


# -- ordering ------------------------------------------------------------------------------


def test_a_month_sorts_before_a_day_in_that_month():
    assert d("2026-04").sort_key < d("2026-04-01").sort_key


def test_a_year_sorts_before_its_first_month():
    assert d("2026").sort_key < d("2026-01").sort_key


def test_a_month_sorts_after_a_day_of_the_month_before():
    assert d("2026-03-31").sort_key < d("2026-04").sort_key


def test_dates_of_mixed_precision_sort_by_first_day_then_coarsest_first():
    written = ["2026-05", "2026-04-21", "2026", "2026-04", "2026-04-01", "2025-12-31"]

    ordered = sorted(written, key=lambda text: d(text).sort_key)

    assert ordered == ["2025-12-31", "2026", "2026-04", "2026-04-01", "2026-04-21", "2026-05"]


# -- gaps ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("earlier", "later"), [
    ("2026-04-01", "2026-04-01"),
    ("2026-04-01", "2026-04-14"),
    ("2026-04", "2026-05-10"),  # the next month
    ("2026-04", "2026-04-21"),  # inside the month
    ("2026-04", "2026-05"),
    ("2026-04-20", "2026-05"),  # the next month, by the months
    ("2025", "2026-06"),  # the next year
])
def test_no_gap_is_named_closer_than_the_dates_can_tell(earlier, later):
    assert gap_in_words(d(earlier), d(later)) is None


@pytest.mark.parametrize(("earlier", "later", "words"), [
    ("2026-04-01", "2026-04-15", "two weeks later"),
    ("2026-04-01", "2026-05-20", "seven weeks later"),
    ("2026-01-15", "2026-04-20", "three months later"),
    ("2025-03-01", "2026-03-01", "one year later"),
    ("2026-04", "2026-06", "about two months later"),
    ("2026-04", "2026-07", "about three months later"),
    ("2026-04-20", "2026-07", "about three months later"),
    ("2023-05", "2026-01-10", "about three years later"),
    ("2024", "2026-06", "about two years later"),
])
def test_a_long_gap_is_named_in_words_as_precise_as_the_dates(earlier, later, words):
    assert gap_in_words(d(earlier), d(later)) == words


def test_an_approximate_date_makes_the_gap_approximate():
    assert gap_in_words(d("2026-04-01"), d("2026-06-20"), approximate=True) == \
        "about two months later"
