"""Every page and email of allauth speaks the product's voice, not the library's.

The sign-in, sign-up, password, email address and two-step sign-in pages are allauth's, and so
are the emails that confirm an address, reset a password or tell of a change to the account.
Each is opened here, signed out and signed in, as a person reaches it; none may show the
library's words (Title Case buttons, "Signup", "Hello from <host>!") and every heading, button,
label and tab title is in sentence case.
"""

import html
import re

import pyotp
import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from careergoals.users.models import User
from tests.conftest import PASSWORD, links_in, path_of
from tests.mail import deliver_pending

pytestmark = pytest.mark.django_db

LIBRARY_PHRASES = (
    "Sign Up",
    "Signup",
    "Sign In",
    "Sign Out",
    "Log In",
    "Login",
    "Logout",
    "Hello from",
    "Thank you for using",
    "Two-Factor",
    "Two-factor authentication",
    "Remember Me",
    "example.com",
    "E-mail",
    "Email Address",
    "Forgot Password",
    "Password Reset",
    "Change Password",
    "Set Password",
    "Current Password",
    "New Password",
    "Make Primary",
    "Re-send",
    "Authenticator App",
    "Recovery Codes",
    "Verify Your",
    "Confirm Email",
    "Bad Token",
    "You are receiving this mail",
    "proper security precautions",
    "Successfully signed in",
    "originates from",
    "Incorrect code",
    "login attempts",
    "two-factor authentication",
    "testserver",  # the host, where the site's name belongs
)
# Words that keep their capital inside a sentence-case heading or button.
PROPER_NOUNS = {"Career", "Goals", "I", "QR", "Ana", "Google", "Microsoft", "Authenticator"}
LABELLED = re.compile(
    r"<(title|h1|h2|h3|button|label|legend|summary)\b[^>]*>(.*?)</\1>|"
    r"<a\b[^>]*class=\"[^\"]*\bbtn\b[^\"]*\"[^>]*>(.*?)</a>",
    re.S,
)
URL = re.compile(r"https?://\S+")


def main_of(page: str) -> str:
    """The title and the main region: the nav and footer are the site's, not allauth's."""
    title = re.search(r"<title>.*?</title>", page, re.S).group(0)
    main = re.search(r"<main\b.*?</main>", page, re.S)
    return title + (main.group(0) if main else page)


def capitals_inside(text: str) -> list[str]:
    """Words that should not start with a capital in a sentence-case phrase."""
    words = re.findall(r"[^\W\d_][\w’'-]*", text)  # "2. Make it SMART": from "Make"
    if "@" in text:
        return []  # an address is written as it is
    return [
        f"{word!r} in {' '.join(text.split())!r}"
        for word in words[1:]
        if word[0].isupper() and not word.isupper() and word not in PROPER_NOUNS
    ]


def title_case_words(page: str) -> list[str]:
    found = []
    for match in LABELLED.finditer(main_of(page)):
        inner = match.group(2) if match.group(1) else match.group(3)
        text = html.unescape(re.sub(r"<[^>]+>", " ", inner))
        found += capitals_inside(text.split("·")[0])  # "<page> · Career Goals"
    return found


def library_words(text: str) -> list[str]:
    return [phrase for phrase in LIBRARY_PHRASES if phrase in text]


def problems_of(name: str, response) -> list[str]:
    assert response.status_code == 200, (name, response.status_code)
    page = response.content.decode()
    if response["Content-Type"].startswith("text/plain"):
        return [f"{name}: {w}" for w in library_words(page)]
    return [f"{name}: {w}" for w in library_words(main_of(page)) + title_case_words(page)]


def email_problems(message) -> list[str]:
    body = URL.sub("<link>", message.body)
    words = library_words(message.subject) + library_words(body)
    if "Career Goals" not in message.body:
        words.append("the site's name is missing")
    return [f"email {message.subject!r}: {w}" for w in words]


def link_in_outbox(part: str) -> str:
    deliver_pending()  # as the worker would
    return path_of(next(link for m in mail.outbox for link in links_in(m) if part in link))


def sign_up(client, email="new@example.org", **extra):
    data = {
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "display_name": "New",
        "timezone": "UTC",
    } | extra
    return client.post(reverse("account_signup"), data, follow=True)


def reauthenticate(client, next_url):
    asked = client.get(next_url)
    if asked.status_code == 302 and asked.url.startswith(reverse("account_reauthenticate")):
        return client.post(asked.url, {"password": PASSWORD}, follow=True)
    return asked


def activate_totp(client):
    """Turn two-step sign-in on: the page it lands on, and the app that makes codes."""
    page = reauthenticate(client, reverse("mfa_activate_totp")).content.decode()
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page, re.S)
    totp = pyotp.TOTP(secret.group(1))
    response = client.post(reverse("mfa_activate_totp"), {"code": totp.now()}, follow=True)
    assert response.status_code == 200
    return response, totp


def test_every_allauth_page_signed_out_speaks_our_voice(client, ana, settings):
    problems = []

    def check(name, response):
        problems.extend(problems_of(name, response))

    check("sign in", client.get(reverse("account_login")))
    wrong = {"login": ana.email, "password": "not it"}
    check("sign in, wrong password", client.post(reverse("account_login"), wrong))
    check("sign up", client.get(reverse("account_signup")))
    check("sign up, errors", client.post(reverse("account_signup"), {"email": "x"}))
    check("sign up, sent", sign_up(client))
    check("confirmation sent", client.get(reverse("account_email_verification_sent")))
    confirm = link_in_outbox("/confirm-email/")
    check("confirm email", client.get(confirm))
    check("confirm email, bad link", client.get(reverse("account_confirm_email", args=["nope"])))
    check("confirmed", client.post(confirm, follow=True))
    client.logout()

    check("password reset", client.get(reverse("account_reset_password")))
    check(
        "password reset, sent",
        client.post(reverse("account_reset_password"), {"email": ana.email}, follow=True),
    )
    reset = link_in_outbox("/password/reset/key/")
    check("new password", client.get(reset, follow=True))
    bad_key = reverse("account_reset_password_from_key", kwargs={"uidb36": "1", "key": "bad"})
    check("new password, bad link", client.get(bad_key))
    check("password reset done", client.get(reverse("account_reset_password_from_key_done")))
    check("inactive", client.get(reverse("account_inactive")))

    settings.ACCOUNT_ALLOW_SIGNUP = False
    check("sign up closed", client.get(reverse("account_signup")))
    settings.ACCOUNT_ALLOW_SIGNUP = True

    client.force_login(ana)
    _, totp = activate_totp(client)
    client.logout()
    login = {"login": ana.email, "password": PASSWORD}
    check("second step", client.post(reverse("account_login"), login, follow=True))
    check("second step, wrong", client.post(reverse("mfa_authenticate"), {"code": "000000"}))
    check(
        "signed in with a code",
        client.post(reverse("mfa_authenticate"), {"code": totp.now()}, follow=True),
    )
    check("signed out", client.post(reverse("account_logout"), follow=True))

    assert problems == []


# Two-step sign-in sends its notices and messages once the change is committed: these tests
# commit, as a request does.
@pytest.mark.django_db(transaction=True)
def test_every_allauth_page_signed_in_speaks_our_voice(client, ana, make_user):
    problems = []

    def check(name, response):
        problems.extend(problems_of(name, response))

    client.force_login(ana)
    check("sign in, already", client.get(reverse("account_login"), follow=True))
    check("reauthenticate", client.get(reverse("account_reauthenticate")))
    check("password", client.get(reverse("account_change_password")))
    wrong = {"oldpassword": "nope", "password1": "x", "password2": "y"}
    check("password, errors", client.post(reverse("account_change_password"), wrong))
    check("sign out", client.get(reverse("account_logout")))

    check("two-step", client.get(reverse("mfa_index")))
    check("two-step, activate", reauthenticate(client, reverse("mfa_activate_totp")))
    bad = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    check("two-step, activate, wrong code", bad)
    activated, _ = activate_totp(client)
    check("two-step, activated", activated)
    check("two-step, on", client.get(reverse("mfa_index")))
    check("recovery codes", client.get(reverse("mfa_view_recovery_codes")))
    check("recovery codes, new", client.get(reverse("mfa_generate_recovery_codes")))
    check("recovery codes, file", client.get(reverse("mfa_download_recovery_codes")))
    check("two-step, turn off", client.get(reverse("mfa_deactivate_totp")))
    check("reauthenticate with a code", client.get(reverse("mfa_reauthenticate")))
    # Addresses last: two-step sign-in cannot start while one waits for its confirmation.
    check("email addresses", client.get(reverse("account_email")))
    added = {"email": "ana.work@example.org", "action_add": ""}
    check("email added", client.post(reverse("account_email"), added, follow=True))
    resend = {"email": "ana.work@example.org", "action_send": ""}
    check("email resent", client.post(reverse("account_email"), resend, follow=True))

    nopass = make_user(email="nopass@example.org")
    nopass.set_unusable_password()
    nopass.save()
    client.force_login(nopass)
    check("set a password", client.get(reverse("account_set_password")))

    assert problems == []


@pytest.mark.django_db(transaction=True)
def test_every_email_allauth_sends_speaks_our_voice(client, ana, make_user):
    reset_to, changed_to = "another horse battery staple 43", "a third horse battery 44"
    sign_up(client)
    sign_up(client, email=ana.email)  # someone tries to sign up with Ana's address
    client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    client.post(reverse("account_reset_password"), {"email": ana.email})
    reset = link_in_outbox("/password/reset/key/")
    form = client.get(reset, follow=True)
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

    nopass = make_user(email="nopass@example.org")
    nopass.set_unusable_password()
    nopass.save()
    client.force_login(nopass)
    client.post(reverse("account_set_password"), {"password1": reset_to, "password2": reset_to})

    deliver_pending()  # as the worker would
    subjects = sorted(m.subject.removeprefix("[Career Goals] ") for m in mail.outbox)
    assert subjects == [
        "A password was set on your account",
        "An email address was removed from your account",
        "Choose a new password",
        "Confirm your email address",
        "Confirm your email address to start",
        "New recovery codes for your account",
        "No account with this address",
        "Two-step sign-in is off",
        "Two-step sign-in is on",
        "You already have an account",
        "Your main email address changed",
        "Your password was changed",
        "Your password was reset",
    ]
    problems = [p for message in mail.outbox for p in email_problems(message)]
    problems += [word for subject in subjects for word in capitals_inside(subject)]
    assert problems == []
