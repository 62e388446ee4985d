"""Pages drawn once per digest of what they show (careergoals/fragments.py).

The digest covers every value a page reads, so a write anywhere shows on the next visit
without anything to invalidate. These tests hold that to account: every kind of write that
changes a cached page, for the owner and for a buddy, then the same visit again served from
the store, and the CSRF token always the visitor's own.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django import forms
from django.test import Client, RequestFactory
from django.urls import reverse

from accountability import services as buddy_services
from careergoals import fragments
from careergoals.notifications.models import Notification
from careergoals.users.services import user_update_profile
from goals import services as goal_services
from goals.forms import AbandonForm
from goals.forms_progress import CheckInForm
from goals.models import Goal
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_store():
    fragments.clear()
    yield
    fragments.clear()


def signed_in(user) -> Client:
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return client


def token_in(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]


# --- The digest ---------------------------------------------------------------------------


def test_every_loaded_value_of_a_model_is_in_the_digest(goal):
    before = fragments.digest("t.html", {"goal": goal})
    assert fragments.digest("t.html", {"goal": goal}) == before
    goal.statement += "!"
    assert fragments.digest("t.html", {"goal": goal}) != before


def test_a_related_object_loaded_with_it_is_in_the_digest(goal):
    goal = Goal.objects.select_related("owner").get(pk=goal.pk)
    before = fragments.digest("t.html", {"goal": goal})
    goal.owner.display_name = "Ana Maria"
    assert fragments.digest("t.html", {"goal": goal}) != before


def test_the_template_language_and_time_zone_are_in_the_digest(goal, settings):
    from django.utils import timezone

    before = fragments.digest("t.html", {"goal": goal})
    assert fragments.digest("u.html", {"goal": goal}) != before
    with timezone.override("Asia/Tokyo"):
        assert fragments.digest("t.html", {"goal": goal}) != before


def test_a_keyed_form_is_digested_by_what_it_was_made_with(today):
    one = fragments.digest("t.html", {"form": CheckInForm(today=today, unit="km")})
    assert fragments.digest("t.html", {"form": CheckInForm(today=today, unit="km")}) == one
    assert fragments.digest("t.html", {"form": CheckInForm(today=today, unit="mi")}) != one


@pytest.mark.parametrize(
    "value, reason",
    [
        (AbandonForm({"reason": "x"}), "a bound AbandonForm"),
        (forms.Form(), "not a KeyedForm"),
        (Goal.objects.all(), "an unevaluated queryset of Goal"),
        (object(), "a object"),
    ],
)
def test_what_the_digest_cannot_see_is_uncacheable(value, reason):
    with pytest.raises(fragments.Uncacheable, match=reason):
        fragments.digest("t.html", {"thing": [value]})


def test_an_uncacheable_context_is_drawn_every_time(rf_request):
    html = fragments.render("partials/footer.html", {"thing": object()}, request=rf_request)
    assert "Private by default" in html
    assert fragments.stats["uncacheable"] >= 1


@pytest.fixture
def rf_request(ana):
    request = RequestFactory().get("/")
    request.user = ana
    return request


def test_each_visitor_gets_their_own_csrf_token_from_the_same_drawing(ana, goal):
    url = reverse("goals:goal_detail", args=[goal.pk])
    first, second = signed_in(ana), signed_in(ana)  # two browsers of one person
    one, two = first.get(url).text, second.get(url).text
    assert fragments.stats["hits"] >= 1
    assert token_in(one) != token_in(two)
    assert fragments.CSRF_PLACEHOLDER not in one + two
    # and each token works in its own browser
    response = second.post(
        reverse("goals:check_in_create", args=[goal.pk]),
        {
            "value": "1",
            "recorded_on": datetime.date.today().isoformat(),
            "csrfmiddlewaretoken": token_in(two),
        },
    )
    assert response.status_code in (200, 302)


# --- Every write shows on the next visit ------------------------------------------------------


def _step(goal, title="Book a 1:1 with my manager", days=3):
    return goal_services.micro_goal_create(
        goal=goal, title=title, deadline=datetime.date.today() + datetime.timedelta(days=days)
    )


WRITES = {
    "goal statement edited": (
        lambda w: goal_services.goal_update(goal=w.goal, statement="Lead three projects in 2027"),
        "Lead three projects in 2027",
    ),
    "step added": (lambda w: _step(w.goal, "Ask Priya to mentor me"), "Ask Priya to mentor me"),
    "step ticked": (
        lambda w: goal_services.micro_goal_set_status(micro_goal=w.step, status="done"),
        "1 of 1",
    ),
    "check-in recorded": (
        lambda w: goal_services.check_in_create(
            goal=w.goal, value=Decimal("1"), recorded_on=datetime.date.today(), note="First one led"
        ),
        "First one led",
    ),
    "buddy comments": (
        lambda w: buddy_services.comment_add(goal=w.goal, author=w.bob, text="Proud of you, Ana"),
        "Proud of you, Ana",
    ),
    "buddy gives feedback": (
        lambda w: buddy_services.feedback_give(
            goal=w.goal, author=w.bob, verdict="stretch", comment="Two is a lot in a year"
        ),
        "Two is a lot in a year",
    ),
    "owner renamed": (
        lambda w: user_update_profile(user=w.ana, display_name="Ana Maria", timezone="UTC"),
        "Ana Maria",
    ),
    "buddy renamed": (
        lambda w: user_update_profile(user=w.bob, display_name="Roberto", timezone="UTC"),
        "Roberto",
    ),
}


class World:
    def __init__(self, ana, bob, goal):
        self.ana, self.bob, self.goal = ana, bob, goal
        self.step = _step(goal, "Draft the project brief", days=1)


@pytest.fixture
def world(ana, bob, make_goal):
    buddy_services.partnership_create(a=ana, b=bob)
    goal = make_goal(ana, statement="Lead two client projects end to end")
    goal_services.goal_activate(goal=goal)
    goal = buddy_services.goal_set_visibility(goal=goal, visibility="buddies")
    return World(ana, bob, goal)


# Which visitor sees each write on the goal page ("buddy renamed" shows to ana through
# comments and the audience list; to bob his own name is "You", so only ana's view counts).
GOAL_PAGE_CASES = [
    (write, viewer)
    for write in WRITES
    for viewer in ("owner", "buddy")
    if not (write == "buddy renamed" and viewer == "buddy")
    and not (write == "owner renamed" and viewer == "owner")
]


@pytest.mark.parametrize("write, viewer", GOAL_PAGE_CASES)
def test_the_goal_page_shows_every_write_on_the_next_visit(world, write, viewer):
    if write == "buddy renamed":  # something of bob's on ana's page: a comment
        buddy_services.comment_add(goal=world.goal, author=world.bob, text="Go for it")
    person = world.ana if viewer == "owner" else world.bob
    client = signed_in(person)
    url = reverse("goals:goal_detail", args=[world.goal.pk])
    before = client.get(url).text
    again = client.get(url).text
    assert fragments.stats["hits"] >= 1, "the second visit is drawn from the store"
    assert _without_tokens(again) == _without_tokens(before)

    do, shown = WRITES[write]
    world.goal.refresh_from_db()
    do(world)
    after = client.get(url).text
    assert shown in after
    assert _without_tokens(after) != _without_tokens(before)


def test_the_goal_page_is_gone_for_a_buddy_once_the_share_ends(world):
    client = signed_in(world.bob)
    url = reverse("goals:goal_detail", args=[world.goal.pk])
    assert client.get(url).status_code == 200
    buddy_services.goal_set_visibility(goal=world.goal, visibility="private")
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "page, write, shown",
    [
        ("goals:home", "step added", "Ask Priya to mentor me"),
        ("goals:home", "goal statement edited", "Lead three projects in 2027"),
        ("goals:home", "owner renamed", "Ana Maria"),
        ("goals:roadmap", "goal statement edited", "Lead three projects in 2027"),
        ("buddies:calendar", "step added", "Ask Priya to mentor me"),
        ("buddies:buddies", "buddy renamed", "Roberto"),
    ],
)
def test_the_owners_pages_show_every_write_on_the_next_visit(world, page, write, shown):
    client = signed_in(world.ana)
    url = reverse(page)
    before = client.get(url).text
    client.get(url)
    assert fragments.stats["hits"] >= 1
    WRITES[write][0](world)
    after = client.get(url).text
    assert shown in after and shown not in before


def test_a_buddys_calendar_shows_a_shared_step_on_the_next_visit(world):
    client = signed_in(world.bob)
    url = reverse("buddies:calendar")
    before = client.get(url).text
    _step(world.goal, "Ask Priya to mentor me")
    after = client.get(url).text
    assert "Ask Priya to mentor me" in after and "Ask Priya to mentor me" not in before


def test_the_navigation_bar_follows_the_unread_count_and_the_theme(world):
    client = signed_in(world.ana)
    url = reverse("goals:roadmap")
    assert "unread" not in client.get(url).text
    buddy_services.comment_add(goal=world.goal, author=world.bob, text="Nice")
    assert Notification.objects.filter(recipient=world.ana, read_at__isnull=True).exists()
    assert re.search(r"Notifications: \d+ unread", client.get(url).text)
    client.post(reverse("users:theme_set"), {"theme": "dark", "next": url})
    assert 'data-bs-theme="dark"' in client.get(url).text


def _without_tokens(html: str) -> str:
    return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', r"\1-", html)
