"""The access matrix for the API's goals routes: goals, steps, check-ins, the vision.

As on the pages: a person lists, sets and changes their own goals; Bob reads the goal Ana
shares with him (and its steps and check-ins) and changes nothing; everyone else, Dave and
Erin too, gets 404 for Ana's goals, never 403.
"""

import datetime

import pytest

from .api_matrix import READ, ApiRow, api_cases, api_rows, check, everyone, only
from .matrix import ok, refused
from .world import goal_fields

pytestmark = pytest.mark.django_db

SEES_GOAL = only(owner=READ, buddy=READ)
OWNER_DOES = only(owner=ok(200, writes=True))
OWNER_MAKES = only(owner=ok(201, writes=True))
OWNER_DELETES = only(owner=ok(204, writes=True))

GOALS = "/api/v1/goals"
GOAL = "/api/v1/goals/{goal_id}"
STEP = "/api/v1/steps/{step_id}"


def goal_json(world, **changes) -> dict:
    fields = goal_fields(world["today"], **changes)
    return {
        name: str(value) if not isinstance(value, int | str) else value
        for name, value in fields.items()
    }


def in_days(world, days: int) -> str:
    return (world["today"] + datetime.timedelta(days=days)).isoformat()


goal_id = lambda w: {"goal_id": w["goal"].pk}  # noqa: E731
achieved_id = lambda w: {"goal_id": w["achieved"].pk}  # noqa: E731
step_id = lambda w: {"step_id": w["step"].pk}  # noqa: E731


def reversed_steps(world) -> dict:
    return {
        "ids": list(
            world["goal"].micro_goals.order_by("-position", "-pk").values_list("pk", flat=True)
        )
    }


ROWS = api_rows(
    ApiRow("GET", GOALS, everyone(READ), query=lambda w: {"status": "draft"}),
    ApiRow(
        "POST",
        GOALS,
        everyone(ok(201, writes=True)),
        body=lambda w: goal_json(w, statement="Speak at the Orion conference"),
    ),
    # The SMART report of a draft; Ana's goal id only counts for Ana (her steps).
    ApiRow(
        "POST",
        f"{GOALS}/smart-check",
        everyone(READ),
        body=lambda w: goal_json(w) | {"goal_id": w["goal"].pk},
    ),
    ApiRow("GET", GOAL, SEES_GOAL, params=goal_id),
    ApiRow(
        "PATCH",
        GOAL,
        OWNER_DOES,
        params=goal_id,
        body=lambda w: {"statement": "Lead three client projects", "note": "More room"},
    ),
    ApiRow("DELETE", GOAL, OWNER_DELETES, params=goal_id),
    ApiRow("POST", f"{GOAL}/activate", OWNER_DOES, params=goal_id),
    ApiRow("POST", f"{GOAL}/achieve", OWNER_DOES, params=goal_id),
    ApiRow(
        "POST",
        f"{GOAL}/abandon",
        OWNER_DOES,
        params=goal_id,
        body=lambda w: {"reason": "The Orion team was dissolved"},
    ),
    # Bob sees the achieved goal too, and may not reopen it.
    ApiRow("POST", f"{GOAL}/reopen", OWNER_DOES, params=achieved_id),
    ApiRow("GET", f"{GOAL}/steps", SEES_GOAL, params=goal_id),
    ApiRow(
        "POST",
        f"{GOAL}/steps",
        OWNER_MAKES,
        params=goal_id,
        body=lambda w: {"title": "Book a talk with my manager", "deadline": in_days(w, 10)},
    ),
    ApiRow("POST", f"{GOAL}/steps/order", OWNER_DOES, params=goal_id, body=reversed_steps),
    ApiRow(
        "PATCH",
        STEP,
        OWNER_DOES,
        params=step_id,
        body=lambda w: {"title": "Ask for the Atlas and Orion projects"},
    ),
    ApiRow("DELETE", STEP, OWNER_DELETES, params=step_id),
    ApiRow(
        "POST", f"{STEP}/status", OWNER_DOES, params=step_id, body=lambda w: {"status": "doing"}
    ),
    ApiRow("POST", f"{STEP}/tick", OWNER_DOES, params=step_id),
    # The step is still to do: unticking it again may write nothing, but only Ana may.
    ApiRow("POST", f"{STEP}/untick", only(owner=ok(200)), params=step_id),
    ApiRow("GET", f"{GOAL}/check-ins", SEES_GOAL, params=goal_id),
    ApiRow(
        "POST",
        f"{GOAL}/check-ins",
        OWNER_MAKES,
        params=goal_id,
        body=lambda w: {"value": "2", "recorded_on": w["today"].isoformat(), "note": "Orion"},
    ),
    ApiRow(
        "DELETE",
        "/api/v1/check-ins/{check_in_id}",
        OWNER_DELETES,
        params=lambda w: {"check_in_id": w["check_in"].pk},
    ),
    ApiRow("GET", "/api/v1/vision", everyone(READ)),
    ApiRow(
        "PUT",
        "/api/v1/vision",
        everyone(ok(200, writes=True)),
        body=lambda w: {"answers": {"success": "Leading the Orion team I am proud of"}},
    ),
    # Ana's private goal: no one else reads it, Bob included.
    goal_detail_private=ApiRow(
        "GET", GOAL, only(owner=READ), params=lambda w: {"goal_id": w["private_goal"].pk}
    ),
    steps_private=ApiRow(
        "GET", f"{GOAL}/steps", only(owner=READ), params=lambda w: {"goal_id": w["private_goal"].pk}
    ),
    check_ins_private=ApiRow(
        "GET",
        f"{GOAL}/check-ins",
        only(owner=READ),
        params=lambda w: {"goal_id": w["private_goal"].pk},
    ),
    # Linking a new goal to a vision answer: only to one's own (422 for anyone else's).
    goal_create_with_anas_vision_answer=ApiRow(
        "POST",
        GOALS,
        everyone(refused(422), owner=ok(201, writes=True)),
        body=lambda w: (
            goal_json(w, statement="Speak at a conference")
            | {"vision_answer": w["vision_answer"].pk}
        ),
    ),
    # The steps of another goal (the achieved one's) are no order of this goal's.
    step_order_with_another_goals_step=ApiRow(
        "POST",
        f"{GOAL}/steps/order",
        only(owner=refused(422)),
        params=goal_id,
        body=lambda w: {"ids": [*reversed_steps(w)["ids"], w["other_step"].pk]},
    ),
    # Bob's read of the achieved goal he was shown; Erin's old share no longer counts.
    goal_detail_achieved=ApiRow("GET", GOAL, SEES_GOAL, params=achieved_id),
)


@pytest.mark.parametrize(("label", "role", "via"), api_cases(ROWS))
def test_access(client, world, tokens, label, role, via):
    check(client, world, tokens, ROWS, label, role, via)
