"""The month calendar and the personal iCalendar feed: who sees what, and that apps can read it."""

import datetime
import hashlib
import re
from urllib.parse import urlsplit

import icalendar
import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from accountability import services
from accountability.calendar_events import month_grid
from accountability.models import CalendarFeed, ReviewMeeting
from goals import services as goal_services
from goals.models import MicroGoal

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2027, 1, 5, 12, tzinfo=datetime.UTC)
JAN = {"month": "2027-01"}


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


def day(n: int) -> datetime.date:
    return datetime.date(2027, 1, n)


@pytest.fixture
def january(now, ana, bob, carol, make_goal, partnership):
    """Ana's and Bob's January: own, shared and private deadlines, a stranger's, a review."""
    ana.timezone = "Europe/Berlin"
    ana.save()
    mine = make_goal(ana, statement="Ana private goal", target_date=day(20))
    goal_services.micro_goal_create(goal=mine, title="Ana step", deadline=day(10))
    goal_services.micro_goal_create(goal=mine, title="Ana later step", deadline=day(28))
    done = goal_services.micro_goal_create(goal=mine, title="Ana finished step", deadline=day(9))
    goal_services.micro_goal_set_status(micro_goal=done, status=MicroGoal.Status.DONE)
    shared = make_goal(bob, statement="Bob shared goal", target_date=day(25))
    services.goal_set_visibility(goal=shared, visibility="buddies")
    goal_services.micro_goal_create(goal=shared, title="Bob shared step", deadline=day(15))
    hidden = make_goal(bob, statement="Bob private goal", target_date=day(26))
    goal_services.micro_goal_create(goal=hidden, title="Bob private step", deadline=day(16))
    make_goal(carol, statement="Carol stranger goal", target_date=day(27))
    meeting = services.review_propose(
        partnership=partnership,
        by=bob,
        starts_at=datetime.datetime(2027, 1, 18, 17, tzinfo=datetime.UTC),
        duration_minutes=60,
        place="Café Central",
    )
    services.review_respond(meeting=meeting, by=ana, accept=True)
    return {"mine": mine, "shared": shared, "hidden": hidden, "meeting": meeting}


def feed_url(user) -> str:
    """A working address of this person's feed: a new one each time (the old one stops)."""
    feed = services.feed_regenerate(user=user)
    return reverse("buddies:calendar_feed_ics", args=[feed.public_id, feed.secret])


def parse(response) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(response.content)


def events_of(cal) -> dict[str, icalendar.Event]:
    return {str(event["uid"]): event for event in cal.walk("VEVENT")}


# --- The month page --------------------------------------------------------------------------


def test_month_shows_own_and_shared_deadlines_and_meetings(client, ana, january):
    client.force_login(ana)
    page = client.get(reverse("buddies:calendar"), JAN).content.decode()
    for expected in ("Ana private goal", "Ana step", "Bob: Bob shared goal", "Bob shared step"):
        assert expected in page
    assert "Review with Bob" in page
    assert "18:00" in page  # 17:00 UTC is 18:00 in Berlin, where Ana lives
    for hidden in ("Bob private goal", "Bob private step", "Carol stranger goal", "finished step"):
        assert hidden not in page
    # The legend names every colour.
    for label in ("My goals", "My steps", "Buddies’ goals", "Buddies’ steps", "Review meetings"):
        assert label in page


def test_buddy_sees_the_shared_goal_but_not_private_ones(client, bob, january):
    client.force_login(bob)
    page = client.get(reverse("buddies:calendar"), JAN).content.decode()
    assert "Bob shared goal" in page and "Bob private goal" in page  # both are his own
    assert "Ana private goal" not in page and "Ana step" not in page
    assert "Review with Ana" in page


def test_stranger_sees_none_of_it(client, carol, january):
    client.force_login(carol)
    page = client.get(reverse("buddies:calendar"), JAN).content.decode()
    assert "Carol stranger goal" in page
    assert "Bob shared goal" not in page and "Review with" not in page


def test_today_is_marked_and_months_link_both_ways(client, ana, now):
    client.force_login(ana)
    page = client.get(reverse("buddies:calendar")).content.decode()
    assert "January 2027" in page
    assert 'aria-current="date"' in page
    assert "?month=2026-12" in page and "?month=2027-02" in page
    assert "Back to this month" not in page
    other = client.get(reverse("buddies:calendar"), {"month": "2030-12"}).content.decode()
    assert "December 2030" in other and "?month=2031-01" in other
    assert "Back to this month" in other


@pytest.mark.parametrize(
    "value",
    [
        "2027-13",
        "2027-00",
        "abc",
        "",
        "2027-1",
        "27-01",
        "0000-01",
        "99999-01",
        "2027-01-05",
        "9999-12",
        "-2027-01",
        "２０２７-０１",
        "2027-01\n",
        "2026-12 ",
    ],
)
def test_bad_month_falls_back_to_this_month(client, ana, now, value):
    client.force_login(ana)
    response = client.get(reverse("buddies:calendar"), {"month": value})
    assert response.status_code == 200
    assert "January 2027" in response.content.decode()


def test_month_grid_covers_whole_weeks():
    weeks = month_grid(2027, 2, [])
    assert weeks[0][0].date == datetime.date(2027, 2, 1)  # a Monday
    assert all(len(week) == 7 for week in weeks)
    sunday_first = month_grid(2027, 2, [], first_weekday=6)
    assert sunday_first[0][0].date == datetime.date(2027, 1, 31)
    assert not sunday_first[0][0].in_month


@pytest.mark.parametrize("count", [1, 20])
def test_month_page_queries_do_not_grow(
    client, ana, bob, partnership, make_goal, now, count, django_assert_num_queries
):
    for n in range(count):
        owner = ana if n % 2 else bob
        goal = make_goal(owner, statement=f"Goal {n}", target_date=day(1 + n % 28))
        services.goal_set_visibility(goal=goal, visibility="buddies")
        goal_services.micro_goal_create(goal=goal, title=f"Step {n}", deadline=day(2 + n % 27))
    client.force_login(ana)
    # user, goals, steps, meetings, unread count (the session comes from Redis)
    with django_assert_num_queries(5):
        assert client.get(reverse("buddies:calendar"), JAN).status_code == 200


def test_pages_need_a_login(client):
    for name in ("buddies:calendar", "buddies:calendar_feed"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response.url
    response = client.post(reverse("buddies:calendar_feed_regenerate"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


# --- The feed --------------------------------------------------------------------------------


FEED_ADDRESS = re.compile(r"/feeds/([0-9a-f-]{36})/([A-Za-z0-9_-]+)\.ics")


def test_first_visit_offers_to_make_an_address(client, ana):
    client.force_login(ana)
    page = client.get(reverse("buddies:calendar_feed")).content.decode()
    assert not FEED_ADDRESS.search(page)
    assert "Make my calendar address" in page
    assert not CalendarFeed.objects.exists()  # a visit changes nothing


def test_the_address_is_shown_once_with_how_to_subscribe(client, ana):
    client.force_login(ana)
    response = client.post(reverse("buddies:calendar_feed_regenerate"), follow=True)
    page = response.content.decode()
    public_id, secret = FEED_ADDRESS.search(page).groups()
    webcal = re.sub(r"^https?://", "webcal://", settings.SITE_URL)
    assert "readonly" in page and f"{webcal}/feeds/{public_id}/{secret}.ics" in page
    assert "only once" in page
    for app in ("Google Calendar", "Apple Calendar", "Outlook"):
        assert app in page
    client.logout()
    assert client.get(f"/feeds/{public_id}/{secret}.ics").status_code == 200

    client.force_login(ana)
    again = client.get(reverse("buddies:calendar_feed")).content.decode()
    assert secret not in again and not FEED_ADDRESS.search(again)
    assert "shown only once" in again and "Make a new address" in again


def test_the_secret_is_stored_only_as_a_hash(client, ana):
    client.force_login(ana)
    page = client.post(reverse("buddies:calendar_feed_regenerate"), follow=True).content.decode()
    _, secret = FEED_ADDRESS.search(page).groups()
    row = CalendarFeed.objects.filter(user=ana).values().get()
    assert secret not in {str(value) for value in row.values()}
    assert row["secret_hash"] == hashlib.sha256(secret.encode()).hexdigest()
    with connection.cursor() as cursor:  # nowhere in the table, in any column
        cursor.execute("SELECT * FROM accountability_calendarfeed")
        assert all(secret not in str(value) for row in cursor.fetchall() for value in row)


@pytest.mark.django_db(transaction=True)
def test_addresses_made_before_hashing_keep_working(client, ana):
    """The data migration hashes the plain secrets, so calendar apps see no change."""
    executor = MigrationExecutor(connection)
    before = [("accountability", "0002_initial")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("accountability", "CalendarFeed")
    feed = old.objects.create(user_id=ana.pk, secret="a-plain-secret-made-before-hashing")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    url = f"/feeds/{feed.public_id}/a-plain-secret-made-before-hashing.ics"
    assert client.get(url).status_code == 200
    assert client.get(url.replace("plain", "other")).status_code == 404


def test_a_new_address_shown_in_another_tab_is_not_shown_twice(client, ana):
    client.force_login(ana)
    client.post(reverse("buddies:calendar_feed_regenerate"))
    other_tab = Client()
    other_tab.force_login(ana)
    other_tab.post(reverse("buddies:calendar_feed_regenerate"))  # replaces the first one
    page = client.get(reverse("buddies:calendar_feed")).content.decode()
    assert not FEED_ADDRESS.search(page)  # the first, now dead, address is not offered


def test_feed_is_valid_icalendar_for_calendar_apps(client, ana, january):
    response = client.get(feed_url(ana))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "filename=" in response["Content-Disposition"]
    assert b"\r\n" in response.content
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT6H" in response.content
    cal = parse(response)
    assert cal["VERSION"] == "2.0"
    assert cal["METHOD"] == "PUBLISH"
    assert cal["CALSCALE"] == "GREGORIAN"
    assert "PRODID" in cal and "X-WR-CALNAME" in cal and "X-PUBLISHED-TTL" in cal
    events = events_of(cal)
    mine, shared, meeting = january["mine"], january["shared"], january["meeting"]
    step = mine.micro_goals.get(title="Ana step")
    host = urlsplit(settings.SITE_URL).hostname
    assert set(events) == {
        f"goal-{mine.pk}@{host}",
        f"goal-{shared.pk}@{host}",
        f"step-{step.pk}@{host}",
        f"step-{mine.micro_goals.get(title='Ana later step').pk}@{host}",
        f"step-{shared.micro_goals.get().pk}@{host}",
        f"review-{meeting.pk}@{host}",
    }
    summaries = " ".join(str(event["SUMMARY"]) for event in events.values())
    assert "Bob private" not in summaries and "Carol" not in summaries
    assert "finished step" not in summaries


def test_deadlines_are_all_day_events_with_two_alarms(client, ana, january):
    cal = parse(client.get(feed_url(ana)))
    goal = next(e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("goal-"))
    start, end = goal.decoded("DTSTART"), goal.decoded("DTEND")
    assert type(start) is datetime.date and end == start + datetime.timedelta(days=1)
    assert goal["DTSTART"].params["VALUE"] == "DATE"
    assert "DTSTAMP" in goal and "SUMMARY" in goal
    assert str(goal["URL"]).endswith(f"/goals/{january['mine'].pk}/")
    alarms = goal.walk("VALARM")
    assert len(alarms) == 2
    assert {a.decoded("TRIGGER") for a in alarms} == {
        datetime.timedelta(days=-7),
        datetime.timedelta(days=-1),
    }
    assert {str(a["ACTION"]) for a in alarms} == {"DISPLAY"}
    assert b"TRIGGER:-P7D" in client.get(feed_url(ana)).content


def test_meetings_are_timed_events_in_utc(client, ana, january):
    cal = parse(client.get(feed_url(ana)))
    meeting = next(e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("review-"))
    assert meeting.decoded("DTSTART") == datetime.datetime(2027, 1, 18, 17, tzinfo=datetime.UTC)
    assert meeting.decoded("DTEND") == datetime.datetime(2027, 1, 18, 18, tzinfo=datetime.UTC)
    assert str(meeting["LOCATION"]) == "Café Central"
    assert str(meeting["STATUS"]) == "CONFIRMED"


def test_uids_are_stable_across_requests(client, ana, january):
    url = feed_url(ana)
    first = set(events_of(parse(client.get(url))))
    second = set(events_of(parse(client.get(url))))
    assert first == second and len(first) >= 5


def test_head_request_works_for_apps_that_check_first(client, ana, january):
    response = client.head(feed_url(ana))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")


def test_a_new_secret_revokes_the_old_address(client, ana, january):
    old = feed_url(ana)
    assert client.get(old).status_code == 200
    client.force_login(ana)
    response = client.post(reverse("buddies:calendar_feed_regenerate"))
    assert response.status_code == 302
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(feed_url(ana)).status_code == 200
    assert CalendarFeed.objects.get(user=ana).rotated_at is not None


def test_wrong_or_unknown_secret_is_404(client, ana, bob):
    feed = services.feed_regenerate(user=ana)
    other = services.feed_regenerate(user=bob)
    for public_id, secret in (
        (feed.public_id, "wrong"),
        (feed.public_id, other.secret),  # someone else's secret
        (other.public_id, feed.secret),
        ("6f1c2a44-3b1f-4a5e-9f0d-2f1a0b6c7d8e", feed.secret),
        (feed.public_id, feed.secret[:-1]),
    ):
        url = reverse("buddies:calendar_feed_ics", args=[public_id, secret])
        assert client.get(url).status_code == 404


def test_ex_buddys_events_disappear(client, ana, bob, january, partnership):
    assert "Bob shared goal" in client.get(feed_url(ana)).content.decode()
    services.partnership_end(partnership=partnership, by=bob)
    body = client.get(feed_url(ana)).content.decode()
    assert "Bob shared goal" not in body and "Bob shared step" not in body
    assert f"review-{january['meeting'].pk}@" not in body
    assert "Ana private goal" in body


def test_feed_of_a_deactivated_account_is_gone(client, ana):
    url = feed_url(ana)
    ana.is_active = False
    ana.save()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("count", [1, 20])
def test_feed_queries_do_not_grow(
    client, ana, bob, partnership, make_goal, now, count, django_assert_num_queries
):
    for n in range(count):
        owner = ana if n % 2 else bob
        goal = make_goal(owner, statement=f"Goal {n}", target_date=day(1 + n % 28))
        services.goal_set_visibility(goal=goal, visibility="buddies")
        goal_services.micro_goal_create(goal=goal, title=f"Step {n}", deadline=day(2 + n % 27))
        ReviewMeeting.objects.create(
            partnership=partnership,
            proposed_by=bob,
            starts_at=NOW + datetime.timedelta(days=n + 1),
            status=ReviewMeeting.Status.ACCEPTED,
        )
    url = feed_url(ana)
    with django_assert_num_queries(4):  # the feed, goals, steps, meetings
        response = client.get(url)
    assert len(events_of(parse(response))) == 3 * count
