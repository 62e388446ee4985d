"""visible_to: the one access check, across owner, buddies, ex-buddies and strangers."""

import pytest

from accountability import selectors, services
from goals.models import Goal

pytestmark = pytest.mark.django_db


def visible(user):
    return set(Goal.objects.visible_to(user).values_list("statement", flat=True))


def test_private_goals_stay_private(ana, bob, make_goal, partnership):
    make_goal(ana, statement="Private plan")
    assert visible(ana) == {"Private plan"}
    assert visible(bob) == set()


def test_shared_with_all_buddies(ana, bob, carol, shared_goal):
    assert shared_goal.statement in visible(bob)
    assert visible(carol) == set()


def test_shared_with_chosen_buddies_only(ana, bob, dave, make_goal, partnership):
    services.partnership_create(a=ana, b=dave)
    goal = make_goal(ana, statement="Just for Bob")
    services.goal_set_visibility(goal=goal, visibility="chosen", chosen=[bob])
    assert "Just for Bob" in visible(bob)
    assert "Just for Bob" not in visible(dave)
    assert selectors.goal_audience(goal=goal) == [bob]


def test_ending_the_partnership_removes_access_at_once(ana, bob, shared_goal, partnership):
    services.partnership_end(partnership=partnership, by=bob)
    assert visible(bob) == set()
    assert shared_goal.statement in visible(ana)


def test_sharing_is_mutual_not_transitive(ana, bob, carol, make_goal, partnership):
    services.partnership_create(a=bob, b=carol)
    goal = make_goal(ana, statement="Ana's goal")
    services.goal_set_visibility(goal=goal, visibility="buddies")
    assert "Ana's goal" in visible(bob)
    assert "Ana's goal" not in visible(carol)  # a buddy's buddy is not a buddy


def test_cannot_share_with_a_stranger(ana, carol, goal, partnership):
    with pytest.raises(Exception, match="current buddies"):
        services.goal_set_visibility(goal=goal, visibility="chosen", chosen=[carol])


def test_circle_is_capped_at_five(make_user, ana):
    for n in range(5):
        services.partnership_create(a=ana, b=make_user(email=f"b{n}@example.org"))
    with pytest.raises(Exception, match="already has 5 buddies"):
        services.partnership_create(a=ana, b=make_user(email="sixth@example.org"))
