"""Personal access tokens: the account page, the service, and how the API takes them."""

import datetime
import hashlib

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from careergoals.users.models import AccessToken
from careergoals.users.services import token_authenticate, token_create

from .conftest import ApiClient

ME = "/api/v1/me"


def _rows_hold(text: str) -> bool:
    """Whether any column of any token row holds this text."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM users_accesstoken")
        return any(text in str(value) for row in cursor.fetchall() for value in row)


def test_the_key_is_stored_only_as_its_hash(ana):
    token, key = token_create(user=ana, name="Script", scope="read")
    assert key.startswith("cg_") and len(key) > 40
    assert token.prefix == key[:8]
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert not _rows_hold(key)
    assert not _rows_hold(key[8:])


def test_the_page_makes_a_token_and_shows_its_key_once(client, ana):
    client.force_login(ana)
    url = reverse("users:tokens")
    response = client.post(url, {"name": "My script", "scope": "write", "expires_in": "30"})
    assert response.status_code == 200
    key = response.context["new_key"]
    assert key in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    token = AccessToken.objects.get(user=ana)
    assert (token.name, token.scope) == ("My script", "write")
    assert token.expires_at - timezone.now() > datetime.timedelta(days=29)
    assert not _rows_hold(key)

    again = client.get(url)
    page = again.content.decode()
    assert key not in page
    assert "My script" in page and token.prefix in page

    assert ApiClient(key, token).get(ME).status_code == 200


def test_never_expiring_and_read_only(client, ana):
    client.force_login(ana)
    client.post(reverse("users:tokens"), {"name": "Reader", "scope": "read", "expires_in": ""})
    token = AccessToken.objects.get(user=ana)
    assert token.expires_at is None and not token.can_write


def test_the_form_needs_a_name(client, ana):
    client.force_login(ana)
    response = client.post(reverse("users:tokens"), {"name": "", "scope": "read"})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not AccessToken.objects.exists()


def test_revoking_stops_the_token(client, ana, api_client):
    client.force_login(ana)
    assert api_client.get(ME).status_code == 200
    response = client.post(reverse("users:token_revoke", args=[api_client.token.pk]))
    assert response.status_code == 302
    assert not AccessToken.objects.filter(pk=api_client.token.pk).exists()
    assert api_client.get(ME).status_code == 401


def test_a_stranger_cannot_revoke_someone_elses_token(client, make_user, api_client):
    bob = make_user(email="bob@example.org")
    client.force_login(bob)
    response = client.post(reverse("users:token_revoke", args=[api_client.token.pk]))
    assert response.status_code == 404
    assert api_client.get(ME).status_code == 200


def test_a_stranger_does_not_see_someone_elses_tokens(client, make_user, api_client):
    bob = make_user(email="bob@example.org")
    client.force_login(bob)
    assert api_client.token.prefix not in client.get(reverse("users:tokens")).content.decode()


def test_an_expired_token_is_401(api_for, ana):
    api = api_for(ana, expires_at=timezone.now() + datetime.timedelta(days=1))
    assert api.get(ME).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, seconds=1)):
        assert api.get(ME).status_code == 401


def test_last_used_is_written_at_most_once_a_minute(ana, django_assert_num_queries):
    token, key = token_create(user=ana, name="x", scope="read")
    with django_assert_num_queries(2):  # the token and its person; the update
        token_authenticate(key=key)
    first = AccessToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    with django_assert_num_queries(1):  # no write within the minute
        token_authenticate(key=key)
    with time_machine.travel(first + datetime.timedelta(seconds=61)):
        token_authenticate(key=key)
    assert AccessToken.objects.get(pk=token.pk).last_used_at > first


@pytest.mark.parametrize("scope", ["admin", ""])
def test_unknown_scopes_are_refused(ana, scope):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        token_create(user=ana, name="x", scope=scope)


def test_a_deleted_person_takes_their_tokens_along(ana, api_client):
    ana.delete()
    assert not AccessToken.objects.exists()


def test_fifty_tokens_at_most(client, ana):
    for n in range(50):
        token_create(user=ana, name=f"T{n}", scope="read")
    client.force_login(ana)
    response = client.post(reverse("users:tokens"), {"name": "One more", "scope": "read"})
    assert response.status_code == 200
    assert "revoke one first" in response.content.decode()
    assert response.context["new_key"] is None
    assert AccessToken.objects.filter(user=ana).count() == 50


def test_staff_see_and_revoke_a_token_in_the_admin_but_never_its_key(client, make_user, ana):
    admin_user = make_user(email="sam@example.org", is_staff=True, is_superuser=True)
    token, key = token_create(user=ana, name="Leaked", scope="write")
    client.force_login(admin_user)
    listing = client.get(reverse("admin:users_accesstoken_changelist"))
    assert listing.status_code == 200
    assert "Leaked" in listing.content.decode() and key not in listing.content.decode()
    assert client.get(reverse("admin:users_accesstoken_add")).status_code == 403
    url = reverse("admin:users_accesstoken_delete", args=[token.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not AccessToken.objects.exists()


# --- Tokens through the API ---------------------------------------------------------------
TOKENS = "/api/v1/me/tokens"


def test_a_token_makes_a_narrower_token_whose_key_works_once_shown(api_client, ana):
    made = api_client.post(TOKENS, {"name": "Backup script", "scope": "read", "expires_in": "30"})
    assert made.status_code == 201
    body = made.json()
    assert body["name"] == "Backup script" and body["scope"] == "read"
    assert body["key"].startswith(body["prefix"]) and not _rows_hold(body["key"])
    days = (datetime.datetime.fromisoformat(body["expires_at"]) - timezone.now()).days
    assert days in (29, 30)
    script = ApiClient(body["key"], None)
    assert script.get(ME).json()["email"] == ana.email
    assert script.post(TOKENS, {"name": "More"}).status_code == 403  # read-only: no writes
    listed = api_client.get(TOKENS).json()
    assert [t["name"] for t in listed] == ["Backup script", "Test token"]
    assert all("key" not in t for t in listed)


def test_making_a_token_is_checked_by_the_pages_form(api_client):
    response = api_client.post(TOKENS, {"name": "  ", "scope": "read"})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["name"]
    assert api_client.post(TOKENS, {"name": "x", "scope": "admin"}).status_code == 422


def test_revoking_through_the_api_and_a_strangers_token_is_404(api_client, api_for, make_user):
    carol = api_for(make_user(email="carol@example.org"))
    theirs = carol.token.pk
    assert api_client.delete(f"{TOKENS}/{theirs}").status_code == 404
    assert carol.get(ME).status_code == 200
    assert carol.delete(f"{TOKENS}/{theirs}").status_code == 204  # a token may revoke itself
    assert carol.get(ME).status_code == 401
    assert AccessToken.objects.filter(pk=theirs).count() == 0
