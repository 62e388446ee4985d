"""The personal calendar feed: one secret address per person; a new secret revokes the old.

The secret is stored hashed, so the address can be shown only when it is made.

Every write that changes what a feed holds calls `calendar_changed` in its transaction: the
feeds concerned get a new version, so their ETag changes and calendar apps fetch them again
(an unchanged feed answers 304 from that one number)."""

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from accountability.models import CalendarFeed, Partnership
from accountability.selectors import calendar_feed_of

__all__ = ["calendar_changed", "calendar_goals_changed", "feed_get_or_create", "feed_regenerate"]


def calendar_changed(*, people=(), with_buddies_of=None) -> None:
    """What the calendar feeds of ``people`` hold changed (users or ids), and, when
    ``with_buddies_of`` is given, that person's and their current buddies' too (their goals,
    steps or shares changed, which buddies see). One UPDATE; people without a feed cost nothing.
    """
    ids = {getattr(person, "pk", person) for person in people}
    who = Q(user_id__in=ids)
    if with_buddies_of is not None:
        owner = getattr(with_buddies_of, "pk", with_buddies_of)
        who |= Q(user_id=owner) | Q(user_id__in=Partnership.objects.buddy_ids_of(owner))
    CalendarFeed.objects.filter(who).update(version=F("version") + 1, changed_at=timezone.now())


def calendar_goals_changed(*, owner_id: int) -> None:
    """goals' `on changed` hook: a person's goals or steps changed, which buddies may see."""
    calendar_changed(with_buddies_of=owner_id)


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
