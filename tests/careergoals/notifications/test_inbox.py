"""The in-app side of notifications: list, unread count, open, mark read; and email delivery."""

import pytest
from django.core import mail
from django.urls import reverse

from careergoals.notifications.models import Notification
from careergoals.notifications.services import deliver, notify
from tests.mail import deliver_pending

pytestmark = pytest.mark.django_db


def make(recipient, subject="Bob commented on your goal", url="/home/"):
    return notify(
        kind="test",
        recipient=recipient,
        subject=subject,
        template="invitation_accepted",
        context={"buddy": recipient},
        url=url,
    )


def test_list_shows_only_my_notifications_with_unread_count(client, ana, bob):
    make(ana)
    make(bob, subject="Something for Bob")
    client.force_login(ana)
    html = client.get(reverse("notifications:notifications")).content.decode()
    assert "Bob commented on your goal" in html
    assert "Something for Bob" not in html
    assert (
        'class="badge rounded-pill text-bg-danger bell-count"'
        in client.get(reverse("notifications:notifications")).content.decode()
    )


def test_opening_marks_read_and_redirects(client, ana):
    notification = make(ana, url="/roadmap/")
    client.force_login(ana)
    response = client.post(reverse("notifications:notification_open", args=[notification.pk]))
    assert response.url == "/roadmap/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_someone_elses_notification_is_not_opened(client, ana, bob):
    notification = make(bob)
    client.force_login(ana)
    response = client.post(reverse("notifications:notification_open", args=[notification.pk]))
    assert response.url == reverse("notifications:notifications")
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read(client, ana):
    make(ana)
    make(ana)
    client.force_login(ana)
    client.post(reverse("notifications:notifications_mark_all_read"))
    assert not Notification.objects.filter(recipient=ana, read_at__isnull=True).exists()


def test_anonymous_is_sent_to_sign_in(client):
    assert client.get(reverse("notifications:notifications")).url.startswith(
        reverse("account_login")
    )


def test_email_is_sent_once_with_text_and_escaped_html(ana, make_user):
    buddy = make_user(email="b@example.org", display_name="<b>Bo</b>")
    notification = make(ana)
    notification.body_text = ""  # rendered again below through a real template
    notification = notify(
        kind="accepted",
        recipient=ana,
        subject="Accepted",
        template="invitation_accepted",
        context={"buddy": buddy},
    )
    assert deliver_pending() == 2
    assert deliver(notification_id=notification.pk) is False  # already sent: never twice
    message = mail.outbox[-1]
    assert message.to == [ana.email]
    assert "<b>Bo</b> accepted your invitation" in message.body
    html = message.alternatives[0][0]
    assert "&lt;b&gt;Bo&lt;/b&gt;" in html
    assert "<b>Bo</b>" not in html
