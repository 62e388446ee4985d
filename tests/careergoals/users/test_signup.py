"""Sign-up, email verification, sign-in and the rules around them, through the front door."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from careergoals.users.models import User
from tests.conftest import PASSWORD, links_in, path_of
from tests.mail import deliver_pending

pytestmark = pytest.mark.django_db


def signup(client, email="new@example.org", **extra):
    data = {
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "display_name": "New Person",
        "timezone": "Europe/Berlin",
    } | extra
    return client.post(reverse("account_signup"), data)


def test_signup_sends_verification_then_confirming_signs_in(client):
    response = signup(client)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")

    user = User.objects.get(email="new@example.org")
    assert (user.display_name, user.timezone) == ("New Person", "Europe/Berlin")
    assert not EmailAddress.objects.get(user=user).verified
    # Not signed in yet: the home page still asks for a sign-in.
    assert client.get(reverse("users:profile")).status_code == 302

    deliver_pending()  # as the worker would
    (message,) = mail.outbox
    assert message.to == ["new@example.org"]
    confirm = next(link for link in links_in(message) if "/confirm-email/" in link)
    page = client.get(path_of(confirm))
    assert page.status_code == 200
    assert b"Confirm" in page.content

    done = client.post(path_of(confirm))
    assert done.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    # A newcomer is guided to the vision questions first.
    home = client.get(reverse("goals:home"), follow=True)
    assert home.redirect_chain == [(reverse("goals:vision"), 302)]
    assert "What does success look like for you?" in home.content.decode()
    assert "New Person" in home.content.decode()


def test_signup_form_errors_keep_what_was_typed(client):
    response = signup(client, email="not-an-address", display_name="Kept Name", password2="other")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a valid email address." in html
    assert 'value="Kept Name"' in html
    assert not User.objects.exists()


def test_signup_rejects_unknown_timezone(client):
    response = signup(client, timezone="Mars/Olympus_Mons")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not User.objects.exists()


def test_unverified_user_cannot_sign_in(client, make_user):
    make_user(email="pending@example.org", verified=False)
    response = client.post(
        reverse("account_login"), {"login": "pending@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("users:profile")).status_code == 302


def test_verified_user_signs_in_by_email_any_case_and_out(client, ana):
    response = client.post(
        reverse("account_login"), {"login": "ANA@Example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("goals:home")
    assert client.get(reverse("users:profile")).status_code == 200

    client.post(reverse("account_logout"))
    assert client.get(reverse("users:profile")).status_code == 302


def test_wrong_password_gets_a_clear_error(client, ana):
    response = client.post(reverse("account_login"), {"login": ana.email, "password": "nope"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_anonymous_is_sent_to_sign_in_with_next(client):
    response = client.get(reverse("goals:home"))
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={reverse('goals:home')}"


def test_signed_in_person_skips_the_landing_page(client, ana):
    assert b"How it works" in client.get("/").content
    client.force_login(ana)
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == reverse("goals:home")


def test_signup_with_a_taken_address_looks_the_same(client, ana):
    """No account enumeration: the page says 'check your inbox' either way."""
    taken = signup(client, email=ana.email)
    client.logout()
    fresh = signup(client, email="someone-new@example.org")
    assert taken.status_code == fresh.status_code == 302
    assert taken.url == fresh.url == reverse("account_email_verification_sent")
    assert User.objects.filter(email=ana.email).count() == 1
    # The owner of the taken address is told, by email, that someone tried.
    deliver_pending()
    assert [m.to for m in mail.outbox] == [[ana.email], ["someone-new@example.org"]]
    assert "already" in mail.outbox[0].body.lower()


def test_user_text_is_escaped(client, make_user):
    user = make_user(email="x@example.org", display_name="<script>alert(1)</script>")
    client.force_login(user)
    html = client.get(reverse("users:profile")).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We can’t find that page" in response.content.decode()


def test_server_error_page_renders_without_context():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html
    assert 'lang="en"' in html
