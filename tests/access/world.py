"""One small circle of people and things, built once per test module.

Ana owns the goals: one shared with Bob, one achieved and shared with Bob, one private.
Bob is her buddy and sees her shared goals; Dave is her buddy but sees none of them; Erin
was her buddy (a goal was shared with her before she left);
Carol is a stranger (Ana's pending invitation went to Carol's address); Sam runs the
site's admin, and on the site itself sees no more than a stranger. Fay was Ana's buddy and
deleted her account: Ana alone keeps their partnership and review notes, read-only.

The world is built inside a transaction that is rolled back after the module; each test
runs in a savepoint of its own (pytest-django), so what one request writes is gone for
the next, and the world is built once per module rather than once per request.
"""

import datetime
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accountability import services as buddy_services
from accountability.models import Comment, GoalShare, ReviewMeeting
from careergoals.notifications.models import Notification
from careergoals.notifications.preferences import settings_for, unsubscribe_token
from careergoals.users import services as user_services
from careergoals.users.models import User
from goals import services as goal_services
from goals.models import Goal, GoalExample
from goals.services_examples import goal_example_save
from tests.conftest import PASSWORD


def _user(email: str, name: str, **fields) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD, display_name=name, **fields)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    settings_for(user)  # so that opening the settings page writes nothing
    return user


def goal_fields(today: datetime.date, **changes) -> dict:
    return {
        "statement": "Lead two client projects end to end",
        "category": Goal.Category.RESPONSIBILITY,
        "horizon": Goal.Horizon.ONE_YEAR,
        "target_date": today + datetime.timedelta(days=200),
        "metric_name": "Projects led",
        "metric_unit": "projects",
        "baseline": Decimal("0"),
        "target": Decimal("2"),
        "confidence": 4,
        "relevance": "Leading projects is the path to a team lead role.",
    } | changes


def _feed_path(user) -> str:
    """The secret address of a person's calendar feed, as the settings page shows it once."""
    made = buddy_services.feed_regenerate(user=user)
    feed, secret = made if isinstance(made, tuple) else (made, made.secret)
    return reverse("buddies:calendar_feed_ics", args=[feed.public_id, secret])


def build() -> dict:
    today = datetime.date.today()
    now = timezone.now()
    ana, bob, dave, erin, carol = (
        _user(f"{name.lower()}@example.org", name)
        for name in ("Ana", "Bob", "Dave", "Erin", "Carol")
    )
    sam = _user("sam@example.org", "Sam", is_staff=True, is_superuser=True)
    pair = buddy_services.partnership_create(a=ana, b=bob)
    dave_pair = buddy_services.partnership_create(a=ana, b=dave)
    ended = buddy_services.partnership_create(a=ana, b=erin)
    goal = goal_services.goal_create(
        owner=ana, **goal_fields(today, statement="Lead the Zanzibar client project")
    )
    buddy_services.goal_set_visibility(goal=goal, visibility="chosen", chosen=[bob, erin])
    buddy_services.partnership_end(partnership=ended, by=erin)
    # Ending a partnership removes its shares; an older database may still hold one.
    # Access must not rest on that clean-up: the ended partnership alone keeps Erin out.
    GoalShare.objects.get_or_create(goal=goal, user=erin)
    step = goal_services.micro_goal_create(
        goal=goal, title="Book the Zanzibar kick-off", deadline=today + datetime.timedelta(days=30)
    )
    goal_services.micro_goal_create(goal=goal, title="Write the project plan")
    check_in = goal_services.check_in_create(goal=goal, value=Decimal(1), recorded_on=today)
    achieved = goal_services.goal_create(
        owner=ana, **goal_fields(today, statement="Give the Quokka talk at the meetup")
    )
    other_step = goal_services.micro_goal_create(goal=achieved, title="Rehearse the Quokka slides")
    buddy_services.goal_set_visibility(goal=achieved, visibility="chosen", chosen=[bob])
    goal_services.goal_achieve(goal=achieved)
    private = goal_services.goal_create(
        owner=ana, **goal_fields(today, statement="Ask for the Wombat promotion")
    )
    vision = goal_services.vision_answer_save(
        owner=ana, prompt="success", text="Leading the Wombat team"
    )
    # Ana shares a goal as an example with her buddies, in words fit for others.
    example = goal_example_save(
        goal=private,
        by=ana,
        title="Ask for a promotion",
        statement="Ask for a promotion in writing",
    )
    comment = buddy_services.comment_add(goal=goal, author=bob, text="Zanzibar will love it")
    notification = Notification.objects.get(recipient=ana, kind="comment")  # about that one
    hidden = buddy_services.comment_add(goal=goal, author=bob, text="The Narwhal joke, again")
    buddy_services.comment_hide(comment=hidden, by=ana)  # buddies no longer see it
    suggestion = buddy_services.suggestion_step_add(
        goal=goal, author=bob, title="Book the Zanzibar venue", why="Venues go fast."
    )
    invitation, token = buddy_services.invitation_create(inviter=ana, email="carol@example.org")
    buddy_services.agreement_save(
        partnership=pair,
        by=bob,
        working_toward="Ana: two client projects by June.",
        support="Read each other's updates.",
        cadence="monthly",
    )
    # Ana's check-in with Bob about the goal she shares with him, not answered yet.
    buddy_check_in = buddy_services.check_in_save(
        partnership=pair, author=ana, entries={goal.pk: {"moved": "Zanzibar kick-off booked"}}
    )
    proposed = ReviewMeeting.objects.create(
        partnership=pair, proposed_by=bob, starts_at=now + datetime.timedelta(days=5)
    )
    dave_meeting = ReviewMeeting.objects.create(
        partnership=dave_pair, proposed_by=dave, starts_at=now + datetime.timedelta(days=6)
    )
    started = ReviewMeeting.objects.create(
        partnership=pair,
        proposed_by=bob,
        starts_at=now - datetime.timedelta(minutes=30),
        status=ReviewMeeting.Status.ACCEPTED,
    )
    # Fay was Ana's buddy and deleted her account: Ana keeps the record (read-only).
    fay = _user("fay@example.org", "Fay")
    kept = buddy_services.partnership_create(a=ana, b=fay)
    kept_meeting = ReviewMeeting.objects.create(
        partnership=kept,
        proposed_by=fay,
        starts_at=now - datetime.timedelta(days=20),
        status=ReviewMeeting.Status.HELD,
        held_at=now - datetime.timedelta(days=20),
        notes="We talked about the Platypus offer.",
    )
    user_services.user_delete(user=fay)
    # Ana has one unread notification (Bob's comment); everyone else has read theirs.
    Notification.objects.exclude(recipient=ana).update(read_at=now)
    Notification.objects.filter(recipient=ana).exclude(pk=notification.pk).update(read_at=now)
    return {
        "today": today,
        # Words only Ana's goals, vision and kept review notes contain, and the comment she
        # hid: no answer may show them to anyone who can't see them.
        "private_words": {
            "owner": (),
            "buddy": ("Wombat", "Platypus", "Narwhal"),
            **dict.fromkeys(
                ("buddy_without_share", "ex_buddy", "stranger", "site_admin", "anonymous"),
                ("Zanzibar", "Quokka", "Wombat", "Platypus", "Narwhal"),
            ),
        },
        "users": {
            "owner": ana,
            "buddy": bob,
            "buddy_without_share": dave,
            "ex_buddy": erin,
            "stranger": carol,
            "site_admin": sam,
        },
        "goal": goal,
        "step": step,
        "check_in": check_in,
        "achieved": achieved,
        "other_step": other_step,  # a step of the achieved goal, not of "goal"
        "private_goal": private,
        "vision_answer": vision,
        "example": example,  # Ana's, shared with her buddies
        "library_example": GoalExample.objects.get(slug="earnings-raise-at-review"),
        "comment": Comment.objects.get(pk=comment.pk),
        "suggestion": suggestion,  # Bob's step for "goal", waiting for Ana's answer
        "buddy_check_in": buddy_check_in,
        "invitation": invitation,
        "token": token,
        "partnership": pair,
        "dave_pair": dave_pair,  # Ana's partnership with the buddy she shares nothing with
        "dave_meeting": dave_meeting,
        "kept": kept,  # ended when Fay deleted her account; Ana keeps it, read-only
        "kept_meeting": kept_meeting,
        "meeting": proposed,
        "started_meeting": started,
        "notification": notification,
        "unsubscribe_token": unsubscribe_token(ana.pk, "deadline"),
        # Ana's personal access token for the API, listed on her account page "Access tokens".
        "access_token": user_services.token_create(user=ana, name="Ana's script", scope="read")[0],
        "feed_paths": {
            "owner": _feed_path(ana),
            "buddy": _feed_path(bob),
            "ex_buddy": _feed_path(erin),
        },
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The circle above, shared by every test of a module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)
