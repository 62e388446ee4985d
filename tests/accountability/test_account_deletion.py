"""When one buddy deletes their account, the other keeps what is theirs and is told.

Both sides are tried: the person who sent the invitation deletes, or the one who accepted it.
Everything goes through the real account-deletion page."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accountability import services
from accountability.models import (
    Agreement,
    AttainabilityFeedback,
    Comment,
    Partnership,
    ReviewMeeting,
)
from careergoals.notifications.models import Notification, ScheduledReminder
from careergoals.notifications.services import notify
from careergoals.users.models import User
from goals.models import Goal
from tests.conftest import PASSWORD
from tests.mail import deliver_pending

pytestmark = pytest.mark.django_db

RULES = {
    "working_toward": "Both of us: one honest update every Friday.",
    "support": "Ask before giving advice.",
    "cadence": "weekly",
}


@pytest.fixture
def circle(ana, bob, make_goal):
    """Ana invited Bob; they wrote rules, met twice, and talk on each other's goals."""
    _, token = services.invitation_create(inviter=ana, email=bob.email)
    pair = services.invitation_accept(token=token, user=bob)
    services.agreement_save(partnership=pair, by=ana, **RULES)
    services.agreement_confirm(agreement=pair.agreement, by=bob, version=1)
    now = timezone.now()
    held = ReviewMeeting.objects.create(
        partnership=pair,
        proposed_by=bob,
        starts_at=now - datetime.timedelta(days=40),
        status=ReviewMeeting.Status.HELD,
        held_at=now - datetime.timedelta(days=40),
        notes="First review: Ana moves the talk to spring.",
    )
    later = ReviewMeeting.objects.create(
        partnership=pair,
        proposed_by=ana,
        starts_at=now - datetime.timedelta(days=10),
        status=ReviewMeeting.Status.HELD,
        held_at=now - datetime.timedelta(days=10),
        notes="Second review: Bob passed the first PMP module.",
    )
    upcoming = services.review_propose(
        partnership=pair, by=ana, starts_at=now + datetime.timedelta(days=20)
    )
    goals = {}
    for person, other in ((ana, bob), (bob, ana)):
        goal = make_goal(person, statement=f"{person.name}'s shared goal")
        services.goal_set_visibility(goal=goal, visibility="buddies")
        services.comment_add(goal=goal, author=other, text=f"Keep going, from {other.name}")
        services.feedback_give(goal=goal, author=other, verdict="stretch", comment="Bold!")
        goals[person.pk] = goal
        # A notification that points at the other person's goal.
        notify(
            kind="comment",
            recipient=other,
            subject=f"News about {person.name}'s goal",
            template="comment",
            context={
                "goal": goal,
                "author": person,
                "comment": Comment.objects.filter(goal=goal).first(),
            },
            url=goal.get_absolute_url(),
        )
    return {
        "partnership": pair,
        "meetings": [held, later],
        "upcoming": upcoming,
        "goals": goals,
    }


def delete_account(client, user):
    client.force_login(user)
    response = client.post(reverse("users:account_delete"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    client.logout()


@pytest.fixture(params=["inviter", "invitee"])
def sides(request, ana, bob):
    """(who leaves, who stays): Ana sent the invitation, Bob accepted it."""
    return (ana, bob) if request.param == "inviter" else (bob, ana)


def test_the_partnership_page_stays_with_rules_and_review_notes(client, circle, sides):
    leaving, staying = sides
    pair = circle["partnership"]
    delete_account(client, leaving)

    client.force_login(staying)
    response = client.get(reverse("buddies:partnership_detail", args=[pair.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "deleted their account" in page
    assert "a former buddy" in page
    assert RULES["working_toward"] in page and RULES["support"] in page
    for meeting in circle["meetings"]:
        assert meeting.notes in page
    # The partnership ended, visibly and for good: no more rules, reviews or ending.
    pair.refresh_from_db()
    assert pair.ended_at is not None and not pair.is_active
    assert "End the partnership" not in page and "Propose a review" not in page
    assert Agreement.objects.filter(partnership=pair).exists()
    assert ReviewMeeting.objects.filter(partnership=pair).count() == 3
    circle["upcoming"].refresh_from_db()
    assert circle["upcoming"].status == ReviewMeeting.Status.CANCELLED
    assert not ScheduledReminder.objects.filter(
        item=f"review:{circle['upcoming'].pk}", status=ScheduledReminder.Status.PENDING
    ).exists()


def test_old_review_and_rules_links_land_on_the_kept_record(client, circle, sides):
    leaving, staying = sides
    pair = circle["partnership"]
    delete_account(client, leaving)
    client.force_login(staying)
    detail = reverse("buddies:partnership_detail", args=[pair.pk])
    for meeting in circle["meetings"]:
        response = client.get(reverse("buddies:review_detail", args=[meeting.pk]))
        assert response.status_code == 302
        assert response.url == f"{detail}#review-{meeting.pk}"
    for name in ("buddies:rules_edit", "buddies:review_propose"):  # links in emails sent before
        response = client.get(reverse(name, args=[pair.pk]), follow=True)
        assert response.redirect_chain[-1][0] == detail
        assert "deleted their account" in response.content.decode()
    client.post(
        reverse("buddies:review_propose", args=[pair.pk]), {"starts_at": "2030-01-01T10:00"}
    )
    assert ReviewMeeting.objects.filter(partnership=pair).count() == 3
    # Changing anything is refused without a trace.
    client.post(reverse("buddies:rules_edit", args=[pair.pk]), {**RULES, "support": "Changed"})
    assert Agreement.objects.get(partnership=pair).support == RULES["support"]
    response = client.post(
        reverse("buddies:review_complete", args=[circle["meetings"][0].pk]), {"notes": "x"}
    )
    assert response.status_code in (302, 404)
    assert ReviewMeeting.objects.get(pk=circle["meetings"][0].pk).notes.startswith("First review")


def test_comments_and_feedback_stay_as_from_a_former_buddy(client, circle, sides):
    leaving, staying = sides
    goal = circle["goals"][staying.pk]
    delete_account(client, leaving)
    assert Comment.objects.filter(goal=goal).count() == 1
    assert AttainabilityFeedback.objects.filter(goal=goal).count() == 1
    client.force_login(staying)
    page = client.get(goal.get_absolute_url()).content.decode()
    assert f"Keep going, from {leaving.name}" in page  # the words stay, as written
    assert "A former buddy" in page
    assert "Bold!" in page


def test_the_one_who_stays_is_told(client, circle, sides):
    leaving, staying = sides
    delete_account(client, leaving)
    told = Notification.objects.get(recipient=staying, kind="partnership_ended")
    assert leaving.name in told.subject
    assert told.url == reverse("buddies:partnership_detail", args=[circle["partnership"].pk])
    client.force_login(staying)
    assert told.subject in client.get(reverse("notifications:notifications")).content.decode()
    deliver_pending()
    (email,) = [
        m for m in mail.outbox if m.to == [staying.email] and m.subject.endswith(told.subject)
    ]
    assert f"{leaving.name} deleted their Career Goals account" in email.body
    assert "former buddy" in email.body and told.url in email.body


def test_every_old_notification_still_leads_somewhere(client, circle, sides):
    leaving, staying = sides
    delete_account(client, leaving)
    client.force_login(staying)
    notifications = Notification.objects.filter(recipient=staying)
    assert notifications.count() >= 4
    for notification in notifications:
        response = client.post(
            reverse("notifications:notification_open", args=[notification.pk]), follow=True
        )
        assert response.status_code == 200, (notification.kind, notification.url)


def test_the_buddies_page_and_the_cap_move_on(client, circle, sides, make_user):
    leaving, staying = sides
    delete_account(client, leaving)
    assert not Partnership.objects.active().of(staying).exists()
    client.force_login(staying)
    page = client.get(reverse("buddies:buddies")).content.decode()
    assert "Former buddies" in page  # the kept record is one click away
    assert reverse("buddies:partnership_detail", args=[circle["partnership"].pk]) in page
    newcomer = make_user(email="new@example.org", display_name="Newcomer")
    services.partnership_create(a=staying, b=newcomer)


def test_what_belonged_to_the_one_who_left_goes(client, circle, sides):
    leaving, staying = sides
    delete_account(client, leaving)
    assert not Goal.objects.filter(owner_id=leaving.pk).exists()
    assert Goal.objects.filter(owner=staying).count() == 1
    assert not Comment.objects.filter(goal_id=circle["goals"][leaving.pk].pk).exists()


def test_when_both_delete_nothing_is_left(client, circle, ana, bob):
    delete_account(client, bob)
    delete_account(client, ana)
    assert not Partnership.objects.exists()
    assert not ReviewMeeting.objects.exists()
    assert not Agreement.objects.exists()
    assert not Comment.objects.exists()


def test_a_stranger_still_gets_404_on_the_kept_record(client, circle, ana, bob, make_user):
    delete_account(client, bob)
    carol = make_user(email="carol@example.org", display_name="Carol")
    client.force_login(carol)
    pair = circle["partnership"]
    assert client.get(reverse("buddies:partnership_detail", args=[pair.pk])).status_code == 404
    for meeting in circle["meetings"]:
        assert client.get(reverse("buddies:review_detail", args=[meeting.pk])).status_code == 404


def test_an_ordinary_ending_still_closes_the_page(client, circle, ana, bob):
    """Only a deleted account leaves a kept record; ex-buddies who ended it see nothing."""
    pair = circle["partnership"]
    services.partnership_end(partnership=pair, by=bob)
    for person in (ana, bob):
        client.force_login(person)
        assert client.get(reverse("buddies:partnership_detail", args=[pair.pk])).status_code == 404


def test_the_deletion_page_says_what_buddies_keep(client, ana):
    client.force_login(ana)
    page = client.get(reverse("users:account_delete")).content.decode()
    assert "Your buddies are told" in page and "a former buddy" in page
