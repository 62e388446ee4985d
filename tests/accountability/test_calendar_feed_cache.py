"""The feed's validators and window, its text as calendar apps read it, and its cost.

An unchanged feed answers 304 from its own row; every write that changes what a feed holds
(a goal, step or share of the person or of a buddy, a partnership, a review, a name) gives it
a new ETag; the text is built once per change."""

import datetime
import gzip

import icalendar
import pytest
import time_machine
from django.urls import reverse

from accountability import services
from careergoals.users.services import user_update_profile
from goals import services as goal_services
from goals.models import Goal, MicroGoal

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2027, 1, 5, 12, tzinfo=datetime.UTC)
TODAY = datetime.date(2027, 1, 5)


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def pair(now, ana, bob, carol, make_goal, partnership):
    """Ana (Berlin) and Bob, buddies: each has a shared goal with a step, Bob proposed a review."""
    ana.timezone = "Europe/Berlin"
    ana.save()
    mine = make_goal(ana, statement="Ana goal", target_date=TODAY + datetime.timedelta(days=20))
    step = goal_services.micro_goal_create(
        goal=mine, title="Ana step", deadline=TODAY + datetime.timedelta(days=3)
    )
    theirs = make_goal(bob, statement="Bob goal", target_date=TODAY + datetime.timedelta(days=30))
    services.goal_set_visibility(goal=theirs, visibility="buddies")
    bob_step = goal_services.micro_goal_create(
        goal=theirs, title="Bob step", deadline=TODAY + datetime.timedelta(days=4)
    )
    meeting = services.review_propose(
        partnership=partnership,
        by=bob,
        starts_at=NOW + datetime.timedelta(days=2),
        duration_minutes=60,
        place="Café",
    )
    return {
        "mine": mine,
        "step": step,
        "theirs": theirs,
        "bob_step": bob_step,
        "meeting": meeting,
        "partnership": partnership,
        "carol": carol,
    }


def feed_url(user) -> str:
    feed = services.feed_regenerate(user=user)
    return reverse("buddies:calendar_feed_ics", args=[feed.public_id, feed.secret])


def uids(response) -> set[str]:
    cal = icalendar.Calendar.from_ical(response.content)
    return {str(event["UID"]).split("@")[0] for event in cal.walk("VEVENT")}


# --- Validators ------------------------------------------------------------------------------


def test_an_unchanged_feed_answers_304_without_a_body(
    client, ana, pair, django_assert_max_num_queries
):
    url = feed_url(ana)
    first = client.get(url)
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('W/"') and modified.endswith("GMT")
    with django_assert_max_num_queries(3):
        again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag and again["Cache-Control"] == "private, max-age=900"
    by_date = client.get(url, headers={"If-Modified-Since": modified})
    assert by_date.status_code == 304 and by_date.content == b""
    assert client.get(url, headers={"If-None-Match": 'W/"something-else"'}).status_code == 200


def test_the_304_costs_one_query_whatever_the_size(
    client, ana, make_goal, now, django_assert_num_queries
):
    for n in range(30):
        goal = make_goal(
            ana, statement=f"Goal {n}", target_date=TODAY + datetime.timedelta(days=n + 1)
        )
        goal_services.micro_goal_create(goal=goal, title=f"Step {n}", deadline=TODAY)
    url = feed_url(ana)
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(1):  # the feed and its owner
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_a_changed_feed_is_built_once_then_served_from_the_cache(
    client, ana, pair, django_assert_num_queries
):
    url = feed_url(ana)
    with django_assert_num_queries(4):  # the feed, goals, steps, meetings
        first = client.get(url)
    with django_assert_num_queries(1):
        second = client.get(url)
    assert second.content == first.content  # the same bytes: DTSTAMP is the last change


def _bump_own_goal(d, ana, bob):
    goal_services.goal_update(goal=d["mine"], statement="Ana goal, reworded")


def _own_goal_created(d, ana, bob):
    goal_services.goal_create(
        owner=ana, statement="New", target_date=TODAY + datetime.timedelta(days=9)
    )


def _own_goal_abandoned(d, ana, bob):
    goal_services.goal_abandon(goal=d["mine"], reason="Other plans")


def _own_goal_deleted(d, ana, bob):
    goal_services.goal_delete(goal=d["mine"])


def _own_step_created(d, ana, bob):
    goal_services.micro_goal_create(goal=d["mine"], title="Another", deadline=TODAY)


def _own_step_changed(d, ana, bob):
    goal_services.micro_goal_update(
        micro_goal=d["step"], deadline=TODAY + datetime.timedelta(days=5)
    )


def _own_step_done(d, ana, bob):
    goal_services.micro_goal_set_status(micro_goal=d["step"], status=MicroGoal.Status.DONE)


def _own_step_deleted(d, ana, bob):
    goal_services.micro_goal_delete(micro_goal=d["step"])


def _own_name(d, ana, bob):
    user_update_profile(user=ana, display_name="Ana María", timezone=ana.timezone)


def _buddy_goal_changed(d, ana, bob):
    goal_services.goal_update(goal=d["theirs"], statement="Bob goal, reworded")


def _buddy_step_created(d, ana, bob):
    goal_services.micro_goal_create(goal=d["theirs"], title="Bob again", deadline=TODAY)


def _buddy_step_done(d, ana, bob):
    goal_services.micro_goal_set_status(micro_goal=d["bob_step"], status=MicroGoal.Status.DONE)


def _buddy_unshares(d, ana, bob):
    services.goal_set_visibility(goal=d["theirs"], visibility=Goal.Visibility.PRIVATE)


def _buddy_name(d, ana, bob):
    user_update_profile(user=bob, display_name="Robert", timezone=bob.timezone)


def _partnership_ends(d, ana, bob):
    services.partnership_end(partnership=d["partnership"], by=bob)


def _new_buddy(d, ana, bob):
    goal = goal_services.goal_create(
        owner=d["carol"], statement="Carol goal", target_date=TODAY + datetime.timedelta(days=9)
    )
    services.goal_set_visibility(goal=goal, visibility="buddies")
    services.partnership_create(a=d["carol"], b=ana)


def _buddy_deletes_account(d, ana, bob):
    bob.delete()


def _review_accepted(d, ana, bob):
    services.review_respond(meeting=d["meeting"], by=ana, accept=True)


def _review_proposed(d, ana, bob):
    services.review_propose(
        partnership=d["partnership"], by=ana, starts_at=NOW + datetime.timedelta(days=3)
    )


WRITES = [
    _bump_own_goal,
    _own_goal_created,
    _own_goal_abandoned,
    _own_goal_deleted,
    _own_step_created,
    _own_step_changed,
    _own_step_done,
    _own_step_deleted,
    _own_name,
    _buddy_goal_changed,
    _buddy_step_created,
    _buddy_step_done,
    _buddy_unshares,
    _buddy_name,
    _partnership_ends,
    _new_buddy,
    _buddy_deletes_account,
    _review_accepted,
    _review_proposed,
]


@pytest.mark.parametrize("write", WRITES, ids=lambda write: write.__name__.strip("_"))
def test_every_write_gives_the_feed_a_new_etag(client, ana, bob, pair, write):
    url = feed_url(ana)
    before = client.get(url)
    write(pair, ana, bob)
    after = client.get(url, headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert after.content != before.content


def test_reordering_steps_gives_a_new_etag(client, ana, pair):
    other = goal_services.micro_goal_create(
        goal=pair["mine"], title="Same day", deadline=pair["step"].deadline
    )
    url = feed_url(ana)
    before = client.get(url)
    goal_services.micro_goals_reorder(goal=pair["mine"], ordered_ids=[other.pk, pair["step"].pk])
    after = client.get(url, headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200 and after["ETag"] != before["ETag"]


def test_a_held_review_gives_a_new_etag(client, ana, bob, pair, now):
    services.review_respond(meeting=pair["meeting"], by=ana, accept=True)
    now.move_to(pair["meeting"].starts_at + datetime.timedelta(minutes=5))
    url = feed_url(ana)
    before = client.get(url)
    services.review_complete(meeting=pair["meeting"], by=bob, notes="Went well.")
    after = client.get(url, headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200 and after["ETag"] != before["ETag"]


def test_someone_elses_writes_leave_the_feed_alone(client, ana, pair, make_goal):
    url = feed_url(ana)
    etag = client.get(url)["ETag"]
    carol = pair["carol"]
    goal = make_goal(carol, statement="Carol goal", target_date=TODAY)
    services.goal_set_visibility(goal=goal, visibility="buddies")  # she is nobody's buddy
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_a_new_day_gives_a_new_etag(client, ana, pair, now):
    url = feed_url(ana)
    etag = client.get(url)["ETag"]
    now.move_to(NOW + datetime.timedelta(days=1))
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 200


# --- Window and text -----------------------------------------------------------------------


def test_the_window_is_ninety_days_back_and_everything_ahead(client, ana, make_goal, now):
    goal = make_goal(ana, statement="Far", target_date=TODAY + datetime.timedelta(days=9 * 365))
    old = goal_services.micro_goal_create(goal=goal, title="Old", deadline=TODAY)
    recent = goal_services.micro_goal_create(goal=goal, title="Recent", deadline=TODAY)
    MicroGoal.objects.filter(pk=old.pk).update(deadline=TODAY - datetime.timedelta(days=91))
    MicroGoal.objects.filter(pk=recent.pk).update(deadline=TODAY - datetime.timedelta(days=90))
    found = uids(client.get(feed_url(ana)))
    assert found == {f"goal-{goal.pk}", f"step-{recent.pk}"}


NASTY = "Plan Q3; review, ship\nthen rest — “naïve” café 日本語 \\ back, 🎉 " + "long " * 30


def test_user_text_round_trips_through_calendar_apps(client, ana, bob, pair):
    goal_services.goal_update(goal=pair["mine"], statement=NASTY[:300])
    goal_services.micro_goal_update(micro_goal=pair["step"], title=NASTY[:200])
    services.review_propose(
        partnership=pair["partnership"],
        by=bob,
        starts_at=NOW + datetime.timedelta(days=2),
        place="Room 4; floor 2, “north”\nask at the desk",
    )
    response = client.get(feed_url(ana))
    for line in response.content.split(b"\r\n"):
        assert len(line) <= 75
    assert response.content.endswith(b"END:VCALENDAR\r\n")
    events = {
        str(e["UID"]).split("@")[0]: e
        for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    }
    goal = events[f"goal-{pair['mine'].pk}"]
    assert str(goal["SUMMARY"]) == f"Goal deadline: {NASTY[:300]}"
    step = events[f"step-{pair['step'].pk}"]
    assert str(step["SUMMARY"]) == f"Step due: {NASTY[:200]}"
    assert {str(alarm["DESCRIPTION"]) for alarm in step.walk("VALARM")} == {
        f"Step due: {NASTY[:200]}"
    }
    assert f"“{NASTY[:300]}”" in str(step["DESCRIPTION"])  # the goal it leads to
    meeting = next(e for uid, e in events.items() if uid.startswith("review-"))
    assert str(meeting["LOCATION"]) == "Room 4; floor 2, “north”\nask at the desk"
    # Ana lives in Berlin; the meeting is at an absolute moment, written in UTC.
    assert meeting.decoded("DTSTART") == NOW + datetime.timedelta(days=2)
    assert meeting["DTSTART"].to_ical() == b"20270107T120000Z"


def test_gzip_for_apps_that_ask_for_it(client, ana, pair):
    url = feed_url(ana)
    plain = client.get(url)
    packed = client.get(url, headers={"Accept-Encoding": "gzip, deflate"})
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert "Accept-Encoding" in packed["Vary"] and packed["ETag"] == plain["ETag"]


def test_review_invitation_names_round_trip(bob, make_user, partnership):
    from accountability.calendar_ics import meeting_ics

    odd = make_user(email="odd@example.org", display_name='Zoë "Z" Müller, PhD; ^x')
    pair = services.partnership_create(a=bob, b=odd)
    meeting = services.review_propose(
        partnership=pair,
        by=odd,
        starts_at=datetime.datetime.now(datetime.UTC).replace(microsecond=0)
        + datetime.timedelta(days=2),
    )
    cal = icalendar.Calendar.from_ical(meeting_ics(meeting))
    event = next(iter(cal.walk("VEVENT")))
    assert cal["METHOD"] == "REQUEST"
    names = {str(attendee.params["CN"]) for attendee in event["ATTENDEE"]}
    assert names == {"Bob", 'Zoë "Z" Müller, PhD; ^x'}
    assert str(event["ORGANIZER"]) == "mailto:odd@example.org"
    assert event["ORGANIZER"].params["CN"] == 'Zoë "Z" Müller, PhD; ^x'


def test_the_feed_page_says_what_the_feed_holds(client, ana):
    client.force_login(ana)
    page = client.get(reverse("buddies:calendar_feed")).content.decode()
    assert "goals and steps due from three months ago onwards, however far ahead" in page
