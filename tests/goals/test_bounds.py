"""Dates and numbers have bounds, the same on every path that writes them (issue 8, defect 7).

Each path is taken through its front door: the goal, step and check-in forms, a review
adjustment, and the account import. A refused value is explained and kept in the form.
"""

import datetime
import io
import json
import re
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from accountability import services as buddy_services
from careergoals.notifications.models import ScheduledReminder
from careergoals.users.timezones import user_today
from goals import services
from goals.models import CheckIn, Goal, MicroGoal

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
ABSURD_DATES = ["0001-01-01", "1900-01-01", "2999-12-31", "9999-12-31"]


def goal_form_data(**fields) -> dict:
    return {
        "statement": "Lead two client projects end to end",
        "category": "responsibility",
        "horizon": "1",
        "target_date": "",
        "metric_name": "Projects led",
        "metric_unit": "projects",
        "baseline": "0",
        "target": "2",
        "confidence": "4",
        "relevance": "Leading projects is the path to a team lead role.",
    } | fields


# --- Steps ------------------------------------------------------------------------------------


@pytest.mark.parametrize("day", ABSURD_DATES)
@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain"])
def test_a_step_deadline_out_of_bounds_is_refused_and_kept(client, ana, goal, day, headers):
    client.force_login(ana)
    response = client.post(
        reverse("goals:micro_goal_create", args=[goal.pk]),
        {"title": "Ask for the Atlas project", "deadline": day, "action_plan": "Keep me"},
        headers=headers,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pick a date between" in html
    assert f'value="{day}"' in html and "Keep me" in html and "Ask for the Atlas project" in html
    assert not MicroGoal.objects.exists()
    assert not ScheduledReminder.objects.filter(item__startswith="step:").exists()


@pytest.mark.parametrize("day", ["9999-12-31", "1900-01-01"])
def test_editing_a_step_to_an_absurd_deadline_is_refused(client, ana, goal, day):
    step = services.micro_goal_create(goal=goal, title="Ask for the Atlas project")
    client.force_login(ana)
    response = client.post(
        reverse("goals:micro_goal_edit", args=[step.pk]),
        {"title": "Renamed", "deadline": day},
        headers=HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pick a date between" in html and f'value="{day}"' in html and "Renamed" in html
    step.refresh_from_db()
    assert (step.title, step.deadline) == ("Ask for the Atlas project", None)


def test_the_step_window_reaches_ten_years_either_side(client, ana, goal, today):
    client.force_login(ana)
    for day in (today - datetime.timedelta(days=365 * 9), today + datetime.timedelta(days=3650)):
        response = client.post(
            reverse("goals:micro_goal_create", args=[goal.pk]),
            {"title": f"Step {day}", "deadline": day},
        )
        assert response.status_code == 302, response.content.decode()
    assert goal.micro_goals.count() == 2


# --- Goals ------------------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["2999-12-31", "9999-12-31"])
def test_a_goal_deadline_beyond_the_longest_horizon_is_refused_and_kept(client, ana, day):
    client.force_login(ana)
    response = client.post(reverse("goals:goal_create"), goal_form_data(target_date=day))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pick a date between" in html
    assert f'value="{day}"' in html
    assert not Goal.objects.exists()


def test_a_draft_may_reach_the_longest_horizon(client, ana, today):
    """The SMART panel flags a draft beyond its own horizon; only starting it is refused."""
    client.force_login(ana)
    in_nine_years = (today + datetime.timedelta(days=365 * 9)).isoformat()
    response = client.post(reverse("goals:goal_create"), goal_form_data(target_date=in_nine_years))
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert goal.target_date.isoformat() == in_nine_years
    with pytest.raises(ValidationError, match="horizon"):
        services.goal_activate(goal=goal)


def test_an_active_goal_keeps_to_its_horizon(client, ana, goal, today):
    services.goal_activate(goal=goal)
    client.force_login(ana)
    in_two_years = (today + datetime.timedelta(days=730)).isoformat()
    response = client.post(
        reverse("goals:goal_edit", args=[goal.pk]), goal_form_data(target_date=in_two_years)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "further away than your 1-year horizon" in html and f'value="{in_two_years}"' in html
    with pytest.raises(ValidationError, match="horizon"):
        services.goal_update(goal=goal, target_date=today + datetime.timedelta(days=730))
    response = client.post(
        reverse("goals:goal_edit", args=[goal.pk]),
        goal_form_data(horizon="5", target_date=in_two_years),
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("field", "value"),
    [("target", "-5"), ("baseline", "-1"), ("target", "1000000000000")],
)
def test_goal_numbers_keep_to_their_sign_and_size(client, ana, field, value):
    client.force_login(ana)
    response = client.post(reverse("goals:goal_create"), goal_form_data(**{field: value}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "zero or more" in html or "too large" in html
    assert f'value="{value}"' in html
    assert not Goal.objects.exists()


def test_the_goal_services_refuse_what_the_form_refuses(ana, goal, today):
    with pytest.raises(ValidationError) as caught:
        services.goal_create(
            owner=ana, statement="Far away", target_date=datetime.date(9999, 12, 31)
        )
    assert "target_date" in caught.value.message_dict
    for fields in (
        {"target_date": datetime.date(2999, 1, 1)},
        {"target": Decimal("-5")},
        {"baseline": Decimal("-1")},
    ):
        with pytest.raises(ValidationError):
            services.goal_update(goal=goal, **fields)
    goal.refresh_from_db()
    assert goal.target == Decimal(2) and goal.target_date > today


def test_an_unchanged_past_deadline_does_not_block_other_edits(ana, goal, today):
    long_ago = today - datetime.timedelta(days=40)
    Goal.objects.filter(pk=goal.pk).update(target_date=long_ago)
    goal.refresh_from_db()
    services.goal_update(goal=goal, statement="Lead two client projects, renamed")
    goal.refresh_from_db()
    assert goal.target_date == long_ago


# --- Check-ins --------------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["1900-01-01", "0001-01-01"])
def test_a_check_in_from_long_ago_is_refused_and_kept(client, ana, goal, day):
    client.force_login(ana)
    response = client.post(
        reverse("goals:check_in_create", args=[goal.pk]),
        {"value": "1", "recorded_on": day, "note": "Keep me"},
        headers=HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pick a date between" in html and f'value="{day}"' in html and "Keep me" in html
    assert not CheckIn.objects.exists()
    with pytest.raises(ValidationError):
        services.check_in_create(goal=goal, value=Decimal(1), recorded_on=datetime.date(1900, 1, 1))


def test_a_negative_check_in_is_refused(client, ana, goal, today):
    client.force_login(ana)
    response = client.post(
        reverse("goals:check_in_create", args=[goal.pk]),
        {"value": "-3", "recorded_on": today.isoformat(), "note": ""},
        headers=HTMX,
    )
    assert "zero or more" in response.content.decode()
    assert not CheckIn.objects.exists()


# --- Review adjustment ------------------------------------------------------------------------


@pytest.fixture
def partnership(ana, bob):
    return buddy_services.partnership_create(a=ana, b=bob)


@pytest.fixture
def shared_goal(ana, make_goal, partnership):
    goal = make_goal(ana, statement="Lead two client projects end to end")
    return buddy_services.goal_set_visibility(goal=goal, visibility="buddies")


@pytest.fixture
def review(ana, bob, partnership):
    """An agreed review meeting tomorrow, and one of Ana's goals shared with Bob."""
    starts = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)
    meeting = buddy_services.review_propose(partnership=partnership, by=ana, starts_at=starts)
    buddy_services.review_respond(meeting=meeting, by=bob, accept=True)
    return meeting


@pytest.mark.parametrize(
    ("field", "value", "message", "active"),
    [
        ("target_date", "2999-12-31", "Pick a date between", False),
        ("target_date", "9999-12-31", "Pick a date between", False),
        ("target_date", "2001-01-01", "from today onwards", False),
        ("target_date", "__in_two_years__", "further away than your 1-year horizon", True),
        ("target", "-5", "zero or more", False),
        ("target", "1e20", "too large", True),
    ],
)
def test_a_review_adjustment_keeps_to_the_goal_form_rules(
    client, ana, review, shared_goal, field, value, message, active, today
):
    if active:
        services.goal_activate(goal=shared_goal)
    if value == "__in_two_years__":
        value = (today + datetime.timedelta(days=730)).isoformat()
    client.force_login(ana)
    prefix = f"goal-{shared_goal.pk}"
    response = client.post(
        reverse("buddies:review_adjust", args=[review.pk, shared_goal.pk]),
        {f"{prefix}-{field}": value, f"{prefix}-note": "We agreed on this."},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'value="{value}"' in html and "We agreed on this." in html
    before = shared_goal.target, shared_goal.target_date
    shared_goal.refresh_from_db()
    assert (shared_goal.target, shared_goal.target_date) == before


def test_the_review_service_refuses_what_the_form_refuses(ana, review, shared_goal):
    for fields in (
        {"target_date": datetime.date(2999, 12, 31)},
        {"target_date": datetime.date(2001, 1, 1)},
        {"target": Decimal("-5")},
    ):
        with pytest.raises(ValidationError):
            buddy_services.review_adjust(
                meeting=review, by=ana, goal=shared_goal, note="Agreed", **fields
            )
    assert not shared_goal.changes.exclude(field="created").exists()


# --- Import -----------------------------------------------------------------------------------


def export_with(client, user, **changes) -> dict:
    client.force_login(user)
    data = client.get(reverse("goals:export_json")).json()
    for path, value in changes.items():
        target = data
        *keys, last = path.split(".")
        for key in keys:
            target = target[int(key)] if key.isdigit() else target[key]
        target[last] = value
    return data


def run_import(tmp_path, email, data) -> str:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = io.StringIO()
    call_command("import_account", email, str(path), stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("path", "value", "where"),
    [
        ("goals.0.micro_goals.0.deadline", "9999-12-31", "goals[0].micro_goals[0], deadline"),
        ("goals.0.micro_goals.0.deadline", "0001-01-01", "goals[0].micro_goals[0], deadline"),
        ("goals.0.target_date", "9999-12-31", "goals[0], target_date"),
        ("goals.0.check_ins.0.recorded_on", "1900-01-01", "goals[0].check_ins[0], recorded_on"),
        ("goals.0.check_ins.0.value", "-4", "goals[0].check_ins[0], value"),
        ("goals.0.target", "-4", "goals[0], target"),
        ("goals.0.current_value", "-4", "goals[0], current_value"),
        ("goals.0.changes.0.changed_at", "9999-12-31T23:59:59+00:00", "goals[0].changes[0]"),
    ],
)
def test_an_import_out_of_bounds_is_refused_where_it_is(
    client, ana, goal, make_user, tmp_path, path, value, where
):
    step = services.micro_goal_create(goal=goal, title="Ask for the Atlas project")
    services.check_in_create(goal=goal, value=Decimal(1), recorded_on=user_today(ana))
    assert step.pk
    data = export_with(client, ana, **{path: value})
    newcomer = make_user(email="new@example.org")
    with pytest.raises(CommandError, match=re.escape(where)):
        run_import(tmp_path, "new@example.org", data)
    assert not Goal.objects.filter(owner=newcomer).exists()


def test_an_imported_far_step_never_breaks_the_goal_pages(client, ana, goal, make_user, tmp_path):
    """Before the bounds, the import took it and the goal's edit page answered 500."""
    services.micro_goal_create(goal=goal, title="Ask for the Atlas project")
    data = export_with(client, ana, **{"goals.0.micro_goals.0.deadline": "9999-12-31"})
    newcomer = make_user(email="new@example.org")
    try:
        run_import(tmp_path, "new@example.org", data)
    except CommandError as error:
        assert "Pick a date between" in str(error)
    client.force_login(newcomer)
    for imported in Goal.objects.filter(owner=newcomer):
        for name in ("goals:goal_detail", "goals:goal_edit", "goals:goal_history"):
            assert client.get(reverse(name, args=[imported.pk])).status_code == 200
        edit = goal_form_data(statement="Lead three client projects", target_date="")
        assert client.post(reverse("goals:goal_edit", args=[imported.pk]), edit).status_code < 500
    for name in (
        "goals:home",
        "goals:roadmap",
        "buddies:calendar",
        "goals:export_json",
        "goals:export_csv",
    ):
        assert client.get(reverse(name)).status_code in (200, 302)  # home: the vision first


# --- Old data never breaks reminder planning -------------------------------------------------


@pytest.mark.parametrize("day", [datetime.date(1, 1, 1), datetime.date(9999, 12, 31)])
def test_an_absurd_stored_deadline_plans_no_reminder_and_does_not_crash(client, ana, goal, day):
    """Rows written before the bounds existed: planning skips them instead of answering 500."""
    step = services.micro_goal_create(goal=goal, title="Ask for the Atlas project")
    MicroGoal.objects.filter(pk=step.pk).update(deadline=day)
    Goal.objects.filter(pk=goal.pk).update(target_date=day)
    client.force_login(ana)
    with time_machine.travel(datetime.datetime.now(datetime.UTC), tick=False):
        response = client.post(
            reverse("goals:micro_goal_status", args=[step.pk]), {"status": "doing"}
        )
    assert response.status_code == 302
    for name in ("goals:goal_detail", "goals:goal_edit"):
        assert client.get(reverse(name, args=[goal.pk])).status_code == 200


@pytest.mark.parametrize("text", ["before\x00after", "half \ud800 a pair"])
def test_an_import_with_text_the_database_cannot_hold_is_refused(
    client, ana, goal, make_user, tmp_path, text
):
    """NUL and lone surrogates: the forms refuse them as typed; the import says where."""
    data = export_with(client, ana, **{"goals.0.statement": text})
    make_user(email="new@example.org")
    with pytest.raises(CommandError, match=re.escape("goals[0], statement")):
        run_import(tmp_path, "new@example.org", data)
