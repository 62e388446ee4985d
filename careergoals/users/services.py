"""Every write to a person's account."""

from django.db import transaction

from .models import User
from .signals import time_zone_changed


@transaction.atomic
def user_update_profile(
    *, user: User, display_name: str, timezone: str, language: str | None = None
) -> User:
    """Name and time zone; the language too when given (``None`` leaves it)."""
    moved = user.timezone != timezone
    user.display_name = display_name.strip()
    user.timezone = timezone
    fields = ["display_name", "timezone"]
    if language is not None:
        user.language = language
        fields.append("language")
    user.full_clean(exclude=["password"])
    user.save(update_fields=fields)
    if moved:
        time_zone_changed.send(sender=User, user=user)  # reminders re-plan for the new zone
    return user


def user_set_theme(*, user: User, theme: str) -> User:
    """Light, dark, or back to following the person's device."""
    user.theme = theme
    user.full_clean(exclude=["password"])
    user.save(update_fields=["theme"])
    return user


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete the person and, through cascades, everything they own.

    What other people keep is not ours to decide here: apps above this one listen for the
    deletion (accountability ends the partnerships, and the buddy keeps their record)."""
    user.delete()
