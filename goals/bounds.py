"""How far a date or a number that a person (or an imported file) gives may go. Defined once.

Every path that writes one of these fields asks this module, so they all refuse the same
values with the same words: the forms (to show the message next to the field), the services
(whoever calls them), a review adjustment and the account import.

- Dates stay within ten years either side of today: ten years is the longest horizon a goal
  can have, and history older than that is a typo (1900, 0001) rather than a memory.
- When a person sets or moves a goal's deadline (the goal form, a review) it is from today
  onwards; an unchanged one may have passed (the goal is overdue), and the services and the
  import keep past deadlines as the record they are.
- An active goal's deadline stays within its own horizon: the SMART check asks that before a
  goal can start, and a later edit or review keeps to it. A draft may go further, up to the
  longest horizon; the SMART panel says what is missing.
- A check-in is not in the future; a step may be done on or before today.
- Measured values are zero or more and fit the columns (twelve whole digits). A decreasing
  measure has a target below its starting value, not a negative one.
- Timestamps in an import (created, changed, achieved) are not in the future.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import dateformat
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from .models import Goal
from .smart import horizon_limit

YEARS = 10
VALUE_LIMIT = Decimal("1000000000000")  # max_digits=14, decimal_places=2: 12 whole digits
STAMP_SLACK = datetime.timedelta(days=1)  # another server's clock may run a little ahead

TOO_BIG = _("That number is too large to track. Use a smaller unit, such as thousands.")
NEGATIVE = _("Use zero or more. To track a decrease, set a target below the starting value.")
PAST_DEADLINE = _("Pick a deadline from today onwards.")
FUTURE_CHECK_IN = _("A check-in can’t be in the future.")


def earliest(today: datetime.date) -> datetime.date:
    try:
        return today.replace(year=today.year - YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year - YEARS, day=28)


def latest(today: datetime.date) -> datetime.date:
    return horizon_limit(today, YEARS)


def _day(day: datetime.date) -> str:
    return dateformat.format(day, pgettext("date format", "j F Y"))


def date_error(
    day: datetime.date | None, *, today: datetime.date, last: datetime.date | None = None
) -> str | None:
    """Outside the window (which ends at ``last`` when given, such as today)?"""
    if day is None:
        return None
    end = latest(today) if last is None else last
    if earliest(today) <= day <= end:
        return None
    if end == today:
        return gettext("Pick a date between %(first)s and today.") % {
            "first": _day(earliest(today))
        }
    return gettext("Pick a date between %(first)s and %(last)s.") % {
        "first": _day(earliest(today)),
        "last": _day(end),
    }


def deadline_error(
    day: datetime.date | None,
    *,
    today: datetime.date,
    horizon: int | None,
    previous: datetime.date | None = None,
    from_today: bool = False,
) -> str | None:
    """A goal's deadline; ``from_today`` when a person sets it, ``previous`` is the stored one."""
    if day is None:
        return None
    if from_today and day < today and day != previous:
        return PAST_DEADLINE
    if horizon and day > horizon_limit(today, horizon):
        return gettext(
            "The deadline is further away than your %(years)s-year horizon: "
            "bring it closer or choose a longer horizon."
        ) % {"years": horizon}
    return date_error(day, today=today)


def value_error(number: Decimal | None) -> str | None:
    """A measured value: a starting value, a target, a check-in."""
    if number is None or not number.is_finite():
        return None  # the form field says "enter a number"
    if abs(number) >= VALUE_LIMIT:
        return TOO_BIG
    if number < 0:
        return NEGATIVE
    return None


def stamp_error(moment: datetime.datetime | None, *, now: datetime.datetime) -> str | None:
    """When something happened, as an import says: not in the future, not absurdly long ago."""
    if moment is None:
        return None
    if moment > now + STAMP_SLACK:
        return gettext("This moment is in the future. Check the file.")
    return date_error(moment.date(), today=now.date(), last=(now + STAMP_SLACK).date())


def raise_errors(errors: dict[str, str | None]) -> None:
    """One ValidationError naming every field out of bounds, or nothing."""
    found = {name: message for name, message in errors.items() if message}
    if found:
        raise ValidationError(found)


# --- What each model may hold ------------------------------------------------------------


def goal_deadline_error(
    goal,
    day: datetime.date | None,
    *,
    today: datetime.date,
    previous: datetime.date | None = None,
    from_today: bool = False,
) -> str | None:
    """``day`` as the deadline of ``goal``: its own horizon counts once it is active."""
    horizon = goal.horizon if isinstance(goal.horizon, int) and 0 < goal.horizon <= YEARS else None
    if goal.status != Goal.Status.ACTIVE:
        horizon = None
    return deadline_error(
        day, today=today, horizon=horizon, previous=previous, from_today=from_today
    )


def goal_errors(
    goal,
    *,
    today: datetime.date,
    previous: datetime.date | None = None,
    from_today: bool = False,
) -> dict[str, str | None]:
    return {
        "target_date": goal_deadline_error(
            goal, goal.target_date, today=today, previous=previous, from_today=from_today
        ),
        "baseline": value_error(goal.baseline),
        "target": value_error(goal.target),
    }


def step_errors(step, *, today: datetime.date) -> dict[str, str | None]:
    return {
        "deadline": date_error(step.deadline, today=today),
        "completed_on": date_error(step.completed_on, today=today, last=today),
    }


def recorded_on_error(day: datetime.date | None, *, today: datetime.date) -> str | None:
    """The day a value was measured: not in the future, not long ago."""
    if day is not None and today < day <= latest(today):
        return FUTURE_CHECK_IN
    return date_error(day, today=today, last=today)


def check_in_errors(check_in, *, today: datetime.date) -> dict[str, str | None]:
    return {
        "recorded_on": recorded_on_error(check_in.recorded_on, today=today),
        "value": value_error(check_in.value),
    }
