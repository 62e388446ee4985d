"""Postgres itself refuses a partnership or review meeting that breaks a rule the services keep.

Bad rows are written past the services (``objects.create`` or a queryset ``update()``), so only
the database stands in the way.
"""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from accountability.forms_reviews import DURATIONS
from accountability.models import Partnership, ReviewMeeting
from accountability.models.review import DURATION_RANGE
from accountability.services import partnership_create

pytestmark = pytest.mark.django_db


def refused(constraint: str, write) -> None:
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        write()
    assert constraint in str(error.value)


@pytest.fixture
def pair(ana, bob):
    return partnership_create(a=ana, b=bob)


@pytest.fixture
def meeting(pair, ana):
    return ReviewMeeting.objects.create(
        partnership=pair,
        proposed_by=ana,
        starts_at=timezone.now() + datetime.timedelta(days=7),
    )


def test_a_partnership_is_never_with_oneself(ana):
    refused(
        "partnership_ordered_pair", lambda: Partnership.objects.create(user_low=ana, user_high=ana)
    )


def test_a_pair_is_stored_lower_id_first(ana, bob):
    low, high = sorted([ana, bob], key=lambda user: user.pk)
    refused(
        "partnership_ordered_pair", lambda: Partnership.objects.create(user_low=high, user_high=low)
    )


def test_one_active_partnership_per_pair(pair):
    again = {"user_low_id": pair.user_low_id, "user_high_id": pair.user_high_id}
    refused("one_active_partnership_per_pair", lambda: Partnership.objects.create(**again))
    Partnership.objects.filter(pk=pair.pk).update(ended_at=timezone.now())
    Partnership.objects.create(**again)  # ended pairs may start again


def test_a_record_kept_after_an_account_was_deleted_has_ended(pair):
    refused(
        "partnership_kept_record_is_ended",
        lambda: Partnership.objects.filter(pk=pair.pk).update(account_deleted=True),
    )


@pytest.mark.parametrize("minutes", [0, DURATION_RANGE[0] - 1, DURATION_RANGE[1] + 1, 1000])
def test_a_review_lasts_within_the_allowed_range(meeting, minutes):
    refused(
        "review_duration_in_range",
        lambda: ReviewMeeting.objects.filter(pk=meeting.pk).update(duration_minutes=minutes),
    )


def test_every_length_the_form_offers_is_allowed_by_the_database(meeting):
    low, high = DURATION_RANGE
    assert all(low <= minutes <= high for minutes, _ in DURATIONS)
    for minutes in (low, high, *(m for m, _ in DURATIONS)):
        ReviewMeeting.objects.filter(pk=meeting.pk).update(duration_minutes=minutes)


def test_a_held_review_has_its_moment_and_only_it(meeting):
    meetings = ReviewMeeting.objects.filter(pk=meeting.pk)
    refused("review_held_when_dated", lambda: meetings.update(status="held"))
    refused("review_held_when_dated", lambda: meetings.update(held_at=timezone.now()))
    meetings.update(status="held", held_at=timezone.now())


def test_a_review_status_is_a_known_one(meeting):
    refused(
        "review_status_known",
        lambda: ReviewMeeting.objects.filter(pk=meeting.pk).update(status="maybe"),
    )


# Choices the forms offer, and the moment an invitation was answered ----------------------


@pytest.fixture
def rules(pair, ana):
    from accountability.services import agreement_save

    return agreement_save(
        partnership=pair,
        by=ana,
        working_toward="Two projects.",
        support="Fridays.",
        cadence="weekly",
    )


def test_rules_have_a_known_cadence_and_a_version_from_one(rules):
    from accountability.models import Agreement

    rows = Agreement.objects.filter(pk=rules.pk)
    for cadence in Agreement.Cadence.values:
        rows.update(cadence=cadence)
    refused("agreement_cadence_known", lambda: rows.update(cadence="daily"))
    refused("agreement_version_from_one", lambda: rows.update(version=0))


def test_feedback_and_comments_are_of_a_known_kind(pair, ana, bob, make_goal):
    from accountability.models import AttainabilityFeedback, Comment

    goal = make_goal(ana)
    feedback = AttainabilityFeedback.objects.create(goal=goal, author=bob, verdict="stretch")
    comment = Comment.objects.create(goal=goal, author=bob, text="Go!")
    refused(
        "feedback_verdict_known",
        lambda: AttainabilityFeedback.objects.filter(pk=feedback.pk).update(verdict="maybe"),
    )
    refused("comment_kind_known", lambda: Comment.objects.filter(pk=comment.pk).update(kind="x"))


def test_an_invitation_is_answered_exactly_when_it_has_its_moment(ana):
    from accountability.models import Invitation
    from accountability.services import invitation_create

    invitation, _ = invitation_create(inviter=ana, email="cleo@example.org")
    rows = Invitation.objects.filter(pk=invitation.pk)
    refused(
        "invitation_status_known", lambda: rows.update(status="lost", responded_at=timezone.now())
    )
    refused("invitation_answered_when_dated", lambda: rows.update(status="accepted"))
    refused("invitation_answered_when_dated", lambda: rows.update(responded_at=timezone.now()))
    rows.update(status="declined", responded_at=timezone.now())  # answered, with its moment
