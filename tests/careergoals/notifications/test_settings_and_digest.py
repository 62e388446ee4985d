"""Notification settings re-arm reminders; the weekly digest bundles held reminders."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from careergoals.notifications.digest import send_due_digests
from careergoals.notifications.models import (
    Notification,
    NotificationSettings,
    ScheduledReminder,
)
from careergoals.notifications.sweep import sweep_reminders
from goals import reminders, services
from tests.mail import deliver_pending

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
START = datetime.datetime(2027, 1, 4, 9, 0, tzinfo=UTC)  # a Monday
# The whole POST: session and user, the settings row, the re-plan of every goal and step in
# one pass (goals, steps, everyone's choices at once, pending reminders, one update, one
# insert), the quarterly prompts, the check-in prompts of their pairs (none here: one query).
SETTINGS_SAVE_QUERIES = 26  # the session comes from Redis


@pytest.fixture
def goal(ana):
    with time_machine.travel(START, tick=False):
        goal = services.goal_create(
            owner=ana,
            statement="Publish three articles about testing",
            target_date=datetime.date(2027, 2, 10),
            metric_name="Articles",
            baseline=Decimal(0),
            target=Decimal(3),
        )
        reminders.arm_goal(goal)
    return goal


def test_settings_page_changes_lead_times_and_re_arms(client, ana, goal):
    with time_machine.travel(START, tick=False):
        client.force_login(ana)  # signed in "then", or the session would have expired
        response = client.post(
            reverse("notifications:notification_settings"),
            {"emails": ["deadline", "overdue"], "lead_days": ["3"], "morning_hour": "6"},
        )
    assert response.status_code == 302
    occurrences = set(
        ScheduledReminder.objects.filter(status="pending", item=f"goal:{goal.pk}").values_list(
            "occurrence", flat=True
        )
    )
    assert occurrences == {"lead-3:2027-02-10", "overdue:2027-02-10"}
    assert "quarterly" in NotificationSettings.objects.get(user=ana).muted_kinds


def test_settings_page_refuses_bad_input(client, ana):
    client.force_login(ana)
    response = client.post(
        reverse("notifications:notification_settings"), {"lead_days": ["5"], "morning_hour": "24"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_weekly_digest_holds_reminders_and_sends_one_email(client, ana, goal):
    with time_machine.travel(START, tick=False):
        client.force_login(ana)
        client.post(
            reverse("notifications:notification_settings"),
            {
                "emails": ["deadline"],
                "lead_days": ["14", "7"],
                "morning_hour": "8",
                "weekly_digest": "on",
            },
        )
    with time_machine.travel(datetime.datetime(2027, 1, 27, 8, 30, tzinfo=UTC), tick=False):
        assert sweep_reminders() == 1
    deliver_pending()
    assert mail.outbox == []  # held for the digest
    assert Notification.objects.get(kind="deadline").email_status == "digest"
    with time_machine.travel(datetime.datetime(2027, 2, 3, 8, 30, tzinfo=UTC), tick=False):
        assert sweep_reminders() == 1  # the 7-day one
        assert send_due_digests() == 1
        assert send_due_digests() == 0  # once a week
    deliver_pending()
    (digest,) = mail.outbox
    assert digest.subject.endswith("Your week ahead: 2 reminders")
    assert "is due in 14 days" in digest.body and "is due in 7 days" in digest.body


def test_a_new_hour_or_time_zone_moves_the_next_digest(client, ana):
    with time_machine.travel(START, tick=False):  # Monday 4 January, 09:00 UTC
        client.force_login(ana)
        settings = {"emails": ["deadline"], "lead_days": ["7"], "weekly_digest": "on"}
        client.post(
            reverse("notifications:notification_settings"), settings | {"morning_hour": "8"}
        )
        row = NotificationSettings.objects.get(user=ana)
        assert row.next_digest_at == datetime.datetime(2027, 1, 11, 8, 0, tzinfo=UTC)
        # 18:00 is still ahead today: this Monday's digest, not next week's.
        client.post(
            reverse("notifications:notification_settings"), settings | {"morning_hour": "18"}
        )
        row.refresh_from_db()
        assert row.next_digest_at == datetime.datetime(2027, 1, 4, 18, 0, tzinfo=UTC)
        response = client.post(
            reverse("users:profile"), {"display_name": "Ana", "timezone": "Asia/Tokyo"}
        )
        assert response.status_code == 302
        row.refresh_from_db()
        # 18:00 in Tokyo on Monday 4 January is 09:00 UTC: just passed, so the next Monday.
        assert row.next_digest_at == datetime.datetime(2027, 1, 11, 9, 0, tzinfo=UTC)


def test_a_digest_already_due_is_not_pushed_to_next_week(client, ana):
    with time_machine.travel(START, tick=False):
        client.force_login(ana)
        settings = {"emails": ["deadline"], "lead_days": ["7"], "weekly_digest": "on"}
        client.post(
            reverse("notifications:notification_settings"), settings | {"morning_hour": "8"}
        )
    due = datetime.datetime(2027, 1, 11, 8, 0, tzinfo=UTC)
    with time_machine.travel(due + datetime.timedelta(minutes=5), tick=False):
        client.force_login(ana)
        client.post(
            reverse("notifications:notification_settings"), settings | {"morning_hour": "20"}
        )
    assert NotificationSettings.objects.get(user=ana).next_digest_at == due


@pytest.mark.parametrize("goals", [1, 30])
def test_saving_settings_re_plans_everything_at_the_same_cost(
    client, ana, make_goal, django_assert_num_queries, goals
):
    with time_machine.travel(START, tick=False):
        for n in range(goals):
            goal = make_goal(ana, statement=f"Goal {n}", target_date=datetime.date(2027, 6, 1))
            for days in (20, 40, 60):
                services.micro_goal_create(
                    goal=goal,
                    title=f"Step {days}",
                    deadline=datetime.date(2027, 1, 4) + datetime.timedelta(days=days),
                )
        client.force_login(ana)
        data = {"emails": ["deadline", "overdue"], "lead_days": ["7"], "morning_hour": "6"}
        with django_assert_num_queries(SETTINGS_SAVE_QUERIES):
            response = client.post(reverse("notifications:notification_settings"), data)
    assert response.status_code == 302
    hours = {
        r.due_at.hour for r in ScheduledReminder.objects.filter(status="pending", kind="deadline")
    }
    assert hours == {6}  # ana lives in UTC
    assert ScheduledReminder.objects.filter(kind="deadline").count() == goals * 4


def test_unticking_every_lead_time_is_refused_not_silently_reset(client, ana):
    """An empty choice used to bring back 14/7/1 without a word."""
    client.force_login(ana)
    settings_url = reverse("notifications:notification_settings")
    client.post(settings_url, {"emails": ["deadline"], "lead_days": ["3"], "morning_hour": "6"})
    response = client.post(settings_url, {"emails": ["deadline"], "morning_hour": "9"})
    assert response.status_code == 200
    assert "Pick at least one" in response.content.decode()
    row = NotificationSettings.objects.get(user=ana)
    assert (row.leads, row.morning_hour) == ([3], 6)
