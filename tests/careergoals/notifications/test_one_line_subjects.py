"""A line break in a goal statement, a step title or a display name never stops an email.

Each kind of email whose subject carries such text goes through the real services, the
real sweep (at the moment each reminder falls due) and a real SMTP server on loopback:
every one arrives, with its subject on one line.
"""

import datetime
import email
import email.policy

import pytest
import time_machine
from django.utils import timezone

from accountability import services as buddies
from careergoals.notifications.models import Notification, ScheduledReminder
from careergoals.notifications.sweep import sweep
from goals import services as goals
from tests.mail import deliver_pending

pytestmark = pytest.mark.django_db


def sweep_when_due(reminders) -> None:
    """Live through each reminder's moment in turn, as the minute beat would."""
    for reminder in sorted(reminders, key=lambda r: r.due_at):
        with time_machine.travel(reminder.due_at + datetime.timedelta(minutes=1), tick=False):
            sweep()


def test_every_kind_of_email_goes_out_with_a_one_line_subject(
    make_user, make_goal, today, mail_server
):
    ana = make_user(email="ana@example.org", display_name="Ana\nSmith")
    bob = make_user(email="bob@example.org", display_name="Bob\r\nJones")
    pair = buddies.partnership_create(a=ana, b=bob)
    goal = make_goal(
        ana, statement="Ship\nthe beta", target_date=today + datetime.timedelta(days=10)
    )
    buddies.goal_set_visibility(goal=goal, visibility="buddies", buddy_reminders=True)
    step = goals.micro_goal_create(
        goal=goal, title="Call\nthe mentor", deadline=today + datetime.timedelta(days=5)
    )
    buddies.invitation_create(inviter=ana, email="carol@example.org")
    buddies.agreement_save(
        partnership=pair, by=ana, working_toward="Both ship", support="Weekly", cadence="weekly"
    )
    meeting = buddies.review_propose(
        partnership=pair, by=ana, starts_at=timezone.now() + datetime.timedelta(days=3, hours=2)
    )
    buddies.review_respond(meeting=meeting, by=bob, accept=True)
    pending = ScheduledReminder.objects.filter(status="pending")
    sweep_when_due(
        [
            pending.filter(kind="deadline", item=f"goal:{goal.pk}").earliest("due_at"),
            pending.filter(kind="deadline", item=f"step:{step.pk}").earliest("due_at"),
            pending.get(kind="overdue", item=f"goal:{goal.pk}"),
            pending.get(kind="buddy_deadline", recipient=bob),
            pending.get(kind="review_reminder", recipient=bob),
        ]
    )

    deliver_pending()

    expected = {
        ("deadline", ana): "Ship the beta",
        ("deadline", ana, "step"): "Call the mentor",
        ("overdue", ana): "Ship the beta",
        ("buddy_deadline", bob): "Ana Smith has a deadline",
        ("invitation", None): "Ana Smith invites you",
        ("rules_to_confirm", bob): "Ana Smith wrote your buddy rules",
        ("review_proposed", bob): "Ana Smith proposes a goal review",
        ("review_accepted", ana): "Bob Jones",
        ("review_reminder", bob): "Your review with Ana Smith is tomorrow",
    }
    sent = Notification.objects.all()
    assert {n.email_status for n in sent} == {"sent"}, [(n.kind, n.email_error) for n in sent]
    subjects = [
        email.message_from_bytes(raw, policy=email.policy.default)["Subject"]
        for raw in mail_server.messages
    ]
    assert len(subjects) == sent.count()
    for key, words in expected.items():
        kind = key[0]
        assert sent.filter(kind=kind).exists(), kind
        matching = [s for s in subjects if words in s]
        assert matching, (kind, words, subjects)
        assert all("\n" not in s and "\r" not in s for s in matching)


def test_an_email_written_before_the_fix_is_still_sent_on_one_line(ana, mail_server):
    """A row already waiting in the outbox with a line break in its subject."""
    notification = Notification.objects.create(
        recipient=ana,
        to_email=ana.email,
        kind="deadline",
        subject="“Ship\nthe beta” is due in 7 days\x07",
        body_text="Ship the beta",
    )

    assert deliver_pending() == 1

    (raw,) = mail_server.messages
    subject = email.message_from_bytes(raw, policy=email.policy.default)["Subject"]
    assert subject.strip() == "[Career Goals] “Ship the beta” is due in 7 days"
    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.SENT
