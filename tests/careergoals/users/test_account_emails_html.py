"""allauth's emails have an HTML part in the layout of all our emails, next to the text.

Every kind is sent through the front door (sign-up, a taken address, resets, password,
two-step sign-in and address changes); each must be multipart/alternative, its links
must be <a href>s (the main one a button), and a display name with markup stays text.
"""

import re
from html.parser import HTMLParser

import pyotp
import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from careergoals.users.models import User
from tests.conftest import PASSWORD, links_in, path_of
from tests.mail import deliver_pending

# Two-step sign-in sends its notices once the change is committed: this test commits.
pytestmark = pytest.mark.django_db(transaction=True)
NAME = "Ana <b>bold</b> & “Co”"
NEW_NAME = "<script>alert(1)</script>"
# The kinds whose main link is the email's point: it is a button with these words.
BUTTONS = {
    "Confirm your email address to start": ("/confirm-email/", "Confirm my email address"),
    "Confirm your email address": ("/confirm-email/", "Confirm my email address"),
    "Choose a new password": ("/password/reset/key/", "Choose a new password"),
    "You already have an account": ("/password/reset/", "Choose a new password"),
    "No account with this address": ("/signup/", "Create your free account"),
}


class Anchors(HTMLParser):
    """Every <a>: its href and its words."""

    def __init__(self):
        super().__init__()
        self.anchors, self._open = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open = {"href": dict(attrs).get("href", ""), "text": ""}
            self.anchors.append(self._open)

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data

    def handle_endtag(self, tag):
        if tag == "a":
            self._open = None


def anchors(html: str) -> list[dict]:
    parser = Anchors()
    parser.feed(html)
    return [{"href": a["href"], "text": " ".join(a["text"].split())} for a in parser.anchors]


def outbox() -> list:
    deliver_pending()  # as the worker would
    return mail.outbox


def link_in_outbox(part: str) -> str:
    return path_of(next(link for m in outbox() for link in links_in(m) if part in link))


def sign_up(client, email, display_name):
    data = {
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "display_name": display_name,
        "timezone": "UTC",
    }
    return client.post(reverse("account_signup"), data, follow=True)


def send_every_kind(client, ana, make_user) -> None:
    """The same steps as the wording test: each of the 13 kinds once."""
    reset_to, changed_to = "another horse battery staple 43", "a third horse battery 44"
    sign_up(client, "new@example.org", NEW_NAME)
    sign_up(client, ana.email, "Someone")
    client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    client.post(reverse("account_reset_password"), {"email": ana.email})
    form = client.get(link_in_outbox("/password/reset/key/"), follow=True)
    client.post(form.redirect_chain[-1][0], {"password1": reset_to, "password2": reset_to})

    client.force_login(User.objects.get(pk=ana.pk))
    change = {"oldpassword": reset_to, "password1": changed_to, "password2": changed_to}
    client.post(reverse("account_change_password"), change)
    asked = client.get(reverse("mfa_activate_totp"))
    client.post(asked.url, {"password": changed_to})
    page = client.get(reverse("mfa_activate_totp")).content.decode()
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page, re.S)
    client.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret.group(1)).now()})
    client.post(reverse("mfa_generate_recovery_codes"))
    client.post(reverse("mfa_deactivate_totp"))
    client.post(reverse("account_email"), {"email": "ana.work@example.org", "action_add": ""})
    EmailAddress.objects.filter(email="ana.work@example.org").update(verified=True)
    client.post(reverse("account_email"), {"email": "ana.work@example.org", "action_primary": ""})
    client.post(reverse("account_email"), {"email": ana.email, "action_remove": ""})

    nopass = make_user(email="nopass@example.org", display_name=NAME)
    nopass.set_unusable_password()
    nopass.save()
    client.force_login(nopass)
    client.post(reverse("account_set_password"), {"password1": reset_to, "password2": reset_to})


def test_every_allauth_email_has_an_html_part_with_its_links_and_escaped_names(client, make_user):
    ana = make_user(email="ana@example.org", display_name=NAME)
    send_every_kind(client, ana, make_user)
    messages = outbox()
    subjects = {m.subject.removeprefix("[Career Goals] ") for m in messages}
    assert len(subjects) == 13 and set(BUTTONS) <= subjects, "; ".join(sorted(subjects))

    for message in messages:
        subject = message.subject.removeprefix("[Career Goals] ")
        (html, mimetype) = message.alternatives[0]
        assert mimetype == "text/html", subject
        assert "Hello" in message.body and "Hello" in html, subject  # the same words
        found = anchors(html)
        hrefs = [a["href"] for a in found]
        for link in links_in(message):  # every link of the text part is a link here too
            assert link in hrefs, (subject, link)
        if subject in BUTTONS:
            part, words = BUTTONS[subject]
            assert any(part in a["href"] and a["text"] == words for a in found), subject
        # User text is text: escaped in the HTML part, verbatim in the text part.
        assert "<b>" not in html and "<script>" not in html, subject
        assert "<h2" not in html, subject  # "When:" and "From:" are not headings
        if NAME in message.body:
            assert "Ana &lt;b&gt;bold&lt;/b&gt; &amp; “Co”" in html, subject
        if NEW_NAME in message.body:
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, subject
        # Account-security mail: no way to turn it off, no settings link in the footer.
        assert "unsubscribe" not in html.lower() and "Stop emails" not in html, subject
    named = [m for m in messages if NAME in m.body or NEW_NAME in m.body]
    assert len(named) >= 5  # the greeting names the person wherever allauth knows them


def test_staff_preview_allauth_emails_with_the_others(admin_client):
    page = admin_client.get(reverse("admin:notifications_email_previews")).text
    for kind, subject, words in [
        ("account:email_confirmation_signup", "Confirm your email address to start", None),
        ("account:password_reset_key", "Choose a new password", "Choose a new password"),
        ("account:unknown_account", "No account with this address", "Create your free account"),
        ("account:totp_activated", "Two-step sign-in is on", None),
    ]:
        assert f'id="email-{kind}"' in page, kind
        assert f"{kind}: {subject}" in page, kind
        answer = admin_client.get(reverse("admin:notifications_email_preview_html", args=[kind]))
        assert answer.status_code == 200, kind
        found = anchors(answer.content.decode())
        if words:
            assert any(a["text"] == words for a in found), kind
        assert "unsubscribe" not in answer.content.decode().lower(), kind
