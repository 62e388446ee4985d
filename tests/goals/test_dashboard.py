"""The dashboard: what it shows, and that it costs the same queries at 1, 50 and 500 goals."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from goals import selectors, services
from goals.models import Goal, MicroGoal

pytestmark = pytest.mark.django_db


def bulk_goals(owner, count, steps_each, today):
    goals = Goal.objects.bulk_create(
        Goal(
            owner=owner,
            statement=f"Lead {n} client projects end to end",
            horizon=[1, 5, 10][n % 3],
            target_date=today + datetime.timedelta(days=5 + n),
            metric_name="Projects",
            baseline=Decimal(0),
            target=Decimal(3),
            current_value=Decimal(1),
            confidence=4,
            relevance="It is the path to leading a team.",
            status=Goal.Status.ACTIVE,
        )
        for n in range(count)
    )
    MicroGoal.objects.bulk_create(
        MicroGoal(
            goal=goal,
            position=i,
            title=f"Step {i}",
            deadline=today + datetime.timedelta(days=i - 3),
            status=MicroGoal.Status.DONE if i % 4 == 0 else MicroGoal.Status.TODO,
            completed_on=today if i % 4 == 0 else None,
        )
        for goal in goals
        for i in range(steps_each)
    )


@pytest.fixture
def welcomed_ana(ana):
    ana.welcomed_at = timezone.now()
    ana.save()
    return ana


def test_new_person_is_guided_to_the_vision_first(client, ana):
    client.force_login(ana)
    response = client.get(reverse("goals:home"))
    assert response.url == reverse("goals:vision")
    client.post(reverse("goals:vision_skip"))
    page = client.get(reverse("goals:home"))
    assert page.status_code == 200
    assert "Write your first goal" in page.content.decode()  # the empty state


def test_dashboard_groups_by_horizon_with_deadlines(client, welcomed_ana, make_goal, today):
    one = make_goal(welcomed_ana, statement="Finish the AWS certification", horizon=1)
    make_goal(
        welcomed_ana,
        statement="Become head of engineering",
        horizon=5,
        target_date=today + datetime.timedelta(days=1500),
    )
    services.micro_goal_create(
        goal=one, title="Book the exam", deadline=today + datetime.timedelta(days=3)
    )
    services.micro_goal_create(
        goal=one, title="Read chapter 4", deadline=today - datetime.timedelta(days=2)
    )
    achieved = make_goal(welcomed_ana, statement="Give a talk at the meetup")
    services.goal_achieve(goal=achieved)
    client.force_login(welcomed_ana)
    html = client.get(reverse("goals:home")).content.decode()
    assert html.index("1-year goals") < html.index("5-year goals")
    assert "Book the exam" in html
    assert "Overdue" in html and "Read chapter 4" in html
    assert "Recent achievements" in html and "Give a talk at the meetup" in html


def test_large_amounts_are_grouped_in_thousands(client, welcomed_ana, make_goal):
    make_goal(
        welcomed_ana,
        statement="Earn a salary of 85,000 as a senior designer",
        metric_name="Salary",
        metric_unit="EUR",
        baseline=Decimal("62000"),
        target=Decimal("85000"),
    )
    client.force_login(welcomed_ana)
    html = client.get(reverse("goals:home")).content.decode()
    assert "62,000 of 85,000 EUR" in html


def test_someone_elses_goals_never_show(client, welcomed_ana, bob, make_goal):
    make_goal(bob, statement="Bob's secret plan to run the company")
    client.force_login(welcomed_ana)
    assert "secret plan" not in client.get(reverse("goals:home")).content.decode()


@pytest.mark.parametrize("goal_count", [1, 50, 500])
def test_dashboard_queries_do_not_grow(
    client, welcomed_ana, today, goal_count, django_assert_num_queries
):
    bulk_goals(welcomed_ana, goal_count, steps_each=20, today=today)
    client.force_login(welcomed_ana)
    # session, user, unread-notification count, goals with step counts, steps due soon
    with django_assert_num_queries(4):  # the session comes from Redis
        response = client.get(reverse("goals:home"))
    assert response.status_code == 200
    assert response.content.decode().count('class="goal-card') == goal_count


def test_cards_and_deadlines_link_and_read_as_before(client, welcomed_ana, make_goal, today):
    """The card and deadline words are put together in Python now: same links, same words."""
    long = "Write and publish a practical handbook on onboarding junior engineers well"
    dated = make_goal(welcomed_ana, statement=long, target_date=today)
    vague = make_goal(
        welcomed_ana,
        statement="Get better",
        metric_name="",
        metric_unit="",
        baseline=None,
        target=None,
        target_date=None,
    )
    services.micro_goal_create(
        goal=dated, title="Outline <the> chapters", deadline=today - datetime.timedelta(days=1)
    )
    client.force_login(welcomed_ana)
    html = client.get(reverse("goals:home")).content.decode()
    for goal in (dated, vague):
        assert f'href="{goal.get_absolute_url()}">{goal.statement}</a>' in html
    assert f'<a href="{dated.get_absolute_url()}#steps">Outline &lt;the&gt; chapters</a>' in html
    assert "Step of “Write and publish a practical handbook on onboard…” · overdue" in html
    assert "Goal deadline · today" in html
    missing = [
        letter.name
        for letter in selectors.goal_card(
            selectors.goals_with_step_counts(Goal.objects.filter(pk=vague.pk)).get(), today
        ).smart.missing
    ]
    assert missing  # the vague goal misses letters, and the badge names them
    assert (
        f'aria-label="SMART check: {5 - len(missing)} of 5 met; missing {", ".join(missing)}"'
        in html
    )
    assert 'aria-label="SMART check: 5 of 5 met"' in html


def test_every_change_shows_on_the_next_load(client, welcomed_ana, make_goal, today):
    """The rendered content is kept while what it shows stays the same: each write shows at once."""
    goal = make_goal(welcomed_ana, statement="Lead two client projects end to end")
    other = make_goal(
        welcomed_ana,
        statement="Mentor a junior colleague",
        horizon=5,
        target_date=today + datetime.timedelta(days=900),
        metric_name="",
        metric_unit="",
        baseline=None,
        target=None,
    )
    client.force_login(welcomed_ana)

    def page() -> str:
        response = client.get(reverse("goals:home"))
        assert response.status_code == 200
        return response.content.decode()

    assert "0 of 2 projects" in page()
    services.goal_update(goal=goal, statement="Lead three client projects end to end")
    assert "Lead three client projects end to end" in page()
    services.check_in_create(goal=goal, value=Decimal("1"), recorded_on=today)
    assert "1 of 2 projects" in page()
    step = services.micro_goal_create(
        goal=other, title="Ask Sam what helps", deadline=today + datetime.timedelta(days=2)
    )
    html = page()
    assert "Ask Sam what helps" in html and "0 of 1 step done" in html
    services.micro_goal_set_status(micro_goal=step, status=MicroGoal.Status.DONE)
    html = page()
    assert "Ask Sam what helps" not in html and "1 of 1 step done" in html
    services.micro_goal_update(micro_goal=step, title="Ask Sam and Kim what helps")
    services.micro_goal_set_status(micro_goal=step, status=MicroGoal.Status.TODO)
    assert "Ask Sam and Kim what helps" in page()
    services.goal_achieve(goal=goal)
    html = page()
    assert "Recent achievements" in html and "Lead three client projects" in html
    assert 'class="goal-card' in html and html.count('class="goal-card') == 1
    services.goal_abandon(goal=other, reason="Plans changed")
    assert "Mentor a junior colleague" not in page()
    welcomed_ana.display_name = "Ana María"
    welcomed_ana.save()
    assert "Hello, Ana María" in page()
