"""Who may read a goal besides its owner: goals asks, through `goals.extensions`.

A current buddy sees the goals shared with all buddies, and those shared with them by name.
Ending a partnership removes access at once, since the buddies are read on every request.
"""

from django.db.models import Q

from goals.models import Goal

from .models import Partnership


def goals_shared_with(user) -> Q:
    """A `Q` over `Goal`: the goals of this person's current buddies they may read."""
    return Q(owner_id__in=Partnership.objects.buddy_ids_of(user)) & (
        Q(visibility=Goal.Visibility.BUDDIES)
        | Q(visibility=Goal.Visibility.CHOSEN, shares__user=user)
    )
