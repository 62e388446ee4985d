import pytest

from accountability import services


@pytest.fixture
def carol(make_user):
    """A stranger to ana and bob."""
    return make_user(email="carol@example.org", display_name="Carol")


@pytest.fixture
def dave(make_user):
    """Another buddy of ana's, who is not shown goals shared only with bob."""
    return make_user(email="dave@example.org", display_name="Dave")


@pytest.fixture
def partnership(ana, bob):
    return services.partnership_create(a=ana, b=bob)


@pytest.fixture
def shared_goal(ana, make_goal, partnership):
    """One of ana's goals, shared with all her buddies."""
    goal = make_goal(ana, statement="Lead two client projects end to end")
    return services.goal_set_visibility(goal=goal, visibility="buddies")
