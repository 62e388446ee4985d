"""Due times for reminders: each app plans them, this module stores and re-arms them."""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, Value, When
from django.utils import timezone

from .models import ScheduledReminder

# A planned moment that passed less than this long ago was "just missed": it still goes out.
JUST_MISSED = datetime.timedelta(days=1)
QUARTER_MONTHS = (1, 4, 7, 10)


@dataclass(frozen=True)
class Planned:
    recipient_id: int
    kind: str
    item: str
    occurrence: str
    due_at: datetime.datetime
    stale_at: datetime.datetime
    # A lead reminder planned just after its moment (the person chose a time earlier than
    # now, or added the item late in the day) still goes out while the deadline is ahead.
    catch_up: bool = False


def local_moment(day: datetime.date, hour: int, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """``hour`` o'clock on ``day`` where the person lives, as an aware UTC datetime."""
    local = datetime.datetime.combine(day, datetime.time(hour), tzinfo=zone)
    return local.astimezone(datetime.UTC)


def moment_after(
    day: datetime.date, days: int, hour: int, zone: zoneinfo.ZoneInfo
) -> datetime.datetime | None:
    """``hour`` o'clock ``days`` after ``day`` (before, if negative), or None when that falls
    off the calendar (a deadline of 1 January of year 1 or 31 December 9999)."""
    try:
        return local_moment(day + datetime.timedelta(days=days), hour, zone)
    except OverflowError:
        return None


def end_of_day(day: datetime.date, zone: zoneinfo.ZoneInfo) -> datetime.datetime | None:
    return moment_after(day, 1, 0, zone)


def first_working_day(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:  # Saturday, Sunday
        day += datetime.timedelta(days=1)
    return day


def next_quarter_start(today: datetime.date) -> datetime.date:
    """The first working day of the next quarter (today's, if it is that day)."""
    for year in (today.year, today.year + 1):
        for month in QUARTER_MONTHS:
            start = first_working_day(datetime.date(year, month, 1))
            if start >= today:
                return start
    raise AssertionError("unreachable")


def quarter_label(day: datetime.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def next_quarter_moment(
    hour: int, zone: zoneinfo.ZoneInfo, after: datetime.datetime
) -> tuple[str, datetime.datetime]:
    """The quarter and the moment of the first quarterly prompt later than ``after``: ``hour``
    o'clock where the person lives, on the first working day of a quarter."""
    start = next_quarter_start(after.astimezone(zone).date())
    due = local_moment(start, hour, zone)
    if due <= after:  # that day is today and the hour has passed
        start = next_quarter_start(start + datetime.timedelta(days=1))
        due = local_moment(start, hour, zone)
    return quarter_label(start), due


def _worth_adding(planned: list[Planned], now) -> list[Planned]:
    """Moments still ahead, plus, per person and kind, the latest one just missed."""
    ahead = [p for p in planned if p.due_at > now]
    missed: dict[tuple, Planned] = {}
    for p in planned:
        if p.catch_up and now - JUST_MISSED < p.due_at <= now < p.stale_at:
            key = (p.recipient_id, p.kind)
            if key not in missed or p.due_at > missed[key].due_at:
                missed[key] = p
    return ahead + list(missed.values())


def arm(
    *, item: str, planned: list[Planned], kinds: set[str] | None = None, now=None, new=False
) -> None:
    """Make the pending reminders about ``item`` exactly ``planned`` (see ``arm_many``).

    ``new``: the item was created in this transaction, so it has nothing pending yet and
    its plan is only inserted (a step added to a goal: one query, not two)."""
    if new:
        _insert(_worth_adding(planned, now or timezone.now()))
        return
    arm_many(plans={item: planned}, kinds=kinds, now=now)


# No savepoint of its own: services call it inside their transaction, which it shares.
@transaction.atomic(savepoint=False)
def arm_many(*, plans: dict[str, list[Planned]], kinds: set[str] | None = None, now=None) -> None:
    """Make the pending reminders about each item exactly its plan, in a few queries.

    Reminders already sent or skipped stay as the record and are never planned again; a
    moved deadline gets new occurrences (they carry the date), so it is reminded again.
    Pending reminders still in the plan move to their planned time (a new hour, lead time
    or time zone). A moment already past is not added (a goal set three days out gets no
    14-day reminder), except the latest one missed by less than a day while the deadline is
    still ahead, which the next sweep sends. A pending one that fell due while the sweep was
    down is kept for it to catch up.
    """
    if not plans:
        return
    now = now or timezone.now()
    pending = ScheduledReminder.objects.filter(
        item__in=list(plans), status=ScheduledReminder.Status.PENDING
    )
    if kinds is not None:
        pending = pending.filter(kind__in=kinds)
    if not any(plans.values()):
        pending.delete()  # nothing is due any more (a closed step): one query
        return
    wanted = {
        (p.item, p.recipient_id, p.kind, p.occurrence): p
        for planned in plans.values()
        for p in planned
    }
    stale, moved = [], {}
    fields = ("item", "recipient_id", "kind", "occurrence", "due_at", "stale_at")
    for row in pending.only(*fields):
        plan = wanted.get((row.item, row.recipient_id, row.kind, row.occurrence))
        if plan is None:
            stale.append(row.pk)
        elif (row.due_at, row.stale_at) != (plan.due_at, plan.stale_at):
            moved[row.pk] = plan
    if moved:
        # Only rows still pending: one a sweep has claimed meanwhile keeps its record.
        ScheduledReminder.objects.filter(
            pk__in=list(moved), status=ScheduledReminder.Status.PENDING
        ).update(
            due_at=Case(*(When(pk=pk, then=Value(p.due_at)) for pk, p in moved.items())),
            stale_at=Case(*(When(pk=pk, then=Value(p.stale_at)) for pk, p in moved.items())),
        )
    if stale:
        ScheduledReminder.objects.filter(pk__in=stale).delete()
    _insert([p for planned in plans.values() for p in _worth_adding(planned, now)])


def _insert(planned: list[Planned]) -> None:
    """New pending rows; one already sent, skipped or pending is left alone: never twice."""
    if not planned:
        return
    ScheduledReminder.objects.bulk_create(
        [
            ScheduledReminder(
                recipient_id=p.recipient_id,
                kind=p.kind,
                item=p.item,
                occurrence=p.occurrence,
                due_at=p.due_at,
                stale_at=p.stale_at,
            )
            for p in planned
        ],
        ignore_conflicts=True,
    )


def add(planned: list[Planned]) -> None:
    """Plan further occurrences (the next quarter's prompt), leaving every other row alone."""
    _insert(planned)


def disarm(*, item: str) -> None:
    ScheduledReminder.objects.filter(item=item, status=ScheduledReminder.Status.PENDING).delete()
