"""The Celery worker SIGKILLed five times while two beats sweep 2,000 due reminders.

Everything real: a private Redis as broker, the test's Postgres database, an SMTP sink on
loopback, two ``celery beat`` processes sweeping every second and a ``celery worker`` whose
whole pool is killed with SIGKILL and restarted, five times, while it records and sends.
Every reminder must arrive, the outbox must hold one row per reminder, and a duplicate email
can only come from a send that finished in the instant before a kill (at most one per kill).
"""

import datetime
import random
import time

import pytest
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from careergoals.notifications.models import Notification, NotificationSettings, ScheduledReminder
from careergoals.users.models import User
from goals.models import Goal

from .processes import app_env, record_figures
from .services import wait_until

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
PEOPLE, GOALS_EACH = 200, 10
REMINDERS = PEOPLE * GOALS_EACH
KILLS = 5
CONCURRENCY = 2  # as in the Procfile: two sweeps or sends can run at once


def plan_due_reminders() -> None:
    """200 people with 10 goals each, every goal's 1-day reminder due a minute ago."""
    password = make_password("not used")
    users = User.objects.bulk_create(
        User(email=f"person{n}@example.org", display_name=f"Person {n}", password=password)
        for n in range(PEOPLE)
    )
    NotificationSettings.objects.bulk_create(NotificationSettings(user=user) for user in users)
    deadline = timezone.now().date() + datetime.timedelta(days=2)
    goals = Goal.objects.bulk_create(
        Goal(
            owner=user,
            statement=f"Goal {g} of person {n}",
            status=Goal.Status.ACTIVE,
            target_date=deadline,
        )
        for n, user in enumerate(users)
        for g in range(GOALS_EACH)
    )
    now = timezone.now()
    ScheduledReminder.objects.bulk_create(
        ScheduledReminder(
            recipient_id=goal.owner_id,
            kind="deadline",
            item=f"goal:{goal.pk}",
            occurrence=f"lead-1:{deadline.isoformat()}",
            due_at=now - datetime.timedelta(minutes=1),
            stale_at=now + datetime.timedelta(days=2),
        )
        for goal in goals
    )


def test_killing_the_worker_loses_no_reminder_and_sends_few_twice(
    test_database_url, private_redis, inbox, processes, tmp_path
):
    plan_due_reminders()
    env = app_env(
        database_url=test_database_url,
        redis_url=private_redis.url,
        smtp_port=inbox.port,
        var_dir=tmp_path / "var",
        NOTIFICATION_SWEEP_SECONDS=1,
        NOTIFICATION_RESEND_AFTER_SECONDS=3,
    )
    started = time.monotonic()
    worker = processes.worker(env, concurrency=CONCURRENCY)
    processes.beat(env, "beat-1")
    processes.beat(env, "beat-2")

    recorded = Notification.objects.filter(kind="deadline").count
    # Two kills while the sweep records the outbox, three while the worker sends.
    moments = [
        lambda: recorded() >= REMINDERS * 0.15,
        lambda: recorded() >= REMINDERS * 0.6,
        lambda: inbox.distinct() >= REMINDERS * 0.3,
        lambda: inbox.distinct() >= REMINDERS * 0.55,
        lambda: inbox.distinct() >= REMINDERS * 0.8,
    ]
    kills = []
    for moment in moments:
        assert wait_until(moment, 120, step=0.05), (
            recorded(),
            inbox.distinct(),
            processes.log("worker")[-3000:],
        )
        # A moment unrelated to the last email's arrival, so the kill lands anywhere in a send.
        time.sleep(random.uniform(0, 0.5))
        processes.kill(worker)  # SIGKILL to the whole process group: main process and pool
        kills.append((recorded(), inbox.distinct()))
        worker = processes.worker(env, concurrency=CONCURRENCY)

    def all_sent() -> bool:
        return (
            inbox.distinct() >= REMINDERS
            and not Notification.objects.filter(email_status="pending").exists()
        )

    delivered = wait_until(all_sent, 150, step=0.5)
    time.sleep(3)  # anything sent twice would arrive now
    seconds = round(time.monotonic() - started, 1)
    rows = Notification.objects.filter(kind="deadline")
    duplicate_rows = rows.count() - rows.values("dedupe_key").distinct().count()
    figures = record_figures(
        worker_reminders=REMINDERS,
        worker_kills=len(kills),
        worker_kill_points=[{"recorded": r, "delivered": d} for r, d in kills],
        worker_delivered=inbox.distinct(),
        worker_outbox_rows=rows.count(),
        worker_duplicate_rows=duplicate_rows,
        worker_duplicate_emails=inbox.duplicates(),
        worker_seconds=seconds,
    )
    assert delivered, (figures, processes.log("worker")[-3000:])
    assert inbox.distinct() == REMINDERS
    assert inbox.recipients() == {f"person{n}@example.org" for n in range(PEOPLE)}
    assert rows.count() == REMINDERS
    assert duplicate_rows == 0
    assert rows.filter(email_status="sent").count() == REMINDERS
    assert not ScheduledReminder.objects.filter(status="pending").exists()
    assert inbox.duplicates() <= len(kills) == KILLS
