"""After an outage the sweep works through every due reminder, not just the first batch."""

import datetime

import pytest
from django.utils import timezone

from careergoals.notifications.models import Notification, ScheduledReminder
from careergoals.notifications.sweep import BATCH, sweep

pytestmark = pytest.mark.django_db


def stale_reminders(user, count: int, now) -> list[ScheduledReminder]:
    """Reminders whose moment passed while the sweep was down: each gets skipped."""
    return ScheduledReminder.objects.bulk_create(
        ScheduledReminder(
            recipient=user,
            kind="deadline",
            item=f"step:{n}",
            occurrence="lead-1:2027-01-01",
            due_at=now - datetime.timedelta(days=10, minutes=n),
            stale_at=now - datetime.timedelta(days=9),
        )
        for n in range(count)
    )


def test_a_valid_reminder_behind_more_than_a_batch_of_stale_ones_goes_out(ana, make_goal, today):
    now = timezone.now()
    goal = make_goal(ana, statement="Ship the beta", target_date=today + datetime.timedelta(days=2))
    valid = ScheduledReminder.objects.filter(
        recipient=ana, kind="deadline", item=f"goal:{goal.pk}", status="pending"
    ).latest("due_at")
    ScheduledReminder.objects.filter(pk=valid.pk).update(due_at=now - datetime.timedelta(minutes=1))
    stale_reminders(ana, BATCH + 50, now)

    sweep(now=now)

    valid.refresh_from_db()
    assert valid.status == ScheduledReminder.Status.SENT
    (notification,) = Notification.objects.filter(recipient=ana, kind="deadline")
    assert valid.notification == notification
    assert "Ship the beta" in notification.subject
    skipped = ScheduledReminder.objects.filter(recipient=ana, status="skipped")
    assert skipped.count() == BATCH + 50
    assert not ScheduledReminder.objects.filter(status="pending", due_at__lte=now).exists()
