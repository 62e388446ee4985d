import datetime
import os
import re
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from careergoals.users.models import User
from goals import services as goal_services
from goals.models import Goal

PASSWORD = "correct horse battery staple 42"

# In CI every real service must be there: a missing one fails instead of skipping.
REQUIRE_SERVICES = os.environ.get("CAREERGOALS_REQUIRE_SERVICES") == "1"


def need(condition: bool, reason: str) -> None:
    """Skip on a laptop without the service; fail in CI, where it must be present."""
    if condition:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A German request leaves German active in this thread: each test starts in English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def redis_url():
    need(bool(settings.REDIS_URL), "REDIS_URL is not set")
    return settings.REDIS_URL


@pytest.fixture
def make_user(db):
    def make(email="ana@example.org", password=PASSWORD, verified=True, **fields):
        user = User.objects.create_user(email=email, password=password, **fields)
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
        return user

    return make


@pytest.fixture
def ana(make_user):
    return make_user(email="ana@example.org", display_name="Ana")


def links_in(message) -> list[str]:
    return re.findall(r"https?://[^\s\"'<>]+", message.body)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


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
        return goal_services.goal_create(owner=owner, **values)

    return make


@pytest.fixture
def bob(make_user):
    return make_user(email="bob@example.org", display_name="Bob")


@pytest.fixture
def carol(make_user):
    """A stranger to ana and bob."""
    return make_user(email="carol@example.org", display_name="Carol")


@pytest.fixture
def dave(make_user):
    """Another person (in buddy tests, a buddy of ana's who isn't shown what bob is)."""
    return make_user(email="dave@example.org", display_name="Dave")


@pytest.fixture
def goal(ana, make_goal):
    return make_goal(ana)
