"""Steps in place: htmx fragments for the owner, plain redirects without JS, 404 for others."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from goals import services
from goals.models import MicroGoal
from tests.goals.oob import oob_fragments

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def step(goal):
    return services.micro_goal_create(goal=goal, title="Ask for the Atlas project")


def test_add_step_in_place(client, ana, goal, today):
    client.force_login(ana)
    response = client.post(
        reverse("goals:micro_goal_create", args=[goal.pk]),
        {"title": "Shadow Priya", "deadline": (today + datetime.timedelta(days=9)).isoformat()},
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="steps"')
    assert "Shadow Priya" in html
    assert "Step added: Shadow Priya" in html  # announced in the live region
    assert goal.micro_goals.get().title == "Shadow Priya"


def test_add_step_without_js_redirects(client, ana, goal):
    client.force_login(ana)
    response = client.post(reverse("goals:micro_goal_create", args=[goal.pk]), {"title": "Plan"})
    assert response.status_code == 302
    assert response.url == goal.get_absolute_url() + "#steps"


def test_bad_step_keeps_input(client, ana, goal):
    client.force_login(ana)
    response = client.post(
        reverse("goals:micro_goal_create", args=[goal.pk]),
        {"title": "", "deadline": "31/31/2020", "action_plan": "Keep me"},
        **HTMX,
    )
    html = response.content.decode()
    assert "This field is required." in html
    assert "Enter a valid date." in html
    assert "Keep me" in html
    assert not goal.micro_goals.exists()
    # Without JS, the same errors on a page of their own.
    page = client.post(reverse("goals:micro_goal_create", args=[goal.pk]), {"title": "x" * 500})
    assert page.status_code == 200
    assert "up to 200 characters" in page.content.decode()


def test_step_after_goal_deadline_is_flagged(client, ana, goal):
    services.micro_goal_create(
        goal=goal, title="Late", deadline=goal.target_date + datetime.timedelta(days=5)
    )
    client.force_login(ana)
    assert "After the goal’s deadline" in client.get(goal.get_absolute_url()).content.decode()


def test_tick_done_and_back(client, ana, step):
    client.force_login(ana)
    url = reverse("goals:micro_goal_status", args=[step.pk])
    done = client.post(url, {"status": "done"}, **HTMX).content.decode()
    assert f'id="step-{step.pk}"' in done
    assert "Nice work" in done
    step.refresh_from_db()
    assert step.status == MicroGoal.Status.DONE
    client.post(url, {"status": "todo"}, **HTMX)
    step.refresh_from_db()
    assert (step.status, step.completed_on) == ("todo", None)
    bad = client.post(url, {"status": "exploded"})
    assert bad.status_code == 302


def test_finishing_a_step_is_acknowledged_lightly_without_js(client, ana, step):
    client.force_login(ana)
    response = client.post(
        reverse("goals:micro_goal_status", args=[step.pk]), {"status": "done"}, follow=True
    )
    assert "Step done. Nice work!" in response.content.decode()


def test_edit_inline_and_cancel(client, ana, step):
    client.force_login(ana)
    form = client.get(reverse("goals:micro_goal_edit", args=[step.pk]), **HTMX).content.decode()
    assert 'name="title"' in form
    row = client.get(reverse("goals:micro_goal_row", args=[step.pk]), **HTMX).content.decode()
    assert "Ask for the Atlas project" in row
    saved = client.post(
        reverse("goals:micro_goal_edit", args=[step.pk]),
        {"title": "Ask for Beacon instead"},
        **HTMX,
    )
    assert "Ask for Beacon instead" in saved.content.decode()


def test_move_and_delete(client, ana, goal, step):
    second = services.micro_goal_create(goal=goal, title="Second")
    client.force_login(ana)
    client.post(reverse("goals:micro_goal_move", args=[second.pk]), {"direction": "up"}, **HTMX)
    assert list(goal.micro_goals.values_list("title", flat=True)) == [
        "Second",
        "Ask for the Atlas project",
    ]
    client.post(reverse("goals:micro_goal_delete", args=[step.pk]), **HTMX)
    assert list(goal.micro_goals.values_list("title", flat=True)) == ["Second"]


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("goals:micro_goal_row", "get"),
        ("goals:micro_goal_edit", "get"),
        ("goals:micro_goal_edit", "post"),
        ("goals:micro_goal_status", "post"),
        ("goals:micro_goal_move", "post"),
        ("goals:micro_goal_delete", "post"),
    ],
)
def test_someone_elses_step_is_404(client, bob, step, name, method):
    client.force_login(bob)
    response = getattr(client, method)(reverse(name, args=[step.pk]), {"status": "done"})
    assert response.status_code == 404
    step.refresh_from_db()
    assert step.status == "todo"


@pytest.mark.parametrize(
    "name",
    [
        "goals:micro_goal_row",
        "goals:micro_goal_edit",
        "goals:micro_goal_status",
        "goals:micro_goal_delete",
    ],
)
def test_anonymous_step_urls_send_to_sign_in(client, step, name):
    response = client.post(reverse(name, args=[step.pk]))
    assert response.status_code in (302, 405)
    assert MicroGoal.objects.filter(pk=step.pk).exists()


# --- Every in-place change refreshes what depends on the steps (out-of-band swaps) -------------

MEASURABLE_MET = re.compile(r"Measurable\s*: met")
MEASURABLE_MISSING = re.compile(r"Measurable\s*: missing")


@pytest.fixture
def unmeasured(ana, make_goal):
    """A goal without a measure: its progress, and its M, come from its steps."""
    return make_goal(ana, metric_name="", metric_unit="", baseline=None, target=None)


def add_step(client, goal, title):
    response = client.post(
        reverse("goals:micro_goal_create", args=[goal.pk]), {"title": title}, **HTMX
    )
    assert response.status_code == 200
    return oob_fragments(response.content.decode())


def test_adding_steps_refreshes_the_smart_check_and_the_progress(client, ana, unmeasured):
    client.force_login(ana)
    first = add_step(client, unmeasured, "Draft the outline")
    assert MEASURABLE_MISSING.search(first["goal-smart"].text)
    assert "0 of 1 step done" in first["goal-progress"].text

    second = add_step(client, unmeasured, "Ask Sam to review")
    assert MEASURABLE_MET.search(second["goal-smart"].text)
    assert second["goal-progress"].has(data_percent="0")
    assert "0 of 2 steps done" in second["goal-progress"].text
    assert second["activate-help"].text == ""  # the hint under "Start this goal" follows


def test_ticking_a_step_moves_the_progress_bar(client, ana, unmeasured):
    steps = [services.micro_goal_create(goal=unmeasured, title=t) for t in ("One", "Two")]
    client.force_login(ana)
    url = reverse("goals:micro_goal_status", args=[steps[0].pk])
    done = oob_fragments(client.post(url, {"status": "done"}, **HTMX).content.decode())
    assert done["goal-progress"].has(role="progressbar", aria_valuenow="50")
    assert done["goal-progress"].has(data_percent="50")
    assert "50%" in done["goal-progress"].text
    assert "1 of 2 steps done" in done["goal-progress"].text

    undone = oob_fragments(client.post(url, {"status": "todo"}, **HTMX).content.decode())
    assert undone["goal-progress"].has(data_percent="0")


def test_edit_move_and_delete_refresh_the_page_too(client, ana, unmeasured):
    steps = [services.micro_goal_create(goal=unmeasured, title=t) for t in ("One", "Two")]
    services.micro_goal_set_status(micro_goal=steps[1], status="done")
    client.force_login(ana)

    edited = client.post(
        reverse("goals:micro_goal_edit", args=[steps[0].pk]), {"title": "Uno"}, **HTMX
    )
    assert "1 of 2 steps done" in oob_fragments(edited.content.decode())["goal-progress"].text
    moved = client.post(
        reverse("goals:micro_goal_move", args=[steps[1].pk]), {"direction": "up"}, **HTMX
    )
    assert set(oob_fragments(moved.content.decode())) >= {"goal-progress", "goal-smart"}

    deleted = oob_fragments(
        client.post(reverse("goals:micro_goal_delete", args=[steps[0].pk]), **HTMX).content.decode()
    )
    assert deleted["goal-progress"].has(data_percent="100")
    assert "1 of 1 step done" in deleted["goal-progress"].text
    assert MEASURABLE_MISSING.search(deleted["goal-smart"].text)  # one step is not a measure


def test_refused_step_sends_no_page_refresh(client, ana, unmeasured):
    client.force_login(ana)
    response = client.post(
        reverse("goals:micro_goal_create", args=[unmeasured.pk]), {"title": ""}, **HTMX
    )
    assert oob_fragments(response.content.decode()).keys() <= {"live-status"}


def test_a_tick_costs_the_same_queries_with_two_steps_or_twenty(client, ana, make_goal):
    def queries_for_a_tick(step_count):
        goal = make_goal(ana, metric_name="", metric_unit="", baseline=None, target=None)
        steps = [
            services.micro_goal_create(goal=goal, title=f"Step {n}") for n in range(step_count)
        ]
        with CaptureQueriesContext(connection) as queries:
            response = client.post(
                reverse("goals:micro_goal_status", args=[steps[0].pk]), {"status": "done"}, **HTMX
            )
        assert "goal-progress" in oob_fragments(response.content.decode())
        return len(queries)

    client.force_login(ana)
    assert queries_for_a_tick(2) == queries_for_a_tick(20)
