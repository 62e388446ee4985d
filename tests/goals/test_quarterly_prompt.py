"""Each person's quarterly review prompt: planned at sign-up into the due-time table, sent
once a quarter at their hour in their time zone, and the next quarter planned after it.
No beat task rescans everyone: the minute sweep costs the same at 10 people and at 50."""

import datetime

import pytest
import time_machine
from django.utils.module_loading import import_string

from careergoals.celery import app
from careergoals.notifications.models import Notification, ScheduledReminder
from careergoals.notifications.registry import rearm_person
from careergoals.notifications.scheduling import next_quarter_start
from careergoals.notifications.sweep import sweep_reminders

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
# The sweep's due rows (none) and stuck emails (none), the digests due, expired sessions.
BEAT_QUERIES = 8


def travel(moment):
    return time_machine.travel(moment, tick=False)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 11, 22), datetime.date(2027, 1, 1)),  # a Friday
        (datetime.date(2027, 1, 1), datetime.date(2027, 1, 1)),
        (datetime.date(2027, 1, 2), datetime.date(2027, 4, 1)),
        (datetime.date(2027, 5, 1), datetime.date(2027, 7, 1)),
        (datetime.date(2028, 3, 31), datetime.date(2028, 4, 3)),  # 1 April 2028 is a Saturday
        (datetime.date(2027, 9, 15), datetime.date(2027, 10, 1)),
    ],
)
def test_first_working_day_of_the_next_quarter(today, expected):
    assert next_quarter_start(today) == expected


def test_quarterly_prompt_for_people_with_open_goals_in_their_morning(make_user, make_goal):
    with travel(datetime.datetime(2027, 3, 20, 12, 0, tzinfo=UTC)):
        berlin = make_user(email="b@example.org", timezone="Europe/Berlin")  # signing up plans it
        make_goal(berlin, target_date=datetime.date(2027, 9, 1))
        idle = make_user(email="idle@example.org")  # no goals: no prompt
        rearm_person(berlin)
        rearm_person(berlin)  # idempotent
    row = ScheduledReminder.objects.get(kind="quarterly", recipient=berlin)
    assert row.occurrence == "2027-Q2"
    assert row.due_at == datetime.datetime(2027, 4, 1, 6, 0, tzinfo=UTC)  # 08:00 CEST
    with travel(datetime.datetime(2027, 4, 1, 5, 59, tzinfo=UTC)):
        assert sweep_reminders() == 0
    with travel(datetime.datetime(2027, 4, 1, 6, 1, tzinfo=UTC)):
        assert sweep_reminders() == 1
    with travel(datetime.datetime(2027, 4, 1, 8, 1, tzinfo=UTC)):
        assert sweep_reminders() == 0  # idle's morning: nothing open, nothing said
    (notification,) = Notification.objects.filter(kind="quarterly")
    assert notification.recipient == berlin
    assert "review your goals" in notification.subject
    assert "Lead two client projects end to end" in notification.body_text
    skipped = ScheduledReminder.objects.get(recipient=idle, occurrence="2027-Q2")
    assert skipped.skip_reason == "no longer due"
    # Sent or not, each of them has the next quarter planned, at their own hour.
    pending = ScheduledReminder.objects.filter(kind="quarterly", status="pending")
    assert set(pending.values_list("recipient", "occurrence", "due_at")) == {
        (berlin.pk, "2027-Q3", datetime.datetime(2027, 7, 1, 6, 0, tzinfo=UTC)),
        (idle.pk, "2027-Q3", datetime.datetime(2027, 7, 1, 8, 0, tzinfo=UTC)),
    }


def test_once_a_quarter_all_year_across_the_clock_changes(make_user, make_goal):
    with travel(datetime.datetime(2027, 3, 20, 12, 0, tzinfo=UTC)):
        berlin = make_user(email="b@example.org", timezone="Europe/Berlin")
        make_goal(berlin, target_date=datetime.date(2028, 6, 1))
    sent_at = []
    moment = datetime.datetime(2027, 3, 31, 0, 0, tzinfo=UTC)
    while moment < datetime.datetime(2028, 1, 10, tzinfo=UTC):  # every hour for 9 months
        with travel(moment):
            if sweep_reminders():
                sent_at.append(moment)
        moment += datetime.timedelta(hours=1)
    assert sent_at == [
        datetime.datetime(2027, 4, 1, 6, 0, tzinfo=UTC),  # 08:00 summer time
        datetime.datetime(2027, 7, 1, 6, 0, tzinfo=UTC),
        datetime.datetime(2027, 10, 1, 6, 0, tzinfo=UTC),
        datetime.datetime(2028, 1, 3, 7, 0, tzinfo=UTC),  # 08:00 winter time, a Monday
    ]
    quarters = Notification.objects.filter(kind="quarterly").values_list("dedupe_key", flat=True)
    assert len(set(quarters)) == 4


def test_an_account_imported_or_moved_gets_its_prompt_back(make_user):
    with travel(datetime.datetime(2027, 3, 20, 12, 0, tzinfo=UTC)):
        ana = make_user(email="ana@example.org", timezone="Asia/Tokyo")
        ScheduledReminder.objects.filter(recipient=ana).delete()
        rearm_person(ana)
    row = ScheduledReminder.objects.get(recipient=ana, kind="quarterly")
    assert row.due_at == datetime.datetime(2027, 3, 31, 23, 0, tzinfo=UTC)  # 08:00 in Tokyo


def people(make_user, make_goal, first, count):
    for number in range(first, first + count):
        user = make_user(email=f"p{number}@example.org", timezone="America/New_York")
        make_goal(user, target_date=datetime.date(2027, 9, 1))


def beat_queries(django_assert_max_num_queries, at) -> int:
    """Everything beat runs, once: the minute sweep, the digests, the clean-ups."""
    with travel(at), django_assert_max_num_queries(BEAT_QUERIES) as captured:
        for entry in app.conf.beat_schedule.values():
            import_string(entry["task"])()
    return len(captured)


def test_hourly_work_does_not_grow_with_the_number_of_people(
    make_user, make_goal, django_assert_max_num_queries
):
    """Everyone's prompt waits in the due-time table: between quarters beat's tasks read
    only what is due (nothing), at 10 people as at 50."""
    with travel(datetime.datetime(2027, 3, 20, 12, 0, tzinfo=UTC)):
        people(make_user, make_goal, 0, 10)
    assert ScheduledReminder.objects.filter(kind="quarterly").count() == 10
    at = datetime.datetime(2027, 3, 25, 13, 7, tzinfo=UTC)
    at_ten = beat_queries(django_assert_max_num_queries, at)
    with travel(datetime.datetime(2027, 3, 20, 12, 0, tzinfo=UTC)):
        people(make_user, make_goal, 10, 40)
    assert ScheduledReminder.objects.filter(kind="quarterly").count() == 50
    assert beat_queries(django_assert_max_num_queries, at) == at_ten
