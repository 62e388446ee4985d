"""Review notes: offered only when saving them will work, and never wiped (issue 8, defect 12)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from accountability import services
from accountability.models import ReviewMeeting

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2027, 1, 5, 12, tzinfo=datetime.UTC)
STARTS = datetime.datetime(2027, 1, 12, 17, tzinfo=datetime.UTC)
NOTES = "Bob aims for a talk at PyCon; Ana asks for the Atlas project."


def at(moment):
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def proposed(ana, partnership):
    with at(NOW):
        return services.review_propose(partnership=partnership, by=ana, starts_at=STARTS)


@pytest.fixture
def agreed(proposed, bob):
    with at(NOW):
        services.review_respond(meeting=proposed, by=bob, accept=True)
    proposed.refresh_from_db()
    return proposed


def complete_url(meeting) -> str:
    return reverse("buddies:review_complete", args=[meeting.pk])


def notes_box_shown(html: str, meeting) -> bool:
    return f'action="{complete_url(meeting)}"' in html


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        (NOW, False),  # a week ahead
        (STARTS - datetime.timedelta(hours=1, minutes=1), False),
        (STARTS - datetime.timedelta(hours=1), True),  # the service's own rule
        (STARTS + datetime.timedelta(hours=3), True),
    ],
)
def test_the_notes_box_is_offered_only_when_saving_works(client, ana, agreed, moment, shown):
    with at(moment):
        client.force_login(ana)
        html = client.get(reverse("buddies:review_detail", args=[agreed.pk])).content.decode()
        assert notes_box_shown(html, agreed) is shown
        assert agreed.can_take_notes(ana) is shown
        if not shown:
            assert "an hour before the meeting" in html


def test_a_proposed_meeting_offers_no_notes_box(client, bob, proposed):
    with at(STARTS):
        client.force_login(bob)
        html = client.get(reverse("buddies:review_detail", args=[proposed.pk])).content.decode()
    assert not notes_box_shown(html, proposed)
    assert "Once the time is agreed" in html


@pytest.mark.parametrize("moment", [NOW, STARTS - datetime.timedelta(hours=2)])
def test_refused_notes_are_kept_with_the_reason(client, ana, agreed, moment):
    """A page opened earlier still posts: the refusal says why and keeps every word."""
    with at(moment):
        client.force_login(ana)
        response = client.post(complete_url(agreed), {"notes": NOTES})
    assert response.status_code == 200
    html = response.content.decode()
    assert "hasn’t started yet" in html
    assert NOTES in html
    agreed.refresh_from_db()
    assert agreed.status == ReviewMeeting.Status.ACCEPTED and agreed.notes == ""


def test_notes_on_an_unanswered_meeting_are_kept_too(client, bob, proposed):
    with at(STARTS):
        client.force_login(bob)
        response = client.post(complete_url(proposed), {"notes": NOTES})
    html = response.content.decode()
    assert response.status_code == 200
    assert "accept the time first" in html and NOTES in html


def test_notes_are_saved_once_the_meeting_starts(client, ana, agreed):
    with at(STARTS - datetime.timedelta(minutes=30)):
        client.force_login(ana)
        response = client.post(complete_url(agreed), {"notes": NOTES})
    assert response.status_code == 302
    agreed.refresh_from_db()
    assert agreed.status == ReviewMeeting.Status.HELD and agreed.notes == NOTES
