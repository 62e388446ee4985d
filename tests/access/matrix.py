"""The access matrix: who may GET and POST every URL of the site, and what each gets.

A row names a URL and says, for each kind of visitor and each method, the outcome: the
status, and whether the database must change. POSTs carry the body that would succeed for
the owner, so a refusal is the access check at work, not form validation. Around every
refused request a snapshot of the app's tables (row counts and a hash of every row) must
stay the same; an allowed POST must write. No answer may show words from goals its reader
can't see. PUT, PATCH, DELETE and POSTs without the CSRF token are refused everywhere.
"""

import dataclasses
import hashlib
from collections.abc import Callable

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.http import urlencode

# site_admin: staff with every admin right, who on the site itself is nobody special.
ROLES = (
    "owner",
    "buddy",
    "buddy_without_share",
    "ex_buddy",
    "stranger",
    "site_admin",
    "anonymous",
)
SIGNED_IN = ROLES[:-1]
METHODS = ("get", "post")

# The tables a refused request must leave alone: every app of ours, and allauth's
# addresses and authenticators. Sessions are left out: signing in writes them.
SNAPSHOT_APPS = {"users", "notifications", "goals", "accountability", "account", "mfa"}


@dataclasses.dataclass(frozen=True)
class Outcome:
    statuses: frozenset
    refused: bool = False
    writes: bool | None = None  # for an allowed request: must (True) or must not (False) write
    location: str | None = None  # the URL name a redirect goes to ("login": the sign-in page)


def ok(*statuses: int, writes: bool | None = None) -> Outcome:
    return Outcome(frozenset(statuses or (200,)), writes=writes)


def refused(status: int, location: str | None = None) -> Outcome:
    return Outcome(frozenset({status}), refused=True, location=location)


NOT_FOUND = refused(404)
NOT_ALLOWED = refused(405)  # the method is refused before anything is looked up
LOGIN = Outcome(frozenset({302}), refused=True, location="login")
DONE = ok(302, writes=True)  # a form or action that succeeded: redirect after a write


def signed_in(outcome: Outcome, *, anonymous: Outcome = LOGIN, **roles: Outcome) -> dict:
    """The same for every signed-in person (unless named), sign-in for anonymous visitors."""
    return dict.fromkeys(SIGNED_IN, outcome) | roles | {"anonymous": anonymous}


def only(**allowed: Outcome) -> dict:
    """The roles named get their outcome; other signed-in people get 404, never 403."""
    return signed_in(NOT_FOUND, **allowed)


def anyone(outcome: Outcome) -> dict:
    """No sign-in needed: the address itself is the key, or the page is public."""
    return dict.fromkeys(ROLES, outcome)


GET_ONLY = signed_in(NOT_ALLOWED)  # the POST side of a read-only page behind sign-in
POST_ONLY = signed_in(NOT_ALLOWED)  # the GET side of an action behind sign-in


@dataclasses.dataclass(frozen=True)
class Row:
    name: str
    get: dict
    post: dict
    kwargs: Callable[[dict], dict] = lambda w: {}
    body: Callable[[dict], dict] = lambda w: {}
    query: Callable[[dict], dict] = lambda w: {}
    # The address is someone's key (a calendar feed): whoever holds it sees what they see.
    key_holder: str | None = None

    def url(self, world) -> str:
        query = urlencode(self.query(world))
        return reverse(self.name, kwargs=self.kwargs(world)) + (f"?{query}" if query else "")


def cases(rows: dict[str, Row]) -> list:
    """One test per row, method and role; ids read like "goal_delete-post-stranger"."""
    return [
        pytest.param(label, method, role, id=f"{label}-{method}-{role}")
        for label in sorted(rows)
        for method in METHODS
        for role in ROLES
    ]


def _snapshot_models() -> list:
    return [model for model in apps.get_models() if model._meta.app_label in SNAPSHOT_APPS]


def snapshot() -> dict[str, str]:
    """Row count and a hash of every row, per table of the apps above."""
    if connection.vendor == "postgresql":  # one round trip: CI and most runs
        return _snapshot_in_postgres()
    tables = {}
    for model in _snapshot_models():
        fields = [field.attname for field in model._meta.concrete_fields]
        rows = list(model._base_manager.order_by("pk").values_list(*fields))
        digest = hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
        tables[model._meta.label] = f"{len(rows)} rows, {digest}"
    return tables


def _snapshot_in_postgres() -> dict[str, str]:
    quote = connection.ops.quote_name
    models = _snapshot_models()
    # Table and column names come from our models, never from a request.
    parts = [
        f"SELECT %s, count(*), md5(coalesce(string_agg(t::text, '|' "  # noqa: S608
        f"ORDER BY t.{quote(model._meta.pk.column)}), '')) FROM {quote(model._meta.db_table)} t"
        for model in models
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), [model._meta.label for model in models])
        return {label: f"{count} rows, {digest}" for label, count, digest in cursor.fetchall()}


def changed_tables(before: dict, after: dict) -> dict:
    return {name: (before.get(name), now) for name, now in after.items() if before.get(name) != now}


def check(client, world, rows: dict[str, Row], label: str, method: str, role: str) -> None:
    """Send the request as this role and hold the answer and the database to the row."""
    row = rows[label]
    want: Outcome = getattr(row, method)[role]
    url = row.url(world)
    if role != "anonymous":
        client.force_login(world["users"][role])
    data = row.body(world) if method == "post" else {}
    watch = want.refused or want.writes is not None
    before = snapshot() if watch else None
    response = getattr(client, method)(url, data)
    where = f"{method.upper()} {url} as {role}"
    problems = _status_problems(response, want)
    if not response.streaming:
        page = response.content.decode(errors="replace")
        leaked = [word for word in world["private_words"][row.key_holder or role] if word in page]
        if leaked:
            problems.append(f"shows {leaked}, from goals this person can't see")
    if watch:
        changes = changed_tables(before, snapshot())
        if (want.refused or want.writes is False) and changes:
            problems.append(f"refused or read-only, but it wrote to {sorted(changes)}")
        elif want.writes and not changes:
            problems.append("succeeded but wrote nothing: is the body valid?")
    assert not problems, f"{where}: " + "; ".join(problems)


def check_other_methods(client, world, row: Row) -> None:
    """PUT, PATCH and DELETE: refused (405) even for the owner, and nothing is written."""
    client.force_login(world["users"]["owner"])
    url = row.url(world)
    for method in ("put", "patch", "delete"):
        before = snapshot()
        status = getattr(client, method)(url).status_code
        assert status == 405, f"{method.upper()} {url}: {status}"
        assert not changed_tables(before, snapshot()), f"{method.upper()} {url} wrote"


# Mail programs POST the one-click unsubscribe without a token (RFC 8058): its signed
# address is the key. Every other POST needs the CSRF token of the page it came from.
CSRF_EXEMPT = {"notifications:unsubscribe"}


def check_csrf(world, row: Row) -> None:
    """A POST without the CSRF token is refused (403) and writes nothing, even the owner's."""
    if row.name in CSRF_EXEMPT:
        return
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["users"]["owner"])
    url = row.url(world)
    before = snapshot()
    status = client.post(url, row.body(world)).status_code
    assert status == 403, f"POST {url} without a CSRF token: {status}"
    assert not changed_tables(before, snapshot()), f"POST {url} without a CSRF token wrote"


def _status_problems(response, want: Outcome) -> list[str]:
    status = response.status_code
    if status not in want.statuses:
        return [f"answered {status}, expected {sorted(want.statuses)}"]
    if status != 302:
        return []
    login = reverse("account_login")
    if want.location == "login":
        return [] if response.url.startswith(login) else [f"redirected to {response.url}"]
    if response.url.startswith(login):
        return ["sent to sign in"]
    if want.location and response.url != reverse(want.location):
        return [f"redirected to {response.url}, not {reverse(want.location)}"]
    return []


def site_url_names() -> set[str]:
    """Every named URL of the site as reverse() takes it ("goals:goal_detail"), except
    allauth's, the admin's and the API's (its operations have rows of their own, one per
    method: api_matrix.py)."""

    def skipped(resolver: URLResolver) -> bool:
        module = getattr(resolver.urlconf_module, "__name__", "")
        return resolver.namespace in {"admin", "api"} or module.startswith("allauth")

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if not skipped(pattern):
                    yield from walk(pattern.url_patterns, pattern.namespace)
            elif isinstance(pattern, URLPattern):
                name = pattern.name or f"(unnamed: {pattern.pattern})"
                yield f"{namespace}:{name}" if namespace else name

    return set(walk(get_resolver().url_patterns, None))
