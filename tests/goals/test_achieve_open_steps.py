"""Reaching a goal with steps still open: offer to close them, and show the goal as achieved.

An achieved goal is never shown as "0 %" or "0 of 2 steps done"; steps that are no longer
needed are not counted as missing, on any page.
"""

import re

import pytest
from django.urls import reverse

from accountability import services as buddy_services
from goals import services
from goals.models import MicroGoal
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NO_MEASURE = {"metric_name": "", "metric_unit": "", "baseline": None, "target": None}


def sign_in(client, user):
    assert client.login(email=user.email, password=PASSWORD)
    return client


@pytest.fixture
def stepped(ana, make_goal):
    """A goal measured by its steps, with two steps still open."""
    goal = make_goal(ana, statement="Run the Lisbon workshop", **NO_MEASURE)
    for title in ("Book the room", "Send the invitations"):
        services.micro_goal_create(goal=goal, title=title)
    return goal


@pytest.fixture
def reached(stepped):
    services.goal_achieve(goal=stepped)
    return stepped


def steps_of(goal):
    return list(goal.micro_goals.order_by("position"))


def close_url(goal):
    return reverse("goals:goal_close_micro_goals", args=[goal.pk])


def percent_on(html: str) -> list[str]:
    return re.findall(r'aria-valuenow="(\d+)"', html)


# --- The offer on the celebration page ------------------------------------------------


def test_the_celebration_page_offers_to_close_the_open_steps(client, ana, reached):
    html = sign_in(client, ana).get(reverse("goals:goal_celebrate", args=[reached.pk])).text
    assert "still open" in html
    for step in steps_of(reached):
        assert step.title in html
        assert f'name="step-{step.pk}" value="done"' in html
        assert f'name="step-{step.pk}" value="skipped"' in html
    assert "No longer needed" in html
    assert "0 of 2" not in html


def test_each_step_is_closed_as_chosen(client, ana, reached, today):
    first, second = steps_of(reached)
    response = sign_in(client, ana).post(
        close_url(reached), {f"step-{first.pk}": "done", f"step-{second.pk}": "skipped"}
    )
    assert response.status_code == 302
    assert response.url == reverse("goals:goal_celebrate", args=[reached.pk])
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.completed_on) == (MicroGoal.Status.DONE, today)
    assert (second.status, second.completed_on) == (MicroGoal.Status.SKIPPED, None)

    html = client.get(response.url).text
    assert "1 step done · 1 no longer needed" in html
    assert "still open" not in html


@pytest.mark.parametrize("choice", ["done", "skipped"])
def test_all_open_steps_are_closed_at_once(client, ana, reached, choice):
    done_before = services.micro_goal_create(goal=reached, title="Already done")
    services.micro_goal_set_status(micro_goal=done_before, status="done")
    sign_in(client, ana).post(close_url(reached), {"all": choice})
    statuses = {step.title: step.status for step in steps_of(reached)}
    expected = {"Book the room": choice, "Send the invitations": choice, "Already done": "done"}
    assert statuses == expected


def test_a_step_left_out_stays_open(client, ana, reached):
    first, second = steps_of(reached)
    sign_in(client, ana).post(close_url(reached), {f"step-{first.pk}": "done"})
    second.refresh_from_db()
    assert second.status == MicroGoal.Status.TODO


def test_an_unknown_choice_is_refused_and_nothing_changes(client, ana, reached):
    first, _ = steps_of(reached)
    response = sign_in(client, ana).post(close_url(reached), {f"step-{first.pk}": "burnt"})
    assert response.status_code == 200
    assert "Choose “Done” or “No longer needed”" in response.text
    assert {step.status for step in steps_of(reached)} == {MicroGoal.Status.TODO}


def test_steps_of_another_goal_are_not_touched(client, ana, reached, make_goal):
    other = make_goal(ana, statement="Another goal")
    elsewhere = services.micro_goal_create(goal=other, title="Elsewhere")
    sign_in(client, ana).post(close_url(reached), {f"step-{elsewhere.pk}": "done", "all": ""})
    elsewhere.refresh_from_db()
    assert elsewhere.status == MicroGoal.Status.TODO


def test_only_the_owner_closes_steps(client, bob, reached):
    buddy_services.partnership_create(a=reached.owner, b=bob)
    buddy_services.goal_set_visibility(goal=reached, visibility="buddies")
    response = sign_in(client, bob).post(close_url(reached), {"all": "done"})
    assert response.status_code == 404
    assert {step.status for step in steps_of(reached)} == {MicroGoal.Status.TODO}


def test_an_open_goal_has_no_steps_to_close_from_here(client, ana, stepped):
    response = sign_in(client, ana).post(close_url(stepped), {"all": "done"})
    assert response.status_code == 404


# --- An achieved goal shows as achieved everywhere -------------------------------------


def test_the_journal_shows_an_achieved_goal_with_open_steps_as_achieved(client, ana, reached):
    html = sign_in(client, ana).get(reverse("goals:journal")).text
    assert "0 of 2" not in html
    assert "2 steps left open" in html


def test_the_buddy_sees_the_achieved_goal_at_100_percent(client, ana, bob, reached):
    buddy_services.partnership_create(a=ana, b=bob)
    buddy_services.goal_set_visibility(goal=reached, visibility="buddies")
    html = sign_in(client, bob).get(reverse("goals:goal_detail", args=[reached.pk])).text
    assert percent_on(html) == ["100"]
    assert "Achieved" in html
    assert "0 of 2" not in html
    assert "2 steps left open" in html


def test_the_owner_sees_the_achieved_goal_at_100_percent(client, ana, reached):
    html = sign_in(client, ana).get(reverse("goals:goal_detail", args=[reached.pk])).text
    assert percent_on(html) == ["100"]


def test_steps_no_longer_needed_are_not_counted_as_missing(client, ana, stepped):
    first, second = steps_of(stepped)
    services.micro_goal_set_status(micro_goal=first, status="done")
    services.micro_goal_set_status(micro_goal=second, status="skipped")
    html = sign_in(client, ana).get(reverse("goals:goal_detail", args=[stepped.pk])).text
    assert percent_on(html) == ["100"]
    assert "No longer needed" in html
    dashboard = client.get(reverse("goals:home")).text
    assert "1 of 1 step done · 1 no longer needed" in dashboard


def test_the_review_agenda_shows_an_achieved_goal_as_achieved(client, ana, bob, reached):
    import datetime

    from django.utils import timezone

    pair = buddy_services.partnership_create(a=ana, b=bob)
    buddy_services.goal_set_visibility(goal=reached, visibility="buddies")
    meeting = buddy_services.review_propose(
        partnership=pair,
        by=ana,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        duration_minutes=60,
        place="",
    )
    html = sign_in(client, bob).get(reverse("buddies:review_detail", args=[meeting.pk])).text
    assert reached.statement in html
    assert percent_on(html) == ["100"]
    assert "0 of 2" not in html
    assert "2 steps left open" in html
