from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accountability.models import GoalShare
from accountability.selectors import buddies_of
from accountability.services.calendar import calendar_changed
from goals import reminders
from goals.models import Goal

__all__ = ["goal_set_visibility"]


@transaction.atomic
def goal_set_visibility(
    *, goal: Goal, visibility: str, chosen=(), buddy_reminders: bool | None = None
) -> Goal:
    """Private, all buddies, or chosen buddies (who must be current buddies)."""
    visibility = Goal.Visibility(visibility)
    buddy_ids = {buddy.pk for buddy in buddies_of(user=goal.owner)}
    chosen_ids = {user.pk for user in chosen}
    if chosen_ids - buddy_ids:
        raise ValidationError(_("You can only share with your current buddies."))
    if visibility == Goal.Visibility.CHOSEN and not chosen_ids:
        raise ValidationError(_("Choose at least one buddy, or keep the goal private."))
    goal.visibility = visibility
    fields = ["visibility", "updated_at"]
    if buddy_reminders is not None:
        goal.buddy_reminders = buddy_reminders
        fields.append("buddy_reminders")
    goal.save(update_fields=fields)
    goal.shares.exclude(user_id__in=chosen_ids).delete()
    if visibility == Goal.Visibility.CHOSEN:
        existing = set(goal.shares.values_list("user_id", flat=True))
        GoalShare.objects.bulk_create(
            GoalShare(goal=goal, user_id=pk) for pk in chosen_ids - existing
        )
    else:
        goal.shares.all().delete()
    reminders.arm_goal(goal)  # who gets the buddy heads-up may have changed
    calendar_changed(with_buddies_of=goal.owner_id)
    return goal
