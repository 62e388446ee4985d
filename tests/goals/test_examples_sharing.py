"""Share as an example: a person's own goal, offered to their buddies ("this worked for
me"), shown with their name in the buddies' picker, removable by them alone."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accountability import services as buddy_services
from goals import services, services_examples
from goals.models import Goal, GoalExample

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(ana, bob):
    return buddy_services.partnership_create(a=ana, b=bob)


@pytest.fixture
def shared(ana, goal, today):
    services.micro_goal_create(
        goal=goal, title="Book a 1:1 with my manager", deadline=today + datetime.timedelta(days=14)
    )
    services.micro_goal_create(goal=goal, title="Draft the plan")  # no deadline
    dropped = services.micro_goal_create(goal=goal, title="A step I dropped")
    services.micro_goal_set_status(micro_goal=dropped, status="skipped")
    services.micro_goal_create(
        goal=goal, title="Present the plan", deadline=today + datetime.timedelta(days=45)
    )
    return services_examples.goal_example_save(
        goal=goal,
        by=ana,
        title="Lead client projects",
        statement="Lead [your number] client projects end to end",
        note="Asking early for the kick-off made the difference.",
    )


def picker(client, user):
    client.force_login(user)
    return client.get(reverse("goals:example_list"))


def test_sharing_copies_the_plan_not_the_numbers(shared, goal):
    assert shared.source == "person" and shared.owner == goal.owner
    assert (shared.category, shared.horizon) == (goal.category, goal.horizon)
    assert shared.weeks == 29  # the goal's 200 days, in weeks
    assert shared.metric_name == "Projects led" and shared.target is None
    assert [(step.title, step.offset_days) for step in shared.steps.all()] == [
        ("Book a 1:1 with my manager", 14),
        ("Draft the plan", 21),  # a week after the step before it
        ("Present the plan", 45),
    ]
    goal.refresh_from_db()
    assert goal.statement == "Lead two client projects end to end"  # unchanged


def test_the_share_page_saves_it_for_the_owner(client, ana, goal):
    client.force_login(ana)
    url = reverse("goals:goal_save_example", args=[goal.pk])
    page = client.get(url)
    assert page.status_code == 200 and page.context["form"]["statement"].value() == goal.statement

    response = client.post(url, {"title": "Lead projects", "statement": "Lead 2 projects"})

    assert response.status_code == 302 and response["Location"] == goal.get_absolute_url()
    assert GoalExample.objects.get(owner=ana).title == "Lead projects"


def test_a_share_without_a_title_is_refused_and_keeps_what_was_typed(client, ana, goal):
    client.force_login(ana)
    url = reverse("goals:goal_save_example", args=[goal.pk])
    page = client.post(url, {"title": "", "statement": "Lead 2 projects", "note": "Ask early"})
    assert page.status_code == 200
    assert "This field is required." in page.text and "Ask early" in page.text
    assert not GoalExample.objects.filter(owner=ana).exists()


def test_only_the_owner_shares_a_goal(bob, goal):
    with pytest.raises(ValidationError):
        services_examples.goal_example_save(goal=goal, by=bob, title="Mine", statement="Lead it")


def test_a_buddy_sees_it_with_the_name_and_the_note(client, shared, pair, bob):
    page = picker(client, bob)
    assert "Lead client projects" in page.text
    assert "From Ana" in page.text
    assert "Asking early for the kick-off made the difference." in page.text
    start = client.get(reverse("goals:example_use", args=[shared.pk]))
    assert start.status_code == 200 and "shared by Ana" in start.text


def test_a_buddy_starts_from_it_with_dated_steps(client, shared, pair, bob, today):
    client.force_login(bob)
    data = {
        "statement": "Lead 3 client projects end to end",
        "category": shared.category,
        "horizon": "1",
        "target_date": (today + datetime.timedelta(weeks=29)).isoformat(),
        "metric_name": "Projects led",
        "metric_unit": "projects",
        "baseline": "0",
        "target": "3",
        "steps": [str(step.pk) for step in shared.steps.all()],
    }
    response = client.post(reverse("goals:example_use", args=[shared.pk]), data)
    assert response.status_code == 302
    goal = Goal.objects.get(owner=bob)
    assert [step.deadline for step in goal.micro_goals.all()] == [
        today + datetime.timedelta(days=days) for days in (14, 21, 45)
    ]


def test_a_stranger_and_an_ex_buddy_get_404_and_never_see_it(client, shared, pair, carol, bob):
    page = picker(client, carol)
    assert "Lead client projects" not in page.text
    assert client.get(reverse("goals:example_use", args=[shared.pk])).status_code == 404

    buddy_services.partnership_end(partnership=pair, by=bob)
    page = picker(client, bob)
    assert "Lead client projects" not in page.text
    assert client.get(reverse("goals:example_use", args=[shared.pk])).status_code == 404


def test_the_owner_sees_it_as_theirs_and_removes_it(client, shared, ana):
    page = picker(client, ana)
    assert "Yours" in page.text
    response = client.post(reverse("goals:example_remove", args=[shared.pk]))
    assert response.status_code == 302
    assert not GoalExample.objects.filter(pk=shared.pk).exists()


def test_a_buddy_cannot_remove_it_nor_anyone_the_library(client, shared, pair, bob, ana):
    client.force_login(bob)
    assert client.post(reverse("goals:example_remove", args=[shared.pk])).status_code == 404
    library = GoalExample.objects.filter(source="library").first()
    client.force_login(ana)
    assert client.post(reverse("goals:example_remove", args=[library.pk])).status_code == 404
    assert GoalExample.objects.filter(pk__in=[shared.pk, library.pk]).count() == 2


def test_deleting_the_account_removes_their_examples(shared, ana):
    from careergoals.users import services as user_services

    user_services.user_delete(user=ana)
    assert not GoalExample.objects.filter(pk=shared.pk).exists()
