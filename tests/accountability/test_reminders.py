"""The pair's quarterly prompt and review-meeting reminders: what is due when, and what they say."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from accountability import reminders, services
from accountability.models import ReviewMeeting
from careergoals.notifications.kinds import PREFERENCES
from careergoals.notifications.models import Notification, ScheduledReminder
from careergoals.notifications.sweep import sweep_reminders
from tests.mail import deliver_pending

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def travel(moment):
    return time_machine.travel(moment, tick=False)


def test_pair_prompt_only_when_no_review_is_scheduled(ana, bob, make_goal):
    with travel(datetime.datetime(2027, 3, 20, 12, 0, tzinfo=UTC)):
        partnership = services.partnership_create(a=ana, b=bob)  # plans the pair's prompt
        ReviewMeeting.objects.create(
            partnership=partnership,
            proposed_by=ana,
            starts_at=datetime.datetime(2027, 4, 10, 16, 0, tzinfo=UTC),
        )
    with travel(datetime.datetime(2027, 4, 1, 9, 0, tzinfo=UTC)):
        assert sweep_reminders() == 0  # a review is already on the calendar
    assert set(
        ScheduledReminder.objects.filter(
            kind="quarterly_partnership", occurrence="2027-Q2"
        ).values_list("skip_reason", flat=True)
    ) == {"no longer due"}


def test_pair_prompt_asks_to_schedule(ana, bob):
    with travel(datetime.datetime(2027, 3, 20, 12, 0, tzinfo=UTC)):
        services.partnership_create(a=ana, b=bob)
    with travel(datetime.datetime(2027, 4, 1, 9, 0, tzinfo=UTC)):
        assert sweep_reminders() == 2  # one for each of them
    subjects = set(Notification.objects.values_list("subject", flat=True))
    assert subjects == {
        "Schedule this quarter’s review with Bob",
        "Schedule this quarter’s review with Ana",
    }


def test_review_meeting_reminder_the_day_before(ana, bob, partnership):
    with travel(datetime.datetime(2027, 2, 1, 9, 0, tzinfo=UTC)):
        meeting = ReviewMeeting.objects.create(
            partnership=partnership,
            proposed_by=ana,
            starts_at=datetime.datetime(2027, 2, 10, 17, 0, tzinfo=UTC),
            status=ReviewMeeting.Status.ACCEPTED,
        )
        reminders.arm_meeting(meeting)
    with travel(datetime.datetime(2027, 2, 9, 16, 59, tzinfo=UTC)):
        assert sweep_reminders() == 0
    with travel(datetime.datetime(2027, 2, 9, 17, 0, tzinfo=UTC)):
        assert sweep_reminders() == 2
    deliver_pending()
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "bob@example.org"]
    assert any("is tomorrow at 17:00" in m.subject for m in mail.outbox)


def test_cancelled_meeting_reminder_is_skipped(ana, bob, partnership):
    with travel(datetime.datetime(2027, 2, 1, 9, 0, tzinfo=UTC)):
        meeting = ReviewMeeting.objects.create(
            partnership=partnership,
            proposed_by=ana,
            starts_at=datetime.datetime(2027, 2, 10, 17, 0, tzinfo=UTC),
        )
        reminders.arm_meeting(meeting)
        ReviewMeeting.objects.filter(pk=meeting.pk).update(status=ReviewMeeting.Status.CANCELLED)
    with travel(datetime.datetime(2027, 2, 9, 17, 5, tzinfo=UTC)):
        assert sweep_reminders() == 0


def test_quarterly_prompts_follow_a_new_hour_and_time_zone(client, ana, bob, make_goal):
    with travel(datetime.datetime(2027, 3, 20, 12, 0, tzinfo=UTC)):
        services.partnership_create(a=ana, b=bob)
        make_goal(ana, target_date=datetime.date(2027, 9, 1))
        client.force_login(ana)
        response = client.post(
            reverse("notifications:notification_settings"),
            {"emails": list(PREFERENCES), "lead_days": ["7"], "morning_hour": "10"},
        )
        assert response.status_code == 302
    due = dict(
        ScheduledReminder.objects.filter(recipient=ana, status="pending")
        .filter(kind__startswith="quarterly")
        .values_list("kind", "due_at")
    )
    april_first_10_utc = datetime.datetime(2027, 4, 1, 10, 0, tzinfo=UTC)  # ana lives in UTC
    assert due == {"quarterly": april_first_10_utc, "quarterly_partnership": april_first_10_utc}
    # Bob's own prompt stays at his 08:00.
    bobs = ScheduledReminder.objects.get(recipient=bob, kind="quarterly_partnership")
    assert bobs.due_at == datetime.datetime(2027, 4, 1, 8, 0, tzinfo=UTC)

    with travel(datetime.datetime(2027, 3, 20, 12, 5, tzinfo=UTC)):
        client.force_login(ana)
        client.post(reverse("users:profile"), {"display_name": "Ana", "timezone": "Asia/Tokyo"})
    moved = ScheduledReminder.objects.get(recipient=ana, kind="quarterly")
    assert moved.due_at == datetime.datetime(2027, 4, 1, 1, 0, tzinfo=UTC)  # 10:00 in Tokyo


def test_a_review_at_the_start_of_the_calendar_plans_no_reminder(ana, bob, partnership):
    meeting = ReviewMeeting(
        partnership=partnership,
        proposed_by=ana,
        starts_at=datetime.datetime.min.replace(tzinfo=UTC),
        status=ReviewMeeting.Status.PROPOSED,
    )
    assert reminders.plan_meeting(meeting) == []


def test_pair_prompt_comes_back_each_quarter_while_the_pair_lasts(ana, bob):
    with travel(datetime.datetime(2027, 3, 20, 12, 0, tzinfo=UTC)):
        partnership = services.partnership_create(a=ana, b=bob)
    with travel(datetime.datetime(2027, 4, 1, 9, 0, tzinfo=UTC)):
        assert sweep_reminders() == 2
    pending = ScheduledReminder.objects.filter(kind="quarterly_partnership", status="pending")
    assert set(pending.values_list("recipient__email", "occurrence", "due_at")) == {
        ("ana@example.org", "2027-Q3", datetime.datetime(2027, 7, 1, 8, 0, tzinfo=UTC)),
        ("bob@example.org", "2027-Q3", datetime.datetime(2027, 7, 1, 8, 0, tzinfo=UTC)),
    }
    with travel(datetime.datetime(2027, 5, 2, 9, 0, tzinfo=UTC)):
        services.partnership_end(partnership=partnership, by=ana)
    with travel(datetime.datetime(2027, 7, 1, 9, 0, tzinfo=UTC)):
        assert sweep_reminders() == 0  # they are no longer a pair
    assert not pending.exists()  # and nothing more is planned for them
