"""Start from an example: the picker, the goal form opened with it, the SMART check naming
what is still the example's, and the goal saved with its steps dated from today."""

import datetime

import pytest
from django.urls import reverse

from careergoals.notifications.models import ScheduledReminder
from careergoals.users.timezones import user_today
from goals.models import Goal, GoalExample

pytestmark = pytest.mark.django_db

SLUG = "earnings-raise-at-review"


@pytest.fixture
def example():
    return GoalExample.objects.get(slug=SLUG)


@pytest.fixture
def signed_in(client, ana):
    client.force_login(ana)
    return client


def start_url(example) -> str:
    return reverse("goals:example_use", args=[example.pk])


def filled_in(example, today, **changes) -> dict:
    """What the form posts once the person made it their own."""
    return {
        "statement": "Negotiate a base salary of 62000 EUR at my next pay review.",
        "category": example.category,
        "horizon": "1",
        "target_date": (today + datetime.timedelta(weeks=16)).isoformat(),
        "metric_name": "Yearly base salary",
        "metric_unit": "EUR",
        "baseline": "55000",
        "target": "62000",
        "confidence": "4",
        "relevance": "Pay that matches what I now do.",
        "attainability_notes": "",
        "vision_answer": "",
        "steps": [str(step.pk) for step in example.steps.all()],
    } | changes


def test_the_new_goal_page_offers_the_examples(signed_in):
    page = signed_in.get(reverse("goals:goal_create"))
    assert reverse("goals:example_list") in page.text


def test_the_picker_shows_the_library_by_category(signed_in):
    page = signed_in.get(reverse("goals:example_list"))
    assert page.status_code == 200
    for heading in ("Increase earnings", "Knowledge and training", "Power and responsibility"):
        assert heading in page.text
    assert "Ask for a raise at your next review" in page.text

    one = signed_in.get(reverse("goals:example_list"), {"category": "knowledge"})
    assert "Pass a professional certification" in one.text
    assert "Ask for a raise at your next review" not in one.text
    assert 'aria-current="page"' in one.text


def test_an_unknown_category_shows_them_all(signed_in):
    page = signed_in.get(reverse("goals:example_list"), {"category": "<b>nope"})
    assert page.status_code == 200 and "Ask for a raise at your next review" in page.text


def test_the_form_opens_with_the_example_and_says_what_to_make_your_own(signed_in, example):
    page = signed_in.get(start_url(example))
    today = datetime.date.today()

    assert page.status_code == 200
    form = page.context["form"]
    assert form["statement"].value() == example.statement
    assert form["target"].value() == "[your number]"
    assert form["target_date"].value() == today + datetime.timedelta(weeks=16)
    smart = page.context["smart"]
    hint = "Make it yours: replace “[your number]” with your own words or number."
    assert smart["S"].hint == hint
    assert "Put your own numbers in place of “[your number]”" in smart["M"].hint
    assert "Make it yours: replace" in page.text
    # Each step with the date it will get.
    week_2 = (today + datetime.timedelta(days=14)).strftime("%a %-d %b %Y")
    assert "Book a 1:1 with your manager about your growth" in page.text
    assert f"Week 2 · due {week_2}" in page.text


def test_the_live_smart_check_names_the_placeholder(signed_in, example):
    data = filled_in(example, datetime.date.today(), target="[your number]")
    panel = signed_in.post(reverse("goals:goal_smart_check"), data)
    assert "Put your own numbers in place of “[your number]”" in panel.text

    data = filled_in(example, datetime.date.today(), statement="Publish [your number] articles")
    panel = signed_in.post(reverse("goals:goal_smart_check"), data)
    assert "replace “[your number]” with your own words" in panel.text


def test_a_placeholder_left_in_is_refused_with_a_clear_message_and_nothing_lost(
    signed_in, example, ana
):
    today = user_today(ana)
    statement = "Negotiate a base salary of [your number] soon"
    data = filled_in(example, today, statement=statement, target="[your number]")
    data["steps"] = data["steps"][:2]

    page = signed_in.post(start_url(example), data)

    assert page.status_code == 200
    assert not Goal.objects.exists()
    errors = page.context["form"].errors
    assert errors["statement"] == ["Replace “[your number]” with your own words."]
    assert errors["target"] == ["Replace “[your number]” with your own number."]
    assert "Negotiate a base salary of [your number] soon" in page.text
    assert page.context["steps_form"]["steps"].value() == data["steps"]  # ticks kept


def test_saving_creates_the_goal_and_the_chosen_steps_dated_from_today(signed_in, example, ana):
    today = user_today(ana)
    steps = list(example.steps.all())
    data = filled_in(example, today, steps=[str(step.pk) for step in steps if step.position != 4])

    response = signed_in.post(start_url(example), data)

    goal = Goal.objects.get(owner=ana)
    assert response.status_code == 302 and response["Location"] == goal.get_absolute_url()
    assert goal.statement == data["statement"] and goal.target == 62000
    made = list(goal.micro_goals.all())
    assert [(step.title, step.deadline) for step in made] == [
        (step.title, today + datetime.timedelta(days=step.offset_days))
        for step in steps
        if step.position != 4
    ]
    assert made[1].helpers == "Your manager"
    # Through the services: the steps' reminders are planned, the history has the start.
    assert ScheduledReminder.objects.filter(item=f"step:{made[-1].pk}").exists()
    assert goal.changes.filter(field="created").exists()


def test_no_step_chosen_still_saves_the_goal(signed_in, example, ana):
    response = signed_in.post(start_url(example), filled_in(example, user_today(ana), steps=[]))
    assert response.status_code == 302
    assert Goal.objects.get(owner=ana).micro_goals.count() == 0


def test_a_step_of_another_example_is_refused_and_nothing_is_written(signed_in, example, ana):
    other = GoalExample.objects.exclude(pk=example.pk).first().steps.first()
    data = filled_in(example, user_today(ana), steps=[str(other.pk)])

    page = signed_in.post(start_url(example), data)

    assert page.status_code == 200 and not Goal.objects.exists()
    assert "That step is no longer part of the example. Reload the page." in page.text


def test_an_example_that_does_not_exist_is_404(signed_in):
    assert signed_in.get(reverse("goals:example_use", args=[999999])).status_code == 404


def test_the_picker_costs_the_same_however_many_examples(
    signed_in, ana, make_user, django_assert_max_num_queries
):
    def measure() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert signed_in.get(reverse("goals:example_list")).status_code == 200
        return len(queries)

    few = measure()
    from accountability import services as buddy_services
    from goals import services, services_examples

    for number in range(4):
        buddy = make_user(email=f"b{number}@example.org", display_name=f"B{number}")
        buddy_services.partnership_create(a=ana, b=buddy)
        goal = services.goal_create(owner=buddy, statement=f"Lead project number {number}")
        services.micro_goal_create(goal=goal, title="Plan it")
        services_examples.goal_example_save(
            goal=goal, by=buddy, title=f"Lead {number}", statement="Lead a project"
        )
    many = measure()

    assert many == few
    with django_assert_max_num_queries(few):
        signed_in.get(reverse("goals:example_list"), {"category": "responsibility"})
