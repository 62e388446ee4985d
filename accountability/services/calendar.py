"""The personal calendar feed: one secret address per person; a new secret revokes the old.

The secret is stored hashed, so the address can be shown only when it is made."""

import hmac
import uuid

from django.db import transaction
from django.utils import timezone

from accountability.models import CalendarFeed
from accountability.models.calendar import hash_feed_secret

__all__ = ["feed_by_secret", "feed_for", "feed_regenerate"]


@transaction.atomic
def feed_regenerate(*, user) -> CalendarFeed:
    """Make this person's address, or a new one: apps that use the old one get nothing now.

    The returned feed carries the raw secret in ``feed.secret``, this once."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if feed is None:
        feed = CalendarFeed(user=user)
        feed.issue_secret()
        feed.save()
        return feed
    feed.issue_secret()
    feed.rotated_at = timezone.now()
    feed.save(update_fields=["secret_hash", "rotated_at"])
    return feed


def feed_for(user) -> CalendarFeed:
    """This person's feed; one is made on first use (then ``feed.secret`` holds its secret)."""
    return CalendarFeed.objects.filter(user=user).first() or feed_regenerate(user=user)


def feed_by_secret(public_id: uuid.UUID, secret: str) -> CalendarFeed | None:
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
