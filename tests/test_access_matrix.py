"""Every URL of goals and accountability × every kind of visitor, with the status each gets.

The URL list comes from the URLconf: a new URL without a row here fails the suite.
Roles: the goal's owner (ana); a buddy the goal is shared with (bob); a buddy it is not
shared with (dave); an ex-buddy (erin); a stranger (carol); and an anonymous visitor.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accountability import services as buddy_services
from accountability.models import Comment, ReviewMeeting
from goals import services as goal_services

pytestmark = pytest.mark.django_db

ROLES = ["owner", "buddy", "buddy_without_access", "ex_buddy", "stranger", "anonymous"]
LOGIN = "login"  # a redirect to the sign-in page
OK = {200, 302}  # allowed: the page, or a redirect after a form/action


def app_url_names(module: str) -> set[str]:
    def walk(patterns):
        for p in patterns:
            if isinstance(p, URLResolver):
                if getattr(p.urlconf_module, "__name__", "") == module:
                    yield from (q.name for q in p.url_patterns if isinstance(q, URLPattern))
                else:
                    yield from walk(p.url_patterns)

    return set(walk(get_resolver().url_patterns))


@pytest.fixture
def world(make_user, make_goal, today):
    """A small circle: ana shares one goal with bob only; dave is her buddy too; erin was."""
    ana = make_user(email="ana@example.org", display_name="Ana")
    bob = make_user(email="bob@example.org", display_name="Bob")
    dave = make_user(email="dave@example.org", display_name="Dave")
    erin = make_user(email="erin@example.org", display_name="Erin")
    carol = make_user(email="carol@example.org", display_name="Carol")
    pair = buddy_services.partnership_create(a=ana, b=bob)
    buddy_services.partnership_create(a=ana, b=dave)
    ended = buddy_services.partnership_create(a=ana, b=erin)
    goal = make_goal(ana, statement="Lead two client projects")
    buddy_services.goal_set_visibility(goal=goal, visibility="chosen", chosen=[bob, erin])
    buddy_services.partnership_end(partnership=ended, by=erin)
    step = goal_services.micro_goal_create(goal=goal, title="Ask for the Atlas project")
    check_in = goal_services.check_in_create(goal=goal, value=Decimal(1), recorded_on=today)
    achieved = make_goal(ana, statement="Give a talk at the meetup")
    buddy_services.goal_set_visibility(goal=achieved, visibility="chosen", chosen=[bob])
    goal_services.goal_achieve(goal=achieved)
    comment = Comment.objects.create(goal=goal, author=bob, text="You can do it")
    invitation, token = buddy_services.invitation_create(inviter=ana, email="new@example.org")
    meeting = ReviewMeeting.objects.create(
        partnership=pair, proposed_by=bob, starts_at=timezone.now() + datetime.timedelta(days=5)
    )
    feed = buddy_services.feed_for(ana) if hasattr(buddy_services, "feed_for") else None
    return {
        "users": {
            "owner": ana,
            "buddy": bob,
            "buddy_without_access": dave,
            "ex_buddy": erin,
            "stranger": carol,
        },
        "goal": goal,
        "step": step,
        "check_in": check_in,
        "achieved": achieved,
        "comment": comment,
        "invitation": invitation,
        "token": token,
        "partnership": pair,
        "meeting": meeting,
        "feed": feed,
    }


def everyone(status):
    return dict.fromkeys(ROLES[:-1], status) | {"anonymous": LOGIN}


def only(allowed: dict, default=404):
    return {role: allowed.get(role, default) for role in ROLES[:-1]} | {"anonymous": LOGIN}


OWNER_ONLY = only({"owner": OK})
SEES_GOAL = only({"owner": OK, "buddy": OK})
MEMBERS = only({"owner": OK, "buddy": OK})

# name: (method, kwargs builder, expected per role)
ROWS = {
    # goals
    "home": ("get", lambda w: {}, everyone(OK)),
    "vision": ("get", lambda w: {}, everyone(200)),
    "vision_skip": ("post", lambda w: {}, everyone(302)),
    "goal_create": ("get", lambda w: {}, everyone(200)),
    "goal_smart_check": ("post", lambda w: {}, everyone(200)),
    "goal_detail": ("get", lambda w: {"pk": w["goal"].pk}, SEES_GOAL),
    "goal_history": ("get", lambda w: {"pk": w["goal"].pk}, SEES_GOAL),
    "goal_edit": ("get", lambda w: {"pk": w["goal"].pk}, OWNER_ONLY),
    "goal_status": ("post", lambda w: {"pk": w["goal"].pk}, OWNER_ONLY),
    "goal_delete": ("get", lambda w: {"pk": w["goal"].pk}, OWNER_ONLY),
    "step_create": ("post", lambda w: {"pk": w["goal"].pk}, OWNER_ONLY),
    "step_row": ("get", lambda w: {"pk": w["step"].pk}, OWNER_ONLY),
    "step_edit": ("get", lambda w: {"pk": w["step"].pk}, OWNER_ONLY),
    "step_status": ("post", lambda w: {"pk": w["step"].pk}, OWNER_ONLY),
    "step_move": ("post", lambda w: {"pk": w["step"].pk}, OWNER_ONLY),
    "step_delete": ("post", lambda w: {"pk": w["step"].pk}, OWNER_ONLY),
    "check_in_create": ("post", lambda w: {"pk": w["goal"].pk}, OWNER_ONLY),
    "check_in_delete": ("post", lambda w: {"pk": w["check_in"].pk}, OWNER_ONLY),
    "roadmap": ("get", lambda w: {}, everyone(200)),
    "goal_celebrate": ("get", lambda w: {"pk": w["achieved"].pk}, OWNER_ONLY),
    "goal_reflect": ("get", lambda w: {"pk": w["achieved"].pk}, OWNER_ONLY),
    "journal": ("get", lambda w: {}, everyone(200)),
    "export_json": ("get", lambda w: {}, everyone(200)),
    "export_csv": ("get", lambda w: {}, everyone(200)),
    # accountability
    "buddies": ("get", lambda w: {}, everyone(200)),
    "invite": ("post", lambda w: {}, everyone(OK)),
    "invitation_revoke": ("post", lambda w: {"pk": w["invitation"].pk}, OWNER_ONLY),
    # ana's pending invitation went to new@example.org: nobody here holds that address
    "invitation_answer": ("post", lambda w: {"pk": w["invitation"].pk}, only({})),
    "invitation_respond": (
        "get",
        lambda w: {"token": w["token"]},
        everyone(200) | {"anonymous": 200},
    ),
    "partnership_detail": ("get", lambda w: {"pk": w["partnership"].pk}, MEMBERS),
    "partnership_end": ("post", lambda w: {"pk": w["partnership"].pk}, MEMBERS),
    "rules_edit": ("get", lambda w: {"pk": w["partnership"].pk}, MEMBERS),
    "rules_confirm": ("post", lambda w: {"pk": w["partnership"].pk}, MEMBERS),
    "goal_sharing": ("get", lambda w: {"pk": w["goal"].pk}, OWNER_ONLY),
    "feedback_give": ("post", lambda w: {"pk": w["goal"].pk}, SEES_GOAL),
    "comment_add": ("post", lambda w: {"pk": w["goal"].pk}, SEES_GOAL),
    "nudge": ("post", lambda w: {"pk": w["goal"].pk}, SEES_GOAL),
    "congratulate": ("post", lambda w: {"pk": w["achieved"].pk}, SEES_GOAL),
    "comment_delete": ("post", lambda w: {"pk": w["comment"].pk}, only({"buddy": OK})),
    "comment_hide": ("post", lambda w: {"pk": w["comment"].pk}, OWNER_ONLY),
    "calendar": ("get", lambda w: {}, everyone(200)),
    "calendar_feed": ("get", lambda w: {}, everyone(200)),
    "calendar_feed_regenerate": ("post", lambda w: {}, everyone(302)),
    "calendar_feed_ics": (
        "get",
        lambda w: {"public_id": w["feed"].public_id, "secret": w["feed"].secret},
        everyone(200) | {"anonymous": 200},  # the secret is the key
    ),
    "review_propose": ("get", lambda w: {"pk": w["partnership"].pk}, MEMBERS),
    "review_detail": ("get", lambda w: {"pk": w["meeting"].pk}, MEMBERS),
    "review_respond": ("post", lambda w: {"pk": w["meeting"].pk}, MEMBERS),
    "review_adjust": (
        "post",
        lambda w: {"pk": w["meeting"].pk, "goal_pk": w["goal"].pk},
        OWNER_ONLY,
    ),
    "review_complete": ("post", lambda w: {"pk": w["meeting"].pk}, MEMBERS),
}


def test_every_url_has_a_row():
    names = app_url_names("goals.urls") | app_url_names("accountability.urls")
    assert names == set(ROWS), (
        f"missing rows: {sorted(names - set(ROWS))}; stale rows: {sorted(set(ROWS) - names)}"
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ROWS))
def test_access(client, world, name, role):
    method, kwargs, expected = ROWS[name]
    url = reverse(name, kwargs=kwargs(world))
    if role != "anonymous":
        client.force_login(world["users"][role])
    response = getattr(client, method)(url)
    want = expected[role]
    if want == LOGIN:
        assert response.status_code == 302, response.status_code
        assert response.url.startswith(reverse("account_login")), response.url
    elif isinstance(want, set):
        assert response.status_code in want, f"{name} as {role}: {response.status_code}"
        if response.status_code == 302:
            assert not response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == want, f"{name} as {role}: {response.status_code}"
