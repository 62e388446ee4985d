"""The roadmap page: one's own goals on a ten-year axis, at a fixed cost in queries."""

import datetime

import pytest
from django.urls import reverse

from goals import services
from goals.models import Goal

pytestmark = pytest.mark.django_db

URL = reverse("roadmap")


def test_owner_sees_own_goals_not_strangers(client, ana, bob, make_goal, today):
    make_goal(ana, statement="Lead two client projects end to end")
    make_goal(
        ana,
        statement="Earn a cloud architecture certificate",
        category=Goal.Category.KNOWLEDGE,
        target_date=today + datetime.timedelta(days=365 * 4),
    )
    make_goal(bob, statement="Bob’s secret plan to run the company")
    client.force_login(ana)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lead two client projects end to end" in html
    assert "Earn a cloud architecture certificate" in html
    assert "Power and responsibility" in html and "Knowledge and training" in html
    assert "secret plan" not in html
    assert "Nothing on your roadmap yet" not in html


def test_abandoned_goals_are_left_out(client, ana, make_goal):
    goal = make_goal(ana, statement="Move into sales")
    services.goal_abandon(goal=goal, reason="Not for me after all")
    client.force_login(ana)
    assert "Move into sales" not in client.get(URL).content.decode()


def test_goals_without_a_deadline_are_listed_apart(client, ana, make_goal):
    goal = make_goal(ana, statement="Speak at a conference", target_date=None)
    client.force_login(ana)
    html = client.get(URL).content.decode()
    assert "No deadline yet" in html
    assert reverse("goal_edit", args=[goal.pk]) in html


def test_empty_state_invites_a_first_goal(client, ana, bob, make_goal):
    make_goal(bob)
    client.force_login(ana)
    html = client.get(URL).content.decode()
    assert "Nothing on your roadmap yet" in html
    assert f'href="{reverse("goal_create")}"' in html


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_read_only(client, ana):
    client.force_login(ana)
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("count", [1, 30])
def test_query_count_does_not_grow_with_goals(
    client, ana, make_goal, today, count, django_assert_num_queries
):
    categories = list(Goal.Category)
    goals = [
        make_goal(
            ana,
            statement=f"Goal number {n}",
            category=categories[n % len(categories)],
            target_date=today + datetime.timedelta(days=120 * n) if n % 5 else None,
        )
        for n in range(count)
    ]
    client.force_login(ana)
    # The session, the user, the unread-notification count, the goals.
    with django_assert_num_queries(4):
        response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert all(f'href="{reverse("goal_detail", args=[goal.pk])}"' in html for goal in goals)
