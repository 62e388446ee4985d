"""A goal started from an example, in a real browser: pick it, see the SMART check name what
is still the example's, make it one's own, and get its steps dated from today."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from careergoals.users.timezones import user_today
from goals.models import Goal, GoalExample
from goals.services_examples import goal_examples_load
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "knowledge-certification"


@pytest.fixture
def signed_in(page, live_server, make_user):
    goal_examples_load()  # a flush between browser tests empties the library
    make_user(
        email="dana@example.org",
        display_name="Dana",
        timezone="Pacific/Kiritimati",  # UTC+14: her today is often not the server's
        welcomed_at=timezone.now(),
    )
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("dana@example.org")
    page.get_by_label(re.compile(r"^\s*Password")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r"/home/$"))
    return page


def test_a_goal_from_an_example_gets_its_steps_dated_from_today(signed_in, live_server):
    page = signed_in
    page.goto(live_server.url + "/goals/new/")
    page.get_by_role("link", name="Start from an example").click()
    page.get_by_role("link", name=re.compile(r"^Knowledge and training")).click()
    card = page.locator("article", has_text="Pass a professional certification")
    card.get_by_role("link", name="Start from this example").click()

    panel = page.locator("#smart-panel")
    expect(panel).to_contain_text("replace “[name of the certification]”")
    expect(panel).to_contain_text("Put your own numbers in place of “[your number]”")

    # Saving with the example's placeholders is refused, and nothing typed is lost.
    page.get_by_role("button", name="Save goal").click()
    expect(page.get_by_text("Replace “[your number]” with your own number.").first).to_be_visible()
    assert not Goal.objects.exists()

    page.get_by_label("Your goal").fill("Pass the AWS Solutions Architect exam with 80 % or more")
    page.get_by_label("Starting value").fill("55")
    page.get_by_label("Target value").fill("80")
    expect(panel).not_to_contain_text("[your number]")
    page.get_by_label(re.compile("Ask your manager to fund")).uncheck()
    page.get_by_role("button", name="Save goal").click()
    page.wait_for_url(re.compile(r"/goals/\d+/$"))

    goal = Goal.objects.get()
    today = user_today(goal.owner)
    example = GoalExample.objects.get(slug=SLUG)
    expected = [
        (step.title, today + datetime.timedelta(days=step.offset_days))
        for step in example.steps.all()
        if not step.title.startswith("Ask your manager")
    ]
    assert [(step.title, step.deadline) for step in goal.micro_goals.all()] == expected
    assert (goal.baseline, goal.target) == (55, 80)
    for title, deadline in expected:  # the page shows each step with its date
        row = page.locator("li", has=page.locator(".step-title", has_text=title))
        expect(row.first).to_contain_text(f"due {deadline.day} {deadline:%b %Y}")
    expect(page.get_by_text("Goal saved with 4 dated steps.")).to_be_visible()
    assert page.console_errors == []
