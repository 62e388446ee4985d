"""Every page of the journeys runs under the Content-Security-Policy without a violation.

Chromium enforces the policy the server sends (no bypass): an inline script, an inline
style, a style attribute or an htmx-injected <style> would be refused and reported, both as
a `securitypolicyviolation` event and as a console error. The owner and the buddy (in two
time zones) walk their pages, type into the live forms and use the htmx parts.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Collect violations in the page and say them on the console, where the fixture hears them.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("Content Security Policy violation: " + e.violatedDirective + " blocked " +
    (e.blockedURI || "inline") + " in " + e.sourceFile + ":" + e.lineNumber + " " + e.sample);
});
"""


def csp_problems(page) -> list[str]:
    return [
        text
        for text in page.console_errors
        if "Content Security Policy" in text or "Content-Security-Policy" in text
    ]


def open_as(browser, live_server, email):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.console_errors = errors
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^\s*Password")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r"/home/$"))
    return page


def visit(page, live_server, path):
    response = page.goto(live_server.url + path)
    page.wait_for_load_state("networkidle")
    assert response.status < 400, f"{path}: {response.status}"
    assert response.headers.get("content-security-policy"), path


def test_no_page_of_the_journeys_violates_the_policy(browser, live_server, world):
    goal, pair, meeting = world["goal"], world["partnership"], world["meeting"]

    # Before signing in: the landing page and the account entrance.
    context = browser.new_context()
    context.add_init_script(REPORT_VIOLATIONS)
    visitor = context.new_page()
    visitor.console_errors = []
    visitor.on("console", lambda m: m.type == "error" and visitor.console_errors.append(m.text))
    visit(visitor, live_server, "/")
    assert csp_problems(visitor) == []
    # The landing page's sample progress bar takes its width from the stylesheet.
    width = visitor.locator(".progress-bar").first.evaluate("e => e.getBoundingClientRect().width")
    assert width > 0
    for path in ("/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"):
        visit(visitor, live_server, path)
    assert csp_problems(visitor) == []
    context.close()

    ana = open_as(browser, live_server, "ana@example.org")
    for path in (
        "/home/",
        f"/goals/{goal.pk}/",
        f"/goals/{goal.pk}/history/",
        f"/goals/{goal.pk}/sharing/",
        "/roadmap/",
        "/calendar/",
        "/calendar/feed/",
        "/buddies/",
        f"/buddies/{pair.pk}/",
        f"/buddies/{pair.pk}/rules/",
        f"/reviews/{meeting.pk}/",
        "/notifications/",
        "/notifications/settings/",
        "/vision/",
        "/journal/",
        f"/goals/{world['reached'].pk}/celebrate/",
        f"/goals/{world['reached'].pk}/reflect/",
        "/accounts/profile/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/accounts/2fa/totp/activate/",
        "/accounts/delete/",
    ):
        visit(ana, live_server, path)
        assert csp_problems(ana) == [], path

    # The goal page: the chart is drawn, the progress bar has its width, htmx works.
    visit(ana, live_server, f"/goals/{goal.pk}/")
    assert ana.locator("svg").first.is_visible()
    bar = ana.locator(".progress-bar").first
    assert bar.evaluate("e => e.getBoundingClientRect().width") > 0
    if not ana.get_by_label(re.compile(r"^\s*Step\*?\s*$")).is_visible():
        ana.get_by_text("Add a step").click()
    ana.get_by_label(re.compile(r"^\s*Step\*?\s*$")).fill("Book a room for the kick-off")
    ana.get_by_role("button", name="Add step").click()
    ana.locator(".step-title", has_text="Book a room for the kick-off").wait_for()
    ana.get_by_role("button", name="Mark “Book a room for the kick-off” as done").click()
    ana.get_by_role("button", name="Mark “Book a room for the kick-off” as not done").wait_for()
    assert csp_problems(ana) == []

    # The goal form's live SMART check (htmx on typing).
    visit(ana, live_server, f"/goals/{goal.pk}/edit/")
    ana.get_by_label("Your goal").fill("Lead three client projects end to end")
    ana.wait_for_load_state("networkidle")
    visit(ana, live_server, "/goals/new/")
    ana.get_by_label("Your goal").fill("Speak at a conference")
    ana.get_by_label("What will you measure? (optional)").fill("Talks given")
    expect(ana.locator("#smart-panel")).to_contain_text("of 5")
    assert csp_problems(ana) == []

    # The calendar feed page (static/js/copy_and_confirm.js): make the address, copy it,
    # and confirm before making a new one.
    visit(ana, live_server, "/calendar/feed/")
    ana.get_by_role("button", name="Make my calendar address").click()
    ana.get_by_role("button", name="Copy").click()
    expect(ana.locator("#live-status")).not_to_be_empty()
    visit(ana, live_server, "/calendar/feed/")
    asked = []
    ana.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    ana.get_by_role("button", name="Make a new address").click()
    assert asked and "stops working" in asked[0]
    assert csp_problems(ana) == []

    # Proposing a review shows the time where Bob lives, as it is typed (static/js).
    visit(ana, live_server, f"/buddies/{pair.pk}/reviews/new/")
    ana.get_by_label("Start time").fill("18:30")
    expect(ana.locator("#buddy-time")).to_contain_text("For Bob that is")
    assert csp_problems(ana) == []

    # Bob's side: the shared goal with its chart, the partnership, the review, a comment.
    bob = open_as(browser, live_server, "bob@example.org")
    for path in (
        "/home/",
        f"/goals/{goal.pk}/",
        f"/buddies/{pair.pk}/",
        f"/reviews/{meeting.pk}/",
        f"/buddies/{pair.pk}/reviews/new/",
        "/calendar/",
        "/notifications/",
    ):
        visit(bob, live_server, path)
        assert csp_problems(bob) == [], path
    visit(bob, live_server, f"/goals/{goal.pk}/")
    bob.get_by_label("Your comment").fill("Nice progress")
    bob.get_by_role("button", name="Post comment").click()
    bob.get_by_text("Nice progress").first.wait_for()
    # Bootstrap's JavaScript: the account menu opens, a message is dismissed.
    bob.locator("button.dropdown-toggle").first.click()
    bob.locator(".dropdown-menu.show").first.wait_for()
    assert csp_problems(bob) == []
    assert ana.console_errors == [] and bob.console_errors == []
    ana.context.close()
    bob.context.close()


def test_the_admin_runs_under_the_policy(browser, live_server, make_user, world):
    make_user(
        email="root@example.org", is_staff=True, is_superuser=True, welcomed_at=timezone.now()
    )
    admin = open_as(browser, live_server, "root@example.org")
    goal = world["goal"]
    for path in (
        "/admin/",
        "/admin/goals/goal/",
        f"/admin/goals/goal/{goal.pk}/change/",
        "/admin/users/user/",
        "/admin/notifications/notification/",
    ):
        visit(admin, live_server, path)
        assert csp_problems(admin) == [], path
    admin.context.close()
