"""Suggestions in "Your data" (export, import) and when an account is deleted."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from accountability import services
from accountability.models import Suggestion
from careergoals.users.models import User
from goals.models import Goal, MicroGoal
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def export_of(client, user) -> dict:
    client.force_login(user)
    response = client.get(reverse("goals:export_json"))
    assert response.status_code == 200
    return response.json()


def delete_account(client, user):
    client.force_login(user)
    response = client.post(reverse("users:account_delete"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    client.logout()


@pytest.fixture
def suggestions(shared_goal, ana, bob):
    """Bob suggested two steps on Ana's goal: she took up one and declined the other."""
    taken = services.suggestion_step_add(goal=shared_goal, author=bob, title="Call Priya")
    services.suggestion_accept(suggestion=taken, by=ana, note="Thanks!")
    declined = services.suggestion_step_add(goal=shared_goal, author=bob, title="Quit the job")
    services.suggestion_decline(suggestion=declined, by=ana, note="Not yet")
    return {"taken": taken, "declined": declined}


def test_both_exports_hold_the_suggestions_with_the_answer(client, ana, bob, suggestions):
    hers = export_of(client, ana)["suggestions"]
    assert {(s["title"], s["status"], s["owner_note"]) for s in hers} == {
        ("Call Priya", "accepted", "Thanks!"),
        ("Quit the job", "declined", "Not yet"),
    }
    step = MicroGoal.objects.get(title="Call Priya")
    assert {s["micro_goal"] for s in hers} == {step.pk, None}
    assert all(s["author"] == "Bob" and s["on_my_goal"] for s in hers)
    his = export_of(client, bob)["suggestions"]
    assert {(s["title"], s["buddy_goal"], s["micro_goal"]) for s in his} == {
        ("Call Priya", "Lead two client projects end to end", None),
        ("Quit the job", "Lead two client projects end to end", None),
    }


def test_once_unshared_his_export_keeps_his_words_but_not_her_goal_or_notes(
    client, ana, bob, shared_goal, suggestions
):
    services.goal_set_visibility(goal=shared_goal, visibility="private")
    his = export_of(client, bob)["suggestions"]
    assert {(s["title"], s["buddy_goal"], s["owner_note"]) for s in his} == {
        ("Call Priya", None, None),
        ("Quit the job", None, None),
    }


def test_an_import_counts_them_and_restores_the_step_without_the_credit(
    client, ana, suggestions, make_user, tmp_path
):
    path = tmp_path / "ana.json"
    path.write_text(json.dumps(export_of(client, ana)), encoding="utf-8")
    newcomer = make_user(email="new@example.org", display_name="Ana again")
    out = io.StringIO()
    call_command("import_account", "new@example.org", str(path), stdout=out)
    assert "2 suggestions from buddies" in out.getvalue()
    step = MicroGoal.objects.get(goal__owner=newcomer)
    assert (step.title, step.suggested_by) == ("Call Priya", None)
    assert not Suggestion.objects.filter(goal__owner=newcomer).exists()


def test_when_the_buddy_deletes_their_account_the_owner_keeps_them_from_a_former_buddy(
    client, ana, bob, shared_goal, suggestions
):
    waiting = services.suggestion_step_add(goal=shared_goal, author=bob, title="Ask for a mentor")
    delete_account(client, bob)
    assert Suggestion.objects.filter(goal=shared_goal, author=None).count() == 3
    assert MicroGoal.objects.get(title="Call Priya").suggested_by is None
    client.force_login(ana)
    page = client.get(shared_goal.get_absolute_url()).text
    assert "A former buddy" in page and "Ask for a mentor" in page
    response = client.post(reverse("buddies:suggestion_accept", args=[waiting.pk]))
    assert response.status_code == 302
    page = client.get(response.url).text
    assert "Step added, with thanks to a former buddy." in page
    assert shared_goal.changes.filter(note="Suggested by a former buddy").exists()


def test_when_the_owner_deletes_their_account_the_suggestions_on_their_goals_go(
    client, ana, bob, shared_goal, suggestions
):
    delete_account(client, ana)
    assert not Goal.objects.filter(pk=shared_goal.pk).exists()
    assert not Suggestion.objects.exists()
    assert export_of(client, bob)["suggestions"] == []
