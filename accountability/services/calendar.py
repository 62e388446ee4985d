"""The personal calendar feed: one secret address per person; a new secret revokes the old."""

import hmac
import uuid

from django.db import transaction
from django.utils import timezone

from accountability.models import CalendarFeed
from accountability.models.calendar import new_feed_secret

__all__ = ["feed_by_secret", "feed_for", "feed_regenerate"]


def feed_for(user) -> CalendarFeed:
    """This person's feed, created on first use."""
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def feed_regenerate(*, user) -> CalendarFeed:
    """A new secret: calendar apps that use the old address get nothing from now on."""
    feed_for(user)
    feed = CalendarFeed.objects.select_for_update().get(user=user)
    feed.secret = new_feed_secret()
    feed.rotated_at = timezone.now()
    feed.save(update_fields=["secret", "rotated_at"])
    return feed


def feed_by_secret(public_id: uuid.UUID, secret: str) -> CalendarFeed | None:
    """The feed behind an address, or None when the secret is wrong or was replaced."""
    if not secret or len(secret) > 100:
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(public_id=public_id, user__is_active=True)
        .first()
    )
    if feed is None or not hmac.compare_digest(feed.secret.encode(), secret.encode()):
        return None
    return feed
