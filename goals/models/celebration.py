from django.db import models
from django.utils.translation import gettext_lazy as _

from ..progress import steps_summary


class Celebration(models.Model):
    """What a person gave themselves for reaching a goal, and what they learned on the way."""

    goal = models.OneToOneField("goals.Goal", on_delete=models.CASCADE, related_name="celebration")
    reward = models.CharField(max_length=300, blank=True)
    hard = models.TextField(_("what was hard"), max_length=4000, blank=True)
    easy = models.TextField(_("what was easy"), max_length=4000, blank=True)
    helped = models.TextField(_("who helped"), max_length=2000, blank=True)
    differently = models.TextField(_("what I would do differently"), max_length=4000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    reflected_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Celebration of {self.goal}"

    @property
    def has_reflection(self) -> bool:
        return bool(self.hard or self.easy or self.helped or self.differently)

    @property
    def steps_line(self) -> str:
        """What happened to the goal's steps, in words ("2 steps done · 1 no longer needed").

        Uses the counts goals.selectors.celebrations_of annotates; never "0 of 2 steps
        done", since the goal was reached.
        """
        return steps_summary(
            done=self.steps_done,
            total=self.steps_total,
            skipped=self.steps_skipped,
            achieved=True,
        )
