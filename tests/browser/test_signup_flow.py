"""A newcomer signs up, confirms the email and lands signed in, in a real Chromium."""

import re

import pytest
from django.core import mail

from careergoals.users.models import User
from tests.conftest import PASSWORD, links_in, path_of
from tests.mail import deliver_pending

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_signup_confirm_and_sign_in_in_chromium(page, live_server):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Create your free account").click()

    page.get_by_label("Email").fill("chris@example.org")
    page.get_by_label(re.compile(r"^\s*Password\*?\s*$")).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("Your name (optional)").fill("Chris")
    # The browser's own time zone was preselected; pick one explicitly to be sure.
    page.get_by_label("Time zone").select_option("America/New_York")
    page.get_by_role("button", name="Create your account").click()

    page.wait_for_url(re.compile(r"/accounts/confirm-email/$"))
    assert page.get_by_role("heading", name="Check your inbox").is_visible()

    deliver_pending()  # as the worker would
    (message,) = mail.outbox
    confirm = next(link for link in links_in(message) if "/confirm-email/" in link)
    page.goto(live_server.url + path_of(confirm))
    page.get_by_role("button", name="Confirm").click()

    # Signed in, a newcomer lands on the vision questions, with a way to skip.
    page.wait_for_url(re.compile(r"/vision/$"))
    assert page.get_by_role("heading", name="What does success look like for you?").is_visible()
    page.get_by_role("button", name="Skip for now and go to my dashboard").click()
    page.wait_for_url(re.compile(r"/home/$"))
    assert page.get_by_role("heading", name="Hello, Chris").is_visible()
    assert User.objects.get(email="chris@example.org").timezone == "America/New_York"

    # Keyboard: the skip link is the first stop and moves focus to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    assert page.console_errors == []


def test_browser_timezone_is_preselected(browser, live_server):
    context = browser.new_context(timezone_id="Asia/Tokyo")
    page = context.new_page()
    page.goto(live_server.url + "/accounts/signup/")
    assert page.get_by_label("Time zone").input_value() == "Asia/Tokyo"
    context.close()


def test_pages_fit_a_phone_screen(browser, live_server):
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    for path in ("/", "/accounts/signup/", "/accounts/login/", "/accounts/password/reset/"):
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not overflow, f"{path} scrolls sideways at 375 px"
    context.close()
