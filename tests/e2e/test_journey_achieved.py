"""Ana reaches a shared goal: she closes the steps it left open, picks a reward, writes her
reflection and reads it in her journal; Bob is told by email and under the bell, follows the
link and congratulates her; Ana is told of it. Nowhere is the reached goal shown as failed."""

import re

import pytest
from playwright.sync_api import expect

from goals import services as goal_services
from goals.models import MicroGoal

from .services import links_of, text_of

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

DONE_EARLIER = "Write the charter for the Hansa project"
OPEN_DONE = "Hand the Hansa project over to support"
OPEN_DROPPED = "Shadow a project lead at the Munich office"
REWARD = "A coffee with whoever cheered you on"  # one of the ideas for a one-year goal
HARD = "Saying no to a third project while the second one was late."
HELPED = "Bob, who asked every Friday how the handover was going."
CONGRATS = "Two projects, start to finish. So proud of you, Ana!"
STEPS_LINE = "2 steps done · 1 no longer needed"
# Nothing about a reached goal may read as if it had failed.
LOOKS_FAILED = re.compile(r"\b0\s*%|\b0 of \d|left open")


def add_steps(goal):
    """One step done before the goal was reached, two still open."""
    for title in (DONE_EARLIER, OPEN_DONE, OPEN_DROPPED):
        goal_services.micro_goal_create(goal=goal, title=title)
    goal_services.micro_goal_set_status(
        micro_goal=goal.micro_goals.get(title=DONE_EARLIER), status=MicroGoal.Status.DONE
    )


def open_from_bell(page, subject: str):
    """The bell counts the news; its list has it, and opening it leads to what it is about."""
    page.reload()
    page.get_by_role("link", name=re.compile(r"^Notifications: \d+ unread")).click()
    page.get_by_role("button", name=subject).click()


def expect_reached(page, statement: str):
    """The goal page says the goal was achieved, all the way, and what became of its steps."""
    expect(page.get_by_role("heading", name=statement)).to_be_visible()
    header = page.locator("header").filter(has_text=statement)
    expect(header.get_by_text("Achieved", exact=True)).to_be_visible()
    expect(header.get_by_role("progressbar", name="Progress")).to_have_attribute(
        "aria-valuenow", "100"
    )
    expect(header.get_by_text(STEPS_LINE)).to_be_visible()
    expect(header).not_to_contain_text(LOOKS_FAILED)


def test_ana_reaches_a_shared_goal_and_bob_congratulates(people, sign_in, wait_for_email):
    goal = people.ana_goal
    add_steps(goal)

    # Ana reaches her goal from its page.
    ana = sign_in(people.ana.email)
    ana.get_by_role("link", name=goal.statement).first.click()
    ana.get_by_role("button", name="I reached it!").click()
    ana.wait_for_url(re.compile(r"/celebrate/$"))
    expect(ana.get_by_text("Goal achieved", exact=True)).to_be_visible()

    # She is offered to close the two steps left open: one done, one no longer needed.
    expect(ana.get_by_role("heading", name="2 steps still open")).to_be_visible()
    expect(ana.get_by_role("group", name=DONE_EARLIER)).to_have_count(0)
    ana.get_by_label(f"Done: {OPEN_DONE}").check()
    ana.get_by_label(f"No longer needed: {OPEN_DROPPED}").check()
    ana.get_by_role("button", name="Close these steps").click()
    expect(ana.get_by_text("Steps closed: your record shows how you got there.")).to_be_visible()

    # The celebration: achieved, with what became of the steps and a reward sized to the goal.
    expect(ana.get_by_role("heading", name=re.compile("still open"))).to_have_count(0)
    hero = ana.get_by_role("region", name=goal.statement)
    expect(hero.get_by_text("Goal achieved", exact=True)).to_be_visible()
    expect(hero.get_by_role("definition").filter(has_text=STEPS_LINE)).to_be_visible()
    expect(hero).not_to_contain_text(LOOKS_FAILED)
    rewards = ana.get_by_role("region", name="Choose a reward")
    rewards.get_by_role("button", name=REWARD).click()

    # The reflection, saved to the journal.
    expect(ana.get_by_text("Reward chosen. Enjoy it: you earned it.")).to_be_visible()
    expect(ana.get_by_role("heading", name="Look back before you move on")).to_be_visible()
    expect(ana.get_by_text(f"Your reward: {REWARD}")).to_be_visible()
    ana.get_by_label("What was hard?").fill(HARD)
    ana.get_by_label("Who helped you along the way?").fill(HELPED)
    ana.get_by_role("button", name="Save to my journal").click()
    expect(ana.get_by_text("Your reflection is saved in your journal.")).to_be_visible()
    entry = ana.get_by_role("article").filter(has_text=goal.statement)
    expect(entry).to_contain_text(re.compile(r"Achieved \d{1,2} \w+ \d{4}"))
    expect(entry.get_by_text(STEPS_LINE)).to_be_visible()
    expect(entry).to_contain_text(f"Reward: {REWARD}")
    expect(entry.get_by_role("definition").filter(has_text=HARD)).to_be_visible()
    expect(entry.get_by_role("definition").filter(has_text=HELPED)).to_be_visible()
    expect(entry).not_to_contain_text(LOOKS_FAILED)

    # Bob is told: by email, sent by the worker, and under his bell.
    subject = "Ana reached a goal: say congratulations!"
    told = wait_for_email(people.bob.email, subject)
    assert goal.statement in text_of(told)
    link = next(link for link in links_of(told) if f"/goals/{goal.pk}/" in link)
    bob = sign_in(people.bob.email)
    bob.get_by_role("link", name=re.compile(r"^Notifications: \d+ unread")).click()
    expect(bob.get_by_role("button", name=subject)).to_be_visible()

    # He follows the link from the email: the goal reads as achieved, and he congratulates.
    bob.goto(link)
    expect_reached(bob, goal.statement)
    expect(bob.get_by_text("Ana’s goal, shared with you · read-only")).to_be_visible()
    congratulations = bob.get_by_role("region", name="Congratulations")
    expect(congratulations.get_by_text("Ana reached this goal.", exact=False)).to_be_visible()
    congratulations.get_by_label("Your congratulations").fill(CONGRATS)
    congratulations.get_by_role("button", name="Send congratulations").click()
    expect(bob.get_by_text("Your congratulations are on Ana’s goal.")).to_be_visible()
    expect(bob.get_by_role("region", name="Congratulations")).to_contain_text(CONGRATS)

    # Bob's page of the partnership lists the goal as achieved, too.
    bob.get_by_role("link", name="Buddies", exact=True).click()
    bob.get_by_role("link", name=re.compile("Ana")).first.click()
    shared = bob.get_by_role("region", name="Shared goals").get_by_role("listitem")
    expect(shared.filter(has_text=goal.statement)).to_contain_text("Achieved")

    # Ana is told of the congratulation, by email and under the bell, which leads to it.
    thanked = wait_for_email(people.ana.email, "Bob congratulates you on reaching your goal")
    assert CONGRATS in text_of(thanked) and goal.statement in text_of(thanked)
    open_from_bell(ana, "Bob congratulates you on reaching your goal")
    expect_reached(ana, goal.statement)
    expect(ana.get_by_role("region", name="Congratulations")).to_contain_text(CONGRATS)
    assert ana.console_errors == [] and bob.console_errors == []
