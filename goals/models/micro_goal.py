from django.db import models


class MicroGoal(models.Model):
    """A small dated step towards a goal."""

    class Status(models.TextChoices):
        TODO = "todo", "To do"
        DOING = "doing", "Doing"
        DONE = "done", "Done"
        SKIPPED = "skipped", "No longer needed"  # closed without doing it: not missing

    CLOSED = (Status.DONE, Status.SKIPPED)

    goal = models.ForeignKey("goals.Goal", on_delete=models.CASCADE, related_name="micro_goals")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=200)
    action_plan = models.TextField(max_length=4000, blank=True)
    deadline = models.DateField(null=True, blank=True)
    resources = models.TextField("resources needed", max_length=2000, blank=True)
    helpers = models.CharField("who can help", max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.TODO)
    completed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        indexes = [
            models.Index(fields=["goal", "position"]),
            models.Index(fields=["deadline"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def is_closed(self) -> bool:
        """Done, or no longer needed: nothing is due for it any more."""
        return self.status in self.CLOSED

    @property
    def after_goal_deadline(self) -> bool:
        """Allowed, but worth flagging: the step is due after the goal itself."""
        deadline = self.goal.target_date
        return bool(self.deadline and deadline and self.deadline > deadline)
