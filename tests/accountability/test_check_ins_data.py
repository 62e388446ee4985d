"""Check-ins in "Your data" and when an account is deleted: the writer's check-ins go with
their goals; the other one's stay, with an answer from "a former buddy"."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from accountability import services
from accountability.models import FORMER_BUDDY, BuddyCheckIn
from careergoals.notifications.models import Notification, ScheduledReminder
from careergoals.users.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def both_wrote(ana, bob, make_goal, partnership):
    """Each wrote a check-in about a goal shared with the other, and each answered."""
    goals = {}
    for person, other in ((ana, bob), (bob, ana)):
        goal = make_goal(person, statement=f"{person.name}'s shared goal")
        services.goal_set_visibility(goal=goal, visibility="buddies")
        check_in = services.check_in_save(
            partnership=partnership,
            author=person,
            entries={goal.pk: {"moved": f"{person.name} moved", "confidence": 3}},
        )
        services.check_in_acknowledge(
            check_in=check_in, by=other, reaction="cheer", reply=f"Well done, {person.name}"
        )
        goals[person.pk] = goal
    return goals


def export_of(client, user) -> dict:
    client.force_login(user)
    response = client.get(reverse("goals:export_json"))
    assert response.status_code == 200
    return response.json()


def test_the_export_holds_her_check_ins_and_those_written_to_her(client, ana, both_wrote):
    data = export_of(client, ana)
    mine, to_me = sorted(data["check_ins"], key=lambda c: not c["mine"])
    assert mine["mine"] and mine["reply"] == "Well done, Ana" and mine["answered_by"] == "Bob"
    assert mine["goals"][0]["goal"] == both_wrote[ana.pk].pk
    assert mine["goals"][0]["moved"] == "Ana moved"
    assert to_me["author"] == "Bob" and to_me["reply"] == "Well done, Bob"
    assert to_me["goals"][0]["statement"] == "Bob's shared goal"
    assert to_me["goals"][0]["goal"] is None  # not hers: by its words, not its number


def test_a_goal_unshared_since_says_nothing_in_her_export(client, ana, bob, both_wrote):
    services.goal_set_visibility(goal=both_wrote[bob.pk], visibility="private")
    data = export_of(client, ana)
    (to_me,) = [c for c in data["check_ins"] if not c["mine"]]
    assert to_me["goals"][0]["statement"] is None and to_me["goals"][0]["moved"] is None
    assert "Bob moved" not in json.dumps(data)


def test_an_import_counts_check_ins_and_restores_none(client, ana, both_wrote, make_user, tmp_path):
    path = tmp_path / "ana.json"
    path.write_text(json.dumps(export_of(client, ana)), encoding="utf-8")
    newcomer = make_user(email="new@example.org", display_name="Ana again")
    out = io.StringIO()
    call_command("import_account", "new@example.org", str(path), stdout=out)
    assert "2 check-ins with buddies" in out.getvalue()
    assert not BuddyCheckIn.objects.filter(author=newcomer).exists()


def delete_account(client, user):
    client.force_login(user)
    response = client.post(reverse("users:account_delete"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    client.logout()


@pytest.mark.parametrize("leaving_is_ana", [True, False])
def test_deleting_an_account_takes_its_check_ins_and_keeps_the_others(
    client, ana, bob, both_wrote, leaving_is_ana
):
    leaving, staying = (ana, bob) if leaving_is_ana else (bob, ana)
    delete_account(client, leaving)
    assert not BuddyCheckIn.objects.filter(author_id=leaving.pk).exists()
    (kept,) = BuddyCheckIn.objects.all()
    assert kept.author == staying
    assert kept.acknowledged_by is None and kept.acknowledged_by_name == FORMER_BUDDY
    assert kept.reply == f"Well done, {staying.name}"  # the words stay, as written
    assert kept.entries.count() == 1


@pytest.mark.parametrize("leaving_is_ana", [True, False])
def test_every_check_in_notification_still_leads_somewhere(
    client, ana, bob, both_wrote, leaving_is_ana
):
    leaving, staying = (ana, bob) if leaving_is_ana else (bob, ana)
    kinds = set(Notification.objects.filter(recipient=staying).values_list("kind", flat=True))
    assert {"check_in_written", "check_in_acknowledged"} <= kinds
    delete_account(client, leaving)
    client.force_login(staying)
    for notification in Notification.objects.filter(recipient=staying):
        response = client.post(
            reverse("notifications:notification_open", args=[notification.pk]), follow=True
        )
        assert response.status_code == 200, (notification.kind, notification.url)


def test_ending_the_partnership_calls_off_its_check_in_reminders(ana, bob, partnership):
    agreement = services.agreement_save(
        partnership=partnership,
        by=ana,
        working_toward="Both: one update a week.",
        support="Kind words.",
        cadence="weekly",
        check_in_day=2,
    )
    services.agreement_confirm(agreement=agreement, by=bob, version=1)
    pending = ScheduledReminder.objects.filter(item=f"rhythm:{partnership.pk}", status="pending")
    assert pending.count() == 4  # a prompt each, and a word to the other if it goes unwritten
    services.partnership_end(partnership=partnership, by=bob)
    assert not pending.exists()
