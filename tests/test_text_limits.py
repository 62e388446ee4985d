"""Too long is refused in words, never cut short: every text field with a limit.

A browser's ``maxlength`` cuts a long paste without a word, so no field carries one; the
server refuses with "up to N characters … your text is still here" and shows the whole
text again in the form. Comments and reflections did this first; every other field
follows (tests/accountability/test_feedback.py, tests/goals/test_celebration.py).
"""

import re

import pytest
from django.urls import reverse

from accountability.models import Agreement, BuddyCheckInEntry, Invitation
from goals.models import CheckIn, Goal, MicroGoal, VisionPrompt

from .access.test_buddy_urls import ROWS as BUDDY_ROWS
from .access.test_goals_urls import ROWS as GOAL_ROWS
from .access.test_goals_urls import goal_body
from .access.test_site_urls import ROWS as SITE_ROWS
from .access.world import world  # noqa: F401 (the shared circle of Ana, Bob and the others)
from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _limit(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def long_text(limit: int) -> str:
    """One character more than the limit, ending in words that only a cut would lose."""
    words = "I will keep going until this is done. "
    end = " THE LAST WORDS"
    body = (words * (limit // len(words) + 1))[: limit + 1 - len(end)]
    return body + end


# (url name as in the access matrix, the field as posted, its limit, the body around it)
GOAL_FIELDS = [
    ("goals:goal_create", name, _limit(Goal, name), lambda w: goal_body(w))
    for name in ("statement", "metric_name", "metric_unit", "relevance", "attainability_notes")
]
CASES = [
    *GOAL_FIELDS,
    ("goals:goal_edit", "note", 2000, lambda w: goal_body(w)),
    (
        "goals:example_use",
        "statement",
        _limit(Goal, "statement"),
        GOAL_ROWS["goals:example_use"].body,
    ),
    *[
        (
            "goals:goal_save_example",
            name,
            limit,
            lambda w: {"title": "Lead a project", "statement": "Lead 1 project"},
        )
        for name, limit in (("title", 120), ("statement", 300), ("note", 2000))
    ],
    (
        "goals:goal_status",
        "reason",
        _limit(Goal, "abandoned_reason"),
        lambda w: {"action": "abandon"},
    ),
    *[
        (
            "goals:micro_goal_create",
            name,
            _limit(MicroGoal, name),
            lambda w: {"title": "Book a talk"},
        )
        for name in ("title", "action_plan", "resources", "helpers")
    ],
    ("goals:micro_goal_edit", "title", _limit(MicroGoal, "title"), lambda w: {}),
    *[("goals:vision", prompt.value, 4000, lambda w: {}) for prompt in VisionPrompt],
    (
        "goals:check_in_create",
        "note",
        _limit(CheckIn, "note"),
        GOAL_ROWS["goals:check_in_create"].body,
    ),
    ("users:profile", "display_name", 80, SITE_ROWS["users:profile"].body),
    ("buddies:invite", "message", _limit(Invitation, "message"), BUDDY_ROWS["buddies:invite"].body),
    *[
        ("buddies:rules_edit", name, _limit(Agreement, name), BUDDY_ROWS["buddies:rules_edit"].body)
        for name in ("working_toward", "support")
    ],
    (
        "buddies:check_in_write",
        "moved",
        _limit(BuddyCheckInEntry, "moved"),
        BUDDY_ROWS["buddies:check_in_write"].body,
    ),
    *[
        ("buddies:suggestion_edit", name, _limit(MicroGoal, name), lambda w: {"title": "Call"})
        for name in ("title", "action_plan", "resources", "helpers")
    ],
    ("buddies:suggestion_edit", "note", 2000, BUDDY_ROWS["buddies:suggestion_edit"].body),
    ("buddies:suggestion_decline", "note", 2000, lambda w: {}),
    ("buddies:review_propose", "place", 300, BUDDY_ROWS["buddies:review_propose"].body),
    ("buddies:review_adjust", "note", 1500, BUDDY_ROWS["buddies:review_adjust"].body),
    ("buddies:review_complete", "notes", 10000, BUDDY_ROWS["buddies:review_complete"].body),
]
ALL_ROWS = GOAL_ROWS | BUDDY_ROWS | SITE_ROWS


def field_tag(html: str, name: str) -> str:
    match = re.search(rf'<(?:textarea|input)\b[^>]*\bname="{re.escape(name)}"[^>]*>', html)
    assert match, f"no field named {name} on the page"
    return match.group(0)


def refused_and_kept(response, name: str, limit: int, text: str) -> None:
    html = response.content.decode()
    assert response.status_code == 200
    assert f"up to {limit:,} characters" in html
    assert "Your text is still here" in html
    assert text in html, "the whole text, as typed, is in the form again"
    assert "maxlength" not in field_tag(html, name)


@pytest.mark.parametrize(
    ("url_name", "field", "limit", "body"),
    CASES,
    ids=[f"{url_name}-{field}" for url_name, field, *_ in CASES],
)
def test_a_too_long_text_is_refused_in_words_and_kept(client, world, url_name, field, limit, body):  # noqa: F811
    client.force_login(world["users"]["owner"])
    row = ALL_ROWS[url_name]
    url = reverse(url_name, kwargs=row.kwargs(world) if row.kwargs else None)
    posted = body(world)
    name = next((key for key in posted if key.endswith(f"-{field}")), field)
    text = long_text(limit)
    response = client.post(url, posted | {name: text})
    refused_and_kept(response, name, limit, text)


def test_the_form_pages_carry_no_maxlength_that_would_cut_a_paste(client, world):  # noqa: F811
    client.force_login(world["users"]["owner"])
    goal_pk = world["goal"].pk
    for url in (
        reverse("goals:goal_create"),
        reverse("goals:example_use", args=[world["library_example"].pk]),
        reverse("goals:goal_save_example", args=[goal_pk]),
        reverse("goals:goal_edit", args=[goal_pk]),
        reverse("goals:goal_detail", args=[goal_pk]),
        reverse("goals:micro_goal_edit", args=[world["step"].pk]),
        reverse("goals:vision"),
        reverse("users:profile"),
        reverse("buddies:invite"),
        reverse("buddies:rules_edit", args=[world["partnership"].pk]),
        reverse("buddies:review_propose", args=[world["partnership"].pk]),
    ):
        html = client.get(url).content.decode()
        tags = re.findall(r"<(?:textarea|input)\b[^>]*>", html)
        cut = [tag for tag in tags if "maxlength" in tag and 'type="email"' not in tag]
        assert not cut, f"{url}: {cut}"


def test_sign_up_refuses_a_too_long_name_and_keeps_it(client, db):
    text = long_text(80)
    response = client.post(
        reverse("account_signup"),
        {
            "email": "zoe@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": text,
            "timezone": "UTC",
        },
    )
    refused_and_kept(response, "display_name", 80, text)
