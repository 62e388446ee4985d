"""What is due when: deadline reminders in each person's own morning, across DST changes."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from careergoals.notifications.models import Notification, ScheduledReminder
from careergoals.notifications.preferences import settings_for
from careergoals.notifications.sweep import sweep_reminders
from goals import reminders, services
from goals.models import Goal

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
DEADLINE = datetime.date(2027, 3, 30)  # between the US (14 Mar) and EU (28 Mar) clock changes


def goal_for(user, deadline=DEADLINE):
    with time_machine.travel(datetime.datetime(2027, 1, 5, tzinfo=UTC), tick=False):
        return services.goal_create(
            owner=user,
            statement="Publish three articles about testing",
            target_date=deadline,
            metric_name="Articles",
            baseline=Decimal(0),
            target=Decimal(3),
        )


def due_times(goal):
    return {
        p.occurrence.split(":")[0]: p.due_at
        for p in reminders.plan_goal(goal)
        if p.recipient_id == goal.owner_id
    }


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        # 08:00 local. Berlin: CET (UTC+1) until 28 March, CEST (UTC+2) after.
        (
            "Europe/Berlin",
            {
                "lead-14": "2027-03-16 07:00",
                "lead-7": "2027-03-23 07:00",
                "lead-1": "2027-03-29 06:00",
                "overdue": "2027-03-31 06:00",
            },
        ),
        # New York: already on EDT (UTC-4) since 14 March.
        (
            "America/New_York",
            {
                "lead-14": "2027-03-16 12:00",
                "lead-7": "2027-03-23 12:00",
                "lead-1": "2027-03-29 12:00",
                "overdue": "2027-03-31 12:00",
            },
        ),
        # Kiritimati is UTC+14: 08:00 there is 18:00 the day before in UTC.
        (
            "Pacific/Kiritimati",
            {
                "lead-14": "2027-03-15 18:00",
                "lead-7": "2027-03-22 18:00",
                "lead-1": "2027-03-28 18:00",
                "overdue": "2027-03-30 18:00",
            },
        ),
        (
            "UTC",
            {
                "lead-14": "2027-03-16 08:00",
                "lead-7": "2027-03-23 08:00",
                "lead-1": "2027-03-29 08:00",
                "overdue": "2027-03-31 08:00",
            },
        ),
    ],
)
def test_due_times_in_the_owners_morning(make_user, zone, expected):
    user = make_user(email=f"{zone.replace('/', '.')}@example.org", timezone=zone)
    times = {
        k: v.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
        for k, v in due_times(goal_for(user)).items()
    }
    assert times == expected


def test_lead_times_and_hour_follow_preferences(make_user):
    user = make_user(email="early@example.org", timezone="Europe/Berlin")
    choices = settings_for(user)
    choices.lead_days, choices.morning_hour = [3], 6
    choices.save()
    times = due_times(goal_for(user))
    assert set(times) == {"lead-3", "overdue"}
    assert times["lead-3"] == datetime.datetime(2027, 3, 27, 5, 0, tzinfo=UTC)  # 06:00 CET


def test_nothing_for_closed_goals_or_without_deadline(ana):
    goal = goal_for(ana)
    services.goal_abandon(goal=goal, reason="Changed teams")
    assert reminders.plan_goal(goal) == []
    undated = goal_for(ana, deadline=None)
    assert reminders.plan_goal(undated) == []


def sweep_at(moment):
    with time_machine.travel(moment, tick=False):
        return sweep_reminders()


def test_sweep_sends_each_reminder_once_at_its_moment(ana):
    goal = goal_for(ana)
    with time_machine.travel(datetime.datetime(2027, 1, 5, tzinfo=UTC), tick=False):
        reminders.arm_goal(goal)
    assert ScheduledReminder.objects.filter(status="pending").count() == 4
    assert sweep_at(datetime.datetime(2027, 3, 16, 7, 59, tzinfo=UTC)) == 0
    assert sweep_at(datetime.datetime(2027, 3, 16, 8, 0, tzinfo=UTC)) == 1
    assert sweep_at(datetime.datetime(2027, 3, 16, 8, 1, tzinfo=UTC)) == 0  # not twice
    (notification,) = Notification.objects.filter(kind="deadline")
    assert notification.subject == "“Publish three articles about testing” is due in 14 days"
    assert notification.recipient == ana


def test_after_downtime_only_the_newest_is_sent_and_stale_ones_skipped(ana):
    goal = goal_for(ana)
    with time_machine.travel(datetime.datetime(2027, 1, 5, tzinfo=UTC), tick=False):
        reminders.arm_goal(goal)
    # Down from before the 14-day reminder until after the 7-day one.
    assert sweep_at(datetime.datetime(2027, 3, 24, 9, 0, tzinfo=UTC)) == 1
    sent = ScheduledReminder.objects.get(status="sent")
    assert sent.occurrence.startswith("lead-7")
    skipped = ScheduledReminder.objects.get(status="skipped")
    assert skipped.occurrence.startswith("lead-14")
    assert "superseded" in skipped.skip_reason
    # Down past the deadline: the last lead reminder is stale, recorded as skipped.
    assert sweep_at(datetime.datetime(2027, 3, 31, 1, 0, tzinfo=UTC)) == 0
    assert "stale" in ScheduledReminder.objects.get(occurrence__startswith="lead-1:").skip_reason


def test_moving_the_deadline_re_arms(ana):
    goal = goal_for(ana)
    with time_machine.travel(datetime.datetime(2027, 1, 5, tzinfo=UTC), tick=False):
        reminders.arm_goal(goal)
        services.goal_update(goal=goal, target_date=datetime.date(2027, 6, 30))
        reminders.arm_goal(goal)
    pending = set(
        ScheduledReminder.objects.filter(status="pending").values_list("occurrence", flat=True)
    )
    assert pending == {
        "lead-14:2027-06-30",
        "lead-7:2027-06-30",
        "lead-1:2027-06-30",
        "overdue:2027-06-30",
    }


def test_a_reminder_for_a_goal_achieved_meanwhile_is_skipped(ana):
    goal = goal_for(ana)
    with time_machine.travel(datetime.datetime(2027, 1, 5, tzinfo=UTC), tick=False):
        reminders.arm_goal(goal)
    Goal.objects.filter(pk=goal.pk).update(status=Goal.Status.ACHIEVED)  # e.g. an import
    assert sweep_at(datetime.datetime(2027, 3, 16, 9, 0, tzinfo=UTC)) == 0
    assert ScheduledReminder.objects.get(occurrence__startswith="lead-14").skip_reason == (
        "no longer due"
    )


def test_steps_have_their_own_reminders(ana):
    goal = goal_for(ana)
    with time_machine.travel(datetime.datetime(2027, 1, 5, tzinfo=UTC), tick=False):
        step = services.micro_goal_create(
            goal=goal, title="Draft article one", deadline=datetime.date(2027, 2, 10)
        )
        reminders.arm_step(step)
    assert sweep_at(datetime.datetime(2027, 2, 9, 8, 0, tzinfo=UTC)) == 1
    notification = Notification.objects.get()
    assert notification.subject == "“Draft article one” is due tomorrow"
    assert "part of “Publish three articles about testing”" in notification.body_text
