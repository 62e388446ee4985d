import os
import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.cache import cache

from careergoals.users.models import User

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
