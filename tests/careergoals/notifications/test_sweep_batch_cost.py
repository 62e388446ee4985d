"""A sweep batch costs the same few queries at 2 and at 40 due reminders: the items, the
buddies' access, everyone's choices and the notifications are read and written together.
Each reminder still gets its own notification, its own email and a link to its row."""

import datetime

import pytest
import time_machine
from django.core import mail

from accountability.services import goal_set_visibility, partnership_create
from careergoals.notifications.models import Notification, ScheduledReminder
from careergoals.notifications.services import deliver_many
from careergoals.notifications.sweep import sweep_reminders
from goals import services

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2027, 1, 5, 9, 0, tzinfo=datetime.UTC)
# The claim; the goals and the steps; the buddies' access (two buddies); the recorded keys,
# everyone's choices, the insert and its ids; one update per outcome; a savepoint pair.
SWEEP_QUERIES = 14


@pytest.fixture
def shared_goal(ana, make_user, make_goal):
    with time_machine.travel(NOW, tick=False):
        for email in ("bob@example.org", "cleo@example.org"):
            partnership_create(a=ana, b=make_user(email=email, display_name=email[:4]))
        goal = make_goal(ana, target_date=datetime.date(2027, 9, 1))
        return goal_set_visibility(goal=goal, visibility="buddies", buddy_reminders=True)


def due_now(goal, steps: int) -> int:
    """``steps`` steps whose reminders (Ana's, and each buddy's heads-up) are all due."""
    with time_machine.travel(NOW, tick=False):
        for number in range(steps):
            services.micro_goal_create(
                goal=goal, title=f"Step {number + 1}", deadline=datetime.date(2027, 3, 1)
            )
    pending = ScheduledReminder.objects.filter(status="pending", item__startswith="step:")
    pending = pending.filter(kind__in=["deadline", "buddy_deadline"])
    # One lead reminder of Ana's per step, and each buddy's heads-up.
    keep = {
        pk
        for pk, kind, occurrence in pending.values_list("pk", "kind", "occurrence")
        if kind == "buddy_deadline" or occurrence.startswith("lead-1:")
    }
    ScheduledReminder.objects.filter(pk__in=keep).update(due_at=NOW - datetime.timedelta(minutes=1))
    # Only these: the quarterly prompts (due on the quarter's first day) are another test's.
    ScheduledReminder.objects.filter(due_at__lte=NOW).exclude(pk__in=keep).delete()
    return len(keep)


@pytest.mark.parametrize("steps", [2, 40])
def test_a_batch_costs_the_same_few_queries(shared_goal, steps, django_assert_max_num_queries):
    due = due_now(shared_goal, steps)
    assert due == steps * 3
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(SWEEP_QUERIES):
        recorded = sweep_reminders(now=NOW, batch=200)
    assert recorded == due
    sent = ScheduledReminder.objects.filter(status="sent")
    assert sent.count() == due
    # Each reminder points at the notification it recorded, one per person and step.
    assert {r.notification.dedupe_key for r in sent.select_related("notification")} == set(
        Notification.objects.values_list("dedupe_key", flat=True)
    )
    assert Notification.objects.filter(kind="buddy_deadline").count() == steps * 2
    # As the worker sends them: in batches, over one connection each.
    pending = list(Notification.objects.filter(email_status="pending").values_list("pk", flat=True))
    assert deliver_many(notification_ids=pending) == (due, [])
    assert len(mail.outbox) == due
    assert {m.to[0] for m in mail.outbox} == {
        "ana@example.org",
        "bob@example.org",
        "cleo@example.org",
    }


def test_a_reminder_recorded_before_is_not_recorded_twice(shared_goal):
    due_now(shared_goal, 2)
    with time_machine.travel(NOW, tick=False):
        assert sweep_reminders(now=NOW, batch=200) == 6
        ScheduledReminder.objects.filter(status="sent").update(status="pending", notification=None)
        assert sweep_reminders(now=NOW, batch=200) == 0  # the outbox refuses the same keys
    assert Notification.objects.count() == 6
    assert ScheduledReminder.objects.filter(status="sent", notification=None).count() == 6
