"""Steps keep distinct places in their goal's list, even when two requests write at once.

These tests commit (``transaction=True``): the unique place is checked at commit, and two
requests are two connections, each in its own thread.
"""

import threading
import time

import pytest
from django.db import IntegrityError, connection, transaction

from goals import services
from goals.models import MicroGoal

pytestmark = pytest.mark.django_db(transaction=True)


def in_thread(work):
    """Run ``work`` on its own connection; returns a join() that hands back what happened."""
    outcome = {}

    def run():
        try:
            outcome["value"] = work()
        except Exception as error:  # reported to the test
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()

    def join():
        thread.join(timeout=30)
        assert not thread.is_alive()
        if "error" in outcome:
            raise outcome["error"]
        return outcome.get("value")

    return join


def test_two_steps_added_at_the_same_moment_get_distinct_places(goal):
    first_added = threading.Event()

    def first():
        with transaction.atomic():
            step = services.micro_goal_create(goal=goal, title="Ask for a project")
            first_added.set()
            time.sleep(1)  # the second request arrives while this one is still open
        return step.position

    def second():
        assert first_added.wait(timeout=10)
        return services.micro_goal_create(goal=goal, title="Shadow a project lead").position

    join_first, join_second = in_thread(first), in_thread(second)
    places = {join_first(), join_second()}
    assert places == {1, 2}
    assert sorted(MicroGoal.objects.filter(goal=goal).values_list("position", flat=True)) == [
        1,
        2,
    ]


def test_reordering_commits_although_places_are_swapped_one_row_at_a_time(goal):
    steps = [services.micro_goal_create(goal=goal, title=f"Step {n}") for n in range(1, 4)]
    services.micro_goal_move(micro_goal=steps[2], offset=-1)
    services.micro_goals_reorder(goal=goal, ordered_ids=[s.pk for s in reversed(steps)])
    shown = list(MicroGoal.objects.filter(goal=goal).values_list("title", "position"))
    assert shown == [("Step 3", 1), ("Step 2", 2), ("Step 1", 3)]


def test_the_database_refuses_two_steps_in_one_place_at_commit(goal):
    first = services.micro_goal_create(goal=goal, title="Ask for a project")
    second = services.micro_goal_create(goal=goal, title="Shadow a project lead")
    with pytest.raises(IntegrityError, match="one_step_per_place"), transaction.atomic():
        MicroGoal.objects.filter(pk=second.pk).update(position=first.position)
    assert MicroGoal.objects.get(pk=second.pk).position == 2


def test_a_deleted_step_leaves_the_others_in_place_and_a_new_one_goes_last(goal):
    steps = [services.micro_goal_create(goal=goal, title=f"Step {n}") for n in range(1, 4)]
    services.micro_goal_delete(micro_goal=steps[1])
    added = services.micro_goal_create(goal=goal, title="Step 4")
    assert added.position == 4
    assert MicroGoal.objects.filter(goal=goal).count() == 3
