"""The access matrix for the API's buddy routes: buddies, comments, feedback, suggestions,
check-ins with a buddy, the calendar.

As on the pages: Bob reads what Ana shares with him and writes only his own words about it
(comments, feedback, suggestions, congratulations, nudges, his answer to her check-in);
Ana answers on her own goal (hides a comment, accepts or declines a suggestion); Dave
(shares nothing), Erin (partnership ended), strangers and the site's admin get 404.
"""

import datetime

import pytest

from .api_matrix import READ, ApiRow, api_cases, api_rows, check, everyone, only
from .matrix import Outcome, ok

pytestmark = pytest.mark.django_db

# Allowed in, but the service says no (e.g. feedback on one's own goal): 422, no write.
TURNED_AWAY = Outcome(frozenset({409, 422}), refused=True)
MEMBERS_SEE = only(owner=READ, buddy=READ)
BUDDY_MAKES = only(owner=TURNED_AWAY, buddy=ok(201, writes=True))

GOAL = "/api/v1/goals/{goal_id}"
PAIR = "/api/v1/partnerships/{partnership_id}"
CHECK_IN = "/api/v1/buddy-check-ins/{check_in_id}"
SUGGESTION = "/api/v1/suggestions/{suggestion_id}"
COMMENT = "/api/v1/comments/{comment_id}"

goal_id = lambda w: {"goal_id": w["goal"].pk}  # noqa: E731
pair_id = lambda w: {"partnership_id": w["partnership"].pk}  # noqa: E731
check_in_id = lambda w: {"check_in_id": w["buddy_check_in"].pk}  # noqa: E731
suggestion_id = lambda w: {"suggestion_id": w["suggestion"].pk}  # noqa: E731
comment_id = lambda w: {"comment_id": w["comment"].pk}  # noqa: E731

ROWS = api_rows(
    ApiRow("GET", "/api/v1/buddies", everyone(READ)),
    ApiRow(
        "GET",
        "/api/v1/buddies/{partnership_id}/shared-goals",
        MEMBERS_SEE,
        params=pair_id,
    ),
    ApiRow("GET", f"{GOAL}/comments", MEMBERS_SEE, params=goal_id),
    ApiRow(
        "POST",
        f"{GOAL}/comments",
        only(owner=ok(201, writes=True), buddy=ok(201, writes=True)),
        params=goal_id,
        body=lambda w: {"text": "How did the Atlas pitch go?", "micro_goal_id": w["step"].pk},
    ),
    ApiRow(
        "POST",
        f"{GOAL}/congratulations",
        BUDDY_MAKES,
        params=lambda w: {"goal_id": w["achieved"].pk},
        body=lambda w: {"text": "Well done!"},
    ),
    # Bob wrote the comment: only he deletes it; only Ana hides it.
    ApiRow("DELETE", COMMENT, only(buddy=ok(204, writes=True)), params=comment_id),
    ApiRow(
        "PUT",
        f"{COMMENT}/hidden",
        only(owner=ok(200, writes=True)),
        params=comment_id,
        body=lambda w: {"hidden": True},
    ),
    ApiRow("GET", f"{GOAL}/feedback", MEMBERS_SEE, params=goal_id),
    ApiRow(
        "POST",
        f"{GOAL}/feedback",
        only(owner=TURNED_AWAY, buddy=ok(200, writes=True)),
        params=goal_id,
        body=lambda w: {"verdict": "realistic", "comment": "You have done harder things."},
    ),
    ApiRow("POST", f"{GOAL}/nudge", BUDDY_MAKES, params=goal_id),
    ApiRow("GET", f"{GOAL}/suggestions", MEMBERS_SEE, params=goal_id),
    ApiRow(
        "POST",
        f"{GOAL}/suggestions",
        BUDDY_MAKES,
        params=goal_id,
        body=lambda w: {"kind": "step", "title": "Call the Orion client", "why": "A call."},
    ),
    ApiRow(
        "POST",
        f"{SUGGESTION}/accept",
        only(owner=ok(200, writes=True)),
        params=suggestion_id,
        body=lambda w: {},
    ),
    ApiRow(
        "POST",
        f"{SUGGESTION}/decline",
        only(owner=ok(200, writes=True)),
        params=suggestion_id,
        body=lambda w: {"note": "Booked it already"},
    ),
    ApiRow("GET", f"{PAIR}/check-ins", MEMBERS_SEE, params=pair_id),
    # Ana rewrites her check-in (Bob hasn't answered); Bob shares no goal with Ana.
    ApiRow(
        "POST",
        f"{PAIR}/check-ins",
        only(owner=ok(200, writes=True), buddy=TURNED_AWAY),
        params=pair_id,
        body=lambda w: {"entries": [{"goal_id": w["goal"].pk, "moved": "Orion plan written"}]},
    ),
    # What writing this period's check-in starts from: Ana's goals shared with Bob and her
    # words for them; Bob shares none with her.
    ApiRow("GET", f"{PAIR}/check-ins/current", MEMBERS_SEE, params=pair_id),
    ApiRow("GET", CHECK_IN, MEMBERS_SEE, params=check_in_id),
    # Ana wrote it: Bob answers it.
    ApiRow(
        "POST",
        f"{CHECK_IN}/answer",
        only(owner=TURNED_AWAY, buddy=ok(200, writes=True)),
        params=check_in_id,
        body=lambda w: {"reaction": "cheer", "reply": "Well done"},
    ),
    ApiRow(
        "GET",
        "/api/v1/calendar/events",
        everyone(READ),
        query=lambda w: {"start": w["today"].isoformat(), "end": w["step"].deadline.isoformat()},
    ),
    # Every goal's deadline in range (200 days away): Bob's calendar shows the goals Ana
    # shares with him and not her private one; no one else's shows any of Ana's.
    calendar_with_every_deadline=ApiRow(
        "GET",
        "/api/v1/calendar/events",
        everyone(READ),
        query=lambda w: {
            "start": w["today"].isoformat(),
            "end": (w["today"] + datetime.timedelta(days=300)).isoformat(),
        },
    ),
    # Ana and Dave: Dave sees their partnership, and no goal of Ana's through it.
    shared_goals_dave=ApiRow(
        "GET",
        "/api/v1/buddies/{partnership_id}/shared-goals",
        only(owner=READ, buddy_without_share=READ),
        params=lambda w: {"partnership_id": w["dave_pair"].pk},
    ),
    # Fay deleted her account: the partnership has ended, and the API shows it to no one.
    shared_goals_ended=ApiRow(
        "GET",
        "/api/v1/buddies/{partnership_id}/shared-goals",
        only(),
        params=lambda w: {"partnership_id": w["kept"].pk},
    ),
    # Ana's private goal: Bob may not comment, suggest, give feedback or nudge.
    comment_on_private_goal=ApiRow(
        "POST",
        f"{GOAL}/comments",
        only(owner=ok(201, writes=True)),
        params=lambda w: {"goal_id": w["private_goal"].pk},
        body=lambda w: {"text": "Orion"},
    ),
    feedback_on_private_goal=ApiRow(
        "GET",
        f"{GOAL}/feedback",
        only(owner=READ),
        params=lambda w: {"goal_id": w["private_goal"].pk},
    ),
    # A step of another goal: refused (422) to those who may comment at all.
    comment_on_another_goals_step=ApiRow(
        "POST",
        f"{GOAL}/comments",
        only(owner=TURNED_AWAY, buddy=TURNED_AWAY),
        params=goal_id,
        body=lambda w: {"text": "How is it going?", "micro_goal_id": w["other_step"].pk},
    ),
    suggest_change=ApiRow(
        "POST",
        f"{GOAL}/suggestions",
        BUDDY_MAKES,
        params=goal_id,
        body=lambda w: {"kind": "change", "why": "The client asked for more", "target": "3"},
    ),
    # Ana's check-in may speak only of goals she shares with Bob: not her private one.
    check_in_about_a_private_goal=ApiRow(
        "POST",
        f"{PAIR}/check-ins",
        only(owner=TURNED_AWAY, buddy=TURNED_AWAY),
        params=pair_id,
        body=lambda w: {"entries": [{"goal_id": w["private_goal"].pk, "moved": "Orion"}]},
    ),
    # Ana and Dave's partnership: Bob, a buddy of Ana's, is no member of it.
    check_ins_dave=ApiRow(
        "GET",
        f"{PAIR}/check-ins",
        only(owner=READ, buddy_without_share=READ),
        params=lambda w: {"partnership_id": w["dave_pair"].pk},
    ),
)


@pytest.mark.parametrize(("label", "role", "via"), api_cases(ROWS))
def test_access(client, world, tokens, label, role, via):
    check(client, world, tokens, ROWS, label, role, via)
