"""A person writes a goal, watches the SMART check update, and works its steps in place."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from goals.models import Goal, MicroGoal
from tests.conftest import PASSWORD

STEP_LABEL = re.compile(r"^\s*Step\*?\s*$")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def signed_in(page, live_server, make_user):
    make_user(email="dana@example.org", display_name="Dana", welcomed_at=timezone.now())
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("dana@example.org")
    page.get_by_label(re.compile(r"^\s*Password")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r"/home/$"))
    return page


def test_write_a_goal_and_work_its_steps(signed_in, live_server):
    page = signed_in
    page.get_by_role("link", name="Write your first goal").click()
    panel = page.locator("#smart-panel")
    assert "0 of 5" in panel.inner_text()

    page.get_by_label("Your goal").fill("Publish three articles about testing")
    page.get_by_label("What will you measure? (optional)").fill("Articles published")
    page.get_by_label("Starting value").fill("0")
    page.get_by_label("Target value").fill("3")
    deadline = datetime.date.today() + datetime.timedelta(days=120)
    page.get_by_label("Deadline", exact=False).first.fill(deadline.isoformat())
    # The panel follows the typing without a reload.
    # (Locator waits, not wait_for_function: the CSP forbids the eval that one needs.)
    expect(panel).to_contain_text("3 of 5")

    page.get_by_role("button", name="Save goal").click()
    page.wait_for_url(re.compile(r"/goals/\d+/$"))
    goal = Goal.objects.get()
    assert goal.statement == "Publish three articles about testing"

    # Add two steps in place.
    url_before = page.url
    for title in ("Outline the first article", "Ask Sam to review drafts"):
        if not page.get_by_label(STEP_LABEL).is_visible():
            page.get_by_text("Add a step").click()
        page.get_by_label(STEP_LABEL).fill(title)
        page.get_by_role("button", name="Add step").click()
        page.locator(".step-title", has_text=title).wait_for()
    assert page.url == url_before  # no navigation happened
    assert MicroGoal.objects.count() == 2

    # Tick the first one done, then move the second up.
    page.get_by_role("button", name="Mark “Outline the first article” as done").click()
    page.get_by_role("button", name="Mark “Outline the first article” as not done").wait_for()
    assert MicroGoal.objects.get(title="Outline the first article").status == "done"
    page.get_by_role("button", name="Actions for “Ask Sam to review drafts”").click()
    page.get_by_role("button", name="Move “Ask Sam to review drafts” up").click()
    expect(page.locator(".step-rows li .step-title").first).to_have_text(re.compile("^Ask Sam"))
    assert list(MicroGoal.objects.values_list("title", flat=True)) == [
        "Ask Sam to review drafts",
        "Outline the first article",
    ]
    assert page.console_errors == []
