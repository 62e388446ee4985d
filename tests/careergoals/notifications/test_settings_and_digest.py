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
from careergoals.notifications.services import deliver_pending
from careergoals.notifications.sweep import sweep_reminders
from goals import reminders, services

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
START = datetime.datetime(2027, 1, 4, 9, 0, tzinfo=UTC)  # a Monday


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
            reverse("notification_settings"),
            {"emails": ["deadline", "overdue"], "lead_days": ["3"], "morning_hour": "6"},
        )
    assert response.status_code == 302
    occurrences = set(
        ScheduledReminder.objects.filter(status="pending").values_list("occurrence", flat=True)
    )
    assert occurrences == {"lead-3:2027-02-10", "overdue:2027-02-10"}
    assert "quarterly" in NotificationSettings.objects.get(user=ana).muted_kinds


def test_settings_page_refuses_bad_input(client, ana):
    client.force_login(ana)
    response = client.post(
        reverse("notification_settings"), {"lead_days": ["5"], "morning_hour": "24"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_weekly_digest_holds_reminders_and_sends_one_email(client, ana, goal):
    with time_machine.travel(START, tick=False):
        client.force_login(ana)
        client.post(
            reverse("notification_settings"),
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
