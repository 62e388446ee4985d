"""The goal page on a phone (375 px): short enough to use, nothing wider than the screen.

A goal with 5 steps, 3 check-ins, 2 comments and feedback: the primary actions (tick a
step, add a step, record a check-in) are on the page; secondary panels (feedback,
comments, history, letting the goal go) are folded behind a summary that says what is
inside and opens with the keyboard.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.test import Client
from playwright.sync_api import expect

from accountability import services as buddy_services
from goals import services as goal_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 812}
# px at 375 px wide: 2,888 before the panels were folded, ~1,950 after; the footer's
# language choice (below everything) added ~90.
HEIGHT_BOUND = 2100


@pytest.fixture
def busy_goal(ana, bob, make_goal, today):
    buddy_services.partnership_create(a=ana, b=bob)
    goal = make_goal(ana, statement="Lead two client projects end to end")
    buddy_services.goal_set_visibility(goal=goal, visibility="buddies")
    goal_services.goal_activate(goal=goal)
    titles = [
        "Ask for the Atlas project",
        "Read the team lead handbook",
        "Shadow Sam in two client calls",
        "Run the Atlas kick-off",
        "Write the project retrospective",
    ]
    for days, title in enumerate(titles, start=1):
        goal_services.micro_goal_create(
            goal=goal, title=title, deadline=today + datetime.timedelta(days=10 * days)
        )
    for days, value in ((40, 0), (20, 1), (5, 1)):
        goal_services.check_in_create(
            goal=goal, value=Decimal(value), recorded_on=today - datetime.timedelta(days=days)
        )
    buddy_services.comment_add(goal=goal, author=bob, text="You can do it, Atlas is yours!")
    buddy_services.comment_add(goal=goal, author=ana, text="Thanks, asking on Monday.")
    buddy_services.feedback_give(
        goal=goal, author=bob, verdict="stretch", comment="June is close, but doable."
    )
    return goal


def on_a_phone(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=PHONE)
    host = live_server.url.split("//", 1)[1].split(":", 1)[0]
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "domain": host, "path": "/"}])
    return context.new_page()


def measure(page) -> dict:
    return page.evaluate(
        """() => ({
            height: document.documentElement.scrollHeight,
            width: document.documentElement.scrollWidth,
            viewport: window.innerWidth,
        })"""
    )


def test_the_goal_page_fits_a_phone_with_the_main_actions_in_view(
    browser, live_server, ana, busy_goal
):
    page = on_a_phone(browser, live_server, ana)
    page.goto(live_server.url + busy_goal.get_absolute_url())
    size = measure(page)
    print(f"goal page at 375 px: {size['height']} px tall, {size['width']} px wide")
    assert size["height"] < HEIGHT_BOUND, size
    assert size["width"] <= size["viewport"], size  # no sideways scrolling

    # The primary actions are there without opening anything.
    tick = page.get_by_role("button", name="Mark “Ask for the Atlas project” as done")
    expect(tick).to_be_visible()
    expect(page.get_by_text("Add a step", exact=False).first).to_be_visible()
    expect(page.get_by_text("Add a check-in").first).to_be_visible()

    # Secondary panels are folded, say what is inside, and open from the keyboard.
    comments = page.locator("summary", has_text=re.compile(r"Comments · 2, latest on"))
    expect(comments).to_be_visible()
    expect(page.get_by_text("You can do it, Atlas is yours!")).to_be_hidden()
    comments.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("You can do it, Atlas is yours!")).to_be_visible()

    feedback = page.locator("summary", has_text=re.compile(r"Is it attainable\?"))
    expect(feedback).to_contain_text("A stretch")
    expect(page.get_by_text("June is close, but doable.")).to_be_hidden()
    feedback.focus()
    page.keyboard.press("Space")
    expect(page.get_by_text("June is close, but doable.")).to_be_visible()

    let_go = page.locator("summary", has_text="Let this goal go")
    expect(let_go).to_be_visible()
    expect(page.get_by_role("button", name="Close the goal")).to_be_hidden()
    let_go.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Close the goal")).to_be_visible()

    opened = measure(page)
    assert opened["width"] <= opened["viewport"], opened
    page.context.close()


def test_a_link_to_a_comment_opens_its_folded_panel(browser, live_server, ana, busy_goal):
    """The "Bob commented" notification links to #comment-N: the browser opens the fold."""
    comment = busy_goal.comments.get(text__startswith="You can do it")
    page = on_a_phone(browser, live_server, ana)
    page.goto(f"{live_server.url}{busy_goal.get_absolute_url()}#comment-{comment.pk}")
    expect(page.get_by_text("You can do it, Atlas is yours!")).to_be_visible()
    page.context.close()
