"""The goal page stays true after in-place changes: every dependent part follows, no reload.

Adding steps, ticking one and adding a check-in are each checked against the SMART panel, the
progress bar and the step count, in Chromium against a live server.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from goals import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
STEP_LABEL = re.compile(r"^\s*Step\*?\s*$")


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def add_step(page, title):
    if not page.get_by_label(STEP_LABEL).is_visible():
        page.get_by_text("Add a step").click()
    page.get_by_label(STEP_LABEL).fill(title)
    page.get_by_role("button", name="Add step").click()
    expect(page.locator(".step-title", has_text=title)).to_be_visible()


def test_steps_update_the_smart_check_and_the_progress_bar(page, live_server, make_user):
    ana = make_user(display_name="Ana")
    goal = services.goal_create(
        owner=ana,
        statement="Write a guide to testing Django apps",
        category="knowledge",
        horizon=1,
        target_date=datetime.date.today() + datetime.timedelta(days=90),
    )
    sign_in(page, live_server, ana)
    page.goto(live_server.url + goal.get_absolute_url())
    smart = page.locator("#goal-smart")
    bar = page.get_by_role("progressbar", name="Progress")
    expect(smart.get_by_text("Measurable")).to_be_visible()
    expect(smart.locator("li.missing", has_text="Measurable")).to_have_count(1)
    expect(page.get_by_text("To start it, the goal needs a measure")).to_be_visible()

    add_step(page, "Outline the chapters")
    add_step(page, "Ask Sam to review")
    # Two steps make the goal measurable, at once: panel, hint and bar follow.
    expect(smart.locator("li.met", has_text="Measurable")).to_have_count(1)
    expect(page.get_by_text("To start it, the goal needs a measure")).to_have_count(0)
    expect(bar).to_have_attribute("aria-valuenow", "0")
    expect(page.get_by_text("0 of 2 steps done")).to_be_visible()

    page.get_by_role("button", name="Mark “Outline the chapters” as done").click()
    expect(bar).to_have_attribute("aria-valuenow", "50")
    expect(page.locator("#goal-progress")).to_contain_text("50%")
    expect(page.get_by_text("1 of 2 steps done")).to_be_visible()
    assert page.console_errors == []


def test_a_check_in_moves_the_bar_and_the_chart(page, live_server, make_user, make_goal):
    ana = make_user(display_name="Ana")
    goal = make_goal(ana, baseline=Decimal("0"), target=Decimal("4"))
    sign_in(page, live_server, ana)
    page.goto(live_server.url + goal.get_absolute_url())
    bar = page.get_by_role("progressbar", name="Progress")
    expect(bar).to_have_attribute("aria-valuenow", "0")

    page.get_by_label(re.compile(r"^\s*Value")).fill("1")
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text("Check-in saved.")).to_be_visible()
    expect(bar).to_have_attribute("aria-valuenow", "25")
    expect(page.locator("#progress .chart-point")).to_have_count(1)
    assert page.console_errors == []
