"""Two-factor sign-in with an authenticator app (TOTP) and recovery codes."""

import re

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def activate_totp(client) -> pyotp.TOTP:
    asked = client.get(reverse("mfa_activate_totp"))
    # Security settings first ask for the password again, then come back.
    assert asked.status_code == 302
    assert asked.url.startswith(reverse("account_reauthenticate"))
    page = client.post(asked.url, {"password": PASSWORD}, follow=True).content.decode()
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page, re.S)
    totp = pyotp.TOTP(secret.group(1))
    response = client.post(reverse("mfa_activate_totp"), {"code": totp.now()})
    assert response.status_code == 302, response.content.decode()[:2000]
    return totp


def recovery_codes(client) -> list[str]:
    page = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    return re.findall(r"\b(\d{8})\b", page)


def start_login(client, email):
    return client.post(reverse("account_login"), {"login": email, "password": PASSWORD})


def test_totp_enrolment_then_sign_in_with_code_and_recovery_code(client, ana):
    client.force_login(ana)
    totp = activate_totp(client)
    assert Authenticator.objects.filter(user=ana, type=Authenticator.Type.TOTP).exists()
    codes = recovery_codes(client)
    assert len(codes) == 10
    client.logout()

    # Password alone is not enough any more.
    first = start_login(client, ana.email)
    assert first.status_code == 302
    assert first.url == reverse("mfa_authenticate")
    assert client.get(reverse("users:profile")).status_code == 302

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "That code isn’t right" in wrong.content.decode()

    ok = client.post(reverse("mfa_authenticate"), {"code": totp.now()})
    assert ok.status_code == 302
    assert client.get(reverse("users:profile")).status_code == 200
    client.logout()

    # A recovery code works once.
    start_login(client, ana.email)
    assert client.post(reverse("mfa_authenticate"), {"code": codes[0]}).status_code == 302
    assert client.get(reverse("users:profile")).status_code == 200
    client.logout()
    start_login(client, ana.email)
    reused = client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert reused.status_code == 200
    assert client.get(reverse("users:profile")).status_code == 302
