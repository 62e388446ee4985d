"""One buddy deletes their account; the other is told under the bell and by email, and keeps
the record of the partnership and the comments on their goal, shown as from a former buddy."""

import re

import pytest
from playwright.sync_api import expect

from accountability import services as buddy_services
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("leaving", ["ana", "bob"], ids=["owner-deletes", "buddy-deletes"])
def test_the_buddy_who_stays_keeps_the_record(people, sign_in, wait_for_email, leaving):
    staying = "bob" if leaving == "ana" else "ana"
    leaver, stayer = getattr(people, leaving), getattr(people, staying)
    stayer_goal = getattr(people, f"{staying}_goal")
    buddy_services.comment_add(goal=stayer_goal, author=leaver, text="Proud of you, keep going!")
    stays = sign_in(stayer.email)
    leaves = sign_in(leaver.email)

    # The leaver deletes the account from the account settings.
    leaves.get_by_role("button", name=leaver.display_name).click()
    leaves.get_by_role("link", name="Account settings").click()
    leaves.get_by_role("navigation", name="Account settings").get_by_role(
        "link", name="Delete account"
    ).click()
    leaves.get_by_label("Your password").fill(PASSWORD)
    leaves.get_by_label(re.compile("I understand")).check()
    leaves.get_by_role("button", name="Delete my account for good").click()
    expect(
        leaves.get_by_text("Your account and everything in it have been deleted.")
    ).to_be_visible()

    # The one who stays sees it under the bell, and opens the kept record from there.
    subject = f"{leaver.display_name} deleted their account, so your partnership has ended"
    stays.reload()
    stays.get_by_role("link", name=re.compile(r"^Notifications: \d+ unread")).click()
    stays.get_by_role("button", name=subject).click()
    expect(
        stays.get_by_role("heading", name="Your partnership with a former buddy")
    ).to_be_visible()
    expect(stays.get_by_text("your buddy deleted their account")).to_be_visible()
    expect(
        stays.get_by_text("Ana: lead two client projects. Bob: pass the AWS exam.")
    ).to_be_visible()
    expect(stays.get_by_text(leaver.display_name, exact=True)).to_have_count(0)
    wait_for_email(stayer.email, subject)

    # Their comment stays on the goal, from "a former buddy".
    stays.get_by_role("link", name="Dashboard").click()
    stays.get_by_role("link", name=stayer_goal.statement).first.click()
    stays.locator("summary", has_text="Comments").click()  # folded on their own goal
    comment = stays.get_by_role("listitem").filter(has_text="Proud of you, keep going!")
    expect(comment).to_contain_text("A former buddy")
    assert stays.console_errors == [] and leaves.console_errors == []
