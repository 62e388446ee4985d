"""The access matrix for goals' URLs: vision, goals, steps, check-ins, celebrations, export."""

import datetime

import pytest

from goals.models import VisionPrompt

from .matrix import (
    DONE,
    GET_ONLY,
    POST_ONLY,
    Row,
    cases,
    check,
    check_csrf,
    check_other_methods,
    ok,
    only,
    refused,
    signed_in,
)
from .world import goal_fields

pytestmark = pytest.mark.django_db

PAGE = ok(200, writes=False)  # a page that is shown and writes nothing
OWNER_PAGE = only(owner=PAGE)
SEES_GOAL = only(owner=PAGE, buddy=PAGE)
OWNER_DOES = only(owner=DONE)


def goal_body(world, **changes) -> dict:
    """What the goal form posts: every field, as a person would send it."""
    fields = goal_fields(world["today"], **changes)
    return {name: "" if value is None else str(value) for name, value in fields.items()} | {
        "attainability_notes": "",
        "vision_answer": "",
    }


def in_days(world, days: int) -> str:
    return (world["today"] + datetime.timedelta(days=days)).isoformat()


goal_pk = lambda w: {"pk": w["goal"].pk}  # noqa: E731
step_pk = lambda w: {"pk": w["step"].pk}  # noqa: E731
achieved_pk = lambda w: {"pk": w["achieved"].pk}  # noqa: E731
example_pk = lambda w: {"pk": w["example"].pk}  # noqa: E731
library_example_pk = lambda w: {"pk": w["library_example"].pk}  # noqa: E731


def example_body(world, example) -> dict:
    """The goal form as started from an example, made one's own, with every step ticked."""
    steps = [str(step.pk) for step in example.steps.all()]
    return goal_body(world, statement="Ask for a raise of 4000 EUR") | {"steps": steps}


ROWS = {
    "goals:home": Row("goals:home", get=signed_in(ok(200, 302, writes=False)), post=GET_ONLY),
    "goals:vision": Row(
        "goals:vision",
        get=signed_in(PAGE),
        post=signed_in(DONE),
        body=lambda w: {VisionPrompt.SUCCESS.value: "Leading a team I am proud of"},
    ),
    "goals:vision_skip": Row("goals:vision_skip", get=POST_ONLY, post=signed_in(ok(302))),
    "goals:goal_create": Row(
        "goals:goal_create",
        get=signed_in(PAGE),
        post=signed_in(DONE),
        body=lambda w: goal_body(w, statement="Speak at a conference"),
    ),
    # Linking a new goal to a vision answer: only to one's own.
    "goal_create (Ana's vision answer)": Row(
        "goals:goal_create",
        get=signed_in(PAGE),
        post=signed_in(refused(200), owner=DONE),
        body=lambda w: (
            goal_body(w, statement="Speak at a conference")
            | {"vision_answer": w["vision_answer"].pk}
        ),
    ),
    "goals:goal_smart_check": Row(
        "goals:goal_smart_check",
        get=POST_ONLY,
        post=signed_in(PAGE),
        body=lambda w: goal_body(w) | {"goal_pk": w["goal"].pk},
    ),
    "goals:goal_detail": Row("goals:goal_detail", kwargs=goal_pk, get=SEES_GOAL, post=GET_ONLY),
    "goals:goal_history": Row("goals:goal_history", kwargs=goal_pk, get=SEES_GOAL, post=GET_ONLY),
    "goals:goal_edit": Row(
        "goals:goal_edit",
        kwargs=goal_pk,
        get=OWNER_PAGE,
        post=OWNER_DOES,
        body=lambda w: goal_body(w, statement="Lead three client projects", note="More room"),
    ),
    "goals:goal_status": Row(
        "goals:goal_status",
        kwargs=goal_pk,
        get=POST_ONLY,
        post=OWNER_DOES,
        body=lambda w: {"action": "activate"},
    ),
    "goals:goal_delete": Row("goals:goal_delete", kwargs=goal_pk, get=OWNER_PAGE, post=OWNER_DOES),
    "goals:micro_goal_create": Row(
        "goals:micro_goal_create",
        kwargs=goal_pk,
        get=POST_ONLY,
        post=OWNER_DOES,
        body=lambda w: {"title": "Book a talk with my manager", "deadline": in_days(w, 10)},
    ),
    "goals:micro_goal_row": Row(
        "goals:micro_goal_row", kwargs=step_pk, get=OWNER_PAGE, post=GET_ONLY
    ),
    "goals:micro_goal_edit": Row(
        "goals:micro_goal_edit",
        kwargs=step_pk,
        get=OWNER_PAGE,
        post=OWNER_DOES,
        body=lambda w: {"title": "Ask for the Atlas and Orion projects"},
    ),
    "goals:micro_goal_status": Row(
        "goals:micro_goal_status",
        kwargs=step_pk,
        get=POST_ONLY,
        post=OWNER_DOES,
        body=lambda w: {"status": "done"},
    ),
    "goals:micro_goal_move": Row(
        "goals:micro_goal_move",
        kwargs=step_pk,
        get=POST_ONLY,
        post=OWNER_DOES,
        body=lambda w: {"direction": "down"},
    ),
    "goals:micro_goal_delete": Row(
        "goals:micro_goal_delete", kwargs=step_pk, get=POST_ONLY, post=OWNER_DOES
    ),
    "goals:check_in_create": Row(
        "goals:check_in_create",
        kwargs=goal_pk,
        get=POST_ONLY,
        post=OWNER_DOES,
        body=lambda w: {"value": "2", "recorded_on": w["today"].isoformat(), "note": "Orion"},
    ),
    "goals:check_in_delete": Row(
        "goals:check_in_delete",
        kwargs=lambda w: {"pk": w["check_in"].pk},
        get=POST_ONLY,
        post=OWNER_DOES,
    ),
    "goals:roadmap": Row("goals:roadmap", get=signed_in(PAGE), post=GET_ONLY),
    "goals:goal_celebrate": Row(
        "goals:goal_celebrate",
        kwargs=achieved_pk,
        get=OWNER_PAGE,
        post=OWNER_DOES,
        body=lambda w: {"reward": "A weekend by the sea"},
    ),
    "goals:goal_close_micro_goals": Row(
        "goals:goal_close_micro_goals",
        kwargs=achieved_pk,
        get=POST_ONLY,
        post=OWNER_DOES,
        body=lambda w: {"all": "skipped"},
    ),
    "goals:goal_reflect": Row(
        "goals:goal_reflect",
        kwargs=achieved_pk,
        get=OWNER_PAGE,
        post=OWNER_DOES,
        body=lambda w: {"hard": "Saying no to other work", "easy": "", "helped": ""},
    ),
    "goals:journal": Row("goals:journal", get=signed_in(PAGE), post=GET_ONLY),
    # Goal examples: the library is everyone's; Ana's example is her buddies' (all of them)
    "goals:example_list": Row("goals:example_list", get=signed_in(PAGE), post=GET_ONLY),
    "goals:example_use": Row(
        "goals:example_use",
        kwargs=library_example_pk,
        get=signed_in(PAGE),
        post=signed_in(DONE),
        body=lambda w: example_body(w, w["library_example"]),
    ),
    "example_use (Ana's example)": Row(
        "goals:example_use",
        kwargs=example_pk,
        get=only(owner=PAGE, buddy=PAGE, buddy_without_share=PAGE),
        post=only(owner=DONE, buddy=DONE, buddy_without_share=DONE),
        body=lambda w: example_body(w, w["example"]),
    ),
    "goals:example_remove": Row(
        "goals:example_remove", kwargs=example_pk, get=POST_ONLY, post=OWNER_DOES
    ),
    "goals:goal_save_example": Row(
        "goals:goal_save_example",
        kwargs=goal_pk,
        get=OWNER_PAGE,
        post=OWNER_DOES,
        body=lambda w: {"title": "Lead a client project", "statement": "Lead 1 client project"},
    ),
    "goals:export_json": Row("goals:export_json", get=signed_in(PAGE), post=GET_ONLY),
    "goals:export_csv": Row("goals:export_csv", get=signed_in(PAGE), post=GET_ONLY),
}


@pytest.mark.parametrize(("label", "method", "role"), cases(ROWS))
def test_access(client, world, label, method, role):
    check(client, world, ROWS, label, method, role)


@pytest.mark.parametrize("label", sorted(ROWS))
def test_other_methods_and_posts_without_a_csrf_token_are_refused(client, world, label):
    check_other_methods(client, world, ROWS[label])
    check_csrf(world, ROWS[label])
