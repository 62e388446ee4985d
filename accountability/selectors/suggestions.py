"""What a goal page shows of the suggestions on a goal, in one query.

The owner sees every suggestion on their goal, from current and former buddies alike (what
was suggested while the goal was shared stays theirs to answer). A buddy sees only their
own, and only while they can see the goal: the page that shows them is behind
``Goal.objects.visible_to``, so they go with the share.
"""

from dataclasses import dataclass, field

from accountability.models import Suggestion
from goals.models import Goal

__all__ = ["GoalSuggestions", "goal_suggestions"]


@dataclass
class GoalSuggestions:
    pending: list[Suggestion] = field(default_factory=list)
    answered: list[Suggestion] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.pending or self.answered)


def goal_suggestions(*, goal: Goal, user) -> GoalSuggestions:
    """The suggestions ``user`` may read on ``goal`` (fetched through visible_to), newest first."""
    rows = Suggestion.objects.filter(goal=goal).select_related("author", "micro_goal")
    if goal.owner_id != user.pk:
        rows = rows.filter(author=user)
    found = GoalSuggestions()
    for suggestion in rows:
        (found.pending if suggestion.is_pending else found.answered).append(suggestion)
    return found
