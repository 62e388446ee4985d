from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from careergoals.constraints import Rule

from .partnership import FORMER_BUDDY


class AttainabilityFeedback(models.Model):
    """A buddy's answer to “is this attainable?” on a shared goal; one per buddy, updatable."""

    class Verdict(models.TextChoices):
        REALISTIC = "realistic", _("Realistic")
        STRETCH = "stretch", _("A stretch")
        UNREALISTIC = "unrealistic", _("Unrealistic")

    goal = models.ForeignKey("goals.Goal", on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(  # empty once the author deleted their account
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    verdict = models.CharField(max_length=12, choices=Verdict.choices)
    comment = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "author"], name="one_feedback_per_buddy"),
            Rule(
                condition=Q(verdict__in=["realistic", "stretch", "unrealistic"]),
                name="feedback_verdict_known",
                violation_error_message=_("Choose realistic, a stretch or unrealistic."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.get_verdict_display()}"

    @property
    def author_name(self) -> str:
        return FORMER_BUDDY if self.author_id is None else self.author.name


class Comment(models.Model):
    """Encouragement on a goal or one of its steps; congratulations when it is achieved."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Comment")
        CONGRATULATION = "congratulation", _("Congratulation")

    goal = models.ForeignKey("goals.Goal", on_delete=models.CASCADE, related_name="comments")
    micro_goal = models.ForeignKey(
        "goals.MicroGoal",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
    )
    author = models.ForeignKey(  # empty once the author deleted their account
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COMMENT)
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["goal", "created_at"])]
        constraints = [
            Rule(
                condition=Q(kind__in=["comment", "congratulation"]),
                name="comment_kind_known",
                violation_error_message=_("A note is a comment or a congratulation."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author_name} on {self.goal}"

    @property
    def author_name(self) -> str:
        return FORMER_BUDDY if self.author_id is None else self.author.name


class Nudge(models.Model):
    """A buddy's “how is it going?” email; at most one per goal per day."""

    goal = models.ForeignKey("goals.Goal", on_delete=models.CASCADE, related_name="nudges")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["goal", "sent_on"], name="one_nudge_per_goal_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.sender} nudged {self.goal} on {self.sent_on}"
