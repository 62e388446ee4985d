"""The access matrix for what surrounds the API's operations: its OpenAPI document, the
docs page that reads it, and the bare root (no page of its own)."""

import pytest

from .api_matrix import NOT_FOUND, READ, ApiRow, api_cases, check, public

pytestmark = pytest.mark.django_db

# Not operations of the API, so not in its OpenAPI document: named here by hand.
ROWS = {
    "openapi.json": ApiRow("GET", "/api/v1/openapi.json", public(READ), json_errors=False),
    "docs": ApiRow("GET", "/api/v1/docs", public(READ), json_errors=False),
    # No page of its own: the API's 404 body (careergoals.views.not_found), for everyone.
    "root": ApiRow("GET", "/api/v1/", public(NOT_FOUND)),
    "an address of no route": ApiRow("GET", "/api/v1/goals/all/of/them", public(NOT_FOUND)),
}


@pytest.mark.parametrize(("label", "role", "via"), api_cases(ROWS))
def test_access(client, world, tokens, label, role, via):
    check(client, world, tokens, ROWS, label, role, via)
