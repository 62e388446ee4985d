"""Each buddy's calendar holds their own deadline and the one the other shares; Ana makes her
feed address, sees it once, and a calendar app reads both deadlines with their alarms."""

import datetime
import re
import urllib.request
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import BERLIN

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def months_between(first: datetime.date, later: datetime.date) -> int:
    return (later.year - first.year) * 12 + later.month - first.month


def open_month(page, day: datetime.date):
    page.get_by_role("link", name="Calendar", exact=True).click()
    today = timezone.now().astimezone(ZoneInfo(BERLIN)).date()  # the calendar opens on it
    for _ in range(months_between(today, day)):
        page.get_by_role("link", name=re.compile("^Next month")).click()
    expect(page.get_by_role("heading", name=f"{day:%B %Y}")).to_be_visible()


def test_both_calendars_and_the_feed(people, sign_in, live_server):
    ana_goal, bob_goal = people.ana_goal, people.bob_goal
    ana, bob = sign_in(people.ana.email), sign_in(people.bob.email)

    open_month(ana, ana_goal.target_date)
    expect(ana.get_by_role("link", name=f"My goal deadline: {ana_goal.statement}")).to_be_visible()
    expect(
        ana.get_by_role("link", name=f"Buddy’s goal deadline: Bob: {bob_goal.statement}")
    ).to_be_visible()
    open_month(bob, bob_goal.target_date)
    expect(bob.get_by_role("link", name=f"My goal deadline: {bob_goal.statement}")).to_be_visible()
    expect(
        bob.get_by_role("link", name=f"Buddy’s goal deadline: Ana: {ana_goal.statement}")
    ).to_be_visible()

    # Ana makes her private feed address; it is shown once.
    ana.get_by_role("link", name="Add to your calendar app").click()
    ana.get_by_role("button", name="Make my calendar address").click()
    address = ana.get_by_label("Copy this address into your calendar app now")
    feed_url = address.input_value()
    assert feed_url.startswith(live_server.url + "/feeds/") and feed_url.endswith(".ics")
    ana.reload()
    expect(ana.get_by_role("button", name="Make a new address")).to_be_visible()
    expect(ana.get_by_label("Copy this address into your calendar app now")).to_have_count(0)

    # A calendar app fetches it without a session: both deadlines, all-day, two alarms each.
    with urllib.request.urlopen(feed_url, timeout=10) as answer:
        assert answer.headers.get_content_type() == "text/calendar"
        calendar = icalendar.Calendar.from_ical(answer.read())
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    mine = events[f"Goal deadline: {ana_goal.statement}"]
    theirs = events[f"Bob’s goal: {bob_goal.statement}"]
    for event, goal in ((mine, ana_goal), (theirs, bob_goal)):
        assert event.decoded("DTSTART") == goal.target_date
        triggers = sorted(alarm.decoded("TRIGGER") for alarm in event.walk("VALARM"))
        assert triggers == [datetime.timedelta(days=-7), datetime.timedelta(days=-1)]
        assert str(event["URL"]) == f"{live_server.url}/goals/{goal.pk}/"
    assert ana.console_errors == [] and bob.console_errors == []
