"""What the progress chart says in words: its summary and the pieces its labels share.

Pure functions, like goals.charts: the owner reads "you", anyone else the owner's name, and
a closed goal is no longer measured against its plan.
"""

import datetime
from decimal import Decimal

from django.utils import timezone


def chart_summary(goal, check_ins, start, today: datetime.date, owner: str | None) -> str:
    """One or two sentences; ``owner`` is the owner's name, or None when they are reading."""
    latest = check_ins[-1].value if check_ins else None
    if goal.status == goal.Status.ACHIEVED:
        reached = day_label(timezone.localdate(goal.achieved_at)) if goal.achieved_at else None
        done = f"Reached on {reached}." if reached else "Reached."
        return f"{done} {_where_it_ended(goal, latest)}"
    if goal.status == goal.Status.ABANDONED:
        return f"{owner or 'You'} let this goal go. {_where_it_ended(goal, latest)}"
    name, unit = metric_name(goal), _unit(goal)
    target = number(goal.target)
    if latest is None:
        where = f"{name}: no check-ins yet; the target is {target}{unit}."
    elif goal.target >= goal.baseline:
        where = f"{name}: {number(latest)} of {target}{unit}."
    else:
        start_value = number(goal.baseline)
        where = f"{name}: {number(latest)}{unit}, aiming down from {start_value} to {target}."
    return f"{where} {_pace(goal, latest, start, today, owner)}"


def _where_it_ended(goal, latest: Decimal | None) -> str:
    """A closed goal's last measured value, in the past tense and without a verdict."""
    name, unit, target = metric_name(goal), _unit(goal), number(goal.target)
    if latest is None:
        return f"{name}: no check-ins were recorded; the target was {target}{unit}."
    if goal.target >= goal.baseline:
        return f"{name}: {number(latest)} of {target}{unit} at the last check-in."
    start_value = number(goal.baseline)
    return (
        f"{name}: {number(latest)}{unit} at the last check-in, "
        f"aiming down from {start_value} to {target}."
    )


def _pace(goal, latest, start: datetime.date, today: datetime.date, owner: str | None) -> str:
    deadline = goal.target_date
    if deadline is None:
        return "No deadline yet, so there is no on-track line."
    if today >= deadline or deadline <= start:
        tense = "is" if today == deadline else "was"
        return f"The deadline {tense} {day_label(deadline)}."
    if today <= start:  # day one: the line expects nothing yet
        return f"Deadline {day_label(deadline)}."
    expected = _rounded(_expected_value(goal, start, today), abs(goal.target - goal.baseline))
    text = f"The on-track line expects {number(expected)} by today"
    if latest is not None:
        gap = (latest - expected) * (1 if goal.target >= goal.baseline else -1)
        verdict = "ahead of it" if gap > 0 else "behind it" if gap < 0 else "on it"
        text += f"; {owner} is {verdict}" if owner else f"; you are {verdict}"
    return f"{text}. Deadline {day_label(deadline)}."


def _expected_value(goal, start: datetime.date, day: datetime.date) -> Decimal:
    """Where the straight line from baseline to target stands on a given day."""
    total = (goal.target_date - start).days
    elapsed = min(max((day - start).days, 0), total)
    return goal.baseline + (goal.target - goal.baseline) * Decimal(elapsed) / Decimal(total)


def _rounded(estimate: Decimal, span: Decimal) -> Decimal:
    """An estimate only as precise as the range suggests: 2,277, not 2,276.92."""
    places = 0 if span >= 100 else 1 if span >= 1 else 2
    return estimate.quantize(Decimal(1).scaleb(-places))


def _unit(goal) -> str:
    return f" {goal.metric_unit}" if goal.metric_unit else ""


def check_in_span(check_ins) -> str:
    if not check_ins:
        return "No check-ins yet."
    if len(check_ins) == 1:
        return f"One check-in, on {day_label(check_ins[0].recorded_on)}."
    first, last = check_ins[0].recorded_on, check_ins[-1].recorded_on
    return f"{len(check_ins)} check-ins from {day_label(first)} to {day_label(last)}."


# --- Shared with the chart's labels ---------------------------------------------------------


def metric_name(goal) -> str:
    return goal.metric_name or "Progress"


def number(value: Decimal) -> str:
    """1,234.5 — two decimals at most, trailing zeros dropped."""
    return trim(f"{Decimal(value).quantize(Decimal('0.01')):,.2f}")


def trim(text: str) -> str:
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text == "-0" else text


def day_label(day: datetime.date) -> str:
    return f"{day.day} {day:%b %Y}"
