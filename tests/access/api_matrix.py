"""The access matrix of the JSON API (``/api/v1/``): every operation x every role.

A row names one operation as the OpenAPI document lists it (method and path template) and
says, for each role of ``matrix.ROLES``, the outcome: the status, and whether the database
must change. Each signed-in role sends its own personal access token (read and write), and
again signed in with the site's session; an anonymous caller sends neither. Bodies are the
ones that would succeed for the owner, so a refusal is the access check at work, not
validation. The same checks as the pages' matrix: around a refused request the snapshot of
the app's tables stays the same, an allowed write writes, and no answer shows words of
goals its reader can't see. A stranger gets 404, never 403, for someone else's things.
"""

import dataclasses
import datetime
import json
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.http import urlencode

from careergoals.users.models import AccessToken
from careergoals.users.services import token_create

from .matrix import ROLES, SIGNED_IN, Outcome, changed_tables, ok, refused, snapshot

PREFIX = "/api/v1"
UNSAFE = ("POST", "PUT", "PATCH", "DELETE")

READ = ok(200, writes=False)  # an answer that reads and writes nothing
NOT_FOUND = refused(404)
UNAUTHORISED = refused(401)  # no token, no session


def everyone(outcome: Outcome, **roles: Outcome) -> dict:
    """The same for every signed-in person (unless named); 401 without a token."""
    return dict.fromkeys(SIGNED_IN, outcome) | roles | {"anonymous": UNAUTHORISED}


def only(**allowed: Outcome) -> dict:
    """The roles named get their outcome; other signed-in people get 404, never 403."""
    return everyone(NOT_FOUND, **allowed)


def public(outcome: Outcome) -> dict:
    """No token needed (the OpenAPI document and its docs page)."""
    return dict.fromkeys(ROLES, outcome)


@dataclasses.dataclass(frozen=True)
class ApiRow:
    method: str  # as the OpenAPI document names it, upper case
    path: str  # the OpenAPI path template, e.g. "/api/v1/goals/{goal_id}"
    outcomes: dict  # role -> Outcome
    params: Callable[[dict], dict] = lambda w: {}  # the template's values, from the world
    body: Callable[[dict], dict | list | None] = lambda w: None  # JSON; None: no body
    query: Callable[[dict], dict] = lambda w: {}
    # The document and its docs page are Django views around the API, not operations of
    # it: they answer in their own way (JSON or a page), not always in the API's error body.
    json_errors: bool = True

    @property
    def operation(self) -> tuple[str, str]:
        return (self.method, self.path)

    def url(self, world) -> str:
        query = urlencode(self.query(world), doseq=True)
        return self.path.format(**self.params(world)) + (f"?{query}" if query else "")


def api_rows(*rows: ApiRow, **variants: ApiRow) -> dict[str, ApiRow]:
    """Rows labelled "GET /api/v1/goals"; a variant (another object, another body) is
    labelled by its keyword, e.g. ``goal_detail_private=ApiRow(...)``."""
    labelled = {f"{row.method} {row.path}": row for row in rows}
    assert len(labelled) == len(rows), "two rows for one operation: name one as a variant"
    return labelled | variants


def api_cases(rows: dict[str, ApiRow]) -> list:
    """One test per row, role and way in: the role's token, or the site's session (the
    test client passes CSRF; the CSRF check itself is test_api_every_route_has_a_row's)."""
    return [
        pytest.param(label, role, via, id=f"{label}-{role}-{via}")
        for label in sorted(rows)
        for role in ROLES
        for via in (("token", "session") if role != "anonymous" else ("nothing",))
    ]


def token_for(user, *, scope: str = "write") -> tuple:
    """A personal access token for this person and its key (as shown once)."""
    return token_create(user=user, name="access matrix", scope=scope)


@pytest.fixture(scope="module")
def tokens(world, django_db_blocker):
    """Every signed-in role's read+write token and key, made once per module in the world."""
    with django_db_blocker.unblock():
        return {role: token_for(world["users"][role]) for role in SIGNED_IN}


def just_used(tokens, role: str) -> None:
    """A token notes when it was last used, at most once a minute: marked used now, the
    request that follows writes nothing for it, so the snapshot around it can be exact."""
    if role in tokens and tokens[role] is not None:
        AccessToken.objects.filter(pk=tokens[role][0].pk).update(last_used_at=timezone.now())


def send(client: Client, world, tokens, row: ApiRow, role: str, **headers: str):
    """The row's request as this role: with its token, or (no token) with whatever session
    the client holds."""
    headers = {"accept": "application/json", **headers}
    if role != "anonymous" and tokens.get(role) is not None:
        headers["authorization"] = f"Bearer {tokens[role][1]}"
    body = row.body(world)
    data = "" if body is None else json.dumps(body, default=_json_default)
    return client.generic(
        row.method,
        row.url(world),
        data=data,
        content_type="application/json",
        headers=headers,
    )


def _json_default(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return str(value)  # Decimal, UUID


def check(
    client, world, tokens, rows: dict[str, ApiRow], label: str, role: str, via: str = "token"
) -> None:
    """Send the request as this role and hold the answer and the database to the row."""
    row = rows[label]
    want: Outcome = row.outcomes[role]
    url = row.url(world)
    watch = want.refused or want.writes is not None
    if via == "session":
        client.force_login(world["users"][role])  # before the snapshot: signing in writes
        tokens = {}
    just_used(tokens, role)
    before = snapshot() if watch else None
    response = send(client, world, tokens, row, role)
    where = f"{row.method} {url} as {role} ({via})"
    problems = []
    if response.status_code not in want.statuses:
        problems.append(
            f"answered {response.status_code}, expected {sorted(want.statuses)}: "
            f"{response.content[:300]!r}"
        )
    answer = response.content.decode(errors="replace")
    leaked = [word for word in world["private_words"][role] if word in answer]
    if leaked:
        problems.append(f"shows {leaked}, from goals this person can't see")
    if row.json_errors and want.refused and response.status_code not in (304, 405):
        problems.extend(_error_body_problems(response))
    if watch:
        changes = changed_tables(before, snapshot())
        if (want.refused or want.writes is False) and changes:
            problems.append(f"refused or read-only, but it wrote to {sorted(changes)}")
        elif want.writes and not changes:
            problems.append("succeeded but wrote nothing: is the body valid?")
    assert not problems, f"{where}: " + "; ".join(problems)


def _error_body_problems(response) -> list[str]:
    """Every refusal answers in the one error shape: {"detail": "...", "errors": {...}}."""
    try:
        body = json.loads(response.content)
    except ValueError:
        return [f"the refusal is not JSON: {response.content[:200]!r}"]
    if not isinstance(body, dict) or not isinstance(body.get("detail"), str):
        return [f"the refusal has no detail: {body!r}"]
    return []
