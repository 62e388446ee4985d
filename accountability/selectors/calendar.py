"""The personal calendar feed: whose it is, whether a secret opens it, and what it holds.

Making a feed (or a new secret) is a write: ``services.feed_regenerate`` and
``services.feed_get_or_create``.

**What the feed holds**: open goals and open steps whose deadline is from 90 days ago
onwards, however far ahead, and review meetings from 90 days ago onwards (proposed, accepted
or held), the person's own and what current buddies share with them. Closed items and older
ones drop out, so a calendar app gets the live part of the plan, not its whole history.

**Validators**: the feed row carries a version that every write changing what feeds hold
bumps (``services.calendar_changed``, in the writing transaction). The ETag is made of that
version and the day it is where the person lives (the window moves daily), so telling an
unchanged feed costs the one query that finds it, whatever its size; Last-Modified is when
the version last changed (or that day's midnight, if later). The text itself is kept
gzipped in the cache under the ETag, so repeated fetches of a changed feed build it once.
"""

import datetime
import gzip
import hashlib
import hmac
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from accountability.calendar_events import calendar_events
from accountability.calendar_ics import build_ics
from accountability.models import CalendarFeed
from accountability.models.calendar import hash_feed_secret
from careergoals.users.timezones import user_today, user_zone

__all__ = [
    "FEED_PAST",
    "FeedState",
    "calendar_feed_of",
    "calendar_feed_secret_is_current",
    "feed_by_secret",
    "feed_gzipped",
    "feed_state",
]

FEED_PAST = datetime.timedelta(days=90)
# Change it when the feed's text changes shape (a new property, other words), so calendar
# apps holding the old ETag fetch the new text.
FEED_FORMAT = 2
FEED_CACHE_SECONDS = 60 * 60 * 24  # the ETag changes daily anyway


def calendar_feed_of(*, user) -> CalendarFeed | None:
    """This person's feed, or None if they never made one (nothing is made here)."""
    return CalendarFeed.objects.filter(user=user).first()


def calendar_feed_secret_is_current(*, feed: CalendarFeed, secret) -> bool:
    """Whether a secret (say, one kept in the session to show once) is the feed's current one."""
    if not isinstance(secret, str) or not secret:
        return False
    return hmac.compare_digest(feed.secret_hash, hash_feed_secret(secret))


def feed_by_secret(*, public_id: uuid.UUID, secret: str) -> CalendarFeed | None:
    """The feed behind an address, or None when the secret is wrong or was replaced."""
    if not secret or len(secret) > 100:
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(public_id=public_id, user__is_active=True)
        .first()
    )
    if feed is None or not hmac.compare_digest(feed.secret_hash, hash_feed_secret(secret)):
        return None
    return feed


@dataclass(frozen=True)
class FeedState:
    """What a conditional request is checked against, and the feed's window."""

    etag: str  # weak: the gzipped and the plain text are the same calendar
    last_modified: datetime.datetime
    since: datetime.date  # the first day the feed shows

    @property
    def cache_key(self) -> str:
        return f"calendar-feed:{self.etag[3:-1]}"


def feed_state(*, feed: CalendarFeed) -> FeedState:
    """The feed's validators, from the row ``feed_by_secret`` read: no query."""
    user = feed.user
    today = user_today(user)
    midnight = datetime.datetime.combine(today, datetime.time(), tzinfo=user_zone(user))
    # The feed is written in its owner's language: another language is another calendar.
    language = user.email_language
    parts = (FEED_FORMAT, settings.SITE_URL, settings.SITE_NAME, feed.pk, feed.version, today)
    parts += (language,) if language != settings.LANGUAGE_CODE else ()
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:32]
    return FeedState(
        etag=f'W/"{digest}"',
        last_modified=max(feed.changed_at, midnight).replace(microsecond=0),
        since=today - FEED_PAST,
    )


def feed_gzipped(*, feed: CalendarFeed, state: FeedState) -> bytes:
    """The feed's text, gzipped: from the cache, or built (three queries) and kept there."""
    body = cache.get(state.cache_key)
    if body is None:
        with translation.override(feed.user.email_language):  # read by a calendar app
            events = calendar_events(user=feed.user, start=state.since, end=None)
            text = build_ics(user=feed.user, events=events, stamp=state.last_modified)
        body = gzip.compress(text, compresslevel=6, mtime=0)
        cache.set(state.cache_key, body, FEED_CACHE_SECONDS)
    return body
