"""Profile, time zone and account deletion."""

import zoneinfo

import pytest
from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from careergoals.users.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_profile_update(client, ana):
    client.force_login(ana)
    response = client.post(
        reverse("users:profile"), {"display_name": "Ana B.", "timezone": "Pacific/Kiritimati"}
    )
    assert response.status_code == 302
    ana.refresh_from_db()
    assert (ana.display_name, ana.timezone) == ("Ana B.", "Pacific/Kiritimati")


def test_profile_rejects_unknown_timezone_and_keeps_input(client, ana):
    client.force_login(ana)
    response = client.post(
        reverse("users:profile"), {"display_name": "Kept", "timezone": "Nowhere/X"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert 'value="Kept"' in html
    ana.refresh_from_db()
    assert ana.timezone == "UTC"


def test_profile_rejects_overlong_name(client, ana):
    client.force_login(ana)
    response = client.post(reverse("users:profile"), {"display_name": "x" * 500, "timezone": "UTC"})
    assert response.status_code == 200
    assert "up to 80 characters" in response.content.decode()


def test_account_pages_need_sign_in(client):
    for name in ("users:profile", "users:account_delete", "account_email", "mfa_index"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_delete_needs_the_right_password(client, ana):
    client.force_login(ana)
    response = client.post(reverse("users:account_delete"), {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200
    assert "That password is not right." in response.content.decode()
    assert User.objects.filter(pk=ana.pk).exists()


def test_delete_needs_the_confirmation_box(client, ana):
    client.force_login(ana)
    response = client.post(reverse("users:account_delete"), {"password": PASSWORD})
    assert response.status_code == 200
    assert User.objects.filter(pk=ana.pk).exists()


def test_delete_removes_the_person_and_their_data(client, ana, make_user):
    bob = make_user(email="bob@example.org")
    client.force_login(ana)
    response = client.post(reverse("users:account_delete"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert response.url == reverse("landing")
    assert not User.objects.filter(pk=ana.pk).exists()
    assert not EmailAddress.objects.filter(email=ana.email).exists()
    assert client.get(reverse("users:profile")).status_code == 302
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id")]
    # Other people are untouched.
    assert User.objects.filter(pk=bob.pk).exists()


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_today_is_the_persons_own_today(client, make_user, zone):
    """UTC+14 and UTC-11 are on different dates for most of the day."""
    user = make_user(email="far@example.org", timezone=zone, welcomed_at=timezone.now())
    client.force_login(user)
    html = client.get(reverse("goals:home")).content.decode()
    local = timezone.now().astimezone(zoneinfo.ZoneInfo(zone)).date()
    assert f"Today is {date_format(local, 'l j F')}." in html
