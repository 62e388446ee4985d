"""Due times for reminders: each app plans them, this module stores and re-arms them."""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .models import ScheduledReminder


@dataclass(frozen=True)
class Planned:
    recipient_id: int
    kind: str
    subject: str
    occurrence: str
    due_at: datetime.datetime
    stale_at: datetime.datetime


def local_moment(day: datetime.date, hour: int, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """``hour`` o'clock on ``day`` where the person lives, as an aware UTC datetime."""
    local = datetime.datetime.combine(day, datetime.time(hour), tzinfo=zone)
    return local.astimezone(datetime.UTC)


def end_of_day(day: datetime.date, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    next_day = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(0))
    return next_day.replace(tzinfo=zone).astimezone(datetime.UTC)


@transaction.atomic
def arm(*, subject: str, planned: list[Planned], kinds: set[str] | None = None, now=None) -> None:
    """Make the pending reminders about ``subject`` exactly ``planned``.

    Reminders already sent or skipped stay as the record; a moved deadline gets new
    occurrences (they carry the date), so it is reminded again. A planned moment that is
    already past is not added (a goal set three days out gets no 14-day reminder), but a
    pending one that fell due while the sweep was down is kept for it to catch up.
    """
    now = now or timezone.now()
    pending = ScheduledReminder.objects.filter(
        subject=subject, status=ScheduledReminder.Status.PENDING
    )
    if kinds is not None:
        pending = pending.filter(kind__in=kinds)
    keep = {(p.recipient_id, p.kind, p.occurrence) for p in planned}
    stale = [
        r.pk
        for r in pending.only("recipient_id", "kind", "occurrence")
        if (r.recipient_id, r.kind, r.occurrence) not in keep
    ]
    ScheduledReminder.objects.filter(pk__in=stale).delete()
    ScheduledReminder.objects.bulk_create(
        [
            ScheduledReminder(
                recipient_id=p.recipient_id,
                kind=p.kind,
                subject=p.subject,
                occurrence=p.occurrence,
                due_at=p.due_at,
                stale_at=p.stale_at,
            )
            for p in planned
            if p.due_at > now
        ],
        ignore_conflicts=True,
    )


def disarm(*, subject: str) -> None:
    ScheduledReminder.objects.filter(
        subject=subject, status=ScheduledReminder.Status.PENDING
    ).delete()
