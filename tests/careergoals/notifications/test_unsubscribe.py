"""One-click unsubscribe: works signed out, refuses tampering, stops one kind only."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from careergoals.notifications.models import Notification
from careergoals.notifications.preferences import settings_for, unsubscribe_path
from careergoals.notifications.services import notify
from tests.mail import deliver_pending

pytestmark = pytest.mark.django_db


def comment_notice(user):
    return notify(
        kind="comment",
        recipient=user,
        subject="Bob commented",
        template="invitation_accepted",
        context={"buddy": user},
    )


def test_email_carries_list_unsubscribe_headers_and_link(ana):
    comment_notice(ana)
    deliver_pending()
    (message,) = mail.outbox
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.body
    assert link.startswith("http://") and "/notifications/unsubscribe/" in link


def test_header_and_body_carry_the_same_link_when_sending_is_seconds_after_rendering(ana):
    """The link is signed once, when the message is written, not again when it is sent."""
    written = datetime.datetime(2027, 3, 1, 8, 0, 0, 900_000, tzinfo=datetime.UTC)
    with time_machine.travel(written, tick=False) as clock:
        notification = comment_notice(ana)
        clock.shift(datetime.timedelta(seconds=3))  # a queue, a retry: any later second
        deliver_pending()
    (message,) = mail.outbox
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert f"To stop emails like this one: {link}" in message.body
    assert link in notification.body_html
    assert link == notification.unsubscribe_link


def test_one_click_post_works_signed_out_and_stops_that_kind_only(client, ana):
    path = unsubscribe_path(ana.pk, "buddy_activity")
    assert client.get(path).status_code == 200  # a confirm page for people who click
    response = client.post(path, {"List-Unsubscribe": "One-Click"})  # what mail apps send
    assert response.status_code == 200
    assert settings_for(ana).muted_kinds == ["buddy_activity"]

    muted = comment_notice(ana)
    other = notify(
        kind="rules_to_confirm",
        recipient=ana,
        subject="Rules",
        template="invitation_accepted",
        context={"buddy": ana},
    )
    assert muted.email_status == Notification.EmailStatus.SKIPPED  # still in the app
    assert other.email_status == Notification.EmailStatus.PENDING


@pytest.mark.parametrize("mangle", [lambda t: t[:-2] + "xx", lambda t: "nonsense", lambda t: t[5:]])
def test_tampered_link_is_refused(client, ana, mangle):
    token = unsubscribe_path(ana.pk, "deadline").rstrip("/").rsplit("/", 1)[1]
    response = client.post(reverse("notifications:unsubscribe", args=[mangle(token)]))
    assert response.status_code == 404
    assert settings_for(ana).muted_kinds == []
