"""How the roadmap says when: honest about months and years, and "Achieved <date>" once reached."""

import datetime

import pytest
from django.urls import reverse

from careergoals.users.timezones import user_today
from goals import services
from goals.models import Goal
from goals.roadmap import roadmap_layout

TODAY = datetime.date(2026, 3, 1)
NB = "\xa0"  # a number stays on the line of its unit


def when(target: datetime.date) -> str:
    goal = Goal(pk=1, statement="A goal", category=Goal.Category.KNOWLEDGE, target_date=target)
    (item,) = roadmap_layout(goals=[goal], today=TODAY).rows[0].items
    return item.when


@pytest.mark.parametrize(
    ("target", "words"),
    [
        (TODAY, "today"),
        (datetime.date(2026, 3, 2), "tomorrow"),
        (datetime.date(2026, 2, 28), "yesterday"),
        (datetime.date(2026, 3, 31), f"in 30{NB}days"),  # still short of a calendar month
        (datetime.date(2026, 4, 1), f"in 1{NB}month"),
        (datetime.date(2026, 4, 15), f"in 1{NB}month"),  # 1 month 14 days: the nearer month
        (datetime.date(2026, 4, 16), f"in 2{NB}months"),  # 1 month 15 days rounds up
        (datetime.date(2027, 2, 1), f"in 11{NB}months"),
        (datetime.date(2027, 3, 1), f"in 1{NB}year"),
        (datetime.date(2027, 5, 1), f"in 1{NB}year 2{NB}months"),  # 14 months, not "1 year"
        (datetime.date(2027, 11, 1), f"in 1{NB}year 8{NB}months"),  # 20 months, not "2 years"
        (datetime.date(2028, 2, 20), f"in 2{NB}years"),  # 23 months 19 days: about 2 years
        (datetime.date(2028, 3, 1), f"in 2{NB}years"),
        (datetime.date(2028, 8, 1), f"in about 2{NB}years"),  # 2 years 5 months
        (datetime.date(2028, 9, 1), f"in about 3{NB}years"),  # 2 years 6 months
        (datetime.date(2029, 3, 1), f"in 3{NB}years"),
        (datetime.date(2036, 3, 1), f"in 10{NB}years"),
        (datetime.date(2026, 2, 10), f"19{NB}days ago"),
        (datetime.date(2026, 2, 1), f"1{NB}month ago"),
        (datetime.date(2024, 7, 1), f"1{NB}year 8{NB}months ago"),
        (datetime.date(2023, 3, 1), f"3{NB}years ago"),
    ],
)
def test_when_is_said_honestly(target, words):
    assert when(target) == words


def test_from_the_end_of_a_month():
    # 31 January plus one month is 28 February: a month has passed, not 28 days.
    goal = Goal(pk=1, category=Goal.Category.KNOWLEDGE, target_date=datetime.date(2026, 2, 28))
    (item,) = roadmap_layout(goals=[goal], today=datetime.date(2026, 1, 31)).rows[0].items
    assert item.when == f"in 1{NB}month"


def test_an_achieved_goal_carries_the_day_it_was_reached():
    reached = datetime.datetime(2026, 2, 10, 12, tzinfo=datetime.UTC)
    goal = Goal(
        pk=1,
        category=Goal.Category.KNOWLEDGE,
        target_date=datetime.date(2026, 6, 1),
        status=Goal.Status.ACHIEVED,
        achieved_at=reached,
    )
    (item,) = roadmap_layout(goals=[goal], today=TODAY).rows[0].items
    assert item.achieved_on == datetime.date(2026, 2, 10)
    assert not item.is_overdue


@pytest.mark.django_db
def test_the_page_says_achieved_on_instead_of_due(client, ana, make_goal, today):
    reached = make_goal(
        ana, statement="Lead a project", target_date=today.replace(year=today.year + 1)
    )
    services.goal_activate(goal=reached)
    services.goal_achieve(goal=reached)
    make_goal(ana, statement="Open goal", target_date=today + datetime.timedelta(days=400))
    client.force_login(ana)
    html = client.get(reverse("goals:roadmap")).content.decode()
    reached_day = user_today(ana)
    assert (
        f'Achieved <time datetime="{reached_day:%Y-%m-%d}">{reached_day:%-d %b %Y}</time>' in html
    )
    assert html.count("Due <time") == 1  # only the open goal
    assert ">Achieved</span>" not in html  # no "Due … · Achieved" badge
