"""The access matrix for the API's person routes: your profile and your notifications.

Everything here is the caller's own: each person reads and changes their own profile and
settings, and marking someone else's notification read changes nothing.
"""

import pytest

from .api_matrix import READ, ApiRow, api_cases, api_rows, check, everyone, only
from .matrix import ok

pytestmark = pytest.mark.django_db

WRITES = ok(200, writes=True)

ROWS = api_rows(
    ApiRow("GET", "/api/v1/me", everyone(READ)),
    ApiRow("PATCH", "/api/v1/me", everyone(WRITES), body=lambda w: {"display_name": "Orion"}),
    ApiRow("GET", "/api/v1/notifications", everyone(READ), query=lambda w: {"unread": "true"}),
    # Ana's unread notification, by id: only Ana's is marked; anyone else's call marks none.
    ApiRow(
        "POST",
        "/api/v1/notifications/read",
        everyone(READ, owner=WRITES),
        body=lambda w: {"ids": [w["notification"].pk]},
    ),
    ApiRow("GET", "/api/v1/me/notification-settings", everyone(READ)),
    ApiRow(
        "PUT",
        "/api/v1/me/notification-settings",
        everyone(WRITES),
        body=lambda w: {
            "emails": ["deadline", "partnership"],
            "lead_days": [7, 1],
            "morning_hour": 7,
            "weekly_digest": True,
        },
    ),
    # Tokens: each person lists and makes their own; only Ana revokes Ana's.
    ApiRow("GET", "/api/v1/me/tokens", everyone(READ)),
    ApiRow(
        "POST", "/api/v1/me/tokens", everyone(ok(201, writes=True)), body=lambda w: {"name": "Job"}
    ),
    ApiRow(
        "DELETE",
        "/api/v1/me/tokens/{token_id}",
        only(owner=ok(204, writes=True)),
        params=lambda w: {"token_id": w["access_token"].pk},
    ),
    # Every unread one: only Ana has one.
    notifications_read_all=ApiRow(
        "POST", "/api/v1/notifications/read", everyone(READ, owner=WRITES), body=lambda w: {}
    ),
)


@pytest.mark.parametrize(("label", "role", "via"), api_cases(ROWS))
def test_access(client, world, tokens, label, role, via):
    check(client, world, tokens, ROWS, label, role, via)
