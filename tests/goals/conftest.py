import datetime
from decimal import Decimal

import pytest

from goals import services
from goals.models import Goal


@pytest.fixture
def today():
    return datetime.date.today()


@pytest.fixture
def make_goal(today):
    """A goal through the service, SMART by default; override any field."""

    def make(owner, **fields):
        values = {
            "statement": "Lead two client projects end to end",
            "category": Goal.Category.RESPONSIBILITY,
            "horizon": Goal.Horizon.ONE_YEAR,
            "target_date": today + datetime.timedelta(days=200),
            "metric_name": "Projects led",
            "metric_unit": "projects",
            "baseline": Decimal("0"),
            "target": Decimal("2"),
            "confidence": 4,
            "relevance": "Leading projects is the path to a team lead role.",
        } | fields
        return services.goal_create(owner=owner, **values)

    return make


@pytest.fixture
def bob(make_user):
    return make_user(email="bob@example.org", display_name="Bob")


@pytest.fixture
def goal(ana, make_goal):
    return make_goal(ana)
