"""What the progress chart says in words: its summary and the pieces its labels share.

Pure functions, like goals.charts: the owner reads "you", anyone else the owner's name, and
a closed goal is no longer measured against its plan.
"""

import datetime
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext


def chart_summary(goal, check_ins, start, today: datetime.date, owner: str | None) -> str:
    """One or two sentences; ``owner`` is the owner's name, or None when they are reading."""
    latest = check_ins[-1].value if check_ins else None
    if goal.status == goal.Status.ACHIEVED:
        if goal.achieved_at:
            day = day_label(timezone.localdate(goal.achieved_at))
            done = _("Reached on %(day)s.") % {"day": day}
        else:
            done = _("Reached.")
        return f"{done} {_where_it_ended(goal, latest)}"
    if goal.status == goal.Status.ABANDONED:
        if owner:
            gone = _("%(name)s let this goal go.") % {"name": owner}
        else:
            gone = _("You let this goal go.")
        return f"{gone} {_where_it_ended(goal, latest)}"
    words = _words(goal, latest)
    if latest is None:
        where = _("%(name)s: no check-ins yet; the target is %(target)s%(unit)s.") % words
    elif goal.target >= goal.baseline:
        where = _("%(name)s: %(latest)s of %(target)s%(unit)s.") % words
    else:
        where = _("%(name)s: %(latest)s%(unit)s, aiming down from %(start)s to %(target)s.") % words
    return f"{where} {_pace(goal, latest, start, today, owner)}"


def _words(goal, latest: Decimal | None) -> dict:
    return {
        "name": metric_name(goal),
        "unit": _unit(goal),
        "target": number(goal.target),
        "start": number(goal.baseline),
        "latest": "" if latest is None else number(latest),
    }


def _where_it_ended(goal, latest: Decimal | None) -> str:
    """A closed goal's last measured value, in the past tense and without a verdict."""
    words = _words(goal, latest)
    if latest is None:
        return _("%(name)s: no check-ins were recorded; the target was %(target)s%(unit)s.") % words
    if goal.target >= goal.baseline:
        return _("%(name)s: %(latest)s of %(target)s%(unit)s at the last check-in.") % words
    return (
        _(
            "%(name)s: %(latest)s%(unit)s at the last check-in, "
            "aiming down from %(start)s to %(target)s."
        )
        % words
    )


def _pace(goal, latest, start: datetime.date, today: datetime.date, owner: str | None) -> str:
    deadline = goal.target_date
    if deadline is None:
        return _("No deadline yet, so there is no on-track line.")
    day = day_label(deadline)
    if today >= deadline or deadline <= start:
        if today == deadline:
            return _("The deadline is %(day)s.") % {"day": day}
        return _("The deadline was %(day)s.") % {"day": day}
    if today <= start:  # day one: the line expects nothing yet
        return _("Deadline %(day)s.") % {"day": day}
    expected = _rounded(_expected_value(goal, start, today), abs(goal.target - goal.baseline))
    words = {"expected": number(expected), "day": day, "name": owner}
    if latest is None:
        return _("The on-track line expects %(expected)s by today. Deadline %(day)s.") % words
    gap = (latest - expected) * (1 if goal.target >= goal.baseline else -1)
    return _verdict(gap, bool(owner)) % words


def _verdict(gap: Decimal, by_name: bool) -> str:
    """Whole sentences: ahead, behind or on the line, said of "you" or of the owner."""
    if by_name:
        if gap > 0:
            return _(
                "The on-track line expects %(expected)s by today; "
                "%(name)s is ahead of it. Deadline %(day)s."
            )
        if gap < 0:
            return _(
                "The on-track line expects %(expected)s by today; "
                "%(name)s is behind it. Deadline %(day)s."
            )
        return _(
            "The on-track line expects %(expected)s by today; %(name)s is on it. Deadline %(day)s."
        )
    if gap > 0:
        return _(
            "The on-track line expects %(expected)s by today; "
            "you are ahead of it. Deadline %(day)s."
        )
    if gap < 0:
        return _(
            "The on-track line expects %(expected)s by today; you are behind it. Deadline %(day)s."
        )
    return _("The on-track line expects %(expected)s by today; you are on it. Deadline %(day)s.")


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
        return _("No check-ins yet.")
    if len(check_ins) == 1:
        return _("One check-in, on %(day)s.") % {"day": day_label(check_ins[0].recorded_on)}
    first, last = check_ins[0].recorded_on, check_ins[-1].recorded_on
    count = len(check_ins)
    return ngettext(
        "%(count)s check-in from %(first)s to %(last)s.",
        "%(count)s check-ins from %(first)s to %(last)s.",
        count,
    ) % {"count": count, "first": day_label(first), "last": day_label(last)}


# --- Shared with the chart's labels ---------------------------------------------------------


def metric_name(goal) -> str:
    return goal.metric_name or _("Progress")


def number(value: Decimal) -> str:
    """1,234.5 — two decimals at most, trailing zeros dropped."""
    return trim(f"{Decimal(value).quantize(Decimal('0.01')):,.2f}")


def trim(text: str) -> str:
    """A number written the English way ("1,234.50"), trimmed ("1,234.5") and then written
    with the separators of the active language ("1.234,5" in German)."""
    text = text.rstrip("0").rstrip(".") if "." in text else text
    text = "0" if text == "-0" else text
    decimal, thousands = formats.get_format("DECIMAL_SEPARATOR"), _thousands()
    if (decimal, thousands) == (".", ","):
        return text
    whole, _point, part = text.partition(".")
    whole = whole.replace(",", thousands)
    return f"{whole}{decimal}{part}" if part else whole


def _thousands() -> str:
    return formats.get_format("THOUSAND_SEPARATOR")


def day_label(day: datetime.date) -> str:
    return formats.date_format(day, pgettext("date format", "j M Y"))
