"""Tests: the suite runs on whatever DATABASE_URL / REDIS_URL point at (Postgres + Redis in CI)."""

from .base import *  # noqa: F403
from .base import REDIS_URL, STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if not REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions as a site with Redis keeps them (read from the cache), whatever the cache is here:
# the query counts the tests assert are a Redis site's.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# N+1 detection: a request that loads related rows one by one fails the test.
INSTALLED_APPS = [*INSTALLED_APPS, "zeal"]  # noqa: F405
MIDDLEWARE = [*MIDDLEWARE, "zeal.middleware.zeal_middleware"]  # noqa: F405
ZEAL_RAISE = True
# allauth looks an address up more than once while confirming it: not our code, not a loop.
ZEAL_ALLOWLIST = [{"model": "account.EmailAddress"}]
