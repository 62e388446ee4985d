"""The goals API's steps and check-ins: only the owner writes; a buddy reads a shared goal's;
a stranger gets 404."""

import datetime
from decimal import Decimal

import pytest

from goals import services
from goals.models import CheckIn, MicroGoal

from .goals_world import (  # noqa: F401  (fixture: shared_goal)
    API,
    GoalQueries,
    add_steps,
    check_in,
    error_fields,
    shared_goal_fixture,
)


def titles(goal) -> list[str]:
    return list(goal.micro_goals.values_list("title", flat=True))


# --- Steps -----------------------------------------------------------------------------------


def test_add_a_step(api_client, goal, today):
    deadline = today + datetime.timedelta(days=30)
    response = api_client.post(
        f"{API}/goals/{goal.pk}/steps",
        {"title": "Ask for a project", "deadline": deadline.isoformat(), "helpers": "My manager"},
    )

    assert response.status_code == 201, response.content
    step = MicroGoal.objects.get(goal=goal)
    assert response.json() | {"id": None} == {
        "id": None,
        "goal": goal.pk,
        "position": 1,
        "title": "Ask for a project",
        "action_plan": "",
        "deadline": deadline.isoformat(),
        "resources": "",
        "helpers": "My manager",
        "status": "todo",
        "completed_on": None,
        "after_goal_deadline": False,
        "suggested_by": None,
    }
    assert response.json()["id"] == step.pk


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"title": ""}, {"title"}),
        ({"title": "x" * 201}, {"title"}),
        ({"title": "Late", "deadline": "2001-01-01"}, {"deadline"}),
        ({"title": "Odd", "deadline": "soon"}, {"deadline"}),
        ({"title": "Odd", "status": "done"}, {"status"}),
        ({}, {"title"}),
    ],
)
def test_a_step_the_form_refuses_is_422(api_client, goal, body, fields):
    response = api_client.post(f"{API}/goals/{goal.pk}/steps", body)
    assert error_fields(response) == fields
    assert not MicroGoal.objects.exists()


def test_a_buddy_reads_a_shared_goals_steps_but_adds_none(api_for, bob, shared_goal, today):
    add_steps(shared_goal, "Pick a topic", today=today)
    api = api_for(bob)
    assert [s["title"] for s in api.get(f"{API}/goals/{shared_goal.pk}/steps").json()] == [
        "Pick a topic"
    ]
    response = api.post(f"{API}/goals/{shared_goal.pk}/steps", {"title": "Bob's idea"})
    assert response.status_code == 404
    assert titles(shared_goal) == ["Pick a topic"]


def test_a_stranger_neither_reads_nor_adds_steps(api_for, carol, goal, today):
    add_steps(goal, "Secret step", today=today)
    api = api_for(carol)
    assert api.get(f"{API}/goals/{goal.pk}/steps").status_code == 404
    assert api.post(f"{API}/goals/{goal.pk}/steps", {"title": "Hi"}).status_code == 404
    assert titles(goal) == ["Secret step"]


def test_patch_a_step_changes_only_what_is_given(api_client, goal, today):
    [step] = add_steps(goal, "Ask for a project", today=today)
    deadline = step.deadline

    response = api_client.patch(f"{API}/steps/{step.pk}", {"title": "Ask for two projects"})

    assert response.status_code == 200, response.content
    step.refresh_from_db()
    assert (step.title, step.deadline) == ("Ask for two projects", deadline)
    assert response.json()["title"] == "Ask for two projects"


def test_patch_a_step_can_clear_its_deadline(api_client, goal, today):
    [step] = add_steps(goal, "Ask for a project", today=today)
    response = api_client.patch(f"{API}/steps/{step.pk}", {"deadline": None})
    assert response.status_code == 200, response.content
    step.refresh_from_db()
    assert step.deadline is None


def test_patch_a_step_the_form_refuses_is_422(api_client, goal, today):
    [step] = add_steps(goal, "Ask for a project", today=today)
    assert error_fields(api_client.patch(f"{API}/steps/{step.pk}", {"title": ""})) == {"title"}
    step.refresh_from_db()
    assert step.title == "Ask for a project"


def test_tick_untick_and_status(api_client, goal, today):
    [step] = add_steps(goal, "Ask for a project", today=today)
    ticked = api_client.post(f"{API}/steps/{step.pk}/tick")
    assert ticked.status_code == 200, ticked.content
    assert (ticked.json()["status"], ticked.json()["completed_on"]) == ("done", today.isoformat())

    unticked = api_client.post(f"{API}/steps/{step.pk}/untick").json()
    assert (unticked["status"], unticked["completed_on"]) == ("todo", None)

    skipped = api_client.post(f"{API}/steps/{step.pk}/status", {"status": "skipped"}).json()
    assert skipped["status"] == "skipped"
    step.refresh_from_db()
    assert step.status == "skipped"


def test_a_status_steps_do_not_have_is_422(api_client, goal, today):
    [step] = add_steps(goal, "Ask for a project", today=today)
    response = api_client.post(f"{API}/steps/{step.pk}/status", {"status": "finished"})
    assert error_fields(response) == {"status"}


def test_a_buddy_may_not_change_tick_or_delete_a_step(api_for, bob, shared_goal, today):
    [step] = add_steps(shared_goal, "Pick a topic", today=today)
    api = api_for(bob)
    for method, tail, body in [
        ("patch", "", {"title": "Bob's"}),
        ("post", "/tick", None),
        ("post", "/untick", None),
        ("post", "/status", {"status": "done"}),
        ("delete", "", None),
    ]:
        response = getattr(api, method)(f"{API}/steps/{step.pk}{tail}", body)
        assert response.status_code == 404, (method, tail)
    step.refresh_from_db()
    assert (step.title, step.status) == ("Pick a topic", "todo")


def test_delete_a_step(api_client, goal, today):
    first, _ = add_steps(goal, "One", "Two", today=today)
    assert api_client.delete(f"{API}/steps/{first.pk}").status_code == 204
    assert titles(goal) == ["Two"]
    assert api_client.delete(f"{API}/steps/{first.pk}").status_code == 404


def test_reorder_steps(api_client, goal, today):
    one, two, three = add_steps(goal, "One", "Two", "Three", today=today)
    response = api_client.post(
        f"{API}/goals/{goal.pk}/steps/order", {"ids": [three.pk, one.pk, two.pk]}
    )
    assert response.status_code == 200, response.content
    assert [s["title"] for s in response.json()] == ["Three", "One", "Two"]
    assert [s["position"] for s in response.json()] == [1, 2, 3]
    assert titles(goal) == ["Three", "One", "Two"]


@pytest.mark.parametrize("stale", ["missing", "extra", "foreign"])
def test_a_stale_order_is_refused_with_the_services_words(
    api_client, ana, goal, make_goal, today, stale
):
    one, two = add_steps(goal, "One", "Two", today=today)
    [other] = add_steps(make_goal(ana, statement="Another goal"), "Other", today=today)
    ids = {
        "missing": [two.pk],
        "extra": [two.pk, one.pk, 99999],
        "foreign": [two.pk, other.pk],
    }[stale]

    response = api_client.post(f"{API}/goals/{goal.pk}/steps/order", {"ids": ids})

    assert error_fields(response) == {"__all__"}
    assert response.json()["detail"].startswith("The list of steps changed meanwhile.")
    assert titles(goal) == ["One", "Two"]


def test_a_buddy_may_not_reorder_steps(api_for, bob, shared_goal, today):
    one, two = add_steps(shared_goal, "One", "Two", today=today)
    response = api_for(bob).post(
        f"{API}/goals/{shared_goal.pk}/steps/order", {"ids": [two.pk, one.pk]}
    )
    assert response.status_code == 404
    assert titles(shared_goal) == ["One", "Two"]


# --- Check-ins -------------------------------------------------------------------------------


def test_record_a_check_in(api_client, goal, today):
    yesterday = today - datetime.timedelta(days=1)
    response = api_client.post(
        f"{API}/goals/{goal.pk}/check-ins",
        {"value": 1.5, "recorded_on": yesterday.isoformat(), "note": "Half way"},
    )

    assert response.status_code == 201, response.content
    saved = CheckIn.objects.get(goal=goal)
    assert response.json() | {"created_at": None} == {
        "id": saved.pk,
        "goal": goal.pk,
        "value": "1.50",
        "recorded_on": yesterday.isoformat(),
        "note": "Half way",
        "created_at": None,
    }
    goal.refresh_from_db()
    assert goal.current_value == Decimal("1.5")


def test_a_check_in_is_for_today_when_no_day_is_given(api_client, goal, today):
    response = api_client.post(f"{API}/goals/{goal.pk}/check-ins", {"value": "1"})
    assert response.json()["recorded_on"] == today.isoformat()


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"value": "-1"}, {"value"}),
        ({"value": "1.234"}, {"value"}),
        ({"value": "many"}, {"value"}),
        ({"value": "1", "recorded_on": "2999-01-01"}, {"recorded_on"}),
        ({"value": "1", "note": "x" * 501}, {"note"}),
        ({}, {"value"}),
    ],
)
def test_a_check_in_the_form_refuses_is_422(api_client, goal, body, fields):
    response = api_client.post(f"{API}/goals/{goal.pk}/check-ins", body)
    assert error_fields(response) == fields
    assert not CheckIn.objects.exists()


def test_a_goal_without_a_measure_takes_no_check_in(api_client, ana, make_goal):
    goal = make_goal(ana, metric_name="", baseline=None, target=None)
    response = api_client.post(f"{API}/goals/{goal.pk}/check-ins", {"value": "1"})
    assert error_fields(response) == {"__all__"}
    assert response.json()["detail"] == "Add a measure with a starting value and a target first."


def test_check_ins_are_listed_oldest_first_for_owner_and_buddy(
    api_client, api_for, bob, shared_goal, today
):
    for days, value in ((3, "1"), (1, "2")):
        services.check_in_create(
            goal=shared_goal,
            value=Decimal(value),
            recorded_on=today - datetime.timedelta(days=days),
        )
    for api in (api_client, api_for(bob)):
        body = api.get(f"{API}/goals/{shared_goal.pk}/check-ins").json()
        assert body["count"] == 2
        assert [item["value"] for item in body["items"]] == ["1.00", "2.00"]


def test_a_buddy_neither_records_nor_removes_a_check_in(api_for, bob, shared_goal, today):
    kept = check_in(shared_goal, "1", today)
    api = api_for(bob)
    response = api.post(f"{API}/goals/{shared_goal.pk}/check-ins", {"value": "2"})
    assert response.status_code == 404
    assert api.delete(f"{API}/check-ins/{kept.pk}").status_code == 404
    assert list(CheckIn.objects.all()) == [kept]


def test_a_stranger_does_not_see_check_ins(api_for, carol, goal, today):
    kept = check_in(goal, "1", today)
    api = api_for(carol)
    assert api.get(f"{API}/goals/{goal.pk}/check-ins").status_code == 404
    assert api.delete(f"{API}/check-ins/{kept.pk}").status_code == 404
    assert CheckIn.objects.filter(pk=kept.pk).exists()


def test_remove_a_check_in_and_the_current_value_follows(api_client, goal, today):
    first = check_in(goal, "1", today - datetime.timedelta(days=2))
    latest = check_in(goal, "2", today)

    assert api_client.delete(f"{API}/check-ins/{latest.pk}").status_code == 204

    goal.refresh_from_db()
    assert goal.current_value == first.value
    assert api_client.delete(f"{API}/check-ins/{latest.pk}").status_code == 404


# --- What the lists cost ---------------------------------------------------------------------


@pytest.mark.parametrize("tail", ["/steps", "/check-ins"])
def test_the_steps_and_check_ins_lists_cost_the_same_at_any_length(api_client, goal, today, tail):
    address = f"{API}/goals/{goal.pk}{tail}"
    api_client.get(address)  # the token's first use is written down once

    def grow(n):
        add_steps(goal, *(f"Step {goal.pk}-{i}" for i in range(n)), today=today)
        for i in range(n):
            check_in(goal, str(i), today - datetime.timedelta(days=i))

    grow(1)
    with GoalQueries() as few:
        assert api_client.get(address).status_code == 200
    grow(6)
    with GoalQueries() as many:
        assert api_client.get(address).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
    # the goal's access check, then the steps; or the check-ins' count and page
    assert len(many.goal_queries) == {"/steps": 2, "/check-ins": 3}[tail]
