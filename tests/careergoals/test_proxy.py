"""Sign-in rate limits count each visitor, whether the site is reached directly or through
the one TLS proxy of docs/deploy.md (where every request comes from the proxy's address)."""

import os
import subprocess
import sys

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

from .test_deploy import ROOT

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # the proxy's address, as the app sees it
MALLORY = "203.0.113.5"  # guesses passwords
ANA = "198.51.100.7"  # only wants to sign in
BLOCKED = "Too many failed sign-in attempts"


def production_setting(name: str, **env) -> str:
    """What the production settings make of the environment (as the container would load)."""
    base = {k: v for k, v in os.environ.items() if k not in {"TRUSTED_PROXY_COUNT", "DEBUG"}}
    code = f"from allauth import app_settings; print(repr(app_settings.{name}))"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=base
        | {
            "DJANGO_SETTINGS_MODULE": "careergoals.settings.production",
            "SECRET_KEY": "x" * 20 + "production-like-secret-key-for-this-test-only",
        }
        | env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def sign_in(client, email, password, *, remote, forwarded=None):
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=remote,
        headers=headers,
    )


def guess_ten_times(client, **where):
    """Ten failed sign-ins, each on another address, so only the per-client limit counts."""
    for n in range(10):
        response = sign_in(client, f"guess{n}@example.org", "wrong", **where)
        assert BLOCKED not in response.content.decode()
    blocked = sign_in(client, "guess10@example.org", "wrong", **where)
    assert BLOCKED in blocked.content.decode(), "the eleventh guess from one client is refused"


def assert_signs_in(client, **where):
    response = sign_in(client, "ana@example.org", PASSWORD, **where)
    assert BLOCKED not in response.content.decode()
    assert response.status_code == 302, response.status_code
    assert "_auth_user_id" in client.session


def test_production_trusts_the_one_proxy_of_the_deploy_guide_and_reads_the_environment():
    assert production_setting("TRUSTED_PROXY_COUNT") == "1"
    assert production_setting("TRUSTED_PROXY_COUNT", TRUSTED_PROXY_COUNT="0") == "0"
    assert production_setting("TRUSTED_CLIENT_IP_HEADER") == "None"
    header = production_setting("TRUSTED_CLIENT_IP_HEADER", TRUSTED_CLIENT_IP_HEADER="X-Real-IP")
    assert header == "'X-Real-IP'"


def test_behind_one_proxy_a_guesser_does_not_lock_out_anyone_else(client, ana, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = int(production_setting("TRUSTED_PROXY_COUNT"))
    guess_ten_times(client, remote=PROXY, forwarded=MALLORY)
    # A forged header does not help: the proxy appends the address it saw, which is trusted.
    blocked = sign_in(
        client, "x@example.org", "wrong", remote=PROXY, forwarded=f"1.2.3.4, {MALLORY}"
    )
    assert BLOCKED in blocked.content.decode()
    assert_signs_in(client, remote=PROXY, forwarded=ANA)


def test_reached_directly_the_forwarded_header_is_ignored(client, ana, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0  # the embedded default: nothing in front
    guess_ten_times(client, remote=MALLORY)
    # Without a proxy the header is the visitor's own invention: it changes nothing.
    blocked = sign_in(client, "x@example.org", "wrong", remote=MALLORY, forwarded="192.0.2.99")
    assert BLOCKED in blocked.content.decode()
    assert_signs_in(client, remote=ANA)
