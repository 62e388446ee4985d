"""Nora finds the site, signs up and confirms her address from the email in the sink, writes her
vision, then a goal the SMART check finds vague and, following its hints as she types, a SMART
one. She records two check-ins and reads them in the chart and in its table; a second goal,
measured by its steps, follows her ticks in place. Her roadmap shows both goals.

Nothing is set up through the services: Nora does not exist until she signs up in Chromium.
"""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import PASSWORD

from .conftest import BERLIN, BROWSER_TIMEOUT_MS
from .services import links_of

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
NORA = "nora@example.org"
SUCCESS = "Being the person teams call when a release has to be safe."
VAGUE = "Get better at public speaking"
TALKS = "Give three talks at local developer meetups"
COURSE = "Finish the Kubernetes course with its labs"
STEPS = ("Watch the first module", "Do the networking lab", "Book the exam")
STEP_LABEL = re.compile(r"^\s*Step\*?\s*$")


@pytest.fixture
def newcomer(browser, live_server):
    """A fresh browser in Berlin, on nobody's account yet; counts its page loads."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id=BERLIN)
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    page.loads = []
    page.on("framenavigated", lambda f: f == page.main_frame and page.loads.append(f.url))
    page.goto(live_server.url + "/")
    yield page
    context.close()


def letter(panel, name: str):
    """One letter of a SMART panel; its text ends in “met” or “missing” for screen readers."""
    return panel.get_by_role("listitem").filter(has_text=name)


def add_step(page, title: str) -> None:
    if not page.get_by_label(STEP_LABEL).is_visible():
        page.get_by_text("Add a step", exact=True).click()
    page.get_by_label(STEP_LABEL).fill(title)
    page.get_by_role("button", name="Add step").click()
    expect(page.get_by_role("listitem").filter(has_text=title)).to_be_visible()


def test_a_newcomer_signs_up_and_sets_smart_goals(newcomer, wait_for_email):
    page = newcomer
    today = timezone.now().astimezone(ZoneInfo(BERLIN)).date()
    deadline = today + datetime.timedelta(days=150)
    last_week = today - datetime.timedelta(days=7)

    # Sign up from the landing page.
    page.get_by_role("link", name="Create your free account").click()
    page.get_by_label("Email").fill(NORA)
    page.get_by_label(re.compile(r"^\s*Password\*?\s*$")).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("Your name (optional)").fill("Nora")
    expect(page.get_by_label("Time zone")).to_have_value(BERLIN)  # the browser's own
    page.get_by_role("button", name="Create your account").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()

    # The link in the email confirms the address and signs her in, on the vision questions.
    message = wait_for_email(NORA, "Confirm your email address")
    page.goto(next(link for link in links_of(message) if "/confirm-email/" in link))
    page.get_by_role("button", name="Confirm my address").click()
    expect(page.get_by_role("heading", name="What does success look like for you?")).to_be_visible()
    page.get_by_label("What does a successful career mean to you?").fill(SUCCESS)
    page.get_by_role("button", name="Save and write a goal").click()
    expect(page.get_by_text("Your vision is saved.")).to_be_visible()
    expect(page.get_by_role("heading", name="Write a goal")).to_be_visible()

    # A first draft that is a wish, not a goal: the check says what is missing as she types.
    panel = page.locator("#smart-panel")
    page.get_by_label("Your goal").fill(VAGUE)
    expect(letter(panel, "Specific")).to_contain_text("“more” or “better” need a number")
    expect(letter(panel, "Measurable")).to_contain_text(": missing")
    expect(letter(panel, "Measurable")).to_contain_text("Name what you will count")
    expect(letter(panel, "Time-bound")).to_contain_text(": missing")
    expect(letter(panel, "Time-bound")).to_contain_text("Set a deadline")
    expect(panel).to_contain_text("0 of 5")

    # She follows the hints, one by one, without saving.
    page.get_by_label("Your goal").fill(TALKS)
    expect(letter(panel, "Specific")).to_contain_text(": met")
    page.get_by_label("Category").select_option(label="Make a difference in my field")
    page.get_by_label("What will you measure? (optional)").fill("Talks given")
    expect(letter(panel, "Measurable")).to_contain_text("Give a starting value and a target")
    page.get_by_label("Unit (optional)").fill("talks")
    page.get_by_label("Starting value").fill("0")
    page.get_by_label("Target value").fill("3")
    expect(letter(panel, "Measurable")).to_contain_text(": met")
    page.get_by_label("Deadline").fill(deadline.isoformat())
    expect(letter(panel, "Time-bound")).to_contain_text(": met")
    expect(letter(panel, "Time-bound")).not_to_contain_text("Set a deadline")
    page.get_by_label("How confident are you that you can reach it?").select_option("4")
    page.get_by_label("Inspired by your vision (optional)").select_option(
        label=f"What does a successful career mean to you? — {SUCCESS}"
    )
    expect(panel).to_contain_text("5 of 5")
    expect(panel).to_contain_text("All five letters met. This goal is ready.")
    assert page.loads[-1].endswith("/goals/new/")  # all of it live, nothing submitted yet

    # Saved and started, the goal shows where it came from.
    page.get_by_role("button", name="Save goal").click()
    expect(page.get_by_role("heading", name=TALKS)).to_be_visible()
    expect(page.get_by_text("Your answer to “What does a successful career")).to_be_visible()
    expect(page.get_by_text("Not written yet.")).to_have_count(0)  # her vision says why
    page.get_by_role("button", name="Start this goal").click()
    expect(page.get_by_text("Active", exact=True)).to_be_visible()

    # Two check-ins: last week's first talk, then today's second.
    bar = page.get_by_role("progressbar", name="Progress")
    expect(bar).to_have_attribute("aria-valuenow", "0")
    page.get_by_label(re.compile(r"^\s*Value")).fill("1")
    page.get_by_label(re.compile(r"^\s*Date")).fill(last_week.isoformat())
    page.get_by_label("Note (optional)").fill("Lightning talk at PyBerlin")
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text("Check-in saved.")).to_be_visible()
    expect(bar).to_have_attribute("aria-valuenow", "33")
    page.get_by_text("Add a check-in", exact=True).click()
    page.get_by_label(re.compile(r"^\s*Value")).fill("2")
    expect(page.get_by_label(re.compile(r"^\s*Date"))).to_have_value(today.isoformat())
    page.get_by_role("button", name="Save check-in").click()
    expect(bar).to_have_attribute("aria-valuenow", "67")
    expect(page.get_by_text("2 of 3 talks", exact=True)).to_be_visible()

    # The chart draws both; its table lists both, oldest first.
    chart = page.get_by_role("img", name="Progress chart: Talks given")
    expect(chart).to_be_visible()
    expect(chart.locator(".chart-point")).to_have_count(2)
    page.get_by_text("Check-ins as a table (2)").click()
    table = page.get_by_role("table", name="Check-ins for Talks given, oldest first")
    rows = table.get_by_role("row")
    expect(rows).to_have_count(3)  # the header and two check-ins
    expect(rows.nth(1)).to_contain_text(f"{last_week.day} {last_week:%b %Y}")
    expect(rows.nth(1)).to_contain_text("Lightning talk at PyBerlin")
    expect(rows.nth(2)).to_contain_text(f"{today.day} {today:%b %Y}")
    expect(rows.nth(2).get_by_role("cell").nth(1)).to_have_text("2")

    # A second goal, counted by its steps: dated, but nothing to measure yet.
    page.get_by_role("link", name="New goal").click()
    page.get_by_label("Your goal").fill(COURSE)
    page.get_by_label("Category").select_option(label="Knowledge and training")
    page.get_by_label("Deadline").fill(deadline.isoformat())
    page.get_by_label("How confident are you that you can reach it?").select_option("3")
    page.get_by_label("Why does this matter for your career?").fill(
        "Our platform team runs on it, and I want to join them."
    )
    expect(letter(panel, "Measurable")).to_contain_text(": missing")
    expect(panel).to_contain_text("4 of 5")
    page.get_by_role("button", name="Save goal").click()
    expect(page.get_by_role("heading", name=COURSE)).to_be_visible()
    smart = page.locator("#goal-smart")
    expect(letter(smart, "Measurable")).to_contain_text(": missing")
    expect(smart).to_contain_text("4 of 5")
    expect(smart).not_to_contain_text("save it as a draft")  # it is saved
    start = page.get_by_role("button", name="Start this goal")
    expect(start).to_have_accessible_description(  # only what is missing: it has a deadline
        "To start it, the goal needs a measure (see the SMART check)."
    )

    # Three steps and a tick, all in place: the check, the bar and the count follow.
    goal_page, loads = page.url, len(page.loads)
    for title in STEPS:
        add_step(page, title)
    # Counted by its steps, the goal is measurable: the check, now complete, folds to one line.
    expect(smart.get_by_text("All five letters met")).to_be_visible()
    expect(start).to_have_accessible_description("")
    bar = page.get_by_role("progressbar", name="Progress")
    expect(bar).to_have_attribute("aria-valuenow", "0")
    expect(page.get_by_text("0 of 3 steps done")).to_be_visible()
    page.get_by_role("button", name=f"Mark “{STEPS[0]}” as done").click()
    expect(page.get_by_role("button", name=f"Mark “{STEPS[0]}” as not done")).to_be_visible()
    expect(bar).to_have_attribute("aria-valuenow", "33")
    expect(page.get_by_text("1 of 3 steps done")).to_be_visible()
    assert (page.url, len(page.loads)) == (goal_page, loads), "the page was reloaded"
    start.click()
    expect(page.get_by_text("Active", exact=True)).to_be_visible()

    # Her roadmap shows both goals, by what they are about, with their deadline.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Roadmap").click()
    expect(page.get_by_role("heading", name="Your roadmap")).to_be_visible()
    for category, statement in (
        ("Make a difference in my field", TALKS),
        ("Knowledge and training", COURSE),
    ):
        row = page.get_by_role("region", name=category)
        expect(row.get_by_role("link", name=statement)).to_be_visible()
        expect(row).to_contain_text(f"Due {deadline.day} {deadline:%b %Y}")
    assert page.console_errors == []
