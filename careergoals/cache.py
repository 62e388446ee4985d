"""The Django cache on Redis, forgiving when Redis is away.

The cache holds only what may be lost: allauth's rate-limit counters (failed sign-ins,
password resets) and its marks of TOTP codes already used. When Redis does not answer,
every read answers "nothing cached" and every write is dropped, so sign-in and every
page keep working, without rate limits, until Redis is back: allow and log (see
docs/architecture.md, "When Redis is down"). After a failure Redis is left alone for a
few seconds, so a request pays the connection timeout once, not once per cache call.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class ForgivingRedisCache(RedisCache):
    pause_seconds = 10.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0

    def _try(self, operation: str, fallback, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except UNREACHABLE as error:
            self._down_until = time.monotonic() + self.pause_seconds
            log.warning(
                "cache unreachable (%s); rate limits are off for the next %ss: %s",
                operation,
                self.pause_seconds,
                error,
            )
            return fallback

    def get(self, key, default=None, version=None):
        return self._try("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._try("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._try("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # "Stored": allauth's rate-limit lock is taken and a TOTP code counts as unused.
        return self._try("add", True, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try("set_many", [], data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._try("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._try("delete_many", None, keys, version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        value = self._try("incr", missing, key, delta, version)
        if value is missing:
            raise ValueError(f"Key '{key}' not found")  # what an empty cache answers
        return value

    def clear(self):
        return self._try("clear", False)
