"""Your data, with a buddy: ana's export holds what is hers or addressed to her, never bob's
private goal nor any secret, and an import restores her own part and reports the rest."""

import datetime
import io
import json

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from accountability import services
from accountability.models import FORMER_BUDDY, Comment, Partnership, ReviewMeeting
from careergoals.users.services import user_delete
from goals import services as goal_services
from goals.models import Goal

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def at(moment):
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def world(ana, bob, make_goal):
    """Two buddies with confirmed rules, goals shared both ways, a private goal of bob's,
    comments both ways, feedback both ways, a nudge and a held review with an adjustment."""
    partnership = services.partnership_create(a=ana, b=bob)
    agreement = services.agreement_save(
        partnership=partnership,
        by=ana,
        working_toward="Ana: lead a project. Bob: speak at a conference.",
        support="A call every other Friday.",
        cadence="fortnightly",
    )
    services.agreement_confirm(agreement=agreement, by=bob, version=1)
    agreement = services.agreement_save(
        partnership=partnership,
        by=bob,
        working_toward="Ana: lead a project. Bob: speak at PyCon.",
        support="A call every other Friday.",
        cadence="fortnightly",
    )
    services.agreement_confirm(agreement=agreement, by=ana, version=2)

    hers = make_goal(ana, statement="Lead two client projects end to end")
    services.goal_set_visibility(goal=hers, visibility="buddies")
    his = make_goal(bob, statement="Give a talk at PyCon")
    services.goal_set_visibility(goal=his, visibility="buddies")
    make_goal(bob, statement="Bob's private plan to change jobs")  # private

    services.comment_add(goal=hers, author=bob, text="Bob cheers on Ana's projects")
    services.comment_add(goal=hers, author=ana, text="Ana answers on her own goal")
    services.comment_add(goal=his, author=ana, text="Ana cheers on Bob's talk")
    services.comment_add(goal=his, author=bob, text="Bob notes something on his own talk")
    services.feedback_give(goal=hers, author=bob, verdict="stretch", comment="Ambitious!")
    services.feedback_give(goal=his, author=ana, verdict="realistic", comment="You can do it")
    services.nudge_send(goal=hers, sender=bob)

    proposed_at = timezone.now() - 3 * HOUR  # all of it in the past, as an import requires
    starts = proposed_at + 2 * HOUR
    with at(proposed_at):
        meeting = services.review_propose(partnership=partnership, by=ana, starts_at=starts)
        services.review_respond(meeting=meeting, by=bob, accept=True)
    with at(starts + datetime.timedelta(minutes=10)):
        services.review_adjust(
            meeting=meeting,
            by=ana,
            goal=hers,
            target_date=hers.target_date + datetime.timedelta(days=30),
            note="A client moved the kick-off",
        )
        services.review_complete(
            meeting=meeting, by=bob, notes="Ana moves her deadline; Bob submits his talk."
        )
    return {"partnership": partnership, "hers": hers, "his": his, "meeting": meeting}


def export_of(client, user) -> dict:
    client.force_login(user)
    response = client.get(reverse("goals:export_json"))
    assert response.status_code == 200
    return response.json()


def test_the_export_holds_what_is_hers_or_addressed_to_her(client, ana, world):
    data = export_of(client, ana)

    assert data["version"] == 2
    comments = {(c["author"], c["text"], c["on_my_goal"]) for c in data["comments"]}
    assert comments == {
        ("Bob", "Bob cheers on Ana's projects", True),
        ("Ana", "Ana answers on her own goal", True),
        ("Ana", "Ana cheers on Bob's talk", False),
    }
    on_his = next(c for c in data["comments"] if not c["on_my_goal"])
    assert (on_his["goal"], on_his["buddy_goal"]) == (None, "Give a talk at PyCon")
    feedback = {(f["author"], f["verdict"], f["on_my_goal"]) for f in data["feedback"]}
    assert feedback == {("Bob", "stretch", True), ("Ana", "realistic", False)}
    assert [(n["sender"], n["goal"]) for n in data["nudges"]] == [("Bob", world["hers"].pk)]

    (partnership,) = data["partnerships"]
    assert partnership["buddy"] == {"name": "Bob", "email": "bob@example.org"}
    rules = partnership["rules"]
    assert rules["version"] == 2
    assert rules["working_toward"] == "Ana: lead a project. Bob: speak at PyCon."
    assert {(c["by"], c["version"]) for c in rules["confirmations"]} == {
        ("Ana", 1),
        ("Bob", 1),
        ("Bob", 2),
        ("Ana", 2),
    }
    assert all(c["confirmed_at"] for c in rules["confirmations"])
    (meeting,) = [m for m in partnership["review_meetings"] if m["status"] == "held"]
    assert meeting["notes"] == "Ana moves her deadline; Bob submits his talk."
    (adjustment,) = meeting["adjustments"]
    assert adjustment["goal"] == world["hers"].pk
    assert adjustment["field"] == "target_date"
    assert adjustment["note"].endswith("A client moved the kick-off")


def test_the_export_holds_nothing_private_of_bob_and_no_secret(client, ana, bob, world):
    services.invitation_create(inviter=bob, email="carol@example.org")
    text = json.dumps(export_of(client, ana))

    assert "Bob's private plan" not in text
    assert "Bob notes something on his own talk" not in text  # bob's comment on his own goal
    assert "carol@example.org" not in text  # bob's invitation
    for secret in ("token", "secret", "password", "hash"):
        assert secret not in text
    assert bob.email in text  # the buddy's address, shown on their partnership page anyway


def test_a_comment_bob_hid_or_a_goal_bob_unshared_says_nothing_of_his_goal(client, ana, bob, world):
    mine = Comment.objects.get(text="Ana cheers on Bob's talk")
    services.comment_hide(comment=mine, by=bob)
    text = json.dumps(export_of(client, ana))
    assert "Ana cheers on Bob's talk" not in text

    services.goal_set_visibility(goal=world["his"], visibility="private")
    data = export_of(client, ana)
    assert "Give a talk at PyCon" not in json.dumps(data)
    assert {f["buddy_goal"] for f in data["feedback"] if not f["on_my_goal"]} == {None}


@pytest.mark.parametrize("how", ["ended", "bob deleted his account"])
def test_after_the_partnership_the_record_stays_without_bob_s_address(client, ana, bob, world, how):
    if how == "ended":
        services.partnership_end(partnership=world["partnership"], by=ana)
    else:
        user_delete(user=bob)
    data = export_of(client, ana)

    assert "bob@example.org" not in json.dumps(data)
    (partnership,) = data["partnerships"]
    name = "Bob" if how == "ended" else FORMER_BUDDY
    assert partnership["buddy"] == {"name": name, "email": None}
    assert partnership["ended_at"]
    assert partnership["rules"]["working_toward"] == "Ana: lead a project. Bob: speak at PyCon."
    assert any(m["notes"] for m in partnership["review_meetings"])
    from_bob = [c for c in data["comments"] if c["on_my_goal"] and not c["mine"]]
    assert [c["author"] for c in from_bob] == [name]


def test_round_trip_restores_her_own_part_and_reports_the_rest(
    client, ana, world, make_user, tmp_path
):
    path = tmp_path / "ana.json"
    path.write_text(json.dumps(export_of(client, ana)), encoding="utf-8")
    newcomer = make_user(email="new@example.org", display_name="Ana again")
    out = io.StringIO()

    call_command("import_account", "new@example.org", str(path), stdout=out)

    report = out.getvalue()
    assert "1 comment" in report
    assert (
        "Not restored, because they involve another person who may not be on this server: "
        "1 comment from a buddy, 1 comment on a buddy’s goal, 1 feedback answer from a buddy, "
        "1 feedback answer you gave, 1 nudge, 1 partnership with its rules and 2 review meetings"
    ) in report
    goal = Goal.objects.get(owner=newcomer)
    (comment,) = Comment.objects.filter(goal=goal)
    assert (comment.author, comment.text) == (newcomer, "Ana answers on her own goal")
    assert not Partnership.objects.of(newcomer).exists()
    assert not ReviewMeeting.objects.filter(partnership__user_low=newcomer).exists()
    again = export_of(client, newcomer)
    assert [c["text"] for c in again["comments"]] == ["Ana answers on her own goal"]
    assert again["comments"][0]["created_at"] == next(
        c["created_at"] for c in export_of(client, ana)["comments"] if c["text"] == comment.text
    )


def test_a_bad_comment_imports_nothing(client, ana, world, make_user, tmp_path):
    data = export_of(client, ana)
    mine = next(c for c in data["comments"] if c["mine"] and c["on_my_goal"])
    mine["text"] = "x" * 2001
    path = tmp_path / "ana.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    newcomer = make_user(email="new@example.org")

    with pytest.raises(CommandError, match=r"comments\[\d\], text"):
        call_command("import_account", "new@example.org", str(path))

    assert not Goal.objects.filter(owner=newcomer).exists()


def fill_with_buddy_activity(ana, bob, make_goal, size: int) -> None:
    """``size`` shared goals of ana's, each with a comment both ways, feedback and a nudge."""
    for number in range(size):
        goal = make_goal(ana, statement=f"Goal number {number}")
        services.goal_set_visibility(goal=goal, visibility="chosen", chosen=[bob])
        services.comment_add(goal=goal, author=bob, text=f"Bob on {number}")
        services.comment_add(goal=goal, author=ana, text=f"Ana on {number}")
        services.feedback_give(goal=goal, author=bob, verdict="stretch")
        services.nudge_send(goal=goal, sender=bob)
        his = make_goal(bob, statement=f"Bob's goal {number}")
        services.goal_set_visibility(goal=his, visibility="buddies")
        services.comment_add(goal=his, author=ana, text=f"Ana on Bob's {number}")


@pytest.mark.parametrize("size", [1, 20])
def test_the_export_costs_the_same_at_any_size(
    client, ana, bob, world, make_goal, django_assert_num_queries, size
):
    fill_with_buddy_activity(ana, bob, make_goal, size)
    client.force_login(ana)

    # + suggestions, + check-ins with buddies (2); the session comes from Redis
    with django_assert_num_queries(18):
        response = client.get(reverse("goals:export_json"))
    assert response.status_code == 200
    assert len(response.json()["comments"]) == 3 + 3 * size


def test_congratulations_she_received_are_in_her_export(client, ana, bob, world):
    goal_services.goal_achieve(goal=world["hers"])
    services.congratulate(goal=world["hers"], author=bob, text="Well done, Ana!")

    data = export_of(client, ana)

    (congratulation,) = [c for c in data["comments"] if c["kind"] == "congratulation"]
    assert (congratulation["author"], congratulation["text"]) == ("Bob", "Well done, Ana!")
    assert congratulation["goal"] == world["hers"].pk
