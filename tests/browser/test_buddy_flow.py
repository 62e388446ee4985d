"""Two people in two browsers: an invitation, the rules, a shared goal and a comment."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from tests.conftest import PASSWORD, links_in, path_of
from tests.mail import deliver_pending

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(browser, live_server, email):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^\s*Password")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state("networkidle")
    return page


def test_two_buddies_share_a_goal(browser, live_server, make_user, make_goal):
    ana = make_user(email="ana@example.org", display_name="Ana", welcomed_at=timezone.now())
    make_user(email="bob@example.org", display_name="Bob", welcomed_at=timezone.now())
    goal = make_goal(ana, statement="Lead two client projects end to end")

    # Ana invites Bob with a note.
    ana_page = sign_in(browser, live_server, "ana@example.org")
    ana_page.goto(live_server.url + "/buddies/")
    ana_page.get_by_label("Their email address").fill("bob@example.org")
    ana_page.get_by_label(re.compile("personal note", re.I)).fill("Keep me honest?")
    ana_page.get_by_role("button", name=re.compile("invit", re.I)).click()
    ana_page.wait_for_load_state("networkidle")
    deliver_pending()
    invite = next(m for m in mail.outbox if m.to == ["bob@example.org"])
    link = next(link for link in links_in(invite) if "/invitations/" in link)

    # Bob opens the link in his own browser and accepts.
    bob_page = sign_in(browser, live_server, "bob@example.org")
    bob_page.goto(live_server.url + path_of(link))
    assert bob_page.get_by_text("Keep me honest?").is_visible()
    bob_page.get_by_role("button", name=re.compile("^Accept", re.I)).click()
    bob_page.wait_for_url(re.compile(r"/buddies/\d+/$"))
    partnership_url = bob_page.url

    # Ana shares her goal with all her buddies.
    ana_page.goto(live_server.url + f"/goals/{goal.pk}/sharing/")
    ana_page.get_by_label(re.compile("All my buddies")).check()
    ana_page.get_by_role("button", name=re.compile("Save", re.I)).click()
    ana_page.wait_for_load_state("networkidle")

    # Bob sees it read-only and leaves a comment; Ana sees the comment.
    bob_page.goto(live_server.url + f"/goals/{goal.pk}/")
    assert bob_page.get_by_role("heading", name="Lead two client projects end to end").is_visible()
    assert bob_page.get_by_role("link", name="Edit goal").count() == 0
    bob_page.get_by_label("Your comment").fill("You’ve got this, Ana!")
    bob_page.get_by_role("button", name="Post comment").click()
    bob_page.get_by_text("You’ve got this, Ana!").first.wait_for()
    ana_page.goto(live_server.url + f"/goals/{goal.pk}/")
    ana_page.locator("summary", has_text="Comments · 1").click()  # folded on her own goal
    assert ana_page.get_by_text("You’ve got this, Ana!").first.is_visible()

    # Bob writes the rules; Ana confirms the same version.
    bob_page.goto(partnership_url + "rules/")
    bob_page.get_by_label("What each of us is working toward, and by when").fill(
        "Ana: two projects by June. Bob: AWS exam."
    )
    bob_page.get_by_label("How we will support each other").fill(
        "A message every Friday; honest feedback."
    )
    bob_page.get_by_role("button", name="Save the rules").click()
    bob_page.wait_for_url(partnership_url)
    ana_page.goto(partnership_url)
    ana_page.get_by_role("button", name="I agree to version 1").click()
    ana_page.wait_for_load_state("networkidle")
    assert ana_page.get_by_text("I agree to version 1").count() == 0

    # Ana proposes a review; Bob accepts; it is on both calendars.
    when = timezone.localdate() + datetime.timedelta(days=10)
    ana_page.goto(partnership_url + "reviews/new/")
    ana_page.get_by_label("Date").fill(when.isoformat())
    ana_page.get_by_label("Start time").fill("17:30")
    ana_page.get_by_label("Place or video link (optional)").fill("Café Kranzler")
    ana_page.get_by_role("button", name="Send the proposal").click()
    ana_page.wait_for_url(re.compile(r"/reviews/\d+/$"))
    review_url = ana_page.url
    bob_page.goto(review_url)
    bob_page.get_by_role("button", name="Accept").click()
    bob_page.wait_for_load_state("networkidle")
    for page in (ana_page, bob_page):
        page.goto(live_server.url + f"/calendar/?month={when:%Y-%m}")
        assert page.get_by_text(re.compile("review", re.I)).first.is_visible()
