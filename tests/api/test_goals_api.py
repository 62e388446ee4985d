"""The goals API: list, read, create, change, status changes, delete, SMART check, vision.

Ana owns the goals; Bob is her buddy (reads what she shares, changes nothing); Carol is a
stranger (404 for all of Ana's things)."""

import datetime
from decimal import Decimal

import pytest

from goals import services
from goals.forms import GoalForm
from goals.models import Goal, GoalChange, VisionAnswer

from .goals_world import (  # noqa: F401  (fixture: shared_goal)
    API,
    GoalQueries,
    add_steps,
    check_in,
    error_fields,
    shared_goal_fixture,
)

NEW_GOAL = {
    "statement": "Lead two client projects end to end",
    "category": "responsibility",
    "horizon": 1,
    "metric_name": "Projects led",
    "metric_unit": "projects",
    "baseline": 0,
    "target": "2",
    "confidence": 4,
    "relevance": "Leading projects is the path to a team lead role.",
}


def url(goal, tail=""):
    return f"{API}/goals/{goal.pk}{tail}"


# --- List ------------------------------------------------------------------------------------


def test_the_list_has_ones_own_goals_with_their_card(api_client, ana, bob, make_goal, today):
    goal = make_goal(ana)
    add_steps(goal, "Ask for a project", "Plan it", today=today)
    check_in(goal, "1", today)
    make_goal(bob, statement="Bob's own goal")

    response = api_client.get(f"{API}/goals")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["id"] == goal.pk
    assert item["status"] == "draft"
    assert item["category"] == "responsibility"
    assert item["horizon"] == 1
    assert Decimal(item["target"]) == 2
    assert item["url"] == goal.get_absolute_url()
    assert item["progress"] == {
        "percent": 50,
        "current_value": "1.00",
        "baseline": "0.00",
        "target": "2.00",
        "unit": "projects",
        "step_count": 2,
        "steps_done": 0,
        "steps_skipped": 0,
        "steps_line": "0 of 2 steps done",
    }
    assert item["smart"]["score"] == 5
    assert item["smart"]["can_activate"] is True
    assert [letter["letter"] for letter in item["smart"]["letters"]] == list("SMART")


def test_the_list_leaves_out_a_buddys_shared_goal(api_for, bob, shared_goal):
    response = api_for(bob).get(f"{API}/goals")
    assert response.json() == {"items": [], "count": 0}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=active", ["Active one"]),
        ("status=draft", ["Knowledge draft", "Five-year draft"]),
        ("horizon=5", ["Five-year draft"]),
        ("category=knowledge", ["Knowledge draft"]),
        ("status=draft&horizon=1", ["Knowledge draft"]),
        ("status=abandoned", []),
    ],
)
def test_the_list_filters(api_client, ana, make_goal, today, query, expected):
    active = make_goal(ana, statement="Active one", target_date=today + datetime.timedelta(10))
    services.goal_activate(goal=active)
    make_goal(
        ana,
        statement="Five-year draft",
        horizon=5,
        target_date=today + datetime.timedelta(days=900),
    )
    make_goal(
        ana,
        statement="Knowledge draft",
        category="knowledge",
        target_date=today + datetime.timedelta(days=300),
    )

    response = api_client.get(f"{API}/goals?{query}")

    assert response.status_code == 200, response.content
    assert [item["statement"] for item in response.json()["items"]] == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [("status=finished", "status"), ("horizon=3", "horizon"), ("category=money", "category")],
)
def test_a_filter_value_the_model_does_not_store_is_422(api_client, query, field):
    response = api_client.get(f"{API}/goals?{query}")
    assert error_fields(response) == {field}


def test_the_list_is_paged(api_client, ana, make_goal, today):
    for n in range(5):
        make_goal(ana, statement=f"Goal {n}", target_date=today + datetime.timedelta(100 + n))

    first = api_client.get(f"{API}/goals?page_size=2").json()
    third = api_client.get(f"{API}/goals?page_size=2&page=3").json()

    assert first["count"] == third["count"] == 5
    assert [item["statement"] for item in first["items"]] == ["Goal 0", "Goal 1"]
    assert [item["statement"] for item in third["items"]] == ["Goal 4"]


def _list_queries(api, ana, make_goal, today, more: int) -> GoalQueries:
    for n in range(more):
        goal = make_goal(ana, statement=f"Goal number {n}")
        add_steps(goal, "One", "Two", today=today)
        check_in(goal, "1", today)
    with GoalQueries() as queries:
        response = api.get(f"{API}/goals")
    assert response.status_code == 200
    assert response.json()["count"] == Goal.objects.count()
    return queries


def test_the_list_costs_the_same_for_one_goal_and_for_many(api_for, ana, make_goal, today):
    api = api_for(ana)
    api.get(f"{API}/vision")  # the token's first use is written down once
    one = _list_queries(api, ana, make_goal, today, more=1)
    many = _list_queries(api, ana, make_goal, today, more=7)  # 8 goals now
    assert len(many.captured_queries) == len(one.captured_queries)
    assert len(many.goal_queries) == 2  # the count, and the page with the step counts


# --- Detail ----------------------------------------------------------------------------------


def test_the_owner_reads_a_goal_with_its_steps_and_progress(api_client, ana, goal, today):
    first, second = add_steps(goal, "Ask for a project", "Plan it", today=today)
    services.micro_goal_set_status(micro_goal=first, status="done")

    response = api_client.get(url(goal))

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["is_owner"] is True
    assert body["owner"] == {"id": ana.pk, "name": "Ana"}
    assert [(s["id"], s["title"], s["status"]) for s in body["steps"]] == [
        (first.pk, "Ask for a project", "done"),
        (second.pk, "Plan it", "todo"),
    ]
    assert body["steps"][0]["completed_on"] == today.isoformat()
    assert body["progress"]["steps_line"] == "1 of 2 steps done"
    assert body["progress"]["percent"] == 0  # it has a measure: no check-in yet


def test_a_buddy_reads_a_shared_goal_read_only(api_for, bob, shared_goal, today):
    add_steps(shared_goal, "Pick a topic", today=today)
    response = api_for(bob).get(url(shared_goal))
    assert response.status_code == 200, response.content
    assert response.json()["is_owner"] is False
    assert [s["title"] for s in response.json()["steps"]] == ["Pick a topic"]


def test_a_buddy_gets_404_for_a_goal_not_shared(api_for, ana, bob, shared_goal, make_goal):
    private = make_goal(ana, statement="Only mine")
    response = api_for(bob).get(url(private))
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "errors": {}}


def test_a_stranger_gets_404(api_for, carol, shared_goal):
    response = api_for(carol).get(url(shared_goal))
    assert response.status_code == 404
    assert shared_goal.statement not in response.content.decode()


def test_reading_a_goal_costs_the_same_with_more_steps(api_client, goal, today):
    add_steps(goal, "One", today=today)
    api_client.get(f"{API}/vision")  # the token's first use is written down once
    with GoalQueries() as few:
        assert api_client.get(url(goal)).status_code == 200
    add_steps(goal, *(f"Step {n}" for n in range(8)), today=today)
    with GoalQueries() as many:
        assert len(api_client.get(url(goal)).json()["steps"]) == 9
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(many.goal_queries) == 2  # the goal as its page reads it, and its steps


# --- Create ----------------------------------------------------------------------------------


def test_create_saves_a_draft_through_the_form_and_service(api_client, ana, today):
    deadline = today + datetime.timedelta(days=200)
    response = api_client.post(f"{API}/goals", NEW_GOAL | {"target_date": deadline.isoformat()})

    assert response.status_code == 201, response.content
    goal = Goal.objects.get(owner=ana)
    assert response.json()["id"] == goal.pk
    assert response.json()["status"] == "draft"
    assert response.json()["steps"] == []
    assert goal.target_date == deadline
    assert goal.baseline == 0 and goal.target == 2
    assert goal.changes.filter(field=GoalChange.Field.CREATED).exists()


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"statement": ""}, {"statement"}),
        ({"statement": "x" * 301}, {"statement"}),
        ({"baseline": None}, {"baseline"}),  # a measure needs both numbers
        ({"target": 0}, {"target"}),  # the target equals the starting value
        ({"confidence": 9}, {"confidence"}),
        ({"target_date": "2001-01-01"}, {"target_date"}),
        ({"target": "[your number]"}, {"target"}),
        ({"colour": "blue"}, {"colour"}),  # no such field
        ({"horizon": 3}, {"horizon"}),
    ],
)
def test_create_refuses_what_the_goal_form_refuses(api_client, ana, change, fields):
    response = api_client.post(f"{API}/goals", NEW_GOAL | change)
    assert error_fields(response) == fields
    assert not Goal.objects.exists()


def test_create_says_in_the_forms_words_what_is_wrong(api_client):
    response = api_client.post(f"{API}/goals", NEW_GOAL | {"metric_name": ""})
    assert response.json()["errors"] == {"metric_name": ["Name what these numbers measure."]}


def test_create_links_only_ones_own_vision_answer(api_client, bob):
    bobs = services.vision_answer_save(owner=bob, prompt="success", text="Bob's answer")
    response = api_client.post(f"{API}/goals", NEW_GOAL | {"vision_answer": bobs.pk})
    assert error_fields(response) == {"vision_answer"}


# --- Change ----------------------------------------------------------------------------------


def test_patch_changes_only_the_fields_given(api_client, goal):
    before = Goal.objects.values().get(pk=goal.pk)
    response = api_client.patch(
        url(goal), {"statement": "Lead three client projects", "note": "Aim higher"}
    )

    assert response.status_code == 200, response.content
    after = Goal.objects.values().get(pk=goal.pk)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"statement", "updated_at"}
    change = goal.changes.get(field=GoalChange.Field.STATEMENT)
    assert change.note == "Aim higher"
    assert response.json()["statement"] == "Lead three client projects"


def test_patch_keeps_a_vision_answer_that_a_newer_one_replaced(api_client, ana, make_goal):
    first = services.vision_answer_save(owner=ana, prompt="success", text="Lead people")
    goal = make_goal(ana, vision_answer=first)
    services.vision_answer_save(owner=ana, prompt="success", text="Lead bigger teams")

    response = api_client.patch(url(goal), {"confidence": 5})

    assert response.status_code == 200, response.content
    goal.refresh_from_db()
    assert (goal.confidence, goal.vision_answer_id) == (5, first.pk)


def test_patch_keeps_an_overdue_deadline_it_was_not_given(api_client, goal, today):
    """The edit page lets a deadline that has passed stay; so does a patch of another field."""
    overdue = today - datetime.timedelta(days=3)
    Goal.objects.filter(pk=goal.pk).update(target_date=overdue)

    response = api_client.patch(url(goal), {"confidence": 2})

    assert response.status_code == 200, response.content
    goal.refresh_from_db()
    assert (goal.confidence, goal.target_date) == (2, overdue)
    earlier = overdue - datetime.timedelta(days=30)
    moved = api_client.patch(url(goal), {"target_date": earlier.isoformat()})
    assert error_fields(moved) == {"target_date"}


def test_patch_checks_the_goal_as_it_would_be(api_client, goal):
    response = api_client.patch(url(goal), {"target": "0"})  # the baseline is 0
    assert error_fields(response) == {"target"}
    goal.refresh_from_db()
    assert goal.target == 2


def test_patch_can_clear_a_field_with_null(api_client, goal):
    response = api_client.patch(url(goal), {"confidence": None})
    assert response.status_code == 200, response.content
    goal.refresh_from_db()
    assert goal.confidence is None


def test_a_buddy_may_not_change_delete_or_move_a_shared_goal(api_for, bob, shared_goal):
    api = api_for(bob)
    for method, tail, body in [
        ("patch", "", {"statement": "Bob was here"}),
        ("delete", "", None),
        ("post", "/activate", None),
        ("post", "/achieve", None),
        ("post", "/abandon", {"reason": "Bob says so"}),
        ("post", "/reopen", None),
    ]:
        response = getattr(api, method)(url(shared_goal, tail), body)
        assert response.status_code == 404, (method, tail)
    shared_goal.refresh_from_db()
    assert (shared_goal.statement, shared_goal.status) == ("Give three talks at meetups", "draft")


def test_a_stranger_may_not_change_a_goal(api_for, carol, goal):
    assert api_for(carol).patch(url(goal), {"statement": "Carol"}).status_code == 404
    goal.refresh_from_db()
    assert goal.statement == "Lead two client projects end to end"


def test_delete(api_client, goal, today):
    add_steps(goal, "One", today=today)
    response = api_client.delete(url(goal))
    assert response.status_code == 204
    assert not Goal.objects.exists()
    assert api_client.delete(url(goal)).status_code == 404


# --- Status changes --------------------------------------------------------------------------


def test_activate_achieve_reopen_abandon(api_client, goal):
    assert api_client.post(url(goal, "/activate")).json()["status"] == "active"
    achieved = api_client.post(url(goal, "/achieve"))
    assert achieved.json()["status"] == "achieved"
    assert achieved.json()["achieved_at"]
    assert api_client.post(url(goal, "/reopen")).json()["status"] == "draft"
    abandoned = api_client.post(url(goal, "/abandon"), {"reason": "Changed teams"})
    assert abandoned.json()["status"] == "abandoned"
    assert abandoned.json()["abandoned_reason"] == "Changed teams"
    statuses = goal.changes.filter(field="status").values_list("new_value", flat=True)
    assert list(statuses) == ["Abandoned", "Draft", "Achieved", "Active"]


def test_activate_refuses_a_goal_without_measure_or_deadline(api_client, ana, make_goal):
    goal = make_goal(ana, metric_name="", baseline=None, target=None, target_date=None)
    response = api_client.post(url(goal, "/activate"))
    assert error_fields(response) == {"__all__"}
    assert response.json()["detail"].startswith("Before you start, make the goal measurable")
    goal.refresh_from_db()
    assert goal.status == "draft"


def test_achieve_refuses_a_closed_goal(api_client, goal):
    services.goal_abandon(goal=goal, reason="Plans changed")
    response = api_client.post(url(goal, "/achieve"))
    assert error_fields(response) == {"__all__"}
    assert response.json()["detail"] == "Only an open goal can be marked achieved."


@pytest.mark.parametrize("body", [{"reason": "   "}, {"reason": ""}, {}, None])
def test_abandon_needs_a_reason(api_client, goal, body):
    response = api_client.post(url(goal, "/abandon"), body)
    assert response.status_code == 422
    goal.refresh_from_db()
    assert goal.status == "draft"


def test_abandon_says_why_in_the_forms_words(api_client, goal):
    response = api_client.post(url(goal, "/abandon"), {"reason": ""})
    assert response.json()["errors"] == {
        "reason": ["Say in a few words why you are letting this goal go."]
    }


# --- SMART check -----------------------------------------------------------------------------


def _form_report(ana, today, data):
    return GoalForm(data, owner=ana, today=today).smart_report()


def test_the_smart_check_is_the_forms_report_and_writes_nothing(api_client, ana, today):
    draft = {"statement": "Get better at things", "relevance": "short"}
    with GoalQueries() as queries:
        response = api_client.post(f"{API}/goals/smart-check", draft)

    assert response.status_code == 200, response.content
    report = _form_report(ana, today, draft)
    body = response.json()
    assert body["score"] == report.score == 0
    assert body["can_activate"] is False
    assert [(x["letter"], x["met"], x["hint"]) for x in body["letters"]] == [
        (x.letter, x.met, x.hint) for x in report.letters
    ]
    assert queries.writes == []
    assert not Goal.objects.exists()


def test_the_smart_check_of_a_full_draft(api_client, today):
    deadline = today + datetime.timedelta(days=200)
    response = api_client.post(
        f"{API}/goals/smart-check", NEW_GOAL | {"target_date": deadline.isoformat()}
    )
    assert response.json()["is_smart"] is True


def test_the_smart_check_counts_the_steps_of_ones_own_goal(api_client, ana, make_goal, today):
    goal = make_goal(ana, metric_name="", baseline=None, target=None)
    add_steps(goal, "One", "Two", today=today)
    draft = {"statement": goal.statement, "goal_id": goal.pk}
    measured = api_client.post(f"{API}/goals/smart-check", draft).json()["letters"][1]
    assert measured == {"letter": "M", "name": "Measurable", "met": True, "hint": ""}


def test_the_smart_check_ignores_someone_elses_goal(api_for, carol, ana, make_goal, today):
    goal = make_goal(ana, metric_name="", baseline=None, target=None)
    add_steps(goal, "One", "Two", today=today)
    draft = {"statement": goal.statement, "goal_id": goal.pk}
    measured = api_for(carol).post(f"{API}/goals/smart-check", draft).json()["letters"][1]
    assert measured["met"] is False


# --- Vision ----------------------------------------------------------------------------------


def test_vision_lists_each_prompt_with_the_latest_answer(api_client, ana):
    services.vision_answer_save(owner=ana, prompt="money", text="Teach")
    services.vision_answer_save(owner=ana, prompt="money", text="Teach and write")

    prompts = api_client.get(f"{API}/vision").json()["prompts"]

    assert [p["prompt"] for p in prompts] == [
        "success",
        "money",
        "company",
        "perception",
        "ultimate_job",
        "admire",
    ]
    assert prompts[0] == {
        "prompt": "success",
        "question": "What does a successful career mean to you?",
        "answer": None,
        "answered_at": None,
    }
    assert prompts[1]["answer"] == "Teach and write"


def test_vision_put_keeps_a_new_dated_answer_and_the_old_one(api_client, ana):
    services.vision_answer_save(owner=ana, prompt="money", text="Teach")

    response = api_client.put(
        f"{API}/vision", {"answers": {"money": "Teach and write", "admire": "My first boss"}}
    )

    assert response.status_code == 200, response.content
    answers = {p["prompt"]: p["answer"] for p in response.json()["prompts"]}
    assert answers["money"] == "Teach and write"
    assert answers["admire"] == "My first boss"
    assert answers["success"] is None
    assert VisionAnswer.objects.filter(owner=ana, prompt="money").count() == 2


@pytest.mark.parametrize(
    ("answers", "field"),
    [({"dreams": "Fly"}, "answers.dreams"), ({"money": "x" * 4001}, "money")],
)
def test_vision_put_refuses_unknown_prompts_and_long_answers(api_client, answers, field):
    response = api_client.put(f"{API}/vision", {"answers": answers})
    assert response.status_code == 422
    assert any(name.startswith(field) for name in response.json()["errors"]), response.json()
    assert not VisionAnswer.objects.exists()
