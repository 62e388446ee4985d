"""The personal calendar feed: one secret address per person; a new secret revokes the old.

The secret is stored hashed, so the address can be shown only when it is made."""

from django.db import transaction
from django.utils import timezone

from accountability.models import CalendarFeed
from accountability.selectors import calendar_feed_of

__all__ = ["feed_get_or_create", "feed_regenerate"]


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


def feed_get_or_create(*, user) -> CalendarFeed:
    """This person's feed; one is made on first use (then ``feed.secret`` holds its secret).

    A write, so it lives here; ``selectors.calendar_feed_of`` only reads."""
    return calendar_feed_of(user=user) or feed_regenerate(user=user)
