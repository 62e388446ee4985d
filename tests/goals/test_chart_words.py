"""What the progress chart says, to whom: closed goals are not measured against a plan, and a
buddy reads about the owner by name, never "you"."""

import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse

from accountability import services as buddy_services
from careergoals.users.models import User
from careergoals.users.timezones import user_today
from goals import services
from goals.charts import progress_chart
from goals.models import CheckIn, Goal

CREATED = datetime.date(2025, 1, 1)
DEADLINE = datetime.date(2025, 7, 20)
PACE_WORDS = ("expects", "behind", "ahead", "on track", "on it")


def day(offset: int) -> datetime.date:
    return CREATED + datetime.timedelta(days=offset)


def make_goal(**fields) -> Goal:
    values = {
        "pk": 7,
        "owner_id": 1,
        "statement": "Lead two client projects end to end",
        "metric_name": "Projects led",
        "metric_unit": "projects",
        "baseline": Decimal("0"),
        "target": Decimal("2"),
        "target_date": DEADLINE,
        "status": Goal.Status.ACTIVE,
    } | fields
    goal = Goal(**values)
    goal.created_at = datetime.datetime(2025, 1, 1, 12, tzinfo=datetime.UTC)
    return goal


def achieved(offset: int, **fields) -> Goal:
    reached = datetime.datetime.combine(day(offset), datetime.time(12), tzinfo=datetime.UTC)
    return make_goal(status=Goal.Status.ACHIEVED, achieved_at=reached, **fields)


def check_ins(*pairs) -> list[CheckIn]:
    return [
        CheckIn(pk=n, recorded_on=day(offset), value=Decimal(value), note="")
        for n, (offset, value) in enumerate(pairs, start=1)
    ]


def marks(chart, kind: str) -> list:
    root = ET.fromstring(str(chart.svg))  # noqa: S314  our own output
    return [el for el in root.iter() if el.get("class") == f"chart-{kind}"]


def description(chart) -> str:
    root = ET.fromstring(str(chart.svg))  # noqa: S314  our own output
    return root.find("{http://www.w3.org/2000/svg}desc").text


def assert_no_plan(chart):
    for words in (chart.summary, description(chart)):
        assert not any(w in words.lower() for w in PACE_WORDS), words
    assert not marks(chart, "on-track") and not marks(chart, "today")
    assert (chart.has_on_track, chart.has_today) == (False, False)
    assert marks(chart, "target") and marks(chart, "deadline")


# --- A reached goal -----------------------------------------------------------------------


def test_a_goal_reached_today_without_check_ins_says_when_not_what_is_expected():
    # Created months ago, reached today: no "the target is", no on-track line, no Today.
    chart = progress_chart(goal=achieved(150), check_ins=[], today=day(150))
    assert chart.summary == (
        "Reached on 31 May 2025. Projects led: no check-ins were recorded; "
        "the target was 2 projects."
    )
    assert description(chart).startswith(chart.summary)
    assert_no_plan(chart)


def test_a_goal_reached_days_ago_gives_the_last_value():
    chart = progress_chart(
        goal=achieved(150), check_ins=check_ins((20, "0.5"), (140, "1")), today=day(158)
    )
    assert chart.summary == (
        "Reached on 31 May 2025. Projects led: 1 of 2 projects at the last check-in."
    )
    assert_no_plan(chart)
    assert len(marks(chart, "point")) == 2


def test_a_reached_decreasing_goal():
    goal = achieved(
        100,
        metric_name="Overtime",
        metric_unit="hours a week",
        baseline=Decimal("20"),
        target=Decimal("5"),
    )
    chart = progress_chart(goal=goal, check_ins=check_ins((90, "5")), today=day(300))
    assert chart.summary == (
        "Reached on 11 Apr 2025. Overtime: 5 hours a week at the last check-in, "
        "aiming down from 20 to 5."
    )
    assert_no_plan(chart)


def test_a_reached_goal_past_its_deadline_stays_quiet_about_the_deadline():
    chart = progress_chart(goal=achieved(250), check_ins=check_ins((240, "2")), today=day(400))
    assert "deadline was" not in chart.summary
    assert chart.summary.startswith("Reached on 8 Sep 2025.")


# --- A goal let go ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pairs", "where"),
    [
        ([(20, "0.5")], "Projects led: 0.5 of 2 projects at the last check-in."),
        ([], "Projects led: no check-ins were recorded; the target was 2 projects."),
    ],
)
def test_a_goal_let_go_is_not_behind_or_ahead(pairs, where):
    goal = make_goal(status=Goal.Status.ABANDONED)
    chart = progress_chart(goal=goal, check_ins=check_ins(*pairs), today=day(100))
    assert chart.summary == f"You let this goal go. {where}"
    assert_no_plan(chart)


# --- Whose goal the words speak of --------------------------------------------------------


@pytest.fixture
def people():
    ana = User(pk=1, email="ana@example.org", display_name="Ana")
    bob = User(pk=2, email="bob@example.org", display_name="Bob")
    return ana, bob


def owned_by(ana, **fields) -> Goal:
    goal = make_goal(**fields)
    goal.owner = ana
    return goal


@pytest.mark.parametrize(
    ("latest", "verdict"),
    [("0.5", "behind it"), ("1", "on it"), ("1.5", "ahead of it")],
)
def test_the_pace_speaks_to_the_owner_and_of_the_owner_to_a_buddy(people, latest, verdict):
    ana, bob = people
    goal, pairs = owned_by(ana), check_ins((90, latest))
    to_ana = progress_chart(goal=goal, check_ins=pairs, today=day(100), viewer=ana)
    to_bob = progress_chart(goal=goal, check_ins=pairs, today=day(100), viewer=bob)
    assert f"; you are {verdict}." in to_ana.summary
    assert f"; Ana is {verdict}." in to_bob.summary
    assert "you" not in to_bob.summary.lower()
    assert f"Ana is {verdict}" in description(to_bob)


def test_a_buddy_reads_that_the_owner_let_the_goal_go(people):
    ana, bob = people
    goal = owned_by(ana, status=Goal.Status.ABANDONED)
    chart = progress_chart(goal=goal, check_ins=[], today=day(100), viewer=bob)
    assert chart.summary.startswith("Ana let this goal go.")


# --- Through the goal page ----------------------------------------------------------------


@pytest.mark.django_db
def test_the_goal_page_speaks_of_ana_to_bob_and_to_ana_as_you(client, ana, bob, make_goal):
    goal = make_goal(ana)
    Goal.objects.filter(pk=goal.pk).update(
        created_at=goal.created_at - datetime.timedelta(days=100)
    )
    services.check_in_create(goal=goal, value=Decimal("0"), recorded_on=user_today(ana), note="")
    buddy_services.partnership_create(a=ana, b=bob)
    buddy_services.goal_set_visibility(goal=goal, visibility="buddies")
    client.force_login(bob)
    html = client.get(goal.get_absolute_url()).content.decode()
    assert "Ana is behind it" in html
    assert "you are behind it" not in html
    client.force_login(ana)
    assert "you are behind it" in client.get(goal.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_the_page_of_a_reached_goal_shows_no_today_or_on_track(client, ana, make_goal):
    goal = make_goal(ana)
    Goal.objects.filter(pk=goal.pk).update(
        created_at=goal.created_at - datetime.timedelta(days=100)
    )
    services.goal_activate(goal=goal)
    services.goal_achieve(goal=goal)
    client.force_login(ana)
    html = client.get(reverse("goals:goal_detail", args=[goal.pk])).content.decode()
    assert f"Reached on {user_today(ana):%-d %b %Y}." in html
    assert "chart-swatch-today" not in html and "chart-swatch-on-track" not in html
    assert "expects" not in html
