"""add_months: the one month arithmetic behind the calendar, the roadmap and the next review."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from goals.months import add_months


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2027, 1, 31), 1, datetime.date(2027, 2, 28)),
        (datetime.date(2028, 1, 31), 1, datetime.date(2028, 2, 29)),
        (datetime.date(2027, 11, 30), 3, datetime.date(2028, 2, 29)),
        (datetime.date(2027, 12, 1), 1, datetime.date(2028, 1, 1)),
        (datetime.date(2027, 1, 1), -1, datetime.date(2026, 12, 1)),
        (datetime.date(2027, 3, 31), -13, datetime.date(2026, 2, 28)),
        (datetime.date(2028, 2, 29), 12, datetime.date(2029, 2, 28)),
        (datetime.date(2027, 5, 17), 0, datetime.date(2027, 5, 17)),
    ],
)
def test_same_day_or_the_last_of_a_shorter_month(day, months, expected):
    assert add_months(day, months) == expected


def test_a_datetime_keeps_its_clock_time_and_zone():
    berlin = ZoneInfo("Europe/Berlin")
    moment = datetime.datetime(2027, 1, 31, 18, 30, tzinfo=berlin)
    assert add_months(moment, 3) == datetime.datetime(2027, 4, 30, 18, 30, tzinfo=berlin)
