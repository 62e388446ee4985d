import pytest

from accountability import services


@pytest.fixture
def partnership(ana, bob):
    return services.partnership_create(a=ana, b=bob)


@pytest.fixture
def shared_goal(ana, make_goal, partnership):
    """One of ana's goals, shared with all her buddies."""
    goal = make_goal(ana, statement="Lead two client projects end to end")
    return services.goal_set_visibility(goal=goal, visibility="buddies")
