from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accountability.models import MAX_BUDDIES, GoalShare, Partnership
from goals import reminders
from goals.models import Goal

__all__ = ["active_partnership", "partnership_create", "partnership_end"]


def active_partnership(a, b) -> Partnership | None:
    return Partnership.objects.active().between(a, b).first()


def _check_room(user) -> None:
    if Partnership.objects.active().of(user).count() >= MAX_BUDDIES:
        raise ValidationError(
            f"{user.name} already has {MAX_BUDDIES} buddies: a small circle works best. "
            "End a partnership first to make room."
        )


def _lock_people(*people) -> None:
    """Lock both people's rows, lowest id first, until the transaction ends.

    Two acceptances that involve the same person then run one after the other, so the
    second one counts the first one's partnership and the cap of five holds."""
    pks = sorted({person.pk for person in people})
    list(get_user_model().objects.select_for_update().filter(pk__in=pks).order_by("pk"))


@transaction.atomic
def partnership_create(*, a, b) -> Partnership:
    if a.pk == b.pk:
        raise ValidationError("You can’t be your own buddy.")
    _lock_people(a, b)
    if active_partnership(a, b):
        raise ValidationError("You are already buddies.")
    _check_room(a)
    _check_room(b)
    low, high = sorted([a, b], key=lambda user: user.pk)
    try:
        with transaction.atomic():
            partnership = Partnership.objects.create(user_low=low, user_high=high)
    except IntegrityError:  # the other side accepted an invitation at the same moment
        raise ValidationError("You are already buddies.") from None
    _rearm_buddy_heads_ups(partnership)
    return partnership


def _rearm_buddy_heads_ups(partnership: Partnership) -> None:
    """A new or ended pair changes who gets heads-ups on goals shared with all buddies."""
    for user in partnership.members():
        for goal in Goal.objects.filter(owner=user, buddy_reminders=True):
            goal.owner = user
            reminders.arm_goal(goal)


@transaction.atomic
def partnership_end(*, partnership: Partnership, by) -> Partnership:
    """End it now: access to each other's goals goes with it."""
    if not partnership.includes(by):
        raise ValidationError("Only the two buddies can end a partnership.")
    if partnership.ended_at is None:
        partnership.ended_at = timezone.now()
        partnership.ended_by = by
        partnership.save(update_fields=["ended_at", "ended_by"])
        # Chosen shares between the two go too, so a later reunion starts private.
        for owner, other in (
            (partnership.user_low, partnership.user_high),
            (partnership.user_high, partnership.user_low),
        ):
            GoalShare.objects.filter(goal__in=Goal.objects.filter(owner=owner), user=other).delete()
        _rearm_buddy_heads_ups(partnership)
    return partnership
