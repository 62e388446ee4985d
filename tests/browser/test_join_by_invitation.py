"""Bob joins through Ana's invitation in Chromium: the form knows his address, no second email."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accountability.models import Partnership
from tests.conftest import PASSWORD, links_in, path_of
from tests.mail import deliver_pending

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_invitee_joins_from_the_link_and_accepts_at_once(browser, live_server, make_user):
    ana = make_user(email="ana@example.org", display_name="Ana", welcomed_at=timezone.now())

    # Ana invites Bob, who has no account yet.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    ana_page = context.new_page()
    ana_page.goto(live_server.url + "/accounts/login/")
    ana_page.get_by_label("Email").fill(ana.email)
    ana_page.get_by_label(re.compile(r"^\s*Password")).fill(PASSWORD)
    ana_page.get_by_role("button", name="Sign in").click()
    ana_page.wait_for_url(re.compile(r"/home/$"))
    ana_page.goto(live_server.url + "/buddies/")
    ana_page.get_by_label("Their email address").fill("bob@example.org")
    ana_page.get_by_role("button", name=re.compile("invit", re.I)).click()
    ana_page.wait_for_load_state("networkidle")
    context.close()
    deliver_pending()
    (invite,) = [m for m in mail.outbox if m.to == ["bob@example.org"]]
    link = path_of(next(link for link in links_in(invite) if "/invitations/" in link))
    mail.outbox.clear()

    # Bob, in his own browser, opens the link and creates his account from it.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + link)
    page.get_by_role("main").get_by_role("link", name="Create an account").click()
    expect(page.get_by_role("heading", name="Create your account")).to_be_visible()
    expect(page.get_by_label("Email")).to_have_value("bob@example.org")
    page.get_by_label(re.compile(r"^\s*Password\*?\s*$")).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("Your name (optional)").fill("Bob")
    page.get_by_role("button", name="Create your account").click()

    # Signed in, back on the invitation: no email to confirm, he accepts right away.
    page.wait_for_url(re.compile(re.escape(link) + "$"))
    page.get_by_role("button", name="Accept and become buddies").click()
    page.wait_for_url(re.compile(r"/buddies/\d+/$"))
    assert not [m for m in mail.outbox if m.to == ["bob@example.org"]]
    assert EmailAddress.objects.get(email="bob@example.org").verified
    assert Partnership.objects.active().of(ana).count() == 1
    context.close()
