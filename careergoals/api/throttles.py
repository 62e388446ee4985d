"""Rate limits: per token, or per signed-in person for a session; reads and writes apart.

A fixed window counted in the shared cache (Redis in production): one ``incr`` per request.
With the cache away the request goes through (``ForgivingRedisCache``: rate limits are off
until Redis is back, as for sign-in). Limits come from ``settings.API_RATE_LIMITS``.
"""

import math
import threading
import time

from django.conf import settings
from django.core.cache import cache
from ninja.throttling import BaseThrottle

from careergoals.users.models import AccessToken

from .auth import SAFE_METHODS

DEFAULT_RATE_LIMITS = {"read": "300/min", "write": "60/min"}
_PERIODS = {"s": 1, "sec": 1, "min": 60, "h": 3600, "hour": 3600, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"60/min"`` → (60, 60): so many requests per so many seconds."""
    count, period = rate.split("/", 1)
    return int(count), _PERIODS[period]


class PersonRateThrottle(BaseThrottle):
    """``kind`` "read" counts GET/HEAD/OPTIONS, "write" counts the rest."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._local = threading.local()  # one instance serves every thread's requests

    def _ident(self, request) -> str:
        auth = getattr(request, "auth", None)
        if isinstance(auth, AccessToken):
            return f"token:{auth.pk}"
        return f"user:{request.user.pk}"

    def allow_request(self, request) -> bool:
        if (request.method in SAFE_METHODS) != (self.kind == "read"):
            return True
        rates = getattr(settings, "API_RATE_LIMITS", DEFAULT_RATE_LIMITS)
        limit, period = parse_rate(rates[self.kind])
        now = time.time()
        window = int(now // period)
        key = f"api-rate:{self.kind}:{self._ident(request)}:{period}:{window}"
        self._local.wait = (window + 1) * period - now
        cache.add(key, 0, timeout=period + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # the cache is away: allow
            return True
        return count <= limit

    def wait(self) -> float | None:
        wait = getattr(self._local, "wait", None)
        return None if wait is None else float(math.ceil(wait))
