"""Ana invites Bob, who has no account yet; he joins from the emailed link without a second
confirmation, they agree on their rules, Ana shares one goal of two, and Bob's comment and
feedback reach her bell, her notification list and her inbox."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import PASSWORD

from .conftest import BERLIN, BROWSER_TIMEOUT_MS
from .services import links_of

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
BOB = "bob@example.org"
NOTE = "You kept me honest at the last job. Will you do it again?"
WORKING_TOWARD = "Ana: lead two client projects by June. Bob: find his feet here first."
SUPPORT = "A message every Friday; honest questions, no judgement."
SHARED = "Lead two client projects end to end"
PRIVATE = "Negotiate a raise before the summer"
COMMENT = "The first project kicks off next week: book the kick-off room today!"
FEEDBACK = "Two at once is a lot, but you did one alone last year."


def go_to(page, name: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name).click()


def watch_console(page, *, missing: str) -> None:
    """Console errors too (a blocked script or style says so only there), except the one the
    404 for ``missing`` makes."""

    def record(message):
        if message.type != "error":
            return
        if "404" in message.text and message.location.get("url", "").endswith(missing):
            return
        page.console_errors.append(message.text)

    page.on("console", record)


@pytest.fixture
def open_signed_out(browser, live_server):
    """A browser context of someone with no account here, watched like the signed-in ones."""
    contexts = []

    def open_page():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(BROWSER_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        return page

    yield open_page
    for context in contexts:
        context.close()


def test_a_new_buddy_joins_agrees_and_encourages_on_the_shared_goal_only(
    make_user, make_goal, sign_in, open_signed_out, mailbox, wait_for_email, live_server
):
    ana_user = make_user(
        email="ana@example.org", display_name="Ana", timezone=BERLIN, welcomed_at=timezone.now()
    )
    shared = make_goal(ana_user, statement=SHARED)
    private = make_goal(ana_user, statement=PRIVATE)

    # Ana invites Bob from her Buddies page, with a note of her own.
    ana = sign_in(ana_user.email)
    watch_console(ana, missing=private.get_absolute_url())
    go_to(ana, "Buddies")
    ana.get_by_label("Their email address").fill(BOB)
    ana.get_by_label("A personal note (optional)").fill(NOTE)
    ana.get_by_role("button", name="Send the invitation").click()
    expect(ana.get_by_text(f"Invitation sent to {BOB}.")).to_be_visible()
    waiting = ana.get_by_role("region", name="Waiting for an answer")
    expect(waiting.get_by_text(BOB, exact=True)).to_be_visible()

    # The worker emails him the invitation, her note word for word.
    invitation = wait_for_email(BOB, "Ana invites you to be their accountability buddy")
    assert NOTE in invitation.get_body(preferencelist=("plain",)).get_content()
    link = next(link for link in links_of(invitation) if "/invitations/" in link)

    # Bob, signed out in a browser of his own, opens the link and creates his account from it.
    bob = open_signed_out()
    watch_console(bob, missing=private.get_absolute_url())
    bob.goto(link)
    expect(
        bob.get_by_role("heading", name="Ana invites you to be their accountability buddy")
    ).to_be_visible()
    expect(bob.get_by_text(NOTE)).to_be_visible()
    bob.get_by_role("main").get_by_role("link", name="Create an account").click()
    expect(bob.get_by_role("heading", name="Create your account")).to_be_visible()
    expect(bob.get_by_label("Email")).to_have_value(BOB)
    expect(bob.get_by_text("Your invitation already confirmed")).to_be_visible()
    bob.get_by_label(re.compile(r"^\s*Password\*?\s*$")).fill(PASSWORD)
    bob.get_by_label("Password (again)").fill(PASSWORD)
    bob.get_by_label("Your name (optional)").fill("Bob")
    bob.get_by_role("button", name="Create your account").click()

    # Signed in and back on the invitation: no address to confirm, no email to wait for.
    expect(bob.get_by_role("button", name="Accept and become buddies")).to_be_visible()
    assert bob.url == link
    assert [str(m["Subject"]) for m in mailbox.to(BOB)] == [str(invitation["Subject"])]
    bob.get_by_role("button", name="Accept and become buddies").click()
    expect(bob.get_by_role("heading", name="You and Ana")).to_be_visible()
    expect(bob.get_by_text("You and Ana are now accountability buddies.")).to_be_visible()

    # Ana hears of it by email and writes the rules from its link; that version is hers.
    accepted = wait_for_email(ana_user.email, "Bob is now your accountability buddy")
    ana.goto(next(link for link in links_of(accepted) if "/buddies/" in link))
    expect(ana.get_by_role("heading", name="You and Bob")).to_be_visible()
    ana.get_by_role("link", name="Write your rules").click()
    expect(ana.get_by_role("heading", name="Set your rules")).to_be_visible()
    ana.get_by_label("What each of us is working toward, and by when").fill(WORKING_TOWARD)
    ana.get_by_label("How we will support each other").fill(SUPPORT)
    ana.get_by_label("Every two weeks").check()
    ana.get_by_role("button", name="Save the rules").click()
    rules = ana.get_by_role("region", name="Your rules")
    expect(rules.get_by_text("Waiting for confirmation")).to_be_visible()
    expect(rules.get_by_role("button", name=re.compile("^I agree"))).to_have_count(0)

    # Bob is asked to confirm by email; he reads the same words and agrees to that version.
    asked = wait_for_email(BOB, "Ana wrote your buddy rules: please confirm")
    bob.goto(next(link for link in links_of(asked) if "/buddies/" in link))
    rules = bob.get_by_role("region", name="Your rules")
    expect(rules.get_by_text(WORKING_TOWARD)).to_be_visible()
    expect(rules.get_by_text(SUPPORT)).to_be_visible()
    rules.get_by_role("button", name="I agree to version 1").click()
    rules = bob.get_by_role("region", name="Your rules")
    expect(rules.get_by_text("Both confirmed")).to_be_visible()
    ana.reload()
    expect(
        ana.get_by_role("region", name="Your rules").get_by_text("Both confirmed")
    ).to_be_visible()

    # Ana shares her first goal with all her buddies; the second stays hers alone.
    go_to(ana, "Dashboard")
    ana.get_by_role("link", name=SHARED).first.click()
    expect(ana.get_by_role("heading", name=SHARED)).to_be_visible()
    ana.get_by_role("link", name="Change who can see this goal").click()
    expect(ana.get_by_text("Right now: only you can see it.")).to_be_visible()
    ana.get_by_label("All my buddies (Bob)").check()
    ana.get_by_role("button", name="Save").click()
    expect(ana.get_by_text(re.compile(r"Who can see this:\s*Bob"))).to_be_visible()
    ana.goto(live_server.url + private.get_absolute_url())
    expect(ana.get_by_text(re.compile(r"Who can see this:\s*Only you"))).to_be_visible()

    # Bob finds the shared goal on his page with Ana, and only that one.
    go_to(bob, "Buddies")
    bob.get_by_role("link", name="Ana").click()
    theirs = bob.get_by_role("region", name="Shared goals")
    expect(theirs.get_by_role("link", name=SHARED)).to_be_visible()
    expect(bob.get_by_text(PRIVATE)).to_have_count(0)

    # The private goal's address, typed in, is a page that does not exist for him.
    response = bob.goto(live_server.url + private.get_absolute_url())
    assert response.status == 404
    expect(bob.get_by_role("heading", name="We can’t find that page")).to_be_visible()
    expect(bob.get_by_text(PRIVATE)).to_have_count(0)
    bob.go_back()

    # On the shared goal he comments, then says whether he thinks it is attainable.
    theirs = bob.get_by_role("region", name="Shared goals")
    theirs.get_by_role("link", name=SHARED).click()
    expect(bob.get_by_role("heading", name=SHARED)).to_be_visible()
    expect(bob.get_by_text("Ana’s goal, shared with you · read-only")).to_be_visible()
    comments = bob.get_by_role("region", name="Comments")
    comments.get_by_label("Your comment").fill(COMMENT)
    comments.get_by_role("button", name="Post comment").click()
    expect(bob.get_by_role("region", name="Comments").get_by_text(COMMENT)).to_be_visible()
    feedback = bob.get_by_role("region", name="Is it attainable?")
    feedback.get_by_label("A stretch").check()
    feedback.get_by_label("Why? (optional)").fill(FEEDBACK)
    feedback.get_by_role("button", name="Send my answer").click()
    feedback = bob.get_by_role("region", name="Is it attainable?")
    answer = feedback.get_by_role("listitem").filter(has_text=FEEDBACK)
    expect(answer).to_contain_text(re.compile(r"You\s*A stretch"))
    expect(feedback.get_by_text("Change your answer")).to_be_visible()

    # Both reach Ana's inbox through the worker.
    commented = wait_for_email(ana_user.email, "Bob commented on your goal")
    answered = wait_for_email(ana_user.email, "Bob answered “Is this attainable?” about your goal")
    assert COMMENT in commented.get_body(preferencelist=("plain",)).get_content()
    assert FEEDBACK in answered.get_body(preferencelist=("plain",)).get_content()

    # Her bell counts what is new: Bob joining, his comment and his answer.
    go_to(ana, "Dashboard")
    bell = ana.get_by_role("link", name="Notifications: 3 unread")
    expect(bell).to_be_visible()
    bell.click()
    expect(ana.get_by_role("heading", name="Notifications")).to_be_visible()
    comment_item = ana.get_by_role("listitem").filter(
        has=ana.get_by_role("button", name="Bob commented on your goal")
    )
    preview = comment_item.get_by_role("paragraph")  # the email's first words: what he wrote
    expect(preview).to_have_text(
        re.compile("^" + re.escape(f"Bob commented on your goal: {SHARED} “{COMMENT}”"))
    )
    expect(comment_item.get_by_text("new", exact=True)).to_be_visible()
    feedback_item = ana.get_by_role("listitem").filter(
        has=ana.get_by_role("button", name=re.compile("Bob answered"))
    )
    expect(feedback_item).to_contain_text("Their answer: A stretch")

    # Following the comment leads to the goal, where she reads it; it is no longer new.
    comment_item.get_by_role("button", name="Bob commented on your goal").click()
    expect(ana.get_by_role("heading", name=SHARED)).to_be_visible()
    assert re.search(rf"/goals/{shared.pk}/#comment-\d+$", ana.url)
    expect(ana.get_by_role("region", name="Comments").get_by_text(COMMENT)).to_be_visible()
    # The answers are folded on her own goal: the summary counts them, a click shows them.
    attainable = ana.get_by_role("region", name="Is it attainable?")
    expect(attainable.locator("summary")).to_contain_text("A stretch: 1")
    attainable.locator("summary").click()
    answers = attainable.get_by_role("listitem")
    expect(answers.filter(has_text=FEEDBACK)).to_contain_text(re.compile(r"Bob\s*A stretch"))
    expect(ana.get_by_role("link", name="Notifications: 2 unread")).to_be_visible()

    # Bob never got an email asking him to confirm his address.
    assert [str(m["Subject"]) for m in mailbox.to(BOB)] == [
        str(invitation["Subject"]),
        str(asked["Subject"]),
    ]
    assert ana.console_errors == []
    assert bob.console_errors == []
