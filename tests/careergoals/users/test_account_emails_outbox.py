"""allauth's emails go through our outbox: recorded with the request, sent by the worker.

So a mail server that is down never fails a sign-up and the email goes out once it is
back; staff see them in the outbox; they are never in-app notifications, never muted by
someone's choices, carry no unsubscribe link, and their secret links are not shown.
"""

import email
import email.policy
import re

import pytest
from aiosmtpd.controller import Controller
from allauth.account.models import EmailAddress
from django.urls import reverse

from careergoals.notifications.kinds import PREFERENCES
from careergoals.notifications.models import Notification, NotificationSettings
from careergoals.notifications.services import deliver
from careergoals.users.models import User
from careergoals.users.services import user_delete
from tests.careergoals.conftest import MailServer, free_port
from tests.conftest import PASSWORD, path_of
from tests.mail import deliver_pending

pytestmark = pytest.mark.django_db
LINK = re.compile(r"https?://[^\s\"'<>]+")


def signup(client, email="new@example.org", display_name="New Person"):
    data = {
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "display_name": display_name,
        "timezone": "Europe/Berlin",
    }
    return client.post(reverse("account_signup"), data)


def parsed(raw: bytes):
    return email.message_from_bytes(raw, policy=email.policy.default)


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_sign_up_succeeds_with_the_mail_server_down_and_the_email_follows(client, settings):
    port = free_port()  # nothing listens here yet: connection refused
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False

    response = signup(client)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    (waiting,) = Notification.objects.filter(to_email="new@example.org")
    assert waiting.email_status == Notification.EmailStatus.PENDING

    # The worker's try fails while the server is down; the email stays in the outbox.
    with pytest.raises(OSError):
        deliver(notification_id=waiting.pk)
    waiting.refresh_from_db()
    assert waiting.email_status == Notification.EmailStatus.PENDING
    assert waiting.email_attempts == 1 and waiting.email_error

    server = MailServer()
    controller = Controller(server, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        assert deliver_pending() == 1  # what the worker (or the sweep's resend) does
    finally:
        controller.stop()
    (raw,) = server.messages
    message = parsed(raw)
    assert message["To"] == "new@example.org"
    assert "Confirm your email address" in message["Subject"]
    confirm = next(link for link in LINK.findall(text_of(message)) if "/confirm-email/" in link)
    assert client.post(path_of(confirm)).status_code == 302
    assert EmailAddress.objects.get(email="new@example.org").verified


def test_the_verification_email_is_in_the_outbox_and_not_in_the_bell(client):
    signup(client)
    user = User.objects.get(email="new@example.org")
    (row,) = Notification.objects.filter(to_email=user.email)
    assert row.email_status == Notification.EmailStatus.PENDING
    assert row.kind == "account:email_confirmation_signup"
    assert row.recipient is None  # an address not yet confirmed: no in-app notification
    assert "/confirm-email/" in row.body_text

    assert deliver_pending() == 1
    row.refresh_from_db()
    assert row.email_status == Notification.EmailStatus.SENT and row.sent_at
    assert "/confirm-email/" not in row.body_text + row.body_html + row.url  # not kept

    client.force_login(user)
    assert not Notification.objects.filter(recipient=user).exists()
    page = client.get(reverse("notifications:notifications")).content.decode()
    assert "Confirm your email address" not in page


def test_account_emails_ignore_email_choices_and_carry_no_unsubscribe_link(
    client, ana, mail_server
):
    NotificationSettings.objects.create(user=ana, muted_kinds=list(PREFERENCES), weekly_digest=True)
    response = client.post(reverse("account_reset_password"), {"email": ana.email})
    assert response.status_code == 302
    (row,) = Notification.objects.filter(to_email=ana.email)
    assert row.email_status == Notification.EmailStatus.PENDING
    assert row.unsubscribe_link == ""
    assert deliver_pending() == 1

    (raw,) = mail_server.messages
    message = parsed(raw)
    assert "List-Unsubscribe" not in message
    body = text_of(message).lower()
    assert "/password/reset/key/" in body
    assert "unsubscribe" not in body and "stop emails" not in body


def test_an_address_with_no_account_gets_its_note_through_the_outbox(client, mail_server):
    client.post(reverse("account_reset_password"), {"email": "ghost@example.org"})
    (row,) = Notification.objects.filter(to_email="ghost@example.org")
    assert (row.kind, row.recipient) == ("account:unknown_account", None)
    assert deliver_pending() == 1
    assert "no account with this address" in text_of(parsed(mail_server.messages[0]))


def test_signing_up_with_a_taken_address_tells_its_owner_through_the_outbox(client, ana):
    signup(client, email=ana.email)
    (row,) = Notification.objects.filter(to_email=ana.email)
    assert (row.kind, row.recipient) == ("account:account_already_exists", None)
    assert not Notification.objects.filter(recipient=ana).exists()


def test_the_admin_lists_account_emails_without_their_secret_links(client, admin_client, ana):
    client.post(reverse("account_reset_password"), {"email": ana.email})
    (row,) = Notification.objects.filter(to_email=ana.email)
    key_link = next(link for link in LINK.findall(row.body_text) if "/reset/key/" in link)

    listing = admin_client.get(reverse("admin:notifications_notification_changelist")).text
    assert "Choose a new password" in listing and ana.email in listing
    change = admin_client.get(
        reverse("admin:notifications_notification_change", args=[row.pk])
    ).text
    assert "Choose a new password" in change
    assert key_link not in change and path_of(key_link) not in change
    assert "/reset/key/" not in change

    # Saving the row from the admin keeps the email intact.
    row.refresh_from_db()
    assert key_link in row.body_text


def test_deleting_an_account_deletes_the_account_emails_to_its_addresses(client, ana, make_user):
    make_user(email="someone@example.org")
    for address in (ana.email, "ANA@example.org", "someone@example.org"):
        client.post(reverse("account_reset_password"), {"email": address})
    assert Notification.objects.filter(kind__startswith="account:").count() == 3
    user_delete(user=ana)
    (left,) = Notification.objects.filter(kind__startswith="account:")
    assert left.to_email == "someone@example.org"
