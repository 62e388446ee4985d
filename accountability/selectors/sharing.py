"""Who sees a goal besides its owner."""

from goals.models import Goal

from .buddies import buddies_of

__all__ = ["goal_audience"]


def goal_audience(*, goal: Goal) -> list:
    """Exactly who, besides the owner, can see this goal now."""
    if goal.visibility == Goal.Visibility.PRIVATE:
        return []
    buddies = buddies_of(user=goal.owner)
    if goal.visibility == Goal.Visibility.BUDDIES:
        return buddies
    chosen = set(goal.shares.values_list("user_id", flat=True))
    return [buddy for buddy in buddies if buddy.pk in chosen]
