"""The admin opens every goals model: list, search, one object, and the add form."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from goals import services
from goals.models import Celebration, CheckIn, Goal, GoalChange, MicroGoal, VisionAnswer
from goals.models.vision import VisionPrompt

pytestmark = pytest.mark.django_db

MODELS = (VisionAnswer, Goal, GoalChange, MicroGoal, CheckIn, Celebration)


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user(email="admin@example.org", is_staff=True, is_superuser=True))
    return client


def add_one_of_each(owner, make_goal, today, number: int = 0) -> None:
    answer = services.vision_answer_save(
        owner=owner, prompt=VisionPrompt.SUCCESS, text=f"Lead team {number}."
    )
    goal = make_goal(owner, vision_answer=answer)
    services.micro_goal_create(goal=goal, title="Ask for the Acme project")
    services.check_in_create(
        goal=goal, value=Decimal("1"), recorded_on=today - datetime.timedelta(days=1)
    )
    services.goal_achieve(goal=goal)


@pytest.fixture
def one_of_each(ana, make_goal, today):
    add_one_of_each(ana, make_goal, today)


def url(model, action: str, *args) -> str:
    return reverse(f"admin:goals_{model._meta.model_name}_{action}", args=args)


@pytest.mark.usefixtures("one_of_each")
@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_admin_pages_open(admin_client, model):
    obj = model.objects.get() if model is not GoalChange else model.objects.first()

    assert admin_client.get(url(model, "changelist")).status_code == 200
    searched = admin_client.get(url(model, "changelist"), {"q": "ana@example"})
    assert searched.status_code == 200
    assert searched.context["cl"].result_count >= 1
    assert admin_client.get(url(model, "change", obj.pk)).status_code == 200
    assert admin_client.get(url(model, "add")).status_code == 200


def test_admin_is_for_staff_only(client, ana):
    client.force_login(ana)
    response = client.get(url(Goal, "changelist"))
    assert response.status_code == 302


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_admin_lists_cost_the_same_at_any_size(admin_client, ana, make_goal, today, model):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert admin_client.get(url(model, "changelist")).status_code == 200
        return len(context)

    add_one_of_each(ana, make_goal, today)
    small = queries()
    for number in range(1, 8):
        add_one_of_each(ana, make_goal, today, number)
    assert queries() == small
