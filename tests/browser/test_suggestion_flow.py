"""Two people in two browsers: Bob suggests a step on Ana's goal; Ana edits it, then accepts
it; it appears among her steps credited to Bob and in the goal's history. Checked with
axe-core (light and dark) and at a phone's width on the way."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import axe_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def person(browser, live_server, email, *, width=1280, scheme="light"):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, bypass_csp=True, color_scheme=scheme
    )
    page = context.new_page()
    errors: list[str] = []
    page.on(
        "console", lambda m: m.type == "error" and "axe" not in m.text and errors.append(m.text)
    )
    page.console_errors = errors
    return sign_in(page, live_server, email)


def no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page is {width}px wide"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_bob_suggests_a_step_and_ana_edits_then_accepts_it(browser, live_server, world, scheme):
    goal = world["goal"]
    goal_url = f"{live_server.url}/goals/{goal.pk}/"
    when = datetime.date.today() + datetime.timedelta(days=10)

    # Bob opens Ana's goal and suggests a step (in place, with htmx).
    bob = person(browser, live_server, "bob@example.org", scheme=scheme)
    bob.goto(goal_url)
    bob.locator("summary", has_text="Suggest a step").click()
    bob.get_by_label("The step").fill("Book a 1:1 with your manager")
    bob.get_by_label("Why it would help (optional)").fill("She decides who leads Atlas.")
    bob.get_by_label("Suggested date (optional)").fill(when.isoformat())
    bob.get_by_label("Who can help? (optional)").fill("Priya")
    bob.get_by_role("button", name="Send the suggestion").first.click()
    expect(bob.get_by_text("Suggestion sent")).to_be_visible()
    expect(bob.locator("#suggestions").get_by_text("Waiting for Ana")).to_be_visible()
    assert not axe_problems(bob), axe_problems(bob)

    # Ana sees it on her goal page, at full width and on a phone.
    ana = person(browser, live_server, "ana@example.org", scheme=scheme)
    ana.goto(goal_url)
    panel = ana.locator("#suggestions")
    expect(
        panel.get_by_role("heading", name=re.compile("Suggestions from your buddies"))
    ).to_be_visible()
    expect(panel.get_by_text("Book a 1:1 with your manager")).to_be_visible()
    expect(panel.get_by_text("She decides who leads Atlas.")).to_be_visible()
    assert not axe_problems(ana), axe_problems(ana)
    phone = person(browser, live_server, "ana@example.org", width=375, scheme=scheme)
    phone.goto(goal_url)
    expect(phone.get_by_role("button", name=re.compile("^Accept"))).to_be_visible()
    no_sideways_scroll(phone)
    phone.context.close()

    # She edits it first, then accepts.
    panel.get_by_role("link", name=re.compile("Edit, then accept")).click()
    ana.wait_for_url(re.compile(r"/suggestions/\d+/edit/$"))
    expect(ana.get_by_label("Step")).to_have_value("Book a 1:1 with your manager")
    assert not axe_problems(ana), axe_problems(ana)
    ana.get_by_label("Step").fill("Book a 1:1 with Maria about Atlas")
    ana.get_by_label("A note for your buddy (optional)").fill("Great idea, thanks!")
    ana.get_by_role("button", name="Accept and add the step").click()
    ana.wait_for_url(re.compile(rf"/goals/{goal.pk}/"))
    expect(ana.get_by_text("Step added, with thanks to Bob.")).to_be_visible()
    row = ana.locator(".step-row", has_text="Book a 1:1 with Maria about Atlas")
    expect(row.get_by_text("Suggested by Bob")).to_be_visible()
    ana.locator("summary", has_text="History").click()
    history = ana.locator(".history-list")
    expect(history.get_by_text("Book a 1:1 with Maria about Atlas")).to_be_visible()
    expect(history.get_by_text("Suggested by Bob")).to_be_visible()

    # Bob sees it was taken up, with Ana's note, and the step credited to him.
    bob.reload()
    expect(bob.locator("#suggestions").get_by_text("Accepted")).to_be_visible()
    expect(bob.get_by_text("Great idea, thanks!")).to_be_visible()
    expect(
        bob.locator(".step-row", has_text="Maria").get_by_text("Suggested by you")
    ).to_be_visible()
    assert not bob.console_errors and not ana.console_errors


def test_ana_declines_in_place_with_a_note_from_the_keyboard(browser, live_server, world):
    from accountability import services

    goal = world["goal"]
    bob_user = goal.owner.__class__.objects.get(email="bob@example.org")
    services.suggestion_step_add(goal=goal, author=bob_user, title="Quit and start a company")
    ana = person(browser, live_server, "ana@example.org")
    ana.goto(f"{live_server.url}/goals/{goal.pk}/")
    decline = ana.locator("summary", has_text="Decline…")
    decline.focus()
    ana.keyboard.press("Enter")
    ana.get_by_label("A note to Bob (optional)").fill("Not this year.")
    ana.get_by_role("button", name="Decline", exact=True).click()
    expect(ana.get_by_text("Declined. Bob sees your note.")).to_be_visible()
    expect(ana.get_by_text("No suggestions waiting for an answer.")).to_be_visible()
