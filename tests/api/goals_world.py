"""What the goals API tests share: the people, a buddy's shared goal, and query counting."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accountability import services as buddies
from goals import services
from goals.models import Goal

API = "/api/v1"


# Imported by the tests under its fixture name (``shared_goal``).
@pytest.fixture(name="shared_goal")
def shared_goal_fixture(ana, bob, make_goal):
    """One of Ana's goals, shared with all her buddies; Bob is her buddy."""
    buddies.partnership_create(a=ana, b=bob)
    goal = make_goal(ana, statement="Give three talks at meetups")
    return buddies.goal_set_visibility(goal=goal, visibility=Goal.Visibility.BUDDIES)


def add_steps(goal, *titles, today):
    return [
        services.micro_goal_create(
            goal=goal, title=title, deadline=today + datetime.timedelta(days=10 + n)
        )
        for n, title in enumerate(titles)
    ]


def check_in(goal, value, today):
    return services.check_in_create(goal=goal, value=Decimal(value), recorded_on=today)


class GoalQueries(CaptureQueriesContext):
    """The queries of a request that touch the goals app's tables (not the token's, session's
    or rate limit's, which careergoals.api owns and tests)."""

    def __init__(self):
        super().__init__(connection)

    @property
    def goal_queries(self) -> list[str]:
        return [q["sql"] for q in self.captured_queries if '"goals_' in q["sql"]]

    @property
    def writes(self) -> list[str]:
        return [
            q["sql"]
            for q in self.captured_queries
            if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
            and '"goals_' in q["sql"]
        ]


def error_fields(response) -> set[str]:
    assert response.status_code == 422, response.content
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert body["detail"]
    return set(body["errors"])
