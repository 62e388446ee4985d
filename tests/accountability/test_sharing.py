"""Sharing a goal: the owner chooses who sees it; buddies see it read-only; others get 404."""

import re

import pytest
from django.urls import reverse

from accountability import selectors, services
from accountability.models import Comment, GoalShare
from goals import services as goal_services
from goals.models import Goal
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, user):
    assert client.login(email=user.email, password=PASSWORD)
    return client


def sharing_url(goal) -> str:
    return reverse("buddies:goal_sharing", args=[goal.pk])


def detail_url(goal) -> str:
    return reverse("goals:goal_detail", args=[goal.pk])


@pytest.fixture
def ana_and_dave(ana, dave):
    return services.partnership_create(a=ana, b=dave)


@pytest.fixture
def bob_only_goal(ana, bob, make_goal, partnership, ana_and_dave):
    """Shared with bob by name; dave is ana's buddy too, but not shown this goal."""
    goal = make_goal(ana, statement="Just for Bob")
    return services.goal_set_visibility(goal=goal, visibility="chosen", chosen=[bob])


# --- The owner chooses ------------------------------------------------------------------


def test_the_form_shows_the_current_choice_and_the_buddies(client, ana, bob, goal, partnership):
    response = sign_in(client, ana).get(sharing_url(goal))
    assert response.status_code == 200
    html = response.text
    assert "Who can see this goal?" in html
    assert re.search(r'<input type="radio"[^>]*name="visibility" value="private"[^>]*checked', html)
    assert re.search(rf'<input type="checkbox"[^>]*name="chosen" value="{bob.pk}"', html)
    assert re.search(r'<label for="id_chosen_0" class="form-check-label">\s*Bob\s*</label>', html)
    assert re.search(r'<input type="checkbox" name="buddy_reminders"', html)
    assert "Remind my buddies before its deadlines" in html


def test_owner_shares_with_all_buddies(client, ana, bob, goal, partnership):
    response = sign_in(client, ana).post(sharing_url(goal), {"visibility": "buddies"})
    assert response.status_code == 302
    assert response.url == detail_url(goal)
    goal.refresh_from_db()
    assert goal.visibility == Goal.Visibility.BUDDIES
    assert goal.buddy_reminders is False
    page = client.get(response.url).text
    assert "Saved. Besides you, Bob can see this goal." in page


def test_owner_chooses_buddies_and_turns_on_buddy_reminders(
    client, ana, bob, dave, goal, partnership, ana_and_dave
):
    sign_in(client, ana).post(
        sharing_url(goal), {"visibility": "chosen", "chosen": [bob.pk], "buddy_reminders": "on"}
    )
    goal.refresh_from_db()
    assert goal.visibility == Goal.Visibility.CHOSEN
    assert goal.buddy_reminders is True
    assert selectors.goal_audience(goal=goal) == [bob]
    assert client.get(detail_url(goal)).status_code == 200
    assert sign_in(client, bob).get(detail_url(goal)).status_code == 200
    assert sign_in(client, dave).get(detail_url(goal)).status_code == 404


def test_back_to_private_removes_every_share(client, ana, bob, bob_only_goal):
    sign_in(client, ana).post(sharing_url(bob_only_goal), {"visibility": "private"})
    assert not GoalShare.objects.filter(goal=bob_only_goal).exists()
    assert sign_in(client, bob).get(detail_url(bob_only_goal)).status_code == 404


def test_sharing_with_a_non_buddy_is_refused(client, ana, carol, goal, partnership):
    response = sign_in(client, ana).post(
        sharing_url(goal), {"visibility": "chosen", "chosen": [carol.pk]}
    )
    assert response.status_code == 200
    assert "You can only share with your current buddies." in response.text
    goal.refresh_from_db()
    assert goal.visibility == Goal.Visibility.PRIVATE
    assert not GoalShare.objects.exists()
    assert sign_in(client, carol).get(detail_url(goal)).status_code == 404


def test_chosen_without_a_buddy_is_refused(client, ana, goal, partnership):
    response = sign_in(client, ana).post(sharing_url(goal), {"visibility": "chosen"})
    assert response.status_code == 200
    assert "Choose at least one buddy, or keep the goal private." in response.text
    goal.refresh_from_db()
    assert goal.visibility == Goal.Visibility.PRIVATE


def test_unknown_visibility_is_refused(client, ana, goal, partnership):
    response = sign_in(client, ana).post(sharing_url(goal), {"visibility": "public"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    goal.refresh_from_db()
    assert goal.visibility == Goal.Visibility.PRIVATE


def test_without_buddies_the_page_offers_an_invitation(client, ana, goal):
    html = sign_in(client, ana).get(sharing_url(goal)).text
    assert "You have no buddies yet" in html
    assert reverse("buddies:invite") in html


# --- The owner sees exactly who can see it -----------------------------------------------


def audience_line(html: str) -> str:
    start = html.index('class="small mb-0 goal-audience"')
    return html[start : html.index("</p>", start)]


def test_owner_sees_only_you_on_a_private_goal(client, ana, goal, partnership):
    line = audience_line(sign_in(client, ana).get(detail_url(goal)).text)
    assert "Who can see this:</span> Only you" in line
    assert sharing_url(goal) in line


def test_owner_sees_every_buddy_on_a_goal_shared_with_all(
    client, ana, shared_goal, dave, ana_and_dave
):
    line = audience_line(sign_in(client, ana).get(detail_url(shared_goal)).text)
    assert "Bob, Dave" in line


def test_the_sharing_page_names_everyone_who_can_see_it(
    client, ana, shared_goal, dave, ana_and_dave
):
    html = sign_in(client, ana).get(sharing_url(shared_goal)).text
    assert "Right now:</span> you, Bob and Dave can see it." in html
    assert "All my buddies (Bob, Dave)" in html


def test_owner_sees_only_the_chosen_buddy(client, ana, bob_only_goal):
    line = audience_line(sign_in(client, ana).get(detail_url(bob_only_goal)).text)
    assert "Bob" in line
    assert "Dave" not in line


def test_an_ended_partnership_leaves_the_audience(client, ana, shared_goal, partnership):
    services.partnership_end(partnership=partnership, by=ana)
    line = audience_line(sign_in(client, ana).get(detail_url(shared_goal)).text)
    assert "Only you" in line


# --- The buddy sees it read-only ------------------------------------------------------------


@pytest.fixture
def shared_goal_with_step(shared_goal):
    goal_services.micro_goal_create(goal=shared_goal, title="Ask for the Q3 client lead")
    return shared_goal


def test_buddy_sees_the_shared_goal_read_only(client, bob, shared_goal_with_step):
    goal = shared_goal_with_step
    response = sign_in(client, bob).get(detail_url(goal))
    assert response.status_code == 200
    html = response.text
    # What there is to see: the goal, its steps, its progress chart and its SMART check.
    assert goal.statement in html
    assert "Ask for the Q3 client lead" in html
    assert 'id="progress"' in html
    assert "<svg" in html
    assert "SMART check" in html
    assert "Ana’s goal, shared with you · read-only" in html
    # Nothing to change it with.
    for name in (
        "goals:goal_edit",
        "goals:goal_status",
        "goals:goal_delete",
        "goals:check_in_create",
        "goals:micro_goal_create",
    ):
        assert reverse(name, args=[goal.pk]) not in html, name
    assert "Add a check-in" not in html
    assert 'name="value"' not in html
    assert "Add a step" not in html
    assert sharing_url(goal) not in html
    assert "Who can see this:" not in html


def test_owner_still_has_the_check_in_form(client, ana, shared_goal):
    html = sign_in(client, ana).get(detail_url(shared_goal)).text
    assert "Add a check-in" in html
    assert reverse("goals:check_in_create", args=[shared_goal.pk]) in html


def test_htmx_check_in_keeps_the_owner_form(client, ana, shared_goal, today):
    response = sign_in(client, ana).post(
        reverse("goals:check_in_create", args=[shared_goal.pk]),
        {"value": "1", "recorded_on": today.isoformat(), "note": ""},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Add a check-in" in response.text
    assert "Remove" in response.text


# --- Everyone else: 404 on every door ----------------------------------------------------------


@pytest.fixture
def bobs_comment(bob, bob_only_goal):
    return services.comment_add(goal=bob_only_goal, author=bob, text="Go Ana!")


def doors(goal, comment) -> list[tuple[str, str]]:
    return [
        ("get", detail_url(goal)),
        ("get", sharing_url(goal)),
        ("post", sharing_url(goal)),
        ("post", reverse("buddies:feedback_give", args=[goal.pk])),
        ("post", reverse("buddies:comment_add", args=[goal.pk])),
        ("post", reverse("buddies:nudge", args=[goal.pk])),
        ("post", reverse("buddies:congratulate", args=[goal.pk])),
        ("post", reverse("buddies:comment_delete", args=[comment.pk])),
        ("post", reverse("buddies:comment_hide", args=[comment.pk])),
    ]


POSTED = {
    "visibility": "buddies",
    "verdict": "realistic",
    "comment": "Looks fine",
    "text": "Hello",
}


@pytest.mark.parametrize("who", ["carol", "dave"])
def test_stranger_and_buddy_without_access_get_404_everywhere(
    client, request, who, bob_only_goal, bobs_comment
):
    user = request.getfixturevalue(who)
    sign_in(client, user)
    for method, url in doors(bob_only_goal, bobs_comment):
        response = getattr(client, method)(url, POSTED)
        assert response.status_code == 404, (who, method, url)
    assert Comment.objects.count() == 1
    bob_only_goal.refresh_from_db()
    assert bob_only_goal.visibility == Goal.Visibility.CHOSEN


def test_private_goal_is_404_for_a_buddy(client, ana, bob, goal, partnership):
    assert sign_in(client, bob).get(detail_url(goal)).status_code == 404


def test_ex_buddy_gets_404(client, bob, shared_goal, partnership):
    services.partnership_end(partnership=partnership, by=bob)
    assert sign_in(client, bob).get(detail_url(shared_goal)).status_code == 404


def test_buddy_cannot_open_the_sharing_form(client, bob, shared_goal):
    sign_in(client, bob)
    assert client.get(sharing_url(shared_goal)).status_code == 404
    assert client.post(sharing_url(shared_goal), {"visibility": "private"}).status_code == 404
    shared_goal.refresh_from_db()
    assert shared_goal.visibility == Goal.Visibility.BUDDIES


def test_anonymous_is_sent_to_sign_in(client, shared_goal):
    response = client.get(sharing_url(shared_goal))
    assert response.status_code == 302
    assert "login" in response.url
