from django.conf import settings
from django.db import models


class GoalShare(models.Model):
    """A goal shared with one chosen buddy (used when the goal's visibility is "chosen")."""

    goal = models.ForeignKey("goals.Goal", on_delete=models.CASCADE, related_name="shares")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shared_goals"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["goal", "user"], name="one_share_per_goal_and_buddy")
        ]

    def __str__(self) -> str:
        return f"{self.goal} shared with {self.user}"
