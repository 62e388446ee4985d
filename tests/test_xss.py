"""Stored XSS: a buddy's text is data on every page and in every email, never markup.

Two buddies in different time zones (so the "… lives in …" sentence appears) write an
attack into every text field a person can fill in, through the same forms a browser posts.
Then every page either of them can reach, listed from the URLconf, is fetched (as a full
page and as an htmx request) and must not contain an unescaped copy; nor may any email.
"""

import ast
import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from accountability.models import (
    Agreement,
    AttainabilityFeedback,
    Comment,
    Invitation,
    Partnership,
    ReviewMeeting,
)
from careergoals.notifications.models import Notification
from careergoals.notifications.preferences import unsubscribe_path
from careergoals.notifications.sweep import sweep
from goals.models import (
    Celebration,
    CheckIn,
    Goal,
    GoalChange,
    GoalExample,
    MicroGoal,
    VisionAnswer,
    VisionPrompt,
)

pytestmark = pytest.mark.django_db

# What an attacker types: a script, and an attribute break-out into an image with a handler.
# The number says which field it came from, so a failure names the leaking field.
UNESCAPED = re.compile(
    r"<script>alert\(|<img src=x onerror=|href=[\"']?\s*javascript:", re.IGNORECASE
)


def attack(tag: str) -> str:
    return f'<script>alert("{tag}")</script>"><img src=x onerror=alert("{tag}")>'


def short_attack(tag: str) -> str:
    """For fields of 40 characters: the break-out alone."""
    return f'"><img src=x onerror=alert({tag})>'


# URL names outside the HTML pages: the data exports and the calendar file are not HTML.
NOT_HTML = {"goals:export_json", "goals:export_csv", "buddies:calendar_feed_ics", "healthz"}
OUR_URLCONFS = {
    "goals.urls",
    "accountability.urls",
    "careergoals.users.urls",
    "careergoals.notifications.urls",
    "careergoals.urls",
}
# A few of allauth's account pages show the person's name in the navigation.
ACCOUNT_PAGES = ["account_email", "account_change_password", "mfa_index"]


def our_url_names() -> set[str]:
    """Every name our URLconfs give, as reverse() takes it: "goals:goal_detail"."""

    def walk(patterns, module, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                inner = getattr(p.urlconf_module, "__name__", "")
                if inner in OUR_URLCONFS:
                    yield from walk(p.url_patterns, inner, p.namespace)
            elif module in OUR_URLCONFS and p.name:
                yield f"{namespace}:{p.name}" if namespace else p.name

    return set(walk(get_resolver().url_patterns, "careergoals.urls", None))


def assert_escaped(body: str, where: str) -> None:
    found = UNESCAPED.search(body)
    if found:
        start = max(found.start() - 120, 0)
        excerpt = " ".join(body[start : found.end() + 60].split())
        raise AssertionError(f"unescaped user text in {where}: …{excerpt}…")


class Person:
    """A signed-in browser: every response it gets is checked on the way."""

    def __init__(self, client, user):
        self.client, self.user = client, user
        client.force_login(user)

    def post(self, name, data=None, htmx=False, **kwargs):
        url = reverse(name, kwargs=kwargs)
        headers = {"HX-Request": "true"} if htmx else {}
        response = self.client.post(url, data or {}, headers=headers)
        assert response.status_code in (200, 302), f"POST {url}: {response.status_code}"
        assert_escaped(response.content.decode(), f"the answer to POST {url}")
        return response

    def get(self, url, htmx=False):
        headers = {"HX-Request": "true"} if htmx else {}
        response = self.client.get(url, headers=headers)
        assert response.status_code < 500, f"GET {url}: {response.status_code}"
        if "html" in response.get("Content-Type", ""):
            assert_escaped(response.content.decode(), f"GET {url} as {self.user.email}")
        return response


def goal_data(tag: str, today) -> dict:
    return {
        "statement": attack(f"{tag} statement"),
        "category": Goal.Category.KNOWLEDGE,
        "horizon": Goal.Horizon.ONE_YEAR,
        "target_date": (today + datetime.timedelta(days=200)).isoformat(),
        "metric_name": attack(f"{tag} metric"),
        "metric_unit": short_attack(7),
        "baseline": "0",
        "target": "10",
        "confidence": "4",
        "attainability_notes": attack(f"{tag} attainable"),
        "relevance": attack(f"{tag} relevance"),
    }


@pytest.fixture
def pair(client, make_user, today):
    """Ana (Berlin) and Bob (New York), buddies, each having written an attack everywhere."""
    from django.test import Client

    ana = Person(client, make_user(email="ana@example.org"))
    bob = Person(Client(), make_user(email="bob@example.org"))
    for person, zone, tag in ((ana, "Europe/Berlin", "ana"), (bob, "America/New_York", "bob")):
        person.post("users:profile", {"display_name": attack(f"{tag} name"), "timezone": zone})
        person.post(
            "goals:vision", {prompt: attack(f"{tag} vision") for prompt in VisionPrompt.values}
        )

    # Ana invites Bob with a note; Bob accepts from his buddies page.
    ana.post("buddies:invite", {"email": "bob@example.org", "message": attack("invitation note")})
    invitation = Invitation.objects.get(email="bob@example.org")
    bob.post("buddies:invitation_answer", {"action": "accept"}, pk=invitation.pk)
    partnership = Partnership.objects.get()

    goals = {}
    for person, tag in ((ana, "ana"), (bob, "bob")):
        person.post("goals:goal_create", goal_data(tag, today))
        goal = Goal.objects.get(owner=person.user)
        sharing = {"visibility": "buddies", "buddy_reminders": "on"}
        person.post("buddies:goal_sharing", sharing, pk=goal.pk)
        person.post("goals:goal_status", {"action": "activate"}, pk=goal.pk)
        person.post(
            "goals:goal_edit",
            goal_data(tag, today) | {"relevance": "Changed", "note": attack(f"{tag} change")},
            pk=goal.pk,
        )
        step = {
            "title": attack(f"{tag} step"),
            "deadline": (today + datetime.timedelta(days=30)).isoformat(),
            "action_plan": attack(f"{tag} plan"),
            "resources": attack(f"{tag} resources"),
            "helpers": attack(f"{tag} helpers"),
        }
        person.post("goals:micro_goal_create", step, htmx=True, pk=goal.pk)
        person.post(
            "goals:micro_goal_create", step | {"title": attack(f"{tag} step 2")}, pk=goal.pk
        )
        person.post(
            "goals:check_in_create",
            # Two days ago is in the past in every time zone, whatever the hour.
            {
                "value": "3",
                "recorded_on": (today - datetime.timedelta(days=2)).isoformat(),
                "note": attack(f"{tag} check-in"),
            },
            pk=goal.pk,
        )
        assert goal.check_ins.exists(), f"{tag}'s check-in was refused"
        goals[person] = goal
        example = {
            "title": attack(f"{tag} example"),
            "statement": attack(f"{tag} example goal"),
            "note": attack(f"{tag} what worked"),
        }
        person.post("goals:goal_save_example", example, pk=goal.pk)  # shown to the other

    # Each comments on, rates and nudges the other's goal, about a step and about the goal.
    for person, other in ((ana, bob), (bob, ana)):
        goal = goals[other]
        step = goal.micro_goals.first()
        person.post("buddies:comment_add", {"text": attack("comment")}, htmx=True, pk=goal.pk)
        person.post(
            "buddies:comment_add",
            {"text": attack("step comment"), "micro_goal": step.pk},
            pk=goal.pk,
        )
        person.post(
            "buddies:feedback_give",
            {"verdict": "stretch", "comment": attack("feedback")},
            pk=goal.pk,
        )
        person.post("buddies:nudge", pk=goal.pk)

    # The rules, written by Ana and confirmed by Bob.
    rules = {
        "working_toward": attack("rules toward"),
        "support": attack("rules support"),
        "cadence": Agreement._meta.get_field("cadence").choices[0][0],
    }
    ana.post("buddies:rules_edit", rules, pk=partnership.pk)
    agreement = Agreement.objects.get()
    bob.post("buddies:rules_confirm", {"version": agreement.version}, pk=partnership.pk)

    # Bob proposes a review (his help text names Ana, who lives elsewhere); Ana agrees.
    ana.get(reverse("buddies:review_propose", args=[partnership.pk]))
    bob.post(
        "buddies:review_propose",
        {
            "date": (today + datetime.timedelta(days=7)).isoformat(),
            "time": "17:00",
            "duration_minutes": "60",
            "place": "javascript:alert(1) " + attack("place"),  # a link, as a video link is
        },
        pk=partnership.pk,
    )
    meeting = ReviewMeeting.objects.get()
    ana.post("buddies:review_respond", {"action": "accept"}, pk=meeting.pk)
    # The meeting time comes: notes and adjustments are written during it.
    ReviewMeeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now())
    for person in (ana, bob):
        goal = goals[person]
        prefix = f"goal-{goal.pk}"
        person.post(
            "buddies:review_adjust",
            {f"{prefix}-target": "12", f"{prefix}-note": attack("review adjustment")},
            pk=meeting.pk,
            goal_pk=goal.pk,
        )
    bob.post("buddies:review_complete", {"notes": attack("review notes")}, pk=meeting.pk)
    ana.post("buddies:review_complete", {"notes": attack("review notes, corrected")}, pk=meeting.pk)

    # Ana reaches a second goal: a reward, a reflection and Bob's congratulations.
    ana.post("goals:goal_create", goal_data("reached", today))
    reached = Goal.objects.filter(owner=ana.user).latest("pk")
    ana.post("buddies:goal_sharing", {"visibility": "buddies"}, pk=reached.pk)
    ana.post("goals:goal_status", {"action": "achieve"}, pk=reached.pk)
    ana.post("goals:goal_celebrate", {"reward": attack("reward")}, pk=reached.pk)
    ana.post(
        "goals:goal_reflect",
        {name: attack(f"reflect {name}") for name in ("hard", "easy", "helped", "differently")},
        pk=reached.pk,
    )
    bob.post("buddies:congratulate", {"text": attack("congratulations")}, pk=reached.pk)
    # And lets a third one go, saying why.
    ana.post("goals:goal_create", goal_data("abandoned", today))
    dropped = Goal.objects.filter(owner=ana.user).latest("pk")
    ana.post("goals:goal_status", {"action": "abandon", "reason": attack("abandon")}, pk=dropped.pk)

    return {
        "ana": ana,
        "bob": bob,
        "partnership": partnership,
        "meeting": meeting,
        "invitation": invitation,
        "goals": goals,
        "reached": reached,
    }


def test_every_written_field_holds_the_attack(pair):
    """The setup really stored the attack everywhere (else the page check proves nothing)."""
    ana, bob = pair["ana"].user, pair["bob"].user
    ana.refresh_from_db()
    bob.refresh_from_db()
    goal = pair["goals"][pair["ana"]]
    meeting = ReviewMeeting.objects.get(pk=pair["meeting"].pk)
    celebration = Celebration.objects.get(goal=pair["reached"])
    stored = {
        "display name": ana.display_name + bob.display_name,
        "vision": " ".join(VisionAnswer.objects.values_list("text", flat=True)),
        "statement": goal.statement,
        "metric": goal.metric_name + goal.metric_unit,
        "relevance": Goal.objects.get(pk=pair["reached"].pk).relevance,
        "attainability": goal.attainability_notes,
        "change note": " ".join(GoalChange.objects.values_list("note", flat=True)),
        "abandon": " ".join(Goal.objects.values_list("abandoned_reason", flat=True)),
        "steps": " ".join(
            " ".join(row)
            for row in MicroGoal.objects.values_list("title", "action_plan", "resources", "helpers")
        ),
        "check-in": " ".join(CheckIn.objects.values_list("note", flat=True)),
        "examples": " ".join(
            " ".join(row) for row in GoalExample.objects.values_list("title", "statement", "note")
        ),
        "comments": " ".join(Comment.objects.values_list("text", flat=True)),
        "feedback": " ".join(AttainabilityFeedback.objects.values_list("comment", flat=True)),
        "rules": Agreement.objects.get().working_toward + Agreement.objects.get().support,
        "invitation": pair["invitation"].message,
        "place": meeting.place,
        "notes": meeting.notes,
        "reward": celebration.reward,
        "reflection": celebration.hard + celebration.easy + celebration.helped,
    }
    for field, text in stored.items():
        assert UNESCAPED.search(text), f"the {field} did not keep the attack: {text!r}"
    # Both sides wrote everything: two of each, or more.
    counts = {
        "vision answers": (VisionAnswer.objects.count(), 2 * len(VisionPrompt.values)),
        "steps": (MicroGoal.objects.count(), 4),
        "check-ins": (CheckIn.objects.count(), 2),
        "comments": (Comment.objects.count(), 5),
        "feedback": (AttainabilityFeedback.objects.count(), 2),
    }
    assert all(have == want for have, want in counts.values()), counts
    assert "review adjustment" in stored["change note"]
    assert "step comment" in stored["comments"] and "congratulations" in stored["comments"]
    assert meeting.status == ReviewMeeting.Status.HELD
    assert ana.timezone != bob.timezone


def page_urls(world) -> dict[str, list[str]]:
    """Every page of our URLconf, with the objects of this world, as each person sees it."""
    ana, bob = world["ana"].user, world["bob"].user
    meeting, partnership = world["meeting"], world["partnership"]
    goal_of = {ana: world["goals"][world["ana"]], bob: world["goals"][world["bob"]]}

    def kwargs(name, viewer, other):
        own, theirs = goal_of[viewer], goal_of[other]
        step = own.micro_goals.first()
        by_name = {
            "goals:goal_celebrate": [{"pk": world["reached"].pk}],
            "goals:goal_reflect": [{"pk": world["reached"].pk}],
            "goals:micro_goal_row": [{"pk": step.pk}],
            "goals:micro_goal_edit": [{"pk": step.pk}],
            "buddies:review_adjust": [{"pk": meeting.pk, "goal_pk": own.pk}],
            "buddies:invitation_respond": [{"token": "no-such-token"}],
            "notifications:unsubscribe": [
                {"token": unsubscribe_path(viewer.pk, "comments").rstrip("/").split("/")[-1]}
            ],
            "notifications:notification_open": [
                {"pk": pk}
                for pk in Notification.objects.filter(recipient=viewer).values_list("pk", flat=True)
            ],
            "buddies:invitation_revoke": [{"pk": world["invitation"].pk}],
            "buddies:invitation_answer": [{"pk": world["invitation"].pk}],
            "goals:check_in_delete": [{"pk": own.check_ins.first().pk}],
            "goals:example_use": [
                {"pk": pk}
                for pk in GoalExample.objects.filter(owner__isnull=False).values_list(
                    "pk", flat=True
                )
            ],
            "goals:example_remove": [
                {"pk": pk} for pk in viewer.goal_examples.values_list("pk", flat=True)
            ],
            "buddies:comment_delete": [
                {"pk": pk} for pk in Comment.objects.values_list("pk", flat=True)
            ],
            "buddies:comment_hide": [
                {"pk": pk} for pk in Comment.objects.values_list("pk", flat=True)
            ],
        }
        if name in by_name:
            return by_name[name]
        namespace, _, base = name.rpartition(":")
        resolver = get_resolver().namespace_dict[namespace][1] if namespace else get_resolver()
        pattern = resolver.reverse_dict.getlist(base)[0][0][0][1]
        if not pattern:
            return [{}]
        if base.startswith(("micro_goal_",)):
            return [{"pk": step.pk}]
        if base.startswith(("review_",)) and base != "review_propose":
            return [{"pk": meeting.pk}]
        if base.startswith(("partnership_", "rules_", "review_propose")):
            return [{"pk": partnership.pk}]
        # Every other object URL is about a goal: one's own, the other's, the reached one.
        return [{"pk": own.pk}, {"pk": theirs.pk}, {"pk": world["reached"].pk}]

    urls = {}
    for viewer, other in ((ana, bob), (bob, ana)):
        names = sorted(our_url_names() - NOT_HTML)
        urls[viewer.email] = [
            reverse(name, kwargs=kw) for name in names for kw in kwargs(name, viewer, other)
        ] + [reverse(name) for name in ACCOUNT_PAGES]
    return urls


def test_no_page_either_buddy_sees_prints_the_attack(pair):
    urls = page_urls(pair)
    seen = 0
    for person in (pair["ana"], pair["bob"]):
        for url in urls[person.user.email]:
            for htmx in (False, True):
                response = person.get(url, htmx=htmx)
                seen += response.status_code == 200
    # The pages that matter were really shown, not refused.
    assert seen > 60, seen
    for person in (pair["ana"], pair["bob"]):
        body = person.get(reverse("buddies:review_propose", args=[pair["partnership"].pk])).content
        assert b" lives in " in body  # the sentence with the other's name is on the page
        # The unit's help text is on the goal page, escaped.
        body = person.get(pair["goals"][person].get_absolute_url()).content
        assert b"In &quot;&gt;&lt;img src=x onerror=alert(7)&gt;." in body


def test_no_email_prints_the_attack(pair):
    # The reminders fall due: step and goal deadlines, for the owner and the buddy.
    for days in (1, 25, 29, 31, 45, 195, 199, 201, 230):
        sweep(now=timezone.now() + datetime.timedelta(days=days))
    notifications = Notification.objects.exclude(body_html="")
    kinds = set(notifications.values_list("kind", flat=True))
    # Invitation, comment, feedback, nudge, rules, review and congratulation emails, and
    # the deadline reminders.
    assert {"deadline", "buddy_deadline"} <= kinds and len(kinds) >= 9, kinds
    for notification in notifications:
        assert_escaped(notification.body_html, f"the {notification.kind} email's HTML")


# --- The class of bug, closed in the code ---------------------------------------------------
# Crispy prints help text with |safe, so help text built from user text must be format_html;
# mark_safe and SafeString may only wrap constants.
APPS = ("goals", "accountability", "careergoals")


def _python_files():
    root = Path(settings.BASE_DIR)
    for app in APPS:
        for path in sorted((root / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path.relative_to(root), ast.parse(path.read_text())


def _is_built_string(node) -> bool:
    """An f-string, a %-format, a .format() call or a + of strings: text put together."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    )


def _names_built(tree) -> set[str]:
    """Variables that ever hold text put together (``x = f"…"``, ``x += …``)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and _is_built_string(node.value):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


# The one place allowed to mark a non-constant safe, and why: a page part the template engine
# drew (escaped there), stored, with the request's CSRF token (letters and digits) put back.
KNOWN_SAFE = {("careergoals/fragments.py", "_with_token")}


def _functions_in(tree):
    """Each call node with the name of the function it is written in."""
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Call):
                    yield function.name, node


def test_no_help_text_is_built_by_string_formatting_and_nothing_unknown_is_marked_safe():
    found = []
    for path, tree in _python_files():
        built = _names_built(tree)
        allowed_calls = {
            id(node)
            for function, node in _functions_in(tree)
            if (str(path), function) in KNOWN_SAFE
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                value = node.value
                from_text = _is_built_string(value) or (
                    isinstance(value, ast.Name) and value.id in built
                )
                for target in node.targets:
                    if (
                        isinstance(target, ast.Attribute)
                        and target.attr == "help_text"
                        and from_text
                    ):
                        found.append(f"{path}:{node.lineno}: help_text built from text")
            elif isinstance(node, ast.keyword) and node.arg == "help_text":
                if _is_built_string(node.value):
                    found.append(f"{path}:{node.value.lineno}: help_text= built from text")
            elif isinstance(node, ast.Call) and id(node) not in allowed_calls:
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name in {"mark_safe", "SafeString"} and not all(
                    isinstance(arg, ast.Constant) for arg in node.args
                ):
                    found.append(f"{path}:{node.lineno}: {name}() of something not constant")
    assert not found, "\n".join(found)
