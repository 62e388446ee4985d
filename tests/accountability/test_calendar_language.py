"""The calendar feed is read by a calendar app, with no one signed in: it is written in its
owner's language, and a change of language is a new calendar (another ETag)."""

import datetime

import icalendar
import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from accountability import services

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2027, 1, 5, 12, tzinfo=datetime.UTC)


@pytest.fixture
def pair(ana, bob, make_goal, partnership):
    with time_machine.travel(NOW, tick=False):
        make_goal(ana, statement="Ana private goal", target_date=datetime.date(2027, 1, 20))
        meeting = services.review_propose(
            partnership=partnership,
            by=bob,
            starts_at=datetime.datetime(2027, 1, 18, 17, tzinfo=datetime.UTC),
        )
        services.review_respond(meeting=meeting, by=ana, accept=True)
        feed = services.feed_regenerate(user=ana)
    return reverse("buddies:calendar_feed_ics", args=[feed.public_id, feed.secret])


def summaries(response) -> set[str]:
    cal = icalendar.Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]) for event in cal.walk("VEVENT")}


def test_the_feed_speaks_its_owners_language_whoever_fetches_it(ana, pair):
    app = Client(HTTP_ACCEPT_LANGUAGE="en")  # a calendar app, no session
    with time_machine.travel(NOW, tick=False):
        english = app.get(pair)
        ana.language = "de"
        ana.save(update_fields=["language"])
        german = app.get(pair)
    assert summaries(english) == {"Goal deadline: Ana private goal", "Review with Bob"}
    assert summaries(german) == {"Zielfrist: Ana private goal", "Rückblick mit Bob"}
    assert "Rückblicke" in german.content.decode()  # the calendar's description
    assert english["ETag"] != german["ETag"]  # not a 304 for an app holding the English one
