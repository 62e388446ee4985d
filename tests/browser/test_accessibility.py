"""Accessible on every page the journeys visit: axe-core, the keyboard, a phone, dark mode, weight.

axe-core is injected into the page, which the Content-Security-Policy would refuse, so only
the axe contexts are created with ``bypass_csp=True``; every other check here runs under the
policy the server sends.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from accountability import services as buddy_services
from goals import services as goal_services
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}


@pytest.fixture
def world(make_user, make_goal, today):
    """Ana and Bob in a partnership, with a goal of each kind the journeys show."""
    now = timezone.now()
    ana = make_user(email="ana@example.org", display_name="Ana", welcomed_at=now)
    bob = make_user(
        email="bob@example.org", display_name="Bob", timezone="America/New_York", welcomed_at=now
    )
    partnership = buddy_services.partnership_create(a=ana, b=bob)
    goal = make_goal(ana, statement="Lead two client projects end to end")
    buddy_services.goal_set_visibility(goal=goal, visibility="buddies")
    goal_services.goal_activate(goal=goal)
    goal_services.micro_goal_create(
        goal=goal, title="Ask for the Atlas project", deadline=today + datetime.timedelta(days=9)
    )
    for days, value in ((40, 0), (20, 1)):
        goal_services.check_in_create(
            goal=goal, value=Decimal(value), recorded_on=today - datetime.timedelta(days=days)
        )
    buddy_services.comment_add(goal=goal, author=bob, text="You can do it")
    buddy_services.agreement_save(
        partnership=partnership,
        by=ana,
        working_toward="Ana: two projects by June.",
        support="Honest questions.",
        cadence="monthly",
    )
    meeting = buddy_services.review_propose(
        partnership=partnership,
        by=bob,
        starts_at=now + datetime.timedelta(days=6),
        duration_minutes=60,
        place="Café",
    )
    reached = make_goal(ana, statement="Give a talk at the meetup")
    goal_services.goal_achieve(goal=reached)
    return {"goal": goal, "partnership": partnership, "meeting": meeting, "reached": reached}


def journey_pages(world) -> dict[str, list[str]]:
    """Every page the journeys visit, by who visits it."""
    goal, pair, meeting, reached = (
        world["goal"].pk,
        world["partnership"].pk,
        world["meeting"].pk,
        world["reached"].pk,
    )
    return {
        "visitor": ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"],
        "ana@example.org": [
            "/home/",
            "/vision/",
            "/goals/new/",
            f"/goals/{goal}/",
            f"/goals/{goal}/edit/",
            f"/goals/{goal}/history/",
            f"/goals/{goal}/sharing/",
            "/roadmap/",
            "/journal/",
            f"/goals/{reached}/celebrate/",
            f"/goals/{reached}/reflect/",
            "/buddies/",
            f"/buddies/{pair}/",
            f"/buddies/{pair}/rules/",
            f"/buddies/{pair}/reviews/new/",
            f"/reviews/{meeting}/",
            "/calendar/",
            "/calendar/feed/",
            "/notifications/",
            "/notifications/settings/",
            "/accounts/profile/",
            "/accounts/email/",
            "/accounts/password/change/",
            "/accounts/2fa/",
            "/accounts/2fa/totp/activate/",
            "/accounts/delete/",
        ],
        "bob@example.org": [f"/goals/{goal}/", f"/buddies/{pair}/", f"/reviews/{meeting}/"],
    }


def axe_problems(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:4])
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


def two_step_sign_in(browser, live_server, make_user, scheme):
    """The second step of signing in, for someone with an authenticator app."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    tess = make_user(email="tess@example.org", welcomed_at=timezone.now())
    TOTP.activate(tess, generate_totp_secret())
    context = browser.new_context(bypass_csp=True, color_scheme=scheme)
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("tess@example.org")
    page.get_by_label(re.compile(r"^\s*Password")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r"/2fa/authenticate/"))
    return page


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_axe_violation_on_any_journey_page(
    browser, live_server, world, make_user, scheme
):
    found: dict[str, list[str]] = {}
    for who, paths in journey_pages(world).items():
        context = browser.new_context(bypass_csp=True, color_scheme=scheme)
        page = context.new_page()
        if who != "visitor":
            sign_in(page, live_server, who)
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response.status < 400, f"{path}: {response.status}"
            theme = page.locator("html").get_attribute("data-bs-theme")
            assert theme == scheme, f"{path} shows {theme}"
            if problems := axe_problems(page):
                found[f"{who} {path}"] = problems
        context.close()

    page = two_step_sign_in(browser, live_server, make_user, scheme)
    if problems := axe_problems(page):
        found["tess /accounts/2fa/authenticate/"] = problems
    page.context.close()

    count = sum(len(p) for p in found.values())
    report = "\n".join(f"{where}\n  " + "\n  ".join(p) for where, p in found.items())
    assert not found, f"{count} serious or critical axe violations ({scheme}):\n{report}"
