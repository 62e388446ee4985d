"""Debian's Chromium driven by Playwright (``playwright install`` cannot download here)."""

import datetime
import os
import shutil
from decimal import Decimal

import pytest
from django.utils import timezone

from accountability import services as buddy_services
from goals import services as goal_services
from tests.conftest import need

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop; Django must still allow ORM calls from tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# One Playwright per process: its sync API refuses a second one in the same thread, and other
# test folders import this fixture (a definition of their own), so all of them share it.
_shared: dict = {"users": 0}


@pytest.fixture(scope="session")
def browser():
    need(bool(shutil.which(CHROMIUM)), f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    if not _shared["users"]:
        _shared["playwright"] = sync_playwright().start()
        _shared["browser"] = _shared["playwright"].chromium.launch(
            executable_path=CHROMIUM, args=FLAGS
        )
    _shared["users"] += 1
    try:
        yield _shared["browser"]
    finally:
        _shared["users"] -= 1
        if not _shared["users"]:
            _shared.pop("browser").close()
            _shared.pop("playwright").stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.console_errors = errors
    yield page
    context.close()


def sign_in(page, live_server, email, password=None):
    """Sign in through the form, as a person would, and land on the dashboard."""
    import re

    from tests.conftest import PASSWORD

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^\s*Password")).fill(password or PASSWORD)
    page.get_by_role("button", name=re.compile(r"^Sign in$", re.I)).click()
    page.wait_for_url(re.compile(r"/home/$"))
    return page


@pytest.fixture
def world(make_user, make_goal, today):
    """Ana (Berlin) and Bob (New York) as buddies, with a goal of each kind the journeys show."""
    now = timezone.now()
    ana = make_user(
        email="ana@example.org", display_name="Ana", timezone="Europe/Berlin", welcomed_at=now
    )
    bob = make_user(
        email="bob@example.org", display_name="Bob", timezone="America/New_York", welcomed_at=now
    )
    partnership = buddy_services.partnership_create(a=ana, b=bob)
    goal = make_goal(ana, statement="Lead two client projects end to end")
    buddy_services.goal_set_visibility(goal=goal, visibility="buddies")
    goal_services.goal_activate(goal=goal)
    goal_services.micro_goal_create(
        goal=goal, title="Ask for the Atlas project", deadline=today + datetime.timedelta(days=9)
    )
    for days, value in ((40, 0), (20, 1)):
        goal_services.check_in_create(
            goal=goal, value=Decimal(value), recorded_on=today - datetime.timedelta(days=days)
        )
    buddy_services.comment_add(goal=goal, author=bob, text="You can do it")
    buddy_services.agreement_save(
        partnership=partnership,
        by=ana,
        working_toward="Ana: two projects by June.",
        support="Honest questions.",
        cadence="monthly",
    )
    meeting = buddy_services.review_propose(
        partnership=partnership,
        by=bob,
        starts_at=now + datetime.timedelta(days=6),
        duration_minutes=60,
        place="Café",
    )
    reached = make_goal(ana, statement="Give a talk at the meetup")
    goal_services.goal_achieve(goal=reached)
    _, token = buddy_services.invitation_create(inviter=ana, email="cleo@example.org")
    return {
        "goal": goal,
        "partnership": partnership,
        "meeting": meeting,
        "reached": reached,
        "invitation": token,
    }
