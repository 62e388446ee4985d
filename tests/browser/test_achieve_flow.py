"""Reaching a goal with open steps: close them on the way to the celebration, no JS needed."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from goals import services
from goals.models import MicroGoal

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reaching_a_goal_closes_its_open_steps(page, live_server, make_user, make_goal):
    dana = make_user(email="dana@example.org", display_name="Dana", welcomed_at=timezone.now())
    goal = make_goal(
        dana,
        statement="Run the Lisbon workshop",
        metric_name="",
        metric_unit="",
        baseline=None,
        target=None,
    )
    for title in ("Book the room", "Send the invitations"):
        services.micro_goal_create(goal=goal, title=title)
    sign_in(page, live_server, "dana@example.org")
    page.goto(f"{live_server.url}/goals/{goal.pk}/")

    page.get_by_role("button", name="I reached it!").click()
    page.wait_for_url(re.compile(r"/celebrate/$"))
    expect(page.get_by_role("heading", name="2 steps still open")).to_be_visible()
    page.get_by_label("No longer needed: Send the invitations").check()
    page.get_by_role("button", name="Close these steps").click()

    expect(page.get_by_text("1 step done · 1 no longer needed")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("still open"))).to_have_count(0)
    assert sorted(goal.micro_goals.values_list("status", flat=True)) == [
        MicroGoal.Status.DONE,
        MicroGoal.Status.SKIPPED,
    ]
    page.goto(f"{live_server.url}/journal/")
    expect(page.get_by_text("1 step done · 1 no longer needed")).to_be_visible()
