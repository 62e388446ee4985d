"""What happens when the mail server says no: refused for good, refused for now, not there.

A real SMTP server on loopback answers 550, 554 or 451; a closed port stands for a mail
server that is down. A refusal for good fails the email at once, with the reason kept
for the admin; a refusal for now is tried again, and every try is counted, so the
tenth failure ends it. The person still sees the notification in the app.
"""

import datetime
import smtplib

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from careergoals.notifications.models import Notification
from careergoals.notifications.services import MAX_ATTEMPTS, deliver, notify
from careergoals.notifications.sweep import sweep
from careergoals.notifications.tasks import send_notification

pytestmark = pytest.mark.django_db


def comment_notice(user) -> Notification:
    return notify(
        kind="comment",
        recipient=user,
        subject="Bob commented on your goal",
        template="invitation_accepted",
        context={"buddy": user},
    )


def test_a_refused_address_fails_at_once_and_says_why(ana, mail_server):
    mail_server.rcpt_reply = "550 5.1.1 No such user here"
    notification = comment_notice(ana)

    assert deliver(notification_id=notification.pk) is False  # nothing to retry
    assert deliver(notification_id=notification.pk) is False  # and nothing tried again

    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.FAILED
    assert notification.email_attempts == 1
    assert "550" in notification.email_error and "No such user here" in notification.email_error
    assert mail_server.tries == 1


def test_a_message_refused_after_its_content_fails_at_once(ana, mail_server):
    mail_server.data_reply = "554 5.7.1 Message refused"
    notification = comment_notice(ana)

    assert deliver(notification_id=notification.pk) is False

    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.FAILED
    assert "554" in notification.email_error and "Message refused" in notification.email_error


def test_a_refused_sender_fails_at_once(ana, mail_server):
    mail_server.mail_reply = "553 5.7.1 Sender address rejected: not owned by user"
    notification = comment_notice(ana)

    assert deliver(notification_id=notification.pk) is False

    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.FAILED
    assert "553" in notification.email_error and "Sender address" in notification.email_error


def test_a_temporary_refusal_is_counted_and_tried_again(ana, mail_server):
    mail_server.rcpt_reply = "451 4.7.1 Greylisted, try again later"
    notification = comment_notice(ana)

    with pytest.raises(smtplib.SMTPRecipientsRefused):  # the worker retries on this
        deliver(notification_id=notification.pk)
    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.PENDING
    assert notification.email_attempts == 1
    assert "451" in notification.email_error

    mail_server.rcpt_reply = "250 OK"
    assert deliver(notification_id=notification.pk) is True
    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.SENT
    assert notification.email_attempts == 2
    assert len(mail_server.messages) == 1


def test_the_send_task_gives_up_on_a_permanent_refusal_and_retries_a_temporary_one(
    ana, mail_server
):
    mail_server.rcpt_reply = "550 5.1.1 No such user here"
    refused = comment_notice(ana)
    assert send_notification.apply(args=[refused.pk]).get() is False
    assert mail_server.tries == 1  # not retried

    mail_server.rcpt_reply = "421 4.3.2 Service shutting down, try later"
    delayed = comment_notice(ana)
    result = send_notification.apply(args=[delayed.pk])
    assert isinstance(result.result, smtplib.SMTPRecipientsRefused)
    retries = send_notification.max_retries
    assert mail_server.tries == 1 + 1 + retries  # the refused one, then the first try and retries
    delayed.refresh_from_db()
    assert delayed.email_attempts == 1 + retries  # every try counted
    assert delayed.email_status == Notification.EmailStatus.PENDING  # the sweep goes on later


def test_each_failed_try_is_counted_until_the_email_is_given_up(client, ana, no_mail_server):
    notification = comment_notice(ana)
    start = timezone.now() + datetime.timedelta(minutes=5)  # past the resend delay
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(MAX_ATTEMPTS + 2):
            sweep()  # the minute beat resends what is stuck
            clock.shift(datetime.timedelta(minutes=1))

    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.FAILED
    assert notification.email_attempts == MAX_ATTEMPTS
    assert "Connection refused" in notification.email_error

    client.force_login(ana)  # in the app, nothing looks broken
    response = client.get(reverse("notifications:notifications"))
    assert response.status_code == 200
    assert "Bob commented on your goal" in response.text


def test_the_admin_shows_why_an_email_failed_and_filters_by_it(admin_client, ana, mail_server):
    mail_server.rcpt_reply = "550 5.1.1 No such user here"
    deliver(notification_id=comment_notice(ana).pk)
    url = reverse("admin:notifications_notification_changelist")

    listing = admin_client.get(url, {"email_status__exact": "failed", "failure": "refused"})
    assert listing.status_code == 200
    assert "No such user here" in listing.text
    assert "No such user here" not in admin_client.get(url, {"failure": "gave_up"}).text


def test_the_admin_can_send_a_failed_email_again_once_the_cause_is_fixed(
    admin_client, ana, mail_server
):
    mail_server.rcpt_reply = "550 5.1.1 No such user here"
    failed = comment_notice(ana)
    deliver(notification_id=failed.pk)
    sent = comment_notice(ana)
    mail_server.rcpt_reply = "250 OK"
    deliver(notification_id=sent.pk)

    response = admin_client.post(
        reverse("admin:notifications_notification_changelist"),
        {"action": "send_again", "_selected_action": [failed.pk, sent.pk]},
        follow=True,
    )

    assert "1 failed email will be sent again." in response.text
    failed.refresh_from_db()
    assert failed.email_status == Notification.EmailStatus.PENDING
    assert failed.email_attempts == 0
    assert deliver(notification_id=failed.pk) is True
    assert len(mail_server.messages) == 2  # the one sent before, and this one: no repeat
