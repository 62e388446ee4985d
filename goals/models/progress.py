from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from careergoals.constraints import Rule


class CheckIn(models.Model):
    """A measured value of a goal's metric on a date."""

    goal = models.ForeignKey("goals.Goal", on_delete=models.CASCADE, related_name="check_ins")
    value = models.DecimalField(max_digits=14, decimal_places=2)
    recorded_on = models.DateField()
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_on", "id"]
        indexes = [models.Index(fields=["goal", "recorded_on"])]
        constraints = [
            Rule(
                condition=Q(value__gte=0),
                name="check_in_value_not_negative",
                violation_error_message=_(
                    "Use zero or more. To track a decrease, set a target below the starting value."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.value} on {self.recorded_on}"
