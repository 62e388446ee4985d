"""Bob proposes a review, Ana accepts from the email, they meet: Ana moves her deadline with a
note, the notes are saved, and both of them read the change in the goal's history."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import BERLIN
from .services import links_of

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
NOTE = "Two projects by spring is too tight with the reorg; two more weeks."


def test_review_proposed_accepted_held_moves_a_deadline(people, sign_in, wait_for_email):
    goal = people.ana_goal
    starts = timezone.now().astimezone(ZoneInfo(BERLIN)) + datetime.timedelta(minutes=20)
    new_deadline = goal.target_date + datetime.timedelta(days=14)

    # Bob proposes a meeting in twenty minutes.
    bob = sign_in(people.bob.email)
    bob.get_by_role("link", name="Buddies", exact=True).click()
    bob.get_by_role("link", name=re.compile("Ana")).first.click()
    bob.get_by_role("link", name="Propose a review").click()
    bob.get_by_label("Date").fill(starts.date().isoformat())
    bob.get_by_label("Start time").fill(starts.strftime("%H:%M"))
    bob.get_by_label("Place or video link (optional)").fill("Café Kranzler")
    bob.get_by_role("button", name="Send the proposal").click()
    expect(bob.get_by_role("heading", name="Goal review with Ana")).to_be_visible()
    expect(bob.get_by_text("Waiting for an answer")).to_be_visible()

    # Ana gets the proposal by email, with a calendar invitation, and accepts from its link.
    proposal = wait_for_email(people.ana.email, "Bob proposes a goal review")
    assert any(part.get_content_type() == "text/calendar" for part in proposal.iter_attachments())
    review_link = next(link for link in links_of(proposal) if "/reviews/" in link)
    ana = sign_in(people.ana.email)
    ana.goto(review_link)
    expect(ana.get_by_role("heading", name="Bob proposes this time")).to_be_visible()
    ana.get_by_role("button", name="Accept").click()
    expect(ana.get_by_text(re.compile("^Agreed"))).to_be_visible()
    wait_for_email(people.bob.email, "Ana accepted the goal review")

    # In the meeting Ana moves her deadline, saying why.
    card = ana.get_by_role("article").filter(has_text=goal.statement)
    card.get_by_text("Adjust this goal").click()
    card.get_by_label("Deadline").fill(new_deadline.isoformat())
    card.get_by_label("What you agreed, and why").fill(NOTE)
    card.get_by_role("button", name="Save the change").click()
    expect(ana.get_by_text("Saved in the goal’s history.")).to_be_visible()

    # Then the notes, which mark the meeting held.
    ana.get_by_label("Notes from the meeting").fill("Ana: deadline moved. Bob: exam booked.")
    ana.get_by_role("button", name="Save notes and finish the review").click()
    expect(ana.get_by_text("Held", exact=True)).to_be_visible()
    wait_for_email(people.bob.email, "Notes from your goal review with Ana")

    # Both read the change in the goal's history: the deadline, and why it moved.
    for page in (ana, bob):
        page.reload()
        page.get_by_role("link", name=goal.statement).first.click()
        expect(page.get_by_role("heading", name=goal.statement)).to_be_visible()
        full_history = page.get_by_role("link", name="Full history")
        if not full_history.is_visible():  # the goal page folds its history away
            page.get_by_role("heading", name="History").click()
        full_history.click()
        expect(page.get_by_role("heading", name="What changed")).to_be_visible()
        change = page.get_by_role("listitem").filter(has_text=NOTE)
        expect(change).to_contain_text("Deadline")
        expect(change).to_contain_text(re.compile(r"Review on .*" + re.escape(NOTE)))
        assert page.console_errors == []
