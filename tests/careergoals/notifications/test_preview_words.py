"""The one-line preview of a notification never ends on words that introduced a dropped link."""

import itertools
from types import SimpleNamespace

import pytest
from django.conf import settings

from accountability import services as accountability
from careergoals.notifications.emails import preview_of, render_email
from careergoals.notifications.models import Notification
from careergoals.notifications.samples import sample_email, sample_kinds

pytestmark = pytest.mark.django_db
LINK = f"{settings.SITE_URL}/goals/1/"


@pytest.fixture
def shared_goal(ana, bob, make_goal):
    accountability.partnership_create(a=ana, b=bob)
    goal = make_goal(ana, statement="Lead a project")
    return accountability.goal_set_visibility(goal=goal, visibility="buddies")


def test_a_short_comment_preview_ends_with_the_comment(ana, bob, shared_goal):
    accountability.comment_add(goal=shared_goal, author=bob, text="Nice!")
    preview = Notification.objects.get(recipient=ana, kind="comment").preview
    assert preview == "Bob commented on your goal: Lead a project “Nice!”"


def test_a_short_feedback_preview_ends_with_its_last_sentence(ana, bob, shared_goal):
    accountability.feedback_give(goal=shared_goal, author=bob, verdict="realistic")
    preview = Notification.objects.get(recipient=ana, kind="attainability_feedback").preview
    assert preview.startswith("Bob answered “Is this attainable?” about your goal: Lead a")
    assert preview.endswith("See what your buddies think, and adjust the goal if it helps.")


def test_a_short_invitation_preview_has_no_dangling_label():
    context = {
        "inviter": SimpleNamespace(name="Bob", email="b@x.org"),
        "invitation": SimpleNamespace(message="", email="a@x.org"),
        "days": 14,
        "site_name": "CG",
        "link": LINK,
    }
    email = render_email(template="invitation", subject="Bob invites you", context=context)
    assert "Accept or decline:\n" + LINK in email.text  # the text part keeps both
    assert not email.preview.endswith(":")


@pytest.mark.parametrize("kind", sample_kinds())
def test_no_kind_previews_a_label_whose_link_is_gone(kind):
    _, email = sample_email(kind)
    preview = preview_of(email.text, limit=2000)  # all of it, not cut short
    assert not preview.endswith(":"), preview
    # A label that introduced a link never stays in the middle either.
    lines = [line.strip() for line in email.text.splitlines()]
    for label, following in itertools.pairwise(lines):
        if label.endswith(":") and following.startswith("http"):
            assert label not in preview, kind


def test_a_label_before_words_stays():
    text = "Their note to you:\n\n“Hi”\n\nAccept or decline:\nhttps://example.org/x"
    assert preview_of(text) == "Their note to you: “Hi”"


def test_a_lone_label_before_a_link_keeps_its_words():
    assert preview_of("Your goal review is tomorrow:\nhttps://example.org/x") == (
        "Your goal review is tomorrow"
    )
