"""The API keeps the promises of its own OpenAPI document, over real HTTP.

schemathesis reads the API's OpenAPI document and sends each operation generated requests,
those that fit the document and those that don't, to a live server on loopback
(pytest-django's ``live_server``: the app in a thread, on this test run's database), signed
in with Ana's or Bob's read+write token. For each answer: no server error (500), a status code the
document names, the content type it names, and a body its schema accepts.

The access matrix's circle of people is the data (tests/access/world.py), with a goal of
Bob's that he shares with Ana, so that ids in paths find something half the time.

Each run is the same (``derandomize``): a failure in CI replays on a laptop.
"""

import hypothesis
import pytest
import schemathesis
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accountability import services as buddy_services
from careergoals.api import api
from careergoals.users.services import token_create
from goals import services as goal_services
from tests.access.world import build, goal_fields

# A live server and a transactional database of this worker's own (pytest-django makes one
# per xdist worker): safe to run beside other tests.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

MAX_EXAMPLES = 25
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def seeded(transactional_db) -> tuple[dict[str, str], dict[str, list[int]]]:
    """The circle, Bob's goal shared with Ana, Ana's and Bob's tokens; ids by path parameter."""
    world = build()
    ana, bob = world["users"]["owner"], world["users"]["buddy"]
    bobs = goal_services.goal_create(
        owner=bob, **goal_fields(world["today"], statement="Run the team's retrospective")
    )
    buddy_services.goal_set_visibility(goal=bobs, visibility="chosen", chosen=[ana])
    goal_services.micro_goal_create(goal=bobs, title="Book the room")
    keys = {
        person: token_create(user=user, name="contract test", scope="write")[1]
        for person, user in (("ana", ana), ("bob", bob))
    }
    goals = [world["goal"], world["private_goal"], world["achieved"], bobs]
    ids = {
        "goal": [goal.pk for goal in goals],
        "step": [world["step"].pk, world["other_step"].pk, *(s.pk for s in bobs.micro_goals.all())],
        # /check-ins/{check_in_id} is a goal's, /buddy-check-ins/{check_in_id} a pair's.
        "check_in": [world["check_in"].pk, world["buddy_check_in"].pk],
        "partnership": [world["partnership"].pk, world["dave_pair"].pk, world["kept"].pk],
        "comment": [world["comment"].pk],
        "suggestion": [world["suggestion"].pk],
        "token": [world["access_token"].pk],  # Ana's script's, not the one this test uses
    }
    return keys, ids


def _known_id(name: str, ids: dict[str, list[int]]) -> list[int] | None:
    """``goal_id`` → the goals' ids; a name not listed → none (the generated value stays)."""
    stem = name.removesuffix("_id").removesuffix("_pk")
    return ids.get(stem)


# The document as the app makes it (test_openapi.py checks that the served one is valid),
# read when the tests are collected: one test per operation, spread over xdist's workers.
# (Driven here with Hypothesis directly: schemathesis' pytest plugin names every test alike
# under pytest 9, which xdist can't tell apart.)
SCHEMA = schemathesis.openapi.from_dict(api.get_openapi_schema())
OPERATIONS = {
    f"{operation.method.upper()} {operation.path}": operation
    for operation in (result.ok() for result in SCHEMA.get_all_operations())
}


def _strategy(operation):
    """Requests that fit the document and, where something can be made not to, ones that
    don't (the answer must then be one of the documented refusals, never a 500)."""
    positive = operation.as_strategy(GenerationMode.POSITIVE)
    if not (operation.body or operation.path_parameters or operation.query):
        return positive
    return st.one_of(positive, operation.as_strategy(GenerationMode.NEGATIVE))


@pytest.fixture
def server(live_server, settings):
    # Rate limits are real (per token, in Redis); this test sends many requests a minute.
    settings.API_RATE_LIMITS = {"read": "100000/min", "write": "100000/min"}
    return live_server.url


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_every_operation_keeps_its_contract(label, server, seeded):
    keys, ids = seeded

    # Ana or Bob: the owner's writes and the buddy's (feedback, suggestions, answers) both.
    @hypothesis.given(case=_strategy(OPERATIONS[label]), who=st.sampled_from(sorted(keys)))
    @hypothesis.settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,  # the same requests every run: a CI failure replays on a laptop
        database=None,
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    def keeps_its_contract(case, who):
        # An id from the data for an even number, the generated one otherwise: half the
        # requests find something (a page of it, a write to it), half find nothing (404).
        for name, value in list((case.path_parameters or {}).items()):
            known = _known_id(name, ids)
            if known and isinstance(value, int) and value % 2 == 0:
                case.path_parameters[name] = known[value // 2 % len(known)]
        case.call_and_validate(
            base_url=server, headers={"Authorization": f"Bearer {keys[who]}"}, checks=CHECKS
        )

    keeps_its_contract()
