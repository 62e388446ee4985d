"""The OpenAPI document is the list: an operation of the API without a row fails here.

Beside the list, what holds for every operation whatever the role: a token that may only
read is refused every write (403), a session's write without the CSRF token is refused
(403), and a method the document doesn't list for a path is refused (405), each writing
nothing.
"""

import dataclasses
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from careergoals.api import api

from . import (
    test_api_buddy_routes,
    test_api_docs_routes,
    test_api_goals_routes,
    test_api_person_routes,
)
from .api_matrix import PREFIX, UNSAFE, just_used, send, token_for
from .matrix import ROLES, changed_tables, snapshot

pytestmark = pytest.mark.django_db

MODULES = (test_api_person_routes, test_api_goals_routes, test_api_buddy_routes)
ROWS = {label: row for module in MODULES for label, row in module.ROWS.items()}
HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def documented_operations() -> set[tuple[str, str]]:
    paths = api.get_openapi_schema()["paths"]
    return {
        (method.upper(), path)
        for path, operations in paths.items()
        for method in operations
        if method.upper() in HTTP_METHODS
    }


def test_every_operation_of_the_api_has_a_row():
    covered = {row.operation for row in ROWS.values()}
    operations = documented_operations()
    assert operations == covered, (
        f"operations without a row: {sorted(operations - covered)}; "
        f"rows of no operation: {sorted(covered - operations)}"
    )


def test_every_url_of_the_api_is_an_operation_or_has_a_row():
    """The document and the docs page are no operations: their rows are written by hand."""
    documented = {path for _, path in documented_operations()}
    by_hand = {row.path for row in test_api_docs_routes.ROWS.values()}

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern)

    api_resolver = next(
        p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "api"
    )
    routes = set(walk(api_resolver.url_patterns, "/" + str(api_resolver.pattern)))
    # "/api/v1/goals/<int:goal_id>" is "/api/v1/goals/{goal_id}" in the document.
    as_documented = {re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route) for route in routes}
    assert as_documented <= documented | by_hand, sorted(as_documented - documented - by_hand)


def test_every_row_says_what_each_role_gets():
    for module in (*MODULES, test_api_docs_routes):
        for label, row in module.ROWS.items():
            assert set(row.outcomes) == set(ROLES), label
            assert row.path.startswith(PREFIX + "/"), label


def _owner_may(row) -> bool:
    return not row.outcomes["owner"].refused


WRITES = sorted(label for label, row in ROWS.items() if row.method in UNSAFE and _owner_may(row))


@pytest.mark.parametrize("label", WRITES)
def test_a_read_only_token_is_refused_every_write(client, world, label):
    row = ROWS[label]
    read_only = {"owner": token_for(world["users"]["owner"], scope="read")}
    just_used(read_only, "owner")
    before = snapshot()
    response = send(client, world, read_only, row, "owner")
    assert response.status_code == 403, (label, response.status_code, response.content[:300])
    assert not changed_tables(before, snapshot()), f"{label} with a read-only token wrote"


@pytest.mark.parametrize("label", WRITES)
def test_a_session_write_without_the_csrf_token_is_refused(world, label):
    row = ROWS[label]
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["users"]["owner"])
    before = snapshot()
    response = send(client, world, {}, row, "owner")
    assert response.status_code == 403, (label, response.status_code, response.content[:300])
    changes = changed_tables(before, snapshot())
    assert not changes, f"{label} without a CSRF token wrote {changes}"


@pytest.mark.parametrize("label", WRITES)
def test_a_session_write_with_the_csrf_token_does_what_the_owners_token_does(world, label):
    """The site's own scripts and the docs page write with the session and the CSRF token."""
    row = ROWS[label]
    want = row.outcomes["owner"]
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["users"]["owner"])
    client.get("/api/v1/docs")  # the page hands out the CSRF cookie, as in a browser
    csrf = client.cookies["csrftoken"].value
    before = snapshot()
    response = send(client, world, {}, row, "owner", x_csrftoken=csrf)
    assert response.status_code in want.statuses, (label, response.status_code, response.content)
    changes = changed_tables(before, snapshot())
    if want.writes is not None:
        assert bool(changes) == want.writes, f"{label}: wrote {sorted(changes)}"


def _paths() -> dict[str, object]:
    """One row per path (its methods share the address), the owner's way in."""
    return {row.path: row for row in sorted(ROWS.values(), key=lambda r: r.method)}


@pytest.mark.parametrize("path", sorted(_paths()))
def test_a_method_the_document_does_not_list_is_refused(client, world, tokens, path):
    row = _paths()[path]
    listed = {method for method, p in documented_operations() if p == path}
    for method in sorted(set(HTTP_METHODS) - listed):
        other = dataclasses.replace(row, method=method)
        just_used(tokens, "owner")
        before = snapshot()
        response = send(client, world, tokens, other, "owner")
        assert response.status_code == 405, (method, path, response.status_code)
        assert not changed_tables(before, snapshot()), f"{method} {path} wrote"
