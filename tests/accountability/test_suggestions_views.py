"""Suggestions through the front door: the goal page, the forms (htmx and plain), the
owner's answers, who sees what, and what a page costs."""

import datetime

import pytest
from django.urls import reverse

from accountability import services
from accountability.models import Suggestion
from goals.models import MicroGoal
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
XSS = "<script>alert('hi')</script>"
ESCAPED = "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt;"


def sign_in(client, user):
    assert client.login(email=user.email, password=PASSWORD)
    return client


def page(client, goal) -> str:
    response = client.get(reverse("goals:goal_detail", args=[goal.pk]))
    assert response.status_code == 200
    return response.text


def url(name, obj) -> str:
    return reverse(name, args=[obj.pk])


def suggest(goal, author, title="Book a 1:1 with your manager", **fields):
    return services.suggestion_step_add(goal=goal, author=author, title=title, **fields)


def test_a_buddy_gets_the_forms_and_the_owner_does_not(client, shared_goal, ana, bob):
    html = page(sign_in(client, bob), shared_goal)
    assert url("buddies:suggest_step", shared_goal) in html
    assert url("buddies:suggest_change", shared_goal) in html
    client.logout()
    html = page(sign_in(client, ana), shared_goal)
    assert url("buddies:suggest_step", shared_goal) not in html


def test_a_buddy_suggests_a_step_in_place_and_without_javascript(client, shared_goal, bob):
    sign_in(client, bob)
    body = {"title": "Ask Priya for a referral", "why": "She knows the hiring manager."}
    response = client.post(url("buddies:suggest_step", shared_goal), body, headers=HTMX)
    assert response.status_code == 200
    assert "Suggestion sent" in response.text
    assert "Ask Priya for a referral" in response.text  # now in "Your suggestions"
    response = client.post(url("buddies:suggest_step", shared_goal), body | {"title": "Another"})
    assert response.status_code == 302
    assert "#suggestion-" in response.url
    assert Suggestion.objects.filter(goal=shared_goal, author=bob).count() == 2
    assert not MicroGoal.objects.exists()


def test_a_refused_suggestion_keeps_what_was_typed(client, shared_goal, bob):
    sign_in(client, bob)
    body = {"title": "", "why": "A long reason worth keeping", "helpers": "Priya"}
    for headers in (HTMX, {}):
        response = client.post(url("buddies:suggest_step", shared_goal), body, headers=headers)
        assert response.status_code == 200
        assert "Say what the step is" in response.text
        assert "A long reason worth keeping" in response.text
        assert 'value="Priya"' in response.text
    body = {"why": "x" * 2001, "target_date": "1900-01-01"}
    response = client.post(url("buddies:suggest_change", shared_goal), body, headers=HTMX)
    assert "up to 2,000 characters" in response.text
    assert "x" * 2001 in response.text
    assert "Pick a" in response.text
    response = client.post(url("buddies:suggest_change", shared_goal), {"why": "More time"})
    assert "Give a new deadline, a new target, or both." in response.text
    assert not Suggestion.objects.exists()


def test_the_owner_sees_pending_suggestions_and_accepts_one(client, shared_goal, ana, bob):
    suggestion = suggest(shared_goal, bob, why=XSS)
    html = page(sign_in(client, ana), shared_goal)
    assert "Suggestions from your buddies" in html
    assert url("buddies:suggestion_accept", suggestion) in html
    assert url("buddies:suggestion_edit", suggestion) in html
    assert url("buddies:suggestion_decline", suggestion) in html
    assert ESCAPED in html and XSS not in html
    response = client.post(url("buddies:suggestion_accept", suggestion))
    assert response.status_code == 302
    html = client.get(response.url).text
    assert "Step added, with thanks to Bob." in html
    assert "Suggested by Bob" in html
    assert "Step added</strong>: Book a 1:1 with your manager" in html  # the history
    step = MicroGoal.objects.get(goal=shared_goal)
    assert step.suggested_by == bob
    # Bob sees it was accepted, and the credit on the step.
    client.logout()
    html = page(sign_in(client, bob), shared_goal)
    assert "Accepted" in html and "Suggested by you" in html


def test_the_owner_edits_then_accepts(client, shared_goal, ana, bob):
    suggestion = suggest(shared_goal, bob, helpers="Priya")
    sign_in(client, ana)
    response = client.get(url("buddies:suggestion_edit", suggestion))
    assert response.status_code == 200
    assert 'value="Book a 1:1 with your manager"' in response.text
    bad = {"title": "Book a 1:1 with Maria", "deadline": "1900-01-01", "helpers": "Priya"}
    response = client.post(url("buddies:suggestion_edit", suggestion), bad)
    assert response.status_code == 200
    assert 'value="Book a 1:1 with Maria"' in response.text  # nothing lost
    assert not MicroGoal.objects.exists()
    day = datetime.date.today() + datetime.timedelta(days=7)
    good = bad | {"deadline": day.isoformat(), "note": "Moved it to next week"}
    response = client.post(url("buddies:suggestion_edit", suggestion), good)
    assert response.status_code == 302
    step = MicroGoal.objects.get(goal=shared_goal)
    assert (step.title, step.deadline, step.suggested_by) == ("Book a 1:1 with Maria", day, bob)
    suggestion.refresh_from_db()
    assert suggestion.owner_note == "Moved it to next week"
    # Answered: the edit page sends the owner back to the goal.
    response = client.get(url("buddies:suggestion_edit", suggestion))
    assert response.status_code == 302


def test_the_owner_accepts_a_change_of_deadline(client, shared_goal, ana, bob):
    day = shared_goal.target_date + datetime.timedelta(days=20)
    suggestion = services.suggestion_change_add(
        goal=shared_goal, author=bob, why="The launch moved", target_date=day
    )
    sign_in(client, ana)
    response = client.post(url("buddies:suggestion_accept", suggestion))
    assert response.status_code == 302
    shared_goal.refresh_from_db()
    assert shared_goal.target_date == day
    html = client.get(response.url).text
    assert "Goal updated, with thanks to Bob." in html
    assert "Suggested by Bob: The launch moved" in html  # the history


def test_the_owner_declines_in_place_with_a_note_and_a_refused_note_is_kept(
    client, shared_goal, ana, bob
):
    suggestion = suggest(shared_goal, bob)
    sign_in(client, ana)
    decline = url("buddies:suggestion_decline", suggestion)
    response = client.post(decline, {"note": "y" * 2001}, headers=HTMX)
    assert response.status_code == 200
    assert "y" * 2001 in response.text and "up to 2,000 characters" in response.text
    response = client.post(decline, {"note": "y" * 2001})
    assert response.status_code == 200 and "y" * 2001 in response.text
    suggestion.refresh_from_db()
    assert suggestion.is_pending
    response = client.post(decline, {"note": "Done it already"}, headers=HTMX)
    assert "Declined. Bob sees your note." in response.text
    assert "Done it already" in response.text
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.DECLINED
    response = client.post(url("buddies:suggestion_accept", suggestion))
    assert response.status_code == 302  # already answered: said so, nothing added
    assert not MicroGoal.objects.exists()


def test_buddies_see_only_their_own_and_lose_them_with_the_share(
    client, ana, bob, dave, make_goal, partnership
):
    services.partnership_create(a=ana, b=dave)
    goal = make_goal(ana)
    services.goal_set_visibility(goal=goal, visibility="buddies")
    suggest(goal, bob, title="Bob's idea")
    suggest(goal, dave, title="Dave's idea")
    assert "Dave&#x27;s idea" not in page(sign_in(client, bob), goal)
    services.partnership_end(partnership=partnership, by=ana)
    response = client.get(reverse("goals:goal_detail", args=[goal.pk]))
    assert response.status_code == 404
    client.logout()
    html = page(sign_in(client, ana), goal)
    assert "Bob&#x27;s idea" in html and "Dave&#x27;s idea" in html
    # What Bob suggested while it was shared can still be accepted.
    bobs = Suggestion.objects.get(author=bob)
    assert client.post(url("buddies:suggestion_accept", bobs)).status_code == 302
    assert MicroGoal.objects.get().suggested_by == bob


@pytest.mark.parametrize("viewer", ["ana", "bob"])
def test_the_goal_page_costs_the_same_with_one_or_many_suggestions(
    client, shared_goal, ana, bob, viewer, django_assert_max_num_queries
):
    sign_in(client, ana if viewer == "ana" else bob)
    suggest(shared_goal, bob)
    page(client, shared_goal)  # warm up: sessions, preferences
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        page(client, shared_goal)
    for n in range(8):
        suggestion = suggest(shared_goal, bob, title=f"Idea {n}")
        if n % 2:
            services.suggestion_accept(suggestion=suggestion, by=ana)
        elif n % 4 == 0:
            services.suggestion_decline(suggestion=suggestion, by=ana, note="No")
    with django_assert_max_num_queries(len(one.captured_queries)):
        page(client, shared_goal)


def _count(client, method, *args, **kwargs) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(*args, **kwargs)
    assert response.status_code in (200, 302)
    return len(queries.captured_queries)


def test_suggesting_and_answering_cost_the_same_however_many_there_are(
    client, shared_goal, ana, bob
):
    """The write paths read a fixed number of rows: the 2nd and the 12th suggestion, their
    answers, cost the same."""
    costs = []
    for extra in (0, 10):
        for n in range(extra + 1):
            suggest(shared_goal, bob, title=f"Earlier idea {n}")
        sign_in(client, bob)
        body = {"title": f"Idea after {extra}", "why": "Because"}
        suggesting = _count(
            client, "post", url("buddies:suggest_step", shared_goal), body, headers=HTMX
        )
        client.logout()
        sign_in(client, ana)
        pending = list(Suggestion.objects.filter(goal=shared_goal, status="pending")[:2])
        declining = _count(
            client,
            "post",
            url("buddies:suggestion_decline", pending[0]),
            {"note": "No"},
            headers=HTMX,
        )
        accepting = _count(client, "post", url("buddies:suggestion_accept", pending[1]))
        client.logout()
        costs.append((suggesting, declining, accepting))
    assert costs[0] == costs[1], costs
