"""allauth's own emails (confirm an address, reset a password) when the mail server says no.

They go through the outbox: a refusal or an absent mail server must not turn sign-up or
a password reset into an error page; the worker logs the failure and records it.
"""

import email
import email.policy

import pytest
from django.urls import reverse

from careergoals.users.models import User
from tests.conftest import PASSWORD
from tests.mail import deliver_pending

pytestmark = pytest.mark.django_db


def signup(client, email="new@example.org", display_name="New Person"):
    data = {
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "display_name": display_name,
        "timezone": "Europe/Berlin",
    }
    return client.post(reverse("account_signup"), data)


def test_sign_up_goes_on_when_the_address_is_refused(client, mail_server, caplog):
    mail_server.rcpt_reply = "550 5.1.1 No such user here"
    response = signup(client)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert User.objects.filter(email="new@example.org").exists()
    assert deliver_pending() == 0  # refused for good: marked failed, not retried
    assert "No such user here" in caplog.text  # logged for whoever runs the site


def test_password_reset_goes_on_when_the_mail_server_is_down(client, ana, no_mail_server):
    response = client.post(reverse("account_reset_password"), {"email": ana.email})
    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_done")


def test_a_line_break_in_a_display_name_stays_out_of_the_subject(client, mail_server):
    assert signup(client, display_name="New\nPerson").status_code == 302
    deliver_pending()
    (raw,) = mail_server.messages
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert "\n" not in message["Subject"] and "Confirm" in message["Subject"]
