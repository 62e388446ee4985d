"""Password reset and change, rate limits on failed sign-ins, and no account enumeration."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD, links_in, path_of
from tests.mail import deliver_pending

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a brand new passphrase 7"


def login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_password_reset_end_to_end(client, ana):
    response = client.post(reverse("account_reset_password"), {"email": ana.email})
    assert response.status_code == 302
    deliver_pending()  # as the worker would
    (message,) = mail.outbox
    link = next(link for link in links_in(message) if "/password/reset/key/" in link)

    # The key link moves the key into the session and redirects to a key-less URL.
    page = client.get(path_of(link), follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else path_of(link)
    done = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302

    client.logout()
    assert "_auth_user_id" not in login(client, ana.email, PASSWORD).wsgi_request.session
    assert login(client, ana.email, NEW_PASSWORD).status_code == 302
    assert client.get(reverse("users:profile")).status_code == 200


def test_tampered_reset_link_is_refused(client, ana):
    client.post(reverse("account_reset_password"), {"email": ana.email})
    deliver_pending()
    link = next(link for link in links_in(mail.outbox[0]) if "/password/reset/key/" in link)
    bad = path_of(link).rstrip("/")[:-3] + "zzz/"
    page = client.get(bad, follow=True)
    assert page.status_code == 200
    assert "This link can’t be used" in page.content.decode()
    assert 'name="password1"' not in page.content.decode()


def test_reset_response_is_the_same_for_known_and_unknown_addresses(client, ana):
    known = client.post(reverse("account_reset_password"), {"email": ana.email})
    unknown = client.post(reverse("account_reset_password"), {"email": "ghost@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert without_csrf(client.get(known.url)) == without_csrf(client.get(unknown.url))
    # Only the inbox learns whether an account exists: a reset link, or a note that there is none.
    deliver_pending()
    to_ana, to_ghost = mail.outbox
    assert "/password/reset/key/" in to_ana.body
    assert "/password/reset/key/" not in to_ghost.body


def without_csrf(response) -> str:
    """The page without its CSRF tokens (htmx's header, and the footer's language form's)."""
    page = re.sub(r'"X-CSRFToken": "[^"]+"', "", response.content.decode())
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def test_change_password(client, ana):
    client.force_login(ana)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    ana.refresh_from_db()
    assert ana.check_password(NEW_PASSWORD)


def test_change_password_with_wrong_old_password_is_refused(client, ana):
    client.force_login(ana)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "current password" in response.content.decode().lower()
    ana.refresh_from_db()
    assert ana.check_password(PASSWORD)


def test_repeated_wrong_passwords_are_blocked(client, ana):
    for _ in range(5):
        response = login(client, ana.email, "wrong password")
        assert response.status_code == 200
        assert "Too many failed sign-in attempts" not in response.content.decode()
    blocked = login(client, ana.email, "wrong password")
    assert "Too many failed sign-in attempts" in blocked.content.decode()
    # Even the right password is refused while the block lasts.
    right = login(client, ana.email, PASSWORD)
    assert right.status_code == 200
    assert "_auth_user_id" not in client.session
