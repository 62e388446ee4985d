"""The personal calendar feed: whose it is, and whether a secret opens it.

Making a feed (or a new secret) is a write: ``services.feed_regenerate`` and
``services.feed_get_or_create``."""

import hmac
import uuid

from accountability.models import CalendarFeed
from accountability.models.calendar import hash_feed_secret

__all__ = ["calendar_feed_of", "calendar_feed_secret_is_current", "feed_by_secret"]


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
