"""Reminders the sweep sends are written in each recipient's language."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core import mail

from careergoals.notifications.models import Notification
from careergoals.notifications.sweep import sweep_reminders
from goals import reminders, services
from tests.mail import deliver_pending

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
DEADLINE = datetime.date(2027, 3, 30)


def goal_for(user):
    with time_machine.travel(datetime.datetime(2027, 1, 5, tzinfo=UTC), tick=False):
        goal = services.goal_create(
            owner=user,
            statement="Publish three articles about testing",
            target_date=DEADLINE,
            metric_name="Articles",
            baseline=Decimal(0),
            target=Decimal(3),
        )
        reminders.arm_goal(goal)
    return goal


def sweep():
    with time_machine.travel(datetime.datetime(2027, 3, 16, 9, 0, tzinfo=UTC), tick=False):
        assert sweep_reminders() >= 1
        deliver_pending()


def swept_email_to(user):
    (notification,) = Notification.objects.filter(kind="deadline", recipient=user)
    (message,) = [m for m in mail.outbox if m.to == [user.email]]
    return notification, message


@pytest.mark.parametrize(
    ("language", "subject", "words"),
    [
        (
            "de",
            "„Publish three articles about testing“ ist in 14 Tagen fällig",
            [
                "Hallo Ana,",
                "Dein Ziel „Publish three articles about testing“ ist in 14 Tagen fällig, "
                "am Dienstag, 30. März 2027.",
                "Öffne dein Ziel:",
            ],
        ),
        (
            "en",
            "“Publish three articles about testing” is due in 14 days",
            [
                "Hello Ana,",
                "Your goal “Publish three articles about testing” is due in 14 days, "
                "on Tuesday 30 March 2027.",
                "Open your goal:",
            ],
        ),
    ],
)
def test_a_deadline_reminder_comes_in_the_recipients_language(ana, language, subject, words):
    ana.language = language
    ana.save(update_fields=["language"])
    goal_for(ana)
    sweep()
    notification, message = swept_email_to(ana)
    assert notification.subject == subject
    assert message.subject.endswith(subject)
    for text in words:
        assert text in message.body


def test_two_people_in_one_sweep_each_get_their_own_language(make_user):
    anke = make_user(email="anke@example.org", display_name="Anke", language="de")
    emma = make_user(email="emma@example.org", display_name="Emma", language="en")
    goal_for(anke)
    goal_for(emma)
    sweep()  # one batch for both
    german, _ = swept_email_to(anke)
    english, _ = swept_email_to(emma)
    assert german.subject.endswith("ist in 14 Tagen fällig")
    assert english.subject.endswith("is due in 14 days")


def test_an_overdue_note_names_the_day_in_german(ana):
    ana.language = "de"
    ana.save(update_fields=["language"])
    goal_for(ana)
    with time_machine.travel(datetime.datetime(2027, 3, 31, 9, 0, tzinfo=UTC), tick=False):
        sweep_reminders()
    (notification,) = Notification.objects.filter(kind="overdue")
    assert notification.subject == (
        "„Publish three articles about testing“ war am 30. März fällig: wie geht es weiter?"
    )
