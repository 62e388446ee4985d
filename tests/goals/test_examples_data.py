"""A person's shared examples in "Your data": exported with their steps, imported back."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from goals import services_examples
from goals.account_data.services import account_import
from goals.models import GoalExample

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(ana, goal, today):
    from goals import services

    services.micro_goal_create(goal=goal, title="Book the kick-off")
    services.micro_goal_create(goal=goal, title="Write the plan")
    return services_examples.goal_example_save(
        goal=goal,
        by=ana,
        title="Lead projects",
        statement="Lead [your number] projects",
        note="Start small.",
    )


def export_of(client, user) -> dict:
    client.force_login(user)
    return client.get(reverse("goals:export_json")).json()


def test_the_export_holds_the_shared_examples_and_not_the_library(client, ana, shared):
    data = export_of(client, ana)

    assert [example["title"] for example in data["goal_examples"]] == ["Lead projects"]
    example = data["goal_examples"][0]
    assert (
        example["note"] == "Start small." and example["statement"] == "Lead [your number] projects"
    )
    assert [(s["title"], s["offset_days"]) for s in example["steps"]] == [
        ("Book the kick-off", 7),
        ("Write the plan", 14),
    ]


def test_a_buddy_s_example_is_not_in_the_export(client, bob, shared):
    assert export_of(client, bob)["goal_examples"] == []


def test_an_import_brings_them_back(client, ana, shared, make_user):
    data = export_of(client, ana)
    dana = make_user(email="dana@example.org", display_name="Dana")

    summary = account_import(user=dana, data=data)

    example = GoalExample.objects.get(owner=dana)
    assert (example.title, example.source, example.note) == (
        "Lead projects",
        "person",
        "Start small.",
    )
    assert [step.title for step in example.steps.all()] == ["Book the kick-off", "Write the plan"]
    assert example.created_at == shared.created_at
    assert "1 shared example" in summary.imported


def test_a_broken_example_imports_nothing_and_says_where(client, ana, shared, make_user):
    data = export_of(client, ana)
    data["goal_examples"][0]["steps"][1]["offset_days"] = 99999
    dana = make_user(email="dana@example.org", display_name="Dana")

    with pytest.raises(ValidationError) as error:
        account_import(user=dana, data=data)

    assert "goal_examples[0], steps[1]" in str(error.value)
    assert not GoalExample.objects.filter(owner=dana).exists()
