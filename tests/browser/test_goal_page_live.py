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


# --- On a phone: secondary panels folded, step actions in a menu -----------------------------

PHONE = {"width": 375, "height": 812}
PHONE_HEIGHT_BUDGET = 3300  # px; a page like this measured 4,464 px before the panels were folded


@pytest.fixture
def busy_goal(make_user, make_goal):
    """A goal as it looks a few weeks in: five steps, four check-ins, a buddy's words."""
    from accountability import services as buddy_services

    ana = make_user(display_name="Ana")
    bob = make_user(email="bob@example.org", display_name="Bob")
    goal = make_goal(ana, baseline=Decimal("0"), target=Decimal("4"))
    titles = [
        "Ask Priya for the Atlas project",
        "Shadow Sam on a client kickoff",
        "Write a risk register template",
        "Run the Beacon kickoff myself",
        "Collect feedback from the client",
    ]
    for n, title in enumerate(titles, start=1):
        services.micro_goal_create(
            goal=goal,
            title=title,
            action_plan="Book thirty minutes and bring a one-page plan.",
            helpers="Priya",
            deadline=datetime.date.today() + datetime.timedelta(days=14 * n),
        )
    today = datetime.date.today()
    for days, value in ((30, "0.5"), (20, "1"), (10, "1.5"), (0, "2")):
        services.check_in_create(
            goal=goal, value=Decimal(value), recorded_on=today - datetime.timedelta(days=days)
        )
    services.goal_update(
        goal=goal, note="More time", target_date=goal.target_date + datetime.timedelta(days=7)
    )
    buddy_services.partnership_create(a=ana, b=bob)
    buddy_services.goal_set_visibility(goal=goal, visibility="buddies")
    buddy_services.feedback_give(goal=goal, author=bob, verdict="realistic", comment="You can.")
    buddy_services.comment_add(goal=goal, author=bob, text="Want me to review the register?")
    return goal


def test_on_a_phone_the_goal_page_is_short_and_every_action_reachable(
    browser, live_server, busy_goal
):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    sign_in(page, live_server, busy_goal.owner)
    page.goto(live_server.url + busy_goal.get_absolute_url())

    height = page.locator("html").bounding_box()["height"]
    assert height <= PHONE_HEIGHT_BUDGET, f"the goal page is {height:.0f} px tall on a phone"
    assert page.locator("html").bounding_box()["width"] <= PHONE["width"]

    # No red Delete on every row: each step has one menu of actions.
    expect(page.get_by_role("button", name=re.compile("^Delete"))).to_have_count(0)
    menu = page.get_by_role("button", name="Actions for “Write a risk register template”")
    menu.click()
    expect(
        page.get_by_role("button", name="Start “Write a risk register template”")
    ).to_be_visible()
    page.get_by_role("button", name="Move “Write a risk register template” up").click()
    expect(page.locator(".step-rows .step-title").nth(1)).to_have_text(
        "Write a risk register template"
    )

    # The form to let the goal go shows only when asked for.
    reason = page.get_by_label(re.compile("Why are you letting this goal go"))
    expect(reason).to_be_hidden()
    page.locator("summary", has_text="Let this goal go…").click()
    expect(reason).to_be_visible()

    # History and the check-in form open on demand, too.
    value = page.get_by_label(re.compile(r"^\s*Value"))
    expect(value).to_be_hidden()
    page.get_by_text("Add a check-in", exact=True).click()
    expect(value).to_be_visible()
    page.get_by_text("History", exact=True).click()
    expect(page.get_by_role("link", name="Full history")).to_be_visible()
    context.close()


def test_step_menu_works_from_the_keyboard(page, live_server, busy_goal):
    sign_in(page, live_server, busy_goal.owner)
    page.goto(live_server.url + busy_goal.get_absolute_url())
    toggle = page.get_by_role("button", name="Actions for “Run the Beacon kickoff myself”")
    toggle.focus()
    page.keyboard.press("Enter")
    first = page.get_by_role("button", name="Start “Run the Beacon kickoff myself”")
    expect(first).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(first).to_be_focused()
    page.keyboard.press("Enter")  # starts it, in place
    expect(page.locator(".step-row", has_text="Run the Beacon kickoff myself")).to_contain_text(
        "In progress"
    )
    assert page.console_errors == []


def test_a_buddy_sees_the_owners_name_on_the_chart(page, live_server, busy_goal):
    bob = type(busy_goal.owner).objects.get(email="bob@example.org")
    sign_in(page, live_server, bob)
    page.goto(live_server.url + busy_goal.get_absolute_url())
    expect(page.get_by_text("Ana’s check-ins")).to_be_visible()
    expect(page.get_by_text("Your check-ins")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("^Actions for"))).to_have_count(0)


def test_smart_badges_stay_inside_their_cards_on_a_phone(browser, live_server, make_user):
    ana = make_user(display_name="Ana")
    for category in ("experiences", "difference", "knowledge"):
        services.goal_create(
            owner=ana,
            statement="Meet ten people who work in climate tech",
            category=category,
            horizon=1,
            target_date=datetime.date.today() + datetime.timedelta(days=100),
        )
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    sign_in(page, live_server, ana)
    page.goto(live_server.url + "/home/")
    cards = page.locator(".goal-card")
    expect(cards).to_have_count(3)
    for n in range(3):
        body = cards.nth(n).locator(".card-body").bounding_box()
        badge = cards.nth(n).get_by_role("img", name=re.compile("^SMART check")).bounding_box()
        padding = 8  # at least this much card around the badge
        assert badge["x"] + badge["width"] <= body["x"] + body["width"] - padding, n
    context.close()
