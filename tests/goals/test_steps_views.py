"""Steps in place: htmx fragments for the owner, plain redirects without JS, 404 for others."""

import datetime

import pytest
from django.urls import reverse

from goals import services
from goals.models import MicroGoal

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def step(goal):
    return services.micro_goal_create(goal=goal, title="Ask for the Atlas project")


def test_add_step_in_place(client, ana, goal, today):
    client.force_login(ana)
    response = client.post(
        reverse("step_create", args=[goal.pk]),
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
    response = client.post(reverse("step_create", args=[goal.pk]), {"title": "Plan"})
    assert response.status_code == 302
    assert response.url == goal.get_absolute_url() + "#steps"


def test_bad_step_keeps_input(client, ana, goal):
    client.force_login(ana)
    response = client.post(
        reverse("step_create", args=[goal.pk]),
        {"title": "", "deadline": "31/31/2020", "action_plan": "Keep me"},
        **HTMX,
    )
    html = response.content.decode()
    assert "This field is required." in html
    assert "Enter a valid date." in html
    assert "Keep me" in html
    assert not goal.micro_goals.exists()
    # Without JS, the same errors on a page of their own.
    page = client.post(reverse("step_create", args=[goal.pk]), {"title": "x" * 500})
    assert page.status_code == 200
    assert "at most 200 characters" in page.content.decode()


def test_step_after_goal_deadline_is_flagged(client, ana, goal):
    services.micro_goal_create(
        goal=goal, title="Late", deadline=goal.target_date + datetime.timedelta(days=5)
    )
    client.force_login(ana)
    assert "After the goal’s deadline" in client.get(goal.get_absolute_url()).content.decode()


def test_tick_done_and_back(client, ana, step):
    client.force_login(ana)
    url = reverse("step_status", args=[step.pk])
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
    response = client.post(reverse("step_status", args=[step.pk]), {"status": "done"}, follow=True)
    assert "Step done. Nice work!" in response.content.decode()


def test_edit_inline_and_cancel(client, ana, step):
    client.force_login(ana)
    form = client.get(reverse("step_edit", args=[step.pk]), **HTMX).content.decode()
    assert 'name="title"' in form
    row = client.get(reverse("step_row", args=[step.pk]), **HTMX).content.decode()
    assert "Ask for the Atlas project" in row
    saved = client.post(
        reverse("step_edit", args=[step.pk]), {"title": "Ask for Beacon instead"}, **HTMX
    )
    assert "Ask for Beacon instead" in saved.content.decode()


def test_move_and_delete(client, ana, goal, step):
    second = services.micro_goal_create(goal=goal, title="Second")
    client.force_login(ana)
    client.post(reverse("step_move", args=[second.pk]), {"direction": "up"}, **HTMX)
    assert list(goal.micro_goals.values_list("title", flat=True)) == [
        "Second",
        "Ask for the Atlas project",
    ]
    client.post(reverse("step_delete", args=[step.pk]), **HTMX)
    assert list(goal.micro_goals.values_list("title", flat=True)) == ["Second"]


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("step_row", "get"),
        ("step_edit", "get"),
        ("step_edit", "post"),
        ("step_status", "post"),
        ("step_move", "post"),
        ("step_delete", "post"),
    ],
)
def test_someone_elses_step_is_404(client, bob, step, name, method):
    client.force_login(bob)
    response = getattr(client, method)(reverse(name, args=[step.pk]), {"status": "done"})
    assert response.status_code == 404
    step.refresh_from_db()
    assert step.status == "todo"


@pytest.mark.parametrize("name", ["step_row", "step_edit", "step_status", "step_delete"])
def test_anonymous_step_urls_send_to_sign_in(client, step, name):
    response = client.post(reverse(name, args=[step.pk]))
    assert response.status_code in (302, 405)
    assert MicroGoal.objects.filter(pk=step.pk).exists()
