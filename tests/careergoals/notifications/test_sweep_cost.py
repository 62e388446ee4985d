"""The sweep's cost follows what is due, not everything scheduled: Postgres uses the index."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from careergoals.notifications.models import ScheduledReminder
from tests.conftest import need

pytestmark = pytest.mark.django_db


def test_due_reminders_are_found_through_the_partial_index(make_user):
    need(connection.vendor == "postgresql", "EXPLAIN is checked on PostgreSQL")
    user = make_user(email="many@example.org")
    now = timezone.now()
    future = [
        ScheduledReminder(
            recipient=user,
            kind="deadline",
            item=f"goal:{n}",
            occurrence="lead-7",
            due_at=now + datetime.timedelta(minutes=n + 1),
            stale_at=now + datetime.timedelta(days=30),
        )
        for n in range(20000)
    ]
    done = [
        ScheduledReminder(
            recipient=user,
            kind="deadline",
            item=f"old:{n}",
            occurrence="lead-7",
            due_at=now - datetime.timedelta(days=1),
            stale_at=now,
            status="sent",
        )
        for n in range(20000)
    ]
    ScheduledReminder.objects.bulk_create(future + done, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE notifications_scheduledreminder")
    due = ScheduledReminder.objects.filter(status="pending", due_at__lte=now).order_by("due_at")[
        :200
    ]
    plan = due.explain()
    assert "reminder_pending_due" in plan, plan
    assert "Seq Scan" not in plan, plan
