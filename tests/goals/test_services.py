"""Goal services: history of changes, status rules, steps order, vision history."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from goals import services
from goals.models import Goal, GoalChange, MicroGoal, VisionAnswer

pytestmark = pytest.mark.django_db


def test_changes_to_tracked_fields_are_recorded_with_a_note(goal, today):
    new_date = today + datetime.timedelta(days=300)
    services.goal_update(
        goal=goal,
        note="Scope grew after the reorg",
        statement="Lead three client projects end to end",
        target=Decimal("3"),
        target_date=new_date,
        metric_unit="projects",  # not tracked
    )
    changes = {c.field: c for c in goal.changes.all()}
    assert set(changes) == {"created", "statement", "target", "target_date"}
    assert (changes["target"].old_value, changes["target"].new_value) == ("2", "3")
    assert changes["target_date"].new_value == new_date.isoformat()
    assert changes["statement"].note == "Scope grew after the reorg"


def test_saving_without_changes_records_nothing(goal):
    services.goal_update(goal=goal, statement=goal.statement, target=goal.target)
    assert list(goal.changes.values_list("field", flat=True)) == ["created"]


def test_activation_needs_measure_and_deadline(ana, make_goal):
    draft = make_goal(ana, metric_name="", baseline=None, target=None)
    with pytest.raises(ValidationError, match="measurable and dated"):
        services.goal_activate(goal=draft)
    draft.refresh_from_db()
    assert draft.status == Goal.Status.DRAFT

    services.micro_goal_create(goal=draft, title="Ask for the Atlas project")
    services.micro_goal_create(goal=draft, title="Run the kickoff")
    services.goal_activate(goal=draft)  # two steps make it measurable
    assert draft.status == Goal.Status.ACTIVE
    assert draft.changes.filter(field="status", new_value="Active").exists()


def test_abandon_needs_a_reason_and_keeps_it(goal):
    with pytest.raises(ValidationError):
        services.goal_abandon(goal=goal, reason="  ")
    services.goal_abandon(goal=goal, reason="Changed teams")
    goal.refresh_from_db()
    assert (goal.status, goal.abandoned_reason) == ("abandoned", "Changed teams")
    assert goal.changes.get(field="status").note == "Changed teams"


def test_achieve_opens_a_celebration_once(goal):
    celebration = services.goal_achieve(goal=goal)
    goal.refresh_from_db()
    assert goal.status == Goal.Status.ACHIEVED
    assert goal.achieved_at is not None
    assert celebration.goal == goal
    with pytest.raises(ValidationError):
        services.goal_achieve(goal=goal)
    services.goal_reopen(goal=goal)
    goal.refresh_from_db()
    assert (goal.status, goal.achieved_at) == ("draft", None)


def test_vision_link_must_be_your_own(ana, bob, make_goal):
    bobs = services.vision_answer_save(owner=bob, prompt="success", text="Freedom")
    with pytest.raises(ValidationError):
        make_goal(ana, vision_answer=bobs)


def test_steps_are_appended_and_reordered(goal):
    a, b, c = (services.micro_goal_create(goal=goal, title=t) for t in "abc")
    assert [s.position for s in (a, b, c)] == [1, 2, 3]
    services.micro_goal_move(micro_goal=c, offset=-1)
    assert list(goal.micro_goals.values_list("title", flat=True)) == ["a", "c", "b"]
    services.micro_goal_move(micro_goal=a, offset=-1)  # already first: nothing moves
    assert list(goal.micro_goals.values_list("title", flat=True)) == ["a", "c", "b"]
    with pytest.raises(ValidationError):
        services.micro_goals_reorder(goal=goal, ordered_ids=[a.pk, b.pk])


def test_reorder_refuses_steps_of_another_goal(ana, make_goal, goal):
    other = make_goal(ana)
    mine = services.micro_goal_create(goal=goal, title="mine")
    theirs = services.micro_goal_create(goal=other, title="theirs")
    with pytest.raises(ValidationError):
        services.micro_goals_reorder(goal=goal, ordered_ids=[mine.pk, theirs.pk])


def test_step_done_records_the_owners_date(goal):
    step = services.micro_goal_create(goal=goal, title="Draft the plan")
    services.micro_goal_set_status(micro_goal=step, status=MicroGoal.Status.DONE)
    assert step.completed_on is not None
    services.micro_goal_set_status(micro_goal=step, status=MicroGoal.Status.TODO)
    assert step.completed_on is None


def test_vision_answers_keep_history(ana):
    services.vision_answer_save(owner=ana, prompt="success", text="Leading a team")
    assert services.vision_answer_save(owner=ana, prompt="success", text="Leading a team") is None
    services.vision_answer_save(owner=ana, prompt="success", text="Building a company")
    texts = list(VisionAnswer.objects.filter(owner=ana).values_list("text", flat=True))
    assert texts == ["Building a company", "Leading a team"]


def test_goal_creation_is_recorded(goal):
    assert goal.changes.get().field == GoalChange.Field.CREATED
