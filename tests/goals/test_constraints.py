"""Postgres itself refuses a goal, step or check-in that breaks a rule the services keep.

Each bad row is written with a queryset ``update()``, past every form and service, so only the
database stands in the way. The same rule, asked through ``full_clean()``, answers in words
and without a query (careergoals.constraints.Rule).
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from goals import services
from goals.models import CheckIn, Goal, MicroGoal

pytestmark = pytest.mark.django_db


def refused(constraint: str, write) -> None:
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        write()
    assert constraint in str(error.value)


@pytest.fixture
def step(goal):
    return services.micro_goal_create(goal=goal, title="Ask for the next client project")


@pytest.mark.parametrize("confidence", [0, 6, 40])
def test_confidence_is_from_1_to_5(goal, confidence):
    goals = Goal.objects.filter(pk=goal.pk)
    refused("goal_confidence_1_to_5", lambda: goals.update(confidence=confidence))
    goals.update(confidence=None)  # not rated yet
    goals.update(confidence=5)


def test_horizon_is_1_5_or_10_years(goal):
    refused("goal_horizon_known", lambda: Goal.objects.filter(pk=goal.pk).update(horizon=3))


def test_status_and_visibility_are_known_ones(goal):
    goals = Goal.objects.filter(pk=goal.pk)
    refused("goal_status_known", lambda: goals.update(status="paused"))
    refused("goal_visibility_known", lambda: goals.update(visibility="everyone"))


def test_an_achieved_goal_has_its_moment_and_only_it(goal):
    goals = Goal.objects.filter(pk=goal.pk)
    refused("goal_achieved_when_dated", lambda: goals.update(status="achieved"))
    refused("goal_achieved_when_dated", lambda: goals.update(achieved_at=timezone.now()))
    goals.update(status="achieved", achieved_at=timezone.now())


def test_the_services_keep_the_achieved_moment_in_step(goal):
    services.goal_achieve(goal=goal)
    assert Goal.objects.get(pk=goal.pk).achieved_at is not None
    services.goal_reopen(goal=goal)
    assert Goal.objects.get(pk=goal.pk).achieved_at is None


@pytest.mark.parametrize("field", ["baseline", "target", "current_value"])
def test_measured_values_are_not_negative(goal, field):
    refused(
        f"goal_{field}_not_negative",
        lambda: Goal.objects.filter(pk=goal.pk).update(**{field: Decimal("-1")}),
    )


def test_a_check_in_value_is_not_negative(goal, today):
    check_in = services.check_in_create(goal=goal, value=Decimal(1), recorded_on=today)
    refused(
        "check_in_value_not_negative",
        lambda: CheckIn.objects.filter(pk=check_in.pk).update(value=Decimal("-0.01")),
    )


def test_a_done_step_has_its_day_and_only_a_done_step(step, today):
    steps = MicroGoal.objects.filter(pk=step.pk)
    refused("micro_goal_done_when_dated", lambda: steps.update(status="done"))
    refused("micro_goal_done_when_dated", lambda: steps.update(completed_on=today))
    refused(
        "micro_goal_done_when_dated", lambda: steps.update(status="skipped", completed_on=today)
    )
    steps.update(status="done", completed_on=today)


def test_a_step_status_is_a_known_one(step):
    refused(
        "micro_goal_status_known",
        lambda: MicroGoal.objects.filter(pk=step.pk).update(status="later"),
    )


def test_two_steps_of_a_goal_never_share_a_place(goal, step):
    other = services.micro_goal_create(goal=goal, title="Shadow a project lead")

    def same_place():
        # Checked at commit; asking now shows the refusal inside the test's transaction.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS one_step_per_place IMMEDIATE")
        MicroGoal.objects.filter(pk=other.pk).update(position=step.position)

    refused("one_step_per_place", same_place)


def test_steps_of_different_goals_may_share_a_place(ana, make_goal, step):
    second = services.micro_goal_create(goal=make_goal(ana), title="Another goal's first step")
    assert second.position == step.position == 1


# --- full_clean asks the same rules, in words, without a query --------------------------------


def test_full_clean_explains_a_broken_rule_without_asking_the_database(
    goal, step, django_assert_num_queries
):
    goal.status, goal.achieved_at = Goal.Status.ACHIEVED, None
    step.status, step.completed_on = MicroGoal.Status.SKIPPED, datetime.date.today()
    with django_assert_num_queries(0):
        with pytest.raises(ValidationError) as goal_error:
            goal.full_clean(exclude=["owner", "vision_answer"])
        with pytest.raises(ValidationError) as step_error:
            step.full_clean(exclude=["goal", "position"])
    assert "An achieved goal has the moment it was achieved" in str(goal_error.value)
    assert "A done step has the day it was done" in str(step_error.value)


@pytest.mark.parametrize(
    ("fields", "holds"),
    [
        ({"confidence": None}, True),
        ({"confidence": 1}, True),
        ({"confidence": 0}, False),
        ({"baseline": None, "target": Decimal(0)}, True),
        ({"target": Decimal("-3")}, False),
        ({"status": "achieved", "achieved_at": None}, False),
        ({"status": "draft", "achieved_at": timezone.now()}, False),
        ({"status": "achieved", "achieved_at": timezone.now()}, True),
    ],
)
def test_full_clean_and_postgres_agree(goal, fields, holds):
    for name, value in fields.items():
        setattr(goal, name, value)
    try:
        goal.full_clean(exclude=["owner", "vision_answer"])
        cleaned = True
    except ValidationError:
        cleaned = False
    try:
        with transaction.atomic():
            Goal.objects.filter(pk=goal.pk).update(**fields)
        stored = True
    except IntegrityError:
        stored = False
    assert cleaned is stored is holds


# --- an import that breaks a rule is refused in words, not with a database error ----------------


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"goals.0.status": "achieved", "goals.0.achieved_at": None}, "An achieved goal has"),
        ({"goals.0.micro_goals.0.status": "done"}, "A done step has the day it was done"),
        ({"goals.0.micro_goals.1.position": 1}, "Two steps of a goal can’t share a place"),
    ],
)
def test_an_import_breaking_a_rule_is_refused_in_words(
    client, ana, goal, make_user, tmp_path, changes, words
):
    from django.core.management.base import CommandError

    from tests.goals.test_bounds import export_with, run_import

    services.micro_goal_create(goal=goal, title="Ask for the Atlas project")
    services.micro_goal_create(goal=goal, title="Shadow a project lead")
    data = export_with(client, ana, **changes)
    newcomer = make_user(email="new@example.org")
    with pytest.raises(CommandError, match=words):
        run_import(tmp_path, "new@example.org", data)
    assert not Goal.objects.filter(owner=newcomer).exists()
