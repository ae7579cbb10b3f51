"""apps/core/ranges.py and DayField: days and page numbers from outside kept within a window the
code can compute with (0001-01-01 and 9999-12-31 overflow at the first timedelta or time zone)."""

import datetime as dt

import pytest

from apps.core.forms import DayField
from apps.core.ranges import EARLIEST_DAY, LATEST_DAY, MAX_PAGE, parse_day, parse_page

TODAY = dt.date(2026, 3, 2)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2026-05-04", dt.date(2026, 5, 4)),
        ("2026-04-27T00:00:00+02:00", dt.date(2026, 4, 27)),
        ("9999-12-31", LATEST_DAY),
        ("0001-01-01", EARLIEST_DAY),
        ("1899-12-31", EARLIEST_DAY),
        (None, TODAY),
        ("", TODAY),
        ("2026-02-30", TODAY),
        ("tomorrow", TODAY),
        (["2026-05-04"], TODAY),
    ],
)
def test_a_day_is_parsed_and_clamped_or_falls_back(value, expected):
    assert parse_day(value, TODAY) == expected


def test_a_clamped_day_survives_date_arithmetic_and_time_zones():
    for day in (parse_day("0001-01-01"), parse_day("9999-12-31")):
        assert day - dt.timedelta(weeks=3) < day + dt.timedelta(days=1)
        assert dt.datetime.combine(day, dt.time.max, dt.UTC).astimezone(dt.timezone(dt.timedelta(hours=14)))


@pytest.mark.parametrize(
    "value, expected",
    [
        ("3", 3),
        (2.0, 2),
        (None, 1),
        ("abc", 1),
        ("2.5", 1),
        (2.5, 1),
        ("0", 1),
        ("-7", 1),
        ("99999999999999999999999", MAX_PAGE),
        (float("inf"), 1),
    ],
)
def test_a_page_number_is_a_whole_number_within_bounds(value, expected):
    assert parse_page(value) == expected


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "1899-12-31", "2201-01-01"])
def test_a_day_field_refuses_a_day_outside_the_window(value):
    field = DayField()
    with pytest.raises(Exception) as caught:
        field.clean(value)
    assert caught.value.messages == ["Enter a date between 1900 and 2200."]


@pytest.mark.parametrize("value", ["1900-01-01", "2200-12-31", "2026-05-04"])
def test_a_day_field_takes_a_day_inside_the_window(value):
    assert DayField().clean(value) == dt.date.fromisoformat(value)


def test_an_optional_day_field_stays_optional():
    assert DayField(required=False).clean("") is None
