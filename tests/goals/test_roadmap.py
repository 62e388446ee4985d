"""The roadmap page: one's own goals on a ten-year axis, at a fixed cost in queries."""

import datetime

import pytest
from django.urls import reverse

from goals import services
from goals.models import Goal
from goals.roadmap import roadmap_layout

pytestmark = pytest.mark.django_db

URL = reverse("goals:roadmap")


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
    assert reverse("goals:goal_edit", args=[goal.pk]) in html


def test_empty_state_invites_a_first_goal(client, ana, bob, make_goal):
    make_goal(bob)
    client.force_login(ana)
    html = client.get(URL).content.decode()
    assert "Nothing on your roadmap yet" in html
    assert f'href="{reverse("goals:goal_create")}"' in html


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
    with django_assert_num_queries(3):  # the session comes from Redis
        response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert all(f'href="{reverse("goals:goal_detail", args=[goal.pk])}"' in html for goal in goals)


# --- A compact roadmap: the axis reaches only as far as the furthest goal's horizon ---------


def test_goals_within_a_year_get_a_one_year_axis_in_quarters(ana, make_goal, today):
    soon = make_goal(ana, target_date=today + datetime.timedelta(days=60))
    later = make_goal(ana, target_date=today + datetime.timedelta(days=300))
    layout = roadmap_layout(goals=[soon, later], today=today, fit=True)
    assert layout.years == 1
    assert layout.end == today.replace(year=today.year + 1)
    assert [tick.offset for tick in layout.ticks] == pytest.approx([0, 25, 50, 75, 100], abs=1)
    assert layout.ticks[-1].horizon == "1 year"
    assert layout.ticks[1].label == _month_label(today, 3)
    # Spread over the width, not squeezed into its first tenth.
    (row,) = layout.rows
    assert row.items[1].offset > 75
    assert layout.plan_further


def test_a_goal_in_four_years_gets_a_five_year_axis(ana, make_goal, today):
    goal = make_goal(ana, target_date=today + datetime.timedelta(days=365 * 4))
    layout = roadmap_layout(goals=[goal], today=today, fit=True)
    assert layout.years == 5
    assert [tick.label for tick in layout.ticks] == [str(today.year + k) for k in range(6)]
    assert [tick.horizon for tick in layout.ticks if tick.horizon] == ["1 year", "5 years"]
    assert layout.plan_further


def test_a_goal_in_eight_years_gets_the_full_ten_years(ana, make_goal, today):
    goal = make_goal(ana, target_date=today + datetime.timedelta(days=365 * 8))
    beyond = make_goal(
        ana, target_date=today.replace(year=today.year + 10) + datetime.timedelta(days=20)
    )
    layout = roadmap_layout(goals=[goal, beyond], today=today, fit=True)
    assert layout.years == 10
    assert [tick.horizon for tick in layout.ticks if tick.horizon] == [
        "1 year",
        "5 years",
        "10 years",
    ]
    assert [item.is_beyond for item in layout.rows[0].items] == [False, True]
    assert not layout.plan_further


def test_page_with_only_near_goals_is_compact_and_invites_planning_further(
    client, ana, make_goal, today
):
    make_goal(
        ana, statement="Ship the onboarding revamp", target_date=today + datetime.timedelta(days=90)
    )
    client.force_login(ana)
    html = client.get(URL).content.decode()
    assert "the next year" in html
    assert "the next ten years" not in html
    assert "Plan further" in html
    assert "Where would you like to be in five or ten years?" in html
    assert f'href="{reverse("goals:goal_create")}"' in html


def test_page_with_a_long_horizon_goal_does_not_nag(client, ana, make_goal, today):
    make_goal(
        ana, statement="Run my own studio", target_date=today + datetime.timedelta(days=365 * 9)
    )
    client.force_login(ana)
    html = client.get(URL).content.decode()
    assert "the next ten years" in html
    assert "Plan further" not in html


def _month_label(today, months):
    month = today.month - 1 + months
    return datetime.date(today.year + month // 12, month % 12 + 1, 1).strftime("%b %Y")
