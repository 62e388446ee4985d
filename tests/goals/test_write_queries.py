"""Adding a step, ticking one and adding a check-in cost the same few queries whatever the
number of steps the goal has: the re-plan touches the one step, never its siblings."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from accountability.services import goal_set_visibility, partnership_create
from careergoals.notifications.models import ScheduledReminder
from goals import services
from goals.models import MicroGoal

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2027, 1, 5, 9, 0, tzinfo=datetime.UTC)
# The brief's ceiling for each write, with two buddies who asked for heads-ups (the most a
# step's re-plan reads: the audience and everyone's choices).
WRITE_QUERIES = 12
STEP_COUNTS = [1, 10, 50, 200]


@pytest.fixture
def shared_goal(ana, make_user, make_goal):
    with time_machine.travel(NOW, tick=False):
        for email in ("bob@example.org", "cleo@example.org"):
            partnership_create(a=ana, b=make_user(email=email))
        goal = make_goal(ana, target_date=datetime.date(2027, 9, 1))
        return goal_set_visibility(goal=goal, visibility="buddies", buddy_reminders=True)


def with_steps(goal, count):
    """``count`` steps with deadlines, stored at once (the writes below are what is measured)."""
    MicroGoal.objects.bulk_create(
        MicroGoal(
            goal=goal,
            position=number + 1,
            title=f"Step {number + 1}",
            deadline=datetime.date(2027, 3, 1) + datetime.timedelta(days=number % 150),
        )
        for number in range(count)
    )
    return goal


def step_reminders(step):
    return set(
        ScheduledReminder.objects.filter(item=f"step:{step.pk}", status="pending").values_list(
            "recipient_id", "kind"
        )
    )


@pytest.mark.parametrize("steps", STEP_COUNTS)
def test_adding_a_step_costs_the_same_few_queries(
    shared_goal, steps, django_assert_max_num_queries
):
    with_steps(shared_goal, steps)
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(WRITE_QUERIES):
        step = services.micro_goal_create(
            goal=shared_goal, title="Ask for the next project", deadline=datetime.date(2027, 4, 1)
        )
    assert step.position == steps + 1
    # Ana's lead reminders and the overdue note, and each buddy's heads-up.
    assert {kind for _, kind in step_reminders(step)} == {"deadline", "overdue", "buddy_deadline"}
    assert len({recipient for recipient, _ in step_reminders(step)}) == 3


@pytest.mark.parametrize("steps", STEP_COUNTS)
def test_ticking_a_step_costs_the_same_few_queries(
    shared_goal, steps, django_assert_max_num_queries
):
    with_steps(shared_goal, steps)
    with time_machine.travel(NOW, tick=False):
        step = services.micro_goal_create(
            goal=shared_goal, title="Ask for the next project", deadline=datetime.date(2027, 4, 1)
        )
    assert step_reminders(step)
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(WRITE_QUERIES):
        services.micro_goal_set_status(micro_goal=step, status=MicroGoal.Status.DONE)
    assert step_reminders(step) == set()  # a done step is not reminded
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(WRITE_QUERIES):
        services.micro_goal_set_status(micro_goal=step, status=MicroGoal.Status.TODO)
    assert len(step_reminders(step)) >= 3  # reopened: reminded again


@pytest.mark.parametrize("steps", STEP_COUNTS)
def test_adding_a_check_in_costs_the_same_few_queries(
    shared_goal, steps, django_assert_max_num_queries
):
    with_steps(shared_goal, steps)
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(WRITE_QUERIES):
        services.check_in_create(
            goal=shared_goal, value=Decimal("1"), recorded_on=datetime.date(2027, 1, 4)
        )
    shared_goal.refresh_from_db()
    assert shared_goal.current_value == Decimal("1")
