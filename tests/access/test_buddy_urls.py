"""The access matrix for accountability's URLs: buddies, invitations, rules, sharing,
encouragement, calendars and review meetings."""

import datetime

import pytest
from django.urls import resolve

from .matrix import (
    DONE,
    GET_ONLY,
    NOT_FOUND,
    POST_ONLY,
    Row,
    anyone,
    cases,
    check,
    check_csrf,
    check_other_methods,
    ok,
    only,
    refused,
    signed_in,
)

pytestmark = pytest.mark.django_db

PAGE = ok(200, writes=False)
MEMBERS_SEE = only(owner=PAGE, buddy=PAGE)
OWNER_DOES = only(owner=DONE)
MEMBERS_DO = only(owner=DONE, buddy=DONE)
# Allowed in, but the service says no: a message on the page or after a redirect, no write.
TURNED_AWAY = ok(200, 302, writes=False)

goal_pk = lambda w: {"pk": w["goal"].pk}  # noqa: E731
pair_pk = lambda w: {"pk": w["partnership"].pk}  # noqa: E731
meeting_pk = lambda w: {"pk": w["meeting"].pk}  # noqa: E731
comment_pk = lambda w: {"pk": w["comment"].pk}  # noqa: E731
suggestion_pk = lambda w: {"pk": w["suggestion"].pk}  # noqa: E731


def feed_address(world, *, of: str = "owner", secret: str | None = None) -> dict:
    """Someone's feed address as shown to them once; with another secret if one is given."""
    kwargs = resolve(world["feed_paths"][of]).kwargs
    return kwargs | ({"secret": secret} if secret else {})


ROWS = {
    "buddies:buddies": Row("buddies:buddies", get=signed_in(PAGE), post=GET_ONLY),
    "buddies:invite": Row(
        "buddies:invite",
        get=POST_ONLY,
        post=signed_in(DONE),
        body=lambda w: {"email": "zoe@example.org", "message": "Be my buddy?"},
    ),
    # Ana invited Carol's address: only Ana withdraws it, only Carol answers it.
    "buddies:invitation_revoke": Row(
        "buddies:invitation_revoke",
        kwargs=lambda w: {"pk": w["invitation"].pk},
        get=POST_ONLY,
        post=OWNER_DOES,
    ),
    "buddies:invitation_answer": Row(
        "buddies:invitation_answer",
        kwargs=lambda w: {"pk": w["invitation"].pk},
        get=POST_ONLY,
        post=only(stranger=DONE),
        body=lambda w: {"action": "accept"},
    ),
    # The emailed link: anyone may read it; only the holder of the address accepts.
    "buddies:invitation_respond": Row(
        "buddies:invitation_respond",
        kwargs=lambda w: {"token": w["token"]},
        get=anyone(PAGE),
        post=signed_in(refused(200), stranger=DONE),
        body=lambda w: {"action": "accept"},
    ),
    "invitation_respond (unknown link)": Row(
        "buddies:invitation_respond",
        kwargs=lambda w: {"token": w["token"][:-4] + "AAAA"},
        get=anyone(NOT_FOUND),
        post=signed_in(NOT_FOUND),
        body=lambda w: {"action": "accept"},
    ),
    "buddies:partnership_detail": Row(
        "buddies:partnership_detail", kwargs=pair_pk, get=MEMBERS_SEE, post=GET_ONLY
    ),
    "partnership_detail (Ana and Dave)": Row(
        "buddies:partnership_detail",
        kwargs=lambda w: {"pk": w["dave_pair"].pk},
        get=only(owner=PAGE, buddy_without_share=PAGE),
        post=GET_ONLY,
    ),
    "buddies:partnership_end": Row(
        "buddies:partnership_end", kwargs=pair_pk, get=POST_ONLY, post=MEMBERS_DO
    ),
    "buddies:rules_edit": Row(
        "buddies:rules_edit",
        kwargs=pair_pk,
        get=MEMBERS_SEE,
        post=MEMBERS_DO,
        body=lambda w: {
            "working_toward": "Ana: two client projects by June. Bob: the PMP exam by March.",
            "support": "Ask hard questions, celebrate the wins.",
            "cadence": "weekly",
            "check_in_day": "2",
        },
    ),
    # Bob wrote the rules (and so agreed to them): Ana's confirmation is the new one.
    "buddies:rules_confirm": Row(
        "buddies:rules_confirm",
        kwargs=pair_pk,
        get=POST_ONLY,
        post=only(owner=DONE, buddy=TURNED_AWAY),
        body=lambda w: {"version": "1"},
    ),
    # Check-ins with a buddy: Ana wrote one to Bob; Dave, Erin and strangers get 404.
    "buddies:check_in_write": Row(
        "buddies:check_in_write",
        kwargs=pair_pk,
        get=MEMBERS_SEE,
        post=only(owner=DONE, buddy=TURNED_AWAY),  # Bob shares no goal with Ana
        body=lambda w: {f"goal-{w['goal'].pk}-moved": "Zanzibar plan written"},
    ),
    "buddies:check_in_detail": Row(
        "buddies:check_in_detail",
        kwargs=lambda w: {"pk": w["buddy_check_in"].pk},
        get=MEMBERS_SEE,
        post=GET_ONLY,
    ),
    "buddies:check_in_acknowledge": Row(
        "buddies:check_in_acknowledge",
        kwargs=lambda w: {"pk": w["buddy_check_in"].pk},
        get=POST_ONLY,
        post=only(owner=TURNED_AWAY, buddy=DONE),
        body=lambda w: {"reaction": "cheer", "reply": "Well done"},
    ),
    "buddies:goal_sharing": Row(
        "buddies:goal_sharing",
        kwargs=goal_pk,
        get=only(owner=PAGE),
        post=OWNER_DOES,
        body=lambda w: {"visibility": "buddies", "buddy_reminders": "on"},
    ),
    "goal_sharing (with a stranger)": Row(
        "buddies:goal_sharing",
        kwargs=goal_pk,
        get=only(owner=PAGE),
        post=only(owner=refused(200)),
        body=lambda w: {"visibility": "chosen", "chosen": [w["users"]["stranger"].pk]},
    ),
    "buddies:feedback_give": Row(
        "buddies:feedback_give",
        kwargs=goal_pk,
        get=POST_ONLY,
        post=only(owner=TURNED_AWAY, buddy=DONE),
        body=lambda w: {"verdict": "realistic", "comment": "You have done harder things."},
    ),
    "buddies:comment_add": Row(
        "buddies:comment_add",
        kwargs=goal_pk,
        get=POST_ONLY,
        post=MEMBERS_DO,
        body=lambda w: {"text": "How did the Atlas pitch go?", "micro_goal": w["step"].pk},
    ),
    "comment_add (a step of another goal)": Row(
        "buddies:comment_add",
        kwargs=goal_pk,
        get=POST_ONLY,
        post=only(owner=refused(200), buddy=refused(200)),
        body=lambda w: {"text": "How is it going?", "micro_goal": w["other_step"].pk},
    ),
    "buddies:nudge": Row(
        "buddies:nudge", kwargs=goal_pk, get=POST_ONLY, post=only(owner=TURNED_AWAY, buddy=DONE)
    ),
    "buddies:congratulate": Row(
        "buddies:congratulate",
        kwargs=lambda w: {"pk": w["achieved"].pk},
        get=POST_ONLY,
        post=only(owner=TURNED_AWAY, buddy=DONE),
        body=lambda w: {"text": "Well done!"},
    ),
    # Bob wrote the comment: only he deletes it; Ana hides it.
    "buddies:comment_delete": Row(
        "buddies:comment_delete", kwargs=comment_pk, get=POST_ONLY, post=only(buddy=DONE)
    ),
    "buddies:comment_hide": Row(
        "buddies:comment_hide", kwargs=comment_pk, get=POST_ONLY, post=OWNER_DOES
    ),
    # Bob suggests on the goal he can see (Ana is turned away: it is her own goal); only
    # Ana answers his suggestion.
    "buddies:suggest_step": Row(
        "buddies:suggest_step",
        kwargs=goal_pk,
        get=POST_ONLY,
        post=only(owner=TURNED_AWAY, buddy=DONE),
        body=lambda w: {"title": "Call the Zanzibar client", "why": "They like a call."},
    ),
    "buddies:suggest_change": Row(
        "buddies:suggest_change",
        kwargs=goal_pk,
        get=POST_ONLY,
        post=only(owner=TURNED_AWAY, buddy=DONE),
        body=lambda w: {"why": "The client asked for more", "target": "3"},
    ),
    "buddies:suggestion_accept": Row(
        "buddies:suggestion_accept", kwargs=suggestion_pk, get=POST_ONLY, post=OWNER_DOES
    ),
    "buddies:suggestion_edit": Row(
        "buddies:suggestion_edit",
        kwargs=suggestion_pk,
        get=only(owner=PAGE),
        post=OWNER_DOES,
        body=lambda w: {"title": "Book the Zanzibar venue this week", "note": "Thanks!"},
    ),
    "buddies:suggestion_decline": Row(
        "buddies:suggestion_decline",
        kwargs=suggestion_pk,
        get=POST_ONLY,
        post=OWNER_DOES,
        body=lambda w: {"note": "Booked it already"},
    ),
    "buddies:calendar": Row("buddies:calendar", get=signed_in(PAGE), post=GET_ONLY),
    # The month of the step's deadline, so that the calendar has something to show.
    "calendar (the step's month)": Row(
        "buddies:calendar",
        query=lambda w: {"month": f"{w['step'].deadline:%Y-%m}"},
        get=signed_in(PAGE),
        post=GET_ONLY,
    ),
    "buddies:calendar_feed": Row("buddies:calendar_feed", get=signed_in(ok(200)), post=GET_ONLY),
    "buddies:calendar_feed_regenerate": Row(
        "buddies:calendar_feed_regenerate", get=POST_ONLY, post=signed_in(DONE)
    ),
    # The feed has no sign-in: the secret in the address is the key. Whoever holds Ana's
    # sees what Ana sees; Bob's shows only what Bob may see; Erin's nothing of Ana's now.
    "buddies:calendar_feed_ics": Row(
        "buddies:calendar_feed_ics",
        kwargs=feed_address,
        get=anyone(PAGE),
        post=anyone(refused(405)),
        key_holder="owner",
    ),
    "calendar_feed_ics (Bob's)": Row(
        "buddies:calendar_feed_ics",
        kwargs=lambda w: feed_address(w, of="buddy"),
        get=anyone(PAGE),
        post=anyone(refused(405)),
        key_holder="buddy",
    ),
    "calendar_feed_ics (Erin's)": Row(
        "buddies:calendar_feed_ics",
        kwargs=lambda w: feed_address(w, of="ex_buddy"),
        get=anyone(PAGE),
        post=anyone(refused(405)),
        key_holder="ex_buddy",
    ),
    "calendar_feed_ics (wrong secret)": Row(
        "buddies:calendar_feed_ics",
        kwargs=lambda w: feed_address(w, secret="not-the-secret"),
        get=anyone(NOT_FOUND),
        post=anyone(refused(405)),
    ),
    "buddies:review_propose": Row(
        "buddies:review_propose",
        kwargs=pair_pk,
        get=MEMBERS_SEE,
        post=MEMBERS_DO,
        body=lambda w: {
            "date": (w["today"] + datetime.timedelta(days=9)).isoformat(),
            "time": "17:30",
            "duration_minutes": "60",
            "place": "Café Central",
        },
    ),
    "buddies:review_detail": Row(
        "buddies:review_detail", kwargs=meeting_pk, get=MEMBERS_SEE, post=GET_ONLY
    ),
    "review_detail (Ana and Dave)": Row(
        "buddies:review_detail",
        kwargs=lambda w: {"pk": w["dave_meeting"].pk},
        get=only(owner=PAGE, buddy_without_share=PAGE),
        post=GET_ONLY,
    ),
    # Bob proposed the time: Ana answers it.
    "buddies:review_respond": Row(
        "buddies:review_respond",
        kwargs=meeting_pk,
        get=POST_ONLY,
        post=only(owner=DONE, buddy=TURNED_AWAY),
        body=lambda w: {"action": "accept"},
    ),
    # Only one's own goal is adjusted: Bob doesn't find Ana's goal from here.
    "buddies:review_adjust": Row(
        "buddies:review_adjust",
        kwargs=lambda w: {"pk": w["meeting"].pk, "goal_pk": w["goal"].pk},
        get=POST_ONLY,
        post=OWNER_DOES,
        body=lambda w: {
            f"goal-{w['goal'].pk}-target": "3",
            f"goal-{w['goal'].pk}-note": "Orion came in as well.",
        },
    ),
    "review_adjust (a goal not shared with the buddy)": Row(
        "buddies:review_adjust",
        kwargs=lambda w: {"pk": w["meeting"].pk, "goal_pk": w["private_goal"].pk},
        get=POST_ONLY,
        post=only(owner=TURNED_AWAY),
        body=lambda w: {
            f"goal-{w['private_goal'].pk}-target": "3",
            f"goal-{w['private_goal'].pk}-note": "We agreed on more.",
        },
    ),
    "buddies:review_complete": Row(
        "buddies:review_complete",
        kwargs=lambda w: {"pk": w["started_meeting"].pk},
        get=POST_ONLY,
        post=MEMBERS_DO,
        body=lambda w: {"notes": "We agreed on three projects."},
    ),
}


# Fay deleted her account: Ana keeps their partnership and its review notes, read-only.
# Old links to it land on the record (a redirect, nothing written); anyone else gets 404.
ON_THE_RECORD = only(owner=ok(302, writes=False))
kept_pk = lambda w: {"pk": w["kept"].pk}  # noqa: E731
kept_meeting_pk = lambda w: {"pk": w["kept_meeting"].pk}  # noqa: E731
ROWS |= {
    "partnership_detail (kept)": Row(
        "buddies:partnership_detail", kwargs=kept_pk, get=only(owner=PAGE), post=GET_ONLY
    ),
    "partnership_end (kept)": Row(
        "buddies:partnership_end", kwargs=kept_pk, get=POST_ONLY, post=ON_THE_RECORD
    ),
    "rules_edit (kept)": Row(
        "buddies:rules_edit",
        kwargs=kept_pk,
        get=ON_THE_RECORD,
        post=ON_THE_RECORD,
        body=ROWS["buddies:rules_edit"].body,
    ),
    "rules_confirm (kept)": Row(
        "buddies:rules_confirm",
        kwargs=kept_pk,
        get=POST_ONLY,
        post=ON_THE_RECORD,
        body=lambda w: {"version": "1"},
    ),
    "review_propose (kept)": Row(
        "buddies:review_propose",
        kwargs=kept_pk,
        get=ON_THE_RECORD,
        post=ON_THE_RECORD,
        body=ROWS["buddies:review_propose"].body,
    ),
    "review_detail (kept)": Row(
        "buddies:review_detail", kwargs=kept_meeting_pk, get=ON_THE_RECORD, post=GET_ONLY
    ),
    "review_respond (kept)": Row(
        "buddies:review_respond",
        kwargs=kept_meeting_pk,
        get=POST_ONLY,
        post=only(),
        body=lambda w: {"action": "accept"},
    ),
    "review_complete (kept)": Row(
        "buddies:review_complete",
        kwargs=kept_meeting_pk,
        get=POST_ONLY,
        post=only(),
        body=lambda w: {"notes": "Rewriting the notes afterwards."},
    ),
}


@pytest.mark.parametrize(("label", "method", "role"), cases(ROWS))
def test_access(client, world, label, method, role):
    check(client, world, ROWS, label, method, role)


@pytest.mark.parametrize("label", sorted(ROWS))
def test_other_methods_and_posts_without_a_csrf_token_are_refused(client, world, label):
    check_other_methods(client, world, ROWS[label])
    check_csrf(world, ROWS[label])
