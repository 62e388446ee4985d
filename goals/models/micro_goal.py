from django.conf import settings
from django.db import models
from django.db.models import Deferrable, Q
from django.utils.translation import gettext_lazy as _

from careergoals.constraints import Rule


class MicroGoal(models.Model):
    """A small dated step towards a goal."""

    class Status(models.TextChoices):
        TODO = "todo", _("To do")
        DOING = "doing", _("Doing")
        DONE = "done", _("Done")
        SKIPPED = "skipped", _("No longer needed")  # closed without doing it: not missing

    CLOSED = (Status.DONE, Status.SKIPPED)

    goal = models.ForeignKey("goals.Goal", on_delete=models.CASCADE, related_name="micro_goals")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=200)
    action_plan = models.TextField(max_length=4000, blank=True)
    deadline = models.DateField(null=True, blank=True)
    resources = models.TextField(_("resources needed"), max_length=2000, blank=True)
    helpers = models.CharField(_("who can help"), max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.TODO)
    completed_on = models.DateField(null=True, blank=True)
    # The buddy whose suggestion this step was (accepted by the owner); empty otherwise, and
    # once that person deleted their account.
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        indexes = [
            models.Index(fields=["goal", "position"]),
            models.Index(fields=["deadline"]),
        ]
        constraints = [
            # Checked at commit, so a reorder may pass through a moment of two equal places.
            models.UniqueConstraint(
                fields=["goal", "position"],
                name="one_step_per_place",
                deferrable=Deferrable.DEFERRED,
                violation_error_message=_("Two steps of a goal can’t share a place in its list."),
            ),
            Rule(
                condition=Q(status__in=["todo", "doing", "done", "skipped"]),
                name="micro_goal_status_known",
                violation_error_message=_("A step is to do, doing, done or no longer needed."),
            ),
            # micro_goal_set_status: done gets a day; any other status clears it.
            Rule(
                condition=Q(status="done", completed_on__isnull=False)
                | (~Q(status="done") & Q(completed_on__isnull=True)),
                name="micro_goal_done_when_dated",
                violation_error_message=_(
                    "A done step has the day it was done, and only a done step has one."
                ),
            ),
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
