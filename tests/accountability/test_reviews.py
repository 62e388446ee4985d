"""Review meetings: propose, accept, walk through the shared goals, adjust, keep the notes."""

import datetime
from decimal import Decimal

import icalendar
import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from accountability import services
from accountability.models import ReviewMeeting
from goals import services as goal_services
from goals.models import Goal, GoalChange
from tests.mail import deliver_pending

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2027, 1, 5, 12, tzinfo=datetime.UTC)
# 18:00 in Berlin (CET, UTC+1) is 12:00 in New York (EST, UTC-5).
STARTS = datetime.datetime(2027, 1, 12, 17, tzinfo=datetime.UTC)


def at(moment: datetime.datetime):
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def now():
    with at(NOW):
        yield NOW


@pytest.fixture
def zones(ana, bob):
    ana.timezone = "Europe/Berlin"
    ana.save()
    bob.timezone = "America/New_York"
    bob.save()


@pytest.fixture
def meeting(now, zones, partnership, ana):
    """Proposed by Ana, not answered yet."""
    meeting = services.review_propose(
        partnership=partnership, by=ana, starts_at=STARTS, duration_minutes=60, place="Video call"
    )
    mail.outbox.clear()
    return meeting


@pytest.fixture
def agreed(meeting, bob):
    services.review_respond(meeting=meeting, by=bob, accept=True)
    deliver_pending()
    mail.outbox.clear()
    meeting.refresh_from_db()
    return meeting


def sent_to(user):
    deliver_pending()
    return [m for m in mail.outbox if m.to == [user.email]]


def ics_of(message) -> icalendar.Calendar:
    (attachment,) = message.attachments
    filename, content, mimetype = attachment
    assert filename == "review.ics" and mimetype.startswith("text/calendar")
    return icalendar.Calendar.from_ical(content)


def review_urls(meeting, goal_pk):
    return [
        ("get", reverse("buddies:review_detail", args=[meeting.pk])),
        ("post", reverse("buddies:review_respond", args=[meeting.pk])),
        ("post", reverse("buddies:review_adjust", args=[meeting.pk, goal_pk])),
        ("post", reverse("buddies:review_complete", args=[meeting.pk])),
        ("get", reverse("buddies:review_propose", args=[meeting.partnership_id])),
        ("post", reverse("buddies:review_propose", args=[meeting.partnership_id])),
    ]


# --- Propose and answer ----------------------------------------------------------------------


def test_propose_then_accept_sends_invitations_with_ics(client, ana, bob, zones, partnership, now):
    client.force_login(ana)
    response = client.post(
        reverse("buddies:review_propose", args=[partnership.pk]),
        {"date": "2027-01-12", "time": "18:00", "duration_minutes": "60", "place": "Café"},
    )
    meeting = ReviewMeeting.objects.get()
    assert response.url == reverse("buddies:review_detail", args=[meeting.pk])
    assert meeting.starts_at == STARTS  # 18:00 where Ana lives
    assert meeting.status == ReviewMeeting.Status.PROPOSED and meeting.proposed_by == ana

    (invitation,) = sent_to(bob)
    assert "Tuesday 12 January 2027, 12:00 (America/New_York), your time" in invitation.body
    assert "Tuesday 12 January 2027, 18:00 (Europe/Berlin), Ana's time" in invitation.body
    assert f"/reviews/{meeting.pk}/" in invitation.body
    cal = ics_of(invitation)
    assert cal["METHOD"] == "REQUEST"
    (event,) = cal.walk("VEVENT")
    assert event.decoded("DTSTART") == STARTS
    assert event.decoded("DTEND") == STARTS + datetime.timedelta(hours=1)
    assert str(event["UID"]).startswith(f"review-{meeting.pk}@")
    assert str(event["ORGANIZER"]) == "mailto:ana@example.org"
    assert {str(a) for a in event["ATTENDEE"]} == {
        "mailto:ana@example.org",
        "mailto:bob@example.org",
    }
    assert str(event["LOCATION"]) == "Café"
    mail.outbox.clear()

    client.force_login(bob)
    client.post(reverse("buddies:review_respond", args=[meeting.pk]), {"action": "accept"})
    meeting.refresh_from_db()
    assert meeting.status == ReviewMeeting.Status.ACCEPTED and meeting.responded_at
    (accepted,) = sent_to(ana)
    assert "Bob accepted" in accepted.body
    assert "18:00 (Europe/Berlin), your time" in accepted.body
    (event,) = ics_of(accepted).walk("VEVENT")
    assert str(event["STATUS"]) == "CONFIRMED"
    assert {a.params["PARTSTAT"] for a in event["ATTENDEE"]} == {"ACCEPTED"}


def test_proposer_cannot_accept_their_own_proposal(client, ana, meeting):
    client.force_login(ana)
    response = client.post(
        reverse("buddies:review_respond", args=[meeting.pk]), {"action": "accept"}, follow=True
    )
    assert "Bob accepts or declines it" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == ReviewMeeting.Status.PROPOSED


def test_decline_tells_the_proposer_and_invites_another_time(client, ana, bob, meeting):
    client.force_login(bob)
    response = client.post(
        reverse("buddies:review_respond", args=[meeting.pk]), {"action": "decline"}
    )
    assert response.url == reverse("buddies:review_propose", args=[meeting.partnership_id])
    meeting.refresh_from_db()
    assert meeting.status == ReviewMeeting.Status.DECLINED
    (message,) = sent_to(ana)
    assert "can't make" in message.body and not message.attachments


def test_a_new_proposal_replaces_the_unanswered_one(client, ana, bob, meeting, partnership):
    client.force_login(bob)
    client.post(
        reverse("buddies:review_propose", args=[partnership.pk]),
        {"date": "2027-01-13", "time": "09:00", "duration_minutes": "90", "place": ""},
    )
    meeting.refresh_from_db()
    assert meeting.status == ReviewMeeting.Status.CANCELLED
    latest = ReviewMeeting.objects.get(status=ReviewMeeting.Status.PROPOSED)
    assert latest.proposed_by == bob
    assert latest.starts_at == datetime.datetime(2027, 1, 13, 14, tzinfo=datetime.UTC)  # 9:00 NY
    (message,) = sent_to(ana)
    assert "replaces the one proposed before" in message.body


@pytest.mark.parametrize(
    ("date", "time", "field"),
    [("2027-01-04", "18:00", "date"), ("2027-01-05", "12:30", "time")],  # 12:30 Berlin = 11:30Z
)
def test_a_meeting_in_the_past_is_refused(client, ana, zones, partnership, now, date, time, field):
    client.force_login(ana)
    response = client.post(
        reverse("buddies:review_propose", args=[partnership.pk]),
        {"date": date, "time": time, "duration_minutes": "60", "place": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [
        "That time has passed. Pick a date and time in the future."
    ]
    assert "That time has passed" in response.content.decode()
    assert not ReviewMeeting.objects.exists()


def test_a_time_skipped_by_the_clock_change_is_refused(client, ana, zones, partnership, now):
    client.force_login(ana)
    response = client.post(
        reverse("buddies:review_propose", args=[partnership.pk]),
        {"date": "2027-03-28", "time": "02:30", "duration_minutes": "60", "place": ""},
    )
    assert "clocks change" in response.context["form"].errors["time"][0]
    assert not ReviewMeeting.objects.exists()


def test_the_service_refuses_the_past_too(ana, partnership, now):
    with pytest.raises(Exception, match="That time has passed"):
        services.review_propose(
            partnership=partnership, by=ana, starts_at=NOW - datetime.timedelta(minutes=1)
        )


def test_accepting_after_the_time_passed_is_refused(bob, meeting):
    with at(STARTS + datetime.timedelta(minutes=5)), pytest.raises(Exception, match="has passed"):
        services.review_respond(meeting=meeting, by=bob, accept=True)


# --- Who may see it --------------------------------------------------------------------------


def test_stranger_gets_404_on_every_review_url(client, carol, meeting, shared_goal):
    client.force_login(carol)
    for method, url in review_urls(meeting, shared_goal.pk):
        assert getattr(client, method)(url).status_code == 404, url


def test_ex_buddy_gets_404_on_every_review_url(client, ana, bob, meeting, shared_goal, partnership):
    services.partnership_end(partnership=partnership, by=ana)
    for user in (ana, bob):
        client.force_login(user)
        for method, url in review_urls(meeting, shared_goal.pk):
            assert getattr(client, method)(url).status_code == 404, (user, url)


def test_anonymous_is_sent_to_sign_in(client, meeting, shared_goal):
    for method, url in review_urls(meeting, shared_goal.pk):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_page_shows_the_time_in_both_time_zones(client, ana, bob, meeting):
    client.force_login(ana)
    page = client.get(reverse("buddies:review_detail", args=[meeting.pk])).content.decode()
    assert "Tuesday 12 January 2027, 18:00 (Europe/Berlin)" in page
    assert "Tuesday 12 January 2027, 12:00 (America/New_York)" in page
    assert "Waiting for Bob to accept" in page and 'value="accept"' not in page
    client.force_login(bob)
    page = client.get(reverse("buddies:review_detail", args=[meeting.pk])).content.decode()
    assert page.index("12:00 (America/New_York)") < page.index("18:00 (Europe/Berlin)")
    assert 'value="accept"' in page and 'value="decline"' in page


# --- Walking through the goals ---------------------------------------------------------------


@pytest.fixture
def goals_both_ways(ana, bob, make_goal, partnership, now):
    """Shared goals both ways, and one private goal on each side."""
    mine = make_goal(ana, statement="Ana shared goal", target_date=datetime.date(2027, 6, 30))
    services.goal_set_visibility(goal=mine, visibility="buddies")
    theirs = make_goal(bob, statement="Bob shared goal")
    services.goal_set_visibility(goal=theirs, visibility="chosen", chosen=[ana])
    make_goal(ana, statement="Ana private goal")
    make_goal(bob, statement="Bob private goal")
    return mine, theirs


def test_review_page_lists_goals_shared_both_ways(client, ana, bob, agreed, goals_both_ways):
    for user in (ana, bob):
        client.force_login(user)
        response = client.get(reverse("buddies:review_detail", args=[agreed.pk]))
        page = response.content.decode()
        assert "Ana shared goal" in page and "Bob shared goal" in page
        assert "Ana private goal" not in page and "Bob private goal" not in page
        # Each person gets an adjust form for their own goals only.
        mine, theirs = goals_both_ways if user == ana else reversed(goals_both_ways)
        assert reverse("buddies:review_adjust", args=[agreed.pk, mine.pk]) in page
        assert reverse("buddies:review_adjust", args=[agreed.pk, theirs.pk]) not in page


def test_review_page_shows_progress_and_changes_since_the_last_review(
    client, ana, bob, partnership, goals_both_ways, zones
):
    mine, _ = goals_both_ways
    with at(datetime.datetime(2027, 1, 20, 9, tzinfo=datetime.UTC)):
        goal_services.check_in_create(
            goal=mine, value=Decimal(1), recorded_on=datetime.date(2027, 1, 20)
        )
        goal_services.goal_update(
            goal=mine, note="Before the first review", statement="Ana goal v2"
        )
    with at(datetime.datetime(2027, 2, 1, 9, tzinfo=datetime.UTC)):
        first = services.review_propose(
            partnership=partnership,
            by=ana,
            starts_at=datetime.datetime(2027, 2, 2, 9, tzinfo=datetime.UTC),
        )
        services.review_respond(meeting=first, by=bob, accept=True)
    with at(datetime.datetime(2027, 2, 2, 10, tzinfo=datetime.UTC)):
        services.review_complete(meeting=first, by=ana, notes="First review done.")
    second = ReviewMeeting.objects.get(status=ReviewMeeting.Status.PROPOSED)
    with at(datetime.datetime(2027, 3, 1, 9, tzinfo=datetime.UTC)):
        goal_services.check_in_create(
            goal=mine, value=Decimal(2), recorded_on=datetime.date(2027, 3, 1)
        )
        goal_services.goal_update(goal=mine, note="After the first review", target=Decimal(3))
    with at(datetime.datetime(2027, 3, 2, 9, tzinfo=datetime.UTC)):
        client.force_login(bob)
        page = client.get(reverse("buddies:review_detail", args=[second.pk])).content.decode()
    assert "since your last review on 2 February 2027" in page
    assert "After the first review" in page and "Before the first review" not in page
    assert "1 check-in: 1 → 2 projects" in page
    # The first review page, in turn, covers what happened since they became buddies.
    page = client.get(reverse("buddies:review_detail", args=[first.pk])).content.decode()
    assert "Your first review" in page and "Before the first review" in page
    assert "First review done." in page


def test_owner_adjusts_a_goal_and_the_history_keeps_the_note(client, ana, agreed, goals_both_ways):
    mine, _ = goals_both_ways
    client.force_login(ana)
    response = client.post(
        reverse("buddies:review_adjust", args=[agreed.pk, mine.pk]),
        {
            f"goal-{mine.pk}-target": "3",
            f"goal-{mine.pk}-target_date": "2027-09-30",
            f"goal-{mine.pk}-status": "",
            f"goal-{mine.pk}-note": "More time, one more project.",
        },
    )
    assert response.status_code == 302 and response.url.endswith(f"#goal-{mine.pk}")
    mine.refresh_from_db()
    assert mine.target == Decimal(3) and mine.target_date == datetime.date(2027, 9, 30)
    changes = {c.field: c for c in GoalChange.objects.filter(goal=mine).exclude(field="created")}
    assert set(changes) == {"target", "target_date"}
    for change in changes.values():
        assert change.note == "Review on 12 Jan 2027: More time, one more project."
    assert changes["target_date"].old_value == "2027-06-30"


def test_status_change_in_a_review_is_recorded_with_the_note(ana, agreed, goals_both_ways):
    mine, _ = goals_both_ways
    services.review_adjust(meeting=agreed, by=ana, goal=mine, status="abandoned", note="Not now.")
    mine.refresh_from_db()
    assert mine.status == Goal.Status.ABANDONED
    change = GoalChange.objects.get(goal=mine, field="status")
    assert change.note == "Review on 12 Jan 2027: Not now."


def test_adjust_needs_a_note_and_a_change(client, ana, agreed, goals_both_ways):
    mine, _ = goals_both_ways
    client.force_login(ana)
    url = reverse("buddies:review_adjust", args=[agreed.pk, mine.pk])
    response = client.post(url, {f"goal-{mine.pk}-note": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    response = client.post(
        url,
        {
            f"goal-{mine.pk}-target": "2",
            f"goal-{mine.pk}-target_date": "2027-06-30",
            f"goal-{mine.pk}-note": "All good.",
        },
    )
    assert "Nothing changed" in response.content.decode()
    assert not GoalChange.objects.filter(goal=mine).exclude(field="created").exists()


def test_buddy_cannot_adjust_the_other_ones_goal(client, bob, agreed, goals_both_ways):
    mine, _ = goals_both_ways  # Ana's
    client.force_login(bob)
    response = client.post(
        reverse("buddies:review_adjust", args=[agreed.pk, mine.pk]),
        {f"goal-{mine.pk}-target_date": "2030-01-01", f"goal-{mine.pk}-note": "Sneaky"},
    )
    assert response.status_code == 404
    mine.refresh_from_db()
    assert mine.target_date == datetime.date(2027, 6, 30)
    with pytest.raises(Exception, match="Only the goal’s owner"):
        services.review_adjust(
            meeting=agreed, by=bob, goal=mine, target_date=datetime.date(2030, 1, 1), note="x"
        )


def test_a_private_goal_cannot_be_adjusted_through_a_review(client, ana, agreed, make_goal):
    private = make_goal(ana, statement="Just mine")
    client.force_login(ana)
    response = client.post(
        reverse("buddies:review_adjust", args=[agreed.pk, private.pk]),
        {f"goal-{private.pk}-target_date": "2030-01-01", f"goal-{private.pk}-note": "x"},
        follow=True,
    )
    assert "isn’t shared with Bob" in response.content.decode()
    private.refresh_from_db()
    assert private.target_date != datetime.date(2030, 1, 1)


# --- Holding the meeting ---------------------------------------------------------------------


def test_complete_saves_notes_and_proposes_the_next_review_three_months_later(
    client, ana, bob, agreed
):
    with at(STARTS + datetime.timedelta(minutes=50)):
        client.force_login(ana)
        response = client.post(
            reverse("buddies:review_complete", args=[agreed.pk]), {"notes": "Bob aims for a talk."}
        )
        assert response.status_code == 302
    agreed.refresh_from_db()
    assert agreed.status == ReviewMeeting.Status.HELD and agreed.held_at
    assert agreed.notes == "Bob aims for a talk."
    upcoming = ReviewMeeting.objects.get(status=ReviewMeeting.Status.PROPOSED)
    # 18:00 in Berlin again, now on summer time (UTC+2): the same wall-clock time.
    assert upcoming.starts_at == datetime.datetime(2027, 4, 12, 16, tzinfo=datetime.UTC)
    assert upcoming.proposed_by == ana and upcoming.place == agreed.place
    (message,) = sent_to(bob)
    assert "Bob aims for a talk." in message.body
    assert "Monday 12 April 2027, 12:00 (America/New_York), your time" in message.body
    assert f"/reviews/{upcoming.pk}/" in message.body
    (event,) = ics_of(message).walk("VEVENT")
    assert event.decoded("DTSTART") == upcoming.starts_at
    # Bob accepts the next one as usual.
    with at(STARTS + datetime.timedelta(days=1)):
        services.review_respond(meeting=upcoming, by=bob, accept=True)


def test_notes_can_be_corrected_without_a_second_next_review(ana, bob, agreed):
    with at(STARTS + datetime.timedelta(hours=1)):
        services.review_complete(meeting=agreed, by=ana, notes="First draft")
        services.review_complete(meeting=agreed, by=bob, notes="Corrected")
    agreed.refresh_from_db()
    assert agreed.notes == "Corrected"
    assert ReviewMeeting.objects.filter(status=ReviewMeeting.Status.PROPOSED).count() == 1


def test_a_meeting_not_yet_agreed_or_started_cannot_be_completed(client, ana, meeting, bob):
    client.force_login(ana)
    with at(STARTS):
        response = client.post(
            reverse("buddies:review_complete", args=[meeting.pk]), {"notes": "x"}, follow=True
        )
    assert "accept the time first" in response.content.decode()
    services.review_respond(meeting=meeting, by=bob, accept=True)
    response = client.post(
        reverse("buddies:review_complete", args=[meeting.pk]), {"notes": "x"}, follow=True
    )
    assert "hasn’t started yet" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == ReviewMeeting.Status.ACCEPTED


@pytest.mark.parametrize("count", [1, 10])
def test_review_page_queries_do_not_grow(
    client, ana, bob, agreed, make_goal, count, django_assert_num_queries
):
    for n in range(count):
        for owner in (ana, bob):
            goal = make_goal(owner, statement=f"{owner.name} goal {n}")
            services.goal_set_visibility(goal=goal, visibility="buddies")
            goal_services.micro_goal_create(goal=goal, title="A step")
            goal_services.goal_update(goal=goal, note="Sharper", statement=f"{owner.name} g{n}")
    client.force_login(ana)
    with django_assert_num_queries(9):  # the session comes from Redis
        assert client.get(reverse("buddies:review_detail", args=[agreed.pk])).status_code == 200


def test_held_review_notes_show_on_the_partnership_page(client, ana, bob, partnership):
    from django.utils import timezone

    ReviewMeeting.objects.create(
        partnership=partnership,
        proposed_by=ana,
        starts_at=timezone.now() - datetime.timedelta(days=2),
        status=ReviewMeeting.Status.HELD,
        held_at=timezone.now() - datetime.timedelta(days=2),
        notes="We moved the AWS exam to March <b>and</b> that is fine.",
    )
    client.force_login(bob)
    html = client.get(reverse("buddies:partnership_detail", args=[partnership.pk])).content.decode()
    assert "Notes from your reviews" in html
    assert "We moved the AWS exam to March &lt;b&gt;and&lt;/b&gt; that is fine." in html
