"""Ana moves her reminder hour; at that hour the sweep finds her step due tomorrow, the worker
emails her, the link opens the goal, and one click from the email stops these reminders."""

import datetime
import re
import urllib.request
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from careergoals.notifications.models import NotificationSettings
from careergoals.notifications.sweep import sweep
from goals import services as goal_services

from .conftest import BERLIN
from .services import free_port, links_of

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
STEP = "Send the project plan to Sam"
DEADLINE_EMAILS = "Reminders before my deadlines"


def the_coming_hour() -> datetime.datetime:
    """The next full hour in Berlin that is not the default reminder hour."""
    default = NotificationSettings._meta.get_field("morning_hour").default
    local = timezone.now().astimezone(ZoneInfo(BERLIN)).replace(minute=0, second=0, microsecond=0)
    coming = local + datetime.timedelta(hours=1)
    if coming.hour == default:
        coming += datetime.timedelta(hours=1)
    return coming


def open_notification_settings(page):
    page.get_by_role("button", name="Ana").click()
    page.get_by_role("link", name="Account settings").click()
    page.get_by_role("navigation", name="Account settings").get_by_role(
        "link", name="Notifications"
    ).click()
    expect(page.get_by_role("heading", name="Notifications and reminders")).to_be_visible()


def sweep_at(moment: datetime.datetime) -> int:
    """The real sweep, run with the clock at ``moment``: what beat does every minute."""
    with time_machine.travel(moment, tick=True):
        return sweep()


def test_reminder_at_the_new_hour_then_one_click_unsubscribe(
    people, sign_in, wait_for_email, settings
):
    coming = the_coming_hour()
    goal = people.ana_goal
    goal_services.micro_goal_create(
        goal=goal, title=STEP, deadline=coming.date() + datetime.timedelta(days=1)
    )

    # Ana chooses the coming hour for her reminders.
    page = sign_in(people.ana.email)
    open_notification_settings(page)
    page.get_by_label("At what time of day").select_option(label=f"{coming.hour:02d}:00")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Your notification settings are saved.")).to_be_visible()

    # A minute before that hour nothing is due; at the hour, the step's reminder is. This
    # process can't reach any mail server meanwhile: what arrives, the worker sent.
    settings.EMAIL_PORT = free_port()
    assert sweep_at(coming - datetime.timedelta(minutes=1)) == 0
    assert sweep_at(coming) == 1
    message = wait_for_email(people.ana.email, f"“{STEP}” is due tomorrow")

    # The link in the email opens the step's goal.
    goal_link = next(link for link in links_of(message) if f"/goals/{goal.pk}/" in link)
    page.goto(goal_link)
    expect(page.get_by_role("heading", name=goal.statement)).to_be_visible()
    expect(page.get_by_text(STEP).first).to_be_visible()

    # Her mail client's one-click unsubscribe (RFC 8058): a bare POST, no cookies, no token.
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header_link = re.fullmatch(r"\s*<([^>]+)>\s*", str(message["List-Unsubscribe"]))[1]
    request = urllib.request.Request(
        header_link,
        data=b"List-Unsubscribe=One-Click",
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 200
    open_notification_settings(page)
    expect(page.get_by_label(DEADLINE_EMAILS)).not_to_be_checked()
    expect(page.get_by_label("At what time of day")).to_have_value(str(coming.hour))

    # She turns them back on, then uses the link at the foot of the email instead.
    page.get_by_label(DEADLINE_EMAILS).check()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_label(DEADLINE_EMAILS)).to_be_checked()
    body_link = next(link for link in links_of(message) if "/notifications/unsubscribe/" in link)
    assert body_link == header_link  # signed once: the header and the body share it
    page.goto(body_link)
    expect(page.get_by_role("heading", name="Stop these emails?")).to_be_visible()
    page.get_by_role("button", name="Stop these emails").click()
    expect(page.get_by_role("heading", name="Done")).to_be_visible()
    open_notification_settings(page)
    expect(page.get_by_label(DEADLINE_EMAILS)).not_to_be_checked()
    assert page.console_errors == []
