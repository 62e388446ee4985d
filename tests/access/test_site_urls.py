"""The access matrix for the rest of the site: landing, health, notifications, your account."""

import pytest

from tests.conftest import PASSWORD

from .matrix import (
    DONE,
    GET_ONLY,
    NOT_FOUND,
    POST_ONLY,
    Row,
    anyone,
    cases,
    check,
    check_csrf,
    check_other_methods,
    ok,
    only,
    refused,
    signed_in,
)

pytestmark = pytest.mark.django_db

PAGE = ok(200, writes=False)
# Someone else's notification is not found: the list opens instead, and nothing is marked.
TO_THE_LIST = refused(302, location="notifications:notifications")

ROWS = {
    "landing": Row(
        "landing",
        get=signed_in(ok(302, writes=False), anonymous=PAGE),
        post=anyone(refused(405)),
    ),
    "healthz": Row("healthz", get=anyone(ok(200, 503, writes=False)), post=anyone(refused(405))),
    # Installable on a phone (careergoals/pwa.py): the same public answer for everyone.
    "manifest": Row("manifest", get=anyone(PAGE), post=anyone(refused(405))),
    "service_worker": Row("service_worker", get=anyone(PAGE), post=anyone(refused(405))),
    "offline": Row("offline", get=anyone(PAGE), post=anyone(refused(405))),
    "notifications:notifications": Row(
        "notifications:notifications", get=signed_in(PAGE), post=GET_ONLY
    ),
    "notifications:notification_open": Row(
        "notifications:notification_open",
        kwargs=lambda w: {"pk": w["notification"].pk},
        get=POST_ONLY,
        post=signed_in(TO_THE_LIST, owner=DONE),
    ),
    # Only Ana has an unread notification: marking all read writes for her alone.
    "notifications:notifications_mark_all_read": Row(
        "notifications:notifications_mark_all_read",
        get=POST_ONLY,
        post=signed_in(ok(302, writes=False), owner=DONE),
    ),
    "notifications:notification_settings": Row(
        "notifications:notification_settings",
        get=signed_in(PAGE),
        post=signed_in(DONE),
        body=lambda w: {
            "emails": ["deadline", "partnership"],
            "lead_days": ["7", "1"],
            "morning_hour": "7",
            "weekly_digest": "on",
        },
    ),
    # The signed link in Ana's email: it works without signing in, for whoever holds it.
    "notifications:unsubscribe": Row(
        "notifications:unsubscribe",
        kwargs=lambda w: {"token": w["unsubscribe_token"]},
        get=anyone(PAGE),
        post=anyone(ok(200, writes=True)),
    ),
    "unsubscribe (tampered link)": Row(
        "notifications:unsubscribe",
        kwargs=lambda w: {"token": w["unsubscribe_token"][:-3] + "xyz"},
        get=anyone(NOT_FOUND),
        post=anyone(NOT_FOUND),
    ),
    "users:profile": Row(
        "users:profile",
        get=signed_in(PAGE),
        post=signed_in(DONE),
        body=lambda w: {"display_name": "A new name", "timezone": "Europe/Paris"},
    ),
    # The footer's language choice: a cookie for anyone, and kept on a signed-in person's
    # account (their own only). Django's set_language, POST only.
    "set_language": Row(
        "set_language",
        get=anyone(refused(405)),
        post=signed_in(DONE, anonymous=ok(302, writes=False)),
        body=lambda w: {"language": "de", "next": "/"},
    ),
    # Light, dark or the device's choice: each person sets their own.
    "users:theme_set": Row(
        "users:theme_set",
        get=POST_ONLY,
        post=signed_in(DONE),
        body=lambda w: {"theme": "dark", "next": "/home/"},
    ),
    # Personal access tokens for the API: each person makes and lists their own; the key is
    # shown on the answer to the POST, once (no redirect, so it is never kept in a session).
    "users:tokens": Row(
        "users:tokens",
        get=signed_in(PAGE),
        post=signed_in(ok(200, writes=True)),
        body=lambda w: {"name": "A script", "scope": "read", "expires_in": "30"},
    ),
    # Only Ana may revoke her token; for anyone else it is not there.
    "users:token_revoke": Row(
        "users:token_revoke",
        kwargs=lambda w: {"pk": w["access_token"].pk},
        get=POST_ONLY,
        post=only(owner=DONE),
    ),
    # Each person deletes their own account, and only with their password.
    "users:account_delete": Row(
        "users:account_delete",
        get=signed_in(PAGE),
        post=signed_in(DONE),
        body=lambda w: {"password": PASSWORD, "confirm": "on"},
    ),
}


@pytest.mark.parametrize(("label", "method", "role"), cases(ROWS))
def test_access(client, world, label, method, role):
    check(client, world, ROWS, label, method, role)


@pytest.mark.parametrize("label", sorted(ROWS))
def test_other_methods_and_posts_without_a_csrf_token_are_refused(client, world, label):
    check_other_methods(client, world, ROWS[label])
    check_csrf(world, ROWS[label])
