"""Calendar months: the one place that moves a date by whole months."""

import calendar
import datetime
from typing import TypeVar

When = TypeVar("When", datetime.date, datetime.datetime)


def add_months(moment: When, months: int) -> When:
    """The same day ``months`` later (or earlier), or the month's last day if it is shorter.

    Works on dates and on datetimes alike; a datetime keeps its clock time and tzinfo."""
    index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return moment.replace(
        year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1])
    )
