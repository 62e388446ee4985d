"""Emails a buddy's action causes come in the recipient's language, not the actor's."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accountability import services
from careergoals.notifications.models import Notification
from tests.conftest import PASSWORD
from tests.mail import deliver_pending

pytestmark = pytest.mark.django_db


def comment_as(client, author, goal, text):
    assert client.login(email=author.email, password=PASSWORD)
    response = client.post(reverse("buddies:comment_add", args=[goal.pk]), {"text": text})
    assert response.status_code == 302


def delivered_to(user):
    deliver_pending()
    (message,) = mail.outbox
    assert message.to == [user.email]
    return message


def set_language(user, language):
    user.language = language
    user.save(update_fields=["language"])


def test_a_german_owner_reads_an_english_buddys_comment_in_german(client, ana, bob, shared_goal):
    set_language(ana, "de")
    set_language(bob, "en")
    comment_as(client, bob, shared_goal, "Go, Ana!")

    notification = Notification.objects.get(kind="comment")
    assert notification.subject == "Bob hat dein Ziel kommentiert"
    message = delivered_to(ana)
    assert message.subject.endswith("Bob hat dein Ziel kommentiert")
    assert "Bob hat dein Ziel kommentiert:" in message.body
    assert "Lesen und antworten:" in message.body
    assert "“Go, Ana!”" in message.body  # their words stay theirs
    assert "commented" not in message.body
    # The actor's own page stays in their language.
    assert "Comment posted." in client.get(reverse("goals:goal_detail", args=[shared_goal.pk])).text


def test_an_english_owner_reads_a_german_buddys_comment_in_english(client, ana, bob, shared_goal):
    set_language(ana, "en")
    set_language(bob, "de")
    comment_as(client, bob, shared_goal, "Weiter so!")

    message = delivered_to(ana)
    assert message.subject.endswith("Bob commented on your goal")
    assert "Bob commented on your goal:" in message.body
    assert "Read it and reply:" in message.body
    assert "kommentiert" not in message.body


def test_a_person_with_no_choice_gets_english_email(client, ana, bob, shared_goal):
    set_language(bob, "de")
    comment_as(client, bob, shared_goal, "Weiter so!")
    assert delivered_to(ana).subject.endswith("Bob commented on your goal")


def test_a_review_proposal_is_dated_in_the_recipients_language(ana, bob, partnership):
    set_language(bob, "de")
    starts = timezone.now() + datetime.timedelta(days=10)
    meeting = services.review_propose(partnership=partnership, by=ana, starts_at=starts)

    message = delivered_to(bob)
    assert "schlägt einen Ziel-Rückblick am" in message.subject
    assert "Dauer: 60 Minuten" in message.body
    assert "Wo: noch nicht festgelegt" in message.body
    ((name, content, _type),) = message.attachments
    assert name == "review.ics"
    assert "Ziel-Rückblick" in content
    assert meeting.pk
